/* format.h - fill a wording template from templates/strings.xml: every
 * "{name}" is replaced by its value; unknown names stay as they are. */
#ifndef QS_FORMAT_H
#define QS_FORMAT_H

#include "arena.h"

/* pairs: name, value, name, value, ..., NULL.  Arena memory. */
const char *qs_format(qs_arena *a, const char *tmpl, const char *const *pairs);

/* A decimal without trailing zeros ("95.9", "100", "0.46"), arena memory. */
const char *qs_format_number(qs_arena *a, double v);

#endif
