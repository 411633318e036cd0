/* test_xml_readers.c - the typed readers of xml.c: every lexical variant of
 * each XSD type, checked against libxml2's own type checker (the validator
 * the input went through), the getters' diagnostics, and the loaders reading
 * a variant exactly as its canonical form. */
#include "fixture.h"
#include "xml.h"

#include <libxml/xmlschemastypes.h>
#include <math.h>

/* ---- libxml2 as the oracle ---- */

/* Whether libxml2 finds s valid for the built-in XSD type name. */
static bool xsd_valid(const char *type, const char *s)
{
    xmlSchemaTypePtr t = xmlSchemaGetPredefinedType((const xmlChar *)type,
                                                    (const xmlChar *)"http://www.w3.org/2001/XMLSchema");
    assert_non_null(t);
    return xmlSchemaValPredefTypeNode(t, (const xmlChar *)s, NULL, NULL) == 0;
}

/* The reader and the XSD agree: accepted or out of range (a valid literal)
 * exactly when libxml2 accepts it. */
#define assert_as_xsd(type, s, r)                                                               \
    do {                                                                                        \
        if (xsd_valid((type), (s)) != ((r) != QS_LEX_INVALID))                                  \
            fail_msg("\"%s\": libxml2 says %s for %s, the reader %d", (s),                      \
                     xsd_valid((type), (s)) ? "valid" : "invalid", (type), (int)(r));            \
    } while (0)

/* ---- the lexical readers ---- */

static void test_boolean_reads_true_false_1_0_with_whitespace_collapsed(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        qs_lex r;
        bool v;
    } cases[] = {
        {"true", QS_LEX_OK, true},     {" true", QS_LEX_OK, true},    {"true\n", QS_LEX_OK, true},
        {"\t1\r\n", QS_LEX_OK, true},  {"1", QS_LEX_OK, true},        {"false", QS_LEX_OK, false},
        {" 0 ", QS_LEX_OK, false},     {"0", QS_LEX_OK, false},       {"TRUE", QS_LEX_INVALID, 0},
        {"yes", QS_LEX_INVALID, 0},    {"", QS_LEX_INVALID, 0},       {"t rue", QS_LEX_INVALID, 0},
        {"01", QS_LEX_INVALID, 0},     {"\v1", QS_LEX_INVALID, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool v = !cases[i].v;
        qs_lex r = qs_xml_lex_boolean(cases[i].s, &v);
        assert_int_equal(r, cases[i].r);
        if (r == QS_LEX_OK)
            assert_int_equal(v, cases[i].v);
        assert_as_xsd("boolean", cases[i].s, r);
    }
}

static void test_integer_takes_a_sign_leading_zeros_and_whitespace(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        qs_lex r;
        int v;
    } cases[] = {
        {"17", QS_LEX_OK, 17},
        {"+17", QS_LEX_OK, 17},
        {"+017", QS_LEX_OK, 17},
        {"0001", QS_LEX_OK, 1},
        {" 5 ", QS_LEX_OK, 5},
        {"-3", QS_LEX_OK, -3},
        {"-0", QS_LEX_OK, 0},
        {"2147483647", QS_LEX_OK, 2147483647},
        {"-2147483648", QS_LEX_OK, -2147483647 - 1},
        {"2147483648", QS_LEX_RANGE, 0},
        {"99999999999999999999", QS_LEX_RANGE, 0},
        {"1.0", QS_LEX_INVALID, 0},
        {"1e2", QS_LEX_INVALID, 0},
        {"+", QS_LEX_INVALID, 0},
        {"", QS_LEX_INVALID, 0},
        {"1 2", QS_LEX_INVALID, 0},
        {"0x10", QS_LEX_INVALID, 0},
        {"--1", QS_LEX_INVALID, 0},
        {"１", QS_LEX_INVALID, 0}, /* a full-width digit */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int v = -99;
        qs_lex r = qs_xml_lex_integer(cases[i].s, &v);
        if (r != cases[i].r)
            fail_msg("\"%s\": %d, want %d", cases[i].s, (int)r, (int)cases[i].r);
        assert_int_equal(v, r == QS_LEX_OK ? cases[i].v : -99); /* untouched unless read */
        assert_as_xsd("integer", cases[i].s, r);
    }
}

