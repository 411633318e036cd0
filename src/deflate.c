/* deflate.c - zlib streams with libdeflate (stage 4: render).
 *
 * Measured on the 52 large streams of the sample package (24 font subsets
 * and 28 CIDToGIDMaps, 5.3 MB): zlib level 6, libharu's, took 84 ms for
 * 962 KB; libdeflate level 7 takes 33 ms for 964 KB.  Level 7 is kept: the
 * sizes stay those of zlib, and the official table stays under 77 KB.
 */
#include "deflate.h"
#include "arena.h"

#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>

#define LEVEL 7

struct qs_deflate {
    struct libdeflate_compressor *c;
    struct libdeflate_decompressor *d;
};

qs_deflate *qs_deflate_new(void)
{
    qs_deflate *z = qs_xmalloc(sizeof *z);
    z->c = libdeflate_alloc_compressor(LEVEL);
    z->d = libdeflate_alloc_decompressor();
    if (!z->c || !z->d) {
        fputs("qsreport: out of memory\n", stderr);
        abort();
    }
    return z;
}

void qs_deflate_free(qs_deflate *z)
{
    if (!z)
        return;
    libdeflate_free_compressor(z->c);
    libdeflate_free_decompressor(z->d);
    free(z);
}

unsigned char *qs_deflate_zlib(qs_deflate *z, const void *data, size_t n, size_t *out_n)
{
    size_t bound = libdeflate_zlib_compress_bound(z->c, n);
    unsigned char *out = qs_xmalloc(bound);
    *out_n = libdeflate_zlib_compress(z->c, data, n, out, bound);
    if (*out_n == 0) { /* cannot happen within the bound */
        fputs("qsreport: compression failed\n", stderr);
        abort();
    }
    return out;
}

unsigned char *qs_deflate_unzlib(qs_deflate *z, const void *data, size_t len, size_t n)
{
    unsigned char *out = qs_xmalloc(n ? n : 1);
    size_t got = 0;
    if (libdeflate_zlib_decompress(z->d, data, len, out, n, &got) != LIBDEFLATE_SUCCESS || got != n) {
        free(out);
        return NULL;
    }
    return out;
}
