/* load_evidence.c - evidence XML -> qs_evidence (stage 1: load).
 *
 * Reads an XSD-valid <evidence> document (templates/evidence.xsd): one or
 * more units, each with unit-level measures (for the plan's targets) and
 * per scoring item what was done, measured, stated, awarded, suffered,
 * assessed and documented.  References to the schema and the plan are
 * resolved and checked later (resolve.c, validate.c).
 */
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

static qs_measure *load_measures(const qs_xml_src *x, const xmlNode *parent, const char *name,
                                 size_t *n)
{
    *n = qs_xml_count(parent, name);
    qs_measure *m = qs_arena_calloc(x->arena, *n, sizeof *m);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(parent, name); c; c = qs_xml_next(c, name), i++) {
        m[i].quantity = qs_xml_get_token(x, c, "quantity");
        qs_xml_get_decimal(x, c, "value", &m[i].value);
        m[i].unit = qs_xml_attr(x->arena, c, "unit");
        m[i].source = qs_xml_attr(x->arena, c, "source");
        m[i].pos = qs_load_pos(x->path, c);
    }
    return m;
}

/* sizes arr for every child element called name, then loops over them as c */
#define EACH_CHILD(parent, name, arr, count)                                      \
    (count) = qs_xml_count((parent), (name));                                     \
    (arr) = qs_arena_calloc(a, (count), sizeof *(arr));                           \
    for (xmlNode *c = qs_xml_child((parent), (name)); c; c = qs_xml_next(c, (name)))

static void load_item(const qs_xml_src *x, const xmlNode *n, qs_evidence_item *it)
{
    qs_arena *a = x->arena;
    const char *path = x->path;
    it->ref = qs_xml_get_token(x, n, "ref");
    it->pos = qs_load_pos(path, n);
    bool done;
    it->done = !qs_xml_get_boolean(x, n, "done", &done) ? QS_DONE_UNSET : done ? QS_DONE_YES : QS_DONE_NO;
    it->has_claimed = qs_xml_get_points(x, n, "claimed", &it->claimed);
    it->measures = load_measures(x, n, "measure", &it->n_measures);
    it->references = load_measures(x, n, "reference", &it->n_references);

    size_t k = 0;
    EACH_CHILD(n, "fact", it->facts, it->n_facts)
    {
        qs_fact_value *f = &it->facts[k++];
        f->ref = qs_xml_get_token(x, c, "ref");
        qs_xml_get_boolean(x, c, "value", &f->value);
        f->pos = qs_load_pos(path, c);
    }
    k = 0;
    EACH_CHILD(n, "series", it->series, it->n_series)
    {
        qs_series *s = &it->series[k++];
        s->quantity = qs_xml_get_token(x, c, "quantity");
        s->pos = qs_load_pos(path, c);
        s->n_points = qs_xml_count(c, "point");
        s->points = qs_arena_calloc(a, s->n_points, sizeof *s->points);
        size_t j = 0;
        for (xmlNode *p = qs_xml_child(c, "point"); p; p = qs_xml_next(p, "point"), j++) {
            qs_xml_get_gyear(x, p, "year", &s->points[j].year);
            qs_xml_get_decimal(x, p, "value", &s->points[j].value);
            s->points[j].pos = qs_load_pos(path, p);
        }
    }
    k = 0;
    EACH_CHILD(n, "award", it->awards, it->n_awards)
    {
        qs_award *w = &it->awards[k++];
        w->level = qs_load_level(x, c);
        w->text = qs_xml_text(a, c);
        w->date = qs_xml_get_date(x, c, "date");
        qs_xml_get_boolean(x, c, "any-year", &w->any_year); /* XSD default: false */
        w->pos = qs_load_pos(path, c);
    }
    k = 0;
    EACH_CHILD(n, "incident", it->incidents, it->n_incidents)
    {
        qs_incident *inc = &it->incidents[k++];
        inc->kind = qs_xml_get_token(x, c, "kind");
        inc->date = qs_xml_get_date(x, c, "date");
        inc->text = qs_xml_text(a, c);
        inc->pos = qs_load_pos(path, c);
    }
    xmlNode *as = qs_xml_child(n, "assessed");
    if (as) {
        it->has_assessed = qs_xml_get_points(x, as, "score", &it->assessed);
        it->assessed_reason = qs_xml_text(a, as);
        it->assessed_pos = qs_load_pos(path, as);
    }
    k = 0;
    EACH_CHILD(n, "document", it->documents, it->n_documents)
    {
        qs_document *doc = &it->documents[k++];
        doc->title = qs_xml_attr(a, c, "title");
        doc->number = qs_xml_attr(a, c, "number");
        doc->issuer = qs_xml_attr(a, c, "issuer");
        doc->date = qs_xml_get_date(x, c, "date");
        doc->file = qs_xml_attr(a, c, "file");
        qs_xml_get_boolean(x, c, "any-year", &doc->any_year); /* XSD default: false */
        doc->pos = qs_load_pos(path, c);
    }
    it->narratives = qs_load_texts(a, n, "narrative", &it->n_narratives);
}

qs_evidence *qs_load_evidence_doc(qs_arena *a, xmlDoc *doc, const char *path, qs_diags *d)
{
    const qs_xml_src src = {a, path, d}, *x = &src;
    xmlNode *root = xmlDocGetRootElement(doc);
    qs_evidence *e = qs_arena_alloc(a, sizeof *e);
    e->path = path;
    e->pos = qs_load_pos(path, root);
    e->region = qs_xml_attr(a, root, "region");
    qs_xml_get_gyear(x, root, "year", &e->year);
    qs_xml_get_boolean(x, root, "sample", &e->sample); /* XSD default: false */
    e->n_units = qs_xml_count(root, "unit");
    e->units = qs_arena_calloc(a, e->n_units, sizeof *e->units);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(root, "unit"); c; c = qs_xml_next(c, "unit"), i++) {
        qs_evidence_unit *u = &e->units[i];
        u->name = qs_xml_attr(a, c, "name");
        u->pos = qs_load_pos(path, c);
        u->measures = load_measures(x, c, "measure", &u->n_measures);
        u->n_items = qs_xml_count(c, "item");
        u->items = qs_arena_calloc(a, u->n_items, sizeof *u->items);
        size_t k = 0;
        for (xmlNode *it = qs_xml_child(c, "item"); it; it = qs_xml_next(it, "item"), k++) {
            load_item(x, it, &u->items[k]);
            u->items[k].owner = u;
        }
    }
    return e;
}
