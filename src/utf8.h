/* utf8.h - UTF-8 decoding and small text helpers (infrastructure). */
#ifndef QS_UTF8_H
#define QS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (at most len bytes).  Returns its byte length,
 * or 0 for an invalid, overlong or truncated sequence (*cp is then 0xFFFD). */
size_t qs_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes cp into out (4 bytes room); returns the byte length. */
size_t qs_utf8_encode(uint32_t cp, char *out);

/* True when s is entirely valid UTF-8. */
bool qs_utf8_valid(const char *s, size_t len);

/* Number of code points in a valid UTF-8 string, or in its first n bytes. */
size_t qs_utf8_length(const char *s);
size_t qs_utf8_length_n(const char *s, size_t n);

/* Levenshtein distance between two UTF-8 strings, counted in code points;
 * gives up (returns limit + 1) once the distance must exceed limit. */
size_t qs_utf8_distance(const char *a, const char *b, size_t limit);

#endif