static void test_decimal_takes_a_sign_a_bare_point_and_no_exponent(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        qs_lex r;
        double v;
    } cases[] = {
        {"168", QS_LEX_OK, 168},      {" 168 ", QS_LEX_OK, 168},     {"+168", QS_LEX_OK, 168},
        {"168.0", QS_LEX_OK, 168},    {"168.", QS_LEX_OK, 168},      {"0168.000", QS_LEX_OK, 168},
        {".5", QS_LEX_OK, 0.5},       {"-.5", QS_LEX_OK, -0.5},      {"+.5", QS_LEX_OK, 0.5},
        {"00.", QS_LEX_OK, 0},        {"95.9", QS_LEX_OK, 95.9},     {"\n-0.25\t", QS_LEX_OK, -0.25},
        {"1.68E2", QS_LEX_INVALID, 0}, {"1e3", QS_LEX_INVALID, 0},   {".", QS_LEX_INVALID, 0},
        {"+", QS_LEX_INVALID, 0},     {"", QS_LEX_INVALID, 0},       {"INF", QS_LEX_INVALID, 0},
        {"NaN", QS_LEX_INVALID, 0},   {"95.5%", QS_LEX_INVALID, 0},  {"1,5", QS_LEX_INVALID, 0},
        {"1 000", QS_LEX_INVALID, 0}, {"0x1p3", QS_LEX_INVALID, 0},  {"+-1", QS_LEX_INVALID, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v = -99;
        qs_lex r = qs_xml_lex_decimal(cases[i].s, &v);
        if (r != cases[i].r)
            fail_msg("\"%s\": %d, want %d", cases[i].s, (int)r, (int)cases[i].r);
        if (r == QS_LEX_OK)
            assert_true(v == cases[i].v);
        assert_as_xsd("decimal", cases[i].s, r);
    }
}

