/* pdf_report.c - the self-assessment report as a PDF (stage 4: render).
 *
 * Reads the model, the scores and the wording of templates/strings.xml;
 * writes an A4 portrait document in the national official-document format,
 * GB/T 9704-2012: margins 37 / 35 / 28 / 26 mm, body in size 3 (16 pt)
 * FangSong, 22 lines of 28 characters, title in size 2 (22 pt), level-one
 * headings in Hei, level-two in Kai, page numbers in size 4 Song between em
 * dashes, odd pages right and even pages left.  Paragraphs indent two
 * characters and are justified; Chinese lines break by clreq (layout.c).
 * A heading never ends a page and a paragraph leaves no single line alone
 * at a page's top or bottom.  Never touches libxml2.
 */
#include "format.h"
#include "i18n.h"
#include "pdf_flow.h"
#include "render.h"
#include "resolve.h"
#include "score_out.h"
#include "strbuf.h"
#include "utf8.h"

#include <math.h>
#include <string.h>

#define MM(x) QS_MM(x)

/* GB/T 9704 section 5: A4, the text block 156 x 225 mm */
static const double PAGE_W = 595.28, PAGE_H = 841.89;
static const double TOP = MM(37), BOTTOM = MM(35), LEFT = MM(28), RIGHT = MM(26);
static const double BODY = 16.0;    /* size 3 */
static const double TITLE = 22.0;   /* size 2 */
static const double PAGENO = 14.0;  /* size 4 */
static const double CELL = 12.0;    /* report tables */
static const int LINES = 22, CHARS = 28; /* per page, per line */

typedef struct report {
    qs_flow f;
    const qs_case *c;
    const qs_scores *sc;
    const qs_facts *facts;
    const qs_strings *s;
    qs_arena *a;
    qs_pdf *pdf;
    qs_pdf_style body, h1, h2, title, cell, head;
    time_t epoch;
    qs_srcpos doc_pos; /* where a text came from when it is the report's own */
} report;

/* key's wording filled with pairs, then with the plan's region, year and campaign */
static const char *fmt(report *r, const char *key, const char *const *pairs)
{
    return qs_format(r->a, qs_wording(r->s, key), qs_model_pairs(r->a, r->c->plan, pairs));
}

static const char *pts(report *r, qs_points p)
{
    return qs_points_text(r->a, p);
}

static const char *num(report *r, long n)
{
    return qs_arena_printf(r->a, "%ld", n);
}

static const char *percent(report *r, qs_points earned, qs_points available)
{
    return available > 0 ? qs_arena_printf(r->a, "%.1f%%", 100.0 * earned / available) : "";
}

/* the n-th Chinese numeral (1-based) from the template's list */
static const char *numeral(report *r, int n)
{
    const char *list = qs_wording(r->s, "report.numerals");
    for (int i = 1; *list; i++) {
        const char *comma = strchr(list, ',');
        size_t len = comma ? (size_t)(comma - list) : strlen(list);
        if (i == n)
            return qs_arena_strndup(r->a, list, len);
        if (!comma)
            break;
        list = comma + 1;
    }
    return num(r, n);
}

/* ---- the document, section by section ---- */

/* GB/T 9704 section 7.3.1: the title, centred, then one blank line */
static void write_title(report *r, const char *title)
{
    qs_flow_centred(&r->f, &r->title, title, TITLE * 1.5);
    r->f.y -= r->f.pitch;
}

/* GB/T 9704 section 7.3.2: the recipient flush left, a full-width colon
 * after it, wrapped lines flush left too; none when the plan names none */
static void write_recipient(report *r)
{
    if (!r->c->plan->recipient || !*r->c->plan->recipient)
        return;
    const char *p[] = {"recipient", r->c->plan->recipient, NULL};
    qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.recipient", p), false);
}

