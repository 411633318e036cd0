/* pdf_doc.h - the PDF writer every PDF document uses: libharu with text in
 * UTF-8, fonts subset per document, text drawn with per-character font
 * fallback, a valid ToUnicode map, dates from the epoch, atomic save.
 *
 * Two passes: first every text the document will draw is declared with
 * qs_pdf_need() (which also reports characters no font has), then
 * qs_pdf_load_fonts() subsets and embeds the faces used, then pages are
 * drawn and qs_pdf_save() writes the file.
 */
#ifndef QS_PDF_DOC_H
#define QS_PDF_DOC_H

#include "diag.h"
#include "fsio.h"
#include "fontmap.h"
#include "fonts.h"
#include "layout.h"
#include "status.h"

#include <hpdf.h>
#include <stdbool.h>
#include <time.h>

typedef struct qs_pdf qs_pdf;

/* A font role at a size: the measuring context of the layout engine. */
typedef struct qs_pdf_style {
    qs_pdf *pdf;
    qs_font_role role;
    double size;     /* points */
    double tracking; /* points added after every character (may be negative) */
    bool outlines;   /* drawn as filled glyph outlines, not text: a mark that
                        no reader extracts, copies or searches */
} qs_pdf_style;

typedef struct qs_pdf_info {
    const char *title, *author, *subject, *keywords;
    time_t epoch;
} qs_pdf_info;

/* A new document using fonts (not owned).  Diagnostics go to d. */
qs_pdf *qs_pdf_new(qs_fonts *fonts, qs_diags *d);
void qs_pdf_free(qs_pdf *p);

/* Pass 1: text will be drawn in role.  A character no font of the role has
 * (or one beyond the BMP) is an error naming it, its code point, where
 * (a position) and what (e.g. "indicator 17"); returns false then. */
bool qs_pdf_need(qs_pdf *p, qs_font_role role, const char *text, qs_srcpos where, const char *what);

/* The same for a text drawn as outlines (qs_pdf_style.outlines): its
 * characters are checked, not embedded. */
bool qs_pdf_need_shapes(qs_pdf *p, qs_font_role role, const char *text, qs_srcpos where, const char *what);

/* Subsets and embeds every face pass 1 used. */
qs_status qs_pdf_load_fonts(qs_pdf *p);

/* Layout callback: the advance of cp in points (ctx is a qs_pdf_style). */
double qs_pdf_measure(void *ctx, uint32_t cp);

/* Set width of the first len bytes of text in style s, in points (adjacent
 * marks compressed, as qs_pdf_text draws them). */
double qs_pdf_width(const qs_pdf_style *s, const char *text, size_t len);

/* A new page of w x h points. */
HPDF_Page qs_pdf_page(qs_pdf *p, double w, double h);

/* Draws the n glyphs of text placed by the layout engine (qs_layout_place)
 * with the baseline at y and x measured from x, switching fonts per
 * character: runs of one face and one spacing become one text operation
 * with that spacing as Tc.  A style with outlines fills each glyph's outline
 * with the fill colour in force instead (its face need not be embedded). */
void qs_pdf_draw(qs_pdf *p, HPDF_Page page, const qs_pdf_style *s, double x, double y, const char *text,
                 const qs_placed *pl, size_t n);

/* One line of text at its set width (adjacent marks compressed, nothing
 * stretched), the baseline starting at (x, y). */
void qs_pdf_text(qs_pdf *p, HPDF_Page page, const qs_pdf_style *s, double x, double y, const char *text,
                 size_t len);

/* A bookmark (outline entry) at the top level pointing at (page, y). */
void qs_pdf_outline(qs_pdf *p, HPDF_Page page, double y, const char *title);

/* Sets the document info and writes the file `to` atomically (fsio.h:
 * a temporary file beside it, renamed when complete).  QS_ERR_PDF /
 * QS_ERR_IO with one diagnostic naming to->shown on failure. */
qs_status qs_pdf_save(qs_pdf *p, const qs_dest *to, const qs_pdf_info *info);

#endif
