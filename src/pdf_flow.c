/* pdf_flow.c - page-level layout shared by the PDF documents (stage 4).
 *
 * Reads texts and styles; writes pages through pdf_doc.c.  Rules: clreq
 * (justified lines, the space going between Han characters), GB/T 9704
 * (page numbers in size 4 between em dashes, 7 mm below the text block,
 * odd pages right and even pages left, one character in), and the usual
 * typesetting of Chinese official documents (a heading never ends a page;
 * a paragraph leaves no line alone at a page's top or bottom; a table's
 * header repeats on each page).
 */
#include "pdf_flow.h"
#include "utf8.h"

#include <math.h>
#include <string.h>

void qs_flow_put(qs_flow *f, const qs_pdf_style *s, double x, double y, const char *text, size_t len)
{
    if (f->dry) {
        const char *t = qs_arena_strndup(f->a, text, len);
        f->ok &= s->outlines ? qs_pdf_need_shapes(f->pdf, s->role, t, f->where, f->what)
                             : qs_pdf_need(f->pdf, s->role, t, f->where, f->what);
        return;
    }
    qs_pdf_text(f->pdf, f->page, s, x, y, text, len);
}

qs_layout_opts qs_flow_opts(const qs_pdf_style *s, double width, bool justify)
{
    qs_layout_opts o = {.width = width, .em = s->size, .justify = justify, .compress = true};
    return o;
}

void qs_flow_line(qs_flow *f, const qs_pdf_style *s, double x, double y, const char *text, const qs_line *ln,
                  const qs_layout_opts *o)
{
    if (f->dry) {
        qs_flow_put(f, s, x, y, text + ln->start, ln->end - ln->start);
        return;
    }
    qs_arena_pos scratch = qs_arena_tell(f->a);
    qs_placed *pl;
    size_t n = qs_layout_place(text, ln, o, qs_pdf_measure, (void *)s, f->a, &pl);
    qs_pdf_draw(f->pdf, f->page, s, x, y, text, pl, n);
    qs_arena_rewind(f->a, scratch);
}

static double block_top(const qs_flow *f)
{
    return f->page_h - f->top;
}

/* the draft mark, large and light, under everything else on the page */
static void draw_mark(qs_flow *f)
{
    const qs_pdf_style *s = &f->mark_style;
    double w = qs_pdf_width(s, f->mark, strlen(f->mark));
    if (f->dry) {
        qs_flow_put(f, s, 0, 0, f->mark, strlen(f->mark));
        return;
    }
    HPDF_Page_GSave(f->page);
    HPDF_Page_SetRGBFill(f->page, 0.86f, 0.86f, 0.86f);
    /* 35 degrees about the page centre */
    HPDF_Page_Concat(f->page, 0.8191f, 0.5736f, -0.5736f, 0.8191f, (HPDF_REAL)(f->page_w / 2),
                     (HPDF_REAL)(f->page_h / 2));
    qs_flow_put(f, s, -w / 2, -s->size / 3, f->mark, strlen(f->mark));
    HPDF_Page_GRestore(f->page);
}

const char *qs_page_number_text(qs_arena *a, int n)
{
    return qs_arena_printf(a, "\xE2\x80\x94 %d \xE2\x80\x94", n); /* — 1 — */
}

double qs_page_number_x(const qs_pdf_style *s, double width, int n, double page_w, double left, double right)
{
    /* GB/T 9704 section 7.5: odd pages at the right, even at the left, one character in */
    return n % 2 ? page_w - right - s->size - width : left + s->size;
}

static void draw_page_number(qs_flow *f)
{
    const qs_pdf_style *s = &f->pageno_style;
    const char *text = qs_page_number_text(f->a, f->n_pages);
    double w = qs_pdf_width(s, text, strlen(text));
    double y = f->bottom - QS_MM(7) - s->size * 0.8;
    qs_flow_put(f, s, qs_page_number_x(s, w, f->n_pages, f->page_w, f->left, f->right), y, text, strlen(text));
}

void qs_flow_new_page(qs_flow *f)
{
    f->page = f->dry ? NULL : qs_pdf_page(f->pdf, f->page_w, f->page_h);
    f->n_pages++;
    if (f->mark)
        draw_mark(f);
    draw_page_number(f);
    f->y = block_top(f);
}

int qs_flow_lines_left(const qs_flow *f)
{
    return (int)floor((f->y - f->bottom) / f->pitch + 1e-6);
}

void qs_flow_need(qs_flow *f, double height)
{
    if (f->y - height < f->bottom - 0.01)
        qs_flow_new_page(f);
}

double qs_flow_baseline(const qs_pdf_style *s, double y, double h)
{
    return y - (h - s->size) / 2 - s->size * 0.86;
}

void qs_flow_skip(qs_flow *f, int n)
{
    f->y -= f->pitch * n;
}

static void draw_line(qs_flow *f, const qs_pdf_style *s, const char *text, const qs_line *ln,
                      const qs_layout_opts *o)
{
    qs_flow_line(f, s, f->left, qs_flow_baseline(s, f->y, f->pitch), text, ln, o);
    f->y -= f->pitch;
}

