/* resolve.h - stage 2a: names -> registry units, references -> model objects. */
#ifndef QS_RESOLVE_H
#define QS_RESOLVE_H

#include "diag.h"
#include "model.h"

/* Fills every "resolved" field of the case: unit references (names and
 * aliases) of the plan and the evidence, group expansion (a committee group
 * stands for every member unit), indicators of responsibilities, tasks of
 * targets, schema items of evidence items.  Each name that does not resolve
 * is an error that suggests the nearest registered name.  Returns the number
 * of errors added. */
size_t qs_resolve(qs_case *c, qs_diags *d);

/* True when unit u carries indicator ind in the plan: named in its 责任单位,
 * directly or through a group, or hosting a unit that is.  *lead is set when
 * u (or the unit it hosts) is the lead. */
bool qs_resolve_responsible(const qs_plan *p, const qs_indicator *ind, const qs_unit *u, bool *lead);

/* The responsibility of indicator no, or NULL. */
const qs_responsibility *qs_resolve_responsibility(const qs_plan *p, int no);

#endif
