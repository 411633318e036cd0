/* xlsx_common.h - what every xlsx renderer shares (xlsx_*.c only, so it
 * may include libxlsxwriter): cell formats by font role, sheets whose names
 * Excel takes, column widths and row heights from the layout engine, the
 * sheet's own page breaks with each merged label split at them, the print setup of an official
 * attachment with its page-number footer, the lost-points text, and the
 * atomic write (temporary file beside the target, renamed into place on
 * success).
 */
#ifndef QS_XLSX_COMMON_H
#define QS_XLSX_COMMON_H

#include "arena.h"
#include "diag.h"
#include "fontmap.h"
#include "fsio.h"
#include "score.h"
#include "status.h"

#include <xlsxwriter.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Excel measures a column in characters of the default font's digit
 * (Calibri 11: 7 px at 96 dpi) and draws width w as trunc(7 w + 0.5) + 5
 * pixels; 1 px = 0.75 pt.  The file stores w + 0.71 and LibreOffice 7.4
 * (Carlito for Calibri) draws that at 5.58 pt a character: px - 5 + 4.97
 * sevenths of 5.58 pt per column, so about px x 0.797 pt whatever the
 * number of columns.  A4 landscape within the margins below holds
 * 756.9 pt: 1009 px in Excel, 949 px in LibreOffice (measured: a nine
 * column sheet of 960 px printed at 99 %).  At QS_XLSX_SHEET_PX both print
 * at 100 %, so page breaks fall where the row heights say. */
#define QS_XLSX_PT_PER_PX 0.75
#define QS_XLSX_SHEET_PX 948

/* Row heights: lines x size x LINE_FACTOR + ROW_PAD_PT points, the lines
 * being what the clreq line breaker makes of the text at a line width of
 * (column px - 2 x CELL_PAD_PX) x 0.75 / size ems (qs_layout_em_estimate).
 * LibreOffice sets its CJK stand-in fonts 1.27 em apart: 1.35 errs on the
 * side of space.  Excel refuses rows above 409 pt. */
#define QS_XLSX_LINE_FACTOR 1.35
#define QS_XLSX_CELL_PAD_PX 4.0
#define QS_XLSX_ROW_PAD_PT 6.0
#define QS_XLSX_MAX_ROW_PT 409.0

/* Print setup of an official attachment: A4 (paper 9), margins in inches
 * (libxlsxwriter's unit), the printed body height of an A4 landscape page
 * in points, and the footer's size (14 pt, as GB/T 9704 page numbers). */
#define QS_XLSX_CM 0.3937007874015748
#define QS_XLSX_PAPER_A4 9
#define QS_XLSX_MARGIN_SIDE (1.5 * QS_XLSX_CM)
#define QS_XLSX_MARGIN_TOP (2.0 * QS_XLSX_CM)
#define QS_XLSX_MARGIN_BOTTOM (2.0 * QS_XLSX_CM)
#define QS_XLSX_MARGIN_FOOTER (1.0 * QS_XLSX_CM)
#define QS_XLSX_PAGE_BODY_PT (210.0 / 25.4 * 72 - (QS_XLSX_MARGIN_TOP + QS_XLSX_MARGIN_BOTTOM) * 72)
#define QS_XLSX_FOOTER_SIZE 14

/* The Excel width (in characters) that draws a column px pixels wide. */
double qs_xlsx_column_width(int px);

/* Sets columns 0..n_cols-1 of ws to px[col] pixels each.  The first
 * libxlsxwriter error, or LXW_NO_ERROR. */
lxw_error qs_xlsx_set_columns(lxw_worksheet *ws, const int *px, int n_cols);

/* The width of columns first..last together (a merged cell), pixels. */
int qs_xlsx_span_px(const int *px, int first, int last);

/* Lines the layout engine breaks text into across a px-wide cell in
 * size-point type; list: a list of unit names, broken between names.
 * Its scratch memory in a is given back before it returns. */
