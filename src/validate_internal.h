/* validate_internal.h - the parts of stage 2b, for validate*.c only.
 * Each reads the model and adds diagnostics; qs_validate (validate.c)
 * runs them in order. */
#ifndef QS_VALIDATE_INTERNAL_H
#define QS_VALIDATE_INTERNAL_H

#include "validate.h"

/* The indicator schema: ids, point sums and caps, every figure its text
 * prints, brackets, its declared faults (validate_schema.c). */
void qs_validate_schema(const qs_case *c, qs_diags *d);

/* The plan against its schema: campaign, responsibilities, tasks and
 * targets, and the names that become files (validate_plan.c). */
void qs_validate_plan(const qs_case *c, qs_diags *d);

/* One evidence file against the plan and schema: values, dates, cited
 * files, what each item reports (validate_evidence.c). */
void qs_validate_evidence(const qs_case *c, const qs_evidence *e, qs_diags *d);

/* Two reports of one item that contradict each other (validate_evidence.c). */
void qs_validate_conflicts(const qs_case *c, qs_diags *d);

#endif
