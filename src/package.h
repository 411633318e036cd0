/* package.h - stage 5: the annual submission package of one case, written
 * atomically (a temporary folder beside the target, renamed into place
 * when complete), with a SHA256SUMS manifest and, optionally, as one zip. */
#ifndef QS_PACKAGE_H
#define QS_PACKAGE_H

#include "diag.h"
#include "render.h"
#include "score.h"

#include <signal.h>

typedef struct qs_package_opts {
    const char *out_dir;          /* the package folder goes inside */
    bool zip;                     /* one archive NAME.zip instead of a folder */
    const qs_render_opts *render; /* epoch, strings, font map, fonts */
} qs_package_opts;

/* A package being written: OUT/.qsreport.tmp-XXXXXX/<name>/, its marker
 * locked by the process that opened it and every process forked since. */
typedef struct qs_package_dir qs_package_dir;

/* What one process writes into a package: everything, or, on two cores,
 * the documents (with the evidence and the warnings) on one and the unit
 * sheets on the other. */
typedef enum { QS_PART_ALL, QS_PART_DOCS, QS_PART_UNITS } qs_package_part;
/* Set by the SIGINT/SIGTERM handler cli_batch.c installs; packaging stops at
 * the next step, removes its temporary folder and returns QS_ERR_IO. */
extern volatile sig_atomic_t qs_package_interrupted;

/* The strings.xml keys the package needs (NULL-terminated). */
extern const char *const qs_package_string_keys[];

/* The name of a plan's package (strings key package.name: its folder, or
 * NAME.zip), in a: the one place it is made, for the package and for the
 * batch that checks no two cases share it. */
const char *qs_package_name(const qs_strings *s, const qs_plan *p, qs_arena *a);

/* Writes the package of a valid case: the official table (xlsx, pdf), the
 * self-assessment table (xlsx), the report (pdf), the unit sheets, the
 * evidence index (xlsx, pdf), the cited files, the warnings of validation,
 * and SHA256SUMS.  warnings: the case's warning diagnostics.  *written gets
 * the final path (arena memory).  An older package of the same name is
 * replaced only when the new one is complete.  The same as open, write
 * QS_PART_ALL, close. */
qs_status qs_package_case(const qs_case *c, const qs_scores *sc, const qs_diags *warnings,
                          const qs_package_opts *o, qs_diags *d, const char **written);

/* The temporary folder of the package called name (qs_package_name) in
 * o->out_dir, made and locked; NULL with diagnostics.  o is kept. */
qs_package_dir *qs_package_open(const char *name, const qs_package_opts *o, qs_diags *d);

/* Writes part of the package of the valid case c into p, with this
 * process's wording and fonts ro; may run in a process forked after
 * qs_package_open.  An interrupted part removes the temporary folder (the
 * others then fail too). */
qs_status qs_package_write(qs_package_dir *p, qs_package_part part, const qs_case *c, const qs_scores *sc,
                           const qs_diags *warnings, const qs_render_opts *ro, qs_diags *d);

/* Removes p's temporary folder: the run was interrupted, and the process
 * that opened p may be gone.  p is still to be closed or released. */
void qs_package_discard(qs_package_dir *p);

/* In a process forked after qs_package_open: frees p, leaving its folder
 * and its lock to the process that opened it. */
void qs_package_release(qs_package_dir *p);

/* When ok (every part written): the manifest, and the package put in place;
 * *written gets its path (malloc'd).  Always removes the temporary folder
 * and frees p. */
qs_status qs_package_close(qs_package_dir *p, bool ok, qs_diags *d, char **written);

/* The responsibility workbook and one PDF per unit into the folder dir
 * (shown as `shown` in messages); a slash in a unit's name becomes a
 * full-width solidus in its file name.  flush_later: the caller flushes. */
qs_status qs_package_units(const qs_case *c, const qs_scores *sc, const qs_facts *f, int dir, const char *shown,
                           bool flush_later, const qs_render_opts *o, qs_diags *d);

/* Removes the temporary folders that dead runs left in out_dir (those with
 * an unlocked .qsreport-temp marker, and empty ones; nothing else), first completing or
 * undoing a replacement of a package they left half done.  Called before
 * anything else a package run does. */
void qs_package_sweep(const char *out_dir);

#endif
