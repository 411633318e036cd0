/* format.c - placeholder filling for the documents' wording (infrastructure). */
#include "format.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* the value of the placeholder at p ("{name}..."), or NULL; *skip gets its length */
static const char *lookup(const char *p, const char *const *pairs, size_t *skip)
{
    const char *close = *p == '{' ? strchr(p, '}') : NULL;
    if (!close)
        return NULL;
    size_t n = (size_t)(close - p - 1);
    for (size_t i = 0; pairs && pairs[i]; i += 2)
        if (strlen(pairs[i]) == n && !strncmp(p + 1, pairs[i], n)) {
            *skip = n + 2;
            return pairs[i + 1];
        }
    return NULL;
}

const char *qs_format(qs_arena *a, const char *tmpl, const char *const *pairs)
{
    size_t len = 0, skip;
    for (const char *p = tmpl; *p;) { /* pass 1: the exact length */
        const char *v = lookup(p, pairs, &skip);
        len += v ? strlen(v) : 1;
        p += v ? skip : 1;
    }
    char *out = qs_arena_alloc(a, len + 1), *o = out;
    for (const char *p = tmpl; *p;) {
        const char *v = lookup(p, pairs, &skip);
        if (v) {
            size_t n = strlen(v);
            memcpy(o, v, n);
            o += n;
            p += skip;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

const char *qs_format_number(qs_arena *a, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.6f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0')
            *e-- = '\0';
        if (e == dot)
            *e = '\0';
    }
    if (!strcmp(buf, "-0"))
        strcpy(buf, "0");
    return qs_arena_strdup(a, buf);
}

const char *qs_format_value(qs_arena *a, double v, const char *unit)
{
    return qs_arena_printf(a, "%s%s", qs_format_number(a, v), unit ? unit : "");
}

bool qs_format_parse_date(const char *iso, int *year, int *month, int *day)
{
    if (!iso)
        return false;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? iso[i] != '-' : !isdigit((unsigned char)iso[i]))
            return false;
    if (iso[10] && iso[10] != 'T' && iso[10] != ' ')
        return false;
    *year = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
    *month = (iso[5] - '0') * 10 + (iso[6] - '0');
    *day = (iso[8] - '0') * 10 + (iso[9] - '0');
    return *month >= 1 && *month <= 12 && *day >= 1 && *day <= 31;
}

const char *qs_format_date(qs_arena *a, const char *tmpl, const char *iso)
{
    int y, m, d;
    if (!tmpl || !qs_format_parse_date(iso, &y, &m, &d))
        return iso;
    const char *pairs[] = {"year", qs_arena_printf(a, "%d", y), "month", qs_arena_printf(a, "%d", m),
                           "day", qs_arena_printf(a, "%d", d), NULL};
    return qs_format(a, tmpl, pairs);
}
