/* xlsx_units.c - the responsibility workbook (issue 5) as an xlsx file
 * (stage 4: render).
 *
 * Reads the per-unit duties (duties.c), the scores, the plan's tasks and
 * targets, the documents of each unit's own evidence and the wording of
 * templates/strings.xml.  Writes a summary sheet first: the units that
 * carry something and sent no evidence at all (most points at stake
 * first), then a matrix of units x indicators marked lead or support with
 * each unit's points carried, earned and its rate.  Then one sheet per
 * unit, in registry order, named by sheetname.c: its indicators (number,
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

#include <xlsxwriter.h>

#include <stdio.h>
#include <string.h>

/* Font sizes in points: the title 22 pt (size 2 of GB/T 9704) as in the
 * other workbooks, section headings 14 pt, the header 12 pt, cells 11 pt;
 * the matrix (lead/support marks, indicator numbers) 9 pt to fit 31
 * columns of MIN_IND_PX: one character a line, a mark on two lines. */
#define SIZE_TITLE 22.0
#define SIZE_SUBTITLE 12.0
#define SIZE_SECTION 14.0
#define SIZE_HEADER 12.0
#define SIZE_TABLE 11.0
#define SIZE_MATRIX 9.0
#define TITLE_PAD_PT 14.0
#define GAP_ROW_PT 12.0 /* an empty row between two blocks */

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

/* ---- the summary sheet: number, unit, one column per indicator, then
 * points carried, earned and the rate ---- */
#define SC_NO 0
#define SC_UNIT 1
#define SC_FIRST_IND 2
static const int summary_fixed_px[2] = {36, 144};
static const int summary_tail_px[3] = {52, 52, 56};
#define MIN_IND_PX 20
#define MIN_IND_COLS 3 /* the missing-evidence block splits them in three */
/* Up to this many cells the matrix is written whole, each empty cell a
 * blank in its border.  A larger one (thousands of units by thousands of
 * indicators) gets only its marks, and one conditional format borders
 * the empty cells: libxlsxwriter keeps every cell in memory (about 110
 * bytes) until the workbook is closed, and writes each one out. */
#define FULL_MATRIX_CELLS 250000
#define MAX_BLOCK_COLS 100

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

static const char *const status_keys[] = {"units.status.done", "units.status.ongoing",
                                          "units.status.none"};
enum { N_STATUS = sizeof status_keys / sizeof status_keys[0] };

typedef struct book {
    const qs_case *c;
    const qs_duties *du;
    const qs_facts *facts;
    const qs_scores *sc;
    const qs_render_opts *o;
    qs_arena *arena;
    const char *path;
    qs_diags *d;
    lxw_workbook *wb;
    lxw_format *title, *subtitle, *section, *header, *header_small, *cell, *centred, *number,
        *rate, *lead, *support;
    const char **names; /* sheet names: [0] the summary, [1 + i] unit i */
    char *status[N_STATUS + 1];
    const char *status_message;
    size_t *duty_of_row;  /* per table row: 1 + the duty of the unit being written, or 0 */
    size_t *task_of_plan; /* per plan task: 1 + its place among the unit's tasks, or 0 */
} book;

/* One worksheet as it is written: its column widths and the height each
 * row needs, raised by every cell written into it. */
typedef struct sheet {
    lxw_worksheet *ws;
    const int *px;
    double *height;
    size_t n_rows;
} sheet;

static const char *P(const book *b, qs_points p)
{
    return qs_points_text(b->arena, p);
}

static const char *rate_text(const book *b, qs_points earned, qs_points carried)
{
    return carried > 0 ? qs_arena_printf(b->arena, "%.1f%%", 100.0 * earned / carried)
                       : qs_wording(b->o->strings, "units.rate.none");
}

/* A template filled in one pass with a unit (may be NULL), more name,
 * value pairs (NULL-terminated; may be NULL), and the plan's region, year
 * and campaign. */
