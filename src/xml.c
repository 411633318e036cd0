/* xml.c - safe parsing and XSD validation (stage 1: load).
 *
 * Reads:  one input file (plan, evidence or indicator schema).
 * Writes: an xmlDoc for the loader, and diagnostics with file and line.
 * Never:  reaches the network, loads a DTD, substitutes entities, or accepts
 *         a document with a DOCTYPE (closes XXE and billion laughs; see
 *         notes/libraries.md, libxml2 rows 13a-13d).
 * The XSDs are compiled into the binary (build/gen/xsd_data.c).
 * Typed values are read by xml_types.c.
 */
#include "xml.h"
#include "i18n.h"
#include "utf8.h"
#include "xsd_data.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>
#include <unistd.h>

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
    while (len && strchr(" \t\r\n", msg[len - 1])) /* libxml2 ends its messages with a newline */
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
        if (*ns)
            qs_diag_error(d, pos, "expected a <%s> document in namespace \"%s\", found <%s> in namespace "
                          "\"%s\"", f->root, f->ns, (const char *)root->name, ns);
        else
            qs_diag_error(d, pos, "expected a <%s> document in namespace \"%s\", found <%s> without a "
                          "namespace", f->root, f->ns, root ? (const char *)root->name : _("nothing"));
        return false;
    }
    xmlChar *version = xmlGetProp(root, (const xmlChar *)"version");
    bool ok = version && !strcmp(qs_xml_collapse((char *)version), "1"); /* an xs:token */
    if (!ok)
        qs_diag_error(d, pos, "%s format version \"%s\" is not supported (this qsreport reads version 1)",
                      f->root, version ? (const char *)version : _("(none)"));
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
