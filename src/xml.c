/* xml.c - safe parsing and XSD validation (stage 1: load).
 *
 * Reads:  one input file (plan, evidence or indicator schema).
 * Writes: an xmlDoc for the loader, and diagnostics with file and line.
 * Never:  reaches the network, loads a DTD, substitutes entities, or accepts
 *         a document with a DOCTYPE (closes XXE and billion laughs; see
 *         notes/libraries.md, libxml2 rows 13a-13d).
 * The XSDs are compiled into the binary (build/gen/xsd_data.c).
 * Typed values are read here only, by one reader per XSD type that follows
 * its lexical space (XML Schema Part 2) exactly; a value a reader refuses is
 * an error, never a silent 0, false or default.
 */
#include "xml.h"
#include "i18n.h"
#include "utf8.h"
#include "xsd_data.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>
#include <unistd.h>
#include <limits.h>
#include <math.h>

#define MAX_XSD_ERRORS 50

static const struct format {
    const char *ns, *root;
    const unsigned char *xsd;
    const size_t *xsd_len;
} formats[] = {
    [QS_DOC_INDICATORS] = {"urn:qsreport:indicators:1", "indicators", qs_xsd_indicators, &qs_xsd_indicators_len},
    [QS_DOC_PLAN] = {"urn:qsreport:plan:1", "plan", qs_xsd_plan, &qs_xsd_plan_len},
    [QS_DOC_EVIDENCE] = {"urn:qsreport:evidence:1", "evidence", qs_xsd_evidence, &qs_xsd_evidence_len},
};

static xmlSchemaPtr compiled[QS_DOC_UNKNOWN];

const char *qs_xml_namespace(qs_doc_kind k) { return k < QS_DOC_UNKNOWN ? formats[k].ns : ""; }
const char *qs_xml_root_name(qs_doc_kind k) { return k < QS_DOC_UNKNOWN ? formats[k].root : ""; }

/* ---- XML whitespace ---- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* s with its whitespace collapsed (an xs:token), in place */
static char *collapse(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (!is_space(*r))
            *w++ = *r;
        else if (w > s && !is_space(r[1]) && r[1])
            *w++ = ' ';
    }
    *w = '\0';
    return s;
}

/* ---- error collection ---- */

typedef struct collector {
    qs_diags *d;
    const char *path;
    size_t count, limit;
    bool strict; /* warnings are errors: the parser's, which cost the file */
} collector;

/* libxml2 names elements {namespace}name; our namespaces only add noise */
static void strip_namespaces(char *msg)
{
    char *p;
    while ((p = strstr(msg, "{urn:qsreport:")) != NULL) {
        char *end = strchr(p, '}');
        if (!end)
            break;
        memmove(p, end + 1, strlen(end + 1) + 1);
    }
}

static void on_error(void *ctx, xmlErrorPtr err)
{
    collector *c = ctx;
    if (!err || c->count >= c->limit)
        return;
    c->count++;
    char *msg = qs_xstrdup(err->message ? err->message : "unknown XML error");
    strip_namespaces(msg);
    size_t len = strlen(msg);
    while (len && is_space(msg[len - 1])) /* libxml2 ends its messages with a newline */
        msg[--len] = '\0';
    qs_srcpos pos = {c->path, err->line > 0 ? err->line : 0};
    if (pos.line >= 65535 && err->node) /* see qs_xml_line */
        pos.line = qs_xml_line(err->node);
    if (c->count == c->limit && c->limit > 1)
        qs_diag_error(c->d, pos, "%s (further schema errors in this file are not shown)", msg);
    else if (err->level != XML_ERR_WARNING)
        qs_diag_error(c->d, pos, "%s", msg);
    else if (c->strict)
        qs_diag_error(c->d, pos, "%s (the file is not read)", msg);
    else
        qs_diag_warning(c->d, pos, "%s", msg);
    free(msg);
}

/* ---- reading ---- */

