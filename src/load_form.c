/* load_form.c - a filled evidence form (.xlsx) -> the evidence model (stage 1: load).
 *
 * Reads: the cells of a form (xlsx_read.h) laid out as form.h says.
 * Writes: an <evidence> document of templates/evidence.xsd built from the
 * cells, which then goes through the very checks and loader an evidence
 * XML file goes through (qs_xml_check, qs_load_evidence_doc), so the two
 * routes cannot drift apart.  Each element built remembers its cell (its
 * line number is an index into a table of "file:Sheet!C12" positions), and
 * every diagnostic and model position is moved to that cell, so messages
 * read `evidence/区财政局.xlsx:佐证文件!C12: error: ...`.  An empty row is
 * no evidence: an item is written only when one of its cells is filled.
 * This file reads the sheets' rows into elements; what a single cell means
 * and where a position goes back to are load_form_cells.c's.
 */
#include "load_form.h"
#include "load_form_internal.h"
#include "form.h"
#include "load_internal.h"
#include "xlsx_read.h"

#include <libxml/xmlsave.h>
#include <stdlib.h>
#include <string.h>

const char *const qs_form_sheet_kinds[QS_FORM_N_SHEETS] = {
    "items", "targets", "documents", "awards", "incidents", "series",
};

const char *const qs_form_word_keys[] = {
    "done.yes", "done.no", "bool.yes", "bool.no", "level.national", "level.provincial", "level.city",
    "level.county", NULL,
};

/* ---- building the document ---- */

static xmlNode *element(form *f, xmlNode *parent, const char *name, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    xmlNode *n = xmlNewChild(parent, f->ns, (const xmlChar *)name, NULL);
    if (f->n_cells == MAX_POSITIONS) {
        if (!f->too_many) {
            qs_srcpos pos = {f->path, 0};
            qs_diag_error(f->d, pos, "refused: a form may hold at most %d entries", MAX_POSITIONS);
        }
        f->too_many = true;
        return n;
    }
    if (f->n_cells == f->cap_cells) {
        f->cap_cells = f->cap_cells ? f->cap_cells * 2 : 256;
        const char **v = qs_arena_alloc(f->a, f->cap_cells * sizeof *v);
        if (f->n_cells)
            memcpy(v, f->cells, f->n_cells * sizeof *v);
        f->cells = v;
    }
    f->cells[f->n_cells++] = qs_form_pos_name(f, sc, row, col);
    n->line = (unsigned short)f->n_cells;
    return n;
}

