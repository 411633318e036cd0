/* render.h - stage 4: one entry point per output.  Renderers only read the
 * model (and later the scores); they never parse XML and never change the
 * model.  Each opens its library object, writes, closes, and reports a
 * system failure as a qs_status plus one diagnostic naming the output path.
 */
#ifndef QS_RENDER_H
#define QS_RENDER_H

#include "diag.h"
#include "duties.h"
#include "evindex.h"
#include "facts.h"
#include "score.h"
#include "fontmap.h"
#include "fsio.h"
#include "status.h"
#include "wording.h"
#include "summary.h"
#include "table.h"

#include <time.h>

struct qs_fonts;

typedef struct qs_render_opts {
    time_t epoch;               /* the documents' date (SOURCE_DATE_EPOCH) */
    const qs_strings *strings;  /* templates/strings.xml */
    const qs_fontmap *fontmap;  /* fonts/fontmap.conf */
    struct qs_fonts *fonts;     /* the resolved font files (PDF only) */
} qs_render_opts;

/* The official table as an xlsx workbook, written to `to` (fsio.h: a
 * temporary file beside it, renamed into place when complete). */
qs_status qs_render_table_xlsx(const qs_table *t, const qs_dest *to, const qs_render_opts *o,
                               qs_diags *d);

/* The official table as a PDF (same atomic write). */
qs_status qs_render_table_pdf(const qs_table *t, const qs_dest *to, const qs_render_opts *o,
                              qs_diags *d);

/* The self-assessment table (自评表): the official table with three more
 * columns (self score, reason for lost points, documents cited), numbers as
 * numbers, SUM formulas with cached values for categories and the total, and
 * a second sheet with a native chart of the score rate by category. */
qs_status qs_render_selfassess_xlsx(const qs_case *c, const qs_table *t, const qs_scores *sc,
                                    const qs_dest *to, const qs_render_opts *o, qs_diags *d);

/* The self-assessment report (自评报告) as a PDF in the national official
 * document format (GB/T 9704-2012), wording from templates/; its counts
 * come from the facts of the case. */
qs_status qs_render_report_pdf(const qs_case *c, const qs_scores *sc, const qs_facts *f, const qs_dest *to,
                               const qs_render_opts *o, bool draft, qs_diags *d);

/* The responsibility workbook: a summary sheet (units without evidence
 * first, then a units x indicators matrix with lead/support marks and each
 * unit's points carried, earned and rate), then one sheet per unit: the
 * responsible units and those without evidence of the facts of the case. */
qs_status qs_render_units_xlsx(const qs_case *c, const qs_facts *f, const qs_scores *sc,
                               const qs_dest *to, const qs_render_opts *o, qs_diags *d);

/* One unit's formal responsibility sheet as a PDF. */
qs_status qs_render_unit_pdf(const qs_case *c, const qs_unit_duties *u, const qs_scores *sc,
                             const qs_dest *to, const qs_render_opts *o, qs_diags *d);

/* The evidence index (佐证材料目录): one row per document (facts.h) with
 * its 文号, the indicators, items and units that cite it, and its file's
 * name inside the package; as xlsx or PDF. */
qs_status qs_render_index_xlsx(const qs_case *c, const qs_evindex *x, const qs_dest *to,
                               const qs_render_opts *o, qs_diags *d);
qs_status qs_render_index_pdf(const qs_case *c, const qs_evindex *x, const qs_dest *to,
                              const qs_render_opts *o, qs_diags *d);

/* The strings.xml keys both index renderers need (NULL-terminated). */
extern const char *const qs_index_string_keys[];

/* The province's roll-up (summary.h): per year a ranked table (formulas
 * with cached values, an average row) and a native bar chart of the
 * totals, as xlsx; or the same tables and a vector bar chart on A4
 * landscape pages, as PDF.  Both need qs_summary_string_keys. */
qs_status qs_render_summary_xlsx(const qs_summary *s, const qs_dest *to, const qs_render_opts *o, qs_diags *d);
qs_status qs_render_summary_pdf(const qs_summary *s, const qs_dest *to, const qs_render_opts *o, qs_diags *d);

#endif
