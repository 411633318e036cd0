/* score_out.c - the score on the terminal, as CSV and XML, and as a dump.
 *
 * Reads the model and the scores only.  Column words come from templates/
 * strings.xml; CSV and XML carry the same numbers for other programs, and
 * the CSV's text cells never start like a formula.
 * Terminal columns are aligned by display width (a CJK character takes two
 * columns).
 */
#include "score_out.h"
#include "format.h"
#include "layout.h"
#include "utf8.h"
#include "xml_write.h"

#include <stdlib.h>
#include <string.h>

#define P(x) qs_points_str((x), (char[16]){0})

const char *const qs_score_out_string_keys[] = {
    "score.title", "score.category", "score.earned", "score.available", "score.rate",
    "score.base", "score.bonus", "score.total", "score.losses", "score.indicator", "score.item",
    "score.lost", "score.unit", "score.reason", "score.claims", "score.claimed", "score.computed",
    "score.no_losses", NULL,
};

static size_t display_width(const char *s)
{
    size_t w = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = qs_utf8_decode(s + i, len - i, &cp);
        i += n ? n : 1;
        w += qs_layout_is_wide(cp) ? 2 : 1;
    }
    return w;
}

/* s padded with spaces to width columns (left-aligned) */
static void cell(FILE *out, const char *s, size_t width)
{
    fputs(s, out);
    for (size_t w = display_width(s); w < width; w++)
        fputc(' ', out);
}

static void rcell(FILE *out, const char *s, size_t width)
{
    for (size_t w = display_width(s); w < width; w++)
        fputc(' ', out);
    fputs(s, out);
}

static const char *rate(qs_arena *a, qs_points earned, qs_points available)
{
    if (available <= 0)
        return "";
    return qs_arena_printf(a, "%.1f%%", 100.0 * earned / available);
}

static int cmp_loss(const void *pa, const void *pb)
{
    const qs_item_score *a = *(const qs_item_score *const *)pa, *b = *(const qs_item_score *const *)pb;
    qs_points la = a->available - a->earned, lb = b->available - b->earned;
    if (la != lb)
        return la > lb ? -1 : 1;
    /* equal losses keep table order: indicator, then item position */
    if (a->item->indicator->no != b->item->indicator->no)
        return a->item->indicator->no < b->item->indicator->no ? -1 : 1;
    return a < b ? -1 : a > b;
}

static void collect(const qs_item_score *is, const qs_item_score **v, size_t *n)
{
    if (is->n_children) {
        for (size_t k = 0; k < is->n_children; k++)
            collect(&is->children[k], v, n);
    } else if (is->earned < is->available) {
        if (v)
            v[*n] = is;
        (*n)++;
    }
}

const qs_item_score **qs_score_losses(const qs_scores *sc, qs_arena *a, size_t *n)
{
    size_t count = 0;
    for (size_t i = 0; i < sc->n_indicators; i++)
        for (size_t k = 0; k < sc->indicators[i].n_items; k++)
            collect(&sc->indicators[i].items[k], NULL, &count);
    const qs_item_score **v = qs_arena_calloc(a, count ? count : 1, sizeof *v);
    *n = 0;
    for (size_t i = 0; i < sc->n_indicators; i++)
        for (size_t k = 0; k < sc->indicators[i].n_items; k++)
            collect(&sc->indicators[i].items[k], v, n);
    /* items are laid out in table order in the arena, so pointer order breaks ties */
    qsort(v, *n, sizeof *v, cmp_loss);
    return v;
}

static void claims(const qs_item_score *is, const qs_strings *s, FILE *out, bool *header)
{
    for (size_t k = 0; k < is->n_children; k++)
        claims(&is->children[k], s, out, header);
    if (!is->has_claimed)
        return;
    if (!*header) {
        fprintf(out, "\n%s\n", qs_strings_get(s, "score.claims"));
        *header = true;
    }
    fprintf(out, "  %-8s %s %s, %s %s  (%s:%ld)\n", is->item->id, qs_strings_get(s, "score.claimed"),
            P(is->claimed), qs_strings_get(s, "score.computed"), P(is->earned), is->claimed_pos.file,
            is->claimed_pos.line);
}

