/* epoch.c - SOURCE_DATE_EPOCH, read in one place (see epoch.h).
 *
 * The reproducible-builds specification: the value is an integer as
 * `date +%s` prints it, and a malformed one should fail the build; so
 * garbage, a sign, a space, an exponent or a year past 9999 (which no
 * document date can show) is refused here, and main reports it.
 */
#include "epoch.h"

#include <stdlib.h>

bool qs_epoch_parse(const char *s, time_t *t)
{
    long long v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
        if (v > QS_EPOCH_MAX) /* checked per digit, so v never overflows */
            return false;
    }
    *t = (time_t)v;
    return true;
}

const char *qs_epoch_invalid(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    time_t t;
    return s && *s && !qs_epoch_parse(s, &t) ? s : NULL;
}

time_t qs_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    time_t t;
    if (s && qs_epoch_parse(s, &t))
        return t;
    return time(NULL);
}
