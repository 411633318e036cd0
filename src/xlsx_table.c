/* xlsx_table.c - the official table as an xlsx workbook (stage 4: render).
 *
 * Reads the logical table (table.c), the strings and the font map; writes one
 * sheet laid out like the seed's attachment: 附件, the title, the header row,
 * one row per indicator with 类别 and 指标内容 merged.  Row heights come from
 * the layout engine's line breaker: Excel fits no merged cell, LibreOffice no
 * cell of a generated file.  Writes PATH.tmp-XXXXXX and renames it over PATH
 * only once libxlsxwriter reports success, so no partial file is ever left.
 * Never changes the table; never includes libxml2.
 */
#include "render.h"

#include "arena.h"
#include "layout.h"

#include <xlsxwriter.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Sheet rows (0-based): 附件, the title, the header, then the indicators. */
enum { ROW_ATTACHMENT, ROW_TITLE, ROW_HEADER, ROW_FIRST };

/* Font sizes in points.  GB/T 9704 (notes/formal-layout.md 1.4): 附件 in 3号
 * (16 pt) 黑体, the title in 2号 (22 pt) 小标宋; the header in 小四 (12 pt), the
 * cells in 11 pt: the sizes of the table PDF (pdf_table.c). */
#define SIZE_ATTACHMENT 16.0
#define SIZE_TITLE 22.0
#define SIZE_HEADER 12.0
#define SIZE_TABLE 11.0

/* Column widths.  Excel measures a column in characters of the default
 * font's digit (Calibri 11: 7 px at 96 dpi) and draws width w as
 *     px = trunc(7 * w + 0.5) + 5 pixels (w >= 1),   1 px = 72 / 96 = 0.75 pt,
 * so we choose pixels and pass w = (px - 5) / 7.  A4 landscape less two
 * 1.5 cm margins prints 756.9 pt = 1009 px.  LibreOffice 7.4 draws w x 5.53 pt
 * instead (measured with Carlito standing in for Calibri), 6 % wider, and
 * without Carlito about 1.34 x wider.  The table takes 960 px: 720 pt in
 * Excel, about 735 pt in LibreOffice, so fit-to-width prints at 100 %. */
#define PT_PER_PX 0.75
#define TABLE_PX 960
#define PX_PER_CHAR 7.0
#define COLUMN_PAD_PX 5.0

/* Row heights.  A cell needs
 *     lines x size x LINE_FACTOR + ROW_PAD_PT   points,
 * lines being what qs_layout_break_list (clreq rules, qs_layout_em_estimate:
 * CJK 1 em, Latin 0.5 em) makes of its text at a line width of
 *     (column px, summed over a horizontal merge, - 2 x CELL_PAD_PX) x 0.75 / size  ems.
 * LibreOffice 7.4 sets WenQuanYi Zen Hei (its stand-in for 仿宋_GB2312) 1.27 em
 * apart and fits 6-7 % more per line than this estimate (Excel was not
 * at hand to measure): LINE_FACTOR 1.35 errs on the side of space.  A vertical
 * merge needs the sum of its rows; any shortfall is spread evenly over them.
 * Heights are rounded up to whole pixels and capped at Excel's 409 pt; then
 * rows grow where a merged label would be cut by a page break (below). */
#define LINE_FACTOR 1.35
#define CELL_PAD_PX 4.0
#define ROW_PAD_PT 6.0
#define TITLE_PAD_PT 14.0
#define MAX_ROW_PT 409.0

/* Print setup of an official attachment, in inches (libxlsxwriter's unit). */
#define CM 0.3937007874015748
#define MARGIN_SIDE (1.5 * CM)
#define MARGIN_TOP (2.0 * CM)
#define MARGIN_BOTTOM (2.0 * CM)
#define MARGIN_FOOTER (1.0 * CM)
#define PAPER_A4 9
/* the printed body of an A4 landscape page (210 mm high), points */
#define PAGE_BODY_PT (210.0 / 25.4 * 72 - (MARGIN_TOP + MARGIN_BOTTOM) * 72)
#define LABEL_CLEAR_PT 3.0 /* room between a moved label and the page edge */
#define FOOTER_SIZE 14 /* points: 4号, as the page numbers of GB/T 9704 */

