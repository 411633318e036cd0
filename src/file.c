/* file.c - regular files of bounded size, opened so that nothing blocks
 * (infrastructure).  See file.h for the rule. */
#include "file.h"
#include "fsio.h"

#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* A descriptor on path, a regular file of at most max bytes (fsio.h); -1 on failure. */
static int open_regular(const char *path, size_t max, size_t *size, const char **why)
{
    long long n = 0;
    int fd = qs_fs_open_regular(path, (long long)max, &n, why);
    *size = (size_t)n;
    return fd;
}

char *qs_file_read(const char *path, size_t max, size_t *len, const char **why)
{
    size_t size;
    int fd = open_regular(path, max, &size, why);
    if (fd < 0)
        return NULL;
    size_t cap = size + 1, n = 0;
    char *buf = qs_xmalloc(cap + 1);
    for (;;) { /* to the end, which may have moved since fstat */
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *why = strerror(errno);
            break;
        }
        if (got == 0) {
            close(fd);
            buf[n] = '\0';
            *len = n;
            return buf;
        }
        n += (size_t)got;
        if (n > max) {
            *why = qs_fs_too_large();
            break;
        }
        if (n == cap)
            buf = qs_xrealloc(buf, (cap *= 2) + 1);
    }
    close(fd);
    free(buf);
    return NULL;
}

void *qs_file_map(const char *path, size_t max, size_t *len, const char **why)
{
    size_t size;
    int fd = open_regular(path, max, &size, why);
    if (fd < 0)
        return NULL;
    void *p = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    if (p == MAP_FAILED)
        *why = size ? strerror(errno) : "an empty file";
    close(fd);
    if (p == MAP_FAILED)
        return NULL;
    *len = size;
    return p;
}

void qs_file_unmap(void *data, size_t len)
{
    if (data)
        munmap(data, len);
}

bool qs_file_too_large(const char *why)
{
    return why && why == qs_fs_too_large();
}
