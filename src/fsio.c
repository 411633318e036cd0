/* fsio.c - every file-system guarantee of qsreport, in one place (fsio.h).
 *
 * Reads: the names of files and folders the tool creates, the folders it is
 * given; writes: temporary files beside their final names, renamed into
 * place.  Never follows a symlink it did not get from the user's command
 * line, never removes a file it did not create.  openat2(2) and
 * renameat2(2) are used where the kernel has them, with a fallback that
 * keeps the same guarantee one component at a time.
 */
#include "fsio.h"
#include "i18n.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

/* ---- beside the executable ---- */

const char *qs_fs_near_exe(const char *const *rel, size_t n, bool (*found)(const char *path), char *buf,
                           size_t size)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return NULL;
    exe[len] = '\0';
    const char *dir = dirname(exe);
    for (size_t i = 0; i < n; i++) {
        snprintf(buf, size, "%s%s", dir, rel[i]);
        if (found(buf))
            return buf;
    }
    return NULL;
}

/* ---- names ---- */

static bool reserved_on_windows(const char *name)
{
    static const char *const devices[] = {"CON", "PRN", "AUX", "NUL", NULL};
    size_t n = strcspn(name, ".");
    while (n > 0 && name[n - 1] == ' ')
        n--;
    char base[8];
    if (n == 0 || n >= sizeof base)
        return false;
    for (size_t i = 0; i < n; i++)
        base[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
    base[n] = '\0';
    for (size_t i = 0; devices[i]; i++)
        if (!strcmp(base, devices[i]))
            return true;
    return n == 4 && (!strncmp(base, "COM", 3) || !strncmp(base, "LPT", 3)) && base[3] >= '0' && base[3] <= '9';
}

const char *qs_fs_name_problem(const char *name)
{
    if (!name || !*name)
        return _("is empty");
    size_t len = strlen(name);
    if (len > QS_NAME_MAX)
        return _("is longer than the 200 bytes a file name may take here");
    if (!strcmp(name, ".") || !strcmp(name, ".."))
        return _("is \".\" or \"..\"");
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)name;
    for (utf8proc_ssize_t i = 0; i < (utf8proc_ssize_t)len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)len - i, &cp);
        if (k <= 0)
            return _("is not valid UTF-8");
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
            return _("contains a control character (a line break, say)");
        if (cp == '/' || cp == '\\')
            return _("contains \"/\" or \"\\\"");
        if (strchr("<>:\"|?*", (int)cp) && cp < 0x80)
            return _("contains one of <>:\"|?*, which Windows refuses in a file name");
        i += k;
    }
    if (name[0] == ' ' || name[0] == '.')
        return _("begins with a space or a dot");
    if (name[len - 1] == ' ' || name[len - 1] == '.')
        return _("ends with a space or a dot");
    if (reserved_on_windows(name))
        return _("is a device name on Windows (CON, PRN, AUX, NUL, COM1, LPT1 ...)");
    return NULL;
}

char *qs_fs_name_key(const char *name)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)name, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0) {
        free(out);
        return qs_xstrdup(name);
    }
    return (char *)out;
}

/* ---- reading beneath a folder ---- */

