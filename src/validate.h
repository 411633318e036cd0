/* validate.h - stage 2b: the semantic checks. */
#ifndef QS_VALIDATE_H
#define QS_VALIDATE_H

#include "diag.h"
#include "model.h"

/* Checks a loaded and resolved case for meaning: unique ids, point sums and
 * caps, rules against the declared quantities, facts and incidents, the plan
 * against the schema, the evidence against both (ranges, dates, cited files
 * inside the case folder, conflicts between files).  Inconsistencies of the
 * published text are warnings that name both sides; they are never
 * corrected.  Returns the number of errors added. */
size_t qs_validate(const qs_case *c, qs_diags *d);

#endif
