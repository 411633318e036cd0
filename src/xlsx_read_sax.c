/* xlsx_read_sax.c - a workbook's sheets and shared strings, streamed (stage 1: load).
 *
 * Reads: a sheet part or the shared-strings part (ECMA-376 §18.3, §18.4),
 * expanded under the caps by xlsx_read.c.  Writes: the sheet's cells
 * (typed, sorted by row and column) and merged ranges, or the book's shared
 * strings, in the arena.  Parsed through libxml2's SAX with no network and
 * no DTD, never as a tree: these parts are most of a workbook's bytes, and
 * a tree would cost several times the parse itself.  A part past the caps
 * of xlsx_read.h is refused with one diagnostic.
 */
#include "xlsx_read.h"
#include "xlsx_read_internal.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- text: Excel's escapes ---- */

static bool hex4(const char *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int h = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (h < 0)
            return false;
        *v = *v * 16 + (unsigned)h;
    }
    return true;
}

/* Excel's _xHHHH_ escapes (ECMA-376 §22.9.2.19) decoded, as UTF-8; arena copy */
static const char *unescape(qs_arena *a, const char *s)
{
    if (!strstr(s, "_x"))
        return qs_arena_strdup(a, s);
    char *out = qs_arena_alloc(a, strlen(s) + 1), *o = out;
    for (const char *p = s; *p;) {
        unsigned v;
        if (p[0] == '_' && p[1] == 'x' && hex4(p + 2, &v) && p[6] == '_' && v && v < 0x800 &&
            !(v >= 0xD800 && v <= 0xDFFF)) {
            if (v < 0x80) {
                *o++ = (char)v;
            } else {
                *o++ = (char)(0xC0 | (v >> 6));
                *o++ = (char)(0x80 | (v & 0x3F));
            }
            p += 7;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

/* ---- the SAX state: one part being parsed ---- */

typedef struct sax_state sax_state;
struct sax_state {
    reader *r;
    xmlParserCtxtPtr ctxt;
    qs_xsheet *s; /* NULL: the shared strings */
    size_t cap;   /* of s->cells (malloc'd while parsing) or of r->shared */
    /* text being collected: in <v>, or in a <t> of an <si> / <is> (not of an <rPh>) */
    char *text;
    size_t len, text_cap;
    bool in_text, in_phonetic, in_data, in_cell;
    uint32_t row, next_row, col, next_col;
    char type[16];
    bool has_v, has_is;
    size_t shared_cap;
};

static void stop(sax_state *st)
{
    xmlStopParser(st->ctxt);
}

static void text_add(sax_state *st, const char *p, size_t n)
{
    if (st->len + n + 1 > st->text_cap) {
        while (st->len + n + 1 > st->text_cap)
            st->text_cap = st->text_cap ? st->text_cap * 2 : 256;
        st->text = qs_xrealloc(st->text, st->text_cap);
    }
    memcpy(st->text + st->len, p, n);
    st->len += n;
    st->text[st->len] = '\0';
}

/* attribute name of a SAX2 attribute list (5 pointers each), copied into buf; NULL when absent */
static const char *sax_attr(const xmlChar **attrs, int n, const char *name, bool ns, char *buf, size_t size)
{
    for (int i = 0; i < n; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (strcmp((const char *)a[0], name) || (a[2] != NULL) != ns)
            continue;
        size_t len = (size_t)(a[4] - a[3]);
        if (len >= size)
            len = size - 1;
        memcpy(buf, a[3], len);
        buf[len] = '\0';
        return buf;
    }
    return NULL;
}

static void add_cell(sax_state *st, const char *v)
{
    reader *r = st->r;
    qs_xsheet *s = st->s;
    const char *t = st->type;
    qs_xcell x = {st->row, st->col, QS_XCELL_STRING, "", 0};
    if (!strcmp(t, "inlineStr")) {
        if (!st->has_is)
            return;
        x.text = unescape(r->a, v);
    } else if (!st->has_v) {
        return; /* a styled empty cell */
    } else if (!strcmp(t, "s")) {
        char *end;
        unsigned long k = strtoul(v, &end, 10);
        if (*end || end == v || k >= r->n_shared) {
            char ref[16];
            qs_xread_fail(r, "cannot read the workbook: cell %s names a shared string that is not there",
                 qs_xlsx_ref(st->row, st->col, ref));
            stop(st);
            return;
        }
        x.text = r->shared[k];
    } else if (!strcmp(t, "str") || !strcmp(t, "d")) {
        x.text = unescape(r->a, v);
    } else if (!strcmp(t, "b")) {
        x.type = QS_XCELL_BOOL;
        x.num = strcmp(v, "0") != 0;
        x.text = x.num ? "TRUE" : "FALSE";
    } else if (!strcmp(t, "e")) {
        x.type = QS_XCELL_ERROR;
        x.text = qs_arena_strdup(r->a, v);
    } else {
        char *end;
        x.type = QS_XCELL_NUMBER;
        x.num = strtod(v, &end);
        while (*end == ' ')
            end++;
        if (*end || end == v || !isfinite(x.num))
            x.type = QS_XCELL_STRING; /* not a number after all: keep the text */
        x.text = qs_arena_strdup(r->a, v);
    }
    if (!x.text[0] && x.type == QS_XCELL_STRING)
        return;
    if (r->n_cells++ >= QS_XLSX_MAX_CELLS) {
        qs_xread_fail(r, "refused: the workbook has more than %s cells", "1000000");
        stop(st);
        return;
    }
    if (s->n_cells == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 256;
        s->cells = qs_xrealloc(s->cells, st->cap * sizeof *s->cells);
    }
    s->cells[s->n_cells++] = x;
    if (st->row + 1 > s->n_rows)
        s->n_rows = st->row + 1;
}

static void add_merge(sax_state *st, const char *ref)
{
    qs_xsheet *s = st->s;
    const char *colon = strchr(ref, ':');
    if (!colon || colon - ref > 15 || s->n_merges >= 10000)
        return;
    char first[16];
    memcpy(first, ref, (size_t)(colon - ref));
    first[colon - ref] = '\0';
    qs_xrange g;
    if (!qs_xread_parse_ref(first, &g.r0, &g.c0) || !qs_xread_parse_ref(colon + 1, &g.r1, &g.c1) || g.r0 > g.r1 || g.c0 > g.c1)
        return;
    if (s->n_merges % 16 == 0) {
        qs_xrange *v = qs_arena_calloc(st->r->a, s->n_merges + 16, sizeof *v);
        if (s->n_merges)
            memcpy(v, s->merges, s->n_merges * sizeof *v);
        s->merges = v;
    }
    s->merges[s->n_merges++] = g;
}

static void sheet_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int n_ns,
                        const xmlChar **ns, int n_attrs, int n_def, const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)n_ns, (void)ns, (void)n_def;
    sax_state *st = ctx;
    reader *r = st->r;
    const char *n = (const char *)name;
    char buf[64];
    if (!strcmp(n, "sheetData")) {
        st->in_data = true;
    } else if (st->in_data && !strcmp(n, "row")) {
        const char *rs = sax_attr(attrs, n_attrs, "r", false, buf, sizeof buf);
        st->row = st->next_row;
        if (rs) {
            char *end;
            unsigned long v = strtoul(rs, &end, 10);
            if (*end || !v || v > 1048576) {
                qs_xread_fail(r, "cannot read the workbook: a row number \"%s\" out of range", rs);
                stop(st);
                return;
            }
            st->row = (uint32_t)(v - 1);
        }
        st->next_row = st->row + 1;
        st->next_col = 0;
    } else if (st->in_data && !strcmp(n, "c")) {
        const char *ref = sax_attr(attrs, n_attrs, "r", false, buf, sizeof buf);
        st->col = st->next_col;
        if (ref && !qs_xread_parse_ref(ref, &st->row, &st->col)) {
            qs_xread_fail(r, "cannot read the workbook: a cell reference \"%s\" is malformed", ref);
            stop(st);
            return;
        }
        st->next_col = st->col + 1;
        if (st->row >= QS_XLSX_MAX_ROWS) {
            char refbuf[16];
            qs_srcpos pos = {qs_arena_printf(r->a, "%s:%s!%s", r->path, st->s->name, qs_xlsx_ref(st->row, st->col, refbuf)), 0};
            qs_diag_error(r->d, pos, "refused: a sheet may have at most %u rows", QS_XLSX_MAX_ROWS);
            r->failed = true;
            stop(st);
            return;
        }
        const char *t = sax_attr(attrs, n_attrs, "t", false, st->type, sizeof st->type);
        if (!t)
            st->type[0] = '\0';
        st->in_cell = true;
        st->has_v = st->has_is = false;
        st->len = 0;
        if (st->text)
            st->text[0] = '\0';
    } else if (st->in_cell && !strcmp(n, "v")) {
        st->has_v = st->in_text = true;
        st->len = 0;
    } else if (st->in_cell && !strcmp(n, "is")) {
        st->has_is = true;
        st->len = 0;
    } else if (st->in_cell && st->has_is && !strcmp(n, "rPh")) {
        st->in_phonetic = true;
    } else if (st->in_cell && st->has_is && !strcmp(n, "t") && !st->in_phonetic) {
        st->in_text = true;
    } else if (!strcmp(n, "mergeCell")) {
        const char *ref = sax_attr(attrs, n_attrs, "ref", false, buf, sizeof buf);
        if (ref)
            add_merge(st, ref);
    }
}

static void sheet_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix, (void)uri;
    sax_state *st = ctx;
    const char *n = (const char *)name;
    if (!strcmp(n, "sheetData")) {
        st->in_data = false;
    } else if (st->in_cell && !strcmp(n, "c")) {
        st->in_cell = false;
        add_cell(st, st->text ? st->text : "");
    } else if (!strcmp(n, "v") || !strcmp(n, "t")) {
        st->in_text = false;
    } else if (!strcmp(n, "rPh")) {
        st->in_phonetic = false;
    }
}

