/* pdf_table.c - the official table as a PDF (stage 4: render).
 *
 * Reads the logical table (table.c) and the fonts; writes an A4 landscape
 * PDF in the layout of the seed's attachment: the attachment label top left, the centred
 * title, the header row on every page, one row per indicator, the category
 * and group cells merged over their rows.  A row is never split across
 * pages; where a merged cell runs over a page break its label is printed
 * again on the new page, as the official document does (seed rows 15 and
 * 22 repeat the 44-point category).  Never touches libxml2.
 */
#include "layout.h"
#include "i18n.h"
#include "pdf_flow.h"
#include "render.h"
#include "utf8.h"

#include <string.h>

#define MM(x) ((x) * 72.0 / 25.4)

/* A4 landscape; margins of an official attachment (GB/T 9704 section 8:
 * the page turned, the text block kept) */
static const double PAGE_W = 841.89, PAGE_H = 595.28;
static const double MARGIN_TOP = MM(20), MARGIN_BOTTOM = MM(22), MARGIN_SIDE = MM(20);
static const double CELL_SIZE = 11.0;   /* table text */
static const double HEAD_SIZE = 12.0;   /* header row, header role (Hei) */
static const double LABEL_SIZE = 16.0;  /* attachment label: size 3 (16 pt), Hei */
static const double TITLE_SIZE = 22.0;  /* title: size 2 (22 pt), title role */
static const double PAGENO_SIZE = 14.0; /* page number: size 4 (14 pt), Song */
static const double LEADING = 1.45;     /* line height / font size */
static const double PAD_X = 4.0, PAD_Y = 5.0, RULE = 0.6;

typedef struct cell_lines {
    qs_line *lines;
    size_t n;
} cell_lines;

typedef struct layout {
    qs_arena *arena;
    const qs_table *t;
    qs_pdf *pdf;
    qs_pdf_style cell, head, label, title, pageno;
    double col_x[QS_COL_COUNT + 1];
    cell_lines *cells;     /* n_rows x QS_COL_COUNT, broken at column widths */
    cell_lines header[QS_COL_COUNT];
    double *row_h;         /* natural height of each row */
    double header_h;
    size_t *page_first;    /* first row of each page */
    size_t n_pages;
} layout;

static double col_width(const layout *L, int c, int span)
{
    return L->col_x[c + span] - L->col_x[c];
}

/* centred: the short columns; justified: the scoring method; left: unit lists */
typedef enum { ALIGN_LEFT, ALIGN_CENTRE, ALIGN_JUSTIFY } align;

static align column_align(const qs_table *t, int c)
{
    return t->centre[c] ? ALIGN_CENTRE : c == QS_COL_METHOD ? ALIGN_JUSTIFY : ALIGN_LEFT;
}

/* the layout engine's options for a cell of column width `width` */
static qs_layout_opts cell_opts(const qs_pdf_style *s, double width, align al, bool list)
{
    qs_layout_opts o = qs_flow_opts(s, width - 2 * PAD_X, al == ALIGN_JUSTIFY);
    o.list = list;
    return o;
}

/* Lines of text in a cell of the given width.  A centred cell is balanced:
 * the narrowest measure that keeps the line count, so a short label breaks
 * into even lines rather than leaving one character alone. */
static cell_lines break_text(layout *L, const qs_pdf_style *s, const char *text, double width, align al,
                             bool list)
{
    cell_lines cl;
    qs_layout_opts o = cell_opts(s, width, al, list);
    cl.n = al == ALIGN_CENTRE ? qs_flow_balanced(L->arena, s, text, o, &cl.lines)
                              : qs_layout_lines(text, &o, qs_pdf_measure, (void *)s, L->arena, &cl.lines);
    return cl;
}

static double text_height(const qs_pdf_style *s, size_t lines)
{
    return (double)lines * s->size * LEADING + 2 * PAD_Y;
}

/* pass 1: every text the document draws, so fonts cover and subset it */
static bool declare_texts(layout *L, const char *path)
{
    const qs_table *t = L->t;
    qs_srcpos none = {path, 0};
    bool ok = qs_pdf_need(L->pdf, QS_ROLE_HEADER, t->attachment, none, _("the attachment label"));
    ok &= qs_pdf_need(L->pdf, QS_ROLE_TITLE, t->title, t->title_pos, _("the table title"));
    ok &= qs_pdf_need(L->pdf, QS_ROLE_PAGENUM, "— 0123456789", none, _("the page numbers"));
    for (int c = 0; c < QS_COL_COUNT; c++)
        ok &= qs_pdf_need(L->pdf, QS_ROLE_HEADER, t->header[c], none, _("the header row"));
    for (size_t r = 0; r < t->n_rows; r++) {
        const qs_indicator *ind = t->rows[r].indicator;
        char what[64];
        snprintf(what, sizeof what, _("indicator %d"), ind->no);
        for (int c = 0; c < QS_COL_COUNT; c++)
            ok &= qs_pdf_need(L->pdf, QS_ROLE_TABLE, t->rows[r].cell[c], t->rows[r].pos[c], what);
    }
    return ok;
}