/* line of byte offset off in buf */
static long line_at(const char *buf, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

/* UTF-8 is the only encoding read; a NUL is never valid XML */
static bool check_bytes(const char *buf, size_t len, const char *path, qs_diags *d)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = qs_utf8_decode(buf + i, len - i, &cp);
        qs_srcpos pos = {path, 0};
        if (n == 0) {
            pos.line = line_at(buf, i);
            qs_diag_error(d, pos, "invalid UTF-8 (byte 0x%02X); input files must be UTF-8",
                          (unsigned char)buf[i]);
            return false;
        }
        if (cp == 0) {
            pos.line = line_at(buf, i);
            qs_diag_error(d, pos, "NUL byte in the file; XML text cannot contain U+0000");
            return false;
        }
        i += n;
    }
    return true;
}

/* fd: open for reading (taken: closed here), or -1 with errno */
static qs_xml_result read_whole(int fd, const char *path, qs_diags *d, char **out, size_t *len)
{
    qs_srcpos whole = {path, 0};
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        qs_diag_error(d, whole, "cannot read: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return QS_XML_IO;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        qs_diag_error(d, whole, "cannot read: not a regular file");
        fclose(f);
        return QS_XML_IO;
    }
    if (st.st_size > QS_XML_MAX_FILE) {
        qs_diag_error(d, whole, "file is too large (%lld bytes; the limit is %ld MiB)",
                      (long long)st.st_size, QS_XML_MAX_FILE / (1024 * 1024));
        fclose(f);
        return QS_XML_INVALID;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = qs_xmalloc(cap);
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        if (n > (size_t)QS_XML_MAX_FILE) {
            /* the file grew while we read it */
            qs_diag_error(d, whole, "file is too large (the limit is %ld MiB)",
                          QS_XML_MAX_FILE / (1024 * 1024));
            free(buf);
            fclose(f);
            return QS_XML_INVALID;
        }
        cap *= 2;
        buf = qs_xrealloc(buf, cap);
    }
    if (ferror(f)) {
        qs_diag_error(d, whole, "cannot read: %s", strerror(errno));
        free(buf);
        fclose(f);
        return QS_XML_IO;
    }
    fclose(f);
    buf[n] = '\0'; /* n < cap here */
    *out = buf;
    *len = n;
    return QS_XML_OK;
}

/* The line of a DOCTYPE in the prolog (before the root element), or 0.
 * Checked before parsing, so an entity bomb is never handed to libxml2. */
static long doctype_in_prolog(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (strchr(" \t\r\n", s[i])) {
            i++;
        } else if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
            const char *e = strstr(s + i + 4, "-->");
            if (!e)
                return 0;
            i = (size_t)(e - s) + 3;
        } else if (n - i >= 2 && !memcmp(s + i, "<?", 2)) {
            const char *e = strstr(s + i + 2, "?>");
            if (!e)
                return 0;
            i = (size_t)(e - s) + 2;
        } else if (n - i >= 9 && !memcmp(s + i, "<!DOCTYPE", 9)) {
            return line_at(s, i);
        } else {
            return 0;
        }
    }
    return 0;
}

static bool only_whitespace(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n", s[i]))
            return false;
    return true;
}

