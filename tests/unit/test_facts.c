/* test_facts.c - the facts of the case: each figure counted by its one
 * definition (facts.h): a file cited twice is one document with two
 * citations, a document without a file is one per what it says, entries and
 * covered items are counted apart, and the responsible units without
 * evidence are those of the duties (groups expanded). */
#include "facts.h"
#include "fixture.h"
#include "score.h"
#include "wording.h"

static const char EVIDENCE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<evidence xmlns=\"urn:qsreport:evidence:1\" version=\"1\" region=\"测试区\" year=\"2022\">\n"
    "  <unit name=\"区市场监管局\">\n"
    "    <item ref=\"1.1\" done=\"true\">\n"
    "      <document title=\"成立文件\" number=\"测〔2022〕1号\" date=\"2022-03-01\" file=\"attachments/a.txt\"/>\n"
    "      <document title=\"会议纪要\" date=\"2022-04-01\"/>\n"
    "    </item>\n"
    "    <item ref=\"1.2\" done=\"true\"><measure quantity=\"pass-rate\" value=\"92.5\"/>\n"
    "      <document title=\"会议纪要\" date=\"2022-04-01\"/>\n"
    "      <document title=\"另一纪要\" date=\"2022-05-01\"/>\n"
    "    </item>\n"
    "  </unit>\n"
    "  <unit name=\"区交通局\">\n"
    "    <item ref=\"1.1\" done=\"true\">\n"
    "      <document title=\"成立文件\" number=\"测〔2022〕1号\" date=\"2022-03-01\" file=\"./attachments/a.txt\"/>\n"
    "    </item>\n"
    "  </unit>\n"
    "</evidence>\n";

static void test_each_figure_counts_by_its_definition(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, EVIDENCE);
    fx_show(&f);
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    qs_strings *s = qs_strings_load("templates/strings.xml", &f.diags);
    assert_non_null(s);
    qs_scores *sc = qs_score(f.c, s, f.arena);
    const qs_facts *fa = qs_facts_build(f.c, sc, "佐证材料", f.arena);
    assert_int_equal(fa->n_reporting, 2);
    assert_int_equal(fa->n_entries, 3);
    assert_int_equal(fa->n_items, 5);
    assert_int_equal(fa->n_items_covered, 2);
    /* a.txt cited twice (by two spellings of its path): one file, one row */
    assert_int_equal(fa->n_files, 1);
    assert_string_equal(fa->index->names[0], "佐证材料/a.txt");
    /* the two citations of 会议纪要 without a file are one document; 另一纪要 another */
    assert_int_equal(fa->n_documents, 3);
    assert_int_equal(fa->index->rows[0].n_cites, 2);
    assert_string_equal(qs_evindex_units(&fa->index->rows[0], "\n", f.arena), "区市场监管局\n区交通运输局");
    assert_string_equal(qs_evindex_items(&fa->index->rows[1], "\n", f.arena), "1.1\n1.2");
    assert_string_equal(qs_evindex_indicators(&fa->index->rows[1], "\n", f.arena), "1");
    /* responsible: the office (row 2), the market bureau and transport (row 1
     * and, as committee members, row 3); only the office sent nothing */
    assert_int_equal(fa->duties->n_units, 3);
    assert_int_equal(fa->n_silent, 1);
    assert_string_equal(fa->silent[0]->unit->name, "区办公室");
    qs_strings_free(s);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_figure_counts_by_its_definition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
