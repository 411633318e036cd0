/* rule.c - stage 3: one scoring item from its reports (reads the model,
 * writes a qs_item_score).
 *
 * Several units may report one item; validation has made sure they never
 * contradict each other, so their reports are merged: done from whoever
 * states it, values and facts from the first that gives them, documents
 * counted over all, awards and incidents without duplicates.  Rules follow
 * the official methods (DESIGN.md, "The 31 official rows"): fixed needs done
 * and a document; thresholds compare values (or a reference value);
 * tiers count each level once, per-count every award, both capped; absence
 * needs the item declared and no incident of its kind; a trend of n years
 * needs n year-on-year changes, all in its direction.
 */
#include "format.h"
#include "score.h"
#include "strbuf.h"

#include <string.h>

typedef struct merged {
    const qs_evidence_item *const *r;
    size_t n;
} merged;

static qs_done merged_done(const merged *m)
{
    qs_done d = QS_DONE_UNSET;
    for (size_t i = 0; i < m->n; i++)
        if (m->r[i]->done != QS_DONE_UNSET)
            d = d == QS_DONE_YES ? d : m->r[i]->done;
    return d;
}

static size_t merged_documents(const merged *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++)
        n += m->r[i]->n_documents;
    return n;
}

static const qs_measure *merged_measure(const merged *m, const char *q, bool reference)
{
    for (size_t i = 0; i < m->n; i++) {
        const qs_measure *v = reference ? m->r[i]->references : m->r[i]->measures;
        size_t n = reference ? m->r[i]->n_references : m->r[i]->n_measures;
        for (size_t k = 0; k < n; k++)
            if (!strcmp(v[k].quantity, q))
                return &v[k];
    }
    return NULL;
}

static const qs_fact_value *merged_fact(const merged *m, const char *ref)
{
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = 0; k < m->r[i]->n_facts; k++)
            if (!strcmp(m->r[i]->facts[k].ref, ref))
                return &m->r[i]->facts[k];
    return NULL;
}

/* the value of quantity q in year y, from any report's series */
static bool merged_year(const merged *m, const char *q, int y, double *v)
{
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = 0; k < m->r[i]->n_series; k++) {
            const qs_series *s = &m->r[i]->series[k];
            if (strcmp(s->quantity, q))
                continue;
            for (size_t j = 0; j < s->n_points; j++)
                if (s->points[j].year == y) {
                    *v = s->points[j].value;
                    return true;
                }
        }
    return false;
}

/* ---- wording ---- */

typedef struct ctx {
    const qs_case *c;
    const qs_strings *s;
    qs_arena *a;
    qs_item_score *out;
} ctx;

/* text quoted inside a reason's own quotes: its double quotes become single */
static const char *quoted(ctx *x, const char *text)
{
    qs_strbuf b;
    qs_strbuf_init(&b, x->a);
    for (const char *p = text; *p;) {
        if (!strncmp(p, "\xE2\x80\x9C", 3) || !strncmp(p, "\xE2\x80\x9D", 3)) {
            qs_strbuf_add(&b, p[2] == '\x9C' ? "\xE2\x80\x98" : "\xE2\x80\x99");
            p += 3;
        } else {
            qs_strbuf_addn(&b, p, 1);
            p++;
        }
    }
    return qs_strbuf_text(&b);
}

/* The reason in words: the template filled with pairs and with {item}, the
 * scoring item's own text, so that every reason names what it is about. */
static void say(ctx *x, qs_reason r, const char *key, const char *const *pairs)
{
    x->out->reason = r;
    const char *tmpl = qs_strings_get(x->s, key);
    const char *item = x->out->item && x->out->item->text ? quoted(x, x->out->item->text) : "";
    size_t n = 0;
    while (pairs && pairs[n])
        n += 2;
    const char **all = qs_arena_calloc(x->a, n + 3, sizeof *all);
    for (size_t i = 0; i < n; i++)
        all[i] = pairs[i];
    all[n] = "item";
    all[n + 1] = item;
    x->out->why = qs_format(x->a, tmpl ? tmpl : key, all);
}

/* a value with its quantity's unit */
static const char *value(ctx *x, double v, const qs_quantity *q)
{
    return qs_format_value(x->a, v, q ? q->unit : NULL);
}

static const qs_quantity *quantity(ctx *x, const char *id)
{
    return qs_model_quantity(x->c->schema, x->c->plan, id);
}

static const char *name_of(const qs_quantity *q, const char *id)
{
    return q ? q->name : id;
}

