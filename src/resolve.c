/* resolve.c - stage 2a: resolve names and references (reads the model, fills
 * its "resolved" fields, adds diagnostics).
 *
 * The official documents name one body several ways (an abbreviated
 * transport bureau in task 7; three spellings of the committee's member group): the plan's registry lists
 * the aliases and every name goes through it.  Nothing here changes what the
 * documents say.
 */
#include "resolve.h"
#include "i18n.h"

#include <string.h>

/* "unit "X" is not in the unit registry (did you mean "Y"?)" */
static void unknown_unit(qs_diags *d, const qs_plan *p, qs_srcpos pos, const char *context,
                         const char *name)
{
    const char *near = qs_model_unit_suggest(p, name);
    if (near)
        qs_diag_error(d, pos, "%sunit \"%s\" is not in the unit registry (did you mean \"%s\"?)",
                      context, name, near);
    else
        qs_diag_error(d, pos, "%sunit \"%s\" is not in the unit registry", context, name);
}

static void resolve_ref(const qs_plan *p, qs_unitref *r, const char *context, qs_diags *d)
{
    r->unit = qs_model_unit(p, r->name);
    if (!r->unit)
        unknown_unit(d, p, r->pos, context, r->name);
}

static void check_registry_names(const qs_plan *p, qs_diags *d)
{
    for (size_t i = 0; i < p->n_units; i++) {
        const qs_unit *u = &p->units[i];
        for (size_t k = 0; k <= u->n_aliases; k++) {
            const char *name = k == 0 ? u->name : u->aliases[k - 1];
            const qs_unit *first = qs_model_unit(p, name);
            if (first != u)
                qs_diag_error(d, u->pos, "unit name \"%s\" is already registered at line %ld",
                              name, first->pos.line);
            else
                for (size_t j = 0; j < k; j++) /* an alias repeating the unit's own names */
                    if (!strcmp(j == 0 ? u->name : u->aliases[j - 1], name))
                        qs_diag_error(d, u->pos, "unit \"%s\" lists the name \"%s\" twice",
                                      u->name, name);
        }
    }
}

static void resolve_registry(qs_case *c, qs_diags *d)
{
    qs_plan *p = c->plan;
    qs_arena *a = c->arena;
    check_registry_names(p, d);
    size_t n_members = 0;
    for (size_t i = 0; i < p->n_units; i++)
        n_members += !p->units[i].is_group && p->units[i].member;
    for (size_t i = 0; i < p->n_units; i++) {
        qs_unit *u = &p->units[i];
        if (u->housed_at) {
            u->housed = qs_model_unit(p, u->housed_at);
            if (!u->housed)
                unknown_unit(d, p, u->pos, _("housed-at: "), u->housed_at);
            else if (u->housed->is_group || u->housed == u)
                qs_diag_error(d, u->pos, "unit \"%s\" cannot be housed at \"%s\"", u->name,
                              u->housed_at);
        }
        if (!u->is_group)
            continue;
        if (u->of_committee) {
            if (u->n_members)
                qs_diag_error(d, u->pos, "group \"%s\" is of=\"committee\" and lists members too; "
                                         "use one or the other", u->name);
            u->expanded = qs_arena_calloc(a, n_members, sizeof *u->expanded);
            for (size_t k = 0; k < p->n_units; k++)
                if (!p->units[k].is_group && p->units[k].member)
                    u->expanded[u->n_expanded++] = &p->units[k];
        } else {
            u->expanded = qs_arena_calloc(a, u->n_members, sizeof *u->expanded);
            for (size_t k = 0; k < u->n_members; k++) {
                qs_unit *m = qs_model_unit(p, u->members[k]);
                if (!m)
                    unknown_unit(d, p, u->member_pos[k], _("group member: "), u->members[k]);
                else if (m->is_group)
                    qs_diag_error(d, u->member_pos[k], "group \"%s\" cannot have the group \"%s\" "
                                  "as a member", u->name, m->name);
                else
                    u->expanded[u->n_expanded++] = m;
            }
        }
        if (u->n_expanded == 0)
            qs_diag_warning(d, u->pos, "group \"%s\" stands for no unit", u->name);
    }
}

