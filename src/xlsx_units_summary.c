/* xlsx_units_summary.c - the responsibility workbook's first sheet
 * (stage 4: render).
 *
 * Reads the per-unit duties, the facts of the case (the units that sent
 * no evidence) and the wording of templates/strings.xml; writes the
 * summary sheet: the units that carry something and sent no evidence at
 * all (most points at stake first), then a matrix of units x indicators
 * marked lead or support with each unit's points carried, earned and its
 * rate.  The workbook, its cell writers and the unit sheets:
 * xlsx_units.c.  Read-only.
 */
#include "xlsx_units.h"

#include "arena.h"
#include "format.h"
#include "strbuf.h"

#include <stdio.h>
#include <string.h>

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

/* ---- the summary sheet ---- */

typedef struct summary {
    qs_units_sheet s;
    int *px;
    int n_ind, n_grid; /* indicator columns: used, laid out */
    int col_carried, col_earned, col_rate, n_cols;
    /* the three text columns of the missing-evidence block */
    int lead_first, lead_last, support_first, support_last, tasks_first, tasks_last;
    bool sparse; /* over FULL_MATRIX_CELLS: only the marks are cells */
    const qs_unit_duties **silent;
    size_t n_silent;
    size_t row_section1, row_silent_header, row_silent_first, row_section2, row_categories, row_numbers,
        row_units, n_rows;
} summary;

static void plan_summary(qs_units_book *b, summary *m)
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
static const char *indicator_list(const qs_units_book *b, const qs_unit_duties *ud, bool lead)
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

static const char *task_list(const qs_units_book *b, const qs_unit_duties *ud)
{
    qs_strbuf list;
    qs_strbuf_init(&list, b->arena);
    for (size_t k = 0; k < ud->n_tasks; k++)
        qs_strbuf_join(&list, qs_wording(b->o->strings, "list.separator"), ud->tasks[k].task->title);
    return qs_strbuf_text(&list);
}

/* Section one, the units without evidence: number, unit, the indicators it leads
 * and supports, its key tasks, its points. */
static lxw_error write_silent(qs_units_book *b, summary *m)
{
    qs_units_sheet *s = &m->s;
    int last = m->n_cols - 1;
    if (!m->n_silent)
        return qs_units_put(b, s, m->row_section1, 0, last, qs_wording(b->o->strings, "units.missing.none"),
                            b->section, SIZE_SECTION, false);
    const char *const pairs[] = {"n", qs_arena_printf(b->arena, "%zu", m->n_silent), NULL};
    lxw_error err = qs_units_put(b, s, m->row_section1, 0, last,
                                 qs_format(b->arena, qs_wording(b->o->strings, "units.missing.title"), pairs),
                                 b->section, SIZE_SECTION, false);
    const struct {
        int first, last;
        const char *key;
    } head[] = {
        {SC_NO, SC_NO, "units.header.no"},
        {SC_UNIT, SC_UNIT, "units.header.unit"},
        {m->lead_first, m->lead_last, "units.header.lead_list"},
        {m->support_first, m->support_last, "units.header.support_list"},
        {m->tasks_first, m->tasks_last, "units.header.task_list"},
        {m->col_carried, m->col_rate, "units.header.carried"},
    };
    for (size_t k = 0; k < sizeof head / sizeof *head && err == LXW_NO_ERROR; k++)
        err = qs_units_put(b, s, m->row_silent_header, head[k].first, head[k].last,
                           qs_wording(b->o->strings, head[k].key), b->header, SIZE_HEADER, false);
    for (size_t i = 0; i < m->n_silent && err == LXW_NO_ERROR; i++) {
        const qs_unit_duties *ud = m->silent[i];
        size_t row = m->row_silent_first + i;
        err = qs_units_put_number(b, s, row, SC_NO, (double)(i + 1), b->centred);
        if (err == LXW_NO_ERROR)
            err = qs_units_put(b, s, row, SC_UNIT, SC_UNIT, ud->unit->name, b->cell, SIZE_TABLE, false);
        if (err == LXW_NO_ERROR)
            err = qs_units_put(b, s, row, m->lead_first, m->lead_last, indicator_list(b, ud, true), b->cell,
                               SIZE_TABLE, true);
        if (err == LXW_NO_ERROR)
            err = qs_units_put(b, s, row, m->support_first, m->support_last, indicator_list(b, ud, false),
                               b->cell, SIZE_TABLE, true);
        if (err == LXW_NO_ERROR)
            err = qs_units_put(b, s, row, m->tasks_first, m->tasks_last, task_list(b, ud), b->cell,
                               SIZE_TABLE, true);
        if (err == LXW_NO_ERROR) {
            qs_units_need(s, row,
                          qs_xlsx_text_height(b->arena, "0", m->px[m->col_carried], SIZE_TABLE, false));
            err = worksheet_merge_range(s->ws, (lxw_row_t)row, (lxw_col_t)m->col_carried, (lxw_row_t)row,
                                        (lxw_col_t)m->col_rate, "", b->number);
        }
        if (err == LXW_NO_ERROR)
            err = worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)m->col_carried,
                                         qs_points_value(ud->carried), b->number);
    }
    return err;
}

/* Section two, the matrix: a row of categories over their indicators' columns,
 * the header row (indicator numbers), one row per unit. */
