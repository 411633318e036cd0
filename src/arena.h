/* arena.h - per-case bump allocator.
 *
 * Every model object of a case lives in one arena and is freed by one call to
 * qs_arena_free().  Allocation never fails: on exhaustion the process prints
 * "qsreport: out of memory" and aborts, so callers never test for NULL.
 */
#ifndef QS_ARENA_H
#define QS_ARENA_H

#include <stddef.h>

typedef struct qs_arena qs_arena;

/* fn(ctx) runs when a is freed, before its memory goes (newest first):
 * for what the arena's objects hold that is not memory (descriptors). */
void qs_arena_on_free(qs_arena *a, void (*fn)(void *), void *ctx);

/* A new, empty arena.  Free it with qs_arena_free(). */
qs_arena *qs_arena_new(void);

/* Frees every allocation of the arena and the arena itself; NULL is a no-op. */
void qs_arena_free(qs_arena *a);

/* size bytes, zeroed, aligned for any type.  Arena memory; do not free. */
void *qs_arena_alloc(qs_arena *a, size_t size);

/* n zeroed elements of size bytes each; aborts on overflow. */
void *qs_arena_calloc(qs_arena *a, size_t n, size_t size);

/* Copies of s (or of its first n bytes), NUL-terminated.  NULL gives NULL. */
char *qs_arena_strdup(qs_arena *a, const char *s);
char *qs_arena_strndup(qs_arena *a, const char *s, size_t n);

/* printf into the arena. */
char *qs_arena_printf(qs_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A point in an arena's allocations, and the undoing of everything
 * allocated after it: scratch work (measuring a text, say) done in a
 * long-lived arena leaves nothing behind.  Rewinding to a point taken
 * before an earlier rewind's point is fine; to one taken after it is not. */
typedef struct qs_arena_pos {
    void *head, *next;
    size_t used, total;
} qs_arena_pos;

qs_arena_pos qs_arena_tell(const qs_arena *a);
void qs_arena_rewind(qs_arena *a, qs_arena_pos pos);

/* Bytes handed out so far (for `make bench`). */
size_t qs_arena_used(const qs_arena *a);

/* malloc/realloc that abort instead of returning NULL. */
void *qs_xmalloc(size_t size);
void *qs_xrealloc(void *p, size_t size);
char *qs_xstrdup(const char *s);

#endif
