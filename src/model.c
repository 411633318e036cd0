/* model.c - lookups over the model and names of its enums.
 *
 * Linear searches: a case has ~30 indicators, ~80 items and ~30 units, and
 * every caller runs once per case.
 */
#include "model.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const qs_indicator *qs_model_indicator(const qs_schema *s, int no)
{
    if (!s)
        return NULL;
    for (size_t i = 0; i < s->n_indicators; i++)
        if (s->indicators[i].no == no)
            return &s->indicators[i];
    return NULL;
}

static const qs_item *find_item(const qs_item *items, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(items[i].id, id))
            return &items[i];
        const qs_item *c = find_item(items[i].children, items[i].n_children, id);
        if (c)
            return c;
    }
    return NULL;
}

const qs_item *qs_model_item(const qs_schema *s, const char *id)
{
    if (!s)
        return NULL;
    for (size_t i = 0; i < s->n_indicators; i++) {
        const qs_item *it = find_item(s->indicators[i].items, s->indicators[i].n_items, id);
        if (it)
            return it;
    }
    return NULL;
}

const qs_quantity *qs_model_quantity(const qs_schema *s, const qs_plan *p, const char *id)
{
    if (p)
        for (size_t i = 0; i < p->n_quantities; i++)
            if (!strcmp(p->quantities[i].id, id))
                return &p->quantities[i];
    if (s)
        for (size_t i = 0; i < s->n_quantities; i++)
            if (!strcmp(s->quantities[i].id, id))
                return &s->quantities[i];
    return NULL;
}

const qs_incident_kind *qs_model_incident(const qs_schema *s, const char *id)
{
    if (s)
        for (size_t i = 0; i < s->n_incidents; i++)
            if (!strcmp(s->incidents[i].id, id))
                return &s->incidents[i];
    return NULL;
}

qs_unit *qs_model_unit(const qs_plan *p, const char *name)
{
    if (!p)
        return NULL;
    for (size_t i = 0; i < p->n_units; i++) {
        qs_unit *u = &p->units[i];
        if (!strcmp(u->name, name))
            return u;
        for (size_t k = 0; k < u->n_aliases; k++)
            if (!strcmp(u->aliases[k], name))
                return u;
    }
    return NULL;
}

const char *qs_model_unit_suggest(const qs_plan *p, const char *name)
{
    if (!p)
        return NULL;
    /* close enough: at most a third of the name's characters differ */
    size_t limit = qs_utf8_length(name) / 3;
    if (limit < 1)
        limit = 1;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < p->n_units; i++) {
        const qs_unit *u = &p->units[i];
        for (size_t k = 0; k <= u->n_aliases; k++) {
            const char *cand = k == 0 ? u->name : u->aliases[k - 1];
            size_t d = qs_utf8_distance(name, cand, best_d - 1 < limit ? best_d - 1 : limit);
            if (d < best_d) {
                best_d = d;
                best = u->name; /* suggest the official name, even for an alias */
            }
        }
    }
    return best;
}

const char *const *qs_model_pairs(qs_arena *a, const qs_plan *p, const char *const *more)
{
    size_t n = 0;
    while (more && more[n])
        n++;
    const char **pairs = qs_arena_calloc(a, n + 9, sizeof *pairs);
    const char *const base[] = {"region",   p->region,   "year",  qs_arena_printf(a, "%d", p->year),
                                "campaign", p->campaign, "level", p->level};
    if (n)
        memcpy(pairs, more, n * sizeof *pairs);
    memcpy(pairs + n, base, sizeof base);
    return pairs;
}

const char *qs_op_name(qs_op op)
{
    static const char *const names[] = {"ge", "gt", "le", "lt", "eq"};
    return names[op];
}

const char *qs_op_symbol(qs_op op)
{
    static const char *const names[] = {"≥", ">", "≤", "<", "="};
    return names[op];
}

const char *qs_level_name(qs_level l)
{
    static const char *const names[] = {"national", "provincial", "city", "county"};
    return l < QS_LEVEL_COUNT ? names[l] : "?";
}

const char *qs_rule_name(qs_rule_kind k)
{
    static const char *const names[] = {"fixed", "graded", "threshold", "all-of", "any-of",
                                        "tiers", "per-count", "absence", "trend", "sum"};
    return names[k];
}

const char *qs_published_name(qs_published_kind k)
{
    static const char *const names[QS_PUB_COUNT] = {"item-sum", "indicator-sum", "category-sum",
                                                    "label", "point-note", "unclosed", "unopened"};
    return k < QS_PUB_COUNT ? names[k] : "?";
}

const char *qs_points_str(qs_points p, char buf[static 16])
{
    int whole = p / QS_POINTS_SCALE, frac = p % QS_POINTS_SCALE;
    if (frac < 0)
        frac = -frac;
    const char *sign = p < 0 && whole == 0 ? "-" : "";
    if (frac == 0)
        snprintf(buf, 16, "%s%d", sign, whole);
    else if (frac % 10 == 0)
        snprintf(buf, 16, "%s%d.%d", sign, whole, frac / 10);
    else
        snprintf(buf, 16, "%s%d.%02d", sign, whole, frac);
    return buf;
}

const char *qs_points_text(qs_arena *a, qs_points p)
{
    return qs_points_str(p, qs_arena_alloc(a, 16));
}

double qs_points_value(qs_points p)
{
    return (double)p / QS_POINTS_SCALE;
}

bool qs_op_holds(qs_op op, double value, double bound)
{
    switch (op) {
    case QS_OP_GE: return value >= bound;
    case QS_OP_GT: return value > bound;
    case QS_OP_LE: return value <= bound;
    case QS_OP_LT: return value < bound;
    case QS_OP_EQ: return value == bound;
    }
    return false;
}

static int cmp_cited(const void *key, const void *elem)
{
    return strcmp(key, ((const qs_cited *)elem)->file);
}

const qs_cited *qs_model_cited(const qs_case *c, const char *file)
{
    return file && c->n_cited ? bsearch(file, c->cited, c->n_cited, sizeof *c->cited, cmp_cited) : NULL;
}
