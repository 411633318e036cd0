/* fonts_subset.c - true subsets of the faces for embedding in PDFs
 * (stage 4: render; HarfBuzz's hb-subset).
 *
 * Reads a face of fonts.c and the code points a document draws; writes a
 * TrueType subset whose private-use cmap (U+E000 + k) the PDF writer draws
 * with, with only the tables a PDF and libharu read, compressed once for
 * the FontFile2; a companion with halved advances for the closing marks set
 * at half width; recent subsets are remembered per worker.
 */
#include "fonts_internal.h"
#include "arena.h"
#include "deflate.h"

#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

/* Big-endian writers for the cmap below. */
static void be16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

/* A cmap whose one format-4 subtable maps U+E000 + k to the subset's glyph
 * of cps[k]: the PDF writer's k-th code stands for U+E000 + k (pdf_doc.c),
 * and libharu looks glyphs up through the cmap's segments, of which a
 * subset of scattered Han characters would have hundreds and this has two. */
static hb_blob_t *private_cmap(hb_face_t *sub, const uint32_t *cps, size_t n)
{
    hb_font_t *font = hb_font_create(sub);
    size_t len = 12 + 14 + 18 + 2 * n; /* header and record, fixed part, the arrays, glyphIdArray */
    unsigned char *t = calloc(1, len), *p = t;
    be16(p, 0), be16(p + 2, 1);                  /* version 0, one subtable */
    be16(p + 4, 3), be16(p + 6, 1);              /* Windows, Unicode BMP */
    p[8] = p[9] = p[10] = 0, p[11] = 12;         /* offset 12 */
    p += 12;
    be16(p, 4), be16(p + 2, (unsigned)(len - 12)), be16(p + 4, 0);
    be16(p + 6, 4), be16(p + 8, 4), be16(p + 10, 1), be16(p + 12, 0); /* segCountX2, search */
    unsigned char *end = p + 14, *start = end + 6, *delta = start + 4, *range = delta + 4, *ids = range + 4;
    be16(end, (unsigned)(0xE000 + n - 1)), be16(end + 2, 0xFFFF);
    be16(start - 2, 0);                                   /* reservedPad */
    be16(start, 0xE000), be16(start + 2, 0xFFFF);
    be16(delta, 0), be16(delta + 2, 1);
    be16(range, 4), be16(range + 2, 0);                   /* glyphIdArray right after */
    for (size_t k = 0; k < n; k++) {
        hb_codepoint_t gid = 0;
        hb_font_get_nominal_glyph(font, cps[k], &gid);
        be16(ids + 2 * k, gid);
    }
    hb_font_destroy(font);
    return hb_blob_create((const char *)t, (unsigned)len, HB_MEMORY_MODE_READONLY, t, free);
}

/* the tables a PDF's embedded TrueType program needs (PDF 1.7 section
 * 9.9: glyf, head, hhea, hmtx, loca, maxp) and those libharu reads when it
 * loads the font (cmap, name, OS/2, post); layout (GSUB, GPOS, GDEF) and
 * vertical metrics mean nothing to a PDF drawn by glyph codes */
