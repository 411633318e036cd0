/* dump.c - stable text dump of the model (reads the model, writes text).
 *
 * Format: "kind key: fields", official text in double quotes exactly as
 * loaded, numbers without trailing zeros, positions as file:line at the end
 * of each line only where a test needs them (evidence).  Never reorders.
 */
#include "dump.h"

#include <string.h>

#define P(x) qs_points_str((x), (char[16]){0})

static void dump_threshold(const qs_threshold *t, FILE *out)
{
    fprintf(out, "%s %s ", t->quantity, qs_op_symbol(t->op));
    if (t->ref)
        fprintf(out, "ref:%s", t->ref);
    else
        fprintf(out, "%g", t->value);
}

static void dump_item(const qs_item *it, int depth, FILE *out)
{
    fprintf(out, "%*sitem %s %s: %s", 2 + 2 * depth, "", it->id, P(it->points), qs_rule_name(it->rule));
    switch (it->rule) {
    case QS_RULE_THRESHOLD:
        fputc(' ', out);
        dump_threshold(&it->threshold, out);
        break;
    case QS_RULE_ALL_OF:
    case QS_RULE_ANY_OF:
        for (size_t i = 0; i < it->n_conds; i++) {
            fputs(i ? ", " : " ", out);
            if (it->conds[i].is_fact)
                fprintf(out, "fact:%s", it->conds[i].fact_id);
            else
                dump_threshold(&it->conds[i].threshold, out);
        }
        break;
    case QS_RULE_TIERS:
    case QS_RULE_PER_COUNT:
        for (int l = 0; l < QS_LEVEL_COUNT; l++)
            if (it->has_level[l])
                fprintf(out, " %s:+%s", qs_level_name((qs_level)l), P(it->level_points[l]));
        break;
    case QS_RULE_ABSENCE:
        fprintf(out, " no %s", it->incident);
        break;
    case QS_RULE_TREND:
        fprintf(out, " %s %s %d years", it->trend_quantity, it->trend_down ? "down" : "up",
                it->trend_years);
        break;
    default:
        break;
    }
    fprintf(out, " \"%s\"\n", it->text);
    for (size_t i = 0; i < it->n_children; i++)
        dump_item(&it->children[i], depth + 1, out);
}

static void dump_schema(const qs_schema *s, FILE *out)
{
    fprintf(out, "schema %s: region \"%s\" year %d total %s bonus-cap %s \"%s\"\n", s->id, s->region,
            s->year, P(s->total), P(s->bonus_cap), s->title);
    for (size_t i = 0; i < s->n_quantities; i++)
        fprintf(out, "quantity %s: \"%s\" unit \"%s\"\n", s->quantities[i].id, s->quantities[i].name,
                s->quantities[i].unit);
    for (size_t i = 0; i < s->n_incidents; i++)
        fprintf(out, "incident %s: \"%s\"\n", s->incidents[i].id, s->incidents[i].name);
    for (size_t ci = 0; ci < s->n_categories; ci++) {
        const qs_category *cat = &s->categories[ci];
        fprintf(out, "category %s: \"%s\" %s%s label", cat->id, cat->name, P(cat->points),
                cat->bonus ? " bonus" : "");
        for (size_t k = 0; k < cat->n_label; k++)
            fprintf(out, " \"%s\"", cat->label[k]);
        fputc('\n', out);
        for (size_t i = cat->first; i < cat->first + cat->count; i++) {
            const qs_indicator *ind = &s->indicators[i];
            fprintf(out, "indicator %d: group \"%s\" points %s\n", ind->no,
                    ind->group ? ind->group->name : "", ind->has_points ? P(ind->points) : "-");
            fprintf(out, "  method \"%s\"\n", ind->method);
            for (size_t k = 0; k < ind->n_items; k++)
                dump_item(&ind->items[k], 0, out);
        }
    }
}

static void dump_refs(const qs_unitref *r, size_t n, FILE *out)
{
    for (size_t k = 0; k < n; k++) {
        fprintf(out, " %s%s", r[k].lead ? "*" : "", r[k].name);
        if (r[k].unit && strcmp(r[k].unit->name, r[k].name))
            fprintf(out, "=%s", r[k].unit->name);
    }
}

