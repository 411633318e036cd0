/* epoch.c - SOURCE_DATE_EPOCH, read in one place (see epoch.h). */
#include "epoch.h"

#include <errno.h>
#include <stdlib.h>

time_t qs_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (!errno && !*end && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}
