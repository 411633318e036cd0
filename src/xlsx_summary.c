/* xlsx_summary.c - the province's roll-up as an xlsx workbook (stage 4).
 *
 * Reads the summary (summary.h) and templates/strings.xml; writes two
 * sheets a year: the ranked table (rank, region, level, year, base, bonus,
 * total, each category's score and rate, points lost, units without
 * evidence, the largest losses), every derived number a formula caching the
 * engine's value (an edited score recomputes base, total, rate, rank and
 * averages), with an average row at the foot; then a native bar chart of
 * the totals over that sheet's cells.  Heights, print setup of an official
 * table and the atomic write: xlsx_common.h.  Read-only; never touches
 * libxml2 or libharu.
 */
#include "render.h"

#include "arena.h"
#include "format.h"
#include "xlsx_common.h"

#include <xlsxwriter.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sheet rows (0-based): the title, two header rows, then the districts. */
enum { ROW_TITLE, ROW_HEAD, ROW_SUBHEAD, ROW_FIRST };

/* The columns before the categories; each category takes two (score,
 * rate); three follow them. */
enum { COL_RANK, COL_REGION, COL_LEVEL, COL_YEAR, COL_BASE, COL_BONUS, COL_TOTAL, COL_CATS };
enum { TAIL_LOST, TAIL_MISSING, TAIL_LOSSES, N_TAIL };

/* Widths in pixels: a number column holds "100.0" (a rate "100.0%") at
 * 10.5 pt; the losses take what is left of QS_XLSX_SHEET_PX, at least
 * LOSSES_MIN_PX (wider sheets print smaller: fit to one page wide). */
static const int head_px[COL_CATS] = {32, 80, 28, 38, 40, 36, 40};
#define SCORE_PX 38
#define RATE_PX 48
#define LOST_PX 38
#define MISSING_PX 48
#define LOSSES_MIN_PX 200

#define SIZE_TITLE 20.0
#define SIZE_HEADER 10.5
#define SIZE_TABLE 10.5
#define TITLE_PAD_PT 12.0

/* The chart sheet: one bar per district, CHART_BAR_PX each. */
#define CHART_WIDTH_PX 900
#define CHART_MIN_HEIGHT_PX 320
#define CHART_BAR_PX 22
#define CHART_FRAME_PX 120

typedef struct sheet {
    const qs_summary_year *y;
    const qs_summary_row *first; /* its columns: the categories of the first row */
    const char *name, *chart_name, *quoted;
    lxw_worksheet *ws, *chart_ws;
    int n_cols;
    int *px;
    size_t last_row, average_row; /* the last district's row, the average row */
    double *height;
} sheet;

typedef struct book {
    const qs_summary *s;
    const qs_render_opts *o;
    qs_arena *arena;
    const char *path;
    qs_diags *d;
    lxw_workbook *wb;
    sheet *sheets;
    lxw_format *title, *header, *text, *centred, *number, *rate, *sum_label, *sum_number, *sum_rate;
} book;

static const char *P(const book *b, qs_points p)
{
    return qs_points_text(b->arena, p);
}

static const char *year_text(const book *b, const char *key, const qs_summary_year *y, const char *province)
{
    const char *const pairs[] = {"year", qs_arena_printf(b->arena, "%d", y->year), "province", province, "levels",
                                 qs_summary_levels(y->rows, y->n_rows, b->o->strings, b->arena), NULL};
    return qs_format(b->arena, qs_wording(b->o->strings, key), pairs);
}

/* the file's subject: the levels of every district, every year */
static const char *subject(const book *b)
{
    const char *const pairs[] = {"levels", qs_summary_all_levels(b->s, b->o->strings, b->arena), NULL};
    return qs_format(b->arena, qs_wording(b->o->strings, "summary.subject"), pairs);
}

static int col_score(int k)
{
    return COL_CATS + 2 * k;
}

static int col_tail(const sheet *sh, int t)
{
    return COL_CATS + 2 * (int)sh->first->n_cats + t;
}

static const char *cell(const book *b, size_t row, int col, bool absolute)
{
    return qs_xlsx_cell(b->arena, row, col, absolute);
}

