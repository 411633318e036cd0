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
#include "layout.h"
#include "pdf_doc.h"
#include "render.h"
#include "resolve.h"
#include "score_out.h"
#include "utf8.h"

#include <math.h>
#include <string.h>

#define MM(x) ((x) * 72.0 / 25.4)

/* GB/T 9704 section 5: A4, the text block 156 x 225 mm */
static const double PAGE_W = 595.28, PAGE_H = 841.89;
static const double TOP = MM(37), BOTTOM = MM(35), LEFT = MM(28), RIGHT = MM(26);
static const double BODY = 16.0;    /* size 3 */
static const double TITLE = 22.0;   /* size 2 */
static const double PAGENO = 14.0;  /* size 4 */
static const double CELL = 12.0;    /* report tables */
static const int LINES = 22, CHARS = 28; /* per page, per line */

typedef struct report {
    const qs_case *c;
    const qs_scores *sc;
    const qs_strings *s;
    qs_arena *a;
    qs_pdf *pdf;
    bool draft;
    qs_pdf_style body, h1, h2, title, pageno, cell, head, mark;
    double width, pitch; /* text block width; line pitch */
    HPDF_Page page;
    int n_pages;
    double y; /* top of the next line box */
    time_t epoch;
    /* pass 1 (dry) only declares the texts, so fonts can be subset; pass 2 draws */
    bool dry, ok;
    qs_srcpos where; /* where the text being laid out came from */
    const char *what;
    qs_srcpos doc_pos; /* the default: the output */
} report;

/* every piece of text goes through here: declared in pass 1, drawn in pass 2 */
static void put(report *r, const qs_pdf_style *s, double x, double y, const char *text, size_t len,
                double spacing)
{
    if (r->dry) {
        r->ok &= qs_pdf_need(r->pdf, s->role, qs_arena_strndup(r->a, text, len), r->where, r->what);
        return;
    }
    qs_pdf_text(r->pdf, r->page, s, x, y, text, len, spacing);
}

static const char *str(const report *r, const char *key)
{
    const char *v = qs_strings_get(r->s, key);
    return v ? v : key;
}

static const char *fmt(report *r, const char *key, const char *const *pairs)
{
    return qs_format(r->a, str(r, key), pairs);
}