/* Does threshold t hold?  When not, words why. */
static bool threshold_holds(ctx *x, const merged *m, const qs_threshold *t)
{
    const qs_quantity *q = quantity(x, t->quantity);
    const qs_measure *v = merged_measure(m, t->quantity, false);
    if (!v) {
        const char *p[] = {"quantity", name_of(q, t->quantity), NULL};
        say(x, QS_REASON_NO_MEASURE, "reason.no_measure", p);
        return false;
    }
    double bound = t->value;
    const qs_quantity *rq = NULL;
    if (t->ref) {
        rq = quantity(x, t->ref);
        const qs_measure *r = merged_measure(m, t->ref, true);
        if (!r) {
            const char *p[] = {"quantity", name_of(rq, t->ref), NULL};
            say(x, QS_REASON_NO_REFERENCE, "reason.no_reference", p);
            return false;
        }
        bound = r->value;
    }
    if (qs_op_holds(t->op, v->value, bound))
        return true;
    char key[48];
    snprintf(key, sizeof key, "reason.missed%s.%s", t->ref ? ".ref" : "", qs_op_name(t->op));
    const char *p[] = {"quantity", name_of(q, t->quantity), "value", value(x, v->value, q), "bound",
                       value(x, bound, q), "ref", name_of(rq, t->ref ? t->ref : ""), NULL};
    say(x, QS_REASON_MISSED, key, p);
    return false;
}

static bool fact_holds(ctx *x, const merged *m, const qs_condition *k)
{
    const qs_fact_value *f = merged_fact(m, k->fact_id);
    const char *p[] = {"fact", k->fact_text, NULL};
    if (!f) {
        say(x, QS_REASON_NO_FACT, "reason.no_fact", p);
        return false;
    }
    if (!f->value)
        say(x, QS_REASON_FACT_FALSE, "reason.fact_false", p);
    return f->value;
}

static bool condition_holds(ctx *x, const merged *m, const qs_condition *k)
{
    return k->is_fact ? fact_holds(x, m, k) : threshold_holds(x, m, &k->threshold);
}

/* tiers: each level reached once; per-count: every distinct award */
static qs_points award_points(ctx *x, const merged *m, const qs_item *it, const char **levels)
{
    bool reached[QS_LEVEL_COUNT] = {false};
    qs_points sum = 0;
    qs_lineset seen; /* the same award reported twice (by two units, say) counts once */
    qs_lineset_init(&seen, x->a);
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = 0; k < m->r[i]->n_awards; k++) {
            const qs_award *w = &m->r[i]->awards[k];
            if (!it->has_level[w->level] ||
                !qs_lineset_add(&seen, qs_arena_printf(x->a, "%d\x1f%s", (int)w->level, w->text)))
                continue;
            if (it->rule == QS_RULE_PER_COUNT || !reached[w->level])
                sum += it->level_points[w->level];
            reached[w->level] = true;
        }
    const char *names = "";
    for (int l = 0; l < QS_LEVEL_COUNT; l++) {
        if (!reached[l])
            continue;
        char key[32];
        snprintf(key, sizeof key, "level.%s", qs_level_name((qs_level)l));
        const char *n = qs_strings_get(x->s, key);
        const char *sep = qs_strings_get(x->s, "list.separator");
        names = *names ? qs_arena_printf(x->a, "%s%s%s", names, sep ? sep : ", ", n ? n : key)
                       : (n ? n : key);
    }
    *levels = names;
    return sum;
}

static const char *incident_name(ctx *x, const char *kind)
{
    const qs_incident_kind *k = qs_model_incident(x->c->schema, kind);
    return k ? k->name : kind;
}

static void eval_trend(ctx *x, const merged *m, const qs_item *it)
{
    const qs_quantity *q = quantity(x, it->trend_quantity);
    int last = x->c->plan->year, first = last - it->trend_years;
    const char *series = "";
    double prev = 0;
    bool ok = true;
    for (int y = first; y <= last; y++) {
        double v;
        if (!merged_year(m, it->trend_quantity, y, &v)) {
            const char *p[] = {"quantity", name_of(q, it->trend_quantity), "year",
                               qs_arena_printf(x->a, "%d", y), NULL};
            say(x, QS_REASON_NO_YEAR, "reason.no_year", p);
            return;
        }
        const char *sep = qs_strings_get(x->s, "list.separator");
        const char *tmpl = qs_strings_get(x->s, "reason.series");
        const char *py[] = {"year", qs_arena_printf(x->a, "%d", y), "value", value(x, v, q), NULL};
        series = qs_arena_printf(x->a, "%s%s%s", series, *series ? (sep ? sep : ", ") : "",
                                 qs_format(x->a, tmpl ? tmpl : "{year} {value}", py));
        if (y > first && (it->trend_down ? !(v < prev) : !(v > prev)))
            ok = false;
        prev = v;
    }
    if (ok) {
        x->out->earned = x->out->available;
        return;
    }
    const char *p[] = {"quantity", name_of(q, it->trend_quantity), "years",
                       qs_arena_printf(x->a, "%d", it->trend_years), "series", series, NULL};
    say(x, QS_REASON_NO_TREND, it->trend_down ? "reason.no_trend.down" : "reason.no_trend.up", p);
}