/* The row's category of the column's id (rows of a year share one schema:
 * qs_summary_check), or NULL. */
static const qs_summary_cat *cat_of(const qs_summary_row *r, const qs_summary_cat *col)
{
    for (size_t i = 0; i < r->n_cats; i++)
        if (!strcmp(r->cats[i].id, col->id))
            return &r->cats[i];
    return NULL;
}

/* "18.2（区住房建设局）失3分：…", one line per loss */
static const char *losses_text(const book *b, const qs_summary_row *r)
{
    const char *text = "";
    for (size_t i = 0; i < r->n_losses; i++) {
        const qs_summary_loss *l = &r->losses[i];
        const char *const pairs[] = {"item", l->item, "unit", l->unit, "lost", P(b, l->lost), "why", l->why, NULL};
        const char *line = qs_format(
            b->arena, qs_wording(b->o->strings, *l->why ? "summary.loss" : "summary.loss.bare"), pairs);
        text = *text ? qs_arena_printf(b->arena, "%s\n%s", text, line) : line;
    }
    return text;
}

/* ---- the sheets ---- */

static lxw_error add_formats(book *b)
{
    const qs_fontmap *fm = b->o->fontmap;
    unsigned boxed = QS_XLSX_BORDER | QS_XLSX_WRAP;
    b->title = qs_xlsx_format(b->wb, fm, QS_ROLE_TITLE, SIZE_TITLE, LXW_ALIGN_CENTER, QS_XLSX_WRAP);
    b->header = qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, SIZE_HEADER, LXW_ALIGN_CENTER, boxed);
    b->text = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_TABLE, LXW_ALIGN_LEFT, boxed);
    b->centred = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_TABLE, LXW_ALIGN_CENTER, boxed);
    b->number = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_TABLE, LXW_ALIGN_CENTER, boxed);
    b->rate = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_TABLE, LXW_ALIGN_CENTER, boxed);
    b->sum_label = qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, SIZE_TABLE, LXW_ALIGN_CENTER, boxed);
    b->sum_number = qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, SIZE_TABLE, LXW_ALIGN_CENTER, boxed);
    b->sum_rate = qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, SIZE_TABLE, LXW_ALIGN_CENTER, boxed);
    if (!b->title || !b->header || !b->text || !b->centred || !b->number || !b->rate || !b->sum_label ||
        !b->sum_number || !b->sum_rate)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    format_set_num_format(b->sum_number, "0.0");
    format_set_num_format(b->rate, "0.0%");
    format_set_num_format(b->sum_rate, "0.0%");
    return LXW_NO_ERROR;
}

/* A year's table and its chart sheet, named by strings.xml, in year order. */
static lxw_error add_sheets(book *b)
{
    b->sheets = qs_arena_calloc(b->arena, b->s->n_years + 1, sizeof *b->sheets);
    for (size_t i = 0; i < b->s->n_years; i++) {
        sheet *sh = &b->sheets[i];
        sh->y = &b->s->years[i];
        sh->first = sh->y->rows[0];
        sh->name = year_text(b, "summary.sheet", sh->y, sh->first->province);
        sh->chart_name = year_text(b, "summary.chart.sheet", sh->y, sh->first->province);
        sh->quoted = qs_xlsx_quote_sheet(b->arena, sh->name);
        sh->n_cols = col_tail(sh, N_TAIL);
        sh->last_row = ROW_FIRST + sh->y->n_rows - 1;
        sh->average_row = sh->last_row + 1;
        lxw_error err = qs_xlsx_add_sheet(b->wb, sh->name, &sh->ws);
        if (err == LXW_NO_ERROR)
            err = qs_xlsx_add_sheet(b->wb, sh->chart_name, &sh->chart_ws);
        if (err != LXW_NO_ERROR)
            return err;
    }
    return LXW_NO_ERROR;
}

