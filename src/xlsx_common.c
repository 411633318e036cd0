/* xlsx_common.c - helpers shared by the xlsx renderers (stage 4: render).
 *
 * Formats by font role, sheet names checked before libxlsxwriter sees
 * them, row heights from the layout engine (Excel fits no merged cell and
 * LibreOffice no cell of a generated file), the sheet's own page breaks,
 * each merged label split at them and printed again in every piece (the
 * seed prints a label again after a break: rows 15, 22),
 * the print setup of an official attachment (GB/T 9704 page numbers), the
 * lost points of an indicator in words, and the atomic write:
 * PATH.tmp-XXXXXX beside the target, fsync'd and renamed only when
 * libxlsxwriter reports success, so no partial file is ever left.  Reads
 * only the scores of the model; writes only what its caller names.
 */
#include "xlsx_common.h"

#include "format.h"
#include "layout.h"
#include "sheetname.h"
#include "xlsx_core.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PX_PER_CHAR 7.0
#define COLUMN_PAD_PX 5.0

double qs_xlsx_column_width(int px)
{
    if (px < 12)
        px = 12; /* the formula holds from one character (12 px) up */
    return (px - COLUMN_PAD_PX) / PX_PER_CHAR;
}

lxw_error qs_xlsx_set_columns(lxw_worksheet *ws, const int *px, int n_cols)
{
    for (int col = 0; col < n_cols; col++) {
        lxw_error err = worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col,
                                             qs_xlsx_column_width(px[col]), NULL);
        if (err != LXW_NO_ERROR)
            return err;
    }
    return LXW_NO_ERROR;
}

int qs_xlsx_span_px(const int *px, int first, int last)
{
    int sum = 0;
    for (int col = first; col <= last; col++)
        sum += px[col];
    return sum;
}

size_t qs_xlsx_text_lines(qs_arena *a, const char *text, int px, double size, bool list)
{
    double width_em = (px - 2 * QS_XLSX_CELL_PAD_PX) * QS_XLSX_PT_PER_PX / size;
    qs_line *lines;
    qs_arena_pos scratch = qs_arena_tell(a); /* only the count is kept */
    size_t n = qs_layout_break_list(text ? text : "", width_em, qs_layout_em_estimate, NULL, list,
                                    a, &lines);
    qs_arena_rewind(a, scratch);
    return n;
}

double qs_xlsx_text_height(qs_arena *a, const char *text, int px, double size, bool list)
{
    return (double)qs_xlsx_text_lines(a, text, px, size, list) * size * QS_XLSX_LINE_FACTOR +
           QS_XLSX_ROW_PAD_PT;
}

double qs_xlsx_round_height(double pt)
{
    return ceil(pt / QS_XLSX_PT_PER_PX - 1e-9) * QS_XLSX_PT_PER_PX;
}

void qs_xlsx_spread_height(double *height, size_t first, size_t n, double want)
{
    double have = 0;
    for (size_t i = 0; i < n; i++)
        have += height[first + i];
    for (size_t i = 0; want > have && i < n; i++)
        height[first + i] += (want - have) / (double)n;
}

void qs_xlsx_cap_heights(double *height, size_t n_rows, size_t repeat_first, size_t repeat_last,
                         const char *path, const char *sheet, qs_diags *d)
{
    for (size_t row = 0; row < n_rows; row++)
        height[row] = qs_xlsx_round_height(height[row]);
    double page = QS_XLSX_PAGE_BODY_PT;
    for (size_t row = repeat_first; row <= repeat_last && row < n_rows; row++)
        page -= height[row];
    double limit = page < QS_XLSX_MAX_ROW_PT ? page : QS_XLSX_MAX_ROW_PT;
    for (size_t row = 0; row < n_rows; row++)
        if (height[row] > limit) {
            qs_srcpos pos = {path, 0};
            qs_diag_warning(d, pos,
                            "sheet %s, row %zu needs %.0f pt, more than the %.0f pt a page "
                            "holds: its text may be cut off",
                            sheet, row + 1, height[row], limit);
            height[row] = limit;
        }
}

lxw_error qs_xlsx_set_rows(lxw_worksheet *ws, const double *height, size_t n_rows)
{
    for (size_t row = 0; row < n_rows; row++) {
        lxw_error err = worksheet_set_row(ws, (lxw_row_t)row, height[row], NULL);
        if (err != LXW_NO_ERROR)
            return err;
    }
    return LXW_NO_ERROR;
}

