/* epoch.h - the one source of "now" for every document: SOURCE_DATE_EPOCH
 * when set (reproducible builds), else the current time. */
#ifndef QS_EPOCH_H
#define QS_EPOCH_H

#include <stdbool.h>
#include <time.h>

/* The latest epoch a four-digit year can show: 9999-12-31T23:59:59Z. */
#define QS_EPOCH_MAX 253402300799LL

/* Parses s as SOURCE_DATE_EPOCH: decimal digits only (no sign, no space),
 * from 0 to QS_EPOCH_MAX.  Returns false, *t untouched, otherwise. */
bool qs_epoch_parse(const char *s, time_t *t);

/* The value of SOURCE_DATE_EPOCH when it is set, not empty and malformed
 * (what the caller reports); NULL when it is unset, empty or valid. */
const char *qs_epoch_invalid(void);

/* SOURCE_DATE_EPOCH when it is set, not empty and valid; else time(NULL).
 * An empty value counts as unset, as the shell's ${SOURCE_DATE_EPOCH:-now}. */
time_t qs_epoch(void);

#endif
