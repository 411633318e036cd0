/* wording.h - the documents' Chinese wording, by key (templates/strings.xml).
 *
 * Renderers take every fixed word of a document from here, never from C
 * string literals.  Loaded once per process; the table is plain memory,
 * freed with qs_strings_free().
 */
#ifndef QS_WORDING_H
#define QS_WORDING_H

#include "diag.h"

#include <stddef.h>

typedef struct qs_strings qs_strings;

/* Loads path; NULL (with diagnostics) when it is unreadable or invalid. */
qs_strings *qs_strings_load(const char *path, qs_diags *d);
void qs_strings_free(qs_strings *s);

/* The text for key, or NULL when the file has none. */
const char *qs_strings_get(const qs_strings *s, const char *key);

/* The text for key, or the key itself when the file has none (so that a
 * missing string shows as its key in a document).  Arena memory of s, or
 * key; never NULL. */
const char *qs_wording(const qs_strings *s, const char *key);

/* Adds an error for every key of the NULL-terminated list that is missing;
 * returns the number missing. */
size_t qs_strings_require(const qs_strings *s, const char *const *keys, qs_diags *d);

#endif
