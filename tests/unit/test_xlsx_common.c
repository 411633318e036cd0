/* test_xlsx_common.c - the helpers the xlsx renderers share: page breaks that
 * keep a block together or split a merged label with its text in each piece, the footer code, numbers,
 * quoted sheet names, sheet names Excel refuses, formats, column widths, row
 * heights (merges, caps), the lost-points text and the atomic write's two
 * ends. */
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

static void test_a_merged_label_is_split_at_the_break_and_each_piece_holds_it(void **state)
{
    (void)state;
    /* a label 100 pt tall over rows 3-6; the break falls above row 4, so
     * row 3 alone must hold it, and rows 4-6 hold it again */
    double h[7] = {30, 200, 140, 60, 60, 20, 20};
    size_t b[7];
    assert_int_equal(breaks(h, 7, b), 1);
    assert_int_equal(b[0], 4);
    qs_xlsx_span span = {3, 7, 100};
    lxw_row_t brk[8];
    assert_int_equal(qs_xlsx_break_labels(h, 7, 0, &span, 1, brk), 1);
    assert_int_equal(brk[0], 4);
    assert_int_equal(brk[1], 0);
    assert_true(h[3] >= 100 + QS_XLSX_ROW_PAD_PT && h[3] < 100 + QS_XLSX_ROW_PAD_PT + 1);
    assert_true(h[4] + h[5] + h[6] >= 100 + QS_XLSX_ROW_PAD_PT);
    assert_true(h[1] == 200 && h[2] == 140); /* rows above the span stay */
    /* still where the rows say: no reader breaks elsewhere */
    assert_int_equal(breaks(h, 7, b), 1);
    assert_int_equal(b[0], 4);
}

static void test_a_piece_that_grows_past_the_page_moves_the_break(void **state)
{
    (void)state;
    /* row 3 alone would need 200 pt: the page cannot hold it below rows
     * 1-2, so the break moves above row 3 and the span is whole again */
    double h[6] = {30, 200, 150, 60, 60, 60};
    qs_xlsx_span span = {3, 6, 194};
    lxw_row_t brk[7];
    assert_int_equal(qs_xlsx_break_labels(h, 6, 0, &span, 1, brk), 1);
    assert_int_equal(brk[0], 3);
    double piece = h[3] + h[4] + h[5];
    assert_true(piece >= 200);
}

