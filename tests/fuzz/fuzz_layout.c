/* fuzz_layout.c - libFuzzer target: arbitrary bytes, valid UTF-8 or not,
 * into the line engine at several widths, first fit and justified with
 * punctuation compression: lines come in order inside the text, and every
 * placed glyph of a line lies inside its line, in order, with nothing
 * stretched past the cap. */
#include "arena.h"
#include "layout.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    size_t len = strlen(text); /* the engine reads C strings */
    qs_arena *a = qs_arena_new();
    static const double widths[] = {0.5, 1, 3.5, 7, 28};
    for (size_t k = 0; k < sizeof widths / sizeof *widths; k++) {
        qs_line *lines;
        size_t n = qs_layout_break_list(text, widths[k], qs_layout_em_estimate, NULL, k % 2, a, &lines);
        size_t prev = 0;
        for (size_t i = 0; i < n; i++) {
            if (lines[i].start < prev || lines[i].end < lines[i].start || lines[i].end > len)
                abort();
            prev = lines[i].end;
        }
        qs_layout_opts o = {.width = widths[k], .indent = k % 2 ? 2 : 0, .em = 1, .justify = k % 2 == 0,
                            .compress = true, .list = k % 3 == 0};
        n = qs_layout_lines(text, &o, qs_layout_em_estimate, NULL, a, &lines);
        prev = 0;
        for (size_t i = 0; i < n; i++) {
            if (lines[i].start < prev || lines[i].end < lines[i].start || lines[i].end > len)
                abort();
            prev = lines[i].end;
            qs_placed *pl;
            size_t m = qs_layout_place(text, &lines[i], &o, qs_layout_em_estimate, NULL, a, &pl);
            for (size_t j = 0; j < m; j++) {
                if (pl[j].off < lines[i].start || pl[j].off + pl[j].len > lines[i].end)
                    abort();
                /* never stretched past 0.1 em a gap: a wide glyph's pitch is at most 1.1 em
                 * plus what a following narrow mark lends it */
                if (j && pl[j].x - pl[j - 1].x > 2.2 + 1e-9)
                    abort();
            }
        }
    }
    qs_utf8_valid(text, len);
    qs_utf8_length(text);
    qs_utf8_distance(text, "区住房建设局", 5);
    qs_arena_free(a);
    free(text);
    return 0;
}