static const char *pts(report *r, qs_points p)
{
    char buf[16];
    return qs_arena_strdup(r->a, qs_points_str(p, buf));
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
    const char *list = str(r, "report.numerals");
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

/* ---- pages ---- */

static double block_top(void) { return PAGE_H - TOP; }

/* the draft mark, large and light, under everything else on the page */
static void draw_watermark(report *r)
{
    const char *text = str(r, "report.draft");
    double w = qs_pdf_width(&r->mark, text, strlen(text));
    if (r->dry) {
        put(r, &r->mark, 0, 0, text, strlen(text), 0);
        return;
    }
    HPDF_Page_GSave(r->page);
    HPDF_Page_SetRGBFill(r->page, 0.86f, 0.86f, 0.86f);
    HPDF_Page_Concat(r->page, 0.8191f, 0.5736f, -0.5736f, 0.8191f, (HPDF_REAL)(PAGE_W / 2),
                     (HPDF_REAL)(PAGE_H / 2)); /* 35 degrees about the page centre */
    put(r, &r->mark, -w / 2, -r->mark.size / 3, text, strlen(text), 0);
    HPDF_Page_GRestore(r->page);
}

/* GB/T 9704 section 7.5: page number in size 4 Song with an em dash each
 * side, its top 7 mm below the text block; odd pages right, even left, one
 * character in from the block's edge */
static void draw_page_number(report *r)
{
    const char *text = qs_arena_printf(r->a, "— %d —", r->n_pages);
    double w = qs_pdf_width(&r->pageno, text, strlen(text));
    double y = BOTTOM - MM(7) - PAGENO * 0.8;
    double x = r->n_pages % 2 ? PAGE_W - RIGHT - PAGENO - w : LEFT + PAGENO;
    put(r, &r->pageno, x, y, text, strlen(text), 0);
}

static void new_page(report *r)
{
    r->page = r->dry ? NULL : qs_pdf_page(r->pdf, PAGE_W, PAGE_H);
    r->n_pages++;
    if (r->draft)
        draw_watermark(r);
    draw_page_number(r);
    r->y = block_top();
}

/* whole body lines left on the page */
static int lines_left(const report *r)
{
    return (int)floor((r->y - BOTTOM) / r->pitch + 1e-6);
}

static void need(report *r, double height)
{
    if (r->y - height < BOTTOM - 0.01)
        new_page(r);
}

/* baseline of a line of style s in a box of height h whose top is y */
static double baseline(const qs_pdf_style *s, double y, double h)
{
    return y - (h - s->size) / 2 - s->size * 0.86;
}

/* ---- text ---- */

/* Justify a line to the measure with character spacing (clreq: Chinese
 * text is justified, a paragraph's last line is not; word spacing does
 * nothing to two-byte text). */
static double justify(const char *text, const qs_line *ln, double measure)
{
    /* the space goes after each stretchable character but the line's last */
    size_t n = qs_pdf_stretchable(text + ln->start, ln->end - ln->start);
    double extra = n > 1 ? (measure - ln->width) / (double)(n - 1) : 0;
    return extra > 0 && extra < 8 ? extra : 0;
}

static void draw_line(report *r, const qs_pdf_style *s, const char *text, const qs_line *ln, double x,
                      double measure, bool just)
{
    double spacing = just && !ln->last ? justify(text, ln, measure) : 0;
    put(r, s, x, baseline(s, r->y, r->pitch), text + ln->start, ln->end - ln->start, spacing);
    r->y -= r->pitch;
}

/* A paragraph indented two characters, justified, at the body pitch.
 * Widows and orphans: never one line alone at a page's bottom or top. */
static void paragraph(report *r, const qs_pdf_style *s, const char *text, bool indent)
{
    const char *t = indent ? qs_arena_printf(r->a, "\xE3\x80\x80\xE3\x80\x80%s", text) : text;
    qs_line *lines;
    int n = (int)qs_layout_break(t, r->width, qs_pdf_measure, (void *)s, r->a, &lines);
    int i = 0;
    while (i < n) {
        int left = lines_left(r), rest = n - i;
        if (rest <= left) {
            for (; i < n; i++)
                draw_line(r, s, t, &lines[i], LEFT, r->width, true);
            break;
        }
        int k = left;
        if (rest - k == 1)
            k--; /* leave two lines for the next page, not a widow */
        if (k < 2 || (i == 0 && k < 2)) { /* no orphan: start on the next page */
            new_page(r);
            continue;
        }
        for (int j = 0; j < k; j++, i++)
            draw_line(r, s, t, &lines[i], LEFT, r->width, true);
        new_page(r);
    }
}

/* a heading: kept with at least two lines of what follows */
static void heading(report *r, const qs_pdf_style *s, const char *text, bool bookmark)
{
    if (lines_left(r) < 3)
        new_page(r);
    if (bookmark && !r->dry)
        qs_pdf_outline(r->pdf, r->page, r->y, text);
    paragraph(r, s, text, true);
}

/* A two-line title breaks where a phrase ends, not inside a word: before
 * an opening quote or bracket, or after a closing one (GB/T 9704 section
 * 7.3.1: "line breaks keep words whole, lines symmetrical").  Returns the
 * byte offset of the most balanced such break that fits, or 0. */
static size_t phrase_break(const qs_pdf_style *s, const char *text, double width)
{
    size_t len = strlen(text), best = 0;
    double best_diff = 1e9, total = qs_pdf_width(s, text, len);
    for (size_t i = 1; i < len;) {
        uint32_t prev, cp;
        size_t back = i - 1;
        while (back > 0 && ((unsigned char)text[back] & 0xC0) == 0x80)
            back--;
        qs_utf8_decode(text + back, i - back, &prev);
        size_t n = qs_utf8_decode(text + i, len - i, &cp);
        bool phrase = qs_layout_no_end(cp) || (qs_layout_no_start(prev) && !qs_layout_no_start(cp));
        if (phrase) {
            double w1 = qs_pdf_width(s, text, i), w2 = total - w1;
            double diff = w1 > w2 ? w1 - w2 : w2 - w1;
            if (w1 <= width && w2 <= width && diff < best_diff) {
                best = i;
                best_diff = diff;
            }
        }
        i += n ? n : 1;
    }
    return best;
}

/* centred lines, e.g. the title (GB/T 9704 section 7.3.1) */
static void centred(report *r, const qs_pdf_style *s, const char *text, double pitch)
{
    qs_line *lines;
    size_t n = qs_layout_break(text, r->width, qs_pdf_measure, (void *)s, r->a, &lines);
    size_t cut = n == 2 ? phrase_break(s, text, r->width) : 0;
    if (cut) {
        lines[0].start = 0;
        lines[0].end = cut;
        lines[0].width = qs_pdf_width(s, text, cut);
        lines[1].start = cut;
        lines[1].end = strlen(text);
        lines[1].width = qs_pdf_width(s, text + cut, strlen(text) - cut);
    } else if (n > 1) {
        /* otherwise balanced: the narrowest measure that keeps the count */
        double lo = r->width / 2, hi = r->width;
        for (int i = 0; i < 12; i++) {
            double mid = (lo + hi) / 2;
            qs_line *l;
            if (qs_layout_break(text, mid, qs_pdf_measure, (void *)s, r->a, &l) > n)
                lo = mid;
            else
                hi = mid;
        }
        n = qs_layout_break(text, hi, qs_pdf_measure, (void *)s, r->a, &lines);
    }
    need(r, (double)n * pitch);
    for (size_t i = 0; i < n; i++) {
        double x = LEFT + (r->width - lines[i].width) / 2;
        put(r, s, x, baseline(s, r->y, pitch), text + lines[i].start, lines[i].end - lines[i].start, 0);
        r->y -= pitch;
    }
}

/* ---- tables ---- */

typedef struct column {
    const char *head;
    double share; /* of the text block's width */
    bool centre;
} column;

typedef struct cells {
    qs_line *lines[8];
    size_t n[8];
    double h;
} cells;

static cells measure_row(report *r, const column *cols, int n, const char *const *text)
{
    cells c = {0};
    c.h = 0;
    for (int i = 0; i < n; i++) {
        c.n[i] = qs_layout_break(text[i], cols[i].share * r->width - 8, qs_pdf_measure, (void *)&r->cell,
                                 r->a, &c.lines[i]);
        double h = (double)c.n[i] * CELL * 1.4 + 8;
        if (h > c.h)
            c.h = h;
    }
    return c;
}

static void draw_row(report *r, const column *cols, int n, const char *const *text, const cells *c,
                     const qs_pdf_style *s)
{
    double x = LEFT;
    for (int i = 0; i < n; i++) {
        double w = cols[i].share * r->width;
        if (!r->dry) {
            HPDF_Page_Rectangle(r->page, (HPDF_REAL)x, (HPDF_REAL)(r->y - c->h), (HPDF_REAL)w, (HPDF_REAL)c->h);
            HPDF_Page_Stroke(r->page);
        }
        double lh = CELL * 1.4, top = r->y - (c->h - (double)c->n[i] * lh) / 2;
        for (size_t k = 0; k < c->n[i]; k++) {
            const qs_line *ln = &c->lines[i][k];
            double lx = cols[i].centre ? x + (w - ln->width) / 2 : x + 4;
            put(r, s, lx, baseline(s, top - (double)k * lh, lh), text[i] + ln->start, ln->end - ln->start, 0);
        }
        x += w;
    }
    r->y -= c->h;
}

/* A captioned table whose header row repeats on every page it crosses;
 * a row never splits. */
static void table(report *r, const char *caption, const column *cols, int n, const char *const *rows,
                  size_t n_rows)
{
    const char *head[8];
    for (int i = 0; i < n; i++)
        head[i] = cols[i].head;
    cells hc = measure_row(r, cols, n, head);
    cells first = n_rows ? measure_row(r, cols, n, rows) : hc;
    need(r, r->pitch + hc.h + first.h); /* caption, header and a row together */
    centred(r, &r->h1, caption, r->pitch);
    draw_row(r, cols, n, head, &hc, &r->head);
    for (size_t i = 0; i < n_rows; i++) {
        const char *const *row = rows + i * (size_t)n;
        cells c = measure_row(r, cols, n, row);
        if (r->y - c.h < BOTTOM) {
            new_page(r);
            draw_row(r, cols, n, head, &hc, &r->head);
        }
        draw_row(r, cols, n, row, &c, &r->cell);
    }
    /* back onto the line grid */
    double used = block_top() - r->y;
    r->y = block_top() - ceil(used / r->pitch - 1e-6) * r->pitch;
}

/* ---- the document, section by section ---- */

/* GB/T 9704 section 7.3.1: the title, centred, then one blank line */
static void write_title(report *r, const char *title)
{
    centred(r, &r->title, title, TITLE * 1.5);
    r->y -= r->pitch;
}

static void write_preamble(report *r)
{
    const qs_plan *p = r->c->plan;
    const char *plan_title = "";
    for (size_t i = 0; i < p->n_title; i++)
        plan_title = qs_arena_printf(r->a, "%s%s", plan_title, p->title[i]);
    const char *pairs[] = {"schema_title", r->c->schema->title, "plan_title", plan_title, "issuer",
                           p->issuer, "n_indicators", num(r, (long)r->c->schema->n_indicators), NULL};
    paragraph(r, &r->body, fmt(r, "report.preamble", pairs), true);
}

/* units that carry an indicator and sent no evidence at all */
static const char *silent_units(report *r, size_t *count)
{
    const qs_plan *p = r->c->plan;
    const char *list = "";
    *count = 0;
    for (size_t u = 0; u < p->n_units; u++) {
        const qs_unit *unit = &p->units[u];
        if (unit->is_group)
            continue;
        bool carries = false, reported = false;
        for (size_t i = 0; i < p->n_resp && !carries; i++)
            for (size_t k = 0; k < p->resp[i].n_units && !carries; k++)
                carries = p->resp[i].units[k].unit == unit;
        for (size_t f = 0; f < r->c->n_evidence && !reported; f++)
            for (size_t k = 0; k < r->c->evidence[f].n_units && !reported; k++)
                reported = r->c->evidence[f].units[k].unit == unit;
        if (carries && !reported) {
            list = *list ? qs_arena_printf(r->a, "%s%s%s", list, str(r, "list.separator"), unit->name)
                         : unit->name;
            (*count)++;
        }
    }
    return list;
}

static void write_basic(report *r)
{
    const qs_scores *sc = r->sc;
    heading(r, &r->h1, str(r, "report.h1.basic"), true);
    size_t n_cat = 0;
    for (size_t i = 0; i < sc->n_categories; i++)
        n_cat += !sc->categories[i].category->bonus;
    const char *p1[] = {"year", num(r, r->c->plan->year), "region", r->c->plan->region, "n_categories",
                        num(r, (long)n_cat), "n_indicators", num(r, (long)sc->n_indicators), "base",
                        pts(r, sc->base), "base_available", pts(r, sc->base_available), "rate",
                        percent(r, sc->base, sc->base_available), "bonus", pts(r, sc->bonus), "total",
                        pts(r, sc->total), NULL};
    paragraph(r, &r->body, fmt(r, "report.basic.score", p1), true);
    size_t units = 0, items = 0, docs = 0;
    for (size_t f = 0; f < r->c->n_evidence; f++)
        for (size_t u = 0; u < r->c->evidence[f].n_units; u++) {
            const qs_evidence_unit *eu = &r->c->evidence[f].units[u];
            units++;
            items += eu->n_items;
            for (size_t k = 0; k < eu->n_items; k++)
                docs += eu->items[k].n_documents;
        }
    const char *p2[] = {"n_units", num(r, (long)units), "n_items", num(r, (long)items), "n_documents",
                        num(r, (long)docs), NULL};
    paragraph(r, &r->body, fmt(r, "report.basic.evidence", p2), true);
    size_t n_silent;
    const char *silent = silent_units(r, &n_silent);
    if (n_silent) {
        const char *p3[] = {"units", silent, "n", num(r, (long)n_silent), NULL};
        paragraph(r, &r->body, fmt(r, "report.basic.missing", p3), true);
    }
}

/* one part per category, from the units' narrative evidence in table order */
static void write_practice(report *r)
{
    heading(r, &r->h1, str(r, "report.h1.practice"), true);
    const qs_schema *s = r->c->schema;
    int part = 0;
    for (size_t ci = 0; ci < s->n_categories; ci++) {
        const qs_category *cat = &s->categories[ci];
        const char *pairs[] = {"n", numeral(r, ++part), "name", cat->name, NULL};
        heading(r, &r->h2, fmt(r, "report.h2", pairs), false);
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
                        for (size_t j = 0; j < it->n_narratives; j++) {
                            bool dup = false;
                            for (size_t x = 0; x < n_seen && !dup; x++)
                                dup = !strcmp(seen[x], it->narratives[j]);
                            if (dup)
                                continue;
                            if (n_seen < 4096)
                                seen[n_seen++] = it->narratives[j];
                            r->where = it->pos;
                            r->what = qs_arena_printf(r->a, "the narrative of item %s", it->ref);
                            paragraph(r, &r->body, it->narratives[j], true);
                            r->where = r->doc_pos;
                            r->what = "the report";
                            written++;
                        }
                    }
                }
        if (!written)
            paragraph(r, &r->body, str(r, "report.practice.none"), true);
    }
}

