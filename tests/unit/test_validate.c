/* test_validate.c - one test per semantic check of `qsreport validate`. */
#include "fixture.h"

/* Loads the fixture with one edit in one of the three texts. */
static void with_edit(fx *f, int which, const char *from, const char *to)
{
    char *s = fx_replace(which == 0 ? FX_SCHEMA : which == 1 ? FX_PLAN : FX_EVIDENCE, from, to);
    fx_case(f, which == 0 ? s : FX_SCHEMA, which == 1 ? s : FX_PLAN, which == 2 ? s : FX_EVIDENCE);
    free(s);
}

enum { SCHEMA, PLAN, EVIDENCE };

/* Loads the fixture with several edits of the schema. */
static void with_schema(fx *f, const char *const *edits)
{
    char *s = strdup(FX_SCHEMA);
    for (size_t i = 0; edits[i]; i += 2) {
        char *t = fx_replace(s, edits[i], edits[i + 1]);
        free(s);
        s = t;
    }
    fx_case(f, s, FX_PLAN, FX_EVIDENCE);
    free(s);
}

/* indicator 1 as seed row 25 has it: items 2 + 2 + 3 under a 6-point row */
#define ITEM_SUM_7 "<item id=\"1.3\" points=\"2\">", "<item id=\"1.3\" points=\"3\">", \
                   "未发生重大事故（2分）", "未发生重大事故（3分）"
#define AFTER_METHOD_1 "未发生重大事故（3分）。</method>\n"

static void test_item_sum_mismatch_is_an_error_unless_declared_with_its_figure(void **state)
{
    (void)state;
    fx f;
    with_schema(&f, (const char *const[]){ITEM_SUM_7, NULL});
    assert_diag(&f, QS_DIAG_ERROR, "indicator 1: its scoring items add up to 7 points but the indicator "
                "has 6; if the official text says so, declare it: <as-published kind=\"item-sum\" points=\"7\"/>");
    assert_int_equal(qs_diag_errors(&f.diags), 1);
    fx_free(&f);
    with_schema(&f, (const char *const[]){ITEM_SUM_7, AFTER_METHOD_1,
                                          AFTER_METHOD_1 "<as-published kind=\"item-sum\" points=\"7\"/>", NULL});
    assert_diag(&f, QS_DIAG_WARNING, "indicator 1: its scoring items add up to 7 points but the indicator "
                "has 6 (as published; the score is capped at 6)");
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    fx_free(&f);
    with_schema(&f, (const char *const[]){ITEM_SUM_7, AFTER_METHOD_1,
                                          AFTER_METHOD_1 "<as-published kind=\"item-sum\" points=\"8\"/>", NULL});
    assert_diag(&f, QS_DIAG_ERROR, "states points=\"8\", not points=\"7\"");
    fx_free(&f);
}

static void test_a_declaration_of_a_fault_that_is_not_there_is_an_error(void **state)
{
    (void)state;
    fx f;
    with_schema(&f, (const char *const[]){"<text>成立委员会</text>",
                                          "<text>成立委员会</text><as-published kind=\"point-note\" points=\"2\"/>",
                                          "<title>测试指标</title>",
                                          "<title>测试指标</title><as-published kind=\"category-sum\" points=\"10\"/>",
                                          NULL});
    assert_diag(&f, QS_DIAG_ERROR, "item 1.1: <as-published kind=\"point-note\" points=\"2\"/> declares a "
                "fault the text does not have; remove it");
    assert_diag(&f, QS_DIAG_ERROR, "the schema: <as-published kind=\"category-sum\" points=\"10\"/> declares");
    fx_free(&f);
    /* a sum declared on an item that is no <sum/> */
    with_schema(&f, (const char *const[]){"<text>工作有效</text>",
                                          "<text>工作有效</text><as-published kind=\"item-sum\" points=\"5\"/>", NULL});
    assert_diag(&f, QS_DIAG_ERROR, "item 2.1: <as-published kind=\"item-sum\" points=\"5\"/> declares");
    fx_free(&f);
}

