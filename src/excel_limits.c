/* excel_limits.c - stage 2b: what Excel would refuse, found before any
 * workbook is written (qs_validate calls it last).
 *
 * An Excel cell holds 32,767 characters, counted in UTF-16 code units (a
 * character beyond U+FFFF counts twice; libxlsxwriter counts code points
 * and would write a cell Excel then cuts); a sheet has 1,048,576 rows and
 * 16,384 columns.  Every text that goes into a cell of the four workbooks
 * (the official table, the self-assessment table, the responsibility
 * workbook, the evidence index) is measured here as the renderers compose
 * it: the verbatim texts of the schema, plan and evidence, and the cells
 * built of several inputs (the documents cited for an indicator, its lost
 * points with their reasons, a unit's lists of indicators and tasks, a
 * task with its targets).  The wording of templates/strings.xml is not
 * known here: each composed line is allowed the characters the shipped
 * templates add to its inputs, and NUMBER for each number it prints, so
 * a case that passes fits (with a wordier strings.xml, a renderer that
 * meets a cell too long still reports an input error: xlsx_common.c).  An
 * error names the indicator, unit or task and points at the element that
 * takes the cell over.  No hyperlink is written; sheet names are
 * validate.c's.  Reads the model (and scores it, as the documents will);
 * writes diagnostics only.
 */
#include "excel_limits.h"
#include "i18n.h"

#include "duties.h"
#include "score.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters the shipped templates add to the inputs of a line: a
 * document "{item} {title}（{number}）", a lost point "{item} 失{lost}分：
 * {why}" and the fixed words of its reason (13 at most), a target
 * "目标：{target}", the line heading the targets outside the tasks. */
#define DOC_WORDING 3
#define LOSS_WORDING 4
#define REASON_WORDING 16
#define TARGET_WORDING 3
#define OTHER_WORDING 6
/* A number as the documents print it: points, a value, a year. */
#define NUMBER 24
/* A trend's series prints each year with its value. */
#define SERIES_POINT 40

/* The workbooks, as messages name them. */
#define TABLE _("the official table")
#define SELFASSESS _("the self-assessment table")
#define UNITS _("the responsibility workbook")
#define INDEX _("the evidence index")

typedef struct lim {
    const qs_case *c;
    qs_diags *d;
    qs_arena *a; /* scratch */
    size_t errors;
} lim;

size_t qs_excel_limits_length(const char *text)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++)
        n += ((*p & 0xC0) != 0x80) + (*p >= 0xF0); /* a 4-byte sequence: a surrogate pair */
    return n;
}