/* a horizontal bar per category: its score rate, drawn as vector graphics */
static void write_chart(report *r)
{
    const qs_scores *sc = r->sc;
    size_t n = 0;
    for (size_t i = 0; i < sc->n_categories; i++)
        n += !sc->categories[i].category->bonus;
    double bar = 18, gap = 14, label_w = r->width * 0.30, plot_w = r->width * 0.58;
    double h = (double)n * (bar + gap) + 40;
    need(r, h + r->pitch);
    HPDF_Page pg = r->page;
    bool draw = !r->dry;
    double x0 = LEFT + label_w, top = r->y - 8, bottom = top - (double)n * (bar + gap);
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
        put(r, &r->cell, gx - tw / 2, bottom - CELL - 2, t, strlen(t), 0);
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
        put(r, &r->cell, x0 - 6 - nw, y - bar / 2 - CELL * 0.35, name, strlen(name), 0);
        if (draw) {
            HPDF_Page_SetRGBFill(pg, 0.18f, 0.35f, 0.62f);
            HPDF_Page_Rectangle(pg, (HPDF_REAL)x0, (HPDF_REAL)(y - bar), (HPDF_REAL)(plot_w * rate), (HPDF_REAL)bar);
            HPDF_Page_Fill(pg);
            HPDF_Page_SetRGBFill(pg, 0, 0, 0);
        }
        const char *v = percent(r, cs->earned, cs->available);
        put(r, &r->cell, x0 + plot_w * rate + 4, y - bar / 2 - CELL * 0.35, v, strlen(v), 0);
        y -= bar + gap;
    }
    if (draw) {
        HPDF_Page_SetLineWidth(pg, 0.8f);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)top);
        HPDF_Page_LineTo(pg, (HPDF_REAL)x0, (HPDF_REAL)bottom);
        HPDF_Page_Stroke(pg);
        HPDF_Page_SetLineWidth(pg, 0.6f);
    }
    r->y -= h;
    centred(r, &r->h1, str(r, "report.chart"), r->pitch);
}

