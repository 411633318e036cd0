/* xlsx_selfassess_chart.c - the self-assessment workbook's chart sheet
 * (stage 4: render).
 *
 * Reads the scored categories and the rows of their subtotals on the table
 * sheet (xlsx_selfassess.c); writes the sheet: a native column chart of
 * the score rate by category, and below it the category, points, self
 * score and rate, each a formula referring to the table sheet with its
 * value cached (an edited score recomputes).  Read-only.
 */
#include "xlsx_selfassess.h"

#include <stdlib.h>

/* The chart on top, its data below; both columns and chart 900 px wide, so
 * the page (fit to one) is never split. */
static const int chart_column_px[4] = {300, 200, 200, 200};
#define CHART_WIDTH_PX 900
#define CHART_HEIGHT_PX 440
#define CHART_ROW_PT 15.0
#define CHART_ROWS 23 /* rows under the chart: 23 x 20 px > 440 px */

static void need(double *h, double pt)
{
    if (*h < pt)
        *h = pt;
}

static const char *const chart_keys[4] = {"selfassess.chart.category", "selfassess.chart.available",
                                          "selfassess.chart.earned", "selfassess.chart.rate"};

/* Below the chart: category, points, self score, rate; the points and
 * scores referring to the first sheet's subtotal cells, the rate computed;
 * every value cached. */
static lxw_error write_chart_data(const qs_rate_chart *c)
{
    lxw_worksheet *ws = c->ws;
    const char *q = qs_xlsx_quote_sheet(c->arena, c->table);
    lxw_error err = LXW_NO_ERROR;
    for (int col = 0; col < 4 && err == LXW_NO_ERROR; col++)
        err = worksheet_write_string(ws, CHART_ROWS, (lxw_col_t)col,
                                     qs_wording(c->o->strings, chart_keys[col]), c->header);
    for (size_t i = 0; i < c->n && err == LXW_NO_ERROR; i++) {
        const qs_category_score *cs = c->cats[i];
        size_t sub = c->subtotal_row[i];
        lxw_row_t row = (lxw_row_t)(CHART_ROWS + 1 + i);
        double rate = cs->available > 0 ? (double)cs->earned / cs->available : 0;
        err = worksheet_write_string(ws, row, 0, cs->category->name, c->cell);
        if (err == LXW_NO_ERROR)
            err = worksheet_write_formula_num(
                ws, row, 1,
                qs_arena_printf(c->arena, "=%s!%s", q, qs_xlsx_cell(c->arena, sub, c->points_col, true)),
                c->centred, qs_points_value(cs->available));
        if (err == LXW_NO_ERROR)
            err = worksheet_write_formula_num(
                ws, row, 2,
                qs_arena_printf(c->arena, "=%s!%s", q, qs_xlsx_cell(c->arena, sub, c->score_col, true)),
                c->centred, qs_points_value(cs->earned));
        if (err == LXW_NO_ERROR)
            err = worksheet_write_formula_num(
                ws, row, 3,
                qs_arena_printf(c->arena, "=IF(%s=0,0,%s/%s)", qs_xlsx_cell(c->arena, row, 1, false),
                                qs_xlsx_cell(c->arena, row, 2, false), qs_xlsx_cell(c->arena, row, 1, false)),
                c->rate, rate);
    }
    return err;
}

/* libxlsxwriter caches a chart's values from number cells only; a formula
 * cell would be cached as 0, so the rates are cached here (the range's
 * cache list is freed with the chart). */
static lxw_error cache_rates(lxw_series_range *range, const qs_category_score *const *cats, size_t n)
{
    range->ignore_cache = LXW_TRUE;
    for (size_t i = 0; i < n; i++) {
        lxw_series_data_point *p = calloc(1, sizeof *p);
        if (!p)
            return LXW_ERROR_MEMORY_MALLOC_FAILED;
        p->number = cats[i]->available > 0 ? (double)cats[i]->earned / cats[i]->available : 0;
        STAILQ_INSERT_TAIL(range->data_cache, p, list_pointers);
        range->num_data_points++;
    }
    return LXW_NO_ERROR;
}