/* Fixed widths, the losses taking the rest of a page's width. */
static lxw_error set_columns(book *b, sheet *sh)
{
    sh->px = qs_arena_calloc(b->arena, (size_t)sh->n_cols, sizeof *sh->px);
    int used = 0;
    for (int c = 0; c < COL_CATS; c++)
        used += sh->px[c] = head_px[c];
    for (size_t k = 0; k < sh->first->n_cats; k++) {
        used += sh->px[col_score((int)k)] = SCORE_PX;
        used += sh->px[col_score((int)k) + 1] = RATE_PX;
    }
    used += sh->px[col_tail(sh, TAIL_LOST)] = LOST_PX;
    used += sh->px[col_tail(sh, TAIL_MISSING)] = MISSING_PX;
    int rest = QS_XLSX_SHEET_PX - used;
    sh->px[col_tail(sh, TAIL_LOSSES)] = rest > LOSSES_MIN_PX ? rest : LOSSES_MIN_PX;
    return qs_xlsx_set_columns(sh->ws, sh->px, sh->n_cols);
}

/* The title, centred over every column. */
static lxw_error write_title(book *b, sheet *sh)
{
    return worksheet_merge_range(sh->ws, ROW_TITLE, 0, ROW_TITLE, (lxw_col_t)(sh->n_cols - 1),
                                 year_text(b, "summary.title", sh->y, sh->first->province), b->title);
}

/* Two header rows: a category's name (with its points) over its score and
 * rate; every other header spans both rows. */
static lxw_error write_header(book *b, sheet *sh)
{
    static const char *const head_keys[COL_CATS] = {"summary.col.rank", "summary.col.region", "summary.col.level",
                                                    "summary.col.year", "summary.col.base", "summary.col.bonus",
                                                    "summary.col.total"};
    static const char *const tail_keys[N_TAIL] = {"summary.col.lost", "summary.col.missing", "summary.col.losses"};
    lxw_error err = LXW_NO_ERROR;
    for (int c = 0; c < COL_CATS && err == LXW_NO_ERROR; c++)
        err = worksheet_merge_range(sh->ws, ROW_HEAD, (lxw_col_t)c, ROW_SUBHEAD, (lxw_col_t)c,
                                    qs_wording(b->o->strings, head_keys[c]), b->header);
    for (size_t k = 0; k < sh->first->n_cats && err == LXW_NO_ERROR; k++) {
        const qs_summary_cat *cat = &sh->first->cats[k];
        const char *const pairs[] = {"name", cat->name, "points", P(b, cat->available), NULL};
        lxw_col_t c = (lxw_col_t)col_score((int)k);
        err = worksheet_merge_range(
            sh->ws, ROW_HEAD, c, ROW_HEAD, c + 1,
            qs_format(b->arena, qs_wording(b->o->strings, "summary.col.category"), pairs), b->header);
        if (err == LXW_NO_ERROR)
            err = worksheet_write_string(sh->ws, ROW_SUBHEAD, c,
                                         qs_wording(b->o->strings, "summary.col.score"), b->header);
        if (err == LXW_NO_ERROR)
            err = worksheet_write_string(sh->ws, ROW_SUBHEAD, c + 1,
                                         qs_wording(b->o->strings, "summary.col.rate"), b->header);
    }
    for (int t = 0; t < N_TAIL && err == LXW_NO_ERROR; t++) {
        lxw_col_t c = (lxw_col_t)col_tail(sh, t);
        err = worksheet_merge_range(sh->ws, ROW_HEAD, c, ROW_SUBHEAD, c,
                                    qs_wording(b->o->strings, tail_keys[t]), b->header);
    }
    return err;
}

static lxw_error formula(sheet *sh, size_t row, int col, const char *f, lxw_format *fmt, double value)
{
    return worksheet_write_formula_num(sh->ws, (lxw_row_t)row, (lxw_col_t)col, f, fmt, value);
}

/* One district: its numbers as numbers; base = the categories' sum, total
 * = base + bonus, each rate = score / points, lost = points - base, rank =
 * RANK of the total (ties share a rank, as qs_summary_build ranks). */