/* "<what>: n characters in one cell of <book>, ...", at pos */
static void too_long(lim *l, qs_srcpos pos, size_t n, const char *book, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void too_long(lim *l, qs_srcpos pos, size_t n, const char *book, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    qs_diag_error(l->d, pos, "%s: %zu characters in one cell of %s, over the %d an Excel cell holds",
                  what, n, book, QS_EXCEL_MAX_CELL);
    l->errors++;
}

/* A verbatim text in a cell. */
#define CHECK_TEXT(l, pos, text, book, ...)                                                        \
    do {                                                                                           \
        size_t n_ = qs_excel_limits_length(text);                                                  \
        if (n_ > QS_EXCEL_MAX_CELL)                                                                \
            too_long((l), (pos), n_, (book), __VA_ARGS__);                                         \
    } while (0)

static void too_many(lim *l, qs_srcpos pos, size_t n, const char *what, const char *book,
                     size_t limit, bool columns)
{
    if (columns)
        qs_diag_error(l->d, pos, "%s: %zu columns in one sheet of %s, over the %zu an Excel sheet has",
                      what, n, book, limit);
    else
        qs_diag_error(l->d, pos, "%s: %zu rows in one sheet of %s, over the %zu an Excel sheet has", what,
                      n, book, limit);
    l->errors++;
}

/* ---- verbatim texts ---- */

/* The schema's texts: its region, category labels and names, group names
 * and the scoring methods (the tables and the unit sheets). */
static void check_schema_texts(lim *l, const qs_schema *s)
{
    /* the province in the titles of the unit sheets, with the region, the
     * year and the wording of units.sheet.points (60 characters) */
    size_t title = qs_excel_limits_length(s->region) + 200 + 2 * NUMBER + 80;
    if (title > QS_EXCEL_MAX_CELL)
        too_long(l, s->pos, title, UNITS, _("the indicator schema's region, in the sheet titles"));
    for (size_t i = 0; i < s->n_categories; i++) {
        const qs_category *cat = &s->categories[i];
        size_t n = cat->n_label ? cat->n_label - 1 : 0; /* the lines joined by '\n' */
        for (size_t k = 0; k < cat->n_label; k++)
            n += qs_excel_limits_length(cat->label[k]);
        if (n > QS_EXCEL_MAX_CELL)
            too_long(l, cat->pos, n, TABLE, _("category %s, its label"), cat->id);
        CHECK_TEXT(l, cat->pos, cat->name, UNITS, _("category %s, its name"), cat->id);
    }
    for (size_t i = 0; i < s->n_groups; i++)
        if (s->groups[i].count)
            CHECK_TEXT(l, s->groups[i].pos, s->groups[i].name, TABLE, _("indicator %d, its group"),
                       s->indicators[s->groups[i].first].no);
    for (size_t i = 0; i < s->n_indicators; i++)
        CHECK_TEXT(l, s->indicators[i].pos, s->indicators[i].method, TABLE,
                   _("indicator %d, its scoring method"), s->indicators[i].no);
}

/* The plan's texts: the table's title, the responsible-units cells, the
 * task titles and targets (the unit sheets). */
static void check_plan_texts(lim *l, const qs_plan *p)
{
    if (p->table_title)
        CHECK_TEXT(l, p->table_title_pos, p->table_title, TABLE, _("the table title"));
    for (size_t i = 0; i < p->n_resp; i++)
        CHECK_TEXT(l, p->resp[i].pos, p->resp[i].text, TABLE,
                   _("indicator %d, its responsible units"), p->resp[i].indicator_no);
    for (size_t i = 0; i < p->n_tasks; i++)
        CHECK_TEXT(l, p->tasks[i].pos, p->tasks[i].title, UNITS, _("task %s, its title"),
                   p->tasks[i].id);
    for (size_t i = 0; i < p->n_targets; i++)
        CHECK_TEXT(l, p->targets[i].pos, p->targets[i].text, UNITS, _("target %s, its text"),
                   p->targets[i].id);
}

/* The rows of the evidence index (a title, a header, a row per document)
 * and the document titles in them; the other columns are names and dates
 * the XSD keeps short. */
static void check_index(lim *l)
{
    const qs_case *c = l->c;
    size_t rows = 2;
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++) {
                const qs_evidence_item *it = &c->evidence[f].units[u].items[k];
                for (size_t j = 0; j < it->n_documents; j++) {
                    const qs_document *doc = &it->documents[j];
                    CHECK_TEXT(l, doc->pos, doc->title, INDEX, _("item %s, the title of this document"),
                               it->ref);
                    if (++rows == QS_EXCEL_MAX_ROWS + 1)
                        too_many(l, doc->pos, rows,
                                 _("the documents cited (this one is the first past the limit)"),
                                 INDEX, (size_t)QS_EXCEL_MAX_ROWS, false);
                }
            }
}

/* ---- the documents column of the self-assessment table ---- */

/* A document cited for a table row, in load order. */
typedef struct cite {
    size_t row, seq;
    const qs_evidence_item *report;
    const qs_document *doc;
} cite;

static int cmp_cite(const void *x, const void *y)
{
    const cite *a = x, *b = y;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The documents of the reports of each row's items, each line (title and
 * number) once: the self-assessment table lists them in one cell. */
