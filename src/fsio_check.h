/* fsio_check.h - validation's file-system checks: the names from the
 * input that become files or folders, and the files the evidence cites
 * (fsio_check.c, beside fsio.c, which writes them). */
#ifndef QS_FSIO_CHECK_H
#define QS_FSIO_CHECK_H

#include "diag.h"
#include "model.h"

/* The region (the package's folder), each unit's responsibility sheet and
 * the copies of the cited files: a name a file system refuses, or two that
 * one takes for one, is an error; a unit's sheet name that Excel's rules
 * change is a warning. */
void qs_fs_check_names(const qs_case *c, qs_diags *d);

/* doc's file: a regular file inside the case's attachments/ folder, whose
 * every name can be a file's, reached without .., an absolute path or a
 * symbolic link, within the size cap; an error saying which rule it
 * breaks (what the loader found when it opened it). */
void qs_fs_check_cited(const qs_case *c, const qs_document *doc, qs_diags *d);

#endif