/* The first row of the page after the one starting at row first (n_rows
 * when the sheet ends there): whole rows, repeat_row atop later pages. */
static size_t next_page(const double *h, size_t n_rows, size_t repeat_row, size_t first)
{
    double used = first > repeat_row ? h[repeat_row] : 0;
    size_t row = first;
    while (row < n_rows && (row == first || used + h[row] <= QS_XLSX_PAGE_BODY_PT))
        used += h[row++];
    return row;
}

static double rows_pt(const double *h, size_t first, size_t end)
{
    double pt = 0;
    for (size_t row = first; row < end; row++)
        pt += h[row];
    return pt;
}

/* Grows the rows of each piece of a span (the span cut at the breaks) to
 * hold its label.  True if a row grew. */
static bool fit_pieces(double *h, const qs_xlsx_span *s, const lxw_row_t *breaks)
{
    bool grew = false;
    size_t first = s->first;
    while (first < s->end) {
        size_t end = s->end;
        for (const lxw_row_t *b = breaks; *b; b++)
            if (*b > first && *b < end)
                end = *b;
        double have = rows_pt(h, first, end), want = s->text_pt + QS_XLSX_ROW_PAD_PT;
        if (have + 1e-6 < want) {
            qs_xlsx_spread_height(h, first, end - first, want);
            for (size_t row = first; row < end; row++)
                h[row] = fmin(qs_xlsx_round_height(h[row]), QS_XLSX_MAX_ROW_PT);
            grew = true;
        }
        first = end;
    }
    return grew;
}

size_t qs_xlsx_break_labels(double *height, size_t n_rows, size_t repeat_row,
                            const qs_xlsx_span *spans, size_t n_spans, lxw_row_t *breaks)
{
    size_t n = 0;
    for (size_t guard = 0; guard < 4 * n_rows + 4; guard++) {
        n = 0;
        for (size_t brk = next_page(height, n_rows, repeat_row, 0);
             brk < n_rows && n < LXW_BREAKS_MAX; brk = next_page(height, n_rows, repeat_row, brk))
            breaks[n++] = (lxw_row_t)brk;
        breaks[n] = 0;
        bool grew = false;
        for (size_t i = 0; i < n_spans; i++)
            grew |= fit_pieces(height, &spans[i], breaks);
        if (!grew)
            break;
    }
    return n;
}

lxw_error qs_xlsx_merge_pieces(lxw_worksheet *ws, size_t first, size_t end, int col,
                               const char *text, lxw_format *f, const lxw_row_t *breaks)
{
    const char *t = text ? text : "";
    while (first < end) {
        size_t last = end;
        for (const lxw_row_t *b = breaks; b && *b; b++)
            if (*b > first && *b < last)
                last = *b;
        lxw_error err;
        if (last - first > 1)
            err = worksheet_merge_range(ws, (lxw_row_t)first, (lxw_col_t)col, (lxw_row_t)(last - 1),
                                        (lxw_col_t)col, t, f);
        else if (*t)
            err = worksheet_write_string(ws, (lxw_row_t)first, (lxw_col_t)col, t, f);
        else
            err = worksheet_write_blank(ws, (lxw_row_t)first, (lxw_col_t)col, f);
        if (err != LXW_NO_ERROR)
            return err;
        first = last;
    }
    return LXW_NO_ERROR;
}

lxw_error qs_xlsx_set_breaks(lxw_worksheet *ws, lxw_row_t *breaks)
{
    worksheet_set_print_scale(ws, 100); /* fitting to a page would drop the breaks */
    ws->fit_page = LXW_FALSE;
    return breaks[0] ? worksheet_set_h_pagebreaks(ws, breaks) : LXW_NO_ERROR;
}

bool qs_xlsx_keep_together(double *height, size_t n_rows, size_t repeat_row, size_t first,
                           size_t end)
{
    if (first == 0 || first >= end || end > n_rows ||
        rows_pt(height, first, end) + height[repeat_row] > QS_XLSX_PAGE_BODY_PT)
        return false;
    size_t page = 0, brk = next_page(height, n_rows, repeat_row, 0);
    while (brk <= first) {
        page = brk;
        brk = next_page(height, n_rows, repeat_row, page);
    }
    if (brk >= end)
        return false; /* no break among them */
    /* to the foot of the page (whole pixels), not just past the first row's
     * room: a reader printing a hair smaller still breaks before them */
    double used = (page > repeat_row ? height[repeat_row] : 0) + rows_pt(height, page, first);
    double grown = floor((height[first - 1] + QS_XLSX_PAGE_BODY_PT - used) / QS_XLSX_PT_PER_PX) *
                   QS_XLSX_PT_PER_PX;
    if (grown > QS_XLSX_MAX_ROW_PT || grown <= height[first - 1])
        return false;
    height[first - 1] = grown;
    return true;
}