/* after the open: a regular file, or nothing */
static int only_regular(int fd)
{
    struct stat st;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* one component at a time, no symlink anywhere (kernels without openat2) */
static int walk_beneath(int dirfd, const char *rel)
{
    char *copy = qs_xstrdup(rel);
    int cur = dirfd, fd = -1, e = 0;
    char *save = NULL;
    char *comp = strtok_r(copy, "/", &save);
    while (comp) {
        char *next = strtok_r(NULL, "/", &save);
        if (!strcmp(comp, ".")) {
            comp = next;
            continue;
        }
        int flags = next ? O_RDONLY | O_DIRECTORY : O_RDONLY | O_NONBLOCK | O_NOCTTY;
        fd = openat(cur, comp, flags | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            struct stat st;
            e = fstatat(cur, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode) ? ELOOP : errno;
        }
        if (cur != dirfd)
            close(cur);
        if (fd < 0)
            break;
        if (!next)
            break;
        cur = fd;
        fd = -1;
        comp = next;
    }
    free(copy);
    if (fd < 0)
        errno = e ? e : ENOENT;
    return fd;
}

int qs_fs_open_beneath(int dirfd, const char *rel)
{
    if (!rel || !*rel || rel[0] == '/') {
        errno = EXDEV;
        return -1;
    }
    for (const char *s = rel; *s;) { /* ".." is refused outright, even where it would stay inside */
        size_t n = strcspn(s, "/");
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            errno = EXDEV;
            return -1;
        }
        s += n + (s[n] == '/');
    }
    struct open_how how = {
        .flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
    };
    int fd = (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof how);
    if (fd < 0 && (errno == ENOSYS || errno == EPERM || errno == E2BIG))
        fd = walk_beneath(dirfd, rel); /* an old kernel, or a sandbox that filters openat2 */
    return only_regular(fd);
}

/* the real path of an open descriptor, from /proc (false where there is none) */
static bool fd_path(int fd, char *buf, size_t size)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return false;
    buf[n] = '\0';
    return true;
}

int qs_fs_open_inside(int dirfd, const char *rel)
{
    struct open_how how = {
        .flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
    };
    int fd = (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof how);
    if (fd >= 0 || (errno != ENOSYS && errno != EPERM && errno != E2BIG))
        return fd;
    fd = openat(dirfd, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    char root[PATH_MAX], real[PATH_MAX];
    if (fd >= 0 && fd_path(dirfd, root, sizeof root) && fd_path(fd, real, sizeof real)) {
        size_t n = strlen(root);
        if (strncmp(real, root, n) || (real[n] != '/' && strcmp(root, "/"))) {
            close(fd);
            errno = EXDEV;
            return -1;
        }
    }
    return fd;
}

const char *qs_fs_too_large(void)
{
    return _("larger than the limit");
}

int qs_fs_open_regular(const char *path, long long max, long long *size, const char **why)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *why = strerror(errno);
    } else if (!S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode)    ? _("a folder, not a regular file")
               : S_ISFIFO(st.st_mode) ? _("a FIFO, not a regular file")
               : S_ISCHR(st.st_mode)  ? _("a device, not a regular file")
                                      : _("not a regular file");
    } else if (max >= 0 && st.st_size > max) {
        *why = qs_fs_too_large();
    } else {
        *size = st.st_size;
        return fd;
    }
    close(fd);
    return -1;
}

static bool copy_range(int from, int to, off_t start, off_t end)
{
    char buf[65536];
    while (start < end) {
        size_t want = end - start < (off_t)sizeof buf ? (size_t)(end - start) : sizeof buf;
        ssize_t got = pread(from, buf, want, start);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO; /* the file shrank while being copied */
            return false;
        }
        for (ssize_t put = 0; put < got;) {
            ssize_t w = pwrite(to, buf + put, (size_t)(got - put), start + put);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return false;
            put += w;
        }
        start += got;
    }
    return true;
}

int qs_fs_copy_fd(int from, int to)
{
    struct stat st;
    if (fstat(from, &st) != 0)
        return -1;
    off_t size = st.st_size;
    for (off_t off = 0; off < size;) {
        off_t data = lseek(from, off, SEEK_DATA);
        if (data < 0 && errno == ENXIO)
            break; /* a hole to the end */
        if (data < 0) /* no SEEK_DATA here: copy it all */
            return copy_range(from, to, off, size) && ftruncate(to, size) == 0 ? 0 : -1;
        off_t hole = lseek(from, data, SEEK_HOLE);
        if (hole < 0 || hole > size)
            hole = size;
        if (!copy_range(from, to, data, hole))
            return -1;
        off = hole;
    }
    return ftruncate(to, size) == 0 ? 0 : -1;
}

/* ---- folders ---- */

