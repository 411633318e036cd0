/* sheetname.c - Excel sheet names from free text (stage 4: render, shared).
 *
 * A name is decoded into code points, cleaned (forbidden characters to
 * their full-width forms, white space folded), cut to Excel's 31 UTF-16
 * units at a character boundary, and made unique with a "~N" suffix
 * against the names before it and Excel's reserved "History".  Invalid
 * UTF-8 bytes become U+FFFD, so the output is always valid UTF-8.
 */
#include "sheetname.h"

#include "strbuf.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FALLBACK "Sheet"
#define RESERVED "History"
#define APOSTROPHE 0x27u
#define FULLWIDTH_APOSTROPHE 0xFF07u
#define IDEOGRAPHIC_SPACE 0x3000u

typedef struct text {
    uint32_t *cp;
    size_t n;
} text;

/* The full-width form of a character Excel forbids, or 0. */
static uint32_t full_width(uint32_t cp)
{
    switch (cp) {
    case '[':
        return 0xFF3B;
    case ']':
        return 0xFF3D;
    case ':':
        return 0xFF1A;
    case '*':
        return 0xFF0A;
    case '?':
        return 0xFF1F;
    case '/':
        return 0xFF0F;
    case '\\':
        return 0xFF3C;
    default:
        return 0;
    }
}

/* C0 and C1 controls, DEL, the line and paragraph separators */
static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

/* Marks that belong to the character before them: a cut never falls
 * between the two. */
static bool is_combining(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
           cp == 0x200C || cp == 0x200D || cp == 0x3099 || cp == 0x309A ||
           (cp >= 0xE0100 && cp <= 0xE01EF);
}

static size_t units(uint32_t cp)
{
    return cp > 0xFFFF ? 2 : 1;
}

/* The letter's lower case where Excel ignores the difference (a subset:
 * ASCII, Latin-1, full-width Latin, basic Greek and Cyrillic). */
static uint32_t fold(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
        (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F) ||
        (cp >= 0xFF21 && cp <= 0xFF3A))
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    return cp;
}

/* The code points of s; an invalid byte becomes U+FFFD. */
static text decode(qs_arena *a, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    text t = {qs_arena_calloc(a, len + 1, sizeof(uint32_t)), 0};
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t step = qs_utf8_decode(s + i, len - i, &cp);
        t.cp[t.n++] = step ? cp : 0xFFFD;
        i += step ? step : 1;
    }
    return t;
}

/* Forbidden characters to full width, controls and runs of white space to
 * one space, no white space at either end. */
static text clean(qs_arena *a, const char *s)
{
    text in = decode(a, s), out = {qs_arena_calloc(a, in.n + 1, sizeof(uint32_t)), 0};
    for (size_t i = 0; i < in.n; i++) {
        uint32_t cp = in.cp[i];
        if (full_width(cp))
            cp = full_width(cp);
        else if (is_control(cp))
            cp = ' ';
        if (cp == ' ' && (out.n == 0 || out.cp[out.n - 1] == ' ' ||
                          out.cp[out.n - 1] == IDEOGRAPHIC_SPACE))
            continue;
        if (cp == IDEOGRAPHIC_SPACE && out.n == 0)
            continue;
        out.cp[out.n++] = cp;
    }
    while (out.n && (out.cp[out.n - 1] == ' ' || out.cp[out.n - 1] == IDEOGRAPHIC_SPACE))
        out.n--;
    return out;
}

/* How many code points of t fit in limit UTF-16 units, ending at a
 * character boundary (before a base and its marks, not between them) and
 * not on white space. */
static size_t cut(text t, size_t limit)
{
    size_t i = 0, used = 0;
    while (i < t.n && used + units(t.cp[i]) <= limit)
        used += units(t.cp[i++]);
    if (i == t.n)
        return i;
    size_t j = i;
    while (j > 0 && is_combining(t.cp[j]))
        j--;
    if (j == 0)
        j = i; /* marks with no base in reach: cut where they are */
    while (j > 1 && (t.cp[j - 1] == ' ' || t.cp[j - 1] == IDEOGRAPHIC_SPACE))
        j--; /* no white space at the end of a cut name either */
    return j;
}

/* t's first n code points, then suffix (ASCII), as UTF-8; an apostrophe
 * at either end made full-width. */
static char *encode(qs_arena *a, text t, size_t n, const char *suffix)
{
    size_t slen = strlen(suffix);
    char *out = qs_arena_alloc(a, 4 * n + slen + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = t.cp[i];
        if (cp == APOSTROPHE && (i == 0 || (i + 1 == n && !slen)))
            cp = FULLWIDTH_APOSTROPHE;
        o += qs_utf8_encode(cp, o);
    }
    memcpy(o, suffix, slen + 1);
    return out;
}

