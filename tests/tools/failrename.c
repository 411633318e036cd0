/* failrename.c - an injected fault for the tests (LD_PRELOAD): rename()
 * onto a path that contains $QS_FAIL_RENAME fails with EIO, as a failing
 * disk would; every other rename() is the C library's. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int rename(const char *from, const char *to)
{
    const char *pattern = getenv("QS_FAIL_RENAME");
    if (pattern && *pattern && strstr(to, pattern)) {
        errno = EIO;
        return -1;
    }
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}