static void test_decimal_too_large_for_a_double_is_out_of_range(void **state)
{
    (void)state;
    char big[400];
    memset(big, '9', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    double v = 1;
    assert_int_equal(qs_xml_lex_decimal(big, &v), QS_LEX_RANGE);
    assert_true(v == 1);
    /* libxml2 reads at most 24 digits: past that the reader is only looser */
    assert_int_equal(qs_xml_lex_decimal("1234567890123456789012345", &v), QS_LEX_OK);
    assert_true(v == 1234567890123456789012345.0);
}

static void test_double_takes_an_exponent_and_the_special_values(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        qs_lex r;
        double v;
    } cases[] = {
        {"1.68E2", QS_LEX_OK, 168}, {"1.0E2", QS_LEX_OK, 100},  {"1e-3", QS_LEX_OK, 0.001},
        {"+1E+2", QS_LEX_OK, 100},  {"1.e1", QS_LEX_OK, 10},    {".5e1", QS_LEX_OK, 5},
        {" 168 ", QS_LEX_OK, 168},  {"-0", QS_LEX_OK, 0},       {"5.", QS_LEX_OK, 5},
        {"E2", QS_LEX_INVALID, 0},  {".e1", QS_LEX_INVALID, 0}, {"1E2.5", QS_LEX_INVALID, 0},
        {"+INF", QS_LEX_INVALID, 0}, {"inf", QS_LEX_INVALID, 0}, {"nan", QS_LEX_INVALID, 0},
        {"1 E2", QS_LEX_INVALID, 0}, {"0x1p3", QS_LEX_INVALID, 0}, {"", QS_LEX_INVALID, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v = -99;
        qs_lex r = qs_xml_lex_double(cases[i].s, &v);
        if (r != cases[i].r)
            fail_msg("\"%s\": %d, want %d", cases[i].s, (int)r, (int)cases[i].r);
        if (r == QS_LEX_OK)
            assert_true(v == cases[i].v);
        assert_as_xsd("double", cases[i].s, r);
    }
    double v = 0;
    assert_int_equal(qs_xml_lex_double("INF", &v), QS_LEX_OK);
    assert_true(isinf(v) && v > 0);
    assert_int_equal(qs_xml_lex_double(" -INF ", &v), QS_LEX_OK);
    assert_true(isinf(v) && v < 0);
    assert_int_equal(qs_xml_lex_double("NaN", &v), QS_LEX_OK);
    assert_true(isnan(v));
    assert_int_equal(qs_xml_lex_double("1E400", &v), QS_LEX_OK); /* rounds to INF */
    assert_true(isinf(v));
    /* libxml2 takes "1e" (no exponent digits); XSD does not, nor does the reader */
    assert_int_equal(qs_xml_lex_double("1e", &v), QS_LEX_INVALID);
}

static void test_points_are_hundredths_of_any_decimal_spelling(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        qs_lex r;
        int v;
    } cases[] = {
        {"0.5", QS_LEX_OK, 50},     {" 1.5", QS_LEX_OK, 150},   {"+2", QS_LEX_OK, 200},
        {"2.", QS_LEX_OK, 200},     {".25", QS_LEX_OK, 25},     {"03.50", QS_LEX_OK, 350},
        {"3.000", QS_LEX_OK, 300},  {"1000", QS_LEX_OK, 100000}, {"-0", QS_LEX_OK, 0},
        {"0.125", QS_LEX_RANGE, 0}, {"1000001", QS_LEX_RANGE, 0}, {"99999999999999", QS_LEX_RANGE, 0},
        {"1e2", QS_LEX_INVALID, 0}, {".", QS_LEX_INVALID, 0},   {"2分", QS_LEX_INVALID, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int v = -99;
        qs_lex r = qs_xml_lex_points(cases[i].s, &v);
        if (r != cases[i].r)
            fail_msg("\"%s\": %d, want %d", cases[i].s, (int)r, (int)cases[i].r);
        assert_int_equal(v, r == QS_LEX_OK ? cases[i].v : -99);
        assert_as_xsd("decimal", cases[i].s, r);
    }
}

static void test_gyear_takes_a_timezone_a_sign_and_long_years(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        qs_lex r;
        int v;
    } cases[] = {
        {"2022", QS_LEX_OK, 2022},        {"2022Z", QS_LEX_OK, 2022},      {"2022+08:00", QS_LEX_OK, 2022},
        {"2022-05:00", QS_LEX_OK, 2022},  {"2022+14:00", QS_LEX_OK, 2022}, {"2022-00:00", QS_LEX_OK, 2022},
        {" 2022 ", QS_LEX_OK, 2022},      {"\t2022Z\n", QS_LEX_OK, 2022},  {"-0044", QS_LEX_OK, -44},
        {"0001", QS_LEX_OK, 1},           {"12022", QS_LEX_OK, 12022},     {"-12022Z", QS_LEX_OK, -12022},
        {"99999999999", QS_LEX_RANGE, 0}, {"0000", QS_LEX_INVALID, 0},     {"02022", QS_LEX_INVALID, 0},
        {"+2022", QS_LEX_INVALID, 0},     {"202", QS_LEX_INVALID, 0},      {"2022z", QS_LEX_INVALID, 0},
        {"2022 Z", QS_LEX_INVALID, 0},    {"2022+14:01", QS_LEX_INVALID, 0}, {"2022+15:00", QS_LEX_INVALID, 0},
        {"2022+08:60", QS_LEX_INVALID, 0}, {"2022+8:00", QS_LEX_INVALID, 0}, {"2022+0800", QS_LEX_INVALID, 0},
        {"2022-01", QS_LEX_INVALID, 0},   {"2022.0", QS_LEX_INVALID, 0},   {"", QS_LEX_INVALID, 0},
        {"2022ZZ", QS_LEX_INVALID, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int v = -99;
        qs_lex r = qs_xml_lex_gyear(cases[i].s, &v);
        if (r != cases[i].r)
            fail_msg("\"%s\": %d, want %d", cases[i].s, (int)r, (int)cases[i].r);
        assert_int_equal(v, r == QS_LEX_OK ? cases[i].v : -99);
        assert_as_xsd("gYear", cases[i].s, r);
    }
}

static void test_date_checks_the_day_and_keeps_the_timezone_apart(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        qs_lex r;
        int y, m, d;
        bool has_tz;
        int tz;
    } cases[] = {
        {"2022-06-30", QS_LEX_OK, 2022, 6, 30, false, 0},
        {"2022-06-30Z", QS_LEX_OK, 2022, 6, 30, true, 0},
        {"2022-06-30+08:00", QS_LEX_OK, 2022, 6, 30, true, 480},
        {"2022-01-01-05:30", QS_LEX_OK, 2022, 1, 1, true, -330},
        {" 2022-12-31Z ", QS_LEX_OK, 2022, 12, 31, true, 0},
        {"2024-02-29", QS_LEX_OK, 2024, 2, 29, false, 0},
        {"2000-02-29", QS_LEX_OK, 2000, 2, 29, false, 0},
        {"-0044-03-15", QS_LEX_OK, -44, 3, 15, false, 0},
        {"12022-01-01", QS_LEX_OK, 12022, 1, 1, false, 0},
        {"99999999999-01-01", QS_LEX_RANGE, 0, 0, 0, false, 0},
        {"2022-02-29", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"1900-02-29", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022-06-31", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022-13-01", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022-00-10", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022-06-00", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022-6-30", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022-06-30T00:00:00", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022-06-30+14:30", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022-06", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"0000-01-01", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"2022/06/30", QS_LEX_INVALID, 0, 0, 0, false, 0},
        {"", QS_LEX_INVALID, 0, 0, 0, false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        qs_xml_date v = {-99, 0, 0, false, 0}; /* untouched unless read */
        qs_lex r = qs_xml_lex_date(cases[i].s, &v);
        if (r != cases[i].r)
            fail_msg("\"%s\": %d, want %d", cases[i].s, (int)r, (int)cases[i].r);
        if (r == QS_LEX_OK) {
            assert_int_equal(v.year, cases[i].y);
            assert_int_equal(v.month, cases[i].m);
            assert_int_equal(v.day, cases[i].d);
            assert_int_equal(v.has_tz, cases[i].has_tz);
            assert_int_equal(v.tz_minutes, cases[i].tz);
        } else {
            assert_int_equal(v.year, -99);
        }
        assert_as_xsd("date", cases[i].s, r);
    }
}

/* ---- the getters ---- */

static const char DOC[] = "<?xml version=\"1.0\"?>\n"
                          "<r xmlns=\"urn:test\">\n"
                          "  <m value=\" 168 \" done=\" true\" no=\"+017\" points=\"1.50\"/>\n"
                          "  <year>\n    2022+08:00\n  </year>\n"
                          "  <d date=\"2022-06-30+08:00\" old=\"-0044-03-15Z\" ref=\"  15.1 \" level=\"\tcity \"/>\n"
                          "  <bad value=\"1.68E2\" done=\"yes\" no=\"99999999999\" points=\"0.125\""
                          " date=\"2022-02-29\" level=\"town\"/>\n"
                          "  <year>20x2</year>\n"
                          "</r>\n";

typedef struct doc_fx {
    xmlDoc *doc;
    qs_arena *arena;
    qs_diags diags;
    qs_xml_src src;
} doc_fx;

static xmlNode *doc_open(doc_fx *f, const char *text)
{
    qs_diag_init(&f->diags);
    f->arena = qs_arena_new();
    f->src = (qs_xml_src){f->arena, "t.xml", &f->diags};
    assert_int_equal(qs_xml_parse("t.xml", text, strlen(text), &f->diags, &f->doc), QS_XML_OK);
    return xmlDocGetRootElement(f->doc);
}

static void doc_close(doc_fx *f)
{
    xmlFreeDoc(f->doc);
    qs_arena_free(f->arena);
    qs_diag_free(&f->diags);
}

/* The message of the only diagnostic, an error at line. */
static const char *only_error(doc_fx *f, long line)
{
    assert_int_equal(f->diags.count, 1);
    assert_int_equal(f->diags.items[0].severity, QS_DIAG_ERROR);
    assert_string_equal(f->diags.items[0].file, "t.xml");
    assert_int_equal(f->diags.items[0].line, line);
    return f->diags.items[0].message;
}

static void test_getters_read_attributes_and_text_as_the_xsd_defines_them(void **state)
{
    (void)state;
    doc_fx f;
    xmlNode *r = doc_open(&f, DOC);
    const qs_xml_src *x = &f.src;
    xmlNode *m = qs_xml_child(r, "m"), *d = qs_xml_child(r, "d");
    double v = 0;
    bool done = false;
    int no = 0, pts = 0, year = 0;
    assert_true(qs_xml_get_decimal(x, m, "value", &v));
    assert_true(v == 168);
    assert_true(qs_xml_get_boolean(x, m, "done", &done));
    assert_true(done);
    assert_true(qs_xml_get_integer(x, m, "no", &no));
    assert_int_equal(no, 17);
    assert_true(qs_xml_get_points(x, m, "points", &pts));
    assert_int_equal(pts, 150);
    assert_true(qs_xml_get_gyear(x, qs_xml_child(r, "year"), NULL, &year)); /* element text */
    assert_int_equal(year, 2022);
    assert_string_equal(qs_xml_get_date(x, d, "date"), "2022-06-30"); /* the day written */
    assert_string_equal(qs_xml_get_date(x, d, "old"), "-0044-03-15");
    assert_string_equal(qs_xml_get_token(x, d, "ref"), "15.1");
    static const char *const levels[] = {"national", "provincial", "city", "county"};
    int level = -1;
    assert_true(qs_xml_get_enum(x, d, "level", levels, 4, &level));
    assert_int_equal(level, 2);
    assert_int_equal(f.diags.count, 0);
    doc_close(&f);
}

static void test_absent_values_are_no_error_and_leave_out_alone(void **state)
{
    (void)state;
    doc_fx f;
    xmlNode *r = doc_open(&f, DOC);
    const qs_xml_src *x = &f.src;
    xmlNode *d = qs_xml_child(r, "d");
    bool b = true;
    int i = 7;
    double v = 7;
    assert_false(qs_xml_get_boolean(x, d, "done", &b));
    assert_true(b);
    assert_false(qs_xml_get_integer(x, d, "no", &i));
    assert_false(qs_xml_get_gyear(x, d, "year", &i));
    assert_false(qs_xml_get_points(x, d, "points", &i));
    assert_false(qs_xml_get_enum(x, d, "op", NULL, 0, &i));
    assert_int_equal(i, 7);
    assert_false(qs_xml_get_decimal(x, d, "value", &v));
    assert_true(v == 7);
    assert_null(qs_xml_get_date(x, d, "when"));
    assert_null(qs_xml_get_token(x, d, "id"));
    assert_false(qs_xml_get_gyear(x, qs_xml_child(r, "none"), NULL, &i)); /* no element */
    assert_int_equal(f.diags.count, 0);
    doc_close(&f);
}

static void test_a_refused_value_is_an_error_naming_element_attribute_and_value(void **state)
{
    (void)state;
    static const struct {
        const char *attr, *message;
    } cases[] = {
        {"value", "<bad value=\"1.68E2\">: not an xs:decimal"},
        {"done", "<bad done=\"yes\">: not an xs:boolean (true, false, 1 or 0)"},
        {"no", "<bad no=\"99999999999\">: outside the integers qsreport reads (-2147483648 to 2147483647)"},
        {"points", "<bad points=\"0.125\">: qsreport reads points with at most 2 decimals, up to 1000000"},
        {"date", "<bad date=\"2022-02-29\">: not an xs:date"},
        {"level", "<bad level=\"town\">: not one of the values qsreport reads"},
    };
    static const char *const levels[] = {"national", "provincial", "city", "county"};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        doc_fx f;
        xmlNode *bad = qs_xml_child(doc_open(&f, DOC), "bad");
        const qs_xml_src *x = &f.src;
        double v = 7;
        bool b = true;
        int i = 7;
        const char *a = cases[k].attr;
        bool read = !strcmp(a, "value")    ? qs_xml_get_decimal(x, bad, a, &v)
                    : !strcmp(a, "done")   ? qs_xml_get_boolean(x, bad, a, &b)
                    : !strcmp(a, "no")     ? qs_xml_get_integer(x, bad, a, &i)
                    : !strcmp(a, "points") ? qs_xml_get_points(x, bad, a, &i)
                    : !strcmp(a, "date")   ? qs_xml_get_date(x, bad, a) != NULL
                                           : qs_xml_get_enum(x, bad, a, levels, 4, &i);
        assert_false(read);
        assert_true(v == 7 && b && i == 7); /* never a silent 0, false or default */
        assert_string_equal(only_error(&f, 8), cases[k].message);
        doc_close(&f);
    }
    doc_fx f;
    xmlNode *r = doc_open(&f, DOC);
    int year = 7;
    assert_false(qs_xml_get_gyear(&f.src, qs_xml_next(qs_xml_child(r, "year"), "year"), NULL, &year));
    assert_int_equal(year, 7);
    assert_string_equal(only_error(&f, 9), "<year>20x2</year>: not an xs:gYear");
    doc_close(&f);
}

