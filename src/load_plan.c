/* load_plan.c - plan XML -> qs_plan (stage 1: load).
 *
 * Reads an XSD-valid <plan> document (templates/plan.xsd): identity, the
 * campaign and its level, the indicator schema it follows, the unit
 * registry, the responsible units of each indicator (verbatim cell text plus
 * the names it lists, lead first), the key tasks and the quantitative
 * targets.  Names are kept as written; resolve.c maps them to registry
 * units.
 */
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

static qs_unitref ref_of(const qs_xml_src *x, const xmlNode *n, bool lead)
{
    qs_unitref r = {qs_xml_text(x->arena, n), lead, qs_load_pos(x->path, n), NULL};
    return r;
}

static void load_units(const qs_xml_src *x, const xmlNode *list, qs_plan *p)
{
    qs_arena *a = x->arena;
    p->n_units = qs_xml_count(list, NULL);
    p->units = qs_arena_calloc(a, p->n_units, sizeof *p->units);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(list, NULL); c; c = qs_xml_next(c, NULL), i++) {
        qs_unit *u = &p->units[i];
        u->name = qs_xml_attr(a, c, "name");
        u->pos = qs_load_pos(x->path, c);
        u->aliases = qs_load_texts(a, c, "alias", &u->n_aliases);
        if (!strcmp((const char *)c->name, "group")) {
            static const char *const of[] = {"committee"};
            int which = -1;
            u->is_group = true;
            u->of_committee = qs_xml_get_enum(x, c, "of", of, 1, &which) && which == 0;
            u->members = qs_load_texts(a, c, "member", &u->n_members);
            u->member_pos = qs_arena_calloc(a, u->n_members, sizeof *u->member_pos);
            size_t k = 0;
            for (xmlNode *m = qs_xml_child(c, "member"); m; m = qs_xml_next(m, "member"))
                u->member_pos[k++] = qs_load_pos(x->path, m);
        } else {
            qs_xml_get_boolean(x, c, "member", &u->member); /* XSD default: false */
            u->housed_at = qs_xml_attr(a, c, "housed-at");
        }
    }
}

static void load_responsibilities(const qs_xml_src *x, const xmlNode *list, qs_plan *p)
{
    qs_arena *a = x->arena;
    static const char *const roles[] = {"lead", "support"};
    p->n_resp = qs_xml_count(list, "responsible");
    p->resp = qs_arena_calloc(a, p->n_resp, sizeof *p->resp);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(list, "responsible"); c; c = qs_xml_next(c, "responsible"), i++) {
        qs_responsibility *r = &p->resp[i];
        qs_xml_get_integer(x, c, "indicator", &r->indicator_no);
        r->text = qs_xml_text(a, qs_xml_child(c, "text"));
        r->pos = qs_load_pos(x->path, c);
        r->n_units = qs_xml_count(c, "unit");
        r->units = qs_arena_calloc(a, r->n_units, sizeof *r->units);
        size_t k = 0;
        for (xmlNode *u = qs_xml_child(c, "unit"); u; u = qs_xml_next(u, "unit")) {
            int role = 1;
            qs_xml_get_enum(x, u, "role", roles, 2, &role);
            r->units[k++] = ref_of(x, u, role == 0);
        }
    }
}

static void load_tasks(const qs_xml_src *x, const xmlNode *list, qs_plan *p)
{
    qs_arena *a = x->arena;
    p->n_tasks = qs_xml_count(list, "task");
    p->tasks = qs_arena_calloc(a, p->n_tasks, sizeof *p->tasks);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(list, "task"); c; c = qs_xml_next(c, "task"), i++) {
        qs_task *t = &p->tasks[i];
        t->id = qs_xml_get_token(x, c, "id");
        t->section = qs_xml_attr(a, c, "section");
        qs_xml_get_integer(x, c, "no", &t->no);
        t->title = qs_xml_text(a, qs_xml_child(c, "title"));
        t->text = qs_xml_text(a, qs_xml_child(c, "text"));
        xmlNode *ut = qs_xml_child(c, "units-text");
        t->units_text = ut ? qs_xml_text(a, ut) : NULL;
        t->pos = qs_load_pos(x->path, c);
        t->n_units = qs_xml_count(c, "lead") + qs_xml_count(c, "support");
        t->units = qs_arena_calloc(a, t->n_units, sizeof *t->units);
        size_t k = 0;
        for (xmlNode *u = qs_xml_child(c, "lead"); u; u = qs_xml_next(u, "lead"))
            t->units[k++] = ref_of(x, u, true);
        for (xmlNode *u = qs_xml_child(c, "support"); u; u = qs_xml_next(u, "support"))
            t->units[k++] = ref_of(x, u, false);
    }
}

