/* evindex.h - the evidence index (the list of supporting documents): one row
 * per document the evidence cites (a distinct file; without a file, a
 * distinct title, number, issuer and date), in table order of its first
 * citation, with every citation of it and the name its file has inside the
 * submission package.  Arena memory. */
#ifndef QS_EVINDEX_H
#define QS_EVINDEX_H

#include "model.h"
#include "table.h"

/* One entry's citation of a document. */
typedef struct qs_evindex_cite {
    const qs_evidence_item *report;
    const qs_unit *unit;        /* the unit whose evidence cites it (NULL: unresolved) */
    const qs_indicator *indicator;
} qs_evindex_cite;

typedef struct qs_evindex_row {
    const qs_document *doc;     /* as its first citation gives it */
    qs_evindex_cite *cites;     /* every citation, in table order */
    size_t n_cites;
    const char *package_name;   /* path inside the package, or NULL without a file */
} qs_evindex_row;

typedef struct qs_evindex {
    qs_evindex_row *rows;
    size_t n_rows;
    const char **files;   /* distinct cited files (paths relative to the case), in row order */
    const char **names;   /* their names in the package, same order */
    size_t n_files;
} qs_evindex;

/* dir: the folder the attachments go to inside the package (e.g. 佐证材料). */
qs_evindex *qs_evindex_build(const qs_case *c, const char *dir, qs_arena *a);

/* The distinct indicator numbers, scoring item ids or unit names of a
 * row's citations, in citation order, joined by sep ("\n": one per line).
 * Arena memory of a. */
const char *qs_evindex_indicators(const qs_evindex_row *r, const char *sep, qs_arena *a);
const char *qs_evindex_items(const qs_evindex_row *r, const char *sep, qs_arena *a);
const char *qs_evindex_units(const qs_evindex_row *r, const char *sep, qs_arena *a);

/* The documents each row of the official table t cites: per row, one line
 * per document cited by a report of its indicator's items or their nested
 * items, each line once, in the order of items, then of evidence files;
 * a line is numbered_tmpl ({title}, {number}), or unnumbered_tmpl for a
 * document without a number.  Time linear in the evidence.  Arena memory
 * of out. */
const char **qs_evindex_table_documents(const qs_case *c, const qs_table *t, const char *numbered_tmpl,
                                        const char *unnumbered_tmpl, qs_arena *out);

#endif