static void test_category_and_total_mismatches_are_errors_unless_declared(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, SCHEMA, "<category id=\"a\" name=\"机制\" points=\"10\">",
              "<category id=\"a\" name=\"机制\" points=\"12\">");
    assert_diag(&f, QS_DIAG_ERROR, "category 机制: its indicators add up to 10 points but the category has 12");
    assert_diag(&f, QS_DIAG_ERROR, "category 机制: its label prints （10分） but the category has 12 points");
    assert_diag(&f, QS_DIAG_ERROR, "the categories add up to 12 points, the schema's total is 10");
    fx_free(&f);
    with_schema(&f, (const char *const[]){
        "<category id=\"a\" name=\"机制\" points=\"10\">", "<category id=\"a\" name=\"机制\" points=\"12\">",
        "<label><line>机制（10分）</line></label>",
        "<label><line>机制（10分）</line></label><as-published kind=\"indicator-sum\" points=\"10\"/>"
        "<as-published kind=\"label\" points=\"10\"/>",
        "<title>测试指标</title>", "<title>测试指标</title><as-published kind=\"category-sum\" points=\"12\"/>",
        NULL});
    assert_diag(&f, QS_DIAG_WARNING, "category 机制: its indicators add up to 10 points but the category has 12 "
                "(as published)");
    assert_diag(&f, QS_DIAG_WARNING, "category 机制: its label prints （10分） but the category has 12 points "
                "(as published; the score uses 12)");
    assert_diag(&f, QS_DIAG_WARNING, "the categories add up to 12 points, the schema's total is 10 (as published)");
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    fx_free(&f);
}

static void test_label_points_must_be_the_category_points(void **state)
{
    (void)state;
    fx f; /* a new year's category of 24 points under last year's label */
    with_edit(&f, SCHEMA, "<line>机制（10分）</line>", "<line>机制</line><line>（22分）</line>");
    assert_diag(&f, QS_DIAG_ERROR, "category 机制: its label prints （22分） but the category has 10 points");
    fx_free(&f);
    /* a label that prints no points states nothing to check */
    with_edit(&f, SCHEMA, "<line>机制（10分）</line>", "<line>机制</line>");
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    assert_int_equal(qs_diag_warnings(&f.diags), 0);
    fx_free(&f);
}

static void test_point_notes_of_the_method_are_the_items_points(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, SCHEMA, "抽查合格率90%以上（2分）", "抽查合格率90%以上（2.5分）");
    assert_diag(&f, QS_DIAG_ERROR, "item 1.2: indicator 1's scoring method states （2.5分） for it, the item has "
                "2 points");
    fx_free(&f);
    /* half-width brackets are notes too */
    with_edit(&f, SCHEMA, "抽查合格率90%以上（2分）", "抽查合格率90%以上(1分)");
    assert_diag(&f, QS_DIAG_ERROR, "states (1分) for it, the item has 2 points");
    fx_free(&f);
    /* declared as published: a warning, the item scores its points */
    with_schema(&f, (const char *const[]){"抽查合格率90%以上（2分）", "抽查合格率90%以上（1分）",
                                          "<text>抽查合格率90%以上</text>",
                                          "<text>抽查合格率90%以上</text><as-published kind=\"point-note\" points=\"1\"/>",
                                          NULL});
    assert_diag(&f, QS_DIAG_WARNING, "item 1.2: indicator 1's scoring method states （1分） for it, the item has 2 "
                "points (as published; the item scores 2)");
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    fx_free(&f);
}