int qs_fs_dir_open(const char *path, bool create, qs_diags *d)
{
    qs_srcpos pos = {path, 0};
    if (strlen(path) >= PATH_MAX) { /* before anything is made: mkdir -p would make its first PATH_MAX bytes */
        qs_diag_error(d, pos, "cannot %s the folder: %s", create ? _("create") : _("open"), strerror(ENAMETOOLONG));
        return -1;
    }
    if (create) {
        char *p = qs_xstrdup(path);
        for (char *s = p + 1;; s++) {
            if (*s != '/' && *s)
                continue;
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                qs_diag_error(d, pos, "cannot create the folder: %s", strerror(errno));
                free(p);
                return -1;
            }
            *s = c;
            if (!c)
                break;
        }
        free(p);
    }
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        qs_diag_error(d, pos, "cannot %s the folder: %s", create ? _("create") : _("open"), strerror(errno));
    return fd;
}

int qs_fs_subdir(int dirfd, const char *name, const char *shown, qs_diags *d)
{
    qs_srcpos pos = {shown, 0};
    const char *why = qs_fs_name_problem(name);
    if (why) {
        qs_diag_error(d, pos, "cannot create the folder: its name %s", why);
        return -1;
    }
    if (mkdirat(dirfd, name, 0777) != 0 && errno != EEXIST) {
        qs_diag_error(d, pos, "cannot create the folder: %s", strerror(errno));
        return -1;
    }
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        qs_diag_error(d, pos, "cannot open the folder: %s", strerror(errno));
    return fd;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    remove(path);
    return 0;
}

