/* validate_plan.c - stage 2b: the semantic checks of a plan.
 *
 * Reads the model only; writes diagnostics only.  The plan against its
 * schema: the campaign and its level, the responsible units named in each
 * text, tasks and targets, quantities declared once; the names that become
 * files are fsio_check.c's.
 */
#include "i18n.h"
#include "validate_internal.h"
#include "fsio_check.h"
#include "resolve.h"
#include "utf8.h"

#include <string.h>

/* ------------------------------------------------------------------ plan */

static bool contains_unit_name(const char *text, const qs_unitref *r)
{
    return strstr(text, r->name) != NULL;
}

/* The names a responsible-units cell lists, split on 、 and checked against the plan's list. */
static void check_resp_text(const qs_case *c, const qs_responsibility *r, qs_diags *d)
{
    for (size_t k = 0; k < r->n_units; k++)
        if (!contains_unit_name(r->text, &r->units[k]))
            qs_diag_warning(d, r->units[k].pos, "indicator %d: unit \"%s\" is not named in the "
                            "responsible-units text \"%s\"", r->indicator_no, r->units[k].name, r->text);
    const char *sep = "、";
    const char *s = r->text;
    while (*s) {
        const char *e = strstr(s, sep);
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char *name = qs_arena_strndup(c->arena, s, n);
        bool listed = false;
        for (size_t k = 0; k < r->n_units && !listed; k++)
            listed = !strcmp(r->units[k].name, name);
        if (!listed && n)
            qs_diag_warning(d, r->pos, "indicator %d: the responsible-units text names \"%s\", which is not "
                            "among the indicator's units", r->indicator_no, name);
        s += n + (e ? strlen(sep) : 0);
    }
}

static void check_responsibilities(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    for (size_t i = 0; i < p->n_resp; i++) {
        const qs_responsibility *r = &p->resp[i];
        for (size_t j = 0; j < i; j++)
            if (p->resp[j].indicator_no == r->indicator_no)
                qs_diag_error(d, r->pos, "indicator %d has a second <responsible> (first at line %ld)",
                              r->indicator_no, p->resp[j].pos.line);
        size_t leads = 0;
        for (size_t k = 0; k < r->n_units; k++)
            leads += r->units[k].lead;
        if (leads == 0)
            qs_diag_error(d, r->pos, "indicator %d: no unit is marked role=\"lead\" (the lead unit "
                          "comes first)", r->indicator_no);
        else if (leads > 1)
            qs_diag_error(d, r->pos, "indicator %d: %zu units are marked role=\"lead\"; only one may "
                          "be", r->indicator_no, leads);
        else if (!r->units[0].lead)
            qs_diag_error(d, r->pos, "indicator %d: the lead unit must come first", r->indicator_no);
        for (size_t k = 0; k < r->n_units; k++)
            for (size_t j = 0; j < k; j++)
                if (r->units[k].unit && r->units[k].unit == r->units[j].unit)
                    qs_diag_error(d, r->units[k].pos, "indicator %d: unit \"%s\" is listed twice",
                                  r->indicator_no, r->units[k].name);
        check_resp_text(c, r, d);
    }
    if (!c->schema)
        return;
    for (size_t i = 0; i < c->schema->n_indicators; i++) {
        const qs_indicator *ind = &c->schema->indicators[i];
        if (!qs_resolve_responsibility(p, ind->no))
            qs_diag_error(d, p->pos, "indicator %d has no <responsible> unit in the plan", ind->no);
    }
}

static void check_tasks_targets(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    for (size_t i = 0; i < p->n_tasks; i++) {
        const qs_task *t = &p->tasks[i];
        for (size_t j = 0; j < i; j++)
            if (!strcmp(p->tasks[j].id, t->id))
                qs_diag_error(d, t->pos, "task id \"%s\" is used twice", t->id);
        if (t->units_text)
            for (size_t k = 0; k < t->n_units; k++)
                if (!strstr(t->units_text, t->units[k].name))
                    qs_diag_warning(d, t->units[k].pos, "task %s: unit \"%s\" is not named in its "
                                    "unit note", t->id, t->units[k].name);
    }
    for (size_t i = 0; i < p->n_targets; i++) {
        const qs_target *t = &p->targets[i];
        for (size_t j = 0; j < i; j++)
            if (!strcmp(p->targets[j].id, t->id))
                qs_diag_error(d, t->pos, "target id \"%s\" is used twice", t->id);
        const qs_quantity *q = qs_model_quantity(c->schema, p, t->quantity);
        if (!q)
            qs_diag_error(d, t->pos, "target %s: quantity \"%s\" is declared neither in the plan nor "
                          "in the indicator schema", t->id, t->quantity);
        else if ((q->has_min && t->value < q->min) || (q->has_max && t->value > q->max))
            qs_diag_error(d, t->pos, "target %s: %g is outside the range of %s", t->id, t->value,
                          q->name);
        if (t->task && !strstr(t->task->text, t->text))
            qs_diag_warning(d, t->pos, "target %s: its text \"%s\" is not part of task %s's text",
                            t->id, t->text, t->task->id);
    }
}