static lxw_error write_district(book *b, sheet *sh, const qs_summary_row *r, size_t row)
{
    lxw_worksheet *ws = sh->ws;
    lxw_row_t x = (lxw_row_t)row;
    const char *total = cell(b, row, COL_TOTAL, false);
    lxw_error err = formula(sh, row, COL_RANK,
                            qs_arena_printf(b->arena, "=RANK(%s,%s:%s)", total, cell(b, ROW_FIRST, COL_TOTAL, true),
                                            cell(b, sh->last_row, COL_TOTAL, true)),
                            b->centred, r->rank);
    if (err == LXW_NO_ERROR)
        err = worksheet_write_string(ws, x, COL_REGION, r->region, b->centred);
    if (err == LXW_NO_ERROR)
        err = *r->level ? worksheet_write_string(ws, x, COL_LEVEL, r->level, b->centred)
                        : worksheet_write_blank(ws, x, COL_LEVEL, b->centred);
    if (err == LXW_NO_ERROR)
        err = worksheet_write_number(ws, x, COL_YEAR, r->year, b->centred);
    const char *sum = "";
    for (size_t k = 0; k < sh->first->n_cats && err == LXW_NO_ERROR; k++) {
        const qs_summary_cat *cat = cat_of(r, &sh->first->cats[k]);
        int c = col_score((int)k);
        const char *score = cell(b, row, c, false);
        sum = qs_arena_printf(b->arena, "%s%s%s", sum, *sum ? "," : "", score);
        if (!cat) {
            err = worksheet_write_blank(ws, x, (lxw_col_t)c, b->number);
            if (err == LXW_NO_ERROR)
                err = worksheet_write_blank(ws, x, (lxw_col_t)c + 1, b->rate);
            continue;
        }
        err = worksheet_write_number(ws, x, (lxw_col_t)c, qs_points_value(cat->earned), b->number);
        if (err == LXW_NO_ERROR && cat->available > 0)
            err = formula(sh, row, c + 1, qs_arena_printf(b->arena, "=%s/%s", score, P(b, cat->available)),
                          b->rate, (double)cat->earned / cat->available);
        else if (err == LXW_NO_ERROR)
            err = worksheet_write_blank(ws, x, (lxw_col_t)c + 1, b->rate);
    }
    const char *base = cell(b, row, COL_BASE, false);
    if (err == LXW_NO_ERROR)
        err = formula(sh, row, COL_BASE, *sum ? qs_arena_printf(b->arena, "=SUM(%s)", sum) : "=0", b->number,
                      qs_points_value(r->base));
    if (err == LXW_NO_ERROR)
        err = worksheet_write_number(ws, x, COL_BONUS, qs_points_value(r->bonus), b->number);
    if (err == LXW_NO_ERROR)
        err = formula(sh, row, COL_TOTAL,
                      qs_arena_printf(b->arena, "=%s+%s", base, cell(b, row, COL_BONUS, false)), b->number,
                      qs_points_value(r->total));
    if (err == LXW_NO_ERROR)
        err = formula(sh, row, col_tail(sh, TAIL_LOST),
                      qs_arena_printf(b->arena, "=%s-%s", P(b, r->base_available), base), b->number,
                      qs_points_value(r->lost));
    if (err == LXW_NO_ERROR)
        err = worksheet_write_number(ws, x, (lxw_col_t)col_tail(sh, TAIL_MISSING), (double)r->n_missing,
                                     b->centred);
    const char *losses = losses_text(b, r);
    if (err == LXW_NO_ERROR)
        err = *losses ? worksheet_write_string(ws, x, (lxw_col_t)col_tail(sh, TAIL_LOSSES), losses, b->text)
                      : worksheet_write_blank(ws, x, (lxw_col_t)col_tail(sh, TAIL_LOSSES), b->text);
    return err;
}

