/* hpdf_private.c - the only file that reaches into libharu's internals
 * (stage 4: render, under pdf_doc.c).
 *
 * Reads and writes libharu 2.3.0's private structures: the document's font
 * definition list and subset tag, a CMap encoder's tables, a font's
 * ToUnicode stream and descriptor, and every stream of the cross-reference
 * table.  Each reach works around one fault of libharu 2.3.0 as Debian 12
 * ships it (notes/libraries.md, the libharu rows); the comment above each
 * names it.  The structures differ in other versions, so the build stops
 * on any other one: check the reaches again, one by one, before moving the
 * version below.  Never draws, never writes a file.
 */
#include "hpdf_private.h"
#include "arena.h"

#include <hpdf_version.h>
#if HPDF_VERSION_ID != 20300
#error "hpdf_private.c edits libharu 2.3.0's private structures: check each reach against this libharu first"
#endif

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BMP 0x10000

/* Fault: 2.3.0 loads a TrueType font only from a file, with tens of
 * thousands of seeks; this is HPDF_LoadTTFontFromFile from memory (the
 * font definition list and the subset tag are private). */
const char *qs_hpdf_load_font(HPDF_Doc doc, const unsigned char *data, size_t len, const char *suffix)
{
    HPDF_Stream s = HPDF_MemStream_New(doc->mmgr, (HPDF_UINT)len);
    if (!s || HPDF_Stream_Write(s, data, (HPDF_UINT)len) != HPDF_OK)
        return NULL;
    HPDF_FontDef def = HPDF_TTFontDef_Load(doc->mmgr, s, HPDF_TRUE);
    if (!def)
        return NULL;
    if (suffix) /* libharu finds fonts by this name: two from one font file need two */
        strncat(def->base_font, suffix, sizeof def->base_font - strlen(def->base_font) - 1);
    if (HPDF_Doc_FindFontDef(doc, def->base_font) || HPDF_List_Add(doc->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    if (doc->ttfont_tag[0] == 0) {
        memcpy(doc->ttfont_tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; i--) {
            if (++doc->ttfont_tag[i] <= 'Z')
                break;
            doc->ttfont_tag[i] = 'A';
        }
    }
    HPDF_TTFontDef_SetTagName(def, (char *)doc->ttfont_tag);
    return def->base_font;
}

static HPDF_BOOL any_byte(HPDF_Encoder e, HPDF_BYTE b)
{
    (void)e, (void)b;
    return HPDF_TRUE;
}

/* Fault (row 1d): 2.3.0's UTF-8 encoder makes every font walk all 65,536
 * code points (widths, CIDToGIDMap); a two-byte CMap encoder of the
 * subset's codes only is set up through the encoder's private attributes. */
static HPDF_STATUS init_encoder(HPDF_Encoder e)
{
    HPDF_STATUS st = HPDF_CMapEncoder_InitAttr(e);
    if (st != HPDF_OK)
        return st;
    HPDF_CMapEncoderAttr a = e->attr;
    HPDF_CidRange_Rec all = {0x0000, 0xFFFF, 0};
    if ((st = HPDF_CMapEncoder_AddCodeSpaceRange(e, all)) != HPDF_OK)
        return st;
    a->is_lead_byte_fn = any_byte; /* every code is two bytes */
    a->is_trial_byte_fn = any_byte;
    strcpy(a->registry, "Adobe");
    strcpy(a->ordering, "Identity-H"); /* libharu then writes /Encoding /Identity-H and a ToUnicode */
    a->suppliment = 0;
    a->writing_mode = HPDF_WMODE_HORIZONTAL;
    e->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
    return HPDF_OK;
}

/* Fault (row 1d): as init_encoder; the code and Unicode tables are private. */
const char *qs_hpdf_make_encoder(HPDF_Doc doc, const char *name, qs_hpdf_code_fn code, size_t n)
{
    HPDF_Encoder e = HPDF_CMapEncoder_New(doc->mmgr, (char *)name, init_encoder);
    if (!e || HPDF_Doc_RegisterEncoder(doc, e) != HPDF_OK || !(e = HPDF_GetEncoder(doc, name)))
        return NULL;
    HPDF_CMapEncoderAttr a = e->attr;
    /* one past the last: libharu's width and CIDToGIDMap loops stop short
     * of the highest CID, so that one is left unused */
    for (size_t k = 0; k <= n; k++) {
        uint16_t c = code(k);
        a->cid_map[c & 0xFF][c >> 8] = c;
        a->unicode_map[c & 0xFF][c >> 8] = (HPDF_UNICODE)(0xE000 + k);
    }
    return e->name;
}

/* Fault (row 3): 2.3.0 attaches a CID CMap as /ToUnicode, which poppler
 * rejects ("Invalid 'begincidrange' operator"); its stream is private. */
void qs_hpdf_set_tounicode(HPDF_Font font, const uint32_t *cps, size_t n, const uint16_t *code_of)
{
    HPDF_Dict tu = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu || !tu->stream)
        return;
    HPDF_Stream s = tu->stream;
    HPDF_MemStream_FreeData(s);
    HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    size_t k = 0;
    char buf[64];
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        if (k % 100 == 0) {
            size_t left = n - k;
            snprintf(buf, sizeof buf, "%s%zu beginbfchar\n", k ? "endbfchar\n" : "", left < 100 ? left : 100);
            HPDF_Stream_WriteStr(s, buf);
        }
        snprintf(buf, sizeof buf, "<%04X> <%04X>\n", (unsigned)code_of[cp], (unsigned)cp);
        HPDF_Stream_WriteStr(s, buf);
        k++;
    }
    if (k)
        HPDF_Stream_WriteStr(s, "endbfchar\n");
    HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* Written inside a stream's dictionary that set_stream has filled. */
static HPDF_STATUS flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Fault (row 1c): 2.3.0 compresses with zlib only what it chooses and never
 * the /W array; a stream's data and dictionary writer are private. */
static void set_stream(HPDF_Dict dict, const unsigned char *data, size_t len)
{
    HPDF_MemStream_FreeData(dict->stream);
    HPDF_Stream_Write(dict->stream, data, (HPDF_UINT)len);
    dict->write_fn = flate_filter;
}

/* Fault (rows 1a, 1c): 2.3.0 embeds the whole font with only unused
 * outlines emptied (and drops composite glyphs' components >= 32768).  It
 * makes the descriptor only while saving, in the font's private
 * before-write function: called here first with embedding off, so that
 * libharu does not write out its own copy, and the subset made by hb-subset
 * is added as FontFile2 (during the save the function finds the descriptor
 * made and only sets names again). */
void qs_hpdf_embed_font(HPDF_Doc doc, HPDF_Font font, const unsigned char *zlib, size_t zlib_len,
                        size_t font_len)
{
    HPDF_Dict dict = (HPDF_Dict)font;
    if (!dict || !dict->before_write_fn)
        return;
    HPDF_FontAttr attr = dict->attr;
    HPDF_TTFontDefAttr def = attr->fontdef->attr;
    def->embedding = HPDF_FALSE; /* no FontFile2 of libharu's own, rewritten for nothing */
    HPDF_STATUS st = dict->before_write_fn(dict);
    def->embedding = HPDF_TRUE;
    HPDF_Dict desc = attr->fontdef->descriptor;
    HPDF_Dict file = st == HPDF_OK && desc ? HPDF_DictStream_New(doc->mmgr, doc->xref) : NULL;
    if (!file)
        return; /* the error handler has the cause; the save reports it */
    set_stream(file, zlib, zlib_len);
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)font_len);
    HPDF_Dict_Add(desc, "FontFile2", file);
}

