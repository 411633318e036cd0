/* layout.c - line breaking and measuring (stage 4: render, shared).
 *
 * Reads UTF-8 text and a measuring callback; writes line ranges.  Never
 * draws and never touches a PDF or xlsx library, so the xlsx row heights and
 * the PDF pages break text by the same rules.  Sources: W3C clreq
 * (prohibition rules for line start/end, unbreakable marks), GB/T 15834-2011
 * section 5.1; see notes/formal-layout.md section 2.
 */
#include "layout.h"
#include "utf8.h"

#include <string.h>

/* clreq basic level: closing marks, pause and stop marks, connectors, interpuncts, solidi */
static const uint32_t no_start[] = {
    0x3002, 0xFF0E, 0xFF0C, 0x3001, 0xFF1A, 0xFF1B, 0xFF01, 0x203C, 0xFF1F, 0x2047, /* stops, commas */
    0x201D, 0x2019, 0x300D, 0x300F,                                                 /* quotes */
    0xFF09, 0xFF3D, 0xFF5D, 0x3015, 0x3011, 0x3017, 0x300B, 0x3009,                 /* brackets */
    0xFF5E, 0x2013, 0x00B7, 0x30FB, 0x2027, 0xFF0F, 0x2014, 0x2026, 0x22EF,         /* others */
    0x0021, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003F, 0x005D, 0x007D, 0x0025, 0xFF05,
};

static const uint32_t no_end[] = {
    0x201C, 0x2018, 0x300C, 0x300E,                 /* quotes */
    0xFF08, 0xFF3B, 0xFF5B, 0x3014, 0x3010, 0x3016, /* brackets */
    0x300A, 0x3008,                                 /* book-title marks */
    0x0028, 0x005B, 0x007B,
};

/* units that stay with the number before them: percent, ten-thousand, yuan, points, item ... */
static const uint32_t number_units[] = {
    0x0025, 0xFF05, 0x2030, 0x4E07, 0x4EBF, 0x5143, 0x5206, 0x9879, 0x540D, 0x4E2A, 0x5F20,
    0x6B21, 0x5E74, 0x6708, 0x65E5, 0x53F7, 0x5BB6, 0x4EBA, 0x4EF6, 0x5428, 0x500D, 0x6761,
    0x53F0, 0x6240, 0x5C81, 0x5EA6, 0x2103,
};

static bool in(const uint32_t *set, size_t n, uint32_t cp)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

#define IN(set, cp) in((set), sizeof(set) / sizeof *(set), (cp))

/* every mark of both lists is below U+3100 or a full-width form: most
 * text (Han characters) is answered without a scan */
static bool maybe_mark(uint32_t cp)
{
    return cp < 0x3100 || (cp >= 0xFF00 && cp <= 0xFFFF);
}

bool qs_layout_no_start(uint32_t cp) { return maybe_mark(cp) && IN(no_start, cp); }
bool qs_layout_no_end(uint32_t cp) { return maybe_mark(cp) && IN(no_end, cp); }

bool qs_layout_is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD) ||
           cp == 0x2014 || cp == 0x2026 || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
           cp == 0x2019 || cp == 0x00B7;
}

double qs_layout_em_estimate(void *ctx, uint32_t cp)
{
    (void)ctx;
    return qs_layout_is_wide(cp) ? 1.0 : 0.5;
}

static bool is_word(uint32_t cp)
{
    return cp > 0x20 && cp < 0x7F; /* Latin letters, digits and ASCII signs */
}

static bool is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000;
}

typedef struct glyph {
    uint32_t cp;
    size_t off, len;
    double w;
} glyph;

/* May a line break fall between a and b?  (prev2 = the code point before a.) */
static bool may_break(uint32_t prev2, uint32_t a, uint32_t b)
{
    if (is_space(a))
        return true; /* a space ends a line and is not drawn there */
    if (is_space(b))
        return false; /* the space stays at the end of the line before it */
    if (qs_layout_no_start(b) || qs_layout_no_end(a))
        return false;
    if (is_word(a) && is_word(b))
        return false;
    if (is_digit(a) && IN(number_units, b))
        return false;
    if (is_digit(prev2) && IN(number_units, a) && IN(number_units, b))
        return false; /* a two-character unit: ten-thousand yuan */
    if ((a == 0x2014 && b == 0x2014) || (a == 0x2026 && b == 0x2026) || (a == 0x22EF && b == 0x22EF))
        return false; /* —— and …… are one unit */
    return qs_layout_is_wide(a) || qs_layout_is_wide(b);
}