size_t qs_xlsx_text_lines(qs_arena *a, const char *text, int px, double size, bool list);

/* Points a cell needs for that text (lines x size x factor + padding). */
double qs_xlsx_text_height(qs_arena *a, const char *text, int px, double size, bool list);

/* pt rounded up to a whole pixel. */
double qs_xlsx_round_height(double pt);

/* A vertical merge over rows [first, first + n) whose text needs want
 * points: what the rows lack, if anything, is spread evenly over them. */
void qs_xlsx_spread_height(double *height, size_t first, size_t n, double want);

/* Rounds every height up to a whole pixel and caps it at what a page
 * holds below the rows repeat_first..repeat_last (repeated atop every
 * page), or at Excel's 409 pt if that is less; each row capped gets a
 * warning naming path, sheet and the row. */
void qs_xlsx_cap_heights(double *height, size_t n_rows, size_t repeat_first, size_t repeat_last,
                         const char *path, const char *sheet, qs_diags *d);

/* Gives rows 0..n_rows-1 of ws their heights (points): LibreOffice fits
 * no row of a generated file.  The first libxlsxwriter error, or
 * LXW_NO_ERROR. */
lxw_error qs_xlsx_set_rows(lxw_worksheet *ws, const double *height, size_t n_rows);

/* A vertically merged cell: sheet rows [first, end) and the height of its
 * text without padding (what each piece of it must hold). */
typedef struct qs_xlsx_span {
    size_t first, end;
    double text_pt;
} qs_xlsx_span;

/* The sheet's own page breaks, as Excel paginates at 100 % (whole rows,
 * repeat_row atop every later page): breaks gets the first row of every
 * page after the first, 0-terminated (room for n_rows + 1, at most
 * LXW_BREAKS_MAX kept); the count is returned.  Each merged label is
 * split at the breaks and printed in every piece (as the PDF does), so
 * the rows of a piece grow to hold it, and the breaks are found again
 * until nothing grows. */
size_t qs_xlsx_break_labels(double *height, size_t n_rows, size_t repeat_row,
                            const qs_xlsx_span *spans, size_t n_spans, lxw_row_t *breaks);

/* Writes text in column col over rows [first, end) of ws: one merge per
 * piece between the breaks of qs_xlsx_break_labels (breaks may be NULL),
 * a single cell where a piece is one row, the text repeated verbatim in
 * each.  The first libxlsxwriter error, or LXW_NO_ERROR. */
lxw_error qs_xlsx_merge_pieces(lxw_worksheet *ws, size_t first, size_t end, int col,
                               const char *text, lxw_format *f, const lxw_row_t *breaks);

/* Writes the sheet's page breaks (0-terminated) and prints it at 100 %:
 * Excel and LibreOffice drop manual breaks on a sheet fitted to pages.
 * Call after qs_xlsx_print_setup. */
lxw_error qs_xlsx_set_breaks(lxw_worksheet *ws, lxw_row_t *breaks);

/* Keeps rows [first, end) on one page (a block of totals, say): where a
 * page break would fall among them, the row before them grows to the foot
 * of its page, so that they start the next one.  Nothing changes when they
 * are taller than a page.  True if a row grew. */
bool qs_xlsx_keep_together(double *height, size_t n_rows, size_t repeat_row, size_t first,
                           size_t end);

/* The footer code of template tmpl ({page} and {pages} become &P and &N),
 * centred, in font (may be NULL) at size points.  Arena memory. */
const char *qs_xlsx_footer(qs_arena *a, const char *tmpl, const char *font, int size);

/* The print setup of an official attachment on ws: A4 landscape, the
 * margins above, centred, one page wide and tall pages high (0: as many as
 * it takes), the page-number footer of template tmpl in fm's page-number
 * font at QS_XLSX_FOOTER_SIZE.  Rows repeated atop every page are the
 * caller's (worksheet_repeat_rows).  A libxlsxwriter error, or
 * LXW_NO_ERROR. */
