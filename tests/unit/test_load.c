/* test_load.c - the loaders: model contents, positions, refusals. */
#include "fixture.h"
#include "format.h"

#include <errno.h>

static void test_fixture_case_loads_clean(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, FX_EVIDENCE);
    if (f.diags.count)
        fx_show(&f);
    assert_int_equal(f.diags.count, 0);
    assert_false(f.io_error);
    fx_free(&f);
}

static void test_schema_model_keeps_structure_and_points(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, NULL);
    const qs_schema *s = f.c->schema;
    assert_non_null(s);
    assert_string_equal(s->id, "t-2022");
    assert_int_equal(s->total, 1000);
    assert_int_equal(s->n_categories, 2);
    assert_int_equal(s->n_groups, 1);
    assert_int_equal(s->n_indicators, 3);
    assert_string_equal(s->categories[0].label[0], "机制（10分）");
    assert_true(s->categories[1].bonus);
    assert_ptr_equal(s->indicators[0].group, &s->groups[0]);
    assert_null(s->indicators[1].group); /* empty 指标内容 cell */
    assert_false(s->indicators[2].has_points);
    const qs_item *it = qs_model_item(s, "1.2");
    assert_non_null(it);
    assert_int_equal(it->rule, QS_RULE_THRESHOLD);
    assert_string_equal(it->threshold.quantity, "pass-rate");
    assert_true(it->threshold.has_value);
    assert_true(it->threshold.value == 90.0);
    assert_ptr_equal(it->indicator, &s->indicators[0]);
    const qs_item *tier = qs_model_item(s, "3.1");
    assert_int_equal(tier->rule, QS_RULE_TIERS);
    assert_true(tier->has_level[QS_LEVEL_NATIONAL]);
    assert_int_equal(tier->level_points[QS_LEVEL_PROVINCIAL], 100);
    assert_false(tier->has_level[QS_LEVEL_CITY]);
    /* positions point at the element's line */
    assert_int_equal(qs_model_indicator(s, 2)->pos.line, 21);
    fx_free(&f);
}

static void test_plan_model_keeps_verbatim_text_and_roles(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, NULL);
    const qs_plan *p = f.c->plan;
    assert_string_equal(p->region, "测试区");
    assert_int_equal(p->year, 2022);
    assert_int_equal(p->status, QS_STATUS_FINAL);
    assert_int_equal(p->n_units, 5);
    assert_true(p->units[4].is_group);
    assert_true(p->units[4].of_committee);
    assert_string_equal(p->resp[0].text, "区市场监管局、区交通局");
    assert_true(p->resp[0].units[0].lead);
    assert_false(p->resp[0].units[1].lead);
    assert_string_equal(p->campaign, "测试省质量强区");
    assert_string_equal(p->level, "区");
    fx_free(&f);
}

static void test_wording_placeholders_come_from_the_plan_and_the_callers_win(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, NULL);
    qs_arena *a = qs_arena_new();
    const char *t = "{region}{year}年创建“{campaign}”，质量强{level}，{unit}";
    assert_string_equal(qs_format(a, t, qs_model_pairs(a, f.c->plan, NULL)),
                        "测试区2022年创建“测试省质量强区”，质量强区，{unit}");
    const char *more[] = {"year", "2030", "unit", "区财政局", NULL};
    assert_string_equal(qs_format(a, t, qs_model_pairs(a, f.c->plan, more)),
                        "测试区2030年创建“测试省质量强区”，质量强区，区财政局");
    qs_arena_free(a);
    fx_free(&f);
}

static void test_evidence_model_reads_every_field(void **state)
{
    (void)state;
    char *ev = fx_replace(FX_EVIDENCE, "<item ref=\"1.2\" done=\"true\">",
                          "<item ref=\"1.2\" done=\"true\" claimed=\"1.5\">"
                          "<measure quantity=\"avg-rate\" value=\"1\"/>");
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, ev);
    assert_int_equal(f.c->n_evidence, 1);
    const qs_evidence_unit *u = &f.c->evidence[0].units[0];
    assert_string_equal(u->name, "区市场监管局");
    assert_int_equal(u->n_items, 2);
    assert_int_equal(u->items[0].done, QS_DONE_YES);
    assert_int_equal(u->items[0].n_documents, 1);
    assert_string_equal(u->items[0].documents[0].number, "测〔2022〕1号");
    assert_true(u->items[1].has_claimed);
    assert_int_equal(u->items[1].claimed, 150);
    assert_int_equal(u->items[1].n_measures, 2);
    assert_true(u->items[1].measures[1].value == 92.5);
    free(ev);
    fx_free(&f);
}