static void write_scores(report *r)
{
    const qs_scores *sc = r->sc;
    heading(r, &r->h1, str(r, "report.h1.scores"), true);
    paragraph(r, &r->body, str(r, "report.scores.intro"), true);

    const column c1[] = {{str(r, "report.col.category"), 0.46, false},
                         {str(r, "report.col.available"), 0.16, true},
                         {str(r, "report.col.earned"), 0.2, true},
                         {str(r, "report.col.rate"), 0.18, true}};
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
    row[0] = str(r, "report.row.base");
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
    row[0] = str(r, "report.row.total");
    row[1] = "";
    row[2] = pts(r, sc->total);
    row[3] = "";
    table(r, str(r, "report.table1"), c1, 4, rows1, n1);

    const column c2[] = {{str(r, "report.col.no"), 0.1, true},
                         {str(r, "report.col.indicator"), 0.45, false},
                         {str(r, "report.col.points"), 0.15, true},
                         {str(r, "report.col.earned"), 0.15, true},
                         {str(r, "report.col.lost"), 0.15, true}};
    const char **rows2 = qs_arena_calloc(r->a, sc->n_indicators * 5, sizeof *rows2);
    for (size_t i = 0; i < sc->n_indicators; i++) {
        const qs_indicator_score *is = &sc->indicators[i];
        const qs_indicator *ind = is->indicator;
        const char **rw = rows2 + 5 * i;
        rw[0] = num(r, ind->no);
        rw[1] = ind->group ? qs_arena_printf(r->a, "%s%s%s", ind->category->name, str(r, "list.separator"),
                                             ind->group->name)
                           : ind->category->name;
        rw[2] = pts(r, is->available);
        rw[3] = pts(r, is->earned);
        rw[4] = is->earned < is->available ? pts(r, is->available - is->earned) : "";
    }
    table(r, str(r, "report.table2"), c2, 5, rows2, sc->n_indicators);
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
    heading(r, &r->h1, str(r, "report.h1.targets"), true);
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
    const char *pi[] = {"plan_title", plan_title, "n", num(r, (long)p->n_targets), "met", num(r, (long)met),
                        "missed", num(r, (long)missed), "unknown", num(r, (long)unknown), NULL};
    paragraph(r, &r->body, fmt(r, "report.targets.intro", pi), true);
    for (size_t i = 0; i < p->n_targets; i++) {
        const qs_target *t = &p->targets[i];
        const qs_measure *m = target_value(r, t);
        const qs_quantity *q = qs_model_quantity(r->c->schema, p, t->quantity);
        const char *outcome;
        if (!m) {
            outcome = str(r, "report.target.unknown");
        } else {
            const char *po[] = {"value", qs_format_number(r->a, m->value), "unit", q ? q->unit : "", NULL};
            outcome = fmt(r, qs_op_holds(t->op, m->value, t->value) ? "report.target.met" : "report.target.missed",
                          po);
        }
        const char *pt[] = {"n", num(r, (long)i + 1), "text", t->text, "outcome", outcome, NULL};
        paragraph(r, &r->body, fmt(r, "report.targets.item", pt), true);
    }
}

