/* init.c - evidence templates for the units (stage 5: output).
 *
 * Reads the unit's duties and the schema; writes evidence XML in the
 * format of templates/evidence.xsd.  Every item appears as <item ref="..">
 * with no done attribute (validate calls it unfilled: a warning, not an
 * error); what the item's rule needs (values, facts, awards, a series, a
 * reference) is written as commented-out elements to fill in, with the
 * verbatim scoring method and the item's clause as comments.  Written with
 * libxml2's xmlTextWriter, which escapes every attribute value, those of
 * the commented-out elements too; comment text goes out as it is, but for
 * a "--" in a value, which no comment may hold.
 */
#include "init.h"
#include "strbuf.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

const char *const qs_init_string_keys[] = {
    "init.header", "init.indicator", "init.item", "init.lead", "init.support", "init.target", NULL,
};

typedef xmlTextWriterPtr writer;

/* text as it is: the layout between elements, comment text */
static void raw(writer w, const char *text)
{
    xmlTextWriterWriteRaw(w, (const xmlChar *)text);
}

static void indent(writer w, int n)
{
    for (int i = 0; i < n; i++)
        raw(w, " ");
}

static void start(writer w, const char *element)
{
    xmlTextWriterStartElement(w, (const xmlChar *)element);
}

static void attr(writer w, const char *name, const char *value)
{
    xmlTextWriterWriteAttribute(w, (const xmlChar *)name, (const xmlChar *)value);
}

/* text inside a comment: "--" may not occur there */
static void comment_text(qs_strbuf *b, const char *s)
{
    for (; *s; s++) {
        qs_strbuf_addn(b, s, 1);
        if (*s == '-' && s[1] == '-')
            qs_strbuf_add(b, " ");
    }
}

/* A comment line at indent: "<!-- ", then what open/end write inside it
 * (raw text, commented-out elements), then " -->". */
static void open_comment(writer w, int n)
{
    indent(w, n);
    xmlTextWriterStartComment(w);
    raw(w, " ");
}

static void end_comment(writer w)
{
    raw(w, " ");
    xmlTextWriterEndComment(w);
    raw(w, "\n");
}

/* "{name}" placeholders of a template, filled (the first pair of a name wins, as in
 * qs_format), inside a comment */
static void comment(writer w, int n, const qs_strings *s, const char *key, const char *const *pairs)
{
    qs_arena *a = qs_arena_new();
    qs_strbuf b;
    qs_strbuf_init(&b, a);
    const char *t = qs_wording(s, key);
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
            comment_text(&b, v);
            p += skip;
        } else {
            qs_strbuf_addn(&b, p++, 1);
        }
    }
    open_comment(w, n);
    raw(w, qs_strbuf_text(&b));
    end_comment(w);
    qs_arena_free(a);
}

/* a comment's closing words: a space, then text with no "--" */
static void comment_words(writer w, const char *text)
{
    qs_arena *a = qs_arena_new();
    qs_strbuf b;
    qs_strbuf_init(&b, a);
    comment_text(&b, text);
    raw(w, " ");
    raw(w, qs_strbuf_text(&b));
    qs_arena_free(a);
}

