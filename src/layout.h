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
    double width;      /* natural width of [start, end) */
    bool last;         /* the paragraph's last line (ends at '\n' or the text's end) */
} qs_line;

/* Breaks text (valid UTF-8) into lines no wider than max_width, where the
 * rules allow; a unit wider than a whole line is split by characters.  *out
 * gets an arena array; returns the number of lines (at least 1). */
size_t qs_layout_break(const char *text, double max_width, qs_measure_fn measure, void *ctx,
                       qs_arena *a, qs_line **out);

/* The same for a list of names (a responsible-units cell): lines break
 * after a list separator (the enumeration comma, comma, semicolon) where one
 * fits, so no name is split unless it alone is wider than the line. */
size_t qs_layout_break_list(const char *text, double max_width, qs_measure_fn measure, void *ctx,
                            bool list, qs_arena *a, qs_line **out);

/* A paragraph's last line k holding one character and its punctuation
 * (料。) takes the previous line's last unit too: ln[k - 1] ends one break
 * earlier (clreq: 孤字不成行).  Changes ln[k - 1] and ln[k] and returns
 * true only if the new last line still fits max_width; scratch memory from a
 * is given back. */
bool qs_layout_no_lone(const char *text, qs_line *ln, size_t k, double max_width, qs_measure_fn measure,
                       void *ctx, qs_arena *a);

/* Width estimate in ems without a font: 1 for wide (CJK, full-width) code
 * points, 0.5 for the rest.  ctx is unused. */
double qs_layout_em_estimate(void *ctx, uint32_t cp);

/* The clreq classes, exposed for tests and the fuzzers. */
bool qs_layout_no_start(uint32_t cp); /* may not start a line */
bool qs_layout_no_end(uint32_t cp);   /* may not end a line */
bool qs_layout_is_wide(uint32_t cp);  /* CJK ideographs, kana, hangul, full-width forms */

#endif