/* The average of every number column over the districts, each cached. */
static lxw_error write_average(book *b, sheet *sh)
{
    const qs_summary_year *y = sh->y;
    size_t row = sh->average_row;
    double n = (double)y->n_rows;
    lxw_error err = worksheet_merge_range(sh->ws, (lxw_row_t)row, COL_RANK, (lxw_row_t)row, COL_YEAR,
                                          qs_wording(b->o->strings, "summary.average"), b->sum_label);
    /* the columns, and each one's mean as the engine has it */
    int n_num = 3 + 2 * (int)sh->first->n_cats + 2;
    int *cols = qs_arena_calloc(b->arena, (size_t)n_num, sizeof *cols);
    double *mean = qs_arena_calloc(b->arena, (size_t)n_num, sizeof *mean);
    bool *is_rate = qs_arena_calloc(b->arena, (size_t)n_num, sizeof *is_rate);
    int m = 0;
    cols[m++] = COL_BASE;
    cols[m++] = COL_BONUS;
    cols[m++] = COL_TOTAL;
    for (size_t k = 0; k < sh->first->n_cats; k++) {
        cols[m++] = col_score((int)k);
        is_rate[m] = true;
        cols[m++] = col_score((int)k) + 1;
    }
    cols[m++] = col_tail(sh, TAIL_LOST);
    cols[m++] = col_tail(sh, TAIL_MISSING);
    for (size_t i = 0; i < y->n_rows; i++) {
        const qs_summary_row *r = y->rows[i];
        int k = 0;
        mean[k++] += qs_points_value(r->base) / n;
        mean[k++] += qs_points_value(r->bonus) / n;
        mean[k++] += qs_points_value(r->total) / n;
        for (size_t c = 0; c < sh->first->n_cats; c++) {
            const qs_summary_cat *cat = cat_of(r, &sh->first->cats[c]);
            mean[k++] += cat ? qs_points_value(cat->earned) / n : 0;
            mean[k++] += cat && cat->available > 0 ? (double)cat->earned / cat->available / n : 0;
        }
        mean[k++] += qs_points_value(r->lost) / n;
        mean[k++] += (double)r->n_missing / n;
    }
    for (int k = 0; k < m && err == LXW_NO_ERROR; k++)
        err = formula(sh, row, cols[k],
                      qs_arena_printf(b->arena, "=AVERAGE(%s:%s)", cell(b, ROW_FIRST, cols[k], false),
                                      cell(b, sh->last_row, cols[k], false)),
                      is_rate[k] ? b->sum_rate : b->sum_number, mean[k]);
    if (err == LXW_NO_ERROR)
        err = worksheet_write_blank(sh->ws, (lxw_row_t)row, (lxw_col_t)col_tail(sh, TAIL_LOSSES), b->text);
    return err;
}

static void need(double *h, double pt)
{
    if (*h < pt)
        *h = pt;
}

/* Every row an explicit height (LibreOffice fits none): the title, the
 * headers at their widths (a category's name over two columns), each
 * district by its tallest cell; capped at what a page holds (warned). */
static lxw_error set_heights(book *b, sheet *sh)
{
    size_t n_rows = sh->average_row + 1;
    double *h = sh->height = qs_arena_calloc(b->arena, n_rows, sizeof *h);
    int all = qs_xlsx_span_px(sh->px, 0, sh->n_cols - 1);
    need(&h[ROW_TITLE], qs_xlsx_text_height(b->arena, year_text(b, "summary.title", sh->y, sh->first->province),
                                            all, SIZE_TITLE, false) + TITLE_PAD_PT);
    for (int c = 0; c < sh->n_cols; c++) {
        bool category = c >= COL_CATS && c < col_tail(sh, 0);
        if (category && (c - COL_CATS) % 2)
            continue;
        if (category) {
            const qs_summary_cat *cat = &sh->first->cats[(c - COL_CATS) / 2];
            const char *const pairs[] = {"name", cat->name, "points", P(b, cat->available), NULL};
            need(&h[ROW_HEAD],
                 qs_xlsx_text_height(
                     b->arena, qs_format(b->arena, qs_wording(b->o->strings, "summary.col.category"), pairs),
                     qs_xlsx_span_px(sh->px, c, c + 1), SIZE_HEADER, false));
            need(&h[ROW_SUBHEAD], qs_xlsx_text_height(b->arena, qs_wording(b->o->strings, "summary.col.rate"),
                                                      sh->px[c + 1], SIZE_HEADER, false));
        }
    }
    need(&h[ROW_HEAD], 18);
    need(&h[ROW_SUBHEAD], 18);
    /* a header over both rows: what it needs beyond them goes to the first */
    static const char *const keys[] = {"summary.col.rank", "summary.col.region", "summary.col.level",
                                       "summary.col.year", "summary.col.base", "summary.col.bonus",
                                       "summary.col.total"};
    for (int c = 0; c < COL_CATS; c++)
        need(&h[ROW_HEAD], qs_xlsx_text_height(b->arena, qs_wording(b->o->strings, keys[c]), sh->px[c],
                                               SIZE_HEADER, false) -
                               h[ROW_SUBHEAD]);
    static const char *const tails[] = {"summary.col.lost", "summary.col.missing", "summary.col.losses"};
    for (int t = 0; t < N_TAIL; t++)
        need(&h[ROW_HEAD], qs_xlsx_text_height(b->arena, qs_wording(b->o->strings, tails[t]),
                                               sh->px[col_tail(sh, t)], SIZE_HEADER, false) -
                               h[ROW_SUBHEAD]);
    for (size_t i = 0; i < sh->y->n_rows; i++) {
        const qs_summary_row *r = sh->y->rows[i];
        double *row = &h[ROW_FIRST + i];
        need(row, qs_xlsx_text_height(b->arena, r->region, sh->px[COL_REGION], SIZE_TABLE, false));
        need(row, qs_xlsx_text_height(b->arena, losses_text(b, r), sh->px[col_tail(sh, TAIL_LOSSES)], SIZE_TABLE,
                                      false));
    }
    need(&h[sh->average_row],
         qs_xlsx_text_height(b->arena, qs_wording(b->o->strings, "summary.average"),
                             qs_xlsx_span_px(sh->px, COL_RANK, COL_YEAR), SIZE_TABLE, false));
    qs_xlsx_cap_heights(h, n_rows, ROW_HEAD, ROW_SUBHEAD, b->path, sh->name, b->d);
    return qs_xlsx_set_rows(sh->ws, h, n_rows);
}

