/* form_xlsx.c - the evidence form a unit fills in (stage 5: output).
 *
 * Reads: the case (schema, plan, the evidence it holds for the unit) and
 * the unit's duties.  Writes: an .xlsx laid out as form.h says, atomically
 * (xlsx_common.h).  Sheet 评分项: one row per scoring item the unit carries
 * (lead or support), the item and its method verbatim and locked, then the
 * cells to fill, each with its list or number validation and an input
 * message; sheets for the documents, awards, incidents, multi-year series
 * and the plan's targets; a hidden sheet of keys for the reader
 * (load_form.c).  Prefilled with the case's evidence for the unit, so a
 * form sent out again comes back the same.  Sheets are protected without a
 * password.  Every word comes from templates/strings.xml (form.*).
 */
#include "form.h"
#include "form_xlsx.h"
#include "format.h"
#include "xlsx_common.h"
#include "xlsx_core.h"

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_ROWS 500 /* rows of a list sheet open for input */

typedef struct item_row {
    const qs_indicator *ind;
    const qs_item *item; /* NULL: evidence for an item the unit does not carry */
    const char *ref;
    const qs_evidence_item **ev; /* the unit's evidence for it */
    size_t n_ev;
} item_row;

typedef struct column {
    const char *key;  /* form.h */
    const char *head; /* header text */
    const char *q;    /* quantity / fact id, for measures, facts, references */
    const qs_quantity *quantity;
} column;

typedef struct book {
    qs_arena *a;
    const qs_case *c;
    const qs_unit_duties *u;
    const qs_strings *s;
    lxw_workbook *wb;
    lxw_format *title, *head, *locked, *locked_wrap, *grey, *open, *open_wrap, *open_date, *open_num, *key;
    item_row *rows;
    size_t n_rows;
    column *cols;
    size_t n_cols;
    const char *sheet_names[QS_FORM_N_SHEETS];
    const qs_evidence_unit **eu; /* the case's evidence units of this unit */
    size_t n_eu;
} book;

const char *const qs_form_string_keys[] = {
    "form.font", "form.title", "form.prompt.title", "form.sheet.items", "form.sheet.targets",
    "form.sheet.documents", "form.sheet.awards", "form.sheet.incidents", "form.sheet.series",
    "form.info.region", "form.info.year", "form.info.unit", "form.head.indicator", "form.head.item",
    "form.head.text", "form.head.method", "form.head.points", "form.head.done", "form.head.measure",
    "form.head.reference", "form.head.source", "form.head.assessed", "form.head.assessed-reason",
    "form.head.narrative", "form.head.claimed", "form.head.quantity", "form.head.quantity-name",
    "form.head.target", "form.head.value", "form.head.unit", "form.head.title", "form.head.number",
    "form.head.issuer", "form.head.date", "form.head.file", "form.head.any-year", "form.head.level",
    "form.head.award", "form.head.kind", "form.head.incident", "form.head.year", "form.word.done.yes",
    "form.word.done.no", "form.word.bool.yes", "form.word.bool.no", "form.word.level.national",
    "form.word.level.provincial", "form.word.level.city", "form.word.level.county", "form.prompt.done",
    "form.prompt.number", "form.prompt.range", "form.prompt.fact", "form.prompt.text", "form.prompt.claimed",
    "form.prompt.date", "form.prompt.item", "form.prompt.file", "form.prompt.level", "form.prompt.kind",
    "form.prompt.year", "form.prompt.assessed", "form.prompt.source", NULL,
};

static const char *S(const book *b, const char *key)
{
    return qs_wording(b->s, key);
}

static const char *fmt(book *b, const char *key, const char *const *more)
{
    return qs_format(b->a, S(b, key), qs_model_pairs(b->a, b->c->plan, more));
}

static const char *word(book *b, const char *w)
{
    return S(b, qs_arena_printf(b->a, "form.word.%s", w));
}

/* ---- what goes in: the unit's items and its evidence ---- */

static void add_row(book *b, const qs_indicator *ind, const qs_item *it, const char *ref, size_t *cap)
{
    for (size_t i = 0; i < b->n_rows; i++)
        if (!strcmp(b->rows[i].ref, ref))
            return;
    if (b->n_rows == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        item_row *v = qs_arena_calloc(b->a, *cap, sizeof *v);
        if (b->n_rows)
            memcpy(v, b->rows, b->n_rows * sizeof *v);
        b->rows = v;
    }
    b->rows[b->n_rows++] = (item_row){ind, it, ref, NULL, 0};
}

