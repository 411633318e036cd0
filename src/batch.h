/* batch.h - run many work items on N worker processes: the one process
 * layer of qsreport.
 *
 * An item is what the caller makes of its index: a case, or a part of one
 * (cli_batch.c gives a case's unit sheets an item of their own when there
 * are more workers than cases).  Worker w handles items w, w + N, w + 2N,
 * ... in one process, so what it loads once (fonts, the compiled XSDs, the
 * indicator schema) serves all its items.  Each finished item sends its
 * status and its texts to the parent through a pipe; the parent reports
 * progress and keeps the results in item order.  A failing item never
 * stops the others.
 */
#ifndef QS_BATCH_H
#define QS_BATCH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct qs_batch_result {
    int status;   /* the work function's return; -1 if the worker died */
    char *text;   /* what it had to say (malloc'd), never NULL */
    char *output; /* the package it wrote, or "" */
    char *data;   /* what else the parent needs of it (a summary row), or "" */
} qs_batch_result;

/* Does item i.  Returns a status; puts its diagnostics in *text, the
 * path it wrote in *output and anything else in *data (malloc'd strings it
 * may replace). */
typedef int (*qs_batch_work)(void *ctx, size_t i, char **text, char **output, char **data);

/* Called in the parent after each finished item (done of total). */
typedef void (*qs_batch_progress)(void *ctx, size_t done, size_t total);

/* What the batch calls, each with the ctx given to qs_batch_run. */
typedef struct qs_batch_hooks {
    void (*setup)(void *ctx);     /* once per worker, before its first item; may be NULL */
    qs_batch_work work;           /* each item */
    void (*teardown)(void *ctx);  /* once per worker, after its last item; may be NULL */
    void (*inherited)(void *ctx); /* last in a worker process: frees what it inherited from the
                                     parent (for leak checkers); may be NULL */
    qs_batch_progress progress;   /* may be NULL */
} qs_batch_hooks;

/* Runs items 0..n-1 on jobs workers (1: in this process, where inherited
 * is not called).  Returns results[n] (free with qs_batch_free). */
qs_batch_result *qs_batch_run(size_t n, int jobs, const qs_batch_hooks *h, void *ctx);
void qs_batch_free(qs_batch_result *r, size_t n);

/* Sends sig to the running workers (async-signal-safe: for a handler). */
void qs_batch_forward(int sig);

#endif
