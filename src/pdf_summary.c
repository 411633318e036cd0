/* pdf_summary.c - the province's roll-up as a PDF (stage 4: render).
 *
 * Reads the summary (summary.h) and templates/strings.xml; writes A4
 * landscape pages in the style of the official table on the shared page
 * engine (pdf_flow.c): for each year the title, the ranked table (its
 * header on every page it crosses, a row never split, an average row at
 * the foot), then a bar chart of the totals drawn as vector paths, its
 * scale repeated on each page it crosses.  Page numbers as GB/T 9704 sets
 * them.  Never touches libxml2 or libxlsxwriter.
 */
#include "format.h"
#include "i18n.h"
#include "pdf_flow.h"
#include "render.h"

#include <math.h>
#include <string.h>

/* A4 landscape, the margins of the official table (pdf_table.c) */
static const double PAGE_W = 841.89, PAGE_H = 595.28;
#define TITLE_SIZE 20.0
#define CAPTION_SIZE 14.0
#define HEAD_SIZE 9.0
#define CELL_SIZE 9.0
#define PAGENO_SIZE 14.0 /* size 4 */

/* The chart: a row per district, the bar in it; the scale below each block. */
#define BAR_ROW 15.0
#define BAR 10.0
#define SCALE_H 16.0
#define TICK 20 /* points between grid lines */

typedef struct sum {
    qs_flow f;
    const qs_summary *s;
    const qs_strings *strings;
    qs_arena *a;
    qs_pdf_style title, caption, head, cell, label;
} sum;

static const char *year_text(sum *s, const char *key, const qs_summary_year *y)
{
    const char *pairs[] = {"year", qs_arena_printf(s->a, "%d", y->year), "province", y->rows[0]->province,
                           "levels", qs_summary_levels(y->rows, y->n_rows, s->strings, s->a), NULL};
    return qs_format(s->a, qs_wording(s->strings, key), pairs);
}

static const char *pts(sum *s, qs_points p)
{
    return qs_points_text(s->a, p);
}

static const char *percent(sum *s, double rate)
{
    return qs_arena_printf(s->a, "%.1f%%", 100.0 * rate);
}

static const qs_summary_cat *cat_of(const qs_summary_row *r, const qs_summary_cat *col)
{
    for (size_t i = 0; i < r->n_cats; i++)
        if (!strcmp(r->cats[i].id, col->id))
            return &r->cats[i];
    return NULL;
}

/* the column widths: fixed shares, the categories sharing 26 % (at most 7 %
 * each), the losses the rest (a third of the width with four categories) */
enum { C_RANK, C_REGION, C_LEVEL, C_YEAR, C_BASE, C_BONUS, C_TOTAL, C_CATS };
static const double head_share[C_CATS] = {0.04, 0.07, 0.04, 0.04, 0.045, 0.04, 0.045};
#define LOST_SHARE 0.04
#define MISSING_SHARE 0.05
#define CATS_SHARE 0.26
#define CAT_MAX_SHARE 0.07

