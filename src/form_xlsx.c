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
 * This file: what goes in, the formats, the cells every sheet writes, the
 * hidden sheet and the workbook (through qs_xlsx_write, never replacing a
 * form that is there when asked not to); the items sheet is
 * form_xlsx_items.c's, the list sheets form_xlsx_lists.c's.
 */
#include "form.h"
#include "form_xlsx.h"
#include "form_xlsx_internal.h"
#include "format.h"
#include "xlsx_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- cells ---- */

lxw_error qs_form_write_text(lxw_worksheet *ws, size_t row, size_t col, const char *text, lxw_format *f)
{
    if (!text || !*text)
        return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f);
    return worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, f);
}

lxw_error qs_form_write_date(lxw_worksheet *ws, size_t row, size_t col, const char *iso, lxw_format *f)
{
    int y, m, d;
    if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3 || y < 1900)
        return qs_form_write_text(ws, row, col, iso, f);
    lxw_datetime dt = {y, m, d, 0, 0, 0};
    return worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt, f);
}

lxw_error qs_form_write_bool(book *b, lxw_worksheet *ws, size_t row, size_t col, bool v, lxw_format *f)
{
    return worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, word(b, v ? "bool.yes" : "bool.no"), f);
}

/* the hidden row of keys and the header row */
lxw_error qs_form_write_keys(book *b, lxw_worksheet *ws, const char *const *keys, const char *const *heads, size_t n,
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

lxw_error qs_form_title_row(book *b, lxw_worksheet *ws, size_t n_cols)
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
lxw_error qs_form_validation(book *b, lxw_worksheet *ws, size_t first, size_t last, size_t col, uint8_t type,
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

lxw_error qs_form_protect(lxw_worksheet *ws)
{
    lxw_protection p = {0};
    p.format_columns = 1; /* the clerk may widen a column or a row, never change the text */
    p.format_rows = 1;
    worksheet_protect(ws, NULL, &p);
    return LXW_NO_ERROR;
}

void qs_form_print_setup(lxw_worksheet *ws, size_t head_row)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, QS_XLSX_PAPER_A4);
    worksheet_set_margins(ws, QS_XLSX_MARGIN_SIDE, QS_XLSX_MARGIN_SIDE, QS_XLSX_MARGIN_TOP, QS_XLSX_MARGIN_BOTTOM);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, (lxw_row_t)head_row, (lxw_row_t)head_row);
    worksheet_center_horizontally(ws);
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
    qs_form_protect(ws);
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

/* the workbook: its formats, what goes in, its sheets in the order a clerk fills them, the hidden sheet */
static lxw_error fill(lxw_workbook *wb, void *ctx)
{
    book *b = ctx;
    lxw_error err = LXW_NO_ERROR;
    b->wb = wb;
    b->title = format(b, true, true, true, false, 16);
    format_set_align(b->title, LXW_ALIGN_CENTER);
    b->head = format(b, true, true, true, true, 11);
    b->locked = format(b, true, false, false, false, 11);
    b->locked_wrap = format(b, true, true, false, false, 11);
    b->grey = format(b, true, false, false, true, 11);
    b->open = format(b, false, false, false, false, 11);
    b->open_wrap = format(b, false, true, false, false, 11);
    b->open_num = format(b, false, false, false, false, 11);
    format_set_num_format(b->open_num, "General");
    b->open_date = format(b, false, false, false, false, 11);
    format_set_num_format(b->open_date, "yyyy-mm-dd");
    b->key = workbook_add_format(wb);
    gather(b);
    qs_form_plan_columns(b);
    const qs_case *c = b->c;
    bool sample = false;
    for (size_t e = 0; e < c->n_evidence; e++)
        for (size_t k = 0; k < c->evidence[e].n_units; k++)
            sample |= c->evidence[e].units[k].unit == b->u->unit && c->evidence[e].sample;
    lxw_worksheet *ws[QS_FORM_N_SHEETS];
    for (int i = 0; i < QS_FORM_N_SHEETS; i++) {
        b->sheet_names[i] = S(b, qs_arena_printf(b->a, "form.sheet.%s", qs_form_sheet_kinds[i]));
        QS_XLSX_TRY(qs_xlsx_add_sheet(wb, b->sheet_names[i], &ws[i]));
    }
    lxw_worksheet *meta;
    QS_XLSX_TRY(qs_xlsx_add_sheet(wb, QS_FORM_META_SHEET, &meta));
    QS_XLSX_TRY(qs_form_write_items(b, ws[QS_FORM_ITEMS]));
    QS_XLSX_TRY(qs_form_write_targets(b, ws[QS_FORM_TARGETS]));
    QS_XLSX_TRY(qs_form_write_documents(b, ws[QS_FORM_DOCUMENTS]));
    QS_XLSX_TRY(qs_form_write_awards(b, ws[QS_FORM_AWARDS]));
    QS_XLSX_TRY(qs_form_write_incidents(b, ws[QS_FORM_INCIDENTS]));
    QS_XLSX_TRY(qs_form_write_series(b, ws[QS_FORM_SERIES]));
    QS_XLSX_TRY(write_meta(b, meta, sample));
cleanup:
    return err;
}

qs_status qs_form_write(const qs_case *c, const qs_unit_duties *u, const qs_strings *s, const qs_dest *to,
                        time_t epoch, bool no_replace, bool *kept, qs_diags *d)
{
    *kept = false;
    book b = {.c = c, .u = u, .s = s, .a = qs_arena_new()};
    const char *p[] = {"unit", u->unit->name, NULL};
    qs_xlsx_props props = {.title = fmt(&b, "form.title", p), .created = epoch};
    /* init never replaces a form a unit may have filled in: not even one that appeared meanwhile */
    qs_status st = no_replace ? qs_xlsx_write_new(to, fill, &b, &props, kept, d)
                              : qs_xlsx_write(to, fill, &b, &props, d);
    qs_arena_free(b.a);
    return st;
}
