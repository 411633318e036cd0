/* xlsx_table.c - the official table as an xlsx workbook (stage 4: render).
 *
 * Reads the logical table (table.c), the strings and the font map; writes one
 * sheet laid out like the seed's attachment: the attachment label, the title,
 * the header row, one row per indicator with the category and group columns merged.  Row heights come from
 * the layout engine's line breaker: Excel fits no merged cell, LibreOffice no
 * cell of a generated file.  Heights, page breaks, print setup and the atomic
 * write (no partial file is ever left): xlsx_common.h.
 * Never changes the table; never includes libxml2.
 */
#include "render.h"

#include "arena.h"
#include "xlsx_common.h"

#include <xlsxwriter.h>

#include <math.h>

/* Sheet rows (0-based): the attachment label, the title, the header, then the indicators. */
enum { ROW_ATTACHMENT, ROW_TITLE, ROW_HEADER, ROW_FIRST };

/* Room around the title, points, above what its lines need. */
#define TITLE_PAD_PT 14.0

typedef struct sheet {
    const qs_table *t;
    const qs_render_opts *o;
    qs_arena *arena;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    qs_xlsx_official f;   /* the formats */
    int px[QS_COL_COUNT]; /* column widths in pixels */
    double *height;       /* points, per sheet row */
    lxw_row_t *breaks;    /* the sheet's page breaks, 0-terminated */
    size_t n_rows;        /* sheet rows */
    const char *path;     /* for diagnostics */
    qs_diags *d;
} sheet;

/* One sheet, named by strings key table.sheet (checked by Excel's rules first). */
static lxw_error add_sheet(sheet *s)
{
    return qs_xlsx_add_sheet(s->wb, s->t->sheet, &s->ws);
}

/* Column widths in the proportions of the official table (table.c), the
 * whole QS_XLSX_SHEET_PX wide: Excel and LibreOffice both print it at 100 %. */
static lxw_error set_columns(sheet *s)
{
    for (int col = 0; col < QS_COL_COUNT; col++) {
        int px = (int)floor(QS_XLSX_SHEET_PX * s->t->width[col] + 0.5);
        s->px[col] = px < 12 ? 12 : px; /* Excel's formula holds from one character (12 px) up */
    }
    return qs_xlsx_set_columns(s->ws, s->px, QS_COL_COUNT);
}

/* The attachment mark, the title over the six columns, the six headers
 * (templates/strings.xml). */
static lxw_error write_top(sheet *s)
{
    return qs_xlsx_official_top(s->ws, &s->f, s->t->attachment, s->t->title, s->t->header, QS_COL_COUNT);
}

static lxw_error write_cell(sheet *s, lxw_row_t row, int col, const char *text, int span)
{
    lxw_format *f = s->t->centre[col] ? s->f.centred : s->f.cell;
    double v;
    if (span > 1)
        return qs_xlsx_merge_pieces(s->ws, row, row + (size_t)span, col, text, f, s->breaks);
    if (!*text)
        return worksheet_write_blank(s->ws, row, (lxw_col_t)col, f);
    if ((col == QS_COL_NO || col == QS_COL_POINTS) && qs_xlsx_as_number(text, &v))
        return worksheet_write_number(s->ws, row, (lxw_col_t)col, v, f);
    return worksheet_write_string(s->ws, row, (lxw_col_t)col, text, f);
}

/* One row per indicator; category and group merged over their spans (seed rows
 * 1-31), each span split at the page breaks with its label in every piece;
 * a bonus row's points and a row without a group stay empty, bordered. */
static lxw_error write_rows(sheet *s)
{
    for (size_t r = 0; r < s->t->n_rows; r++) {
        const qs_table_row *row = &s->t->rows[r];
        for (int col = 0; col < QS_COL_COUNT; col++) {
            int span = row->span[col];
            if (span == 0)
                continue; /* covered by the merge above */
            if ((size_t)span > s->t->n_rows - r)
                span = (int)(s->t->n_rows - r);
            const char *text = row->cell[col] ? row->cell[col] : "";
            lxw_error err = write_cell(s, (lxw_row_t)(ROW_FIRST + r), col, text, span);
            if (err != LXW_NO_ERROR)
                return err;
        }
    }
    return LXW_NO_ERROR;
}

/* Points needed by text in size-point type across px pixels; a list of
 * unit names breaks between names, as the PDF does. */
static double text_height(sheet *s, const char *text, int px, double size, bool list)
{
    return qs_xlsx_text_height(s->arena, text, px, size, list);
}

static void need(double *h, double pt)
{
    if (*h < pt)
        *h = pt;
}

/* The height of every row, from its text, its font size and its column
 * widths; vertical merges get their shortfall spread over their rows.
 * Spans are settled in column order: raising a row never undoes a span
 * already settled, so the order does not matter for correctness. */
