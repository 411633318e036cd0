/* format.h - fill a wording template from templates/strings.xml: every
 * "{name}" is replaced by its value; unknown names stay as they are. */
#ifndef QS_FORMAT_H
#define QS_FORMAT_H

#include "arena.h"

#include <stdbool.h>

/* pairs: name, value, name, value, ..., NULL.  Arena memory. */
const char *qs_format(qs_arena *a, const char *tmpl, const char *const *pairs);

/* A decimal without trailing zeros ("95.9", "100", "0.46"), arena memory. */
const char *qs_format_number(qs_arena *a, double v);

/* A value with its unit, the one way documents write a measured value:
 * "0.39%", "5名", "86.4分"; unit may be NULL or "".  Arena memory. */
const char *qs_format_value(qs_arena *a, double v, const char *unit);

/* An ISO date ("2022-08-17") as text, the way an official document writes
 * it: tmpl (strings.xml "date", "{year}年{month}月{day}日") filled with the
 * numbers, no zero padding (GB/T 9704 7.3.5.4).  A value that is not an
 * ISO date comes back as it is.  Arena memory. */
const char *qs_format_date(qs_arena *a, const char *tmpl, const char *iso);

/* Parses an ISO date ("2022-08-17", optionally followed by a time) into
 * its numbers; false when it is not one. */
bool qs_format_parse_date(const char *iso, int *year, int *month, int *day);

#endif