static void check_documents(lim *l)
{
    const qs_case *c = l->c;
    const qs_schema *s = c->schema;
    size_t n = 0;
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++)
                n += c->evidence[f].units[u].items[k].n_documents;
    cite *v = qs_arena_calloc(l->a, n + 1, sizeof *v);
    n = 0;
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++) {
                const qs_evidence_item *it = &c->evidence[f].units[u].items[k];
                if (!it->item || !it->item->indicator)
                    continue;
                for (size_t j = 0; j < it->n_documents; j++, n++)
                    v[n] = (cite){(size_t)(it->item->indicator - s->indicators), n, it,
                                  &it->documents[j]};
            }
    qsort(v, n, sizeof *v, cmp_cite);
    for (size_t i = 0; i < n;) {
        size_t end = i;
        while (end < n && v[end].row == v[i].row)
            end++;
        qs_arena_pos scratch = qs_arena_tell(l->a);
        qs_lineset lines;
        qs_lineset_init(&lines, l->a);
        size_t total = 0;
        const cite *over = NULL;
        for (size_t k = i; k < end; k++) {
            const qs_document *doc = v[k].doc;
            char *key = qs_arena_printf(l->a, "%s\x1f%s", doc->title ? doc->title : "",
                                        doc->number ? doc->number : "");
            if (!doc->title || !qs_lineset_add(&lines, key))
                continue;
            total += (total ? 1 : 0) + qs_excel_limits_length(doc->title) +
                     qs_excel_limits_length(doc->number) + DOC_WORDING;
            if (total > QS_EXCEL_MAX_CELL && !over)
                over = &v[k];
        }
        if (over)
            too_long(l, over->doc->pos, total, SELFASSESS,
                     _("indicator %d, the documents cited for it (this one is the first past the "
                       "limit)"),
                     s->indicators[v[i].row].no);
        qs_arena_rewind(l->a, scratch);
        i = end;
    }
}

/* ---- cells that need the score: lost points, the unit sheets ---- */

/* Every report of each scoring item, found by binary search. */
typedef struct reports {
    const qs_evidence_item **v; /* sorted by item (address), in no order within one */
    size_t n;
} reports;

static int cmp_report(const void *x, const void *y)
{
    const qs_evidence_item *a = *(const qs_evidence_item *const *)x;
    const qs_evidence_item *b = *(const qs_evidence_item *const *)y;
    uintptr_t ia = (uintptr_t)a->item, ib = (uintptr_t)b->item;
    if (ia != ib)
        return ia < ib ? -1 : 1;
    return ((uintptr_t)a > (uintptr_t)b) - ((uintptr_t)a < (uintptr_t)b);
}

static reports all_reports(lim *l)
{
    const qs_case *c = l->c;
    reports r = {NULL, 0};
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            r.n += c->evidence[f].units[u].n_items;
    r.v = qs_arena_calloc(l->a, r.n + 1, sizeof *r.v);
    r.n = 0;
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++)
                if (c->evidence[f].units[u].items[k].item)
                    r.v[r.n++] = &c->evidence[f].units[u].items[k];
    qsort(r.v, r.n, sizeof *r.v, cmp_report);
    return r;
}

/* The longest assessor's reason among the reports of it. */
static size_t longest_assessed(const reports *r, const qs_item *it)
{
    size_t lo = 0, hi = r->n, most = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)r->v[mid]->item < (uintptr_t)it)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < r->n && r->v[i]->item == it; i++)
        if (r->v[i]->has_assessed) {
            size_t n = qs_excel_limits_length(r->v[i]->assessed_reason);
            most = n > most ? n : most;
        }
    return most;
}

static size_t name_length(const qs_case *c, const char *quantity)
{
    const qs_quantity *q = quantity ? qs_model_quantity(c->schema, c->plan, quantity) : NULL;
    return qs_excel_limits_length(q ? q->name : quantity);
}

/* A threshold's words: the quantity, its reference, the unit (twice), three numbers. */
static size_t threshold_length(const qs_case *c, const qs_threshold *t)
{
    const qs_quantity *q = qs_model_quantity(c->schema, c->plan, t->quantity);
    return name_length(c, t->quantity) + name_length(c, t->ref) +
           2 * qs_excel_limits_length(q ? q->unit : NULL) + 3 * NUMBER;
}

