/* pdf_index.c - the evidence index as a PDF (stage 4: render).
 *
 * Reads the index rows (evindex.c) and the wording of templates/strings.xml;
 * writes an A4 landscape list on the shared page engine (pdf_flow.c): the
 * title, then one table row per cited document, its header repeated on
 * every page.  Never touches libxml2.
 */
#include "format.h"
#include "i18n.h"
#include "pdf_flow.h"
#include "render.h"

#include <string.h>

const char *const qs_index_string_keys[] = {
    "index.title", "index.col.no", "index.col.indicator", "index.col.item", "index.col.unit",
    "index.col.title", "index.col.number", "index.col.issuer", "index.col.date", "index.col.file", "date",
    "index.sheet", NULL,
};

/* the title, then the table of documents */
static void write_index(qs_flow *f, const qs_case *c, const qs_evindex *x, const qs_strings *s,
                        const qs_pdf_style *title, const qs_pdf_style *head, const qs_pdf_style *cell)
{
    qs_flow_new_page(f);
    qs_flow_centred(f, title,
                    qs_format(f->a, qs_wording(s, "index.title"), qs_model_pairs(f->a, c->plan, NULL)),
                    title->size * 1.5);
    qs_flow_skip(f, 1);
    const qs_flow_column cols[] = {
        {qs_wording(s, "index.col.no"), 0.04, true, false},
        {qs_wording(s, "index.col.indicator"), 0.05, true, false},
        {qs_wording(s, "index.col.item"), 0.06, true, false},
        {qs_wording(s, "index.col.unit"), 0.12, false, false},
        {qs_wording(s, "index.col.title"), 0.20, false, false},
        {qs_wording(s, "index.col.number"), 0.12, false, false},
        {qs_wording(s, "index.col.issuer"), 0.12, false, false},
        {qs_wording(s, "index.col.date"), 0.12, true, false},
        {qs_wording(s, "index.col.file"), 0.17, false, false},
    };
    const char **rows = qs_arena_calloc(f->a, (x->n_rows ? x->n_rows : 1) * 9, sizeof *rows);
    for (size_t i = 0; i < x->n_rows; i++) {
        const qs_evindex_row *r = &x->rows[i];
        const char **row = rows + 9 * i;
        row[0] = qs_arena_printf(f->a, "%zu", i + 1);
        /* a document cited by several entries: their indicators, items and units, one per line */
        row[1] = qs_evindex_indicators(r, "\n", f->a);
        row[2] = qs_evindex_items(r, "\n", f->a);
        row[3] = qs_evindex_units(r, "\n", f->a);
        row[4] = r->doc->title;
        row[5] = r->doc->number ? r->doc->number : "";
        row[6] = r->doc->issuer ? r->doc->issuer : "";
        row[7] = r->doc->date ? qs_format_date(f->a, qs_wording(s, "date"), r->doc->date) : "";
        row[8] = r->package_name ? r->package_name : "";
    }
    qs_flow_table(f, NULL, NULL, head, cell, cols, 9, rows, x->n_rows);
}

qs_status qs_render_index_pdf(const qs_case *c, const qs_evindex *x, const qs_dest *to,
                              const qs_render_opts *o, qs_diags *d)
{
    qs_pdf *pdf = qs_pdf_new(o->fonts, d);
    qs_arena *a = qs_arena_new();
    qs_flow f = {.pdf = pdf, .a = a, .page_w = 841.89, .page_h = 595.28, .top = QS_MM(20),
                 .bottom = QS_MM(22), .left = QS_MM(20), .right = QS_MM(20)};
    f.width = f.page_w - f.left - f.right;
    f.pitch = 24;
    /* a list, not a document to publish: the header and table faces only */
    f.pageno_style = (qs_pdf_style){pdf, QS_ROLE_PAGENUM, 14, 0, false};
    qs_pdf_style title = {pdf, QS_ROLE_HEADER, 22, 0, false};
    qs_pdf_style head = {pdf, QS_ROLE_HEADER, 10.5, 0, false};
    qs_pdf_style cell = {pdf, QS_ROLE_TABLE, 10.5, 0, false};
    f.where = (qs_srcpos){to->shown, 0};
    f.what = _("the evidence index");
    qs_status st = QS_OK;
    f.dry = true;
    f.ok = true;
    write_index(&f, c, x, o->strings, &title, &head, &cell);
    if (!f.ok) {
        st = QS_ERR_INPUT;
        goto cleanup;
    }
    if ((st = qs_pdf_load_fonts(pdf)) != QS_OK)
        goto cleanup;
    f.dry = false;
    f.n_pages = 0;
    write_index(&f, c, x, o->strings, &title, &head, &cell);
    qs_pdf_info info = {qs_format(a, qs_wording(o->strings, "index.title"), qs_model_pairs(a, c->plan, NULL)),
                        c->plan->issuer, NULL, c->plan->region, o->epoch};
    st = qs_pdf_save(pdf, to, &info);
cleanup:
    qs_pdf_free(pdf);
    qs_arena_free(a);
    return st;
}
