/* evindex.c - the evidence index (stage 4: render, shared by the index
 * renderers and the package).
 *
 * Reads the evidence; writes rows ordered by indicator, then by load order.
 * A cited file keeps its name inside attachments/ under the package's
 * attachment folder; two citations of one file share one copy.
 */
#include "evindex.h"

#include <string.h>

static const char *strip_attachments(const char *f)
{
    while (f[0] == '.' && f[1] == '/')
        f += 2;
    return strncmp(f, "attachments/", 12) ? f : f + 12;
}

qs_evindex *qs_evindex_build(const qs_case *c, const char *dir, qs_arena *a)
{
    qs_evindex *x = qs_arena_alloc(a, sizeof *x);
    size_t total = 0;
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++)
            for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++)
                total += c->evidence[f].units[u].items[k].n_documents;
    x->rows = qs_arena_calloc(a, total ? total : 1, sizeof *x->rows);
    x->files = qs_arena_calloc(a, total ? total : 1, sizeof *x->files);
    x->names = qs_arena_calloc(a, total ? total : 1, sizeof *x->names);
    /* table order: indicator by indicator, each in load order */
    for (size_t i = 0; c->schema && i < c->schema->n_indicators; i++) {
        const qs_indicator *ind = &c->schema->indicators[i];
        for (size_t f = 0; f < c->n_evidence; f++)
            for (size_t u = 0; u < c->evidence[f].n_units; u++) {
                const qs_evidence_unit *eu = &c->evidence[f].units[u];
                for (size_t k = 0; k < eu->n_items; k++) {
                    const qs_evidence_item *it = &eu->items[k];
                    if (!it->item || it->item->indicator != ind)
                        continue;
                    for (size_t j = 0; j < it->n_documents; j++) {
                        const qs_document *doc = &it->documents[j];
                        qs_evindex_row *r = &x->rows[x->n_rows++];
                        r->doc = doc;
                        r->report = it;
                        r->unit = eu->unit;
                        r->indicator = ind;
                        if (!doc->file)
                            continue;
                        const char *name = qs_arena_printf(a, "%s/%s", dir, strip_attachments(doc->file));
                        size_t m = 0;
                        while (m < x->n_files && strcmp(x->files[m], doc->file))
                            m++;
                        if (m == x->n_files) {
                            x->files[x->n_files] = doc->file;
                            x->names[x->n_files++] = name;
                        }
                        r->package_name = x->names[m];
                    }
                }
            }
    }
    return x;
}
