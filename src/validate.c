/* validate.c - stage 2b: semantic checks over a resolved case.
 *
 * Reads the model only; writes diagnostics only.  The XSDs have already
 * checked structure and types; this file checks what they cannot: sums,
 * caps, uniqueness, cross-references, ranges, dates, paths, conflicts.
 * The official text is reprinted as published, faults included, and never
 * fixed; the schema declares each fault where it stands (<as-published>,
 * stating the figure the text gives: seed row 25's items 1 + 1 + 2 under a
 * 3-point row, row 17's unclosed bracket).  A declared fault is a warning
 * "(as published)"; an undeclared one, one declared with another figure, or
 * a declaration of a fault that is not there is an error, so a typo in a
 * new year's schema is never taken for the official text's own.
 */
#include "validate.h"
#include "excel_limits.h"
#include "resolve.h"
#include "fsio.h"
#include "sheetname.h"
#include "utf8.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
                              kind, x->mark, x->kind == QS_PUB_UNOPENED ? "a closing" : "an opening");
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
static size_t point_note(const char *s, qs_points *pts)
{
    const char *p = s;
    if (!strncmp(p, "（", 3))
        p += 3;
    else if (*p == '(')
        p++;
    else
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
    p += 3;
    if (!strncmp(p, "）", 3))
        p += 3;
    else if (*p == ')')
        p++;
    else
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
    check_published_decls(it->published, it->n_published, qs_arena_printf(c->arena, "item %s", it->id), d);
    published_fault(c, it->published, it->n_published, QS_PUB_ITEM_SUM, NULL,
                    it->rule == QS_RULE_SUM && it->n_children && sum != it->points, sum, it->pos,
                    qs_arena_printf(c->arena, "item %s", it->id), "",
                    qs_arena_printf(c->arena, "item %s: its nested items add up to %s points, the item "
                                    "states %s", it->id, P(sum), P(it->points)), d);
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
    const char *where = qs_arena_printf(c->arena, "indicator %d", ind->no);
    for (int b = 0; b < N; b++) {
        published_fault(c, ind->published, ind->n_published, QS_PUB_UNCLOSED, brackets[b][0],
                        depth[b] > 0, depth[b], ind->pos, where, "",
                        qs_arena_printf(c->arena, "indicator %d's scoring method has %d unclosed \"%s\"",
                                        ind->no, depth[b], brackets[b][0]), d);
        published_fault(c, ind->published, ind->n_published, QS_PUB_UNOPENED, brackets[b][1],
                        unopened[b] > 0, unopened[b], ind->pos, where, "",
                        qs_arena_printf(c->arena, "indicator %d's scoring method has %d \"%s\" without "
                                        "its \"%s\"", ind->no, unopened[b], brackets[b][1],
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
            msg = qs_arena_printf(c->arena, "item %s: indicator %d's scoring method states %.*s for it, "
                                  "the item has %s points", it->id, ind->no, (int)mine[i]->len,
                                  ind->method + mine[i]->at, P(it->points));
        published_fault(c, it->published, it->n_published, QS_PUB_POINT_NOTE, NULL,
                        mine[i] && mine[i]->points != it->points, mine[i] ? mine[i]->points : 0, it->pos,
                        qs_arena_printf(c->arena, "item %s", it->id),
                        qs_arena_printf(c->arena, "; the item scores %s", P(it->points)), msg, d);
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
                    off ? off->points : 0, cat->pos, qs_arena_printf(c->arena, "category %s", cat->name),
                    qs_arena_printf(c->arena, "; the score uses %s", P(cat->points)),
                    off ? qs_arena_printf(c->arena, "category %s: its label prints %.*s but the category "
                                          "has %s points", cat->name, (int)off->len, label + off->at,
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

static void check_schema(const qs_case *c, qs_diags *d)
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
            const char *where = qs_arena_printf(c->arena, "indicator %d", ind->no);
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
                            qs_arena_printf(c->arena, "; the score is capped at %s", P(ind->points)),
                            qs_arena_printf(c->arena, "indicator %d: its scoring items add up to %s "
                                            "points but the indicator has %s", ind->no, P(items),
                                            P(ind->points)), d);
        }
        const char *where = qs_arena_printf(c->arena, "category %s", cat->name);
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
                        qs_arena_printf(c->arena, "category %s: its indicators add up to %s points but "
                                        "the category has %s", cat->name, P(sum), P(cat->points)), d);
        if (cat->count == 0)
            qs_diag_error(d, cat->pos, "category %s has no indicators", cat->name);
    }
    check_published_decls(s->published, s->n_published, "the schema", d);
    published_fault(c, s->published, s->n_published, QS_PUB_CATEGORY_SUM, NULL, total != s->total, total,
                    s->pos, "the schema", "",
                    qs_arena_printf(c->arena, "the categories add up to %s points, the schema's total is %s",
                                    P(total), P(s->total)), d);
    if (n_bonus > 1)
        qs_diag_error(d, s->pos, "there are %zu bonus categories; at most one", n_bonus);
    if (n_bonus && bonus != s->bonus_cap)
        qs_diag_error(d, s->pos, "the bonus category has %s points, the schema's bonus cap is %s",
                      P(bonus), P(s->bonus_cap));
}