static void add_items(book *b, const qs_indicator *ind, const qs_item *it, size_t *cap)
{
    if (it->rule == QS_RULE_SUM) { /* the children carry the evidence */
        for (size_t k = 0; k < it->n_children; k++)
            add_items(b, ind, &it->children[k], cap);
        return;
    }
    add_row(b, ind, it, it->id, cap);
}

static void gather(book *b)
{
    const qs_case *c = b->c;
    b->eu = qs_arena_calloc(b->a, 64, sizeof *b->eu);
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t k = 0; k < c->evidence[f].n_units; k++)
            if (c->evidence[f].units[k].unit == b->u->unit && b->n_eu < 64)
                b->eu[b->n_eu++] = &c->evidence[f].units[k];
    size_t cap = 0;
    for (size_t i = 0; i < b->u->n_duties; i++) {
        const qs_indicator *ind = b->u->duties[i].indicator;
        for (size_t k = 0; k < ind->n_items; k++)
            add_items(b, ind, &ind->items[k], &cap);
    }
    for (size_t e = 0; e < b->n_eu; e++) /* evidence for items the unit does not carry: kept */
        for (size_t k = 0; k < b->eu[e]->n_items; k++) {
            const qs_evidence_item *it = &b->eu[e]->items[k];
            const qs_item *si = it->item ? it->item : c->schema ? qs_model_item(c->schema, it->ref) : NULL;
            add_row(b, NULL, si, it->ref, &cap);
        }
    for (size_t i = 0; i < b->n_rows; i++) {
        item_row *r = &b->rows[i];
        r->ev = qs_arena_calloc(b->a, b->n_eu ? b->n_eu * 4 : 1, sizeof *r->ev);
        for (size_t e = 0; e < b->n_eu; e++)
            for (size_t k = 0; k < b->eu[e]->n_items && r->n_ev < b->n_eu * 4; k++)
                if (!strcmp(b->eu[e]->items[k].ref, r->ref))
                    r->ev[r->n_ev++] = &b->eu[e]->items[k];
    }
}

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
static void plan_columns(book *b)
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

/* ---- cells ---- */

static lxw_error write_text(lxw_worksheet *ws, size_t row, size_t col, const char *text, lxw_format *f)
{
    if (!text || !*text)
        return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f);
    return worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, f);
}

static lxw_error write_date(lxw_worksheet *ws, size_t row, size_t col, const char *iso, lxw_format *f)
{
    int y, m, d;
    if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3 || y < 1900)
        return write_text(ws, row, col, iso, f);
    lxw_datetime dt = {y, m, d, 0, 0, 0};
    return worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt, f);
}

static lxw_error write_bool(book *b, lxw_worksheet *ws, size_t row, size_t col, bool v, lxw_format *f)
{
    return worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, word(b, v ? "bool.yes" : "bool.no"), f);
}

/* the hidden row of keys and the header row */
static lxw_error write_keys(book *b, lxw_worksheet *ws, const char *const *keys, const char *const *heads, size_t n,
                            size_t head_row)
{
    lxw_error err;
    lxw_row_col_options hide = {.hidden = 1};
    if ((err = worksheet_set_row_opt(ws, QS_FORM_KEY_ROW, LXW_DEF_ROW_HEIGHT, NULL, &hide)))
        return err;
    for (size_t i = 0; i < n; i++) {
        if ((err = worksheet_write_string(ws, QS_FORM_KEY_ROW, (lxw_col_t)i, keys[i], b->key)))
            return err;
        if ((err = worksheet_write_string(ws, (lxw_row_t)head_row, (lxw_col_t)i, heads[i], b->head)))
            return err;
    }
    return LXW_NO_ERROR;
}

static lxw_error title_row(book *b, lxw_worksheet *ws, size_t n_cols)
{
    const char *p[] = {"unit", b->u->unit->name, NULL};
    worksheet_set_row(ws, QS_FORM_TITLE_ROW, 30, NULL);
    if (n_cols < 2)
        return worksheet_write_string(ws, QS_FORM_TITLE_ROW, 0, fmt(b, "form.title", p), b->title);
    return worksheet_merge_range(ws, QS_FORM_TITLE_ROW, 0, QS_FORM_TITLE_ROW, (lxw_col_t)(n_cols - 1),
                                 fmt(b, "form.title", p), b->title);
}

/* a validation over rows [first, last] of column col: kind (an
 * LXW_VALIDATION_TYPE_*), a list or bounds, and the input message */
