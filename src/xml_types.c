/* xml_types.c - typed values of the XML inputs (stage 1: load).
 *
 * Reads attribute values and element texts of a parsed document; writes
 * typed values, or an error with file and line.  Typed values are read
 * here only, by one reader per XSD type that follows its lexical space (XML
 * Schema Part 2) exactly; a value a reader refuses is an error, never a
 * silent 0, false or default.  Never parses a file (xml.c does).
 */
#include "xml.h"
#include "i18n.h"

#include <libxml/tree.h>
#include <limits.h>
#include <math.h>
#include <string.h>

/* ---- XML whitespace ---- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* s with its whitespace collapsed (an xs:token), in place */
char *qs_xml_collapse(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (!is_space(*r))
            *w++ = *r;
        else if (w > s && !is_space(r[1]) && r[1])
            *w++ = ' ';
    }
    *w = '\0';
    return s;
}


/* ---- XSD lexical spaces ---- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* [*b, *e): s without its surrounding XML whitespace (the collapse facet) */
static void trim(const char *s, const char **b, const char **e)
{
    const char *end = s + strlen(s);
    while (is_space(*s))
        s++;
    while (end > s && is_space(end[-1]))
        end--;
    *b = s;
    *e = end;
}

static bool same(const char *b, const char *e, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(e - b) == n && !memcmp(b, word, n);
}

qs_lex qs_xml_lex_boolean(const char *s, bool *out)
{
    const char *b, *e;
    trim(s, &b, &e);
    if (same(b, e, "true") || same(b, e, "1"))
        *out = true;
    else if (same(b, e, "false") || same(b, e, "0"))
        *out = false;
    else
        return QS_LEX_INVALID;
    return QS_LEX_OK;
}

/* Digits from *p up to e into *v (saturating at INT_MAX + 1); false if none. */
static bool digits(const char **p, const char *e, long long *v)
{
    const char *start = *p;
    for (*v = 0; *p < e && is_digit(**p); (*p)++)
        if (*v <= INT_MAX)
            *v = *v * 10 + (**p - '0');
    return *p > start;
}

qs_lex qs_xml_lex_integer(const char *s, int *out)
{
    const char *p, *e;
    trim(s, &p, &e);
    bool neg = p < e && *p == '-';
    if (p < e && (*p == '+' || *p == '-'))
        p++;
    long long v;
    if (!digits(&p, e, &v) || p != e)
        return QS_LEX_INVALID;
    if (neg)
        v = -v;
    if (v > INT_MAX || v < INT_MIN)
        return QS_LEX_RANGE;
    *out = (int)v;
    return QS_LEX_OK;
}

/* The end of a decimal literal at p ([+-]digits[.digits], one digit at
 * least), or NULL. */
static const char *decimal_end(const char *p, const char *e)
{
    size_t n = 0;
    if (p < e && (*p == '+' || *p == '-'))
        p++;
    for (; p < e && is_digit(*p); p++)
        n++;
    if (p < e && *p == '.')
        for (p++; p < e && is_digit(*p); p++)
            n++;
    return n ? p : NULL;
}

/* strtod over a checked literal: the C locale's point is '.' (qsreport
 * never calls setlocale), and it stops at the trailing whitespace */
static double to_double(const char *b)
{
    return strtod(b, NULL);
}

qs_lex qs_xml_lex_decimal(const char *s, double *out)
{
    const char *b, *e;
    trim(s, &b, &e);
    if (decimal_end(b, e) != e)
        return QS_LEX_INVALID;
    double v = to_double(b);
    if (!isfinite(v))
        return QS_LEX_RANGE;
    *out = v;
    return QS_LEX_OK;
}

qs_lex qs_xml_lex_double(const char *s, double *out)
{
    const char *b, *e;
    trim(s, &b, &e);
    /* XSD 1.0 spells the specials this way only (no "+INF", no "inf") */
    if (same(b, e, "INF") || same(b, e, "-INF")) {
        *out = *b == '-' ? -INFINITY : INFINITY;
        return QS_LEX_OK;
    }
    if (same(b, e, "NaN")) {
        *out = NAN;
        return QS_LEX_OK;
    }
    const char *p = decimal_end(b, e);
    if (!p)
        return QS_LEX_INVALID;
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        long long ignored;
        if (!digits(&p, e, &ignored))
            return QS_LEX_INVALID;
    }
    if (p != e)
        return QS_LEX_INVALID;
    *out = to_double(b);
    return QS_LEX_OK;
}

#define POINTS_MAX 1000000L

