/* pdf_doc.c - the libharu wrapper shared by every PDF (stage 4: render).
 *
 * Works around Debian 12's libharu 2.3.0 as measured in notes/libraries.md:
 * fonts are true subsets made with hb-subset (libharu only empties unused
 * outlines, and drops strokes of composite glyphs with ids >= 32768); text
 * is drawn in small two-byte codes through a CMap encoder of our own (its
 * UTF-8 encoder costs every font a walk of all 65,536 code points); the
 * ToUnicode map libharu writes is invalid and is replaced by a bfchar map;
 * every stream is compressed with libdeflate, not libharu's zlib; dates come
 * from the epoch, never the clock; the file is written beside its target
 * and renamed.  Errors are recorded by the libharu handler and checked at
 * each step.  Every reach into libharu's internals is in hpdf_private.c;
 * this file uses only <hpdf.h>.
 */
#include "pdf_doc.h"
#include "layout.h"
#include "arena.h"
#include "hpdf_private.h"
#include "utf8.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FACES 64
/* Every face f has a companion HALF(f): a subset of its full-width closing
 * marks whose advances are halved (qs_fonts_subset_halved).  A mark set at
 * half width (clreq compression: ）， → 1.5 em) is drawn from it, so its
 * glyph box ends where the next glyph starts: readers that rebuild lines
 * from glyph boxes (poppler) see no overlap and keep the line whole. */
#define HALF(face) ((face) + MAX_FACES)
#define ALL_FACES (2 * MAX_FACES)
#define BMP 0x10000

struct qs_pdf {
    HPDF_Doc doc;
    qs_fonts *fonts;
    qs_diags *d;
    unsigned char *used[ALL_FACES]; /* per face: a bitmap of BMP code points */
    uint16_t *code[ALL_FACES];      /* per face: code point -> its two-byte code (text_code) */
    HPDF_Font hfont[ALL_FACES];
    qs_font_subset subset[ALL_FACES];
    HPDF_STATUS error, detail;
    int sys_errno; /* errno when the first error came: libharu's detail of a write error is ferror()'s 1 */
    bool fonts_loaded;
    unsigned char *missing[QS_ROLE_COUNT]; /* characters already reported, per role */
    qs_arena *scratch; /* glyph positions of the text being drawn or measured */
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
    qs_pdf *p = data;
    if (!p->error) { /* the first error is the cause; later ones follow from it */
        p->error = error;
        p->detail = detail;
        p->sys_errno = errno;
    }
}

qs_pdf *qs_pdf_new(qs_fonts *fonts, qs_diags *d)
{
    qs_pdf *p = qs_xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    p->fonts = fonts;
    p->d = d;
    p->scratch = qs_arena_new();
    p->doc = HPDF_New(on_error, p);
    if (!p->doc) {
        fputs("qsreport: out of memory\n", stderr);
        abort();
    }
    /* no compression by libharu: qs_pdf_save compresses every stream (compress_streams) */
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    return p;
}

void qs_pdf_free(qs_pdf *p)
{
    if (!p)
        return;
    HPDF_Free(p->doc);
    qs_arena_free(p->scratch);
    for (int r = 0; r < QS_ROLE_COUNT; r++)
        free(p->missing[r]);
    for (int i = 0; i < ALL_FACES; i++) {
        free(p->used[i]);
        free(p->code[i]);
        qs_font_subset_free(&p->subset[i]);
    }
    free(p);
}

