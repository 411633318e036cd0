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
 */
#include "load_form.h"
#include "form.h"
#include "load_internal.h"
#include "xlsx_read.h"

#include <libxml/xmlsave.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *const qs_form_sheet_kinds[QS_FORM_N_SHEETS] = {
    "items", "targets", "documents", "awards", "incidents", "series",
};

const char *const qs_form_word_keys[] = {
    "done.yes", "done.no", "bool.yes", "bool.no", "level.national", "level.provincial", "level.city",
    "level.county", NULL,
};

/* positions an element may carry: its line is an index into them, and
 * libxml2 keeps lines below 65535 on the element itself */
#define MAX_POSITIONS 65000

typedef struct sheet_ctx {
    const qs_xsheet *s;
    const char **keys; /* per column, NULL when none */
    uint32_t n_cols;
    /* lookups already made: a key's column; and which columns a fill test takes */
    const char *cache_key[32];
    uint32_t cache_col[32];
    size_t n_cache;
    bool (*fill_fn)(const char *key);
    bool *fills;
} sheet_ctx;

enum { L_DOCUMENTS, L_AWARDS, L_INCIDENTS, L_SERIES, L_COUNT };

typedef struct rec {
    const char *ref;
    bool has_row;
    uint32_t row;           /* on the items sheet */
    const sheet_ctx *first; /* where it was first named, when not on the items sheet */
    uint32_t first_row, first_col;
    uint32_t *rows[L_COUNT];
    size_t n[L_COUNT], cap[L_COUNT];
} rec;

typedef struct form {
    qs_arena *a;
    const char *path;
    qs_diags *d;
    const qs_xbook *b;
    sheet_ctx sheets[QS_FORM_N_SHEETS];
    const char *words[16];
    const char **cells; /* positions, by line - 1 */
    size_t n_cells, cap_cells;
    xmlNs *ns;
    rec *recs;
    size_t n_recs, cap_recs;
    bool too_many;
} form;

static const char *pos_name(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    char ref[16];
    return qs_arena_printf(f->a, "%s:%s!%s", f->path, sc->s->name, qs_xlsx_ref(row, col, ref));
}

__attribute__((format(printf, 5, 6))) static void cell_error(form *f, const sheet_ctx *sc, uint32_t row,
                                                             uint32_t col, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    qs_srcpos pos = {pos_name(f, sc, row, col), 0};
    qs_diag_error(f->d, pos, "%s", msg);
}

/* ---- cells as the XSD's lexical forms ---- */

static const qs_xcell *cell(const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    return sc && sc->s ? qs_xlsx_cell_at(sc->s, row, col) : NULL;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* the cell's text, or NULL when empty; an error value or a control
 * character (which XML cannot carry) is an error */
static const char *text_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    const qs_xcell *c = cell(sc, row, col);
    if (!c || is_blank(c->text))
        return NULL;
    if (c->type == QS_XCELL_ERROR) {
        cell_error(f, sc, row, col, "the cell holds the error value %s", c->text);
        return NULL;
    }
    for (const unsigned char *p = (const unsigned char *)c->text; *p; p++)
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
            cell_error(f, sc, row, col, "the text has a control character (U+%04X), which XML cannot carry", *p);
            return NULL;
        }
    return c->text;
}

static const char *trimmed(qs_arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return qs_arena_strndup(a, s, n);
}

/* a number cell (or text that is an xs:decimal) as a decimal literal */
static const char *decimal_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col, bool *bad)
{
    const char *t = text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const qs_xcell *c = cell(sc, row, col);
    char buf[400];
    if (c->type == QS_XCELL_NUMBER && qs_xlsx_decimal(c->num, buf, sizeof buf))
        return qs_arena_strdup(f->a, buf);
    const char *s = trimmed(f->a, t);
    double v;
    if (c->type == QS_XCELL_STRING && qs_xml_lex_decimal(s, &v) == QS_LEX_OK)
        return s;
    cell_error(f, sc, row, col, "\"%s\" is not a number", t);
    *bad = true;
    return NULL;
}