static const char *fill_text(const book *b, const char *key, const char *unit, const char *const *more)
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
static void gather_documents(book *b, const qs_unit_duties *ud, unit_texts *t)
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
static void gather_targets(book *b, const qs_unit_duties *ud, unit_texts *t)
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

static void need(sheet *s, size_t row, double pt)
{
    if (row < s->n_rows && s->height[row] < pt)
        s->height[row] = pt;
}

/* text, clipped to the characters a cell holds (warned) */
static const char *cell_text(book *b, const char *text)
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
static lxw_error put(book *b, sheet *s, size_t row, int first, int last, const char *text,
                     lxw_format *f, double size, bool list)
{
    lxw_row_t r = (lxw_row_t)row;
    text = cell_text(b, text ? text : "");
    need(s, row,
         qs_xlsx_text_height(b->arena, text, qs_xlsx_span_px(s->px, first, last), size, list));
    if (first < last)
        return worksheet_merge_range(s->ws, r, (lxw_col_t)first, r, (lxw_col_t)last, text, f);
    if (!*text)
        return worksheet_write_blank(s->ws, r, (lxw_col_t)first, f);
    return worksheet_write_string(s->ws, r, (lxw_col_t)first, text, f);
}

static lxw_error put_number(book *b, sheet *s, size_t row, int col, double v, lxw_format *f)
{
    need(s, row, qs_xlsx_text_height(b->arena, "0", s->px[col], SIZE_TABLE, false));
    return worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
}

/* Every row gets its height (LibreOffice fits no row of a generated file;
 * an empty row is a gap) in whole pixels, within what a page holds beside
 * the rows repeated atop it (first..last; warned); those rows are repeated
 * on every page, which is printed as an official attachment. */
