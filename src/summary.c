/* summary.c - the province's roll-up (stage 4's data, before rendering).
 *
 * Reads a scored case and copies what the summary shows into a row; rows
 * travel between processes as text; checks that a roll-up holds each
 * district once a year and one standard a year; groups rows by year and
 * ranks them (equal totals share a rank, as an official ranking has it).
 * Never touches libxml2, libxlsxwriter or libharu; the order of everything
 * is explicit, so identical input gives an identical summary.
 */
#include "summary.h"
#include "facts.h"
#include "format.h"
#include "score_out.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const qs_summary_string_keys[] = {
    "summary.file",        "summary.years",       "summary.title",       "summary.subject",
    "summary.sheet",       "summary.chart.sheet", "summary.chart.title", "summary.levels", "summary.levels.several", "summary.levels.sep",
    "summary.col.rank",    "summary.col.region",  "summary.col.level",   "summary.col.year",
    "summary.col.base",    "summary.col.bonus",   "summary.col.total",   "summary.col.category",
    "summary.col.score",   "summary.col.rate",    "summary.col.lost",    "summary.col.missing",
    "summary.col.losses",  "summary.loss",        "summary.loss.bare",   "summary.average",
    "summary.chart.axis",  "table.footer",        NULL,
};

/* ---- one case's row ---- */