void qs_fs_remove_tree(const char *path)
{
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

/* ---- temporary files, and their removal on a signal ---- */

#define SLOTS 64

static struct {
    int dir;
    char tmp[32];
    volatile sig_atomic_t used;
} slots[SLOTS];
static void (*signal_instead)(int);

static int take_slot(int dir, const char *tmp)
{
    for (int i = 0; i < SLOTS; i++)
        if (!slots[i].used) {
            slots[i].dir = dir;
            memcpy(slots[i].tmp, tmp, sizeof slots[i].tmp);
            atomic_signal_fence(memory_order_seq_cst);
            slots[i].used = 1;
            return i;
        }
    return -1; /* more than 64 at once: not cleaned on a signal, still removed on failure */
}

static void drop_slot(qs_afile *f)
{
    if (f->slot >= 0)
        slots[f->slot].used = 0;
    f->slot = -1;
}

static void on_signal(int sig)
{
    if (signal_instead) {
        signal_instead(sig);
        return;
    }
    for (int i = 0; i < SLOTS; i++)
        if (slots[i].used)
            unlinkat(slots[i].dir, slots[i].tmp, 0);
    signal(sig, SIG_DFL);
    raise(sig);
}

void qs_fs_on_signals(void (*instead)(int sig))
{
    signal_instead = instead;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static void random_suffix(char *out, size_t n)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char r[16];
    if (getrandom(r, n, GRND_NONBLOCK) != (ssize_t)n) {
        unsigned long x = (unsigned long)getpid() * 2654435761u ^ (unsigned long)time(NULL) ^ (unsigned long)clock();
        for (size_t i = 0; i < n; i++, x = x * 6364136223846793005u + 1442695040888963407u)
            r[i] = (unsigned char)(x >> 33);
    }
    for (size_t i = 0; i < n; i++)
        out[i] = alphabet[r[i] % (sizeof alphabet - 1)];
    out[n] = '\0';
}

static qs_status write_failure(const char *shown, qs_diags *d, int err, const char *why)
{
    qs_srcpos pos = {shown, 0};
    if (why)
        qs_diag_error(d, pos, "cannot write: the file name %s", why);
    else
        qs_diag_error(d, pos, "cannot write: %s", strerror(err));
    return QS_ERR_IO;
}

qs_status qs_fs_create(qs_afile *f, const qs_dest *to, qs_diags *d)
{
    *f = (qs_afile){.dir = to->dir, .fd = -1, .name = to->name, .shown = to->shown, .slot = -1,
                    .flush_later = to->flush_later};
    const char *n = to->name;
    if (!n || !*n || strchr(n, '/') || !strcmp(n, ".") || !strcmp(n, ".."))
        return write_failure(to->shown, d, 0, "is not the name of one file in one folder");
    if (strlen(n) > NAME_MAX)
        return write_failure(to->shown, d, ENAMETOOLONG, NULL);
    struct stat st;
    if (fstatat(to->dir, to->name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
        return write_failure(to->shown, d, EISDIR, NULL);
    /* no interrupt between the file's creation and its registration */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &old);
    for (int tries = 0; tries < 100; tries++) {
        char suffix[8];
        random_suffix(suffix, 6);
        snprintf(f->tmp, sizeof f->tmp, ".qsreport.tmp-%s", suffix);
        f->fd = openat(to->dir, f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (f->fd >= 0 || errno != EEXIST)
            break;
    }
    int e = errno;
    if (f->fd >= 0)
        f->slot = take_slot(f->dir, f->tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (f->fd < 0) {
        f->tmp[0] = '\0';
        return write_failure(to->shown, d, e, NULL);
    }
    snprintf(f->path, sizeof f->path, "/proc/self/fd/%d/%s", f->dir, f->tmp);
    return QS_OK;
}

bool qs_fs_dest_of(const char *path, qs_dest *to, qs_diags *d)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? qs_xstrdup(path) : qs_xstrdup(".");
    if (slash)
        dir[slash == path ? 1 : slash - path] = '\0';
    *to = (qs_dest){-1, slash ? slash + 1 : path, path, false};
    to->dir = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (to->dir < 0) {
        qs_srcpos pos = {path, 0};
        qs_diag_error(d, pos, "cannot write: %s", strerror(errno));
    }
    free(dir);
    return to->dir >= 0;
}

const char *qs_fs_tmp_path(const qs_afile *f)
{
    return f->path;
}

bool qs_fs_write(qs_afile *f, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(f->fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return false;
        p += w;
        len -= (size_t)w;
    }
    return true;
}

bool qs_fs_reopen(qs_afile *f)
{
    int fd = openat(f->dir, f->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    if (f->fd >= 0)
        close(f->fd);
    f->fd = fd;
    return true;
}

void qs_fs_abort(qs_afile *f)
{
    if (f->fd >= 0)
        close(f->fd);
    f->fd = -1;
    if (f->tmp[0])
        unlinkat(f->dir, f->tmp, 0);
    f->tmp[0] = '\0';
    drop_slot(f);
}

/* the name where none is: renameat2's RENAME_NOREPLACE, or a hard link
 * where the file system lacks it (both fail with EEXIST, never replace) */
static int rename_noreplace(int dir, const char *from, const char *to)
{
    if (renameat2(dir, from, dir, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        return -1;
    if (linkat(dir, from, dir, to, 0) != 0)
        return -1;
    unlinkat(dir, from, 0);
    return 0;
}

qs_status qs_fs_commit(qs_afile *f, bool no_replace, bool *existed, qs_diags *d)
{
    int e = 0;
    if (existed)
        *existed = false;
    if (f->fd >= 0) {
        if (!f->flush_later && fsync(f->fd) != 0)
            e = errno;
        if (close(f->fd) != 0 && !e)
            e = errno;
        f->fd = -1;
    }
    if (!e && no_replace && rename_noreplace(f->dir, f->tmp, f->name) != 0) {
        e = errno;
        if (e == EEXIST && existed) {
            *existed = true;
            qs_fs_abort(f);
            return QS_OK;
        }
    } else if (!e && !no_replace && renameat(f->dir, f->tmp, f->dir, f->name) != 0) {
        e = errno;
    }
    if (e) {
        qs_fs_abort(f);
        return write_failure(f->shown, d, e, NULL);
    }
    f->tmp[0] = '\0';
    drop_slot(f);
    if (!f->flush_later)
        fsync(f->dir); /* the new name itself survives a crash */
    return QS_OK;
}
