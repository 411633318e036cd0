/* load_schema.c - indicator schema XML -> qs_schema (stage 1: load).
 *
 * Reads an XSD-valid <indicators> document (templates/indicators.xsd) and
 * copies it into the arena: quantities, incident kinds, categories with their
 * printed labels, groups (the table's indicator-content column), indicators in document order with their
 * verbatim scoring method, the scoring items with their rules, and the
 * faults of the official text each declares (<as-published>).  Sums and
 * cross-references are checked later by validate.c, never here.
 */
#include "load_internal.h"

#include <string.h>

qs_op qs_load_op(const qs_xml_src *x, const xmlNode *n)
{
    static const char *const ops[] = {"ge", "gt", "le", "lt", "eq"}; /* in qs_op order */
    int op = QS_OP_GE;
    qs_xml_get_enum(x, n, "op", ops, 5, &op);
    return (qs_op)op;
}

qs_level qs_load_level(const qs_xml_src *x, const xmlNode *n)
{
    const char *names[QS_LEVEL_COUNT];
    for (int i = 0; i < QS_LEVEL_COUNT; i++)
        names[i] = qs_level_name((qs_level)i);
    int l = QS_LEVEL_COUNT;
    qs_xml_get_enum(x, n, strcmp((const char *)n->name, "level") ? "level" : "id", names,
                    QS_LEVEL_COUNT, &l);
    return (qs_level)l;
}

const char **qs_load_texts(qs_arena *a, const xmlNode *parent, const char *name, size_t *n)
{
    *n = qs_xml_count(parent, name);
    const char **out = qs_arena_calloc(a, *n, sizeof *out);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(parent, name); c; c = qs_xml_next(c, name))
        out[i++] = qs_xml_text(a, c);
    return out;
}

qs_quantity *qs_load_quantities(const qs_xml_src *x, const xmlNode *parent, size_t *n)
{
    qs_arena *a = x->arena;
    xmlNode *list = qs_xml_child(parent, "quantities");
    *n = qs_xml_count(list, "quantity");
    qs_quantity *q = qs_arena_calloc(a, *n, sizeof *q);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(list, "quantity"); c; c = qs_xml_next(c, "quantity"), i++) {
        q[i].id = qs_xml_get_token(x, c, "id");
        q[i].name = qs_xml_attr(a, c, "name");
        q[i].unit = qs_xml_attr(a, c, "unit");
        q[i].has_min = qs_xml_get_decimal(x, c, "min", &q[i].min);
        q[i].has_max = qs_xml_get_decimal(x, c, "max", &q[i].max);
        q[i].pos = qs_load_pos(x->path, c);
    }
    return q;
}

/* The <as-published> children of parent: faults of the official text it
 * declares (kinds in qs_published_kind order, as in the XSD). */
static qs_published *load_published(const qs_xml_src *x, const xmlNode *parent, size_t *n)
{
    const char *names[QS_PUB_COUNT];
    for (int k = 0; k < QS_PUB_COUNT; k++)
        names[k] = qs_published_name((qs_published_kind)k);
    *n = qs_xml_count(parent, "as-published");
    qs_published *p = qs_arena_calloc(x->arena, *n, sizeof *p);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(parent, "as-published"); c; c = qs_xml_next(c, "as-published"), i++) {
        int kind = QS_PUB_COUNT;
        qs_xml_get_enum(x, c, "kind", names, QS_PUB_COUNT, &kind);
        p[i].kind = (qs_published_kind)kind;
        p[i].has_points = qs_xml_get_points(x, c, "points", &p[i].points);
        p[i].mark = qs_xml_attr(x->arena, c, "mark");
        p[i].count = 1; /* XSD default */
        qs_xml_get_integer(x, c, "count", &p[i].count);
        p[i].pos = qs_load_pos(x->path, c);
    }
    return p;
}

static void load_threshold(const qs_xml_src *x, const xmlNode *n, qs_threshold *t)
{
    t->quantity = qs_xml_get_token(x, n, "quantity");
    t->op = qs_load_op(x, n);
    t->has_value = qs_xml_get_decimal(x, n, "value", &t->value);
    t->ref = qs_xml_get_token(x, n, "ref");
    t->pos = qs_load_pos(x->path, n);
}