static lxw_error validate(book *b, lxw_worksheet *ws, size_t first, size_t last, size_t col, uint8_t type,
                          const char **list, const char *formula, bool has_min, double min, bool has_max,
                          double max, const char *prompt)
{
    if (last < first)
        return LXW_NO_ERROR;
    lxw_data_validation v = {0};
    v.validate = type;
    v.input_title = (char *)S(b, "form.prompt.title");
    v.input_message = (char *)prompt;
    v.show_input = LXW_VALIDATION_ON;
    v.show_error = LXW_VALIDATION_ON;
    v.ignore_blank = LXW_VALIDATION_ON;
    if (type == LXW_VALIDATION_TYPE_LIST)
        v.value_list = (char **)list;
    if (type == LXW_VALIDATION_TYPE_LIST_FORMULA)
        v.value_formula = (char *)formula;
    if (type == LXW_VALIDATION_TYPE_DECIMAL) {
        v.criteria = has_min && has_max ? LXW_VALIDATION_CRITERIA_BETWEEN
                     : has_max         ? LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO
                                       : LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        v.minimum_number = has_min ? min : -1e15;
        v.maximum_number = has_max ? max : 1e15;
        v.value_number = has_min || !has_max ? (has_min ? min : -1e15) : max;
    }
    if (type == LXW_VALIDATION_TYPE_DATE) {
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_datetime = (lxw_datetime){1900, 3, 1, 0, 0, 0};
        v.maximum_datetime = (lxw_datetime){9999, 12, 31, 0, 0, 0};
    }
    return worksheet_data_validation_range(ws, (lxw_row_t)first, (lxw_col_t)col, (lxw_row_t)last, (lxw_col_t)col, &v);
}

static lxw_error protect(lxw_worksheet *ws)
{
    lxw_protection p = {0};
    p.format_columns = 1; /* the clerk may widen a column or a row, never change the text */
    p.format_rows = 1;
    worksheet_protect(ws, NULL, &p);
    return LXW_NO_ERROR;
}

static void print_setup(lxw_worksheet *ws, size_t head_row)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, QS_XLSX_PAPER_A4);
    worksheet_set_margins(ws, QS_XLSX_MARGIN_SIDE, QS_XLSX_MARGIN_SIDE, QS_XLSX_MARGIN_TOP, QS_XLSX_MARGIN_BOTTOM);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, (lxw_row_t)head_row, (lxw_row_t)head_row);
    worksheet_center_horizontally(ws);
}

/* ---- the sheets ---- */

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
            return write_text(ws, row, ci, "", b->locked);
        return worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)ci, r->ind->no, b->locked);
    }
    if (!strcmp(col->key, "item"))
        return write_text(ws, row, ci, r->ref, b->locked);
    if (!strcmp(col->key, "text"))
        return write_text(ws, row, ci, r->item ? r->item->text : "", b->locked_wrap);
    if (!strcmp(col->key, "method"))
        return write_text(ws, row, ci, r->ind ? r->ind->method : "", b->locked_wrap);
    if (!strcmp(col->key, "points")) {
        if (!r->item)
            return write_text(ws, row, ci, "", b->locked);
        return worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)ci, r->item->points / (double)QS_POINTS_SCALE,
                                      b->locked);
    }
    if (!applies(col, r))
        return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)ci, b->grey);
    if (!strcmp(col->key, "done"))
        return write_text(ws, row, ci, ev && ev->done != QS_DONE_UNSET ? word(b, ev->done ? "done.yes" : "done.no") : "",
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
        return write_text(ws, row, ci, ev ? ev->assessed_reason : NULL, b->open_wrap);
    if (!strcmp(col->key, "narrative")) {
        size_t k = (*narrative)++;
        return write_text(ws, row, ci, ev && k < ev->n_narratives ? ev->narratives[k] : NULL, b->open_wrap);
    }
    if (!strcmp(col->key, "source")) {
        const char *src = NULL;
        for (size_t i = 0; ev && i < ev->n_measures && !src; i++)
            src = ev->measures[i].source;
        return write_text(ws, row, ci, src, b->open_wrap);
    }
    if (!strncmp(col->key, "fact:", 5)) {
        for (size_t i = 0; ev && i < ev->n_facts; i++)
            if (!strcmp(ev->facts[i].ref, col->q))
                return write_bool(b, ws, row, ci, ev->facts[i].value, b->open);
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
        return validate(b, ws, first, last, ci, LXW_VALIDATION_TYPE_LIST, done, NULL, 0, 0, 0, 0, S(b, "form.prompt.done"));
    }
    if (!strncmp(col->key, "fact:", 5))
        return validate(b, ws, first, last, ci, LXW_VALIDATION_TYPE_LIST, yes_no, NULL, 0, 0, 0, 0, S(b, "form.prompt.fact"));
    if (!strncmp(col->key, "measure:", 8) || !strncmp(col->key, "reference:", 10)) {
        const qs_quantity *q = col->quantity;
        const char *range = "";
        if (q && (q->has_min || q->has_max)) {
            const char *p[] = {"min", q->has_min ? qs_format_number(b->a, q->min) : "", "max",
                               q->has_max ? qs_format_number(b->a, q->max) : "", NULL};
            range = fmt(b, "form.prompt.range", p);
        }
        const char *p[] = {"unit", q && q->unit ? q->unit : "", "range", range, NULL};
        return validate(b, ws, first, last, ci, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, q && q->has_min,
                        q ? q->min : 0, q && q->has_max, q ? q->max : 0, fmt(b, "form.prompt.number", p));
    }
    if (!strcmp(col->key, "claimed") || !strcmp(col->key, "assessed"))
        return validate(b, ws, first, last, ci, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, true, 0, true, 1000,
                        S(b, !strcmp(col->key, "claimed") ? "form.prompt.claimed" : "form.prompt.assessed"));
    if (!strcmp(col->key, "source"))
        return validate(b, ws, first, last, ci, LXW_VALIDATION_TYPE_ANY, NULL, NULL, 0, 0, 0, 0, S(b, "form.prompt.source"));
    if (!strcmp(col->key, "narrative") || !strcmp(col->key, "assessed-reason"))
        return validate(b, ws, first, last, ci, LXW_VALIDATION_TYPE_ANY, NULL, NULL, 0, 0, 0, 0, S(b, "form.prompt.text"));
    return LXW_NO_ERROR;
}

