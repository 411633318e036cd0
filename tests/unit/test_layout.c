/* test_layout.c - Chinese line breaking by the clreq rules. */
#include "fixture.h"
#include "layout.h"
#include "utf8.h"

/* the lines of text at width w (in ems) as "a|b|c" */
static char *broken(qs_arena *a, const char *text, double w)
{
    qs_line *lines;
    size_t n = qs_layout_break(text, w, qs_layout_em_estimate, NULL, a, &lines);
    size_t len = strlen(text) + n + 1;
    char *out = qs_arena_alloc(a, len), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (i)
            *o++ = '|';
        memcpy(o, text + lines[i].start, lines[i].end - lines[i].start);
        o += lines[i].end - lines[i].start;
    }
    *o = '\0';
    return out;
}

static void test_plain_chinese_breaks_anywhere(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(broken(a, "质量强区创建工作", 3), "质量强|区创建|工作");
    qs_arena_free(a);
}

static void test_closing_punctuation_never_starts_a_line(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    /* 。 would start line 2: the character before it moves down with it */
    /* and 开 alone on the last line takes 召 with it (孤字不成行) */
    assert_string_equal(broken(a, "成立委员会。每年召开", 5), "成立委员|会。每年|召开");
    assert_string_equal(broken(a, "甲乙丙，丁戊", 3), "甲乙|丙，丁|戊");
    qs_arena_free(a);
}

static void test_opening_punctuation_never_ends_a_line(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(broken(a, "甲乙（2分）", 3.5), "甲乙|（2分）");
    /* too narrow for the bracket: split, but not before the closing mark */
    assert_string_equal(broken(a, "甲乙（2分）", 3), "甲乙|（2|分）");
    assert_string_equal(broken(a, "甲乙“质", 3), "甲乙|“质");
    qs_arena_free(a);
}

static void test_numbers_keep_their_units(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(broken(a, "保障150万元以上", 4), "保障|150万元|以上");
    assert_string_equal(broken(a, "合格率98%以上", 4.5), "合格率98%|以上");
    assert_string_equal(broken(a, "合格率98%以上", 4), "合格率|98%以上");
    assert_string_equal(broken(a, "ISO9001体系", 4), "ISO9001|体系");
    qs_arena_free(a);
}

static void test_numbers_ordinals_and_short_names_stay_whole(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(broken(a, "开展3·15活动", 3), "开展|3·15|活动");
    assert_string_equal(broken(a, "围绕“3·15”", 5), "围绕|“3·15”");
    assert_string_equal(broken(a, "见第12项指标", 3), "见|第12项|指标");
    assert_string_equal(broken(a, "见第十二项指标", 4), "见|第十二项|指标");
    assert_string_equal(broken(a, "开展“质量月”活动", 5), "开展|“质量月”|活动");
    /* a long quotation may still break inside */
    assert_string_equal(broken(a, "“甲乙丙丁戊己庚辛”", 5), "“甲乙丙丁|戊己庚辛”");
    qs_arena_free(a);
}

/* justified, compressed lines at width w (ems, 1 em = size 1) as "a|b|c" */
static char *justified(qs_arena *a, const char *text, double w, double indent)
{
    qs_layout_opts o = {.width = w, .indent = indent, .em = 1, .justify = true, .compress = true};
    qs_line *lines;
    size_t n = qs_layout_lines(text, &o, qs_layout_em_estimate, NULL, a, &lines);
    char *out = qs_arena_alloc(a, strlen(text) + n + 1), *p = out;
    for (size_t i = 0; i < n; i++) {
        if (i)
            *p++ = '|';
        memcpy(p, text + lines[i].start, lines[i].end - lines[i].start);
        p += lines[i].end - lines[i].start;
    }
    *p = '\0';
    return out;
}

static void test_a_lone_last_character_takes_one_from_the_line_above(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    /* first fit would leave 料。 alone: the line above gives it its last character */
    assert_string_equal(broken(a, "甲乙丙丁戊己料。", 6), "甲乙丙丁戊|己料。");
    assert_string_equal(justified(a, "甲乙丙丁戊己料。", 6, 0), "甲乙丙丁戊|己料。");
    /* two characters already: nothing moves */
    assert_string_equal(justified(a, "甲乙丙丁戊己庚料。", 7, 0), "甲乙丙丁戊己|庚料。");
    qs_arena_free(a);
}

static void test_the_indent_is_exactly_two_characters(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_layout_opts o = {.width = 6, .indent = 2, .em = 1, .justify = true, .compress = true};
    qs_line *l;
    const char *t = "甲乙丙丁戊己庚辛壬癸子丑";
    size_t n = qs_layout_lines(t, &o, qs_layout_em_estimate, NULL, a, &l);
    assert_int_equal(n, 3);
    assert_true(l[0].x0 == 2 && l[1].x0 == 0);
    assert_string_equal(justified(a, t, 6, 2), "甲乙丙丁|戊己庚辛壬癸|子丑");
    qs_placed *pl;
    size_t k = qs_layout_place(t, &l[0], &o, qs_layout_em_estimate, NULL, a, &pl);
    assert_int_equal(k, 4);
    assert_true(pl[0].x == 2 && pl[3].x == 5); /* no stretch: 4 characters fill 4 ems */
    qs_arena_free(a);
}