static void write_preamble(report *r)
{
    const qs_plan *p = r->c->plan;
    const char *plan_title = "";
    for (size_t i = 0; i < p->n_title; i++)
        plan_title = qs_arena_printf(r->a, "%s%s", plan_title, p->title[i]);
    const char *pairs[] = {"schema_title", r->c->schema->title, "plan_title", plan_title, "issuer",
                           p->issuer, "n_indicators", num(r, (long)r->c->schema->n_indicators), NULL};
    qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.preamble", pairs), true);
}

/* the responsible units without evidence (facts.h), in the facts' order */
static const char *silent_units(report *r)
{
    qs_strbuf list;
    qs_strbuf_init(&list, r->a);
    for (size_t i = 0; i < r->facts->n_silent; i++)
        qs_strbuf_join(&list, qs_wording(r->s, "list.separator"), r->facts->silent[i]->unit->name);
    return qs_strbuf_text(&list);
}

static void write_basic(report *r)
{
    const qs_scores *sc = r->sc;
    qs_flow_heading(&r->f, &r->h1, qs_wording(r->s, "report.h1.basic"), true);
    size_t n_cat = 0;
    for (size_t i = 0; i < sc->n_categories; i++)
        n_cat += !sc->categories[i].category->bonus;
    const char *p1[] = {"n_categories", num(r, (long)n_cat), "n_indicators", num(r, (long)sc->n_indicators),
                        "base", pts(r, sc->base), "base_available", pts(r, sc->base_available), "rate",
                        percent(r, sc->base, sc->base_available), "bonus", pts(r, sc->bonus), "total",
                        pts(r, sc->total), NULL};
    qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.basic.score", p1), true);
    /* every count is one of the facts of the case, as every other document shows it */
    const qs_facts *fa = r->facts;
    const char *p2[] = {"n_units", num(r, (long)fa->n_reporting), "n_entries", num(r, (long)fa->n_entries),
                        "n_items", num(r, (long)fa->n_items_covered), "n_items_total", num(r, (long)fa->n_items),
                        "n_documents", num(r, (long)fa->n_documents), NULL};
    qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.basic.evidence", p2), true);
    if (fa->n_silent) {
        const char *p3[] = {"units", silent_units(r), "n", num(r, (long)fa->n_silent), NULL};
        qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.basic.missing", p3), true);
    }
}

/* one part per category, from the units' narrative evidence in table order */
static void write_practice(report *r)
{
    qs_flow_heading(&r->f, &r->h1, qs_wording(r->s, "report.h1.practice"), true);
    const qs_schema *s = r->c->schema;
    int part = 0;
    for (size_t ci = 0; ci < s->n_categories; ci++) {
        const qs_category *cat = &s->categories[ci];
        const char *pairs[] = {"n", numeral(r, ++part), "name", cat->name, NULL};
        qs_flow_heading(&r->f, &r->h2, fmt(r, "report.h2", pairs), false);
        size_t written = 0;
        const char **seen = qs_arena_calloc(r->a, 4096, sizeof *seen);
        size_t n_seen = 0;
        for (size_t i = cat->first; i < cat->first + cat->count; i++)
            for (size_t f = 0; f < r->c->n_evidence; f++)
                for (size_t u = 0; u < r->c->evidence[f].n_units; u++) {
                    const qs_evidence_unit *eu = &r->c->evidence[f].units[u];
                    for (size_t k = 0; k < eu->n_items; k++) {
                        const qs_evidence_item *it = &eu->items[k];
                        if (!it->item || it->item->indicator != &s->indicators[i])
                            continue;
                        /* what happened comes before what was done about it */
                        for (size_t j = 0; j < it->n_incidents; j++) {
                            const qs_incident *inc = &it->incidents[j];
                            const char *pn[] = {"date",
                                                qs_format_date(r->a, qs_wording(r->s, "date"), inc->date),
                                                "text", inc->text ? inc->text : "", NULL};
                            r->f.where = inc->pos;
                            r->f.what = qs_arena_printf(r->a, _("the incident of item %s"), it->ref);
                            qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.practice.incident", pn), true);
                            r->f.where = r->doc_pos;
                            r->f.what = _("the report");
                            written++;
                        }
                        for (size_t j = 0; j < it->n_narratives; j++) {
                            bool dup = false;
                            for (size_t x = 0; x < n_seen && !dup; x++)
                                dup = !strcmp(seen[x], it->narratives[j]);
                            if (dup)
                                continue;
                            if (n_seen < 4096)
                                seen[n_seen++] = it->narratives[j];
                            r->f.where = it->pos;
                            r->f.what = qs_arena_printf(r->a, _("the narrative of item %s"), it->ref);
                            qs_flow_paragraph(&r->f, &r->body, it->narratives[j], true);
                            r->f.where = r->doc_pos;
                            r->f.what = _("the report");
                            written++;
                        }
                    }
                }
        if (!written)
            qs_flow_paragraph(&r->f, &r->body, qs_wording(r->s, "report.practice.none"), true);
    }
}

