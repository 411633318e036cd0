/* excel_limits.h - stage 2b: Excel's limits, checked before any workbook is written. */
#ifndef QS_EXCEL_LIMITS_H
#define QS_EXCEL_LIMITS_H

#include "diag.h"
#include "model.h"

/* An Excel cell holds QS_EXCEL_MAX_CELL characters (UTF-16 code units), a
 * sheet QS_EXCEL_MAX_ROWS rows and QS_EXCEL_MAX_COLS columns. */
#define QS_EXCEL_MAX_CELL 32767
#define QS_EXCEL_MAX_ROWS 1048576
#define QS_EXCEL_MAX_COLS 16384

/* Adds an error for every text of a loaded, resolved case that would not
 * fit a cell of a workbook qsreport writes (verbatim, or composed of
 * several inputs as the renderers compose it), and for every sheet that
 * would have too many rows or columns; each names the indicator, unit or
 * task and points at the element that takes it over.  The checks that
 * need the score run only on a case without errors so far.  Called by
 * qs_validate; returns the number of errors added. */
size_t qs_excel_limits_check(const qs_case *c, qs_diags *d);

/* Length of UTF-8 text as Excel counts it: UTF-16 code units. */
size_t qs_excel_limits_length(const char *text);

#endif
