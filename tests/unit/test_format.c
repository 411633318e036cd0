/* test_format.c - wording templates, values with their units, dates as text. */
#include "fixture.h"
#include "format.h"

static const char *const DATE = "{year}年{month}月{day}日";

static void test_date_is_written_without_zero_padding(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(qs_format_date(a, DATE, "2022-08-17"), "2022年8月17日");
    assert_string_equal(qs_format_date(a, DATE, "2023-01-01"), "2023年1月1日");
    assert_string_equal(qs_format_date(a, DATE, "2022-12-09T10:00:00"), "2022年12月9日");
    qs_arena_free(a);
}

static void test_a_value_that_is_not_a_date_comes_back_as_it_is(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(qs_format_date(a, DATE, "2022"), "2022");
    assert_string_equal(qs_format_date(a, DATE, "2022-13-01"), "2022-13-01");
    assert_string_equal(qs_format_date(a, DATE, "2022-08-17x"), "2022-08-17x");
    assert_null(qs_format_date(a, DATE, NULL));
    int y, m, d;
    assert_false(qs_format_parse_date("22-08-17", &y, &m, &d));
    assert_true(qs_format_parse_date("2022-08-17", &y, &m, &d));
    assert_int_equal(y * 10000 + m * 100 + d, 20220817);
    qs_arena_free(a);
}

static void test_a_value_keeps_its_unit(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(qs_format_value(a, 0.39, "%"), "0.39%");
    assert_string_equal(qs_format_value(a, 5, "名"), "5名");
    assert_string_equal(qs_format_value(a, 86.40, "分"), "86.4分");
    assert_string_equal(qs_format_value(a, 3, NULL), "3");
    qs_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_is_written_without_zero_padding),
        cmocka_unit_test(test_a_value_that_is_not_a_date_comes_back_as_it_is),
        cmocka_unit_test(test_a_value_keeps_its_unit),
    };
    return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
