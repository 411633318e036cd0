/* fontmap.h - fonts/fontmap.conf: which font families each role of a
 * document uses, in order of preference.  Plain data; finding the files is
 * fonts.c's job (fontconfig). */
#ifndef QS_FONTMAP_H
#define QS_FONTMAP_H

#include "diag.h"

#include <stddef.h>

typedef enum {
    QS_ROLE_TITLE,    /* document titles: 2号 小标宋 */
    QS_ROLE_HEADING1, /* 一、 headings: 黑体 */
    QS_ROLE_HEADING2, /* （一） headings: 楷体 */
    QS_ROLE_BODY,     /* body text: 3号 仿宋 */
    QS_ROLE_HEADER,   /* table header row: 黑体 */
    QS_ROLE_TABLE,    /* table cells: 仿宋 */
    QS_ROLE_PAGENUM,  /* page numbers: 4号 宋体 */
    QS_ROLE_LATIN_SERIF, /* Latin letters and digits beside 宋/仿宋/楷 (西文字体): Times New Roman */
    QS_ROLE_LATIN_SANS,  /* ... beside 黑体: Arial */
    QS_ROLE_COUNT
} qs_font_role;

typedef struct qs_fontmap qs_fontmap;

/* Parses path ("role: family, family, …" lines; # comments).  Unknown roles
 * and roles without families are errors; a role left out is an error too.
 * NULL (with diagnostics) on failure.  Free with qs_fontmap_free(). */
qs_fontmap *qs_fontmap_load(const char *path, qs_diags *d);
void qs_fontmap_free(qs_fontmap *m);

/* The i-th family of role r (0 = the preferred, office one), or NULL. */
const char *qs_fontmap_family(const qs_fontmap *m, qs_font_role r, size_t i);
size_t qs_fontmap_count(const qs_fontmap *m, qs_font_role r);

/* The role whose faces set the Latin letters, digits and their signs of
 * text in role r (fontmap.conf: serif beside 宋/仿宋/楷, sans beside 黑体);
 * a Latin role is its own. */
qs_font_role qs_font_role_latin(qs_font_role r);

/* "title", "heading1", … */
const char *qs_font_role_name(qs_font_role r);

#endif
