/* xlsx_selfassess.c - the self-assessment table as an xlsx workbook (stage 4).
 *
 * Reads the logical official table, the scores, the evidence's documents
 * and templates/strings.xml; writes two sheets: the official table plus the
 * self score, the lost points and the documents cited, a subtotal under each
 * scored category and the totals at the foot, every sum a formula caching
 * the engine's number (an edited score recomputes); then the score rate by
 * category as a native chart over cells that refer to the first sheet
 * (xlsx_selfassess_chart.c).  Column widths, heights, print setup and the
 * atomic write: xlsx_common.h; the documents cited: evindex.h.  Read-only.
 */
#include "render.h"

#include "arena.h"
#include "format.h"
#include "strbuf.h"
#include "xlsx_common.h"
#include "xlsx_selfassess.h"

#include <xlsxwriter.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sheet rows (0-based): the attachment mark, the title, the header, then the indicators. */
enum { ROW_ATTACHMENT, ROW_TITLE, ROW_HEADER, ROW_FIRST };

/* The official six columns (qs_table_col), then the three of the self-assessment. */
enum { COL_SCORE = QS_COL_COUNT, COL_LOSSES, COL_DOCUMENTS, N_COLS };

/* Nine columns on one A4 landscape page, QS_XLSX_SHEET_PX wide (so Excel
 * and LibreOffice both print at 100 %).  Five are fixed: number, points and
 * self score hold a number, the category label four characters of 11 pt a
 * line, the indicator group three.  The four text columns (method, units,
 * lost points, documents) share the rest: each at least its header's
 * width, the remainder split in FLEX_STEP_PX steps the way that makes the
 * table shortest (choose_widths). */
static const int fixed_px[N_COLS] = {40, 68, 60, 40, 0, 0, 52, 0, 0}; /* 0: flexible */
#define FLEX_STEP_PX 8

#define TITLE_PAD_PT 14.0

typedef struct book {
    const qs_case *c;
    const qs_table *t;
    const qs_scores *sc;
    const qs_render_opts *o;
    qs_arena *arena;
    const char *path;
    qs_diags *d;
    lxw_workbook *wb;
    lxw_worksheet *ws, *chart_ws;
    const char *sheet, *chart_sheet; /* names */
    int px[N_COLS];                  /* column widths in pixels */
    qs_xlsx_official f;              /* the official table's formats */
    lxw_format *sum_label, *sum_number, *rate;
    /* sheet rows: of each table row, of each category's subtotal (0: none), of the totals */
    size_t *indicator_row, *subtotal_row;
    size_t base_row, bonus_row, total_row, n_rows; /* bonus_row 0: no bonus category */
    const char **label;               /* per sheet row: the label of a sum row, else NULL */
    double *height;                   /* points, per sheet row */
    lxw_row_t *breaks;                /* the sheet's page breaks, 0-terminated */
    const char **losses, **documents; /* per table row */
} book;

static const char *const string_keys[] = {
    "table.footer",
    "selfassess.sheet",
    "selfassess.title",
    "selfassess.subject",
    "selfassess.header.score",
    "selfassess.header.losses",
    "selfassess.header.documents",
    "selfassess.loss",
    "selfassess.loss.bare",
    "selfassess.document",
    "selfassess.document.unnumbered",
    "selfassess.subtotal",
    "selfassess.base",
    "selfassess.bonus",
    "selfassess.total",
    "selfassess.chart.sheet",
    "selfassess.chart.title",
    "selfassess.chart.category",
    "selfassess.chart.available",
    "selfassess.chart.earned",
    "selfassess.chart.rate",
    NULL,
};

static const char *P(const book *b, qs_points p)
{
    return qs_points_text(b->arena, p);
}

/* A template of strings.xml filled with the plan's region, year and campaign. */
static const char *region_year(const book *b, const char *key)
{
    return qs_format(b->arena, qs_wording(b->o->strings, key), qs_model_pairs(b->arena, b->c->plan, NULL));
}

