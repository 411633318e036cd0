/* pdf_flow.h - running text on pages: the page-level half of the layout
 * engine every PDF document uses (the line level is layout.c).
 *
 * A flow fills the text block of page after page: paragraphs indented and
 * justified, headings kept with what follows, centred lines, tables whose
 * header repeats on each page they cross; no widow or orphan lines; page
 * numbers in the GB/T 9704 position; an optional draft mark.  Every text
 * goes through qs_flow_put(): a first (dry) pass only declares the texts so
 * the fonts can be subset, a second pass draws.
 */
#ifndef QS_PDF_FLOW_H
#define QS_PDF_FLOW_H

#include "layout.h"
#include "pdf_doc.h"

#define QS_MM(x) ((x) * 72.0 / 25.4)

typedef struct qs_flow {
    qs_pdf *pdf;
    qs_arena *a;
    double page_w, page_h;            /* points */
    double top, bottom, left, right;  /* margins, points */
    double width, pitch;              /* text block width; body line pitch */
    const char *mark;                 /* draft mark on every page, or NULL */
    qs_pdf_style mark_style, pageno_style;
    bool dry, ok;                     /* pass 1 declares; ok turns false on a missing glyph */
    qs_srcpos where;                  /* where the text being laid out came from */
    const char *what;
    HPDF_Page page;
    int n_pages;
    double y;                         /* top of the next line box */
} qs_flow;

/* The two passes of a flowing document: write(ctx) once dry, declaring every
 * text so the fonts can be subset (a missing glyph: QS_ERR_INPUT, its
 * diagnostics added), the fonts loaded, then write(ctx) again to draw. */
qs_status qs_flow_run(qs_flow *f, void (*write)(void *ctx), void *ctx);

/* Declares (dry pass) or draws one run of text at its set width. */
void qs_flow_put(qs_flow *f, const qs_pdf_style *s, double x, double y, const char *text, size_t len);

/* The layout options of text in style s on a measure of width: punctuation
 * compressed, justified or not. */
qs_layout_opts qs_flow_opts(const qs_pdf_style *s, double width, bool justify);

/* Declares or draws line ln of text (from qs_layout_lines with o), its
 * measure starting at x. */
void qs_flow_line(qs_flow *f, const qs_pdf_style *s, double x, double y, const char *text, const qs_line *ln,
                  const qs_layout_opts *o);

/* GB/T 9704 section 7.5, for every PDF: the page number's text (— 1 —)
 * and its x on a page of page_w with those margins (odd pages right, even
 * left, one character in). */
const char *qs_page_number_text(qs_arena *a, int n);
double qs_page_number_x(const qs_pdf_style *s, double width, int n, double page_w, double left, double right);

/* A new page: the draft mark under everything, the page number, y at the top. */
void qs_flow_new_page(qs_flow *f);

/* Whole body lines left on the page; a new page unless height fits. */
int qs_flow_lines_left(const qs_flow *f);
void qs_flow_need(qs_flow *f, double height);

/* The baseline of style s in a line box of height h whose top is y. */
double qs_flow_baseline(const qs_pdf_style *s, double y, double h);

/* A paragraph (indent: two characters), justified; never one line alone at
 * a page's top or bottom. */
void qs_flow_paragraph(qs_flow *f, const qs_pdf_style *s, const char *text, bool indent);

/* A heading, kept with two lines of what follows; optionally bookmarked. */
void qs_flow_heading(qs_flow *f, const qs_pdf_style *s, const char *text, bool bookmark);

/* Lines of text set with o on the narrowest measure that keeps their
 * count, so a short label breaks into even lines (自评/得分, not 自评得/分). */
size_t qs_flow_balanced(qs_arena *a, const qs_pdf_style *s, const char *text, qs_layout_opts o, qs_line **out);

/* Centred lines; two lines break at a phrase boundary, more are balanced. */
void qs_flow_centred(qs_flow *f, const qs_pdf_style *s, const char *text, double pitch);

typedef struct qs_flow_column {
    const char *head;
    double share; /* of the text block's width */
    bool centre;  /* centred and balanced; otherwise justified */
    bool list;    /* a list of names: lines break between them, left-aligned */
} qs_flow_column;

/* A table with a caption (NULL for none); a table of up to 10 rows moves
 * whole to the next page rather than split; a longer one repeats its header
 * row (every header cell centred) on every page it crosses; a row never
 * splits.  rows: n_rows x n cell texts. */
void qs_flow_table(qs_flow *f, const qs_pdf_style *caption_style, const char *caption,
                   const qs_pdf_style *head, const qs_pdf_style *cell, const qs_flow_column *cols,
                   int n, const char *const *rows, size_t n_rows);

/* Moves down n body lines (a blank line is 1). */
void qs_flow_skip(qs_flow *f, int n);

#endif