static void test_point_notes_map_to_nested_items_and_lone_items(void **state)
{
    (void)state;
    fx f; /* seed row 17: a <sum/> parent and its children, each with its note */
    with_edit(&f, SCHEMA, "<method>工作有效（4分）。</method>\n"
                          "      <item id=\"2.1\" points=\"4\"><text>工作有效</text><graded/></item>",
              "<method>工作有效（4分），其中：甲（2分）；乙（3分）。</method>\n"
              "      <item id=\"2.1\" points=\"4\"><text>工作有效</text><sum/>"
              "<item id=\"2.1.1\" points=\"2\"><text>甲</text><graded/></item>"
              "<item id=\"2.1.2\" points=\"2\"><text>乙</text><graded/></item></item>");
    assert_diag(&f, QS_DIAG_ERROR, "item 2.1.2: indicator 2's scoring method states （3分） for it");
    assert_int_equal(qs_diag_errors(&f.diags), 1);
    fx_free(&f);
    /* seed row 16: one item, one note, not right after the item's text */
    with_edit(&f, SCHEMA, "<method>工作有效（4分）。</method>", "<method>工作有效，满分4分。（3分）。</method>");
    assert_diag(&f, QS_DIAG_ERROR, "item 2.1: indicator 2's scoring method states （3分） for it, the item has 4");
    fx_free(&f);
    /* a note after no item's text is compared with nothing, and said so */
    with_edit(&f, SCHEMA, "成立委员会（2分）", "成立委员会并开展工作（2分）");
    assert_diag(&f, QS_DIAG_WARNING, "indicator 1: its scoring method's （2分） after \"成立委员会并开展工作\" "
                "follows no item's text");
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    fx_free(&f);
}

static void test_declarations_state_the_figure_of_their_kind(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, SCHEMA, "<text>工作有效</text>", "<text>工作有效</text><as-published kind=\"point-note\" mark=\"（\"/>");
    assert_diag(&f, QS_DIAG_ERROR, "item 2.1: <as-published kind=\"point-note\"> needs points=");
    assert_diag(&f, QS_DIAG_ERROR, "item 2.1: <as-published kind=\"point-note\"> takes points=, not mark=");
    fx_free(&f);
    with_edit(&f, SCHEMA, "<method>工作有效（4分）。</method>",
              "<method>工作有效（4分）。</method><as-published kind=\"unopened\" mark=\"（\" points=\"1\"/>"
              "<as-published kind=\"unopened\" mark=\"）\"/><as-published kind=\"unopened\" mark=\"）\"/>");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 2: <as-published kind=\"unopened\">: \"（\" is not a closing mark");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 2: <as-published kind=\"unopened\"> takes mark= and count=, not points=");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 2: <as-published kind=\"unopened\"> is declared twice");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 2: <as-published kind=\"unopened\" mark=\"）\" count=\"1\"/> "
                "declares a fault the text does not have");
    fx_free(&f);
}

static void test_bonus_category_must_equal_the_bonus_cap(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, SCHEMA, "bonus-cap=\"2\"", "bonus-cap=\"5\"");
    assert_diag(&f, QS_DIAG_ERROR, "the bonus category has 2 points, the schema's bonus cap is 5");
    fx_free(&f);
}

static void test_duplicate_ids_are_errors(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, SCHEMA, "<indicator no=\"2\"", "<indicator no=\"1\"");
    assert_diag(&f, QS_DIAG_ERROR, "indicator number 1 is used twice");
    fx_free(&f);
    with_edit(&f, SCHEMA, "<item id=\"2.1\"", "<item id=\"1.1\"");
    assert_diag(&f, QS_DIAG_ERROR, "item id \"1.1\" is used twice");
    fx_free(&f);
}

static void test_rule_references_must_be_declared(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, SCHEMA, "quantity=\"pass-rate\" op", "quantity=\"pass-ratio\" op");
    assert_diag(&f, QS_DIAG_ERROR, "item 1.2: quantity \"pass-ratio\" is not declared");
    fx_free(&f);
    with_edit(&f, SCHEMA, "<absence incident=\"accident\"/>", "<absence incident=\"fire\"/>");
    assert_diag(&f, QS_DIAG_ERROR, "item 1.3: incident kind \"fire\" is not declared");
    fx_free(&f);
    with_edit(&f, SCHEMA, "op=\"ge\" value=\"90\"", "op=\"ge\" value=\"90\" ref=\"avg-rate\"");
    assert_diag(&f, QS_DIAG_ERROR, "item 1.2: a threshold needs exactly one of value= and ref=");
    fx_free(&f);
}

static void test_item_text_must_be_part_of_the_method(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, SCHEMA, "<text>成立委员会</text>", "<text>成立领导小组</text>");
    assert_diag(&f, QS_DIAG_WARNING, "item 1.1: its text \"成立领导小组\" is not part of indicator 1's");
    fx_free(&f);
}

