/* xlsx_index.c - the evidence index as an xlsx workbook (stage 4: render).
 *
 * Reads the index rows (evindex.c) and the wording of templates/strings.xml;
 * writes one sheet: the title, a header row, one row per cited document
 * (indicator, item, unit, title, document number, issuer, date, file in the
 * package), with computed row heights, autofilter, frozen header and the
 * print setup of an official attachment (xlsx_common.c).  Atomic write.
 */
#include "format.h"
#include "render.h"
#include "xlsx_common.h"

#include <string.h>
#include <xlsxwriter.h>

#define N_COLS 9

/* column widths in pixels, 960 in all (12 more than QS_XLSX_SHEET_PX: fit to
 * one page wide, LibreOffice prints the sheet at 99 %) */
static const int col_px[N_COLS] = {48, 56, 64, 128, 248, 112, 112, 104, 88};

/* the title row, the header row and the documents; the first error stops */
static lxw_error write_sheet(lxw_workbook *wb, lxw_worksheet *ws, const qs_case *c, const qs_evindex *x,
                             const qs_render_opts *o, qs_arena *a)
{
    const qs_strings *s = o->strings;
    const qs_fontmap *fm = o->fontmap;
    unsigned boxed = QS_XLSX_BORDER | QS_XLSX_WRAP;
    lxw_format *ft = qs_xlsx_format(wb, fm, QS_ROLE_TITLE, 18, LXW_ALIGN_CENTER, 0),
               *fh = qs_xlsx_format(wb, fm, QS_ROLE_HEADER, 10.5, LXW_ALIGN_CENTER, boxed),
               *fc = qs_xlsx_format(wb, fm, QS_ROLE_TABLE, 10.5, LXW_ALIGN_NONE, boxed),
               *fcc = qs_xlsx_format(wb, fm, QS_ROLE_TABLE, 10.5, LXW_ALIGN_CENTER, boxed),
               *fdate = qs_xlsx_format(wb, fm, QS_ROLE_TABLE, 10.5, LXW_ALIGN_CENTER, boxed);
    if (!ft || !fh || !fc || !fcc || !fdate)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    /* a real date, so that a reader's spreadsheet sorts it, shown as 2022年8月17日 */
    format_set_num_format(fdate, qs_wording(s, "date.excel"));
    lxw_error e = qs_xlsx_set_columns(ws, col_px, N_COLS);
    const char *const *p = qs_model_pairs(a, c->plan, NULL);
    if (!e)
        e = worksheet_merge_range(ws, 0, 0, 0, N_COLS - 1, qs_format(a, qs_wording(s, "index.title"), p), ft);
    if (!e)
        e = worksheet_set_row(ws, 0, 36, NULL);
    static const char *const heads[N_COLS] = {"index.col.no", "index.col.indicator", "index.col.item",
                                              "index.col.unit", "index.col.title", "index.col.number",
                                              "index.col.issuer", "index.col.date", "index.col.file"};
    double hh = 0;
    for (int i = 0; i < N_COLS && !e; i++) {
        e = worksheet_write_string(ws, 1, (lxw_col_t)i, qs_wording(s, heads[i]), fh);
        double h = qs_xlsx_text_height(a, qs_wording(s, heads[i]), col_px[i], 10.5, false);
        hh = h > hh ? h : hh;
    }
    if (!e)
        e = worksheet_set_row(ws, 1, qs_xlsx_round_height(hh), NULL);
    for (size_t r = 0; r < x->n_rows && !e; r++) {
        const qs_evindex_row *row = &x->rows[r];
        lxw_row_t y = (lxw_row_t)(r + 2);
        /* a document cited by several entries: their indicators, items and units, one per line */
        const char *text[N_COLS] = {NULL,
                                    qs_evindex_indicators(row, "\n", a),
                                    qs_evindex_items(row, "\n", a),
                                    qs_evindex_units(row, "\n", a),
                                    row->doc->title,
                                    row->doc->number ? row->doc->number : "",
                                    row->doc->issuer ? row->doc->issuer : "",
                                    row->doc->date ? qs_format_date(a, qs_wording(s, "date"), row->doc->date)
                                                   : "",
                                    row->package_name ? row->package_name : ""};
        e = worksheet_write_number(ws, y, 0, (double)(r + 1), fcc);
        if (!e && !strchr(text[1], '\n'))
            e = worksheet_write_number(ws, y, 1, row->cites[0].indicator->no, fcc);
        else if (!e)
            e = worksheet_write_string(ws, y, 1, text[1], fcc);
        double h = qs_xlsx_text_height(a, "0", col_px[0], 10.5, false);
        int dy, dm, dd;
        for (int i = 1; i < N_COLS && !e; i++) {
            if (i == 7 && qs_format_parse_date(row->doc->date, &dy, &dm, &dd)) {
                lxw_datetime dt = {dy, dm, dd, 0, 0, 0};
                e = worksheet_write_datetime(ws, y, (lxw_col_t)i, &dt, fdate);
            } else if (i > 1) {
                e = worksheet_write_string(ws, y, (lxw_col_t)i, text[i], i == 2 || i == 7 ? fcc : fc);
            }
            double th = qs_xlsx_text_height(a, text[i], col_px[i], 10.5, false);
            h = th > h ? th : h;
        }
        if (!e)
            e = worksheet_set_row(ws, y, qs_xlsx_round_height(h), NULL);
    }
    if (!e)
        e = worksheet_autofilter(ws, 1, 0, (lxw_row_t)(x->n_rows + 1), N_COLS - 1);
    worksheet_freeze_panes(ws, 2, 0);
    if (!e)
        e = worksheet_repeat_rows(ws, 1, 1);
    if (!e)
        e = qs_xlsx_print_setup(a, ws, 0, qs_wording(s, "table.footer"), fm);
    return e;
}

typedef struct index_book {
    const qs_case *c;
    const qs_evindex *x;
    const qs_render_opts *o;
    qs_arena *a;
} index_book;

static lxw_error fill(lxw_workbook *wb, void *ctx)
{
    index_book *b = ctx;
    lxw_worksheet *ws = NULL;
    lxw_error e = qs_xlsx_add_sheet(wb, qs_wording(b->o->strings, "index.sheet"), &ws);
    return e ? e : write_sheet(wb, ws, b->c, b->x, b->o, b->a);
}

qs_status qs_render_index_xlsx(const qs_case *c, const qs_evindex *x, const qs_dest *to,
                               const qs_render_opts *o, qs_diags *d)
{
    index_book b = {c, x, o, qs_arena_new()};
    const char *const *p = qs_model_pairs(b.a, c->plan, NULL);
    qs_xlsx_props props = {.title = qs_format(b.a, qs_wording(o->strings, "index.title"), p),
                           .author = c->plan->issuer,
                           .company = c->plan->region,
                           .created = o->epoch};
    qs_status st = qs_xlsx_write(to, fill, &b, &props, d);
    qs_arena_free(b.a);
    return st;
}