static void compute_heights(sheet *s)
{
    const qs_table *t = s->t;
    double *h = s->height;
    int all = qs_xlsx_span_px(s->px, 0, QS_COL_COUNT - 1);
    need(&h[ROW_ATTACHMENT], text_height(s, t->attachment, all, QS_XLSX_ATTACHMENT_PT, false));
    need(&h[ROW_TITLE], text_height(s, t->title, all, QS_XLSX_TITLE_PT, false) + TITLE_PAD_PT);
    for (int col = 0; col < QS_COL_COUNT; col++)
        need(&h[ROW_HEADER], text_height(s, t->header[col], s->px[col], QS_XLSX_HEADER_PT, false));

    for (size_t r = 0; r < t->n_rows; r++)
        for (int col = 0; col < QS_COL_COUNT; col++)
            if (t->rows[r].span[col] == 1)
                need(&h[ROW_FIRST + r],
                     text_height(s, t->rows[r].cell[col], s->px[col], QS_XLSX_TABLE_PT, col == QS_COL_UNITS));

    for (int col = 0; col < QS_COL_COUNT; col++)
        for (size_t r = 0; r < t->n_rows; r++) {
            size_t span = (size_t)t->rows[r].span[col];
            if (span < 2)
                continue;
            if (span > t->n_rows - r)
                span = t->n_rows - r;
            qs_xlsx_spread_height(
                h, ROW_FIRST + r, span,
                text_height(s, t->rows[r].cell[col], s->px[col], QS_XLSX_TABLE_PT, col == QS_COL_UNITS));
        }
}

/* The merged labels (category, group) that a page break must not cut. */
static qs_xlsx_span *label_spans(sheet *s, size_t *n)
{
    const qs_table *t = s->t;
    qs_xlsx_span *spans = qs_arena_calloc(s->arena, QS_COL_COUNT * t->n_rows + 1, sizeof *spans);
    *n = 0;
    for (int col = 0; col < QS_COL_COUNT; col++)
        for (size_t r = 0; r < t->n_rows; r++) {
            size_t span = (size_t)t->rows[r].span[col];
            if (span < 2)
                continue;
            double lines = (double)qs_xlsx_text_lines(s->arena, t->rows[r].cell[col], s->px[col],
                                                      QS_XLSX_TABLE_PT, false);
            spans[(*n)++] = (qs_xlsx_span){ROW_FIRST + r, ROW_FIRST + r + span,
                                           lines * QS_XLSX_TABLE_PT * QS_XLSX_LINE_FACTOR};
        }
    return spans;
}

/* Every row gets an explicit height (LibreOffice fits none of them), in
 * whole pixels, within what a page holds (warned); then the page breaks,
 * the rows of each piece of a split label grown to hold it. */
static lxw_error set_row_heights(sheet *s)
{
    compute_heights(s);
    qs_xlsx_cap_heights(s->height, s->n_rows, ROW_HEADER, ROW_HEADER, s->path, s->t->sheet, s->d);
    size_t n_spans;
    qs_xlsx_span *spans = label_spans(s, &n_spans);
    qs_xlsx_break_labels(s->height, s->n_rows, ROW_HEADER, spans, n_spans, s->breaks);
    return qs_xlsx_set_rows(s->ws, s->height, s->n_rows);
}

/* A4 landscape, official margins, centred, at 100 % with the sheet's own
 * page breaks, header row on every page, the page-number footer, panes
 * frozen under the header. */
static lxw_error set_print_setup(sheet *s)
{
    worksheet_freeze_panes(s->ws, ROW_FIRST, 0);
    lxw_error err = worksheet_repeat_rows(s->ws, ROW_HEADER, ROW_HEADER);
    if (err != LXW_NO_ERROR)
        return err;
    const char *footer = s->o->strings ? qs_strings_get(s->o->strings, "table.footer") : NULL;
    err = qs_xlsx_print_setup(s->arena, s->ws, 0, footer, s->o->fontmap);
    return err != LXW_NO_ERROR ? err : qs_xlsx_set_breaks(s->ws, s->breaks);
}

/* The sheet of the table, in the order a reader sees it. */
static lxw_error fill(lxw_workbook *wb, void *ctx)
{
    sheet *s = ctx;
    s->wb = wb;
    lxw_error err = LXW_NO_ERROR;
    QS_XLSX_TRY(add_sheet(s));
    QS_XLSX_TRY(qs_xlsx_official_formats(wb, s->o->fontmap, &s->f));
    QS_XLSX_TRY(set_columns(s));
    QS_XLSX_TRY(write_top(s));
    QS_XLSX_TRY(set_row_heights(s)); /* the page breaks split the merges */
    QS_XLSX_TRY(write_rows(s));
    QS_XLSX_TRY(set_print_setup(s));
cleanup:
    return err;
}

qs_status qs_render_table_xlsx(const qs_table *t, const qs_dest *to, const qs_render_opts *o,
                               qs_diags *d)
{
    sheet s = {.t = t, .o = o, .arena = qs_arena_new(), .path = to->shown, .d = d};
    s.n_rows = ROW_FIRST + t->n_rows;
    s.height = qs_arena_calloc(s.arena, s.n_rows, sizeof *s.height);
    s.breaks = qs_arena_calloc(s.arena, s.n_rows + 1, sizeof *s.breaks);
    qs_xlsx_props props = {t->title, t->subject, t->author, t->region, o->epoch};
    qs_status st = qs_xlsx_write(to, fill, &s, &props, d);
    qs_arena_free(s.arena);
    return st;
}