static bool pdf_table(hb_tag_t t)
{
    static const hb_tag_t keep[] = {
        HB_TAG('c', 'm', 'a', 'p'), HB_TAG('g', 'l', 'y', 'f'), HB_TAG('h', 'e', 'a', 'd'),
        HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('l', 'o', 'c', 'a'),
        HB_TAG('m', 'a', 'x', 'p'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('O', 'S', '/', '2'),
        HB_TAG('p', 'o', 's', 't'),
    };
    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
        if (keep[i] == t)
            return true;
    return false;
}

/* The subset with its cmap replaced by private_cmap(), and only the tables a PDF needs. */
static hb_face_t *with_private_cmap(hb_face_t *sub, const uint32_t *cps, size_t n)
{
    hb_face_t *b = hb_face_builder_create();
    hb_tag_t tags[64];
    unsigned count = 64;
    hb_face_get_table_tags(sub, 0, &count, tags);
    for (unsigned i = 0; i < count; i++) {
        if (!pdf_table(tags[i]))
            continue;
        hb_blob_t *blob = tags[i] == HB_TAG('c', 'm', 'a', 'p') ? private_cmap(sub, cps, n)
                                                                : hb_face_reference_table(sub, tags[i]);
        hb_face_builder_add_table(b, tags[i], blob);
        hb_blob_destroy(blob);
    }
    return b;
}

/* hb-subset's subset of face id, with the private-use cmap. */
static qs_status make_subset(const qs_fonts *f, int id, const uint32_t *cps, size_t n,
                             unsigned char **data, size_t *size, qs_diags *d)
{
    const face *fc = &f->faces[id];
    qs_srcpos pos = {fc->file, 0};
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        qs_diag_error(d, pos, "cannot subset the font (out of memory)");
        return QS_ERR_FONT;
    }
    hb_set_t *uni = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < n; i++)
        hb_set_add(uni, cps[i]);
    /* hinting means nothing in a PDF; dropping it halves the font */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    /* of the names, only the PostScript name (ID 6), which libharu reads
     * for the font's name in the PDF */
    hb_set_t *names = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
    hb_set_clear(names);
    hb_set_add(names, 1);
    hb_set_add(names, 2);
    hb_set_add(names, 6);
    hb_face_t *subset = hb_subset_or_fail(fc->hb, in);
    hb_subset_input_destroy(in);
    if (!subset) {
        qs_diag_error(d, pos, "cannot subset the font (is the file damaged?)");
        return QS_ERR_FONT;
    }
    /* a subset face is a builder face: read its tables back from its bytes */
    hb_blob_t *bytes = hb_face_reference_blob(subset);
    hb_face_t *plain = hb_face_create(bytes, 0);
    hb_face_t *sub = with_private_cmap(plain, cps, n);
    hb_face_destroy(plain);
    hb_blob_destroy(bytes);
    hb_face_destroy(subset);
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *bytes_out = hb_blob_get_data(blob, &len);
    qs_status st = QS_OK;
    if (len == 0) {
        qs_diag_error(d, pos, "cannot subset the font (the subset came out empty)");
        st = QS_ERR_FONT;
    } else {
        *data = qs_xmalloc(len);
        memcpy(*data, bytes_out, len);
        *size = len;
    }
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return st;
}

static uint64_t memo_hash(int id, const uint32_t *cps, size_t n)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)id; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ cps[i]) * 1099511628211u;
    return h;
}

static size_t memo_size(const memo *m)
{
    return sizeof *m + m->n * sizeof *m->cps + m->zlib_len;
}

/* Keeps a new subset first; drops the least recently used past the budget. */
static void memo_keep(qs_fonts *f, int id, uint64_t hash, const uint32_t *cps, size_t n,
                      const qs_font_subset *s)
{
    memo *m = qs_xmalloc(sizeof *m);
    m->face = id;
    m->hash = hash;
    m->n = n;
    m->cps = qs_xmalloc(n * sizeof *cps + 1);
    memcpy(m->cps, cps, n * sizeof *cps);
    m->zlib = qs_xmalloc(s->zlib_len);
    memcpy(m->zlib, s->zlib, s->zlib_len);
    m->zlib_len = s->zlib_len;
    m->font_len = s->font_len;
    m->next = f->memo;
    f->memo = m;
    memo **link = &f->memo;
    size_t kept = 0;
    while (*link) {
        memo *cur = *link;
        if (kept + memo_size(cur) > MEMO_BUDGET && cur != f->memo) {
            *link = cur->next;
            free(cur->cps);
            free(cur->zlib);
            free(cur);
            continue;
        }
        kept += memo_size(cur);
        link = &cur->next;
    }
}

