/* test_diag.c - one diagnostic formatter (qs_diag_print_one, qs_diag_text)
 * and the unformatted hand-over between processes (qs_diag_encode/decode). */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

static void test_text_of_errors_only_leaves_the_warnings_out(void **state)
{
    (void)state;
    qs_diags d;
    qs_diag_init(&d);
    qs_srcpos plan = {"case/plan.xml", 7}, whole = {"case/x.pdf", 0}, none = {NULL, 0};
    qs_diag_warning(&d, plan, "a warning");
    qs_diag_error(&d, whole, "cannot write: Input/output error");
    qs_diag_error(&d, none, "no file");
    char *all = qs_diag_text(&d, false), *errors = qs_diag_text(&d, true);
    assert_string_equal(all, "qsreport: error: no file\n"
                             "case/plan.xml:7: warning: a warning\n"
                             "case/x.pdf: error: cannot write: Input/output error\n");
    assert_string_equal(errors, "qsreport: error: no file\n"
                                "case/x.pdf: error: cannot write: Input/output error\n");
    free(all);
    free(errors);
    qs_diag_free(&d);
}

static void test_one_line_names_the_file_it_is_given(void **state)
{
    (void)state;
    qs_diags d;
    qs_diag_init(&d);
    qs_srcpos p = {"/tmp/run/case/evidence/a.xml", 3};
    qs_diag_warning(&d, p, "w");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    qs_diag_print_one(&d.items[0], "evidence/a.xml", f);
    qs_diag_print_one(&d.items[0], NULL, f);
    fclose(f);
    assert_string_equal(text, "evidence/a.xml:3: warning: w\nqsreport: warning: w\n");
    free(text);
    qs_diag_free(&d);
}

static void test_encoded_diagnostics_come_back_the_same(void **state)
{
    (void)state;
    qs_diags d, back;
    qs_diag_init(&d);
    qs_diag_init(&back);
    qs_srcpos p = {"plan.xml", 18}, none = {NULL, 0}, odd = {"a 1 2 3\nb", 0};
    qs_diag_published(&d, p, "the text says 4 (as published)");
    qs_diag_warning(&d, p, "a data warning");
    qs_diag_error(&d, none, "100%% wrong: %s", "E 1 -1 9");
    qs_diag_error(&d, odd, "%s", "");
    char *text = qs_diag_encode(&d);
    assert_true(qs_diag_decode(text, &back));
    assert_int_equal(back.count, d.count);
    for (size_t i = 0; i < d.count; i++) {
        assert_int_equal(back.items[i].severity, d.items[i].severity);
        assert_int_equal(back.items[i].published, d.items[i].published);
        assert_int_equal(back.items[i].line, d.items[i].line);
        assert_string_equal(back.items[i].message, d.items[i].message);
        if (d.items[i].file)
            assert_string_equal(back.items[i].file, d.items[i].file);
        else
            assert_null(back.items[i].file);
    }
    free(text);
    qs_diag_free(&back);
    qs_diag_free(&d);
}

static void test_decoding_refuses_what_was_not_encoded(void **state)
{
    (void)state;
    qs_diags d;
    qs_diag_init(&d);
    qs_srcpos p = {"plan.xml", 1};
    qs_diag_error(&d, p, "kept");
    assert_false(qs_diag_decode("", &d));
    assert_false(qs_diag_decode("qsreport: interrupted before this case\n", &d));
    char *text = qs_diag_encode(&d);
    text[strlen(text) - 2] = '\0'; /* cut short */
    assert_false(qs_diag_decode(text, &d));
    assert_int_equal(d.count, 1);
    free(text);
    qs_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_of_errors_only_leaves_the_warnings_out),
        cmocka_unit_test(test_one_line_names_the_file_it_is_given),
        cmocka_unit_test(test_encoded_diagnostics_come_back_the_same),
        cmocka_unit_test(test_decoding_refuses_what_was_not_encoded),
    };
    return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
