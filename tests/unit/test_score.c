/* test_score.c - every rule kind of the scoring engine, with its edges:
 * exactly at a threshold and just below, a cap reached by several tiers,
 * per-count awards, an incident voiding an absence, a trend with a missing
 * year, nested items, caps on indicator, category and bonus. */
#include "fixture.h"
#include "score.h"

/* One indicator per rule kind; categories of 20 points and a 3-point bonus. */
static const char SCHEMA[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<indicators xmlns=\"urn:qsreport:indicators:1\" version=\"1\" id=\"t-2022\" region=\"测试省\""
    " year=\"2022\" total=\"20\" bonus-cap=\"3\">\n"
    "<title>测试</title>\n"
    "<quantities>\n"
    "<quantity id=\"rate\" name=\"合格率\" unit=\"%\" min=\"0\" max=\"100\"/>\n"
    "<quantity id=\"avg\" name=\"全省平均水平\" unit=\"%\" min=\"0\" max=\"100\"/>\n"
    "<quantity id=\"complaints\" name=\"投诉率\" unit=\"%\" min=\"0\" max=\"100\"/>\n"
    "</quantities>\n"
    "<incidents><incident id=\"accident\" name=\"重大事故\"/></incidents>\n"
    "<category id=\"a\" name=\"甲\" points=\"20\"><label><line>甲</line></label>\n"
    "<indicator no=\"1\" points=\"2\"><method>有文件（2分）</method>\n"
    "  <item id=\"1.1\" points=\"2\"><text>有文件</text><fixed/></item></indicator>\n"
    "<indicator no=\"2\" points=\"2\"><method>合格率90%以上（2分）</method>\n"
    "  <item id=\"2.1\" points=\"2\"><text>合格率90%以上</text><threshold quantity=\"rate\" op=\"ge\" value=\"90\"/></item></indicator>\n"
    "<indicator no=\"3\" points=\"2\"><method>不低于全省平均水平（2分）</method>\n"
    "  <item id=\"3.1\" points=\"2\"><text>不低于全省平均水平</text><threshold quantity=\"rate\" op=\"ge\" ref=\"avg\"/></item></indicator>\n"
    "<indicator no=\"4\" points=\"2\"><method>全部达标（2分）</method>\n"
    "  <item id=\"4.1\" points=\"2\"><text>全部达标</text><all-of><threshold quantity=\"rate\" op=\"eq\" value=\"100\"/>"
    "<fact id=\"filed\">已备案</fact></all-of></item></indicator>\n"
    "<indicator no=\"5\" points=\"2\"><method>有批示，或者交流（2分）</method>\n"
    "  <item id=\"5.1\" points=\"2\"><text>有批示，或者交流</text><any-of><fact id=\"a\">有批示</fact>"
    "<fact id=\"b\">交流</fact></any-of></item></indicator>\n"
    "<indicator no=\"6\" points=\"4\"><method>平台（2分），国家级再加2分，省级再加1分，满分4分</method>\n"
    "  <item id=\"6.1\" points=\"2\"><text>平台</text><fixed/></item>\n"
    "  <item id=\"6.2\" points=\"2\"><text>国家级再加2分，省级再加1分</text><tiers><level id=\"national\" points=\"2\"/>"
    "<level id=\"provincial\" points=\"1\"/></tiers></item></indicator>\n"
    "<indicator no=\"7\" points=\"2\"><method>每项加1分，满分2分</method>\n"
    "  <item id=\"7.1\" points=\"2\"><text>每项加1分</text><per-count><level id=\"provincial\" points=\"1\"/></per-count></item></indicator>\n"
    "<indicator no=\"8\" points=\"1\"><method>未发生重大事故（1分）</method>\n"
    "  <item id=\"8.1\" points=\"1\"><text>未发生重大事故</text><absence incident=\"accident\"/></item></indicator>\n"
    "<indicator no=\"9\" points=\"1\"><method>投诉率连续两年同比下降（1分）</method>\n"
    "  <item id=\"9.1\" points=\"1\"><text>投诉率连续两年同比下降</text><trend quantity=\"complaints\" direction=\"down\" years=\"2\"/></item></indicator>\n"
    "<indicator no=\"10\" points=\"1\"><method>工作好（1分）</method>\n"
    "  <item id=\"10.1\" points=\"1\"><text>工作好</text><graded/></item></indicator>\n"
    "<indicator no=\"11\" points=\"1\"><method>措施（2分），其中：甲（1分）；乙（1分）</method>\n"
    "  <as-published kind=\"item-sum\" points=\"2\"/>\n"
    "  <item id=\"11.1\" points=\"2\"><text>措施</text><sum/>\n"
    "    <item id=\"11.1.1\" points=\"1\"><text>甲</text><fixed/></item>\n"
    "    <item id=\"11.1.2\" points=\"1\"><text>乙</text><fixed/></item></item></indicator>\n"
    "</category>\n"
    "<category id=\"b\" name=\"加分项\" points=\"3\" bonus=\"true\"><label><line>加分项</line></label>\n"
    "<indicator no=\"12\"><method>甲（2分）乙（2分）</method>\n"
    "  <item id=\"12.1\" points=\"2\"><text>甲</text><fixed/></item>\n"
    "  <item id=\"12.2\" points=\"2\"><text>乙</text><fixed/></item></indicator>\n"
    "</category>\n"
    "</indicators>\n";

static char *plan_text(void)
{
    static char buf[8192];
    char *o = buf;
    o += sprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<plan xmlns=\"urn:qsreport:plan:1\" version=\"1\">\n"
                    "<indicators id=\"t-2022\" file=\"schema.xml\"/><region>测试区</region><year>2022</year>\n"
                    "<title><line>方案</line></title><status>final</status><issuer>办公室</issuer>\n"
                    "<table-title>表</table-title><campaign level=\"区\">测试省质量强区</campaign>\n"
                    "<units><unit name=\"区甲局\" member=\"true\"/></units>\n<responsibilities>\n");
    for (int i = 1; i <= 12; i++)
        o += sprintf(o, "<responsible indicator=\"%d\"><text>区甲局</text><unit role=\"lead\">区甲局</unit></responsible>\n", i);
    sprintf(o, "</responsibilities>\n</plan>\n");
    return buf;
}