lxw_error qs_xlsx_print_setup(qs_arena *a, lxw_worksheet *ws, uint16_t tall, const char *tmpl,
                              const qs_fontmap *fm);

/* Styles of qs_xlsx_format, or'ed together. */
enum { QS_XLSX_WRAP = 1, QS_XLSX_BORDER = 2 };

/* A new format of wb: the first font of role in fm (none if fm has none)
 * at size points, vertically centred, aligned align (an LXW_ALIGN_*;
 * LXW_ALIGN_NONE: Excel's default), text wrapped and a thin border as
 * style says.  NULL only if libxlsxwriter runs out of memory. */
lxw_format *qs_xlsx_format(lxw_workbook *wb, const qs_fontmap *fm, qs_font_role role, double size,
                           uint8_t align, unsigned style);

/* Adds a worksheet named name to wb (*ws) once libxlsxwriter's rules
 * (unique, length, characters) and Excel's (sheetname.h:
 * qs_sheetname_valid) take the name; else libxlsxwriter's error, or
 * LXW_ERROR_PARAMETER_VALIDATION for what only Excel refuses (empty,
 * "History", a control character). */
lxw_error qs_xlsx_add_sheet(lxw_workbook *wb, const char *name, lxw_worksheet **ws);

/* text as an Excel number when it reads back as the same text ("22", "0.5"). */
bool qs_xlsx_as_number(const char *text, double *v);

/* name quoted for a formula ('name', inner quotes doubled).  Arena memory. */
const char *qs_xlsx_quote_sheet(qs_arena *a, const char *name);

/* Why an indicator lost points (is: its score, may be NULL): one line per
 * scoring item that lost some (nested items instead of their parent, as
 * qs_score_losses), in the order of the method, each line once; template
 * why ({item}, {lost}, {why}) where the item gives a reason, bare
 * otherwise.  "" when it earned its points, even where its items add up
 * to more (seed row 25).  Arena memory. */
const char *qs_xlsx_losses(qs_arena *a, const qs_indicator_score *is, const char *why,
                           const char *bare);

/* In a renderer's fill function (qs_xlsx_write): runs call (one returning
 * lxw_error), keeps its error in err and, on failure, goes to the
 * function's cleanup: label (which returns err). */
#define QS_XLSX_TRY(call)                                                                          \
    do {                                                                                           \
        if ((err = (call)) != LXW_NO_ERROR)                                                        \
            goto cleanup;                                                                          \
    } while (0)

/* "G11" (or "$G$11" when absolute): the cell at a sheet row and column, for
 * formulas (arena memory). */
const char *qs_xlsx_cell(qs_arena *a, size_t row, int col, bool absolute);

/* Creates the temporary file of `to` (fsio.h); the workbook is made at
 * qs_fs_tmp_path(f).  On failure: one diagnostic naming to->shown,
 * QS_ERR_IO. */
qs_status qs_xlsx_open_temp(const qs_dest *to, qs_afile *f, qs_diags *d);

/* Ends the write of f: closes wb (NULL: none was made), which frees
 * it even after an error; then, if neither err nor the close failed,
 * flushes f and renames it over its final name, else removes it.  A
 * failure adds one diagnostic naming the file and returns QS_ERR_IO
 * (cannot create or write), QS_ERR_INPUT (a cell too long, a row or column
 * past the sheet: the input's, which validation should have caught) or
 * QS_ERR_XLSX (libxlsxwriter refused). */
qs_status qs_xlsx_finish(lxw_workbook *wb, qs_afile *f, lxw_error err, qs_diags *d);

/* The official table's type (GB/T 9704, notes/formal-layout.md 1.4): the
 * attachment mark in size 3 (16 pt) Hei, the title in size 2 (22 pt) title
 * Song; the header 12 pt, the cells 11 pt, the sizes of the table PDF. */