static glyph *decode(const char *text, qs_measure_fn measure, void *ctx, qs_arena *a, size_t *n)
{
    size_t len = strlen(text);
    glyph *g = qs_arena_calloc(a, len + 1, sizeof *g);
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t step = qs_utf8_decode(text + i, len - i, &cp);
        if (!step)
            step = 1; /* invalid byte: measured as U+FFFD, kept in the range */
        g[k].cp = cp;
        g[k].off = i;
        g[k].len = step;
        g[k].w = cp == '\n' ? 0 : measure(ctx, cp);
        k++;
        i += step;
    }
    *n = k;
    return g;
}

typedef struct lines {
    qs_line *v;
    size_t n, cap;
    qs_arena *a;
} lines;

/* appends the line of glyphs [from, to); g[n] is a sentinel at the text's end */
static void emit(lines *L, const glyph *g, size_t from, size_t to, bool last)
{
    while (to > from && is_space(g[to - 1].cp)) /* trailing spaces are not drawn */
        to--;
    if (L->n == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 8;
        qs_line *v = qs_arena_calloc(L->a, cap, sizeof *v);
        if (L->n)
            memcpy(v, L->v, L->n * sizeof *v);
        L->v = v;
        L->cap = cap;
    }
    qs_line *l = &L->v[L->n++];
    l->start = g[from].off;
    l->end = to > from ? g[to - 1].off + g[to - 1].len : l->start;
    l->width = 0;
    for (size_t i = from; i < to; i++)
        l->width += g[i].w;
    l->last = last;
}

size_t qs_layout_break(const char *text, double max_width, qs_measure_fn measure, void *ctx,
                       qs_arena *a, qs_line **out)
{
    return qs_layout_break_list(text, max_width, measure, ctx, false, a, out);
}

/* a list separator: a break after it keeps names whole */
static bool is_separator(uint32_t cp)
{
    return cp == 0x3001 || cp == 0xFF0C || cp == 0xFF1B || cp == ',' || cp == ';';
}

size_t qs_layout_break_list(const char *text, double max_width, qs_measure_fn measure, void *ctx,
                            bool list, qs_arena *a, qs_line **out)
{
    size_t n;
    glyph *g = decode(text, measure, ctx, a, &n);
    g[n].off = strlen(text); /* sentinel: the end of the text */
    lines L = {NULL, 0, 0, a};
    size_t line_start = 0;
    while (line_start <= n) {
        double w = 0;
        size_t i = line_start, last_ok = line_start; /* last_ok: best break so far */
        size_t last_sep = line_start;                /* the best one after a separator */
        bool forced = false;
        while (i < n) {
            if (g[i].cp == '\n') {
                forced = true;
                break;
            }
            if (w + g[i].w > max_width && i > line_start && !is_space(g[i].cp))
                break;
            w += g[i].w;
            i++;
            if (i < n && may_break(i >= 2 ? g[i - 2].cp : 0, g[i - 1].cp, g[i].cp)) {
                last_ok = i;
                if (list && is_separator(g[i - 1].cp))
                    last_sep = i;
            }
        }
        size_t end;
        if (forced || i >= n) {
            end = i;
        } else if (last_sep > line_start) {
            end = last_sep;
        } else if (last_ok > line_start) {
            end = last_ok;
        } else {
            /* one unit wider than the line: split it by characters, still
             * keeping closing marks off the next line's start if possible */
            end = i;
            for (size_t j = i; j > line_start + 1; j--)
                if (!qs_layout_no_start(g[j].cp) && !qs_layout_no_end(g[j - 1].cp)) {
                    end = j;
                    break;
                }
        }
        bool last = forced || end >= n;
        emit(&L, g, line_start, end, last);
        if (end >= n)
            break;
        line_start = end + (g[end].cp == '\n');
        if (!forced)
            while (line_start < n && is_space(g[line_start].cp))
                line_start++;
        if (forced && line_start == n) { /* text ends with '\n': an empty last line */
            emit(&L, g, n, n, true);
            break;
        }
    }
    *out = L.v;
    return L.n;
}
