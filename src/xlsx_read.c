/* xlsx_read.c - a workbook's cells, read defensively (stage 1: load).
 *
 * Reads: an .xlsx file (a zip of XML parts), from memory.  Writes: qs_xbook
 * in the arena, or one diagnostic saying why the file is refused.  Follows
 * ECMA-376 Part 1 (SpreadsheetML §18) as Excel, LibreOffice and WPS write
 * it: parts are found through _rels/.rels and the workbook's relationships,
 * never by assumed names.  Every part is expanded under the caps of
 * xlsx_read.h before libxml2 sees it, and parsed with no network, no DTD
 * and no entity substitution; a DOCTYPE is refused outright.
 */
#include "xlsx_read.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

typedef struct reader {
    qs_arena *a;
    const char *path;
    qs_diags *d;
    zip_t *z;
    size_t total;        /* bytes expanded so far */
    const char **shared; /* shared strings */
    size_t n_shared;
    size_t n_cells;
    bool failed;
} reader;

__attribute__((format(printf, 2, 3))) static void fail(reader *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = true;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    qs_srcpos pos = {r->path, 0};
    qs_diag_error(r->d, pos, "%s", msg);
}

/* ---- the container ---- */

/* Why an entry name is refused, or NULL. */
static const char *bad_name(const char *n)
{
    if (!n[0])
        return "an empty entry name";
    if (n[0] == '/' || n[0] == '\\' || (n[0] && n[1] == ':'))
        return "an absolute entry name";
    for (const char *p = n; *p; p++) {
        if (*p == '\\')
            return "a backslash in an entry name";
        bool start = p == n || p[-1] == '/';
        if (start && p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
            return "an entry name with \"..\"";
    }
    return NULL;
}

/* The part name (no leading "/") expanded, NUL-terminated, under the caps;
 * NULL when absent (*absent) or refused (with a diagnostic). */
static char *read_part(reader *r, const char *name, size_t *len, bool *absent)
{
    *absent = false;
    zip_int64_t idx = zip_name_locate(r->z, name, 0);
    if (idx < 0) {
        *absent = true;
        return NULL;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(r->z, (zip_uint64_t)idx, 0, &st) != 0) {
        fail(r, "cannot read the workbook: part %s is damaged", name);
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(r->z, (zip_uint64_t)idx, 0);
    if (!f) {
        fail(r, "cannot read the workbook: part %s cannot be opened (damaged or encrypted)", name);
        return NULL;
    }
    /* the size the entry claims, as a first guess only: it may lie */
    size_t cap = (st.valid & ZIP_STAT_SIZE) && st.size > 0 && st.size < (1u << 20) ? (size_t)st.size + 1 : 1 << 16, n = 0;
    char *buf = qs_xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap >= (size_t)QS_XLSX_MAX_PART) {
                free(buf);
                zip_fclose(f);
                fail(r, "refused: part %s expands past the 32 MiB a part may have", name);
                return NULL;
            }
            cap *= 2;
            buf = qs_xrealloc(buf, cap + 1);
        }
        zip_int64_t got = zip_fread(f, buf + n, cap - n);
        if (got < 0) {
            free(buf);
            zip_fclose(f);
            fail(r, "cannot read the workbook: part %s is damaged", name);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        /* compressed far better than any XML is: a zip bomb (checked as it expands) */
        if (n > (1u << 20) && (st.valid & ZIP_STAT_COMP_SIZE) &&
            (st.comp_size == 0 || n / st.comp_size > QS_XLSX_MAX_RATIO)) {
            free(buf);
            zip_fclose(f);
            fail(r, "refused: part %s expands more than 200 times (a zip bomb?)", name);
            return NULL;
        }
        if (r->total + n > (size_t)QS_XLSX_MAX_TOTAL) {
            free(buf);
            zip_fclose(f);
            fail(r, "refused: the parts read expand past %s (a zip bomb?)", "96 MiB");
            return NULL;
        }
    }
    zip_fclose(f);
    r->total += n;
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Is there a DOCTYPE (or any other markup declaration) in the prolog?
 * Only the prolog can hold one, so the scan stops at the root element. */
static bool has_dtd(const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && end - p >= 2) {
        if (p[1] == '?') {
            const char *q = memmem(p, (size_t)(end - p), "?>", 2);
            if (!q)
                return false;
            p = q + 2;
        } else if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            const char *q = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
            if (!q)
                return false;
            p = q + 3;
        } else {
            return p[1] == '!';
        }
    }
    return false;
}

