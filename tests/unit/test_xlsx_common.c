/* test_xlsx_common.c - the helpers the xlsx renderers share: page breaks that
 * keep a block together or a merged label whole, the footer code, numbers,
 * quoted sheet names, column widths and the atomic write's two ends. */
#include "fixture.h"
#include "xlsx_common.h"

#include <xlsxwriter.h>

#define BODY QS_XLSX_PAGE_BODY_PT

/* The first row of every page after the first, as Excel paginates at 100 %
 * (whole rows, row 0 repeated on later pages): a second opinion. */
static size_t breaks(const double *h, size_t n, size_t *out)
{
    size_t count = 0;
    double used = 0;
    for (size_t r = 0; r < n; r++) {
        if (r > 0 && used + h[r] > BODY) {
            out[count++] = r;
            used = h[0];
        }
        used += h[r];
    }
    return count;
}

static void test_a_block_cut_by_a_break_moves_to_the_next_page(void **state)
{
    (void)state;
    /* header 30, then rows of 100: rows 1-4 fill 430, the block (rows 5-6,
     * 40 each) has 51.9 left: row 5 fits, row 6 not */
    double h[7] = {30, 100, 100, 100, 100, 40, 40};
    size_t b[7];
    assert_int_equal(breaks(h, 7, b), 1);
    assert_int_equal(b[0], 6);
    assert_true(qs_xlsx_keep_together(h, 7, 0, 5, 7));
    assert_int_equal(breaks(h, 7, b), 1);
    assert_int_equal(b[0], 5);
    assert_true(h[4] > 100 && h[4] <= 100 + BODY - 430);
    /* filled to the foot: less than a pixel left on the page */
    assert_true(BODY - (30 + 300 + h[4]) < QS_XLSX_PT_PER_PX);
    assert_false(qs_xlsx_keep_together(h, 7, 0, 5, 7));
}

static void test_a_block_on_one_page_or_taller_than_one_is_left_alone(void **state)
{
    (void)state;
    double h[5] = {30, 100, 100, 20, 20};
    assert_false(qs_xlsx_keep_together(h, 5, 0, 3, 5));
    assert_true(h[2] == 100);
    double tall[4] = {30, 100, 300, 300};
    assert_false(qs_xlsx_keep_together(tall, 4, 0, 2, 4));
    assert_true(tall[1] == 100);
}

static void test_a_merged_label_cut_by_a_break_is_moved_below_it(void **state)
{
    (void)state;
    /* a label 40 pt tall centred over rows 3-4, which the break splits in the middle */
    double h[7] = {30, 200, 150, 60, 60, 60, 60};
    size_t b[7];
    assert_int_equal(breaks(h, 7, b), 1);
    assert_int_equal(b[0], 4);
    qs_xlsx_span span = {3, 5, 40};
    qs_xlsx_keep_labels(h, 7, 0, &span, 1);
    assert_int_equal(breaks(h, 7, b), 1);
    assert_int_equal(b[0], 4);
    double y_break = 0, top = 0, bottom = 0;
    for (size_t r = 0; r < b[0]; r++)
        y_break += h[r];
    for (size_t r = 0; r < 3; r++)
        top += h[r];
    bottom = top;
    for (size_t r = 3; r < 5; r++)
        bottom += h[r];
    double mid = (top + bottom) / 2;
    assert_true(mid - 20 >= y_break || mid + 20 <= y_break);
    assert_true(h[1] == 200 && h[2] == 150 && h[3] == 60); /* rows above the break stay */
}

static void test_the_footer_turns_placeholders_into_codes(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(qs_xlsx_footer(a, "P {page} of {pages} & more", NULL, 14),
                        "&C&14P &P of &N && more");
    assert_string_equal(qs_xlsx_footer(a, "{page}", "Song", 14), "&C&\"Song,Regular\"&14&P");
    /* a digit right after the size would change the size: none is written */
    assert_string_equal(qs_xlsx_footer(a, "1/{pages}", NULL, 14), "&C1/&N");
    /* a font name that would break the code is left out */
    assert_string_equal(qs_xlsx_footer(a, "x", "A,B", 14), "&C&14x");
    qs_arena_free(a);
}