static void set(xmlNode *n, const char *name, const char *value)
{
    if (value)
        xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void set_text(xmlNode *n, const char *text)
{
    if (text)
        xmlNodeAddContent(n, (const xmlChar *)text);
}

/* the first column whose key is key (or starts with it, when prefix), from col on; UINT32_MAX when none */
static uint32_t col_of(const sheet_ctx *sc, const char *key, uint32_t from)
{
    if (!sc)
        return UINT32_MAX;
    sheet_ctx *m = (sheet_ctx *)sc; /* the cache only: every sheet_ctx lives in a form */
    for (size_t i = 0; from == 0 && i < m->n_cache; i++)
        if (m->cache_key[i] == key)
            return m->cache_col[i];
    uint32_t found = UINT32_MAX;
    for (uint32_t c = from; c < sc->n_cols && found == UINT32_MAX; c++)
        if (sc->keys[c] && !strcmp(sc->keys[c], key))
            found = c;
    if (from == 0 && m->n_cache < 32) {
        m->cache_key[m->n_cache] = key;
        m->cache_col[m->n_cache++] = found;
    }
    return found;
}

static bool has_prefix(const char *s, const char *p)
{
    return s && !strncmp(s, p, strlen(p));
}

static rec *find_rec(form *f, const char *ref)
{
    for (size_t i = 0; i < f->n_recs; i++)
        if (!strcmp(f->recs[i].ref, ref))
            return &f->recs[i];
    if (f->n_recs == f->cap_recs) {
        f->cap_recs = f->cap_recs ? f->cap_recs * 2 : 64;
        rec *v = qs_arena_calloc(f->a, f->cap_recs, sizeof *v);
        if (f->n_recs)
            memcpy(v, f->recs, f->n_recs * sizeof *v);
        f->recs = v;
    }
    rec *r = &f->recs[f->n_recs++];
    memset(r, 0, sizeof *r);
    r->ref = ref;
    return r;
}

static void add_row(form *f, rec *r, int list, uint32_t row)
{
    if (r->n[list] == r->cap[list]) {
        r->cap[list] = r->cap[list] ? r->cap[list] * 2 : 8;
        uint32_t *v = qs_arena_calloc(f->a, r->cap[list], sizeof *v);
        if (r->n[list])
            memcpy(v, r->rows[list], r->n[list] * sizeof *v);
        r->rows[list] = v;
    }
    r->rows[list][r->n[list]++] = row;
}

/* the keys of the sheet's hidden first row */
static void read_keys(form *f, sheet_ctx *sc)
{
    uint32_t n = 0;
    for (size_t i = 0; i < sc->s->n_cells && sc->s->cells[i].row == QS_FORM_KEY_ROW; i++)
        n = sc->s->cells[i].col + 1;
    if (n > 1000)
        n = 1000;
    sc->n_cols = n;
    sc->keys = qs_arena_calloc(f->a, n ? n : 1, sizeof *sc->keys);
    for (size_t i = 0; i < sc->s->n_cells && sc->s->cells[i].row == QS_FORM_KEY_ROW; i++)
        if (sc->s->cells[i].col < n && sc->s->cells[i].type == QS_XCELL_STRING)
            sc->keys[sc->s->cells[i].col] = sc->s->cells[i].text;
}

/* the meta sheet: is it a form, which sheet is which, the words of its lists */
static bool read_meta(form *f)
{
    const qs_xsheet *m = qs_xlsx_sheet(f->b, QS_FORM_META_SHEET);
    qs_srcpos whole = {f->path, 0};
    const char *version = NULL;
    for (size_t i = 0; m && i < m->n_cells; i++) {
        const qs_xcell *k = &m->cells[i];
        const qs_xcell *v = k->col == 0 ? qs_xlsx_cell_at(m, k->row, 1) : NULL;
        if (!v)
            continue;
        if (!strcmp(k->text, "form"))
            version = v->text;
        for (int s = 0; s < QS_FORM_N_SHEETS; s++)
            if (has_prefix(k->text, "sheet.") && !strcmp(k->text + 6, qs_form_sheet_kinds[s]))
                f->sheets[s].s = qs_xlsx_sheet(f->b, v->text);
        for (size_t w = 0; qs_form_word_keys[w]; w++)
            if (has_prefix(k->text, "word.") && !strcmp(k->text + 5, qs_form_word_keys[w]))
                f->words[w] = v->text;
    }
    if (!version) {
        qs_diag_error(f->d, whole, "not a qsreport evidence form (it has no sheet \"%s\"; "
                                   "`qsreport init CASE --unit UNIT -o FILE.xlsx` writes one)", QS_FORM_META_SHEET);
        return false;
    }
    if (strcmp(version, QS_FORM_VERSION)) {
        qs_diag_error(f->d, whole, "a form of version \"%s\"; this qsreport reads version %s", version,
                      QS_FORM_VERSION);
        return false;
    }
    if (!f->sheets[QS_FORM_ITEMS].s) {
        qs_diag_error(f->d, whole, "the form has lost its items sheet");
        return false;
    }
    for (int s = 0; s < QS_FORM_N_SHEETS; s++)
        if (f->sheets[s].s)
            read_keys(f, &f->sheets[s]);
    return true;
}

/* is any of the row's cells in a column whose key passes `fill` non-empty? */
static bool row_filled(form *f, const sheet_ctx *sc, uint32_t row, bool (*fill)(const char *key))
{
    sheet_ctx *m = (sheet_ctx *)sc; /* the cache only */
    if (m->fill_fn != fill) {
        m->fill_fn = fill;
        m->fills = qs_arena_calloc(f->a, sc->n_cols ? sc->n_cols : 1, sizeof *m->fills);
        for (uint32_t c = 0; c < sc->n_cols; c++)
            m->fills[c] = fill(sc->keys[c]);
    }
    for (uint32_t c = 0; c < sc->n_cols; c++) {
        const qs_xcell *x = m->fills[c] ? qs_form_cell(sc, row, c) : NULL;
        if (x && !qs_form_is_blank(x->text))
            return true;
    }
    return false;
}

static bool item_fill(const char *k)
{
    return k && (!strcmp(k, "done") || has_prefix(k, "measure:") || has_prefix(k, "fact:") ||
                 has_prefix(k, "reference:") || !strcmp(k, "source") || !strcmp(k, "assessed") ||
                 !strcmp(k, "assessed-reason") || !strcmp(k, "narrative") || !strcmp(k, "claimed"));
}
static bool doc_fill(const char *k)
{
    return k && (!strcmp(k, "title") || !strcmp(k, "number") || !strcmp(k, "issuer") || !strcmp(k, "date") ||
                 !strcmp(k, "file"));
}
static bool award_fill(const char *k)
{
    return k && (!strcmp(k, "level") || !strcmp(k, "text") || !strcmp(k, "date"));
}
static bool incident_fill(const char *k)
{
    return k && (!strcmp(k, "kind") || !strcmp(k, "text") || !strcmp(k, "date"));
}
static bool series_fill(const char *k)
{
    return k && !strcmp(k, "value");
}

/* the rows of the items sheet, then the list sheets' rows, each under its item */
static void collect(form *f)
{
    const sheet_ctx *is = &f->sheets[QS_FORM_ITEMS];
    uint32_t ic = col_of(is, "item", 0);
    for (uint32_t row = QS_FORM_ITEMS_FIRST_ROW; ic != UINT32_MAX && row < is->s->n_rows; row++) {
        const char *ref = qs_form_text_at(f, is, row, ic);
        if (!ref) {
            if (row_filled(f, is, row, item_fill))
                qs_form_cell_error(f, is, row, ic, "a filled row without its scoring item");
            continue;
        }
        rec *r = find_rec(f, qs_form_trimmed(f->a, ref));
        if (r->has_row) {
            qs_form_cell_error(f, is, row, ic, "scoring item %s has a second row (the first is row %u)", r->ref, r->row + 1);
            continue;
        }
        r->has_row = true;
        r->row = row;
    }
    static const struct {
        int sheet, list;
        bool (*fill)(const char *);
    } lists[] = {
        {QS_FORM_SERIES, L_SERIES, series_fill},
        {QS_FORM_AWARDS, L_AWARDS, award_fill},
        {QS_FORM_INCIDENTS, L_INCIDENTS, incident_fill},
        {QS_FORM_DOCUMENTS, L_DOCUMENTS, doc_fill},
    };
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
        const sheet_ctx *sc = &f->sheets[lists[k].sheet];
        if (!sc->s)
            continue;
        uint32_t c = col_of(sc, "item", 0);
        for (uint32_t row = QS_FORM_LIST_FIRST_ROW; c != UINT32_MAX && row < sc->s->n_rows; row++) {
            if (!row_filled(f, sc, row, lists[k].fill))
                continue;
            const char *ref = qs_form_text_at(f, sc, row, c);
            if (!ref) {
                qs_form_cell_error(f, sc, row, c, "which scoring item is this row's? The column is empty");
                continue;
            }
            rec *r = find_rec(f, qs_form_trimmed(f->a, ref));
            if (!r->has_row && !r->first) {
                r->first = sc;
                r->first_row = row;
                r->first_col = c;
            }
            add_row(f, r, lists[k].list, row);
        }
    }
}

