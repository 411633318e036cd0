/* batch.h - run many cases on N worker processes.
 *
 * Worker w handles cases w, w + N, w + 2N, ... in one process, so what it
 * loads once (fonts, the compiled XSDs, the indicator schema) serves all its
 * cases.  Each finished case sends its status and its diagnostics' text to
 * the parent through a pipe; the parent reports progress and keeps the
 * results in case order.  A failing case never stops the others.
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

/* Does case i.  Returns a status; appends its diagnostics to *text, the
 * path it wrote to *output and anything else to *data (malloc'd strings it
 * may replace). */
typedef int (*qs_batch_work)(void *ctx, size_t i, char **text, char **output, char **data);

/* Called in the parent after each finished case (done of total). */
typedef void (*qs_batch_progress)(void *ctx, size_t done, size_t total);

/* Runs cases 0..n-1 on jobs workers (1: in this process).  setup runs once
 * in each worker before its first case and teardown after its last; either
 * may be NULL.  Returns results[n] (free with qs_batch_free). */
qs_batch_result *qs_batch_run(size_t n, int jobs, void (*setup)(void *ctx), void (*teardown)(void *ctx),
                              qs_batch_work work, qs_batch_progress progress, void *ctx);
void qs_batch_free(qs_batch_result *r, size_t n);

/* Sends sig to the running workers (async-signal-safe: for a handler). */
void qs_batch_forward(int sig);

/* Writes all n bytes of buf to fd (a pipe to the parent), through EINTR and
 * short writes; false when the write fails. */
bool qs_batch_send(int fd, const void *buf, size_t n);

#endif
