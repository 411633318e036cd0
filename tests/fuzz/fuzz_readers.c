/* fuzz_readers.c - libFuzzer target: arbitrary strings through the typed
 * readers of xml.c, differentially against libxml2's own type checker (the
 * one XSD validation used).  The first byte picks the type, the rest is the
 * value.  Asserted: a value the reader takes, libxml2 takes, with the same
 * value; a value libxml2 takes, the reader takes or finds out of range
 * (libxml2's own limits aside, below); what the reader returns prints back
 * to a literal it reads again as the same value; the getters, fed the value
 * as an attribute, agree with the readers and never crash on any bytes. */
#include "arena.h"
#include "diag.h"
#include "model.h"
#include "xml.h"

#include <libxml/tree.h>
#include <libxml/xmlschemastypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "fuzz_readers: %s (line %d) fails for \"%s\"\n", #cond,      \
                    __LINE__, s);                                                        \
            abort();                                                                     \
        }                                                                                \
    } while (0)

static const xmlChar XSD_NS[] = "http://www.w3.org/2001/XMLSchema";

/* libxml2's verdict on s as XSD type name */
static bool xsd(const char *type, const char *s)
{
    xmlSchemaTypePtr t = xmlSchemaGetPredefinedType((const xmlChar *)type, XSD_NS);
    return xmlSchemaValPredefTypeNode(t, (const xmlChar *)s, NULL, NULL) == 0;
}

/* Whether libxml2 finds the literals a and b of XSD type name the same value
 * (its canonical forms are not to be trusted: it prints decimal 609999065
 * as 69999065). */
static bool same_value(const char *type, const char *a, const char *b)
{
    xmlSchemaTypePtr t = xmlSchemaGetPredefinedType((const xmlChar *)type, XSD_NS);
    xmlSchemaValPtr va = NULL, vb = NULL;
    bool same = xmlSchemaValPredefTypeNode(t, (const xmlChar *)a, &va, NULL) == 0 &&
                xmlSchemaValPredefTypeNode(t, (const xmlChar *)b, &vb, NULL) == 0 &&
                xmlSchemaCompareValues(va, vb) == 0;
    xmlSchemaFreeValue(va);
    xmlSchemaFreeValue(vb);
    return same;
}

/* Digits libxml2 counts against its limit of 24 for xs:decimal and
 * xs:integer: all but the integer part's leading zeros. */
static size_t counted_digits(const char *s)
{
    size_t n = 0;
    bool lead = true;
    for (; *s; s++) {
        if (*s == '.')
            lead = false;
        else if (*s >= '0' && *s <= '9' && !(lead && *s == '0' && n == 0))
            n++;
    }
    return n;
}

static bool has_timezone(const char *s)
{
    const char *e = s + strlen(s);
    while (e > s && strchr(" \t\r\n", e[-1]))
        e--;
    return (e > s && e[-1] == 'Z') || (e - s >= 6 && e[-3] == ':' && (e[-6] == '+' || e[-6] == '-'));
}

/* s has an exponent marker without a digit after it (and its sign) */
static bool bare_exponent(const char *s)
{
    const char *e = strpbrk(s, "eE");
    if (!e)
        return false;
    e++;
    if (*e == '+' || *e == '-')
        e++;
    return !(*e >= '0' && *e <= '9');
}

static void boolean(const char *s)
{
    bool v;
    qs_lex r = qs_xml_lex_boolean(s, &v);
    bool x = xsd("boolean", s);
    CHECK(r != QS_LEX_RANGE);
    CHECK((r == QS_LEX_OK) == x);
    if (x)
        CHECK(same_value("boolean", s, v ? "true" : "false"));
}

static void integer(const char *s)
{
    int v;
    qs_lex r = qs_xml_lex_integer(s, &v);
    bool x = xsd("integer", s);
    CHECK(r != QS_LEX_OK || x || counted_digits(s) > 24);
    CHECK(!x || r != QS_LEX_INVALID);
    if (r == QS_LEX_OK) {
        char back[16];
        int w;
        snprintf(back, sizeof back, "%d", v);
        if (x)
            CHECK(same_value("integer", s, back));
        CHECK(qs_xml_lex_integer(back, &w) == QS_LEX_OK && w == v);
    }
}

static void decimal(const char *s)
{
    double v;
    qs_lex r = qs_xml_lex_decimal(s, &v);
    bool x = xsd("decimal", s);
    /* with 24 digits read libxml2 stops, and a point after them is left over */
    CHECK(r == QS_LEX_INVALID || x || counted_digits(s) >= 24);
    CHECK(!x || r == QS_LEX_OK); /* 24 digits always fit a double */
    if (r == QS_LEX_OK) {
        CHECK(isfinite(v));
        /* up to 15 digits a double prints back as the decimal it was read from */
        const char *point = strchr(s, '.');
        if (x && counted_digits(s) <= 15) {
            char back[64];
            snprintf(back, sizeof back, "%.*f", point ? (int)counted_digits(point) : 0, v);
            CHECK(same_value("decimal", s, back));
        }
        int p;
        if (qs_xml_lex_points(s, &p) == QS_LEX_OK)
            CHECK(fabs(p / 100.0 - v) < 1e-9 * (1 + fabs(v)));
    }
}

