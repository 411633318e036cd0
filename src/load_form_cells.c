/* load_form_cells.c - a form's cells as the XSD's lexical forms, and the
 * positions of what is built from them (stage 1: load).
 *
 * Reads: the cells of a filled form (xlsx_read.h), one at a time, for
 * load_form.c.  Writes: the text, decimal, date, year, yes/no or level an
 * evidence XML file would hold there, or an error at the cell
 * (`file:Sheet!C12: error: ...`) when the cell cannot be one; and, once the
 * built document is checked and loaded, every diagnostic and model
 * position moved from its line in that document to its cell.  Never
 * builds XML itself and never decides which rows are evidence.
 */
#include "form.h"
#include "load_form_internal.h"
#include "xlsx_read.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *qs_form_pos_name(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    char ref[16];
    return qs_arena_printf(f->a, "%s:%s!%s", f->path, sc->s->name, qs_xlsx_ref(row, col, ref));
}

__attribute__((format(printf, 5, 6))) void qs_form_cell_error(form *f, const sheet_ctx *sc, uint32_t row,
                                                             uint32_t col, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap); /* translated here: xgettext knows qs_form_cell_error */
    va_end(ap);
    qs_srcpos pos = {qs_form_pos_name(f, sc, row, col), 0};
    qs_diag_error(f->d, pos, "%s", msg);
}

/* ---- cells as the XSD's lexical forms ---- */

const qs_xcell *qs_form_cell(const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    return sc && sc->s ? qs_xlsx_cell_at(sc->s, row, col) : NULL;
}

bool qs_form_is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* the cell's text, or NULL when empty; an error value or a control
 * character (which XML cannot carry) is an error */
const char *qs_form_text_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    const qs_xcell *c = qs_form_cell(sc, row, col);
    if (!c || qs_form_is_blank(c->text))
        return NULL;
    if (c->type == QS_XCELL_ERROR) {
        qs_form_cell_error(f, sc, row, col, "the cell holds the error value %s", c->text);
        return NULL;
    }
    for (const unsigned char *p = (const unsigned char *)c->text; *p; p++)
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
            qs_form_cell_error(f, sc, row, col, "the text has a control character (U+%04X), which XML cannot carry", *p);
            return NULL;
        }
    return c->text;
}

const char *qs_form_trimmed(qs_arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return qs_arena_strndup(a, s, n);
}

/* a number cell (or text that is an xs:decimal) as a decimal literal */
const char *qs_form_decimal_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col, bool *bad)
{
    const char *t = qs_form_text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const qs_xcell *c = qs_form_cell(sc, row, col);
    char buf[400];
    if (c->type == QS_XCELL_NUMBER && qs_xlsx_decimal(c->num, buf, sizeof buf))
        return qs_arena_strdup(f->a, buf);
    const char *s = qs_form_trimmed(f->a, t);
    double v;
    if (c->type == QS_XCELL_STRING && qs_xml_lex_decimal(s, &v) == QS_LEX_OK)
        return s;
    qs_form_cell_error(f, sc, row, col, "\"%s\" is not a number", t);
    *bad = true;
    return NULL;
}

/* a date cell (a serial of the workbook's date system) or text YYYY-MM-DD */
const char *qs_form_date_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    const char *t = qs_form_text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const qs_xcell *c = qs_form_cell(sc, row, col);
    int y, m, d;
    if (c->type == QS_XCELL_NUMBER) {
        if (qs_xlsx_serial_date(c->num, f->b->date1904, &y, &m, &d))
            return qs_arena_printf(f->a, "%04d-%02d-%02d", y, m, d);
        qs_form_cell_error(f, sc, row, col, "%s is not a date Excel can show (from 1900-03-01 to 9999-12-31)", t);
        return NULL;
    }
    const char *s = qs_form_trimmed(f->a, t);
    qs_xml_date dt;
    if (c->type == QS_XCELL_STRING && qs_xml_lex_date(s, &dt) == QS_LEX_OK)
        return s;
    qs_form_cell_error(f, sc, row, col, "\"%s\" is not a date (a date cell, or text as 2022-06-30)", t);
    return NULL;
}

/* a year: a whole number cell or xs:gYear text */
const char *qs_form_year_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    const char *t = qs_form_text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const qs_xcell *c = qs_form_cell(sc, row, col);
    if (c->type == QS_XCELL_NUMBER && c->num == (double)(int)c->num && c->num >= 1 && c->num <= 9999)
        return qs_arena_printf(f->a, "%04d", (int)c->num);
    const char *s = qs_form_trimmed(f->a, t);
    int y;
    if (c->type == QS_XCELL_STRING && qs_xml_lex_gyear(s, &y) == QS_LEX_OK)
        return s;
    qs_form_cell_error(f, sc, row, col, "\"%s\" is not a year", t);
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
const char *qs_form_boolean_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col, const char *kind)
{
    const char *t = qs_form_text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const qs_xcell *c = qs_form_cell(sc, row, col);
    if (c->type == QS_XCELL_BOOL || c->type == QS_XCELL_NUMBER)
        return c->num != 0 ? "true" : "false";
    const char *s = qs_form_trimmed(f->a, t);
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
    qs_form_cell_error(f, sc, row, col, "\"%s\" is neither \"%s\" nor \"%s\"", t, yes ? yes : "true", no ? no : "false");
    return NULL;
}

const char *qs_form_level_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col)
{
    const char *t = qs_form_text_at(f, sc, row, col);
    if (!t)
        return NULL;
    const char *s = qs_form_trimmed(f->a, t);
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
    qs_form_cell_error(f, sc, row, col, "\"%s\" is not a level: one of %s", t, list);
    return NULL;
}

/* ---- positions: from lines of the built document to cells ---- */

void qs_form_move_diags(qs_diags *from, qs_diags *to, const char *path, const char **cells, size_t n)
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

void qs_form_move_model(qs_evidence *e, const char *path, const char **cells, size_t n)
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