typedef struct sheet {
    const qs_table *t;
    const qs_render_opts *o;
    qs_arena *arena;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *attachment, *title, *header, *cell, *cell_centred;
    int px[QS_COL_COUNT]; /* column widths in pixels */
    double *height;       /* points, per sheet row */
    size_t n_rows;        /* sheet rows */
    const char *path;     /* for diagnostics */
    qs_diags *d;
} sheet;

#define TRY(call)                                                                                  \
    do {                                                                                           \
        if ((err = (call)) != LXW_NO_ERROR)                                                        \
            goto cleanup;                                                                          \
    } while (0)

static const char *family(const sheet *s, qs_font_role role)
{
    return s->o->fontmap ? qs_fontmap_family(s->o->fontmap, role, 0) : NULL;
}

/* One sheet, named by strings key table.sheet (checked by Excel's rules first). */
static lxw_error add_sheet(sheet *s)
{
    lxw_error err = workbook_validate_sheet_name(s->wb, s->t->sheet);
    if (err != LXW_NO_ERROR)
        return err;
    s->ws = workbook_add_worksheet(s->wb, s->t->sheet);
    return s->ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
}

static lxw_format *new_format(sheet *s, qs_font_role role, double size, bool border)
{
    lxw_format *f = workbook_add_format(s->wb);
    if (!f)
        return NULL;
    const char *name = family(s, role);
    if (name)
        format_set_font_name(f, name);
    format_set_font_size(f, size);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (border) {
        format_set_border(f, LXW_BORDER_THIN);
        format_set_text_wrap(f);
    }
    return f;
}

/* The five cell styles: 附件 (黑体), title (小标宋), header (黑体), cells (仿宋). */
static lxw_error add_formats(sheet *s)
{
    s->attachment = new_format(s, QS_ROLE_HEADER, SIZE_ATTACHMENT, false);
    s->title = new_format(s, QS_ROLE_TITLE, SIZE_TITLE, false);
    s->header = new_format(s, QS_ROLE_HEADER, SIZE_HEADER, true);
    s->cell = new_format(s, QS_ROLE_TABLE, SIZE_TABLE, true);
    s->cell_centred = new_format(s, QS_ROLE_TABLE, SIZE_TABLE, true);
    if (!s->attachment || !s->title || !s->header || !s->cell || !s->cell_centred)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    format_set_align(s->attachment, LXW_ALIGN_LEFT);
    format_set_align(s->title, LXW_ALIGN_CENTER);
    format_set_text_wrap(s->title);
    format_set_align(s->header, LXW_ALIGN_CENTER);
    format_set_align(s->cell, LXW_ALIGN_LEFT);
    format_set_align(s->cell_centred, LXW_ALIGN_CENTER);
    return LXW_NO_ERROR;
}

/* Column widths in the proportions of the official table (table.c). */
static lxw_error set_columns(sheet *s)
{
    for (int col = 0; col < QS_COL_COUNT; col++) {
        int px = (int)floor(TABLE_PX * s->t->width[col] + 0.5);
        if (px < 12)
            px = 12; /* the formula above holds from one character (12 px) up */
        s->px[col] = px;
        lxw_error err = worksheet_set_column(s->ws, (lxw_col_t)col, (lxw_col_t)col,
                                             (px - COLUMN_PAD_PX) / PX_PER_CHAR, NULL);
        if (err != LXW_NO_ERROR)
            return err;
    }
    return LXW_NO_ERROR;
}

/* GB/T 9704: "附件" at the top left of the first line, 黑体. */
static lxw_error write_attachment_line(sheet *s)
{
    return worksheet_write_string(s->ws, ROW_ATTACHMENT, 0, s->t->attachment, s->attachment);
}

/* The title, centred over the six columns, 小标宋. */
static lxw_error write_title(sheet *s)
{
    return worksheet_merge_range(s->ws, ROW_TITLE, 0, ROW_TITLE, QS_COL_COUNT - 1, s->t->title,
                                 s->title);
}

/* 序号 · 类别 · 指标内容 · 分数 · 评分方法 · 责任单位, 黑体, centred. */
static lxw_error write_header(sheet *s)
{
    for (int col = 0; col < QS_COL_COUNT; col++) {
        lxw_error err = worksheet_write_string(s->ws, ROW_HEADER, (lxw_col_t)col,
                                               s->t->header[col], s->header);
        if (err != LXW_NO_ERROR)
            return err;
    }
    return LXW_NO_ERROR;
}