/* 评分项: one row per scoring item, verbatim and locked, then the cells to fill */
static lxw_error write_items(book *b, lxw_worksheet *ws)
{
    lxw_error err;
    const char **keys = qs_arena_calloc(b->a, b->n_cols, sizeof *keys);
    const char **heads = qs_arena_calloc(b->a, b->n_cols, sizeof *heads);
    for (size_t i = 0; i < b->n_cols; i++) {
        keys[i] = b->cols[i].key;
        heads[i] = b->cols[i].head;
    }
    if ((err = write_keys(b, ws, keys, heads, b->n_cols, QS_FORM_ITEMS_HEAD_ROW)))
        return err;
    if ((err = title_row(b, ws, b->n_cols)))
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
    print_setup(ws, QS_FORM_ITEMS_HEAD_ROW);
    return protect(ws);
}

/* one list sheet: its keys and headers, its columns' widths, open columns and validations */
typedef struct list_col {
    const char *key, *head;
    double width;
    lxw_format *f; /* NULL: locked */
} list_col;

static lxw_error list_sheet(book *b, lxw_worksheet *ws, const list_col *cols, size_t n)
{
    lxw_error err;
    const char *keys[16], *heads[16];
    for (size_t i = 0; i < n; i++) {
        keys[i] = cols[i].key;
        heads[i] = cols[i].head;
        if ((err = worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, cols[i].f)))
            return err;
    }
    if ((err = write_keys(b, ws, keys, heads, n, QS_FORM_LIST_HEAD_ROW)) || (err = title_row(b, ws, n)))
        return err;
    worksheet_freeze_panes(ws, QS_FORM_LIST_FIRST_ROW, 1);
    print_setup(ws, QS_FORM_LIST_HEAD_ROW);
    return protect(ws);
}

static const char *items_range(book *b)
{
    if (!b->n_rows)
        return NULL;
    return qs_arena_printf(b->a, "=%s!$B$%d:$B$%zu", qs_xlsx_quote_sheet(b->a, b->sheet_names[QS_FORM_ITEMS]),
                           QS_FORM_ITEMS_FIRST_ROW + 1, QS_FORM_ITEMS_FIRST_ROW + b->n_rows);
}

#define FIRST QS_FORM_LIST_FIRST_ROW
#define LAST (QS_FORM_LIST_FIRST_ROW + LIST_ROWS - 1)

static lxw_error item_validation(book *b, lxw_worksheet *ws, size_t col)
{
    const char *r = items_range(b);
    if (!r)
        return LXW_NO_ERROR;
    return validate(b, ws, FIRST, LAST, col, LXW_VALIDATION_TYPE_LIST_FORMULA, NULL, r, 0, 0, 0, 0, S(b, "form.prompt.item"));
}

