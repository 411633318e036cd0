/* load_schema.c - indicator schema XML -> qs_schema (stage 1: load).
 *
 * Reads an XSD-valid <indicators> document (templates/indicators.xsd) and
 * copies it into the arena: quantities, incident kinds, categories with their
 * printed labels, groups (the table's indicator-content column), indicators in document order with their
 * verbatim scoring method, and the scoring items with their rules.  Sums and
 * cross-references are checked later by validate.c, never here.
 */
#include "load_internal.h"

#include <string.h>

qs_op qs_load_op(const xmlNode *n)
{
    static const char *const ops[] = {"ge", "gt", "le", "lt", "eq"};
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)"op");
    qs_op op = QS_OP_GE;
    for (int i = 0; v && i < 5; i++)
        if (!strcmp((const char *)v, ops[i]))
            op = (qs_op)i;
    xmlFree(v);
    return op;
}

qs_level qs_load_level(const xmlNode *n)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)(strcmp((const char *)n->name, "level") ? "level" : "id"));
    qs_level l = QS_LEVEL_COUNT;
    for (int i = 0; v && i < QS_LEVEL_COUNT; i++)
        if (!strcmp((const char *)v, qs_level_name((qs_level)i)))
            l = (qs_level)i;
    xmlFree(v);
    return l;
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

qs_quantity *qs_load_quantities(qs_arena *a, const xmlNode *parent, const char *path, size_t *n)
{
    xmlNode *list = qs_xml_child(parent, "quantities");
    *n = qs_xml_count(list, "quantity");
    qs_quantity *q = qs_arena_calloc(a, *n, sizeof *q);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(list, "quantity"); c; c = qs_xml_next(c, "quantity"), i++) {
        q[i].id = qs_xml_attr(a, c, "id");
        q[i].name = qs_xml_attr(a, c, "name");
        q[i].unit = qs_xml_attr(a, c, "unit");
        q[i].has_min = qs_xml_attr_double(c, "min", &q[i].min);
        q[i].has_max = qs_xml_attr_double(c, "max", &q[i].max);
        q[i].pos = qs_load_pos(path, c);
    }
    return q;
}

static void load_threshold(qs_arena *a, const xmlNode *n, const char *path, qs_threshold *t)
{
    t->quantity = qs_xml_attr(a, n, "quantity");
    t->op = qs_load_op(n);
    t->has_value = qs_xml_attr_double(n, "value", &t->value);
    t->ref = qs_xml_attr(a, n, "ref");
    t->pos = qs_load_pos(path, n);
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

static void load_rule(qs_arena *a, const xmlNode *r, const char *path, qs_item *it)
{
    for (size_t k = 0; k < sizeof rule_elements / sizeof *rule_elements; k++)
        if (!strcmp((const char *)r->name, rule_elements[k].element))
            it->rule = rule_elements[k].kind;
    switch (it->rule) {
    case QS_RULE_THRESHOLD:
        load_threshold(a, r, path, &it->threshold);
        break;
    case QS_RULE_ALL_OF:
    case QS_RULE_ANY_OF: {
        size_t n = qs_xml_count(r, NULL);
        it->conds = qs_arena_calloc(a, n, sizeof *it->conds);
        for (xmlNode *c = qs_xml_child(r, NULL); c; c = qs_xml_next(c, NULL)) {
            qs_condition *cond = &it->conds[it->n_conds++];
            cond->pos = qs_load_pos(path, c);
            if (!strcmp((const char *)c->name, "fact")) {
                cond->is_fact = true;
                cond->fact_id = qs_xml_attr(a, c, "id");
                cond->fact_text = qs_xml_text(a, c);
            } else {
                load_threshold(a, c, path, &cond->threshold);
            }
        }
        break;
    }
    case QS_RULE_TIERS:
    case QS_RULE_PER_COUNT:
        for (xmlNode *l = qs_xml_child(r, "level"); l; l = qs_xml_next(l, "level")) {
            qs_level lv = qs_load_level(l);
            if (lv < QS_LEVEL_COUNT) {
                it->has_level[lv] = true;
                it->level_points[lv] = qs_load_points(l, "points");
            }
        }
        break;
    case QS_RULE_ABSENCE:
        it->incident = qs_xml_attr(a, r, "incident");
        break;
    case QS_RULE_TREND: {
        const char *dir = qs_xml_attr(a, r, "direction");
        it->trend_quantity = qs_xml_attr(a, r, "quantity");
        it->trend_down = !dir || !strcmp(dir, "down");
        it->trend_years = (int)qs_xml_attr_long(r, "years", 1);
        break;
    }
    default:
        break;
    }
}

static void load_items(qs_arena *a, const xmlNode *parent, const char *path, qs_indicator *ind,
                       qs_item *up, qs_item **out, size_t *n_out)
{
    *n_out = qs_xml_count(parent, "item");
    qs_item *items = qs_arena_calloc(a, *n_out, sizeof *items);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(parent, "item"); c; c = qs_xml_next(c, "item"), i++) {
        qs_item *it = &items[i];
        it->id = qs_xml_attr(a, c, "id");
        it->points = qs_load_points(c, "points");
        it->text = qs_xml_text(a, qs_xml_child(c, "text"));
        it->indicator = ind;
        it->parent = up;
        it->pos = qs_load_pos(path, c);
        /* the rule is the element after <text> */
        xmlNode *r = qs_xml_next(qs_xml_child(c, "text"), NULL);
        if (r && strcmp((const char *)r->name, "item"))
            load_rule(a, r, path, it);
        load_items(a, c, path, ind, it, &it->children, &it->n_children);
    }
    *out = items;
}