/* line breaks and natural heights of every row, header included */
static void measure_rows(layout *L)
{
    const qs_table *t = L->t;
    double x = MARGIN_SIDE, total = PAGE_W - 2 * MARGIN_SIDE;
    for (int c = 0; c < QS_COL_COUNT; c++) {
        L->col_x[c] = x;
        x += total * t->width[c];
    }
    L->col_x[QS_COL_COUNT] = PAGE_W - MARGIN_SIDE;
    L->header_h = 0;
    for (int c = 0; c < QS_COL_COUNT; c++) {
        L->header[c] = break_text(L, &L->head, t->header[c], col_width(L, c, 1), ALIGN_CENTRE, false);
        double h = text_height(&L->head, L->header[c].n);
        if (h > L->header_h)
            L->header_h = h;
    }
    L->cells = qs_arena_calloc(L->arena, t->n_rows * QS_COL_COUNT, sizeof *L->cells);
    L->row_h = qs_arena_calloc(L->arena, t->n_rows, sizeof *L->row_h);
    for (size_t r = 0; r < t->n_rows; r++) {
        double h = text_height(&L->cell, 1);
        for (int c = 0; c < QS_COL_COUNT; c++) {
            cell_lines *cl = &L->cells[r * QS_COL_COUNT + c];
            *cl = break_text(L, &L->cell, t->rows[r].cell[c], col_width(L, c, 1), column_align(t, c),
                             c == QS_COL_UNITS);
            /* a merged cell's label is laid into its own rows below, not here */
            if (t->rows[r].span[c] == 1 && text_height(&L->cell, cl->n) > h)
                h = text_height(&L->cell, cl->n);
        }
        L->row_h[r] = h;
    }
}

static double body_top(size_t page)
{
    /* page 1 carries the attachment label and the title above the table */
    return PAGE_H - MARGIN_TOP - (page == 0 ? LABEL_SIZE * 1.6 + TITLE_SIZE * 2.4 : 0);
}

/* the first row of the merged cell of column c that row r lies in */
static size_t span_start(const qs_table *t, size_t r, int c)
{
    while (r > 0 && t->rows[r].span[c] == 0)
        r--;
    return r;
}

/* The piece of column c's merged cell that starts at row r on a page
 * ending before row b: *end gets the row after it; returns its height. */
static double piece(const layout *L, size_t r, size_t b, int c, size_t *end)
{
    size_t e = r + 1;
    while (e < b && L->t->rows[e].span[c] == 0)
        e++;
    double h = 0;
    for (size_t k = r; k < e; k++)
        h += L->row_h[k];
    *end = e;
    return h;
}

/* Greedy pages: a row never splits.  Then every piece of a merged cell on a
 * page must be tall enough for its label; if not, its last row grows and
 * the pages are laid again. */
static void paginate(layout *L)
{
    const qs_table *t = L->t;
    for (int round = 0; round < 8; round++) {
        L->n_pages = 0;
        L->page_first = qs_arena_calloc(L->arena, t->n_rows + 1, sizeof *L->page_first);
        double avail = 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            if (r == 0 || L->row_h[r] > avail) {
                L->page_first[L->n_pages] = r;
                avail = body_top(L->n_pages) - MARGIN_BOTTOM - L->header_h;
                L->n_pages++;
            }
            avail -= L->row_h[r];
        }
        L->page_first[L->n_pages] = t->n_rows;
        bool grown = false;
        for (size_t pg = 0; pg < L->n_pages; pg++) {
            size_t a = L->page_first[pg], b = L->page_first[pg + 1];
            for (int c = QS_COL_CATEGORY; c <= QS_COL_GROUP; c++) {
                for (size_t r = a; r < b;) {
                    size_t s = span_start(t, r, c), end;
                    double h = piece(L, r, b, c, &end);
                    double need = text_height(&L->cell, L->cells[s * QS_COL_COUNT + c].n);
                    if (need > h + 0.01) {
                        L->row_h[end - 1] += need - h;
                        grown = true;
                    }
                    r = end;
                }
            }
        }
        if (!grown)
            return;
    }
}

static void draw_lines(layout *L, HPDF_Page page, const qs_pdf_style *s, const char *text,
                       const cell_lines *cl, double x, double w, double top, double h, align al)
{
    double lh = s->size * LEADING;
    double block = (double)cl->n * lh;
    double y = top - (h - block) / 2;
    for (size_t i = 0; i < cl->n; i++) {
        const qs_line *ln = &cl->lines[i];
        double base = y - (double)i * lh - (lh - s->size) / 2 - s->size * 0.86;
        double lx = al == ALIGN_CENTRE ? x + (w - ln->width) / 2 : x + PAD_X;
        qs_layout_opts o = cell_opts(s, w, al, false);
        qs_placed *pl;
        size_t n = qs_layout_place(text, ln, &o, qs_pdf_measure, (void *)s, L->arena, &pl);
        qs_pdf_draw(L->pdf, page, s, lx, base, text, pl, n);
    }
}

