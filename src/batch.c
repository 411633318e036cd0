/* batch.c - worker processes for many work items (see batch.h).
 *
 * Processes, not threads: libharu, libxml2's error hooks and fontconfig
 * keep global state, and a crash in one case must not take the others.
 * Message format on a worker's pipe, one per item:
 *   "<i> <status> <text bytes> <output bytes> <data bytes>\n" <text> <output> <data>
 */
#include "batch.h"
#include "arena.h"

#include <errno.h>
#include <signal.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* the workers of the running batch, for qs_batch_forward */
static pid_t *volatile children;
static volatile int n_children;

void qs_batch_forward(int sig)
{
    pid_t *c = children;
    for (int i = 0; c && i < n_children; i++)
        if (c[i] > 0)
            kill(c[i], sig);
}

/* all n bytes of buf to fd, through EINTR and short writes */
static bool send_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* A worker's items, in its own process; returns its exit status. */
static int run_worker(int fd, int w, int jobs, size_t n, const qs_batch_hooks *h, void *ctx)
{
    n_children = 0; /* a worker forwards signals to no one */
    children = NULL;
    if (h->setup)
        h->setup(ctx);
    for (size_t i = (size_t)w; i < n; i += (size_t)jobs) {
        char *text = qs_xstrdup(""), *output = qs_xstrdup(""), *data = qs_xstrdup("");
        int status = h->work(ctx, i, &text, &output, &data);
        char head[128];
        int hl = snprintf(head, sizeof head, "%zu %d %zu %zu %zu\n", i, status, strlen(text), strlen(output),
                          strlen(data));
        bool ok = send_all(fd, head, (size_t)hl) && send_all(fd, text, strlen(text)) &&
                  send_all(fd, output, strlen(output)) && send_all(fd, data, strlen(data));
        free(text);
        free(output);
        free(data);
        if (!ok)
            break;
    }
    if (h->teardown)
        h->teardown(ctx);
    if (h->inherited)
        h->inherited(ctx);
    close(fd);
    return 0;
}

typedef struct reader {
    int fd;
    char *buf;
    size_t len, cap;
    bool open;
} reader;

/* takes every complete message out of r's buffer */
static size_t take_messages(reader *r, qs_batch_result *res, size_t n)
{
    size_t got = 0;
    for (;;) {
        char *nl = memchr(r->buf, '\n', r->len);
        if (!nl)
            return got;
        size_t i, tl, ol, dl;
        int status;
        if (sscanf(r->buf, "%zu %d %zu %zu %zu", &i, &status, &tl, &ol, &dl) != 5 || i >= n)
            return got;
        size_t head = (size_t)(nl - r->buf) + 1;
        if (r->len < head + tl + ol + dl)
            return got;
        free(res[i].text);
        free(res[i].output);
        free(res[i].data);
        res[i].status = status;
        res[i].text = qs_xmalloc(tl + 1);
        memcpy(res[i].text, r->buf + head, tl);
        res[i].text[tl] = '\0';
        res[i].output = qs_xmalloc(ol + 1);
        memcpy(res[i].output, r->buf + head + tl, ol);
        res[i].output[ol] = '\0';
        res[i].data = qs_xmalloc(dl + 1);
        memcpy(res[i].data, r->buf + head + tl + ol, dl);
        res[i].data[dl] = '\0';
        memmove(r->buf, r->buf + head + tl + ol + dl, r->len - head - tl - ol - dl);
        r->len -= head + tl + ol + dl;
        r->buf[r->len] = '\0';
        got++;
    }
}

qs_batch_result *qs_batch_run(size_t n, int jobs, const qs_batch_hooks *h, void *ctx)
{
    qs_batch_result *res = qs_xmalloc((n ? n : 1) * sizeof *res);
    for (size_t i = 0; i < n; i++) {
        res[i].status = -1;
        res[i].text = qs_xstrdup("");
        res[i].output = qs_xstrdup("");
        res[i].data = qs_xstrdup("");
    }
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    if (jobs == 1) { /* in this process: simplest to debug and to measure */
        if (h->setup)
            h->setup(ctx);
        for (size_t i = 0; i < n; i++) {
            res[i].status = h->work(ctx, i, &res[i].text, &res[i].output, &res[i].data);
            if (h->progress)
                h->progress(ctx, i + 1, n);
        }
        if (h->teardown)
            h->teardown(ctx);
        return res;
    }
    reader *rd = qs_xmalloc((size_t)jobs * sizeof *rd);
    pid_t *pids = qs_xmalloc((size_t)jobs * sizeof *pids);
    fflush(NULL);
    pid_t parent = getpid();
    for (int w = 0; w < jobs; w++) {
        int p[2];
        if (pipe(p) != 0) {
            perror("qsreport: pipe");
            abort();
        }
        pid_t pid = fork();
        if (pid < 0) {
            perror("qsreport: fork");
            abort();
        }
        if (pid == 0) {
            /* a worker stops (cleaning up, as on an interrupt) if the run is killed */
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() != parent)
                raise(SIGTERM);
            close(p[0]);
            for (int k = 0; k < w; k++)
                close(rd[k].fd);
            int rc = run_worker(p[1], w, jobs, n, h, ctx);
            /* what the worker inherited from the parent, freed for leak checkers */
            for (int k = 0; k < w; k++)
                free(rd[k].buf);
            free(rd);
            free(pids);
            qs_batch_free(res, n);
            _exit(rc);
        }
        close(p[1]);
        pids[w] = pid;
        children = pids;
        n_children = w + 1;
        rd[w] = (reader){p[0], qs_xmalloc(4096), 0, 4096, true};
    }
    size_t done = 0;
    int open = jobs;
    struct pollfd *pf = qs_xmalloc((size_t)jobs * sizeof *pf);
    while (open > 0) {
        int m = 0;
        for (int w = 0; w < jobs; w++)
            if (rd[w].open)
                pf[m++] = (struct pollfd){rd[w].fd, POLLIN, 0};
        if (poll(pf, (nfds_t)m, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int k = 0; k < m; k++) {
            if (!(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            reader *r = NULL;
            for (int w = 0; w < jobs; w++)
                if (rd[w].fd == pf[k].fd)
                    r = &rd[w];
            if (r->cap - r->len < 4096)
                r->buf = qs_xrealloc(r->buf, r->cap *= 2);
            /* one byte stays for the NUL that sscanf and memchr stop at */
            ssize_t got = read(r->fd, r->buf + r->len, r->cap - r->len - 1);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                r->open = false;
                close(r->fd);
                open--;
                continue;
            }
            r->len += (size_t)got;
            r->buf[r->len] = '\0';
            size_t now = take_messages(r, res, n);
            for (size_t x = 0; x < now; x++)
                if (h->progress)
                    h->progress(ctx, ++done, n);
        }
    }
    for (int w = 0; w < jobs; w++) {
        int st;
        while (waitpid(pids[w], &st, 0) < 0 && errno == EINTR)
            ;
        free(rd[w].buf);
    }
    n_children = 0;
    children = NULL;
    free(pf);
    free(rd);
    free(pids);
    return res;
}

void qs_batch_free(qs_batch_result *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++) {
        free(r[i].text);
        free(r[i].output);
        free(r[i].data);
    }
    free(r);
}