static void sst_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int n_ns,
                      const xmlChar **ns, int n_attrs, int n_def, const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)n_ns, (void)ns, (void)n_def, (void)n_attrs, (void)attrs;
    sax_state *st = ctx;
    const char *n = (const char *)name;
    if (!strcmp(n, "si")) {
        st->in_cell = true;
        st->len = 0;
        if (st->text)
            st->text[0] = '\0';
    } else if (st->in_cell && !strcmp(n, "rPh")) {
        st->in_phonetic = true;
    } else if (st->in_cell && !strcmp(n, "t") && !st->in_phonetic) {
        st->in_text = true;
    }
}

static void sst_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix, (void)uri;
    sax_state *st = ctx;
    reader *r = st->r;
    const char *n = (const char *)name;
    if (st->in_cell && !strcmp(n, "si")) {
        st->in_cell = false;
        if (r->n_shared >= QS_XLSX_MAX_CELLS) {
            qs_xread_fail(r, "refused: more than %s shared strings", "1000000");
            stop(st);
            return;
        }
        if (r->n_shared == st->shared_cap) {
            st->shared_cap = st->shared_cap ? st->shared_cap * 2 : 256;
            r->shared = qs_xrealloc(r->shared, st->shared_cap * sizeof *r->shared);
        }
        r->shared[r->n_shared++] = unescape(r->a, st->text ? st->text : "");
    } else if (!strcmp(n, "t")) {
        st->in_text = false;
    } else if (!strcmp(n, "rPh")) {
        st->in_phonetic = false;
    }
}

