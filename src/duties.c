/* duties.c - per-unit responsibilities (stage 4: render, shared).
 *
 * Reads the resolved plan (responsibilities, tasks, targets), the evidence
 * and the scores; writes one qs_unit_duties per unit that carries anything.
 * A unit named in a responsible-units cell takes its role there; a unit
 * reached through a group (the committee's member units) shares the group's
 * role, so a row led by the whole committee is led by each member.
 * The order is the registry's, so every document lists units the same way.
 */
#include "duties.h"

#include <string.h>

/* The units a list of references reaches, each with its strongest role
 * (2 lead, 1 support): a unit named directly, and every unit of a group
 * named (its members share its role).  Built once per responsibility, task
 * or target, so the whole build is linear in the references and groups. */
typedef struct reach {
    const qs_plan *p;
    size_t *stamp;        /* per registry unit: the visit it was last reached in */
    unsigned char *role;  /* per registry unit: its role in that visit */
    size_t *touched, n;   /* the units reached in this visit */
    size_t visit;
} reach;

static void reach_unit(reach *r, const qs_unit *u, unsigned char role)
{
    size_t i = (size_t)(u - r->p->units);
    if (i >= r->p->n_units || u->is_group)
        return;
    if (r->stamp[i] != r->visit) {
        r->stamp[i] = r->visit;
        r->role[i] = role;
        r->touched[r->n++] = i;
    } else if (role > r->role[i]) {
        r->role[i] = role;
    }
}

/* The units refs reach (r->touched[0 .. r->n)), a new visit. */
static void reach_refs(reach *r, const qs_unitref *refs, size_t n)
{
    r->visit++;
    r->n = 0;
    for (size_t k = 0; k < n; k++) {
        const qs_unit *x = refs[k].unit;
        unsigned char role = refs[k].lead ? 2 : 1;
        if (!x)
            continue;
        reach_unit(r, x, role);
        for (size_t j = 0; j < x->n_expanded; j++) /* through a group: its members share its role */
            reach_unit(r, x->expanded[j], role);
    }
}

/* The responsibility of each indicator (the first given), by table row. */
static const qs_responsibility **responsibilities(const qs_case *c, qs_arena *a)
{
    const qs_schema *s = c->schema;
    const qs_responsibility **by_row = qs_arena_calloc(a, s->n_indicators + 1, sizeof *by_row);
    for (size_t j = 0; j < c->plan->n_resp; j++) {
        const qs_indicator *ind = c->plan->resp[j].indicator;
        size_t k = ind ? (size_t)(ind - s->indicators) : s->n_indicators;
        if (k < s->n_indicators && !by_row[k])
            by_row[k] = &c->plan->resp[j];
    }
    return by_row;
}

/* The references of target t: its own units, else its task's. */
static const qs_unitref *target_refs(const qs_target *t, size_t *n)
{
    *n = t->n_units ? t->n_units : t->task ? t->task->n_units : 0;
    return t->n_units ? t->units : t->task ? t->task->units : NULL;
}

/* Two passes over the plan and the evidence: the first counts what each
 * unit gets, the second fills the arrays sized by the first. */
static void distribute(const qs_case *c, const qs_scores *sc, const qs_responsibility **by_row,
                       reach *r, qs_unit_duties *ud, bool fill)
{
    const qs_plan *p = c->plan;
    for (size_t k = 0; k < sc->n_indicators; k++) {
        if (!by_row[k])
            continue;
        reach_refs(r, by_row[k]->units, by_row[k]->n_units);
        for (size_t i = 0; i < r->n; i++) {
            qs_unit_duties *u = &ud[r->touched[i]];
            bool lead = r->role[r->touched[i]] == 2;
            if (fill)
                u->duties[u->n_duties] = (qs_duty){sc->indicators[k].indicator, &sc->indicators[k], lead};
            u->n_duties++;
        }
    }
    for (size_t k = 0; k < p->n_tasks; k++) {
        reach_refs(r, p->tasks[k].units, p->tasks[k].n_units);
        for (size_t i = 0; i < r->n; i++) {
            qs_unit_duties *u = &ud[r->touched[i]];
            if (fill)
                u->tasks[u->n_tasks] = (qs_task_duty){&p->tasks[k], r->role[r->touched[i]] == 2};
            u->n_tasks++;
        }
    }
    for (size_t k = 0; k < p->n_targets; k++) {
        size_t n;
        const qs_unitref *refs = target_refs(&p->targets[k], &n);
        reach_refs(r, refs, n);
        for (size_t i = 0; i < r->n; i++) {
            qs_unit_duties *u = &ud[r->touched[i]];
            if (fill)
                u->targets[u->n_targets] = &p->targets[k];
            u->n_targets++;
        }
    }
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t k = 0; k < c->evidence[f].n_units; k++) {
            const qs_evidence_unit *eu = &c->evidence[f].units[k];
            size_t i = eu->unit ? (size_t)(eu->unit - p->units) : p->n_units;
            if (i >= p->n_units)
                continue;
            ud[i].has_evidence = true;
            for (size_t j = 0; j < eu->n_items; j++) {
                if (fill)
                    ud[i].reports[ud[i].n_reports] = &eu->items[j];
                ud[i].n_reports++;
            }
        }
}

qs_duties *qs_duties_build(const qs_case *c, const qs_scores *sc, qs_arena *a)
{
    const qs_plan *p = c->plan;
    size_t n = p->n_units;
    qs_arena *scratch = qs_arena_new();
    reach r = {p, qs_arena_calloc(scratch, n + 1, sizeof *r.stamp),
               qs_arena_calloc(scratch, n + 1, sizeof *r.role),
               qs_arena_calloc(scratch, n + 1, sizeof *r.touched), 0, 0};
    const qs_responsibility **by_row = responsibilities(c, scratch);
    qs_unit_duties *ud = qs_arena_calloc(a, n + 1, sizeof *ud);
    distribute(c, sc, by_row, &r, ud, false);
    for (size_t i = 0; i < n; i++) {
        ud[i].unit = &p->units[i];
        ud[i].duties = qs_arena_calloc(a, ud[i].n_duties + 1, sizeof *ud[i].duties);
        ud[i].tasks = qs_arena_calloc(a, ud[i].n_tasks + 1, sizeof *ud[i].tasks);
        ud[i].targets = qs_arena_calloc(a, ud[i].n_targets + 1, sizeof *ud[i].targets);
        ud[i].reports = qs_arena_calloc(a, ud[i].n_reports + 1, sizeof *ud[i].reports);
        ud[i].n_duties = ud[i].n_tasks = ud[i].n_targets = ud[i].n_reports = 0;
    }
    distribute(c, sc, by_row, &r, ud, true);
    qs_arena_free(scratch);

    qs_duties *d = qs_arena_alloc(a, sizeof *d);
    d->units = ud; /* the units with a duty or a task, moved down in registry order */
    for (size_t i = 0; i < n; i++) {
        qs_unit_duties *u = &ud[i];
        if (p->units[i].is_group || (!u->n_duties && !u->n_tasks))
            continue;
        for (size_t k = 0; k < u->n_duties; k++) {
            u->carried += u->duties[k].score->available;
            u->earned += u->duties[k].score->earned;
            if (u->duties[k].lead)
                u->led += u->duties[k].score->available;
        }
        d->units[d->n_units++] = *u;
    }
    return d;
}
