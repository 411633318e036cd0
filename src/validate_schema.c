/* validate_schema.c - stage 2b: the semantic checks of an indicator schema.
 *
 * Reads the model only; writes diagnostics only.  Checks what the XSD
 * cannot: unique ids, sums and caps, every figure the official text prints
 * against the numbers, unpaired brackets, and the faults the schema
 * declares where they stand (validate.c says how a declared fault is a
 * warning and an undeclared one an error).
 */
#include "i18n.h"
#include "validate_internal.h"

#include <string.h>

#define P(x) qs_points_str((x), (char[16]){0})

/* ---------------------------------------------------------------- schema */

/* Opening and closing marks of the official text, in pairs. */
static const char *const brackets[][2] = {
    {"（", "）"}, {"(", ")"}, {"《", "》"}, {"〔", "〕"}, {"【", "】"}, {"“", "”"}, {"‘", "’"},
};
enum { N_BRACKETS = sizeof brackets / sizeof *brackets };

static bool is_bracket_mark(const char *mark, int side)
{
    for (int b = 0; b < N_BRACKETS; b++)
        if (!strcmp(mark, brackets[b][side]))
            return true;
    return false;
}

static bool published_takes_mark(qs_published_kind k)
{
    return k == QS_PUB_UNCLOSED || k == QS_PUB_UNOPENED;
}

/* Each declaration states the figure its kind needs, and states it once. */
static void check_published_decls(const qs_published *p, size_t n, const char *where, qs_diags *d)
{
    for (size_t i = 0; i < n; i++) {
        const qs_published *x = &p[i];
        if (x->kind >= QS_PUB_COUNT)
            continue; /* refused by the reader */
        const char *kind = qs_published_name(x->kind);
        if (published_takes_mark(x->kind)) {
            if (!x->mark)
                qs_diag_error(d, x->pos, "%s: <as-published kind=\"%s\"> needs mark= (the bracket as "
                              "published)", where, kind);
            else if (!is_bracket_mark(x->mark, x->kind == QS_PUB_UNOPENED))
                qs_diag_error(d, x->pos, "%s: <as-published kind=\"%s\">: \"%s\" is not %s mark", where,
                              kind, x->mark, x->kind == QS_PUB_UNOPENED ? _("a closing") : _("an opening"));
            if (x->has_points)
                qs_diag_error(d, x->pos, "%s: <as-published kind=\"%s\"> takes mark= and count=, not "
                              "points=", where, kind);
        } else {
            if (!x->has_points)
                qs_diag_error(d, x->pos, "%s: <as-published kind=\"%s\"> needs points= (the figure as "
                              "published)", where, kind);
            if (x->mark)
                qs_diag_error(d, x->pos, "%s: <as-published kind=\"%s\"> takes points=, not mark=", where,
                              kind);
        }
        for (size_t j = 0; j < i; j++)
            if (p[j].kind == x->kind && (!x->mark || !p[j].mark || !strcmp(x->mark, p[j].mark))) {
                qs_diag_error(d, x->pos, "%s: <as-published kind=\"%s\"> is declared twice (first at "
                              "line %ld)", where, kind, p[j].pos.line);
                break;
            }
    }
}

static const qs_published *find_published(const qs_published *p, size_t n, qs_published_kind k,
                                           const char *mark)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].kind == k && (!mark || (p[i].mark && !strcmp(p[i].mark, mark))))
            return &p[i];
    return NULL;
}

/* The figure a declaration states, as written in the schema. */
static const char *published_figure(qs_arena *a, qs_published_kind k, const char *mark, int figure)
{
    if (published_takes_mark(k))
        return qs_arena_printf(a, "mark=\"%s\" count=\"%d\"", mark, figure);
    return qs_arena_printf(a, "points=\"%s\"", P(figure));
}

/* One figure of the official text against the schema's numbers.  differs:
 * they disagree; figure: what the text gives (points, or a bracket's
 * count); msg: the disagreement, at pos.  Declared (kind, mark) with that
 * very figure, it is a warning "(as published<note>)"; undeclared, or
 * declared with another figure, an error; a declaration where nothing
 * disagrees is an error too.  A declaration without its figure has its
 * own error (check_published_decls) and counts for nothing here. */