/* text as an Excel number when it reads back as the same text ("22", "0.5") */
static bool as_number(const char *text, double *v)
{
    char *end, back[32];
    if (!*text || (*text != '-' && (*text < '0' || *text > '9')))
        return false;
    errno = 0;
    *v = strtod(text, &end);
    if (*end || errno || !isfinite(*v))
        return false;
    snprintf(back, sizeof back, "%.15g", *v);
    return !strcmp(back, text);
}

static lxw_error write_cell(sheet *s, lxw_row_t row, int col, const char *text, int span)
{
    lxw_format *f = s->t->centre[col] ? s->cell_centred : s->cell;
    double v;
    if (span > 1)
        return worksheet_merge_range(s->ws, row, (lxw_col_t)col, row + (lxw_row_t)span - 1,
                                     (lxw_col_t)col, text, f);
    if (!*text)
        return worksheet_write_blank(s->ws, row, (lxw_col_t)col, f);
    if ((col == QS_COL_NO || col == QS_COL_POINTS) && as_number(text, &v))
        return worksheet_write_number(s->ws, row, (lxw_col_t)col, v, f);
    return worksheet_write_string(s->ws, row, (lxw_col_t)col, text, f);
}

/* One row per indicator; 类别 and 指标内容 merged over their spans (seed rows
 * 1-31); a bonus row's 分数 and a row without a group stay empty, bordered. */
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

/* Points needed by text in size-point type across px pixels (see above);
 * a list of unit names breaks between names, as the PDF does. */
static double text_height(sheet *s, const char *text, int px, double size, bool list)
{
    double width_em = ((px - 2 * CELL_PAD_PX) * PT_PER_PX) / size;
    qs_line *lines;
    size_t n = qs_layout_break_list(text, width_em, qs_layout_em_estimate, NULL, list, s->arena,
                                    &lines);
    return (double)n * size * LINE_FACTOR + ROW_PAD_PT;
}

static int span_px(const sheet *s, int first, int last)
{
    int px = 0;
    for (int col = first; col <= last; col++)
        px += s->px[col];
    return px;
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
    int all = span_px(s, 0, QS_COL_COUNT - 1);
    need(&h[ROW_ATTACHMENT], text_height(s, t->attachment, all, SIZE_ATTACHMENT, false));
    need(&h[ROW_TITLE], text_height(s, t->title, all, SIZE_TITLE, false) + TITLE_PAD_PT);
    for (int col = 0; col < QS_COL_COUNT; col++)
        need(&h[ROW_HEADER], text_height(s, t->header[col], s->px[col], SIZE_HEADER, false));

    for (size_t r = 0; r < t->n_rows; r++)
        for (int col = 0; col < QS_COL_COUNT; col++)
            if (t->rows[r].span[col] == 1)
                need(&h[ROW_FIRST + r], text_height(s, t->rows[r].cell[col], s->px[col],
                                                    SIZE_TABLE, col == QS_COL_UNITS));

    for (int col = 0; col < QS_COL_COUNT; col++)
        for (size_t r = 0; r < t->n_rows; r++) {
            size_t span = (size_t)t->rows[r].span[col];
            if (span < 2)
                continue;
            if (span > t->n_rows - r)
                span = t->n_rows - r;
            double want = text_height(s, t->rows[r].cell[col], s->px[col], SIZE_TABLE,
                                      col == QS_COL_UNITS);
            double have = 0;
            for (size_t i = 0; i < span; i++)
                have += h[ROW_FIRST + r + i];
            for (size_t i = 0; want > have && i < span; i++)
                h[ROW_FIRST + r + i] += (want - have) / (double)span;
        }
}

/* Rounds every height up to a whole pixel, within Excel's limit (warned). */
static void round_heights(sheet *s)
{
    for (size_t row = 0; row < s->n_rows; row++) {
        double pt = ceil(s->height[row] / PT_PER_PX - 1e-9) * PT_PER_PX;
        if (pt > MAX_ROW_PT) {
            qs_srcpos pos = {s->path, 0};
            qs_diag_warning(s->d, pos,
                            "row %zu needs %.0f pt, more than Excel's %.0f pt: its text may be cut off",
                            row + 1, pt, MAX_ROW_PT);
            pt = MAX_ROW_PT;
        }
        s->height[row] = pt;
    }
}