/* The part parsed; NULL when absent (*absent) or refused. */
static xmlDoc *parse_part(reader *r, const char *name, bool *absent)
{
    size_t len;
    char *buf = read_part(r, name, &len, absent);
    if (!buf)
        return NULL;
    if (has_dtd(buf, len)) {
        free(buf);
        fail(r, "refused: part %s has a DOCTYPE or an entity declaration (qsreport reads no DTDs)", name);
        return NULL;
    }
    if (len > INT32_MAX) {
        free(buf);
        return NULL;
    }
    xmlDoc *doc = xmlReadMemory(buf, (int)len, name, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    free(buf);
    if (!doc || doc->intSubset || doc->extSubset || !xmlDocGetRootElement(doc)) {
        if (doc)
            xmlFreeDoc(doc);
        fail(r, "cannot read the workbook: part %s is not well-formed XML", name);
        return NULL;
    }
    return doc;
}

/* ---- XML helpers: local names, whatever the namespace (transitional or strict) ---- */

static bool named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *child(const xmlNode *p, const char *name)
{
    for (xmlNode *c = p ? p->children : NULL; c; c = c->next)
        if (named(c, name))
            return c;
    return NULL;
}

/* an attribute by local name: with ns, one in some namespace (r:id); without, one in none */
static const char *attr(const xmlNode *n, const char *name, bool ns)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, name) && (a->ns != NULL) == ns && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* ---- relationships ---- */

/* target of a relationship of the source part (its folder: base), as a part name */
static char *resolve(qs_arena *a, const char *base, const char *target)
{
    char *full = target[0] == '/' ? qs_arena_strdup(a, target + 1) : qs_arena_printf(a, "%s%s", base, target);
    /* fold "." and ".." segments */
    char *out = qs_arena_alloc(a, strlen(full) + 1);
    size_t o = 0;
    for (char *seg = full; *seg;) {
        char *slash = strchr(seg, '/');
        size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
        if (n == 1 && seg[0] == '.') {
        } else if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (o && out[o - 1] == '/')
                o--;
            while (o && out[o - 1] != '/')
                o--;
        } else if (n) {
            memcpy(out + o, seg, n);
            o += n;
            if (slash)
                out[o++] = '/';
        }
        seg += n + (slash ? 1 : 0);
    }
    out[o] = '\0';
    return out;
}

/* the relationships part of part name: dir/_rels/file.rels */
static char *rels_of(qs_arena *a, const char *part)
{
    const char *slash = strrchr(part, '/');
    if (!slash)
        return qs_arena_printf(a, "_rels/%s.rels", part);
    return qs_arena_printf(a, "%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
}

static char *dir_of(qs_arena *a, const char *part)
{
    const char *slash = strrchr(part, '/');
    return slash ? qs_arena_strndup(a, part, (size_t)(slash - part + 1)) : qs_arena_strdup(a, "");
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* ---- strings ---- */

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

/* ---- cell references ---- */

/* "C12" -> row 11, col 2; false if malformed */
static bool parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
    uint32_t c = 0, rr = 0;
    const char *p = s;
    while (*p == '$')
        p++;
    int letters = 0;
    for (; *p >= 'A' && *p <= 'Z'; p++, letters++) {
        if (letters == 3)
            return false;
        c = c * 26 + (uint32_t)(*p - 'A' + 1);
    }
    while (*p == '$')
        p++;
    int digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) {
        if (digits == 7)
            return false;
        rr = rr * 10 + (uint32_t)(*p - '0');
    }
    if (*p || !letters || !digits || !rr || c > 16384)
        return false;
    *row = rr - 1;
    *col = c - 1;
    return true;
}

char *qs_xlsx_ref(uint32_t row, uint32_t col, char *buf)
{
    char letters[8];
    int n = 0;
    uint32_t c = col + 1;
    while (c && n < 7) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    int o = 0;
    while (n)
        buf[o++] = letters[--n];
    snprintf(buf + o, 12, "%u", row + 1);
    return buf;
}

