/* validate_evidence.c - stage 2b: the semantic checks of the evidence.
 *
 * Reads the model only; writes diagnostics only.  Each evidence file
 * against its plan and schema: values in range, dates in the year, cited
 * files (fsio_check.c), what each item reports against what its rule
 * needs; then reports of one item that contradict each other.
 */
#include "i18n.h"
#include "validate_internal.h"
#include "fsio_check.h"
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

#define P(x) qs_points_str((x), (char[16]){0})

/* -------------------------------------------------------------- evidence */

static int year_of(const char *date)
{
    return date ? (int)strtol(date, NULL, 10) : 0;
}

/* hint: whether the element may carry any-year="true" */
static void check_date(const qs_case *c, const char *date, bool any_year, qs_srcpos pos,
                       const char *what, bool hint, qs_diags *d)
{
    if (!date || any_year || !c->plan)
        return;
    if (year_of(date) != c->plan->year)
        qs_diag_error(d, pos, "%s is dated %s, outside the plan year %d%s", what, date, c->plan->year,
                      hint ? _(" (mark it any-year=\"true\" if that is intended)") : "");
}

static bool quantity_in_range(const qs_quantity *q, double v)
{
    bool percent = !strcmp(q->unit, "%");
    if ((q->has_min && v < q->min) || (q->has_max && v > q->max))
        return false;
    return !percent || (v >= 0 && v <= 100);
}

static void check_measure(const qs_case *c, const qs_measure *m, const char *what, qs_diags *d)
{
    const qs_quantity *q = qs_model_quantity(c->schema, c->plan, m->quantity);
    if (!q) {
        qs_diag_error(d, m->pos, "%s: quantity \"%s\" is declared neither in the indicator schema "
                      "nor in the plan", what, m->quantity);
        return;
    }
    if (m->unit && strcmp(m->unit, q->unit))
        qs_diag_error(d, m->pos, "%s: %s is measured in \"%s\", not \"%s\"", what, q->name, q->unit,
                      m->unit);
    if (!quantity_in_range(q, m->value))
        qs_diag_error(d, m->pos, "%s: %s of %g%s is out of range%s", what, q->name, m->value, q->unit,
                      !strcmp(q->unit, "%") ? _(" (a percentage is 0 to 100)") : "");
}

static bool rule_uses_quantity(const qs_item *it, const char *q, bool as_ref)
{
    if (it->rule == QS_RULE_THRESHOLD)
        return !strcmp(as_ref ? (it->threshold.ref ? it->threshold.ref : "") : it->threshold.quantity, q);
    if (it->rule == QS_RULE_TREND)
        return !as_ref && !strcmp(it->trend_quantity, q);
    for (size_t i = 0; i < it->n_conds; i++) {
        const qs_condition *k = &it->conds[i];
        if (k->is_fact)
            continue;
        const char *x = as_ref ? k->threshold.ref : k->threshold.quantity;
        if (x && !strcmp(x, q))
            return true;
    }
    return false;
}

static bool rule_has_fact(const qs_item *it, const char *fact)
{
    for (size_t i = 0; i < it->n_conds; i++)
        if (it->conds[i].is_fact && !strcmp(it->conds[i].fact_id, fact))
            return true;
    return false;
}

/* The first value of quantity q (a measure, or a reference) that any
 * report of item it gives, in load order: the value rule.c scores. */
static const qs_measure *reported_value(const qs_case *c, const qs_item *it, const char *q, bool reference)
{
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++) {
                const qs_evidence_item *r = &c->evidence[f].units[u].items[k];
                if (r->item != it)
                    continue;
                const qs_measure *m = reference ? r->references : r->measures;
                size_t n = reference ? r->n_references : r->n_measures;
                for (size_t i = 0; i < n; i++)
                    if (!strcmp(m[i].quantity, q))
                        return &m[i];
            }
    return NULL;
}

