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

/* the role of unit u in responsibility r: 0 none, 1 support, 2 lead */
static int role_in(const qs_unitref *refs, size_t n, const qs_unit *u)
{
    int role = 0;
    for (size_t k = 0; k < n; k++) {
        const qs_unit *x = refs[k].unit;
        int r = 0;
        if (x == u)
            r = refs[k].lead ? 2 : 1;
        for (size_t j = 0; x && j < x->n_expanded && !r; j++)
            if (x->expanded[j] == u) /* through a group: its members share its role */
                r = refs[k].lead ? 2 : 1;
        if (r > role)
            role = r;
    }
    return role;
}

qs_duties *qs_duties_build(const qs_case *c, const qs_scores *sc, qs_arena *a)
{
    const qs_plan *p = c->plan;
    qs_duties *d = qs_arena_alloc(a, sizeof *d);
    d->units = qs_arena_calloc(a, p->n_units, sizeof *d->units);
    for (size_t i = 0; i < p->n_units; i++) {
        const qs_unit *u = &p->units[i];
        if (u->is_group)
            continue;
        qs_unit_duties ud = {0};
        ud.unit = u;
        ud.duties = qs_arena_calloc(a, sc->n_indicators, sizeof *ud.duties);
        for (size_t k = 0; k < sc->n_indicators; k++) {
            const qs_indicator *ind = sc->indicators[k].indicator;
            const qs_responsibility *r = NULL;
            for (size_t j = 0; j < p->n_resp && !r; j++)
                if (p->resp[j].indicator == ind)
                    r = &p->resp[j];
            int role = r ? role_in(r->units, r->n_units, u) : 0;
            if (!role)
                continue;
            qs_duty *du = &ud.duties[ud.n_duties++];
            du->indicator = ind;
            du->score = &sc->indicators[k];
            du->lead = role == 2;
            ud.carried += du->score->available;
            ud.earned += du->score->earned;
            if (du->lead)
                ud.led += du->score->available;
        }
        ud.tasks = qs_arena_calloc(a, p->n_tasks, sizeof *ud.tasks);
        for (size_t k = 0; k < p->n_tasks; k++) {
            int role = role_in(p->tasks[k].units, p->tasks[k].n_units, u);
            if (role) {
                ud.tasks[ud.n_tasks].task = &p->tasks[k];
                ud.tasks[ud.n_tasks++].lead = role == 2;
            }
        }
        ud.targets = qs_arena_calloc(a, p->n_targets, sizeof *ud.targets);
        for (size_t k = 0; k < p->n_targets; k++) {
            const qs_target *t = &p->targets[k];
            int role = t->n_units ? role_in(t->units, t->n_units, u)
                                  : t->task ? role_in(t->task->units, t->task->n_units, u) : 0;
            if (role)
                ud.targets[ud.n_targets++] = t;
        }
        size_t n = 0;
        for (size_t f = 0; f < c->n_evidence; f++)
            for (size_t k = 0; k < c->evidence[f].n_units; k++)
                if (c->evidence[f].units[k].unit == u) {
                    ud.has_evidence = true;
                    n += c->evidence[f].units[k].n_items;
                }
        ud.reports = qs_arena_calloc(a, n ? n : 1, sizeof *ud.reports);
        for (size_t f = 0; f < c->n_evidence; f++)
            for (size_t k = 0; k < c->evidence[f].n_units; k++)
                if (c->evidence[f].units[k].unit == u)
                    for (size_t j = 0; j < c->evidence[f].units[k].n_items; j++)
                        ud.reports[ud.n_reports++] = &c->evidence[f].units[k].items[j];
        if (ud.n_duties || ud.n_tasks)
            d->units[d->n_units++] = ud;
    }
    return d;
}
