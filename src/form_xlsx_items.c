/* form_xlsx_items.c - the evidence form's items sheet (评分项) (stage 5: output).
 *
 * Reads: the rows form_xlsx.c gathered (the unit's scoring items and its
 * evidence for each) and the case's schema and plan.  Writes: the sheet's
 * columns, planned from the items' rules and the evidence (measured values,
 * facts, references in the order they first appear), then one row per
 * item: the item and its method verbatim and locked, the cells to fill
 * prefilled with the evidence, each column with its list or number
 * validation and input message.  Keys and cells as form.h lays them out.
 */
#include "form.h"
#include "form_xlsx_internal.h"
#include "xlsx_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the thresholds of an item's rule: its own, or its conditions' */
static const qs_threshold *threshold_of(const qs_item *it, size_t i)
{
    if (!it)
        return NULL;
    if (it->rule == QS_RULE_THRESHOLD)
        return i == 0 ? &it->threshold : NULL;
    if ((it->rule == QS_RULE_ALL_OF || it->rule == QS_RULE_ANY_OF) && i < it->n_conds && !it->conds[i].is_fact)
        return &it->conds[i].threshold;
    return NULL;
}

static size_t n_conds(const qs_item *it)
{
    return !it ? 0 : it->rule == QS_RULE_THRESHOLD ? 1 : (it->rule == QS_RULE_ALL_OF || it->rule == QS_RULE_ANY_OF) ? it->n_conds : 0;
}

/* a fact's header: its text in the item's rule, else its id */
static const char *fact_head(const qs_item *it, const char *id)
{
    for (size_t i = 0; it && (it->rule == QS_RULE_ALL_OF || it->rule == QS_RULE_ANY_OF) && i < it->n_conds; i++)
        if (it->conds[i].is_fact && !strcmp(it->conds[i].fact_id, id) && it->conds[i].fact_text)
            return it->conds[i].fact_text;
    return id;
}

static void add_col(book *b, const char *key, const char *head, const char *q, size_t *cap)
{
    for (size_t i = 0; i < b->n_cols; i++)
        if (!strcmp(b->cols[i].key, key) && strcmp(key, "narrative"))
            return;
    if (b->n_cols == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        column *v = qs_arena_calloc(b->a, *cap, sizeof *v);
        if (b->n_cols)
            memcpy(v, b->cols, b->n_cols * sizeof *v);
        b->cols = v;
    }
    const qs_quantity *qq = q ? qs_model_quantity(b->c->schema, b->c->plan, q) : NULL;
    b->cols[b->n_cols++] = (column){key, head, q, qq};
}

static const char *quantity_key(book *b, const char *kind, const char *q, const char *ev_unit)
{
    const qs_quantity *qq = qs_model_quantity(b->c->schema, b->c->plan, q);
    const char *unit = qq && qq->unit ? qq->unit : ev_unit ? ev_unit : "";
    return qs_arena_printf(b->a, "%s:%s|%s", kind, q, unit);
}

static const char *quantity_head(book *b, const char *key, const char *q)
{
    const qs_quantity *qq = qs_model_quantity(b->c->schema, b->c->plan, q);
    const char *p[] = {"name", qq ? qq->name : q, "unit", qq && qq->unit ? qq->unit : "", NULL};
    return fmt(b, key, p);
}

/* the items sheet's columns: measured values, facts and references in the
 * order they first appear down the rows (the evidence's own order first,
 * so that a form read back gives them in that order) */
