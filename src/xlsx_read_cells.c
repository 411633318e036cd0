/* xlsx_read_cells.c - cell addresses and values of a read workbook (stage 1: load).
 *
 * Reads: a qs_xsheet (xlsx_read.c) and the references, date serials and
 * numbers its cells hold.  Writes: nothing but what it returns: "C12"
 * <-> row and column, the cell under a merged range, civil dates from the
 * 1900 or 1904 date system (ECMA-376 §18.17.4), and decimals without an
 * exponent, as xs:decimal writes them.  Never touches libxml2 or libzip.
 */
#include "xlsx_read.h"
#include "xlsx_read_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- cell references ---- */

/* "C12" -> row 11, col 2; false if malformed */
bool qs_xread_parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
    uint32_t c = 0, rr = 0;
    const char *p = s;
    while (*p == '$')
        p++;
    int letters = 0;
    for (; *p >= 'A' && *p <= 'Z'; p++, letters++) {
        if (letters == 3)
            return false;
        c = c * 26 + (uint32_t)(*p - 'A' + 1);
    }
    while (*p == '$')
        p++;
    int digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) {
        if (digits == 7)
            return false;
        rr = rr * 10 + (uint32_t)(*p - '0');
    }
    if (*p || !letters || !digits || !rr || c > 16384)
        return false;
    *row = rr - 1;
    *col = c - 1;
    return true;
}

char *qs_xlsx_ref(uint32_t row, uint32_t col, char *buf)
{
    char letters[8];
    int n = 0;
    uint32_t c = col + 1;
    while (c && n < 7) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    int o = 0;
    while (n)
        buf[o++] = letters[--n];
    snprintf(buf + o, 12, "%u", row + 1);
    return buf;
}

int qs_xread_cmp_cell(const void *pa, const void *pb)
{
    const qs_xcell *a = pa, *b = pb;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

const qs_xcell *qs_xlsx_cell_at(const qs_xsheet *s, uint32_t row, uint32_t col)
{
    for (size_t i = 0; i < s->n_merges; i++) {
        const qs_xrange *g = &s->merges[i];
        if (row >= g->r0 && row <= g->r1 && col >= g->c0 && col <= g->c1) {
            row = g->r0;
            col = g->c0;
            break;
        }
    }
    qs_xcell key = {row, col, QS_XCELL_STRING, "", 0};
    return bsearch(&key, s->cells, s->n_cells, sizeof key, qs_xread_cmp_cell);
}

/* days since 1970-01-01 -> civil date (H. Hinnant's algorithm) */
static void civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

bool qs_xlsx_serial_date(double serial, bool date1904, int *y, int *m, int *day)
{
    if (!isfinite(serial) || serial < 0 || serial > 3e6)
        return false;
    long s = (long)floor(serial);
    long days; /* since 1970-01-01 */
    if (date1904) {
        days = s + 1462 - 25569;
    } else {
        if (s < 61) /* before 1900-03-01, where Excel's leap day of 1900 makes serials ambiguous */
            return false;
        days = s - 25569;
    }
    civil(days, y, m, day);
    return *y >= 1900 && *y <= 9999;
}

bool qs_xlsx_decimal(double v, char *buf, size_t size)
{
    if (!isfinite(v))
        return false;
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (!strchr(buf, 'e') && !strchr(buf, 'E'))
        return true;
    /* no exponent in xs:decimal: write it out */
    for (int frac = 0; frac <= 340; frac++) {
        snprintf(buf, size, "%.*f", frac, v);
        if (strtod(buf, NULL) == v)
            return true;
    }
    return true;
}
