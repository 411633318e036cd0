/* form_xlsx.h - the evidence form for one unit (佐证材料填报表), as xlsx:
 * what `qsreport init CASE --unit U -o U.xlsx` writes (form.h has the
 * layout; load_form.h reads it back).
 */
#ifndef QS_FORM_XLSX_H
#define QS_FORM_XLSX_H

#include "diag.h"
#include "duties.h"
#include "fsio.h"
#include "status.h"
#include "wording.h"

#include <time.h>

/* The strings.xml keys the form needs (NULL-terminated). */
extern const char *const qs_form_string_keys[];

/* Writes unit u's form to `to` (a temporary file renamed into place),
 * prefilled with the case's evidence for u, dated epoch.  With no_replace
 * a file that appeared at to meanwhile is kept (*kept, QS_OK, nothing
 * written).  QS_OK, or a status with one diagnostic naming to->shown. */
qs_status qs_form_write(const qs_case *c, const qs_unit_duties *u, const qs_strings *s, const qs_dest *to,
                        time_t epoch, bool no_replace, bool *kept, qs_diags *d);

#endif