static void write_problems(report *r)
{
    const qs_scores *sc = r->sc;
    heading(r, &r->h1, str(r, "report.h1.problems"), true);
    size_t n;
    const qs_item_score **loss = qs_score_losses(sc, r->a, &n);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++)
        shown += !loss[i]->item->indicator->category->bonus;
    if (!shown) {
        paragraph(r, &r->body, str(r, "report.problems.none"), true);
        return;
    }
    const char *pi[] = {"lost", pts(r, sc->base_available - sc->base), NULL};
    paragraph(r, &r->body, fmt(r, "report.problems.intro", pi), true);
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
        paragraph(r, &r->body, fmt(r, "report.problems.item", p), true);
    }
}

static void write_next_steps(report *r, size_t n_problems)
{
    heading(r, &r->h1, str(r, "report.h1.next"), true);
    const char *p[] = {"n_problems", num(r, (long)n_problems), NULL};
    paragraph(r, &r->body, fmt(r, "report.next.1", p), true);
    paragraph(r, &r->body, fmt(r, "report.next.2", p), true);
    paragraph(r, &r->body, fmt(r, "report.next.3", p), true);
}

/* GB/T 9704 section 7.3.5.2 (no seal): one blank line, the issuer two
 * characters in from the right, the date below it starting two characters
 * further right; a longer date sits two in from the right instead */