qs_xml_result qs_xml_parse(const char *path, const char *buf, size_t len, qs_diags *d, xmlDoc **doc)
{
    *doc = NULL;
    qs_srcpos whole = {path, 0};
    const char *body = buf;
    size_t body_len = len;
    if (body_len >= 3 && !memcmp(body, "\xEF\xBB\xBF", 3)) { /* a BOM is fine */
        body += 3;
        body_len -= 3;
    }
    if (only_whitespace(body, body_len)) {
        qs_diag_error(d, whole, "file is empty");
        return QS_XML_INVALID;
    }
    if (!check_bytes(body, body_len, path, d)) {
        return QS_XML_INVALID;
    }
    if (body_len > (size_t)INT32_MAX) { /* cannot happen below QS_XML_MAX_FILE */
        return QS_XML_INVALID;
    }

    long doctype_line = doctype_in_prolog(body, body_len);
    if (doctype_line) {
        qs_srcpos pos = {path, doctype_line};
        qs_diag_error(d, pos, "a DOCTYPE is not allowed (qsreport reads no DTDs and no entities)");
        return QS_XML_INVALID;
    }
    /* a broken file gets one diagnostic, the first; a warning (XML 1.1, a
     * namespace URI that is not absolute) drops the file too, so it is an error */
    collector c = {d, path, 0, 1, true};
    xmlSetStructuredErrorFunc(&c, on_error);
    /* no NOENT, no DTDLOAD, no HUGE: entities stay unexpanded, limits stay on */
    xmlDoc *x = xmlReadMemory(body, (int)body_len, path, "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!x) {
        if (c.count == 0)
            qs_diag_error(d, whole, "not well-formed XML");
        return QS_XML_INVALID;
    }
    if (c.count > 0) { /* recovered errors still make the file unusable */
        xmlFreeDoc(x);
        return QS_XML_INVALID;
    }
    if (x->intSubset || x->extSubset) { /* the prolog scan missed it: still refuse */
        qs_srcpos pos = {path, 1};
        qs_diag_error(d, pos, "a DOCTYPE is not allowed (qsreport reads no DTDs and no entities)");
        xmlFreeDoc(x);
        return QS_XML_INVALID;
    }
    *doc = x;
    return QS_XML_OK;
}

qs_xml_result qs_xml_read(const char *path, qs_diags *d, xmlDoc **doc)
{
    /* non-blocking, so a FIFO with no writer cannot hang us before fstat */
    return qs_xml_read_fd(open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), path, d, doc);
}

qs_xml_result qs_xml_read_fd(int fd, const char *path, qs_diags *d, xmlDoc **doc)
{
    *doc = NULL;
    char *buf;
    size_t len;
    qs_xml_result r = read_whole(fd, path, d, &buf, &len);
    if (r != QS_XML_OK)
        return r;
    r = qs_xml_parse(path, buf, len, d, doc);
    free(buf);
    return r;
}

qs_doc_kind qs_xml_kind(const xmlDoc *doc)
{
    const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
    if (!root || !root->ns || !root->ns->href)
        return QS_DOC_UNKNOWN;
    for (int k = 0; k < QS_DOC_UNKNOWN; k++)
        if (!strcmp((const char *)root->ns->href, formats[k].ns))
            return (qs_doc_kind)k;
    return QS_DOC_UNKNOWN;
}

static xmlSchemaPtr schema_for(qs_doc_kind k, qs_diags *d)
{
    if (compiled[k])
        return compiled[k];
    xmlSchemaParserCtxtPtr pc =
        xmlSchemaNewMemParserCtxt((const char *)formats[k].xsd, (int)*formats[k].xsd_len);
    collector c = {d, "(built-in XSD)", 0, 5, false};
    xmlSchemaSetParserStructuredErrors(pc, on_error, &c);
    compiled[k] = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    return compiled[k];
}

