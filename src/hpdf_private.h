/* hpdf_private.h - every reach into libharu's internals, in one place.
 *
 * libharu 2.3.0 (Debian 12) has faults the PDF writer works around by
 * editing the library's own structures (notes/libraries.md, libharu rows).
 * Those edits live in hpdf_private.c alone, which refuses to build against
 * any other libharu version; everything else uses only <hpdf.h>.  Only
 * pdf_doc.c calls these functions.
 */
#ifndef QS_HPDF_PRIVATE_H
#define QS_HPDF_PRIVATE_H

#include "deflate.h"

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

/* The two-byte code drawn for the k-th character of a subset. */
typedef uint16_t (*qs_hpdf_code_fn)(size_t k);

/* Loads a TrueType font from data (len bytes, copied) into doc with the
 * next subset tag (HPDFAA, HPDFAB, ...), its name followed by suffix (NULL:
 * none); that name for HPDF_GetFont, or NULL when libharu refuses it (or
 * already has a font of that name). */
const char *qs_hpdf_load_font(HPDF_Doc doc, const unsigned char *data, size_t len, const char *suffix);

/* Registers the encoder `name` that sends code(k), for k = 0 .. n, to the
 * private-use code point U+E000 + k (Identity-H: the code is the CID);
 * its name for HPDF_GetFont, or NULL when libharu refuses. */
const char *qs_hpdf_make_encoder(HPDF_Doc doc, const char *name, qs_hpdf_code_fn code, size_t n);

/* Replaces font's ToUnicode stream with a bfchar map sending code_of[cp]
 * back to cp for each of the n code points cps (ascending). */
void qs_hpdf_set_tounicode(HPDF_Font font, const uint32_t *cps, size_t n, const uint16_t *code_of);

/* Makes font's descriptor now and gives it the font program already
 * compressed (zlib, zlib_len bytes; font_len uncompressed).  Does nothing
 * on a font libharu has no descriptor for; an error goes to doc's handler. */
void qs_hpdf_embed_font(HPDF_Doc doc, HPDF_Font font, const unsigned char *zlib, size_t zlib_len,
                        size_t font_len);

/* Compresses, with z, every stream of doc that is not compressed yet. */
void qs_hpdf_compress_streams(HPDF_Doc doc, qs_deflate *z);

#endif