static void test_unclosed_bracket_of_the_published_method_must_be_declared(void **state)
{
    (void)state;
    fx f; /* seed row 17: 《…》（皖政办秘〔2020〕14号相关举措（5分） */
    with_edit(&f, SCHEMA, "<method>工作有效（4分）。</method>", "<method>工作有效（14号相关举措（4分）。</method>");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 2's scoring method has 1 unclosed \"（\"; if the official text "
                "says so, declare it: <as-published kind=\"unclosed\" mark=\"（\" count=\"1\"/>");
    fx_free(&f);
    with_edit(&f, SCHEMA, "<method>工作有效（4分）。</method>",
              "<method>工作有效（14号相关举措（4分）。</method><as-published kind=\"unclosed\" mark=\"（\"/>");
    assert_diag(&f, QS_DIAG_WARNING, "indicator 2's scoring method has 1 unclosed \"（\" (as published)");
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    fx_free(&f);
    with_edit(&f, SCHEMA, "<method>工作有效（4分）。</method>",
              "<method>工作有效（14号（相关举措（4分）。</method><as-published kind=\"unclosed\" mark=\"（\"/>");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 2's scoring method has 2 unclosed \"（\"; <as-published "
                "kind=\"unclosed\"> at line 22 states mark=\"（\" count=\"1\", not mark=\"（\" count=\"2\"");
    fx_free(&f);
}

static void test_responsibility_rules(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, PLAN, "<unit role=\"lead\">区市场监管局</unit><unit>区交通局</unit>",
              "<unit>区市场监管局</unit><unit role=\"lead\">区交通局</unit>");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 1: the lead unit must come first");
    fx_free(&f);
    with_edit(&f, PLAN, "<unit role=\"lead\">区办公室</unit>", "<unit>区办公室</unit>");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 2: no unit is marked role=\"lead\"");
    fx_free(&f);
    with_edit(&f, PLAN, "<responsible indicator=\"2\">", "<responsible indicator=\"9\">");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 9 is not in the indicator schema t-2022");
    assert_diag(&f, QS_DIAG_ERROR, "indicator 2 has no <responsible> unit in the plan");
    fx_free(&f);
    with_edit(&f, PLAN, "<text>区市场监管局、区交通局</text>", "<text>区市场监管局、区交通局、区财政局</text>");
    assert_diag(&f, QS_DIAG_WARNING, "the responsible-units text names \"区财政局\", which is not among");
    fx_free(&f);
}

static void test_duplicate_unit_name_in_the_registry(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, PLAN, "<unit name=\"区财政局\"/>", "<unit name=\"区财政局\"><alias>区交通局</alias></unit>");
    assert_diag(&f, QS_DIAG_ERROR, "unit name \"区交通局\" is already registered at line 13");
    fx_free(&f);
}

static void test_plan_must_follow_the_schema_it_names(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, PLAN, "<indicators id=\"t-2022\"", "<indicators id=\"t-2023\"");
    assert_diag(&f, QS_DIAG_ERROR, "the plan follows indicator schema \"t-2023\", the file found is \"t-2022\"");
    fx_free(&f);
    with_edit(&f, PLAN, "file=\"schema.xml\"", "file=\"../schema.xml\"");
    assert_diag(&f, QS_DIAG_ERROR, "must be a bare file name");
    fx_free(&f);
}

static void test_evidence_ranges_units_and_dates(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, EVIDENCE, "value=\"92.5\"", "value=\"104.5\"");
    assert_diag(&f, QS_DIAG_ERROR, "item 1.2: 抽查合格率 of 104.5% is out of range");
    fx_free(&f);
    with_edit(&f, EVIDENCE, "value=\"92.5\"", "value=\"92.5\" unit=\"分\"");
    assert_diag(&f, QS_DIAG_ERROR, "抽查合格率 is measured in \"%\", not \"分\"");
    fx_free(&f);
    with_edit(&f, EVIDENCE, "date=\"2022-03-01\"", "date=\"2019-03-01\"");
    assert_diag(&f, QS_DIAG_ERROR, "is dated 2019-03-01, outside the plan year 2022");
    fx_free(&f);
    with_edit(&f, EVIDENCE, "date=\"2022-03-01\"", "date=\"2019-03-01\" any-year=\"true\"");
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    fx_free(&f);
    with_edit(&f, EVIDENCE, "year=\"2022\">", "year=\"2021\">");
    assert_diag(&f, QS_DIAG_ERROR, "evidence for 测试区 2021 does not belong to the plan of 测试区 2022");
    fx_free(&f);
}