static lxw_error write_matrix_header(qs_units_book *b, summary *m)
{
    qs_units_sheet *s = &m->s;
    const qs_schema *sch = b->c->schema;
    size_t rc = m->row_categories, rn = m->row_numbers;
    lxw_error err =
        qs_units_put(b, s, m->row_section2, 0, m->n_cols - 1, qs_wording(b->o->strings, "units.matrix.title"),
                     b->section, SIZE_SECTION, false);
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
        qs_units_need(s, rc, want / 2);
        qs_units_need(s, rn, want / 2);
        err = worksheet_merge_range(s->ws, (lxw_row_t)rc, (lxw_col_t)tall[i].col, (lxw_row_t)rn,
                                    (lxw_col_t)tall[i].col, text, b->header);
    }
    for (size_t ci = 0; ci < sch->n_categories && err == LXW_NO_ERROR; ci++) {
        const qs_category *cat = &sch->categories[ci];
        if (!cat->count)
            continue;
        int first = SC_FIRST_IND + (int)cat->first;
        err = qs_units_put(b, s, rc, first, first + (int)cat->count - 1, cat->name, b->header_small,
                           SIZE_MATRIX, false);
    }
    for (int i = m->n_ind; i < m->n_grid && err == LXW_NO_ERROR; i++)
        err = qs_units_put(b, s, rc, SC_FIRST_IND + i, SC_FIRST_IND + i, "", b->header_small, SIZE_MATRIX,
                           false);
    for (int i = 0; i < m->n_grid && err == LXW_NO_ERROR; i++) {
        const char *no = i < m->n_ind ? qs_arena_printf(b->arena, "%d", sch->indicators[i].no) : "";
        err = qs_units_put(b, s, rn, SC_FIRST_IND + i, SC_FIRST_IND + i, no, b->header_small, SIZE_MATRIX,
                           false);
    }
    return err;
}

/* The borders of a sparse matrix's empty cells: one conditional format
 * over the grid that always holds, in place of a blank cell apiece. */
static lxw_error draw_grid(qs_units_book *b, summary *m)
{
    lxw_format *grid = workbook_add_format(b->wb);
    if (!grid)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    format_set_border(grid, LXW_BORDER_THIN);
    lxw_conditional_format cf = {
        .type = LXW_CONDITIONAL_TYPE_FORMULA, .value_string = "TRUE", .format = grid};
    return worksheet_conditional_format_range(m->s.ws, (lxw_row_t)m->row_units, SC_FIRST_IND,
                                              (lxw_row_t)(m->n_rows - 1),
                                              (lxw_col_t)(SC_FIRST_IND + m->n_grid - 1), &cf);
}

static lxw_error write_matrix_row(qs_units_book *b, summary *m, size_t u)
{
    qs_units_sheet *s = &m->s;
    const qs_unit_duties *ud = &b->du->units[u];
    size_t row = m->row_units + u;
    size_t next = 0;
    lxw_error err = qs_units_put_number(b, s, row, SC_NO, (double)(u + 1), b->centred);
    if (err == LXW_NO_ERROR)
        err = qs_units_put(b, s, row, SC_UNIT, SC_UNIT, ud->unit->name, b->cell, SIZE_TABLE, false);
    for (int i = 0; i < m->n_grid && err == LXW_NO_ERROR; i++) {
        const qs_duty *duty = NULL; /* the unit's duties are in table order */
        if (i < m->n_ind && next < ud->n_duties && ud->duties[next].indicator == &b->c->schema->indicators[i])
            duty = &ud->duties[next++];
        if (!duty && m->sparse)
            continue;
        const char *mark =
            !duty ? "" : qs_wording(b->o->strings, duty->lead ? "units.lead" : "units.support");
        err = qs_units_put(b, s, row, SC_FIRST_IND + i, SC_FIRST_IND + i, mark,
                           duty && duty->lead ? b->lead : b->support, SIZE_MATRIX, false);
    }
    if (err == LXW_NO_ERROR)
        err = qs_units_put_number(b, s, row, m->col_carried, qs_points_value(ud->carried), b->number);
    if (err == LXW_NO_ERROR)
        err = qs_units_put_number(b, s, row, m->col_earned, qs_points_value(ud->earned), b->number);
    if (err == LXW_NO_ERROR && ud->carried <= 0)
        err = qs_units_put(b, s, row, m->col_rate, m->col_rate, qs_wording(b->o->strings, "units.rate.none"),
                           b->rate, SIZE_TABLE, false);
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
lxw_error qs_units_write_summary(qs_units_book *b)
{
    summary m = {0};
    plan_summary(b, &m);
    lxw_error err = qs_units_add_sheet(b, b->names[0], &m.s, m.px, m.n_cols, m.n_rows);
    if (err == LXW_NO_ERROR) {
        err = qs_units_put(b, &m.s, 0, 0, m.n_cols - 1, qs_units_fill(b, "units.title", NULL, NULL), b->title,
                           SIZE_TITLE, false);
        qs_units_need(&m.s, 0, m.s.height[0] + TITLE_PAD_PT);
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
        err = worksheet_autofilter(m.s.ws, (lxw_row_t)m.row_numbers, 0, (lxw_row_t)(m.n_rows - 1),
                                   (lxw_col_t)(m.n_cols - 1));
    if (err == LXW_NO_ERROR)
        err = qs_units_print(b, &m.s, m.row_categories, m.row_numbers);
    if (err == LXW_NO_ERROR)
        worksheet_freeze_panes(m.s.ws, 0, SC_UNIT + 1);
    return err;
}