/* measures, facts or references (kind "measure:", "fact:", "reference:") of an items row */
static void row_values(form *f, xmlNode *item, uint32_t row, const char *kind, const char *element_name, bool *bad)
{
    const sheet_ctx *is = &f->sheets[QS_FORM_ITEMS];
    uint32_t sc_col = col_of(is, "source", 0);
    const char *source = sc_col != UINT32_MAX ? qs_form_text_at(f, is, row, sc_col) : NULL;
    for (uint32_t c = 0; c < is->n_cols; c++) {
        if (!has_prefix(is->keys[c], kind))
            continue;
        const char *q = is->keys[c] + strlen(kind);
        if (!strcmp(kind, "fact:")) {
            const char *v = qs_form_boolean_at(f, is, row, c, "bool");
            if (v) {
                xmlNode *n = element(f, item, element_name, is, row, c);
                set(n, "ref", q);
                set(n, "value", v);
            }
            continue;
        }
        const char *v = qs_form_decimal_at(f, is, row, c, bad);
        if (!v)
            continue;
        xmlNode *n = element(f, item, element_name, is, row, c);
        const char *bar = strchr(q, '|'); /* "quantity|unit" */
        set(n, "quantity", bar ? qs_arena_strndup(f->a, q, (size_t)(bar - q)) : q);
        set(n, "value", v);
        if (bar && bar[1])
            set(n, "unit", bar + 1);
        if (!strcmp(kind, "measure:"))
            set(n, "source", source ? qs_form_trimmed(f->a, source) : NULL);
    }
}