bool qs_xml_check(xmlDoc *doc, qs_doc_kind expected, const char *path, qs_diags *d)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    const struct format *f = &formats[expected];
    qs_srcpos pos = {path, root ? qs_xml_line(root) : 0};
    const char *ns = root && root->ns && root->ns->href ? (const char *)root->ns->href : "";
    if (!root || strcmp((const char *)root->name, f->root) || strcmp(ns, f->ns)) {
        qs_diag_error(d, pos, "expected a <%s> document in namespace \"%s\", found <%s>%s%s%s",
                      f->root, f->ns, root ? (const char *)root->name : _("nothing"),
                      *ns ? " in namespace \"" : " without a namespace", ns, *ns ? "\"" : "");
        return false;
    }
    xmlChar *version = xmlGetProp(root, (const xmlChar *)"version");
    bool ok = version && !strcmp(collapse((char *)version), "1"); /* an xs:token */
    if (!ok)
        qs_diag_error(d, pos, "%s format version \"%s\" is not supported (this qsreport reads version 1)",
                      f->root, version ? (const char *)version : "(none)");
    xmlFree(version);
    if (!ok)
        return false;

    xmlSchemaPtr schema = schema_for(expected, d);
    if (!schema) {
        qs_diag_error(d, pos, "internal error: the built-in %s XSD does not compile", f->root);
        return false;
    }
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    collector c = {d, path, 0, MAX_XSD_ERRORS, false};
    xmlSchemaSetValidStructuredErrors(vc, on_error, &c);
    int rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    if (rc != 0 && c.count == 0)
        qs_diag_error(d, pos, "does not match the %s XSD", f->root);
    return rc == 0;
}

void qs_xml_cleanup(void)
{
    for (int k = 0; k < QS_DOC_UNKNOWN; k++) {
        if (compiled[k])
            xmlSchemaFree(compiled[k]);
        compiled[k] = NULL;
    }
    xmlCleanupParser();
}

/* ---- getters ---- */

long qs_xml_line(const xmlNode *n)
{
    if (!n)
        return 0;
    /* Past line 65535 libxml2 keeps the real line only on text nodes, as
     * the line where the text ends; xmlGetLineNo asks the element's first
     * child, which ends a line late.  The whitespace before the element
     * ends on the element's own line. */
    if (n->type == XML_ELEMENT_NODE && n->line == 65535 && n->prev &&
        n->prev->type == XML_TEXT_NODE && n->prev->psvi)
        return (long)(ptrdiff_t)n->prev->psvi;
    long l = xmlGetLineNo(n);
    return l > 0 ? l : 0;
}

static bool is_named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && (!name || !strcmp((const char *)n->name, name));
}

xmlNode *qs_xml_child(const xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (is_named(c, name))
            return c;
    return NULL;
}

xmlNode *qs_xml_next(const xmlNode *prev, const char *name)
{
    for (xmlNode *c = prev ? prev->next : NULL; c; c = c->next)
        if (is_named(c, name))
            return c;
    return NULL;
}

size_t qs_xml_count(const xmlNode *parent, const char *name)
{
    size_t n = 0;
    for (xmlNode *c = qs_xml_child(parent, name); c; c = qs_xml_next(c, name))
        n++;
    return n;
}

const char *qs_xml_attr(qs_arena *a, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    const char *s = qs_arena_strdup(a, (const char *)v);
    xmlFree(v);
    return s;
}

const char *qs_xml_text(qs_arena *a, const xmlNode *n)
{
    xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
    if (!v)
        return qs_arena_strdup(a, "");
    const char *s = (const char *)v, *e = s + strlen(s);
    while (*s && strchr(" \t\r\n", *s))
        s++;
    while (e > s && strchr(" \t\r\n", e[-1]))
        e--;
    const char *out = qs_arena_strndup(a, s, (size_t)(e - s));
    xmlFree(v);
    return out;
}

/* ---- XSD lexical spaces ---- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* [*b, *e): s without its surrounding XML whitespace (the collapse facet) */
static void trim(const char *s, const char **b, const char **e)
{
    const char *end = s + strlen(s);
    while (is_space(*s))
        s++;
    while (end > s && is_space(end[-1]))
        end--;
    *b = s;
    *e = end;
}

static bool same(const char *b, const char *e, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(e - b) == n && !memcmp(b, word, n);
}

qs_lex qs_xml_lex_boolean(const char *s, bool *out)
{
    const char *b, *e;
    trim(s, &b, &e);
    if (same(b, e, "true") || same(b, e, "1"))
        *out = true;
    else if (same(b, e, "false") || same(b, e, "0"))
        *out = false;
    else
        return QS_LEX_INVALID;
    return QS_LEX_OK;
}

