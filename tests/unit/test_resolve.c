/* test_resolve.c - names and aliases to units, group expansion, suggestions. */
#include "fixture.h"

static void test_alias_resolves_to_the_registered_unit(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, NULL);
    const qs_unitref *r = &f.c->plan->resp[0].units[1];
    assert_string_equal(r->name, "区交通局");
    assert_non_null(r->unit);
    assert_string_equal(r->unit->name, "区交通运输局");
    fx_free(&f);
}

static void test_committee_group_expands_to_every_member_unit(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, NULL);
    const qs_unit *g = qs_model_unit(f.c->plan, "委员会成员单位"); /* an alias of the group */
    assert_non_null(g);
    assert_true(g->is_group);
    assert_int_equal(g->n_expanded, 2); /* 区市场监管局, 区交通运输局: the member="true" units */
    assert_string_equal(g->expanded[0]->name, "区市场监管局");
    assert_string_equal(g->expanded[1]->name, "区交通运输局");
    fx_free(&f);
}

static void test_listed_group_members_resolve_and_groups_cannot_nest(void **state)
{
    (void)state;
    char *plan = fx_replace(FX_PLAN, "  </units>",
                            "    <group name=\"区环委办成员单位\"><member>区财政局</member>"
                            "<member>区交通局</member><member>委员会成员单位</member></group>\n  </units>");
    fx f;
    fx_case(&f, FX_SCHEMA, plan, NULL);
    const qs_unit *g = qs_model_unit(f.c->plan, "区环委办成员单位");
    assert_int_equal(g->n_expanded, 2);
    assert_string_equal(g->expanded[1]->name, "区交通运输局");
    assert_diag(&f, QS_DIAG_ERROR, "cannot have the group \"区委员会各成员单位\" as a member");
    free(plan);
    fx_free(&f);
}

static void test_unknown_unit_suggests_the_nearest_registered_name(void **state)
{
    (void)state;
    char *plan = fx_replace(FX_PLAN, "<unit>区交通局</unit>", "<unit>区交通运输厅</unit>");
    fx f;
    fx_case(&f, FX_SCHEMA, plan, NULL);
    assert_diag(&f, QS_DIAG_ERROR,
                "indicator 1: unit \"区交通运输厅\" is not in the unit registry (did you mean \"区交通运输局\"?)");
    free(plan);
    fx_free(&f);
}

static void test_far_unknown_unit_gets_no_suggestion(void **state)
{
    (void)state;
    char *plan = fx_replace(FX_PLAN, "<unit>区交通局</unit>", "<unit>省教育厅高教处</unit>");
    fx f;
    fx_case(&f, FX_SCHEMA, plan, NULL);
    const qs_diag *g = fx_find(&f, QS_DIAG_ERROR, "省教育厅高教处");
    assert_non_null(g);
    assert_null(strstr(g->message, "did you mean"));
    free(plan);
    fx_free(&f);
}

static void test_responsibility_covers_groups_and_hosts(void **state)
{
    (void)state;
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, NULL);
    const qs_plan *p = f.c->plan;
    const qs_schema *s = f.c->schema;
    bool lead;
    /* through a group: indicator 3 is 委员会成员单位's, and 区交通运输局 is a member */
    assert_true(qs_resolve_responsible(p, &s->indicators[2], qs_model_unit(p, "区交通运输局"), &lead));
    assert_true(lead);
    /* through the host: 区办公室 is housed at 区市场监管局 */
    assert_true(qs_resolve_responsible(p, &s->indicators[1], qs_model_unit(p, "区市场监管局"), &lead));
    /* and not otherwise */
    assert_false(qs_resolve_responsible(p, &s->indicators[0], qs_model_unit(p, "区财政局"), &lead));
    assert_false(lead);
    fx_free(&f);
}

static void test_evidence_from_a_group_is_refused(void **state)
{
    (void)state;
    char *ev = fx_replace(FX_EVIDENCE, "<unit name=\"区市场监管局\">", "<unit name=\"委员会成员单位\">");
    fx f;
    fx_case(&f, FX_SCHEMA, FX_PLAN, ev);
    assert_diag(&f, QS_DIAG_ERROR, "evidence must come from one unit, not the group");
    free(ev);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alias_resolves_to_the_registered_unit),
        cmocka_unit_test(test_committee_group_expands_to_every_member_unit),
        cmocka_unit_test(test_listed_group_members_resolve_and_groups_cannot_nest),
        cmocka_unit_test(test_unknown_unit_suggests_the_nearest_registered_name),
        cmocka_unit_test(test_far_unknown_unit_gets_no_suggestion),
        cmocka_unit_test(test_responsibility_covers_groups_and_hosts),
        cmocka_unit_test(test_evidence_from_a_group_is_refused),
    };
    return cmocka_run_group_tests_name("resolve", tests, NULL, NULL);
}