static void test_cited_files_stay_inside_the_case(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, EVIDENCE, "file=\"attachments/a.txt\"", "file=\"attachments/../../etc/passwd\"");
    assert_diag(&f, QS_DIAG_ERROR, "leaves the case folder");
    fx_free(&f);
    with_edit(&f, EVIDENCE, "file=\"attachments/a.txt\"", "file=\"/etc/passwd\"");
    assert_diag(&f, QS_DIAG_ERROR, "leaves the case folder");
    fx_free(&f);
    with_edit(&f, EVIDENCE, "file=\"attachments/a.txt\"", "file=\"attachments/missing.pdf\"");
    assert_diag(&f, QS_DIAG_ERROR, "cited file \"attachments/missing.pdf\" does not exist");
    fx_free(&f);
    /* a symlink inside attachments/ that leads out */
    with_edit(&f, EVIDENCE, "file=\"attachments/a.txt\"", "file=\"attachments/link.txt\"");
    char link[128];
    snprintf(link, sizeof link, "%s/attachments/link.txt", f.dir);
    assert_int_equal(symlink("/etc/hostname", link), 0);
    /* read again: cited files are opened when the case is read */
    qs_arena_free(f.arena);
    f.arena = qs_arena_new();
    qs_diag_free(&f.diags);
    qs_diag_init(&f.diags);
    qs_load_opts o = {NULL, NULL, 0};
    f.c = qs_load_case(f.arena, f.dir, &o, &f.diags, &f.io_error);
    qs_resolve(f.c, &f.diags);
    qs_validate(f.c, &f.diags);
    assert_diag(&f, QS_DIAG_ERROR, "cited file \"attachments/link.txt\" is a symbolic link");
    fx_free(&f);
}

static void test_evidence_references_must_exist(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, EVIDENCE, "<item ref=\"1.1\"", "<item ref=\"1.9\"");
    assert_diag(&f, QS_DIAG_ERROR, "item \"1.9\" is not a scoring item of the indicator schema t-2022");
    fx_free(&f);
    with_edit(&f, EVIDENCE, "<unit name=\"区市场监管局\">", "<unit name=\"区市场监督局\">");
    assert_diag(&f, QS_DIAG_ERROR, "did you mean \"区市场监管局\"?");
    fx_free(&f);
}

static void test_scores_above_the_item_points_are_errors(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, EVIDENCE, "<item ref=\"1.1\" done=\"true\">", "<item ref=\"1.1\" done=\"true\" claimed=\"3\">");
    assert_diag(&f, QS_DIAG_ERROR, "item 1.1: claims 3 points, the item has 2");
    fx_free(&f);
    with_edit(&f, EVIDENCE, "<unit name=\"区市场监管局\">",
              "<unit name=\"区市场监管局\"><item ref=\"2.1\" done=\"true\"><assessed score=\"4.5\">好</assessed></item>");
    assert_diag(&f, QS_DIAG_ERROR, "item 2.1: assessed 4.5 points, the item has 4");
    fx_free(&f);
}

static void test_unfilled_and_unrelated_items_are_warnings(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, EVIDENCE, "<item ref=\"1.1\" done=\"true\">", "<item ref=\"1.1\">");
    assert_diag(&f, QS_DIAG_WARNING, "item 1.1 is not filled in yet");
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    fx_free(&f);
    with_edit(&f, EVIDENCE, "<unit name=\"区市场监管局\">", "<unit name=\"区财政局\">");
    assert_diag(&f, QS_DIAG_WARNING, "item 1.1: 区财政局 is not a responsible unit of indicator 1");
    fx_free(&f);
}