/* Digits from *p up to e into *v (saturating at INT_MAX + 1); false if none. */
static bool digits(const char **p, const char *e, long long *v)
{
    const char *start = *p;
    for (*v = 0; *p < e && is_digit(**p); (*p)++)
        if (*v <= INT_MAX)
            *v = *v * 10 + (**p - '0');
    return *p > start;
}

qs_lex qs_xml_lex_integer(const char *s, int *out)
{
    const char *p, *e;
    trim(s, &p, &e);
    bool neg = p < e && *p == '-';
    if (p < e && (*p == '+' || *p == '-'))
        p++;
    long long v;
    if (!digits(&p, e, &v) || p != e)
        return QS_LEX_INVALID;
    if (neg)
        v = -v;
    if (v > INT_MAX || v < INT_MIN)
        return QS_LEX_RANGE;
    *out = (int)v;
    return QS_LEX_OK;
}

/* The end of a decimal literal at p ([+-]digits[.digits], one digit at
 * least), or NULL. */
static const char *decimal_end(const char *p, const char *e)
{
    size_t n = 0;
    if (p < e && (*p == '+' || *p == '-'))
        p++;
    for (; p < e && is_digit(*p); p++)
        n++;
    if (p < e && *p == '.')
        for (p++; p < e && is_digit(*p); p++)
            n++;
    return n ? p : NULL;
}

/* strtod over a checked literal: the C locale's point is '.' (qsreport
 * never calls setlocale), and it stops at the trailing whitespace */
static double to_double(const char *b)
{
    return strtod(b, NULL);
}

qs_lex qs_xml_lex_decimal(const char *s, double *out)
{
    const char *b, *e;
    trim(s, &b, &e);
    if (decimal_end(b, e) != e)
        return QS_LEX_INVALID;
    double v = to_double(b);
    if (!isfinite(v))
        return QS_LEX_RANGE;
    *out = v;
    return QS_LEX_OK;
}

qs_lex qs_xml_lex_double(const char *s, double *out)
{
    const char *b, *e;
    trim(s, &b, &e);
    /* XSD 1.0 spells the specials this way only (no "+INF", no "inf") */
    if (same(b, e, "INF") || same(b, e, "-INF")) {
        *out = *b == '-' ? -INFINITY : INFINITY;
        return QS_LEX_OK;
    }
    if (same(b, e, "NaN")) {
        *out = NAN;
        return QS_LEX_OK;
    }
    const char *p = decimal_end(b, e);
    if (!p)
        return QS_LEX_INVALID;
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        long long ignored;
        if (!digits(&p, e, &ignored))
            return QS_LEX_INVALID;
    }
    if (p != e)
        return QS_LEX_INVALID;
    *out = to_double(b);
    return QS_LEX_OK;
}

#define POINTS_MAX 1000000L

qs_lex qs_xml_lex_points(const char *s, int *out)
{
    const char *p, *e;
    trim(s, &p, &e);
    if (decimal_end(p, e) != e)
        return QS_LEX_INVALID;
    bool neg = *p == '-';
    if (*p == '+' || *p == '-')
        p++;
    long long whole = 0;
    digits(&p, e, &whole);
    long frac = 0;
    int fdigits = 0;
    bool finer = false; /* a significant digit past the hundredths */
    if (p < e && *p == '.')
        for (p++; p < e; p++, fdigits++) {
            if (fdigits < 2)
                frac = frac * 10 + (*p - '0');
            else if (*p != '0')
                finer = true;
        }
    if (fdigits == 1)
        frac *= 10;
    if (finer || whole > POINTS_MAX)
        return QS_LEX_RANGE;
    long v = (long)whole * 100 + frac;
    *out = (int)(neg ? -v : v);
    return QS_LEX_OK;
}