/* a horizontal bar per category: its score rate, drawn as vector graphics */
static void write_chart(report *r)
{
    const qs_scores *sc = r->sc;
    size_t n = 0;
    for (size_t i = 0; i < sc->n_categories; i++)
        n += !sc->categories[i].category->bonus;
    double bar = 18, gap = 14, label_w = r->f.width * 0.30, plot_w = r->f.width * 0.58;
    double h = (double)n * (bar + gap) + 40;
    qs_flow_need(&r->f, h + r->f.pitch);
    HPDF_Page pg = r->f.page;
    bool draw = !r->f.dry;
    double x0 = LEFT + label_w, top = r->f.y - 8, bottom = top - (double)n * (bar + gap);
    /* grid at every 20 % */
    if (draw) {
        HPDF_Page_SetLineWidth(pg, 0.4f);
        HPDF_Page_SetRGBStroke(pg, 0.7f, 0.7f, 0.7f);
    }
    for (int g = 0; g <= 5; g++) {
        double gx = x0 + plot_w * g / 5.0;
        if (draw) {
            HPDF_Page_MoveTo(pg, (HPDF_REAL)gx, (HPDF_REAL)top);
            HPDF_Page_LineTo(pg, (HPDF_REAL)gx, (HPDF_REAL)bottom);
            HPDF_Page_Stroke(pg);
        }
        const char *t = qs_arena_printf(r->a, "%d%%", g * 20);
        double tw = qs_pdf_width(&r->cell, t, strlen(t));
        qs_flow_put(&r->f, &r->cell, gx - tw / 2, bottom - CELL - 2, t, strlen(t));
    }
    if (draw)
        HPDF_Page_SetRGBStroke(pg, 0, 0, 0);
    double y = top - gap / 2;
    for (size_t i = 0; i < sc->n_categories; i++) {
        const qs_category_score *cs = &sc->categories[i];
        if (cs->category->bonus)
            continue;
        double rate = cs->available > 0 ? (double)cs->earned / cs->available : 0;
        const char *name = cs->category->name;
        double nw = qs_pdf_width(&r->cell, name, strlen(name));
        qs_flow_put(&r->f, &r->cell, x0 - 6 - nw, y - bar / 2 - CELL * 0.35, name, strlen(name));
        if (draw) {
            HPDF_Page_SetRGBFill(pg, 0.18f, 0.35f, 0.62f);
            HPDF_Page_Rectangle(pg, (HPDF_REAL)x0, (HPDF_REAL)(y - bar), (HPDF_REAL)(plot_w * rate), (HPDF_REAL)bar);
            HPDF_Page_Fill(pg);
            HPDF_Page_SetRGBFill(pg, 0, 0, 0);
        }
        const char *v = percent(r, cs->earned, cs->available);
        qs_flow_put(&r->f, &r->cell, x0 + plot_w * rate + 4, y - bar / 2 - CELL * 0.35, v, strlen(v));
        y -= bar + gap;
    }
    if (draw) {
        HPDF_Page_SetLineWidth(pg, 0.8f);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)top);
        HPDF_Page_LineTo(pg, (HPDF_REAL)x0, (HPDF_REAL)bottom);
        HPDF_Page_Stroke(pg);
        HPDF_Page_SetLineWidth(pg, 0.6f);
    }
    r->f.y -= h;
    qs_flow_centred(&r->f, &r->h1, qs_wording(r->s, "report.chart"), r->f.pitch);
}

