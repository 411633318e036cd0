/* failrename.c - an injected fault for the tests (LD_PRELOAD): a rename
 * (rename() or renameat()) onto a path that contains $QS_FAIL_RENAME fails
 * with EIO, as a failing disk would; every other is the C library's.  A
 * renameat() target is matched as its folder's path (from /proc) plus its
 * name. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int refused(int dir, const char *to)
{
    const char *pattern = getenv("QS_FAIL_RENAME");
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
    if (refused(AT_FDCWD, to)) {
        errno = EIO;
        return -1;
    }
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}

int renameat(int fromdir, const char *from, int todir, const char *to)
{
    if (refused(todir, to)) {
        errno = EIO;
        return -1;
    }
    int (*real)(int, const char *, int, const char *) =
        (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
    return real(fromdir, from, todir, to);
}