static size_t category_index(const book *b, const qs_category *cat)
{
    return (size_t)(cat - b->c->schema->categories);
}

/* The score of ind: qs_score keeps the schema's order. */
static const qs_indicator_score *score_of(const book *b, const qs_indicator *ind)
{
    size_t i = (size_t)(ind - b->c->schema->indicators);
    return i < b->sc->n_indicators && b->sc->indicators[i].indicator == ind ? &b->sc->indicators[i]
                                                                              : NULL;
}

static const char *ref(const book *b, size_t row, int col, bool absolute)
{
    return qs_xlsx_cell(b->arena, row, col, absolute);
}

/* ---- the texts of the three new columns ---- */

/* The lost points (xlsx_common.h) and the documents of every row. */
static void collect_texts(book *b)
{
    const qs_table *t = b->t;
    b->losses = qs_arena_calloc(b->arena, t->n_rows, sizeof *b->losses);
    for (size_t r = 0; r < t->n_rows; r++)
        b->losses[r] = qs_xlsx_losses(b->arena, score_of(b, t->rows[r].indicator),
                                      qs_wording(b->o->strings, "selfassess.loss"),
                                      qs_wording(b->o->strings, "selfassess.loss.bare"));
    const char *numbered = qs_wording(b->o->strings, "selfassess.document");
    const char *unnumbered = qs_wording(b->o->strings, "selfassess.document.unnumbered");
    b->documents = qs_evindex_table_documents(b->c, t, numbered, unnumbered, b->arena);
}

/* Sheet rows: each category's indicators, then its subtotal unless it is a
 * bonus category; below them the base total, the capped bonus, the total. */
static void plan_rows(book *b)
{
    const qs_schema *s = b->c->schema;
    b->indicator_row = qs_arena_calloc(b->arena, b->t->n_rows, sizeof *b->indicator_row);
    b->subtotal_row = qs_arena_calloc(b->arena, s->n_categories, sizeof *b->subtotal_row);
    size_t row = ROW_FIRST;
    bool bonus = false;
    for (size_t r = 0; r < b->t->n_rows; r++) {
        const qs_category *cat = b->t->rows[r].indicator->category;
        b->indicator_row[r] = row++;
        bool last = r + 1 == b->t->n_rows || b->t->rows[r + 1].indicator->category != cat;
        if (last && !cat->bonus)
            b->subtotal_row[category_index(b, cat)] = row++;
        bonus |= cat->bonus;
    }
    b->base_row = row++;
    b->bonus_row = bonus ? row++ : 0;
    b->total_row = row++;
    b->n_rows = row;
    b->height = qs_arena_calloc(b->arena, b->n_rows, sizeof *b->height);
    b->breaks = qs_arena_calloc(b->arena, b->n_rows + 1, sizeof *b->breaks);
    b->label = qs_arena_calloc(b->arena, b->n_rows, sizeof *b->label);
    for (size_t ci = 0; ci < s->n_categories; ci++)
        if (b->subtotal_row[ci])
            b->label[b->subtotal_row[ci]] = qs_wording(b->o->strings, "selfassess.subtotal");
    b->label[b->base_row] = qs_wording(b->o->strings, "selfassess.base");
    const char *const pairs[] = {"cap", P(b, s->bonus_cap), NULL};
    if (b->bonus_row)
        b->label[b->bonus_row] = qs_format(b->arena, qs_wording(b->o->strings, "selfassess.bonus"), pairs);
    b->label[b->total_row] = qs_wording(b->o->strings, "selfassess.total");
}

/* Rows a merge starting at table row r may cover: its span, kept within the
 * category (a subtotal row follows it). */
static size_t span_rows(const book *b, size_t r, int col)
{
    size_t span = (size_t)b->t->rows[r].span[col];
    while (span > 1 && (r + span > b->t->n_rows ||
                        b->indicator_row[r + span - 1] != b->indicator_row[r] + span - 1))
        span--;
    return span;
}

