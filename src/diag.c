/* diag.c - the diagnostics list (infrastructure).
 *
 * Messages are formatted when added and owned by the list, so a diagnostic
 * outlives the arena of the case it is about.  The format and the severity
 * word are translated (i18n.h) when added and printed; the arguments (file
 * and element names, quoted values) and the "file:line:" prefix never are.
 */
#include "diag.h"
#include "arena.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void qs_diag_init(qs_diags *d)
{
    d->items = NULL;
    d->count = d->cap = 0;
}

void qs_diag_free(qs_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    qs_diag_init(d);
}

__attribute__((format(printf, 4, 0))) static void vadd(qs_diags *d, qs_severity sev, qs_srcpos pos, const char *fmt, va_list ap)
{
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 32;
        d->items = qs_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    fmt = _(fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = qs_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    if (n <= 0)
        msg[0] = '\0';
    /* one line per diagnostic: fold newlines a library put in its message */
    size_t len = strlen(msg);
    while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
        msg[--len] = '\0';
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    qs_diag *g = &d->items[d->count];
    g->severity = sev;
    g->file = pos.file ? qs_xstrdup(pos.file) : NULL;
    g->line = pos.line;
    g->message = msg;
    g->seq = d->count++;
    g->published = false;
}

void qs_diag_add(qs_diags *d, qs_severity sev, qs_srcpos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, pos, fmt, ap);
    va_end(ap);
}

void qs_diag_published(qs_diags *d, qs_srcpos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, QS_DIAG_WARNING, pos, fmt, ap);
    va_end(ap);
    d->items[d->count - 1].published = true;
}

void qs_diag_error(qs_diags *d, qs_srcpos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, QS_DIAG_ERROR, pos, fmt, ap);
    va_end(ap);
}

void qs_diag_warning(qs_diags *d, qs_srcpos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, QS_DIAG_WARNING, pos, fmt, ap);
    va_end(ap);
}

static int cmp_diag(const void *pa, const void *pb)
{
    const qs_diag *a = pa, *b = pb;
    /* diagnostics without a file (usage-level) come first */
    if (!a->file != !b->file)
        return a->file ? 1 : -1;
    if (a->file) {
        /* cells of an evidence form ("x.xlsx:佐证文件!C12"): by column, then row number (C2 before C12) */
        int c = strstr(a->file, ".xlsx:") && strstr(b->file, ".xlsx:") ? strverscmp(a->file, b->file)
                                                                         : strcmp(a->file, b->file);
        if (c)
            return c;
    }
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int same(const qs_diag *a, const qs_diag *b)
{
    return a->severity == b->severity && a->line == b->line &&
           !a->file == !b->file && (!a->file || !strcmp(a->file, b->file)) &&
           !strcmp(a->message, b->message);
}

void qs_diag_sort(qs_diags *d)
{
    if (d->count < 2)
        return;
    qsort(d->items, d->count, sizeof *d->items, cmp_diag);
    size_t out = 1;
    for (size_t i = 1; i < d->count; i++) {
        if (same(&d->items[i], &d->items[out - 1])) {
            free(d->items[i].file);
            free(d->items[i].message);
        } else {
            d->items[out++] = d->items[i];
        }
    }
    d->count = out;
}

const char *qs_diag_severity_name(qs_severity sev)
{
    /* TRANSLATORS: the severity word of "file:line: error: message" */
    return sev == QS_DIAG_ERROR ? _("error") : _("warning");
}

void qs_diag_print_one(const qs_diag *g, const char *file, FILE *out)
{
    const char *sev = qs_diag_severity_name(g->severity);
    if (file && g->line > 0)
        fprintf(out, "%s:%ld: %s: %s\n", file, g->line, sev, g->message);
    else
        fprintf(out, "%s: %s: %s\n", file ? file : "qsreport", sev, g->message);
}

static void print_all(qs_diags *d, bool errors_only, FILE *out)
{
    qs_diag_sort(d);
    for (size_t i = 0; i < d->count; i++)
        if (!errors_only || d->items[i].severity == QS_DIAG_ERROR)
            qs_diag_print_one(&d->items[i], d->items[i].file, out);
}

void qs_diag_print(qs_diags *d, FILE *out)
{
    print_all(d, false, out);
}

char *qs_diag_text(qs_diags *d, bool errors_only)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return qs_xstrdup("qsreport: error: out of memory\n");
    print_all(d, errors_only, f);
    fclose(f);
    return text;
}

#define ENCODED "qsreport diagnostics\n"

/* after the head line, each diagnostic as "<E|W|P> <line> <file length or
 * -1> <message length>\n" (P: a published warning), then the file name and
 * the message */
char *qs_diag_encode(const qs_diags *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return qs_xstrdup("");
    fputs(ENCODED, f);
    for (size_t i = 0; i < d->count; i++) {
        const qs_diag *g = &d->items[i];
        fprintf(f, "%c %ld %ld %zu\n%s%s", g->severity == QS_DIAG_ERROR ? 'E' : g->published ? 'P' : 'W', g->line,
                g->file ? (long)strlen(g->file) : -1L, strlen(g->message), g->file ? g->file : "", g->message);
    }
    fclose(f);
    return text;
}

bool qs_diag_decode(const char *text, qs_diags *d)
{
    size_t len = strlen(text), at = strlen(ENCODED), first = d->count;
    if (strncmp(text, ENCODED, at))
        return false;
    while (at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        char sev;
        long line, flen;
        size_t mlen;
        if (!nl || sscanf(text + at, "%c %ld %ld %zu", &sev, &line, &flen, &mlen) != 4)
            break;
        at = (size_t)(nl - text) + 1;
        size_t fl = flen < 0 ? 0 : (size_t)flen;
        if (fl > len - at || mlen > len - at - fl)
            break;
        char *file = flen < 0 ? NULL : qs_xmalloc(fl + 1);
        if (file) {
            memcpy(file, text + at, fl);
            file[fl] = '\0';
        }
        qs_srcpos pos = {file, line};
        if (sev == 'P')
            qs_diag_published(d, pos, "%.*s", (int)mlen, text + at + fl);
        else
            qs_diag_add(d, sev == 'W' ? QS_DIAG_WARNING : QS_DIAG_ERROR, pos, "%.*s", (int)mlen, text + at + fl);
        free(file);
        at += fl + mlen;
    }
    if (at == len)
        return true;
    while (d->count > first) { /* a damaged text: nothing of it */
        d->count--;
        free(d->items[d->count].file);
        free(d->items[d->count].message);
    }
    return false;
}

static size_t count_sev(const qs_diags *d, qs_severity s)
{
    size_t n = 0;
    for (size_t i = 0; i < d->count; i++)
        n += d->items[i].severity == s;
    return n;
}

size_t qs_diag_errors(const qs_diags *d) { return count_sev(d, QS_DIAG_ERROR); }
size_t qs_diag_warnings(const qs_diags *d) { return count_sev(d, QS_DIAG_WARNING); }