qs_status qs_fonts_subset(qs_fonts *f, int id, const uint32_t *cps, size_t n, qs_font_subset *out,
                          qs_diags *d)
{
    memset(out, 0, sizeof *out);
    uint64_t hash = memo_hash(id, cps, n);
    for (memo **link = &f->memo; *link; link = &(*link)->next) {
        memo *m = *link;
        if (m->hash != hash || m->face != id || m->n != n || memcmp(m->cps, cps, n * sizeof *cps))
            continue;
        out->font = qs_deflate_unzlib(f->z, m->zlib, m->zlib_len, m->font_len);
        if (!out->font)
            break; /* cannot happen: the memo holds what qs_deflate_zlib made */
        out->font_len = m->font_len;
        out->zlib = qs_xmalloc(m->zlib_len);
        memcpy(out->zlib, m->zlib, m->zlib_len);
        out->zlib_len = m->zlib_len;
        *link = m->next; /* to the front */
        m->next = f->memo;
        f->memo = m;
        return QS_OK;
    }
    qs_status st = make_subset(f, id, cps, n, &out->font, &out->font_len, d);
    if (st != QS_OK)
        return st;
    out->zlib = qs_deflate_zlib(f->z, out->font, out->font_len, &out->zlib_len);
    memo_keep(f, id, hash, cps, n, out);
    return QS_OK;
}

static uint32_t get32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static unsigned get16(const unsigned char *b)
{
    return (unsigned)(b[0] << 8 | b[1]);
}

/* the table tag of a TrueType font: its offset and length, false if absent or out of bounds */
static bool find_table(const unsigned char *font, size_t len, const char *tag, size_t *off, size_t *n)
{
    if (len < 12)
        return false;
    size_t tables = get16(font + 4);
    for (size_t i = 0; i < tables && 12 + 16 * (i + 1) <= len; i++) {
        const unsigned char *rec = font + 12 + 16 * i;
        if (memcmp(rec, tag, 4))
            continue;
        *off = get32(rec + 8);
        *n = get32(rec + 12);
        return *off <= len && *n <= len - *off;
    }
    return false;
}

qs_status qs_fonts_subset_halved(qs_fonts *f, int id, const uint32_t *cps, size_t n, qs_font_subset *out,
                                 qs_diags *d)
{
    qs_status st = qs_fonts_subset(f, id, cps, n, out, d);
    if (st != QS_OK)
        return st;
    /* every advance of hmtx halved (the glyphs are closing marks whose ink
     * sits in their left half); the table checksum is left as it is, as
     * readers of an embedded font do not check it */
    size_t hhea, hhea_n, hmtx, hmtx_n;
    if (!find_table(out->font, out->font_len, "hhea", &hhea, &hhea_n) || hhea_n < 36 ||
        !find_table(out->font, out->font_len, "hmtx", &hmtx, &hmtx_n)) {
        int index;
        qs_srcpos pos = {qs_fonts_file(f, id, &index), 0};
        qs_diag_error(d, pos, "the subset of this font has no horizontal metrics");
        qs_font_subset_free(out);
        return QS_ERR_FONT;
    }
    size_t metrics = get16(out->font + hhea + 34);
    for (size_t i = 0; i < metrics && 4 * (i + 1) <= hmtx_n; i++) {
        unsigned char *m = out->font + hmtx + 4 * i;
        be16(m, get16(m) / 2);
    }
    be16(out->font + hhea + 10, get16(out->font + hhea + 10) / 2); /* advanceWidthMax */
    free(out->zlib);
    out->zlib = qs_deflate_zlib(f->z, out->font, out->font_len, &out->zlib_len);
    return QS_OK;
}

void qs_font_subset_free(qs_font_subset *s)
{
    free(s->font);
    free(s->zlib);
    memset(s, 0, sizeof *s);
}

qs_deflate *qs_fonts_deflate(qs_fonts *f)
{
    return f->z;
}