static void write_scores(report *r)
{
    const qs_scores *sc = r->sc;
    qs_flow_heading(&r->f, &r->h1, qs_wording(r->s, "report.h1.scores"), true);
    qs_flow_paragraph(&r->f, &r->body, qs_wording(r->s, "report.scores.intro"), true);

    const qs_flow_column c1[] = {{qs_wording(r->s, "report.col.category"), 0.46, false, false},
                                 {qs_wording(r->s, "report.col.available"), 0.16, true, false},
                                 {qs_wording(r->s, "report.col.earned"), 0.2, true, false},
                                 {qs_wording(r->s, "report.col.rate"), 0.18, true, false}};
    size_t n1 = 0;
    const char **rows1 = qs_arena_calloc(r->a, (sc->n_categories + 3) * 4, sizeof *rows1);
    for (size_t i = 0; i < sc->n_categories; i++) {
        const qs_category_score *cs = &sc->categories[i];
        if (cs->category->bonus)
            continue;
        const char **row = rows1 + 4 * n1++;
        row[0] = cs->category->name;
        row[1] = pts(r, cs->available);
        row[2] = pts(r, cs->earned);
        row[3] = percent(r, cs->earned, cs->available);
    }
    const char **row = rows1 + 4 * n1++;
    row[0] = qs_wording(r->s, "report.row.base");
    row[1] = pts(r, sc->base_available);
    row[2] = pts(r, sc->base);
    row[3] = percent(r, sc->base, sc->base_available);
    const char *cap[] = {"cap", pts(r, r->c->schema->bonus_cap), NULL};
    row = rows1 + 4 * n1++;
    row[0] = fmt(r, "report.row.bonus", cap);
    row[1] = pts(r, r->c->schema->bonus_cap);
    row[2] = pts(r, sc->bonus);
    row[3] = "";
    row = rows1 + 4 * n1++;
    row[0] = qs_wording(r->s, "report.row.total");
    row[1] = "";
    row[2] = pts(r, sc->total);
    row[3] = "";
    qs_flow_table(&r->f, &r->h1, qs_wording(r->s, "report.table1"), &r->head, &r->cell, c1, 4, rows1, n1);

    const qs_flow_column c2[] = {{qs_wording(r->s, "report.col.no"), 0.1, true, false},
                                 {qs_wording(r->s, "report.col.indicator"), 0.45, false, false},
                                 {qs_wording(r->s, "report.col.points"), 0.15, true, false},
                                 {qs_wording(r->s, "report.col.earned"), 0.15, true, false},
                                 {qs_wording(r->s, "report.col.lost"), 0.15, true, false}};
    const char **rows2 = qs_arena_calloc(r->a, sc->n_indicators * 5, sizeof *rows2);
    for (size_t i = 0; i < sc->n_indicators; i++) {
        const qs_indicator_score *is = &sc->indicators[i];
        const qs_indicator *ind = is->indicator;
        const char **rw = rows2 + 5 * i;
        rw[0] = num(r, ind->no);
        rw[1] = ind->group ? qs_arena_printf(r->a, "%s%s%s", ind->category->name,
                                             qs_wording(r->s, "list.separator"), ind->group->name)
                           : ind->category->name;
        rw[2] = pts(r, is->available);
        rw[3] = pts(r, is->earned);
        rw[4] = is->earned < is->available ? pts(r, is->available - is->earned) : "";
    }
    qs_flow_table(&r->f, &r->h1, qs_wording(r->s, "report.table2"), &r->head, &r->cell, c2, 5, rows2,
                  sc->n_indicators);
    write_chart(r);
}