static void published_fault(const qs_case *c, const qs_published *decls, size_t n_decls,
                            qs_published_kind k, const char *mark, bool differs, int figure,
                            qs_srcpos pos, const char *where, const char *note, const char *msg,
                            qs_diags *d)
{
    const qs_published *decl = find_published(decls, n_decls, k, mark);
    const char *kind = qs_published_name(k);
    bool by_mark = published_takes_mark(k);
    bool usable = decl && (by_mark || decl->has_points);
    int declared = !usable ? 0 : by_mark ? decl->count : decl->points;
    if (!differs) {
        if (usable)
            qs_diag_error(d, decl->pos, "%s: <as-published kind=\"%s\" %s/> declares a fault the "
                          "text does not have; remove it", where, kind,
                          published_figure(c->arena, k, mark, declared));
    } else if (!decl) {
        qs_diag_error(d, pos, "%s; if the official text says so, declare it: <as-published kind=\"%s\" "
                      "%s/>", msg, kind, published_figure(c->arena, k, mark, figure));
    } else if (usable && declared != figure) {
        qs_diag_error(d, pos, "%s; <as-published kind=\"%s\"> at line %ld states %s, not %s", msg, kind,
                      decl->pos.line, published_figure(c->arena, k, mark, declared),
                      published_figure(c->arena, k, mark, figure));
    } else if (usable) {
        qs_diag_published(d, pos, "%s (as published%s)", msg, note);
    }
}

/* A point note at s: "（" or "(", a decimal with at most two fraction digits,
 * "分", "）" or ")".  Returns its length in bytes and sets *pts; 0 when s
 * does not start with one. */
/* p past a full-width mark (three bytes of UTF-8) or its ASCII twin;
 * NULL when p starts with neither */
static const char *past_mark(const char *p, const char *wide, char ascii)
{
    if (!strncmp(p, wide, 3))
        return p + 3;
    return *p == ascii ? p + 1 : NULL;
}

static size_t point_note(const char *s, qs_points *pts)
{
    const char *p = past_mark(s, "（", '(');
    if (!p)
        return 0;
    long whole = 0;
    int digits = 0;
    for (; *p >= '0' && *p <= '9' && digits < 6; p++, digits++)
        whole = whole * 10 + (*p - '0');
    if (!digits)
        return 0;
    int frac = 0;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        frac = (*p++ - '0') * 10;
        if (*p >= '0' && *p <= '9')
            frac += *p++ - '0';
    }
    if (strncmp(p, "分", 3))
        return 0;
    if (!(p = past_mark(p + 3, "）", ')')))
        return 0;
    *pts = (qs_points)(whole * QS_POINTS_SCALE + frac);
    return (size_t)(p - s);
}

/* The point notes of a text, in order: offsets and figures (arena). */
typedef struct note {
    size_t at, len;
    qs_points points;
    const qs_item *item; /* the item it states the points of, or NULL */
} note;

static note *point_notes(qs_arena *a, const char *text, size_t *n)
{
    *n = 0;
    for (const char *s = text; *s; s++) {
        qs_points v;
        *n += point_note(s, &v) > 0;
    }
    note *out = qs_arena_calloc(a, *n ? *n : 1, sizeof *out);
    size_t i = 0;
    for (const char *s = text; *s;) {
        size_t len = point_note(s, &out[i].points);
        if (len) {
            out[i].at = (size_t)(s - text);
            out[i++].len = len;
            s += len;
        } else {
            s++;
        }
    }
    *n = i;
    return out;
}

/* The text before text[at], at most 12 characters of it, for a message. */
static const char *text_before(qs_arena *a, const char *text, size_t at)
{
    size_t start = at;
    for (int chars = 0; start > 0 && chars < 12; chars++) {
        start--;
        while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
            start--;
    }
    return qs_arena_printf(a, "%s%.*s", start ? "…" : "", (int)(at - start), text + start);
}