/* The most a reason of item it quotes of the inputs, given why it lost. */
static size_t quoted(lim *l, const reports *r, const qs_item_score *is)
{
    const qs_case *c = l->c;
    const qs_item *it = is->item;
    size_t n = 0;
    switch (is->reason) {
    case QS_REASON_GRADED:
        return longest_assessed(r, it);
    case QS_REASON_NO_MEASURE:
    case QS_REASON_NO_REFERENCE:
    case QS_REASON_MISSED:
        n = it->rule == QS_RULE_THRESHOLD ? threshold_length(c, &it->threshold) : 0;
        for (size_t k = 0; k < it->n_conds; k++)
            if (!it->conds[k].is_fact) {
                size_t t = threshold_length(c, &it->conds[k].threshold);
                n = t > n ? t : n;
            }
        return n;
    case QS_REASON_NO_FACT:
    case QS_REASON_FACT_FALSE:
        for (size_t k = 0; k < it->n_conds; k++) {
            size_t t = qs_excel_limits_length(it->conds[k].fact_text);
            n = t > n ? t : n;
        }
        return n;
    case QS_REASON_NO_ALTERNATIVE: /* every condition, joined */
        for (size_t k = 0; k < it->n_conds; k++)
            n += (k ? 2 : 0) + (it->conds[k].is_fact
                                    ? qs_excel_limits_length(it->conds[k].fact_text)
                                    : name_length(c, it->conds[k].threshold.quantity));
        return n;
    case QS_REASON_INCIDENT: {
        const qs_incident_kind *k = qs_model_incident(c->schema, it->incident);
        return (k ? qs_excel_limits_length(k->name) : 0) + NUMBER;
    }
    case QS_REASON_NO_YEAR:
    case QS_REASON_NO_TREND:
        return name_length(c, it->trend_quantity) + (size_t)(it->trend_years + 1) * SERIES_POINT;
    case QS_REASON_PART_AWARD:
        return QS_LEVEL_COUNT * NUMBER;
    default:
        return 0;
    }
}

/* The lost-points cell's length so far plus the lines of is's losing
 * items (nested items instead of their parent, as qs_xlsx_losses). */
static size_t add_losses(lim *l, const reports *r, const qs_item_score *is, size_t total)
{
    if (is->n_children) {
        for (size_t k = 0; k < is->n_children; k++)
            total = add_losses(l, r, &is->children[k], total);
        return total;
    }
    if (is->earned >= is->available)
        return total;
    return total + (total ? 1 : 0) + qs_excel_limits_length(is->item->id) + NUMBER + LOSS_WORDING +
           REASON_WORDING + quoted(l, r, is);
}

/* The lost points of each indicator, one line per item with its reason:
 * one cell of the self-assessment table and of each unit sheet. */
static void check_losses(lim *l, const qs_scores *sc)
{
    qs_arena_pos scratch = qs_arena_tell(l->a);
    reports r = all_reports(l);
    for (size_t i = 0; i < sc->n_indicators; i++) {
        const qs_indicator_score *is = &sc->indicators[i];
        size_t total = 0;
        for (size_t k = 0; is->earned < is->available && k < is->n_items; k++)
            total = add_losses(l, &r, &is->items[k], total);
        if (total > QS_EXCEL_MAX_CELL)
            too_long(l, is->indicator->pos, total, SELFASSESS,
                     _("indicator %d, its lost points with their reasons"), is->indicator->no);
    }
    qs_arena_rewind(l->a, scratch);
}

/* A unit's sheet: its rows, the documents its own reports cite for each
 * indicator it carries (item, title and number a line), each task's title
 * with its targets, and the targets of none of its tasks. */