/* ------------------------------------------------------------------ plan */

static bool contains_unit_name(const char *text, const qs_unitref *r)
{
    return strstr(text, r->name) != NULL;
}

/* The names a responsible-units cell lists, split on 、 and checked against the plan's list. */
static void check_resp_text(const qs_case *c, const qs_responsibility *r, qs_diags *d)
{
    for (size_t k = 0; k < r->n_units; k++)
        if (!contains_unit_name(r->text, &r->units[k]))
            qs_diag_warning(d, r->units[k].pos, "indicator %d: unit \"%s\" is not named in the "
                            "responsible-units text \"%s\"", r->indicator_no, r->units[k].name, r->text);
    const char *sep = "、";
    const char *s = r->text;
    while (*s) {
        const char *e = strstr(s, sep);
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char *name = qs_arena_strndup(c->arena, s, n);
        bool listed = false;
        for (size_t k = 0; k < r->n_units && !listed; k++)
            listed = !strcmp(r->units[k].name, name);
        if (!listed && n)
            qs_diag_warning(d, r->pos, "indicator %d: the responsible-units text names \"%s\", which is not "
                            "among the indicator's units", r->indicator_no, name);
        s += n + (e ? strlen(sep) : 0);
    }
}

static void check_responsibilities(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    for (size_t i = 0; i < p->n_resp; i++) {
        const qs_responsibility *r = &p->resp[i];
        for (size_t j = 0; j < i; j++)
            if (p->resp[j].indicator_no == r->indicator_no)
                qs_diag_error(d, r->pos, "indicator %d has a second <responsible> (first at line %ld)",
                              r->indicator_no, p->resp[j].pos.line);
        size_t leads = 0;
        for (size_t k = 0; k < r->n_units; k++)
            leads += r->units[k].lead;
        if (leads == 0)
            qs_diag_error(d, r->pos, "indicator %d: no unit is marked role=\"lead\" (the lead unit "
                          "comes first)", r->indicator_no);
        else if (leads > 1)
            qs_diag_error(d, r->pos, "indicator %d: %zu units are marked role=\"lead\"; only one may "
                          "be", r->indicator_no, leads);
        else if (!r->units[0].lead)
            qs_diag_error(d, r->pos, "indicator %d: the lead unit must come first", r->indicator_no);
        for (size_t k = 0; k < r->n_units; k++)
            for (size_t j = 0; j < k; j++)
                if (r->units[k].unit && r->units[k].unit == r->units[j].unit)
                    qs_diag_error(d, r->units[k].pos, "indicator %d: unit \"%s\" is listed twice",
                                  r->indicator_no, r->units[k].name);
        check_resp_text(c, r, d);
    }
    if (!c->schema)
        return;
    for (size_t i = 0; i < c->schema->n_indicators; i++) {
        const qs_indicator *ind = &c->schema->indicators[i];
        if (!qs_resolve_responsibility(p, ind->no))
            qs_diag_error(d, p->pos, "indicator %d has no <responsible> unit in the plan", ind->no);
    }
}