static void test_merge_pieces_writes_the_label_in_every_piece(void **state)
{
    (void)state;
    lxw_workbook *wb = workbook_new("/dev/null");
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_row_t brk[] = {5, 6, 0};
    /* rows 3-4, then 5 alone, then 6-8 */
    assert_int_equal(qs_xlsx_merge_pieces(ws, 3, 9, 1, "类别", NULL, brk), LXW_NO_ERROR);
    assert_int_equal(ws->merged_range_count, 2);
    lxw_row_t nobrk[] = {0};
    assert_int_equal(qs_xlsx_merge_pieces(ws, 10, 12, 2, NULL, NULL, nobrk), LXW_NO_ERROR);
    assert_int_equal(ws->merged_range_count, 3);
    workbook_close(wb);
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

static void test_a_merge_spreads_what_its_rows_lack_evenly(void **state)
{
    (void)state;
    double h[4] = {10, 20, 30, 5};
    qs_xlsx_spread_height(h, 1, 2, 70); /* 50 between them: 10 each */
    assert_true(h[0] == 10 && h[1] == 30 && h[2] == 40 && h[3] == 5);
    qs_xlsx_spread_height(h, 1, 2, 60); /* they hold it already */
    assert_true(h[1] == 30 && h[2] == 40);
    int px[3] = {40, 50, 60};
    assert_int_equal(qs_xlsx_span_px(px, 0, 2), 150);
    assert_int_equal(qs_xlsx_span_px(px, 1, 1), 50);
}

static void test_rows_taller_than_a_page_holds_are_capped_with_a_warning(void **state)
{
    (void)state;
    qs_diags d;
    qs_diag_init(&d);
    /* a header of 99.75 pt (133 px) leaves less than Excel's 409 pt below it */
    double h[4] = {99.75, 15.1, 500, 300};
    qs_xlsx_cap_heights(h, 4, 0, 0, "out.xlsx", "S", &d);
    assert_true(h[1] == 15.75); /* whole pixels */
    assert_true(h[0] == 99.75 && h[2] == BODY - 99.75 && h[3] == 300);
    assert_int_equal(qs_diag_warnings(&d), 1);
    assert_non_null(strstr(d.items[0].message, "sheet S, row 3 needs 500 pt"));
    /* with a short header Excel's limit is the lower one */
    double low[2] = {20, 450};
    qs_xlsx_cap_heights(low, 2, 0, 0, "out.xlsx", "S", &d);
    assert_true(low[1] == QS_XLSX_MAX_ROW_PT);
    assert_int_equal(qs_diag_warnings(&d), 2);
    qs_diag_free(&d);
}

static void test_lost_points_list_each_losing_item_once_nested_ones_instead(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_item items[4] = {{.id = "1.1"}, {.id = "1.2"}, {.id = "1.2.1"}, {.id = "1.2.2"}};
    qs_item_score nested[2] = {{.item = &items[2], .earned = 0, .available = 50, .why = "late"},
                               {.item = &items[3], .earned = 100, .available = 100}};
    qs_item_score top[3] = {{.item = &items[0], .earned = 0, .available = 200},
                            {.item = &items[1], .earned = 100, .available = 150,
                             .children = nested, .n_children = 2},
                            {.item = &items[2], .earned = 0, .available = 50, .why = "late"}};
    qs_indicator_score is = {.earned = 100, .available = 300, .items = top, .n_items = 3};
    assert_string_equal(qs_xlsx_losses(a, &is, "{item} -{lost}: {why}", "{item} -{lost}"),
                        "1.1 -2\n1.2.1 -0.5: late");
    /* an indicator that earned its points lost none, whatever its items say */
    is.earned = is.available;
    assert_string_equal(qs_xlsx_losses(a, &is, "{item}", "{item}"), "");
    assert_string_equal(qs_xlsx_losses(a, NULL, "{item}", "{item}"), "");
    qs_arena_free(a);
}

static void test_sheet_names_excel_refuses_are_refused_before_libxlsxwriter(void **state)
{
    (void)state;
    char dir[] = "/tmp/qs-xs-XXXXXX";
    assert_non_null(mkdtemp(dir));
    qs_arena *a = qs_arena_new();
    lxw_workbook *wb = workbook_new(qs_arena_printf(a, "%s/w.xlsx", dir));
    assert_non_null(wb);
    lxw_worksheet *ws = NULL;
    assert_int_equal(qs_xlsx_add_sheet(wb, "Sheet", &ws), LXW_NO_ERROR);
    assert_non_null(ws);
    assert_int_equal(qs_xlsx_add_sheet(wb, "history", &ws), LXW_ERROR_PARAMETER_VALIDATION);
    assert_int_equal(qs_xlsx_add_sheet(wb, "", &ws), LXW_ERROR_PARAMETER_VALIDATION);
    assert_int_equal(qs_xlsx_add_sheet(wb, "a[b]", &ws), LXW_ERROR_INVALID_SHEETNAME_CHARACTER);
    assert_int_equal(qs_xlsx_add_sheet(wb, "sheet", &ws), LXW_ERROR_SHEETNAME_ALREADY_USED);

    lxw_format *f = qs_xlsx_format(wb, NULL, QS_ROLE_TABLE, 11, LXW_ALIGN_LEFT,
                                   QS_XLSX_WRAP | QS_XLSX_BORDER);
    assert_non_null(f);
    assert_true(f->font_size == 11 && f->text_wrap && f->bottom == LXW_BORDER_THIN);
    assert_int_equal(f->text_h_align, LXW_ALIGN_LEFT);
    assert_int_equal(f->text_v_align, LXW_ALIGN_VERTICAL_CENTER);
    f = qs_xlsx_format(wb, NULL, QS_ROLE_TITLE, 22, LXW_ALIGN_NONE, 0);
    assert_true(!f->text_wrap && !f->bottom && !f->text_h_align && !*f->font_name);

    /* the workbook is closed (and freed) by the finish, which refuses it here */
    qs_diags d;
    qs_diag_init(&d);
    char *path = qs_arena_printf(a, "%s/w.xlsx", dir);
    qs_dest to;
    qs_afile tmp;
    assert_true(qs_fs_dest_of(path, &to, &d));
    assert_int_equal(qs_xlsx_open_temp(&to, &tmp, &d), QS_OK);
    char *tmp_path = qs_arena_printf(a, "%s/%s", dir, tmp.tmp);
    assert_int_equal(qs_xlsx_finish(wb, &tmp, LXW_ERROR_SHEETNAME_ALREADY_USED, &d), QS_ERR_XLSX);
    assert_int_not_equal(access(tmp_path, F_OK), 0);
    close(to.dir);
    qs_diag_free(&d);
    qs_arena_free(a);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_the_temporary_file_is_renamed_or_removed(void **state)
{
    (void)state;
    char dir[] = "/tmp/qs-xc-XXXXXX";
    assert_non_null(mkdtemp(dir));
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    char *path = qs_arena_printf(a, "%s/out.xlsx", dir);
    qs_dest to;
    qs_afile tmp;
    assert_true(qs_fs_dest_of(path, &to, &d));
    assert_int_equal(qs_xlsx_open_temp(&to, &tmp, &d), QS_OK);
    char *tmp_path = qs_arena_printf(a, "%s/%s", dir, tmp.tmp);
    assert_int_equal(access(tmp_path, F_OK), 0);
    assert_int_equal(qs_xlsx_finish(NULL, &tmp, LXW_NO_ERROR, &d), QS_OK);
    assert_int_equal(access(path, F_OK), 0);
    assert_int_not_equal(access(tmp_path, F_OK), 0);

    assert_int_equal(qs_xlsx_open_temp(&to, &tmp, &d), QS_OK);
    tmp_path = qs_arena_printf(a, "%s/%s", dir, tmp.tmp);
    assert_int_equal(qs_xlsx_finish(NULL, &tmp, LXW_ERROR_SHEETNAME_ALREADY_USED, &d), QS_ERR_XLSX);
    assert_int_not_equal(access(tmp_path, F_OK), 0);
    assert_int_equal(qs_diag_errors(&d), 1);
    assert_non_null(strstr(d.items[0].message, "cannot write: "));
    close(to.dir);

    char *missing = qs_arena_printf(a, "%s/no/out.xlsx", dir);
    assert_false(qs_fs_dest_of(missing, &to, &d));
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
        cmocka_unit_test(test_a_merged_label_is_split_at_the_break_and_each_piece_holds_it),
        cmocka_unit_test(test_a_piece_that_grows_past_the_page_moves_the_break),
        cmocka_unit_test(test_merge_pieces_writes_the_label_in_every_piece),
        cmocka_unit_test(test_the_footer_turns_placeholders_into_codes),
        cmocka_unit_test(test_numbers_are_numbers_only_when_they_read_back_the_same),
        cmocka_unit_test(test_sheet_names_are_quoted_for_formulas),
        cmocka_unit_test(test_column_widths_and_heights_in_excel_units),
        cmocka_unit_test(test_a_merge_spreads_what_its_rows_lack_evenly),
        cmocka_unit_test(test_rows_taller_than_a_page_holds_are_capped_with_a_warning),
        cmocka_unit_test(test_lost_points_list_each_losing_item_once_nested_ones_instead),
        cmocka_unit_test(test_sheet_names_excel_refuses_are_refused_before_libxlsxwriter),
        cmocka_unit_test(test_the_temporary_file_is_renamed_or_removed),
    };
    return cmocka_run_group_tests_name("xlsx_common", tests, NULL, NULL);
}