static void xsd_double(const char *s)
{
    double v;
    qs_lex r = qs_xml_lex_double(s, &v);
    CHECK(r != QS_LEX_RANGE);
    bool x = xsd("double", s);
    CHECK(r != QS_LEX_OK || x);
    /* libxml2 also takes an exponent without digits ("1e", "1E+"); XSD does not */
    CHECK(!x || r == QS_LEX_OK || bare_exponent(s));
    if (r == QS_LEX_OK && isfinite(v)) {
        char back[32];
        double w;
        snprintf(back, sizeof back, "%.17g", v);
        CHECK(qs_xml_lex_double(back, &w) == QS_LEX_OK && w == v);
        double d;
        if (qs_xml_lex_decimal(s, &d) == QS_LEX_OK)
            CHECK(d == v);
    }
}

static void points(const char *s)
{
    int v;
    qs_lex r = qs_xml_lex_points(s, &v);
    double d;
    qs_lex rd = qs_xml_lex_decimal(s, &d);
    CHECK((r == QS_LEX_INVALID) == (rd == QS_LEX_INVALID));
    if (r == QS_LEX_OK) {
        char back[16];
        int w;
        qs_points_str(v, back);
        CHECK(qs_xml_lex_points(back, &w) == QS_LEX_OK && w == v);
        CHECK(v <= 100000000 && v >= -100000000);
    }
}

static void gyear(const char *s)
{
    int v;
    qs_lex r = qs_xml_lex_gyear(s, &v);
    bool x = xsd("gYear", s);
    CHECK(r != QS_LEX_OK || x);
    CHECK(!x || r != QS_LEX_INVALID);
    if (r == QS_LEX_OK) {
        CHECK(v != 0);
        char back[16];
        int w;
        snprintf(back, sizeof back, "%s%04d", v < 0 ? "-" : "", abs(v));
        if (!has_timezone(s))
            CHECK(same_value("gYear", s, back));
        CHECK(qs_xml_lex_gyear(back, &w) == QS_LEX_OK && w == v);
    }
}

static void date(const char *s)
{
    qs_xml_date v;
    qs_lex r = qs_xml_lex_date(s, &v);
    bool x = xsd("date", s);
    CHECK(r != QS_LEX_OK || x);
    CHECK(!x || r != QS_LEX_INVALID);
    if (r == QS_LEX_OK) {
        char back[40];
        int n = snprintf(back, sizeof back, "%s%04d-%02d-%02d", v.year < 0 ? "-" : "",
                         abs(v.year), v.month, v.day);
        if (v.has_tz)
            snprintf(back + n, sizeof back - (size_t)n, "%c%02d:%02d", v.tz_minutes < 0 ? '-' : '+',
                     abs(v.tz_minutes) / 60, abs(v.tz_minutes) % 60);
        CHECK(same_value("date", s, back));
        qs_xml_date w;
        CHECK(qs_xml_lex_date(back, &w) == QS_LEX_OK);
        CHECK(w.year == v.year && w.month == v.month && w.day == v.day && w.has_tz == v.has_tz &&
              w.tz_minutes == v.tz_minutes);
    }
}

/* The getters on s as an attribute: the same verdicts, a token collapsed as
 * libxml2 collapses it, one error per refusal and nothing else. */
static void getters(const char *input)
{
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *n = xmlNewDocNode(doc, NULL, (const xmlChar *)"e", NULL);
    xmlDocSetRootElement(doc, n);
    xmlNewProp(n, (const xmlChar *)"a", (const xmlChar *)input);
    char *s = (char *)xmlGetNoNsProp(n, (const xmlChar *)"a"); /* the value as stored */
    qs_diags d;
    qs_diag_init(&d);
    qs_arena *a = qs_arena_new();
    qs_xml_src x = {a, "fuzz.xml", &d};
    size_t refused = 0;
    bool b;
    int i;
    double v;
    refused += !qs_xml_get_boolean(&x, n, "a", &b);
    refused += !qs_xml_get_integer(&x, n, "a", &i);
    refused += !qs_xml_get_decimal(&x, n, "a", &v);
    refused += !qs_xml_get_points(&x, n, "a", &i);
    refused += !qs_xml_get_gyear(&x, n, "a", &i);
    qs_xml_date dt;
    const char *date_str = qs_xml_get_date(&x, n, "a");
    refused += !date_str;
    CHECK((date_str != NULL) == (qs_xml_lex_date(s, &dt) == QS_LEX_OK));
    static const char *const names[] = {"lead", "support"};
    refused += !qs_xml_get_enum(&x, n, "a", names, 2, &i);
    CHECK(d.count == refused && qs_diag_errors(&d) == refused);
    for (size_t k = 0; k < d.count; k++)
        CHECK(!strncmp(d.items[k].message, "<e a=\"", 6));
    const char *t = qs_xml_get_token(&x, n, "a");
    CHECK(t && !strchr(t, '\t') && !strchr(t, '\n') && !strchr(t, '\r') && !strstr(t, "  "));
    CHECK(*t != ' ' && (!*t || t[strlen(t) - 1] != ' '));
    xmlChar *c = xmlSchemaCollapseString((const xmlChar *)s);
    CHECK(!strcmp(t, c ? (const char *)c : s));
    xmlFree(c);
    CHECK(d.count == refused);
    qs_diag_free(&d);
    qs_arena_free(a);
    xmlFree(s);
    xmlFreeDoc(doc);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlSchemaInitTypes();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *s = malloc(size);
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    switch (data[0] % 8) {
    case 0: boolean(s); break;
    case 1: integer(s); break;
    case 2: decimal(s); break;
    case 3: xsd_double(s); break;
    case 4: points(s); break;
    case 5: gyear(s); break;
    case 6: date(s); break;
    default: getters(s); break;
    }
    free(s);
    return 0;
}