static void check_unit_sheet(lim *l, const qs_unit_duties *ud, size_t *row_of, size_t *task_of)
{
    const qs_indicator *first = l->c->schema->indicators;
    size_t rows = 3 + ud->n_duties + ud->n_tasks + 1;
    if (rows > QS_EXCEL_MAX_ROWS)
        too_many(l, ud->unit->pos, rows,
                 qs_arena_printf(l->a, _("unit \"%s\", its indicators and tasks"), ud->unit->name),
                 UNITS, (size_t)QS_EXCEL_MAX_ROWS, false);
    qs_arena_pos scratch = qs_arena_tell(l->a);
    qs_lineset *lines = qs_arena_calloc(l->a, ud->n_duties + 1, sizeof *lines);
    size_t *total = qs_arena_calloc(l->a, ud->n_duties + 1, sizeof *total);
    const qs_document **over = qs_arena_calloc(l->a, ud->n_duties + 1, sizeof *over);
    for (size_t k = 0; k < ud->n_duties; k++) {
        row_of[ud->duties[k].indicator - first] = k + 1;
        qs_lineset_init(&lines[k], l->a);
    }
    for (size_t r = 0; r < ud->n_reports; r++) {
        const qs_evidence_item *ev = ud->reports[r];
        size_t k = ev->item ? row_of[ev->item->indicator - first] : 0;
        for (size_t j = 0; k && j < ev->n_documents; j++) {
            const qs_document *doc = &ev->documents[j];
            const char *key = qs_arena_printf(l->a, "%s\x1f%s\x1f%s", ev->item->id,
                                              doc->title ? doc->title : "",
                                              doc->number ? doc->number : "");
            if (!doc->title || !qs_lineset_add(&lines[k - 1], key))
                continue;
            total[k - 1] += (total[k - 1] ? 1 : 0) + qs_excel_limits_length(ev->item->id) +
                            qs_excel_limits_length(doc->title) +
                            qs_excel_limits_length(doc->number) + DOC_WORDING;
            if (total[k - 1] > QS_EXCEL_MAX_CELL && !over[k - 1])
                over[k - 1] = doc;
        }
    }
    for (size_t k = 0; k < ud->n_duties; k++)
        if (over[k])
            too_long(l, over[k]->pos, total[k], UNITS,
                     _("unit \"%s\", indicator %d, the documents its evidence cites (this one is the "
                       "first past the limit)"),
                     ud->unit->name, ud->duties[k].indicator->no);
    for (size_t k = 0; k < ud->n_duties; k++)
        row_of[ud->duties[k].indicator - first] = 0;

    /* a task's cell: its title, then a line per target of the unit's; a
     * cell of the targets of none of its tasks, after a line of wording */
    const qs_task *tasks = l->c->plan->tasks;
    size_t *length = qs_arena_calloc(l->a, ud->n_tasks + 1, sizeof *length), other = OTHER_WORDING;
    for (size_t k = 0; k < ud->n_tasks; k++) {
        task_of[ud->tasks[k].task - tasks] = k + 1;
        length[k] = qs_excel_limits_length(ud->tasks[k].task->title);
    }
    for (size_t i = 0; i < ud->n_targets; i++) {
        const qs_target *t = ud->targets[i];
        size_t k = t->task ? task_of[t->task - tasks] : 0;
        *(k ? &length[k - 1] : &other) += 1 + qs_excel_limits_length(t->text) + TARGET_WORDING;
    }
    for (size_t k = 0; k < ud->n_tasks; k++) {
        task_of[ud->tasks[k].task - tasks] = 0;
        if (length[k] > QS_EXCEL_MAX_CELL)
            too_long(l, ud->tasks[k].task->pos, length[k], UNITS,
                     _("unit \"%s\", task %s, its title and targets"), ud->unit->name,
                     ud->tasks[k].task->id);
    }
    if (other > QS_EXCEL_MAX_CELL)
        too_long(l, ud->unit->pos, other, UNITS, _("unit \"%s\", its targets outside its tasks"),
                 ud->unit->name);
    qs_arena_rewind(l->a, scratch);
}

