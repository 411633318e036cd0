/* form_xlsx_internal.h - what form_xlsx.c (the workbook, its formats and
 * common cells), form_xlsx_items.c (the items sheet) and form_xlsx_lists.c
 * (the list sheets) share: the form being written.  No other file
 * includes it.
 */
#ifndef QS_FORM_XLSX_INTERNAL_H
#define QS_FORM_XLSX_INTERNAL_H

#include "form_xlsx.h"
#include "format.h"
#include "xlsx_common.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* the form being written */
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

/* the wording of key (templates/strings.xml) */
static inline const char *S(const book *b, const char *key)
{
    return qs_wording(b->s, key);
}

/* the wording of key, its {fields} filled from the plan and more (name, value, ..., NULL) */
static inline const char *fmt(book *b, const char *key, const char *const *more)
{
    return qs_format(b->a, S(b, key), qs_model_pairs(b->a, b->c->plan, more));
}

/* the form's word w (form.word.w): "已完成", "是", "国家级" ... */
static inline const char *word(book *b, const char *w)
{
    return S(b, qs_arena_printf(b->a, "form.word.%s", w));
}

/* ---- cells (form_xlsx.c) ---- */

lxw_error qs_form_write_text(lxw_worksheet *ws, size_t row, size_t col, const char *text, lxw_format *f);
/* iso: YYYY-MM-DD, written as a date cell */
lxw_error qs_form_write_date(lxw_worksheet *ws, size_t row, size_t col, const char *iso, lxw_format *f);
/* v as the form's yes/no word */
lxw_error qs_form_write_bool(book *b, lxw_worksheet *ws, size_t row, size_t col, bool v, lxw_format *f);
/* the hidden row of keys (QS_FORM_KEY_ROW) and the header row */
lxw_error qs_form_write_keys(book *b, lxw_worksheet *ws, const char *const *keys, const char *const *heads, size_t n,
                             size_t head_row);
/* the form's title over n_cols columns */
lxw_error qs_form_title_row(book *b, lxw_worksheet *ws, size_t n_cols);
/* a validation over rows [first, last] of column col: kind (an
 * LXW_VALIDATION_TYPE_*), a list or bounds, and the input message */
lxw_error qs_form_validation(book *b, lxw_worksheet *ws, size_t first, size_t last, size_t col, uint8_t type,
                             const char **list, const char *formula, bool has_min, double min, bool has_max,
                             double max, const char *prompt);
/* protected without a password: widths and heights may change, text may not */
lxw_error qs_form_protect(lxw_worksheet *ws);
/* A4 landscape, one page wide, the header row repeated */
void qs_form_print_setup(lxw_worksheet *ws, size_t head_row);

/* ---- the sheets: each returns the first error of libxlsxwriter ---- */

/* the items sheet's columns into b->cols (form_xlsx_items.c) */
void qs_form_plan_columns(book *b);
lxw_error qs_form_write_items(book *b, lxw_worksheet *ws);
/* the list sheets (form_xlsx_lists.c) */
lxw_error qs_form_write_targets(book *b, lxw_worksheet *ws);
lxw_error qs_form_write_documents(book *b, lxw_worksheet *ws);
lxw_error qs_form_write_awards(book *b, lxw_worksheet *ws);
lxw_error qs_form_write_incidents(book *b, lxw_worksheet *ws);
lxw_error qs_form_write_series(book *b, lxw_worksheet *ws);

#endif
