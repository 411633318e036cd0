/* form_xlsx_lists.c - the evidence form's list sheets (stage 5: output).
 *
 * Reads: the unit's evidence (form_xlsx.c gathered it) and the plan's
 * targets.  Writes: the sheets of documents (佐证文件), awards, incidents,
 * multi-year series and the plan's targets: a row per entry prefilled,
 * then LIST_ROWS rows open for input, each column with its list, date or
 * number validation and input message; the item column offers the items
 * sheet's items.  Keys and cells as form.h lays them out.
 */
#include "form.h"
#include "form_xlsx_internal.h"
#include "xlsx_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_ROWS 500 /* rows of a list sheet open for input */

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
    if ((err = qs_form_write_keys(b, ws, keys, heads, n, QS_FORM_LIST_HEAD_ROW)) || (err = qs_form_title_row(b, ws, n)))
        return err;
    worksheet_freeze_panes(ws, QS_FORM_LIST_FIRST_ROW, 1);
    qs_form_print_setup(ws, QS_FORM_LIST_HEAD_ROW);
    return qs_form_protect(ws);
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
    return qs_form_validation(b, ws, FIRST, LAST, col, LXW_VALIDATION_TYPE_LIST_FORMULA, NULL, r, 0, 0, 0, 0, S(b, "form.prompt.item"));
}

/* a date column's input message: a date of the plan's year */
static const char *date_prompt(book *b)
{
    const char *p[] = {"year", qs_arena_printf(b->a, "%d", b->c->plan->year), NULL};
    return fmt(b, "form.prompt.date", p);
}

lxw_error qs_form_write_documents(book *b, lxw_worksheet *ws)
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
                if (!(err = qs_form_write_text(ws, row, 0, b->rows[i].ref, b->open)) &&
                    !(err = qs_form_write_text(ws, row, 1, d->title, b->open_wrap)) &&
                    !(err = qs_form_write_text(ws, row, 2, d->number, b->open)) &&
                    !(err = qs_form_write_text(ws, row, 3, d->issuer, b->open_wrap)) &&
                    !(err = qs_form_write_date(ws, row, 4, d->date, b->open_date)) &&
                    !(err = qs_form_write_text(ws, row, 5, d->file, b->open)) && d->any_year)
                    err = qs_form_write_bool(b, ws, row, 6, true, b->open);
            }
    const char *yes_no[] = {word(b, "bool.yes"), word(b, "bool.no"), NULL};
    if (!err)
        err = item_validation(b, ws, 0);
    if (!err)
        err = qs_form_validation(b, ws, FIRST, LAST, 1, LXW_VALIDATION_TYPE_ANY, NULL, NULL, 0, 0, 0, 0, S(b, "form.prompt.text"));
    if (!err)
        err = qs_form_validation(b, ws, FIRST, LAST, 4, LXW_VALIDATION_TYPE_DATE, NULL, NULL, 0, 0, 0, 0, date_prompt(b));
    if (!err)
        err = qs_form_validation(b, ws, FIRST, LAST, 5, LXW_VALIDATION_TYPE_ANY, NULL, NULL, 0, 0, 0, 0, S(b, "form.prompt.file"));
    if (!err)
        err = qs_form_validation(b, ws, FIRST, LAST, 6, LXW_VALIDATION_TYPE_LIST, yes_no, NULL, 0, 0, 0, 0, S(b, "form.prompt.fact"));
    return err;
}

lxw_error qs_form_write_awards(book *b, lxw_worksheet *ws)
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
                if (!(err = qs_form_write_text(ws, row, 0, b->rows[i].ref, b->open)) &&
                    !(err = qs_form_write_text(ws, row, 1, word(b, lv), b->open)) &&
                    !(err = qs_form_write_text(ws, row, 2, w->text, b->open_wrap)) &&
                    !(err = qs_form_write_date(ws, row, 3, w->date, b->open_date)) && w->any_year)
                    err = qs_form_write_bool(b, ws, row, 4, true, b->open);
            }
    const char *levels[] = {word(b, "level.national"), word(b, "level.provincial"), word(b, "level.city"),
                            word(b, "level.county"), NULL};
    const char *yes_no[] = {word(b, "bool.yes"), word(b, "bool.no"), NULL};
    if (!err)
        err = item_validation(b, ws, 0);
    if (!err)
        err = qs_form_validation(b, ws, FIRST, LAST, 1, LXW_VALIDATION_TYPE_LIST, levels, NULL, 0, 0, 0, 0, S(b, "form.prompt.level"));
    if (!err)
        err = qs_form_validation(b, ws, FIRST, LAST, 3, LXW_VALIDATION_TYPE_DATE, NULL, NULL, 0, 0, 0, 0, date_prompt(b));
    if (!err)
        err = qs_form_validation(b, ws, FIRST, LAST, 4, LXW_VALIDATION_TYPE_LIST, yes_no, NULL, 0, 0, 0, 0, S(b, "form.prompt.fact"));
    return err;
}

