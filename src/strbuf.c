/* strbuf.c - growable text and sets of lines in an arena (infrastructure).
 *
 * The buffer doubles when full, so the copies it leaves behind in the arena
 * add up to less than its final size.  The line set's table of (offset,
 * length) pairs into the text doubles at half load, the same way.
 */
#include "strbuf.h"

#include <stdint.h>
#include <string.h>

struct qs_lineset_slot {
    size_t off, len, ordinal;
    uint64_t hash;
    bool used;
};

void qs_strbuf_init(qs_strbuf *b, qs_arena *a)
{
    b->a = a;
    b->s = NULL;
    b->len = b->cap = 0;
}

void qs_strbuf_addn(qs_strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = qs_arena_alloc(b->a, cap);
        if (b->len)
            memcpy(grown, b->s, b->len);
        b->s = grown;
        b->cap = cap;
    }
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void qs_strbuf_add(qs_strbuf *b, const char *s)
{
    if (s)
        qs_strbuf_addn(b, s, strlen(s));
}

void qs_strbuf_join(qs_strbuf *b, const char *sep, const char *item)
{
    if (b->len)
        qs_strbuf_add(b, sep);
    qs_strbuf_add(b, item);
}

const char *qs_strbuf_text(const qs_strbuf *b)
{
    return b->s ? b->s : "";
}

void qs_lineset_init(qs_lineset *l, qs_arena *a)
{
    qs_strbuf_init(&l->text, a);
    l->slots = NULL;
    l->n = l->n_slots = 0;
}

static uint64_t hash_of(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* the slot of the line (hash, s, n): the one holding it, or the free one where it goes */
static struct qs_lineset_slot *find(const qs_lineset *l, uint64_t hash, const char *s, size_t n)
{
    size_t mask = l->n_slots - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        struct qs_lineset_slot *slot = &l->slots[i];
        if (!slot->used || (slot->hash == hash && slot->len == n &&
                            !memcmp(l->text.s + slot->off, s, n)))
            return slot;
    }
}

static void grow(qs_lineset *l)
{
    struct qs_lineset_slot *old = l->slots;
    size_t n_old = l->n_slots;
    l->n_slots = n_old ? 2 * n_old : 16;
    l->slots = qs_arena_calloc(l->text.a, l->n_slots, sizeof *l->slots);
    for (size_t i = 0; i < n_old; i++)
        if (old[i].used)
            *find(l, old[i].hash, l->text.s + old[i].off, old[i].len) = old[i];
}

bool qs_lineset_add(qs_lineset *l, const char *line)
{
    size_t n = strlen(line);
    uint64_t hash = hash_of(line, n);
    if (2 * (l->n + 1) > l->n_slots)
        grow(l);
    struct qs_lineset_slot *slot = find(l, hash, line, n);
    if (slot->used)
        return false;
    if (l->n)
        qs_strbuf_addn(&l->text, "\n", 1);
    slot->off = l->text.len;
    slot->len = n;
    slot->hash = hash;
    slot->ordinal = l->n;
    slot->used = true;
    qs_strbuf_addn(&l->text, line, n);
    l->n++;
    return true;
}

size_t qs_lineset_find(const qs_lineset *l, const char *line)
{
    if (!l->n_slots)
        return 0;
    size_t n = strlen(line);
    const struct qs_lineset_slot *slot = find(l, hash_of(line, n), line, n);
    return slot->used ? slot->ordinal + 1 : 0;
}

const char *qs_lineset_text(const qs_lineset *l)
{
    return qs_strbuf_text(&l->text);
}