/* Scores a case whose one evidence unit holds items (XML text). */
typedef struct scored {
    fx f;
    qs_strings *s;
    qs_scores *sc;
} scored;

static void score_with(scored *x, const char *items)
{
    char ev[16384];
    snprintf(ev, sizeof ev,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<evidence xmlns=\"urn:qsreport:evidence:1\" version=\"1\" region=\"测试区\" year=\"2022\">\n"
             "<unit name=\"区甲局\">\n%s\n</unit>\n</evidence>\n", items);
    fx_case(&x->f, SCHEMA, plan_text(), ev);
    if (qs_diag_errors(&x->f.diags)) {
        fx_show(&x->f);
        fail_msg("the test case does not validate");
    }
    x->s = qs_strings_load("templates/strings.xml", &x->f.diags);
    assert_non_null(x->s);
    x->sc = qs_score(x->f.c, x->s, x->f.arena);
}

static void done_with(scored *x)
{
    qs_strings_free(x->s);
    fx_free(&x->f);
}

static const qs_item_score *item(const scored *x, const char *id)
{
    for (size_t i = 0; i < x->sc->n_indicators; i++)
        for (size_t k = 0; k < x->sc->indicators[i].n_items; k++) {
            const qs_item_score *is = &x->sc->indicators[i].items[k];
            if (!strcmp(is->item->id, id))
                return is;
            for (size_t j = 0; j < is->n_children; j++)
                if (!strcmp(is->children[j].item->id, id))
                    return &is->children[j];
        }
    fail_msg("no item %s", id);
    return NULL;
}

#define DOC "<document title=\"文件\" date=\"2022-01-01\" file=\"attachments/a.txt\"/>"

