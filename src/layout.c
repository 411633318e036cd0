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
    bool glue; /* no break before this glyph: it continues a token (3·15, 第12项, “质量月”) */
} glyph;

/* marks inside a number: 3·15, 1.5, 8:30 */
static bool is_number_joiner(uint32_t cp)
{
    return cp == 0x00B7 || cp == 0x30FB || cp == 0x2027 || cp == '.' || cp == ':' || cp == 0xFF0E ||
           cp == 0xFF1A;
}

static bool is_han_numeral(uint32_t cp)
{
    static const uint32_t han[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                                   0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E24};
    return IN(han, cp);
}

#define SHORT_NAME 3 /* a quoted name of up to this many characters is not split: a longer one would leave the line above too loose */

/* Marks the glyphs that continue a token which must stay on one line: a
 * number with its joiners, percent and unit (3·15, 97.6%); an ordinal
 * 第N项 / 第十二条; a short quoted name (“质量月”). */
static void glue_tokens(glyph *g, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t a = g[i - 1].cp, b = g[i].cp;
        if (is_digit(a) && is_digit(b))
            g[i].glue = true;
        else if (is_number_joiner(a) && i >= 2 && is_digit(g[i - 2].cp) && is_digit(b))
            g[i].glue = true;
        else if (a == 0x7B2C && (is_digit(b) || is_han_numeral(b))) /* 第 */
            g[i].glue = true;
        else if (is_han_numeral(a) && g[i - 1].glue && (is_han_numeral(b) || IN(number_units, b)))
            g[i].glue = true;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t close = g[i].cp == 0x201C ? 0x201D : g[i].cp == 0x300C ? 0x300D : 0;
        if (!close)
            continue;
        size_t j = i + 1;
        while (j < n && j <= i + SHORT_NAME + 1 && g[j].cp != close && g[j].cp != '\n' && g[j].cp != g[i].cp)
            j++;
        if (j < n && g[j].cp == close && j > i + 1 && j <= i + SHORT_NAME + 1)
            for (size_t k = i + 1; k <= j; k++)
                g[k].glue = true;
    }
}

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
    glue_tokens(g, k);
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
            if (i < n && !g[i].glue && may_break(i >= 2 ? g[i - 2].cp : 0, g[i - 1].cp, g[i].cp)) {
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

/* the glyph whose first byte is at off (g[n] is the sentinel at the end) */
static size_t glyph_at(const glyph *g, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (g[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool qs_layout_no_lone(const char *text, qs_line *ln, size_t k, double max_width, qs_measure_fn measure,
                       void *ctx, qs_arena *a)
{
    if (k == 0 || !ln[k].last || ln[k - 1].last)
        return false;
    qs_arena_pos scratch = qs_arena_tell(a);
    size_t n;
    glyph *g = decode(text, measure, ctx, a, &n);
    g[n].off = strlen(text);
    size_t ps = glyph_at(g, n, ln[k - 1].start), s = glyph_at(g, n, ln[k].start);
    size_t e = glyph_at(g, n, ln[k].end);
    size_t chars = 0;
    for (size_t i = s; i < e; i++)
        chars += !qs_layout_no_start(g[i].cp) && !is_space(g[i].cp);
    bool moved = false;
    if (chars == 1 && s < e) {
        double w = ln[k].width;
        for (size_t j = s - 1; j > ps + 1; j--) { /* the previous line keeps two glyphs at least */
            w += g[j].w;
            if (is_space(g[j - 1].cp) || is_space(g[j].cp))
                break; /* a Latin word space: leave the line as it is */
            if (w > max_width)
                break;
            if (!g[j].glue && may_break(j >= 2 ? g[j - 2].cp : 0, g[j - 1].cp, g[j].cp)) {
                ln[k - 1].end = g[j].off;
                ln[k - 1].width = 0;
                for (size_t i = ps; i < j; i++)
                    ln[k - 1].width += g[i].w;
                ln[k].start = g[j].off;
                ln[k].width = w;
                moved = true;
                break;
            }
        }
    }
    qs_arena_rewind(a, scratch);
    return moved;
}