static lxw_error set_heights_and_print(book *b, sheet *s, size_t first, size_t last)
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
static lxw_error add_status_list(book *b, sheet *s, size_t first, size_t last)
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
static lxw_error add_formats(book *b)
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
static bool take_status_list(book *b)
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
static void name_sheets(book *b)
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
static lxw_error add_sheet(book *b, const char *name, sheet *s, const int *px, int n_cols,
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

/* ---- the summary sheet ---- */

typedef struct summary {
    sheet s;
    int *px;
    int n_ind, n_grid; /* indicator columns: used, laid out */
    int col_carried, col_earned, col_rate, n_cols;
    /* the three text columns of the missing-evidence block */
    int lead_first, lead_last, support_first, support_last, tasks_first, tasks_last;
    bool sparse; /* over FULL_MATRIX_CELLS: only the marks are cells */
    const qs_unit_duties **silent;
    size_t n_silent;
    size_t row_section1, row_silent_header, row_silent_first, row_section2, row_categories,
        row_numbers, row_units, n_rows;
} summary;

static void plan_summary(book *b, summary *m)
{
    m->n_ind = (int)b->c->schema->n_indicators;
    m->n_grid = m->n_ind < MIN_IND_COLS ? MIN_IND_COLS : m->n_ind;
    m->col_carried = SC_FIRST_IND + m->n_grid;
    m->col_earned = m->col_carried + 1;
    m->col_rate = m->col_carried + 2;
    m->n_cols = m->col_rate + 1;
    m->px = qs_arena_calloc(b->arena, (size_t)m->n_cols, sizeof *m->px);
    int room = QS_XLSX_SHEET_PX - summary_fixed_px[0] - summary_fixed_px[1] - summary_tail_px[0] -
               summary_tail_px[1] - summary_tail_px[2];
    int ind_px = room / m->n_grid < MIN_IND_PX ? MIN_IND_PX : room / m->n_grid;
    m->px[SC_NO] = summary_fixed_px[0];
    int spare = room - ind_px * m->n_grid; /* what whole indicator columns leave */
    m->px[SC_UNIT] = summary_fixed_px[1] + (spare > 0 ? spare : 0);
    for (int i = 0; i < m->n_grid; i++)
        m->px[SC_FIRST_IND + i] = ind_px;
    for (int i = 0; i < 3; i++)
        m->px[m->col_carried + i] = summary_tail_px[i];
    /* the block's lead and support lists take a quarter of the indicator
     * columns each, its key tasks the rest; of a grid of thousands, the
     * first MAX_BLOCK_COLS (a merge is a blank cell apiece it covers, in
     * every row of the block) */
    int block = m->n_grid < MAX_BLOCK_COLS ? m->n_grid : MAX_BLOCK_COLS;
    int part = block / 4 > 0 ? block / 4 : 1;
    m->lead_first = SC_FIRST_IND;
    m->lead_last = m->lead_first + part - 1;
    m->support_first = m->lead_last + 1;
    m->support_last = m->support_first + part - 1;
    m->tasks_first = m->support_last + 1;
    m->tasks_last = SC_FIRST_IND + block - 1;

    m->silent = b->facts->silent; /* the facts of the case: one list for every document */
    m->n_silent = b->facts->n_silent;
    size_t row = 1;
    m->row_section1 = row++;
    m->row_silent_header = m->n_silent ? row++ : 0;
    m->row_silent_first = row;
    row += m->n_silent;
    row++; /* a gap */
    m->row_section2 = row++;
    m->row_categories = row++;
    m->row_numbers = row++;
    m->row_units = row;
    m->n_rows = row + b->du->n_units;
    m->sparse = (size_t)m->n_grid * b->du->n_units > FULL_MATRIX_CELLS;
}

/* The numbers of the indicators a unit leads (lead) or supports. */
static const char *indicator_list(const book *b, const qs_unit_duties *ud, bool lead)
{
    qs_strbuf list;
    qs_strbuf_init(&list, b->arena);
    for (size_t k = 0; k < ud->n_duties; k++)
        if (ud->duties[k].lead == lead) {
            char no[24];
            snprintf(no, sizeof no, "%d", ud->duties[k].indicator->no);
            qs_strbuf_join(&list, qs_wording(b->o->strings, "list.separator"), no);
        }
    return qs_strbuf_text(&list);
}

static const char *task_list(const book *b, const qs_unit_duties *ud)
{
    qs_strbuf list;
    qs_strbuf_init(&list, b->arena);
    for (size_t k = 0; k < ud->n_tasks; k++)
        qs_strbuf_join(&list, qs_wording(b->o->strings, "list.separator"), ud->tasks[k].task->title);
    return qs_strbuf_text(&list);
}

/* Section one, the units without evidence: number, unit, the indicators it leads
 * and supports, its key tasks, its points. */
static lxw_error write_silent(book *b, summary *m)
{
    sheet *s = &m->s;
    int last = m->n_cols - 1;
    if (!m->n_silent)
        return put(b, s, m->row_section1, 0, last, qs_wording(b->o->strings, "units.missing.none"),
                   b->section, SIZE_SECTION, false);
    const char *const pairs[] = {"n", qs_arena_printf(b->arena, "%zu", m->n_silent), NULL};
    lxw_error err = put(b, s, m->row_section1, 0, last,
                        qs_format(b->arena, qs_wording(b->o->strings, "units.missing.title"), pairs),
                        b->section, SIZE_SECTION, false);
    size_t h = m->row_silent_header;
    if (err == LXW_NO_ERROR)
        err = put(b, s, h, SC_NO, SC_NO, qs_wording(b->o->strings, "units.header.no"), b->header, SIZE_HEADER,
                  false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, h, SC_UNIT, SC_UNIT, qs_wording(b->o->strings, "units.header.unit"), b->header,
                  SIZE_HEADER, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, h, m->lead_first, m->lead_last, qs_wording(b->o->strings, "units.header.lead_list"),
                  b->header, SIZE_HEADER, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, h, m->support_first, m->support_last,
                  qs_wording(b->o->strings, "units.header.support_list"), b->header, SIZE_HEADER, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, h, m->tasks_first, m->tasks_last, qs_wording(b->o->strings, "units.header.task_list"),
                  b->header, SIZE_HEADER, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, h, m->col_carried, m->col_rate, qs_wording(b->o->strings, "units.header.carried"),
                  b->header, SIZE_HEADER, false);
    for (size_t i = 0; i < m->n_silent && err == LXW_NO_ERROR; i++) {
        const qs_unit_duties *ud = m->silent[i];
        size_t row = m->row_silent_first + i;
        err = put_number(b, s, row, SC_NO, (double)(i + 1), b->centred);
        if (err == LXW_NO_ERROR)
            err = put(b, s, row, SC_UNIT, SC_UNIT, ud->unit->name, b->cell, SIZE_TABLE, false);
        if (err == LXW_NO_ERROR)
            err = put(b, s, row, m->lead_first, m->lead_last, indicator_list(b, ud, true), b->cell,
                      SIZE_TABLE, true);
        if (err == LXW_NO_ERROR)
            err = put(b, s, row, m->support_first, m->support_last, indicator_list(b, ud, false),
                      b->cell, SIZE_TABLE, true);
        if (err == LXW_NO_ERROR)
            err = put(b, s, row, m->tasks_first, m->tasks_last, task_list(b, ud), b->cell,
                      SIZE_TABLE, true);
        if (err == LXW_NO_ERROR) {
            need(s, row,
                 qs_xlsx_text_height(b->arena, "0", m->px[m->col_carried], SIZE_TABLE, false));
            err = worksheet_merge_range(s->ws, (lxw_row_t)row, (lxw_col_t)m->col_carried,
                                        (lxw_row_t)row, (lxw_col_t)m->col_rate, "", b->number);
        }
        if (err == LXW_NO_ERROR)
            err = worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)m->col_carried,
                                         qs_points_value(ud->carried), b->number);
    }
    return err;
}