/* The level from the name's last character (the plan states none yet). */
const char *qs_summary_level(const qs_plan *p, const qs_strings *s, qs_arena *a)
{
    if (p->level && *p->level) /* the plan's <campaign level> */
        return qs_arena_strdup(a, p->level);
    const char *name = p->region ? p->region : "";
    size_t len = strlen(name), start = len;
    while (start > 0 && ((unsigned char)name[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > 0)
        start--;
    const char *last = name + start;
    size_t n = len - start;
    for (const char *l = qs_wording(s, "summary.levels"); n && *l;) {
        size_t k = strcspn(l, ",");
        if (k == n && !memcmp(l, last, n))
            return qs_arena_strndup(a, last, n);
        l += k + (l[k] == ',');
    }
    return "";
}

static const qs_indicator_score *indicator_score(const qs_scores *sc, const qs_indicator *ind)
{
    for (size_t i = 0; i < sc->n_indicators; i++)
        if (sc->indicators[i].indicator == ind)
            return &sc->indicators[i];
    return NULL;
}

/* The largest losses of the scored categories (the bonus is no loss), an
 * item of an indicator that still earned its points left out (seed row 25:
 * its items add up to more than the row). */
static void largest_losses(qs_summary_row *r, const qs_scores *sc, qs_arena *a)
{
    size_t n;
    const qs_item_score **loss = qs_score_losses(sc, a, &n);
    for (size_t i = 0; i < n && r->n_losses < QS_SUMMARY_LOSSES; i++) {
        const qs_indicator *ind = loss[i]->item->indicator;
        const qs_indicator_score *is = indicator_score(sc, ind);
        if (ind->category->bonus || (is && is->earned >= is->available))
            continue;
        qs_summary_loss *l = &r->losses[r->n_losses++];
        l->item = qs_arena_strdup(a, loss[i]->item->id);
        l->unit = qs_arena_strdup(a, loss[i]->unit ? loss[i]->unit->name : "");
        l->why = qs_arena_strdup(a, loss[i]->why ? loss[i]->why : "");
        l->lost = loss[i]->available - loss[i]->earned;
    }
}

qs_summary_row *qs_summary_row_of(const qs_case *c, const qs_scores *sc, const qs_strings *s,
                                  qs_arena *a)
{
    qs_summary_row *r = qs_arena_alloc(a, sizeof *r);
    r->region = qs_arena_strdup(a, c->plan->region);
    r->level = qs_summary_level(c->plan, s, a);
    r->province = qs_arena_strdup(a, c->schema->region ? c->schema->region : "");
    r->schema = qs_arena_strdup(a, c->schema->id ? c->schema->id : "");
    r->year = c->plan->year;
    r->base = sc->base;
    r->base_available = sc->base_available;
    r->bonus = sc->bonus;
    r->bonus_cap = c->schema->bonus_cap;
    r->total = sc->total;
    r->lost = sc->base_available - sc->base;
    r->cats = qs_arena_calloc(a, sc->n_categories + 1, sizeof *r->cats);
    for (size_t i = 0; i < sc->n_categories; i++) {
        const qs_category_score *cs = &sc->categories[i];
        if (cs->category->bonus)
            continue;
        r->cats[r->n_cats++] = (qs_summary_cat){qs_arena_strdup(a, cs->category->id),
                                                qs_arena_strdup(a, cs->category->name), cs->earned,
                                                cs->available};
    }
    /* the responsible units without evidence, as the district's own documents count them */
    r->n_missing = qs_facts_build(c, sc, "", a)->n_silent;
    largest_losses(r, sc, a);
    return r;
}

/* ---- rows as text ---- */

typedef struct text {
    char *buf;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        while (t->len + n + 1 > t->cap)
            t->cap = t->cap ? 2 * t->cap : 256;
        t->buf = qs_xrealloc(t->buf, t->cap);
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

/* a field: a tab before it unless it starts the line; \ tab newline escaped */
static void field(text *t, const char *s, bool first)
{
    if (!first)
        put(t, "\t", 1);
    for (; *s; s++) {
        if (*s == '\\')
            put(t, "\\\\", 2);
        else if (*s == '\t')
            put(t, "\\t", 2);
        else if (*s == '\n')
            put(t, "\\n", 2);
        else
            put(t, s, 1);
    }
}

static void number(text *t, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    field(t, buf, false);
}

char *qs_summary_row_encode(const qs_summary_row *r)
{
    text t = {0};
    field(&t, "row", true);
    field(&t, r->region, false);
    field(&t, r->level, false);
    field(&t, r->province, false);
    field(&t, r->schema, false);
    number(&t, r->year);
    number(&t, r->base);
    number(&t, r->base_available);
    number(&t, r->bonus);
    number(&t, r->bonus_cap);
    number(&t, r->total);
    number(&t, r->lost);
    number(&t, (long long)r->n_missing);
    put(&t, "\n", 1);
    for (size_t i = 0; i < r->n_cats; i++) {
        field(&t, "cat", true);
        field(&t, r->cats[i].id, false);
        field(&t, r->cats[i].name, false);
        number(&t, r->cats[i].earned);
        number(&t, r->cats[i].available);
        put(&t, "\n", 1);
    }
    for (size_t i = 0; i < r->n_losses; i++) {
        field(&t, "loss", true);
        field(&t, r->losses[i].item, false);
        field(&t, r->losses[i].unit, false);
        field(&t, r->losses[i].why, false);
        number(&t, r->losses[i].lost);
        put(&t, "\n", 1);
    }
    put(&t, "", 0);
    return t.buf;
}

/* Splits one line (unescaped in place) into at most max fields; the count. */
static size_t split(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *out = line;
    f[n++] = out;
    for (char *p = line; *p; p++) {
        if (*p == '\t') {
            *out++ = '\0';
            if (n == max)
                return max + 1;
            f[n++] = out;
        } else if (*p == '\\' && (p[1] == '\\' || p[1] == 't' || p[1] == 'n')) {
            p++;
            *out++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : '\\';
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
    return n;
}

static bool to_int(const char *s, long long *v)
{
    char *end;
    *v = strtoll(s, &end, 10);
    return *s && !*end;
}

qs_summary_row *qs_summary_row_decode(const char *encoded, qs_arena *a)
{
    char *copy = qs_arena_strdup(a, encoded);
    qs_summary_row *r = qs_arena_alloc(a, sizeof *r);
    size_t lines = 1;
    for (const char *p = encoded; *p; p++)
        lines += *p == '\n';
    r->cats = qs_arena_calloc(a, lines, sizeof *r->cats);
    bool head = false;
    for (char *line = copy, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            return NULL;
        *nl = '\0';
        char *f[16];
        long long v[8];
        size_t n = split(line, f, 16);
        if (!strcmp(f[0], "row") && n == 13 && !head) {
            for (size_t k = 0; k < 7; k++)
                if (!to_int(f[5 + k], &v[k]))
                    return NULL;
            long long missing;
            if (!to_int(f[12], &missing) || missing < 0)
                return NULL;
            *r = (qs_summary_row){NULL, f[1], f[2], f[3], f[4], (int)v[0], (qs_points)v[1],
                                  (qs_points)v[2], (qs_points)v[3], (qs_points)v[4], (qs_points)v[5],
                                  (qs_points)v[6], r->cats, 0, (size_t)missing, {{0}}, 0, 0};
            head = true;
        } else if (!strcmp(f[0], "cat") && n == 5 && head && to_int(f[3], &v[0]) && to_int(f[4], &v[1])) {
            r->cats[r->n_cats++] = (qs_summary_cat){f[1], f[2], (qs_points)v[0], (qs_points)v[1]};
        } else if (!strcmp(f[0], "loss") && n == 5 && head && r->n_losses < QS_SUMMARY_LOSSES &&
                   to_int(f[4], &v[0])) {
            r->losses[r->n_losses++] = (qs_summary_loss){f[1], f[2], f[3], (qs_points)v[0]};
        } else {
            return NULL;
        }
    }
    return head ? r : NULL;
}

/* ---- checks across cases ---- */

size_t qs_summary_check(const qs_summary_key *keys, size_t n, bool *bad, qs_diags *d)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const qs_summary_key *k = &keys[i];
        if (!k->region)
            continue;
        const char *twins = NULL, *first_schema = NULL;
        size_t first = n;
        for (size_t j = 0; j < n; j++) {
            const qs_summary_key *o = &keys[j];
            if (j == i || !o->region || o->year != k->year)
                continue;
            if (!strcmp(o->region, k->region)) {
                size_t len = (twins ? strlen(twins) + 2 : 0) + strlen(o->dir) + 1;
                char *t = qs_xmalloc(len);
                snprintf(t, len, "%s%s%s", twins ? twins : "", twins ? ", " : "", o->dir);
                free((char *)twins);
                twins = t;
            }
            if (j < first && o->schema && k->schema) {
                first = j;
                first_schema = o->schema;
            }
        }
        qs_srcpos pos = {k->dir, 0};
        bool is_bad = false;
        if (twins) {
            qs_diag_error(d, pos, "%s %d is also the region and year of %s: one district, one year, one case",
                          k->region, k->year, twins);
            is_bad = true;
        }
        if (first < i && strcmp(first_schema, k->schema)) {
            qs_diag_error(d, pos, "%s %d follows indicator schema \"%s\" but %s of the same year follows "
                          "\"%s\": a summary ranks a year's districts by one standard", k->region, k->year,
                          k->schema, keys[first].dir, first_schema);
            is_bad = true;
        }
        free((char *)twins);
        if (is_bad && !bad[i]) {
            bad[i] = true;
            count++;
        }
    }
    return count;
}

/* ---- the roll-up ---- */

static int cmp_row(const void *pa, const void *pb)
{
    const qs_summary_row *a = *(qs_summary_row *const *)pa, *b = *(qs_summary_row *const *)pb;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    /* equal totals: by name (code point order: stable, whatever the input order) */
    int c = strcmp(a->region, b->region);
    if (c)
        return c;
    return strcmp(a->dir ? a->dir : "", b->dir ? b->dir : "");
}

qs_summary *qs_summary_build(qs_summary_row *const *rows, size_t n, qs_arena *a)
{
    qs_summary *s = qs_arena_alloc(a, sizeof *s);
    qs_summary_row **sorted = qs_arena_calloc(a, n ? n : 1, sizeof *sorted);
    memcpy(sorted, rows, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_row);
    s->years = qs_arena_calloc(a, n ? n : 1, sizeof *s->years);
    s->n_rows = n;
    for (size_t i = 0; i < n; i++) {
        qs_summary_year *y = s->n_years ? &s->years[s->n_years - 1] : NULL;
        if (!y || y->year != sorted[i]->year) {
            y = &s->years[s->n_years++];
            y->year = sorted[i]->year;
            y->rows = sorted + i;
        }
        /* competition ranking: a tie shares the higher rank, the next skips */
        sorted[i]->rank = y->n_rows && y->rows[y->n_rows - 1]->total == sorted[i]->total
                              ? y->rows[y->n_rows - 1]->rank
                              : (int)y->n_rows + 1;
        y->n_rows++;
    }
    return s;
}

const char *qs_summary_levels(qs_summary_row *const *rows, size_t n, const qs_strings *s, qs_arena *a)
{
    const char *order = qs_strings_get(s, "summary.levels");
    const char *first = NULL, *rest = "";
    const char *sep = qs_strings_get(s, "summary.levels.sep");
    for (const char *l = order ? order : ""; *l;) { /* in the order summary.levels lists them */
        size_t k = strcspn(l, ",");
        bool present = false;
        for (size_t i = 0; i < n && !present; i++)
            present = rows[i]->level && strlen(rows[i]->level) == k && !memcmp(rows[i]->level, l, k);
        if (present && !first)
            first = qs_arena_strndup(a, l, k);
        else if (present)
            rest = qs_arena_printf(a, "%s%s%.*s", rest, *rest ? (sep ? sep : ",") : "", (int)k, l);
        l += k + (l[k] == ',');
    }
    if (!first)
        return "";
    if (!*rest)
        return first;
    const char *pairs[] = {"first", first, "rest", rest, NULL};
    const char *several = qs_strings_get(s, "summary.levels.several");
    return qs_format(a, several ? several : "{first}({rest})", pairs);
}

const char *qs_summary_all_levels(const qs_summary *s, const qs_strings *strings, qs_arena *a)
{
    qs_summary_row **rows = qs_arena_calloc(a, s->n_rows + 1, sizeof *rows);
    size_t n = 0;
    for (size_t y = 0; y < s->n_years; y++)
        for (size_t i = 0; i < s->years[y].n_rows; i++)
            rows[n++] = s->years[y].rows[i];
    return qs_summary_levels(rows, n, strings, a);
}

const char *qs_summary_name(const qs_summary *s, const qs_strings *strings, qs_arena *a)
{
    const char *years = "";
    if (s->n_years == 1) {
        years = qs_arena_printf(a, "%d", s->years[0].year);
    } else if (s->n_years > 1) {
        const char *pairs[] = {"first", qs_arena_printf(a, "%d", s->years[0].year), "last",
                               qs_arena_printf(a, "%d", s->years[s->n_years - 1].year), NULL};
        years = qs_format(a, qs_wording(strings, "summary.years"), pairs);
    }
    const char *pairs[] = {"years", years, NULL};
    return qs_format(a, qs_wording(strings, "summary.file"), pairs);
}
