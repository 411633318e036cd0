/* xlsx_units.c - the responsibility workbook (issue 5) as an xlsx file
 * (stage 4: render).
 *
 * Reads the per-unit duties (duties.c), the scores, the plan's tasks and
 * targets, the documents of each unit's own evidence and the wording of
 * templates/strings.xml.  Writes the summary sheet first
 * (xlsx_units_summary.c), then one sheet per unit, in registry order, named by sheetname.c: its indicators (number,
 * category, the verbatim method, points, role, the documents its own
 * evidence cites, the score, the reasons for lost points, a status column
 * with a list to pick from), then, as rows of the same table, its key
 * tasks from the plan's main text with their targets.  Every row gets a
 * height computed with the layout engine's line breaker as it is written;
 * print setup, properties and the atomic write as xlsx_common.h.  Never
 * changes the model, the duties or the scores; never includes libxml2.
 */
#include "render.h"

#include "arena.h"
#include "format.h"
#include "sheetname.h"
#include "strbuf.h"
#include "xlsx_common.h"
#include "xlsx_units.h"

#include <xlsxwriter.h>

#include <stdio.h>
#include <string.h>

/* libxlsxwriter 1.1.4 copies a validation list into a 255-byte buffer
 * while it checks the limit in characters: more bytes abort the process
 * (notes/libraries.md 12c).  Excel's own limit is 255 characters. */
#define VALIDATION_LIST_BYTES 255
#define MAX_CELL_CHARS 32767

/* ---- a unit's sheet: nine columns on QS_XLSX_SHEET_PX ---- */
enum {
    UC_NO,        /* the indicator's number */
    UC_CATEGORY,  /* its category */
    UC_METHOD,    /* the verbatim scoring method */
    UC_POINTS,    /* its points (empty on bonus rows, as the official table) */
    UC_ROLE,      /* lead or support */
    UC_DOCUMENTS, /* documents the unit's own evidence cites for it */
    UC_SCORE,     /* the indicator's score */
    UC_LOSSES,    /* why points were lost, one line per item */
    UC_STATUS,    /* picked from a list */
    UC_COUNT
};
/* The header row holds every header on one line (12 pt), so no header
 * breaks inside a word in Excel or LibreOffice, and the number column a
 * task's number (units.task.no) on one line; the three text columns
 * share the rest in the split that gave the sample's sheets the least
 * total height (of splits in 8 px steps; the best few differ by 1 %). */
static const int unit_px[UC_COUNT] = {48, 84, 232, 40, 80, 152, 72, 180, 72};
enum { UR_TITLE, UR_SUBTITLE, UR_HEADER, UR_FIRST };

static const char *const status_keys[N_STATUS] = {"units.status.done", "units.status.ongoing",
                                                  "units.status.none"};

static const char *const string_keys[] = {
    "table.footer",
    "list.separator",
    "units.title",
    "units.subject",
    "units.sheet.summary",
    "units.sheet.unnamed",
    "units.sheet.title",
    "units.sheet.points",
    "units.sheet.tasks_only",
    "units.sheet.no_evidence",
    "units.missing.title",
    "units.missing.none",
    "units.matrix.title",
    "units.header.no",
    "units.header.unit",
    "units.header.lead_list",
    "units.header.support_list",
    "units.header.task_list",
    "units.header.carried",
    "units.header.earned",
    "units.header.rate",
    "units.header.category",
    "units.header.method",
    "units.header.points",
    "units.header.role",
    "units.header.documents",
    "units.header.score",
    "units.header.losses",
    "units.header.status",
    "units.lead",
    "units.support",
    "units.rate.none",
    "units.loss",
    "units.loss.bare",
    "units.document",
    "units.document.unnumbered",
    "units.targets.other",
    "units.task.no",
    "units.task.category",
    "units.task.target",
    "units.status.done",
    "units.status.ongoing",
    "units.status.none",
    "units.status.title",
    "units.status.message",
    NULL,
};