static lxw_error write_documents(book *b, lxw_worksheet *ws)
{
    const list_col cols[] = {
        {"item", S(b, "form.head.item"), 10, b->open},      {"title", S(b, "form.head.title"), 48, b->open_wrap},
        {"number", S(b, "form.head.number"), 20, b->open},  {"issuer", S(b, "form.head.issuer"), 24, b->open_wrap},
        {"date", S(b, "form.head.date"), 12, b->open_date}, {"file", S(b, "form.head.file"), 32, b->open},
        {"any-year", S(b, "form.head.any-year"), 10, b->open},
    };
    lxw_error err = list_sheet(b, ws, cols, 7);
    size_t row = FIRST;
    for (size_t i = 0; !err && i < b->n_rows; i++)
        for (size_t e = 0; !err && e < b->rows[i].n_ev; e++)
            for (size_t k = 0; !err && k < b->rows[i].ev[e]->n_documents; k++, row++) {
                const qs_document *d = &b->rows[i].ev[e]->documents[k];
                if (!(err = write_text(ws, row, 0, b->rows[i].ref, b->open)) &&
                    !(err = write_text(ws, row, 1, d->title, b->open_wrap)) &&
                    !(err = write_text(ws, row, 2, d->number, b->open)) &&
                    !(err = write_text(ws, row, 3, d->issuer, b->open_wrap)) &&
                    !(err = write_date(ws, row, 4, d->date, b->open_date)) &&
                    !(err = write_text(ws, row, 5, d->file, b->open)) && d->any_year)
                    err = write_bool(b, ws, row, 6, true, b->open);
            }
    const char *yes_no[] = {word(b, "bool.yes"), word(b, "bool.no"), NULL};
    char year[32];
    snprintf(year, sizeof year, "%d", b->c->plan->year);
    const char *p[] = {"year", year, NULL};
    if (!err)
        err = item_validation(b, ws, 0);
    if (!err)
        err = validate(b, ws, FIRST, LAST, 1, LXW_VALIDATION_TYPE_ANY, NULL, NULL, 0, 0, 0, 0, S(b, "form.prompt.text"));
    if (!err)
        err = validate(b, ws, FIRST, LAST, 4, LXW_VALIDATION_TYPE_DATE, NULL, NULL, 0, 0, 0, 0, fmt(b, "form.prompt.date", p));
    if (!err)
        err = validate(b, ws, FIRST, LAST, 5, LXW_VALIDATION_TYPE_ANY, NULL, NULL, 0, 0, 0, 0, S(b, "form.prompt.file"));
    if (!err)
        err = validate(b, ws, FIRST, LAST, 6, LXW_VALIDATION_TYPE_LIST, yes_no, NULL, 0, 0, 0, 0, S(b, "form.prompt.fact"));
    return err;
}

static lxw_error write_awards(book *b, lxw_worksheet *ws)
{
    const list_col cols[] = {
        {"item", S(b, "form.head.item"), 10, b->open},  {"level", S(b, "form.head.level"), 10, b->open},
        {"text", S(b, "form.head.award"), 60, b->open_wrap}, {"date", S(b, "form.head.date"), 12, b->open_date},
        {"any-year", S(b, "form.head.any-year"), 10, b->open},
    };
    lxw_error err = list_sheet(b, ws, cols, 5);
    size_t row = FIRST;
    for (size_t i = 0; !err && i < b->n_rows; i++)
        for (size_t e = 0; !err && e < b->rows[i].n_ev; e++)
            for (size_t k = 0; !err && k < b->rows[i].ev[e]->n_awards; k++, row++) {
                const qs_award *w = &b->rows[i].ev[e]->awards[k];
                const char *lv = qs_arena_printf(b->a, "level.%s", qs_level_name(w->level));
                if (!(err = write_text(ws, row, 0, b->rows[i].ref, b->open)) &&
                    !(err = write_text(ws, row, 1, word(b, lv), b->open)) &&
                    !(err = write_text(ws, row, 2, w->text, b->open_wrap)) &&
                    !(err = write_date(ws, row, 3, w->date, b->open_date)) && w->any_year)
                    err = write_bool(b, ws, row, 4, true, b->open);
            }
    const char *levels[] = {word(b, "level.national"), word(b, "level.provincial"), word(b, "level.city"),
                            word(b, "level.county"), NULL};
    const char *yes_no[] = {word(b, "bool.yes"), word(b, "bool.no"), NULL};
    char year[32];
    snprintf(year, sizeof year, "%d", b->c->plan->year);
    const char *p[] = {"year", year, NULL};
    if (!err)
        err = item_validation(b, ws, 0);
    if (!err)
        err = validate(b, ws, FIRST, LAST, 1, LXW_VALIDATION_TYPE_LIST, levels, NULL, 0, 0, 0, 0, S(b, "form.prompt.level"));
    if (!err)
        err = validate(b, ws, FIRST, LAST, 3, LXW_VALIDATION_TYPE_DATE, NULL, NULL, 0, 0, 0, 0, fmt(b, "form.prompt.date", p));
    if (!err)
        err = validate(b, ws, FIRST, LAST, 4, LXW_VALIDATION_TYPE_LIST, yes_no, NULL, 0, 0, 0, 0, S(b, "form.prompt.fact"));
    return err;
}