/* the value a target is measured by, from the units' unit-level measures */
static const qs_measure *target_value(report *r, const qs_target *t)
{
    for (size_t f = 0; f < r->c->n_evidence; f++)
        for (size_t u = 0; u < r->c->evidence[f].n_units; u++) {
            const qs_evidence_unit *eu = &r->c->evidence[f].units[u];
            for (size_t k = 0; k < eu->n_measures; k++)
                if (!strcmp(eu->measures[k].quantity, t->quantity))
                    return &eu->measures[k];
        }
    return NULL;
}

static void write_targets(report *r)
{
    const qs_plan *p = r->c->plan;
    qs_flow_heading(&r->f, &r->h1, qs_wording(r->s, "report.h1.targets"), true);
    size_t met = 0, missed = 0, unknown = 0;
    for (size_t i = 0; i < p->n_targets; i++) {
        const qs_measure *m = target_value(r, &p->targets[i]);
        if (!m)
            unknown++;
        else if (qs_op_holds(p->targets[i].op, m->value, p->targets[i].value))
            met++;
        else
            missed++;
    }
    const char *plan_title = "";
    for (size_t i = 0; i < p->n_title; i++)
        plan_title = qs_arena_printf(r->a, "%s%s", plan_title, p->title[i]);
    const char *pc[] = {"met", num(r, (long)met), "missed", num(r, (long)missed), "unknown",
                        num(r, (long)unknown), NULL};
    /* only the outcomes that occur: no "未报送数据0项" */
    qs_strbuf outcomes;
    qs_strbuf_init(&outcomes, r->a);
    if (met == p->n_targets) {
        qs_strbuf_add(&outcomes, qs_wording(r->s, "report.targets.all_met"));
    } else {
        if (met)
            qs_strbuf_join(&outcomes, qs_wording(r->s, "report.targets.sep"),
                           fmt(r, "report.targets.met", pc));
        if (missed)
            qs_strbuf_join(&outcomes, qs_wording(r->s, "report.targets.sep"),
                           fmt(r, "report.targets.missed", pc));
        if (unknown)
            qs_strbuf_join(&outcomes, qs_wording(r->s, "report.targets.sep"),
                           fmt(r, "report.targets.unknown", pc));
    }
    const char *pi[] = {"plan_title", plan_title, "n", num(r, (long)p->n_targets), "outcomes",
                        qs_strbuf_text(&outcomes), NULL};
    if (p->n_targets)
        qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.targets.intro", pi), true);
    for (size_t i = 0; i < p->n_targets; i++) {
        const qs_target *t = &p->targets[i];
        const qs_measure *m = target_value(r, t);
        const qs_quantity *q = qs_model_quantity(r->c->schema, p, t->quantity);
        const char *outcome;
        if (!m) {
            outcome = qs_wording(r->s, "report.target.unknown");
        } else {
            const char *po[] = {"value", qs_format_value(r->a, m->value, q ? q->unit : NULL), NULL};
            outcome = fmt(r, qs_op_holds(t->op, m->value, t->value) ? "report.target.met" : "report.target.missed",
                          po);
        }
        const char *pt[] = {"n", num(r, (long)i + 1), "text", t->text, "outcome", outcome, NULL};
        qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.targets.item", pt), true);
    }
}