#define QS_XLSX_ATTACHMENT_PT 16.0
#define QS_XLSX_TITLE_PT 22.0
#define QS_XLSX_HEADER_PT 12.0
#define QS_XLSX_TABLE_PT 11.0

/* The formats of the official table, shared by the workbooks that reprint
 * it (xlsx_table.c, xlsx_selfassess.c). */
typedef struct qs_xlsx_official {
    lxw_format *attachment; /* the attachment mark: header face, left */
    lxw_format *title;      /* title face, centred, wrapped */
    lxw_format *header;     /* header face, centred, bordered */
    lxw_format *cell;       /* table face, left, bordered */
    lxw_format *centred;    /* table face, centred, bordered */
} qs_xlsx_official;

/* Adds the five formats to wb, in this order, with the first font of each
 * role in fm. */
lxw_error qs_xlsx_official_formats(lxw_workbook *wb, const qs_fontmap *fm, qs_xlsx_official *f);

/* The top of the official table on ws: row 0 the attachment mark, row 1
 * the title merged over the n_cols columns, row 2 the n_cols headers. */
lxw_error qs_xlsx_official_top(lxw_worksheet *ws, const qs_xlsx_official *f, const char *attachment,
                               const char *title, const char *const *header, int n_cols);

/* A table whose column widths qs_xlsx_choose_widths shares out. */
typedef struct qs_xlsx_widths {
    int n_cols;
    const int *fixed_px;       /* per column: its width in pixels, or 0: flexible */
    const char *const *header; /* per column: a flexible one is at least its header's one-line width */
    const bool *list;          /* per column: its cells are lists (qs_xlsx_text_lines); NULL: none */
    double header_size, size;  /* points: of the header, of every cell */
    int sheet_px, step_px;     /* the width shared out, in steps of step_px */
    size_t n_rows;
    /* the text of a cell; NULL when it does not set its row's height (a
     * merge over rows) */
    const char *(*cell)(const void *ctx, size_t row, int col);
    const void *ctx;
} qs_xlsx_widths;

/* Sets px[0..n_cols-1] to the widths that make the table shortest: the
 * fixed columns as given, the flexible ones sharing what is left in
 * step_px steps.  The lines of every cell at every width are counted once,
 * then every split of the room is tried (lines never grow with the width,
 * so the whole room is always shared out); ties go to the first flexible
 * column, then to the columns in order, and the first takes the pixels
 * short of a step.  Sums of lines stand for heights: every cell has one
 * size. */
void qs_xlsx_choose_widths(const qs_xlsx_widths *w, int *px);

/* A workbook's document properties.  created is the documents' epoch, so
 * that two runs with one SOURCE_DATE_EPOCH give one file. */
typedef struct qs_xlsx_props {
    const char *title, *subject, *author, *company;
    time_t created;
} qs_xlsx_props;

/* Fills wb (sheets, formats, cells) from ctx; the first error, or
 * LXW_NO_ERROR. */
typedef lxw_error (*qs_xlsx_fill_fn)(lxw_workbook *wb, void *ctx);

/* The skeleton of every xlsx renderer: the temporary file of `to`
 * (qs_xlsx_open_temp), a workbook on it filled by fill(wb, ctx), its
 * properties set, then qs_xlsx_finish (closed, renamed into place).  The
 * result and diagnostics are qs_xlsx_finish's. */
qs_status qs_xlsx_write(const qs_dest *to, qs_xlsx_fill_fn fill, void *ctx, const qs_xlsx_props *props,
                        qs_diags *d);

/* qs_xlsx_write, but never over a file: when one of that name is there at
 * the rename (init's forms, which a unit may have filled in), nothing is
 * written, *kept is set and the result is QS_OK. */
qs_status qs_xlsx_write_new(const qs_dest *to, qs_xlsx_fill_fn fill, void *ctx, const qs_xlsx_props *props,
                            bool *kept, qs_diags *d);

#endif
