/* init.c - evidence templates for the units (stage 5: output).
 *
 * Reads the unit's duties and the schema; writes evidence XML in the
 * format of templates/evidence.xsd.  Every item appears as <item ref="..">
 * with no done attribute (validate calls it unfilled: a warning, not an
 * error); what the item's rule needs (values, facts, awards, a series, a
 * reference) is written as commented-out elements to fill in, with the
 * verbatim scoring method and the item's clause as comments.
 */
#include "init.h"
#include "xml_write.h"

#include <string.h>

const char *const qs_init_string_keys[] = {
    "init.header", "init.indicator", "init.item", "init.lead", "init.support", "init.target", NULL,
};

/* text inside a comment: "--" may not occur there */
static void comment_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        fputc(*s, out);
        if (*s == '-' && s[1] == '-')
            fputc(' ', out);
    }
}

/* "{name}" placeholders of a template, filled (the first pair of a name wins, as in
 * qs_format), inside a comment */
static void comment(FILE *out, int indent, const qs_strings *s, const char *key, const char *const *pairs)
{
    const char *t = qs_wording(s, key);
    fprintf(out, "%*s<!-- ", indent, "");
    for (const char *p = t; *p;) {
        const char *v = NULL;
        size_t skip = 0;
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        for (size_t i = 0; close && !v && pairs && pairs[i]; i += 2)
            if (strlen(pairs[i]) == (size_t)(close - p - 1) && !strncmp(p + 1, pairs[i], (size_t)(close - p - 1))) {
                v = pairs[i + 1];
                skip = (size_t)(close - p) + 1;
            }
        if (v) {
            comment_text(out, v);
            p += skip;
        } else {
            fputc(*p++, out);
        }
    }
    fputs(" -->\n", out);
}

static void quantity_line(FILE *out, int indent, const char *element, const qs_case *c, const char *q)
{
    const qs_quantity *qq = qs_model_quantity(c->schema, c->plan, q);
    fprintf(out, "%*s<!-- <%s quantity=\"", indent, "", element);
    qs_xml_escape(out, q);
    fprintf(out, "\" value=\"\" unit=\"");
    qs_xml_escape(out, qq ? qq->unit : "");
    fputs("\"/> ", out);
    comment_text(out, qq ? qq->name : q);
    fputs(" -->\n", out);
}

/* the thresholds of an item's rule: its own, or its conditions' */
static const qs_threshold *threshold_of(const qs_item *it, size_t i, size_t *n)
{
    if (it->rule == QS_RULE_THRESHOLD) {
        *n = 1;
        return &it->threshold;
    }
    *n = it->n_conds;
    return i < it->n_conds && !it->conds[i].is_fact ? &it->conds[i].threshold : NULL;
}

/* the fields the item's rule needs, commented out, in the order of
 * templates/evidence.xsd so that uncommenting them keeps the file valid */