const char *qs_xlsx_footer(qs_arena *a, const char *tmpl, const char *font, int size)
{
    const char *t = tmpl ? tmpl : "";
    char *out = qs_arena_alloc(a, 2 * strlen(t) + (font ? strlen(font) : 0) + 32), *o = out;
    o += sprintf(o, "&C");
    if (font && !strpbrk(font, "\",&"))
        o += sprintf(o, "&\"%s,Regular\"", font);
    if (*t < '0' || *t > '9') /* a digit right after &14 would be read as part of the size */
        o += sprintf(o, "&%d", size);
    while (*t) {
        if (!strncmp(t, "{pages}", 7)) {
            o += sprintf(o, "&N");
            t += 7;
        } else if (!strncmp(t, "{page}", 6)) {
            o += sprintf(o, "&P");
            t += 6;
        } else if (*t == '&') {
            o += sprintf(o, "&&");
            t++;
        } else {
            *o++ = *t++;
        }
    }
    *o = '\0';
    return out;
}

lxw_error qs_xlsx_print_setup(qs_arena *a, lxw_worksheet *ws, uint16_t tall, const char *tmpl,
                              const qs_fontmap *fm)
{
    worksheet_set_paper(ws, QS_XLSX_PAPER_A4);
    worksheet_set_landscape(ws);
    worksheet_set_margins(ws, QS_XLSX_MARGIN_SIDE, QS_XLSX_MARGIN_SIDE, QS_XLSX_MARGIN_TOP,
                          QS_XLSX_MARGIN_BOTTOM);
    worksheet_center_horizontally(ws);
    worksheet_fit_to_pages(ws, 1, tall);
    lxw_header_footer_options fo = {.margin = QS_XLSX_MARGIN_FOOTER};
    const char *font = qs_fontmap_family(fm, QS_ROLE_PAGENUM, 0);
    return worksheet_set_footer_opt(ws, qs_xlsx_footer(a, tmpl, font, QS_XLSX_FOOTER_SIZE), &fo);
}

lxw_format *qs_xlsx_format(lxw_workbook *wb, const qs_fontmap *fm, qs_font_role role, double size,
                           uint8_t align, unsigned style)
{
    lxw_format *f = workbook_add_format(wb);
    if (!f)
        return NULL;
    const char *name = qs_fontmap_family(fm, role, 0);
    if (name)
        format_set_font_name(f, name);
    format_set_font_size(f, size);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_align(f, align); /* LXW_ALIGN_NONE sets nothing */
    if (style & QS_XLSX_WRAP)
        format_set_text_wrap(f);
    if (style & QS_XLSX_BORDER)
        format_set_border(f, LXW_BORDER_THIN);
    return f;
}

lxw_error qs_xlsx_add_sheet(lxw_workbook *wb, const char *name, lxw_worksheet **ws)
{
    /* libxlsxwriter's reasons first: they say more than ours */
    lxw_error err = workbook_validate_sheet_name(wb, name);
    if (err != LXW_NO_ERROR)
        return err;
    if (!qs_sheetname_valid(name))
        return LXW_ERROR_PARAMETER_VALIDATION;
    *ws = workbook_add_worksheet(wb, name);
    return *ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
}

bool qs_xlsx_as_number(const char *text, double *v)
{
    char *end, back[32];
    if (!text || !*text || (*text != '-' && (*text < '0' || *text > '9')))
        return false;
    errno = 0;
    *v = strtod(text, &end);
    if (*end || errno || !isfinite(*v))
        return false;
    snprintf(back, sizeof back, "%.15g", *v);
    return !strcmp(back, text);
}