/* Fault (row 1c): as set_stream; libdeflate is about three times faster
 * than libharu's zlib at the same size.  The cross-reference table and each
 * stream's buffers are private. */
void qs_hpdf_compress_streams(HPDF_Doc doc, qs_deflate *z)
{
    HPDF_List entries = doc->xref->entries;
    for (HPDF_UINT i = 0; i < entries->count; i++) {
        HPDF_XrefEntry e = HPDF_List_ItemAt(entries, i);
        HPDF_Obj_Header *h = e->obj;
        if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
            continue;
        HPDF_Dict dict = e->obj;
        HPDF_UINT32 size = dict->stream ? HPDF_Stream_Size(dict->stream) : 0;
        if (!size || dict->write_fn || dict->filter != HPDF_STREAM_FILTER_NONE)
            continue;
        unsigned char *raw = qs_xmalloc(size);
        size_t at = 0;
        for (HPDF_UINT b = 0, nb = HPDF_MemStream_GetBufCount(dict->stream); b < nb; b++) {
            HPDF_UINT len = 0;
            HPDF_BYTE *buf = HPDF_MemStream_GetBufPtr(dict->stream, b, &len);
            if (len > size - at)
                len = (HPDF_UINT)(size - at);
            memcpy(raw + at, buf, len);
            at += len;
        }
        size_t zlen = 0;
        unsigned char *zdata = qs_deflate_zlib(z, raw, at, &zlen);
        set_stream(dict, zdata, zlen);
        free(zdata);
        free(raw);
    }
}