static void check_tasks_targets(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    for (size_t i = 0; i < p->n_tasks; i++) {
        const qs_task *t = &p->tasks[i];
        for (size_t j = 0; j < i; j++)
            if (!strcmp(p->tasks[j].id, t->id))
                qs_diag_error(d, t->pos, "task id \"%s\" is used twice", t->id);
        if (t->units_text)
            for (size_t k = 0; k < t->n_units; k++)
                if (!strstr(t->units_text, t->units[k].name))
                    qs_diag_warning(d, t->units[k].pos, "task %s: unit \"%s\" is not named in its "
                                    "unit note", t->id, t->units[k].name);
    }
    for (size_t i = 0; i < p->n_targets; i++) {
        const qs_target *t = &p->targets[i];
        for (size_t j = 0; j < i; j++)
            if (!strcmp(p->targets[j].id, t->id))
                qs_diag_error(d, t->pos, "target id \"%s\" is used twice", t->id);
        const qs_quantity *q = qs_model_quantity(c->schema, p, t->quantity);
        if (!q)
            qs_diag_error(d, t->pos, "target %s: quantity \"%s\" is declared neither in the plan nor "
                          "in the indicator schema", t->id, t->quantity);
        else if ((q->has_min && t->value < q->min) || (q->has_max && t->value > q->max))
            qs_diag_error(d, t->pos, "target %s: %g is outside the range of %s", t->id, t->value,
                          q->name);
        if (t->task && !strstr(t->task->text, t->text))
            qs_diag_warning(d, t->pos, "target %s: its text \"%s\" is not part of task %s's text",
                            t->id, t->text, t->task->id);
    }
}

typedef struct twin {
    char *key;
    size_t i;
} twin;

static int cmp_twin(const void *a, const void *b)
{
    const twin *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    return r ? r : x->i < y->i ? -1 : x->i > y->i;
}

/* File names of different things (ids differ) that one file system would
 * take for one file (equal, or equal but for letter case or NFC/NFD:
 * qs_fs_name_key): an error at the later of each pair. */
