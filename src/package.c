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
 * Everything is written into OUT/.qsreport.tmp-XXXXXX/<name>/, flushed, and
 * only then put in place (or zipped into OUT/<name>.zip), so a failure, an
 * interrupt or a kill never leaves a partial package.  The temporary folder
 * carries a marker file, .qsreport-temp, locked (flock) by the run writing
 * it; a later run removes only folders with an unlocked marker (and, with
 * rmdir, an empty one: a run killed before it wrote its marker), never
 * anything else.  An older package is exchanged with the new one in one
 * step (renameat2 RENAME_EXCHANGE); where the file system cannot, the two
 * renames are preceded by a .qsreport-ready mark in the temporary folder,
 * and the next run completes or rolls back a half-done pair before it does
 * anything else (qs_package_sweep).  A file or a folder that is not a
 * package (no SHA256SUMS) at the final name is never replaced.
 *
 * The package is opened, written and closed in three calls, so that on two
 * cores two processes of the batch can write one package: one the documents,
 * the other the unit sheets (QS_PART_DOCS, QS_PART_UNITS), into the folder
 * that the process which forked them opened, locked and later publishes.
 */
#include "package.h"
#include "format.h"
#include "fsio.h"
#include "load.h"
#include "sheetname.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

volatile sig_atomic_t qs_package_interrupted;

const char *const qs_package_string_keys[] = {
    "package.name",   "package.table",       "package.selfassess", "package.report",
    "package.units",  "package.index",       "package.attachments", "package.warnings",
    "package.warnings.head", "package.warnings.published", "package.warnings.data", "package.warnings.none",
    "units.workbook", NULL,
};

typedef struct job {
    const qs_case *c;
    const qs_scores *sc;
    const qs_facts *f; /* the facts of the case, read by every document */
    const qs_package_opts *o;
    const qs_strings *s;
    qs_diags *d;
    qs_arena *a;
    const char *name;  /* the package's name: its folder, or NAME.zip */
    const char *shown; /* OUT/<name>: where messages say a file goes */
    const char *tmp;   /* OUT/.qsreport.tmp-XXXXXX */
    int out, tmpfd;    /* OUT and the temporary folder */
    int pkg;           /* <tmp>/<name>: the package being written */
    int lock;          /* the marker, locked while this run lives */
} job;

/* the job of opening, publishing and closing; each write copies it */
struct qs_package_dir {
    job j;
    const char *final; /* <name> or <name>.zip */
};

/* a file of the package, written in the temporary folder, shown where it goes */
static qs_dest in_pkg(job *j, int dir, const char *shown_dir, const char *name)
{
    return (qs_dest){dir, name, qs_arena_printf(j->a, "%s/%s", shown_dir, name), true};
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

static bool fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    return close(fd) == 0 && ok;
}

/* one cited file, from the descriptor load opened (qs_case.cited), into
 * the package at rel ("佐证材料/sub/x.pdf"), folders made on the way */
