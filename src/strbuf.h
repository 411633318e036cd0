/* strbuf.h - text built piece by piece (infrastructure).
 *
 * Appending costs time proportional to what is appended, so a cell that
 * lists twenty thousand documents is built in linear time and memory
 * (joining with qs_arena_printf("%s%s", text, more) copies the text so far
 * each time: quadratic).  The bytes live in an arena and are freed with it.
 */
#ifndef QS_STRBUF_H
#define QS_STRBUF_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct qs_strbuf {
    qs_arena *a;
    char *s;
    size_t len, cap;
} qs_strbuf;

/* An empty text in a's memory. */
void qs_strbuf_init(qs_strbuf *b, qs_arena *a);

/* Appends s (NULL: nothing), or its first n bytes. */
void qs_strbuf_add(qs_strbuf *b, const char *s);
void qs_strbuf_addn(qs_strbuf *b, const char *s, size_t n);

/* Appends item, with sep before it unless the text is empty. */
void qs_strbuf_join(qs_strbuf *b, const char *sep, const char *item);

/* The text so far, "" when empty.  Arena memory; a later append may move
 * it, so take it when the text is complete. */
const char *qs_strbuf_text(const qs_strbuf *b);

/* Lines joined by '\n', each distinct line once, in the order first
 * added: a hash set of the lines keeps every add O(its length).  Also a
 * set of strings that numbers its members 0, 1, 2 ... as they come. */
typedef struct qs_lineset {
    qs_strbuf text;
    struct qs_lineset_slot *slots;
    size_t n, n_slots;
} qs_lineset;

void qs_lineset_init(qs_lineset *l, qs_arena *a);

/* Appends line unless the set holds it already; true if it was added. */
bool qs_lineset_add(qs_lineset *l, const char *line);

/* 1 + the number of line in the set (in the order added), 0 if absent. */
size_t qs_lineset_find(const qs_lineset *l, const char *line);

/* The lines so far ("" when none), as qs_strbuf_text. */
const char *qs_lineset_text(const qs_lineset *l);

#endif