static uint32_t key_col(const sheet_ctx *sc, const char *key)
{
    return col_of(sc, key, 0);
}

static const char *text_key(form *f, const sheet_ctx *sc, uint32_t row, const char *key)
{
    uint32_t c = key_col(sc, key);
    return c == UINT32_MAX ? NULL : qs_form_text_at(f, sc, row, c);
}

static uint32_t pos_col(const sheet_ctx *sc, const char *key)
{
    uint32_t c = key_col(sc, key);
    return c == UINT32_MAX ? 0 : c;
}

/* drops n, built from a row with a cell error (already reported): the
 * schema would only repeat it as a missing attribute */
static void drop_if(form *f, xmlNode *n, size_t errors)
{
    if (qs_diag_errors(f->d) > errors) {
        xmlUnlinkNode(n);
        xmlFreeNode(n);
    }
}

static void emit_series(form *f, xmlNode *item, const rec *r, bool *bad)
{
    const sheet_ctx *sc = &f->sheets[QS_FORM_SERIES];
    bool *done = qs_arena_calloc(f->a, r->n[L_SERIES] ? r->n[L_SERIES] : 1, sizeof *done);
    for (size_t i = 0; i < r->n[L_SERIES]; i++) {
        if (done[i])
            continue;
        const char *q = text_key(f, sc, r->rows[L_SERIES][i], "quantity");
        q = q ? qs_form_trimmed(f->a, q) : "";
        xmlNode *s = element(f, item, "series", sc, r->rows[L_SERIES][i], pos_col(sc, "quantity"));
        set(s, "quantity", q);
        for (size_t j = i; j < r->n[L_SERIES]; j++) {
            uint32_t row = r->rows[L_SERIES][j];
            const char *qj = text_key(f, sc, row, "quantity");
            if (done[j] || strcmp(qj ? qs_form_trimmed(f->a, qj) : "", q))
                continue;
            done[j] = true;
            uint32_t vc = key_col(sc, "value"), yc = key_col(sc, "year");
            const char *v = qs_form_decimal_at(f, sc, row, vc, bad);
            const char *y = yc != UINT32_MAX ? qs_form_year_at(f, sc, row, yc) : NULL;
            if (!y && yc != UINT32_MAX && !qs_form_text_at(f, sc, row, yc))
                qs_form_cell_error(f, sc, row, yc, "a value without its year");
            if (!v || !y)
                continue;
            xmlNode *p = element(f, s, "point", sc, row, vc);
            set(p, "year", y);
            set(p, "value", v);
        }
    }
}

