/* test_summary.c - the province's roll-up before rendering: a case's row
 * (level, points lost, the largest losses without the bonus), rows through
 * the worker's text and back (escapes, refused records), ranking (equal
 * totals share a rank and are listed by name, whatever the input order),
 * years apart, a district twice in a year and a year of two standards
 * refused, and the file name. */
#include "fixture.h"
#include "score.h"
#include "wording.h"
#include "summary.h"

static qs_summary_row row(qs_arena *a, const char *dir, const char *region, int year, qs_points total)
{
    (void)a;
    qs_summary_row r = {0};
    r.dir = dir;
    r.region = region;
    r.level = "";
    r.province = "测试省";
    r.schema = "t-2022";
    r.year = year;
    r.total = total;
    return r;
}

static void test_row_of_the_fixture_case(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, FX_EVIDENCE);
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    qs_strings *s = qs_strings_load("templates/strings.xml", &f.diags);
    assert_non_null(s);
    qs_scores *sc = qs_score(f.c, s, f.arena);
    qs_summary_row *r = qs_summary_row_of(f.c, sc, s, f.arena);
    assert_string_equal(r->region, f.c->plan->region);
    assert_int_equal(r->year, 2022);
    assert_string_equal(r->schema, "t-2022");
    assert_string_equal(r->province, "测试省");
    assert_int_equal(r->total, sc->total);
    assert_int_equal(r->base + r->bonus, r->total);
    assert_int_equal(r->lost, sc->base_available - sc->base);
    assert_int_equal(r->n_cats, 1); /* the bonus category is the bonus column */
    assert_string_equal(r->cats[0].id, "a");
    for (size_t i = 0; i < r->n_losses; i++) {
        assert_true(r->losses[i].lost > 0);
        if (i)
            assert_true(r->losses[i].lost <= r->losses[i - 1].lost);
    }
    qs_strings_free(s);
    fx_free(&f);
}

static void test_level_is_the_last_character_when_listed(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    qs_strings *s = qs_strings_load("templates/strings.xml", &d);
    assert_non_null(s);
    static const char *const cases[][2] = {
        {"埇桥区", "区"}, {"肥西县", "县"}, {"桐城市", "市"}, {"某某旗", ""}, {"", ""}, {"x", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        qs_plan p = {0};
        p.region = cases[i][0];
        assert_string_equal(qs_summary_level(&p, s, a), cases[i][1]);
    }
    qs_plan county = {.region = "某某区", .level = "县"}; /* the plan's own level wins */
    assert_string_equal(qs_summary_level(&county, s, a), "县");
    /* a title names the levels present: one, or several as 县（市、区） */
    qs_summary_row r1 = {.level = "区"}, r2 = {.level = "县"}, r3 = {.level = "市"};
    qs_summary_row *one[] = {&r1, &r1}, *three[] = {&r1, &r3, &r2};
    assert_string_equal(qs_summary_levels(one, 2, s, a), "区");
    assert_string_equal(qs_summary_levels(three, 3, s, a), "县（市、区）");
    qs_strings_free(s);
    qs_diag_free(&d);
    qs_arena_free(a);
}

static void test_row_survives_the_pipe(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_summary_cat cats[] = {{"a", "机制\t甲", 1950, 2200}, {"b", "成效", 0, 4400}};
    qs_summary_row r = row(a, NULL, "埇\\桥\n区", 2023, 8450);
    r.level = "区";
    r.base = 8100;
    r.base_available = 10000;
    r.bonus = 350;
    r.bonus_cap = 500;
    r.lost = 1900;
    r.cats = cats;
    r.n_cats = 2;
    r.n_missing = 4;
    r.losses[0] = (qs_summary_loss){"18.2", "区住房建设局", "投诉率\\n未下降\t（2020年）", 300};
    r.losses[1] = (qs_summary_loss){"11.3", "", "", 200};
    r.n_losses = 2;
    char *text = qs_summary_row_encode(&r);
    qs_summary_row *back = qs_summary_row_decode(text, a);
    assert_non_null(back);
    assert_string_equal(back->region, r.region);
    assert_string_equal(back->level, "区");
    assert_int_equal(back->year, 2023);
    assert_int_equal(back->base, 8100);
    assert_int_equal(back->base_available, 10000);
    assert_int_equal(back->bonus, 350);
    assert_int_equal(back->bonus_cap, 500);
    assert_int_equal(back->total, 8450);
    assert_int_equal(back->lost, 1900);
    assert_int_equal(back->n_missing, 4);
    assert_int_equal(back->n_cats, 2);
    assert_string_equal(back->cats[0].name, "机制\t甲");
    assert_int_equal(back->cats[1].available, 4400);
    assert_int_equal(back->n_losses, 2);
    assert_string_equal(back->losses[0].why, r.losses[0].why);
    assert_string_equal(back->losses[1].unit, "");
    assert_int_equal(back->losses[1].lost, 200);
    /* a truncated or foreign record is refused, never half read */
    text[strlen(text) - 1] = '\0';
    assert_null(qs_summary_row_decode(text, a));
    assert_null(qs_summary_row_decode("", a));
    assert_null(qs_summary_row_decode("row\tx\n", a));
    assert_null(qs_summary_row_decode("cat\ta\tb\t1\t2\n", a));
    free(text);
    qs_arena_free(a);
}

static void test_ranking_ties_share_a_rank_listed_by_name(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_summary_row r[] = {row(a, "c1", "丙区", 2022, 8000), row(a, "c2", "乙区", 2022, 9000),
                          row(a, "c3", "甲区", 2022, 8000), row(a, "c4", "丁区", 2023, 7000),
                          row(a, "c5", "戊区", 2022, 7500), row(a, "c6", "己区", 2023, 7000)};
    size_t n = sizeof r / sizeof *r;
    qs_summary_row *in[6], *rev[6];
    for (size_t i = 0; i < n; i++) {
        in[i] = &r[i];
        rev[n - 1 - i] = &r[i];
    }
    qs_summary *s = qs_summary_build(in, n, a);
    assert_int_equal(s->n_years, 2);
    assert_int_equal(s->n_rows, 6);
    const qs_summary_year *y = &s->years[0];
    assert_int_equal(y->year, 2022);
    assert_int_equal(y->n_rows, 4);
    static const char *const order[] = {"乙区", "丙区", "甲区", "戊区"}; /* 丙 U+4E19 < 甲 U+7532 */
    static const int ranks[] = {1, 2, 2, 4};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(y->rows[i]->region, order[i]);
        assert_int_equal(y->rows[i]->rank, ranks[i]);
    }
    assert_int_equal(s->years[1].year, 2023);
    assert_int_equal(s->years[1].rows[0]->rank, 1);
    assert_int_equal(s->years[1].rows[1]->rank, 1);
    /* the input order changes nothing */
    qs_summary *s2 = qs_summary_build(rev, n, a);
    for (size_t i = 0; i < 4; i++)
        assert_ptr_equal(s2->years[0].rows[i], y->rows[i]);
    qs_arena_free(a);
}