void qs_form_plan_columns(book *b)
{
    size_t cap = 0;
    const char *fixed[][2] = {{"indicator", "form.head.indicator"}, {"item", "form.head.item"},
                              {"text", "form.head.text"},           {"method", "form.head.method"},
                              {"points", "form.head.points"},       {"done", "form.head.done"}};
    for (size_t i = 0; i < 6; i++)
        add_col(b, fixed[i][0], S(b, fixed[i][1]), NULL, &cap);
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < b->n_rows; i++) {
            const item_row *r = &b->rows[i];
            for (size_t e = 0; e < r->n_ev; e++) {
                const qs_evidence_item *ev = r->ev[e];
                if (k == 0)
                    for (size_t j = 0; j < ev->n_measures; j++)
                        add_col(b, quantity_key(b, "measure", ev->measures[j].quantity, ev->measures[j].unit),
                                quantity_head(b, "form.head.measure", ev->measures[j].quantity),
                                ev->measures[j].quantity, &cap);
                if (k == 1)
                    for (size_t j = 0; j < ev->n_facts; j++)
                        add_col(b, qs_arena_printf(b->a, "fact:%s", ev->facts[j].ref), fact_head(r->item, ev->facts[j].ref),
                                ev->facts[j].ref, &cap);
                if (k == 2)
                    for (size_t j = 0; j < ev->n_references; j++)
                        add_col(b, quantity_key(b, "reference", ev->references[j].quantity, ev->references[j].unit),
                                quantity_head(b, "form.head.reference", ev->references[j].quantity),
                                ev->references[j].quantity, &cap);
            }
            for (size_t j = 0; j < n_conds(r->item); j++) {
                const qs_threshold *t = threshold_of(r->item, j);
                if (k == 0 && t)
                    add_col(b, quantity_key(b, "measure", t->quantity, NULL),
                            quantity_head(b, "form.head.measure", t->quantity), t->quantity, &cap);
                if (k == 2 && t && t->ref)
                    add_col(b, quantity_key(b, "reference", t->ref, NULL),
                            quantity_head(b, "form.head.reference", t->ref), t->ref, &cap);
                if (k == 1 && !t && r->item->conds[j].is_fact)
                    add_col(b, qs_arena_printf(b->a, "fact:%s", r->item->conds[j].fact_id),
                            r->item->conds[j].fact_text, r->item->conds[j].fact_id, &cap);
            }
        }
    bool measures = false, assessed = false;
    size_t narratives = 1;
    for (size_t i = 0; i < b->n_cols; i++)
        measures |= !strncmp(b->cols[i].key, "measure:", 8);
    for (size_t i = 0; i < b->n_rows; i++) {
        assessed |= b->rows[i].item && b->rows[i].item->rule == QS_RULE_GRADED;
        for (size_t e = 0; e < b->rows[i].n_ev; e++) {
            assessed |= b->rows[i].ev[e]->has_assessed;
            if (b->rows[i].ev[e]->n_narratives > narratives)
                narratives = b->rows[i].ev[e]->n_narratives;
        }
    }
    if (measures)
        add_col(b, "source", S(b, "form.head.source"), NULL, &cap);
    if (assessed) {
        add_col(b, "assessed", S(b, "form.head.assessed"), NULL, &cap);
        add_col(b, "assessed-reason", S(b, "form.head.assessed-reason"), NULL, &cap);
    }
    for (size_t i = 0; i < narratives; i++)
        add_col(b, "narrative", S(b, "form.head.narrative"), NULL, &cap);
    add_col(b, "claimed", S(b, "form.head.claimed"), NULL, &cap);
}

static const qs_evidence_item *first_ev(const item_row *r)
{
    return r->n_ev ? r->ev[0] : NULL;
}

static const qs_measure *find_measure(const qs_measure *m, size_t n, const char *q)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(m[i].quantity, q))
            return &m[i];
    return NULL;
}

/* does column col take a value in row r (else it is grey and locked)? */
static bool applies(const column *col, const item_row *r)
{
    const qs_evidence_item *ev = first_ev(r);
    bool m = !strncmp(col->key, "measure:", 8), f = !strncmp(col->key, "fact:", 5),
         ref = !strncmp(col->key, "reference:", 10);
    if (!m && !f && !ref) {
        if (!strcmp(col->key, "assessed") || !strcmp(col->key, "assessed-reason"))
            return (r->item && r->item->rule == QS_RULE_GRADED) || (ev && ev->has_assessed);
        if (!strcmp(col->key, "source")) {
            for (size_t i = 0; i < n_conds(r->item); i++)
                if (threshold_of(r->item, i))
                    return true;
            return ev && ev->n_measures;
        }
        return true;
    }
    for (size_t i = 0; i < n_conds(r->item); i++) {
        const qs_threshold *t = threshold_of(r->item, i);
        if (m && t && !strcmp(t->quantity, col->q))
            return true;
        if (ref && t && t->ref && !strcmp(t->ref, col->q))
            return true;
        if (f && !t && !strcmp(r->item->conds[i].fact_id, col->q))
            return true;
    }
    if (ev && m && find_measure(ev->measures, ev->n_measures, col->q))
        return true;
    if (ev && ref && find_measure(ev->references, ev->n_references, col->q))
        return true;
    for (size_t i = 0; ev && f && i < ev->n_facts; i++)
        if (!strcmp(ev->facts[i].ref, col->q))
            return true;
    return false;
}

