/* test_xlsx_read.c - the workbook reader: cells as other writers store
 * them, the two date systems, decimals written back exactly, and refusals. */
#include "fixture.h"
#include "xlsx_read.h"

#include <zip.h>

/* a zip in memory of n (name, text) pairs; malloc'd, *len bytes */
static char *make_zip(const char *const *parts, size_t n, size_t *len)
{
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *p = zip_source_buffer(z, parts[2 * i + 1], strlen(parts[2 * i + 1]), 0);
        zip_file_add(z, parts[2 * i], p, ZIP_FL_OVERWRITE);
    }
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *buf = malloc((size_t)size);
    *len = (size_t)zip_source_read(src, buf, (zip_uint64_t)size);
    zip_source_close(src);
    zip_source_free(src);
    return buf;
}

static const char RELS[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"/wb/book.xml\"/></Relationships>";
static const char BOOK[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr date1904=\"1\"/>"
    "<sheets><sheet name=\"数据\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>";
static const char BOOK_RELS[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "worksheet\" Target=\"sheets/../data/one.xml\"/></Relationships>";
/* no shared strings: inline rich text with a phonetic run, a boolean, an
 * error, a formula's cached string, numbers, a merge; no r on some cells */
static const char SHEET[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData><row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><r><t>区财</t></r><r><rPr><b/></rPr><t>政局</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>QU</t></rPh></is></c><c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c>"
    "<c t=\"str\"><f>A1&amp;\"x\"</f><v>a_x000D_b</v></c></row>"
    "<row><c r=\"A3\"><v>97.599999999999994</v></c><c r=\"C3\" s=\"1\"/><c r=\"D3\"><v>43281</v></c></row>"
    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"B2:B9\"/></mergeCells></worksheet>";

static void test_other_writers_cells_are_read_alike(void **state)
{
    (void)state;
    const char *parts[] = {"_rels/.rels", RELS, "wb/book.xml", BOOK, "wb/_rels/book.xml.rels", BOOK_RELS,
                           "wb/data/one.xml", SHEET};
    size_t len;
    char *buf = make_zip(parts, 4, &len);
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    qs_xbook *b = qs_xlsx_read_mem(a, buf, len, "t.xlsx", &d);
    assert_non_null(b);
    assert_int_equal(d.count, 0);
    assert_true(b->date1904);
    const qs_xsheet *s = qs_xlsx_sheet(b, "数据");
    assert_non_null(s);
    const qs_xcell *c = qs_xlsx_cell_at(s, 1, 1);
    assert_string_equal(c->text, "区财政局"); /* runs joined, the phonetic run dropped */
    assert_int_equal(qs_xlsx_cell_at(s, 1, 2)->type, QS_XCELL_BOOL);
    assert_int_equal(qs_xlsx_cell_at(s, 1, 3)->type, QS_XCELL_ERROR);
    assert_string_equal(qs_xlsx_cell_at(s, 1, 4)->text, "a\rb"); /* _x000D_ */
    assert_string_equal(qs_xlsx_cell_at(s, 5, 1)->text, "区财政局"); /* inside the merge */
    c = qs_xlsx_cell_at(s, 2, 0);
    assert_int_equal(c->type, QS_XCELL_NUMBER);
    char num[400];
    assert_true(qs_xlsx_decimal(c->num, num, sizeof num));
    assert_string_equal(num, "97.6");
    assert_null(qs_xlsx_cell_at(s, 2, 2)); /* a styled empty cell is no cell */
    int y, m, day;
    assert_true(qs_xlsx_serial_date(qs_xlsx_cell_at(s, 2, 3)->num, b->date1904, &y, &m, &day));
    assert_int_equal(y * 10000 + m * 100 + day, 20220701); /* 43281 in 1904 days */
    qs_diag_free(&d);
    qs_arena_free(a);
    free(buf);
}

static void test_the_1900_system_skips_the_leap_day_that_never_was(void **state)
{
    (void)state;
    int y, m, d;
    assert_true(qs_xlsx_serial_date(61, false, &y, &m, &d));
    assert_int_equal(y * 10000 + m * 100 + d, 19000301);
    assert_true(qs_xlsx_serial_date(44927.75, false, &y, &m, &d)); /* a time of day is dropped */
    assert_int_equal(y * 10000 + m * 100 + d, 20230101);
    assert_false(qs_xlsx_serial_date(60, false, &y, &m, &d)); /* 1900-02-29 */
    assert_true(qs_xlsx_serial_date(0, true, &y, &m, &d));
    assert_int_equal(y * 10000 + m * 100 + d, 19040101);
    assert_false(qs_xlsx_serial_date(-1, true, &y, &m, &d));
}

static void test_decimals_read_back_exactly_without_exponent(void **state)
{
    (void)state;
    char buf[400];
    const double v[] = {0.1, 1e-7, 12345678901234567.0, 2.5, -0.0001, 1e21};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        assert_true(qs_xlsx_decimal(v[i], buf, sizeof buf));
        assert_null(strchr(buf, 'e'));
        assert_true(strtod(buf, NULL) == v[i]);
    }
    assert_true(qs_xlsx_decimal(1e-7, buf, sizeof buf));
    assert_string_equal(buf, "0.0000001");
}

static void test_cell_references(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(qs_xlsx_ref(0, 0, buf), "A1");
    assert_string_equal(qs_xlsx_ref(11, 2, buf), "C12");
    assert_string_equal(qs_xlsx_ref(0, 26, buf), "AA1");
    assert_string_equal(qs_xlsx_ref(1048575, 16383, buf), "XFD1048576");
}

static void refused(const char *const *parts, size_t n, const char *want)
{
    size_t len;
    char *buf = make_zip(parts, n, &len);
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    assert_null(qs_xlsx_read_mem(a, buf, len, "t.xlsx", &d));
    assert_int_equal(d.count, 1);
    if (!strstr(d.items[0].message, want))
        fail_msg("\"%s\" does not say \"%s\"", d.items[0].message, want);
    qs_diag_free(&d);
    qs_arena_free(a);
    free(buf);
}

static void test_hostile_containers_are_refused_with_one_diagnostic(void **state)
{
    (void)state;
    const char *dotdot[] = {"_rels/.rels", RELS, "a/../../x", "x"};
    refused(dotdot, 2, "\"..\"");
    const char *doctype[] = {"_rels/.rels", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"b\">]><r/>"};
    refused(doctype, 1, "DOCTYPE");
    const char *none[] = {"x.txt", "hello"};
    refused(none, 1, "not a workbook");
    const char *missing[] = {"_rels/.rels", RELS, "wb/book.xml", BOOK, "wb/_rels/book.xml.rels", BOOK_RELS};
    refused(missing, 3, "sheet part wb/data/one.xml is missing");
    const char *rows[] = {"_rels/.rels", RELS, "wb/book.xml", BOOK, "wb/_rels/book.xml.rels", BOOK_RELS,
                          "wb/data/one.xml",
                          "<worksheet><sheetData><row r=\"200000\"><c r=\"A200000\"><v>1</v></c></row></sheetData>"
                          "</worksheet>"};
    refused(rows, 4, "at most 100000 rows");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_other_writers_cells_are_read_alike),
        cmocka_unit_test(test_the_1900_system_skips_the_leap_day_that_never_was),
        cmocka_unit_test(test_decimals_read_back_exactly_without_exponent),
        cmocka_unit_test(test_cell_references),
        cmocka_unit_test(test_hostile_containers_are_refused_with_one_diagnostic),
    };
    return cmocka_run_group_tests_name("xlsx_read", tests, NULL, NULL);
}