static void test_a_long_refused_value_is_shortened_at_a_character(void **state)
{
    (void)state;
    char text[512];
    /* 91 bytes: the 60-byte cut falls inside the 20th character */
    snprintf(text, sizeof text, "<r><m v=\"x%s\"/></r>",
             "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十");
    doc_fx f;
    xmlNode *m = qs_xml_child(doc_open(&f, text), "m");
    double v;
    assert_false(qs_xml_get_decimal(&f.src, m, "v", &v));
    assert_string_equal(only_error(&f, 1),
                        "<m v=\"x一二三四五六七八九十一二三四五六七八九…\">: not an xs:decimal");
    doc_close(&f);
}

/* ---- parsing ---- */

static void test_a_parser_warning_is_an_error_of_the_file(void **state)
{
    (void)state;
    const char text[] = "<?xml version=\"1.1\"?>\n<r/>\n";
    qs_diags d;
    qs_diag_init(&d);
    xmlDoc *doc = NULL;
    assert_int_equal(qs_xml_parse("v.xml", text, strlen(text), &d, &doc), QS_XML_INVALID);
    assert_null(doc);
    assert_int_equal(qs_diag_errors(&d), 1);
    assert_int_equal(qs_diag_warnings(&d), 0);
    assert_int_equal(d.items[0].line, 1);
    assert_string_equal(d.items[0].message, "Unsupported version '1.1' (the file is not read)");
    qs_diag_free(&d);
}

