/* test_excel_limits.c - Excel's limits as validation checks them: lengths in
 * UTF-16 units, and a sheet with more rows than Excel's (too big a case to
 * write as XML in a test: the model is built by hand). */
#include "fixture.h"
#include "excel_limits.h"

static void test_length_counts_utf16_units(void **state)
{
    (void)state;
    assert_int_equal(qs_excel_limits_length(NULL), 0);
    assert_int_equal(qs_excel_limits_length(""), 0);
    assert_int_equal(qs_excel_limits_length("a质"), 2);
    /* U+20000, CJK Extension B: a surrogate pair */
    assert_int_equal(qs_excel_limits_length("a质\xF0\xA0\x80\x80"), 4);
}

static void test_evidence_index_past_the_last_row_is_an_error_at_that_document(void **state)
{
    (void)state;
    /* a title row and a header row, then a row per document: one too many */
    size_t n = QS_EXCEL_MAX_ROWS - 1;
    qs_document *docs = calloc(n, sizeof *docs);
    assert_non_null(docs);
    for (size_t i = 0; i < n; i++)
        docs[i] = (qs_document){.title = "文件", .pos = {"evidence/many.xml", (long)i + 10}};
    qs_evidence_item item = {.ref = "1.1", .documents = docs, .n_documents = n};
    qs_evidence_unit unit = {.name = "区财政局", .items = &item, .n_items = 1};
    qs_evidence ev = {.path = "evidence/many.xml", .units = &unit, .n_units = 1};
    qs_case c = {.evidence = &ev, .n_evidence = 1};
    qs_diags d;
    qs_diag_init(&d);
    assert_int_equal(qs_excel_limits_check(&c, &d), 1);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, (long)(n - 1) + 10); /* the last document */
    assert_non_null(strstr(d.items[0].message, "1048577 rows in one sheet of the evidence index"));
    qs_diag_free(&d);
    /* one fewer fits */
    item.n_documents = n - 1;
    qs_diag_init(&d);
    assert_int_equal(qs_excel_limits_check(&c, &d), 0);
    qs_diag_free(&d);
    free(docs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_length_counts_utf16_units),
        cmocka_unit_test(test_evidence_index_past_the_last_row_is_an_error_at_that_document),
    };
    return cmocka_run_group_tests_name("excel_limits", tests, NULL, NULL);
}