static void check_quantity_ref(const qs_case *c, qs_srcpos pos, const char *item_id,
                               const char *quantity, qs_diags *d)
{
    if (quantity && !qs_model_quantity(c->schema, NULL, quantity))
        qs_diag_error(d, pos, "item %s: quantity \"%s\" is not declared in <quantities>", item_id,
                      quantity);
}

static void check_threshold(const qs_case *c, const qs_item *it, const qs_threshold *t, qs_diags *d)
{
    check_quantity_ref(c, t->pos, it->id, t->quantity, d);
    if (t->has_value == (t->ref != NULL))
        qs_diag_error(d, t->pos, "item %s: a threshold needs exactly one of value= and ref=", it->id);
    if (t->ref)
        check_quantity_ref(c, t->pos, it->id, t->ref, d);
    const qs_quantity *q = t->quantity ? qs_model_quantity(c->schema, NULL, t->quantity) : NULL;
    if (q && t->has_value && ((q->has_min && t->value < q->min) || (q->has_max && t->value > q->max)))
        qs_diag_error(d, t->pos, "item %s: threshold %g is outside the range of %s", it->id,
                      t->value, q->name);
}

static void check_item(const qs_case *c, const qs_indicator *ind, const qs_item *it, qs_diags *d)
{
    if (!strstr(ind->method, it->text))
        qs_diag_warning(d, it->pos, "item %s: its text \"%s\" is not part of indicator %d's "
                                    "scoring method", it->id, it->text, ind->no);
    switch (it->rule) {
    case QS_RULE_THRESHOLD:
        check_threshold(c, it, &it->threshold, d);
        break;
    case QS_RULE_ALL_OF:
    case QS_RULE_ANY_OF:
        for (size_t i = 0; i < it->n_conds; i++) {
            const qs_condition *k = &it->conds[i];
            if (!k->is_fact) {
                check_threshold(c, it, &k->threshold, d);
                continue;
            }
            for (size_t j = 0; j < i; j++)
                if (it->conds[j].is_fact && !strcmp(it->conds[j].fact_id, k->fact_id))
                    qs_diag_error(d, k->pos, "item %s: fact \"%s\" appears twice", it->id, k->fact_id);
        }
        break;
    case QS_RULE_TIERS:
    case QS_RULE_PER_COUNT:
        for (int l = 0; l < QS_LEVEL_COUNT; l++)
            if (it->has_level[l] && it->level_points[l] == 0)
                qs_diag_warning(d, it->pos, "item %s: level %s earns no points", it->id,
                                qs_level_name((qs_level)l));
        break;
    case QS_RULE_ABSENCE:
        if (!qs_model_incident(c->schema, it->incident))
            qs_diag_error(d, it->pos, "item %s: incident kind \"%s\" is not declared in <incidents>",
                          it->id, it->incident);
        break;
    case QS_RULE_TREND:
        check_quantity_ref(c, it->pos, it->id, it->trend_quantity, d);
        break;
    case QS_RULE_SUM:
        if (it->n_children == 0)
            qs_diag_error(d, it->pos, "item %s: a <sum/> item needs nested items", it->id);
        break;
    default:
        break;
    }
    qs_points sum = 0;
    for (size_t i = 0; i < it->n_children; i++)
        sum += it->children[i].points;
    check_published_decls(it->published, it->n_published, qs_arena_printf(c->arena, _("item %s"), it->id), d);
    published_fault(c, it->published, it->n_published, QS_PUB_ITEM_SUM, NULL,
                    it->rule == QS_RULE_SUM && it->n_children && sum != it->points, sum, it->pos,
                    qs_arena_printf(c->arena, _("item %s"), it->id), "",
                    qs_arena_printf(c->arena, _("item %s: its nested items add up to %s points, the item "
                                    "states %s"), it->id, P(sum), P(it->points)), d);
    if (it->rule != QS_RULE_SUM && it->n_children)
        qs_diag_error(d, it->pos, "item %s: only a <sum/> item may have nested items", it->id);
    for (size_t i = 0; i < it->n_children; i++)
        check_item(c, ind, &it->children[i], d);
}