qs_lex qs_xml_lex_points(const char *s, int *out)
{
    const char *p, *e;
    trim(s, &p, &e);
    if (decimal_end(p, e) != e)
        return QS_LEX_INVALID;
    bool neg = *p == '-';
    if (*p == '+' || *p == '-')
        p++;
    long long whole = 0;
    digits(&p, e, &whole);
    long frac = 0;
    int fdigits = 0;
    bool finer = false; /* a significant digit past the hundredths */
    if (p < e && *p == '.')
        for (p++; p < e; p++, fdigits++) {
            if (fdigits < 2)
                frac = frac * 10 + (*p - '0');
            else if (*p != '0')
                finer = true;
        }
    if (fdigits == 1)
        frac *= 10;
    if (finer || whole > POINTS_MAX)
        return QS_LEX_RANGE;
    long v = (long)whole * 100 + frac;
    *out = (int)(neg ? -v : v);
    return QS_LEX_OK;
}

/* "hh:mm" after a sign: a timezone offset within 14:00 */
static bool timezone_at(const char *p, const char *e, int *minutes)
{
    if (p == e)
        return true; /* none */
    if (*p == 'Z')
        return p + 1 == e;
    if ((*p != '+' && *p != '-') || e - p != 6 || !is_digit(p[1]) || !is_digit(p[2]) ||
        p[3] != ':' || !is_digit(p[4]) || !is_digit(p[5]))
        return false;
    int hh = (p[1] - '0') * 10 + (p[2] - '0'), mm = (p[4] - '0') * 10 + (p[5] - '0');
    if (mm > 59 || hh * 60 + mm > 14 * 60)
        return false;
    *minutes = (*p == '-' ? -1 : 1) * (hh * 60 + mm);
    return true;
}

/* The year that starts a gYear or a date; *p moves past it. */
static qs_lex year_at(const char **p, const char *e, int *year)
{
    const char *q = *p;
    bool neg = q < e && *q == '-';
    if (neg)
        q++;
    const char *first = q;
    long long v;
    if (!digits(&q, e, &v))
        return QS_LEX_INVALID;
    size_t n = (size_t)(q - first);
    if (n < 4 || (n > 4 && *first == '0') || v == 0) /* no year 0 in XSD 1.0 */
        return QS_LEX_INVALID;
    *p = q;
    if (v > INT_MAX)
        return QS_LEX_RANGE;
    *year = (int)(neg ? -v : v);
    return QS_LEX_OK;
}

qs_lex qs_xml_lex_gyear(const char *s, int *year)
{
    const char *p, *e;
    trim(s, &p, &e);
    int y = 0, tz = 0;
    qs_lex r = year_at(&p, e, &y);
    if (r == QS_LEX_INVALID || !timezone_at(p, e, &tz))
        return QS_LEX_INVALID;
    if (r == QS_LEX_OK)
        *year = y;
    return r;
}

/* two digits at p, as a number; -1 if they are not */
static int two_digits(const char *p, const char *e)
{
    return e - p >= 2 && is_digit(p[0]) && is_digit(p[1]) ? (p[0] - '0') * 10 + (p[1] - '0') : -1;
}