static void test_numbers_are_numbers_only_when_they_read_back_the_same(void **state)
{
    (void)state;
    double v;
    assert_true(qs_xlsx_as_number("22", &v) && v == 22);
    assert_true(qs_xlsx_as_number("0.5", &v) && v == 0.5);
    assert_false(qs_xlsx_as_number("05", &v));
    assert_false(qs_xlsx_as_number("1e3", &v));
    assert_false(qs_xlsx_as_number("", &v));
    assert_false(qs_xlsx_as_number("3 points", &v));
}

static void test_sheet_names_are_quoted_for_formulas(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    assert_string_equal(qs_xlsx_quote_sheet(a, "\xe8\xa1\xa8"), "'\xe8\xa1\xa8'");
    assert_string_equal(qs_xlsx_quote_sheet(a, "it's"), "'it''s'");
    qs_arena_free(a);
}

static void test_column_widths_and_heights_in_excel_units(void **state)
{
    (void)state;
    assert_true(qs_xlsx_column_width(40) == 5.0);
    assert_true(qs_xlsx_column_width(2) == qs_xlsx_column_width(12));
    assert_true(qs_xlsx_round_height(15.0) == 15.0);
    assert_true(qs_xlsx_round_height(15.1) == 15.75);
    qs_arena *a = qs_arena_new();
    /* 12 wide characters (U+4E00) in a cell 8 of them wide at 11 pt: two lines */
    int px = (int)(8 * 11 / QS_XLSX_PT_PER_PX + 2 * QS_XLSX_CELL_PAD_PX + 1);
    char wide[12 * 3 + 1] = "";
    for (int i = 0; i < 12; i++)
        strcat(wide, "\xe4\xb8\x80");
    assert_int_equal(qs_xlsx_text_lines(a, wide, px, 11, false), 2);
    assert_true(qs_xlsx_text_height(a, "", px, 11, false) ==
                11 * QS_XLSX_LINE_FACTOR + QS_XLSX_ROW_PAD_PT);
    qs_arena_free(a);
}

static void test_the_temporary_file_is_renamed_or_removed(void **state)
{
    (void)state;
    char dir[] = "/tmp/qs-xc-XXXXXX";
    assert_non_null(mkdtemp(dir));
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    char *path = qs_arena_printf(a, "%s/out.xlsx", dir), *tmp = NULL;
    assert_int_equal(qs_xlsx_open_temp(a, path, &tmp, &d), QS_OK);
    assert_int_equal(access(tmp, F_OK), 0);
    assert_int_equal(qs_xlsx_finish(tmp, path, LXW_NO_ERROR, &d), QS_OK);
    assert_int_equal(access(path, F_OK), 0);
    assert_int_not_equal(access(tmp, F_OK), 0);

    assert_int_equal(qs_xlsx_open_temp(a, path, &tmp, &d), QS_OK);
    assert_int_equal(qs_xlsx_finish(tmp, path, LXW_ERROR_SHEETNAME_ALREADY_USED, &d), QS_ERR_XLSX);
    assert_int_not_equal(access(tmp, F_OK), 0);
    assert_int_equal(qs_diag_errors(&d), 1);
    assert_non_null(strstr(d.items[0].message, "cannot write: "));

    char *missing = qs_arena_printf(a, "%s/no/out.xlsx", dir);
    assert_int_equal(qs_xlsx_open_temp(a, missing, &tmp, &d), QS_ERR_IO);
    assert_int_equal(qs_diag_errors(&d), 2);
    qs_diag_free(&d);
    qs_arena_free(a);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_block_cut_by_a_break_moves_to_the_next_page),
        cmocka_unit_test(test_a_block_on_one_page_or_taller_than_one_is_left_alone),
        cmocka_unit_test(test_a_merged_label_cut_by_a_break_is_moved_below_it),
        cmocka_unit_test(test_the_footer_turns_placeholders_into_codes),
        cmocka_unit_test(test_numbers_are_numbers_only_when_they_read_back_the_same),
        cmocka_unit_test(test_sheet_names_are_quoted_for_formulas),
        cmocka_unit_test(test_column_widths_and_heights_in_excel_units),
        cmocka_unit_test(test_the_temporary_file_is_renamed_or_removed),
    };
    return cmocka_run_group_tests_name("xlsx_common", tests, NULL, NULL);
}
