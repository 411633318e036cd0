/* package.c - stage 5: the annual submission package of one case.
 *
 *   OUT/<region>-<year>/             (names from templates/strings.xml)
 *     <table>.xlsx, <table>.pdf      the official task-decomposition table
 *     <self-assessment>.xlsx         the self-assessment table
 *     <report>.pdf                   the self-assessment report
 *     <units>/                       the responsibility workbook, a PDF per unit
 *     <index>.xlsx, <index>.pdf      the evidence index
 *     <attachments>/...              every cited file, copied once
 *     <warnings>.txt                 what validation reported (if anything)
 *     SHA256SUMS                     `sha256sum -c` checks every file above
 *
 * Everything is written into OUT/.<name>.tmp-<pid>-XXXXXX, flushed, and only
 * then renamed into place (or zipped into OUT/<name>.zip), so a failure, an
 * interrupt or a kill never leaves a partial package, and an older package
 * of the same name stays until the new one is complete.
 *
 * With a spare core (qs_package_opts.helper), a forked helper writes the
 * unit sheets, half the work, while this process writes the rest; its
 * diagnostics come back through a pipe, and the package is finished only
 * after it has ended.
 */
#include "package.h"
#include "batch.h"
#include "format.h"
#include "sheetname.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

volatile sig_atomic_t qs_package_interrupted;

const char *const qs_package_string_keys[] = {
    "package.name",   "package.table",       "package.selfassess", "package.report",
    "package.units",  "package.index",       "package.attachments", "package.warnings",
    "package.warnings.head", "units.workbook", NULL,
};

typedef struct job {
    const qs_case *c;
    const qs_scores *sc;
    const qs_package_opts *o;
    const qs_strings *s;
    qs_diags *d;
    qs_arena *a;
    const char *tmp; /* the temporary folder */
} job;

static const char *str(const job *j, const char *key)
{
    const char *v = qs_strings_get(j->s, key);
    return v ? v : key;
}

static const char *in_tmp(job *j, const char *name)
{
    return qs_arena_printf(j->a, "%s/%s", j->tmp, name);
}

static qs_status io_error(job *j, const char *path, const char *what)
{
    qs_srcpos pos = {path, 0};
    qs_diag_error(j->d, pos, "%s: %s", what, strerror(errno));
    return QS_ERR_IO;
}

static qs_status check_interrupt(job *j)
{
    if (!qs_package_interrupted)
        return QS_OK;
    qs_srcpos pos = {j->o->out_dir, 0};
    qs_diag_error(j->d, pos, "interrupted; no package was written");
    return QS_ERR_IO;
}

/* ---- files and folders ---- */

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *dh = opendir(path);
        struct dirent *e;
        while (dh && (e = readdir(dh)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            size_t n = strlen(path) + strlen(e->d_name) + 2;
            char *child = qs_xmalloc(n);
            snprintf(child, n, "%s/%s", path, e->d_name);
            remove_tree(child);
            free(child);
        }
        if (dh)
            closedir(dh);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static bool fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    return close(fd) == 0 && ok;
}

/* mkdir -p below the temporary folder */
static qs_status make_dir(job *j, const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return io_error(j, path, "cannot create the folder");
    return QS_OK;
}

static qs_status copy_file(job *j, const char *from, const char *to)
{
    /* the folders of to, below the package */
    char *dir = qs_arena_strdup(j->a, to);
    for (char *p = dir + strlen(j->tmp) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        if (make_dir(j, dir) != QS_OK)
            return QS_ERR_IO;
        *p = '/';
    }
    /* validation saw a regular file; whatever took its place since (a FIFO
     * with no writer, say) cannot block the open, and is not read */
    int in = open(from, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (in < 0)
        return io_error(j, from, "cannot read the cited file");
    struct stat info;
    if (fstat(in, &info) != 0 || !S_ISREG(info.st_mode)) {
        close(in);
        qs_srcpos pos = {from, 0};
        qs_diag_error(j->d, pos, "cannot read the cited file: not a regular file");
        return QS_ERR_IO;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out < 0) {
        close(in);
        return io_error(j, to, "cannot write");
    }
    char buf[65536];
    ssize_t n;
    qs_status st = QS_OK;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w <= 0) {
                st = io_error(j, to, "cannot write");
                break;
            }
            off += w;
        }
        if (st != QS_OK)
            break;
    }
    if (n < 0 && st == QS_OK)
        st = io_error(j, from, "cannot read the cited file");
    close(in);
    if (close(out) != 0 && st == QS_OK)
        st = io_error(j, to, "cannot write");
    return st;
}

