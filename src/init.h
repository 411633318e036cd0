/* init.h - `qsreport init`: evidence files to fill in, one per unit, with
 * every scoring item the unit is responsible for, the verbatim scoring
 * method beside each, and the fields commented out, ready to fill.  As
 * written they pass validation (unfilled items are warnings). */
#ifndef QS_INIT_H
#define QS_INIT_H

#include "duties.h"
#include "status.h"
#include "wording.h"

#include <stdio.h>

/* The strings.xml keys the templates need (NULL-terminated). */
extern const char *const qs_init_string_keys[];

/* Writes unit u's evidence template to out. */
void qs_init_write(const qs_case *c, const qs_unit_duties *u, const qs_strings *s, FILE *out);

#endif