static lxw_error write_incidents(book *b, lxw_worksheet *ws)
{
    const list_col cols[] = {
        {"item", S(b, "form.head.item"), 10, b->open}, {"kind", S(b, "form.head.kind"), 24, b->open},
        {"date", S(b, "form.head.date"), 12, b->open_date}, {"text", S(b, "form.head.incident"), 60, b->open_wrap},
    };
    lxw_error err = list_sheet(b, ws, cols, 4);
    size_t row = FIRST;
    for (size_t i = 0; !err && i < b->n_rows; i++)
        for (size_t e = 0; !err && e < b->rows[i].n_ev; e++)
            for (size_t k = 0; !err && k < b->rows[i].ev[e]->n_incidents; k++, row++) {
                const qs_incident *x = &b->rows[i].ev[e]->incidents[k];
                if (!(err = write_text(ws, row, 0, b->rows[i].ref, b->open)) &&
                    !(err = write_text(ws, row, 1, x->kind, b->open)) &&
                    !(err = write_date(ws, row, 2, x->date, b->open_date)))
                    err = write_text(ws, row, 3, x->text, b->open_wrap);
            }
    /* the schema's kinds as the list, while they fit the 255 characters Excel allows */
    const qs_schema *s = b->c->schema;
    size_t n = s ? s->n_incidents : 0, len = 0;
    const char **kinds = qs_arena_calloc(b->a, n + 1, sizeof *kinds);
    for (size_t i = 0; i < n; i++) {
        kinds[i] = s->incidents[i].id;
        len += strlen(kinds[i]) + 1;
    }
    char year[32];
    snprintf(year, sizeof year, "%d", b->c->plan->year);
    const char *p[] = {"year", year, NULL};
    if (!err)
        err = item_validation(b, ws, 0);
    if (!err && n && len < 250)
        err = validate(b, ws, FIRST, LAST, 1, LXW_VALIDATION_TYPE_LIST, kinds, NULL, 0, 0, 0, 0, S(b, "form.prompt.kind"));
    if (!err)
        err = validate(b, ws, FIRST, LAST, 2, LXW_VALIDATION_TYPE_DATE, NULL, NULL, 0, 0, 0, 0, fmt(b, "form.prompt.date", p));
    return err;
}

static lxw_error series_row(book *b, lxw_worksheet *ws, size_t row, const char *ref, const char *q, int year,
                            const double *value)
{
    const qs_quantity *qq = qs_model_quantity(b->c->schema, b->c->plan, q);
    lxw_error err;
    if ((err = write_text(ws, row, 0, ref, b->open)) || (err = write_text(ws, row, 1, q, b->open)) ||
        (err = write_text(ws, row, 2, qq ? qq->name : "", b->locked)) ||
        (err = worksheet_write_number(ws, (lxw_row_t)row, 3, year, b->open)))
        return err;
    if (value)
        return worksheet_write_number(ws, (lxw_row_t)row, 4, *value, b->open_num);
    return LXW_NO_ERROR;
}

static lxw_error write_series(book *b, lxw_worksheet *ws)
{
    const list_col cols[] = {
        {"item", S(b, "form.head.item"), 10, b->open},          {"quantity", S(b, "form.head.quantity"), 28, b->open},
        {"quantity-name", S(b, "form.head.quantity-name"), 36, NULL}, {"year", S(b, "form.head.year"), 8, b->open},
        {"value", S(b, "form.head.value"), 14, b->open_num},
    };
    lxw_error err = list_sheet(b, ws, cols, 5);
    size_t row = FIRST;
    for (size_t i = 0; !err && i < b->n_rows; i++) {
        const item_row *r = &b->rows[i];
        bool any = false;
        for (size_t e = 0; !err && e < r->n_ev; e++)
            for (size_t k = 0; !err && k < r->ev[e]->n_series; k++) {
                const qs_series *s = &r->ev[e]->series[k];
                for (size_t x = 0; !err && x < s->n_points; x++, row++)
                    err = series_row(b, ws, row, r->ref, s->quantity, s->points[x].year, &s->points[x].value);
                any = true;
            }
        if (!any && r->item && r->item->rule == QS_RULE_TREND) /* the years to fill */
            for (int y = b->c->plan->year - r->item->trend_years; !err && y <= b->c->plan->year; y++, row++)
                err = series_row(b, ws, row, r->ref, r->item->trend_quantity, y, NULL);
    }
    const char *p[] = {"unit", "", "range", "", NULL};
    if (!err)
        err = item_validation(b, ws, 0);
    if (!err)
        err = validate(b, ws, FIRST, LAST, 3, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, true, 1900, true, 9999,
                       S(b, "form.prompt.year"));
    if (!err)
        err = validate(b, ws, FIRST, LAST, 4, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, false, 0, false, 0,
                       fmt(b, "form.prompt.number", p));
    return err;
}