static void write_problems(report *r)
{
    const qs_scores *sc = r->sc;
    qs_flow_heading(&r->f, &r->h1, qs_wording(r->s, "report.h1.problems"), true);
    size_t n;
    const qs_item_score **loss = qs_score_losses(sc, r->a, &n);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++)
        shown += !loss[i]->item->indicator->category->bonus;
    if (!shown) {
        qs_flow_paragraph(&r->f, &r->body, qs_wording(r->s, "report.problems.none"), true);
        return;
    }
    const char *pi[] = {"lost", pts(r, sc->base_available - sc->base), NULL};
    qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.problems.intro", pi), true);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const qs_item_score *is = loss[i];
        const qs_indicator *ind = is->item->indicator;
        if (ind->category->bonus)
            continue;
        const char *pg[] = {"group", ind->group ? ind->group->name : ind->category->name, NULL};
        /* the item's reason ends where the template's own bracket begins */
        const char *why = is->why ? is->why : "";
        size_t wl = strlen(why);
        if (wl >= 3 && !strcmp(why + wl - 3, "\xE3\x80\x82")) /* a final full stop */
            why = qs_arena_strndup(r->a, why, wl - 3);
        const char *p[] = {"n", num(r, (long)++k), "why", why, "indicator", num(r, ind->no),
                           "group", fmt(r, "report.problems.group", pg), "lost",
                           pts(r, is->available - is->earned), "unit", is->unit ? is->unit->name : "", NULL};
        qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.problems.item", p), true);
    }
}

/* the kinds of gap the report found: targets missed, evidence not sent */
static const char *gaps(report *r)
{
    const qs_plan *p = r->c->plan;
    bool missed = false, silent = false;
    for (size_t i = 0; i < p->n_targets && !missed; i++) {
        const qs_measure *m = target_value(r, &p->targets[i]);
        missed = !m || !qs_op_holds(p->targets[i].op, m->value, p->targets[i].value);
    }
    for (size_t i = 0; i < r->sc->n_indicators && !silent; i++)
        for (size_t k = 0; k < r->sc->indicators[i].n_items && !silent; k++)
            silent = r->sc->indicators[i].items[k].reason == QS_REASON_NO_EVIDENCE;
    silent = silent || r->facts->n_silent; /* the responsible units without evidence (facts.h) */
    qs_strbuf b;
    qs_strbuf_init(&b, r->a);
    if (missed)
        qs_strbuf_join(&b, qs_wording(r->s, "report.next.gap.sep"),
                       qs_wording(r->s, "report.next.gap.targets"));
    if (silent)
        qs_strbuf_join(&b, qs_wording(r->s, "report.next.gap.sep"),
                       qs_wording(r->s, "report.next.gap.evidence"));
    return qs_strbuf_text(&b);
}

static void write_next_steps(report *r, size_t n_problems)
{
    qs_flow_heading(&r->f, &r->h1, qs_wording(r->s, "report.h1.next"), true);
    const char *g = gaps(r);
    const char *p[] = {"n_problems", num(r, (long)n_problems), "gaps", g, NULL};
    qs_flow_paragraph(&r->f, &r->body, fmt(r, n_problems ? "report.next.1" : "report.next.1.none", p), true);
    qs_flow_paragraph(&r->f, &r->body, fmt(r, *g ? "report.next.2" : "report.next.2.none", p), true);
    qs_flow_paragraph(&r->f, &r->body, fmt(r, "report.next.3", p), true);
}

/* GB/T 9704 section 7.3.5.2 (no seal): one blank line, the issuer two
 * characters in from the right, the date below it starting two characters
 * further right; a longer date sits two in from the right instead */