static void write_signature(report *r)
{
    struct tm tm;
    gmtime_r(&r->epoch, &tm);
    const char *pd[] = {"year", num(r, tm.tm_year + 1900), "month", num(r, tm.tm_mon + 1), "day",
                        num(r, tm.tm_mday), NULL};
    const char *date = fmt(r, "report.date", pd);
    const char *issuer = r->c->plan->issuer;
    double em = BODY, right = LEFT + r->width;
    double ws = qs_pdf_width(&r->body, issuer, strlen(issuer)), wd = qs_pdf_width(&r->body, date, strlen(date));
    double xs = right - 2 * em - ws, xd = xs + 2 * em;
    if (xd + wd > right - 2 * em) {
        xd = right - 2 * em - wd;
        xs = xd - 2 * em;
    }
    if (lines_left(r) < 3)
        new_page(r);
    r->y -= r->pitch;
    put(r, &r->body, xs, baseline(&r->body, r->y, r->pitch), issuer, strlen(issuer), 0);
    r->y -= r->pitch;
    put(r, &r->body, xd, baseline(&r->body, r->y, r->pitch), date, strlen(date), 0);
    r->y -= r->pitch;
}

/* The whole document, in reading order; run twice (see put()). */
static size_t write_document(report *r)
{
    const qs_case *c = r->c;
    const char *title_pairs[] = {"region", c->plan->region, "year", num(r, c->plan->year), "province",
                                 c->schema->region, NULL};
    new_page(r);
    write_title(r, fmt(r, "report.title", title_pairs));
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
    return (size_t)r->n_pages;
}

