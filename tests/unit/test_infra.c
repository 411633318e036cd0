/* test_infra.c - arena, diagnostics list, UTF-8 helpers, points parsing. */
#include "epoch.h"
#include "fixture.h"
#include "utf8.h"
#include "xml.h"

#include <stdint.h>

static void test_arena_allocations_are_zeroed_and_aligned(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    for (size_t size = 1; size < 300; size += 7) {
        unsigned char *p = qs_arena_alloc(a, size);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (size_t i = 0; i < size; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xAB, size);
    }
    char *big = qs_arena_alloc(a, 1 << 20); /* larger than a block */
    big[(1 << 20) - 1] = 'x';
    char *after = qs_arena_strdup(a, "仍然可用");
    assert_string_equal(after, "仍然可用");
    assert_true(qs_arena_used(a) >= (1u << 20));
    qs_arena_free(a);
}

static void test_arena_strings(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_null(qs_arena_strdup(a, NULL));
    assert_string_equal(qs_arena_strndup(a, "埇桥区", 3), "埇");
    assert_string_equal(qs_arena_printf(a, "%d-%s", 31, "行"), "31-行");
    qs_arena_free(a);
}

static void test_diagnostics_sort_by_file_then_line_and_drop_duplicates(void **state)
{
    (void)state;
    qs_diags d;
    qs_diag_init(&d);
    qs_srcpos b9 = {"b.xml", 9}, a12 = {"a.xml", 12}, a3 = {"a.xml", 3}, none = {NULL, 0};
    qs_diag_error(&d, b9, "third");
    qs_diag_warning(&d, a12, "second");
    qs_diag_error(&d, a3, "first");
    qs_diag_error(&d, a3, "first");
    qs_diag_error(&d, none, "usage");
    assert_int_equal(qs_diag_errors(&d), 4);
    assert_int_equal(qs_diag_warnings(&d), 1);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    qs_diag_print(&d, out);
    fclose(out);
    assert_string_equal(text, "qsreport: error: usage\n"
                              "a.xml:3: error: first\n"
                              "a.xml:12: warning: second\n"
                              "b.xml:9: error: third\n");
    free(text);
    qs_diag_free(&d);
}

static void test_diagnostic_messages_are_one_line(void **state)
{
    (void)state;
    qs_diags d;
    qs_diag_init(&d);
    qs_srcpos p = {"x.xml", 0};
    qs_diag_error(&d, p, "libxml2 says\nthis\n");
    assert_string_equal(d.items[0].message, "libxml2 says this");
    qs_diag_free(&d);
}

static void test_utf8_decode_rejects_overlong_surrogates_and_truncation(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(qs_utf8_decode("\xE5\x9F\x87", 3, &cp), 3); /* 埇 */
    assert_int_equal(cp, 0x57C7);
    assert_int_equal(qs_utf8_decode("\xF0\xA0\xAE\xB7", 4, &cp), 4); /* U+20BB7 */
    assert_int_equal(cp, 0x20BB7);
    assert_int_equal(qs_utf8_decode("\xC0\xAF", 2, &cp), 0);         /* overlong '/' */
    assert_int_equal(qs_utf8_decode("\xE0\x80\xAF", 3, &cp), 0);     /* overlong, 3 bytes */
    assert_int_equal(qs_utf8_decode("\xED\xA0\x80", 3, &cp), 0);     /* a surrogate */
    assert_int_equal(qs_utf8_decode("\xE5\x9F", 2, &cp), 0);         /* truncated */
    assert_int_equal(qs_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* above U+10FFFF */
    assert_true(qs_utf8_valid("质量强区", strlen("质量强区")));
    assert_false(qs_utf8_valid("\xB2\xE2\xCA\xD4", 4)); /* GB2312 bytes */
    assert_int_equal(qs_utf8_length("埇桥区2022"), 7);
}

static void test_utf8_encode_round_trips(void **state)
{
    (void)state;
    uint32_t cps[] = {0x41, 0xE9, 0x57C7, 0x20BB7};
    for (size_t i = 0; i < 4; i++) {
        char buf[4];
        uint32_t back;
        size_t n = qs_utf8_encode(cps[i], buf);
        assert_int_equal(qs_utf8_decode(buf, n, &back), n);
        assert_int_equal(back, cps[i]);
    }
}

static void test_edit_distance_counts_characters_not_bytes(void **state)
{
    (void)state;
    assert_int_equal(qs_utf8_distance("区住房建设局", "区住房建设局", 3), 0);
    assert_int_equal(qs_utf8_distance("区住房建设厅", "区住房建设局", 3), 1);
    assert_int_equal(qs_utf8_distance("区交通局", "区交通运输局", 3), 2);
    assert_int_equal(qs_utf8_distance("abc", "xyzuvw", 2), 3); /* gives up past the limit */
}

static void test_points_are_parsed_exactly_in_hundredths(void **state)
{
    (void)state;
    int v;
    assert_int_equal(qs_xml_lex_points("0.5", &v), QS_LEX_OK);
    assert_int_equal(v, 50);
    assert_int_equal(qs_xml_lex_points("1.5", &v), QS_LEX_OK);
    assert_int_equal(v, 150);
    assert_int_equal(qs_xml_lex_points("22", &v), QS_LEX_OK);
    assert_int_equal(v, 2200);
    assert_int_equal(qs_xml_lex_points("0.25", &v), QS_LEX_OK);
    assert_int_equal(v, 25);
    assert_int_equal(qs_xml_lex_points("3.000", &v), QS_LEX_OK);
    assert_int_equal(v, 300);
    assert_int_equal(qs_xml_lex_points("0.125", &v), QS_LEX_RANGE);
    assert_int_equal(qs_xml_lex_points("", &v), QS_LEX_INVALID);
    assert_int_equal(qs_xml_lex_points("2分", &v), QS_LEX_INVALID);
    char buf[16];
    assert_string_equal(qs_points_str(50, buf), "0.5");
    assert_string_equal(qs_points_str(2200, buf), "22");
    assert_string_equal(qs_points_str(25, buf), "0.25");
}

static void test_epoch_takes_decimal_digits_up_to_year_9999(void **state)
{
    (void)state;
    time_t t = 42;
    assert_true(qs_epoch_parse("0", &t));
    assert_int_equal(t, 0);
    assert_true(qs_epoch_parse("1672531200", &t));
    assert_int_equal(t, 1672531200);
    assert_true(qs_epoch_parse("253402300799", &t));
    assert_int_equal(t, 253402300799LL);
    static const char *const bad[] = {"", "-1", "+5", " 5", "5 ", "1e9", "0x10", "1.5", "garbage",
                                      "253402300800", "9223372036854775807", "99999999999999999999999"};
    t = 42;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(qs_epoch_parse(bad[i], &t));
    assert_int_equal(t, 42);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_allocations_are_zeroed_and_aligned),
        cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_diagnostics_sort_by_file_then_line_and_drop_duplicates),
        cmocka_unit_test(test_diagnostic_messages_are_one_line),
        cmocka_unit_test(test_utf8_decode_rejects_overlong_surrogates_and_truncation),
        cmocka_unit_test(test_utf8_encode_round_trips),
        cmocka_unit_test(test_edit_distance_counts_characters_not_bytes),
        cmocka_unit_test(test_points_are_parsed_exactly_in_hundredths),
        cmocka_unit_test(test_epoch_takes_decimal_digits_up_to_year_9999),
    };
    return cmocka_run_group_tests_name("infra", tests, NULL, NULL);
}