static void emit_item(form *f, xmlNode *unit, const rec *r)
{
    const sheet_ctx *is = &f->sheets[QS_FORM_ITEMS];
    bool listed = r->n[0] || r->n[1] || r->n[2] || r->n[3];
    if (r->has_row && !row_filled(f, is, r->row, item_fill) && !listed)
        return; /* an empty row is no evidence */
    bool bad = false;
    xmlNode *it = r->has_row ? element(f, unit, "item", is, r->row, pos_col(is, "item"))
                             : element(f, unit, "item", r->first, r->first_row, r->first_col);
    set(it, "ref", r->ref);
    if (r->has_row) {
        uint32_t c = key_col(is, "done");
        set(it, "done", c != UINT32_MAX ? qs_form_boolean_at(f, is, r->row, c, "done") : NULL);
        c = key_col(is, "claimed");
        set(it, "claimed", c != UINT32_MAX ? qs_form_decimal_at(f, is, r->row, c, &bad) : NULL);
        row_values(f, it, r->row, "measure:", "measure", &bad);
        row_values(f, it, r->row, "fact:", "fact", &bad);
        row_values(f, it, r->row, "reference:", "reference", &bad);
    }
    emit_series(f, it, r, &bad);
    const sheet_ctx *aw = &f->sheets[QS_FORM_AWARDS];
    for (size_t i = 0; i < r->n[L_AWARDS]; i++) {
        uint32_t row = r->rows[L_AWARDS][i];
        size_t errors = qs_diag_errors(f->d);
        xmlNode *n = element(f, it, "award", aw, row, pos_col(aw, "text"));
        set(n, "level", key_col(aw, "level") != UINT32_MAX ? qs_form_level_at(f, aw, row, key_col(aw, "level")) : NULL);
        set(n, "date", key_col(aw, "date") != UINT32_MAX ? qs_form_date_at(f, aw, row, key_col(aw, "date")) : NULL);
        const char *any = key_col(aw, "any-year") != UINT32_MAX ? qs_form_boolean_at(f, aw, row, key_col(aw, "any-year"), "bool") : NULL;
        if (any && !strcmp(any, "true"))
            set(n, "any-year", any);
        set_text(n, text_key(f, aw, row, "text"));
        drop_if(f, n, errors);
    }
    const sheet_ctx *ic = &f->sheets[QS_FORM_INCIDENTS];
    for (size_t i = 0; i < r->n[L_INCIDENTS]; i++) {
        uint32_t row = r->rows[L_INCIDENTS][i];
        size_t errors = qs_diag_errors(f->d);
        xmlNode *n = element(f, it, "incident", ic, row, pos_col(ic, "kind"));
        const char *kind = text_key(f, ic, row, "kind");
        set(n, "kind", kind ? qs_form_trimmed(f->a, kind) : NULL);
        set(n, "date", key_col(ic, "date") != UINT32_MAX ? qs_form_date_at(f, ic, row, key_col(ic, "date")) : NULL);
        set_text(n, text_key(f, ic, row, "text"));
        drop_if(f, n, errors);
    }
    if (r->has_row) {
        uint32_t c = key_col(is, "assessed");
        const char *score = c != UINT32_MAX ? qs_form_decimal_at(f, is, r->row, c, &bad) : NULL;
        const char *why = text_key(f, is, r->row, "assessed-reason");
        if (score || why) {
            xmlNode *n = element(f, it, "assessed", is, r->row, c != UINT32_MAX ? c : 0);
            set(n, "score", score);
            set_text(n, why);
        }
    }
    const sheet_ctx *ds = &f->sheets[QS_FORM_DOCUMENTS];
    for (size_t i = 0; i < r->n[L_DOCUMENTS]; i++) {
        uint32_t row = r->rows[L_DOCUMENTS][i];
        size_t errors = qs_diag_errors(f->d);
        /* the file cell when there is one: a missing or misplaced file is the usual fault */
        const char *file = text_key(f, ds, row, "file");
        xmlNode *n = element(f, it, "document", ds, row, pos_col(ds, file ? "file" : "title"));
        set(n, "title", text_key(f, ds, row, "title"));
        const char *num = text_key(f, ds, row, "number"), *iss = text_key(f, ds, row, "issuer");
        set(n, "number", num ? qs_form_trimmed(f->a, num) : NULL);
        set(n, "issuer", iss ? qs_form_trimmed(f->a, iss) : NULL);
        set(n, "date", key_col(ds, "date") != UINT32_MAX ? qs_form_date_at(f, ds, row, key_col(ds, "date")) : NULL);
        set(n, "file", file ? qs_form_trimmed(f->a, file) : NULL);
        const char *any = key_col(ds, "any-year") != UINT32_MAX ? qs_form_boolean_at(f, ds, row, key_col(ds, "any-year"), "bool") : NULL;
        if (any && !strcmp(any, "true"))
            set(n, "any-year", any);
        drop_if(f, n, errors);
    }
    for (uint32_t c = 0; r->has_row && c < is->n_cols; c++) {
        if (!is->keys[c] || strcmp(is->keys[c], "narrative"))
            continue;
        const char *t = qs_form_text_at(f, is, r->row, c);
        if (t)
            set_text(element(f, it, "narrative", is, r->row, c), t);
    }
}

static void emit_targets(form *f, xmlNode *unit)
{
    const sheet_ctx *ts = &f->sheets[QS_FORM_TARGETS];
    uint32_t vc = key_col(ts, "value");
    for (uint32_t row = QS_FORM_LIST_FIRST_ROW; ts->s && vc != UINT32_MAX && row < ts->s->n_rows; row++) {
        bool bad = false;
        const char *v = qs_form_decimal_at(f, ts, row, vc, &bad);
        if (!v)
            continue;
        const char *q = text_key(f, ts, row, "quantity");
        if (!q) {
            qs_form_cell_error(f, ts, row, pos_col(ts, "quantity"), "a value without its quantity");
            continue;
        }
        xmlNode *n = element(f, unit, "measure", ts, row, vc);
        set(n, "quantity", qs_form_trimmed(f->a, q));
        set(n, "value", v);
        const char *u = text_key(f, ts, row, "unit"), *s = text_key(f, ts, row, "source");
        set(n, "unit", u ? qs_form_trimmed(f->a, u) : NULL);
        set(n, "source", s ? qs_form_trimmed(f->a, s) : NULL);
    }
}