static void twins(const char *const *names, const char *const *ids, const qs_srcpos *pos, size_t n,
                  const char *what, qs_diags *d)
{
    twin *v = qs_xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (twin){qs_fs_name_key(names[i]), i};
    qsort(v, n, sizeof *v, cmp_twin);
    for (size_t k = 1; k < n; k++) {
        size_t first = k - 1;
        while (first > 0 && !strcmp(v[first - 1].key, v[k].key))
            first--;
        if (strcmp(v[first].key, v[k].key) || !strcmp(ids[v[first].i], ids[v[k].i]))
            continue;
        if (!strcmp(names[v[first].i], names[v[k].i]))
            qs_diag_error(d, pos[v[k].i], "%s \"%s\" would be written to the same file as that of \"%s\" "
                          "(%s:%ld): \"%s\"", what, ids[v[k].i], ids[v[first].i], pos[v[first].i].file,
                          pos[v[first].i].line, names[v[k].i]);
        else
            qs_diag_error(d, pos[v[k].i], "%s \"%s\" would be written to \"%s\", and that of \"%s\" (%s:%ld) "
                          "to \"%s\": one file on Windows and macOS, where letter case and Unicode "
                          "normalisation do not tell names apart; rename one", what, ids[v[k].i], names[v[k].i],
                          ids[v[first].i], pos[v[first].i].file, pos[v[first].i].line, names[v[first].i]);
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
}

static const qs_srcpos *units_pos(const qs_case *c, const qs_unit *const *units, size_t n)
{
    qs_srcpos *pos = qs_arena_calloc(c->arena, n ? n : 1, sizeof *pos);
    for (size_t i = 0; i < n; i++)
        pos[i] = units[i]->pos;
    return pos;
}

/* Cited files keep their names inside the package: two that one file
 * system would take for one are refused. */
static void check_cited_twins(const qs_case *c, qs_diags *d)
{
    const char **ids = qs_arena_calloc(c->arena, c->n_cited + 1, sizeof *ids);
    const char **names = qs_arena_calloc(c->arena, c->n_cited + 1, sizeof *names);
    qs_srcpos *pos = qs_arena_calloc(c->arena, c->n_cited + 1, sizeof *pos);
    for (size_t i = 0; i < c->n_cited; i++) {
        const char *f = c->cited[i].file;
        while (f[0] == '.' && f[1] == '/') /* ./a and a are one file */
            f += 2;
        ids[i] = f;
        names[i] = strncmp(f, "attachments/", 12) ? f : f + 12;
        pos[i] = c->cited[i].pos;
    }
    twins(names, ids, pos, c->n_cited, "the copy of cited file", d);
}

/* The region names the package's folder: it must be a name a file system takes. */
static void check_region(const qs_case *c, qs_diags *d)
{
    const char *why = qs_fs_name_problem(c->plan->region);
    if (why)
        qs_diag_error(d, c->plan->region_pos, "region \"%s\" names the package's folder, and it %s",
                      c->plan->region, why);
}

/* A title that quotes the campaign (the name up to its level, stem) must
 * quote it with the plan's level; it is published text, so a warning. */
static void check_quoted_campaign(const qs_plan *p, const char *text, const char *what, qs_srcpos pos,
                                  const char *stem, qs_diags *d)
{
    size_t n = strlen(stem), l = strlen(p->level);
    for (const char *s = strstr(text, stem); s; s = strstr(s + n, stem)) {
        const char *after = s + n;
        if (!strncmp(after, p->level, l))
            continue;
        uint32_t cp;
        size_t k = *after ? qs_utf8_decode(after, strlen(after), &cp) : 0;
        qs_diag_published(d, pos, "%s names the campaign \"%.*s\", the plan's campaign is \"%s\" (as published)",
                          what, (int)(after + k - s), s, p->campaign);
    }
}

/* The campaign's name ends in its level (安徽省质量强区 of a 区; the XSD
 * checks the 质量强 before it): the documents print both, so a name of
 * another level would give one package two campaigns, an error.  The titles
 * that quote it and the region's own name should agree: warnings. */
static void check_campaign(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    if (!p->campaign || !p->level)
        return;
    size_t n = strlen(p->campaign), l = strlen(p->level);
    if (n <= l || strcmp(p->campaign + n - l, p->level)) {
        qs_diag_error(d, p->campaign_pos, "campaign \"%s\" does not end in its level \"%s\"; the documents "
                      "print both, and must name one campaign", p->campaign, p->level);
        return;
    }
    const char *stem = qs_arena_strndup(c->arena, p->campaign, n - l);
    for (size_t i = 0; i < p->n_title; i++)
        check_quoted_campaign(p, p->title[i], qs_arena_printf(c->arena, "title line %zu", i + 1),
                              p->title_pos, stem, d);
    check_quoted_campaign(p, p->table_title, "the table's title", p->table_title_pos, stem, d);
    if (p->attachment_note)
        check_quoted_campaign(p, p->attachment_note, "the main text's attachment line", p->attachment_note_pos,
                              stem, d);
    size_t r = strlen(p->region);
    if (r < l || strcmp(p->region + r - l, p->level))
        qs_diag_warning(d, p->region_pos, "region \"%s\" does not end in the campaign's level \"%s\"",
                        p->region, p->level);
}

/* Excel's sheet-name rules (31 characters, no []:*?/\\, unique) would
 * change a unit's name in the responsibility workbook: say so now.  A name
 * whose PDF sheet cannot be a file of its own (too long for a file name,
 * or the same file as another unit's, letter case aside, as on Windows)
 * is an error. */
static int cmp_name_index(const void *a, const void *b, void *ctx)
{
    const char *const *names = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int r = strcmp(names[x], names[y]);
    return r ? r : (x > y) - (x < y);
}

static void check_sheet_names(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    const char **names = qs_arena_calloc(c->arena, p->n_units + 1, sizeof *names);
    const char **out = qs_arena_calloc(c->arena, p->n_units + 1, sizeof *out);
    const qs_unit **units = qs_arena_calloc(c->arena, p->n_units + 1, sizeof *units);
    size_t n = 0;
    for (size_t i = 0; i < p->n_units; i++)
        if (!p->units[i].is_group) {
            units[n] = &p->units[i];
            names[n++] = p->units[i].name;
        }
    qs_sheetname_make(c->arena, names, n, "unit", out);
    const char **files = qs_arena_calloc(c->arena, n + 1, sizeof *files);
    for (size_t i = 0; i < n; i++)
        files[i] = qs_sheetname_pdf(c->arena, names[i]);
    /* a name given twice is already an error: said once here, at its first */
    size_t *order = qs_xmalloc((n ? n : 1) * sizeof *order);
    bool *dup = qs_arena_calloc(c->arena, n + 1, sizeof *dup);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, cmp_name_index, names);
    for (size_t k = 1; k < n; k++)
        dup[order[k]] = !strcmp(names[order[k]], names[order[k - 1]]);
    free(order);
    for (size_t i = 0; i < n; i++) {
        if (dup[i])
            continue;
        if (strcmp(names[i], out[i]))
            qs_diag_warning(d, units[i]->pos, "unit \"%s\" will be the sheet \"%s\" of the responsibility "
                            "workbook (Excel takes 31 characters, none of []:*?/\\, no two alike)",
                            names[i], out[i]);
        const char *why = qs_fs_name_problem(files[i]);
        if (why)
            qs_diag_error(d, units[i]->pos, "unit \"%s\": the file name of its responsibility sheet, \"%s\", %s; "
                          "give the unit a name that can be a file name", names[i], files[i], why);
    }
    twins((const char *const *)files, (const char *const *)names, units_pos(c, units, n), n,
          "the responsibility sheet of unit", d);
}