static lxw_error item_cell(book *b, lxw_worksheet *ws, size_t row, size_t ci, const item_row *r, size_t *narrative)
{
    const column *col = &b->cols[ci];
    const qs_evidence_item *ev = first_ev(r);
    char buf[32];
    if (!strcmp(col->key, "indicator")) {
        if (!r->ind)
            return qs_form_write_text(ws, row, ci, "", b->locked);
        return worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)ci, r->ind->no, b->locked);
    }
    if (!strcmp(col->key, "item"))
        return qs_form_write_text(ws, row, ci, r->ref, b->locked);
    if (!strcmp(col->key, "text"))
        return qs_form_write_text(ws, row, ci, r->item ? r->item->text : "", b->locked_wrap);
    if (!strcmp(col->key, "method"))
        return qs_form_write_text(ws, row, ci, r->ind ? r->ind->method : "", b->locked_wrap);
    if (!strcmp(col->key, "points")) {
        if (!r->item)
            return qs_form_write_text(ws, row, ci, "", b->locked);
        return worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)ci, r->item->points / (double)QS_POINTS_SCALE,
                                      b->locked);
    }
    if (!applies(col, r))
        return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)ci, b->grey);
    if (!strcmp(col->key, "done"))
        return qs_form_write_text(ws, row, ci, ev && ev->done != QS_DONE_UNSET ? word(b, ev->done ? "done.yes" : "done.no") : "",
                          b->open);
    if (!strcmp(col->key, "claimed")) {
        if (ev && ev->has_claimed)
            return worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)ci, ev->claimed / (double)QS_POINTS_SCALE, b->open_num);
        return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)ci, b->open_num);
    }
    if (!strcmp(col->key, "assessed")) {
        if (ev && ev->has_assessed)
            return worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)ci, ev->assessed / (double)QS_POINTS_SCALE, b->open_num);
        return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)ci, b->open_num);
    }
    if (!strcmp(col->key, "assessed-reason"))
        return qs_form_write_text(ws, row, ci, ev ? ev->assessed_reason : NULL, b->open_wrap);
    if (!strcmp(col->key, "narrative")) {
        size_t k = (*narrative)++;
        return qs_form_write_text(ws, row, ci, ev && k < ev->n_narratives ? ev->narratives[k] : NULL, b->open_wrap);
    }
    if (!strcmp(col->key, "source")) {
        const char *src = NULL;
        for (size_t i = 0; ev && i < ev->n_measures && !src; i++)
            src = ev->measures[i].source;
        return qs_form_write_text(ws, row, ci, src, b->open_wrap);
    }
    if (!strncmp(col->key, "fact:", 5)) {
        for (size_t i = 0; ev && i < ev->n_facts; i++)
            if (!strcmp(ev->facts[i].ref, col->q))
                return qs_form_write_bool(b, ws, row, ci, ev->facts[i].value, b->open);
        return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)ci, b->open);
    }
    bool ref = !strncmp(col->key, "reference:", 10);
    const qs_measure *m = ev ? find_measure(ref ? ev->references : ev->measures, ref ? ev->n_references : ev->n_measures, col->q)
                             : NULL;
    (void)buf;
    if (m)
        return worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)ci, m->value, b->open_num);
    return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)ci, b->open_num);
}