const char *qs_xlsx_quote_sheet(qs_arena *a, const char *name)
{
    char *out = qs_arena_alloc(a, 2 * strlen(name) + 3), *o = out;
    *o++ = '\'';
    for (const char *p = name; *p; p++) {
        if (*p == '\'')
            *o++ = '\'';
        *o++ = *p;
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

static void add_losses(qs_arena *a, const qs_item_score *is, const char *why, const char *bare,
                       qs_lineset *lines)
{
    if (is->n_children) {
        for (size_t k = 0; k < is->n_children; k++)
            add_losses(a, &is->children[k], why, bare, lines);
        return;
    }
    if (is->earned >= is->available)
        return;
    const char *const pairs[] = {
        "item", is->item->id,
        "lost", qs_points_text(a, is->available - is->earned),
        "why",  is->why ? is->why : "",
        NULL};
    qs_lineset_add(lines, qs_format(a, is->why ? why : bare, pairs));
}

const char *qs_xlsx_losses(qs_arena *a, const qs_indicator_score *is, const char *why,
                           const char *bare)
{
    qs_lineset lines;
    qs_lineset_init(&lines, a);
    for (size_t k = 0; is && is->earned < is->available && k < is->n_items; k++)
        add_losses(a, &is->items[k], why, bare, &lines);
    return qs_lineset_text(&lines);
}

const char *qs_xlsx_cell(qs_arena *a, size_t row, int col, bool absolute)
{
    char *buf = qs_arena_alloc(a, LXW_MAX_CELL_NAME_LENGTH);
    if (absolute)
        lxw_rowcol_to_cell_abs(buf, (lxw_row_t)row, (lxw_col_t)col, 1, 1);
    else
        lxw_rowcol_to_cell(buf, (lxw_row_t)row, (lxw_col_t)col);
    return buf;
}

qs_status qs_xlsx_open_temp(const qs_dest *to, qs_afile *f, qs_diags *d)
{
    return qs_fs_create(f, to, d);
}

/* qs_xlsx_finish; kept non-NULL: the rename never replaces a file (*kept set when one is there) */
static qs_status finish(lxw_workbook *wb, qs_afile *f, lxw_error err, bool *kept, qs_diags *d)
{
    int sys = 0;
    /* created 0 would be "now" to libxlsxwriter: the date is set after it */
    bool epoch_zero = wb && wb->properties && wb->properties->created == 0;
    if (wb) {
        errno = 0;
        lxw_error closed = workbook_close(wb);
        sys = errno; /* a failed write leaves its reason here (a full disk, say) */
        if (err == LXW_NO_ERROR)
            err = closed;
    }
    if (err != LXW_NO_ERROR) {
        qs_fs_abort(f);
        qs_srcpos pos = {f->shown, 0};
        if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ||
            err == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE) {
            /* the input, not the disk: validation measures these with the
             * shipped wording, and a wordier strings.xml can still overflow */
            qs_diag_error(d, pos, "the input goes past a limit of Excel's: %s (qsreport validate "
                          "allows for the wording of the shipped templates/strings.xml)",
                          lxw_strerror(err));
            return QS_ERR_INPUT;
        }
        bool io = err == LXW_ERROR_CREATING_XLSX_FILE || err == LXW_ERROR_ZIP_FILE_OPERATION ||
                  err == LXW_ERROR_ZIP_FILE_ADD || err == LXW_ERROR_ZIP_CLOSE ||
                  err == LXW_ERROR_CREATING_TMPFILE;
        qs_diag_error(d, pos, "cannot write: %s", io && sys ? strerror(sys) : lxw_strerror(err));
        return io ? QS_ERR_IO : QS_ERR_XLSX;
    }
    if (epoch_zero) { /* libzip rewrites the file by its name: a new file takes the name */
        int e = qs_xlsx_core_epoch_zero(qs_fs_tmp_path(f));
        if (!e && !qs_fs_reopen(f))
            e = errno;
        if (e) {
            qs_fs_abort(f);
            qs_srcpos pos = {f->shown, 0};
            qs_diag_error(d, pos, "cannot write: %s", strerror(e));
            return QS_ERR_IO;
        }
    }
    return qs_fs_commit(f, kept != NULL, kept, d);
}

qs_status qs_xlsx_finish(lxw_workbook *wb, qs_afile *f, lxw_error err, qs_diags *d)
{
    return finish(wb, f, err, NULL, d);
}

/* qs_xlsx_write; kept non-NULL: never over a file (qs_xlsx_write_new) */
static qs_status write_book(const qs_dest *to, qs_xlsx_fill_fn fill, void *ctx, const qs_xlsx_props *props,
                            bool *kept, qs_diags *d)
{
    qs_afile tmp;
    qs_status st = qs_xlsx_open_temp(to, &tmp, d);
    if (st != QS_OK)
        return st;
    lxw_workbook *wb = workbook_new(qs_fs_tmp_path(&tmp));
    lxw_error err = wb ? fill(wb, ctx) : LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (err == LXW_NO_ERROR) {
        lxw_doc_properties p = {
            .title = (char *)props->title,
            .subject = (char *)props->subject,
            .author = (char *)props->author,
            .company = (char *)props->company,
            .created = props->created,
        };
        err = workbook_set_properties(wb, &p);
    }
    return finish(wb, &tmp, err, kept, d);
}

qs_status qs_xlsx_write(const qs_dest *to, qs_xlsx_fill_fn fill, void *ctx, const qs_xlsx_props *props,
                        qs_diags *d)
{
    return write_book(to, fill, ctx, props, NULL, d);
}

qs_status qs_xlsx_write_new(const qs_dest *to, qs_xlsx_fill_fn fill, void *ctx, const qs_xlsx_props *props,
                            bool *kept, qs_diags *d)
{
    return write_book(to, fill, ctx, props, kept, d);
}

/* ---- the official table's formats and top rows ---- */

lxw_error qs_xlsx_official_formats(lxw_workbook *wb, const qs_fontmap *fm, qs_xlsx_official *f)
{
    unsigned boxed = QS_XLSX_BORDER | QS_XLSX_WRAP;
    f->attachment = qs_xlsx_format(wb, fm, QS_ROLE_HEADER, QS_XLSX_ATTACHMENT_PT, LXW_ALIGN_LEFT, 0);
    f->title = qs_xlsx_format(wb, fm, QS_ROLE_TITLE, QS_XLSX_TITLE_PT, LXW_ALIGN_CENTER, QS_XLSX_WRAP);
    f->header = qs_xlsx_format(wb, fm, QS_ROLE_HEADER, QS_XLSX_HEADER_PT, LXW_ALIGN_CENTER, boxed);
    f->cell = qs_xlsx_format(wb, fm, QS_ROLE_TABLE, QS_XLSX_TABLE_PT, LXW_ALIGN_LEFT, boxed);
    f->centred = qs_xlsx_format(wb, fm, QS_ROLE_TABLE, QS_XLSX_TABLE_PT, LXW_ALIGN_CENTER, boxed);
    if (!f->attachment || !f->title || !f->header || !f->cell || !f->centred)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    return LXW_NO_ERROR;
}

lxw_error qs_xlsx_official_top(lxw_worksheet *ws, const qs_xlsx_official *f, const char *attachment,
                               const char *title, const char *const *header, int n_cols)
{
    /* GB/T 9704: the attachment mark at the top left of the first line */
    lxw_error err = worksheet_write_string(ws, 0, 0, attachment, f->attachment);
    if (err == LXW_NO_ERROR)
        err = worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)(n_cols - 1), title, f->title);
    for (int col = 0; col < n_cols && err == LXW_NO_ERROR; col++)
        err = worksheet_write_string(ws, 2, (lxw_col_t)col, header[col], f->header);
    return err;
}