/* A year's table: the header once per page, one row per district, the average last. */
static void write_table(sum *s, const qs_summary_year *y)
{
    const qs_summary_row *first = y->rows[0];
    int nc = C_CATS + (int)first->n_cats + 3;
    qs_flow_column *cols = qs_arena_calloc(s->a, (size_t)nc, sizeof *cols);
    static const char *const head_keys[C_CATS] = {"summary.col.rank", "summary.col.region", "summary.col.level",
                                                  "summary.col.year", "summary.col.base", "summary.col.bonus",
                                                  "summary.col.total"};
    double used = 0;
    for (int c = 0; c < C_CATS; c++) {
        cols[c] = (qs_flow_column){qs_wording(s->strings, head_keys[c]), head_share[c], true, false};
        used += head_share[c];
    }
    double cat_share = first->n_cats ? CATS_SHARE / (double)first->n_cats : 0;
    if (cat_share > CAT_MAX_SHARE)
        cat_share = CAT_MAX_SHARE;
    const char *subhead = qs_arena_printf(s->a, "%s/%s", qs_wording(s->strings, "summary.col.score"),
                                          qs_wording(s->strings, "summary.col.rate"));
    for (size_t k = 0; k < first->n_cats; k++) {
        const char *pairs[] = {"name", first->cats[k].name, "points", pts(s, first->cats[k].available), NULL};
        const char *head = qs_format(s->a, qs_wording(s->strings, "summary.col.category"), pairs);
        cols[C_CATS + k] = (qs_flow_column){qs_arena_printf(s->a, "%s\n%s", head, subhead), cat_share, true, false};
        used += cat_share;
    }
    int t = C_CATS + (int)first->n_cats;
    cols[t] = (qs_flow_column){qs_wording(s->strings, "summary.col.lost"), LOST_SHARE, true, false};
    cols[t + 1] = (qs_flow_column){qs_wording(s->strings, "summary.col.missing"), MISSING_SHARE, true, false};
    cols[t + 2] = (qs_flow_column){qs_wording(s->strings, "summary.col.losses"),
                                   1 - used - LOST_SHARE - MISSING_SHARE, false, false};

    size_t n = y->n_rows + 1;
    const char **cells = qs_arena_calloc(s->a, n * (size_t)nc, sizeof *cells);
    double n_rows = (double)y->n_rows, mean_base = 0, mean_bonus = 0, mean_total = 0, mean_lost = 0,
           mean_missing = 0;
    double *mean_cat = qs_arena_calloc(s->a, first->n_cats + 1, sizeof *mean_cat);
    double *mean_rate = qs_arena_calloc(s->a, first->n_cats + 1, sizeof *mean_rate);
    for (size_t i = 0; i < y->n_rows; i++) {
        const qs_summary_row *r = y->rows[i];
        const char **row = cells + i * (size_t)nc;
        row[C_RANK] = qs_arena_printf(s->a, "%d", r->rank);
        row[C_REGION] = r->region;
        row[C_LEVEL] = r->level;
        row[C_YEAR] = qs_arena_printf(s->a, "%d", r->year);
        row[C_BASE] = pts(s, r->base);
        row[C_BONUS] = pts(s, r->bonus);
        row[C_TOTAL] = pts(s, r->total);
        for (size_t k = 0; k < first->n_cats; k++) {
            const qs_summary_cat *cat = cat_of(r, &first->cats[k]);
            double rate = cat && cat->available > 0 ? (double)cat->earned / cat->available : 0;
            row[C_CATS + k] = !cat ? "" : cat->available > 0
                                              ? qs_arena_printf(s->a, "%s\n%s", pts(s, cat->earned), percent(s, rate))
                                              : pts(s, cat->earned);
            mean_cat[k] += cat ? qs_points_value(cat->earned) / n_rows : 0;
            mean_rate[k] += rate / n_rows;
        }
        row[t] = pts(s, r->lost);
        row[t + 1] = qs_arena_printf(s->a, "%zu", r->n_missing);
        const char *losses = "";
        for (size_t k = 0; k < r->n_losses; k++) {
            const qs_summary_loss *l = &r->losses[k];
            const char *pairs[] = {"item", l->item, "unit", l->unit, "lost", pts(s, l->lost), "why", l->why, NULL};
            const char *line = qs_format(
                s->a, qs_wording(s->strings, *l->why ? "summary.loss" : "summary.loss.bare"), pairs);
            losses = *losses ? qs_arena_printf(s->a, "%s\n%s", losses, line) : line;
        }
        row[t + 2] = losses;
        mean_base += qs_points_value(r->base) / n_rows;
        mean_bonus += qs_points_value(r->bonus) / n_rows;
        mean_total += qs_points_value(r->total) / n_rows;
        mean_lost += qs_points_value(r->lost) / n_rows;
        mean_missing += (double)r->n_missing / n_rows;
    }
    const char **avg = cells + y->n_rows * (size_t)nc;
    avg[C_RANK] = avg[C_LEVEL] = avg[C_YEAR] = "";
    avg[C_REGION] = qs_wording(s->strings, "summary.average");
    avg[C_BASE] = qs_arena_printf(s->a, "%.1f", mean_base);
    avg[C_BONUS] = qs_arena_printf(s->a, "%.1f", mean_bonus);
    avg[C_TOTAL] = qs_arena_printf(s->a, "%.1f", mean_total);
    for (size_t k = 0; k < first->n_cats; k++)
        avg[C_CATS + k] = qs_arena_printf(s->a, "%.1f\n%s", mean_cat[k], percent(s, mean_rate[k]));
    avg[t] = qs_arena_printf(s->a, "%.1f", mean_lost);
    avg[t + 1] = qs_arena_printf(s->a, "%.1f", mean_missing);
    avg[t + 2] = "";
    qs_flow_table(&s->f, NULL, NULL, &s->head, &s->cell, cols, nc, cells, n);
}