void qs_flow_paragraph(qs_flow *f, const qs_pdf_style *s, const char *text, bool indent)
{
    /* justified, the first line indented exactly two characters */
    qs_layout_opts o = qs_flow_opts(s, f->width, true);
    o.indent = indent ? 2 * qs_pdf_measure((void *)s, 0x4E00) : 0; /* two characters of the grid, tracking included */
    qs_line *lines;
    int n = (int)qs_layout_lines(text, &o, qs_pdf_measure, (void *)s, f->a, &lines);
    int i = 0;
    while (i < n) {
        int left = qs_flow_lines_left(f), rest = n - i;
        if (rest <= left) {
            for (; i < n; i++)
                draw_line(f, s, text, &lines[i], &o);
            break;
        }
        int k = left;
        if (rest - k == 1)
            k--; /* two lines go over, never a widow */
        if (k < 2) { /* nor an orphan: start on the next page */
            qs_flow_new_page(f);
            continue;
        }
        for (int j = 0; j < k; j++, i++)
            draw_line(f, s, text, &lines[i], &o);
        qs_flow_new_page(f);
    }
}

void qs_flow_heading(qs_flow *f, const qs_pdf_style *s, const char *text, bool bookmark)
{
    if (qs_flow_lines_left(f) < 3)
        qs_flow_new_page(f);
    if (bookmark && !f->dry)
        qs_pdf_outline(f->pdf, f->page, f->y, text);
    qs_flow_paragraph(f, s, text, true);
}

/* A two-line title breaks where a phrase ends, not inside a word: before
 * an opening quote or bracket, or after a closing one (GB/T 9704 section
 * 7.3.1: lines keep words whole and are symmetrical).  The byte offset of
 * the most balanced such break that fits, or 0. */
static size_t phrase_break(const qs_pdf_style *s, const char *text, double width)
{
    size_t len = strlen(text), best = 0;
    double best_diff = 1e9, total = qs_pdf_width(s, text, len);
    for (size_t i = 1; i < len;) {
        uint32_t prev, cp;
        size_t back = i - 1;
        while (back > 0 && ((unsigned char)text[back] & 0xC0) == 0x80)
            back--;
        qs_utf8_decode(text + back, i - back, &prev);
        size_t n = qs_utf8_decode(text + i, len - i, &cp);
        bool phrase = qs_layout_no_end(cp) || (qs_layout_no_start(prev) && !qs_layout_no_start(cp));
        if (phrase) {
            double w1 = qs_pdf_width(s, text, i), w2 = total - w1;
            double diff = w1 > w2 ? w1 - w2 : w2 - w1;
            if (w1 <= width && w2 <= width && diff < best_diff) {
                best = i;
                best_diff = diff;
            }
        }
        i += n ? n : 1;
    }
    return best;
}

size_t qs_flow_balanced(qs_arena *a, const qs_pdf_style *s, const char *text, qs_layout_opts o, qs_line **out)
{
    size_t n = qs_layout_lines(text, &o, qs_pdf_measure, (void *)s, a, out);
    if (n < 2)
        return n;
    double lo = o.width / 2, hi = o.width;
    for (int i = 0; i < 12; i++) {
        qs_layout_opts m = o;
        m.width = (lo + hi) / 2;
        qs_line *l;
        if (qs_layout_lines(text, &m, qs_pdf_measure, (void *)s, a, &l) > n)
            lo = m.width;
        else
            hi = m.width;
    }
    o.width = hi;
    return qs_layout_lines(text, &o, qs_pdf_measure, (void *)s, a, out);
}

void qs_flow_centred(qs_flow *f, const qs_pdf_style *s, const char *text, double pitch)
{
    qs_layout_opts o = qs_flow_opts(s, f->width, false);
    qs_line *lines;
    size_t n = qs_layout_lines(text, &o, qs_pdf_measure, (void *)s, f->a, &lines);
    size_t cut = n == 2 ? phrase_break(s, text, f->width) : 0;
    if (cut) {
        lines[0].start = 0;
        lines[0].end = cut;
        lines[0].width = qs_pdf_width(s, text, cut);
        lines[1].start = cut;
        lines[1].end = strlen(text);
        lines[1].width = qs_pdf_width(s, text + cut, strlen(text) - cut);
    } else if (n > 1) {
        n = qs_flow_balanced(f->a, s, text, o, &lines); /* otherwise balanced */
    }
    qs_flow_need(f, (double)n * pitch);
    for (size_t i = 0; i < n; i++) {
        double x = f->left + (f->width - lines[i].width) / 2;
        qs_flow_line(f, s, x, qs_flow_baseline(s, f->y, pitch), text, &lines[i], &o);
        f->y -= pitch;
    }
}

/* ---- tables ---- */

#define MAX_COLS 32
#define PAD 4.0
#define LEADING 1.4
#define SMALL_TABLE 10 /* rows: a table up to this long is kept on one page */

typedef struct cells {
    qs_line *lines[MAX_COLS];
    size_t n[MAX_COLS];
    double h;
} cells;

