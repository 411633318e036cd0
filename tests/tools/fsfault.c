/* fsfault.c - injected file-system faults for the tests (LD_PRELOAD):
 *   QS_FAIL_RENAME=S        a rename (rename() or renameat()) onto a path
 *                           containing S fails with EIO, as a failing disk
 *                           would
 *   QS_NO_EXCHANGE=1        renameat2() refuses RENAME_EXCHANGE and
 *                           RENAME_NOREPLACE with EINVAL, as a file system
 *                           without them does
 *   QS_KILL_AFTER_RENAME=S  the process is killed (SIGKILL) right after a
 *                           renameat() onto a path containing S
 * A renameat() target is matched as its folder's path (from /proc) plus
 * its name.  Every other call is the C library's. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int matches(const char *var, int dir, const char *to)
{
    const char *pattern = getenv(var);
    if (!pattern || !*pattern)
        return 0;
    char full[PATH_MAX * 2] = "";
    if (to[0] != '/' && dir != AT_FDCWD) {
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", dir);
        ssize_t n = readlink(link, full, PATH_MAX);
        if (n < 0)
            n = 0;
        full[n] = '\0';
        strcat(full, "/");
    }
    strncat(full, to, PATH_MAX);
    return strstr(full, pattern) != NULL;
}

int rename(const char *from, const char *to)
{
    if (matches("QS_FAIL_RENAME", AT_FDCWD, to)) {
        errno = EIO;
        return -1;
    }
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}

int renameat(int fromdir, const char *from, int todir, const char *to)
{
    if (matches("QS_FAIL_RENAME", todir, to)) {
        errno = EIO;
        return -1;
    }
    int (*real)(int, const char *, int, const char *) =
        (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
    int r = real(fromdir, from, todir, to);
    if (r == 0 && matches("QS_KILL_AFTER_RENAME", todir, to))
        raise(SIGKILL);
    return r;
}

int renameat2(int fromdir, const char *from, int todir, const char *to, unsigned flags)
{
    const char *no = getenv("QS_NO_EXCHANGE");
    if (no && *no && (flags & (RENAME_EXCHANGE | RENAME_NOREPLACE))) {
        errno = EINVAL;
        return -1;
    }
    int (*real)(int, const char *, int, const char *, unsigned) =
        (int (*)(int, const char *, int, const char *, unsigned))dlsym(RTLD_NEXT, "renameat2");
    return real(fromdir, from, todir, to, flags);
}
