/* load.c - stage 1 entry points: a case folder or loose files -> qs_case.
 *
 * Finds the files (plan.xml, the evidence folder in name order, the indicator
 * schema the plan names), reads each through xml.c, and builds the model
 * with the format loaders.  Every xmlDoc is freed before returning.
 */
#include "load.h"
#include "i18n.h"
#include "load_internal.h"
#include "fsio.h"
#include "load_form.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *join(qs_arena *a, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return qs_arena_printf(a, "%.*s/%s", (int)n, dir, name);
}


static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Reads the open fd (taken; -1: the failed open's errno is reported) as
 * format kind; NULL (with diagnostics) when unusable. */
static xmlDoc *read_fd_as(int fd, const char *path, qs_doc_kind kind, qs_diags *d, bool *io_error)
{
    xmlDoc *doc;
    qs_xml_result r = qs_xml_read_fd(fd, path, d, &doc);
    if (r == QS_XML_IO && io_error)
        *io_error = true;
    if (r != QS_XML_OK)
        return NULL;
    if (!qs_xml_check(doc, kind, path, d)) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* rel beneath the folder dirfd (path in messages): one of the case's own
 * files, opened by fsio's rule for them, no symlink out of the case */
static int open_in_case(int dirfd, const char *rel, const char *path, const char *what, qs_diags *d)
{
    int fd = dirfd >= 0 ? qs_fs_open_inside(dirfd, rel) : -1;
    if (fd < 0 && errno == EXDEV) {
        char *real = realpath(path, NULL);
        qs_srcpos pos = {path, 0};
        qs_diag_error(d, pos, "the %s leads out of the case folder (to %s)", what, real ? real : _("elsewhere"));
        free(real);
        errno = EXDEV;
    }
    return fd;
}

static void add_evidence(qs_case *c, qs_evidence *e)
{
    qs_evidence *arr = qs_arena_calloc(c->arena, c->n_evidence + 1, sizeof *arr);
    if (c->n_evidence)
        memcpy(arr, c->evidence, c->n_evidence * sizeof *arr);
    arr[c->n_evidence++] = *e;
    c->evidence = arr;
}

static bool ends_with(const char *s, const char *suffix);

static void load_evidence_file(qs_case *c, int fd, const char *path, qs_diags *d, bool *io_error)
{
    if (ends_with(path, ".xlsx")) { /* a filled evidence form (load_form.c) */
        qs_evidence *e = qs_load_form_fd(c->arena, fd, path, d, io_error);
        if (e)
            add_evidence(c, e);
        return;
    }
    xmlDoc *doc = read_fd_as(fd, path, QS_DOC_EVIDENCE, d, io_error);
    if (!doc)
        return;
    add_evidence(c, qs_load_evidence_doc(c->arena, doc, path, d));
    xmlFreeDoc(doc);
}

static void load_schema_file(qs_case *c, int fd, const char *path, qs_diags *d)
{
    xmlDoc *doc = read_fd_as(fd, path, QS_DOC_INDICATORS, d, NULL);
    if (!doc)
        return;
    c->schema = qs_load_schema_doc(c->arena, doc, path, d);
    xmlFreeDoc(doc);
}

/* The plan names its schema by a bare file name: look beside the plan, then
 * in the templates folder.  A name with a slash could leave the case. */
static void load_plan_schema(qs_case *c, const char *plan_dir, const qs_load_opts *o, qs_diags *d)
{
    const qs_plan *p = c->plan;
    const char *f = p->indicators_file;
    if (strchr(f, '/') || strchr(f, '\\') || f[0] == '.') {
        qs_diag_error(d, p->indicators_pos,
                      "indicator schema file \"%s\" must be a bare file name (no folders)", f);
        return;
    }
    const char *cand = join(c->arena, plan_dir, f);
    int pd = open(plan_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int fd = open_in_case(pd, f, cand, _("indicator schema"), d); /* beside the plan: the case's own file */
    int e = errno;
    if (pd >= 0)
        close(pd);
    if (fd < 0 && e == EXDEV)
        return;
    char *real = NULL; /* the file's real path: the key of the cache */
    if (fd >= 0) {
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        real = realpath(link, NULL);
    } else if (o && o->templates_dir) {
        cand = join(c->arena, o->templates_dir, f);
        real = realpath(cand, NULL);
    }
    if (fd < 0 && !(real && is_file(real))) {
        free(real);
        qs_diag_error(d, p->indicators_pos,
                      "indicator schema \"%s\" not found beside the plan or in %s", f,
                      o && o->templates_dir ? o->templates_dir : _("the templates folder"));
        return;
    }
    qs_schema_cache *cache = o ? o->cache : NULL;
    if (cache && real && cache->schema && !strcmp(cache->path, real)) {
        c->schema = cache->schema; /* read once per worker, shared read-only */
        free(real);
        if (fd >= 0)
            close(fd);
        return;
    }
    if (fd < 0)
        fd = open(cand, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (!cache || !real) {
        free(real);
        load_schema_file(c, fd, cand, d);
        return;
    }
    /* load into the cache's arena, so the schema outlives this case */
    if (!cache->arena)
        cache->arena = qs_arena_new();
    qs_case tmp = {.arena = cache->arena};
    /* the positions of the schema's objects name this path: it must live as long */
    load_schema_file(&tmp, fd, qs_arena_strdup(cache->arena, cand), d);
    c->schema = tmp.schema;
    if (tmp.schema) {
        free(cache->path);
        cache->path = real;
        cache->schema = tmp.schema;
    } else {
        free(real);
    }
}

void qs_load_cache_free(qs_schema_cache *cache)
{
    if (!cache)
        return;
    qs_arena_free(cache->arena);
    free(cache->path);
    memset(cache, 0, sizeof *cache);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* Why the evidence folder's entry name (at path) is not read, or NULL when
 * it is read: its name ends in ".xml" and is not hidden. */
static const char *not_read_why(const char *path, const char *name)
{
    if (name[0] != '.' && (ends_with(name, ".xml") || ends_with(name, ".xlsx")) && strncmp(name, "~$", 2))
        return NULL;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return _("a folder (only the files evidence/*.xml are read)");
    if (name[0] == '.')
        return _("a hidden file (its name starts with \".\")");
    size_t n = strlen(name);
    const char *ext = n >= 4 ? name + n - 4 : "";
    if (ext[0] == '.' && (ext[1] | 0x20) == 'x' && (ext[2] | 0x20) == 'm' && (ext[3] | 0x20) == 'l')
        return _("evidence files are read only when their names end in \".xml\" in lower case");
    return _("evidence files are named *.xml");
}

/* The evidence folder's .xml files in byte order of their names, so runs are
 * reproducible.  Every other entry is named in a warning: nothing in the
 * folder is skipped in silence. */
static void load_evidence_dir(qs_case *c, int casefd, const char *dir, qs_diags *d, bool *io_error)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        if (errno != ENOENT) {
            qs_srcpos pos = {dir, 0};
            qs_diag_error(d, pos, "cannot read the evidence folder: %s", strerror(errno));
            *io_error = true;
        }
        return;
    }
    size_t n = 0, cap = 16;
    char **names = qs_xmalloc(cap * sizeof *names);
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        const char *path = join(c->arena, dir, e->d_name);
        const char *why = not_read_why(path, e->d_name);
        if (why) {
            qs_srcpos pos = {path, 0};
            qs_diag_warning(d, pos, "not read: %s", why);
            continue;
        }
        if (n == cap)
            names = qs_xrealloc(names, (cap *= 2) * sizeof *names);
        names[n++] = qs_xstrdup(e->d_name);
    }
    closedir(dh);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        const char *path = join(c->arena, dir, names[i]);
        int fd = open_in_case(casefd, join(c->arena, "evidence", names[i]), path, _("evidence file"), d);
        if (fd >= 0 || errno != EXDEV)
            load_evidence_file(c, fd, path, d, io_error);
        free(names[i]);
    }
    free(names);
}

static int cmp_file(const void *a, const void *b)
{
    const qs_cited *x = a, *y = b;
    int r = strcmp(x->file, y->file);
    if (!r)
        r = strcmp(x->pos.file ? x->pos.file : "", y->pos.file ? y->pos.file : "");
    return r ? r : (x->pos.line > y->pos.line) - (x->pos.line < y->pos.line);
}

/* ./attachments/x is attachments/x */
static const char *cited_rel(const char *file)
{
    while (file[0] == '.' && file[1] == '/')
        file += 2;
    return file;
}

int qs_load_cited_fd(const qs_case *c, const qs_cited *ct)
{
    if (ct->fd >= 0 || !ct->reopen) {
        errno = ct->fd >= 0 ? 0 : ct->err;
        return ct->fd >= 0 ? dup(ct->fd) : -1;
    }
    int dirfd = open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int fd = dirfd >= 0 ? qs_fs_open_beneath(dirfd, cited_rel(ct->file)) : -1;
    int e = errno;
    if (dirfd >= 0)
        close(dirfd);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || (unsigned long long)st.st_dev != ct->dev ||
                    (unsigned long long)st.st_ino != ct->ino)) {
        close(fd);
        fd = -1;
        e = ESTALE; /* another file took its name since it was checked */
    }
    errno = e;
    return fd;
}