static int days_in(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /* the leap rule on the year as written, as libxml2 and XSD 1.1 apply it */
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

qs_lex qs_xml_lex_date(const char *s, qs_xml_date *out)
{
    const char *p, *e;
    trim(s, &p, &e);
    qs_xml_date dt = {0};
    qs_lex r = year_at(&p, e, &dt.year);
    if (r == QS_LEX_INVALID || p == e || *p++ != '-')
        return QS_LEX_INVALID;
    dt.month = two_digits(p, e);
    if (dt.month < 1 || dt.month > 12 || p[2] != '-')
        return QS_LEX_INVALID;
    p += 3;
    dt.day = two_digits(p, e);
    /* past int, the year is refused anyway: only its message is at stake */
    if (dt.day < 1 || dt.day > (r == QS_LEX_OK ? days_in(dt.year, dt.month) : 31))
        return QS_LEX_INVALID;
    p += 2;
    dt.has_tz = p < e;
    if (!timezone_at(p, e, &dt.tz_minutes))
        return QS_LEX_INVALID;
    if (r == QS_LEX_OK)
        *out = dt;
    return r;
}

/* ---- typed getters ---- */

/* the attribute's value, or the element's text when name is NULL (xmlFree it) */
static char *raw_value(const xmlNode *n, const char *name)
{
    if (!n)
        return NULL;
    if (!name)
        return (char *)xmlNodeGetContent(n);
    return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/* at most 60 bytes of v, cut at a character boundary, for a message */
static int shown(const char *v, const char **more)
{
    size_t n = strlen(v);
    *more = "";
    if (n <= 60)
        return (int)n;
    n = 60;
    while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
        n--;
    *more = "…";
    return (int)n;
}

/* An error for value v of n's attribute name (text when NULL): "why". */
static void refuse(const qs_xml_src *x, const xmlNode *n, const char *name, const char *v,
                   const char *why)
{
    qs_srcpos pos = {x->path, qs_xml_line(n)};
    const char *more;
    int len = shown(v, &more);
    if (name)
        qs_diag_error(x->diags, pos, "<%s %s=\"%.*s%s\">: %s", (const char *)n->name, name, len, v,
                      more, why);
    else
        qs_diag_error(x->diags, pos, "<%s>%.*s%s</%s>: %s", (const char *)n->name, len, v, more,
                      (const char *)n->name, why);
}

/* The reasons a reader gives, per type: not in the lexical space, out of range. */
typedef struct lex_type {
    const char *invalid, *range;
} lex_type;

static const lex_type t_boolean = {N_("not an xs:boolean (true, false, 1 or 0)"), ""};
static const lex_type t_integer = {N_("not an xs:integer"),
                                   N_("outside the integers qsreport reads (-2147483648 to 2147483647)")};
static const lex_type t_decimal = {N_("not an xs:decimal"), N_("too large a number for qsreport")};
static const lex_type t_points = {N_("not an xs:decimal"),
                                  N_("qsreport reads points with at most 2 decimals, up to 1000000")};
static const lex_type t_gyear = {N_("not an xs:gYear"),
                                 N_("outside the years qsreport reads (up to 2147483647)")};
static const lex_type t_date = {N_("not an xs:date"),
                                N_("outside the years qsreport reads (up to 2147483647)")};

/* Runs r (the reader's verdict) for v: true if read; an error if refused. */
static bool judged(const qs_xml_src *x, const xmlNode *n, const char *name, char *v, qs_lex r,
                   const lex_type *t)
{
    if (r != QS_LEX_OK) {
        const char *why = r == QS_LEX_RANGE ? t->range : t->invalid;
        refuse(x, n, name, v, *why ? _(why) : why);
    }
    xmlFree(v);
    return r == QS_LEX_OK;
}

bool qs_xml_get_boolean(const qs_xml_src *x, const xmlNode *n, const char *name, bool *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_boolean(v, out), &t_boolean);
}

bool qs_xml_get_integer(const qs_xml_src *x, const xmlNode *n, const char *name, int *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_integer(v, out), &t_integer);
}

bool qs_xml_get_decimal(const qs_xml_src *x, const xmlNode *n, const char *name, double *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_decimal(v, out), &t_decimal);
}

bool qs_xml_get_points(const qs_xml_src *x, const xmlNode *n, const char *name, int *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_points(v, out), &t_points);
}

bool qs_xml_get_gyear(const qs_xml_src *x, const xmlNode *n, const char *name, int *out)
{
    char *v = raw_value(n, name);
    return v && judged(x, n, name, v, qs_xml_lex_gyear(v, out), &t_gyear);
}

const char *qs_xml_get_date(const qs_xml_src *x, const xmlNode *n, const char *name)
{
    char *v = raw_value(n, name);
    qs_xml_date dt;
    if (!v || !judged(x, n, name, v, qs_xml_lex_date(v, &dt), &t_date))
        return NULL;
    return qs_arena_printf(x->arena, "%s%04d-%02d-%02d", dt.year < 0 ? "-" : "",
                           dt.year < 0 ? -dt.year : dt.year, dt.month, dt.day);
}

const char *qs_xml_get_token(const qs_xml_src *x, const xmlNode *n, const char *name)
{
    char *v = raw_value(n, name);
    if (!v)
        return NULL;
    const char *s = qs_arena_strdup(x->arena, qs_xml_collapse(v));
    xmlFree(v);
    return s;
}

bool qs_xml_get_enum(const qs_xml_src *x, const xmlNode *n, const char *name,
                     const char *const *names, int n_names, int *out)
{
    char *v = raw_value(n, name);
    if (!v)
        return false;
    qs_xml_collapse(v);
    for (int i = 0; i < n_names; i++)
        if (!strcmp(v, names[i])) {
            *out = i;
            xmlFree(v);
            return true;
        }
    refuse(x, n, name, v, _("not one of the values qsreport reads"));
    xmlFree(v);
    return false;
}