/* A native column chart: the rate of each scored category, 0-100 %. */
static lxw_error insert_chart(const qs_rate_chart *c)
{
    lxw_chart *chart = workbook_add_chart(c->wb, LXW_CHART_COLUMN);
    if (!chart)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    if (!series)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_row_t first = CHART_ROWS + 1, last = (lxw_row_t)(CHART_ROWS + c->n);
    chart_series_set_categories(series, c->name, first, 0, last, 0);
    chart_series_set_values(series, c->name, first, 3, last, 3);
    chart_series_set_name(series, qs_wording(c->o->strings, "selfassess.chart.rate"));
    lxw_error err = cache_rates(series->values, c->cats, c->n);
    if (err != LXW_NO_ERROR)
        return err;
    chart_series_set_labels(series);
    chart_series_set_labels_num_format(series, "0.0%");

    const qs_fontmap *fm = c->o->fontmap;
    lxw_chart_font title = {.name = (char *)qs_fontmap_family(fm, QS_ROLE_HEADER, 0), .size = 16};
    lxw_chart_font text = {.name = (char *)qs_fontmap_family(fm, QS_ROLE_TABLE, 0), .size = 11};
    chart_title_set_name(chart, c->title);
    chart_title_set_name_font(chart, &title);
    chart_series_set_labels_font(series, &text);
    chart_axis_set_num_font(chart->x_axis, &text);
    chart_axis_set_num_font(chart->y_axis, &text);
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_max(chart->y_axis, 1);
    chart_axis_set_major_unit(chart->y_axis, 0.2);
    chart_axis_set_num_format(chart->y_axis, "0%");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);

    lxw_chart_options opt = {.x_scale = CHART_WIDTH_PX / 480.0,
                             .y_scale = CHART_HEIGHT_PX / 288.0,
                             .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
    return worksheet_insert_chart_opt(c->ws, 0, 0, chart, &opt);
}

/* Column widths, row heights (the rows under the chart fixed, the data
 * rows fitted to their text) and one page for the chart and its data. */
static lxw_error set_chart_page(const qs_rate_chart *c)
{
    lxw_worksheet *ws = c->ws;
    lxw_error err = qs_xlsx_set_columns(ws, chart_column_px, 4);
    for (size_t row = 0; row < CHART_ROWS && err == LXW_NO_ERROR; row++)
        err = worksheet_set_row(ws, (lxw_row_t)row, CHART_ROW_PT, NULL);
    double header = 0;
    for (int col = 0; col < 4; col++)
        need(&header, qs_xlsx_text_height(c->arena, qs_wording(c->o->strings, chart_keys[col]),
                                          chart_column_px[col], QS_XLSX_HEADER_PT, false));
    if (err == LXW_NO_ERROR)
        err = worksheet_set_row(ws, CHART_ROWS, qs_xlsx_round_height(header), NULL);
    for (size_t i = 0; i < c->n && err == LXW_NO_ERROR; i++)
        err = worksheet_set_row(
            ws, (lxw_row_t)(CHART_ROWS + 1 + i),
            qs_xlsx_round_height(qs_xlsx_text_height(c->arena, c->cats[i]->category->name, chart_column_px[0],
                                                     QS_XLSX_TABLE_PT, false)),
            NULL);
    return err != LXW_NO_ERROR
               ? err
               : qs_xlsx_print_setup(c->arena, ws, 1, qs_wording(c->o->strings, "table.footer"),
                                     c->o->fontmap);
}

lxw_error qs_xlsx_rate_chart(const qs_rate_chart *c)
{
    lxw_error err = write_chart_data(c);
    if (err == LXW_NO_ERROR && c->n)
        err = insert_chart(c);
    if (err == LXW_NO_ERROR)
        err = set_chart_page(c);
    return err;
}