/* The list of the indicators a unit leads (lead) or supports, or of its
 * tasks: the summary's block of units without evidence. */
static size_t list_length(const qs_unit_duties *ud, int which)
{
    size_t n = 0, items = 0;
    if (which < 2) {
        for (size_t k = 0; k < ud->n_duties; k++)
            if (ud->duties[k].lead == (which == 0)) {
                char no[24];
                n += (size_t)snprintf(no, sizeof no, "%d", ud->duties[k].indicator->no);
                items++;
            }
    } else {
        for (size_t k = 0; k < ud->n_tasks; k++, items++)
            n += qs_excel_limits_length(ud->tasks[k].task->title);
    }
    return n + (items ? items - 1 : 0) * 2; /* a separator between items */
}

/* The responsibility workbook: the summary's columns (one per indicator)
 * and rows (one per unit, and one per unit without evidence), the lists of
 * that block, and every unit's sheet. */
static void check_units(lim *l, const qs_duties *du)
{
    const qs_schema *s = l->c->schema;
    size_t cols = 5 + (s->n_indicators > 3 ? s->n_indicators : 3);
    if (cols > QS_EXCEL_MAX_COLS)
        too_many(l, s->indicators[QS_EXCEL_MAX_COLS - 5].pos, cols,
                 _("the summary's matrix, a column per indicator (this one is the first past the "
                   "limit)"),
                 UNITS,
                 (size_t)QS_EXCEL_MAX_COLS, true);
    size_t rows = 8 + du->n_units;
    static const char *const lists[] = {N_("the indicators it leads"), N_("the indicators it supports"),
                                        N_("its key tasks")};
    for (size_t i = 0; i < du->n_units; i++) {
        const qs_unit_duties *ud = &du->units[i];
        if (ud->has_evidence)
            continue;
        rows++;
        for (int w = 0; w < 3; w++) {
            size_t n = list_length(ud, w);
            if (n > QS_EXCEL_MAX_CELL)
                too_long(l, ud->unit->pos, n, UNITS, _("unit \"%s\", %s"), ud->unit->name, _(lists[w]));
        }
    }
    if (rows > QS_EXCEL_MAX_ROWS)
        too_many(l, l->c->plan->pos, rows, _("the units' summary, a row per unit"), UNITS,
                 (size_t)QS_EXCEL_MAX_ROWS, false);
    size_t *row_of = qs_arena_calloc(l->a, s->n_indicators + 1, sizeof *row_of);
    size_t *task_of = qs_arena_calloc(l->a, l->c->plan->n_tasks + 1, sizeof *task_of);
    for (size_t i = 0; i < du->n_units; i++)
        check_unit_sheet(l, &du->units[i], row_of, task_of);
}

/* The rows of the two tables: a title, a header and a row per indicator;
 * the self-assessment table adds the subtotals and the totals. */
static void check_table_rows(lim *l)
{
    const qs_schema *s = l->c->schema;
    size_t rows = 3 + s->n_indicators + s->n_categories + 3;
    if (rows > QS_EXCEL_MAX_ROWS)
        too_many(l, s->pos, rows, _("the indicator schema, a row per indicator and category"),
                 SELFASSESS, (size_t)QS_EXCEL_MAX_ROWS,
                 false);
}

size_t qs_excel_limits_check(const qs_case *c, qs_diags *d)
{
    lim l = {c, d, qs_arena_new(), 0};
    bool clean = qs_diag_errors(d) == 0; /* the score assumes a valid case */
    if (c->schema)
        check_schema_texts(&l, c->schema);
    if (c->plan)
        check_plan_texts(&l, c->plan);
    check_index(&l);
    if (c->schema) {
        check_table_rows(&l);
        check_documents(&l);
    }
    if (clean && c->schema && c->plan) {
        qs_scores *sc = qs_score(c, NULL, l.a);
        check_losses(&l, sc);
        check_units(&l, qs_duties_build(c, sc, l.a));
    }
    qs_arena_free(l.a);
    return l.errors;
}
