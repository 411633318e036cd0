/* xlsx_read_internal.h - what xlsx_read.c (the container, its parts and
 * the workbook), xlsx_read_sax.c (sheets and shared strings, streamed) and
 * xlsx_read_cells.c (cell addresses) share: the reader of one workbook.
 * No other file includes it.
 */
#ifndef QS_XLSX_READ_INTERNAL_H
#define QS_XLSX_READ_INTERNAL_H

#include "xlsx_read.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

/* one workbook being read */
typedef struct reader {
    qs_arena *a;
    const char *path;
    qs_diags *d;
    zip_t *z;
    size_t total;        /* bytes expanded so far */
    const char **shared; /* shared strings */
    size_t n_shared;
    size_t n_cells;
    bool failed;
} reader;

/* The first refusal of the workbook, as one diagnostic at r->path; later
 * ones are dropped (one clear line per workbook).  Sets r->failed. */
__attribute__((format(printf, 2, 3))) void qs_xread_fail(reader *r, const char *fmt, ...);

/* The XML part name (no leading "/") expanded, NUL-terminated, under the
 * caps, with no DOCTYPE; NULL when absent (*absent) or refused (with a
 * diagnostic).  malloc'd. */
char *qs_xread_xml_part(reader *r, const char *name, size_t *len, bool *absent);

/* The shared strings of part into r->shared (arena memory); true also when
 * the part is absent.  False, with a diagnostic, when it is refused. */
bool qs_xread_shared(reader *r, const char *part);

/* The cells and merges of sheet part into s (arena memory); false, with a
 * diagnostic, when the part is missing or refused. */
bool qs_xread_sheet(reader *r, const char *part, qs_xsheet *s);

/* "C12" -> row 11, col 2 (0-based; "$" allowed); false if malformed. */
bool qs_xread_parse_ref(const char *s, uint32_t *row, uint32_t *col);

/* qsort/bsearch order of cells: by row, then column. */
int qs_xread_cmp_cell(const void *pa, const void *pb);

#endif
