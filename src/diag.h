/* diag.h - diagnostics about the input: collected, sorted, printed once.
 *
 * Every stage appends to one qs_diags list and keeps going, so a single run
 * reports every problem.  Only the command line (main.c, cli_*.c) prints
 * the list.  Lines look like
 *   samples/x/plan.xml:214: error: indicator 17: unit "区城管局" is not ...
 */
#ifndef QS_DIAG_H
#define QS_DIAG_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

/* Where a model object came from: a file name (arena memory) and a line. */
typedef struct qs_srcpos {
    const char *file;
    long line; /* 0 = the file as a whole */
} qs_srcpos;

typedef enum { QS_DIAG_ERROR, QS_DIAG_WARNING } qs_severity;

typedef struct qs_diag {
    qs_severity severity;
    char *file; /* owned by the list */
    long line;
    char *message;
    size_t seq;     /* insertion order, for a stable sort */
    bool published; /* a warning about the official text's own fault, reprinted as published */
} qs_diag;

typedef struct qs_diags {
    qs_diag *items;
    size_t count, cap;
} qs_diags;

/* An empty list; free it with qs_diag_free(). */
void qs_diag_init(qs_diags *d);
void qs_diag_free(qs_diags *d);

/* Append an error or a warning at pos (pos.file NULL = no file).  fmt is
 * translated (gettext) before it is formatted: pass a literal. */
void qs_diag_error(qs_diags *d, qs_srcpos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void qs_diag_warning(qs_diags *d, qs_srcpos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void qs_diag_add(qs_diags *d, qs_severity sev, qs_srcpos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A warning about a fault of the official text itself, which is reprinted
 * as published (the package's 校验意见 lists these apart from the data's). */
void qs_diag_published(qs_diags *d, qs_srcpos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sorts by file, then line, then insertion order; drops exact duplicates. */
void qs_diag_sort(qs_diags *d);

/* "error" or "warning" in the user's language (static; do not free): the
 * word every "file:line: <severity>: message" line prints. */
const char *qs_diag_severity_name(qs_severity sev);

/* Sorts, then prints "file:line: error: message" lines to out (the severity
 * word and the message in the user's language, the prefix never). */
void qs_diag_print(qs_diags *d, FILE *out);

/* Prints g as its one line, naming file (NULL: "qsreport") instead of
 * g->file: the one place a diagnostic is formatted. */
void qs_diag_print_one(const qs_diag *g, const char *file, FILE *out);

/* Sorts, then returns the lines qs_diag_print would print, only the
 * errors when errors_only (malloc'd, never NULL). */
char *qs_diag_text(qs_diags *d, bool errors_only);

/* d as text another process reads back with qs_diag_decode (malloc'd):
 * how a batch worker hands its diagnostics to the parent unformatted. */
char *qs_diag_encode(const qs_diags *d);

/* Appends the diagnostics qs_diag_encode wrote to d; false (d as it was)
 * when text is not such. */
bool qs_diag_decode(const char *text, qs_diags *d);

size_t qs_diag_errors(const qs_diags *d);
size_t qs_diag_warnings(const qs_diags *d);

#endif