/* ---- the loaders ---- */

/* The fixture case with each edit applied to schema, plan or evidence. */
static void variant_case(fx *f, const char *const (*edits)[3], size_t n)
{
    char *texts[3] = {strdup(FX_SCHEMA), strdup(FX_PLAN), strdup(FX_EVIDENCE)};
    for (size_t i = 0; i < n; i++) {
        int which = edits[i][0][0] - '0';
        char *t = fx_replace(texts[which], edits[i][1], edits[i][2]);
        free(texts[which]);
        texts[which] = t;
    }
    fx_case(f, texts[0], texts[1], texts[2]);
    for (int i = 0; i < 3; i++)
        free(texts[i]);
}

static void test_loaders_read_lexical_variants_as_the_canonical_form(void **state)
{
    (void)state;
    static const char *const edits[][3] = {
        {"0", "year=\"2022\"", "year=\"2022+08:00\""},
        {"0", "total=\"10\"", "total=\" 10.00 \""},
        {"0", "no=\"1\"", "no=\"+01\""},
        {"0", "bonus=\"true\"", "bonus=\" 1\""},
        {"0", "op=\"ge\"", "op=\" ge \""},
        {"0", "value=\"90\"", "value=\"+90.\""},
        {"0", "<level id=\"national\"", "<level id=\"national \""},
        {"0", "item id=\"1.2\"", "item id=\" 1.2\""},
        {"1", "<year>2022</year>", "<year>2022Z</year>"},
        {"1", "<status>final</status>", "<status> final </status>"},
        {"1", "indicator=\"2\"", "indicator=\"0002\""},
        {"1", "member=\"true\"", "member=\"1\""},
        {"1", "role=\"lead\">区办公室", "role=\" lead\">区办公室"},
        {"1", "of=\"committee\"", "of=\"committee \""},
        {"2", "year=\"2022\"", "year=\"2022-05:00\""},
        {"2", "done=\"true\"", "done=\" true\""},
        {"2", "ref=\"1.2\"", "ref=\"1.2 \""},
        {"2", "value=\"92.5\"", "value=\" +092.50 \""},
        {"2", "date=\"2022-03-01\"", "date=\"2022-03-01+08:00\""},
    };
    fx f;
    variant_case(&f, edits, sizeof edits / sizeof *edits);
    if (qs_diag_errors(&f.diags))
        fx_show(&f);
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    const qs_schema *s = f.c->schema;
    assert_int_equal(s->year, 2022);
    assert_int_equal(s->total, 1000);
    assert_int_equal(s->indicators[0].no, 1);
    assert_true(s->categories[1].bonus);
    const qs_item *it = qs_model_item(s, "1.2");
    assert_non_null(it);
    assert_int_equal(it->threshold.op, QS_OP_GE);
    assert_true(it->threshold.value == 90);
    assert_true(qs_model_item(s, "3.1")->has_level[QS_LEVEL_NATIONAL]);
    const qs_plan *p = f.c->plan;
    assert_int_equal(p->year, 2022);
    assert_int_equal(p->status, QS_STATUS_FINAL);
    assert_int_equal(p->resp[1].indicator_no, 2);
    assert_true(p->resp[1].units[0].lead);
    assert_true(p->units[1].member);
    assert_true(p->units[4].of_committee);
    const qs_evidence *e = &f.c->evidence[0];
    assert_int_equal(e->year, 2022);
    const qs_evidence_item *ei = &e->units[0].items[1];
    assert_string_equal(ei->ref, "1.2");
    assert_int_equal(e->units[0].items[0].done, QS_DONE_YES);
    assert_true(ei->measures[0].value == 92.5);
    assert_string_equal(e->units[0].items[0].documents[0].date, "2022-03-01");
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boolean_reads_true_false_1_0_with_whitespace_collapsed),
        cmocka_unit_test(test_integer_takes_a_sign_leading_zeros_and_whitespace),
        cmocka_unit_test(test_decimal_takes_a_sign_a_bare_point_and_no_exponent),
        cmocka_unit_test(test_decimal_too_large_for_a_double_is_out_of_range),
        cmocka_unit_test(test_double_takes_an_exponent_and_the_special_values),
        cmocka_unit_test(test_points_are_hundredths_of_any_decimal_spelling),
        cmocka_unit_test(test_gyear_takes_a_timezone_a_sign_and_long_years),
        cmocka_unit_test(test_date_checks_the_day_and_keeps_the_timezone_apart),
        cmocka_unit_test(test_getters_read_attributes_and_text_as_the_xsd_defines_them),
        cmocka_unit_test(test_absent_values_are_no_error_and_leave_out_alone),
        cmocka_unit_test(test_a_refused_value_is_an_error_naming_element_attribute_and_value),
        cmocka_unit_test(test_a_long_refused_value_is_shortened_at_a_character),
        cmocka_unit_test(test_a_parser_warning_is_an_error_of_the_file),
        cmocka_unit_test(test_loaders_read_lexical_variants_as_the_canonical_form),
    };
    return cmocka_run_group_tests_name("xml_readers", tests, NULL, NULL);
}