static const struct {
    const char *element;
    qs_rule_kind kind;
} rule_elements[] = {
    {"fixed", QS_RULE_FIXED},         {"graded", QS_RULE_GRADED},
    {"threshold", QS_RULE_THRESHOLD}, {"all-of", QS_RULE_ALL_OF},
    {"any-of", QS_RULE_ANY_OF},       {"tiers", QS_RULE_TIERS},
    {"per-count", QS_RULE_PER_COUNT}, {"absence", QS_RULE_ABSENCE},
    {"trend", QS_RULE_TREND},         {"sum", QS_RULE_SUM},
};

static void load_rule(const qs_xml_src *x, const xmlNode *r, qs_item *it)
{
    qs_arena *a = x->arena;
    for (size_t k = 0; k < sizeof rule_elements / sizeof *rule_elements; k++)
        if (!strcmp((const char *)r->name, rule_elements[k].element))
            it->rule = rule_elements[k].kind;
    switch (it->rule) {
    case QS_RULE_THRESHOLD:
        load_threshold(x, r, &it->threshold);
        break;
    case QS_RULE_ALL_OF:
    case QS_RULE_ANY_OF: {
        size_t n = qs_xml_count(r, NULL);
        it->conds = qs_arena_calloc(a, n, sizeof *it->conds);
        for (xmlNode *c = qs_xml_child(r, NULL); c; c = qs_xml_next(c, NULL)) {
            qs_condition *cond = &it->conds[it->n_conds++];
            cond->pos = qs_load_pos(x->path, c);
            if (!strcmp((const char *)c->name, "fact")) {
                cond->is_fact = true;
                cond->fact_id = qs_xml_get_token(x, c, "id");
                cond->fact_text = qs_xml_text(a, c);
            } else {
                load_threshold(x, c, &cond->threshold);
            }
        }
        break;
    }
    case QS_RULE_TIERS:
    case QS_RULE_PER_COUNT:
        for (xmlNode *l = qs_xml_child(r, "level"); l; l = qs_xml_next(l, "level")) {
            qs_level lv = qs_load_level(x, l);
            if (lv < QS_LEVEL_COUNT) {
                it->has_level[lv] = true;
                it->level_points[lv] = qs_load_points(x, l, "points");
            }
        }
        break;
    case QS_RULE_ABSENCE:
        it->incident = qs_xml_get_token(x, r, "incident");
        break;
    case QS_RULE_TREND: {
        static const char *const dirs[] = {"down", "up"};
        int dir = 0;
        qs_xml_get_enum(x, r, "direction", dirs, 2, &dir);
        it->trend_quantity = qs_xml_get_token(x, r, "quantity");
        it->trend_down = dir == 0;
        it->trend_years = 1;
        qs_xml_get_integer(x, r, "years", &it->trend_years);
        break;
    }
    default:
        break;
    }
}

static void load_items(const qs_xml_src *x, const xmlNode *parent, qs_indicator *ind,
                       qs_item *up, qs_item **out, size_t *n_out)
{
    *n_out = qs_xml_count(parent, "item");
    qs_item *items = qs_arena_calloc(x->arena, *n_out, sizeof *items);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(parent, "item"); c; c = qs_xml_next(c, "item"), i++) {
        qs_item *it = &items[i];
        it->id = qs_xml_get_token(x, c, "id");
        it->points = qs_load_points(x, c, "points");
        it->text = qs_xml_text(x->arena, qs_xml_child(c, "text"));
        it->indicator = ind;
        it->parent = up;
        it->pos = qs_load_pos(x->path, c);
        it->published = load_published(x, c, &it->n_published);
        /* the rule is the element after <text> and any <as-published> */
        xmlNode *r = qs_xml_next(qs_xml_child(c, "text"), NULL);
        while (r && !strcmp((const char *)r->name, "as-published"))
            r = qs_xml_next(r, NULL);
        if (r && strcmp((const char *)r->name, "item"))
            load_rule(x, r, it);
        load_items(x, c, ind, it, &it->children, &it->n_children);
    }
    *out = items;
}

