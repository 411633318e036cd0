/* xlsx_selfassess.c - placeholder until the self-assessment table lands. */
#include "render.h"

qs_status qs_render_selfassess_xlsx(const qs_case *c, const qs_table *t, const qs_scores *sc,
                                    const char *path, const qs_render_opts *o, qs_diags *d)
{
    (void)c;
    (void)t;
    (void)sc;
    (void)o;
    qs_srcpos pos = {path, 0};
    qs_diag_error(d, pos, "the self-assessment table is not available in this build");
    return QS_ERR_XLSX;
}