static void test_adjacent_marks_are_set_at_one_and_a_half(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    /* ）， : the bracket loses its right half; “《 : the second mark its left half */
    assert_true(qs_layout_width("甲）", strlen("甲）"), qs_layout_em_estimate, NULL, 1, a) == 2);
    assert_true(qs_layout_width("甲），乙", strlen("甲），乙"), qs_layout_em_estimate, NULL, 1, a) == 3.5);
    assert_true(qs_layout_width("“《甲", strlen("“《甲"), qs_layout_em_estimate, NULL, 1, a) == 2.5);
    assert_true(qs_layout_width("年）》，", strlen("年）》，"), qs_layout_em_estimate, NULL, 1, a) == 3);
    /* without em: no compression (a spreadsheet's wrapping) */
    assert_true(qs_layout_width("甲），乙", strlen("甲），乙"), qs_layout_em_estimate, NULL, 0, a) == 4);
    /* placed: the opening mark moves half an em left */
    qs_layout_opts o = {.width = 10, .em = 1, .compress = true};
    const char *t = "甲“《乙";
    qs_line ln = {0, strlen(t), 2.5 + 1, 0, true};
    qs_placed *pl;
    assert_int_equal(qs_layout_place(t, &ln, &o, qs_layout_em_estimate, NULL, a, &pl), 4);
    assert_true(pl[1].x == 1 && pl[2].x == 1.5 && pl[3].x == 2.5);
    qs_arena_free(a);
}

static void test_justified_lines_stretch_every_gap_within_a_tenth(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    /* Latin runs are half an em a glyph in the estimate: 12345678 is 4 em
     * and keeps its unit, so first fit leaves line 2 three ems short (0.125
     * em a gap); the paragraph's breaks end line 1 two characters earlier
     * instead, and spread what is left over every gap next to a Han
     * character, never inside the number */
    const char *t = "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸"
                    "甲乙丙丁戊己庚辛壬癸甲乙丙12345678年子丑寅卯辰巳午未申酉";
    qs_layout_opts o = {.width = 28, .em = 1, .justify = true, .compress = true};
    assert_string_equal(broken(a, t, 28), "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛|"
                                          "壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙|12345678年子丑寅卯辰巳午未申酉");
    qs_line *l;
    size_t n = qs_layout_lines(t, &o, qs_layout_em_estimate, NULL, a, &l);
    for (size_t i = 0; i + 1 < n; i++) {
        qs_placed *pl;
        size_t k = qs_layout_place(t, &l[i], &o, qs_layout_em_estimate, NULL, a, &pl);
        double end = pl[k - 1].x + qs_layout_em_estimate(NULL, 0x4E00);
        assert_true(end > 27.999 && end < 28.001); /* flush with the measure */
        for (size_t j = 0; j + 1 < k; j++) {
            double pitch = pl[j + 1].x - pl[j].x;
            bool latin = pl[j].len == 1 && pl[j + 1].len == 1;
            if (latin)
                assert_true(pitch == 0.5); /* 2022 stays whole */
            else if (pl[j].len == 3)
                assert_true(pitch <= 1.1 + 1e-9);
        }
    }
    assert_int_equal(n, 3);
    qs_arena_free(a);
}

static void test_forced_breaks_and_empty_text(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(broken(a, "质量发展\n促进机制\n（22分）", 10), "质量发展|促进机制|（22分）");
    assert_string_equal(broken(a, "", 10), "");
    qs_line *l;
    assert_int_equal(qs_layout_break("甲\n", 10, qs_layout_em_estimate, NULL, a, &l), 2);
    qs_arena_free(a);
}

static void test_a_unit_wider_than_the_line_is_split(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(broken(a, "abcdefgh", 2), "abcd|efgh");
    qs_arena_free(a);
}

static void test_no_line_of_the_sample_methods_breaks_a_rule(void **state)
{
    (void)state;
    /* every width from 4 to 30 ems over a method of the official table */
    const char *m = "落实省政府办公厅《关于完善质量保障体系提升建筑工程品质的若干措施》（皖政办秘〔2020〕14号"
                    "相关举措（5分），其中：工程质量信息公示制度和工程竣工永久性标志牌制度（1分）；"
                    "“安徽省旅游服务质量标杆企业”1个（1.5分）。新增服务认证证书3张以上（1.5分）。";
    qs_arena *a = qs_arena_new();
    for (double w = 4; w <= 30; w += 0.5) {
        qs_line *lines;
        size_t n = qs_layout_break(m, w, qs_layout_em_estimate, NULL, a, &lines);
        size_t total = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t first, last = 0;
            qs_utf8_decode(m + lines[i].start, lines[i].end - lines[i].start, &first);
            for (size_t k = lines[i].start; k < lines[i].end;) {
                size_t step = qs_utf8_decode(m + k, lines[i].end - k, &last);
                k += step;
            }
            if (i > 0)
                assert_false(qs_layout_no_start(first));
            if (i + 1 < n)
                assert_false(qs_layout_no_end(last));
            assert_true(lines[i].width <= w);
            total += lines[i].end - lines[i].start;
        }
        assert_int_equal(total, strlen(m)); /* nothing lost, nothing doubled */
    }
    qs_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_chinese_breaks_anywhere),
        cmocka_unit_test(test_closing_punctuation_never_starts_a_line),
        cmocka_unit_test(test_opening_punctuation_never_ends_a_line),
        cmocka_unit_test(test_numbers_keep_their_units),
        cmocka_unit_test(test_numbers_ordinals_and_short_names_stay_whole),
        cmocka_unit_test(test_a_lone_last_character_takes_one_from_the_line_above),
        cmocka_unit_test(test_the_indent_is_exactly_two_characters),
        cmocka_unit_test(test_adjacent_marks_are_set_at_one_and_a_half),
        cmocka_unit_test(test_justified_lines_stretch_every_gap_within_a_tenth),
        cmocka_unit_test(test_forced_breaks_and_empty_text),
        cmocka_unit_test(test_a_unit_wider_than_the_line_is_split),
        cmocka_unit_test(test_no_line_of_the_sample_methods_breaks_a_rule),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