/* ---- streaming parts: sheets and shared strings through SAX, no tree ----
 * They are most of a workbook's bytes; a tree would cost several times the
 * parse itself. */

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
            fail(r, "cannot read the workbook: cell %s names a shared string that is not there",
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
        fail(r, "refused: the workbook has more than %s cells", "1000000");
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
    if (!parse_ref(first, &g.r0, &g.c0) || !parse_ref(colon + 1, &g.r1, &g.c1) || g.r0 > g.r1 || g.c0 > g.c1)
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
                fail(r, "cannot read the workbook: a row number \"%s\" out of range", rs);
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
        if (ref && !parse_ref(ref, &st->row, &st->col)) {
            fail(r, "cannot read the workbook: a cell reference \"%s\" is malformed", ref);
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
            fail(r, "refused: more than %s shared strings", "1000000");
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
    char *buf = read_part(r, part, &len, absent);
    if (!buf)
        return false;
    if (has_dtd(buf, len)) {
        free(buf);
        fail(r, "refused: part %s has a DOCTYPE or an entity declaration (qsreport reads no DTDs)", part);
        return false;
    }
    xmlParserCtxtPtr ctxt = len <= INT32_MAX ? xmlCreateMemoryParserCtxt(buf, (int)len) : NULL;
    if (!ctxt) {
        free(buf);
        fail(r, "cannot read the workbook: part %s cannot be parsed", part);
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
        fail(r, "cannot read the workbook: part %s is not well-formed XML", part);
    return ok;
}

static bool read_shared(reader *r, const char *part)
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

static int cmp_cell(const void *pa, const void *pb)
{
    const qs_xcell *a = pa, *b = pb;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

static bool read_sheet(reader *r, const char *part, qs_xsheet *s)
{
    bool absent;
    bool ok = sax_part(r, part, s, &absent);
    if (!ok && absent)
        fail(r, "cannot read the workbook: sheet part %s is missing", part);
    bool sorted = true; /* as every writer stores them; sort only when not */
    for (size_t i = 1; ok && sorted && i < s->n_cells; i++)
        sorted = cmp_cell(&s->cells[i - 1], &s->cells[i]) < 0;
    if (ok && !sorted)
        qsort(s->cells, s->n_cells, sizeof *s->cells, cmp_cell);
    qs_xcell *cells = qs_arena_calloc(r->a, ok && s->n_cells ? s->n_cells : 1, sizeof *cells);
    if (ok && s->n_cells)
        memcpy(cells, s->cells, s->n_cells * sizeof *cells);
    free(s->cells);
    s->cells = cells;
    if (!ok)
        s->n_cells = 0;
    return ok;
}


/* ---- the workbook ---- */

/* the target of the first relationship in doc (a relationships part; may be
 * NULL) whose type ends in type_suffix, or of id */
static char *find_rel(reader *r, xmlDoc *doc, const char *base, const char *type_suffix, const char *id)
{
    if (!doc)
        return NULL;
    char *found = NULL;
    for (xmlNode *c = xmlDocGetRootElement(doc)->children; c && !found; c = c->next) {
        if (!named(c, "Relationship"))
            continue;
        const char *type = attr(c, "Type", false), *target = attr(c, "Target", false), *rid = attr(c, "Id", false);
        const char *mode = attr(c, "TargetMode", false);
        if (!target || (mode && !strcmp(mode, "External")))
            continue;
        if ((type_suffix && type && ends_with(type, type_suffix)) || (id && rid && !strcmp(rid, id)))
            found = resolve(r->a, base, target);
    }
    return found;
}

static qs_xbook *read_book(reader *r)
{
    zip_int64_t n = zip_get_num_entries(r->z, 0);
    if (n > 10000) {
        fail(r, "refused: the workbook has more than %s parts", "10000");
        return NULL;
    }
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(r->z, (zip_uint64_t)i, 0);
        const char *why = name ? bad_name(name) : "an unreadable entry name";
        if (why) {
            fail(r, "refused: the workbook holds %s", why);
            return NULL;
        }
    }
    bool absent;
    xmlDoc *top = parse_part(r, "_rels/.rels", &absent);
    char *wb_part = find_rel(r, top, "", "/officeDocument", NULL);
    if (top)
        xmlFreeDoc(top);
    if (!wb_part) {
        fail(r, "not a workbook: no office document in its relationships (_rels/.rels)");
        return NULL;
    }
    xmlDoc *wb = parse_part(r, wb_part, &absent);
    if (!wb) {
        fail(r, "not a workbook: part %s is missing", wb_part);
        return NULL;
    }
    const char *rels = rels_of(r->a, wb_part), *base = dir_of(r->a, wb_part);
    qs_xbook *b = qs_arena_calloc(r->a, 1, sizeof *b);
    xmlNode *root = xmlDocGetRootElement(wb);
    xmlNode *pr = child(root, "workbookPr");
    const char *d1904 = pr ? attr(pr, "date1904", false) : NULL;
    b->date1904 = d1904 && (!strcmp(d1904, "1") || !strcmp(d1904, "true"));
    xmlDoc *wb_rels = r->failed ? NULL : parse_part(r, rels, &absent);
    char *ss = find_rel(r, wb_rels, base, "/sharedStrings", NULL);
    if (!r->failed && ss && !read_shared(r, ss)) {
        xmlFreeDoc(wb);
        if (wb_rels)
            xmlFreeDoc(wb_rels);
        return NULL;
    }
    xmlNode *sheets = child(root, "sheets");
    size_t count = 0;
    for (xmlNode *s = sheets ? sheets->children : NULL; s; s = s->next)
        count += named(s, "sheet");
    if (count > 1000) {
        xmlFreeDoc(wb);
        if (wb_rels)
            xmlFreeDoc(wb_rels);
        fail(r, "refused: the workbook has more than %s sheets", "1000");
        return NULL;
    }
    b->sheets = qs_arena_calloc(r->a, count ? count : 1, sizeof *b->sheets);
    for (xmlNode *s = sheets ? sheets->children : NULL; s && !r->failed; s = s->next) {
        if (!named(s, "sheet"))
            continue;
        const char *name = attr(s, "name", false), *rid = attr(s, "id", true);
        char *part = rid ? find_rel(r, wb_rels, base, NULL, rid) : NULL;
        if (!name || !part)
            continue; /* a chart sheet or a dangling entry: no cells */
        qs_xsheet *x = &b->sheets[b->n_sheets];
        x->name = qs_arena_strdup(r->a, name);
        if (read_sheet(r, part, x))
            b->n_sheets++;
    }
    xmlFreeDoc(wb);
    if (wb_rels)
        xmlFreeDoc(wb_rels);
    return r->failed ? NULL : b;
}

qs_xbook *qs_xlsx_read_mem(qs_arena *a, const void *buf, size_t len, const char *path, qs_diags *d)
{
    reader r = {.a = a, .path = path, .d = d};
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
    r.z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!r.z) {
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        fail(&r, "not a workbook: not a zip file (an .xlsx is one)");
        return NULL;
    }
    zip_error_fini(&ze);
    qs_xbook *b = read_book(&r);
    zip_discard(r.z);
    return b;
}

qs_xbook *qs_xlsx_read_fd(qs_arena *a, int fd, const char *path, qs_diags *d, bool *io_error)
{
    qs_srcpos whole = {path, 0};
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        qs_diag_error(d, whole, "cannot read: %s", strerror(errno));
        *io_error = true;
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        qs_diag_error(d, whole, "cannot read: not a regular file");
        *io_error = true;
        close(fd);
        return NULL;
    }
    if (st.st_size > QS_XLSX_MAX_FILE) {
        qs_diag_error(d, whole, "refused: larger than the 32 MiB a workbook may have");
        close(fd);
        return NULL;
    }
    size_t len = (size_t)st.st_size, got = 0;
    char *buf = qs_xmalloc(len ? len : 1);
    while (got < len) {
        ssize_t k = read(fd, buf + got, len - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            qs_diag_error(d, whole, "cannot read: %s", k < 0 ? strerror(errno) : "the file shrank");
            *io_error = true;
            free(buf);
            close(fd);
            return NULL;
        }
        got += (size_t)k;
    }
    close(fd);
    qs_xbook *b = qs_xlsx_read_mem(a, buf, len, path, d);
    free(buf);
    return b;
}