static void check_plan(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    if (c->schema) {
        if (strcmp(p->indicators_id, c->schema->id))
            qs_diag_error(d, p->indicators_pos, "the plan follows indicator schema \"%s\", the file "
                          "found is \"%s\" (%s)", p->indicators_id, c->schema->id, c->schema->path);
        else if (p->year != c->schema->year)
            qs_diag_warning(d, p->indicators_pos, "the plan is for %d, its indicator schema for %d",
                            p->year, c->schema->year);
    }
    for (size_t i = 0; i < p->n_quantities; i++) {
        const qs_quantity *q = &p->quantities[i];
        if (qs_model_quantity(NULL, p, q->id) != q || qs_model_quantity(c->schema, NULL, q->id))
            qs_diag_error(d, q->pos, "quantity \"%s\" is declared twice", q->id);
    }
    if (p->attachment_note && strcmp(p->attachment_note, p->table_title))
        qs_diag_published(d, p->attachment_note_pos, "the main text names the attachment \"%s\" but "
                          "the attachment is titled \"%s\" (as published)", p->attachment_note,
                          p->table_title);
    check_campaign(c, d);
    check_responsibilities(c, d);
    check_tasks_targets(c, d);
    check_sheet_names(c, d);
    check_region(c, d);
    check_cited_twins(c, d);
}

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
                      hint ? " (mark it any-year=\"true\" if that is intended)" : "");
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
                      !strcmp(q->unit, "%") ? " (a percentage is 0 to 100)" : "");
}

/* A cited file must be a regular file inside the case's attachments/ folder;
 * neither .. nor an absolute path nor a symlink may lead out of the case. */