static const char *P(const qs_units_book *b, qs_points p)
{
    return qs_points_text(b->arena, p);
}

static const char *rate_text(const qs_units_book *b, qs_points earned, qs_points carried)
{
    return carried > 0 ? qs_arena_printf(b->arena, "%.1f%%", 100.0 * earned / carried)
                       : qs_wording(b->o->strings, "units.rate.none");
}

/* A template filled in one pass with a unit (may be NULL), more name,
 * value pairs (NULL-terminated; may be NULL), and the plan's region, year
 * and campaign. */
const char *qs_units_fill(const qs_units_book *b, const char *key, const char *unit, const char *const *more)
{
    size_t n = 0;
    while (more && more[n])
        n++;
    const char **pairs = qs_arena_calloc(b->arena, n + 3, sizeof *pairs);
    pairs[0] = "unit";
    pairs[1] = unit ? unit : "";
    if (n)
        memcpy(pairs + 2, more, n * sizeof *pairs);
    return qs_format(b->arena, qs_wording(b->o->strings, key), qs_model_pairs(b->arena, b->c->plan, pairs));
}

/* ---- texts of a unit's rows ---- */

/* What a unit's rows list, gathered in one pass over its reports and one
 * over its targets (positions through the book's row and task maps), so
 * a unit's sheet takes time linear in what it carries. */
typedef struct unit_texts {
    const char **documents; /* per duty: the documents its reports cite */
    const char **targets;   /* per task: its title, then its targets */
    const char *other;      /* units.targets.other, then the targets of none of its tasks */
    bool has_other;         /* there are such targets (a row for them) */
} unit_texts;

/* The documents the unit's own reports cite for each indicator's items,
 * one line each, every one once, in the order of its reports. */
static void gather_documents(qs_units_book *b, const qs_unit_duties *ud, unit_texts *t)
{
    const qs_indicator *first = b->c->schema->indicators;
    qs_arena *tmp = qs_arena_new(); /* the lines are copied into the sets */
    qs_lineset *lines = qs_arena_calloc(b->arena, ud->n_duties + 1, sizeof *lines);
    for (size_t k = 0; k < ud->n_duties; k++) {
        b->duty_of_row[ud->duties[k].indicator - first] = k + 1;
        qs_lineset_init(&lines[k], b->arena);
    }
    for (size_t r = 0; r < ud->n_reports; r++) {
        const qs_evidence_item *ev = ud->reports[r];
        size_t k = ev->item ? b->duty_of_row[ev->item->indicator - first] : 0;
        for (size_t i = 0; k && i < ev->n_documents; i++) {
            const qs_document *doc = &ev->documents[i];
            if (!doc->title)
                continue;
            bool numbered = doc->number && *doc->number;
            const char *const pairs[] = {"item", ev->item->id, "title", doc->title, "number",
                                         numbered ? doc->number : "", NULL};
            const char *key = numbered ? "units.document" : "units.document.unnumbered";
            qs_lineset_add(&lines[k - 1], qs_format(tmp, qs_wording(b->o->strings, key), pairs));
        }
    }
    qs_arena_free(tmp);
    t->documents = qs_arena_calloc(b->arena, ud->n_duties + 1, sizeof *t->documents);
    for (size_t k = 0; k < ud->n_duties; k++) {
        t->documents[k] = qs_lineset_text(&lines[k]);
        b->duty_of_row[ud->duties[k].indicator - first] = 0;
    }
}

/* Each task's title and the unit's targets that belong to it, one line
 * each; then the unit's targets that belong to none of its tasks. */
