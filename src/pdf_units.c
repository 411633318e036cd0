/* pdf_units.c - one unit's responsibility sheet as a PDF (stage 4: render).
 *
 * Reads the unit's duties (duties.c), the scores and the wording of
 * templates/strings.xml; writes a formal sheet on the same page engine as
 * the report (pdf_flow.c, GB/T 9704 geometry): the title with the unit and
 * year, the indicators it leads or supports with their verbatim scoring
 * methods and scores, its key tasks, its targets and how they stand, the
 * points it lost and why, and a line for the person responsible and the
 * date.  Never touches libxml2.
 */
#include "format.h"
#include "pdf_flow.h"
#include "render.h"
#include "strbuf.h"

#include <string.h>

static const double PAGE_W = 595.28, PAGE_H = 841.89;
static const double BODY = 16.0, TITLE = 22.0, PAGENO = 14.0, CELL = 10.5;

typedef struct sheet {
    qs_flow f;
    const qs_case *c;
    const qs_unit_duties *u;
    const qs_strings *s;
    qs_arena *a;
    qs_pdf_style body, h1, h2, title, cell, head;
} sheet;

/* key's wording filled with pairs, then with the plan's region, year and campaign */
static const char *fmt(sheet *x, const char *key, const char *const *pairs)
{
    return qs_format(x->a, qs_wording(x->s, key), qs_model_pairs(x->a, x->c->plan, pairs));
}

static const char *pts(sheet *x, qs_points p)
{
    return qs_points_text(x->a, p);
}

static const char *num(sheet *x, long n)
{
    return qs_arena_printf(x->a, "%ld", n);
}

/* the title and, below it, the unit (GB/T 9704 section 7.3.1) */
static void write_title(sheet *x)
{
    const char *p[] = {"unit", x->u->unit->name, NULL};
    qs_flow_centred(&x->f, &x->title, fmt(x, "unitpdf.title", p), TITLE * 1.5);
    qs_flow_centred(&x->f, &x->h2, fmt(x, "unitpdf.unit", p), x->f.pitch);
    qs_flow_skip(&x->f, 1);
    /* one of the responsible units without evidence that the report and the workbook list */
    if (!x->u->has_evidence)
        qs_flow_paragraph(&x->f, &x->body, qs_wording(x->s, "units.sheet.no_evidence"), true);
}

/* the lost-points reasons of one indicator's items, one per line */
static const char *losses(sheet *x, const qs_indicator_score *is)
{
    qs_strbuf out;
    qs_strbuf_init(&out, x->a);
    for (size_t k = 0; k < is->n_items; k++) {
        const qs_item_score *top = &is->items[k];
        size_t n = top->n_children ? top->n_children : 1;
        for (size_t j = 0; j < n; j++) {
            const qs_item_score *it = top->n_children ? &top->children[j] : top;
            if (it->earned >= it->available)
                continue;
            const char *p[] = {"item", it->item->id, "lost", pts(x, it->available - it->earned), "why",
                               it->why ? it->why : "", NULL};
            qs_strbuf_join(&out, "\n", fmt(x, "unitpdf.loss", p));
        }
    }
    return qs_strbuf_text(&out);
}

static void write_indicators(sheet *x)
{
    qs_flow_heading(&x->f, &x->h1, qs_wording(x->s, "unitpdf.h1.indicators"), true);
    if (!x->u->n_duties) {
        qs_flow_paragraph(&x->f, &x->body, qs_wording(x->s, "unitpdf.none"), true);
        return;
    }
    const qs_flow_column cols[] = {
        {qs_wording(x->s, "unitpdf.col.no"), 0.07, true, false},     {qs_wording(x->s, "unitpdf.col.method"), 0.37, false, false},
        {qs_wording(x->s, "unitpdf.col.points"), 0.07, true, false}, {qs_wording(x->s, "unitpdf.col.role"), 0.08, true, false},
        {qs_wording(x->s, "unitpdf.col.earned"), 0.08, true, false}, {qs_wording(x->s, "unitpdf.col.lost"), 0.33, false, false},
    };
    const char **rows = qs_arena_calloc(x->a, x->u->n_duties * 6, sizeof *rows);
    for (size_t i = 0; i < x->u->n_duties; i++) {
        const qs_duty *d = &x->u->duties[i];
        const char **r = rows + 6 * i;
        r[0] = num(x, d->indicator->no);
        r[1] = d->indicator->method;
        r[2] = pts(x, d->score->available);
        r[3] = qs_wording(x->s, d->lead ? "unitpdf.lead" : "unitpdf.support");
        r[4] = pts(x, d->score->earned);
        r[5] = losses(x, d->score);
    }
    qs_flow_table(&x->f, NULL, NULL, &x->head, &x->cell, cols, 6, rows, x->u->n_duties);
    const char *p[] = {"carried", pts(x, x->u->carried), "earned", pts(x, x->u->earned), NULL};
    qs_flow_paragraph(&x->f, &x->body, fmt(x, "unitpdf.points", p), true);
}

static void write_tasks(sheet *x)
{
    qs_flow_heading(&x->f, &x->h1, qs_wording(x->s, "unitpdf.h1.tasks"), true);
    if (!x->u->n_tasks)
        qs_flow_paragraph(&x->f, &x->body, qs_wording(x->s, "unitpdf.none"), true);
    for (size_t i = 0; i < x->u->n_tasks; i++) {
        const qs_task_duty *t = &x->u->tasks[i];
        const char *p[] = {"n", num(x, (long)i + 1), "title", t->task->title, "role",
                           qs_wording(x->s, t->lead ? "unitpdf.task.lead" : "unitpdf.task.support"), NULL};
        qs_flow_paragraph(&x->f, &x->body, fmt(x, "unitpdf.task", p), true);
    }
}

