/* layout.h - the one layout engine: Chinese line breaking (clreq) and text
 * measuring, shared by every document (xlsx row heights, PDF table, report).
 *
 * Breaking follows the W3C clreq "basic" prohibition rules as GB/T 15834
 * states them: no line starts with a closing mark (，。、；：？！）》」』”’ …),
 * no line ends with an opening mark (（《「『“‘ …); Latin words and numbers are
 * never split, and a number keeps its unit (percent, yuan, points ...) and
 * its inner marks (3·15, 97.6%); 第N项 and a short quoted name (“质量月”) stay
 * whole; a two-em dash
 * or an ellipsis is one unit.  '\n' is a forced break.
 */
#ifndef QS_LAYOUT_H
#define QS_LAYOUT_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Advance of code point cp, in any unit the caller likes (points, ems). */
typedef double (*qs_measure_fn)(void *ctx, uint32_t cp);

typedef struct qs_line {
    size_t start, end; /* byte range in the text; end excludes a trailing break or space */
    double width;      /* set width of [start, end): adjacent marks compressed, nothing stretched */
    double x0;         /* where the line starts: the first line's indent, else 0 */
    bool last;         /* the paragraph's last line (ends at '\n' or the text's end) */
} qs_line;

/* How a text is set.  Zero is plain first-fit breaking at width, as a
 * spreadsheet wraps a cell. */
typedef struct qs_layout_opts {
    double width;  /* the measure */
    double indent; /* the first line starts this far in (two characters: 2 em) */
    double em;     /* the size of a full-width character: the unit of the cap and of compression */
    bool justify;  /* every line but a paragraph's last fills the measure: the breaks of the whole
                      paragraph are chosen together (fewest lines, then the most even), the space
                      goes over every gap next to a Han character up to a tenth of a character,
                      and the last line never holds one character alone */
    bool compress; /* clreq punctuation compression (needs em): adjacent full-width marks set at
                      1.5 em, and a mark may give up half its width to fit a line (a line-end
                      mark first) */
    bool list;     /* a list of names: lines break after a separator (、，；) where one fits */
} qs_layout_opts;

/* Breaks text (valid UTF-8) into lines.  *out gets an arena array; returns
 * the number of lines (at least 1). */
size_t qs_layout_lines(const char *text, const qs_layout_opts *o, qs_measure_fn measure, void *ctx,
                       qs_arena *a, qs_line **out);

/* Where each glyph of line ln goes: x from the left edge of the measure
 * (the indent included), compressed and, for a justified line, stretched
 * to the measure. */
typedef struct qs_placed {
    size_t off, len; /* the glyph's bytes in the text */
    double x;
    bool half;       /* a closing mark set at half width (its blank half given up) */
} qs_placed;
size_t qs_layout_place(const char *text, const qs_line *ln, const qs_layout_opts *o, qs_measure_fn measure,
                       void *ctx, qs_arena *a, qs_placed **out);

/* The set width of text[0, len) on one line (adjacent marks compressed
 * when em > 0); scratch memory from a is given back. */
double qs_layout_width(const char *text, size_t len, qs_measure_fn measure, void *ctx, double em, qs_arena *a);

/* First-fit breaking at max_width (qs_layout_lines with opts zero but the width). */
size_t qs_layout_break(const char *text, double max_width, qs_measure_fn measure, void *ctx,
                       qs_arena *a, qs_line **out);

/* The same for a list of names (a responsible-units cell): lines break
 * after a list separator (the enumeration comma, comma, semicolon) where one
 * fits, so no name is split unless it alone is wider than the line. */
size_t qs_layout_break_list(const char *text, double max_width, qs_measure_fn measure, void *ctx,
                            bool list, qs_arena *a, qs_line **out);

/* Width estimate in ems without a font: 1 for wide (CJK, full-width) code
 * points, 0.5 for the rest.  ctx is unused. */
double qs_layout_em_estimate(void *ctx, uint32_t cp);

/* The clreq classes, exposed for tests and the fuzzers. */
bool qs_layout_no_start(uint32_t cp); /* may not start a line */
bool qs_layout_no_end(uint32_t cp);   /* may not end a line */
bool qs_layout_is_wide(uint32_t cp);  /* CJK ideographs, kana, hangul, full-width forms */
bool qs_layout_is_latin(uint32_t cp); /* set in the Latin face: Latin letters, digits, their signs, space */
bool qs_layout_halvable(uint32_t cp); /* a mark whose blank half is on the right (，。、）》”): may be set at half width */

#endif