/* Brackets an indicator's method opens and never closes, or closes without
 * opening: reprinted as they are, reported as faults of the text. */
static void check_brackets(const qs_case *c, const qs_indicator *ind, qs_diags *d)
{
    enum { N = N_BRACKETS };
    int depth[N] = {0}, unopened[N] = {0};
    for (const char *s = ind->method; *s;) {
        size_t step = 1;
        for (int b = 0; b < N; b++) {
            size_t lo = strlen(brackets[b][0]), lc = strlen(brackets[b][1]);
            if (!strncmp(s, brackets[b][0], lo)) {
                depth[b]++;
                step = lo;
                break;
            }
            if (!strncmp(s, brackets[b][1], lc)) {
                if (depth[b] > 0)
                    depth[b]--;
                else
                    unopened[b]++;
                step = lc;
                break;
            }
        }
        s += step;
    }
    const char *where = qs_arena_printf(c->arena, _("indicator %d"), ind->no);
    for (int b = 0; b < N; b++) {
        published_fault(c, ind->published, ind->n_published, QS_PUB_UNCLOSED, brackets[b][0],
                        depth[b] > 0, depth[b], ind->pos, where, "",
                        qs_arena_printf(c->arena, _("indicator %d's scoring method has %d unclosed \"%s\""),
                                        ind->no, depth[b], brackets[b][0]), d);
        published_fault(c, ind->published, ind->n_published, QS_PUB_UNOPENED, brackets[b][1],
                        unopened[b] > 0, unopened[b], ind->pos, where, "",
                        qs_arena_printf(c->arena, _("indicator %d's scoring method has %d \"%s\" without "
                                        "its \"%s\""), ind->no, unopened[b], brackets[b][1],
                                        brackets[b][0]), d);
    }
}

static size_t count_items(const qs_item *items, size_t n)
{
    size_t total = n;
    for (size_t i = 0; i < n; i++)
        total += count_items(items[i].children, items[i].n_children);
    return total;
}

/* items and their nested items, in document order, into out[*i…] */
static void list_items(const qs_item *items, size_t n, const qs_item **out, size_t *i)
{
    for (size_t k = 0; k < n; k++) {
        out[(*i)++] = &items[k];
        list_items(items[k].children, items[k].n_children, out, i);
    }
}

/* The point notes of a method, （2分）, against the items they state the
 * points of.  A note belongs to the item whose text (the clause it scores,
 * copied without its note) it directly follows; an indicator of one item,
 * without nested items, whose method has one note owns it wherever it
 * stands (seed row 16: …满分2分。（2分）).  A note that follows no item's
 * text cannot be mapped reliably: it is a warning, and compared with
 * nothing.  Items with no note of their own (tiers: 再加2分 …) are not
 * compared either. */
static void check_point_notes(const qs_case *c, const qs_indicator *ind, qs_diags *d)
{
    size_t n;
    note *notes = point_notes(c->arena, ind->method, &n);
    size_t n_items = count_items(ind->items, ind->n_items), i_items = 0;
    const qs_item **items = qs_arena_calloc(c->arena, n_items ? n_items : 1, sizeof *items);
    list_items(ind->items, ind->n_items, items, &i_items);
    const note **mine = qs_arena_calloc(c->arena, n_items ? n_items : 1, sizeof *mine);
    for (size_t i = 0; i < n_items; i++) {
        size_t tl = strlen(items[i]->text);
        if (!tl)
            continue;
        for (const char *at = strstr(ind->method, items[i]->text); at && !mine[i];
             at = strstr(at + 1, items[i]->text))
            for (size_t k = 0; k < n; k++)
                if (!notes[k].item && notes[k].at == (size_t)(at - ind->method) + tl) {
                    notes[k].item = items[i];
                    mine[i] = &notes[k];
                    break;
                }
    }
    if (n == 1 && n_items == 1 && !notes[0].item) {
        notes[0].item = items[0];
        mine[0] = &notes[0];
    }
    for (size_t i = 0; i < n_items; i++) {
        const qs_item *it = items[i];
        char *msg = NULL;
        if (mine[i])
            msg = qs_arena_printf(c->arena, _("item %s: indicator %d's scoring method states %.*s for it, "
                                  "the item has %s points"), it->id, ind->no, (int)mine[i]->len,
                                  ind->method + mine[i]->at, P(it->points));
        published_fault(c, it->published, it->n_published, QS_PUB_POINT_NOTE, NULL,
                        mine[i] && mine[i]->points != it->points, mine[i] ? mine[i]->points : 0, it->pos,
                        qs_arena_printf(c->arena, _("item %s"), it->id),
                        qs_arena_printf(c->arena, _("; the item scores %s"), P(it->points)), msg, d);
    }
    for (size_t k = 0; k < n; k++)
        if (!notes[k].item)
            qs_diag_warning(d, ind->pos, "indicator %d: its scoring method's %.*s after \"%s\" follows "
                            "no item's text, so no item's points are checked against it", ind->no,
                            (int)notes[k].len, ind->method + notes[k].at,
                            text_before(c->arena, ind->method, notes[k].at));
}