/* Section two, the matrix: a row of categories over their indicators' columns,
 * the header row (indicator numbers), one row per unit. */
static lxw_error write_matrix_header(book *b, summary *m)
{
    sheet *s = &m->s;
    const qs_schema *sch = b->c->schema;
    size_t rc = m->row_categories, rn = m->row_numbers;
    lxw_error err = put(b, s, m->row_section2, 0, m->n_cols - 1,
                        qs_wording(b->o->strings, "units.matrix.title"), b->section, SIZE_SECTION, false);
    /* number, unit and the three number columns span both header rows */
    const struct {
        int col;
        const char *key;
    } tall[] = {{SC_NO, "units.header.no"},
                {SC_UNIT, "units.header.unit"},
                {m->col_carried, "units.header.carried"},
                {m->col_earned, "units.header.earned"},
                {m->col_rate, "units.header.rate"}};
    for (size_t i = 0; i < sizeof tall / sizeof tall[0] && err == LXW_NO_ERROR; i++) {
        const char *text = qs_wording(b->o->strings, tall[i].key);
        double want = qs_xlsx_text_height(b->arena, text, m->px[tall[i].col], SIZE_HEADER, false);
        need(s, rc, want / 2);
        need(s, rn, want / 2);
        err = worksheet_merge_range(s->ws, (lxw_row_t)rc, (lxw_col_t)tall[i].col, (lxw_row_t)rn,
                                    (lxw_col_t)tall[i].col, text, b->header);
    }
    for (size_t ci = 0; ci < sch->n_categories && err == LXW_NO_ERROR; ci++) {
        const qs_category *cat = &sch->categories[ci];
        if (!cat->count)
            continue;
        int first = SC_FIRST_IND + (int)cat->first;
        err = put(b, s, rc, first, first + (int)cat->count - 1, cat->name, b->header_small,
                  SIZE_MATRIX, false);
    }
    for (int i = m->n_ind; i < m->n_grid && err == LXW_NO_ERROR; i++)
        err = put(b, s, rc, SC_FIRST_IND + i, SC_FIRST_IND + i, "", b->header_small, SIZE_MATRIX,
                  false);
    for (int i = 0; i < m->n_grid && err == LXW_NO_ERROR; i++) {
        const char *no = i < m->n_ind
                             ? qs_arena_printf(b->arena, "%d", sch->indicators[i].no)
                             : "";
        err = put(b, s, rn, SC_FIRST_IND + i, SC_FIRST_IND + i, no, b->header_small, SIZE_MATRIX,
                  false);
    }
    return err;
}