static void gather_targets(qs_units_book *b, const qs_unit_duties *ud, unit_texts *t)
{
    const qs_task *first = b->c->plan->tasks;
    qs_arena *tmp = qs_arena_new();
    qs_lineset *lines = qs_arena_calloc(b->arena, ud->n_tasks + 1, sizeof *lines), other;
    qs_lineset_init(&other, b->arena);
    qs_lineset_add(&other, qs_wording(b->o->strings, "units.targets.other"));
    t->has_other = false;
    for (size_t k = 0; k < ud->n_tasks; k++) {
        const qs_task *task = ud->tasks[k].task;
        b->task_of_plan[task - first] = k + 1;
        qs_lineset_init(&lines[k], b->arena);
        if (task->title && *task->title)
            qs_lineset_add(&lines[k], task->title);
    }
    for (size_t i = 0; i < ud->n_targets; i++) {
        const qs_target *tg = ud->targets[i];
        size_t k = tg->task ? b->task_of_plan[tg->task - first] : 0;
        const char *const pairs[] = {"target", tg->text ? tg->text : "", NULL};
        const char *line = qs_format(tmp, qs_wording(b->o->strings, "units.task.target"), pairs);
        qs_lineset_add(k ? &lines[k - 1] : &other, line);
        t->has_other |= !k;
    }
    qs_arena_free(tmp);
    t->targets = qs_arena_calloc(b->arena, ud->n_tasks + 1, sizeof *t->targets);
    for (size_t k = 0; k < ud->n_tasks; k++) {
        t->targets[k] = qs_lineset_text(&lines[k]);
        b->task_of_plan[ud->tasks[k].task - first] = 0;
    }
    t->other = qs_lineset_text(&other);
}

/* ---- writing cells; each one raises its row's height ---- */

void qs_units_need(qs_units_sheet *s, size_t row, double pt)
{
    if (row < s->n_rows && s->height[row] < pt)
        s->height[row] = pt;
}

