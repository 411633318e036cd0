/* validate.c - stage 2b: semantic checks over a resolved case.
 *
 * Reads the model only; writes diagnostics only.  The XSDs have already
 * checked structure and types; this file checks what they cannot: sums,
 * caps, uniqueness, cross-references, ranges, dates, paths, conflicts.
 * The official text is reprinted as published, faults included, and never
 * fixed; the schema declares each fault where it stands (<as-published>,
 * stating the figure the text gives: seed row 25's items 1 + 1 + 2 under a
 * 3-point row, row 17's unclosed bracket).  A declared fault is a warning
 * "(as published)"; an undeclared one, one declared with another figure, or
 * a declaration of a fault that is not there is an error, so a typo in a
 * new year's schema is never taken for the official text's own.
 * The parts: validate_schema.c, validate_plan.c, validate_evidence.c, and
 * fsio_check.c for what becomes a file.
 */
#include "validate.h"
#include "excel_limits.h"
#include "validate_internal.h"

size_t qs_validate(const qs_case *c, qs_diags *d)
{
    size_t before = qs_diag_errors(d);
    if (c->schema)
        qs_validate_schema(c, d);
    if (c->plan)
        qs_validate_plan(c, d);
    /* evidence means something only against a plan and its schema */
    if (c->plan && c->schema) {
        for (size_t i = 0; i < c->n_evidence; i++)
            qs_validate_evidence(c, &c->evidence[i], d);
        qs_validate_conflicts(c, d);
    }
    qs_excel_limits_check(c, d); /* last: what Excel would refuse (excel_limits.c) */
    return qs_diag_errors(d) - before;
}