/* The borders of a sparse matrix's empty cells: one conditional format
 * over the grid that always holds, in place of a blank cell apiece. */
static lxw_error draw_grid(book *b, summary *m)
{
    lxw_format *grid = workbook_add_format(b->wb);
    if (!grid)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    format_set_border(grid, LXW_BORDER_THIN);
    lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                 .value_string = "TRUE",
                                 .format = grid};
    return worksheet_conditional_format_range(
        m->s.ws, (lxw_row_t)m->row_units, SC_FIRST_IND, (lxw_row_t)(m->n_rows - 1),
        (lxw_col_t)(SC_FIRST_IND + m->n_grid - 1), &cf);
}

static lxw_error write_matrix_row(book *b, summary *m, size_t u)
{
    sheet *s = &m->s;
    const qs_unit_duties *ud = &b->du->units[u];
    size_t row = m->row_units + u;
    size_t next = 0;
    lxw_error err = put_number(b, s, row, SC_NO, (double)(u + 1), b->centred);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, SC_UNIT, SC_UNIT, ud->unit->name, b->cell, SIZE_TABLE, false);
    for (int i = 0; i < m->n_grid && err == LXW_NO_ERROR; i++) {
        const qs_duty *duty = NULL; /* the unit's duties are in table order */
        if (i < m->n_ind && next < ud->n_duties &&
            ud->duties[next].indicator == &b->c->schema->indicators[i])
            duty = &ud->duties[next++];
        if (!duty && m->sparse)
            continue;
        const char *mark =
            !duty ? "" : qs_wording(b->o->strings, duty->lead ? "units.lead" : "units.support");
        err = put(b, s, row, SC_FIRST_IND + i, SC_FIRST_IND + i, mark,
                  duty && duty->lead ? b->lead : b->support, SIZE_MATRIX, false);
    }
    if (err == LXW_NO_ERROR)
        err = put_number(b, s, row, m->col_carried, qs_points_value(ud->carried), b->number);
    if (err == LXW_NO_ERROR)
        err = put_number(b, s, row, m->col_earned, qs_points_value(ud->earned), b->number);
    if (err == LXW_NO_ERROR && ud->carried <= 0)
        err = put(b, s, row, m->col_rate, m->col_rate, qs_wording(b->o->strings, "units.rate.none"), b->rate,
                  SIZE_TABLE, false);
    else if (err == LXW_NO_ERROR) {
        char carried[LXW_MAX_CELL_NAME_LENGTH], earned[LXW_MAX_CELL_NAME_LENGTH];
        lxw_rowcol_to_cell(carried, (lxw_row_t)row, (lxw_col_t)m->col_carried);
        lxw_rowcol_to_cell(earned, (lxw_row_t)row, (lxw_col_t)m->col_earned);
        err = worksheet_write_formula_num(
            s->ws, (lxw_row_t)row, (lxw_col_t)m->col_rate,
            qs_arena_printf(b->arena, "=IF(%s=0,0,%s/%s)", carried, earned, carried), b->rate,
            (double)ud->earned / ud->carried);
    }
    return err;
}

/* The summary: the title, section one (the units without evidence),
 * section two (the matrix, an autofilter on its header).  Only the unit
 * columns are frozen: the matrix header sits too low to freeze the rows
 * above it; it is printed atop every page instead. */