static void check_file(const qs_case *c, const qs_document *doc, qs_diags *d)
{
    const char *f = doc->file;
    if (!f)
        return;
    if (!c->dir) {
        qs_diag_warning(d, doc->pos, "cited file \"%s\" not checked: no case folder", f);
        return;
    }
    bool dotdot = false;
    for (const char *s = f; *s;) {
        size_t n = strcspn(s, "/");
        if (n == 2 && s[0] == '.' && s[1] == '.')
            dotdot = true;
        s += n + (s[n] == '/');
    }
    if (strchr(f, '\\')) {
        char *fixed = qs_arena_strdup(c->arena, f);
        for (char *s = fixed; *s; s++)
            if (*s == '\\')
                *s = '/';
        qs_diag_error(d, doc->pos, "cited file \"%s\" uses \"\\\" between folders; write \"/\" (%s)",
                      f, fixed);
        return;
    }
    while (f[0] == '.' && f[1] == '/') /* ./attachments/x is attachments/x */
        f += 2;
    if (f[0] == '/' || dotdot) {
        qs_diag_error(d, doc->pos, "cited file \"%s\" leaves the case folder (use a path inside "
                      "attachments/)", f);
        return;
    }
    if (strncmp(f, "attachments/", 12)) {
        qs_diag_error(d, doc->pos, "cited file \"%s\" is not in the case's attachments/ folder", f);
        return;
    }
    for (const char *comp = f + 12; *comp;) { /* each folder and file name goes into the package */
        size_t n = strcspn(comp, "/");
        char *name = qs_arena_strndup(c->arena, comp, n);
        const char *why = qs_fs_name_problem(name);
        if (why) {
            qs_diag_error(d, doc->pos, "cited file \"%s\": the name \"%s\" %s; rename the file", f, name, why);
            return;
        }
        comp += n + (comp[n] == '/');
    }
    const qs_cited *ct = qs_model_cited(c, doc->file);
    if (!ct || ct->fd >= 0 || ct->reopen)
        return;
    switch (ct->err) {
    case ENOENT:
        qs_diag_error(d, doc->pos, "cited file \"%s\" does not exist", f);
        break;
    case ELOOP:
        qs_diag_error(d, doc->pos, "cited file \"%s\" is a symbolic link or is reached through one; "
                      "put the file itself in attachments/", f);
        break;
    case EXDEV:
        qs_diag_error(d, doc->pos, "cited file \"%s\" leads out of the case folder", f);
        break;
    case EISDIR:
    case EINVAL:
    case ENOTDIR:
        qs_diag_error(d, doc->pos, "cited file \"%s\" is not a regular file", f);
        break;
    case EFBIG:
        qs_diag_error(d, doc->pos, "cited file \"%s\" is larger than %lld MiB (--max-file-size raises the cap)",
                      f, c->cited_max / (1024 * 1024));
        break;
    default:
        qs_diag_error(d, doc->pos, "cited file \"%s\" cannot be read: %s", f, strerror(ct->err));
    }
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
        *why = qs_arena_printf(c->arena, "its fact \"%s\" is true", k->fact_text);
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
    *why = qs_arena_printf(c->arena, "its %s of %g%s meets %s %g%s", q ? q->name : t->quantity, m->value,
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
                        where.line, it->rule == QS_RULE_ALL_OF ? " and its other conditions hold" : "",
                        P(it->points));
}