/* The first sheet row of the page after the one that starts at row first,
 * as Excel paginates at 100 %: whole rows, the header row repeated on every
 * page but the first.  n_rows when the sheet ends on this page. */
static size_t next_page(const sheet *s, size_t first)
{
    double used = first > ROW_HEADER ? s->height[ROW_HEADER] : 0;
    size_t row = first;
    while (row < s->n_rows && (row == first || used + s->height[row] <= PAGE_BODY_PT))
        used += s->height[row++];
    return row;
}

/* Excel and LibreOffice centre a merged label in its whole range and cut it
 * at the page edge.  Where a label of a span that runs over a page break
 * would be cut, the span's rows on the later page grow until the label lies
 * wholly below the break; rows above it do not move.  True if one grew. */
static bool move_a_cut_label(sheet *s)
{
    const qs_table *t = s->t;
    for (size_t brk = next_page(s, 0); brk < s->n_rows; brk = next_page(s, brk)) {
        double y_break = 0;
        for (size_t row = 0; row < brk; row++)
            y_break += s->height[row];
        for (int col = 0; col < QS_COL_COUNT; col++)
            for (size_t r = 0; r < t->n_rows; r++) {
                size_t first = ROW_FIRST + r, end = first + (size_t)t->rows[r].span[col];
                if (t->rows[r].span[col] < 2 || first >= brk || end <= brk || end > s->n_rows)
                    continue;
                double top = y_break, bottom = y_break;
                for (size_t row = first; row < brk; row++)
                    top -= s->height[row];
                for (size_t row = brk; row < end; row++)
                    bottom += s->height[row];
                double half = (text_height(s, t->rows[r].cell[col], s->px[col], SIZE_TABLE, false) -
                               ROW_PAD_PT) / 2 + LABEL_CLEAR_PT;
                double mid = (top + bottom) / 2;
                if (mid + half <= y_break || mid - half >= y_break)
                    continue;
                double grow = 2 * (y_break + half - mid) / (double)(end - brk);
                for (size_t row = brk; row < end; row++)
                    s->height[row] = fmin(ceil((s->height[row] + grow) / PT_PER_PX) * PT_PER_PX,
                                          MAX_ROW_PT);
                return true;
            }
    }
    return false;
}

/* Every row gets an explicit height (LibreOffice fits none of them). */
static lxw_error set_row_heights(sheet *s)
{
    compute_heights(s);
    round_heights(s);
    for (size_t guard = 0; guard < 4 * s->n_rows && move_a_cut_label(s); guard++)
        ;
    for (size_t row = 0; row < s->n_rows; row++) {
        lxw_error err = worksheet_set_row(s->ws, (lxw_row_t)row, s->height[row], NULL);
        if (err != LXW_NO_ERROR)
            return err;
    }
    return LXW_NO_ERROR;
}

