/* test_score_out.c - `score --format csv` as a spreadsheet opens it: a text
 * cell that starts like a formula is neutralised with a leading ' (OWASP,
 * "CSV Injection"), and quoted; the points columns stay numbers. */
#include "fixture.h"
#include "score.h"
#include "score_out.h"
#include "wording.h"

/* the CSV of the fixture case with from replaced by to in schema and plan
 * and evidence (where it occurs); the total set to total hundredths when
 * total_set */
static char *csv_of(const char *from, const char *to, bool total_set, qs_points total)
{
    fx f;
    char *schema = strstr(FX_SCHEMA, from) ? fx_replace(FX_SCHEMA, from, to) : strdup(FX_SCHEMA);
    char *plan = strstr(FX_PLAN, from) ? fx_replace(FX_PLAN, from, to) : strdup(FX_PLAN);
    char *ev = strstr(FX_EVIDENCE, from) ? fx_replace(FX_EVIDENCE, from, to) : strdup(FX_EVIDENCE);
    fx_case(&f, schema, plan, ev);
    if (qs_diag_errors(&f.diags)) {
        fx_show(&f);
        fail_msg("the test case does not validate");
    }
    qs_strings *s = qs_strings_load("templates/strings.xml", &f.diags);
    assert_non_null(s);
    qs_scores *sc = qs_score(f.c, s, f.arena);
    if (total_set)
        sc->total = total;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    qs_score_print_csv(f.c, sc, out);
    fclose(out);
    qs_strings_free(s);
    fx_free(&f);
    free(schema);
    free(plan);
    free(ev);
    return text;
}

static void test_csv_unit_name_like_a_formula_gets_a_quote_mark(void **state)
{
    (void)state;
    char *csv = csv_of("区市场监管局", "=HYPERLINK(&quot;http:x&quot;,&quot;y&quot;)", false, 0);
    assert_non_null(strstr(csv, ",\"'=HYPERLINK(\"\"http:x\"\",\"\"y\"\")\",earned,"));
    assert_null(strstr(csv, ",=HYPERLINK"));
    free(csv);
}

static void test_csv_every_formula_start_is_neutralised(void **state)
{
    (void)state;
    static const char *const starts[][2] = {
        {"-x", ",\"'-x\","}, {"+1", ",\"'+1\","}, {"@SUM(1)", ",\"'@SUM(1)\","},
    };
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++) {
        char *csv = csv_of("区市场监管局", starts[i][0], false, 0);
        if (!strstr(csv, starts[i][1]))
            fail_msg("%s: not neutralised in\n%s", starts[i][0], csv);
        free(csv);
    }
}

static void test_csv_item_text_like_a_formula_gets_a_quote_mark(void **state)
{
    (void)state;
    char *csv = csv_of("<text>成立委员会</text>", "<text>=1+2</text>", false, 0);
    assert_non_null(strstr(csv, "\r\nitem,1.1,\"'=1+2\",2,2,"));
    free(csv);
}

static void test_csv_negative_points_stay_numbers(void **state)
{
    (void)state;
    char *csv = csv_of("区市场监管局", "区市场监管局", true, -200);
    assert_non_null(strstr(csv, "\r\ntotal,,,-2,10,,,\r\n"));
    free(csv);
}

static void test_csv_plain_text_is_not_quoted(void **state)
{
    (void)state;
    char *csv = csv_of("区市场监管局", "区市场监管局", false, 0);
    assert_non_null(strstr(csv, "\r\nitem,1.1,成立委员会,2,2,区市场监管局,earned,\r\n"));
    assert_null(strchr(csv, '\''));
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_unit_name_like_a_formula_gets_a_quote_mark),
        cmocka_unit_test(test_csv_every_formula_start_is_neutralised),
        cmocka_unit_test(test_csv_item_text_like_a_formula_gets_a_quote_mark),
        cmocka_unit_test(test_csv_negative_points_stay_numbers),
        cmocka_unit_test(test_csv_plain_text_is_not_quoted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
