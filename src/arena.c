/* arena.c - per-case bump allocator (infrastructure; knows nothing of the domain).
 *
 * Blocks of at least 64 KiB are chained; an allocation larger than a block
 * gets a block of its own.  Nothing is freed individually.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64u * 1024u)
#define ALIGN 16u

typedef struct block {
    struct block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} block;

typedef struct cleanup {
    struct cleanup *next;
    void (*fn)(void *);
    void *ctx;
} cleanup;

struct qs_arena {
    block *head;
    size_t total;
    cleanup *cleanups; /* run at free, newest first */
};

static void out_of_memory(void)
{
    fputs("qsreport: out of memory\n", stderr);
    abort();
}

void *qs_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *qs_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        out_of_memory();
    return q;
}

char *qs_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(qs_xmalloc(n), s, n);
}

qs_arena *qs_arena_new(void)
{
    qs_arena *a = qs_xmalloc(sizeof *a);
    a->head = NULL;
    a->total = 0;
    a->cleanups = NULL;
    return a;
}

void qs_arena_free(qs_arena *a)
{
    if (!a)
        return;
    for (cleanup *c = a->cleanups; c; c = c->next)
        c->fn(c->ctx);
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void qs_arena_on_free(qs_arena *a, void (*fn)(void *), void *ctx)
{
    cleanup *c = qs_arena_alloc(a, sizeof *c);
    *c = (cleanup){a->cleanups, fn, ctx};
    a->cleanups = c;
}

void *qs_arena_alloc(qs_arena *a, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < size)
        out_of_memory();
    block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t cap = need > BLOCK_SIZE ? need : BLOCK_SIZE;
        if (cap > SIZE_MAX - sizeof(block))
            out_of_memory();
        b = qs_xmalloc(sizeof(block) + cap);
        b->size = cap;
        b->used = 0;
        /* a big block goes second so the current block keeps serving small ones */
        if (a->head && need > BLOCK_SIZE) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total += need;
    memset(p, 0, size);
    return p;
}

void *qs_arena_calloc(qs_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        out_of_memory();
    return qs_arena_alloc(a, n * size);
}

char *qs_arena_strndup(qs_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = qs_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *qs_arena_strdup(qs_arena *a, const char *s)
{
    return s ? qs_arena_strndup(a, s, strlen(s)) : NULL;
}

char *qs_arena_printf(qs_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        out_of_memory();
    char *p = qs_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

qs_arena_pos qs_arena_tell(const qs_arena *a)
{
    qs_arena_pos pos = {a->head, a->head ? a->head->next : NULL, a->head ? a->head->used : 0,
                        a->total};
    return pos;
}

void qs_arena_rewind(qs_arena *a, qs_arena_pos pos)
{
    block *mark = pos.head;
    /* blocks started since (big ones are chained in behind the head) */
    while (a->head != mark) {
        block *b = a->head;
        a->head = b->next;
        free(b);
    }
    if (mark) {
        /* big blocks chained in behind the mark's block while it was the head */
        for (block *b = mark->next, *next; b != pos.next; b = next) {
            next = b->next;
            free(b);
        }
        mark->next = pos.next;
        mark->used = pos.used;
    }
    a->total = pos.total;
}

size_t qs_arena_used(const qs_arena *a)
{
    return a->total;
}
