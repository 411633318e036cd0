/* xlsx_selfassess.h - the self-assessment workbook's second sheet, the
 * score rate by category as a native chart (xlsx_selfassess_chart.c), as
 * the table sheet's renderer (xlsx_selfassess.c) hands it over.  For those
 * two files only. */
#ifndef QS_XLSX_SELFASSESS_H
#define QS_XLSX_SELFASSESS_H

#include "render.h"
#include "xlsx_common.h"

typedef struct qs_rate_chart {
    lxw_workbook *wb;
    lxw_worksheet *ws;                    /* the chart sheet, added */
    const char *name;                     /* its name */
    const char *table;                    /* the table sheet's name, for the formulas */
    const qs_category_score *const *cats; /* the scored categories, in order */
    const size_t *subtotal_row;           /* per category of cats: its subtotal's row on the table sheet */
    size_t n;                             /* categories */
    int points_col, score_col;            /* the table sheet's columns of points and self scores */
    const char *title;                    /* the chart's */
    lxw_format *header, *cell, *centred, *rate;
    const qs_render_opts *o;
    qs_arena *arena; /* the workbook's: texts live as long as it */
} qs_rate_chart;

/* Writes the chart sheet: the chart on top, its data below (each value a
 * formula referring to the table sheet, with its value cached), one page. */
lxw_error qs_xlsx_rate_chart(const qs_rate_chart *c);

#endif