static const char *header_text(const book *b, int col)
{
    switch (col) {
    case COL_SCORE:
        return qs_wording(b->o->strings, "selfassess.header.score");
    case COL_LOSSES:
        return qs_wording(b->o->strings, "selfassess.header.losses");
    case COL_DOCUMENTS:
        return qs_wording(b->o->strings, "selfassess.header.documents");
    default:
        return b->t->header[col];
    }
}

/* The text of table row r in column col (a self score is at most "00.0"). */
static const char *indicator_text(const book *b, size_t r, int col)
{
    if (col == COL_SCORE)
        return "00.0";
    if (col == COL_LOSSES)
        return b->losses[r];
    if (col == COL_DOCUMENTS)
        return b->documents[r];
    return b->t->rows[r].cell[col];
}

/* A cell for qs_xlsx_choose_widths: NULL for a merge over rows of a fixed column. */
static const char *width_cell(const void *ctx, size_t r, int col)
{
    const book *b = ctx;
    if (fixed_px[col] && col < QS_COL_COUNT && span_rows(b, r, col) != 1)
        return NULL;
    return indicator_text(b, r, col);
}

/* The widths of the four text columns that make the table shortest
 * (qs_xlsx_choose_widths); ties go to the scoring method. */
static void choose_widths(book *b)
{
    const char *header[N_COLS];
    bool list[N_COLS] = {false};
    for (int col = 0; col < N_COLS; col++)
        header[col] = header_text(b, col);
    list[QS_COL_UNITS] = true;
    qs_xlsx_widths w = {.n_cols = N_COLS,
                        .fixed_px = fixed_px,
                        .header = header,
                        .list = list,
                        .header_size = QS_XLSX_HEADER_PT,
                        .size = QS_XLSX_TABLE_PT,
                        .sheet_px = QS_XLSX_SHEET_PX,
                        .step_px = FLEX_STEP_PX,
                        .n_rows = b->t->n_rows,
                        .cell = width_cell,
                        .ctx = b};
    qs_xlsx_choose_widths(&w, b->px);
}

/* ---- the workbook ---- */

/* The two sheets, named by strings.xml and checked by Excel's rules first. */
static lxw_error add_sheets(book *b)
{
    lxw_error err = qs_xlsx_add_sheet(b->wb, b->sheet, &b->ws);
    return err != LXW_NO_ERROR ? err : qs_xlsx_add_sheet(b->wb, b->chart_sheet, &b->chart_ws);
}

/* The attachment mark, the header and the sum rows in the header face, the
 * title in the title face, cells in the table face; rates as percentages. */
static lxw_error add_formats(book *b)
{
    lxw_error err = qs_xlsx_official_formats(b->wb, b->o->fontmap, &b->f);
    if (err != LXW_NO_ERROR)
        return err;
    const qs_fontmap *fm = b->o->fontmap;
    unsigned boxed = QS_XLSX_BORDER | QS_XLSX_WRAP;
    b->sum_label = qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, QS_XLSX_TABLE_PT, LXW_ALIGN_CENTER, boxed);
    b->sum_number = qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, QS_XLSX_TABLE_PT, LXW_ALIGN_CENTER, boxed);
    b->rate = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, QS_XLSX_TABLE_PT, LXW_ALIGN_CENTER, boxed);
    if (!b->sum_label || !b->sum_number || !b->rate)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    format_set_num_format(b->rate, "0.0%");
    return LXW_NO_ERROR;
}

/* The attachment mark, the title (strings.xml, with region and year) over
 * the nine columns, the official header's six columns, then self score,
 * lost points, documents. */