static void dump_plan(const qs_plan *p, FILE *out)
{
    fprintf(out, "plan: region \"%s\" year %d status %s follows %s (%s)\n", p->region, p->year,
            p->status == QS_STATUS_DRAFT ? "draft" : "final", p->indicators_id, p->indicators_file);
    fputs("title", out);
    for (size_t k = 0; k < p->n_title; k++)
        fprintf(out, " \"%s\"", p->title[k]);
    fprintf(out, "\ncampaign \"%s\" level \"%s\"\n", p->campaign, p->level);
    fprintf(out, "issuer \"%s\"\ntable-title \"%s\"\n", p->issuer, p->table_title);
    if (p->attachment_note)
        fprintf(out, "attachment-note \"%s\"\n", p->attachment_note);
    for (size_t i = 0; i < p->n_units; i++) {
        const qs_unit *u = &p->units[i];
        fprintf(out, "%s \"%s\"", u->is_group ? "group" : "unit", u->name);
        if (u->member)
            fputs(" member", out);
        if (u->housed)
            fprintf(out, " housed-at \"%s\"", u->housed->name);
        for (size_t k = 0; k < u->n_aliases; k++)
            fprintf(out, " alias \"%s\"", u->aliases[k]);
        if (u->is_group) {
            fprintf(out, " = %zu units:", u->n_expanded);
            for (size_t k = 0; k < u->n_expanded; k++)
                fprintf(out, " %s", u->expanded[k]->name);
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < p->n_resp; i++) {
        const qs_responsibility *r = &p->resp[i];
        fprintf(out, "responsible %d: \"%s\" ->", r->indicator_no, r->text);
        dump_refs(r->units, r->n_units, out);
        fputc('\n', out);
    }
    for (size_t i = 0; i < p->n_tasks; i++) {
        const qs_task *t = &p->tasks[i];
        fprintf(out, "task %s: %s %d \"%s\" ->", t->id, t->section, t->no, t->title);
        dump_refs(t->units, t->n_units, out);
        fprintf(out, "\n  text \"%s\"\n", t->text);
        if (t->units_text)
            fprintf(out, "  units-text \"%s\"\n", t->units_text);
    }
    for (size_t i = 0; i < p->n_targets; i++) {
        const qs_target *t = &p->targets[i];
        fprintf(out, "target %s: task %s %s %s %g \"%s\"\n", t->id, t->task_id, t->quantity,
                qs_op_symbol(t->op), t->value, t->text);
    }
}

static void dump_evidence(const qs_evidence *e, FILE *out)
{
    fprintf(out, "evidence %s: region \"%s\" year %d%s\n", e->path, e->region, e->year,
            e->sample ? " sample" : "");
    for (size_t i = 0; i < e->n_units; i++) {
        const qs_evidence_unit *u = &e->units[i];
        fprintf(out, "  unit \"%s\": %zu measures, %zu items\n", u->name, u->n_measures, u->n_items);
        for (size_t k = 0; k < u->n_measures; k++)
            fprintf(out, "    measure %s %g\n", u->measures[k].quantity, u->measures[k].value);
        for (size_t k = 0; k < u->n_items; k++) {
            const qs_evidence_item *it = &u->items[k];
            fprintf(out, "    item %s: %s", it->ref,
                    it->done == QS_DONE_UNSET ? "unfilled" : it->done ? "done" : "not-done");
            if (it->has_claimed)
                fprintf(out, " claimed %s", P(it->claimed));
            if (it->has_assessed)
                fprintf(out, " assessed %s", P(it->assessed));
            for (size_t j = 0; j < it->n_measures; j++)
                fprintf(out, " %s=%g", it->measures[j].quantity, it->measures[j].value);
            for (size_t j = 0; j < it->n_references; j++)
                fprintf(out, " ref:%s=%g", it->references[j].quantity, it->references[j].value);
            for (size_t j = 0; j < it->n_facts; j++)
                fprintf(out, " fact:%s=%s", it->facts[j].ref, it->facts[j].value ? "true" : "false");
            for (size_t j = 0; j < it->n_series; j++) {
                fprintf(out, " series:%s", it->series[j].quantity);
                for (size_t x = 0; x < it->series[j].n_points; x++)
                    fprintf(out, "%s%d=%g", x ? "," : "=", it->series[j].points[x].year,
                            it->series[j].points[x].value);
            }
            for (size_t j = 0; j < it->n_awards; j++)
                fprintf(out, " award:%s", qs_level_name(it->awards[j].level));
            for (size_t j = 0; j < it->n_incidents; j++)
                fprintf(out, " incident:%s", it->incidents[j].kind);
            fprintf(out, " documents %zu narratives %zu\n", it->n_documents, it->n_narratives);
        }
    }
}

void qs_dump_case(const qs_case *c, FILE *out)
{
    if (c->schema)
        dump_schema(c->schema, out);
    if (c->plan)
        dump_plan(c->plan, out);
    for (size_t i = 0; i < c->n_evidence; i++)
        dump_evidence(&c->evidence[i], out);
}
