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

#include <math.h>
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

bool qs_layout_is_latin(uint32_t cp)
{
    /* the interpunct of 3·15 is a Chinese mark, set in the Han face */
    return (cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0x24F && cp != 0xB7);
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

/* clreq 3.1.6: full-width marks whose blank half is on the right (the
 * mainland stops and pauses, closing brackets and quotes) or on the left
 * (opening brackets and quotes); only these are compressed */
static const uint32_t right_blank[] = {
    0x3001, 0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, /* 、，。；：！？ */
    0xFF09, 0xFF3D, 0xFF5D, 0x3015, 0x3011, 0x3017, 0x300B, 0x3009, 0x300D, 0x300F, 0x201D, 0x2019,
};
static const uint32_t left_blank[] = {
    0xFF08, 0xFF3B, 0xFF5B, 0x3014, 0x3010, 0x3016, 0x300A, 0x3008, 0x300C, 0x300E, 0x201C, 0x2018,
};

bool qs_layout_halvable(uint32_t cp)
{
    return maybe_mark(cp) && IN(right_blank, cp);
}

typedef struct glyph {
    uint32_t cp;
    size_t off, len;
    double w;    /* advance, as measured */
    bool glue;   /* no break before this glyph: it continues a token (3·15, 第12项, “质量月”) */
    signed char blank; /* +1: a full-width mark with its blank on the right, -1: on the left */
    double cut;  /* what the pair (this glyph, the next) loses when both are on one line */
    bool cut_left; /* ... taken from the next glyph's left (an opening mark), else from this one's right */
    double shrink; /* what this mark may give up to fit a line (half its width), 0 for the rest */
    bool gap;    /* the space between this glyph and the next may stretch */
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

/* May justification add space between a and b?  Every gap next to a Han
 * character or a mark, and a Latin word space; never inside a Latin word or
 * a number (3·15), nor inside a two-em dash or ellipsis. */
static bool may_stretch(uint32_t a, uint32_t b)
{
    if ((is_digit(a) && is_number_joiner(b)) || (is_number_joiner(a) && is_digit(b)))
        return false;
    if ((a == 0x2014 && b == 0x2014) || (a == 0x2026 && b == 0x2026) || (a == 0x22EF && b == 0x22EF))
        return false;
    return qs_layout_is_wide(a) || qs_layout_is_wide(b) || a == ' ' || b == ' ';
}

/* The glyphs of text[0, len) with their widths, tokens and, when em > 0,
 * the punctuation compression of clreq: two adjacent full-width marks lose
 * the blank half that faces the other (）， → 1.5 em; “《 → 1.5 em), and a
 * mark not so paired may give up half its width to fit a line. */
static glyph *decode(const char *text, size_t len, qs_measure_fn measure, void *ctx, double em, qs_arena *a,
                     size_t *n)
{
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
    g[k].off = len; /* sentinel: the end of the text */
    glue_tokens(g, k);
    for (size_t i = 0; i + 1 < k; i++)
        g[i].gap = may_stretch(g[i].cp, g[i + 1].cp);
    if (em <= 0)
        return g;
    for (size_t i = 0; i < k; i++)
        if (maybe_mark(g[i].cp) && g[i].w > 0.9 * em) /* a mark set at full width by its face */
            g[i].blank = (signed char)(IN(right_blank, g[i].cp) ? 1 : IN(left_blank, g[i].cp) ? -1 : 0);
    for (size_t i = 0; i + 1 < k; i++) {
        if (g[i].blank > 0) {
            if (g[i + 1].blank) {
                g[i].cut = g[i].w / 2;
                g[i].cut_left = false;
            }
        } else if (g[i + 1].blank < 0 && g[i].blank) {
            g[i].cut = g[i + 1].w / 2;
            g[i].cut_left = true;
        }
    }
    for (size_t i = 0; i < k; i++) {
        bool paired = (g[i].cut > 0 && !g[i].cut_left) || (i > 0 && g[i - 1].cut > 0 && g[i - 1].cut_left);
        g[i].shrink = g[i].blank && !paired ? g[i].w / 2 : 0;
    }
    return g;
}

/* ---- one paragraph's glyphs with running sums, so any line's metrics cost O(1) ---- */

typedef struct para {
    const char *text;
    glyph *g;
    size_t n;
    double *W;  /* W[i]: widths of g[0, i) */
    double *C;  /* C[i]: cuts of the pairs (g[j], g[j+1]), j < i */
    double *S;  /* S[i]: shrink of g[0, i) */
    size_t *G;  /* G[i]: stretchable gaps after g[j], j < i */
    unsigned char *cand; /* a break may fall before g[i]: 1 by the rules, 2 only to split an over-long unit */
    double em;
} para;

typedef struct metrics {
    double natural;   /* set width, adjacent marks compressed */
    double shrink;    /* what the line may still give up: its end mark first, then inner marks */
    double end_shrink;
    size_t gaps;      /* stretchable gaps */
} metrics;

/* [s, e) without the spaces at either end */
static void trim(const para *p, size_t *s, size_t *e)
{
    while (*s < *e && is_space(p->g[*s].cp))
        (*s)++;
    while (*e > *s && is_space(p->g[*e - 1].cp))
        (*e)--;
}

static metrics measure_line(const para *p, size_t s, size_t e)
{
    metrics m = {0, 0, 0, 0};
    trim(p, &s, &e);
    if (e <= s)
        return m;
    m.natural = p->W[e] - p->W[s] - (p->C[e - 1] - p->C[s]);
    const glyph *last = &p->g[e - 1];
    m.end_shrink = last->blank > 0 ? last->w / 2 : 0; /* GB/T 15834 5.1.10: a line-end mark may be half */
    /* inner marks give up half an em in all, so a line holds one character
     * more than its grid at most (29 in a 28-character measure) */
    double inner = p->S[e - 1] - p->S[s];
    m.shrink = m.end_shrink + (inner < p->em / 2 ? inner : p->em / 2);
    m.gaps = p->G[e - 1] - p->G[s];
    return m;
}

static para make_para(const char *text, size_t len, const qs_layout_opts *o, qs_measure_fn measure, void *ctx,
                      qs_arena *a)
{
    para p = {text, NULL, 0, NULL, NULL, NULL, NULL, NULL, o->compress ? o->em : 0};
    p.g = decode(text, len, measure, ctx, o->compress ? o->em : 0, a, &p.n);
    size_t n = p.n;
    p.W = qs_arena_calloc(a, n + 1, sizeof *p.W);
    p.C = qs_arena_calloc(a, n + 1, sizeof *p.C);
    p.S = qs_arena_calloc(a, n + 1, sizeof *p.S);
    p.G = qs_arena_calloc(a, n + 1, sizeof *p.G);
    p.cand = qs_arena_calloc(a, n + 1, 1);
    for (size_t i = 0; i < n; i++) {
        p.W[i + 1] = p.W[i] + p.g[i].w;
        p.C[i + 1] = p.C[i] + p.g[i].cut;
        p.S[i + 1] = p.S[i] + p.g[i].shrink;
        p.G[i + 1] = p.G[i] + p.g[i].gap;
    }
    for (size_t i = 1; i < n; i++)
        p.cand[i] = !p.g[i].glue && p.g[i].cp != '\n' && p.g[i - 1].cp != '\n' &&
                    may_break(i >= 2 ? p.g[i - 2].cp : 0, p.g[i - 1].cp, p.g[i].cp);
    /* a unit wider than the narrowest line may be split by characters,
     * keeping closing marks off a line's start where it can */
    double narrowest = o->width - o->indent;
    size_t from = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && !p.cand[i] && p.g[i].cp != '\n' && p.g[i - 1].cp != '\n')
            continue;
        if (measure_line(&p, from, i).natural > narrowest) {
            bool any = false;
            for (size_t r = from + 1; r < i; r++)
                if (!qs_layout_no_start(p.g[r].cp) && !qs_layout_no_end(p.g[r - 1].cp))
                    p.cand[r] = 2, any = true;
            for (size_t r = from + 1; r < i && !any; r++)
                p.cand[r] = 2;
        }
        from = i < n && p.g[i].cp == '\n' ? i + 1 : i;
    }
    return p;
}