/* The points a category's label prints, （22分）, against its points. */
static void check_label(const qs_case *c, const qs_category *cat, qs_diags *d)
{
    const char *label = "";
    for (size_t k = 0; k < cat->n_label; k++)
        label = qs_arena_printf(c->arena, "%s%s", label, cat->label[k]);
    size_t n;
    note *notes = point_notes(c->arena, label, &n);
    const note *off = NULL;
    for (size_t k = 0; k < n && !off; k++)
        if (notes[k].points != cat->points)
            off = &notes[k];
    published_fault(c, cat->published, cat->n_published, QS_PUB_LABEL, NULL, off != NULL,
                    off ? off->points : 0, cat->pos, qs_arena_printf(c->arena, _("category %s"), cat->name),
                    qs_arena_printf(c->arena, _("; the score uses %s"), P(cat->points)),
                    off ? qs_arena_printf(c->arena, _("category %s: its label prints %.*s but the category "
                                          "has %s points"), cat->name, (int)off->len, label + off->at,
                                          P(cat->points))
                        : NULL, d);
}

static void check_schema_ids(const qs_schema *s, qs_diags *d)
{
    for (size_t i = 0; i < s->n_quantities; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s->quantities[i].id, s->quantities[j].id))
                qs_diag_error(d, s->quantities[i].pos, "quantity \"%s\" is declared twice (first at "
                              "line %ld)", s->quantities[i].id, s->quantities[j].pos.line);
    for (size_t i = 0; i < s->n_incidents; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s->incidents[i].id, s->incidents[j].id))
                qs_diag_error(d, s->incidents[i].pos, "incident kind \"%s\" is declared twice",
                              s->incidents[i].id);
    for (size_t i = 0; i < s->n_categories; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s->categories[i].id, s->categories[j].id))
                qs_diag_error(d, s->categories[i].pos, "category id \"%s\" is used twice",
                              s->categories[i].id);
    for (size_t i = 0; i < s->n_indicators; i++) {
        const qs_indicator *ind = &s->indicators[i];
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            if (s->indicators[j].no == ind->no) {
                qs_diag_error(d, ind->pos, "indicator number %d is used twice (first at line %ld)",
                              ind->no, s->indicators[j].pos.line);
                dup = true;
            }
        if (!dup && ind->no != (int)i + 1)
            qs_diag_warning(d, ind->pos, "indicator %d is row %zu of the table; rows are "
                                         "numbered in order", ind->no, i + 1);
    }
    /* item ids are unique across the whole schema: evidence names them alone */
    for (size_t i = 0; i < s->n_indicators; i++) {
        const qs_indicator *ind = &s->indicators[i];
        for (size_t k = 0; k < ind->n_items; k++) {
            const qs_item *stack[64];
            size_t top = 0;
            stack[top++] = &ind->items[k];
            while (top) {
                const qs_item *it = stack[--top];
                const qs_item *first = qs_model_item(s, it->id);
                if (first != it)
                    qs_diag_error(d, it->pos, "item id \"%s\" is used twice (first at line %ld)",
                                  it->id, first->pos.line);
                for (size_t c = 0; c < it->n_children && top < 64; c++)
                    stack[top++] = &it->children[c];
            }
        }
    }
}

