/* file.c - regular files of bounded size, opened so that nothing blocks
 * (infrastructure).  See file.h for the rule. */
#include "file.h"

#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* A descriptor on path, a regular file of at most max bytes; -1 on failure. */
static int open_regular(const char *path, size_t max, size_t *size, const char **why)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *why = strerror(errno);
    } else if (!S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode)    ? "a folder, not a regular file"
               : S_ISFIFO(st.st_mode) ? "a FIFO, not a regular file"
               : S_ISCHR(st.st_mode)  ? "a device, not a regular file"
                                      : "not a regular file";
    } else if ((unsigned long long)st.st_size > max) {
        *why = "larger than the limit";
    } else {
        *size = (size_t)st.st_size;
        return fd;
    }
    close(fd);
    return -1;
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
            *why = "larger than the limit";
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
