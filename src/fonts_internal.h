/* fonts_internal.h - what fonts.c (finding faces) and fonts_subset.c
 * (subsetting them for PDFs) share: the faces of a qs_fonts and its memo of
 * recent subsets.  Nothing else includes it. */
#ifndef QS_FONTS_INTERNAL_H
#define QS_FONTS_INTERNAL_H

#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <stdint.h>

#define MAX_FACES 64
/* A font file is read only if it is a regular file of at most this size
 * (a CJK TrueType collection is 20 MB or so), folders to this depth. */
#define MAX_FONT_BYTES ((size_t)64 << 20)
#define MAX_DIR_DEPTH 8
/* Subsets kept per worker, compressed: in a batch most unit sheets of one
 * unit draw the same characters from case to case (10 synthetic districts:
 * 240 subsets, 65 distinct).  8 MB holds about 200. */
#define MEMO_BUDGET (8u << 20)

typedef struct face {
    char *family; /* as the font map names it */
    char *file;
    int index;
    FcCharSet *charset;
    hb_blob_t *blob;
    hb_face_t *hb;
    hb_font_t *font;
    unsigned upem;
} face;

/* One subset made earlier, most recently used first. */
typedef struct memo {
    struct memo *next;
    int face;
    uint64_t hash; /* of face and cps, to skip most comparisons */
    uint32_t *cps;
    size_t n;
    unsigned char *zlib; /* the subset as a zlib stream */
    size_t zlib_len, font_len;
} memo;

struct qs_fonts {
    face faces[MAX_FACES];
    int n_faces;
    int role_faces[QS_ROLE_COUNT][MAX_FACES]; /* ids into faces, in map order */
    int n_role_faces[QS_ROLE_COUNT];
    char *role_families[QS_ROLE_COUNT];
    FcConfig *config;
    FcFontSet *app; /* the faces of fonts/ and the --font-dir folders */
    qs_deflate *z;
    memo *memo;
};

#endif