static lxw_error column_validation(book *b, lxw_worksheet *ws, size_t ci, size_t first, size_t last)
{
    const column *col = &b->cols[ci];
    const char *yes_no[] = {word(b, "bool.yes"), word(b, "bool.no"), NULL};
    if (!strcmp(col->key, "done")) {
        const char *done[] = {word(b, "done.yes"), word(b, "done.no"), NULL};
        return qs_form_validation(b, ws, first, last, ci, LXW_VALIDATION_TYPE_LIST, done, NULL, 0, 0, 0, 0, S(b, "form.prompt.done"));
    }
    if (!strncmp(col->key, "fact:", 5))
        return qs_form_validation(b, ws, first, last, ci, LXW_VALIDATION_TYPE_LIST, yes_no, NULL, 0, 0, 0, 0, S(b, "form.prompt.fact"));
    if (!strncmp(col->key, "measure:", 8) || !strncmp(col->key, "reference:", 10)) {
        const qs_quantity *q = col->quantity;
        const char *range = "";
        if (q && (q->has_min || q->has_max)) {
            const char *p[] = {"min", q->has_min ? qs_format_number(b->a, q->min) : "", "max",
                               q->has_max ? qs_format_number(b->a, q->max) : "", NULL};
            range = fmt(b, "form.prompt.range", p);
        }
        const char *p[] = {"unit", q && q->unit ? q->unit : "", "range", range, NULL};
        return qs_form_validation(b, ws, first, last, ci, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, q && q->has_min,
                        q ? q->min : 0, q && q->has_max, q ? q->max : 0, fmt(b, "form.prompt.number", p));
    }
    if (!strcmp(col->key, "claimed") || !strcmp(col->key, "assessed"))
        return qs_form_validation(b, ws, first, last, ci, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, true, 0, true, 1000,
                        S(b, !strcmp(col->key, "claimed") ? "form.prompt.claimed" : "form.prompt.assessed"));
    if (!strcmp(col->key, "source"))
        return qs_form_validation(b, ws, first, last, ci, LXW_VALIDATION_TYPE_ANY, NULL, NULL, 0, 0, 0, 0, S(b, "form.prompt.source"));
    if (!strcmp(col->key, "narrative") || !strcmp(col->key, "assessed-reason"))
        return qs_form_validation(b, ws, first, last, ci, LXW_VALIDATION_TYPE_ANY, NULL, NULL, 0, 0, 0, 0, S(b, "form.prompt.text"));
    return LXW_NO_ERROR;
}

/* 评分项: one row per scoring item, verbatim and locked, then the cells to fill */
lxw_error qs_form_write_items(book *b, lxw_worksheet *ws)
{
    lxw_error err;
    const char **keys = qs_arena_calloc(b->a, b->n_cols, sizeof *keys);
    const char **heads = qs_arena_calloc(b->a, b->n_cols, sizeof *heads);
    for (size_t i = 0; i < b->n_cols; i++) {
        keys[i] = b->cols[i].key;
        heads[i] = b->cols[i].head;
    }
    if ((err = qs_form_write_keys(b, ws, keys, heads, b->n_cols, QS_FORM_ITEMS_HEAD_ROW)))
        return err;
    if ((err = qs_form_title_row(b, ws, b->n_cols)))
        return err;
    char year[16];
    snprintf(year, sizeof year, "%d", b->c->plan->year);
    const struct { int col; const char *label, *value; } info[] = {
        {QS_FORM_REGION_COL, "form.info.region", b->c->plan->region},
        {QS_FORM_YEAR_COL, "form.info.year", NULL},
        {QS_FORM_UNIT_COL, "form.info.unit", b->u->unit->name},
    };
    for (size_t i = 0; i < 3; i++) {
        if ((err = worksheet_write_string(ws, QS_FORM_INFO_ROW, (lxw_col_t)(info[i].col - 1), S(b, info[i].label), b->head)))
            return err;
        err = info[i].value ? worksheet_write_string(ws, QS_FORM_INFO_ROW, (lxw_col_t)info[i].col, info[i].value, b->locked)
                            : worksheet_write_number(ws, QS_FORM_INFO_ROW, (lxw_col_t)info[i].col, b->c->plan->year, b->locked);
        if (err)
            return err;
    }
    for (size_t i = 0; i < b->n_rows; i++) {
        size_t narrative = 0;
        for (size_t ci = 0; ci < b->n_cols; ci++)
            if ((err = item_cell(b, ws, QS_FORM_ITEMS_FIRST_ROW + i, ci, &b->rows[i], &narrative)))
                return err;
    }
    for (size_t ci = 0; b->n_rows && ci < b->n_cols; ci++)
        if ((err = column_validation(b, ws, ci, QS_FORM_ITEMS_FIRST_ROW, QS_FORM_ITEMS_FIRST_ROW + b->n_rows - 1)))
            return err;
    for (size_t ci = 0; ci < b->n_cols; ci++) {
        const char *k = b->cols[ci].key;
        double w = !strcmp(k, "indicator") || !strcmp(k, "item") || !strcmp(k, "points") ? 8
                   : !strcmp(k, "text") ? 30 : !strcmp(k, "method") ? 48
                   : !strcmp(k, "narrative") || !strcmp(k, "assessed-reason") ? 40 : 14;
        if ((err = worksheet_set_column(ws, (lxw_col_t)ci, (lxw_col_t)ci, w, NULL)))
            return err;
    }
    worksheet_freeze_panes(ws, QS_FORM_ITEMS_FIRST_ROW, 3);
    qs_form_print_setup(ws, QS_FORM_ITEMS_HEAD_ROW);
    return qs_form_protect(ws);
}
