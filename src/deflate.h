/* deflate.h - zlib streams (RFC 1950) for the PDF writer's FlateDecode,
 * made with libdeflate: about three times faster than zlib at the same size
 * (measured on our font subsets: notes in deflate.c). */
#ifndef QS_DEFLATE_H
#define QS_DEFLATE_H

#include <stddef.h>

typedef struct qs_deflate qs_deflate;

/* A compressor and a decompressor, kept for reuse (each call allocates
 * nothing else).  Aborts when out of memory, like qs_xmalloc. */
qs_deflate *qs_deflate_new(void);
void qs_deflate_free(qs_deflate *z);

/* data (n bytes) as a zlib stream: malloc'd, its length in *out_n. */
unsigned char *qs_deflate_zlib(qs_deflate *z, const void *data, size_t n, size_t *out_n);

/* The n bytes a zlib stream of len bytes holds: malloc'd; NULL when data is
 * not a zlib stream of exactly n bytes. */
unsigned char *qs_deflate_unzlib(qs_deflate *z, const void *data, size_t len, size_t n);

#endif