/* a cell's text: centred cells (and every header cell) balanced, list
 * cells broken between names, the others justified */
static qs_layout_opts cell_opts(const qs_flow *f, const qs_pdf_style *s, const qs_flow_column *col, bool header)
{
    qs_layout_opts o = qs_flow_opts(s, col->share * f->width - 2 * PAD, !header && !col->centre && !col->list);
    o.list = col->list;
    return o;
}

static cells measure_row(qs_flow *f, const qs_pdf_style *s, const qs_flow_column *cols, int n,
                         const char *const *text, bool header)
{
    cells c;
    memset(&c, 0, sizeof c);
    for (int i = 0; i < n && i < MAX_COLS; i++) {
        qs_layout_opts o = cell_opts(f, s, &cols[i], header);
        c.n[i] = header || cols[i].centre ? qs_flow_balanced(f->a, s, text[i], o, &c.lines[i])
                                          : qs_layout_lines(text[i], &o, qs_pdf_measure, (void *)s, f->a, &c.lines[i]);
        double h = (double)c.n[i] * s->size * LEADING + 2 * PAD;
        if (h > c.h)
            c.h = h;
    }
    return c;
}

/* header: every cell centred, whatever its column's alignment */
static void draw_row(qs_flow *f, const qs_pdf_style *s, const qs_flow_column *cols, int n,
                     const char *const *text, const cells *c, bool header)
{
    double x = f->left;
    double lh = s->size * LEADING;
    for (int i = 0; i < n && i < MAX_COLS; i++) {
        double w = cols[i].share * f->width;
        if (!f->dry) {
            HPDF_Page_SetLineWidth(f->page, 0.6f);
            HPDF_Page_Rectangle(f->page, (HPDF_REAL)x, (HPDF_REAL)(f->y - c->h), (HPDF_REAL)w, (HPDF_REAL)c->h);
            HPDF_Page_Stroke(f->page);
        }
        double top = f->y - (c->h - (double)c->n[i] * lh) / 2;
        for (size_t k = 0; k < c->n[i]; k++) {
            const qs_line *ln = &c->lines[i][k];
            double lx = cols[i].centre || header ? x + (w - ln->width) / 2 : x + PAD;
            qs_layout_opts o = cell_opts(f, s, &cols[i], header);
            qs_flow_line(f, s, lx, qs_flow_baseline(s, top - (double)k * lh, lh), text[i], ln, &o);
        }
        x += w;
    }
    f->y -= c->h;
}

void qs_flow_table(qs_flow *f, const qs_pdf_style *caption_style, const char *caption,
                   const qs_pdf_style *head, const qs_pdf_style *cell, const qs_flow_column *cols,
                   int n, const char *const *rows, size_t n_rows)
{
    const char *header[MAX_COLS];
    for (int i = 0; i < n && i < MAX_COLS; i++)
        header[i] = cols[i].head;
    cells hc = measure_row(f, head, cols, n, header, true);
    cells first = n_rows ? measure_row(f, cell, cols, n, rows, false) : hc;
    double cap_h = caption ? f->pitch : 0;
    if (n_rows <= SMALL_TABLE) {
        /* a small table is never split: it moves whole to the next page if it fits there */
        qs_arena_pos scratch = qs_arena_tell(f->a);
        double h = cap_h + hc.h;
        for (size_t i = 0; i < n_rows; i++)
            h += measure_row(f, cell, cols, n, rows + i * (size_t)n, false).h;
        qs_arena_rewind(f->a, scratch);
        if (h <= block_top(f) - f->bottom)
            qs_flow_need(f, h);
    }
    /* the caption, the header and a first row stay together */
    qs_flow_need(f, cap_h + hc.h + first.h);
    if (caption)
        qs_flow_centred(f, caption_style, caption, f->pitch);
    draw_row(f, head, cols, n, header, &hc, true);
    for (size_t i = 0; i < n_rows; i++) {
        qs_arena_pos scratch = qs_arena_tell(f->a); /* a row's lines, once drawn, are dropped */
        const char *const *row = rows + i * (size_t)n;
        cells c = measure_row(f, cell, cols, n, row, false);
        if (f->y - c.h < f->bottom) {
            qs_flow_new_page(f);
            draw_row(f, head, cols, n, header, &hc, true);
        }
        draw_row(f, cell, cols, n, row, &c, false);
        qs_arena_rewind(f->a, scratch);
    }
    /* back onto the line grid */
    double used = block_top(f) - f->y;
    f->y = block_top(f) - ceil(used / f->pitch - 1e-6) * f->pitch;
}

qs_status qs_flow_run(qs_flow *f, void (*write)(void *ctx), void *ctx)
{
    f->dry = true;
    f->ok = true;
    write(ctx);
    if (!f->ok)
        return QS_ERR_INPUT;
    qs_status st = qs_pdf_load_fonts(f->pdf);
    if (st != QS_OK)
        return st;
    f->dry = false;
    f->n_pages = 0;
    write(ctx);
    return QS_OK;
}
