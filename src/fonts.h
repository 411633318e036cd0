/* fonts.h - the fonts of every role, found with fontconfig: per-character
 * fallback, advances for layout, and true subsets (hb-subset) for embedding.
 *
 * The families of a role come from fonts/fontmap.conf in order of
 * preference; each is looked up with fontconfig (system fonts, fonts/, and
 * --font-dir folders).  A family that is not installed is skipped.  Only
 * TrueType-outline faces are used: Debian 12's libharu embeds no CFF.
 */
#ifndef QS_FONTS_H
#define QS_FONTS_H

#include "deflate.h"
#include "diag.h"
#include "fontmap.h"
#include "status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct qs_fonts qs_fonts;

/* Resolves every family of the map.  dirs: extra folders of font files.
 * A role with no usable face is an error naming its families.  NULL (with
 * diagnostics) on failure.  Free with qs_fonts_close(). */
qs_fonts *qs_fonts_open(const qs_fontmap *m, const char *const *dirs, size_t n_dirs, qs_diags *d);
void qs_fonts_close(qs_fonts *f);

/* The face (an id over all roles) that draws cp in role r: the first face
 * of the role that has it; -1 when none has it or cp is beyond the BMP
 * (libharu 2.3 cannot draw those). */
int qs_fonts_face_for(const qs_fonts *f, qs_font_role r, uint32_t cp);

/* The first (preferred) face of role r. */
int qs_fonts_primary(const qs_fonts *f, qs_font_role r);

/* Horizontal advance of cp in face, in ems. */
double qs_fonts_advance(const qs_fonts *f, int face, uint32_t cp);

/* Receives a glyph outline in ems, y up, origin at the pen position;
 * quadratic segments arrive as the equivalent cubics. */
typedef struct qs_glyph_pen {
    void (*move_to)(void *ctx, double x, double y);
    void (*line_to)(void *ctx, double x, double y);
    void (*cubic_to)(void *ctx, double x1, double y1, double x2, double y2, double x, double y);
    void (*close)(void *ctx);
} qs_glyph_pen;

/* Sends the outline of cp's glyph in face to pen (nothing for a blank
 * glyph).  False when face has no glyph for cp. */
bool qs_fonts_outline(const qs_fonts *f, int face, uint32_t cp, const qs_glyph_pen *pen, void *ctx);

/* Ascender and descender of face, in ems (descender negative). */
void qs_fonts_extents(const qs_fonts *f, int face, double *ascender, double *descender);

/* What face resolved to: the family asked for, the file and TTC index. */
const char *qs_fonts_family(const qs_fonts *f, int face);
const char *qs_fonts_file(const qs_fonts *f, int face, int *index);

/* The families of role r, joined for messages ("仿宋_GB2312, AR PL UMing CN"). */
const char *qs_fonts_role_families(const qs_fonts *f, qs_font_role r);

/* A font subset: the TrueType bytes and the same as a zlib stream, ready
 * for a PDF's FontFile2; both malloc'd, freed by qs_font_subset_free(). */
typedef struct qs_font_subset {
    unsigned char *font, *zlib;
    size_t font_len, zlib_len;
} qs_font_subset;

/* A TrueType subset of face holding exactly the n code points of cps
 * (at most QS_FONTS_MAX_SUBSET, ascending).  Its cmap maps the private-use
 * code point U+E000 + k to the glyph of cps[k]: text drawn with it is
 * written in those codes.  The fonts keep recent subsets (compressed, a few
 * MB), so a worker makes a repeated one once.  QS_ERR_FONT (with a
 * diagnostic) on failure. */
#define QS_FONTS_MAX_SUBSET 6400 /* U+E000..U+F8FF */
qs_status qs_fonts_subset(qs_fonts *f, int face, const uint32_t *cps, size_t n, qs_font_subset *out,
                          qs_diags *d);
void qs_font_subset_free(qs_font_subset *s);

/* The same with every advance halved: the companion of a face whose
 * closing marks (，。）》”, ink in their left half) are set at half width
 * (clreq compression), so their boxes do not overlap the next glyph's. */
qs_status qs_fonts_subset_halved(qs_fonts *f, int face, const uint32_t *cps, size_t n, qs_font_subset *out,
                                 qs_diags *d);

/* The worker's compressor, for the other streams of its PDFs. */
qs_deflate *qs_fonts_deflate(qs_fonts *f);

/* Prints every role with the file each of its families resolves to. */
void qs_fonts_describe(const qs_fonts *f, FILE *out);

#endif