/* a date cell (a serial of the workbook's date system) or text YYYY-MM-DD */
static const char *date_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    const char *t = text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const qs_xcell *c = cell(sc, row, col);
    int y, m, d;
    if (c->type == QS_XCELL_NUMBER) {
        if (qs_xlsx_serial_date(c->num, f->b->date1904, &y, &m, &d))
            return qs_arena_printf(f->a, "%04d-%02d-%02d", y, m, d);
        cell_error(f, sc, row, col, "%s is not a date Excel can show (from 1900-03-01 to 9999-12-31)", t);
        return NULL;
    }
    const char *s = trimmed(f->a, t);
    qs_xml_date dt;
    if (c->type == QS_XCELL_STRING && qs_xml_lex_date(s, &dt) == QS_LEX_OK)
        return s;
    cell_error(f, sc, row, col, "\"%s\" is not a date (a date cell, or text as 2022-06-30)", t);
    return NULL;
}

/* a year: a whole number cell or xs:gYear text */
static const char *year_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    const char *t = text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const qs_xcell *c = cell(sc, row, col);
    if (c->type == QS_XCELL_NUMBER && c->num == (double)(int)c->num && c->num >= 1 && c->num <= 9999)
        return qs_arena_printf(f->a, "%04d", (int)c->num);
    const char *s = trimmed(f->a, t);
    int y;
    if (c->type == QS_XCELL_STRING && qs_xml_lex_gyear(s, &y) == QS_LEX_OK)
        return s;
    cell_error(f, sc, row, col, "\"%s\" is not a year", t);
    return NULL;
}

static const char *word(const form *f, const char *key)
{
    for (size_t i = 0; qs_form_word_keys[i]; i++)
        if (!strcmp(qs_form_word_keys[i], key))
            return f->words[i];
    return NULL;
}

/* yes/no: the form's two words (of `kind`: "done" or "bool"), a boolean cell, or true/false/1/0 */
static const char *boolean_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col, const char *kind)
{
    const char *t = text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const qs_xcell *c = cell(sc, row, col);
    if (c->type == QS_XCELL_BOOL || c->type == QS_XCELL_NUMBER)
        return c->num != 0 ? "true" : "false";
    const char *s = trimmed(f->a, t);
    char k[32];
    snprintf(k, sizeof k, "%s.yes", kind);
    const char *yes = word(f, k);
    snprintf(k, sizeof k, "%s.no", kind);
    const char *no = word(f, k);
    bool b;
    if ((yes && !strcmp(s, yes)) || !strcasecmp(s, "true"))
        return "true";
    if ((no && !strcmp(s, no)) || !strcasecmp(s, "false"))
        return "false";
    if (qs_xml_lex_boolean(s, &b) == QS_LEX_OK)
        return b ? "true" : "false";
    cell_error(f, sc, row, col, "\"%s\" is neither \"%s\" nor \"%s\"", t, yes ? yes : "true", no ? no : "false");
    return NULL;
}

static const char *level_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    const char *t = text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const char *s = trimmed(f->a, t);
    static const char *const ids[] = {"national", "provincial", "city", "county"};
    char k[32];
    const char *list = "";
    for (size_t i = 0; i < 4; i++) {
        snprintf(k, sizeof k, "level.%s", ids[i]);
        const char *w = word(f, k);
        if ((w && !strcmp(s, w)) || !strcmp(s, ids[i]))
            return ids[i];
        list = qs_arena_printf(f->a, "%s%s\"%s\"", list, i ? ", " : "", w ? w : ids[i]);
    }
    cell_error(f, sc, row, col, "\"%s\" is not a level: one of %s", t, list);
    return NULL;
}

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
    f->cells[f->n_cells++] = pos_name(f, sc, row, col);
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
        const qs_xcell *x = m->fills[c] ? cell(sc, row, c) : NULL;
        if (x && !is_blank(x->text))
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
        const char *ref = text_at(f, is, row, ic);
        if (!ref) {
            if (row_filled(f, is, row, item_fill))
                cell_error(f, is, row, ic, "a filled row without its scoring item");
            continue;
        }
        rec *r = find_rec(f, trimmed(f->a, ref));
        if (r->has_row) {
            cell_error(f, is, row, ic, "scoring item %s has a second row (the first is row %u)", r->ref, r->row + 1);
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
            const char *ref = text_at(f, sc, row, c);
            if (!ref) {
                cell_error(f, sc, row, c, "which scoring item is this row's? The column is empty");
                continue;
            }
            rec *r = find_rec(f, trimmed(f->a, ref));
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
    const char *source = sc_col != UINT32_MAX ? text_at(f, is, row, sc_col) : NULL;
    for (uint32_t c = 0; c < is->n_cols; c++) {
        if (!has_prefix(is->keys[c], kind))
            continue;
        const char *q = is->keys[c] + strlen(kind);
        if (!strcmp(kind, "fact:")) {
            const char *v = boolean_at(f, is, row, c, "bool");
            if (v) {
                xmlNode *n = element(f, item, element_name, is, row, c);
                set(n, "ref", q);
                set(n, "value", v);
            }
            continue;
        }
        const char *v = decimal_at(f, is, row, c, bad);
        if (!v)
            continue;
        xmlNode *n = element(f, item, element_name, is, row, c);
        const char *bar = strchr(q, '|'); /* "quantity|unit" */
        set(n, "quantity", bar ? qs_arena_strndup(f->a, q, (size_t)(bar - q)) : q);
        set(n, "value", v);
        if (bar && bar[1])
            set(n, "unit", bar + 1);
        if (!strcmp(kind, "measure:"))
            set(n, "source", source ? trimmed(f->a, source) : NULL);
    }
}