static const qs_fact_value *reported_fact(const qs_case *c, const qs_item *it, const char *fact)
{
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++) {
                const qs_evidence_item *r = &c->evidence[f].units[u].items[k];
                for (size_t i = 0; r->item == it && i < r->n_facts; i++)
                    if (!strcmp(r->facts[i].ref, fact))
                        return &r->facts[i];
            }
    return NULL;
}

/* Does a condition of item it hold on what its reports give?  When it
 * does, *why says which value or fact, and *where where it is. */
static bool reported_holds(const qs_case *c, const qs_item *it, const qs_condition *k, const char **why,
                           qs_srcpos *where)
{
    if (k->is_fact) {
        const qs_fact_value *f = reported_fact(c, it, k->fact_id);
        if (!f || !f->value)
            return false;
        *why = qs_arena_printf(c->arena, _("its fact \"%s\" is true"), k->fact_text);
        *where = f->pos;
        return true;
    }
    const qs_threshold *t = &k->threshold;
    const qs_measure *m = reported_value(c, it, t->quantity, false);
    const qs_measure *r = t->ref ? reported_value(c, it, t->ref, true) : NULL;
    if (!m || (t->ref && !r) || !qs_op_holds(t->op, m->value, r ? r->value : t->value))
        return false;
    const qs_quantity *q = qs_model_quantity(c->schema, c->plan, t->quantity);
    const char *unit = q ? q->unit : "";
    *why = qs_arena_printf(c->arena, _("its %s of %g%s meets %s %g%s"), q ? q->name : t->quantity, m->value,
                           unit, qs_op_symbol(t->op), r ? r->value : t->value, unit);
    *where = m->pos;
    return true;
}

/* done="false" on an item its values earn: rule.c scores a threshold (and
 * all-of, any-of) by the values reported, never by done, so the item is
 * earned; the score stays so (the measured value is what the official
 * method scores), but the unit's own word contradicts it: a warning naming
 * both lines. */
static void check_done_false(const qs_case *c, const qs_evidence_item *e, qs_diags *d)
{
    const qs_item *it = e->item;
    if (e->done != QS_DONE_NO || !it)
        return;
    const char *why = NULL;
    qs_srcpos where = {0};
    bool earned = false;
    if (it->rule == QS_RULE_THRESHOLD) {
        qs_condition k = {.threshold = it->threshold};
        earned = reported_holds(c, it, &k, &why, &where);
    } else if (it->rule == QS_RULE_ALL_OF || it->rule == QS_RULE_ANY_OF) {
        bool all = it->rule == QS_RULE_ALL_OF;
        earned = all;
        for (size_t i = 0; i < it->n_conds && earned == all; i++) {
            const char *w;
            qs_srcpos p;
            bool holds = reported_holds(c, it, &it->conds[i], &w, &p);
            if (holds && !why) {
                why = w;
                where = p;
            }
            earned = all ? holds : holds || earned;
        }
    }
    if (earned)
        qs_diag_warning(d, e->pos, "item %s is marked done=\"false\", but %s (%s:%ld)%s, so it is scored "
                        "as earned (%s points); correct the one that is wrong", e->ref, why, where.file,
                        where.line, it->rule == QS_RULE_ALL_OF ? _(" and its other conditions hold") : "",
                        P(it->points));
}