static void test_fixed_needs_done_and_a_document(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"1.1\" done=\"true\">" DOC "</item>");
    assert_int_equal(item(&x, "1.1")->earned, 200);
    done_with(&x);
    score_with(&x, "<item ref=\"1.1\" done=\"true\"/>");
    assert_int_equal(item(&x, "1.1")->earned, 0);
    assert_int_equal(item(&x, "1.1")->reason, QS_REASON_NO_DOCUMENT);
    done_with(&x);
    score_with(&x, "<item ref=\"1.1\" done=\"false\">" DOC "</item>");
    assert_int_equal(item(&x, "1.1")->reason, QS_REASON_NOT_DONE);
    done_with(&x);
}

static void test_missing_evidence_earns_nothing_and_says_so(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "");
    assert_int_equal(item(&x, "1.1")->earned, 0);
    assert_int_equal(item(&x, "1.1")->reason, QS_REASON_NO_EVIDENCE);
    assert_string_equal(item(&x, "1.1")->why, "无单位报送“有文件”的佐证材料");
    assert_string_equal(item(&x, "1.1")->unit->name, "区甲局");
    done_with(&x);
}

static void test_threshold_equal_counts_as_met(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"2.1\" done=\"true\"><measure quantity=\"rate\" value=\"90\"/></item>");
    assert_int_equal(item(&x, "2.1")->earned, 200);
    done_with(&x);
}

static void test_threshold_just_below_is_missed_with_both_numbers(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"2.1\" done=\"true\"><measure quantity=\"rate\" value=\"89.9\"/></item>");
    assert_int_equal(item(&x, "2.1")->earned, 0);
    assert_int_equal(item(&x, "2.1")->reason, QS_REASON_MISSED);
    assert_string_equal(item(&x, "2.1")->why, "合格率为89.9%，低于90%，不符合“合格率90%以上”的要求");
    done_with(&x);
    score_with(&x, "<item ref=\"2.1\" done=\"true\"/>");
    assert_string_equal(item(&x, "2.1")->why, "未报送合格率，无法评定“合格率90%以上”");
    done_with(&x);
}

static void test_threshold_against_a_reference_value(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"3.1\" done=\"true\"><measure quantity=\"rate\" value=\"92.8\"/>"
                   "<reference quantity=\"avg\" value=\"92.8\"/></item>");
    assert_int_equal(item(&x, "3.1")->earned, 200);
    done_with(&x);
    score_with(&x, "<item ref=\"3.1\" done=\"true\"><measure quantity=\"rate\" value=\"91\"/>"
                   "<reference quantity=\"avg\" value=\"92.8\"/></item>");
    assert_string_equal(item(&x, "3.1")->why, "合格率为91%，低于全省平均水平92.8%，不符合“不低于全省平均水平”的要求");
    done_with(&x);
    score_with(&x, "<item ref=\"3.1\" done=\"true\"><measure quantity=\"rate\" value=\"99\"/></item>");
    assert_int_equal(item(&x, "3.1")->reason, QS_REASON_NO_REFERENCE);
    done_with(&x);
}

static void test_all_of_needs_every_condition(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"4.1\" done=\"true\"><measure quantity=\"rate\" value=\"100\"/>"
                   "<fact ref=\"filed\" value=\"true\"/></item>");
    assert_int_equal(item(&x, "4.1")->earned, 200);
    done_with(&x);
    score_with(&x, "<item ref=\"4.1\" done=\"true\"><measure quantity=\"rate\" value=\"100\"/>"
                   "<fact ref=\"filed\" value=\"false\"/></item>");
    assert_int_equal(item(&x, "4.1")->earned, 0);
    assert_string_equal(item(&x, "4.1")->why, "“全部达标”：不满足“已备案”");
    done_with(&x);
    score_with(&x, "<item ref=\"4.1\" done=\"true\"><measure quantity=\"rate\" value=\"99.5\"/>"
                   "<fact ref=\"filed\" value=\"true\"/></item>");
    assert_string_equal(item(&x, "4.1")->why, "合格率为99.5%，未达到100%，不符合“全部达标”的要求");
    done_with(&x);
}