/* a list separator: a break after it keeps names whole */
static bool is_separator(uint32_t cp)
{
    return cp == 0x3001 || cp == 0xFF0C || cp == 0xFF1B || cp == ',' || cp == ';';
}

typedef struct lines {
    qs_line *v;
    size_t n, cap;
    qs_arena *a;
} lines;

/* appends the line of glyphs [s, e), spaces trimmed */
static void emit(lines *L, const para *p, size_t s, size_t e, double x0, bool last)
{
    if (L->n == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 8;
        qs_line *v = qs_arena_calloc(L->a, cap, sizeof *v);
        if (L->n)
            memcpy(v, L->v, L->n * sizeof *v);
        L->v = v;
        L->cap = cap;
    }
    metrics m = measure_line(p, s, e);
    size_t ts = s, te = e;
    trim(p, &ts, &te);
    if (te <= ts) /* an empty or all-space line: where the text was */
        ts = te = s;
    qs_line *l = &L->v[L->n++];
    l->start = p->g[ts].off;
    l->end = te > ts ? p->g[te - 1].off + p->g[te - 1].len : l->start;
    l->width = m.natural;
    l->x0 = x0;
    l->last = last;
}

/* first-fit: each line takes all that fits (a list's lines end after a
 * separator where one fits); over-long units are split only when nothing
 * else fits */
