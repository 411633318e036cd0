/* xlsx_core.h - the dates of a written xlsx's docProps/core.xml, for the one
 * epoch libxlsxwriter cannot write. */
#ifndef QS_XLSX_CORE_H
#define QS_XLSX_CORE_H

/* Rewrites dcterms:created and dcterms:modified in path's docProps/core.xml
 * as 1970-01-01T00:00:00Z, every other member copied as it is.
 * libxlsxwriter (1.1.4, and its current source) writes the time of the run
 * for lxw_doc_properties.created == 0, so SOURCE_DATE_EPOCH=0 needs this.
 * Returns 0, or an errno value (EIO when libzip gives none). */
int qs_xlsx_core_epoch_zero(const char *path);

#endif