static void quantity_line(writer w, int n, const char *element, const qs_case *c, const char *q)
{
    const qs_quantity *qq = qs_model_quantity(c->schema, c->plan, q);
    open_comment(w, n);
    start(w, element);
    attr(w, "quantity", q);
    attr(w, "value", "");
    attr(w, "unit", qq ? qq->unit : "");
    xmlTextWriterEndElement(w);
    comment_words(w, qq ? qq->name : q);
    end_comment(w);
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

/* a year and a dash: an xs:date begun, to finish */
static const char *year_dash(char *buf, size_t size, int year)
{
    snprintf(buf, size, "%d-", year);
    return buf;
}

/* <element> with its attributes (name, value pairs, NULL-terminated) and
 * an end tag of its own (full) or none, commented out */
static void commented(writer w, int n, const char *element, const char *const *attrs, bool full)
{
    open_comment(w, n);
    start(w, element);
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        attr(w, attrs[i], attrs[i + 1]);
    if (full)
        xmlTextWriterFullEndElement(w);
    else
        xmlTextWriterEndElement(w);
    end_comment(w);
}

/* the fields the item's rule needs, commented out, in the order of
 * templates/evidence.xsd so that uncommenting them keeps the file valid */
static void fields(writer w, const qs_case *c, const qs_item *it, int year)
{
    int in = 6;
    size_t n = 0;
    char date[24];
    bool conds = it->rule == QS_RULE_ALL_OF || it->rule == QS_RULE_ANY_OF;
    if (it->rule == QS_RULE_THRESHOLD || conds) {
        threshold_of(it, 0, &n);
        for (size_t i = 0; i < n; i++) { /* measures */
            const qs_threshold *t = threshold_of(it, i, &n);
            if (t)
                quantity_line(w, in, "measure", c, t->quantity);
        }
        for (size_t i = 0; conds && i < it->n_conds; i++) { /* facts */
            const qs_condition *k = &it->conds[i];
            if (!k->is_fact)
                continue;
            open_comment(w, in);
            start(w, "fact");
            attr(w, "ref", k->fact_id);
            attr(w, "value", "true");
            xmlTextWriterEndElement(w);
            comment_words(w, k->fact_text);
            end_comment(w);
        }
        for (size_t i = 0; i < n; i++) { /* references */
            const qs_threshold *t = threshold_of(it, i, &n);
            if (t && t->ref)
                quantity_line(w, in, "reference", c, t->ref);
        }
    }
    if (it->rule == QS_RULE_TREND) {
        open_comment(w, in);
        start(w, "series");
        attr(w, "quantity", it->trend_quantity);
        for (int y = year - it->trend_years; y <= year; y++) {
            char yy[16];
            snprintf(yy, sizeof yy, "%d", y);
            start(w, "point");
            attr(w, "year", yy);
            attr(w, "value", "");
            xmlTextWriterEndElement(w);
        }
        xmlTextWriterEndElement(w);
        end_comment(w);
    }
    if (it->rule == QS_RULE_TIERS || it->rule == QS_RULE_PER_COUNT)
        for (int l = 0; l < QS_LEVEL_COUNT; l++)
            if (it->has_level[l]) {
                const char *a[] = {"level", qs_level_name((qs_level)l), "date", year_dash(date, sizeof date, year),
                                   NULL};
                commented(w, in, "award", a, true);
            }
    if (it->rule == QS_RULE_ABSENCE) {
        const char *a[] = {"kind", it->incident, "date", year_dash(date, sizeof date, year), NULL};
        commented(w, in, "incident", a, true);
    }
    if (it->rule == QS_RULE_GRADED) {
        const char *a[] = {"score", "", NULL};
        commented(w, in, "assessed", a, true);
    }
    const char *doc[] = {"title", "", "number", "", "issuer", "", "date", year_dash(date, sizeof date, year),
                         "file", "attachments/", NULL};
    commented(w, in, "document", doc, false);
    commented(w, in, "narrative", NULL, true);
}

static void item(writer w, const qs_case *c, const qs_strings *s, const qs_item *it)
{
    if (it->rule == QS_RULE_SUM) { /* the children carry the evidence */
        for (size_t k = 0; k < it->n_children; k++)
            item(w, c, s, &it->children[k]);
        return;
    }
    char pts[16];
    const char *p[] = {"item", it->id, "points", qs_points_str(it->points, pts), "text", it->text, NULL};
    comment(w, 4, s, "init.item", p);
    indent(w, 4);
    start(w, "item");
    attr(w, "ref", it->id);
    raw(w, "\n");
    fields(w, c, it, c->plan->year);
    indent(w, 4);
    xmlTextWriterFullEndElement(w);
    raw(w, "\n");
}

void qs_init_write(const qs_case *c, const qs_unit_duties *u, const qs_strings *s, FILE *out)
{
    xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL); /* flushes out, never closes it */
    writer w = buf ? xmlNewTextWriter(buf) : NULL;
    if (!w) {
        fputs("qsreport: out of memory\n", stderr);
        abort();
    }
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    qs_arena *a = qs_arena_new();
    const char *unit[] = {"unit", u->unit->name, NULL};
    comment(w, 0, s, "init.header", qs_model_pairs(a, c->plan, unit));
    qs_arena_free(a);
    char year[16];
    snprintf(year, sizeof year, "%d", c->plan->year);
    start(w, "evidence");
    attr(w, "xmlns", "urn:qsreport:evidence:1");
    attr(w, "version", "1");
    attr(w, "region", c->plan->region);
    attr(w, "year", year);
    raw(w, "\n  ");
    start(w, "unit");
    attr(w, "name", u->unit->name);
    raw(w, "\n");
    for (size_t i = 0; i < u->n_targets; i++) {
        const qs_target *t = u->targets[i];
        const char *p[] = {"target", t->text, NULL};
        comment(w, 4, s, "init.target", p);
        quantity_line(w, 4, "measure", c, t->quantity);
    }
    for (size_t i = 0; i < u->n_duties; i++) {
        const qs_indicator *ind = u->duties[i].indicator;
        char no[16];
        snprintf(no, sizeof no, "%d", ind->no);
        const char *role = qs_wording(s, u->duties[i].lead ? "init.lead" : "init.support");
        const char *p[] = {"no", no, "role", role, "method", ind->method, NULL};
        raw(w, "\n");
        comment(w, 4, s, "init.indicator", p);
        for (size_t k = 0; k < ind->n_items; k++)
            item(w, c, s, &ind->items[k]);
    }
    raw(w, "  ");
    xmlTextWriterFullEndElement(w); /* unit */
    raw(w, "\n");
    xmlTextWriterFullEndElement(w); /* evidence */
    xmlTextWriterEndDocument(w);    /* the last line's end */
    xmlFreeTextWriter(w); /* flushes the rest into out */
}
