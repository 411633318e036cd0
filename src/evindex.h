/* evindex.h - the evidence index (the list of supporting documents): every
 * document the evidence cites, once per citation, in table order, with the
 * name its file has inside the submission package.  Arena memory. */
#ifndef QS_EVINDEX_H
#define QS_EVINDEX_H

#include "model.h"

typedef struct qs_evindex_row {
    const qs_document *doc;
    const qs_evidence_item *report;
    const qs_unit *unit;        /* the unit whose evidence cites it */
    const qs_indicator *indicator;
    const char *package_name;   /* path inside the package, or NULL without a file */
} qs_evindex_row;

typedef struct qs_evindex {
    qs_evindex_row *rows;
    size_t n_rows;
    const char **files;   /* distinct cited files (paths relative to the case) */
    const char **names;   /* their names in the package, same order */
    size_t n_files;
} qs_evindex;

/* dir: the folder the attachments go to inside the package (e.g. 佐证材料). */
qs_evindex *qs_evindex_build(const qs_case *c, const char *dir, qs_arena *a);

#endif