static size_t greedy(const para *p, size_t s, size_t b, double target, bool list)
{
    size_t ok = 0, sep = 0, split = 0, first = 0;
    for (size_t e = s + 1; e <= b; e++) {
        if (e < b && !p->cand[e])
            continue;
        if (!first)
            first = e;
        if (measure_line(p, s, e).natural > target + 1e-9)
            break;
        if (e == b || p->cand[e] == 1) {
            ok = e;
            if (list && e < b && is_separator(p->g[e - 1].cp))
                sep = e;
        } else {
            split = e;
        }
    }
    if (sep && ok < b)
        return sep;
    return ok ? ok : split ? split : first;
}

/* Total fit (Knuth and Plass, on clreq's terms): the breaks of the
 * segment [s0, b) that make the fewest lines, then the least uneven ones:
 * a justified line's space is spread over all its gaps up to a cap of a
 * tenth of a character, punctuation is compressed before anything is
 * stretched, and the last line never holds a single character. */
#define CAP 0.1       /* the most a gap may stretch, in ems: a Han pitch of 110% at most */
#define DEM_LINE 1e7   /* every line: fewer lines first */
#define DEM_LONE 5e6   /* a last line of one character (孤字) */
#define DEM_OVER 1e6   /* a line stretched past the cap */
#define DEM_SPLIT 1e5  /* a unit split by characters */

static double badness(const metrics *m, double target, double em, bool last)
{
    double slack = target - m->natural;
    if (slack < -1e-9) {
        if (-slack > m->shrink + 1e-9)
            return -1; /* does not fit */
        /* a character pulled back by compressing marks: the grid of the
         * page (28 to a line) gives way only where stretching would pass the cap */
        return DEM_OVER / 2 * (1 + -slack / m->shrink);
    }
    if (last)
        return 0;
    if (slack < 1e-6)
        return 0;
    /* past the cap the line is set short (qs_layout_place): the shortfall costs */
    double cap = CAP * em, room = cap * (double)m->gaps;
    if (slack <= room && m->gaps) {
        double r = slack / room;
        return 100 * r * r * r;
    }
    return DEM_OVER + 1000 * (slack - room) / (em > 0 ? em : 1);
}

static size_t count_chars(const para *p, size_t s, size_t e)
{
    size_t c = 0;
    trim(p, &s, &e);
    for (size_t i = s; i < e; i++)
        c += !qs_layout_no_start(p->g[i].cp) && !is_space(p->g[i].cp);
    return c;
}

/* The break before the last line of [s, b) (now at e) moved back to the
 * candidate before it, if the line above keeps two characters and the last
 * line still fits; 0 if none. */