static void fields(FILE *out, const qs_case *c, const qs_item *it, int year)
{
    int in = 6;
    size_t n = 0;
    bool conds = it->rule == QS_RULE_ALL_OF || it->rule == QS_RULE_ANY_OF;
    if (it->rule == QS_RULE_THRESHOLD || conds) {
        threshold_of(it, 0, &n);
        for (size_t i = 0; i < n; i++) { /* measures */
            const qs_threshold *t = threshold_of(it, i, &n);
            if (t)
                quantity_line(out, in, "measure", c, t->quantity);
        }
        for (size_t i = 0; conds && i < it->n_conds; i++) { /* facts */
            const qs_condition *k = &it->conds[i];
            if (!k->is_fact)
                continue;
            fprintf(out, "%*s<!-- <fact ref=\"", in, "");
            qs_xml_escape(out, k->fact_id);
            fputs("\" value=\"true\"/> ", out);
            comment_text(out, k->fact_text);
            fputs(" -->\n", out);
        }
        for (size_t i = 0; i < n; i++) { /* references */
            const qs_threshold *t = threshold_of(it, i, &n);
            if (t && t->ref)
                quantity_line(out, in, "reference", c, t->ref);
        }
    }
    if (it->rule == QS_RULE_TREND) {
        fprintf(out, "%*s<!-- <series quantity=\"", in, "");
        qs_xml_escape(out, it->trend_quantity);
        fputs("\">", out);
        for (int y = year - it->trend_years; y <= year; y++)
            fprintf(out, "<point year=\"%d\" value=\"\"/>", y);
        fputs("</series> -->\n", out);
    }
    if (it->rule == QS_RULE_TIERS || it->rule == QS_RULE_PER_COUNT)
        for (int l = 0; l < QS_LEVEL_COUNT; l++)
            if (it->has_level[l])
                fprintf(out, "%*s<!-- <award level=\"%s\" date=\"%d-\"></award> -->\n", in, "",
                        qs_level_name((qs_level)l), year);
    if (it->rule == QS_RULE_ABSENCE) {
        fprintf(out, "%*s<!-- <incident kind=\"", in, "");
        qs_xml_escape(out, it->incident);
        fprintf(out, "\" date=\"%d-\"></incident> -->\n", year);
    }
    if (it->rule == QS_RULE_GRADED)
        fprintf(out, "%*s<!-- <assessed score=\"\"></assessed> -->\n", in, "");
    fprintf(out, "%*s<!-- <document title=\"\" number=\"\" issuer=\"\" date=\"%d-\" file=\"attachments/\"/> -->\n", in,
            "", year);
    fprintf(out, "%*s<!-- <narrative></narrative> -->\n", in, "");
}

static void item(FILE *out, const qs_case *c, const qs_strings *s, const qs_item *it)
{
    if (it->rule == QS_RULE_SUM) { /* the children carry the evidence */
        for (size_t k = 0; k < it->n_children; k++)
            item(out, c, s, &it->children[k]);
        return;
    }
    char pts[16];
    const char *p[] = {"item", it->id, "points", qs_points_str(it->points, pts), "text", it->text, NULL};
    comment(out, 4, s, "init.item", p);
    fputs("    <item ref=\"", out);
    qs_xml_escape(out, it->id);
    fputs("\">\n", out);
    fields(out, c, it, c->plan->year);
    fputs("    </item>\n", out);
}

void qs_init_write(const qs_case *c, const qs_unit_duties *u, const qs_strings *s, FILE *out)
{
    qs_arena *a = qs_arena_new();
    const char *unit[] = {"unit", u->unit->name, NULL};
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    comment(out, 0, s, "init.header", qs_model_pairs(a, c->plan, unit));
    qs_arena_free(a);
    fputs("<evidence xmlns=\"urn:qsreport:evidence:1\" version=\"1\" region=\"", out);
    qs_xml_escape(out, c->plan->region);
    fprintf(out, "\" year=\"%d\">\n  <unit name=\"", c->plan->year);
    qs_xml_escape(out, u->unit->name);
    fputs("\">\n", out);
    for (size_t i = 0; i < u->n_targets; i++) {
        const qs_target *t = u->targets[i];
        const char *p[] = {"target", t->text, NULL};
        comment(out, 4, s, "init.target", p);
        quantity_line(out, 4, "measure", c, t->quantity);
    }
    for (size_t i = 0; i < u->n_duties; i++) {
        const qs_indicator *ind = u->duties[i].indicator;
        char no[16];
        snprintf(no, sizeof no, "%d", ind->no);
        const char *role = qs_wording(s, u->duties[i].lead ? "init.lead" : "init.support");
        const char *p[] = {"no", no, "role", role, "method", ind->method, NULL};
        fputc('\n', out);
        comment(out, 4, s, "init.indicator", p);
        for (size_t k = 0; k < ind->n_items; k++)
            item(out, c, s, &ind->items[k]);
    }
    fputs("  </unit>\n</evidence>\n", out);
}