static void close_cited(void *p)
{
    qs_case *c = p;
    for (size_t i = 0; i < c->n_cited; i++)
        if (c->cited[i].fd >= 0)
            close(c->cited[i].fd);
    c->n_cited = 0;
}

/* Every distinct cited file, opened once beneath the case folder (fsio.h):
 * validate reports what could not be opened, package copies from the same
 * descriptor.  Sorting keeps it n log n for a case citing thousands. */
static void open_cited(qs_case *c, const qs_load_opts *o)
{
    c->cited_max = o && o->cited_max > 0 ? o->cited_max : QS_CITED_MAX_DEFAULT;
    size_t total = 0;
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++)
                total += c->evidence[f].units[u].items[k].n_documents;
    if (!total || !c->dir)
        return;
    qs_cited *v = qs_arena_calloc(c->arena, total, sizeof *v);
    size_t n = 0;
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++) {
                const qs_evidence_item *it = &c->evidence[f].units[u].items[k];
                for (size_t j = 0; j < it->n_documents; j++)
                    if (it->documents[j].file)
                        v[n++] = (qs_cited){.file = it->documents[j].file, .pos = it->documents[j].pos};
            }
    qsort(v, n, sizeof *v, cmp_file);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || strcmp(v[m - 1].file, v[i].file))
            v[m++] = v[i];
    int dirfd = open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    /* keep a descriptor per file while the process may hold them (with 256
     * to spare); past that a file is checked, closed and opened again for
     * its copy */
    struct rlimit rl;
    size_t budget = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > 512
                        ? (size_t)rl.rlim_cur - 256
                        : 256;
    for (size_t i = 0, kept = 0; i < m; i++) {
        v[i].fd = dirfd < 0 ? -1 : qs_fs_open_beneath(dirfd, cited_rel(v[i].file));
        v[i].err = v[i].fd < 0 ? (dirfd < 0 ? EACCES : errno) : 0;
        struct stat st;
        if (v[i].fd >= 0 && fstat(v[i].fd, &st) == 0) {
            v[i].size = st.st_size;
            v[i].dev = st.st_dev;
            v[i].ino = st.st_ino;
        }
        if (v[i].fd >= 0 && v[i].size > c->cited_max) { /* the apparent size: a sparse file counts whole */
            close(v[i].fd);
            v[i].fd = -1;
            v[i].err = EFBIG;
        } else if (v[i].fd >= 0 && kept++ >= budget) {
            close(v[i].fd);
            v[i].fd = -1;
            v[i].reopen = true;
        }
    }
    if (dirfd >= 0)
        close(dirfd);
    c->cited = v;
    c->n_cited = m;
    qs_arena_on_free(c->arena, close_cited, c);
}

