/* test_sheetname.c - sheet names Excel takes, never two alike. */
#include "fixture.h"
#include "sheetname.h"
#include "utf8.h"

/* s repeated n times */
static char *times(qs_arena *a, const char *s, size_t n)
{
    size_t len = strlen(s);
    char *out = qs_arena_alloc(a, len * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * len, s, len);
    out[len * n] = '\0';
    return out;
}

/* the sheet names of a list of names */
static const char **make(qs_arena *a, const char *const *names, size_t n, const char *fallback)
{
    const char **out = qs_arena_calloc(a, n ? n : 1, sizeof *out);
    qs_sheetname_make(a, names, n, fallback, out);
    return out;
}

static void assert_all_valid_and_distinct(const char **out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_true(qs_sheetname_valid(out[i]));
        for (size_t k = 0; k < i; k++)
            assert_false(qs_sheetname_same(out[i], out[k]));
    }
}

static void test_a_plain_unit_name_is_kept(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {"汇总", "区财政局", "区质量发展委员会办公室"};
    const char **out = make(a, names, 3, NULL);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(out[i], names[i]);
    qs_arena_free(a);
}

static void test_forbidden_characters_become_full_width(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {"a[b]c:d*e?f/g\\h"};
    assert_string_equal(make(a, names, 1, NULL)[0], "a［b］c：d＊e？f／g＼h");
    qs_arena_free(a);
}

static void test_a_long_name_is_cut_at_31_characters_never_inside_one(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {times(a, "质", 40)};
    const char *out = make(a, names, 1, NULL)[0];
    assert_string_equal(out, times(a, "质", 31));
    assert_true(qs_utf8_valid(out, strlen(out)));
    assert_int_equal(qs_utf8_length(out), 31);
    qs_arena_free(a);
}

static void test_two_long_names_never_share_a_sheet_name(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *common = times(a, "质量发展委员会", 5); /* 35 characters */
    const char *names[] = {qs_arena_printf(a, "%s甲", common),
                           qs_arena_printf(a, "%s乙", common)};
    const char **out = make(a, names, 2, NULL);
    assert_string_equal(out[0], qs_arena_strndup(a, common, 31 * 3));
    assert_string_equal(out[1], qs_arena_printf(a, "%s~2", qs_arena_strndup(a, common, 29 * 3)));
    assert_all_valid_and_distinct(out, 2);
    qs_arena_free(a);
}

static void test_many_clashes_count_past_nine_within_31_characters(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[12];
    for (size_t i = 0; i < 12; i++)
        names[i] = times(a, "局", 31);
    const char **out = make(a, names, 12, NULL);
    assert_string_equal(out[9], qs_arena_printf(a, "%s~10", times(a, "局", 28)));
    assert_string_equal(out[11], qs_arena_printf(a, "%s~12", times(a, "局", 28)));
    assert_all_valid_and_distinct(out, 12);
    qs_arena_free(a);
}

static void test_names_equal_but_for_case_are_one_name(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {"Office", "OFFICE", "ＯＦＦＩＣＥ", "ｏｆｆｉｃｅ"};
    const char **out = make(a, names, 4, NULL);
    assert_string_equal(out[0], "Office");
    assert_string_equal(out[1], "OFFICE~2");
    assert_string_equal(out[2], "ＯＦＦＩＣＥ");
    assert_string_equal(out[3], "ｏｆｆｉｃｅ~2");
    assert_true(qs_sheetname_same("ÄRGER", "ärger"));
    assert_false(qs_sheetname_same("区财政局", "区财政"));
    qs_arena_free(a);
}

static void test_history_is_reserved(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {"history", "History"};
    const char **out = make(a, names, 2, NULL);
    assert_string_equal(out[0], "history~2");
    assert_string_equal(out[1], "History~3");
    assert_false(qs_sheetname_valid("HISTORY"));
    qs_arena_free(a);
}

static void test_empty_names_take_the_fallback(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {"", NULL, " \n\t "};
    const char **out = make(a, names, 3, "单位");
    assert_string_equal(out[0], "单位");
    assert_string_equal(out[1], "单位~2");
    assert_string_equal(out[2], "单位~3");
    assert_string_equal(make(a, names, 1, NULL)[0], "Sheet");
    assert_string_equal(make(a, names, 1, ":")[0], "：");
    qs_arena_free(a);
}

static void test_apostrophes_at_either_end_become_full_width(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {"'a'b'", times(a, "'", 40)};
    const char **out = make(a, names, 2, NULL);
    assert_string_equal(out[0], "＇a'b＇");
    assert_true(qs_sheetname_valid(out[1]));
    assert_false(qs_sheetname_valid("'a"));
    assert_false(qs_sheetname_valid("a'"));
    qs_arena_free(a);
}