/* 量化目标: the unit-level values the plan's targets are checked against */
static lxw_error write_targets(book *b, lxw_worksheet *ws)
{
    const list_col cols[] = {
        {"quantity", S(b, "form.head.quantity"), 28, NULL}, {"target", S(b, "form.head.target"), 48, NULL},
        {"value", S(b, "form.head.value"), 14, b->open_num}, {"unit", S(b, "form.head.unit"), 8, NULL},
        {"source", S(b, "form.head.source"), 36, b->open_wrap},
    };
    lxw_error err = list_sheet(b, ws, cols, 5);
    size_t row = FIRST;
    const char **done = qs_arena_calloc(b->a, b->u->n_targets + 1, sizeof *done);
    for (size_t e = 0; !err && e < b->n_eu; e++)
        for (size_t k = 0; !err && k < b->eu[e]->n_measures; k++, row++) {
            const qs_measure *m = &b->eu[e]->measures[k];
            const char *text = "";
            for (size_t t = 0; t < b->u->n_targets; t++)
                if (!strcmp(b->u->targets[t]->quantity, m->quantity)) {
                    text = b->u->targets[t]->text;
                    done[t] = m->quantity;
                }
            const qs_quantity *qq = qs_model_quantity(b->c->schema, b->c->plan, m->quantity);
            if (!(err = write_text(ws, row, 0, m->quantity, b->locked)) && !(err = write_text(ws, row, 1, text, b->locked_wrap)) &&
                !(err = worksheet_write_number(ws, (lxw_row_t)row, 2, m->value, b->open_num)) &&
                !(err = write_text(ws, row, 3, m->unit ? m->unit : qq ? qq->unit : "", b->locked)))
                err = write_text(ws, row, 4, m->source, b->open_wrap);
        }
    for (size_t t = 0; !err && t < b->u->n_targets; t++) {
        if (done[t])
            continue;
        const qs_target *tg = b->u->targets[t];
        const qs_quantity *qq = qs_model_quantity(b->c->schema, b->c->plan, tg->quantity);
        if (!(err = write_text(ws, row, 0, tg->quantity, b->locked)) && !(err = write_text(ws, row, 1, tg->text, b->locked_wrap)))
            err = write_text(ws, row, 3, qq ? qq->unit : "", b->locked);
        row++;
    }
    const char *p[] = {"unit", "", "range", "", NULL};
    if (!err && row > FIRST)
        err = validate(b, ws, FIRST, row - 1, 2, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, false, 0, false, 0,
                       fmt(b, "form.prompt.number", p));
    return err;
}

/* the hidden sheet the reader starts from (form.h) */
static lxw_error write_meta(book *b, lxw_worksheet *ws, bool sample)
{
    lxw_error err;
    size_t row = 0;
#define PAIR(k, v)                                                                                                \
    do {                                                                                                          \
        if ((err = worksheet_write_string(ws, (lxw_row_t)row, 0, (k), NULL)) ||                                   \
            (err = worksheet_write_string(ws, (lxw_row_t)row, 1, (v), NULL)))                                     \
            return err;                                                                                           \
        row++;                                                                                                    \
    } while (0)
    PAIR("form", QS_FORM_VERSION);
    if (sample)
        PAIR("sample", "true");
    for (int s = 0; s < QS_FORM_N_SHEETS; s++)
        PAIR(qs_arena_printf(b->a, "sheet.%s", qs_form_sheet_kinds[s]), b->sheet_names[s]);
    for (size_t w = 0; qs_form_word_keys[w]; w++)
        PAIR(qs_arena_printf(b->a, "word.%s", qs_form_word_keys[w]), word(b, qs_form_word_keys[w]));
#undef PAIR
    worksheet_hide(ws);
    protect(ws);
    return LXW_NO_ERROR;
}

static lxw_format *format(book *b, bool locked, bool wrap, bool bold, bool grey, int size)
{
    lxw_format *f = workbook_add_format(b->wb);
    format_set_font_name(f, S(b, "form.font"));
    format_set_font_size(f, size);
    if (wrap)
        format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (!locked)
        format_set_unlocked(f);
    if (bold)
        format_set_bold(f);
    if (grey)
        format_set_bg_color(f, 0xD9D9D9);
    if (size <= 11)
        format_set_border(f, LXW_BORDER_THIN);
    return f;
}

/* qs_xlsx_finish, but the rename may refuse to replace a file that appeared
 * meanwhile (init never replaces a form a unit may have filled in) */