static void test_any_of_is_met_by_its_second_alternative(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"5.1\" done=\"true\"><fact ref=\"a\" value=\"false\"/>"
                   "<fact ref=\"b\" value=\"true\"/></item>");
    assert_int_equal(item(&x, "5.1")->earned, 200);
    assert_null(item(&x, "5.1")->why);
    done_with(&x);
    score_with(&x, "<item ref=\"5.1\" done=\"true\"><fact ref=\"a\" value=\"false\"/>"
                   "<fact ref=\"b\" value=\"false\"/></item>");
    assert_int_equal(item(&x, "5.1")->earned, 0);
    assert_string_equal(item(&x, "5.1")->why, "“有批示，或者交流”所列条件（有批示、交流）均未满足");
    done_with(&x);
}

static void test_tiers_count_each_level_once_and_stop_at_the_cap(void **state)
{
    (void)state;
    scored x; /* national 2 + provincial 1 = 3, capped at 2; indicator 2 + 2 = 4 */
    score_with(&x, "<item ref=\"6.1\" done=\"true\">" DOC "</item>"
                   "<item ref=\"6.2\" done=\"true\"><award level=\"national\">甲中心</award>"
                   "<award level=\"provincial\">乙中心</award></item>");
    assert_int_equal(item(&x, "6.2")->earned, 200);
    assert_int_equal(x.sc->indicators[5].earned, 400);
    done_with(&x);
    score_with(&x, "<item ref=\"6.2\" done=\"true\"><award level=\"provincial\">乙中心</award>"
                   "<award level=\"provincial\">丙中心</award></item>");
    assert_int_equal(item(&x, "6.2")->earned, 100); /* a level counts once */
    assert_string_equal(item(&x, "6.2")->why, "“国家级再加2分，省级再加1分”：仅达到省级，计1分");
    done_with(&x);
}

static void test_per_count_adds_each_award_up_to_the_cap(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"7.1\" done=\"true\"><award level=\"provincial\">一</award></item>");
    assert_int_equal(item(&x, "7.1")->earned, 100);
    done_with(&x);
    score_with(&x, "<item ref=\"7.1\" done=\"true\"><award level=\"provincial\">一</award>"
                   "<award level=\"provincial\">二</award><award level=\"provincial\">三</award></item>");
    assert_int_equal(item(&x, "7.1")->earned, 200);
    done_with(&x);
}

static void test_an_incident_voids_an_absence_item(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"8.1\" done=\"true\"/>");
    assert_int_equal(item(&x, "8.1")->earned, 100);
    done_with(&x);
    score_with(&x, "<item ref=\"8.1\" done=\"true\"><incident kind=\"accident\" date=\"2022-08-17\">某事故"
                   "</incident></item>");
    assert_int_equal(item(&x, "8.1")->earned, 0);
    assert_string_equal(item(&x, "8.1")->why, "2022年8月17日发生重大事故，不符合“未发生重大事故”的要求。某事故");
    done_with(&x);
}

static void test_trend_needs_every_year_and_every_fall(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"9.1\" done=\"true\"><series quantity=\"complaints\"><point year=\"2020\" value=\"0.5\"/>"
                   "<point year=\"2021\" value=\"0.4\"/><point year=\"2022\" value=\"0.3\"/></series></item>");
    assert_int_equal(item(&x, "9.1")->earned, 100);
    done_with(&x);
    score_with(&x, "<item ref=\"9.1\" done=\"true\"><series quantity=\"complaints\"><point year=\"2020\" value=\"0.46\"/>"
                   "<point year=\"2021\" value=\"0.48\"/><point year=\"2022\" value=\"0.39\"/></series></item>");
    assert_int_equal(item(&x, "9.1")->earned, 0);
    assert_string_equal(item(&x, "9.1")->why, "投诉率未连续2年同比下降（2020年0.46%、2021年0.48%、2022年0.39%），不符合“投诉率连续两年同比下降”的要求");
    done_with(&x);
    score_with(&x, "<item ref=\"9.1\" done=\"true\"><series quantity=\"complaints\"><point year=\"2020\" value=\"0.5\"/>"
                   "<point year=\"2022\" value=\"0.3\"/></series></item>");
    assert_int_equal(item(&x, "9.1")->reason, QS_REASON_NO_YEAR);
    assert_string_equal(item(&x, "9.1")->why, "未报送2021年投诉率，无法评定“投诉率连续两年同比下降”");
    done_with(&x);
    score_with(&x, "<item ref=\"9.1\" done=\"true\"><series quantity=\"complaints\"><point year=\"2020\" value=\"0.3\"/>"
                   "<point year=\"2021\" value=\"0.3\"/><point year=\"2022\" value=\"0.2\"/></series></item>");
    assert_int_equal(item(&x, "9.1")->earned, 0); /* level is not a fall */
    done_with(&x);
}