static qs_case *new_case(qs_arena *a)
{
    qs_case *c = qs_arena_alloc(a, sizeof *c);
    c->arena = a;
    return c;
}

qs_case *qs_load_case(qs_arena *a, const char *dir, const qs_load_opts *o, qs_diags *d,
                      bool *io_error)
{
    qs_case *c = new_case(a);
    *io_error = false;
    c->dir = qs_arena_strdup(a, dir);
    struct stat st;
    qs_srcpos whole = {c->dir, 0};
    if (stat(dir, &st) != 0) {
        qs_diag_error(d, whole, "cannot open the case folder: %s", strerror(errno));
        *io_error = true;
        return c;
    }
    if (!S_ISDIR(st.st_mode)) {
        qs_diag_error(d, whole, "not a case folder (expected a folder with plan.xml)");
        *io_error = true;
        return c;
    }
    const char *plan_path = join(a, dir, "plan.xml");
    int casefd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int fd = open_in_case(casefd, "plan.xml", plan_path, "plan", d);
    xmlDoc *doc = fd >= 0 || errno != EXDEV ? read_fd_as(fd, plan_path, QS_DOC_PLAN, d, io_error) : NULL;
    if (doc) {
        c->plan = qs_load_plan_doc(a, doc, plan_path, d);
        xmlFreeDoc(doc);
        load_plan_schema(c, dir, o, d);
    }
    load_evidence_dir(c, casefd, join(a, dir, "evidence"), d, io_error);
    if (casefd >= 0)
        close(casefd);
    open_cited(c, o);
    return c;
}