static void frame(HPDF_Page page, double x, double top, double w, double h)
{
    HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)(top - h), (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Stroke(page);
}

/* the attachment label at the top left, the title centred (GB/T 9704: attachment) */
static void write_heading(layout *L, HPDF_Page page)
{
    const qs_table *t = L->t;
    double y = PAGE_H - MARGIN_TOP - LABEL_SIZE;
    qs_pdf_text(L->pdf, page, &L->label, MARGIN_SIDE, y, t->attachment, strlen(t->attachment));
    double w = qs_pdf_width(&L->title, t->title, strlen(t->title));
    y -= TITLE_SIZE * 2.2;
    qs_pdf_text(L->pdf, page, &L->title, (PAGE_W - w) / 2, y, t->title, strlen(t->title));
}

/* the header row, repeated at the top of every page */
static double write_header_row(layout *L, HPDF_Page page, double top)
{
    for (int c = 0; c < QS_COL_COUNT; c++) {
        double x = L->col_x[c], w = col_width(L, c, 1);
        frame(page, x, top, w, L->header_h);
        draw_lines(L, page, &L->head, L->t->header[c], &L->header[c], x, w, top, L->header_h, ALIGN_CENTRE);
    }
    return top - L->header_h;
}

/* the rows of one page; merged cells drawn once per piece, label repeated */
static void write_rows(layout *L, HPDF_Page page, size_t a, size_t b, double top)
{
    const qs_table *t = L->t;
    double y = top;
    for (size_t r = a; r < b; r++) {
        for (int c = 0; c < QS_COL_COUNT; c++) {
            double x = L->col_x[c], w = col_width(L, c, 1);
            const qs_table_row *row = &t->rows[r];
            if (c == QS_COL_CATEGORY || c == QS_COL_GROUP) {
                if (row->span[c] == 0 && r != a)
                    continue; /* inside a piece drawn above */
                size_t s = span_start(t, r, c), end;
                double h = piece(L, r, b, c, &end);
                frame(page, x, y, w, h);
                draw_lines(L, page, &L->cell, t->rows[s].cell[c], &L->cells[s * QS_COL_COUNT + c], x,
                           w, y, h, column_align(t, c));
                continue;
            }
            frame(page, x, y, w, L->row_h[r]);
            draw_lines(L, page, &L->cell, row->cell[c], &L->cells[r * QS_COL_COUNT + c], x, w, y,
                       L->row_h[r], column_align(t, c));
        }
        y -= L->row_h[r];
    }
}

/* the page number, as every PDF sets it (pdf_flow.c) */
static void write_page_number(layout *L, HPDF_Page page, size_t n)
{
    const char *text = qs_page_number_text(L->arena, (int)n);
    double w = qs_pdf_width(&L->pageno, text, strlen(text));
    double y = MARGIN_BOTTOM - MM(7) - PAGENO_SIZE;
    qs_pdf_text(L->pdf, page, &L->pageno, qs_page_number_x(&L->pageno, w, (int)n, PAGE_W, MARGIN_SIDE, MARGIN_SIDE),
                y, text, strlen(text));
}

qs_status qs_render_table_pdf(const qs_table *t, const qs_dest *to, const qs_render_opts *o,
                              qs_diags *d)
{
    qs_status st = QS_OK;
    qs_pdf *pdf = qs_pdf_new(o->fonts, d);
    layout L = {.arena = qs_arena_new(), .t = t, .pdf = pdf};
    L.cell = (qs_pdf_style){pdf, QS_ROLE_TABLE, CELL_SIZE, 0, false};
    L.head = (qs_pdf_style){pdf, QS_ROLE_HEADER, HEAD_SIZE, 0, false};
    L.label = (qs_pdf_style){pdf, QS_ROLE_HEADER, LABEL_SIZE, 0, false};
    L.title = (qs_pdf_style){pdf, QS_ROLE_TITLE, TITLE_SIZE, 0, false};
    L.pageno = (qs_pdf_style){pdf, QS_ROLE_PAGENUM, PAGENO_SIZE, 0, false};
    if (!declare_texts(&L, to->shown)) {
        st = QS_ERR_INPUT;
        goto cleanup;
    }
    if ((st = qs_pdf_load_fonts(pdf)) != QS_OK)
        goto cleanup;
    measure_rows(&L);
    paginate(&L);
    for (size_t pg = 0; pg < L.n_pages; pg++) {
        HPDF_Page page = qs_pdf_page(pdf, PAGE_W, PAGE_H);
        HPDF_Page_SetLineWidth(page, (HPDF_REAL)RULE);
        if (pg == 0)
            write_heading(&L, page);
        double top = write_header_row(&L, page, body_top(pg));
        write_rows(&L, page, L.page_first[pg], L.page_first[pg + 1], top);
        write_page_number(&L, page, pg + 1);
    }
    qs_pdf_info info = {t->title, t->author, t->subject, t->region, o->epoch};
    st = qs_pdf_save(pdf, to, &info);
cleanup:
    qs_pdf_free(pdf);
    qs_arena_free(L.arena);
    return st;
}
