/* utf8.c - UTF-8 decoding and edit distance (infrastructure).
 *
 * Strict decoding per RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF.  Used on text that libxml2 has already checked, and on
 * arbitrary bytes by the layout engine and the fuzzers.
 */
#include "utf8.h"
#include "arena.h"

#include <stdlib.h>
#include <string.h>

size_t qs_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    *cp = 0xFFFD;
    if (len == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t qs_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

bool qs_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        size_t n = qs_utf8_decode(s + i, len - i, &cp);
        if (!n)
            return false;
        i += n;
    }
    return true;
}

size_t qs_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

size_t qs_utf8_length_n(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* code points of s into a new array; *n gets the count */
static uint32_t *decode_all(const char *s, size_t *n)
{
    size_t len = strlen(s);
    uint32_t *out = qs_xmalloc((len + 1) * sizeof *out);
    size_t i = 0, k = 0;
    while (i < len) {
        size_t step = qs_utf8_decode(s + i, len - i, &out[k]);
        i += step ? step : 1;
        k++;
    }
    *n = k;
    return out;
}

size_t qs_utf8_distance(const char *a, const char *b, size_t limit)
{
    size_t na, nb;
    uint32_t *ca = decode_all(a, &na), *cb = decode_all(b, &nb);
    size_t result;
    if ((na > nb ? na - nb : nb - na) > limit) {
        result = limit + 1;
        goto done;
    }
    size_t *row = qs_xmalloc((nb + 1) * sizeof *row);
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t v = diag + (ca[i - 1] != cb[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit) {
            free(row);
            result = limit + 1;
            goto done;
        }
    }
    result = row[nb] > limit ? limit + 1 : row[nb];
    free(row);
done:
    free(ca);
    free(cb);
    return result;
}