static void check_item_evidence(const qs_case *c, const qs_evidence_unit *u,
                                const qs_evidence_item *e, qs_diags *d)
{
    const qs_item *it = e->item;
    char *what = qs_arena_printf(c->arena, _("item %s"), e->ref);
    (void)u;
    if (e->done == QS_DONE_UNSET)
        qs_diag_warning(d, e->pos, "item %s is not filled in yet (done=\"true\" or \"false\")", e->ref);
    check_done_false(c, e, d);
    for (size_t k = 0; k < e->n_measures; k++) {
        check_measure(c, &e->measures[k], what, d);
        if (it && !rule_uses_quantity(it, e->measures[k].quantity, false))
            qs_diag_warning(d, e->measures[k].pos, "item %s: its rule does not use %s", e->ref,
                            e->measures[k].quantity);
    }
    for (size_t k = 0; k < e->n_references; k++) {
        check_measure(c, &e->references[k], what, d);
        if (it && !rule_uses_quantity(it, e->references[k].quantity, true))
            qs_diag_warning(d, e->references[k].pos, "item %s: its rule has no reference %s", e->ref,
                            e->references[k].quantity);
    }
    for (size_t k = 0; k < e->n_facts; k++)
        if (it && !rule_has_fact(it, e->facts[k].ref))
            qs_diag_error(d, e->facts[k].pos, "item %s: fact \"%s\" is not one of this item's", e->ref,
                          e->facts[k].ref);
    for (size_t k = 0; k < e->n_series; k++) {
        const qs_series *s = &e->series[k];
        if (it && (it->rule != QS_RULE_TREND || strcmp(it->trend_quantity, s->quantity)))
            qs_diag_warning(d, s->pos, "item %s: its rule has no trend of %s", e->ref, s->quantity);
        const qs_quantity *q = qs_model_quantity(c->schema, c->plan, s->quantity);
        if (!q)
            qs_diag_error(d, s->pos, "item %s: quantity \"%s\" is not declared", e->ref, s->quantity);
        for (size_t j = 0; j < s->n_points; j++) {
            const qs_series_point *pt = &s->points[j];
            for (size_t i = 0; i < j; i++)
                if (s->points[i].year == pt->year)
                    qs_diag_error(d, pt->pos, "item %s: year %d appears twice in the series", e->ref,
                                  pt->year);
            if (c->plan && pt->year > c->plan->year)
                qs_diag_error(d, pt->pos, "item %s: year %d is after the plan year %d", e->ref,
                              pt->year, c->plan->year);
            if (q && !quantity_in_range(q, pt->value))
                qs_diag_error(d, pt->pos, "item %s: %s of %g%s is out of range", e->ref, q->name,
                              pt->value, q->unit);
        }
    }
    for (size_t k = 0; k < e->n_awards; k++) {
        const qs_award *w = &e->awards[k];
        if (it && it->rule != QS_RULE_TIERS && it->rule != QS_RULE_PER_COUNT)
            qs_diag_warning(d, w->pos, "item %s: its rule counts no awards", e->ref);
        else if (it && !it->has_level[w->level])
            qs_diag_warning(d, w->pos, "item %s: a %s award earns nothing here", e->ref,
                            qs_level_name(w->level));
        check_date(c, w->date, w->any_year, w->pos, _("the award"), true, d);
    }
    for (size_t k = 0; k < e->n_incidents; k++) {
        const qs_incident *x = &e->incidents[k];
        if (c->schema && !qs_model_incident(c->schema, x->kind))
            qs_diag_error(d, x->pos, "item %s: incident kind \"%s\" is not declared in the indicator "
                          "schema", e->ref, x->kind);
        else if (it && (it->rule != QS_RULE_ABSENCE || strcmp(it->incident, x->kind)))
            qs_diag_warning(d, x->pos, "item %s: its rule does not count incidents of kind %s", e->ref,
                            x->kind);
        check_date(c, x->date, false, x->pos, _("the incident"), false, d);
    }
    if (e->has_assessed && it) {
        if (it->rule != QS_RULE_GRADED)
            qs_diag_warning(d, e->assessed_pos, "item %s is scored by its rule (%s); the assessed "
                            "score is ignored", e->ref, qs_rule_name(it->rule));
        if (e->assessed > it->points)
            qs_diag_error(d, e->assessed_pos, "item %s: assessed %s points, the item has %s", e->ref,
                          P(e->assessed), P(it->points));
    }
    if (e->has_claimed && it && e->claimed > it->points)
        qs_diag_error(d, e->pos, "item %s: claims %s points, the item has %s", e->ref, P(e->claimed),
                      P(it->points));
    for (size_t k = 0; k < e->n_documents; k++) {
        const qs_document *doc = &e->documents[k];
        check_date(c, doc->date, doc->any_year, doc->pos,
                   qs_arena_printf(c->arena, _("document \"%s\""), doc->title), true, d);
        qs_fs_check_cited(c, doc, d);
    }
    if (it && u->unit && c->plan && !qs_resolve_responsible(c->plan, it->indicator, u->unit, NULL)) {
        const qs_responsibility *r = qs_resolve_responsibility(c->plan, it->indicator->no);
        qs_diag_warning(d, e->pos, "item %s: %s is not a responsible unit of indicator %d (%s)", e->ref,
                        u->name, it->indicator->no, r ? r->text : _("none"));
    }
}

