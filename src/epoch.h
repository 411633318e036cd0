/* epoch.h - the one source of "now" for every document: SOURCE_DATE_EPOCH
 * when set (reproducible builds), else the current time. */
#ifndef QS_EPOCH_H
#define QS_EPOCH_H

#include <time.h>

/* SOURCE_DATE_EPOCH if it is a valid non-negative integer, else time(NULL). */
time_t qs_epoch(void);

#endif