void qs_score_print_table(const qs_case *c, const qs_scores *sc, const qs_strings *s, qs_arena *a,
                          FILE *out)
{
    fprintf(out, "%s\n\n", qs_format(a, qs_strings_get(s, "score.title"), qs_model_pairs(a, c->plan, NULL)));
    size_t w = 24;
    for (size_t i = 0; i < sc->n_categories; i++)
        if (display_width(sc->categories[i].category->name) + 2 > w)
            w = display_width(sc->categories[i].category->name) + 2;
    cell(out, qs_strings_get(s, "score.category"), w);
    rcell(out, qs_strings_get(s, "score.earned"), 8);
    rcell(out, qs_strings_get(s, "score.available"), 8);
    rcell(out, qs_strings_get(s, "score.rate"), 9);
    fputc('\n', out);
    for (size_t i = 0; i < sc->n_categories; i++) {
        const qs_category_score *cs = &sc->categories[i];
        if (cs->category->bonus)
            continue;
        cell(out, cs->category->name, w);
        rcell(out, P(cs->earned), 8);
        rcell(out, P(cs->available), 8);
        rcell(out, rate(a, cs->earned, cs->available), 9);
        fputc('\n', out);
    }
    cell(out, qs_strings_get(s, "score.base"), w);
    rcell(out, P(sc->base), 8);
    rcell(out, P(sc->base_available), 8);
    rcell(out, rate(a, sc->base, sc->base_available), 9);
    fputc('\n', out);
    const char *const bp[] = {"cap", P(c->schema->bonus_cap), NULL};
    cell(out, qs_format(a, qs_strings_get(s, "score.bonus"), bp), w);
    rcell(out, P(sc->bonus), 8);
    rcell(out, P(c->schema->bonus_cap), 8);
    fputc('\n', out);
    cell(out, qs_strings_get(s, "score.total"), w);
    rcell(out, P(sc->total), 8);
    fputs("\n\n", out);

    size_t n;
    const qs_item_score **loss = qs_score_losses(sc, a, &n);
    fprintf(out, "%s\n", qs_strings_get(s, "score.losses"));
    if (n == 0)
        fprintf(out, "  %s\n", qs_strings_get(s, "score.no_losses"));
    size_t uw = display_width(qs_strings_get(s, "score.unit")) + 2;
    for (size_t i = 0; i < n; i++)
        if (loss[i]->unit && display_width(loss[i]->unit->name) + 2 > uw)
            uw = display_width(loss[i]->unit->name) + 2;
    if (n) {
        fputs("  ", out);
        cell(out, qs_strings_get(s, "score.item"), 10);
        rcell(out, qs_strings_get(s, "score.lost"), 6);
        fputs("  ", out);
        cell(out, qs_strings_get(s, "score.unit"), uw);
        fprintf(out, "%s\n", qs_strings_get(s, "score.reason"));
    }
    for (size_t i = 0; i < n; i++) {
        const qs_item_score *is = loss[i];
        fputs("  ", out);
        cell(out, is->item->id, 10);
        rcell(out, P(is->available - is->earned), 6);
        fputs("  ", out);
        cell(out, is->unit ? is->unit->name : "", uw);
        fprintf(out, "%s\n", is->why ? is->why : "");
    }
    bool header = false;
    for (size_t i = 0; i < sc->n_indicators; i++)
        for (size_t k = 0; k < sc->indicators[i].n_items; k++)
            claims(&sc->indicators[i].items[k], s, out, &header);
}

/* ---- CSV ---- */

/* A text cell that a spreadsheet would run as a formula (OWASP, "CSV
 * Injection": a leading =, +, -, @, tab or CR) gets a ' in front, and
 * quotes; the points columns are numbers of ours and stay numbers, -2 too. */
