/* score.c - stage 3 entry point: the scores of a valid case.
 *
 * Reads the model (schema, plan, evidence); writes a qs_scores in the arena
 * and never changes the model.  Items are scored by rule.c from every
 * report of them; a nested parent is its children's sum; an indicator is
 * capped at its points (seed row 25: items 1 + 1 + 2 under a 3-point row),
 * a category at its points, the bonus at the schema's cap.
 */
#include "score.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const qs_score_string_keys[] = {
    "reason.no_evidence",  "reason.not_filled",    "reason.not_done",      "reason.no_document",
    "reason.not_assessed", "reason.graded",        "reason.no_measure",    "reason.no_reference",
    "reason.missed.ge",    "reason.missed.gt",     "reason.missed.le",     "reason.missed.lt",
    "reason.missed.eq",    "reason.missed.ref.ge", "reason.missed.ref.gt", "reason.missed.ref.le",
    "reason.missed.ref.lt", "reason.missed.ref.eq", "reason.no_fact",      "reason.fact_false",
    "reason.no_alternative", "reason.no_award",    "reason.part_award",    "reason.incident",
    "reason.no_year",      "reason.no_trend.down", "reason.no_trend.up",   "reason.parts",
    "level.national",      "level.provincial",     "level.city",           "level.county",
    "list.separator",      "reason.series",        "date",                 NULL,
};

static const char *const reason_names[QS_REASON_COUNT] = {
    "earned", "no-evidence", "not-filled", "not-done", "no-document", "not-assessed", "graded",
    "no-measure", "no-reference", "missed", "no-fact", "fact-false", "no-alternative", "no-award",
    "part-award", "incident", "no-year", "no-trend", "parts",
};

const char *qs_reason_name(qs_reason r)
{
    return r < QS_REASON_COUNT ? reason_names[r] : "?";
}

/* Every report of every item, in runs per item, each run in load order
 * (files by name, then document order), and the lead unit of every table
 * row: found once per case, so scoring takes time linear in the schema
 * and the evidence (and a logarithm). */
typedef struct report_index {
    const qs_evidence_item **reports;
    size_t n_reports;
    const qs_unit **lead; /* per table row; NULL: none */
} report_index;

typedef struct ranked {
    const qs_evidence_item *report;
    size_t seq; /* load order */
} ranked;

static int cmp_ranked(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    uintptr_t ia = (uintptr_t)a->report->item, ib = (uintptr_t)b->report->item;
    if (ia != ib)
        return ia < ib ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

static report_index build_index(const qs_case *c, qs_arena *a)
{
    report_index x = {NULL, 0, qs_arena_calloc(a, c->schema->n_indicators + 1, sizeof *x.lead)};
    size_t n = 0;
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            n += c->evidence[f].units[u].n_items;
    ranked *v = qs_arena_calloc(a, n + 1, sizeof *v);
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++)
                if (c->evidence[f].units[u].items[k].item) {
                    v[x.n_reports].report = &c->evidence[f].units[u].items[k];
                    v[x.n_reports].seq = x.n_reports;
                    x.n_reports++;
                }
    qsort(v, x.n_reports, sizeof *v, cmp_ranked);
    x.reports = qs_arena_calloc(a, x.n_reports + 1, sizeof *x.reports);
    for (size_t i = 0; i < x.n_reports; i++)
        x.reports[i] = v[i].report;
    for (size_t i = c->plan ? c->plan->n_resp : 0; i-- > 0;) { /* the first one given wins */
        const qs_responsibility *r = &c->plan->resp[i];
        size_t row = r->indicator ? (size_t)(r->indicator - c->schema->indicators) : SIZE_MAX;
        if (row < c->schema->n_indicators)
            x.lead[row] = r->n_units ? r->units[0].unit : NULL;
    }
    return x;
}

/* every report of item it, in load order */
static const qs_evidence_item **reports_of(const report_index *x, const qs_item *it, size_t *n)
{
    size_t lo = 0, hi = x->n_reports;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)x->reports[mid]->item < (uintptr_t)it)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < x->n_reports && x->reports[end]->item == it)
        end++;
    *n = end - lo;
    return x->reports + lo;
}