static qs_status finish(lxw_workbook *wb, qs_afile *f, lxw_error err, bool epoch_zero, bool no_replace, bool *kept,
                        qs_diags *d)
{
    if (no_replace) {
        errno = 0;
        lxw_error closed = wb ? workbook_close(wb) : LXW_NO_ERROR;
        int sys = errno;
        if (err == LXW_NO_ERROR)
            err = closed;
        int e = 0;
        if (err == LXW_NO_ERROR && epoch_zero && !(e = qs_xlsx_core_epoch_zero(qs_fs_tmp_path(f))) && !qs_fs_reopen(f))
            e = errno;
        if (err != LXW_NO_ERROR || e) {
            qs_fs_abort(f);
            qs_srcpos pos = {f->shown, 0};
            qs_diag_error(d, pos, "cannot write: %s", e ? strerror(e) : sys ? strerror(sys) : lxw_strerror(err));
            return err != LXW_NO_ERROR && !sys ? QS_ERR_XLSX : QS_ERR_IO;
        }
        return qs_fs_commit(f, true, kept, d);
    }
    return qs_xlsx_finish(wb, f, err, d);
}

qs_status qs_form_write(const qs_case *c, const qs_unit_duties *u, const qs_strings *s, const qs_dest *to,
                        time_t epoch, bool no_replace, bool *kept, qs_diags *d)
{
    *kept = false;
    book b = {.c = c, .u = u, .s = s, .a = qs_arena_new()};
    qs_afile tmp;
    lxw_error err = LXW_NO_ERROR;
    qs_status st = qs_xlsx_open_temp(to, &tmp, d);
    if (st != QS_OK) {
        qs_arena_free(b.a);
        return st;
    }
    lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    b.wb = workbook_new_opt(qs_fs_tmp_path(&tmp), &wo);
    if (!b.wb) {
        err = LXW_ERROR_CREATING_XLSX_FILE;
        goto cleanup;
    }
    b.title = format(&b, true, true, true, false, 16);
    format_set_align(b.title, LXW_ALIGN_CENTER);
    b.head = format(&b, true, true, true, true, 11);
    b.locked = format(&b, true, false, false, false, 11);
    b.locked_wrap = format(&b, true, true, false, false, 11);
    b.grey = format(&b, true, false, false, true, 11);
    b.open = format(&b, false, false, false, false, 11);
    b.open_wrap = format(&b, false, true, false, false, 11);
    b.open_num = format(&b, false, false, false, false, 11);
    format_set_num_format(b.open_num, "General");
    b.open_date = format(&b, false, false, false, false, 11);
    format_set_num_format(b.open_date, "yyyy-mm-dd");
    b.key = workbook_add_format(b.wb);
    gather(&b);
    plan_columns(&b);
    bool sample = false;
    for (size_t e = 0; e < c->n_evidence; e++)
        for (size_t k = 0; k < c->evidence[e].n_units; k++)
            sample |= c->evidence[e].units[k].unit == u->unit && c->evidence[e].sample;
    lxw_worksheet *ws[QS_FORM_N_SHEETS];
    for (int i = 0; i < QS_FORM_N_SHEETS; i++) {
        b.sheet_names[i] = S(&b, qs_arena_printf(b.a, "form.sheet.%s", qs_form_sheet_kinds[i]));
        QS_XLSX_TRY(qs_xlsx_add_sheet(b.wb, b.sheet_names[i], &ws[i]));
    }
    lxw_worksheet *meta;
    QS_XLSX_TRY(qs_xlsx_add_sheet(b.wb, QS_FORM_META_SHEET, &meta));
    QS_XLSX_TRY(write_items(&b, ws[QS_FORM_ITEMS]));
    QS_XLSX_TRY(write_targets(&b, ws[QS_FORM_TARGETS]));
    QS_XLSX_TRY(write_documents(&b, ws[QS_FORM_DOCUMENTS]));
    QS_XLSX_TRY(write_awards(&b, ws[QS_FORM_AWARDS]));
    QS_XLSX_TRY(write_incidents(&b, ws[QS_FORM_INCIDENTS]));
    QS_XLSX_TRY(write_series(&b, ws[QS_FORM_SERIES]));
    QS_XLSX_TRY(write_meta(&b, meta, sample));
    const char *p[] = {"unit", u->unit->name, NULL};
    lxw_doc_properties props = {.title = (char *)fmt(&b, "form.title", p), .created = epoch};
    QS_XLSX_TRY(workbook_set_properties(b.wb, &props));
cleanup:
    st = finish(b.wb, &tmp, err, epoch == 0, no_replace, kept, d);
    qs_arena_free(b.a);
    return st;
}
