/* package_internal.h - what package.c (the documents of a package) and
 * package_dir.c (its temporary folder, manifest and publishing) share:
 * the job of writing one package.  No other file includes it.
 */
#ifndef QS_PACKAGE_INTERNAL_H
#define QS_PACKAGE_INTERNAL_H

#include "fsio.h"
#include "package.h"

/* one package being written (job: the short name both files use) */
typedef struct qs_package_job {
    const qs_case *c;
    const qs_scores *sc;
    const qs_facts *f; /* the facts of the case, read by every document */
    const qs_package_opts *o;
    const qs_strings *s;
    qs_diags *d;
    qs_arena *a;
    const char *name;  /* the package's name: its folder, or NAME.zip */
    const char *shown; /* OUT/<name>: where messages say a file goes */
    const char *tmp;   /* OUT/.qsreport.tmp-XXXXXX */
    int out, tmpfd;    /* OUT and the temporary folder */
    int pkg;           /* <tmp>/<name>: the package being written */
    int lock;          /* the marker, locked while this run lives */
} job;

/* A file of the package, written in the temporary folder, shown where it goes. */
qs_dest qs_package_in(job *j, int dir, const char *shown_dir, const char *name);

/* An error "what: strerror(errno)" at path; QS_ERR_IO. */
qs_status qs_package_io_error(job *j, const char *path, const char *what);

/* QS_OK, or, after an interrupt, QS_ERR_IO with an error saying so. */
qs_status qs_package_check_interrupt(job *j);

/* A small text file of the package, from memory. */
qs_status qs_package_write_text(job *j, const char *name, const char *text, size_t len);

/* OUT/.qsreport.tmp-XXXXXX with its locked marker (naming final) and the
 * package folder in it; false with a diagnostic. */
bool qs_package_make_tmp(job *j, const char *final);

/* SHA256SUMS of every file of the package. */
qs_status qs_package_manifest(job *j);

/* Every file and folder of the package flushed to disk. */
qs_status qs_package_flush(job *j);

/* The package put in place as OUT/<name> (an older one exchanged with it
 * in one step), or zipped into OUT/final; never over what is not a package. */
qs_status qs_package_publish_folder(job *j);
qs_status qs_package_publish_zip(job *j, const char *final);

/* Closes the job's descriptors (the lock goes with the last one). */
void qs_package_close_fds(job *j);

#endif