static void load_targets(const qs_xml_src *x, const xmlNode *list, qs_plan *p)
{
    qs_arena *a = x->arena;
    p->n_targets = qs_xml_count(list, "target");
    p->targets = qs_arena_calloc(a, p->n_targets, sizeof *p->targets);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(list, "target"); c; c = qs_xml_next(c, "target"), i++) {
        qs_target *t = &p->targets[i];
        t->id = qs_xml_get_token(x, c, "id");
        t->task_id = qs_xml_get_token(x, c, "task");
        t->quantity = qs_xml_get_token(x, c, "quantity");
        t->op = qs_load_op(x, c);
        qs_xml_get_decimal(x, c, "value", &t->value);
        t->text = qs_xml_text(a, qs_xml_child(c, "text"));
        t->pos = qs_load_pos(x->path, c);
        t->n_units = qs_xml_count(c, "unit");
        t->units = qs_arena_calloc(a, t->n_units, sizeof *t->units);
        size_t k = 0;
        for (xmlNode *u = qs_xml_child(c, "unit"); u; u = qs_xml_next(u, "unit"), k++)
            t->units[k] = ref_of(x, u, k == 0);
    }
}

qs_plan *qs_load_plan_doc(qs_arena *a, xmlDoc *doc, const char *path, qs_diags *d)
{
    const qs_xml_src src = {a, path, d}, *x = &src;
    xmlNode *root = xmlDocGetRootElement(doc);
    qs_plan *p = qs_arena_alloc(a, sizeof *p);
    p->path = path;
    p->pos = qs_load_pos(path, root);
    xmlNode *ind = qs_xml_child(root, "indicators");
    p->indicators_id = qs_xml_get_token(x, ind, "id");
    p->indicators_file = qs_xml_attr(a, ind, "file");
    p->indicators_pos = qs_load_pos(path, ind);
    p->region = qs_xml_text(a, qs_xml_child(root, "region"));
    p->region_pos = qs_load_pos(path, qs_xml_child(root, "region"));
    qs_xml_get_gyear(x, qs_xml_child(root, "year"), NULL, &p->year);
    p->title = qs_load_texts(a, qs_xml_child(root, "title"), "line", &p->n_title);
    p->title_pos = qs_load_pos(path, qs_xml_child(root, "title"));
    xmlNode *campaign = qs_xml_child(root, "campaign");
    p->campaign = qs_xml_get_token(x, campaign, NULL);
    p->level = qs_xml_get_token(x, campaign, "level");
    p->campaign_pos = qs_load_pos(path, campaign);
    xmlNode *recipient = qs_xml_child(root, "recipient");
    p->recipient = recipient ? qs_xml_text(a, recipient) : NULL;
    static const char *const statuses[] = {"draft", "final"}; /* in qs_plan_status order */
    int status = QS_STATUS_DRAFT;
    qs_xml_get_enum(x, qs_xml_child(root, "status"), NULL, statuses, 2, &status);
    p->status = (qs_plan_status)status;
    p->issuer = qs_xml_text(a, qs_xml_child(root, "issuer"));
    p->table_title = qs_xml_text(a, qs_xml_child(root, "table-title"));
    p->table_title_pos = qs_load_pos(path, qs_xml_child(root, "table-title"));
    xmlNode *note = qs_xml_child(root, "attachment-note");
    if (note) {
        p->attachment_note = qs_xml_text(a, note);
        p->attachment_note_pos = qs_load_pos(path, note);
    }
    p->quantities = qs_load_quantities(x, root, &p->n_quantities);
    load_units(x, qs_xml_child(root, "units"), p);
    load_responsibilities(x, qs_xml_child(root, "responsibilities"), p);
    load_tasks(x, qs_xml_child(root, "tasks"), p);
    load_targets(x, qs_xml_child(root, "targets"), p);
    return p;
}
