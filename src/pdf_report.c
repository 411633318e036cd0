/* pdf_report.c - placeholder until the report lands. */
#include "render.h"

qs_status qs_render_report_pdf(const qs_case *c, const qs_scores *sc, const char *path,
                               const qs_render_opts *o, bool draft, qs_diags *d)
{
    (void)c;
    (void)sc;
    (void)o;
    (void)draft;
    qs_srcpos pos = {path, 0};
    qs_diag_error(d, pos, "the report is not available in this build");
    return QS_ERR_PDF;
}
