/* xlsx_read.c - a workbook's container and parts, read defensively (stage 1: load).
 *
 * Reads: an .xlsx file (a zip of XML parts), from memory or a file.
 * Writes: qs_xbook in the arena, or one diagnostic saying why the file is
 * refused.  Follows ECMA-376 Part 1 (SpreadsheetML §18) as Excel,
 * LibreOffice and WPS write it: parts are found through _rels/.rels and
 * the workbook's relationships, never by assumed names.  Every part is
 * expanded under the caps of xlsx_read.h before libxml2 sees it, and
 * parsed with no network, no DTD and no entity substitution; a DOCTYPE is
 * refused outright.  The sheets and shared strings are streamed by
 * xlsx_read_sax.c; cell addresses and values are xlsx_read_cells.c's.
 */
#include "xlsx_read.h"
#include "xlsx_read_internal.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

__attribute__((format(printf, 2, 3))) void qs_xread_fail(reader *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = true;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap); /* translated here: xgettext knows qs_xread_fail */
    va_end(ap);
    qs_srcpos pos = {r->path, 0};
    qs_diag_error(r->d, pos, "%s", msg);
}

/* ---- the container ---- */

/* Why an entry name is refused, or NULL. */
static const char *bad_name(const char *n)
{
    if (!n[0])
        return _("an empty entry name");
    if (n[0] == '/' || n[0] == '\\' || (n[0] && n[1] == ':'))
        return _("an absolute entry name");
    for (const char *p = n; *p; p++) {
        if (*p == '\\')
            return _("a backslash in an entry name");
        bool start = p == n || p[-1] == '/';
        if (start && p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
            return _("an entry name with \"..\"");
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
        qs_xread_fail(r, "cannot read the workbook: part %s is damaged", name);
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(r->z, (zip_uint64_t)idx, 0);
    if (!f) {
        qs_xread_fail(r, "cannot read the workbook: part %s cannot be opened (damaged or encrypted)", name);
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
                qs_xread_fail(r, "refused: part %s expands past the 32 MiB a part may have", name);
                return NULL;
            }
            cap *= 2;
            buf = qs_xrealloc(buf, cap + 1);
        }
        zip_int64_t got = zip_fread(f, buf + n, cap - n);
        if (got < 0) {
            free(buf);
            zip_fclose(f);
            qs_xread_fail(r, "cannot read the workbook: part %s is damaged", name);
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
            qs_xread_fail(r, "refused: part %s expands more than 200 times (a zip bomb?)", name);
            return NULL;
        }
        if (r->total + n > (size_t)QS_XLSX_MAX_TOTAL) {
            free(buf);
            zip_fclose(f);
            qs_xread_fail(r, "refused: the parts read expand past %s (a zip bomb?)", "96 MiB");
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

char *qs_xread_xml_part(reader *r, const char *name, size_t *len, bool *absent)
{
    char *buf = read_part(r, name, len, absent);
    if (buf && has_dtd(buf, *len)) {
        free(buf);
        qs_xread_fail(r, "refused: part %s has a DOCTYPE or an entity declaration (qsreport reads no DTDs)", name);
        return NULL;
    }
    return buf;
}

/* The part parsed; NULL when absent (*absent) or refused. */
static xmlDoc *parse_part(reader *r, const char *name, bool *absent)
{
    size_t len;
    char *buf = qs_xread_xml_part(r, name, &len, absent);
    if (!buf)
        return NULL;
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
        qs_xread_fail(r, "cannot read the workbook: part %s is not well-formed XML", name);
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
        qs_xread_fail(r, "refused: the workbook has more than %s parts", "10000");
        return NULL;
    }
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(r->z, (zip_uint64_t)i, 0);
        const char *why = name ? bad_name(name) : _("an unreadable entry name");
        if (why) {
            qs_xread_fail(r, "refused: the workbook holds %s", why);
            return NULL;
        }
    }
    bool absent;
    xmlDoc *top = parse_part(r, "_rels/.rels", &absent);
    char *wb_part = find_rel(r, top, "", "/officeDocument", NULL);
    if (top)
        xmlFreeDoc(top);
    if (!wb_part) {
        qs_xread_fail(r, "not a workbook: no office document in its relationships (_rels/.rels)");
        return NULL;
    }
    xmlDoc *wb = parse_part(r, wb_part, &absent);
    if (!wb) {
        qs_xread_fail(r, "not a workbook: part %s is missing", wb_part);
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
    if (!r->failed && ss && !qs_xread_shared(r, ss)) {
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
        qs_xread_fail(r, "refused: the workbook has more than %s sheets", "1000");
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
        if (qs_xread_sheet(r, part, x))
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
        qs_xread_fail(&r, "not a workbook: not a zip file (an .xlsx is one)");
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