static size_t pull_back(const para *p, size_t s, size_t e, size_t b, double width)
{
    for (size_t c = e - 1; c > s; c--) {
        if (!p->cand[c])
            continue;
        if (count_chars(p, s, c) < 2 || measure_line(p, c, b).natural > width + 1e-9)
            return 0;
        return c;
    }
    return 0;
}

static void total_fit(lines *L, const para *p, size_t s0, size_t b, const qs_layout_opts *o, bool first_seg,
                      qs_arena *a)
{
    /* nodes: s0 and every candidate in (s0, b); dem[i] for a line starting at g[i] */
    size_t span = b - s0 + 1;
    double *dem = qs_arena_alloc(a, span * sizeof *dem);
    size_t *from = qs_arena_alloc(a, span * sizeof *from);
    for (size_t i = 0; i < span; i++)
        dem[i] = -1;
    dem[0] = 0;
    for (size_t s = s0; s < b; s++) {
        if (dem[s - s0] < 0)
            continue;
        double x0 = s == s0 && first_seg ? o->indent : 0;
        double target = o->width - x0;
        bool any = false;
        for (size_t e = s + 1; e <= b; e++) {
            if (e < b && !p->cand[e])
                continue;
            metrics m = measure_line(p, s, e);
            bool last = e == b;
            double bad = badness(&m, target, o->em, last);
            if (bad < 0) {
                if (any)
                    break;
                bad = DEM_OVER * 100; /* nothing fits: an over-full line rather than none */
            }
            any = true;
            double d = dem[s - s0] + DEM_LINE + bad + (e < b && p->cand[e] == 2 ? DEM_SPLIT : 0);
            if (last && s > s0 && count_chars(p, s, e) == 1)
                d += DEM_LONE;
            if (dem[e - s0] < 0 || d < dem[e - s0] - 1e-9) {
                dem[e - s0] = d;
                from[e - s0] = s;
            }
            if (m.natural - m.shrink > target)
                break;
        }
    }
    /* walk back from the end */
    size_t count = 0;
    for (size_t e = b; e > s0; e = from[e - s0])
        count++;
    size_t *ends = qs_arena_alloc(a, (count ? count : 1) * sizeof *ends);
    size_t k = count;
    for (size_t e = b; e > s0; e = from[e - s0])
        ends[--k] = e;
    size_t s = s0;
    for (size_t i = 0; i < count; i++) {
        emit(L, p, s, ends[i], s == s0 && first_seg ? o->indent : 0, i + 1 == count);
        s = ends[i];
    }
    if (count == 0)
        emit(L, p, s0, b, first_seg ? o->indent : 0, true);
}

size_t qs_layout_lines(const char *text, const qs_layout_opts *o, qs_measure_fn measure, void *ctx,
                       qs_arena *a, qs_line **out)
{
    size_t len = strlen(text);
    para p = make_para(text, len, o, measure, ctx, a);
    lines L = {NULL, 0, 0, a};
    size_t s = 0;
    bool first_seg = true;
    for (;;) {
        size_t b = s; /* the segment up to the next forced break */
        while (b < p.n && p.g[b].cp != '\n')
            b++;
        if (o->justify && b > s) {
            total_fit(&L, &p, s, b, o, first_seg, a);
        } else {
            size_t ls = s, prev = b;
            do {
                double x0 = ls == s && first_seg ? o->indent : 0;
                size_t e = b > ls ? greedy(&p, ls, b, o->width - x0, o->list) : b;
                if (e >= b && prev < ls && count_chars(&p, ls, b) == 1) {
                    /* no last line of one character: the line above gives it its last unit */
                    size_t c = pull_back(&p, prev, ls, b, o->width - (prev == s && first_seg ? o->indent : 0));
                    if (c) {
                        L.n--;
                        emit(&L, &p, prev, c, prev == s && first_seg ? o->indent : 0, false);
                        ls = c;
                    }
                }
                emit(&L, &p, ls, e, x0, e >= b);
                prev = ls;
                ls = e;
                while (ls < b && is_space(p.g[ls].cp))
                    ls++;
            } while (ls < b);
        }
        if (b >= p.n)
            break;
        s = b + 1; /* past the '\n' */
        first_seg = false;
        if (s == p.n) { /* text ends with '\n': an empty last line */
            emit(&L, &p, s, s, 0, true);
            break;
        }
    }
    *out = L.v;
    return L.n;
}