static void test_done_false_with_a_met_threshold_is_a_warning_naming_both_lines(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, EVIDENCE, "<item ref=\"1.2\" done=\"true\"><measure",
              "<item ref=\"1.2\" done=\"false\">\n      <measure");
    const qs_diag *g = fx_find(&f, QS_DIAG_WARNING, "item 1.2 is marked done=\"false\", but its 抽查合格率 of "
                               "92.5% meets ≥ 90% (");
    if (!g)
        fx_show(&f);
    assert_non_null(g);
    assert_int_equal(g->line, 7);
    assert_non_null(strstr(g->message, "evidence/u.xml:8), so it is scored as earned (2 points)"));
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    fx_free(&f);
    /* not met: done="false" agrees with the value */
    with_edit(&f, EVIDENCE, "<item ref=\"1.2\" done=\"true\"><measure quantity=\"pass-rate\" value=\"92.5\"/>",
              "<item ref=\"1.2\" done=\"false\"><measure quantity=\"pass-rate\" value=\"85\"/>");
    assert_null(fx_find(&f, QS_DIAG_WARNING, "done=\"false\""));
    fx_free(&f);
}

static void test_done_false_with_all_conditions_met_is_a_warning(void **state)
{
    (void)state;
    fx f;
    char *schema = fx_replace(FX_SCHEMA, "<threshold quantity=\"pass-rate\" op=\"ge\" value=\"90\"/>",
                              "<all-of><fact id=\"filed\">已备案</fact>"
                              "<threshold quantity=\"pass-rate\" op=\"ge\" ref=\"avg-rate\"/></all-of>");
    char *ev = fx_replace(FX_EVIDENCE, "<item ref=\"1.2\" done=\"true\"><measure quantity=\"pass-rate\" value=\"92.5\"/>",
                          "<item ref=\"1.2\" done=\"false\"><measure quantity=\"pass-rate\" value=\"92.5\"/>"
                          "<fact ref=\"filed\" value=\"true\"/><reference quantity=\"avg-rate\" value=\"91\"/>");
    fx_case(&f, schema, FX_PLAN, ev);
    assert_diag(&f, QS_DIAG_WARNING, "item 1.2 is marked done=\"false\", but its fact \"已备案\" is true");
    assert_diag(&f, QS_DIAG_WARNING, "and its other conditions hold, so it is scored as earned");
    fx_free(&f);
    /* the reference above the value: not earned, no warning */
    char *ev2 = fx_replace(ev, "value=\"91\"", "value=\"95\"");
    fx_case(&f, schema, FX_PLAN, ev2);
    assert_null(fx_find(&f, QS_DIAG_WARNING, "done=\"false\""));
    fx_free(&f);
    free(schema);
    free(ev);
    free(ev2);
}

static void test_two_files_that_contradict_each_other_name_both_places(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, FX_EVIDENCE);
    char *other = fx_replace(FX_EVIDENCE, "value=\"92.5\"", "value=\"96\"");
    char *other2 = fx_replace(other, "<unit name=\"区市场监管局\">", "<unit name=\"区交通运输局\">");
    fx_write(f.dir, "evidence/v.xml", other2);
    free(other);
    free(other2);
    qs_diag_free(&f.diags);
    qs_diag_init(&f.diags);
    qs_arena_free(f.arena);
    f.arena = qs_arena_new();
    f.c = qs_load_case(f.arena, f.dir, NULL, &f.diags, &f.io_error);
    qs_resolve(f.c, &f.diags);
    qs_validate(f.c, &f.diags);
    const qs_diag *g = fx_find(&f, QS_DIAG_ERROR, "item 1.2: conflicting evidence (pass-rate): \"96\" here, but \"92.5\" at");
    if (!g)
        fx_show(&f);
    assert_non_null(g);
    assert_non_null(strstr(g->file, "evidence/v.xml"));
    assert_non_null(strstr(g->message, "evidence/u.xml:7"));
    fx_free(&f);
}