static void load_indicator(const qs_xml_src *x, const xmlNode *n, qs_indicator *ind,
                           qs_category *cat, qs_group *grp)
{
    qs_xml_get_integer(x, n, "no", &ind->no);
    ind->has_points = qs_xml_get_points(x, n, "points", &ind->points);
    ind->method = qs_xml_text(x->arena, qs_xml_child(n, "method"));
    ind->published = load_published(x, n, &ind->n_published);
    ind->category = cat;
    ind->group = grp;
    ind->pos = qs_load_pos(x->path, n);
    load_items(x, n, ind, NULL, &ind->items, &ind->n_items);
}

qs_schema *qs_load_schema_doc(qs_arena *a, xmlDoc *doc, const char *path, qs_diags *d)
{
    const qs_xml_src src = {a, path, d}, *x = &src;
    xmlNode *root = xmlDocGetRootElement(doc);
    qs_schema *s = qs_arena_alloc(a, sizeof *s);
    s->path = path;
    s->pos = qs_load_pos(path, root);
    s->id = qs_xml_get_token(x, root, "id");
    s->region = qs_xml_attr(a, root, "region");
    qs_xml_get_gyear(x, root, "year", &s->year);
    s->total = qs_load_points(x, root, "total");
    s->bonus_cap = qs_load_points(x, root, "bonus-cap");
    s->title = qs_xml_text(a, qs_xml_child(root, "title"));
    s->published = load_published(x, root, &s->n_published);
    s->quantities = qs_load_quantities(x, root, &s->n_quantities);

    xmlNode *inc = qs_xml_child(root, "incidents");
    s->n_incidents = qs_xml_count(inc, "incident");
    s->incidents = qs_arena_calloc(a, s->n_incidents, sizeof *s->incidents);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(inc, "incident"); c; c = qs_xml_next(c, "incident"), i++) {
        s->incidents[i].id = qs_xml_get_token(x, c, "id");
        s->incidents[i].name = qs_xml_attr(a, c, "name");
        s->incidents[i].pos = qs_load_pos(path, c);
    }

    /* count first, so every array is allocated once */
    size_t n_ind = 0, n_grp = 0;
    s->n_categories = qs_xml_count(root, "category");
    for (xmlNode *c = qs_xml_child(root, "category"); c; c = qs_xml_next(c, "category")) {
        n_ind += qs_xml_count(c, "indicator");
        for (xmlNode *g = qs_xml_child(c, "group"); g; g = qs_xml_next(g, "group")) {
            n_grp++;
            n_ind += qs_xml_count(g, "indicator");
        }
    }
    s->categories = qs_arena_calloc(a, s->n_categories, sizeof *s->categories);
    s->groups = qs_arena_calloc(a, n_grp, sizeof *s->groups);
    s->indicators = qs_arena_calloc(a, n_ind, sizeof *s->indicators);

    size_t ci = 0;
    for (xmlNode *c = qs_xml_child(root, "category"); c; c = qs_xml_next(c, "category"), ci++) {
        qs_category *cat = &s->categories[ci];
        cat->id = qs_xml_get_token(x, c, "id");
        cat->name = qs_xml_attr(a, c, "name");
        cat->points = qs_load_points(x, c, "points");
        qs_xml_get_boolean(x, c, "bonus", &cat->bonus); /* XSD default: false */
        cat->label = qs_load_texts(a, qs_xml_child(c, "label"), "line", &cat->n_label);
        cat->published = load_published(x, c, &cat->n_published);
        cat->pos = qs_load_pos(path, c);
        cat->first = s->n_indicators;
        for (xmlNode *e = qs_xml_child(c, NULL); e; e = qs_xml_next(e, NULL)) {
            if (!strcmp((const char *)e->name, "indicator")) {
                load_indicator(x, e, &s->indicators[s->n_indicators++], cat, NULL);
            } else if (!strcmp((const char *)e->name, "group")) {
                qs_group *g = &s->groups[s->n_groups++];
                g->name = qs_xml_attr(a, e, "name");
                g->category = cat;
                g->pos = qs_load_pos(path, e);
                g->first = s->n_indicators;
                for (xmlNode *i_el = qs_xml_child(e, "indicator"); i_el; i_el = qs_xml_next(i_el, "indicator"))
                    load_indicator(x, i_el, &s->indicators[s->n_indicators++], cat, g);
                g->count = s->n_indicators - g->first;
            }
        }
        cat->count = s->n_indicators - cat->first;
    }
    return s;
}