/* table.footer with {page}/{pages} as &P/&N, centred, in the page-number font. */
static const char *footer_text(sheet *s)
{
    const char *tpl = s->o->strings ? qs_strings_get(s->o->strings, "table.footer") : NULL;
    const char *font = family(s, QS_ROLE_PAGENUM);
    size_t len = strlen(tpl ? tpl : "");
    char *out = qs_arena_alloc(s->arena, 2 * len + (font ? strlen(font) : 0) + 32), *o = out;
    o += sprintf(o, "&C");
    if (font && !strpbrk(font, "\",&"))
        o += sprintf(o, "&\"%s,Regular\"", font);
    if (!tpl || *tpl < '0' || *tpl > '9') /* a digit right after &12 would read as its size */
        o += sprintf(o, "&%d", FOOTER_SIZE);
    for (const char *p = tpl ? tpl : ""; *p;) {
        if (!strncmp(p, "{pages}", 7)) {
            o += sprintf(o, "&N");
            p += 7;
        } else if (!strncmp(p, "{page}", 6)) {
            o += sprintf(o, "&P");
            p += 6;
        } else if (*p == '&') {
            o += sprintf(o, "&&");
            p++;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

/* A4 landscape, official margins, centred, one page wide, header row on
 * every page, footer 第 &P 页 共 &N 页, panes frozen under the header. */
static lxw_error set_print_setup(sheet *s)
{
    worksheet_set_paper(s->ws, PAPER_A4);
    worksheet_set_landscape(s->ws);
    worksheet_set_margins(s->ws, MARGIN_SIDE, MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM);
    worksheet_center_horizontally(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    worksheet_freeze_panes(s->ws, ROW_FIRST, 0);
    lxw_error err = worksheet_repeat_rows(s->ws, ROW_HEADER, ROW_HEADER);
    if (err != LXW_NO_ERROR)
        return err;
    lxw_header_footer_options fo = {.margin = MARGIN_FOOTER};
    return worksheet_set_footer_opt(s->ws, footer_text(s), &fo);
}

/* Title, subject, author, company; created from the epoch, so that two runs
 * with the same SOURCE_DATE_EPOCH give the same bytes. */
static lxw_error set_properties(sheet *s)
{
    lxw_doc_properties p = {
        .title = (char *)s->t->title,
        .subject = (char *)s->t->subject,
        .author = (char *)s->t->author,
        .company = (char *)s->t->region,
        .created = s->o->epoch,
    };
    return workbook_set_properties(s->wb, &p);
}

static qs_status io_failure(const char *path, qs_diags *d, int errnum)
{
    qs_srcpos pos = {path, 0};
    qs_diag_error(d, pos, "cannot write: %s", strerror(errnum));
    return QS_ERR_IO;
}

/* Checks that path's folder can take a new file, then creates the empty
 * temporary file PATH.tmp-XXXXXX beside it (mode as a new file would get). */
static qs_status open_temp(const char *path, qs_arena *a, char **tmp, qs_diags *d)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? qs_arena_strndup(a, path, slash == path ? 1 : (size_t)(slash - path))
                      : qs_arena_strdup(a, ".");
    struct stat st;
    if (stat(dir, &st) != 0)
        return io_failure(path, d, errno);
    if (!S_ISDIR(st.st_mode))
        return io_failure(path, d, ENOTDIR);
    if (access(dir, W_OK | X_OK) != 0)
        return io_failure(path, d, errno);

    char *name = qs_arena_printf(a, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(name);
    if (fd < 0)
        return io_failure(path, d, errno);
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || close(fd) != 0) {
        int e = errno;
        unlink(name);
        return io_failure(path, d, e);
    }
    *tmp = name;
    return QS_OK;
}

/* The finished temporary file, flushed to disk, renamed over path. */
static qs_status commit(const char *tmp, const char *path, qs_diags *d)
{
    int fd = open(tmp, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        return io_failure(path, d, e);
    }
    return QS_OK;
}

qs_status qs_render_table_xlsx(const qs_table *t, const char *path, const qs_render_opts *o,
                               qs_diags *d)
{
    sheet s = {.t = t, .o = o, .arena = qs_arena_new(), .path = path, .d = d};
    s.n_rows = ROW_FIRST + t->n_rows;
    s.height = qs_arena_calloc(s.arena, s.n_rows, sizeof *s.height);
    lxw_error err = LXW_NO_ERROR;
    char *tmp = NULL;
    qs_status st = open_temp(path, s.arena, &tmp, d);
    if (st != QS_OK)
        goto cleanup;

    s.wb = workbook_new(tmp);
    if (!s.wb) {
        err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        goto cleanup;
    }
    TRY(add_sheet(&s));
    TRY(add_formats(&s));
    TRY(set_columns(&s));
    TRY(write_attachment_line(&s));
    TRY(write_title(&s));
    TRY(write_header(&s));
    TRY(write_rows(&s));
    TRY(set_row_heights(&s));
    TRY(set_print_setup(&s));
    TRY(set_properties(&s));

cleanup:
    if (s.wb) {
        lxw_error closed = workbook_close(s.wb); /* frees the workbook, even after an error */
        if (err == LXW_NO_ERROR)
            err = closed;
    }
    if (tmp && err != LXW_NO_ERROR) {
        unlink(tmp);
        qs_srcpos pos = {path, 0};
        qs_diag_error(d, pos, "cannot write: %s", lxw_strerror(err));
        st = err == LXW_ERROR_CREATING_XLSX_FILE ? QS_ERR_IO : QS_ERR_XLSX;
    } else if (tmp) {
        st = commit(tmp, path, d);
    }
    qs_arena_free(s.arena);
    return st;
}