/* every regular file below dir, as paths relative to it, sorted bytewise */
static void list_files(const char *root, const char *rel, char ***v, size_t *n, size_t *cap)
{
    size_t len = strlen(root) + strlen(rel) + 2;
    char *dir = qs_xmalloc(len);
    snprintf(dir, len, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *dh = opendir(dir);
    struct dirent *e;
    while (dh && (e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
            continue;
        size_t m = strlen(rel) + strlen(e->d_name) + 2;
        char *child = qs_xmalloc(m);
        snprintf(child, m, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        size_t fl = strlen(root) + m + 1;
        char *full = qs_xmalloc(fl);
        snprintf(full, fl, "%s/%s", root, child);
        struct stat st;
        if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
            list_files(root, child, v, n, cap);
            free(child);
        } else {
            if (*n == *cap)
                *v = qs_xrealloc(*v, (*cap = *cap ? *cap * 2 : 64) * sizeof **v);
            (*v)[(*n)++] = child;
        }
        free(full);
    }
    if (dh)
        closedir(dh);
    free(dir);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **sorted_files(const char *root, size_t *n)
{
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    list_files(root, "", &v, n, &cap);
    qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ---- the steps ---- */

static qs_status step_table(job *j)
{
    const qs_render_opts *ro = j->o->render;
    qs_table *t = qs_table_build(j->c, j->s, j->a);
    qs_status st = qs_render_table_xlsx(t, in_tmp(j, qs_arena_printf(j->a, "%s.xlsx", str(j, "package.table"))),
                                        ro, j->d);
    if (st == QS_OK)
        st = qs_render_table_pdf(t, in_tmp(j, qs_arena_printf(j->a, "%s.pdf", str(j, "package.table"))), ro,
                                 j->d);
    if (st == QS_OK)
        st = qs_render_selfassess_xlsx(j->c, t, j->sc,
                                       in_tmp(j, qs_arena_printf(j->a, "%s.xlsx", str(j, "package.selfassess"))),
                                       ro, j->d);
    return st;
}

static qs_status step_report(job *j)
{
    return qs_render_report_pdf(j->c, j->sc, in_tmp(j, qs_arena_printf(j->a, "%s.pdf", str(j, "package.report"))),
                                j->o->render, false, j->d);
}

static qs_status step_units(job *j)
{
    const char *dir = in_tmp(j, str(j, "package.units"));
    if (make_dir(j, dir) != QS_OK)
        return QS_ERR_IO;
    return qs_package_units(j->c, j->sc, dir, j->o->render, j->d);
}

static qs_status step_evidence(job *j)
{
    qs_evindex *x = qs_evindex_build(j->c, str(j, "package.attachments"), j->a);
    const qs_render_opts *ro = j->o->render;
    qs_status st = qs_render_index_xlsx(j->c, x, in_tmp(j, qs_arena_printf(j->a, "%s.xlsx", str(j, "package.index"))),
                                        ro, j->d);
    if (st == QS_OK)
        st = qs_render_index_pdf(j->c, x, in_tmp(j, qs_arena_printf(j->a, "%s.pdf", str(j, "package.index"))), ro,
                                 j->d);
    for (size_t i = 0; i < x->n_files && st == QS_OK; i++) {
        st = copy_file(j, qs_arena_printf(j->a, "%s/%s", j->c->dir, x->files[i]), in_tmp(j, x->names[i]));
        if (st == QS_OK)
            st = check_interrupt(j);
    }
    return st;
}

/* what validation said, so the reader of the package sees it too */
static qs_status step_warnings(job *j, const qs_diags *w)
{
    size_t n = qs_diag_warnings(w);
    if (!n)
        return QS_OK;
    const char *path = in_tmp(j, str(j, "package.warnings"));
    FILE *f = fopen(path, "w");
    if (!f)
        return io_error(j, path, "cannot write");
    fprintf(f, "%s\n", str(j, "package.warnings.head"));
    for (size_t i = 0; i < w->count; i++) {
        const qs_diag *g = &w->items[i];
        if (g->severity != QS_DIAG_WARNING)
            continue;
        if (g->line > 0)
            fprintf(f, "%s:%ld: warning: %s\n", g->file, g->line, g->message);
        else
            fprintf(f, "%s: warning: %s\n", g->file ? g->file : "qsreport", g->message);
    }
    if (ferror(f) | (fclose(f) != 0))
        return io_error(j, path, "cannot write");
    return QS_OK;
}

static bool sha256_file(const char *path, char hex[65])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = EVP_DigestUpdate(ctx, buf, n);
    unsigned len = 0;
    ok = ok && !ferror(f) && EVP_DigestFinal_ex(ctx, md, &len) && len == 32;
    for (unsigned i = 0; ok && i < len; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    EVP_MD_CTX_free(ctx);
    fclose(f);
    return ok;
}

/* SHA256SUMS in the format `sha256sum -c` reads: "<hex>  <path>" */
static qs_status step_manifest(job *j)
{
    size_t n;
    char **files = sorted_files(j->tmp, &n);
    const char *path = in_tmp(j, "SHA256SUMS");
    FILE *f = fopen(path, "w");
    qs_status st = f ? QS_OK : io_error(j, path, "cannot write");
    for (size_t i = 0; i < n && st == QS_OK; i++) {
        char hex[65];
        if (!sha256_file(in_tmp(j, files[i]), hex))
            st = io_error(j, in_tmp(j, files[i]), "cannot read back");
        else
            fprintf(f, "%s  %s\n", hex, files[i]);
    }
    if (f && (ferror(f) | (fclose(f) != 0)) && st == QS_OK)
        st = io_error(j, path, "cannot write");
    free_list(files, n);
    return st;
}

/* flush every file and folder, so the rename publishes complete data */
static qs_status step_flush(job *j)
{
    size_t n;
    char **files = sorted_files(j->tmp, &n);
    qs_status st = QS_OK;
    const char *last_dir = "";
    for (size_t i = 0; i < n && st == QS_OK; i++) {
        const char *p = in_tmp(j, files[i]);
        if (!fsync_path(p))
            st = io_error(j, p, "cannot flush");
        /* each folder once: the sorted list keeps a folder's files together */
        const char *slash = strrchr(p, '/');
        const char *dir = qs_arena_strndup(j->a, p, (size_t)(slash - p));
        if (st == QS_OK && strcmp(dir, last_dir)) {
            if (!fsync_path(dir))
                st = io_error(j, p, "cannot flush its folder");
            last_dir = dir;
        }
    }
    free_list(files, n);
    if (st == QS_OK && !fsync_path(j->tmp))
        st = io_error(j, j->tmp, "cannot flush");
    return st;
}

/* ---- the helper process ---- */

typedef struct helper {
    pid_t pid;
    int fd; /* its diagnostics */
} helper;

/* each diagnostic as "<W|E> <line> <file length or -1> <message length>\n",
 * then the file name and the message */
static void send_diags(int fd, const qs_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        const qs_diag *g = &d->items[i];
        char head[96];
        int n = snprintf(head, sizeof head, "%c %ld %ld %zu\n", g->severity == QS_DIAG_WARNING ? 'W' : 'E',
                         g->line, g->file ? (long)strlen(g->file) : -1L, strlen(g->message));
        if (!qs_batch_send(fd, head, (size_t)n) || (g->file && !qs_batch_send(fd, g->file, strlen(g->file))) ||
            !qs_batch_send(fd, g->message, strlen(g->message)))
            return;
    }
}

static void take_diags(const char *buf, size_t len, qs_diags *d)
{
    size_t at = 0;
    while (at < len) {
        const char *nl = memchr(buf + at, '\n', len - at);
        char sev;
        long line, flen;
        size_t mlen;
        if (!nl || sscanf(buf + at, "%c %ld %ld %zu", &sev, &line, &flen, &mlen) != 4)
            return;
        at = (size_t)(nl - buf) + 1;
        size_t fl = flen < 0 ? 0 : (size_t)flen;
        if (fl > len - at || mlen > len - at - fl)
            return;
        char *file = flen < 0 ? NULL : qs_xmalloc(fl + 1);
        if (file) {
            memcpy(file, buf + at, fl);
            file[fl] = '\0';
        }
        qs_srcpos pos = {file, line};
        qs_diag_add(d, sev == 'W' ? QS_DIAG_WARNING : QS_DIAG_ERROR, pos, "%.*s", (int)mlen, buf + at + fl);
        free(file);
        at += fl + mlen;
    }
}

/* Forks the helper that writes the unit sheets; false (and no helper) if
 * the system refuses, and this process writes them itself. */
static bool start_helper(job *j, helper *h)
{
    int p[2];
    if (pipe(p) != 0)
        return false;
    fflush(NULL);
    pid_t parent = getpid();
    h->pid = fork();
    if (h->pid < 0) {
        close(p[0]);
        close(p[1]);
        return false;
    }
    if (h->pid == 0) {
        /* killed with this process (its temporary folder is then swept by
         * the next run, which a live helper would keep writing into) */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(QS_ERR_IO);
        close(p[0]);
        qs_diags d;
        qs_diag_init(&d);
        j->d = &d;
        qs_status st = step_units(j);
        send_diags(p[1], &d);
        qs_diag_free(&d);
        close(p[1]);
        if (j->o->release)
            j->o->release(j->o->release_ctx);
        qs_arena_free(j->a);
        _exit((int)st);
    }
    close(p[1]);
    h->fd = p[0];
    return true;
}

/* Waits for the helper; its diagnostics join this process's. */
static qs_status finish_helper(job *j, helper *h)
{
    size_t len = 0, cap = 4096;
    char *buf = qs_xmalloc(cap);
    for (;;) {
        if (cap - len < 4096)
            buf = qs_xrealloc(buf, cap *= 2);
        ssize_t got = read(h->fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    close(h->fd);
    take_diags(buf, len, j->d);
    free(buf);
    int ws = 0;
    while (waitpid(h->pid, &ws, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(ws))
        return (qs_status)WEXITSTATUS(ws);
    qs_srcpos pos = {j->tmp, 0};
    qs_diag_error(j->d, pos, "the process writing the unit sheets ended with signal %d", WTERMSIG(ws));
    return QS_ERR_IO;
}

/* the temporary folder takes the place of final; an older one goes only after */
static qs_status publish_folder(job *j, const char *final)
{
    struct stat st;
    const char *old = NULL;
    if (lstat(final, &st) == 0) {
        old = qs_arena_printf(j->a, "%s/.%s.old-%ld", j->o->out_dir, strrchr(final, '/') + 1, (long)getpid());
        remove_tree(old);
        if (rename(final, old) != 0)
            return io_error(j, final, "cannot replace the older package");
    }
    if (rename(j->tmp, final) != 0) {
        qs_status s = io_error(j, final, "cannot move the package into place");
        if (old)
            rename(old, final);
        return s;
    }
    if (old)
        remove_tree(old);
    fsync_path(j->o->out_dir);
    return QS_OK;
}

/* one archive: entries sorted, dated from the epoch, so it is reproducible */
static qs_status publish_zip(job *j, const char *final, const char *name)
{
    const char *tmpzip = qs_arena_printf(j->a, "%s.zip-part", j->tmp);
    int err = 0;
    zip_t *z = zip_open(tmpzip, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        qs_srcpos pos = {final, 0};
        qs_diag_error(j->d, pos, "cannot write the archive (libzip error %d)", err);
        return QS_ERR_IO;
    }
    size_t n;
    char **files = sorted_files(j->tmp, &n);
    qs_status st = QS_OK;
    for (size_t i = 0; i < n && st == QS_OK; i++) {
        zip_source_t *src = zip_source_file(z, in_tmp(j, files[i]), 0, -1);
        const char *entry = qs_arena_printf(j->a, "%s/%s", name, files[i]);
        zip_int64_t idx = src ? zip_file_add(z, entry, src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            if (src)
                zip_source_free(src);
            st = QS_ERR_IO;
            break;
        }
        zip_file_set_mtime(z, (zip_uint64_t)idx, j->o->render->epoch, 0);
        zip_file_set_external_attributes(z, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
    }
    free_list(files, n);
    if (st != QS_OK) {
        qs_srcpos pos = {final, 0};
        qs_diag_error(j->d, pos, "cannot write the archive: %s", zip_strerror(z));
        zip_discard(z);
        unlink(tmpzip);
        return st;
    }
    if (zip_close(z) != 0) {
        qs_srcpos pos = {final, 0};
        qs_diag_error(j->d, pos, "cannot write the archive: %s", zip_strerror(z));
        zip_discard(z);
        unlink(tmpzip);
        return QS_ERR_IO;
    }
    if (!fsync_path(tmpzip) || rename(tmpzip, final) != 0) {
        st = io_error(j, final, "cannot move the archive into place");
        unlink(tmpzip);
        return st;
    }
    fsync_path(j->o->out_dir);
    return QS_OK;
}

qs_status qs_package_units(const qs_case *c, const qs_scores *sc, const char *dir, const qs_render_opts *o,
                           qs_diags *d)
{
    qs_arena *a = qs_arena_new();
    qs_duties *du = qs_duties_build(c, sc, a);
    /* the workbook first: a template problem shows before any PDF is written */
    qs_status st = qs_render_units_xlsx(c, du, sc,
                                        qs_arena_printf(a, "%s/%s", dir, qs_strings_get(o->strings, "units.workbook")),
                                        o, d);
    for (size_t i = 0; i < du->n_units && st == QS_OK; i++) {
        const char *file = qs_sheetname_pdf(a, du->units[i].unit->name);
        st = qs_render_unit_pdf(c, &du->units[i], sc, qs_arena_printf(a, "%s/%s", dir, file), o, d);
    }
    qs_arena_free(a);
    return st;
}

qs_status qs_package_case(const qs_case *c, const qs_scores *sc, const qs_diags *warnings,
                          const qs_package_opts *o, qs_diags *d, const char **written)
{
    job j = {c, sc, o, o->render->strings, d, qs_arena_new(), NULL};
    size_t first_diag = d->count;
    const char *pairs[] = {"region", c->plan->region, "year", qs_arena_printf(j.a, "%d", c->plan->year), NULL};
    const char *name = qs_format(j.a, str(&j, "package.name"), pairs);
    const char *final = qs_arena_printf(j.a, "%s/%s%s", o->out_dir, name, o->zip ? ".zip" : "");
    char *tmp = qs_arena_printf(j.a, "%s/.%s.tmp-%ld-XXXXXX", o->out_dir, name, (long)getpid());
    qs_status st;
    if (!mkdtemp(tmp)) {
        st = io_error(&j, o->out_dir, "cannot write a package here");
        qs_arena_free(j.a);
        return st;
    }
    j.tmp = tmp;
    helper h;
    bool split = o->helper && start_helper(&j, &h);
    if ((st = step_table(&j)) == QS_OK && (st = check_interrupt(&j)) == QS_OK &&
        (st = step_report(&j)) == QS_OK && (st = check_interrupt(&j)) == QS_OK && !split)
        st = step_units(&j);
    if (st == QS_OK && (st = check_interrupt(&j)) == QS_OK)
        st = step_evidence(&j);
    if (split) { /* before anything is removed: the helper writes into tmp */
        qs_status hs = finish_helper(&j, &h);
        st = st == QS_OK ? hs : st;
    }
    if (st == QS_OK && (st = step_warnings(&j, warnings)) == QS_OK && (st = check_interrupt(&j)) == QS_OK &&
        (st = step_manifest(&j)) == QS_OK && (st = check_interrupt(&j)) == QS_OK) {
        if (o->zip)
            st = publish_zip(&j, final, name);
        else if ((st = step_flush(&j)) == QS_OK)
            st = publish_folder(&j, final);
    }
    if (st != QS_OK || o->zip)
        remove_tree(tmp);
    /* a problem with a file is told at the place the file was meant for,
     * not in the temporary folder, which is gone */
    size_t tl = strlen(tmp);
    const char *shown = qs_arena_printf(j.a, "%s/%s", o->out_dir, name);
    for (size_t k = first_diag; k < d->count; k++) {
        char *f = d->items[k].file;
        if (f && !strncmp(f, tmp, tl) && (f[tl] == '/' || f[tl] == '\0')) {
            d->items[k].file = qs_xstrdup(qs_arena_printf(j.a, "%s%s", shown, f + tl));
            free(f);
        }
    }
    if (st == QS_OK && written)
        *written = qs_arena_strdup(c->arena, final);
    qs_arena_free(j.a);
    return st;
}

/* ".<name>.tmp-<pid>-XXXXXX" or ".<name>.old-<pid>" of a process that is gone */
static bool stale(const char *entry)
{
    const char *p = strstr(entry, ".tmp-");
    if (!p)
        p = strstr(entry, ".old-");
    if (entry[0] != '.' || !p)
        return false;
    long pid = strtol(p + 5, NULL, 10);
    return pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void qs_package_sweep(const char *out_dir)
{
    DIR *dh = opendir(out_dir);
    struct dirent *e;
    while (dh && (e = readdir(dh)) != NULL) {
        if (!stale(e->d_name))
            continue;
        size_t n = strlen(out_dir) + strlen(e->d_name) + 2;
        char *p = qs_xmalloc(n);
        snprintf(p, n, "%s/%s", out_dir, e->d_name);
        remove_tree(p);
        free(p);
    }
    if (dh)
        closedir(dh);
}