static void mark(qs_pdf *p, int face, uint32_t cp)
{
    if (!p->used[face]) {
        p->used[face] = qs_xmalloc(BMP / 8);
        memset(p->used[face], 0, BMP / 8);
    }
    p->used[face][cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

static bool need(qs_pdf *p, qs_font_role role, const char *text, qs_srcpos where, const char *what, bool embed)
{
    bool ok = true;
    size_t len = strlen(text);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = qs_utf8_decode(text + i, len - i, &cp);
        if (!n) {
            qs_diag_error(p->d, where, "%s: invalid UTF-8", what);
            return false;
        }
        i += n;
        if (cp == '\n' || cp == '\t')
            continue;
        int face = qs_fonts_face_for(p->fonts, role, cp);
        if (face >= 0) {
            if (embed)
                mark(p, face, cp);
            if (embed && qs_layout_halvable(cp) && qs_fonts_advance(p->fonts, face, cp) > 0.9)
                mark(p, HALF(face), cp); /* it may be set at half width */
            continue;
        }
        if (cp <= 0xFFFF) { /* one diagnostic per character and role: the first place */
            if (!p->missing[role]) {
                p->missing[role] = qs_xmalloc(BMP / 8);
                memset(p->missing[role], 0, BMP / 8);
            }
            unsigned char bit = (unsigned char)(1u << (cp & 7));
            if (p->missing[role][cp >> 3] & bit) {
                ok = false;
                continue;
            }
            p->missing[role][cp >> 3] |= bit;
        }
        char ch[5] = {0};
        qs_utf8_encode(cp, ch);
        if (cp > 0xFFFF)
            qs_diag_error(p->d, where, "%s: character \"%s\" (U+%04X) is beyond the Basic Multilingual "
                          "Plane, which the PDF writer cannot draw", what, ch, (unsigned)cp);
        else
            qs_diag_error(p->d, where, "%s: character \"%s\" (U+%04X) is in no font of the %s role (%s)",
                          what, ch, (unsigned)cp, qs_font_role_name(role),
                          qs_fonts_role_families(p->fonts, role));
        ok = false;
    }
    return ok;
}

bool qs_pdf_need(qs_pdf *p, qs_font_role role, const char *text, qs_srcpos where, const char *what)
{
    return need(p, role, text, where, what, true);
}

bool qs_pdf_need_shapes(qs_pdf *p, qs_font_role role, const char *text, qs_srcpos where, const char *what)
{
    return need(p, role, text, where, what, false);
}

/* Text is drawn in two-byte codes, one per character of the subset: the
 * k-th gets text_code(k), whose bytes are never 0 (libharu takes text as a
 * C string) and whose values stay small.  With Identity-H the code is the
 * CID; a CMap encoder of our own (qs_hpdf_make_encoder) sends it to the
 * subset's private-use code point U+E000 + k, hence to its glyph.  libharu's UTF-8
 * encoder instead makes every font walk all 65,536 code points three times
 * (widths, CIDToGIDMap), about a millisecond per font. */
static uint16_t text_code(size_t k)
{
    return (uint16_t)((1 + k / 255) << 8 | (1 + k % 255));
}

/* Subsets, embeds and names face (a companion HALF(f) too) for the
 * characters pass 1 marked. */
static qs_status load_face(qs_pdf *p, int face)
{
    uint32_t *cps = qs_xmalloc(BMP * sizeof *cps);
    size_t n = 0;
    p->code[face] = qs_xmalloc(BMP * sizeof *p->code[face]);
    memset(p->code[face], 0, BMP * sizeof *p->code[face]);
    for (uint32_t byte = 0; byte < BMP / 8; byte++) /* most bytes of the bitmap are 0 */
        for (unsigned bits = p->used[face][byte], bit = 0; bits; bits >>= 1, bit++)
            if (bits & 1) {
                uint32_t cp = byte * 8 + bit;
                p->code[face][cp] = text_code(n < QS_FONTS_MAX_SUBSET ? n : 0);
                cps[n++] = cp;
            }
    if (n > QS_FONTS_MAX_SUBSET) {
        int index;
        qs_srcpos pos = {qs_fonts_file(p->fonts, face % MAX_FACES, &index), 0};
        qs_diag_error(p->d, pos, "one document draws %zu distinct characters from this font; at most %d fit",
                      n, QS_FONTS_MAX_SUBSET);
        free(cps);
        return QS_ERR_FONT;
    }
    qs_status st = face < MAX_FACES ? qs_fonts_subset(p->fonts, face, cps, n, &p->subset[face], p->d)
                                    : qs_fonts_subset_halved(p->fonts, face - MAX_FACES, cps, n,
                                                             &p->subset[face], p->d);
    if (st != QS_OK) {
        free(cps);
        return st;
    }
    /* the companion of a face: a name of its own, or libharu takes it for the face */
    const char *name = qs_hpdf_load_font(p->doc, p->subset[face].font, p->subset[face].font_len,
                                         face >= MAX_FACES ? "-Half" : NULL);
    free(p->subset[face].font); /* libharu has its copy; the zlib form stays for the save */
    p->subset[face].font = NULL;
    char enc_name[16]; /* the encoder "QS-<face>" of the subset's n codes */
    snprintf(enc_name, sizeof enc_name, "QS-%d", face);
    const char *enc = name ? qs_hpdf_make_encoder(p->doc, enc_name, text_code, n) : NULL;
    HPDF_Font font = enc ? HPDF_GetFont(p->doc, name, enc) : NULL;
    if (!font || p->error) {
        int index;
        qs_srcpos pos = {qs_fonts_file(p->fonts, face % MAX_FACES, &index), 0};
        qs_diag_error(p->d, pos, "the PDF writer cannot embed this font (libharu error 0x%04X)",
                      (unsigned)p->error);
        free(cps);
        return QS_ERR_FONT;
    }
    /* the ToUnicode map sends each code drawn back to its character, so
     * text copies out as written */
    qs_hpdf_set_tounicode(font, cps, n, p->code[face]);
    free(cps);
    p->hfont[face] = font;
    return QS_OK;
}

qs_status qs_pdf_load_fonts(qs_pdf *p)
{
    /* the companions (HALF) are loaded when a mark is first drawn at half
     * width: a document that compresses none carries none */
    for (int face = 0; face < MAX_FACES; face++) {
        if (!p->used[face])
            continue;
        qs_status st = load_face(p, face);
        if (st != QS_OK)
            return st;
    }
    p->fonts_loaded = true;
    return QS_OK;
}

double qs_pdf_measure(void *ctx, uint32_t cp)
{
    const qs_pdf_style *s = ctx;
    int face = qs_fonts_face_for(s->pdf->fonts, s->role, cp);
    if (face < 0)
        return s->size + s->tracking; /* reported by qs_pdf_need; keep layout going */
    return qs_fonts_advance(s->pdf->fonts, face, cp) * s->size + s->tracking;
}

double qs_pdf_width(const qs_pdf_style *s, const char *text, size_t len)
{
    return qs_layout_width(text, len, qs_pdf_measure, (void *)s, s->size, s->pdf->scratch);
}

HPDF_Page qs_pdf_page(qs_pdf *p, double w, double h)
{
    HPDF_Page page = HPDF_AddPage(p->doc);
    if (!page) {
        /* after an error libharu adds no page: the save reports it; abort()
         * here would lose the diagnostic, and drawing on NULL would crash */
        fputs("qsreport: the PDF writer failed to add a page\n", stderr);
        abort();
    }
    HPDF_Page_SetWidth(page, (HPDF_REAL)w);
    HPDF_Page_SetHeight(page, (HPDF_REAL)h);
    return page;
}

/* a glyph outline (ems) onto the page: scaled to the size, at the pen */
typedef struct page_pen {
    HPDF_Page page;
    double x, y, size;
    bool drawn;
} page_pen;

static void page_move(void *ctx, double x, double y)
{
    page_pen *g = ctx;
    HPDF_Page_MoveTo(g->page, (HPDF_REAL)(g->x + x * g->size), (HPDF_REAL)(g->y + y * g->size));
    g->drawn = true;
}

static void page_line(void *ctx, double x, double y)
{
    page_pen *g = ctx;
    HPDF_Page_LineTo(g->page, (HPDF_REAL)(g->x + x * g->size), (HPDF_REAL)(g->y + y * g->size));
}

static void page_cubic(void *ctx, double x1, double y1, double x2, double y2, double x, double y)
{
    page_pen *g = ctx;
    HPDF_Page_CurveTo(g->page, (HPDF_REAL)(g->x + x1 * g->size), (HPDF_REAL)(g->y + y1 * g->size),
                      (HPDF_REAL)(g->x + x2 * g->size), (HPDF_REAL)(g->y + y2 * g->size),
                      (HPDF_REAL)(g->x + x * g->size), (HPDF_REAL)(g->y + y * g->size));
}

static void page_close(void *ctx)
{
    page_pen *g = ctx;
    HPDF_Page_ClosePath(g->page);
}

/* text as filled outlines, one path a glyph (TrueType outlines fill by the
 * nonzero rule) */
static void outlines(qs_pdf *p, HPDF_Page page, const qs_pdf_style *s, double x, double y,
                     const char *text, const qs_placed *pl, size_t n)
{
    static const qs_glyph_pen pen = {page_move, page_line, page_cubic, page_close};
    for (size_t i = 0; i < n; i++) {
        uint32_t cp;
        if (!qs_utf8_decode(text + pl[i].off, pl[i].len, &cp))
            continue;
        int face = qs_fonts_face_for(p->fonts, s->role, cp);
        page_pen g = {page, x + pl[i].x, y, s->size, false};
        if (face >= 0 && qs_fonts_outline(p->fonts, face, cp, &pen, &g) && g.drawn)
            HPDF_Page_Fill(page);
    }
}

/* the advance of the glyph at pl (with the style's tracking) and its face:
 * a mark set at half width comes from its face's companion (HALF) */
static double advance(qs_pdf *p, const qs_pdf_style *s, const char *text, const qs_placed *pl, int *face)
{
    uint32_t cp;
    if (!qs_utf8_decode(text + pl->off, pl->len, &cp))
        cp = 0xFFFD;
    *face = qs_fonts_face_for(p->fonts, s->role, cp);
    double w = qs_pdf_measure((void *)s, cp);
    if (pl->half && *face >= 0 && cp < BMP && p->used[HALF(*face)] && !p->code[HALF(*face)] &&
        load_face(p, HALF(*face)) != QS_OK) {
        free(p->used[HALF(*face)]); /* not again: drawn at full width, overlapping */
        free(p->code[HALF(*face)]);
        p->used[HALF(*face)] = NULL;
        p->code[HALF(*face)] = NULL;
    }
    if (pl->half && *face >= 0 && cp < BMP && p->code[HALF(*face)] && p->code[HALF(*face)][cp]) {
        *face = HALF(*face);
        return (w - s->tracking) / 2 + s->tracking;
    }
    return w;
}

void qs_pdf_draw(qs_pdf *p, HPDF_Page page, const qs_pdf_style *s, double x, double y, const char *text,
                 const qs_placed *pl, size_t n)
{
    if (s->outlines) {
        outlines(p, page, s, x, y, text, pl, n);
        return;
    }
    qs_arena_pos scratch = qs_arena_tell(p->scratch);
    char *run = qs_arena_alloc(p->scratch, 2 * n + 1); /* two bytes a character (text_code) */
    HPDF_Page_BeginText(page);
    double tc = -1e9;
    size_t i = 0;
    while (i < n) {
        /* the longest run drawn by one face with one spacing between its glyphs (Tc) */
        int face, f2;
        double w = advance(p, s, text, &pl[i], &face);
        double gap = i + 1 < n ? pl[i + 1].x - pl[i].x - w : 0;
        size_t j = i + 1;
        while (j < n) {
            double wj = advance(p, s, text, &pl[j], &f2);
            if (f2 != face)
                break;
            if (fabs(pl[j].x - pl[j - 1].x - w - gap) > 0.001)
                break;
            w = wj;
            j++;
        }
        if (j == i + 1)
            gap = 0;
        if (face >= 0 && p->hfont[face]) {
            /* in the two-byte codes of the subset (text_code) */
            size_t o = 0;
            for (size_t k = i; k < j; k++) {
                uint32_t c;
                if (!qs_utf8_decode(text + pl[k].off, pl[k].len, &c))
                    continue;
                uint16_t code = c < BMP ? p->code[face][c] : 0;
                if (code) { /* none only for a character qs_pdf_need reported */
                    run[o++] = (char)(code >> 8);
                    run[o++] = (char)(code & 0xFF);
                }
            }
            run[o] = '\0';
            /* Tc: the style's tracking (already in the advances) plus the run's spacing */
            if (fabs(s->tracking + gap - tc) > 1e-6) {
                tc = s->tracking + gap;
                HPDF_Page_SetCharSpace(page, (HPDF_REAL)tc);
            }
            HPDF_Page_SetFontAndSize(page, p->hfont[face], (HPDF_REAL)s->size);
            HPDF_Page_TextOut(page, (HPDF_REAL)(x + pl[i].x), (HPDF_REAL)y, run);
        }
        i = j;
    }
    HPDF_Page_EndText(page);
    qs_arena_rewind(p->scratch, scratch);
}

void qs_pdf_text(qs_pdf *p, HPDF_Page page, const qs_pdf_style *s, double x, double y, const char *text,
                 size_t len)
{
    qs_arena_pos scratch = qs_arena_tell(p->scratch);
    qs_layout_opts o = {.width = 1e9, .em = s->size, .compress = true};
    qs_line ln = {0, len, 0, 0, true};
    qs_placed *pl;
    size_t n = qs_layout_place(text, &ln, &o, qs_pdf_measure, (void *)s, p->scratch, &pl);
    qs_pdf_draw(p, page, s, x, y, text, pl, n);
    qs_arena_rewind(p->scratch, scratch);
}

void qs_pdf_outline(qs_pdf *p, HPDF_Page page, double y, const char *title)
{
    /* the UTF-8 encoder writes the title as UTF-16 (notes: libharu row 5a) */
    HPDF_Outline o = HPDF_CreateOutline(p->doc, NULL, title, HPDF_GetEncoder(p->doc, "UTF-8"));
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);
    HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)y, 1); /* libharu 2.3 refuses zoom 0 */
    HPDF_Outline_SetDestination(o, dst);
}