/* --------------------------------------------------------------- conflicts */

static const qs_measure *find_measure(const qs_measure *m, size_t n, const char *q)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(m[i].quantity, q))
            return &m[i];
    return NULL;
}

static void conflict(qs_diags *d, qs_srcpos here, qs_srcpos there, const char *fmt_what,
                     const char *a, const char *b)
{
    qs_diag_error(d, here, "%s: \"%s\" here, but \"%s\" at %s:%ld", fmt_what, a, b, there.file,
                  there.line);
}

/* Two reports of one item may add documents and narratives, never contradict. */
/* A quantity the later report (mine) gives another value than the earlier (theirs). */
static void check_values(const qs_case *c, const qs_measure *mine, size_t n_mine, const qs_measure *theirs,
                         size_t n_theirs, const char *what, qs_diags *d)
{
    for (size_t k = 0; k < n_mine; k++) {
        const qs_measure *mb = &mine[k];
        const qs_measure *ma = find_measure(theirs, n_theirs, mb->quantity);
        if (ma && ma->value != mb->value)
            /* TRANSLATORS: "item 1.2: conflicting evidence" and the quantity in conflict */
            conflict(d, mb->pos, ma->pos, qs_arena_printf(c->arena, _("%s (%s)"), what, mb->quantity),
                     qs_arena_printf(c->arena, "%g", mb->value), qs_arena_printf(c->arena, "%g", ma->value));
    }
}

static void check_pair(const qs_case *c, const qs_evidence_item *a, const qs_evidence_item *b,
                       qs_diags *d)
{
    char *what = qs_arena_printf(c->arena, _("item %s: conflicting evidence"), a->ref);
    if (a->done != QS_DONE_UNSET && b->done != QS_DONE_UNSET && a->done != b->done)
        conflict(d, b->pos, a->pos, what, b->done ? _("done") : _("not done"), a->done ? _("done") : _("not done"));
    if (a->has_claimed && b->has_claimed && a->claimed != b->claimed)
        conflict(d, b->pos, a->pos, qs_arena_printf(c->arena, _("%s (claimed score)"), what),
                 P(b->claimed), P(a->claimed));
    if (a->has_assessed && b->has_assessed && a->assessed != b->assessed)
        conflict(d, b->assessed_pos, a->assessed_pos,
                 qs_arena_printf(c->arena, _("%s (assessed score)"), what), P(b->assessed), P(a->assessed));
    check_values(c, b->measures, b->n_measures, a->measures, a->n_measures, what, d);
    check_values(c, b->references, b->n_references, a->references, a->n_references, what, d);
    for (size_t k = 0; k < b->n_facts; k++)
        for (size_t j = 0; j < a->n_facts; j++)
            if (!strcmp(a->facts[j].ref, b->facts[k].ref) && a->facts[j].value != b->facts[k].value)
                conflict(d, b->facts[k].pos, a->facts[j].pos,
                         qs_arena_printf(c->arena, _("%s (fact %s)"), what, b->facts[k].ref),
                         b->facts[k].value ? "true" : "false", a->facts[j].value ? "true" : "false");
    for (size_t k = 0; k < b->n_series; k++)
        for (size_t j = 0; j < a->n_series; j++) {
            const qs_series *sa = &a->series[j], *sb = &b->series[k];
            if (strcmp(sa->quantity, sb->quantity))
                continue;
            for (size_t x = 0; x < sb->n_points; x++)
                for (size_t y = 0; y < sa->n_points; y++)
                    if (sb->points[x].year == sa->points[y].year &&
                        sb->points[x].value != sa->points[y].value)
                        conflict(d, sb->points[x].pos, sa->points[y].pos,
                                 qs_arena_printf(c->arena, _("%s (%s in %d)"), what, sb->quantity,
                                                 sb->points[x].year),
                                 qs_arena_printf(c->arena, "%g", sb->points[x].value),
                                 qs_arena_printf(c->arena, "%g", sa->points[y].value));
        }
}