/* An official table's pages: both header rows atop every page, panes
 * frozen under them and right of the region. */
static lxw_error set_print(book *b, sheet *sh)
{
    worksheet_freeze_panes(sh->ws, ROW_FIRST, COL_LEVEL);
    lxw_error err = worksheet_repeat_rows(sh->ws, ROW_HEAD, ROW_SUBHEAD);
    return err != LXW_NO_ERROR
               ? err
               : qs_xlsx_print_setup(b->arena, sh->ws, 0, qs_wording(b->o->strings, "table.footer"),
                                     b->o->fontmap);
}

static lxw_error write_table(book *b, sheet *sh)
{
    lxw_error err = set_columns(b, sh);
    if (err == LXW_NO_ERROR)
        err = write_title(b, sh);
    if (err == LXW_NO_ERROR)
        err = write_header(b, sh);
    for (size_t i = 0; i < sh->y->n_rows && err == LXW_NO_ERROR; i++)
        err = write_district(b, sh, sh->y->rows[i], ROW_FIRST + i);
    if (err == LXW_NO_ERROR)
        err = write_average(b, sh);
    if (err == LXW_NO_ERROR)
        err = set_heights(b, sh);
    if (err == LXW_NO_ERROR)
        err = set_print(b, sh);
    return err;
}

/* ---- the chart sheet ---- */

/* libxlsxwriter caches a chart's numbers from number cells only; the
 * totals are formulas, so their values are cached here (freed with the
 * chart). */
static lxw_error cache_totals(lxw_series_range *range, const qs_summary_year *y)
{
    range->ignore_cache = LXW_TRUE;
    for (size_t i = 0; i < y->n_rows; i++) {
        lxw_series_data_point *p = calloc(1, sizeof *p);
        if (!p)
            return LXW_ERROR_MEMORY_MALLOC_FAILED;
        p->number = qs_points_value(y->rows[i]->total);
        STAILQ_INSERT_TAIL(range->data_cache, p, list_pointers);
        range->num_data_points++;
    }
    return LXW_NO_ERROR;
}

/* A native bar chart: one bar per district, the first ranked on top, its
 * total labelled, the axis from 0 to the most a district can score. */