static void test_white_space_is_folded_and_trimmed(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {"  区 \n\t 财政局\r ", "　区统计局　"};
    const char **out = make(a, names, 2, NULL);
    assert_string_equal(out[0], "区 财政局");
    assert_string_equal(out[1], "区统计局");
    /* a cut never leaves a space at the end */
    const char *spaced[] = {qs_arena_printf(a, "%s %s", times(a, "a", 30), "b")};
    assert_string_equal(make(a, spaced, 1, NULL)[0], times(a, "a", 30));
    qs_arena_free(a);
}

static void test_a_character_outside_the_bmp_counts_twice(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {times(a, "\xF0\xA0\x80\x80", 20)}; /* U+20000, CJK Extension B */
    const char *out = make(a, names, 1, NULL)[0];
    assert_string_equal(out, times(a, "\xF0\xA0\x80\x80", 15));
    assert_int_equal(qs_sheetname_length(out), 30);
    qs_arena_free(a);
}

static void test_a_cut_never_parts_a_letter_from_its_mark(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    /* 30 letters, then e + combining acute at positions 31-32 */
    const char *names[] = {qs_arena_printf(a, "%se\xCC\x81z", times(a, "a", 30))};
    assert_string_equal(make(a, names, 1, NULL)[0], times(a, "a", 30));
    qs_arena_free(a);
}

static void test_invalid_utf8_becomes_a_replacement_character(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {"a\xFF\xC3z"};
    const char *out = make(a, names, 1, NULL)[0];
    assert_string_equal(out, "a\xEF\xBF\xBD\xEF\xBF\xBDz");
    assert_true(qs_sheetname_valid(out));
    qs_arena_free(a);
}

static void test_earlier_names_win_and_later_suffixes_skip_taken_ones(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    const char *names[] = {"汇总", "汇总~2", "汇总", "汇总"};
    const char **out = make(a, names, 4, NULL);
    assert_string_equal(out[0], "汇总");
    assert_string_equal(out[1], "汇总~2");
    assert_string_equal(out[2], "汇总~3");
    assert_string_equal(out[3], "汇总~4");
    qs_arena_free(a);
}

/* Random names from an alphabet of troublemakers: every output valid,
 * none alike, and the same on a second run. */
static void test_any_list_gives_valid_distinct_names_every_time(void **state)
{
    (void)state;
    static const char *const parts[] = {"区", "局", "'", "[", "]", ":", "*", "?", "/", "\\", " ",
                                        "\n", "A", "a", "History", "\xF0\xA0\x80\x80", "\xCC\x81",
                                        "\xFF", "质量发展委员会", "　", "~2"};
    enum { N = 300, P = sizeof parts / sizeof parts[0] };
    qs_arena *a = qs_arena_new();
    const char *names[N];
    unsigned seed = 12345;
    for (size_t i = 0; i < N; i++) {
        char *s = "";
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % 14;
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            s = qs_arena_printf(a, "%s%s", s, parts[(seed >> 16) % P]);
        }
        names[i] = s;
    }
    const char **one = make(a, names, N, "单位"), **two = make(a, names, N, "单位");
    assert_all_valid_and_distinct(one, N);
    for (size_t i = 0; i < N; i++) {
        assert_string_equal(one[i], two[i]);
        assert_true(qs_utf8_valid(one[i], strlen(one[i])));
    }
    qs_arena_free(a);
}

static void test_a_units_pdf_file_has_its_slashes_full_width(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(qs_sheetname_pdf(a, "区财政局"), "区财政局.pdf");
    assert_string_equal(qs_sheetname_pdf(a, "区委/区政府督查室"), "区委／区政府督查室.pdf");
    assert_string_equal(qs_sheetname_pdf(a, "//"), "／／.pdf");
    assert_string_equal(qs_sheetname_pdf(a, ""), ".pdf");
    qs_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_plain_unit_name_is_kept),
        cmocka_unit_test(test_forbidden_characters_become_full_width),
        cmocka_unit_test(test_a_long_name_is_cut_at_31_characters_never_inside_one),
        cmocka_unit_test(test_two_long_names_never_share_a_sheet_name),
        cmocka_unit_test(test_many_clashes_count_past_nine_within_31_characters),
        cmocka_unit_test(test_names_equal_but_for_case_are_one_name),
        cmocka_unit_test(test_history_is_reserved),
        cmocka_unit_test(test_empty_names_take_the_fallback),
        cmocka_unit_test(test_apostrophes_at_either_end_become_full_width),
        cmocka_unit_test(test_white_space_is_folded_and_trimmed),
        cmocka_unit_test(test_a_character_outside_the_bmp_counts_twice),
        cmocka_unit_test(test_a_cut_never_parts_a_letter_from_its_mark),
        cmocka_unit_test(test_invalid_utf8_becomes_a_replacement_character),
        cmocka_unit_test(test_earlier_names_win_and_later_suffixes_skip_taken_ones),
        cmocka_unit_test(test_any_list_gives_valid_distinct_names_every_time),
        cmocka_unit_test(test_a_units_pdf_file_has_its_slashes_full_width),
    };
    return cmocka_run_group_tests_name("sheetname", tests, NULL, NULL);
}
