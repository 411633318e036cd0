/* xlsx_common.h - what every xlsx renderer shares (xlsx_*.c only): the
 * page geometry of an official attachment, row heights from the layout
 * engine, page breaks that never cut a merged label, the page-number
 * footer, and the atomic write (temporary file beside the target, renamed
 * into place on success).  No libxlsxwriter type appears here: callers
 * pass its error codes as int.
 */
#ifndef QS_XLSX_COMMON_H
#define QS_XLSX_COMMON_H

#include "arena.h"
#include "diag.h"
#include "status.h"

#include <stdbool.h>
#include <stddef.h>

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

/* Lines the layout engine breaks text into across a px-wide cell in
 * size-point type; list: a list of unit names, broken between names. */
size_t qs_xlsx_text_lines(qs_arena *a, const char *text, int px, double size, bool list);

/* Points a cell needs for that text (lines x size x factor + padding). */
double qs_xlsx_text_height(qs_arena *a, const char *text, int px, double size, bool list);

/* pt rounded up to a whole pixel. */
double qs_xlsx_round_height(double pt);

/* A vertically merged cell: sheet rows [first, end) and the height of its
 * text without padding (what must not be cut by a page break). */
typedef struct qs_xlsx_span {
    size_t first, end;
    double text_pt;
} qs_xlsx_span;

/* Grows rows of a sheet (heights in points, whole pixels) until no merged
 * label is cut by a page break, as Excel paginates at 100 %: whole rows,
 * the row repeat_row repeated at the top of every page after the first.
 * Only rows below a break grow (never above Excel's limit), so earlier
 * breaks stay where they are. */
void qs_xlsx_keep_labels(double *height, size_t n_rows, size_t repeat_row,
                         const qs_xlsx_span *spans, size_t n_spans);

/* Keeps rows [first, end) on one page (a block of totals, say): where a
 * page break would fall among them, the row before them grows to the foot
 * of its page, so that they start the next one.  Nothing changes when they
 * are taller than a page.  True if a row grew. */
bool qs_xlsx_keep_together(double *height, size_t n_rows, size_t repeat_row, size_t first,
                           size_t end);

/* The footer code of template tmpl ({page} and {pages} become &P and &N),
 * centred, in font (may be NULL) at size points.  Arena memory. */
const char *qs_xlsx_footer(qs_arena *a, const char *tmpl, const char *font, int size);

/* text as an Excel number when it reads back as the same text ("22", "0.5"). */
bool qs_xlsx_as_number(const char *text, double *v);

/* name quoted for a formula ('name', inner quotes doubled).  Arena memory. */
const char *qs_xlsx_quote_sheet(qs_arena *a, const char *name);

/* Checks that path's folder takes a new file and creates the empty
 * PATH.tmp-XXXXXX beside it (*tmp, arena memory).  On failure: one
 * diagnostic naming path, QS_ERR_IO. */
qs_status qs_xlsx_open_temp(qs_arena *a, const char *path, char **tmp, qs_diags *d);

/* Ends the write of tmp: with lxw_err 0 (LXW_NO_ERROR) flushes it and
 * renames it over path; otherwise removes it.  A failure adds one
 * diagnostic naming path and returns QS_ERR_IO (cannot create or write)
 * or QS_ERR_XLSX (libxlsxwriter refused). */
qs_status qs_xlsx_finish(const char *tmp, const char *path, int lxw_err, qs_diags *d);

#endif