qs_plan *qs_load_plan(qs_arena *a, const char *dir, qs_diags *d)
{
    const char *plan_path = join(a, dir, "plan.xml");
    int casefd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int fd = open_in_case(casefd, "plan.xml", plan_path, "plan", d);
    xmlDoc *doc = fd >= 0 || errno != EXDEV ? read_fd_as(fd, plan_path, QS_DOC_PLAN, d, NULL) : NULL;
    if (casefd >= 0)
        close(casefd);
    qs_plan *p = doc ? qs_load_plan_doc(a, doc, plan_path, d) : NULL;
    if (doc)
        xmlFreeDoc(doc);
    return p;
}

qs_case *qs_load_files(qs_arena *a, const char *const *paths, size_t n, const qs_load_opts *o,
                       qs_diags *d, bool *io_error)
{
    qs_case *c = new_case(a);
    *io_error = false;
    const char *plan_path = NULL, *schema_path = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *path = qs_arena_strdup(a, paths[i]);
        if (ends_with(path, ".xlsx")) { /* a filled evidence form (load_form.c) */
            load_evidence_file(c, open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), path, d, io_error);
            continue;
        }
        xmlDoc *doc;
        qs_xml_result r = qs_xml_read(path, d, &doc);
        if (r == QS_XML_IO)
            *io_error = true;
        if (r != QS_XML_OK)
            continue;
        qs_doc_kind kind = qs_xml_kind(doc);
        qs_srcpos pos = {path, qs_xml_line(xmlDocGetRootElement(doc))};
        if (kind == QS_DOC_UNKNOWN) {
            qs_diag_error(d, pos, "not a qsreport document: the root element's namespace is none of "
                                  "\"%s\", \"%s\", \"%s\"",
                          qs_xml_namespace(QS_DOC_INDICATORS), qs_xml_namespace(QS_DOC_PLAN),
                          qs_xml_namespace(QS_DOC_EVIDENCE));
        } else if ((kind == QS_DOC_PLAN && plan_path) || (kind == QS_DOC_INDICATORS && schema_path)) {
            qs_diag_error(d, pos, "a second %s file (the first is %s); give one per run",
                          qs_xml_root_name(kind), kind == QS_DOC_PLAN ? plan_path : schema_path);
        } else if (qs_xml_check(doc, kind, path, d)) {
            if (kind == QS_DOC_PLAN) {
                plan_path = path;
                c->plan = qs_load_plan_doc(a, doc, path, d);
                const char *slash = strrchr(path, '/');
                c->dir = slash ? qs_arena_strndup(a, path, (size_t)(slash - path)) : ".";
            } else if (kind == QS_DOC_INDICATORS) {
                schema_path = path;
                c->schema = qs_load_schema_doc(a, doc, path, d);
            } else {
                add_evidence(c, qs_load_evidence_doc(a, doc, path, d));
            }
        } else if (kind == QS_DOC_PLAN) {
            plan_path = path;
        } else if (kind == QS_DOC_INDICATORS) {
            schema_path = path;
        }
        xmlFreeDoc(doc);
    }
    if (!c->plan && c->n_evidence) {
        qs_srcpos pos = {c->evidence[0].path, 0};
        qs_diag_warning(d, pos, "checked against the evidence XSD only: give the plan too (or the "
                                "case folder) to check units, items, values and dates");
    }
    if (c->plan && !schema_path) {
        const char *slash = strrchr(plan_path, '/');
        const char *plan_dir = slash ? qs_arena_strndup(a, plan_path, (size_t)(slash - plan_path)) : ".";
        load_plan_schema(c, plan_dir, o, d);
    }
    open_cited(c, o);
    return c;
}

