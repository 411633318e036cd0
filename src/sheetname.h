/* sheetname.h - Excel sheet names from free text (stage 4: render, shared).
 *
 * Excel refuses a sheet name that is empty, longer than 31 characters,
 * contains one of [ ] : * ? / \, starts or ends with an apostrophe, is
 * "History", or equals another sheet's name ignoring case; libxlsxwriter
 * checks only some of this (notes/libraries.md 12a).  These functions turn
 * any list of names (units, say) into names Excel takes, one per input,
 * never two alike, the same output for the same input every time.  Also
 * the file name of a unit's PDF sheet.  Pure C: no libxlsxwriter; arena memory.
 */
#ifndef QS_SHEETNAME_H
#define QS_SHEETNAME_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>

/* Excel's limit.  It counts UTF-16 code units, so a character outside the
 * Basic Multilingual Plane (CJK Extension B, say) counts twice here. */
#define QS_SHEETNAME_MAX 31

/* out[i] gets a valid sheet name for names[i], all n distinct:
 *   - a forbidden character becomes its full-width form (':' U+FF1A, '/'
 *     U+FF0F, and so on),
 *     a control character a space; runs of white space become one space,
 *     and leading and trailing white space goes;
 *   - a leading or trailing apostrophe becomes the full-width U+FF07;
 *   - an empty name (or NULL) takes fallback (NULL or empty: "Sheet");
 *   - a name is cut to 31 characters, never inside a character nor
 *     between a character and the combining marks that follow it;
 *   - a name equal to an earlier one (ignoring case) or to "History" gets
 *     the first free suffix "~2", "~3" and so on, cut shorter to make room.
 * Earlier names win: list the names that must stay as they are first. */
void qs_sheetname_make(qs_arena *a, const char *const *names, size_t n, const char *fallback,
                       const char **out);

/* True when Excel takes name as it is (the rules above, uniqueness aside). */
bool qs_sheetname_valid(const char *name);

/* True when Excel sees a and b as one name: equal but for the case of
 * Latin (ASCII, Latin-1, full-width), Greek and Cyrillic letters. */
bool qs_sheetname_same(const char *a, const char *b);

/* The name as Excel compares names: equal keys exactly when
 * qs_sheetname_same, for sorting or hashing many names.  Arena memory. */
const char *qs_sheetname_key(qs_arena *a, const char *name);

/* Length as Excel counts it (UTF-16 code units). */
size_t qs_sheetname_length(const char *name);

/* The file name of a unit's PDF sheet in a package: "<unit>.pdf", each
 * character a file system refuses somewhere (/ \ : * ? " < > |) written
 * in its full-width form ("／", "：" ...), as sheet names are (arena
 * memory).  validate checks the result with qs_fs_name_problem. */
const char *qs_sheetname_pdf(qs_arena *a, const char *unit);

/* The same with another extension (".xml": the evidence file init writes
 * for the unit): one rule for every file named after a unit. */
const char *qs_sheetname_file(qs_arena *a, const char *unit, const char *ext);

#endif