static void test_doctype_is_refused_and_the_entity_never_read(void **state)
{
    (void)state;
    char *doctype = fx_replace(FX_PLAN, "<plan xmlns",
                               "<!DOCTYPE plan [<!ENTITY x SYSTEM \"/etc/passwd\">]>\n<plan xmlns");
    char *plan = fx_replace(doctype, "<issuer>测试区办公室</issuer>", "<issuer>&x;</issuer>");
    free(doctype);
    fx f;
    fx_case(&f, FX_SCHEMA, plan, NULL);
    assert_diag(&f, QS_DIAG_ERROR, "DOCTYPE is not allowed");
    assert_null(f.c->plan);
    free(plan);
    fx_free(&f);
}

static void test_wrong_version_gets_one_clear_diagnostic(void **state)
{
    (void)state;
    char *plan = fx_replace(FX_PLAN, "version=\"1\">", "version=\"2\">");
    fx f;
    fx_case(&f, FX_SCHEMA, plan, NULL);
    assert_diag(&f, QS_DIAG_ERROR, "plan format version \"2\" is not supported");
    assert_int_equal(qs_diag_errors(&f.diags), 1);
    free(plan);
    fx_free(&f);
}

static void test_missing_case_folder_is_an_io_error(void **state)
{
    (void)state;
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    bool io = false;
    qs_case *c = qs_load_case(a, "/nonexistent/qs-case", NULL, &d, &io);
    assert_true(io);
    assert_null(c->plan);
    assert_int_equal(qs_diag_errors(&d), 1);
    qs_diag_free(&d);
    qs_arena_free(a);
}

static void test_loose_files_are_recognised_by_namespace(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, FX_EVIDENCE);
    char ev[128], plan[128];
    snprintf(ev, sizeof ev, "%s/evidence/u.xml", f.dir);
    snprintf(plan, sizeof plan, "%s/plan.xml", f.dir);
    const char *paths[] = {ev, plan}; /* any order; the schema is found beside the plan */
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    bool io = false;
    qs_case *c = qs_load_files(a, paths, 2, NULL, &d, &io);
    assert_non_null(c->plan);
    assert_non_null(c->schema);
    assert_int_equal(c->n_evidence, 1);
    assert_int_equal(qs_diag_errors(&d), 0);
    qs_diag_free(&d);
    qs_arena_free(a);
    fx_free(&f);
}

/* a cited file past the descriptor budget is opened again for its copy,
 * and only if it is still the file that was checked */
static void test_a_cited_file_opened_again_must_be_the_one_checked(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, FX_EVIDENCE);
    assert_int_equal(qs_diag_errors(&f.diags), 0);
    const qs_cited *ct = qs_model_cited(f.c, "attachments/a.txt");
    assert_non_null(ct);
    assert_true(ct->fd >= 0);
    qs_cited *w = (qs_cited *)ct; /* as open_cited leaves a file past the budget */
    close(w->fd);
    w->fd = -1;
    w->reopen = true;
    int fd = qs_load_cited_fd(f.c, ct);
    assert_true(fd >= 0);
    close(fd);
    /* another file takes its name: refused, however it looks */
    char path[160], other[160];
    snprintf(path, sizeof path, "%s/attachments/a.txt", f.dir);
    snprintf(other, sizeof other, "%s/attachments/b.txt", f.dir);
    fx_write(f.dir, "attachments/b.txt", "sample\n");
    assert_int_equal(rename(other, path), 0);
    assert_int_equal(qs_load_cited_fd(f.c, ct), -1);
    assert_int_equal(errno, ESTALE);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_case_loads_clean),
        cmocka_unit_test(test_schema_model_keeps_structure_and_points),
        cmocka_unit_test(test_plan_model_keeps_verbatim_text_and_roles),
        cmocka_unit_test(test_wording_placeholders_come_from_the_plan_and_the_callers_win),
        cmocka_unit_test(test_evidence_model_reads_every_field),
        cmocka_unit_test(test_doctype_is_refused_and_the_entity_never_read),
        cmocka_unit_test(test_wrong_version_gets_one_clear_diagnostic),
        cmocka_unit_test(test_missing_case_folder_is_an_io_error),
        cmocka_unit_test(test_loose_files_are_recognised_by_namespace),
        cmocka_unit_test(test_a_cited_file_opened_again_must_be_the_one_checked),
    };
    return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}
