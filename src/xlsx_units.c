/* xlsx_units.c - placeholder until the responsibility workbook lands. */
#include "render.h"

qs_status qs_render_units_xlsx(const qs_case *c, const qs_duties *du, const qs_scores *sc,
                               const char *path, const qs_render_opts *o, qs_diags *d)
{
    (void)c;
    (void)du;
    (void)sc;
    (void)o;
    qs_srcpos pos = {path, 0};
    qs_diag_error(d, pos, "the responsibility workbook is not available in this build");
    return QS_ERR_XLSX;
}
