/* dump.h - a faithful, stable text dump of the resolved model (`qsreport dump`).
 *
 * One line per object, in document order, official text verbatim.  Tests
 * compare it with reviewed goldens, so changes of layout never break checks
 * of what was loaded.
 */
#ifndef QS_DUMP_H
#define QS_DUMP_H

#include "model.h"

#include <stdio.h>

void qs_dump_case(const qs_case *c, FILE *out);

#endif
