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

void qs_flow_put(qs_flow *f, const qs_pdf_style *s, double x, double y, const char *text, size_t len,
                 double spacing)
{
    if (f->dry) {
        f->ok &= qs_pdf_need(f->pdf, s->role, qs_arena_strndup(f->a, text, len), f->where, f->what);
        return;
    }
    qs_pdf_text(f->pdf, f->page, s, x, y, text, len, spacing);
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
        qs_flow_put(f, s, 0, 0, f->mark, strlen(f->mark), 0);
        return;
    }
    HPDF_Page_GSave(f->page);
    HPDF_Page_SetRGBFill(f->page, 0.86f, 0.86f, 0.86f);
    /* 35 degrees about the page centre */
    HPDF_Page_Concat(f->page, 0.8191f, 0.5736f, -0.5736f, 0.8191f, (HPDF_REAL)(f->page_w / 2),
                     (HPDF_REAL)(f->page_h / 2));
    qs_flow_put(f, s, -w / 2, -s->size / 3, f->mark, strlen(f->mark), 0);
    HPDF_Page_GRestore(f->page);
}

/* GB/T 9704 section 7.5 */
static void draw_page_number(qs_flow *f)
{
    const qs_pdf_style *s = &f->pageno_style;
    const char *text = qs_arena_printf(f->a, "\xE2\x80\x94 %d \xE2\x80\x94", f->n_pages);
    double w = qs_pdf_width(s, text, strlen(text));
    double y = f->bottom - QS_MM(7) - s->size * 0.8;
    double x = f->n_pages % 2 ? f->page_w - f->right - s->size - w : f->left + s->size;
    qs_flow_put(f, s, x, y, text, strlen(text), 0);
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

/* the space that makes a line fill the measure, after each Han character
 * but the last (word spacing does nothing to two-byte PDF text) */
static double justify(const char *text, const qs_line *ln, double measure)
{
    size_t n = qs_pdf_stretchable(text + ln->start, ln->end - ln->start);
    size_t last = ln->end;
    while (last > ln->start && ((unsigned char)text[last - 1] & 0xC0) == 0x80)
        last--;
    if (last > ln->start)
        last--; /* the line's last character */
    /* the space after a Han character moves what follows it: the last one
     * moves nothing unless a narrow mark (”) ends the line after it */
    size_t gaps = n - (n && qs_pdf_stretchable(text + last, ln->end - last));
    double extra = gaps ? (measure - ln->width) / (double)gaps : 0;
    return extra > 0 && extra < 8 ? extra : 0;
}

static void draw_line(qs_flow *f, const qs_pdf_style *s, const char *text, const qs_line *ln)
{
    double spacing = !ln->last ? justify(text, ln, f->width) : 0;
    qs_flow_put(f, s, f->left, qs_flow_baseline(s, f->y, f->pitch), text + ln->start,
                ln->end - ln->start, spacing);
    f->y -= f->pitch;
}

void qs_flow_paragraph(qs_flow *f, const qs_pdf_style *s, const char *text, bool indent)
{
    /* the indent is two ideographic spaces, so it is exactly two characters */
    const char *t = indent ? qs_arena_printf(f->a, "\xE3\x80\x80\xE3\x80\x80%s", text) : text;
    qs_line *lines;
    int n = (int)qs_layout_break(t, f->width, qs_pdf_measure, (void *)s, f->a, &lines);
    for (int k = 1; k < n; k++) {
        qs_line keep[2] = {lines[k - 1], lines[k]};
        /* no lone character on a last line, unless the line above could then not be justified */
        if (qs_layout_no_lone(t, lines, (size_t)k, f->width, qs_pdf_measure, (void *)s, f->a) &&
            justify(t, &lines[k - 1], f->width) == 0) {
            lines[k - 1] = keep[0];
            lines[k] = keep[1];
        }
    }
    int i = 0;
    while (i < n) {
        int left = qs_flow_lines_left(f), rest = n - i;
        if (rest <= left) {
            for (; i < n; i++)
                draw_line(f, s, t, &lines[i]);
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
            draw_line(f, s, t, &lines[i]);
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

void qs_flow_centred(qs_flow *f, const qs_pdf_style *s, const char *text, double pitch)
{
    qs_line *lines;
    size_t n = qs_layout_break(text, f->width, qs_pdf_measure, (void *)s, f->a, &lines);
    size_t cut = n == 2 ? phrase_break(s, text, f->width) : 0;
    if (cut) {
        lines[0].start = 0;
        lines[0].end = cut;
        lines[0].width = qs_pdf_width(s, text, cut);
        lines[1].start = cut;
        lines[1].end = strlen(text);
        lines[1].width = qs_pdf_width(s, text + cut, strlen(text) - cut);
    } else if (n > 1) {
        /* otherwise balanced: the narrowest measure that keeps the count */
        double lo = f->width / 2, hi = f->width;
        for (int i = 0; i < 12; i++) {
            double mid = (lo + hi) / 2;
            qs_line *l;
            if (qs_layout_break(text, mid, qs_pdf_measure, (void *)s, f->a, &l) > n)
                lo = mid;
            else
                hi = mid;
        }
        n = qs_layout_break(text, hi, qs_pdf_measure, (void *)s, f->a, &lines);
    }
    qs_flow_need(f, (double)n * pitch);
    for (size_t i = 0; i < n; i++) {
        double x = f->left + (f->width - lines[i].width) / 2;
        qs_flow_put(f, s, x, qs_flow_baseline(s, f->y, pitch), text + lines[i].start,
                    lines[i].end - lines[i].start, 0);
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

static cells measure_row(qs_flow *f, const qs_pdf_style *s, const qs_flow_column *cols, int n,
                         const char *const *text)
{
    cells c;
    memset(&c, 0, sizeof c);
    for (int i = 0; i < n && i < MAX_COLS; i++) {
        c.n[i] = qs_layout_break_list(text[i], cols[i].share * f->width - 2 * PAD, qs_pdf_measure, (void *)s,
                                      cols[i].list, f->a, &c.lines[i]);
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
            qs_flow_put(f, s, lx, qs_flow_baseline(s, top - (double)k * lh, lh), text[i] + ln->start,
                        ln->end - ln->start, 0);
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
    cells hc = measure_row(f, head, cols, n, header);
    cells first = n_rows ? measure_row(f, cell, cols, n, rows) : hc;
    double cap_h = caption ? f->pitch : 0;
    if (n_rows <= SMALL_TABLE) {
        /* a small table is never split: it moves whole to the next page if it fits there */
        qs_arena_pos scratch = qs_arena_tell(f->a);
        double h = cap_h + hc.h;
        for (size_t i = 0; i < n_rows; i++)
            h += measure_row(f, cell, cols, n, rows + i * (size_t)n).h;
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
        cells c = measure_row(f, cell, cols, n, row);
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