static lxw_error write_top(book *b)
{
    const char *header[N_COLS];
    for (int col = 0; col < N_COLS; col++)
        header[col] = header_text(b, col);
    return qs_xlsx_official_top(b->ws, &b->f, b->t->attachment, region_year(b, "selfassess.title"), header,
                                N_COLS);
}

/* text in a bordered cell: a number where it reads as one, blank if empty */
static lxw_error write_text(book *b, size_t row, int col, const char *text, lxw_format *f,
                            bool numeric)
{
    double v;
    if (!text || !*text)
        return worksheet_write_blank(b->ws, (lxw_row_t)row, (lxw_col_t)col, f);
    if (numeric && qs_xlsx_as_number(text, &v))
        return worksheet_write_number(b->ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
    return worksheet_write_string(b->ws, (lxw_row_t)row, (lxw_col_t)col, text, f);
}

/* The official cells as the official table has them (category and group
 * merged, split at the page breaks with the label in every piece, a bonus
 * row's points empty), then the self score as a number,
 * the lost points and the documents cited. */
static lxw_error write_indicator(book *b, size_t r)
{
    const qs_table_row *tr = &b->t->rows[r];
    size_t row = b->indicator_row[r];
    lxw_error err;
    for (int col = 0; col < QS_COL_COUNT; col++) {
        if (tr->span[col] == 0)
            continue; /* covered by the merge above */
        lxw_format *f = b->t->centre[col] ? b->f.centred : b->f.cell;
        size_t span = span_rows(b, r, col);
        if (span > 1)
            err = qs_xlsx_merge_pieces(b->ws, row, row + span, col, tr->cell[col], f, b->breaks);
        else
            err =
                write_text(b, row, col, tr->cell[col], f, col == QS_COL_NO || col == QS_COL_POINTS);
        if (err != LXW_NO_ERROR)
            return err;
    }
    const qs_indicator_score *is = score_of(b, tr->indicator);
    if (is)
        err = worksheet_write_number(b->ws, (lxw_row_t)row, COL_SCORE, qs_points_value(is->earned),
                                     b->f.centred);
    else
        err = worksheet_write_blank(b->ws, (lxw_row_t)row, COL_SCORE, b->f.centred);
    if (err == LXW_NO_ERROR)
        err = write_text(b, row, COL_LOSSES, b->losses[r], b->f.cell, false);
    if (err == LXW_NO_ERROR)
        err = write_text(b, row, COL_DOCUMENTS, b->documents[r], b->f.cell, false);
    return err;
}

static lxw_error write_indicators(book *b)
{
    for (size_t r = 0; r < b->t->n_rows; r++) {
        lxw_error err = write_indicator(b, r);
        if (err != LXW_NO_ERROR)
            return err;
    }
    return LXW_NO_ERROR;
}

/* A sum row: its label over the first three columns, points under points,
 * the formula (its value cached) under the self score, the text columns
 * merged and empty. */
static lxw_error write_sum_row(book *b, size_t row, bool has_points, qs_points points,
                               const char *formula, qs_points value)
{
    lxw_row_t r = (lxw_row_t)row;
    lxw_error err =
        worksheet_merge_range(b->ws, r, QS_COL_NO, r, QS_COL_GROUP, b->label[row], b->sum_label);
    if (err == LXW_NO_ERROR)
        err = has_points
                  ? worksheet_write_number(b->ws, r, QS_COL_POINTS, qs_points_value(points), b->sum_number)
                  : worksheet_write_blank(b->ws, r, QS_COL_POINTS, b->sum_number);
    if (err == LXW_NO_ERROR)
        err = worksheet_merge_range(b->ws, r, QS_COL_METHOD, r, QS_COL_UNITS, "", b->f.cell);
    if (err == LXW_NO_ERROR)
        err =
            worksheet_write_formula_num(b->ws, r, COL_SCORE, formula, b->sum_number, qs_points_value(value));
    if (err == LXW_NO_ERROR)
        err = worksheet_merge_range(b->ws, r, COL_LOSSES, r, COL_DOCUMENTS, "", b->f.cell);
    return err;
}

/* SUM(G4:G10) over the self scores of a category's rows. */
static const char *category_sum(const book *b, const qs_category *cat)
{
    size_t first = cat->first, last = cat->first + cat->count - 1;
    return qs_arena_printf(b->arena, "SUM(%s:%s)",
                           ref(b, b->indicator_row[first], COL_SCORE, false),
                           ref(b, b->indicator_row[last], COL_SCORE, false));
}

/* A subtotal under each scored category: =SUM over its indicators (each already
 * capped at its points, so the category cannot exceed its own). */
static lxw_error write_subtotals(book *b)
{
    for (size_t ci = 0; ci < b->sc->n_categories; ci++) {
        const qs_category_score *cs = &b->sc->categories[ci];
        if (!b->subtotal_row[ci] || !cs->category->count)
            continue;
        lxw_error err = write_sum_row(
            b, b->subtotal_row[ci], true, cs->category->points,
            qs_arena_printf(b->arena, "=%s", category_sum(b, cs->category)), cs->earned);
        if (err != LXW_NO_ERROR)
            return err;
    }
    return LXW_NO_ERROR;
}

/* The base total = SUM of the subtotal cells; the bonus = MIN(cap, SUM of
 * the bonus rows), a bonus category worth less than the cap also capped at
 * its points; the total = the two added.  The cached values are the engine's. */
static lxw_error write_totals(book *b)
{
    const qs_schema *s = b->c->schema;
    const char *base = "", *bonus = "";
    for (size_t ci = 0; ci < b->sc->n_categories; ci++) {
        const qs_category *cat = b->sc->categories[ci].category;
        if (b->subtotal_row[ci]) {
            base = qs_arena_printf(b->arena, "%s%s%s", base, *base ? "," : "",
                                   ref(b, b->subtotal_row[ci], COL_SCORE, false));
        } else if (cat->bonus && cat->count) {
            const char *term = category_sum(b, cat);
            if (cat->points < s->bonus_cap)
                term = qs_arena_printf(b->arena, "MIN(%s,%s)", P(b, cat->points), term);
            bonus = qs_arena_printf(b->arena, "%s%s%s", bonus, *bonus ? "+" : "", term);
        }
    }
    const char *base_f = *base ? qs_arena_printf(b->arena, "=SUM(%s)", base) : "=0";
    lxw_error err = write_sum_row(b, b->base_row, true, b->sc->base_available, base_f, b->sc->base);
    const char *total_f = qs_arena_printf(b->arena, "=%s", ref(b, b->base_row, COL_SCORE, false));
    if (err == LXW_NO_ERROR && b->bonus_row) {
        err = write_sum_row(
            b, b->bonus_row, true, s->bonus_cap,
            qs_arena_printf(b->arena, "=MIN(%s,%s)", P(b, s->bonus_cap), *bonus ? bonus : "0"),
            b->sc->bonus);
        total_f =
            qs_arena_printf(b->arena, "%s+%s", total_f, ref(b, b->bonus_row, COL_SCORE, false));
    }
    if (err == LXW_NO_ERROR)
        err = write_sum_row(b, b->total_row, false, 0, total_f, b->sc->total);
    return err;
}

/* ---- row heights ---- */

static void need(double *h, double pt)
{
    if (*h < pt)
        *h = pt;
}

static double cell_height(book *b, const char *text, int col, double size)
{
    return qs_xlsx_text_height(b->arena, text, b->px[col], size, col == QS_COL_UNITS);
}

/* The height every row needs: its texts at their sizes and widths, a
 * vertical merge's shortfall spread over its rows. */
static void compute_heights(book *b)
{
    const qs_table *t = b->t;
    double *h = b->height;
    int all = qs_xlsx_span_px(b->px, 0, N_COLS - 1);
    need(&h[ROW_ATTACHMENT], qs_xlsx_text_height(b->arena, t->attachment, all, QS_XLSX_ATTACHMENT_PT, false));
    need(&h[ROW_TITLE],
         qs_xlsx_text_height(b->arena, region_year(b, "selfassess.title"), all, QS_XLSX_TITLE_PT, false) +
             TITLE_PAD_PT);
    for (int col = 0; col < N_COLS; col++)
        need(&h[ROW_HEADER], cell_height(b, header_text(b, col), col, QS_XLSX_HEADER_PT));

    for (size_t r = 0; r < t->n_rows; r++)
        for (int col = 0; col < N_COLS; col++)
            if (col >= QS_COL_COUNT || span_rows(b, r, col) == 1)
                need(&h[b->indicator_row[r]],
                     cell_height(b, indicator_text(b, r, col), col, QS_XLSX_TABLE_PT));

    for (int col = 0; col < QS_COL_COUNT; col++)
        for (size_t r = 0; r < t->n_rows; r++) {
            size_t span = t->rows[r].span[col] ? span_rows(b, r, col) : 0;
            if (span < 2)
                continue;
            qs_xlsx_spread_height(h, b->indicator_row[r], span,
                                  cell_height(b, t->rows[r].cell[col], col, QS_XLSX_TABLE_PT));
        }

    int label_px = qs_xlsx_span_px(b->px, QS_COL_NO, QS_COL_GROUP);
    for (size_t row = ROW_FIRST; row < b->n_rows; row++)
        if (b->label[row])
            need(&h[row], qs_xlsx_text_height(b->arena, b->label[row], label_px, QS_XLSX_TABLE_PT, false));
}

/* The merged labels (category, group) that a page break must not cut. */
static qs_xlsx_span *label_spans(book *b, size_t *n)
{
    qs_xlsx_span *spans = qs_arena_calloc(b->arena, 2 * b->t->n_rows + 1, sizeof *spans);
    *n = 0;
    for (int col = QS_COL_CATEGORY; col <= QS_COL_GROUP; col++)
        for (size_t r = 0; r < b->t->n_rows; r++) {
            size_t span = b->t->rows[r].span[col] ? span_rows(b, r, col) : 0;
            if (span < 2)
                continue;
            double lines = (double)qs_xlsx_text_lines(b->arena, b->t->rows[r].cell[col], b->px[col],
                                                      QS_XLSX_TABLE_PT, false);
            spans[(*n)++] = (qs_xlsx_span){b->indicator_row[r], b->indicator_row[r] + span,
                                           lines * QS_XLSX_TABLE_PT * QS_XLSX_LINE_FACTOR};
        }
    return spans;
}

/* Every row gets an explicit height (LibreOffice fits none), whole pixels,
 * within what a page holds (warned); then the page breaks, the rows of
 * each piece of a split label grown to hold it, and the totals on one page. */
static lxw_error set_row_heights(book *b)
{
    compute_heights(b);
    qs_xlsx_cap_heights(b->height, b->n_rows, ROW_HEADER, ROW_HEADER, b->path, b->sheet, b->d);
    size_t n_spans;
    qs_xlsx_span *spans = label_spans(b, &n_spans);
    for (int pass = 0; pass < 4; pass++) {
        qs_xlsx_break_labels(b->height, b->n_rows, ROW_HEADER, spans, n_spans, b->breaks);
        if (!qs_xlsx_keep_together(b->height, b->n_rows, ROW_HEADER, b->base_row, b->n_rows))
            break;
    }
    return qs_xlsx_set_rows(b->ws, b->height, b->n_rows);
}

/* A page of an official attachment (xlsx_common.h), tall pages high (0:
 * as many as it takes), the page-number footer of strings.xml. */
static lxw_error set_page(book *b, lxw_worksheet *ws, uint16_t tall)
{
    return qs_xlsx_print_setup(b->arena, ws, tall, qs_wording(b->o->strings, "table.footer"), b->o->fontmap);
}

/* The table's pages: the header row on every page, the sheet's own page
 * breaks at 100 %, panes frozen under the header. */
static lxw_error set_print_setup(book *b)
{
    worksheet_freeze_panes(b->ws, ROW_FIRST, 0);
    lxw_error err = worksheet_repeat_rows(b->ws, ROW_HEADER, ROW_HEADER);
    if (err == LXW_NO_ERROR)
        err = set_page(b, b->ws, 0);
    return err != LXW_NO_ERROR ? err : qs_xlsx_set_breaks(b->ws, b->breaks);
}

/* ---- the chart sheet (xlsx_selfassess_chart.c) ---- */

/* The scored categories in order, with their subtotal rows. */
static lxw_error write_chart_sheet(book *b)
{
    const qs_scores *sc = b->sc;
    const qs_category_score **cats = qs_arena_calloc(b->arena, sc->n_categories + 1, sizeof *cats);
    size_t *rows = qs_arena_calloc(b->arena, sc->n_categories + 1, sizeof *rows);
    size_t n = 0;
    for (size_t ci = 0; ci < sc->n_categories; ci++)
        if (b->subtotal_row[ci]) {
            rows[n] = b->subtotal_row[ci];
            cats[n++] = &sc->categories[ci];
        }
    qs_rate_chart c = {
        .wb = b->wb,
        .ws = b->chart_ws,
        .name = b->chart_sheet,
        .table = b->sheet,
        .cats = cats,
        .subtotal_row = rows,
        .n = n,
        .points_col = QS_COL_POINTS,
        .score_col = COL_SCORE,
        .title = region_year(b, "selfassess.chart.title"),
        .header = b->f.header,
        .cell = b->f.cell,
        .centred = b->f.centred,
        .rate = b->rate,
        .o = b->o,
        .arena = b->arena,
    };
    return qs_xlsx_rate_chart(&c);
}

/* The table sheet, then the chart sheet. */
static lxw_error fill(lxw_workbook *wb, void *ctx)
{
    book *b = ctx;
    b->wb = wb;
    lxw_error err = LXW_NO_ERROR;
    QS_XLSX_TRY(add_sheets(b));
    QS_XLSX_TRY(add_formats(b));
    QS_XLSX_TRY(qs_xlsx_set_columns(b->ws, b->px, N_COLS));
    QS_XLSX_TRY(write_top(b));
    QS_XLSX_TRY(set_row_heights(b)); /* the page breaks split the merges */
    QS_XLSX_TRY(write_indicators(b));
    QS_XLSX_TRY(write_subtotals(b));
    QS_XLSX_TRY(write_totals(b));
    QS_XLSX_TRY(set_print_setup(b));
    QS_XLSX_TRY(write_chart_sheet(b));
cleanup:
    return err;
}

qs_status qs_render_selfassess_xlsx(const qs_case *c, const qs_table *t, const qs_scores *sc,
                                    const qs_dest *to, const qs_render_opts *o, qs_diags *d)
{
    if (qs_strings_require(o->strings, string_keys, d))
        return QS_ERR_INPUT;
    book b = {.c = c, .t = t, .sc = sc, .o = o, .arena = qs_arena_new(), .path = to->shown, .d = d};
    b.sheet = qs_wording(o->strings, "selfassess.sheet");
    b.chart_sheet = qs_wording(o->strings, "selfassess.chart.sheet");
    collect_texts(&b);
    plan_rows(&b);
    choose_widths(&b);
    /* author: the plan's issuer; company: the region */
    qs_xlsx_props props = {region_year(&b, "selfassess.title"), qs_wording(o->strings, "selfassess.subject"),
                           t->author, t->region, o->epoch};
    qs_status st = qs_xlsx_write(to, fill, &b, &props, d);
    qs_arena_free(b.arena);
    return st;
}