xmlDoc *qs_form_document(qs_arena *a, const qs_xbook *b, const char *path, qs_diags *d, const char ***cells,
                         size_t *n_cells)
{
    form f = {.a = a, .path = path, .d = d, .b = b};
    if (!read_meta(&f))
        return NULL;
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"evidence");
    xmlDocSetRootElement(doc, root);
    f.ns = xmlNewNs(root, (const xmlChar *)qs_xml_namespace(QS_DOC_EVIDENCE), NULL);
    xmlSetNs(root, f.ns);
    const sheet_ctx *is = &f.sheets[QS_FORM_ITEMS];
    f.cap_cells = 256;
    f.cells = qs_arena_alloc(a, f.cap_cells * sizeof *f.cells);
    f.cells[f.n_cells++] = qs_form_pos_name(&f, is, QS_FORM_INFO_ROW, QS_FORM_REGION_COL);
    root->line = 1;
    set(root, "version", "1");
    const char *region = qs_form_text_at(&f, is, QS_FORM_INFO_ROW, QS_FORM_REGION_COL);
    set(root, "region", region ? qs_form_trimmed(a, region) : NULL);
    set(root, "year", qs_form_year_at(&f, is, QS_FORM_INFO_ROW, QS_FORM_YEAR_COL));
    const qs_xsheet *m = qs_xlsx_sheet(b, QS_FORM_META_SHEET);
    for (size_t i = 0; m && i < m->n_cells; i++)
        if (m->cells[i].col == 0 && !strcmp(m->cells[i].text, "sample")) {
            const qs_xcell *v = qs_xlsx_cell_at(m, m->cells[i].row, 1);
            if (v && !strcmp(v->text, "true"))
                set(root, "sample", "true");
        }
    xmlNode *unit = element(&f, root, "unit", is, QS_FORM_INFO_ROW, QS_FORM_UNIT_COL);
    const char *uname = qs_form_text_at(&f, is, QS_FORM_INFO_ROW, QS_FORM_UNIT_COL);
    set(unit, "name", uname ? qs_form_trimmed(a, uname) : NULL);
    emit_targets(&f, unit);
    collect(&f);
    for (size_t i = 0; i < f.n_recs && !f.too_many; i++)
        emit_item(&f, unit, &f.recs[i]);
    /* cell errors are reported and their elements left out: the rest is still checked */
    if (f.too_many) {
        xmlFreeDoc(doc);
        return NULL;
    }
    *cells = f.cells;
    *n_cells = f.n_cells;
    return doc;
}

qs_evidence *qs_load_form_fd(qs_arena *a, int fd, const char *path, qs_diags *d, bool *io_error)
{
    qs_xbook *b = qs_xlsx_read_fd(a, fd, path, d, io_error);
    if (!b)
        return NULL;
    const char **cells;
    size_t n;
    xmlDoc *doc = qs_form_document(a, b, path, d, &cells, &n);
    if (!doc)
        return NULL;
    qs_diags tmp;
    qs_diag_init(&tmp);
    qs_evidence *e = NULL;
    if (qs_xml_check(doc, QS_DOC_EVIDENCE, path, &tmp)) {
        e = qs_load_evidence_doc(a, doc, path, &tmp);
        qs_form_move_model(e, path, cells, n);
    }
    qs_form_move_diags(&tmp, d, path, cells, n);
    xmlFreeDoc(doc);
    return e;
}

bool qs_form_import(qs_arena *a, int fd, const char *path, qs_diags *d, bool *io_error, char **xml, size_t *len)
{
    *xml = NULL;
    *len = 0;
    qs_xbook *b = qs_xlsx_read_fd(a, fd, path, d, io_error);
    if (!b)
        return false;
    const char **cells;
    size_t n;
    xmlDoc *doc = qs_form_document(a, b, path, d, &cells, &n);
    if (!doc)
        return false;
    qs_diags tmp;
    qs_diag_init(&tmp);
    bool ok = qs_xml_check(doc, QS_DOC_EVIDENCE, path, &tmp) && !qs_diag_errors(d);
    qs_form_move_diags(&tmp, d, path, cells, n);
    if (ok) {
        xmlChar *mem = NULL;
        int size = 0;
        xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
        *xml = qs_xmalloc((size_t)size + 1);
        memcpy(*xml, mem, (size_t)size);
        (*xml)[size] = '\0';
        *len = (size_t)size;
        xmlFree(mem);
    }
    xmlFreeDoc(doc);
    return ok;
}
