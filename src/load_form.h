/* load_form.h - a filled evidence form (.xlsx, form.h) read as evidence:
 * the same model, checks and diagnostics as an evidence XML file, each
 * diagnostic pointing at its cell ("file:Sheet!C12").
 */
#ifndef QS_LOAD_FORM_H
#define QS_LOAD_FORM_H

#include "model.h"
#include "xlsx_read.h"

#include <libxml/tree.h>
#include <stdbool.h>

/* The form at fd (taken; -1: the failed open's errno is reported), named
 * path, as evidence in arena a.  NULL, with diagnostics, when it cannot be
 * read or is not a valid form; *io_error when the file could not be read. */
qs_evidence *qs_load_form_fd(qs_arena *a, int fd, const char *path, qs_diags *d, bool *io_error);

/* The <evidence> document the cells of b say, before any XSD check; each
 * element's line is 1 + its index in *cells ("file:Sheet!C12", arena
 * memory).  A cell that cannot be read is an error at the cell and its
 * element is left out, so the rest is still checked.  NULL (with a
 * diagnostic) only when b is not a form; free the document with xmlFreeDoc. */
xmlDoc *qs_form_document(qs_arena *a, const qs_xbook *b, const char *path, qs_diags *d, const char ***cells,
                         size_t *n_cells);

/* `qsreport import`: the form at fd as canonical evidence XML (malloc'd in
 * *xml, *len bytes; free it) once it passes the evidence XSD.  False with
 * diagnostics otherwise. */
bool qs_form_import(qs_arena *a, int fd, const char *path, qs_diags *d, bool *io_error, char **xml, size_t *len);

#endif