static void csv_field(FILE *out, const char *s, bool text)
{
    bool formula = text && *s && strchr("=+-@\t\r", *s);
    if (!formula && !strpbrk(s, ",\"\n\r")) {
        fputs(s, out);
        return;
    }
    fputs(formula ? "\"'" : "\"", out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void csv_row(FILE *out, const char *level, const char *id, const char *name, qs_points earned,
                    qs_points available, const char *unit, const char *reason, const char *why)
{
    const char *f[] = {level, id, name, P(earned), P(available), unit, reason, why};
    for (size_t i = 0; i < 8; i++) {
        if (i)
            fputc(',', out);
        csv_field(out, f[i] ? f[i] : "", i != 3 && i != 4);
    }
    fputs("\r\n", out);
}

static void csv_item(FILE *out, const qs_item_score *is)
{
    csv_row(out, "item", is->item->id, is->item->text, is->earned, is->available,
            is->unit ? is->unit->name : "", qs_reason_name(is->reason), is->why);
    for (size_t k = 0; k < is->n_children; k++)
        csv_item(out, &is->children[k]);
}

void qs_score_print_csv(const qs_case *c, const qs_scores *sc, FILE *out)
{
    (void)c;
    fputs("level,id,name,earned,available,unit,reason,why\r\n", out);
    csv_row(out, "total", "", "", sc->total, sc->base_available, "", "", "");
    csv_row(out, "base", "", "", sc->base, sc->base_available, "", "", "");
    csv_row(out, "bonus", "", "", sc->bonus, c->schema->bonus_cap, "", "", "");
    for (size_t i = 0; i < sc->n_categories; i++) {
        const qs_category_score *cs = &sc->categories[i];
        csv_row(out, "category", cs->category->id, cs->category->name, cs->earned, cs->available, "",
                "", "");
        for (size_t j = 0; j < cs->n_indicators; j++) {
            const qs_indicator_score *is = &cs->indicators[j];
            char no[16];
            snprintf(no, sizeof no, "%d", is->indicator->no);
            csv_row(out, "indicator", no, is->indicator->group ? is->indicator->group->name : "",
                    is->earned, is->available, "", "", "");
            for (size_t k = 0; k < is->n_items; k++)
                csv_item(out, &is->items[k]);
        }
    }
}

/* ---- XML ---- */

static void xml_item(FILE *out, const qs_item_score *is, int depth)
{
    fprintf(out, "%*s<item id=\"", depth * 2, "");
    qs_xml_escape(out, is->item->id);
    fprintf(out, "\" earned=\"%s\" available=\"%s\" reason=\"%s\"", P(is->earned), P(is->available),
            qs_reason_name(is->reason));
    if (is->unit) {
        fputs(" unit=\"", out);
        qs_xml_escape(out, is->unit->name);
        fputc('"', out);
    }
    if (!is->why && !is->n_children) {
        fputs("/>\n", out);
        return;
    }
    fputs(">", out);
    if (is->why) {
        fputs("<why>", out);
        qs_xml_escape(out, is->why);
        fputs("</why>", out);
    }
    if (is->n_children) {
        fputc('\n', out);
        for (size_t k = 0; k < is->n_children; k++)
            xml_item(out, &is->children[k], depth + 1);
        fprintf(out, "%*s", depth * 2, "");
    }
    fputs("</item>\n", out);
}

void qs_score_print_xml(const qs_case *c, const qs_scores *sc, FILE *out)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fputs("<scores xmlns=\"urn:qsreport:scores:1\" version=\"1\" region=\"", out);
    qs_xml_escape(out, c->plan->region);
    fprintf(out, "\" year=\"%d\" total=\"%s\" base=\"%s\" base-available=\"%s\" bonus=\"%s\" "
                 "bonus-cap=\"%s\">\n",
            c->plan->year, P(sc->total), P(sc->base), P(sc->base_available), P(sc->bonus),
            P(c->schema->bonus_cap));
    for (size_t i = 0; i < sc->n_categories; i++) {
        const qs_category_score *cs = &sc->categories[i];
        fputs("  <category id=\"", out);
        qs_xml_escape(out, cs->category->id);
        fputs("\" name=\"", out);
        qs_xml_escape(out, cs->category->name);
        fprintf(out, "\" earned=\"%s\" available=\"%s\"%s>\n", P(cs->earned), P(cs->available),
                cs->category->bonus ? " bonus=\"true\"" : "");
        for (size_t j = 0; j < cs->n_indicators; j++) {
            const qs_indicator_score *is = &cs->indicators[j];
            fprintf(out, "    <indicator no=\"%d\" earned=\"%s\" available=\"%s\">\n",
                    is->indicator->no, P(is->earned), P(is->available));
            for (size_t k = 0; k < is->n_items; k++)
                xml_item(out, &is->items[k], 3);
            fputs("    </indicator>\n", out);
        }
        fputs("  </category>\n", out);
    }
    fputs("</scores>\n", out);
}

/* ---- dump ---- */

static void dump_item(FILE *out, const qs_item_score *is, int depth)
{
    fprintf(out, "%*sitem %s %s: %s/%s %s", 2 + 2 * depth, "", is->item->id,
            qs_rule_name(is->item->rule), P(is->earned), P(is->available), qs_reason_name(is->reason));
    if (is->why)
        fprintf(out, " \"%s\"", is->why);
    if (is->first)
        fprintf(out, " (%s:%ld, %zu report%s)", is->first->pos.file, is->first->pos.line,
                is->n_reports, is->n_reports == 1 ? "" : "s");
    if (is->has_claimed)
        fprintf(out, " claimed %s", P(is->claimed));
    fputc('\n', out);
    for (size_t k = 0; k < is->n_children; k++)
        dump_item(out, &is->children[k], depth + 1);
}

void qs_score_dump(const qs_case *c, const qs_scores *sc, FILE *out)
{
    (void)c;
    fprintf(out, "total %s = base %s/%s + bonus %s/%s\n", P(sc->total), P(sc->base),
            P(sc->base_available), P(sc->bonus), P(c->schema->bonus_cap));
    for (size_t i = 0; i < sc->n_categories; i++) {
        const qs_category_score *cs = &sc->categories[i];
        fprintf(out, "category %s: %s/%s\n", cs->category->id, P(cs->earned), P(cs->available));
        for (size_t j = 0; j < cs->n_indicators; j++) {
            const qs_indicator_score *is = &cs->indicators[j];
            fprintf(out, "indicator %d: %s/%s (items %s)\n", is->indicator->no, P(is->earned),
                    P(is->available), P(is->items_sum));
            for (size_t k = 0; k < is->n_items; k++)
                dump_item(out, &is->items[k], 0);
        }
    }
}