static lxw_error write_summary(book *b)
{
    summary m = {0};
    plan_summary(b, &m);
    lxw_error err = add_sheet(b, b->names[0], &m.s, m.px, m.n_cols, m.n_rows);
    if (err == LXW_NO_ERROR) {
        err = put(b, &m.s, 0, 0, m.n_cols - 1, fill_text(b, "units.title", NULL, NULL), b->title, SIZE_TITLE,
                  false);
        need(&m.s, 0, m.s.height[0] + TITLE_PAD_PT);
    }
    if (err == LXW_NO_ERROR)
        err = write_silent(b, &m);
    if (err == LXW_NO_ERROR)
        err = write_matrix_header(b, &m);
    for (size_t u = 0; u < b->du->n_units && err == LXW_NO_ERROR; u++)
        err = write_matrix_row(b, &m, u);
    if (err == LXW_NO_ERROR && m.sparse && b->du->n_units)
        err = draw_grid(b, &m);
    if (err == LXW_NO_ERROR)
        err = worksheet_autofilter(m.s.ws, (lxw_row_t)m.row_numbers, 0,
                                   (lxw_row_t)(m.n_rows - 1), (lxw_col_t)(m.n_cols - 1));
    if (err == LXW_NO_ERROR)
        err = set_heights_and_print(b, &m.s, m.row_categories, m.row_numbers);
    if (err == LXW_NO_ERROR)
        worksheet_freeze_panes(m.s.ws, 0, SC_UNIT + 1);
    return err;
}

/* ---- a unit's sheet ---- */

static const char *const unit_header_keys[UC_COUNT] = {
    "units.header.no",     "units.header.category",  "units.header.method",
    "units.header.points", "units.header.role",      "units.header.documents",
    "units.header.score",  "units.header.losses",    "units.header.status",
};

/* Its title, and under it what it carries: indicators led and supported,
 * points, score, rate, key tasks; a unit that sent nothing is told so. */
static lxw_error write_unit_title(book *b, sheet *s, const qs_unit_duties *ud)
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
    const char *line =
        fill_text(b, ud->n_duties ? "units.sheet.points" : "units.sheet.tasks_only", ud->unit->name, pairs);
    if (!ud->has_evidence)
        line = qs_arena_printf(b->arena, "%s%s", line, qs_wording(b->o->strings, "units.sheet.no_evidence"));
    lxw_error err = put(b, s, UR_TITLE, 0, UC_COUNT - 1,
                        fill_text(b, "units.sheet.title", ud->unit->name, NULL), b->title, SIZE_TITLE, false);
    need(s, UR_TITLE, s->height[UR_TITLE] + TITLE_PAD_PT);
    if (err == LXW_NO_ERROR)
        err = put(b, s, UR_SUBTITLE, 0, UC_COUNT - 1, line, b->subtitle, SIZE_SUBTITLE, false);
    for (int col = 0; col < UC_COUNT && err == LXW_NO_ERROR; col++)
        err = put(b, s, UR_HEADER, col, col, qs_wording(b->o->strings, unit_header_keys[col]), b->header,
                  SIZE_HEADER, false);
    return err;
}

/* One row per indicator, in table order. */
static lxw_error write_duty(book *b, sheet *s, const qs_unit_duties *ud, const unit_texts *t,
                            size_t k)
{
    const qs_duty *duty = &ud->duties[k];
    const qs_indicator *ind = duty->indicator;
    size_t row = UR_FIRST + k;
    lxw_error err = put_number(b, s, row, UC_NO, ind->no, b->centred);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_CATEGORY, UC_CATEGORY, ind->category ? ind->category->name : "",
                  b->centred, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_METHOD, UC_METHOD, ind->method, b->cell, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = ind->has_points
                  ? put_number(b, s, row, UC_POINTS, qs_points_value(ind->points), b->number)
                  : put(b, s, row, UC_POINTS, UC_POINTS, "", b->number, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_ROLE, UC_ROLE,
                  qs_wording(b->o->strings, duty->lead ? "units.lead" : "units.support"), b->centred,
                  SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_DOCUMENTS, UC_DOCUMENTS, t->documents[k], b->cell, SIZE_TABLE,
                  false);
    if (err == LXW_NO_ERROR)
        err = duty->score ? put_number(b, s, row, UC_SCORE, qs_points_value(duty->score->earned), b->number)
                          : put(b, s, row, UC_SCORE, UC_SCORE, "", b->number, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_LOSSES, UC_LOSSES,
                  qs_xlsx_losses(b->arena, duty->score, qs_wording(b->o->strings, "units.loss"),
                                 qs_wording(b->o->strings, "units.loss.bare")),
                  b->cell, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_STATUS, UC_STATUS, "", b->centred, SIZE_TABLE, false);
    return err;
}