static void load_indicator(qs_arena *a, const xmlNode *n, const char *path, qs_indicator *ind,
                           qs_category *cat, qs_group *grp)
{
    ind->no = (int)qs_xml_attr_long(n, "no", 0);
    ind->has_points = qs_xml_attr_points(n, "points", &ind->points);
    ind->method = qs_xml_text(a, qs_xml_child(n, "method"));
    ind->category = cat;
    ind->group = grp;
    ind->pos = qs_load_pos(path, n);
    load_items(a, n, path, ind, NULL, &ind->items, &ind->n_items);
}

qs_schema *qs_load_schema_doc(qs_arena *a, xmlDoc *doc, const char *path, qs_diags *d)
{
    (void)d;
    xmlNode *root = xmlDocGetRootElement(doc);
    qs_schema *s = qs_arena_alloc(a, sizeof *s);
    s->path = path;
    s->pos = qs_load_pos(path, root);
    s->id = qs_xml_attr(a, root, "id");
    s->region = qs_xml_attr(a, root, "region");
    s->year = (int)qs_xml_attr_long(root, "year", 0);
    s->total = qs_load_points(root, "total");
    s->bonus_cap = qs_load_points(root, "bonus-cap");
    s->title = qs_xml_text(a, qs_xml_child(root, "title"));
    s->quantities = qs_load_quantities(a, root, path, &s->n_quantities);

    xmlNode *inc = qs_xml_child(root, "incidents");
    s->n_incidents = qs_xml_count(inc, "incident");
    s->incidents = qs_arena_calloc(a, s->n_incidents, sizeof *s->incidents);
    size_t i = 0;
    for (xmlNode *c = qs_xml_child(inc, "incident"); c; c = qs_xml_next(c, "incident"), i++) {
        s->incidents[i].id = qs_xml_attr(a, c, "id");
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
        cat->id = qs_xml_attr(a, c, "id");
        cat->name = qs_xml_attr(a, c, "name");
        cat->points = qs_load_points(c, "points");
        cat->bonus = qs_xml_attr_bool(c, "bonus", false);
        cat->label = qs_load_texts(a, qs_xml_child(c, "label"), "line", &cat->n_label);
        cat->pos = qs_load_pos(path, c);
        cat->first = s->n_indicators;
        for (xmlNode *e = qs_xml_child(c, NULL); e; e = qs_xml_next(e, NULL)) {
            if (!strcmp((const char *)e->name, "indicator")) {
                load_indicator(a, e, path, &s->indicators[s->n_indicators++], cat, NULL);
            } else if (!strcmp((const char *)e->name, "group")) {
                qs_group *g = &s->groups[s->n_groups++];
                g->name = qs_xml_attr(a, e, "name");
                g->category = cat;
                g->pos = qs_load_pos(path, e);
                g->first = s->n_indicators;
                for (xmlNode *x = qs_xml_child(e, "indicator"); x; x = qs_xml_next(x, "indicator"))
                    load_indicator(a, x, path, &s->indicators[s->n_indicators++], cat, g);
                g->count = s->n_indicators - g->first;
            }
        }
        cat->count = s->n_indicators - cat->first;
    }
    return s;
}