/* "hh:mm" after a sign: a timezone offset within 14:00 */
static bool timezone_at(const char *p, const char *e, int *minutes)
{
    if (p == e)
        return true; /* none */
    if (*p == 'Z')
        return p + 1 == e;
    if ((*p != '+' && *p != '-') || e - p != 6 || !is_digit(p[1]) || !is_digit(p[2]) ||
        p[3] != ':' || !is_digit(p[4]) || !is_digit(p[5]))
        return false;
    int hh = (p[1] - '0') * 10 + (p[2] - '0'), mm = (p[4] - '0') * 10 + (p[5] - '0');
    if (mm > 59 || hh * 60 + mm > 14 * 60)
        return false;
    *minutes = (*p == '-' ? -1 : 1) * (hh * 60 + mm);
    return true;
}

/* The year that starts a gYear or a date; *p moves past it. */
static qs_lex year_at(const char **p, const char *e, int *year)
{
    const char *q = *p;
    bool neg = q < e && *q == '-';
    if (neg)
        q++;
    const char *first = q;
    long long v;
    if (!digits(&q, e, &v))
        return QS_LEX_INVALID;
    size_t n = (size_t)(q - first);
    if (n < 4 || (n > 4 && *first == '0') || v == 0) /* no year 0 in XSD 1.0 */
        return QS_LEX_INVALID;
    *p = q;
    if (v > INT_MAX)
        return QS_LEX_RANGE;
    *year = (int)(neg ? -v : v);
    return QS_LEX_OK;
}

qs_lex qs_xml_lex_gyear(const char *s, int *year)
{
    const char *p, *e;
    trim(s, &p, &e);
    int y = 0, tz = 0;
    qs_lex r = year_at(&p, e, &y);
    if (r == QS_LEX_INVALID || !timezone_at(p, e, &tz))
        return QS_LEX_INVALID;
    if (r == QS_LEX_OK)
        *year = y;
    return r;
}

/* two digits at p, as a number; -1 if they are not */
static int two_digits(const char *p, const char *e)
{
    return e - p >= 2 && is_digit(p[0]) && is_digit(p[1]) ? (p[0] - '0') * 10 + (p[1] - '0') : -1;
}

