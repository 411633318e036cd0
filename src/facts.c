/* facts.c - the facts of the case (between stage 3, score, and stage 4,
 * render).
 *
 * Reads the resolved model and the scores; writes the figures that several
 * documents show (facts.h gives their definitions).  Builds the duties and
 * the evidence index once, so every writer counts the same units and the
 * same documents.  Never changes the model or the scores.
 */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

static size_t count_items(const qs_item *it)
{
    size_t n = 1;
    for (size_t k = 0; k < it->n_children; k++)
        n += count_items(&it->children[k]);
    return n;
}

/* the scoring items of the schema, nested ones included */
static size_t schema_items(const qs_schema *s)
{
    size_t n = 0;
    for (size_t i = 0; s && i < s->n_indicators; i++)
        for (size_t k = 0; k < s->indicators[i].n_items; k++)
            n += count_items(&s->indicators[i].items[k]);
    return n;
}

/* The responsible units without evidence, the most points at stake first;
 * equal points keep the registry's order (an insertion sort: stable). */
static void find_silent(qs_facts *f, qs_arena *a)
{
    const qs_duties *du = f->duties;
    f->silent = qs_arena_calloc(a, du->n_units + 1, sizeof *f->silent);
    for (size_t i = 0; i < du->n_units; i++)
        if (!du->units[i].has_evidence) {
            size_t k = f->n_silent++;
            for (; k > 0 && f->silent[k - 1]->carried < du->units[i].carried; k--)
                f->silent[k] = f->silent[k - 1];
            f->silent[k] = &du->units[i];
        }
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* reporting units, entries and covered items (by id, unique in the schema),
 * each counted once */
static void count_evidence(qs_facts *f, const qs_case *c, qs_arena *a)
{
    const qs_plan *p = c->plan;
    unsigned char *reported = qs_arena_calloc(a, p->n_units + 1, 1);
    size_t total = 0;
    for (size_t e = 0; e < c->n_evidence; e++)
        for (size_t u = 0; u < c->evidence[e].n_units; u++)
            total += c->evidence[e].units[u].n_items;
    const char **ids = qs_arena_calloc(a, total + 1, sizeof *ids);
    size_t n_ids = 0;
    for (size_t e = 0; e < c->n_evidence; e++)
        for (size_t u = 0; u < c->evidence[e].n_units; u++) {
            const qs_evidence_unit *eu = &c->evidence[e].units[u];
            size_t i = eu->unit ? (size_t)(eu->unit - p->units) : p->n_units;
            if (i < p->n_units && !reported[i]) {
                reported[i] = 1;
                f->n_reporting++;
            }
            f->n_entries += eu->n_items;
            for (size_t k = 0; k < eu->n_items; k++)
                if (eu->items[k].item)
                    ids[n_ids++] = eu->items[k].item->id;
        }
    qsort(ids, n_ids, sizeof *ids, cmp_str);
    for (size_t k = 0; k < n_ids; k++)
        f->n_items_covered += !k || strcmp(ids[k], ids[k - 1]);
}

qs_facts *qs_facts_build(const qs_case *c, const qs_scores *sc, const char *attach_dir, qs_arena *a)
{
    qs_facts *f = qs_arena_calloc(a, 1, sizeof *f);
    f->duties = qs_duties_build(c, sc, a);
    find_silent(f, a);
    count_evidence(f, c, a);
    f->n_items = schema_items(c->schema);
    f->index = qs_evindex_build(c, attach_dir, a);
    f->n_documents = f->index->n_rows;
    f->n_files = f->index->n_files;
    return f;
}
