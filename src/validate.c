/* validate.c - stage 2b: semantic checks over a resolved case.
 *
 * Reads the model only; writes diagnostics only.  The XSDs have already
 * checked structure and types; this file checks what they cannot: sums,
 * caps, uniqueness, cross-references, ranges, dates, paths, conflicts.
 * The official text is reprinted as published, so its own inconsistencies
 * (seed row 25: items 1 + 1 + 2 under a 3-point row; row 17's unclosed
 * bracket) are warnings, never errors and never fixed.
 */
#include "validate.h"
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
    case QS_RULE_SUM: {
        if (it->n_children == 0) {
            qs_diag_error(d, it->pos, "item %s: a <sum/> item needs nested items", it->id);
            break;
        }
        qs_points sum = 0;
        for (size_t i = 0; i < it->n_children; i++)
            sum += it->children[i].points;
        if (sum != it->points)
            qs_diag_warning(d, it->pos, "item %s: its nested items add up to %s points, the item "
                                        "states %s (as published)", it->id, P(sum), P(it->points));
        break;
    }
    default:
        break;
    }
    if (it->rule != QS_RULE_SUM && it->n_children)
        qs_diag_error(d, it->pos, "item %s: only a <sum/> item may have nested items", it->id);
    for (size_t i = 0; i < it->n_children; i++)
        check_item(c, ind, &it->children[i], d);
}

/* Opening and closing marks of the official text, in pairs. */
static const char *const brackets[][2] = {
    {"（", "）"}, {"(", ")"}, {"《", "》"}, {"〔", "〕"}, {"【", "】"}, {"“", "”"}, {"‘", "’"},
};

/* Warns about brackets the published text opens and never closes, or closes
 * without opening: reprinted as they are, but a reader should know. */
static void check_brackets(const char *text, qs_srcpos pos, const char *what, qs_diags *d)
{
    enum { N = sizeof brackets / sizeof *brackets };
    int depth[N] = {0}, unopened[N] = {0};
    for (const char *s = text; *s;) {
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
    for (int b = 0; b < N; b++) {
        if (depth[b])
            qs_diag_warning(d, pos, "%s has %d unclosed \"%s\" (as published)", what, depth[b],
                            brackets[b][0]);
        if (unopened[b])
            qs_diag_warning(d, pos, "%s has %d \"%s\" without its \"%s\" (as published)", what,
                            unopened[b], brackets[b][1], brackets[b][0]);
    }
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
            check_brackets(ind->method, ind->pos,
                           qs_arena_printf(c->arena, "indicator %d's scoring method", ind->no), d);
            if (cat->bonus) {
                if (ind->has_points)
                    qs_diag_warning(d, ind->pos, "indicator %d: bonus rows print no score; its "
                                    "points come from its items", ind->no);
                sum += items;
                continue;
            }
            if (!ind->has_points) {
                qs_diag_error(d, ind->pos, "indicator %d has no points (only bonus rows may omit them)",
                              ind->no);
                continue;
            }
            sum += ind->points;
            if (items != ind->points)
                qs_diag_warning(d, ind->pos, "indicator %d: its scoring items add up to %s points but "
                                "the indicator has %s (as published; the score is capped at %s)",
                                ind->no, P(items), P(ind->points), P(ind->points));
        }
        if (cat->bonus) {
            n_bonus++;
            bonus += cat->points;
            if (sum < cat->points)
                qs_diag_warning(d, cat->pos, "bonus category %s: its items add up to %s points, "
                                "less than its %s", cat->name, P(sum), P(cat->points));
        } else {
            total += cat->points;
            if (sum != cat->points)
                qs_diag_warning(d, cat->pos, "category %s: its indicators add up to %s points but the "
                                "category has %s (as published)", cat->name, P(sum), P(cat->points));
        }
        if (cat->count == 0)
            qs_diag_error(d, cat->pos, "category %s has no indicators", cat->name);
    }
    if (total != s->total)
        qs_diag_error(d, s->pos, "the categories add up to %s points, the schema's total is %s",
                      P(total), P(s->total));
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
        qs_diag_warning(d, pos, "%s names the campaign \"%.*s\", the plan's campaign is \"%s\" (as published)",
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
    for (size_t i = 0; i < n; i++) {
        bool dup = false; /* a name given twice is already an error */
        for (size_t j = 0; j < i && !dup; j++)
            dup = !strcmp(names[i], names[j]);
        if (dup)
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
        qs_diag_warning(d, p->attachment_note_pos, "the main text names the attachment \"%s\" but "
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
    if (!ct || ct->fd >= 0)
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

static void check_item_evidence(const qs_case *c, const qs_evidence_unit *u,
                                const qs_evidence_item *e, qs_diags *d)
{
    const qs_item *it = e->item;
    char *what = qs_arena_printf(c->arena, "item %s", e->ref);
    for (size_t k = 0; k < u->n_items && &u->items[k] != e; k++)
        if (!strcmp(u->items[k].ref, e->ref))
            qs_diag_error(d, e->pos, "item %s is reported twice for %s (first at line %ld)", e->ref,
                          u->name, u->items[k].pos.line);
    if (e->done == QS_DONE_UNSET)
        qs_diag_warning(d, e->pos, "item %s is not filled in yet (done=\"true\" or \"false\")", e->ref);
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
    return qs_diag_errors(d) - before;
}