static void check_item_evidence(const qs_case *c, const qs_evidence_unit *u,
                                const qs_evidence_item *e, qs_diags *d)
{
    const qs_item *it = e->item;
    char *what = qs_arena_printf(c->arena, "item %s", e->ref);
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
        check_date(c, w->date, w->any_year, w->pos, "the award", true, d);
    }
    for (size_t k = 0; k < e->n_incidents; k++) {
        const qs_incident *x = &e->incidents[k];
        if (c->schema && !qs_model_incident(c->schema, x->kind))
            qs_diag_error(d, x->pos, "item %s: incident kind \"%s\" is not declared in the indicator "
                          "schema", e->ref, x->kind);
        else if (it && (it->rule != QS_RULE_ABSENCE || strcmp(it->incident, x->kind)))
            qs_diag_warning(d, x->pos, "item %s: its rule does not count incidents of kind %s", e->ref,
                            x->kind);
        check_date(c, x->date, false, x->pos, "the incident", false, d);
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
                   qs_arena_printf(c->arena, "document \"%s\"", doc->title), true, d);
        check_file(c, doc, d);
    }
    if (it && u->unit && c->plan && !qs_resolve_responsible(c->plan, it->indicator, u->unit, NULL)) {
        const qs_responsibility *r = qs_resolve_responsibility(c->plan, it->indicator->no);
        qs_diag_warning(d, e->pos, "item %s: %s is not a responsible unit of indicator %d (%s)", e->ref,
                        u->name, it->indicator->no, r ? r->text : "none");
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
static void check_pair(const qs_case *c, const qs_evidence_item *a, const qs_evidence_item *b,
                       qs_diags *d)
{
    char *what = qs_arena_printf(c->arena, "item %s: conflicting evidence", a->ref);
    if (a->done != QS_DONE_UNSET && b->done != QS_DONE_UNSET && a->done != b->done)
        conflict(d, b->pos, a->pos, what, b->done ? "done" : "not done", a->done ? "done" : "not done");
    if (a->has_claimed && b->has_claimed && a->claimed != b->claimed)
        conflict(d, b->pos, a->pos, qs_arena_printf(c->arena, "%s (claimed score)", what),
                 P(b->claimed), P(a->claimed));
    if (a->has_assessed && b->has_assessed && a->assessed != b->assessed)
        conflict(d, b->assessed_pos, a->assessed_pos,
                 qs_arena_printf(c->arena, "%s (assessed score)", what), P(b->assessed), P(a->assessed));
    for (size_t k = 0; k < b->n_measures; k++) {
        const qs_measure *mb = &b->measures[k];
        const qs_measure *ma = find_measure(a->measures, a->n_measures, mb->quantity);
        if (ma && ma->value != mb->value)
            conflict(d, mb->pos, ma->pos, qs_arena_printf(c->arena, "%s (%s)", what, mb->quantity),
                     qs_arena_printf(c->arena, "%g", mb->value), qs_arena_printf(c->arena, "%g", ma->value));
    }
    for (size_t k = 0; k < b->n_references; k++) {
        const qs_measure *mb = &b->references[k];
        const qs_measure *ma = find_measure(a->references, a->n_references, mb->quantity);
        if (ma && ma->value != mb->value)
            conflict(d, mb->pos, ma->pos, qs_arena_printf(c->arena, "%s (%s)", what, mb->quantity),
                     qs_arena_printf(c->arena, "%g", mb->value), qs_arena_printf(c->arena, "%g", ma->value));
    }
    for (size_t k = 0; k < b->n_facts; k++)
        for (size_t j = 0; j < a->n_facts; j++)
            if (!strcmp(a->facts[j].ref, b->facts[k].ref) && a->facts[j].value != b->facts[k].value)
                conflict(d, b->facts[k].pos, a->facts[j].pos,
                         qs_arena_printf(c->arena, "%s (fact %s)", what, b->facts[k].ref),
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
                                 qs_arena_printf(c->arena, "%s (%s in %d)", what, sb->quantity,
                                                 sb->points[x].year),
                                 qs_arena_printf(c->arena, "%g", sb->points[x].value),
                                 qs_arena_printf(c->arena, "%g", sa->points[y].value));
        }
}

static void check_conflicts(const qs_case *c, qs_diags *d)
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
                                     qs_arena_printf(c->arena, "conflicting measure of %s", mb->quantity),
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

static void check_evidence(const qs_case *c, const qs_evidence *e, qs_diags *d)
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

size_t qs_validate(const qs_case *c, qs_diags *d)
{
    size_t before = qs_diag_errors(d);
    if (c->schema)
        check_schema(c, d);
    if (c->plan)
        check_plan(c, d);
    /* evidence means something only against a plan and its schema */
    if (c->plan && c->schema) {
        for (size_t i = 0; i < c->n_evidence; i++)
            check_evidence(c, &c->evidence[i], d);
        check_conflicts(c, d);
    }
    qs_excel_limits_check(c, d); /* last: what Excel would refuse (excel_limits.c) */
    return qs_diag_errors(d) - before;
}
