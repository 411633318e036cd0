/* xlsx_units.h - the responsibility workbook's two halves, for
 * xlsx_units.c (the workbook, its cells and the unit sheets) and
 * xlsx_units_summary.c (the summary sheet) only: the book they share and
 * the cell writers, each of which raises its row's height. */
#ifndef QS_XLSX_UNITS_H
#define QS_XLSX_UNITS_H

#include "render.h"
#include "xlsx_common.h"

/* Font sizes in points: the title 22 pt (size 2 of GB/T 9704) as in the
 * other workbooks, section headings 14 pt, the header 12 pt, cells 11 pt;
 * the matrix (lead/support marks, indicator numbers) 9 pt to fit 31
 * columns of MIN_IND_PX: one character a line, a mark on two lines. */
#define SIZE_TITLE 22.0
#define SIZE_SUBTITLE 12.0
#define SIZE_SECTION 14.0
#define SIZE_HEADER 12.0
#define SIZE_TABLE 11.0
#define SIZE_MATRIX 9.0
#define TITLE_PAD_PT 14.0
#define GAP_ROW_PT 12.0 /* an empty row between two blocks */

/* The status column's choices: units.status.done, .ongoing, .none. */
enum { N_STATUS = 3 };

typedef struct qs_units_book {
    const qs_case *c;
    const qs_duties *du;
    const qs_facts *facts;
    const qs_scores *sc;
    const qs_render_opts *o;
    qs_arena *arena;
    const char *path;
    qs_diags *d;
    lxw_workbook *wb;
    lxw_format *title, *subtitle, *section, *header, *header_small, *cell, *centred, *number, *rate, *lead,
        *support;
    const char **names; /* sheet names: [0] the summary, [1 + i] unit i */
    char *status[N_STATUS + 1];
    const char *status_message;
    size_t *duty_of_row;  /* per table row: 1 + the duty of the unit being written, or 0 */
    size_t *task_of_plan; /* per plan task: 1 + its place among the unit's tasks, or 0 */
} qs_units_book;

/* One worksheet as it is written: its column widths and the height each
 * row needs, raised by every cell written into it. */
typedef struct qs_units_sheet {
    lxw_worksheet *ws;
    const int *px;
    double *height;
    size_t n_rows;
} qs_units_sheet;

/* A template of strings.xml filled in one pass with a unit (may be NULL),
 * more name, value pairs (NULL-terminated; may be NULL), and the plan's
 * region, year and campaign.  Arena memory. */
const char *qs_units_fill(const qs_units_book *b, const char *key, const char *unit, const char *const *more);

/* Raises row's height to pt. */
void qs_units_need(qs_units_sheet *s, size_t row, double pt);

/* text over columns first..last of row (merged when more than one), in
 * size-point type; list: break lines only between list items. */
lxw_error qs_units_put(qs_units_book *b, qs_units_sheet *s, size_t row, int first, int last, const char *text,
                       lxw_format *f, double size, bool list);

/* A number in a cell of the table's type size. */
lxw_error qs_units_put_number(qs_units_book *b, qs_units_sheet *s, size_t row, int col, double v,
                              lxw_format *f);

/* Every row gets its height (an empty row is a gap), rows first..last are
 * repeated atop every page, printed as an official attachment. */
lxw_error qs_units_print(qs_units_book *b, qs_units_sheet *s, size_t first, size_t last);

/* A sheet of n_rows rows and n_cols columns px[] wide, its heights all to
 * be raised by what is written into it. */
lxw_error qs_units_add_sheet(qs_units_book *b, const char *name, qs_units_sheet *s, const int *px, int n_cols,
                             size_t n_rows);

/* The summary sheet (xlsx_units_summary.c): the units that carry
 * something and sent no evidence, then the matrix of units x indicators. */
lxw_error qs_units_write_summary(qs_units_book *b);

#endif