/* A title that quotes the campaign (the name up to its level, stem) must
 * quote it with the plan's level; it is published text, so a warning. */
static void check_quoted_campaign(const qs_plan *p, const char *text, const char *what, qs_srcpos pos,
                                  const char *stem, qs_diags *d)
{
    size_t n = strlen(stem), l = strlen(p->level);
    for (const char *s = strstr(text, stem); s; s = strstr(s + n, stem)) {
        const char *after = s + n;
        if (!strncmp(after, p->level, l))
            continue;
        uint32_t cp;
        size_t k = *after ? qs_utf8_decode(after, strlen(after), &cp) : 0;
        qs_diag_published(d, pos, "%s names the campaign \"%.*s\", the plan's campaign is \"%s\" (as published)",
                          what, (int)(after + k - s), s, p->campaign);
    }
}

/* The campaign's name ends in its level (安徽省质量强区 of a 区; the XSD
 * checks the 质量强 before it): the documents print both, so a name of
 * another level would give one package two campaigns, an error.  The titles
 * that quote it and the region's own name should agree: warnings. */
static void check_campaign(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    if (!p->campaign || !p->level)
        return;
    size_t n = strlen(p->campaign), l = strlen(p->level);
    if (n <= l || strcmp(p->campaign + n - l, p->level)) {
        qs_diag_error(d, p->campaign_pos, "campaign \"%s\" does not end in its level \"%s\"; the documents "
                      "print both, and must name one campaign", p->campaign, p->level);
        return;
    }
    const char *stem = qs_arena_strndup(c->arena, p->campaign, n - l);
    for (size_t i = 0; i < p->n_title; i++)
        check_quoted_campaign(p, p->title[i], qs_arena_printf(c->arena, _("title line %zu"), i + 1),
                              p->title_pos, stem, d);
    check_quoted_campaign(p, p->table_title, _("the table's title"), p->table_title_pos, stem, d);
    if (p->attachment_note)
        check_quoted_campaign(p, p->attachment_note, _("the main text's attachment line"), p->attachment_note_pos,
                              stem, d);
    size_t r = strlen(p->region);
    if (r < l || strcmp(p->region + r - l, p->level))
        qs_diag_warning(d, p->region_pos, "region \"%s\" does not end in the campaign's level \"%s\"",
                        p->region, p->level);
}

void qs_validate_plan(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    if (c->schema) {
        if (strcmp(p->indicators_id, c->schema->id))
            qs_diag_error(d, p->indicators_pos, "the plan follows indicator schema \"%s\", the file "
                          "found is \"%s\" (%s)", p->indicators_id, c->schema->id, c->schema->path);
        else if (p->year != c->schema->year)
            qs_diag_warning(d, p->indicators_pos, "the plan is for %d, its indicator schema for %d",
                            p->year, c->schema->year);
    }
    for (size_t i = 0; i < p->n_quantities; i++) {
        const qs_quantity *q = &p->quantities[i];
        if (qs_model_quantity(NULL, p, q->id) != q || qs_model_quantity(c->schema, NULL, q->id))
            qs_diag_error(d, q->pos, "quantity \"%s\" is declared twice", q->id);
    }
    if (p->attachment_note && strcmp(p->attachment_note, p->table_title))
        qs_diag_published(d, p->attachment_note_pos, "the main text names the attachment \"%s\" but "
                          "the attachment is titled \"%s\" (as published)", p->attachment_note,
                          p->table_title);
    check_campaign(c, d);
    check_responsibilities(c, d);
    check_tasks_targets(c, d);
    qs_fs_check_names(c, d); /* the unit sheets', the region's and the cited files' (fsio_check.c) */
}