static qs_status copy_file(job *j, const qs_cited *ct, const char *rel)
{
    qs_srcpos pos = {ct->pos.file, ct->pos.line};
    int from = qs_load_cited_fd(j->c, ct);
    if (from < 0) { /* unreadable ones are refused by validate; a file swapped since, here */
        qs_diag_error(j->d, pos, "cited file \"%s\" cannot be read: %s", ct->file,
                      errno == ESTALE ? "another file has taken its name since the case was read" : strerror(errno));
        return QS_ERR_IO;
    }
    char *path = qs_arena_strdup(j->a, rel);
    int dir = j->pkg;
    const char *shown = j->shown;
    qs_status st = QS_OK;
    for (char *comp = path, *slash; st == QS_OK && (slash = strchr(comp, '/')) != NULL; comp = slash + 1) {
        *slash = '\0';
        shown = qs_arena_printf(j->a, "%s/%s", shown, comp);
        int sub = qs_fs_subdir(dir, comp, shown, j->d);
        if (dir != j->pkg)
            close(dir);
        dir = sub;
        if (sub < 0) {
            close(from);
            return QS_ERR_IO;
        }
        path = slash + 1;
    }
    qs_dest to = in_pkg(j, dir, shown, path);
    qs_afile f;
    st = qs_fs_create(&f, &to, j->d);
    if (st == QS_OK) {
        if (ct->size > j->c->cited_max || qs_fs_copy_fd(from, f.fd) != 0) {
            int e = ct->size > j->c->cited_max ? EFBIG : errno;
            qs_fs_abort(&f);
            qs_diag_error(j->d, pos, "cited file \"%s\" cannot be copied: %s", ct->file, strerror(e));
            st = QS_ERR_IO;
        } else {
            st = qs_fs_commit(&f, false, NULL, j->d);
        }
    }
    if (dir != j->pkg)
        close(dir);
    close(from);
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
    qs_dest xlsx = in_pkg(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.xlsx", qs_wording(j->s, "package.table")));
    qs_dest pdf = in_pkg(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.pdf", qs_wording(j->s, "package.table")));
    qs_dest self = in_pkg(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.xlsx", qs_wording(j->s, "package.selfassess")));
    qs_status st = qs_render_table_xlsx(t, &xlsx, ro, j->d);
    if (st == QS_OK)
        st = qs_render_table_pdf(t, &pdf, ro, j->d);
    if (st == QS_OK)
        st = qs_render_selfassess_xlsx(j->c, t, j->sc, &self, ro, j->d);
    return st;
}

static qs_status step_report(job *j)
{
    qs_dest to = in_pkg(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.pdf", qs_wording(j->s, "package.report")));
    return qs_render_report_pdf(j->c, j->sc, j->f, &to, j->o->render, false, j->d);
}

static qs_status step_units(job *j)
{
    const char *shown = qs_arena_printf(j->a, "%s/%s", j->shown, qs_wording(j->s, "package.units"));
    int dir = qs_fs_subdir(j->pkg, qs_wording(j->s, "package.units"), shown, j->d);
    if (dir < 0)
        return QS_ERR_IO;
    qs_status st = qs_package_units(j->c, j->sc, j->f, dir, shown, true, j->o->render, j->d);
    close(dir);
    return st;
}

static qs_status step_evidence(job *j)
{
    const qs_evindex *x = j->f->index;
    const qs_render_opts *ro = j->o->render;
    qs_dest xlsx = in_pkg(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.xlsx", qs_wording(j->s, "package.index")));
    qs_dest pdf = in_pkg(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.pdf", qs_wording(j->s, "package.index")));
    qs_status st = qs_render_index_xlsx(j->c, x, &xlsx, ro, j->d);
    if (st == QS_OK)
        st = qs_render_index_pdf(j->c, x, &pdf, ro, j->d);
    for (size_t i = 0; i < x->n_files && st == QS_OK; i++) {
        const qs_cited *ct = qs_model_cited(j->c, x->files[i]);
        if (!ct) {
            qs_srcpos pos = {j->shown, 0};
            qs_diag_error(j->d, pos, "cited file \"%s\" was not opened when the case was read", x->files[i]);
            return QS_ERR_IO;
        }
        st = copy_file(j, ct, x->names[i]);
        if (st == QS_OK)
            st = check_interrupt(j);
    }
    return st;
}

/* a small text file of the package, from memory */
static qs_status write_text(job *j, const char *name, const char *text, size_t len)
{
    qs_dest to = in_pkg(j, j->pkg, j->shown, name);
    qs_afile f;
    qs_status st = qs_fs_create(&f, &to, j->d);
    if (st != QS_OK)
        return st;
    if (!qs_fs_write(&f, text, len)) {
        int e = errno;
        qs_fs_abort(&f);
        qs_srcpos pos = {to.shown, 0};
        qs_diag_error(j->d, pos, "cannot write: %s", strerror(e));
        return QS_ERR_IO;
    }
    return qs_fs_commit(&f, false, NULL, j->d);
}

/* A diagnostic's file as the package's reader knows it: relative to the
 * case folder (plan.xml, evidence/zjj.xml), or by its name alone when it is
 * not in the case (the indicator schema): never the folder the run was
 * started in. */
static const char *in_case(const qs_case *c, const char *file)
{
    if (!file)
        return NULL;
    size_t n = c->dir ? strlen(c->dir) : 0;
    while (n > 1 && c->dir[n - 1] == '/')
        n--;
    if (n && !strncmp(file, c->dir, n) && file[n] == '/')
        return file + n + 1;
    const char *slash = strrchr(file, '/');
    return slash ? slash + 1 : file;
}

/* what validation said, so the reader of the package sees it too */
static qs_status step_warnings(job *j, const qs_diags *w)
{
    size_t n = qs_diag_warnings(w);
    if (!n)
        return QS_OK;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return io_error(j, j->shown, "cannot write");
    fprintf(f, "%s\n", qs_wording(j->s, "package.warnings.head"));
    /* the official text's own faults first, then what is wrong with the data */
    for (int published = 1; published >= 0; published--) {
        fprintf(f, "\n%s\n", qs_wording(j->s, published ? "package.warnings.published" : "package.warnings.data"));
        size_t listed = 0;
        for (size_t i = 0; i < w->count; i++) {
            const qs_diag *g = &w->items[i];
            if (g->severity != QS_DIAG_WARNING || g->published != published)
                continue;
            qs_diag_print_one(g, in_case(j->c, g->file), f);
            listed++;
        }
        if (!listed)
            fprintf(f, "%s\n", qs_wording(j->s, "package.warnings.none"));
    }
    fclose(f);
    qs_status st = write_text(j, qs_wording(j->s, "package.warnings"), text, len);
    free(text);
    return st;
}

static bool sha256_file(int dir, const char *rel, char hex[65])
{
    int fd = openat(dir, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return false;
    }
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

static const char *pkg_path(job *j)
{
    return qs_arena_printf(j->a, "%s/%s", j->tmp, j->name);
}

/* SHA256SUMS in the format `sha256sum -c` reads: "<hex>  <path>" (no name
 * holds a backslash or a line break: validate refuses them) */
static qs_status step_manifest(job *j)
{
    size_t n;
    char **files = sorted_files(pkg_path(j), &n);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    qs_status st = f ? QS_OK : io_error(j, j->shown, "cannot write");
    for (size_t i = 0; i < n && st == QS_OK; i++) {
        char hex[65];
        if (!sha256_file(j->pkg, files[i], hex))
            st = io_error(j, qs_arena_printf(j->a, "%s/%s", j->shown, files[i]), "cannot read back");
        else
            fprintf(f, "%s  %s\n", hex, files[i]);
    }
    if (f)
        fclose(f);
    if (st == QS_OK)
        st = write_text(j, "SHA256SUMS", text, len);
    free(text);
    free_list(files, n);
    return st;
}

/* flush every file and folder, so the package put in place is complete */
static qs_status step_flush(job *j)
{
    size_t n;
    const char *root = pkg_path(j);
    char **files = sorted_files(root, &n);
    qs_status st = QS_OK;
    const char *last_dir = "";
    for (size_t i = 0; i < n && st == QS_OK; i++) {
        const char *p = qs_arena_printf(j->a, "%s/%s", root, files[i]);
        if (!fsync_path(p))
            st = io_error(j, qs_arena_printf(j->a, "%s/%s", j->shown, files[i]), "cannot flush");
        /* each folder once: the sorted list keeps a folder's files together */
        const char *slash = strrchr(p, '/');
        const char *dir = qs_arena_strndup(j->a, p, (size_t)(slash - p));
        if (st == QS_OK && strcmp(dir, last_dir)) {
            if (!fsync_path(dir))
                st = io_error(j, j->shown, "cannot flush a folder");
            last_dir = dir;
        }
    }
    free_list(files, n);
    if (st == QS_OK && (fsync(j->pkg) != 0 || fsync(j->tmpfd) != 0))
        st = io_error(j, j->shown, "cannot flush");
    return st;
}

/* ---- the temporary folder ---- */

#define TMP_PREFIX ".qsreport.tmp-"
#define MARKER ".qsreport-temp"
#define MARKER_HEAD "qsreport temporary folder\n"
#define READY ".qsreport-ready"
#define OLD ".old"

/* The marker, locked before anyone can see it: made unnamed (O_TMPFILE),
 * locked, written, then linked in; where the file system has no O_TMPFILE,
 * created and locked at once. */
static int make_marker(int dir, const char *final)
{
    const char *text = final;
    int fd = openat(dir, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
    bool unnamed = fd >= 0;
    if (!unnamed)
        fd = openat(dir, MARKER, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 || flock(fd, LOCK_EX) != 0)
        goto fail;
    size_t h = strlen(MARKER_HEAD), n = strlen(text);
    if (write(fd, MARKER_HEAD, h) != (ssize_t)h || write(fd, text, n) != (ssize_t)n || write(fd, "\n", 1) != 1)
        goto fail;
    if (unnamed) {
        char self[64];
        snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
        if (linkat(AT_FDCWD, self, dir, MARKER, AT_SYMLINK_FOLLOW) != 0)
            goto fail;
    }
    return fd;
fail:
    if (fd >= 0) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return -1;
}

/* OUT/.qsreport.tmp-XXXXXX with its locked marker; false with a diagnostic.
 * Between the folder's creation and its marker a sweep by another run may
 * remove the folder (it is empty then): a new name is tried. */
static bool make_tmp(job *j, const char *final)
{
    char name[32];
    for (int tries = 0; tries < 100; tries++) {
        static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        unsigned char r[6];
        if (getentropy(r, sizeof r) != 0)
            for (size_t i = 0; i < sizeof r; i++)
                r[i] = (unsigned char)(rand() ^ getpid());
        snprintf(name, sizeof name, TMP_PREFIX "%c%c%c%c%c%c", al[r[0] % 62], al[r[1] % 62], al[r[2] % 62],
                 al[r[3] % 62], al[r[4] % 62], al[r[5] % 62]);
        if (mkdirat(j->out, name, 0777) != 0) {
            if (errno == EEXIST)
                continue;
            io_error(j, j->o->out_dir, "cannot write a package here");
            return false;
        }
        j->tmpfd = openat(j->out, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        j->lock = j->tmpfd >= 0 ? make_marker(j->tmpfd, final) : -1;
        if (j->lock >= 0)
            break;
        int e = errno;
        if (j->tmpfd >= 0)
            close(j->tmpfd);
        j->tmpfd = -1;
        unlinkat(j->out, name, AT_REMOVEDIR);
        if (e != ENOENT) { /* ENOENT: swept away meanwhile */
            errno = e;
            io_error(j, j->o->out_dir, "cannot write a package here");
            return false;
        }
    }
    if (j->lock < 0) {
        io_error(j, j->o->out_dir, "cannot write a package here");
        return false;
    }
    j->tmp = qs_arena_printf(j->a, "%s/%s", j->o->out_dir, name);
    j->pkg = qs_fs_subdir(j->tmpfd, j->name, j->shown, j->d);
    return j->pkg >= 0;
}

/* ---- putting the package in place ---- */

/* What sits at the final name may be replaced only if it is an older
 * package: a folder holding SHA256SUMS, or (zip) a regular file that is a
 * zip archive.  *exists says whether anything is there. */
static qs_status may_replace(job *j, const char *final, bool zip, bool *exists)
{
    struct stat st;
    qs_srcpos pos = {qs_arena_printf(j->a, "%s/%s", j->o->out_dir, final), 0};
    *exists = fstatat(j->out, final, &st, AT_SYMLINK_NOFOLLOW) == 0;
    if (!*exists)
        return errno == ENOENT ? QS_OK : io_error(j, pos.file, "cannot look at");
    bool ours = false;
    if (zip && S_ISREG(st.st_mode)) {
        int fd = openat(j->out, final, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        char magic[4] = {0};
        ours = fd >= 0 && read(fd, magic, 4) == 4 && !memcmp(magic, "PK\3\4", 4);
        if (fd >= 0)
            close(fd);
    } else if (!zip && S_ISDIR(st.st_mode)) {
        int fd = openat(j->out, final, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        struct stat m;
        ours = fd >= 0 && fstatat(fd, "SHA256SUMS", &m, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(m.st_mode);
        if (fd >= 0)
            close(fd);
    }
    if (ours)
        return QS_OK;
    qs_diag_error(j->d, pos, "%s is in the way of the package and is not one; it was left as it is "
                  "(move it, or write the package to another folder)",
                  S_ISDIR(st.st_mode) ? "a folder" : S_ISLNK(st.st_mode) ? "a symbolic link" : "a file");
    return QS_ERR_IO;
}

/* <tmp>/<name> becomes OUT/<name>; an older package there is exchanged
 * with it in one step, or moved aside into <tmp> after the ready mark */
static qs_status publish_folder(job *j)
{
    bool exists;
    qs_status st = may_replace(j, j->name, false, &exists);
    if (st != QS_OK)
        return st;
    int r;
    if (!exists) {
        r = renameat2(j->tmpfd, j->name, j->out, j->name, RENAME_NOREPLACE);
        if (r != 0 && errno == EINVAL) /* no RENAME_NOREPLACE here */
            r = renameat(j->tmpfd, j->name, j->out, j->name);
    } else {
        r = renameat2(j->tmpfd, j->name, j->out, j->name, RENAME_EXCHANGE);
        if (r != 0 && (errno == EINVAL || errno == ENOSYS)) {
            int ready = openat(j->tmpfd, READY, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
            r = ready >= 0 && fsync(ready) == 0 && close(ready) == 0 && fsync(j->tmpfd) == 0 ? 0 : -1;
            if (r == 0 && (r = renameat(j->out, j->name, j->tmpfd, OLD)) == 0 &&
                (r = renameat(j->tmpfd, j->name, j->out, j->name)) != 0) {
                int e = errno;
                renameat(j->tmpfd, OLD, j->out, j->name);
                errno = e;
            }
        }
    }
    if (r != 0)
        return io_error(j, j->shown, "cannot put the package in place");
    fsync(j->out);
    return QS_OK;
}

/* a zip entry's date holds 1980-01-01 to 2107-12-31 (MS-DOS time): the
 * epoch is held to that range rather than wrapped */
static time_t zip_time(time_t t)
{
    return t < 315532800 ? 315532800 : t > 4354819198 ? 4354819198 : t;
}

/* one archive: entries sorted, dated from the epoch, so it is reproducible */
static qs_status publish_zip(job *j, const char *final)
{
    bool exists;
    qs_status st = may_replace(j, final, true, &exists);
    if (st != QS_OK)
        return st;
    qs_srcpos pos = {qs_arena_printf(j->a, "%s/%s", j->o->out_dir, final), 0};
    char zpath[64];
    snprintf(zpath, sizeof zpath, "/proc/self/fd/%d/%s", j->tmpfd, "package.zip");
    int err = 0;
    zip_t *z = zip_open(zpath, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        qs_diag_error(j->d, pos, "cannot write the archive (libzip error %d)", err);
        return QS_ERR_IO;
    }
    size_t n;
    char **files = sorted_files(pkg_path(j), &n);
    for (size_t i = 0; i < n && st == QS_OK; i++) {
        /* entries are relative, each part a checked name: never "..", never "/" first */
        for (const char *c = files[i]; *c && st == QS_OK;) {
            size_t k = strcspn(c, "/");
            char *part = qs_arena_strndup(j->a, c, k);
            if (qs_fs_name_problem(part) && strcmp(part, qs_wording(j->s, "package.units")))
                st = QS_ERR_IO;
            c += k + (c[k] == '/');
        }
        int fd = st == QS_OK ? openat(j->pkg, files[i], O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
        FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
        if (fd >= 0 && !fp)
            close(fd);
        zip_source_t *src = fp ? zip_source_filep(z, fp, 0, -1) : NULL;
        if (fp && !src)
            fclose(fp);
        const char *entry = qs_arena_printf(j->a, "%s/%s", j->name, files[i]);
        zip_int64_t idx = src ? zip_file_add(z, entry, src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            if (src)
                zip_source_free(src);
            st = QS_ERR_IO;
            break;
        }
        zip_file_set_mtime(z, (zip_uint64_t)idx, zip_time(j->o->render->epoch), 0);
        zip_file_set_external_attributes(z, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
    }
    free_list(files, n);
    if (st != QS_OK || zip_close(z) != 0) {
        qs_diag_error(j->d, pos, "cannot write the archive: %s", zip_strerror(z));
        zip_discard(z);
        return QS_ERR_IO;
    }
    int zfd = openat(j->tmpfd, "package.zip", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    bool synced = zfd >= 0 && fsync(zfd) == 0;
    if (zfd >= 0)
        close(zfd);
    if (!synced || renameat(j->tmpfd, "package.zip", j->out, final) != 0)
        return io_error(j, pos.file, "cannot put the archive in place");
    fsync(j->out);
    return QS_OK;
}

const char *qs_package_name(const qs_strings *s, const qs_plan *p, qs_arena *a)
{
    const char *tmpl = qs_strings_get(s, "package.name");
    return qs_format(a, tmpl ? tmpl : "{region}-{year}", qs_model_pairs(a, p, NULL));
}

qs_status qs_package_units(const qs_case *c, const qs_scores *sc, const qs_facts *f, int dir, const char *shown,
                           bool flush_later, const qs_render_opts *o, qs_diags *d)
{
    qs_arena *a = qs_arena_new();
    const qs_duties *du = f->duties;
    const char *book = qs_wording(o->strings, "units.workbook");
    qs_dest to = {dir, book, qs_arena_printf(a, "%s/%s", shown, book), flush_later};
    /* the workbook first: a template problem shows before any PDF is written */
    qs_status st = qs_render_units_xlsx(c, f, sc, &to, o, d);
    /* an interrupted package stops here; its caller's next step says so */
    for (size_t i = 0; i < du->n_units && st == QS_OK && !qs_package_interrupted; i++) {
        const char *file = qs_sheetname_pdf(a, du->units[i].unit->name);
        qs_dest pdf = {dir, file, qs_arena_printf(a, "%s/%s", shown, file), flush_later};
        st = qs_render_unit_pdf(c, &du->units[i], sc, &pdf, o, d);
    }
    qs_arena_free(a);
    return st;
}

static void close_job(job *j)
{
    if (j->pkg >= 0)
        close(j->pkg);
    if (j->tmpfd >= 0)
        close(j->tmpfd);
    if (j->lock >= 0)
        close(j->lock); /* the lock goes with it */
    if (j->out >= 0)
        close(j->out);
}

qs_package_dir *qs_package_open(const char *name, const qs_package_opts *o, qs_diags *d)
{
    qs_package_dir *p = qs_xmalloc(sizeof *p);
    p->j = (job){NULL, NULL, NULL, o, o->render->strings, d, qs_arena_new(), NULL, NULL, NULL, -1, -1, -1, -1};
    job *j = &p->j;
    j->name = qs_arena_strdup(j->a, name);
    j->shown = qs_arena_printf(j->a, "%s/%s", o->out_dir, j->name);
    p->final = o->zip ? qs_arena_printf(j->a, "%s.zip", j->name) : j->name;
    const char *why = qs_fs_name_problem(j->name);
    if (why) { /* validate refuses such a region: this is the second line of defence */
        qs_srcpos pos = {o->out_dir, 0};
        qs_diag_error(d, pos, "cannot write the package \"%s\": its name %s", j->name, why);
    } else if ((j->out = qs_fs_dir_open(o->out_dir, false, d)) >= 0 && make_tmp(j, p->final)) {
        return p;
    }
    qs_package_close(p, false, d, NULL);
    return NULL;
}

qs_status qs_package_write(qs_package_dir *p, qs_package_part part, const qs_case *c, const qs_scores *sc,
                           const qs_diags *warnings, const qs_render_opts *ro, qs_diags *d)
{
    job j = p->j;
    qs_package_opts o = *j.o; /* this process's wording and fonts */
    o.render = ro;
    j.o = &o;
    j.s = ro->strings;
    j.c = c;
    j.sc = sc;
    j.d = d;
    j.a = qs_arena_new();
    j.f = qs_facts_build(c, sc, qs_wording(j.s, "package.attachments"), j.a);
    bool docs = part != QS_PART_UNITS, units = part != QS_PART_DOCS;
    qs_status st = QS_OK;
    if (docs && (st = step_table(&j)) == QS_OK && (st = check_interrupt(&j)) == QS_OK)
        st = step_report(&j);
    if (units && st == QS_OK && (st = check_interrupt(&j)) == QS_OK)
        st = step_units(&j);
    if (docs && st == QS_OK && (st = check_interrupt(&j)) == QS_OK && (st = step_evidence(&j)) == QS_OK)
        st = step_warnings(&j, warnings);
    if (st == QS_OK)
        st = check_interrupt(&j);
    qs_arena_free(j.a);
    return st;
}

void qs_package_discard(qs_package_dir *p)
{
    if (p->j.tmp)
        qs_fs_remove_tree(p->j.tmp);
}

void qs_package_release(qs_package_dir *p)
{
    close_job(&p->j); /* the lock stays while the opener holds its descriptor */
    qs_arena_free(p->j.a);
    free(p);
}

qs_status qs_package_close(qs_package_dir *p, bool ok, qs_diags *d, char **written)
{
    job *j = &p->j;
    j->d = d;
    qs_status st = ok ? QS_OK : QS_ERR_IO;
    if (st == QS_OK && (st = check_interrupt(j)) == QS_OK && (st = step_manifest(j)) == QS_OK &&
        (st = check_interrupt(j)) == QS_OK) {
        if (j->o->zip)
            st = publish_zip(j, p->final);
        else if ((st = step_flush(j)) == QS_OK)
            st = publish_folder(j);
    }
    if (j->tmp)
        qs_fs_remove_tree(j->tmp); /* what is left: the older package, or a failed new one */
    close_job(j);
    if (st == QS_OK && written)
        *written = qs_xstrdup(qs_arena_printf(j->a, "%s/%s", j->o->out_dir, p->final));
    qs_arena_free(j->a);
    free(p);
    return st;
}

qs_status qs_package_case(const qs_case *c, const qs_scores *sc, const qs_diags *warnings,
                          const qs_package_opts *o, qs_diags *d, const char **written)
{
    qs_arena *a = qs_arena_new();
    qs_package_dir *p = qs_package_open(qs_package_name(o->render->strings, c->plan, a), o, d);
    qs_arena_free(a);
    if (!p)
        return QS_ERR_IO;
    char *path = NULL;
    qs_status st = qs_package_write(p, QS_PART_ALL, c, sc, warnings, o->render, d);
    qs_status cs = qs_package_close(p, st == QS_OK, d, written ? &path : NULL);
    if (path)
        *written = qs_arena_strdup(c->arena, path);
    free(path);
    return st == QS_OK ? cs : st;
}

/* A temporary folder of a run that is gone: the marker is there and nobody
 * holds its lock.  A pair of renames it left half done is completed (the
 * new package was ready) or undone; then the folder goes. */
static void recover(int out, const char *out_dir, const char *name)
{
    int dir = openat(out, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0)
        return;
    int m = openat(dir, MARKER, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    char buf[512];
    ssize_t n = m >= 0 ? read(m, buf, sizeof buf - 1) : -1;
    size_t h = strlen(MARKER_HEAD);
    struct stat st;
    bool ours = m >= 0 && fstat(m, &st) == 0 && S_ISREG(st.st_mode) && n > (ssize_t)h &&
                !memcmp(buf, MARKER_HEAD, h) && buf[n - 1] == '\n';
    if (ours && flock(m, LOCK_EX | LOCK_NB) == 0) {
        buf[n - 1] = '\0';
        const char *final = buf + h;
        if (!qs_fs_name_problem(final) && fstatat(out, final, &st, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT) {
            if (fstatat(dir, READY, &st, AT_SYMLINK_NOFOLLOW) == 0 && fstatat(dir, final, &st, AT_SYMLINK_NOFOLLOW) == 0)
                renameat(dir, final, out, final); /* the new one was complete */
            else if (fstatat(dir, OLD, &st, AT_SYMLINK_NOFOLLOW) == 0)
                renameat(dir, OLD, out, final); /* back to the older one */
            fsync(out);
        }
        size_t len = strlen(out_dir) + strlen(name) + 2;
        char *path = qs_xmalloc(len);
        snprintf(path, len, "%s/%s", out_dir, name);
        qs_fs_remove_tree(path);
        free(path);
    }
    if (m >= 0)
        close(m);
    close(dir);
}

void qs_package_sweep(const char *out_dir)
{
    int out = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dh = out >= 0 ? fdopendir(dup(out)) : NULL;
    struct dirent *e;
    while (dh && (e = readdir(dh)) != NULL)
        if (!strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) &&
            unlinkat(out, e->d_name, AT_REMOVEDIR) != 0) /* empty: a run killed before its marker */
            recover(out, out_dir, e->d_name);
    if (dh)
        closedir(dh);
    if (out >= 0)
        close(out);
}