void qs_score_item(const qs_case *c, const qs_strings *s, qs_arena *a, qs_item_score *out,
                   const qs_evidence_item *const *reports, size_t n_reports)
{
    const qs_item *it = out->item;
    ctx x = {c, s, a, out};
    merged m = {reports, n_reports};
    out->available = it->points;
    out->earned = 0;
    out->reason = QS_REASON_NONE;
    out->why = NULL;
    if (it->rule == QS_RULE_SUM)
        return; /* the children are scored and summed by score.c */
    if (n_reports == 0) {
        say(&x, QS_REASON_NO_EVIDENCE, "reason.no_evidence", NULL);
        return;
    }
    qs_done done = merged_done(&m);
    switch (it->rule) {
    case QS_RULE_FIXED:
        if (done == QS_DONE_UNSET)
            say(&x, QS_REASON_NOT_FILLED, "reason.not_filled", NULL);
        else if (done == QS_DONE_NO)
            say(&x, QS_REASON_NOT_DONE, "reason.not_done", NULL);
        else if (merged_documents(&m) == 0)
            say(&x, QS_REASON_NO_DOCUMENT, "reason.no_document", NULL);
        else
            out->earned = it->points;
        break;
    case QS_RULE_GRADED: {
        const qs_evidence_item *g = NULL;
        for (size_t i = 0; i < n_reports && !g; i++)
            if (reports[i]->has_assessed)
                g = reports[i];
        if (done == QS_DONE_NO) {
            say(&x, QS_REASON_NOT_DONE, "reason.not_done", NULL);
        } else if (!g) {
            say(&x, QS_REASON_NOT_ASSESSED, "reason.not_assessed", NULL);
        } else {
            out->earned = g->assessed < it->points ? g->assessed : it->points;
            if (out->earned < it->points) {
                const char *p[] = {"reason", g->assessed_reason, NULL};
                say(&x, QS_REASON_GRADED, "reason.graded", p);
            }
        }
        break;
    }
    case QS_RULE_THRESHOLD:
        if (threshold_holds(&x, &m, &it->threshold))
            out->earned = it->points;
        break;
    case QS_RULE_ALL_OF: {
        bool all = true;
        for (size_t i = 0; i < it->n_conds && all; i++)
            all = condition_holds(&x, &m, &it->conds[i]);
        if (all)
            out->earned = it->points;
        break;
    }
    case QS_RULE_ANY_OF: {
        bool any = false;
        const char *names = "";
        for (size_t i = 0; i < it->n_conds && !any; i++) {
            any = condition_holds(&x, &m, &it->conds[i]);
            const char *sep = qs_strings_get(s, "list.separator");
            const char *what = it->conds[i].is_fact ? it->conds[i].fact_text
                                                    : name_of(quantity(&x, it->conds[i].threshold.quantity),
                                                              it->conds[i].threshold.quantity);
            names = *names ? qs_arena_printf(a, "%s%s%s", names, sep ? sep : ", ", what) : what;
        }
        if (any) {
            out->earned = it->points;
            out->reason = QS_REASON_NONE;
            out->why = NULL;
        } else {
            const char *p[] = {"conditions", names, NULL};
            say(&x, QS_REASON_NO_ALTERNATIVE, "reason.no_alternative", p);
        }
        break;
    }
    case QS_RULE_TIERS:
    case QS_RULE_PER_COUNT: {
        const char *levels;
        qs_points sum = award_points(&x, &m, it, &levels);
        out->earned = sum < it->points ? sum : it->points;
        if (sum == 0) {
            say(&x, QS_REASON_NO_AWARD, "reason.no_award", NULL);
        } else if (out->earned < it->points) {
            const char *p[] = {"levels", levels, "earned", qs_points_text(a, out->earned), NULL};
            say(&x, QS_REASON_PART_AWARD, "reason.part_award", p);
        }
        break;
    }
    case QS_RULE_ABSENCE: {
        const qs_incident *inc = NULL;
        for (size_t i = 0; i < n_reports && !inc; i++)
            for (size_t k = 0; k < reports[i]->n_incidents && !inc; k++)
                if (!strcmp(reports[i]->incidents[k].kind, it->incident))
                    inc = &reports[i]->incidents[k];
        if (inc) {
            const char *p[] = {"incident", incident_name(&x, inc->kind), "date",
                               qs_format_date(a, qs_strings_get(s, "date"), inc->date), "text",
                               inc->text ? inc->text : "", NULL};
            say(&x, QS_REASON_INCIDENT, "reason.incident", p);
        } else if (done == QS_DONE_UNSET) {
            say(&x, QS_REASON_NOT_FILLED, "reason.not_filled", NULL);
        } else if (done == QS_DONE_NO) {
            say(&x, QS_REASON_NOT_DONE, "reason.not_done", NULL);
        } else {
            out->earned = it->points;
        }
        break;
    }
    case QS_RULE_TREND:
        eval_trend(&x, &m, it);
        break;
    case QS_RULE_SUM:
        break;
    }
}