static void resolve_plan(qs_case *c, qs_diags *d)
{
    qs_plan *p = c->plan;
    resolve_registry(c, d);
    for (size_t i = 0; i < p->n_resp; i++) {
        qs_responsibility *r = &p->resp[i];
        char ctx[48];
        snprintf(ctx, sizeof ctx, _("indicator %d: "), r->indicator_no);
        if (c->schema) {
            r->indicator = qs_model_indicator(c->schema, r->indicator_no);
            if (!r->indicator)
                qs_diag_error(d, r->pos, "indicator %d is not in the indicator schema %s",
                              r->indicator_no, c->schema->id);
        }
        for (size_t k = 0; k < r->n_units; k++)
            resolve_ref(p, &r->units[k], ctx, d);
    }
    for (size_t i = 0; i < p->n_tasks; i++) {
        qs_task *t = &p->tasks[i];
        char ctx[96];
        snprintf(ctx, sizeof ctx, _("task %s: "), t->id);
        for (size_t k = 0; k < t->n_units; k++)
            resolve_ref(p, &t->units[k], ctx, d);
    }
    for (size_t i = 0; i < p->n_targets; i++) {
        qs_target *t = &p->targets[i];
        for (size_t k = 0; k < p->n_tasks && !t->task; k++)
            if (!strcmp(p->tasks[k].id, t->task_id))
                t->task = &p->tasks[k];
        if (!t->task)
            qs_diag_error(d, t->pos, "target %s: task \"%s\" is not in the plan", t->id, t->task_id);
        char ctx[96];
        snprintf(ctx, sizeof ctx, _("target %s: "), t->id);
        for (size_t k = 0; k < t->n_units; k++)
            resolve_ref(p, &t->units[k], ctx, d);
    }
}

static void resolve_evidence(qs_case *c, qs_evidence *e, qs_diags *d)
{
    for (size_t i = 0; i < e->n_units; i++) {
        qs_evidence_unit *u = &e->units[i];
        if (c->plan) {
            u->unit = qs_model_unit(c->plan, u->name);
            if (!u->unit) {
                unknown_unit(d, c->plan, u->pos, _("evidence: "), u->name);
            } else if (u->unit->is_group) {
                qs_diag_error(d, u->pos, "evidence must come from one unit, not the group \"%s\"",
                              u->name);
                u->unit = NULL;
            }
        }
        if (!c->schema)
            continue;
        for (size_t k = 0; k < u->n_items; k++) {
            qs_evidence_item *it = &u->items[k];
            it->item = qs_model_item(c->schema, it->ref);
            if (!it->item)
                qs_diag_error(d, it->pos, "item \"%s\" is not a scoring item of the indicator schema %s",
                              it->ref, c->schema->id);
        }
    }
}

size_t qs_resolve(qs_case *c, qs_diags *d)
{
    size_t before = qs_diag_errors(d);
    if (c->plan)
        resolve_plan(c, d);
    for (size_t i = 0; i < c->n_evidence; i++)
        resolve_evidence(c, &c->evidence[i], d);
    return qs_diag_errors(d) - before;
}

const qs_responsibility *qs_resolve_responsibility(const qs_plan *p, int no)
{
    for (size_t i = 0; p && i < p->n_resp; i++)
        if (p->resp[i].indicator_no == no)
            return &p->resp[i];
    return NULL;
}

/* u is r's unit, a unit of r's group, or the host of either */
static bool ref_covers(const qs_unitref *r, const qs_unit *u)
{
    const qs_unit *x = r->unit;
    if (!x)
        return false;
    if (x == u || x->housed == u)
        return true;
    for (size_t i = 0; i < x->n_expanded; i++)
        if (x->expanded[i] == u || x->expanded[i]->housed == u)
            return true;
    return false;
}

bool qs_resolve_responsible(const qs_plan *p, const qs_indicator *ind, const qs_unit *u, bool *lead)
{
    const qs_responsibility *r = qs_resolve_responsibility(p, ind->no);
    bool found = false;
    if (lead)
        *lead = false;
    for (size_t k = 0; r && k < r->n_units; k++) {
        if (ref_covers(&r->units[k], u)) {
            found = true;
            if (lead && r->units[k].lead)
                *lead = true;
        }
    }
    return found;
}
