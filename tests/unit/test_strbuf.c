/* test_strbuf.c - growable text, sets of lines, and arena rewinding. */
#include "fixture.h"
#include "strbuf.h"

static void test_strbuf_appends_and_joins(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_strbuf b;
    qs_strbuf_init(&b, a);
    assert_string_equal(qs_strbuf_text(&b), "");
    qs_strbuf_join(&b, "、", "区财政局");
    qs_strbuf_join(&b, "、", "区水利局");
    qs_strbuf_add(&b, NULL);
    qs_strbuf_addn(&b, "xyz", 1);
    assert_string_equal(qs_strbuf_text(&b), "区财政局、区水利局x");
    qs_arena_free(a);
}

static void test_strbuf_grows_in_linear_memory(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_strbuf b;
    qs_strbuf_init(&b, a);
    for (int i = 0; i < 100000; i++)
        qs_strbuf_add(&b, "0123456789");
    assert_int_equal(strlen(qs_strbuf_text(&b)), 1000000);
    /* the copies left behind by doubling add up to less than the text */
    assert_true(qs_arena_used(a) < 3 * 1000000);
    qs_arena_free(a);
}

static void test_lineset_keeps_each_line_once_in_first_order(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_lineset l;
    qs_lineset_init(&l, a);
    assert_string_equal(qs_lineset_text(&l), "");
    assert_int_equal(qs_lineset_find(&l, "a"), 0);
    assert_true(qs_lineset_add(&l, "a"));
    assert_true(qs_lineset_add(&l, "ab"));
    assert_false(qs_lineset_add(&l, "a"));
    assert_true(qs_lineset_add(&l, "《办法》（埇财〔2022〕21号）"));
    assert_string_equal(qs_lineset_text(&l), "a\nab\n《办法》（埇财〔2022〕21号）");
    assert_int_equal(qs_lineset_find(&l, "ab"), 2);
    assert_int_equal(qs_lineset_find(&l, "b"), 0);
    char line[32];
    for (int i = 0; i < 20000; i++) { /* many lines, each found again */
        snprintf(line, sizeof line, "文件%d", i % 5000);
        qs_lineset_add(&l, line);
    }
    assert_int_equal(qs_lineset_find(&l, "文件4999"), 3 + 5000);
    qs_arena_free(a);
}

static void test_arena_rewind_gives_back_scratch_memory(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    char *kept = qs_arena_strdup(a, "kept");
    size_t before = qs_arena_used(a);
    for (int round = 0; round < 3; round++) {
        qs_arena_pos pos = qs_arena_tell(a);
        for (int i = 0; i < 100; i++)
            qs_arena_alloc(a, i % 10 ? 1000 : 300000); /* small blocks and big ones */
        qs_arena_rewind(a, pos);
        assert_int_equal(qs_arena_used(a), before);
    }
    assert_string_equal(kept, "kept");
    char *after = qs_arena_strdup(a, "after");
    assert_string_equal(after, "after");
    qs_arena *empty = qs_arena_new(); /* back to nothing at all */
    qs_arena_pos start = qs_arena_tell(empty);
    qs_arena_alloc(empty, 1 << 20);
    qs_arena_rewind(empty, start);
    assert_int_equal(qs_arena_used(empty), 0);
    qs_arena_free(empty);
    qs_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strbuf_appends_and_joins),
        cmocka_unit_test(test_strbuf_grows_in_linear_memory),
        cmocka_unit_test(test_lineset_keeps_each_line_once_in_first_order),
        cmocka_unit_test(test_arena_rewind_gives_back_scratch_memory),
    };
    return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
