/* load_form_internal.h - what load_form.c (a form's rows -> the evidence
 * document) and load_form_cells.c (cells as lexical forms, positions
 * moved to cells) share: the form being read.  No other file includes it.
 */
#ifndef QS_LOAD_FORM_INTERNAL_H
#define QS_LOAD_FORM_INTERNAL_H

#include "diag.h"
#include "form.h"
#include "load_internal.h"
#include "xlsx_read.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>

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

/* "file:Sheet!C12", the position of a cell (arena memory). */
const char *qs_form_pos_name(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col);

/* An error at a cell of the sheet. */
__attribute__((format(printf, 5, 6))) void qs_form_cell_error(form *f, const sheet_ctx *sc, uint32_t row,
                                                              uint32_t col, const char *fmt, ...);

/* The cell at row and col (through a merged range), or NULL. */
const qs_xcell *qs_form_cell(const sheet_ctx *sc, uint32_t row, uint32_t col);

/* Is s only spaces, tabs and line ends? */
bool qs_form_is_blank(const char *s);

/* s without leading and trailing spaces, tabs and line ends (arena memory). */
const char *qs_form_trimmed(qs_arena *a, const char *s);

/* The cell as its evidence XML value would be written, or NULL when it is
 * empty or cannot be one (an error at the cell, already added; *bad set by
 * the decimal).  Arena memory or the book's. */
const char *qs_form_text_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col);
const char *qs_form_decimal_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col, bool *bad);
const char *qs_form_date_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col);
const char *qs_form_year_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col);
/* kind: "done" or "bool", the pair of words of the form's list */
const char *qs_form_boolean_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col, const char *kind);
const char *qs_form_level_at(form *f, const sheet_ctx *sc, uint32_t row, uint32_t col);

/* Adds the diagnostics of from to to, those at a line of the built
 * document (path) moved to their cells; frees from. */
void qs_form_move_diags(qs_diags *from, qs_diags *to, const char *path, const char **cells, size_t n);

/* Moves every position of e at a line of the built document to its cell. */
void qs_form_move_model(qs_evidence *e, const char *path, const char **cells, size_t n);

#endif