static void test_twins_and_two_standards_are_refused(void **state)
{
    (void)state;
    qs_summary_key k[] = {
        {"cases/a", "埇桥区", "anhui-2022", 2022}, {"cases/b", "蜀山区", "anhui-2022", 2022},
        {"cases/c", "埇桥区", "anhui-2022", 2022}, {"cases/d", "埇桥区", "anhui-2022", 2023},
        {"cases/e", "肥西县", "other-2022", 2022}, {"cases/f", NULL, NULL, 2022},
    };
    bool bad[6] = {0};
    qs_diags d;
    qs_diag_init(&d);
    assert_int_equal(qs_summary_check(k, 6, bad, &d), 3);
    assert_true(bad[0] && bad[2] && bad[4]);
    assert_false(bad[1] || bad[3] || bad[5]);
    qs_diag_sort(&d);
    assert_int_equal(d.count, 3);
    assert_string_equal(d.items[0].file, "cases/a");
    assert_non_null(strstr(d.items[0].message, "埇桥区 2022"));
    assert_non_null(strstr(d.items[0].message, "cases/c"));
    assert_string_equal(d.items[1].file, "cases/c");
    assert_non_null(strstr(d.items[1].message, "cases/a"));
    assert_string_equal(d.items[2].file, "cases/e");
    assert_non_null(strstr(d.items[2].message, "\"other-2022\""));
    assert_non_null(strstr(d.items[2].message, "cases/a"));
    qs_diag_free(&d);
}

static void test_name_names_the_years(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    qs_strings *s = qs_strings_load("templates/strings.xml", &d);
    assert_non_null(s);
    qs_summary_row r[] = {row(a, "a", "甲区", 2024, 1), row(a, "b", "乙区", 2022, 1)};
    qs_summary_row *in[] = {&r[0], &r[1]};
    const qs_summary *one = qs_summary_build(in + 1, 1, a), *two = qs_summary_build(in, 2, a);
    const char *n1 = qs_summary_name(one, s, a), *n2 = qs_summary_name(two, s, a);
    assert_non_null(strstr(n1, "2022"));
    assert_null(strstr(n1, "2024"));
    assert_non_null(strstr(n2, "2022-2024"));
    qs_strings_free(s);
    qs_diag_free(&d);
    qs_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_row_of_the_fixture_case),
        cmocka_unit_test(test_level_is_the_last_character_when_listed),
        cmocka_unit_test(test_row_survives_the_pipe),
        cmocka_unit_test(test_ranking_ties_share_a_rank_listed_by_name),
        cmocka_unit_test(test_twins_and_two_standards_are_refused),
        cmocka_unit_test(test_name_names_the_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