/* A block of the chart on one page: districts [i, i + k), the grid every
 * TICK points of score, the bars as filled paths, each total after its bar,
 * the scale under the block. */
static void draw_bars(sum *s, const qs_summary_year *y, size_t i, size_t k, double max)
{
    qs_flow *f = &s->f;
    HPDF_Page pg = f->page;
    bool draw = !f->dry;
    double label_w = f->width * 0.16, plot_w = f->width * 0.74;
    double x0 = f->left + label_w, top = f->y, bottom = top - (double)k * BAR_ROW;
    if (draw) {
        HPDF_Page_GSave(pg);
        HPDF_Page_SetLineWidth(pg, 0.4f);
        HPDF_Page_SetRGBStroke(pg, 0.7f, 0.7f, 0.7f);
    }
    for (int g = 0; g * TICK <= max + 1e-9; g++) {
        double gx = x0 + plot_w * g * TICK / max;
        if (draw) {
            HPDF_Page_MoveTo(pg, (HPDF_REAL)gx, (HPDF_REAL)top);
            HPDF_Page_LineTo(pg, (HPDF_REAL)gx, (HPDF_REAL)bottom);
            HPDF_Page_Stroke(pg);
        }
        const char *t = qs_arena_printf(s->a, "%d", g * TICK);
        double tw = qs_pdf_width(&s->label, t, strlen(t));
        qs_flow_put(f, &s->label, gx - tw / 2, bottom - s->label.size - 3, t, strlen(t));
    }
    if (draw)
        HPDF_Page_SetRGBFill(pg, 0.18f, 0.35f, 0.62f);
    for (size_t j = 0; j < k; j++) {
        const qs_summary_row *r = y->rows[i + j];
        double yb = top - (double)(j + 1) * BAR_ROW + (BAR_ROW - BAR) / 2, w = plot_w * qs_points_value(r->total) / max;
        if (draw && w > 0) {
            HPDF_Page_Rectangle(pg, (HPDF_REAL)x0, (HPDF_REAL)yb, (HPDF_REAL)w, (HPDF_REAL)BAR);
            HPDF_Page_Fill(pg);
        }
    }
    if (draw)
        HPDF_Page_SetRGBFill(pg, 0, 0, 0);
    for (size_t j = 0; j < k; j++) {
        const qs_summary_row *r = y->rows[i + j];
        double base = top - (double)(j + 1) * BAR_ROW + (BAR_ROW - s->label.size) / 2 + s->label.size * 0.14;
        const char *name = qs_arena_printf(s->a, "%d %s", r->rank, r->region);
        double nw = qs_pdf_width(&s->label, name, strlen(name));
        qs_flow_put(f, &s->label, x0 - 6 - nw, base, name, strlen(name));
        const char *v = pts(s, r->total);
        qs_flow_put(f, &s->label, x0 + plot_w * qs_points_value(r->total) / max + 4, base, v, strlen(v));
    }
    if (draw) {
        HPDF_Page_SetRGBStroke(pg, 0, 0, 0);
        HPDF_Page_SetLineWidth(pg, 0.8f);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)top);
        HPDF_Page_LineTo(pg, (HPDF_REAL)x0, (HPDF_REAL)bottom);
        HPDF_Page_LineTo(pg, (HPDF_REAL)(x0 + plot_w), (HPDF_REAL)bottom);
        HPDF_Page_Stroke(pg);
        HPDF_Page_GRestore(pg);
    }
    f->y = bottom - SCALE_H;
}

