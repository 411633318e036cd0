/* package_dir.c - stage 5: the folder a package is built in, its
 * SHA256SUMS, and putting it in place (package.c writes the documents).
 *
 * Reads and writes only below OUT: OUT/.qsreport.tmp-XXXXXX/ with its
 * marker .qsreport-temp, locked (flock) while a run writes it, the package
 * folder inside, and OUT/<name> or OUT/<name>.zip.  Never removes anything
 * but a temporary folder whose marker is there and unlocked (or an empty
 * one: a run killed before it wrote its marker).  An older package is
 * exchanged with the new one in one step (renameat2 RENAME_EXCHANGE), or,
 * where the file system cannot, by two renames after a .qsreport-ready
 * mark that the next run's sweep completes or undoes.
 */
#include "package_internal.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

/* a file of the package, written in the temporary folder, shown where it goes */
qs_dest qs_package_in(job *j, int dir, const char *shown_dir, const char *name)
{
    return (qs_dest){dir, name, qs_arena_printf(j->a, "%s/%s", shown_dir, name), true};
}

qs_status qs_package_io_error(job *j, const char *path, const char *what)
{
    qs_srcpos pos = {path, 0};
    qs_diag_error(j->d, pos, "%s: %s", _(what), strerror(errno));
    return QS_ERR_IO;
}

qs_status qs_package_check_interrupt(job *j)
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

/* a small text file of the package, from memory */
qs_status qs_package_write_text(job *j, const char *name, const char *text, size_t len)
{
    qs_dest to = qs_package_in(j, j->pkg, j->shown, name);
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
qs_status qs_package_manifest(job *j)
{
    size_t n;
    char **files = sorted_files(pkg_path(j), &n);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    qs_status st = f ? QS_OK : qs_package_io_error(j, j->shown, N_("cannot write"));
    for (size_t i = 0; i < n && st == QS_OK; i++) {
        char hex[65];
        if (!sha256_file(j->pkg, files[i], hex))
            st = qs_package_io_error(j, qs_arena_printf(j->a, "%s/%s", j->shown, files[i]), N_("cannot read back"));
        else
            fprintf(f, "%s  %s\n", hex, files[i]);
    }
    if (f)
        fclose(f);
    if (st == QS_OK)
        st = qs_package_write_text(j, "SHA256SUMS", text, len);
    free(text);
    free_list(files, n);
    return st;
}

/* flush every file and folder, so the package put in place is complete */
qs_status qs_package_flush(job *j)
{
    size_t n;
    const char *root = pkg_path(j);
    char **files = sorted_files(root, &n);
    qs_status st = QS_OK;
    const char *last_dir = "";
    for (size_t i = 0; i < n && st == QS_OK; i++) {
        const char *p = qs_arena_printf(j->a, "%s/%s", root, files[i]);
        if (!fsync_path(p))
            st = qs_package_io_error(j, qs_arena_printf(j->a, "%s/%s", j->shown, files[i]), N_("cannot flush"));
        /* each folder once: the sorted list keeps a folder's files together */
        const char *slash = strrchr(p, '/');
        const char *dir = qs_arena_strndup(j->a, p, (size_t)(slash - p));
        if (st == QS_OK && strcmp(dir, last_dir)) {
            if (!fsync_path(dir))
                st = qs_package_io_error(j, j->shown, N_("cannot flush a folder"));
            last_dir = dir;
        }
    }
    free_list(files, n);
    if (st == QS_OK && (fsync(j->pkg) != 0 || fsync(j->tmpfd) != 0))
        st = qs_package_io_error(j, j->shown, N_("cannot flush"));
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
bool qs_package_make_tmp(job *j, const char *final)
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
            qs_package_io_error(j, j->o->out_dir, N_("cannot write a package here"));
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
            qs_package_io_error(j, j->o->out_dir, N_("cannot write a package here"));
            return false;
        }
    }
    if (j->lock < 0) {
        qs_package_io_error(j, j->o->out_dir, N_("cannot write a package here"));
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
        return errno == ENOENT ? QS_OK : qs_package_io_error(j, pos.file, N_("cannot look at"));
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
    if (S_ISDIR(st.st_mode))
        qs_diag_error(j->d, pos, "a folder is in the way of the package and is not one; it was left as it "
                      "is (move it, or write the package to another folder)");
    else if (S_ISLNK(st.st_mode))
        qs_diag_error(j->d, pos, "a symbolic link is in the way of the package and is not one; it was left "
                      "as it is (move it, or write the package to another folder)");
    else
        qs_diag_error(j->d, pos, "a file is in the way of the package and is not one; it was left as it is "
                      "(move it, or write the package to another folder)");
    return QS_ERR_IO;
}

/* <tmp>/<name> becomes OUT/<name>; an older package there is exchanged
 * with it in one step, or moved aside into <tmp> after the ready mark */
qs_status qs_package_publish_folder(job *j)
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
        return qs_package_io_error(j, j->shown, N_("cannot put the package in place"));
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
qs_status qs_package_publish_zip(job *j, const char *final)
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
        return qs_package_io_error(j, pos.file, N_("cannot put the archive in place"));
    fsync(j->out);
    return QS_OK;
}

void qs_package_close_fds(job *j)
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