/* text, clipped to the characters a cell holds (warned) */
static const char *cell_text(qs_units_book *b, const char *text)
{
    size_t n = 0, i = 0;
    for (; text[i] && n < MAX_CELL_CHARS; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    while (((unsigned char)text[i] & 0xC0) == 0x80)
        i++;
    if (!text[i])
        return text;
    qs_srcpos pos = {b->path, 0};
    qs_diag_warning(b->d, pos, "a cell's text is longer than Excel's %d characters: cut short",
                    MAX_CELL_CHARS);
    return qs_arena_strndup(b->arena, text, i);
}

/* text over columns first..last of row (merged when more than one), in
 * size-point type; list: break lines only between list items. */
lxw_error qs_units_put(qs_units_book *b, qs_units_sheet *s, size_t row, int first, int last, const char *text,
                       lxw_format *f, double size, bool list)
{
    lxw_row_t r = (lxw_row_t)row;
    text = cell_text(b, text ? text : "");
    qs_units_need(s, row,
                  qs_xlsx_text_height(b->arena, text, qs_xlsx_span_px(s->px, first, last), size, list));
    if (first < last)
        return worksheet_merge_range(s->ws, r, (lxw_col_t)first, r, (lxw_col_t)last, text, f);
    if (!*text)
        return worksheet_write_blank(s->ws, r, (lxw_col_t)first, f);
    return worksheet_write_string(s->ws, r, (lxw_col_t)first, text, f);
}

lxw_error qs_units_put_number(qs_units_book *b, qs_units_sheet *s, size_t row, int col, double v,
                              lxw_format *f)
{
    qs_units_need(s, row, qs_xlsx_text_height(b->arena, "0", s->px[col], SIZE_TABLE, false));
    return worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
}

/* Every row gets its height (LibreOffice fits no row of a generated file;
 * an empty row is a gap) in whole pixels, within what a page holds beside
 * the rows repeated atop it (first..last; warned); those rows are repeated
 * on every page, which is printed as an official attachment. */
lxw_error qs_units_print(qs_units_book *b, qs_units_sheet *s, size_t first, size_t last)
{
    for (size_t row = 0; row < s->n_rows; row++)
        if (s->height[row] <= 0)
            s->height[row] = GAP_ROW_PT;
    qs_xlsx_cap_heights(s->height, s->n_rows, first, last, b->path, s->ws->name, b->d);
    lxw_error err = qs_xlsx_set_rows(s->ws, s->height, s->n_rows);
    if (err == LXW_NO_ERROR)
        err = worksheet_repeat_rows(s->ws, (lxw_row_t)first, (lxw_row_t)last);
    if (err == LXW_NO_ERROR)
        err =
            qs_xlsx_print_setup(b->arena, s->ws, 0, qs_wording(b->o->strings, "table.footer"), b->o->fontmap);
    return err;
}

/* The status column's list over rows first..last. */
static lxw_error add_status_list(qs_units_book *b, qs_units_sheet *s, size_t first, size_t last)
{
    if (last < first)
        return LXW_NO_ERROR;
    lxw_data_validation v = {
        .validate = LXW_VALIDATION_TYPE_LIST,
        .value_list = b->status,
        .input_title = (char *)qs_wording(b->o->strings, "units.status.title"),
        .input_message = (char *)b->status_message,
        .error_title = (char *)qs_wording(b->o->strings, "units.status.title"),
        .error_message = (char *)b->status_message,
    };
    return worksheet_data_validation_range(s->ws, (lxw_row_t)first, UC_STATUS, (lxw_row_t)last,
                                           UC_STATUS, &v);
}

/* ---- the workbook ---- */

/* Each text in its font role: titles QS_ROLE_TITLE, section headings,
 * headers and lead marks QS_ROLE_HEADER, cells QS_ROLE_TABLE; lead marks
 * on a light grey, so the matrix reads at a glance. */
static lxw_error add_formats(qs_units_book *b)
{
    const qs_fontmap *fm = b->o->fontmap;
    unsigned text = QS_XLSX_WRAP, boxed = QS_XLSX_WRAP | QS_XLSX_BORDER;
    b->title = qs_xlsx_format(b->wb, fm, QS_ROLE_TITLE, SIZE_TITLE, LXW_ALIGN_CENTER, text);
    b->subtitle = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_SUBTITLE, LXW_ALIGN_CENTER, text);
    b->section = qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, SIZE_SECTION, LXW_ALIGN_LEFT, text);
    b->header = qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, SIZE_HEADER, LXW_ALIGN_CENTER, boxed);
    b->header_small =
        qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, SIZE_MATRIX, LXW_ALIGN_CENTER, boxed);
    b->cell = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_TABLE, LXW_ALIGN_LEFT, boxed);
    b->centred = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_TABLE, LXW_ALIGN_CENTER, boxed);
    b->number = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_TABLE, LXW_ALIGN_CENTER, boxed);
    b->rate = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_TABLE, LXW_ALIGN_CENTER, boxed);
    b->lead = qs_xlsx_format(b->wb, fm, QS_ROLE_HEADER, SIZE_MATRIX, LXW_ALIGN_CENTER, boxed);
    b->support = qs_xlsx_format(b->wb, fm, QS_ROLE_TABLE, SIZE_MATRIX, LXW_ALIGN_CENTER, boxed);
    if (!b->title || !b->subtitle || !b->section || !b->header || !b->header_small || !b->cell ||
        !b->centred || !b->number || !b->rate || !b->lead || !b->support)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    format_set_num_format(b->rate, "0.0%");
    format_set_bg_color(b->lead, 0xE4E4E4);
    return LXW_NO_ERROR;
}

/* The status list from strings.xml, checked before libxlsxwriter sees it:
 * items neither empty nor holding a comma or a quote, joined at most 255
 * bytes (1.1.4 aborts beyond that, see above).  False with a diagnostic. */