static void score_item(const qs_case *c, const qs_strings *s, qs_arena *a, const report_index *x,
                       const qs_item *it, qs_item_score *out)
{
    out->item = it;
    out->unit = x->lead[it->indicator - c->schema->indicators];
    size_t n;
    const qs_evidence_item **r = reports_of(x, it, &n);
    out->n_reports = n;
    out->first = n ? r[0] : NULL;
    for (size_t i = 0; i < n && !out->has_claimed; i++)
        if (r[i]->has_claimed) {
            out->has_claimed = true;
            out->claimed = r[i]->claimed;
            out->claimed_pos = r[i]->pos;
        }
    qs_score_item(c, s, a, out, (const qs_evidence_item *const *)r, n);
    if (it->rule == QS_RULE_SUM) {
        out->n_children = it->n_children;
        out->children = qs_arena_calloc(a, it->n_children, sizeof *out->children);
        qs_points sum = 0;
        size_t lost = 0;
        for (size_t k = 0; k < it->n_children; k++) {
            score_item(c, s, a, x, &it->children[k], &out->children[k]);
            sum += out->children[k].earned;
            lost += out->children[k].earned < out->children[k].available;
        }
        out->earned = sum < it->points ? sum : it->points;
        if (lost) {
            const char *tmpl = qs_strings_get(s, "reason.parts");
            out->reason = QS_REASON_PARTS;
            out->why = qs_arena_printf(a, "%s", tmpl ? tmpl : "reason.parts");
            const char *p = strstr(out->why, "{n}");
            if (p)
                out->why = qs_arena_printf(a, "%.*s%zu%s", (int)(p - out->why), out->why, lost, p + 3);
        }
    }
    /* only a claim that differs from the computed score is worth reporting */
    if (out->has_claimed && out->claimed == out->earned)
        out->has_claimed = false;
}

qs_scores *qs_score(const qs_case *c, const qs_strings *s, qs_arena *a)
{
    const qs_schema *sc = c->schema;
    qs_scores *sum = qs_arena_alloc(a, sizeof *sum);
    sum->n_indicators = sc->n_indicators;
    sum->indicators = qs_arena_calloc(a, sc->n_indicators, sizeof *sum->indicators);
    sum->n_categories = sc->n_categories;
    sum->categories = qs_arena_calloc(a, sc->n_categories, sizeof *sum->categories);
    qs_arena *tmp = qs_arena_new();
    report_index x = build_index(c, tmp);
    for (size_t i = 0; i < sc->n_indicators; i++) {
        const qs_indicator *ind = &sc->indicators[i];
        qs_indicator_score *is = &sum->indicators[i];
        is->indicator = ind;
        is->n_items = ind->n_items;
        is->items = qs_arena_calloc(a, ind->n_items, sizeof *is->items);
        qs_points items = 0, items_available = 0;
        for (size_t k = 0; k < ind->n_items; k++) {
            score_item(c, s, a, &x, &ind->items[k], &is->items[k]);
            items += is->items[k].earned;
            items_available += is->items[k].available;
        }
        is->items_sum = items;
        is->available = ind->has_points ? ind->points : items_available;
        is->earned = items < is->available ? items : is->available;
    }
    qs_arena_free(tmp);
    for (size_t ci = 0; ci < sc->n_categories; ci++) {
        const qs_category *cat = &sc->categories[ci];
        qs_category_score *cs = &sum->categories[ci];
        cs->category = cat;
        cs->indicators = &sum->indicators[cat->first];
        cs->n_indicators = cat->count;
        qs_points earned = 0;
        for (size_t i = 0; i < cat->count; i++)
            earned += cs->indicators[i].earned;
        cs->available = cat->points;
        cs->earned = earned < cat->points ? earned : cat->points;
        if (cat->bonus) {
            qs_points capped = cs->earned < sc->bonus_cap ? cs->earned : sc->bonus_cap;
            sum->bonus += capped;
            sum->bonus_available += cat->points;
        } else {
            sum->base += cs->earned;
            sum->base_available += cs->available;
        }
    }
    if (sum->bonus > sc->bonus_cap)
        sum->bonus = sc->bonus_cap;
    sum->total = sum->base + sum->bonus;
    return sum;
}