const qs_xsheet *qs_xlsx_sheet(const qs_xbook *b, const char *name)
{
    for (size_t i = 0; i < b->n_sheets; i++)
        if (!strcmp(b->sheets[i].name, name))
            return &b->sheets[i];
    return NULL;
}

const qs_xcell *qs_xlsx_cell_at(const qs_xsheet *s, uint32_t row, uint32_t col)
{
    for (size_t i = 0; i < s->n_merges; i++) {
        const qs_xrange *g = &s->merges[i];
        if (row >= g->r0 && row <= g->r1 && col >= g->c0 && col <= g->c1) {
            row = g->r0;
            col = g->c0;
            break;
        }
    }
    qs_xcell key = {row, col, QS_XCELL_STRING, "", 0};
    return bsearch(&key, s->cells, s->n_cells, sizeof key, cmp_cell);
}

/* days since 1970-01-01 -> civil date (H. Hinnant's algorithm) */
static void civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

bool qs_xlsx_serial_date(double serial, bool date1904, int *y, int *m, int *day)
{
    if (!isfinite(serial) || serial < 0 || serial > 3e6)
        return false;
    long s = (long)floor(serial);
    long days; /* since 1970-01-01 */
    if (date1904) {
        days = s + 1462 - 25569;
    } else {
        if (s < 61) /* before 1900-03-01, where Excel's leap day of 1900 makes serials ambiguous */
            return false;
        days = s - 25569;
    }
    civil(days, y, m, day);
    return *y >= 1900 && *y <= 9999;
}

bool qs_xlsx_decimal(double v, char *buf, size_t size)
{
    if (!isfinite(v))
        return false;
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (!strchr(buf, 'e') && !strchr(buf, 'E'))
        return true;
    /* no exponent in xs:decimal: write it out */
    for (int frac = 0; frac <= 340; frac++) {
        snprintf(buf, size, "%.*f", frac, v);
        if (strtod(buf, NULL) == v)
            return true;
    }
    return true;
}