qs_status qs_render_report_pdf(const qs_case *c, const qs_scores *sc, const char *path,
                               const qs_render_opts *o, bool draft, qs_diags *d)
{
    qs_pdf *pdf = qs_pdf_new(o->fonts, d);
    report r = {.c = c, .sc = sc, .s = o->strings, .a = qs_arena_new(), .pdf = pdf,
                .draft = draft || c->plan->status == QS_STATUS_DRAFT, .epoch = o->epoch};
    r.width = PAGE_W - LEFT - RIGHT;
    r.pitch = (PAGE_H - TOP - BOTTOM) / LINES;
    /* 28 characters fill the 156 mm line: a little under 16 pt each */
    double tracking = r.width / CHARS - BODY;
    r.body = (qs_pdf_style){pdf, QS_ROLE_BODY, BODY, tracking};
    r.h1 = (qs_pdf_style){pdf, QS_ROLE_HEADING1, BODY, tracking};
    r.h2 = (qs_pdf_style){pdf, QS_ROLE_HEADING2, BODY, tracking};
    r.title = (qs_pdf_style){pdf, QS_ROLE_TITLE, TITLE, 0};
    r.pageno = (qs_pdf_style){pdf, QS_ROLE_PAGENUM, PAGENO, 0};
    r.cell = (qs_pdf_style){pdf, QS_ROLE_BODY, CELL, 0};
    r.head = (qs_pdf_style){pdf, QS_ROLE_HEADING1, CELL, 0};
    r.mark = (qs_pdf_style){pdf, QS_ROLE_HEADING1, 96, 0};
    r.doc_pos = (qs_srcpos){path, 0};
    r.where = r.doc_pos;
    r.what = "the report";
    qs_status st = QS_OK;

    r.dry = true;
    r.ok = true;
    write_document(&r);
    if (!r.ok) {
        st = QS_ERR_INPUT;
        goto cleanup;
    }
    if ((st = qs_pdf_load_fonts(pdf)) != QS_OK)
        goto cleanup;
    r.dry = false;
    r.n_pages = 0;
    write_document(&r);

    const char *pairs[] = {"region", c->plan->region, "year", num(&r, c->plan->year), "province",
                           c->schema->region, NULL};
    qs_pdf_info info = {fmt(&r, "report.title", pairs), c->plan->issuer, str(&r, "report.subject"),
                        fmt(&r, "report.keywords", pairs), o->epoch};
    st = qs_pdf_save(pdf, path, &info);
cleanup:
    qs_pdf_free(pdf);
    qs_arena_free(r.a);
    return st;
}