/* ---- column widths (qs_xlsx_choose_widths) ---- */

/* The narrowest width at which text fits one line of size-point type. */
static int one_line_px(qs_arena *a, const char *text, double size)
{
    int px = 12;
    while (px < QS_XLSX_SHEET_PX && qs_xlsx_text_lines(a, text, px, size, false) > 1)
        px += 4;
    return px;
}

/* The lines of one cell at the widths min + k x step, k = lo..hi, stored
 * stride apart.  Lines never grow with the width, so where both ends of a
 * range agree the range between needs no breaking. */
typedef struct width_lines {
    qs_arena *a;
    const char *text;
    int min, step;
    double size;
    bool list;
    size_t *out, stride;
} width_lines;

static size_t lines_at(width_lines *w, int k)
{
    return qs_xlsx_text_lines(w->a, w->text, w->min + k * w->step, w->size, w->list);
}

static void count_lines(width_lines *w, int lo, int hi, size_t at_lo, size_t at_hi)
{
    w->out[(size_t)lo * w->stride] = at_lo;
    w->out[(size_t)hi * w->stride] = at_hi;
    if (hi - lo < 2)
        return;
    if (at_lo == at_hi) {
        for (int k = lo + 1; k < hi; k++)
            w->out[(size_t)k * w->stride] = at_lo;
        return;
    }
    int mid = lo + (hi - lo) / 2;
    size_t at_mid = lines_at(w, mid);
    count_lines(w, lo, mid, at_lo, at_mid);
    count_lines(w, mid, hi, at_mid, at_hi);
}

