/* load.h - stage 1: XML files -> the case model (the only stage that sees XML).
 *
 * A CASE is a folder: plan.xml, the evidence folder's .xml files (read in name order) and
 * attachments/.  The plan names its indicator schema by file name; it is
 * looked up in the case folder first, then in the templates folder.
 * libxml2 is done with when these return: no xmlDoc outlives them.
 */
#ifndef QS_LOAD_H
#define QS_LOAD_H

#include "diag.h"
#include "model.h"

#include <stdbool.h>

/* Indicator schemas already loaded, kept across the cases of one batch
 * worker (a province's schema is shared by every district).  Zero it to
 * start; qs_load_cache_free() at the end. */
typedef struct qs_schema_cache {
    qs_arena *arena;
    char *path; /* the schema file, as realpath() names it */
    qs_schema *schema;
} qs_schema_cache;

typedef struct qs_load_opts {
    const char *templates_dir; /* where shipped indicator schemas live */
    qs_schema_cache *cache;    /* NULL: load the schema with every case */
    long long cited_max;       /* largest cited file taken, bytes; 0: QS_CITED_MAX_DEFAULT */
} qs_load_opts;

void qs_load_cache_free(qs_schema_cache *cache);

/* Loads the case folder dir into a new case whose memory is arena a.
 * Adds diagnostics for every problem and keeps going; parts that could not
 * be read are NULL.  *io_error is set when a file the user named (the
 * folder, its plan.xml) could not be read at all.  Never returns NULL. */
qs_case *qs_load_case(qs_arena *a, const char *dir, const qs_load_opts *o, qs_diags *d,
                      bool *io_error);

/* A descriptor of the cited file ct to copy from (close it after): the one
 * the case was read with (dup'ed), or, for a file past the descriptors a
 * process may hold, the file opened again beneath the case folder by the
 * same rule and found to be the very file that was checked (device and
 * inode).  -1 with errno (ESTALE: another file has taken its name). */
int qs_load_cited_fd(const qs_case *c, const qs_cited *ct);

/* The plan of the case folder dir alone (no schema, no evidence), read as
 * qs_load_case reads it: for a batch that must know every case's region
 * and year before it writes anything.  NULL (with diagnostics) when it
 * cannot be read. */
qs_plan *qs_load_plan(qs_arena *a, const char *dir, qs_diags *d);

/* Loads loose files, each recognised by its root namespace: at most one
 * indicator schema and one plan, any number of evidence files.  When no
 * schema file is given, the plan's is looked up beside the plan, then in the
 * templates folder.  Same contract as qs_load_case. */
qs_case *qs_load_files(qs_arena *a, const char *const *paths, size_t n, const qs_load_opts *o,
                       qs_diags *d, bool *io_error);


#endif