static lxw_error write_chart(book *b, sheet *sh)
{
    const qs_summary_year *y = sh->y;
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
    lxw_chart_series *series = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (!series)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_row_t first = ROW_FIRST, last = (lxw_row_t)sh->last_row;
    chart_series_set_categories(series, sh->name, first, COL_REGION, last, COL_REGION);
    chart_series_set_values(series, sh->name, first, COL_TOTAL, last, COL_TOTAL);
    chart_series_set_name(series, qs_wording(b->o->strings, "summary.col.total"));
    lxw_error err = cache_totals(series->values, y);
    if (err != LXW_NO_ERROR)
        return err;
    chart_series_set_labels(series);

    const qs_fontmap *fm = b->o->fontmap;
    lxw_chart_font title = {.name = (char *)qs_fontmap_family(fm, QS_ROLE_HEADER, 0), .size = 16};
    lxw_chart_font text = {.name = (char *)qs_fontmap_family(fm, QS_ROLE_TABLE, 0), .size = 10};
    chart_title_set_name(chart, year_text(b, "summary.chart.title", y, sh->first->province));
    chart_title_set_name_font(chart, &title);
    chart_series_set_labels_font(series, &text);
    /* a bar chart's x axis is libxlsxwriter's value axis, drawn across; y the categories, upward */
    chart_axis_set_num_font(chart->x_axis, &text);
    chart_axis_set_num_font(chart->y_axis, &text);
    chart_axis_set_reverse(chart->y_axis); /* rank 1 on top, */
    chart_axis_set_crossing_max(chart->y_axis); /* the scale still at the foot */
    chart_axis_set_name(chart->x_axis, qs_wording(b->o->strings, "summary.chart.axis"));
    chart_axis_set_name_font(chart->x_axis, &text);
    chart_axis_set_min(chart->x_axis, 0);
    chart_axis_set_max(chart->x_axis, qs_points_value(sh->first->base_available + sh->first->bonus_cap));
    chart_axis_set_major_unit(chart->x_axis, 20);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);

    int height = CHART_FRAME_PX + CHART_BAR_PX * (int)y->n_rows;
    if (height < CHART_MIN_HEIGHT_PX)
        height = CHART_MIN_HEIGHT_PX;
    lxw_chart_options opt = {.x_scale = CHART_WIDTH_PX / 480.0,
                             .y_scale = height / 288.0,
                             .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
    err = worksheet_insert_chart_opt(sh->chart_ws, 0, 0, chart, &opt);
    /* one page; upright when the chart is taller than wide */
    if (err == LXW_NO_ERROR)
        err = qs_xlsx_print_setup(b->arena, sh->chart_ws, 1, qs_wording(b->o->strings, "table.footer"),
                                  b->o->fontmap);
    if (err == LXW_NO_ERROR && height > CHART_WIDTH_PX)
        worksheet_set_portrait(sh->chart_ws);
    /* the chart over the columns and rows it covers: the print area */
    if (err == LXW_NO_ERROR)
        err = worksheet_print_area(sh->chart_ws, 0, 0, (lxw_row_t)(height / 20), (lxw_col_t)(CHART_WIDTH_PX / 64));
    return err;
}

/* Per year: the table sheet and its chart sheet. */
static lxw_error fill(lxw_workbook *wb, void *ctx)
{
    book *b = ctx;
    b->wb = wb;
    lxw_error err = LXW_NO_ERROR;
    QS_XLSX_TRY(add_formats(b));
    QS_XLSX_TRY(add_sheets(b));
    for (size_t i = 0; i < b->s->n_years; i++) {
        QS_XLSX_TRY(write_table(b, &b->sheets[i]));
        QS_XLSX_TRY(write_chart(b, &b->sheets[i]));
    }
cleanup:
    return err;
}

qs_status qs_render_summary_xlsx(const qs_summary *s, const qs_dest *to, const qs_render_opts *o, qs_diags *d)
{
    if (qs_strings_require(o->strings, qs_summary_string_keys, d))
        return QS_ERR_INPUT;
    book b = {.s = s, .o = o, .arena = qs_arena_new(), .path = to->shown, .d = d};
    qs_xlsx_props props = {
        .title = qs_summary_name(s, o->strings, b.arena), .subject = subject(&b), .created = o->epoch};
    qs_status st = qs_xlsx_write(to, fill, &b, &props, d);
    qs_arena_free(b.arena);
    return st;
}