static void test_graded_takes_the_assessed_score_and_its_reason(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"10.1\" done=\"true\"><assessed score=\"0.5\">宣传不足</assessed></item>");
    assert_int_equal(item(&x, "10.1")->earned, 50);
    assert_string_equal(item(&x, "10.1")->why, "宣传不足");
    done_with(&x);
    score_with(&x, "<item ref=\"10.1\" done=\"true\"/>");
    assert_int_equal(item(&x, "10.1")->reason, QS_REASON_NOT_ASSESSED);
    done_with(&x);
}

static void test_nested_items_sum_into_their_parent(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"11.1.1\" done=\"true\">" DOC "</item><item ref=\"11.1.2\" done=\"false\"/>");
    assert_int_equal(item(&x, "11.1")->earned, 100);
    assert_int_equal(item(&x, "11.1")->reason, QS_REASON_PARTS);
    assert_string_equal(item(&x, "11.1")->why, "其中1项未得分");
    assert_int_equal(item(&x, "11.1.2")->reason, QS_REASON_NOT_DONE);
    done_with(&x);
}

static void test_claimed_score_is_reported_but_never_stands(void **state)
{
    (void)state;
    scored x;
    score_with(&x, "<item ref=\"2.1\" done=\"true\" claimed=\"2\"><measure quantity=\"rate\" value=\"80\"/></item>");
    assert_int_equal(item(&x, "2.1")->earned, 0);
    assert_true(item(&x, "2.1")->has_claimed);
    assert_int_equal(item(&x, "2.1")->claimed, 200);
    done_with(&x);
    score_with(&x, "<item ref=\"2.1\" done=\"true\" claimed=\"2\"><measure quantity=\"rate\" value=\"95\"/></item>");
    assert_false(item(&x, "2.1")->has_claimed); /* agrees: nothing to report */
    done_with(&x);
}

static void test_bonus_is_capped_and_totals_add_up(void **state)
{
    (void)state;
    scored x; /* bonus items 2 + 2 = 4, capped at the schema's 3 */
    score_with(&x, "<item ref=\"12.1\" done=\"true\">" DOC "</item><item ref=\"12.2\" done=\"true\">" DOC "</item>"
                   "<item ref=\"1.1\" done=\"true\">" DOC "</item>");
    assert_int_equal(x.sc->bonus, 300);
    assert_int_equal(x.sc->base, 200);
    assert_int_equal(x.sc->total, 500);
    assert_int_equal(x.sc->base_available, 2000);
    done_with(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_needs_done_and_a_document),
        cmocka_unit_test(test_missing_evidence_earns_nothing_and_says_so),
        cmocka_unit_test(test_threshold_equal_counts_as_met),
        cmocka_unit_test(test_threshold_just_below_is_missed_with_both_numbers),
        cmocka_unit_test(test_threshold_against_a_reference_value),
        cmocka_unit_test(test_all_of_needs_every_condition),
        cmocka_unit_test(test_any_of_is_met_by_its_second_alternative),
        cmocka_unit_test(test_tiers_count_each_level_once_and_stop_at_the_cap),
        cmocka_unit_test(test_per_count_adds_each_award_up_to_the_cap),
        cmocka_unit_test(test_an_incident_voids_an_absence_item),
        cmocka_unit_test(test_trend_needs_every_year_and_every_fall),
        cmocka_unit_test(test_graded_takes_the_assessed_score_and_its_reason),
        cmocka_unit_test(test_nested_items_sum_into_their_parent),
        cmocka_unit_test(test_claimed_score_is_reported_but_never_stands),
        cmocka_unit_test(test_bonus_is_capped_and_totals_add_up),
    };
    return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