/* The year's totals as a bar chart under its caption, continued on as
 * many pages as it takes (the scale on each). */
static void write_chart(sum *s, const qs_summary_year *y)
{
    qs_flow *f = &s->f;
    const qs_summary_row *first = y->rows[0];
    double max = qs_points_value(first->base_available + first->bonus_cap);
    if (max <= 0)
        max = 100;
    size_t min_rows = y->n_rows < 3 ? y->n_rows : 3;
    qs_flow_need(f, f->pitch * 2 + (double)min_rows * BAR_ROW + SCALE_H);
    qs_flow_skip(f, 1);
    qs_flow_centred(f, &s->caption, year_text(s, "summary.chart.title", y), f->pitch);
    f->y -= 4;
    for (size_t i = 0; i < y->n_rows;) {
        size_t fit = (size_t)fmax(0, floor((f->y - f->bottom - SCALE_H) / BAR_ROW));
        if (fit == 0) {
            qs_flow_new_page(f);
            continue;
        }
        size_t k = fit < y->n_rows - i ? fit : y->n_rows - i;
        draw_bars(s, y, i, k, max);
        i += k;
        if (i < y->n_rows)
            qs_flow_new_page(f);
    }
}

/* Every year on pages of its own: title, table, chart. */
static void write_summary(void *ctx)
{
    sum *s = ctx;
    for (size_t i = 0; i < s->s->n_years; i++) {
        const qs_summary_year *y = &s->s->years[i];
        qs_flow_new_page(&s->f);
        qs_flow_centred(&s->f, &s->title, year_text(s, "summary.title", y), TITLE_SIZE * 1.6);
        qs_flow_skip(&s->f, 1);
        write_table(s, y);
        write_chart(s, y);
    }
}

qs_status qs_render_summary_pdf(const qs_summary *s, const qs_dest *to, const qs_render_opts *o, qs_diags *d)
{
    if (qs_strings_require(o->strings, qs_summary_string_keys, d))
        return QS_ERR_INPUT;
    qs_pdf *pdf = qs_pdf_new(o->fonts, d);
    sum m = {.s = s, .strings = o->strings, .a = qs_arena_new()};
    qs_flow *f = &m.f;
    *f = (qs_flow){.pdf = pdf, .a = m.a, .page_w = PAGE_W, .page_h = PAGE_H, .top = QS_MM(20),
                   .bottom = QS_MM(22), .left = QS_MM(20), .right = QS_MM(20)};
    f->width = PAGE_W - f->left - f->right;
    f->pitch = 20;
    f->pageno_style = (qs_pdf_style){pdf, QS_ROLE_PAGENUM, PAGENO_SIZE, 0, false};
    m.title = (qs_pdf_style){pdf, QS_ROLE_TITLE, TITLE_SIZE, 0, false};
    m.caption = (qs_pdf_style){pdf, QS_ROLE_HEADER, CAPTION_SIZE, 0, false};
    m.head = (qs_pdf_style){pdf, QS_ROLE_HEADER, HEAD_SIZE, 0, false};
    m.cell = (qs_pdf_style){pdf, QS_ROLE_TABLE, CELL_SIZE, 0, false};
    m.label = (qs_pdf_style){pdf, QS_ROLE_TABLE, CELL_SIZE, 0, false};
    f->where = (qs_srcpos){to->shown, 0};
    f->what = _("the summary");
    qs_status st = qs_flow_run(f, write_summary, &m);
    if (st != QS_OK)
        goto cleanup;
    const char *levels[] = {"levels", qs_summary_all_levels(s, o->strings, m.a), NULL};
    qs_pdf_info info = {qs_summary_name(s, o->strings, m.a), NULL,
                        qs_format(m.a, qs_wording(m.strings, "summary.subject"), levels), NULL, o->epoch};
    st = qs_pdf_save(pdf, to, &info);
cleanup:
    qs_pdf_free(pdf);
    qs_arena_free(m.a);
    return st;
}