static bool take_status_list(qs_units_book *b)
{
    size_t bytes = 0;
    qs_strbuf list;
    qs_strbuf_init(&list, b->arena);
    for (int i = 0; i < N_STATUS; i++) {
        const char *item = qs_wording(b->o->strings, status_keys[i]);
        if (!*item || strpbrk(item, ",\"")) {
            qs_srcpos pos = {b->path, 0};
            qs_diag_error(b->d, pos, "strings key %s: a status must be non-empty and hold no "
                          "comma or double quote", status_keys[i]);
            return false;
        }
        bytes += strlen(item) + (i > 0);
        b->status[i] = (char *)item;
        qs_strbuf_join(&list, qs_wording(b->o->strings, "list.separator"), item);
    }
    b->status[N_STATUS] = NULL;
    if (bytes > VALIDATION_LIST_BYTES) {
        qs_srcpos pos = {b->path, 0};
        qs_diag_error(b->d, pos, "strings keys units.status.*: the status list joins to %zu bytes "
                      "of UTF-8, more than the %d an Excel list validation may hold here",
                      bytes, VALIDATION_LIST_BYTES);
        return false;
    }
    const char *const pairs[] = {"list", qs_strbuf_text(&list), NULL};
    b->status_message = qs_format(b->arena, qs_wording(b->o->strings, "units.status.message"), pairs);
    return true;
}

/* Sheet names: the summary's first (it keeps its name), then the units'. */
static void name_sheets(qs_units_book *b)
{
    size_t n = b->du->n_units + 1;
    const char **names = qs_arena_calloc(b->arena, n, sizeof *names);
    names[0] = qs_wording(b->o->strings, "units.sheet.summary");
    for (size_t i = 0; i < b->du->n_units; i++)
        names[i + 1] = b->du->units[i].unit->name;
    b->names = qs_arena_calloc(b->arena, n, sizeof *b->names);
    qs_sheetname_make(b->arena, names, n, qs_wording(b->o->strings, "units.sheet.unnamed"), b->names);
}

/* A sheet of n_rows rows and n_cols columns px[] wide, its heights all to
 * be raised by what is written into it. */
lxw_error qs_units_add_sheet(qs_units_book *b, const char *name, qs_units_sheet *s, const int *px, int n_cols,
                             size_t n_rows)
{
    lxw_error err = qs_xlsx_add_sheet(b->wb, name, &s->ws);
    if (err != LXW_NO_ERROR)
        return err;
    s->px = px;
    s->n_rows = n_rows;
    s->height = qs_arena_calloc(b->arena, n_rows, sizeof *s->height);
    return qs_xlsx_set_columns(s->ws, px, n_cols);
}

/* ---- a unit's sheet ---- */

static const char *const unit_header_keys[UC_COUNT] = {
    "units.header.no",     "units.header.category",  "units.header.method",
    "units.header.points", "units.header.role",      "units.header.documents",
    "units.header.score",  "units.header.losses",    "units.header.status",
};

/* Its title, and under it what it carries: indicators led and supported,
 * points, score, rate, key tasks; a unit that sent nothing is told so. */
static lxw_error write_unit_title(qs_units_book *b, qs_units_sheet *s, const qs_unit_duties *ud)
{
    size_t n_lead = 0;
    for (size_t k = 0; k < ud->n_duties; k++)
        n_lead += ud->duties[k].lead;
    const char *const pairs[] = {
        "n_lead", qs_arena_printf(b->arena, "%zu", n_lead),
        "n_support", qs_arena_printf(b->arena, "%zu", ud->n_duties - n_lead),
        "carried", P(b, ud->carried),
        "led", P(b, ud->led),
        "earned", P(b, ud->earned),
        "rate", rate_text(b, ud->earned, ud->carried),
        "n_tasks", qs_arena_printf(b->arena, "%zu", ud->n_tasks),
        NULL,
    };
    const char *line = qs_units_fill(b, ud->n_duties ? "units.sheet.points" : "units.sheet.tasks_only",
                                     ud->unit->name, pairs);
    if (!ud->has_evidence)
        line = qs_arena_printf(b->arena, "%s%s", line, qs_wording(b->o->strings, "units.sheet.no_evidence"));
    lxw_error err = qs_units_put(b, s, UR_TITLE, 0, UC_COUNT - 1,
                                 qs_units_fill(b, "units.sheet.title", ud->unit->name, NULL), b->title,
                                 SIZE_TITLE, false);
    qs_units_need(s, UR_TITLE, s->height[UR_TITLE] + TITLE_PAD_PT);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, UR_SUBTITLE, 0, UC_COUNT - 1, line, b->subtitle, SIZE_SUBTITLE, false);
    for (int col = 0; col < UC_COUNT && err == LXW_NO_ERROR; col++)
        err = qs_units_put(b, s, UR_HEADER, col, col, qs_wording(b->o->strings, unit_header_keys[col]),
                           b->header, SIZE_HEADER, false);
    return err;
}