static void write_signature(report *r)
{
    struct tm tm;
    gmtime_r(&r->epoch, &tm);
    const char *iso = qs_arena_printf(r->a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    const char *date = qs_format_date(r->a, qs_wording(r->s, "date"), iso);
    const char *issuer = r->c->plan->issuer;
    double em = BODY, right = LEFT + r->f.width;
    double ws = qs_pdf_width(&r->body, issuer, strlen(issuer)), wd = qs_pdf_width(&r->body, date, strlen(date));
    double xs = right - 2 * em - ws, xd = xs + 2 * em;
    if (xd + wd > right - 2 * em) {
        xd = right - 2 * em - wd;
        xs = xd - 2 * em;
    }
    if (qs_flow_lines_left(&r->f) < 3)
        qs_flow_new_page(&r->f);
    r->f.y -= r->f.pitch;
    qs_flow_put(&r->f, &r->body, xs, qs_flow_baseline(&r->body, r->f.y, r->f.pitch), issuer, strlen(issuer));
    r->f.y -= r->f.pitch;
    qs_flow_put(&r->f, &r->body, xd, qs_flow_baseline(&r->body, r->f.y, r->f.pitch), date, strlen(date));
    r->f.y -= r->f.pitch;
}

/* The whole document, in reading order; run twice (qs_flow_run). */
static void write_document(void *ctx)
{
    report *r = ctx;
    qs_flow_new_page(&r->f);
    write_title(r, fmt(r, "report.title", NULL));
    write_recipient(r);
    write_preamble(r);
    write_basic(r);
    write_practice(r);
    write_scores(r);
    write_targets(r);
    write_problems(r);
    size_t n;
    const qs_item_score **loss = qs_score_losses(r->sc, r->a, &n);
    size_t problems = 0;
    for (size_t i = 0; i < n; i++)
        problems += !loss[i]->item->indicator->category->bonus;
    write_next_steps(r, problems);
    write_signature(r);
}

qs_status qs_render_report_pdf(const qs_case *c, const qs_scores *sc, const qs_facts *fa, const qs_dest *to,
                               const qs_render_opts *o, bool draft, qs_diags *d)
{
    qs_pdf *pdf = qs_pdf_new(o->fonts, d);
    report r = {.c = c, .sc = sc, .facts = fa, .s = o->strings, .a = qs_arena_new(), .pdf = pdf, .epoch = o->epoch};
    qs_flow *f = &r.f;
    *f = (qs_flow){.pdf = pdf, .a = r.a, .page_w = PAGE_W, .page_h = PAGE_H, .top = TOP,
                   .bottom = BOTTOM, .left = LEFT, .right = RIGHT};
    f->width = PAGE_W - LEFT - RIGHT;
    f->pitch = (PAGE_H - TOP - BOTTOM) / LINES;
    f->mark = draft || c->plan->status == QS_STATUS_DRAFT ? qs_wording(r.s, "report.draft") : NULL;
    f->mark_style = (qs_pdf_style){pdf, QS_ROLE_HEADING1, 96, 0, .outlines = true};
    f->pageno_style = (qs_pdf_style){pdf, QS_ROLE_PAGENUM, PAGENO, 0, false};
    /* 28 characters fill the 156 mm line: a little under 16 pt each */
    double tracking = f->width / CHARS - BODY;
    r.body = (qs_pdf_style){pdf, QS_ROLE_BODY, BODY, tracking, false};
    r.h1 = (qs_pdf_style){pdf, QS_ROLE_HEADING1, BODY, tracking, false};
    r.h2 = (qs_pdf_style){pdf, QS_ROLE_HEADING2, BODY, tracking, false};
    r.title = (qs_pdf_style){pdf, QS_ROLE_TITLE, TITLE, 0, false};
    r.cell = (qs_pdf_style){pdf, QS_ROLE_BODY, CELL, 0, false};
    r.head = (qs_pdf_style){pdf, QS_ROLE_HEADING1, CELL, 0, false};
    r.doc_pos = (qs_srcpos){to->shown, 0};
    f->where = r.doc_pos;
    f->what = _("the report");
    qs_status st = qs_flow_run(f, write_document, &r);
    if (st != QS_OK)
        goto cleanup;

    qs_pdf_info info = {fmt(&r, "report.title", NULL), c->plan->issuer, fmt(&r, "report.subject", NULL),
                        fmt(&r, "report.keywords", NULL), o->epoch};
    st = qs_pdf_save(pdf, to, &info);
cleanup:
    qs_pdf_free(pdf);
    qs_arena_free(r.a);
    return st;
}