static uint32_t key_col(const sheet_ctx *sc, const char *key)
{
    return col_of(sc, key, 0);
}

static const char *text_key(form *f, const sheet_ctx *sc, uint32_t row, const char *key)
{
    uint32_t c = key_col(sc, key);
    return c == UINT32_MAX ? NULL : text_at(f, sc, row, c);
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
        q = q ? trimmed(f->a, q) : "";
        xmlNode *s = element(f, item, "series", sc, r->rows[L_SERIES][i], pos_col(sc, "quantity"));
        set(s, "quantity", q);
        for (size_t j = i; j < r->n[L_SERIES]; j++) {
            uint32_t row = r->rows[L_SERIES][j];
            const char *qj = text_key(f, sc, row, "quantity");
            if (done[j] || strcmp(qj ? trimmed(f->a, qj) : "", q))
                continue;
            done[j] = true;
            uint32_t vc = key_col(sc, "value"), yc = key_col(sc, "year");
            const char *v = decimal_at(f, sc, row, vc, bad);
            const char *y = yc != UINT32_MAX ? year_at(f, sc, row, yc) : NULL;
            if (!y && yc != UINT32_MAX && !text_at(f, sc, row, yc))
                cell_error(f, sc, row, yc, "a value without its year");
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
        set(it, "done", c != UINT32_MAX ? boolean_at(f, is, r->row, c, "done") : NULL);
        c = key_col(is, "claimed");
        set(it, "claimed", c != UINT32_MAX ? decimal_at(f, is, r->row, c, &bad) : NULL);
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
        set(n, "level", key_col(aw, "level") != UINT32_MAX ? level_at(f, aw, row, key_col(aw, "level")) : NULL);
        set(n, "date", key_col(aw, "date") != UINT32_MAX ? date_at(f, aw, row, key_col(aw, "date")) : NULL);
        const char *any = key_col(aw, "any-year") != UINT32_MAX ? boolean_at(f, aw, row, key_col(aw, "any-year"), "bool") : NULL;
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
        set(n, "kind", kind ? trimmed(f->a, kind) : NULL);
        set(n, "date", key_col(ic, "date") != UINT32_MAX ? date_at(f, ic, row, key_col(ic, "date")) : NULL);
        set_text(n, text_key(f, ic, row, "text"));
        drop_if(f, n, errors);
    }
    if (r->has_row) {
        uint32_t c = key_col(is, "assessed");
        const char *score = c != UINT32_MAX ? decimal_at(f, is, r->row, c, &bad) : NULL;
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
        set(n, "number", num ? trimmed(f->a, num) : NULL);
        set(n, "issuer", iss ? trimmed(f->a, iss) : NULL);
        set(n, "date", key_col(ds, "date") != UINT32_MAX ? date_at(f, ds, row, key_col(ds, "date")) : NULL);
        set(n, "file", file ? trimmed(f->a, file) : NULL);
        const char *any = key_col(ds, "any-year") != UINT32_MAX ? boolean_at(f, ds, row, key_col(ds, "any-year"), "bool") : NULL;
        if (any && !strcmp(any, "true"))
            set(n, "any-year", any);
        drop_if(f, n, errors);
    }
    for (uint32_t c = 0; r->has_row && c < is->n_cols; c++) {
        if (!is->keys[c] || strcmp(is->keys[c], "narrative"))
            continue;
        const char *t = text_at(f, is, r->row, c);
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
        const char *v = decimal_at(f, ts, row, vc, &bad);
        if (!v)
            continue;
        const char *q = text_key(f, ts, row, "quantity");
        if (!q) {
            cell_error(f, ts, row, pos_col(ts, "quantity"), "a value without its quantity");
            continue;
        }
        xmlNode *n = element(f, unit, "measure", ts, row, vc);
        set(n, "quantity", trimmed(f->a, q));
        set(n, "value", v);
        const char *u = text_key(f, ts, row, "unit"), *s = text_key(f, ts, row, "source");
        set(n, "unit", u ? trimmed(f->a, u) : NULL);
        set(n, "source", s ? trimmed(f->a, s) : NULL);
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
    f.cells[f.n_cells++] = pos_name(&f, is, QS_FORM_INFO_ROW, QS_FORM_REGION_COL);
    root->line = 1;
    set(root, "version", "1");
    const char *region = text_at(&f, is, QS_FORM_INFO_ROW, QS_FORM_REGION_COL);
    set(root, "region", region ? trimmed(a, region) : NULL);
    set(root, "year", year_at(&f, is, QS_FORM_INFO_ROW, QS_FORM_YEAR_COL));
    const qs_xsheet *m = qs_xlsx_sheet(b, QS_FORM_META_SHEET);
    for (size_t i = 0; m && i < m->n_cells; i++)
        if (m->cells[i].col == 0 && !strcmp(m->cells[i].text, "sample")) {
            const qs_xcell *v = qs_xlsx_cell_at(m, m->cells[i].row, 1);
            if (v && !strcmp(v->text, "true"))
                set(root, "sample", "true");
        }
    xmlNode *unit = element(&f, root, "unit", is, QS_FORM_INFO_ROW, QS_FORM_UNIT_COL);
    const char *uname = text_at(&f, is, QS_FORM_INFO_ROW, QS_FORM_UNIT_COL);
    set(unit, "name", uname ? trimmed(a, uname) : NULL);
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

/* ---- positions: from lines of the built document to cells ---- */

static void move_diags(qs_diags *from, qs_diags *to, const char *path, const char **cells, size_t n)
{
    for (size_t i = 0; i < from->count; i++) {
        const qs_diag *g = &from->items[i];
        qs_srcpos pos = {g->file, g->line};
        if (g->file && !strcmp(g->file, path) && g->line > 0 && (size_t)g->line <= n) {
            pos.file = cells[g->line - 1];
            pos.line = 0;
        }
        qs_diag_add(to, g->severity, pos, "%s", g->message);
    }
    qs_diag_free(from);
}

static void move(qs_srcpos *p, const char *path, const char **cells, size_t n)
{
    if (p->file == path && p->line > 0 && (size_t)p->line <= n) {
        p->file = cells[p->line - 1];
        p->line = 0;
    }
}

static void move_measures(qs_measure *m, size_t k, const char *path, const char **cells, size_t n)
{
    for (size_t i = 0; i < k; i++)
        move(&m[i].pos, path, cells, n);
}

static void move_model(qs_evidence *e, const char *path, const char **cells, size_t n)
{
    move(&e->pos, path, cells, n);
    for (size_t u = 0; u < e->n_units; u++) {
        qs_evidence_unit *eu = &e->units[u];
        move(&eu->pos, path, cells, n);
        move_measures(eu->measures, eu->n_measures, path, cells, n);
        for (size_t k = 0; k < eu->n_items; k++) {
            qs_evidence_item *it = &eu->items[k];
            move(&it->pos, path, cells, n);
            move(&it->assessed_pos, path, cells, n);
            move_measures(it->measures, it->n_measures, path, cells, n);
            move_measures(it->references, it->n_references, path, cells, n);
            for (size_t j = 0; j < it->n_facts; j++)
                move(&it->facts[j].pos, path, cells, n);
            for (size_t j = 0; j < it->n_series; j++) {
                move(&it->series[j].pos, path, cells, n);
                for (size_t x = 0; x < it->series[j].n_points; x++)
                    move(&it->series[j].points[x].pos, path, cells, n);
            }
            for (size_t j = 0; j < it->n_awards; j++)
                move(&it->awards[j].pos, path, cells, n);
            for (size_t j = 0; j < it->n_incidents; j++)
                move(&it->incidents[j].pos, path, cells, n);
            for (size_t j = 0; j < it->n_documents; j++)
                move(&it->documents[j].pos, path, cells, n);
        }
    }
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
        move_model(e, path, cells, n);
    }
    move_diags(&tmp, d, path, cells, n);
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
    move_diags(&tmp, d, path, cells, n);
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