void qs_validate_schema(const qs_case *c, qs_diags *d)
{
    const qs_schema *s = c->schema;
    check_schema_ids(s, d);
    qs_points total = 0, bonus = 0;
    size_t n_bonus = 0;
    for (size_t ci = 0; ci < s->n_categories; ci++) {
        const qs_category *cat = &s->categories[ci];
        qs_points sum = 0;
        for (size_t i = cat->first; i < cat->first + cat->count; i++) {
            const qs_indicator *ind = &s->indicators[i];
            qs_points items = 0;
            for (size_t k = 0; k < ind->n_items; k++) {
                items += ind->items[k].points;
                check_item(c, ind, &ind->items[k], d);
            }
            const char *where = qs_arena_printf(c->arena, _("indicator %d"), ind->no);
            check_published_decls(ind->published, ind->n_published, where, d);
            check_brackets(c, ind, d);
            check_point_notes(c, ind, d);
            if (cat->bonus) {
                if (ind->has_points)
                    qs_diag_warning(d, ind->pos, "indicator %d: bonus rows print no score; its "
                                    "points come from its items", ind->no);
                sum += items;
                published_fault(c, ind->published, ind->n_published, QS_PUB_ITEM_SUM, NULL, false, 0,
                                ind->pos, where, "", NULL, d);
                continue;
            }
            if (!ind->has_points) {
                qs_diag_error(d, ind->pos, "indicator %d has no points (only bonus rows may omit them)",
                              ind->no);
                continue;
            }
            sum += ind->points;
            published_fault(c, ind->published, ind->n_published, QS_PUB_ITEM_SUM, NULL,
                            items != ind->points, items, ind->pos, where,
                            qs_arena_printf(c->arena, _("; the score is capped at %s"), P(ind->points)),
                            qs_arena_printf(c->arena, _("indicator %d: its scoring items add up to %s "
                                            "points but the indicator has %s"), ind->no, P(items),
                                            P(ind->points)), d);
        }
        const char *where = qs_arena_printf(c->arena, _("category %s"), cat->name);
        check_published_decls(cat->published, cat->n_published, where, d);
        check_label(c, cat, d);
        if (cat->bonus) {
            n_bonus++;
            bonus += cat->points;
            if (sum < cat->points)
                qs_diag_warning(d, cat->pos, "bonus category %s: its items add up to %s points, "
                                "less than its %s", cat->name, P(sum), P(cat->points));
        } else {
            total += cat->points;
        }
        /* the bonus category's items may well add up to more than its cap */
        published_fault(c, cat->published, cat->n_published, QS_PUB_INDICATOR_SUM, NULL,
                        !cat->bonus && sum != cat->points, sum, cat->pos, where, "",
                        qs_arena_printf(c->arena, _("category %s: its indicators add up to %s points but "
                                        "the category has %s"), cat->name, P(sum), P(cat->points)), d);
        if (cat->count == 0)
            qs_diag_error(d, cat->pos, "category %s has no indicators", cat->name);
    }
    check_published_decls(s->published, s->n_published, _("the schema"), d);
    published_fault(c, s->published, s->n_published, QS_PUB_CATEGORY_SUM, NULL, total != s->total, total,
                    s->pos, _("the schema"), "",
                    qs_arena_printf(c->arena, _("the categories add up to %s points, the schema's total is %s"),
                                    P(total), P(s->total)), d);
    if (n_bonus > 1)
        qs_diag_error(d, s->pos, "there are %zu bonus categories; at most one", n_bonus);
    if (n_bonus && bonus != s->bonus_cap)
        qs_diag_error(d, s->pos, "the bonus category has %s points, the schema's bonus cap is %s",
                      P(bonus), P(s->bonus_cap));
}