void qs_sheetname_make(qs_arena *a, const char *const *names, size_t n, const char *fallback,
                       const char **out)
{
    qs_arena *tmp = qs_arena_new();
    text spare = clean(tmp, fallback);
    if (!spare.n)
        spare = clean(tmp, FALLBACK);
    /* the names given out so far (by key), and per cleaned name the first
     * suffix not yet tried: each name costs about its length, however many
     * units share their first 31 characters */
    qs_lineset taken, bases;
    qs_lineset_init(&taken, tmp);
    qs_lineset_init(&bases, tmp);
    qs_lineset_add(&taken, qs_sheetname_key(tmp, RESERVED));
    size_t *next_suffix = qs_arena_calloc(tmp, n + 1, sizeof *next_suffix);
    for (size_t i = 0; i < n; i++) {
        text t = clean(tmp, names[i]);
        if (!t.n)
            t = spare;
        char *name = encode(a, t, cut(t, QS_SHEETNAME_MAX), "");
        if (qs_lineset_find(&taken, qs_sheetname_key(tmp, name))) {
            const char *base = encode(tmp, t, t.n, "");
            qs_lineset_add(&bases, base);
            size_t b = qs_lineset_find(&bases, base) - 1, k = next_suffix[b] ? next_suffix[b] : 2;
            for (;; k++) {
                char suffix[24];
                snprintf(suffix, sizeof suffix, "~%zu", k);
                name = encode(a, t, cut(t, QS_SHEETNAME_MAX - strlen(suffix)), suffix);
                if (!qs_lineset_find(&taken, qs_sheetname_key(tmp, name)))
                    break;
            }
            next_suffix[b] = k + 1;
        }
        qs_lineset_add(&taken, qs_sheetname_key(tmp, name));
        out[i] = name;
    }
    qs_arena_free(tmp);
}

const char *qs_sheetname_key(qs_arena *a, const char *name)
{
    size_t len = strlen(name);
    char *out = qs_arena_alloc(a, 4 * len + 1), *o = out;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t step = qs_utf8_decode(name + i, len - i, &cp);
        o += qs_utf8_encode(fold(cp), o);
        i += step ? step : 1;
    }
    *o = '\0';
    return out;
}

size_t qs_sheetname_length(const char *name)
{
    size_t len = strlen(name), n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t step = qs_utf8_decode(name + i, len - i, &cp);
        n += step ? units(cp) : 1;
        i += step ? step : 1;
    }
    return n;
}

bool qs_sheetname_valid(const char *name)
{
    if (!name || !*name || !qs_utf8_valid(name, strlen(name)) ||
        qs_sheetname_length(name) > QS_SHEETNAME_MAX || qs_sheetname_same(name, RESERVED))
        return false;
    size_t len = strlen(name);
    if (name[0] == '\'' || name[len - 1] == '\'')
        return false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += qs_utf8_decode(name + i, len - i, &cp);
        if (full_width(cp) || is_control(cp))
            return false;
    }
    return true;
}

bool qs_sheetname_same(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i = 0, j = 0;
    while (i < la && j < lb) {
        uint32_t ca, cb;
        size_t sa = qs_utf8_decode(a + i, la - i, &ca), sb = qs_utf8_decode(b + j, lb - j, &cb);
        if (fold(ca) != fold(cb))
            return false;
        i += sa ? sa : 1;
        j += sb ? sb : 1;
    }
    return i == la && j == lb;
}

const char *qs_sheetname_pdf(qs_arena *a, const char *unit)
{
    return qs_sheetname_file(a, unit, ".pdf");
}

const char *qs_sheetname_file(qs_arena *a, const char *unit, const char *ext)
{
    static const char ascii[] = "/\\:*?\"<>|";
    size_t n = strlen(unit);
    char *out = qs_arena_alloc(a, 3 * n + strlen(ext) + 1), *o = out;
    for (const char *q = unit; *q; q++) {
        const char *hit = strchr(ascii, *q);
        if (hit && *q) { /* its full-width form: U+FF01 + (c - '!') */
            unsigned cp = 0xFF01u + (unsigned)(*q - '!');
            *o++ = (char)(0xE0 | (cp >> 12));
            *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *o++ = *q;
        }
    }
    memcpy(o, ext, strlen(ext) + 1);
    return out;
}