lxw_error qs_form_write_incidents(book *b, lxw_worksheet *ws)
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
                if (!(err = qs_form_write_text(ws, row, 0, b->rows[i].ref, b->open)) &&
                    !(err = qs_form_write_text(ws, row, 1, x->kind, b->open)) &&
                    !(err = qs_form_write_date(ws, row, 2, x->date, b->open_date)))
                    err = qs_form_write_text(ws, row, 3, x->text, b->open_wrap);
            }
    /* the schema's kinds as the list, while they fit the 255 characters Excel allows */
    const qs_schema *s = b->c->schema;
    size_t n = s ? s->n_incidents : 0, len = 0;
    const char **kinds = qs_arena_calloc(b->a, n + 1, sizeof *kinds);
    for (size_t i = 0; i < n; i++) {
        kinds[i] = s->incidents[i].id;
        len += strlen(kinds[i]) + 1;
    }
    if (!err)
        err = item_validation(b, ws, 0);
    if (!err && n && len < 250)
        err = qs_form_validation(b, ws, FIRST, LAST, 1, LXW_VALIDATION_TYPE_LIST, kinds, NULL, 0, 0, 0, 0, S(b, "form.prompt.kind"));
    if (!err)
        err = qs_form_validation(b, ws, FIRST, LAST, 2, LXW_VALIDATION_TYPE_DATE, NULL, NULL, 0, 0, 0, 0, date_prompt(b));
    return err;
}

static lxw_error series_row(book *b, lxw_worksheet *ws, size_t row, const char *ref, const char *q, int year,
                            const double *value)
{
    const qs_quantity *qq = qs_model_quantity(b->c->schema, b->c->plan, q);
    lxw_error err;
    if ((err = qs_form_write_text(ws, row, 0, ref, b->open)) || (err = qs_form_write_text(ws, row, 1, q, b->open)) ||
        (err = qs_form_write_text(ws, row, 2, qq ? qq->name : "", b->locked)) ||
        (err = worksheet_write_number(ws, (lxw_row_t)row, 3, year, b->open)))
        return err;
    if (value)
        return worksheet_write_number(ws, (lxw_row_t)row, 4, *value, b->open_num);
    return LXW_NO_ERROR;
}

lxw_error qs_form_write_series(book *b, lxw_worksheet *ws)
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
        err = qs_form_validation(b, ws, FIRST, LAST, 3, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, true, 1900, true, 9999,
                       S(b, "form.prompt.year"));
    if (!err)
        err = qs_form_validation(b, ws, FIRST, LAST, 4, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, false, 0, false, 0,
                       fmt(b, "form.prompt.number", p));
    return err;
}

/* 量化目标: the unit-level values the plan's targets are checked against */
lxw_error qs_form_write_targets(book *b, lxw_worksheet *ws)
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
            if (!(err = qs_form_write_text(ws, row, 0, m->quantity, b->locked)) && !(err = qs_form_write_text(ws, row, 1, text, b->locked_wrap)) &&
                !(err = worksheet_write_number(ws, (lxw_row_t)row, 2, m->value, b->open_num)) &&
                !(err = qs_form_write_text(ws, row, 3, m->unit ? m->unit : qq ? qq->unit : "", b->locked)))
                err = qs_form_write_text(ws, row, 4, m->source, b->open_wrap);
        }
    for (size_t t = 0; !err && t < b->u->n_targets; t++) {
        if (done[t])
            continue;
        const qs_target *tg = b->u->targets[t];
        const qs_quantity *qq = qs_model_quantity(b->c->schema, b->c->plan, tg->quantity);
        if (!(err = qs_form_write_text(ws, row, 0, tg->quantity, b->locked)) && !(err = qs_form_write_text(ws, row, 1, tg->text, b->locked_wrap)))
            err = qs_form_write_text(ws, row, 3, qq ? qq->unit : "", b->locked);
        row++;
    }
    const char *p[] = {"unit", "", "range", "", NULL};
    if (!err && row > FIRST)
        err = qs_form_validation(b, ws, FIRST, row - 1, 2, LXW_VALIDATION_TYPE_DECIMAL, NULL, NULL, false, 0, false, 0,
                       fmt(b, "form.prompt.number", p));
    return err;
}