/* Every split of the room between the flexible columns, the first taking
 * the most first: lines[(f x (steps + 1) + k) x n + r] for column f at
 * step k and row r; floor[r], the lines the fixed columns need. */
typedef struct width_split {
    const size_t *lines, *floor;
    size_t n, best;
    int n_flex, steps, *k, *pick;
} width_split;

static void try_splits(width_split *s, int f, int left)
{
    if (f == s->n_flex - 1) {
        s->k[f] = left;
        size_t total = 0;
        for (size_t r = 0; r < s->n && total < s->best; r++) {
            size_t l = s->floor[r];
            for (int g = 0; g < s->n_flex; g++) {
                size_t lg = s->lines[((size_t)g * (size_t)(s->steps + 1) + (size_t)s->k[g]) * s->n + r];
                l = lg > l ? lg : l;
            }
            total += l;
        }
        if (total < s->best) {
            s->best = total;
            memcpy(s->pick, s->k, (size_t)s->n_flex * sizeof *s->k);
        }
        return;
    }
    for (s->k[f] = left; s->k[f] >= 0; s->k[f]--)
        try_splits(s, f + 1, left - s->k[f]);
}

void qs_xlsx_choose_widths(const qs_xlsx_widths *w, int *px)
{
    qs_arena *a = qs_arena_new();
    size_t n = w->n_rows;
    int *flex = qs_arena_calloc(a, (size_t)w->n_cols, sizeof *flex); /* the flexible columns */
    int *min = qs_arena_calloc(a, (size_t)w->n_cols, sizeof *min);   /* per flexible column */
    int n_flex = 0, room = w->sheet_px;
    for (int col = 0; col < w->n_cols; col++) {
        px[col] = w->fixed_px[col];
        room -= w->fixed_px[col];
        if (!w->fixed_px[col])
            flex[n_flex++] = col;
    }
    for (int f = 0; f < n_flex; f++) {
        min[f] = one_line_px(a, w->header[flex[f]], w->header_size);
        room -= min[f];
    }
    if (!n_flex) {
        qs_arena_free(a);
        return;
    }
    int steps = room > 0 ? room / w->step_px : 0;
    size_t *floor = qs_arena_calloc(a, n ? n : 1, sizeof *floor);
    size_t *lines = qs_arena_calloc(a, (size_t)n_flex * (size_t)(steps + 1) * (n ? n : 1), sizeof *lines);
    for (size_t r = 0; r < n; r++) {
        for (int col = 0; col < w->n_cols; col++) {
            const char *text = w->fixed_px[col] ? w->cell(w->ctx, r, col) : NULL;
            if (text) {
                size_t l = qs_xlsx_text_lines(a, text, px[col], w->size, w->list && w->list[col]);
                floor[r] = l > floor[r] ? l : floor[r];
            }
        }
        for (int f = 0; f < n_flex; f++) {
            const char *text = w->cell(w->ctx, r, flex[f]);
            width_lines wl = {.a = a,
                              .text = text ? text : "",
                              .min = min[f],
                              .step = w->step_px,
                              .size = w->size,
                              .list = w->list && w->list[flex[f]],
                              .out = &lines[(size_t)f * (size_t)(steps + 1) * n + r],
                              .stride = n};
            count_lines(&wl, 0, steps, lines_at(&wl, 0), lines_at(&wl, steps));
        }
    }
    int *k = qs_arena_calloc(a, (size_t)n_flex, sizeof *k);
    int *pick = qs_arena_calloc(a, (size_t)n_flex, sizeof *pick);
    pick[0] = steps;
    width_split split = {lines, floor, n, (size_t)-1, n_flex, steps, k, pick};
    try_splits(&split, 0, steps);
    for (int f = 0; f < n_flex; f++)
        px[flex[f]] = min[f] + pick[f] * w->step_px;
    px[flex[0]] += room > 0 ? room - steps * w->step_px : 0;
    qs_arena_free(a);
}