static void set_date(qs_pdf *p, HPDF_InfoType type, time_t epoch)
{
    struct tm tm;
    gmtime_r(&epoch, &tm);
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                      'Z', 0, 0};
    HPDF_SetInfoDateAttr(p->doc, type, date);
}

/* Every stream goes out compressed with libdeflate (deflate.c), not by
 * libharu's zlib, and each font program is the subset's zlib form made (or
 * remembered) by qs_fonts_subset (hpdf_private.c does both). */
static void compress_streams(qs_pdf *p)
{
    for (int face = 0; face < ALL_FACES; face++)
        if (p->hfont[face])
            qs_hpdf_embed_font(p->doc, p->hfont[face], p->subset[face].zlib, p->subset[face].zlib_len,
                               p->subset[face].font_len);
    qs_hpdf_compress_streams(p->doc, qs_fonts_deflate(p->fonts));
}

qs_status qs_pdf_save(qs_pdf *p, const qs_dest *to, const qs_pdf_info *info)
{
    qs_srcpos pos = {to->shown, 0};
    HPDF_SetCurrentEncoder(p->doc, "UTF-8"); /* info strings as UTF-16, not raw bytes */
    if (info->title)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, info->title);
    if (info->author)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, info->author);
    if (info->subject)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, info->subject);
    if (info->keywords)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_KEYWORDS, info->keywords);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "qsreport");
    set_date(p, HPDF_INFO_CREATION_DATE, info->epoch);
    set_date(p, HPDF_INFO_MOD_DATE, info->epoch);
    if (!p->error)
        compress_streams(p);
    if (p->error) {
        qs_diag_error(p->d, pos, "cannot write: the PDF writer failed (libharu error 0x%04X, detail %u)",
                      (unsigned)p->error, (unsigned)p->detail);
        return QS_ERR_PDF;
    }
    qs_afile f;
    qs_status st = qs_fs_create(&f, to, p->d);
    if (st != QS_OK)
        return st;
    if (HPDF_SaveToFile(p->doc, qs_fs_tmp_path(&f)) != HPDF_OK || p->error) {
        int err = p->error == HPDF_FILE_OPEN_ERROR ? (int)p->detail : p->sys_errno;
        qs_diag_error(p->d, pos, "cannot write: %s",
                      (p->error == HPDF_FILE_IO_ERROR || p->error == HPDF_FILE_OPEN_ERROR) && err
                          ? strerror(err)
                          : "the PDF writer failed");
        qs_fs_abort(&f);
        return QS_ERR_PDF;
    }
    return qs_fs_commit(&f, false, NULL, p->d);
}