static int days_in(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /* the leap rule on the year as written, as libxml2 and XSD 1.1 apply it */
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

qs_lex qs_xml_lex_date(const char *s, qs_xml_date *out)
{
    const char *p, *e;
    trim(s, &p, &e);
    qs_xml_date dt = {0};
    qs_lex r = year_at(&p, e, &dt.year);
    if (r == QS_LEX_INVALID || p == e || *p++ != '-')
        return QS_LEX_INVALID;
    dt.month = two_digits(p, e);
    if (dt.month < 1 || dt.month > 12 || p[2] != '-')
        return QS_LEX_INVALID;
    p += 3;
    dt.day = two_digits(p, e);
    /* past int, the year is refused anyway: only its message is at stake */
    if (dt.day < 1 || dt.day > (r == QS_LEX_OK ? days_in(dt.year, dt.month) : 31))
        return QS_LEX_INVALID;
    p += 2;
    dt.has_tz = p < e;
    if (!timezone_at(p, e, &dt.tz_minutes))
        return QS_LEX_INVALID;
    if (r == QS_LEX_OK)
        *out = dt;
    return r;
}

/* ---- typed getters ---- */

/* the attribute's value, or the element's text when name is NULL (xmlFree it) */
static char *raw_value(const xmlNode *n, const char *name)
{
    if (!n)
        return NULL;
    if (!name)
        return (char *)xmlNodeGetContent(n);
    return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/* at most 60 bytes of v, cut at a character boundary, for a message */
static int shown(const char *v, const char **more)
{
    size_t n = strlen(v);
    *more = "";
    if (n <= 60)
        return (int)n;
    n = 60;
    while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
        n--;
    *more = "…";
    return (int)n;
}

/* An error for value v of n's attribute name (text when NULL): "why". */
static void refuse(const qs_xml_src *x, const xmlNode *n, const char *name, const char *v,
                   const char *why)
{
    qs_srcpos pos = {x->path, qs_xml_line(n)};
    const char *more;
    int len = shown(v, &more);
    if (name)
        qs_diag_error(x->diags, pos, "<%s %s=\"%.*s%s\">: %s", (const char *)n->name, name, len, v,
                      more, why);
    else
        qs_diag_error(x->diags, pos, "<%s>%.*s%s</%s>: %s", (const char *)n->name, len, v, more,
                      (const char *)n->name, why);
}

/* The reasons a reader gives, per type: not in the lexical space, out of range. */
typedef struct lex_type {
    const char *invalid, *range;
} lex_type;

static const lex_type t_boolean = {N_("not an xs:boolean (true, false, 1 or 0)"), ""};
static const lex_type t_integer = {N_("not an xs:integer"),
                                   N_("outside the integers qsreport reads (-2147483648 to 2147483647)")};
static const lex_type t_decimal = {N_("not an xs:decimal"), N_("too large a number for qsreport")};
static const lex_type t_points = {N_("not an xs:decimal"),
                                  N_("qsreport reads points with at most 2 decimals, up to 1000000")};
static const lex_type t_gyear = {N_("not an xs:gYear"),
                                 N_("outside the years qsreport reads (up to 2147483647)")};
static const lex_type t_date = {N_("not an xs:date"),
                                N_("outside the years qsreport reads (up to 2147483647)")};

/* Runs r (the reader's verdict) for v: true if read; an error if refused. */
static bool judged(const qs_xml_src *x, const xmlNode *n, const char *name, char *v, qs_lex r,
                   const lex_type *t)
{
    if (r != QS_LEX_OK) {
        const char *why = r == QS_LEX_RANGE ? t->range : t->invalid;
        refuse(x, n, name, v, *why ? _(why) : why);
    }
    xmlFree(v);
    return r == QS_LEX_OK;
}

bool qs_xml_get_boolean(const qs_xml_src *x, const xmlNode *n, const char *name, bool *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_boolean(v, out), &t_boolean);
}

bool qs_xml_get_integer(const qs_xml_src *x, const xmlNode *n, const char *name, int *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_integer(v, out), &t_integer);
}

bool qs_xml_get_decimal(const qs_xml_src *x, const xmlNode *n, const char *name, double *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_decimal(v, out), &t_decimal);
}

bool qs_xml_get_points(const qs_xml_src *x, const xmlNode *n, const char *name, int *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_points(v, out), &t_points);
}

bool qs_xml_get_gyear(const qs_xml_src *x, const xmlNode *n, const char *name, int *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_gyear(v, out), &t_gyear);
}

const char *qs_xml_get_date(const qs_xml_src *x, const xmlNode *n, const char *name)
{
    char *v = raw_value(n, name);
    qs_xml_date dt;
    if (!v || !judged(x, n, name, v, qs_xml_lex_date(v, &dt), &t_date))
        return NULL;
    return qs_arena_printf(x->arena, "%s%04d-%02d-%02d", dt.year < 0 ? "-" : "",
                           dt.year < 0 ? -dt.year : dt.year, dt.month, dt.day);
}

const char *qs_xml_get_token(const qs_xml_src *x, const xmlNode *n, const char *name)
{
    char *v = raw_value(n, name);
    if (!v)
        return NULL;
    const char *s = qs_arena_strdup(x->arena, collapse(v));
    xmlFree(v);
    return s;
}

bool qs_xml_get_enum(const qs_xml_src *x, const xmlNode *n, const char *name,
                     const char *const *names, int n_names, int *out)
{
    char *v = raw_value(n, name);
    if (!v)
        return false;
    collapse(v);
    for (int i = 0; i < n_names; i++)
        if (!strcmp(v, names[i])) {
            *out = i;
            xmlFree(v);
            return true;
        }
    refuse(x, n, name, v, _("not one of the values qsreport reads"));
    xmlFree(v);
    return false;
}
