/* xlsx_read.h - a small, defensive reader of a workbook's cells (stage 1:
 * load; the only reader of .xlsx files).
 *
 * libzip opens the container from memory, libxml2 parses the parts the
 * relationships name (never assumed names): the workbook, its sheets and
 * the shared strings.  Cells come back as typed values: numbers (with the
 * literal written), strings (shared, inline, rich-text runs joined,
 * phonetic runs dropped, _xHHHH_ escapes decoded), booleans, errors and the
 * cached values of formulas.  Merged cells are kept as ranges.  Files saved
 * by Excel, LibreOffice and WPS are read alike.
 *
 * A hostile workbook is refused with one diagnostic, never a crash: entry
 * names with ".." or absolute, expanded sizes past the caps below or
 * compressed too well (a zip bomb), a DOCTYPE or entity in any part, more
 * rows or cells than a form can hold.
 */
#ifndef QS_XLSX_READ_H
#define QS_XLSX_READ_H

#include "arena.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The caps: the workbook file itself, one part expanded, all parts read
 * expanded, the ratio expanded/compressed of a part past 1 MiB, the rows of
 * a sheet and the cells of the workbook. */
#define QS_XLSX_MAX_FILE (32L * 1024 * 1024)
#define QS_XLSX_MAX_PART (32L * 1024 * 1024)
#define QS_XLSX_MAX_TOTAL (96L * 1024 * 1024)
#define QS_XLSX_MAX_RATIO 200
#define QS_XLSX_MAX_ROWS 100000u
#define QS_XLSX_MAX_CELLS 1000000u

typedef enum {
    QS_XCELL_NUMBER, /* num, and text: the literal as stored */
    QS_XCELL_STRING, /* text */
    QS_XCELL_BOOL,   /* num 0 or 1, text "TRUE"/"FALSE" */
    QS_XCELL_ERROR   /* text: "#N/A", "#VALUE!" ... */
} qs_xcell_type;

typedef struct qs_xcell {
    uint32_t row, col; /* 0-based */
    qs_xcell_type type;
    const char *text; /* never NULL */
    double num;
} qs_xcell;

typedef struct qs_xrange {
    uint32_t r0, c0, r1, c1; /* inclusive, 0-based */
} qs_xrange;

typedef struct qs_xsheet {
    const char *name;
    qs_xcell *cells; /* sorted by row, then column; empty cells left out */
    size_t n_cells;
    qs_xrange *merges;
    size_t n_merges;
    uint32_t n_rows; /* one past the last row holding a cell */
} qs_xsheet;

typedef struct qs_xbook {
    qs_xsheet *sheets; /* in the workbook's order */
    size_t n_sheets;
    bool date1904; /* the 1904 date system (old Mac Excel) */
} qs_xbook;

/* Reads the workbook of len bytes at buf; path names it in diagnostics.
 * Arena memory.  NULL, with one diagnostic at path, when it is refused. */
qs_xbook *qs_xlsx_read_mem(qs_arena *a, const void *buf, size_t len, const char *path, qs_diags *d);

/* The same from fd (taken, closed here; -1: the failed open's errno is
 * reported).  *io_error is set when the file could not be read at all. */
qs_xbook *qs_xlsx_read_fd(qs_arena *a, int fd, const char *path, qs_diags *d, bool *io_error);

/* The sheet named name, or NULL. */
const qs_xsheet *qs_xlsx_sheet(const qs_xbook *b, const char *name);

/* The cell at row, col (the top-left cell of a merge it lies in), or NULL
 * when it is empty.  Binary search. */
const qs_xcell *qs_xlsx_cell_at(const qs_xsheet *s, uint32_t row, uint32_t col);

/* "C12" for row 11, column 2, into buf (at least 16 bytes). */
char *qs_xlsx_ref(uint32_t row, uint32_t col, char *buf);

/* A date serial (whole days; a time of day is dropped) of the workbook's
 * date system as year, month, day; false outside 1900-03-01 .. 9999-12-31
 * (Excel's day 60, the 29 February 1900 that never was, included). */
bool qs_xlsx_serial_date(double serial, bool date1904, int *y, int *m, int *day);

/* The shortest decimal literal (no exponent) that reads back as v; false
 * for a value that is not finite.  buf: at least 400 bytes. */
bool qs_xlsx_decimal(double v, char *buf, size_t size);

#endif