/* One row per indicator, in table order. */
static lxw_error write_duty(qs_units_book *b, qs_units_sheet *s, const qs_unit_duties *ud,
                            const unit_texts *t, size_t k)
{
    const qs_duty *duty = &ud->duties[k];
    const qs_indicator *ind = duty->indicator;
    size_t row = UR_FIRST + k;
    lxw_error err = qs_units_put_number(b, s, row, UC_NO, ind->no, b->centred);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, UC_CATEGORY, UC_CATEGORY, ind->category ? ind->category->name : "",
                           b->centred, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, UC_METHOD, UC_METHOD, ind->method, b->cell, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = ind->has_points
                  ? qs_units_put_number(b, s, row, UC_POINTS, qs_points_value(ind->points), b->number)
                  : qs_units_put(b, s, row, UC_POINTS, UC_POINTS, "", b->number, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, UC_ROLE, UC_ROLE,
                           qs_wording(b->o->strings, duty->lead ? "units.lead" : "units.support"), b->centred,
                           SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err =
            qs_units_put(b, s, row, UC_DOCUMENTS, UC_DOCUMENTS, t->documents[k], b->cell, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = duty->score
                  ? qs_units_put_number(b, s, row, UC_SCORE, qs_points_value(duty->score->earned), b->number)
                  : qs_units_put(b, s, row, UC_SCORE, UC_SCORE, "", b->number, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, UC_LOSSES, UC_LOSSES,
                           qs_xlsx_losses(b->arena, duty->score, qs_wording(b->o->strings, "units.loss"),
                                          qs_wording(b->o->strings, "units.loss.bare")),
                           b->cell, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, UC_STATUS, UC_STATUS, "", b->centred, SIZE_TABLE, false);
    return err;
}

/* Below the indicators, in the same table (so the repeated header, the
 * filter and the status list serve them too): one row per key task of the
 * plan's main text, numbered as there, its title and its targets where the
 * method stands; then the unit's targets that belong to none of its tasks. */
static lxw_error write_task(qs_units_book *b, qs_units_sheet *s, const qs_unit_duties *ud,
                            const unit_texts *texts, size_t k, size_t row)
{
    const qs_task *t = k < ud->n_tasks ? ud->tasks[k].task : NULL;
    const char *const no[] = {"n", t ? qs_arena_printf(b->arena, "%d", t->no) : "", NULL};
    lxw_error err = qs_units_put(b, s, row, UC_NO, UC_NO,
                                 t ? qs_format(b->arena, qs_wording(b->o->strings, "units.task.no"), no) : "",
                                 b->centred, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, UC_CATEGORY, UC_CATEGORY,
                           qs_wording(b->o->strings, "units.task.category"), b->centred, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, UC_METHOD, UC_METHOD, t ? texts->targets[k] : texts->other, b->cell,
                           SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, UC_POINTS, UC_POINTS, "", b->number, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, UC_ROLE, UC_ROLE,
                           t ? qs_wording(b->o->strings, ud->tasks[k].lead ? "units.lead" : "units.support")
                             : "",
                           b->centred, SIZE_TABLE, false);
    for (int col = UC_DOCUMENTS; col <= UC_STATUS && err == LXW_NO_ERROR; col++)
        err = qs_units_put(b, s, row, col, col, "",
                           col == UC_LOSSES || col == UC_DOCUMENTS ? b->cell : b->centred, SIZE_TABLE, false);
    return err;
}

/* A unit's sheet: title, what it carries, one table of its indicators
 * then its key tasks, with an autofilter, the header frozen and printed
 * atop every page, and the status list on every row. */
static lxw_error write_unit(qs_units_book *b, size_t u)
{
    const qs_unit_duties *ud = &b->du->units[u];
    unit_texts t;
    gather_documents(b, ud, &t);
    gather_targets(b, ud, &t);
    size_t n_rows = UR_FIRST + ud->n_duties + ud->n_tasks + t.has_other;
    qs_units_sheet s = {0};
    lxw_error err = qs_units_add_sheet(b, b->names[u + 1], &s, unit_px, UC_COUNT, n_rows);
    if (err == LXW_NO_ERROR)
        err = write_unit_title(b, &s, ud);
    for (size_t k = 0; k < ud->n_duties && err == LXW_NO_ERROR; k++)
        err = write_duty(b, &s, ud, &t, k);
    for (size_t row = UR_FIRST + ud->n_duties; row < n_rows && err == LXW_NO_ERROR; row++)
        err = write_task(b, &s, ud, &t, row - UR_FIRST - ud->n_duties, row);
    if (err == LXW_NO_ERROR)
        err = worksheet_autofilter(s.ws, UR_HEADER, 0, (lxw_row_t)(n_rows - 1), UC_COUNT - 1);
    if (err == LXW_NO_ERROR)
        err = add_status_list(b, &s, UR_FIRST, n_rows - 1);
    if (err == LXW_NO_ERROR)
        err = qs_units_print(b, &s, UR_HEADER, UR_HEADER);
    if (err == LXW_NO_ERROR)
        worksheet_freeze_panes(s.ws, UR_FIRST, 0);
    return err;
}

/* The summary sheet, then a sheet per unit. */
static lxw_error fill(lxw_workbook *wb, void *ctx)
{
    qs_units_book *b = ctx;
    b->wb = wb;
    lxw_error err = LXW_NO_ERROR;
    QS_XLSX_TRY(add_formats(b));
    QS_XLSX_TRY(qs_units_write_summary(b));
    for (size_t u = 0; u < b->du->n_units; u++)
        QS_XLSX_TRY(write_unit(b, u));
cleanup:
    return err;
}

qs_status qs_render_units_xlsx(const qs_case *c, const qs_facts *f, const qs_scores *sc,
                               const qs_dest *to, const qs_render_opts *o, qs_diags *d)
{
    if (qs_strings_require(o->strings, string_keys, d))
        return QS_ERR_INPUT;
    const qs_duties *du = f->duties;
    qs_units_book b = {
        .c = c, .du = du, .facts = f, .sc = sc, .o = o, .arena = qs_arena_new(), .path = to->shown, .d = d};
    qs_status st = QS_ERR_INPUT;
    if (take_status_list(&b)) {
        name_sheets(&b);
        b.duty_of_row = qs_arena_calloc(b.arena, c->schema->n_indicators + 1, sizeof *b.duty_of_row);
        b.task_of_plan = qs_arena_calloc(b.arena, c->plan->n_tasks + 1, sizeof *b.task_of_plan);
        /* author: the plan's issuer; company: the region */
        qs_xlsx_props props = {qs_units_fill(&b, "units.title", NULL, NULL),
                               qs_wording(o->strings, "units.subject"), c->plan->issuer, c->plan->region,
                               o->epoch};
        st = qs_xlsx_write(to, fill, &b, &props, d);
    }
    qs_arena_free(b.arena);
    return st;
}