/* Below the indicators, in the same table (so the repeated header, the
 * filter and the status list serve them too): one row per key task of the
 * plan's main text, numbered as there, its title and its targets where the
 * method stands; then the unit's targets that belong to none of its tasks. */
static lxw_error write_task(book *b, sheet *s, const qs_unit_duties *ud, const unit_texts *texts,
                            size_t k, size_t row)
{
    const qs_task *t = k < ud->n_tasks ? ud->tasks[k].task : NULL;
    const char *const no[] = {"n", t ? qs_arena_printf(b->arena, "%d", t->no) : "", NULL};
    lxw_error err = put(b, s, row, UC_NO, UC_NO,
                        t ? qs_format(b->arena, qs_wording(b->o->strings, "units.task.no"), no) : "",
                        b->centred, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_CATEGORY, UC_CATEGORY, qs_wording(b->o->strings, "units.task.category"),
                  b->centred, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_METHOD, UC_METHOD, t ? texts->targets[k] : texts->other,
                  b->cell, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_POINTS, UC_POINTS, "", b->number, SIZE_TABLE, false);
    if (err == LXW_NO_ERROR)
        err = put(b, s, row, UC_ROLE, UC_ROLE,
                  t ? qs_wording(b->o->strings, ud->tasks[k].lead ? "units.lead" : "units.support") : "",
                  b->centred, SIZE_TABLE, false);
    for (int col = UC_DOCUMENTS; col <= UC_STATUS && err == LXW_NO_ERROR; col++)
        err = put(b, s, row, col, col, "",
                  col == UC_LOSSES || col == UC_DOCUMENTS ? b->cell : b->centred, SIZE_TABLE,
                  false);
    return err;
}

/* A unit's sheet: title, what it carries, one table of its indicators
 * then its key tasks, with an autofilter, the header frozen and printed
 * atop every page, and the status list on every row. */
static lxw_error write_unit(book *b, size_t u)
{
    const qs_unit_duties *ud = &b->du->units[u];
    unit_texts t;
    gather_documents(b, ud, &t);
    gather_targets(b, ud, &t);
    size_t n_rows = UR_FIRST + ud->n_duties + ud->n_tasks + t.has_other;
    sheet s = {0};
    lxw_error err = add_sheet(b, b->names[u + 1], &s, unit_px, UC_COUNT, n_rows);
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
        err = set_heights_and_print(b, &s, UR_HEADER, UR_HEADER);
    if (err == LXW_NO_ERROR)
        worksheet_freeze_panes(s.ws, UR_FIRST, 0);
    return err;
}

/* The summary sheet, then a sheet per unit. */
static lxw_error fill(lxw_workbook *wb, void *ctx)
{
    book *b = ctx;
    b->wb = wb;
    lxw_error err = LXW_NO_ERROR;
    QS_XLSX_TRY(add_formats(b));
    QS_XLSX_TRY(write_summary(b));
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
    book b = {
        .c = c, .du = du, .facts = f, .sc = sc, .o = o, .arena = qs_arena_new(), .path = to->shown, .d = d};
    qs_status st = QS_ERR_INPUT;
    if (take_status_list(&b)) {
        name_sheets(&b);
        b.duty_of_row = qs_arena_calloc(b.arena, c->schema->n_indicators + 1, sizeof *b.duty_of_row);
        b.task_of_plan = qs_arena_calloc(b.arena, c->plan->n_tasks + 1, sizeof *b.task_of_plan);
        /* author: the plan's issuer; company: the region */
        qs_xlsx_props props = {fill_text(&b, "units.title", NULL, NULL),
                               qs_wording(o->strings, "units.subject"), c->plan->issuer, c->plan->region,
                               o->epoch};
        st = qs_xlsx_write(to, fill, &b, &props, d);
    }
    qs_arena_free(b.arena);
    return st;
}