/* the measured value of a target, from any unit's unit-level measures */
static const qs_measure *measured(const qs_case *c, const char *quantity)
{
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_measures; k++)
                if (!strcmp(c->evidence[f].units[u].measures[k].quantity, quantity))
                    return &c->evidence[f].units[u].measures[k];
    return NULL;
}

static void write_targets(sheet *x)
{
    qs_flow_heading(&x->f, &x->h1, qs_wording(x->s, "unitpdf.h1.targets"), true);
    if (!x->u->n_targets)
        qs_flow_paragraph(&x->f, &x->body, qs_wording(x->s, "unitpdf.none"), true);
    for (size_t i = 0; i < x->u->n_targets; i++) {
        const qs_target *t = x->u->targets[i];
        const qs_measure *m = measured(x->c, t->quantity);
        const qs_quantity *q = qs_model_quantity(x->c->schema, x->c->plan, t->quantity);
        const char *outcome;
        if (!m) {
            outcome = qs_wording(x->s, "report.target.unknown");
        } else {
            const char *po[] = {"value", qs_format_value(x->a, m->value, q ? q->unit : NULL), NULL};
            outcome = fmt(x, qs_op_holds(t->op, m->value, t->value) ? "report.target.met" : "report.target.missed",
                          po);
        }
        const char *p[] = {"n", num(x, (long)i + 1), "text", t->text, "outcome", outcome, NULL};
        qs_flow_paragraph(&x->f, &x->body, fmt(x, "report.targets.item", p), true);
    }
}

/* the person responsible signs and dates the sheet */
static void write_signature(sheet *x)
{
    if (qs_flow_lines_left(&x->f) < 3)
        qs_flow_new_page(&x->f);
    qs_flow_skip(&x->f, 1);
    qs_flow_paragraph(&x->f, &x->body, qs_wording(x->s, "unitpdf.signature"), true);
    qs_flow_paragraph(&x->f, &x->body, qs_wording(x->s, "unitpdf.date"), true);
}

static void write_sheet(sheet *x)
{
    qs_flow_new_page(&x->f);
    write_title(x);
    write_indicators(x);
    write_tasks(x);
    write_targets(x);
    write_signature(x);
}

qs_status qs_render_unit_pdf(const qs_case *c, const qs_unit_duties *u, const qs_scores *sc,
                             const qs_dest *to, const qs_render_opts *o, qs_diags *d)
{
    (void)sc;
    qs_pdf *pdf = qs_pdf_new(o->fonts, d);
    sheet x = {.c = c, .u = u, .s = o->strings, .a = qs_arena_new()};
    qs_flow *f = &x.f;
    *f = (qs_flow){.pdf = pdf, .a = x.a, .page_w = PAGE_W, .page_h = PAGE_H, .top = QS_MM(37),
                   .bottom = QS_MM(35), .left = QS_MM(28), .right = QS_MM(26)};
    f->width = PAGE_W - f->left - f->right;
    f->pitch = (PAGE_H - f->top - f->bottom) / 22;
    f->mark = c->plan->status == QS_STATUS_DRAFT ? qs_wording(x.s, "report.draft") : NULL;
    f->mark_style = (qs_pdf_style){pdf, QS_ROLE_HEADER, 96, 0, .outlines = true};
    f->pageno_style = (qs_pdf_style){pdf, QS_ROLE_PAGENUM, PAGENO, 0, false};
    double tracking = f->width / 28 - BODY; /* 28 characters a line */
    /* A working form, not a document to publish: its running text is set in
     * the table's face and its headings in the header's, so that a sheet
     * embeds at most two faces (with the free fonts, one: a package holds
     * two dozen sheets). */
    x.body = (qs_pdf_style){pdf, QS_ROLE_TABLE, BODY, tracking, false};
    x.h1 = (qs_pdf_style){pdf, QS_ROLE_HEADER, BODY, tracking, false};
    x.h2 = (qs_pdf_style){pdf, QS_ROLE_HEADER, BODY, 0, false};
    x.title = (qs_pdf_style){pdf, QS_ROLE_HEADER, TITLE, 0, false};
    x.cell = (qs_pdf_style){pdf, QS_ROLE_TABLE, CELL, 0, false};
    x.head = (qs_pdf_style){pdf, QS_ROLE_HEADER, CELL, 0, false};
    f->where = (qs_srcpos){to->shown, 0};
    f->what = u->unit->name;
    qs_status st = QS_OK;

    f->dry = true;
    f->ok = true;
    write_sheet(&x);
    if (!f->ok) {
        st = QS_ERR_INPUT;
        goto cleanup;
    }
    if ((st = qs_pdf_load_fonts(pdf)) != QS_OK)
        goto cleanup;
    f->dry = false;
    f->n_pages = 0;
    write_sheet(&x);
    const char *p[] = {"unit", u->unit->name, NULL};
    qs_pdf_info info = {fmt(&x, "unitpdf.title", p), c->plan->issuer, u->unit->name, c->plan->region,
                        o->epoch};
    st = qs_pdf_save(pdf, to, &info);
cleanup:
    qs_pdf_free(pdf);
    qs_arena_free(x.a);
    return st;
}