static void test_same_item_twice_in_one_unit(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, EVIDENCE, "  </unit>", "    <item ref=\"1.1\" done=\"true\"/>\n  </unit>");
    assert_diag(&f, QS_DIAG_ERROR, "item 1.1 is reported twice for 区市场监管局 (first at line 4)");
    fx_free(&f);
}

static void test_a_unit_name_excel_would_change_is_a_warning(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, PLAN, "<unit name=\"区财政局\"/>",
              "<unit name=\"区财政局\"><alias>财政</alias></unit><unit name=\"区财政局:预算科\"/>");
    assert_diag(&f, QS_DIAG_WARNING, "unit \"区财政局:预算科\" will be the sheet \"区财政局：预算科\"");
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    fx_free(&f);
}

static void test_a_campaign_named_for_another_level_is_an_error(void **state)
{
    (void)state;
    fx f;
    with_edit(&f, PLAN, "<campaign level=\"区\">", "<campaign level=\"县\">");
    assert_diag(&f, QS_DIAG_ERROR, "campaign \"测试省质量强区\" does not end in its level \"县\"");
    assert_int_equal(qs_diag_errors(&f.diags), 1);
    fx_free(&f);
}

static void test_titles_quoting_another_campaign_and_a_region_of_another_level_are_warnings(void **state)
{
    (void)state;
    fx f;
    char *p = fx_replace(FX_PLAN, "<line>测试方案</line>", "<line>创建“测试省质量强县”方案</line>");
    char *q = fx_replace(p, "<region>测试区</region>", "<region>测试县</region>");
    fx_case(&f, FX_SCHEMA, q, FX_EVIDENCE);
    assert_diag(&f, QS_DIAG_WARNING, "title line 1 names the campaign \"测试省质量强县\", the plan's campaign "
                "is \"测试省质量强区\" (as published)");
    assert_diag(&f, QS_DIAG_WARNING, "region \"测试县\" does not end in the campaign's level \"区\"");
    free(p);
    free(q);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_item_sum_mismatch_is_an_error_unless_declared_with_its_figure),
        cmocka_unit_test(test_a_declaration_of_a_fault_that_is_not_there_is_an_error),
        cmocka_unit_test(test_category_and_total_mismatches_are_errors_unless_declared),
        cmocka_unit_test(test_label_points_must_be_the_category_points),
        cmocka_unit_test(test_point_notes_of_the_method_are_the_items_points),
        cmocka_unit_test(test_point_notes_map_to_nested_items_and_lone_items),
        cmocka_unit_test(test_declarations_state_the_figure_of_their_kind),
        cmocka_unit_test(test_bonus_category_must_equal_the_bonus_cap),
        cmocka_unit_test(test_duplicate_ids_are_errors),
        cmocka_unit_test(test_rule_references_must_be_declared),
        cmocka_unit_test(test_item_text_must_be_part_of_the_method),
        cmocka_unit_test(test_unclosed_bracket_of_the_published_method_must_be_declared),
        cmocka_unit_test(test_responsibility_rules),
        cmocka_unit_test(test_duplicate_unit_name_in_the_registry),
        cmocka_unit_test(test_plan_must_follow_the_schema_it_names),
        cmocka_unit_test(test_evidence_ranges_units_and_dates),
        cmocka_unit_test(test_cited_files_stay_inside_the_case),
        cmocka_unit_test(test_evidence_references_must_exist),
        cmocka_unit_test(test_scores_above_the_item_points_are_errors),
        cmocka_unit_test(test_unfilled_and_unrelated_items_are_warnings),
        cmocka_unit_test(test_done_false_with_a_met_threshold_is_a_warning_naming_both_lines),
        cmocka_unit_test(test_done_false_with_all_conditions_met_is_a_warning),
        cmocka_unit_test(test_two_files_that_contradict_each_other_name_both_places),
        cmocka_unit_test(test_same_item_twice_in_one_unit),
        cmocka_unit_test(test_a_unit_name_excel_would_change_is_a_warning),
        cmocka_unit_test(test_a_campaign_named_for_another_level_is_an_error),
        cmocka_unit_test(test_titles_quoting_another_campaign_and_a_region_of_another_level_are_warnings),
    };
    return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