size_t qs_layout_break(const char *text, double max_width, qs_measure_fn measure, void *ctx,
                       qs_arena *a, qs_line **out)
{
    return qs_layout_break_list(text, max_width, measure, ctx, false, a, out);
}

size_t qs_layout_break_list(const char *text, double max_width, qs_measure_fn measure, void *ctx,
                            bool list, qs_arena *a, qs_line **out)
{
    qs_layout_opts o = {.width = max_width, .list = list};
    return qs_layout_lines(text, &o, measure, ctx, a, out);
}

size_t qs_layout_place(const char *text, const qs_line *ln, const qs_layout_opts *o, qs_measure_fn measure,
                       void *ctx, qs_arena *a, qs_placed **out)
{
    size_t n;
    glyph *g = decode(text + ln->start, ln->end - ln->start, measure, ctx, o->compress ? o->em : 0, a, &n);
    /* within the line only: a mark's partner on another line does not compress it */
    if (n)
        g[n - 1].cut = 0;
    double natural = 0, shrink = 0;
    size_t gaps = 0;
    for (size_t i = 0; i < n; i++) {
        natural += g[i].w - g[i].cut;
        if (i + 1 < n) {
            shrink += g[i].shrink;
            gaps += g[i].gap;
        }
    }
    double end_shrink = n && g[n - 1].blank > 0 ? g[n - 1].w / 2 : 0;
    double target = o->width - ln->x0;
    double slack = o->justify && !ln->last ? target - natural : 0;
    if (ln->last && natural > target)
        slack = target - natural; /* a last line squeezed in by compression */
    /* compress first (the end mark, then the others equally), stretch second (every gap equally) */
    double end_cut = 0, inner_ratio = 0, extra = 0;
    if (slack < 0) {
        end_cut = -slack < end_shrink ? -slack : end_shrink;
        double rest = -slack - end_cut;
        inner_ratio = shrink > 0 ? (rest < shrink ? rest / shrink : 1) : 0;
    } else if (slack > 0 && gaps) {
        /* never past the cap: a line the breaks could not fill (a long
         * unbreakable unit in a narrow cell) stays that much short */
        extra = slack / (double)gaps;
        if (o->em > 0 && extra > CAP * o->em)
            extra = CAP * o->em;
    }
    qs_placed *pl = qs_arena_alloc(a, (n ? n : 1) * sizeof *pl);
    double x = ln->x0;
    for (size_t i = 0; i < n; i++) {
        double lead = i > 0 && g[i - 1].cut_left ? g[i - 1].cut : 0;
        x -= lead;
        if (i + 1 < n && g[i].blank < 0)
            x -= g[i].shrink * inner_ratio; /* an opening mark gives up its left half */
        pl[i].off = ln->start + g[i].off;
        pl[i].len = g[i].len;
        pl[i].x = x;
        double adv = g[i].w - (g[i].cut_left ? 0 : g[i].cut);
        if (i + 1 < n && g[i].blank > 0)
            adv -= g[i].shrink * inner_ratio;
        if (i + 1 == n)
            adv -= end_cut;
        /* a mark that gave up its whole blank half */
        pl[i].half = g[i].blank > 0 && fabs(adv - g[i].w / 2) < 1e-6 * (g[i].w > 0 ? g[i].w : 1);
        x += adv + (i + 1 < n && g[i].gap ? extra : 0);
    }
    *out = pl;
    return n;
}

double qs_layout_width(const char *text, size_t len, qs_measure_fn measure, void *ctx, double em, qs_arena *a)
{
    qs_arena_pos scratch = qs_arena_tell(a);
    size_t n;
    glyph *g = decode(text, len, measure, ctx, em, a, &n);
    double w = 0;
    for (size_t i = 0; i < n; i++)
        w += g[i].w - (i + 1 < n ? g[i].cut : 0);
    qs_arena_rewind(a, scratch);
    return w;
}