static void sax_chars(void *ctx, const xmlChar *ch, int len)
{
    sax_state *st = ctx;
    if (st->in_text && !st->in_phonetic && len > 0)
        text_add(st, (const char *)ch, (size_t)len);
}

static void sax_quiet(void *ctx, xmlErrorPtr err)
{
    (void)ctx, (void)err; /* a broken part is reported once, as not well-formed */
}

/* parses part name through SAX with the sheet (or, s NULL, shared strings) callbacks */
static bool sax_part(reader *r, const char *part, qs_xsheet *s, bool *absent)
{
    size_t len;
    char *buf = qs_xread_xml_part(r, part, &len, absent);
    if (!buf)
        return false;
    xmlParserCtxtPtr ctxt = len <= INT32_MAX ? xmlCreateMemoryParserCtxt(buf, (int)len) : NULL;
    if (!ctxt) {
        free(buf);
        qs_xread_fail(r, "cannot read the workbook: part %s cannot be parsed", part);
        return false;
    }
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = s ? sheet_start : sst_start;
    h.endElementNs = s ? sheet_end : sst_end;
    h.characters = sax_chars;
    h.cdataBlock = sax_chars;
    h.serror = sax_quiet;
    memcpy(ctxt->sax, &h, sizeof h);
    sax_state st = {.r = r, .ctxt = ctxt, .s = s};
    ctxt->userData = &st;
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ctxt->sax->serror = sax_quiet; /* options may reset handlers */
    xmlParseDocument(ctxt);
    bool ok = ctxt->wellFormed && !r->failed && !ctxt->myDoc && !(ctxt->inSubset);
    if (ctxt->myDoc)
        xmlFreeDoc(ctxt->myDoc);
    xmlFreeParserCtxt(ctxt);
    free(st.text);
    free(buf);
    if (!ok && !r->failed)
        qs_xread_fail(r, "cannot read the workbook: part %s is not well-formed XML", part);
    return ok;
}

bool qs_xread_shared(reader *r, const char *part)
{
    bool absent;
    bool ok = sax_part(r, part, NULL, &absent);
    /* into the arena, so the book is freed with it */
    const char **v = qs_arena_calloc(r->a, r->n_shared ? r->n_shared : 1, sizeof *v);
    if (r->n_shared)
        memcpy(v, r->shared, r->n_shared * sizeof *v);
    free(r->shared);
    r->shared = v;
    return ok || absent; /* a workbook without shared strings is fine (inline strings) */
}

bool qs_xread_sheet(reader *r, const char *part, qs_xsheet *s)
{
    bool absent;
    bool ok = sax_part(r, part, s, &absent);
    if (!ok && absent)
        qs_xread_fail(r, "cannot read the workbook: sheet part %s is missing", part);
    bool sorted = true; /* as every writer stores them; sort only when not */
    for (size_t i = 1; ok && sorted && i < s->n_cells; i++)
        sorted = qs_xread_cmp_cell(&s->cells[i - 1], &s->cells[i]) < 0;
    if (ok && !sorted)
        qsort(s->cells, s->n_cells, sizeof *s->cells, qs_xread_cmp_cell);
    qs_xcell *cells = qs_arena_calloc(r->a, ok && s->n_cells ? s->n_cells : 1, sizeof *cells);
    if (ok && s->n_cells)
        memcpy(cells, s->cells, s->n_cells * sizeof *cells);
    free(s->cells);
    s->cells = cells;
    if (!ok)
        s->n_cells = 0;
    return ok;
}