void qs_validate_conflicts(const qs_case *c, qs_diags *d)
{
    /* every pair of reports of one item, and of one unit-level quantity, in load order */
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++) {
            const qs_evidence_unit *ub = &c->evidence[f].units[u];
            for (size_t f2 = 0; f2 <= f; f2++)
                for (size_t u2 = 0; u2 < c->evidence[f2].n_units; u2++) {
                    const qs_evidence_unit *ua = &c->evidence[f2].units[u2];
                    if (f2 == f && u2 >= u)
                        break;
                    for (size_t i = 0; i < ub->n_items; i++)
                        for (size_t j = 0; j < ua->n_items; j++)
                            if (!strcmp(ub->items[i].ref, ua->items[j].ref))
                                check_pair(c, &ua->items[j], &ub->items[i], d);
                    for (size_t i = 0; i < ub->n_measures; i++) {
                        const qs_measure *mb = &ub->measures[i];
                        const qs_measure *ma = find_measure(ua->measures, ua->n_measures, mb->quantity);
                        if (ma && ma->value != mb->value)
                            conflict(d, mb->pos, ma->pos,
                                     qs_arena_printf(c->arena, _("conflicting measure of %s"), mb->quantity),
                                     qs_arena_printf(c->arena, "%g", mb->value),
                                     qs_arena_printf(c->arena, "%g", ma->value));
                    }
                }
        }
}

static int cmp_report(const void *a, const void *b)
{
    const qs_evidence_item *x = *(const qs_evidence_item *const *)a, *y = *(const qs_evidence_item *const *)b;
    int r = strcmp(x->ref, y->ref);
    return r ? r : (x->pos.line > y->pos.line) - (x->pos.line < y->pos.line);
}

/* An item reported twice by one unit: an error at each later report,
 * naming the first (sorted once: a unit may report thousands) */
static void check_reported_twice(const qs_evidence_unit *u, qs_diags *d)
{
    const qs_evidence_item **v = qs_xmalloc((u->n_items ? u->n_items : 1) * sizeof *v);
    for (size_t k = 0; k < u->n_items; k++)
        v[k] = &u->items[k];
    qsort(v, u->n_items, sizeof *v, cmp_report);
    for (size_t k = 1, first = 0; k < u->n_items; k++) {
        if (strcmp(v[k]->ref, v[first]->ref))
            first = k;
        else
            qs_diag_error(d, v[k]->pos, "item %s is reported twice for %s (first at line %ld)", v[k]->ref,
                          u->name, v[first]->pos.line);
    }
    free(v);
}

void qs_validate_evidence(const qs_case *c, const qs_evidence *e, qs_diags *d)
{
    if (c->plan && (strcmp(e->region, c->plan->region) || e->year != c->plan->year))
        qs_diag_error(d, e->pos, "evidence for %s %d does not belong to the plan of %s %d", e->region,
                      e->year, c->plan->region, c->plan->year);
    for (size_t i = 0; i < e->n_units; i++) {
        const qs_evidence_unit *u = &e->units[i];
        for (size_t k = 0; k < u->n_measures; k++) {
            check_measure(c, &u->measures[k], u->name, d);
            for (size_t j = 0; j < k; j++)
                if (!strcmp(u->measures[j].quantity, u->measures[k].quantity))
                    qs_diag_error(d, u->measures[k].pos, "%s: %s is measured twice (first at line %ld)",
                                  u->name, u->measures[k].quantity, u->measures[j].pos.line);
        }
        check_reported_twice(u, d);
        for (size_t k = 0; k < u->n_items; k++)
            check_item_evidence(c, u, &u->items[k], d);
    }
}

