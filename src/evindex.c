/* evindex.c - the evidence index (stage 4: render, shared by the index
 * renderers and the package).
 *
 * Reads the evidence; writes rows ordered by indicator, then by load order.
 * A cited file keeps its name inside attachments/ under the package's
 * attachment folder; two citations of one file share one copy.
 */
#include "evindex.h"

#include <stdlib.h>
#include <string.h>

static const char *strip_attachments(const char *f)
{
    while (f[0] == '.' && f[1] == '/')
        f += 2;
    return strncmp(f, "attachments/", 12) ? f : f + 12;
}

typedef struct cited {
    const char *file;
    size_t row; /* the first row citing it comes first among equals */
} cited;

static int cmp_cited(const void *x, const void *y)
{
    const cited *a = x, *b = y;
    int c = strcmp(a->file, b->file);
    return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* The rows in table order: the reports put in buckets per indicator (a
 * stable counting sort), each bucket in load order. */
static void order_rows(const qs_case *c, qs_evindex *x, qs_arena *a)
{
    size_t n_ind = c->schema ? c->schema->n_indicators : 0;
    size_t *start = qs_arena_calloc(a, n_ind + 2, sizeof *start);
    for (int pass = 0; pass < 2; pass++) {
        if (pass)
            for (size_t i = 0; i <= n_ind; i++)
                start[i + 1] += start[i];
        for (size_t f = 0; f < c->n_evidence; f++)
            for (size_t u = 0; u < c->evidence[f].n_units; u++) {
                const qs_evidence_unit *eu = &c->evidence[f].units[u];
                for (size_t k = 0; k < eu->n_items; k++) {
                    const qs_evidence_item *it = &eu->items[k];
                    const qs_indicator *ind = it->item ? it->item->indicator : NULL;
                    size_t i = ind ? (size_t)(ind - c->schema->indicators) : n_ind;
                    if (i >= n_ind)
                        continue;
                    if (!pass) {
                        start[i + 1] += it->n_documents;
                        continue;
                    }
                    for (size_t j = 0; j < it->n_documents; j++)
                        x->rows[start[i]++] = (qs_evindex_row){&it->documents[j], it, eu->unit,
                                                               it->item->indicator, NULL};
                    x->n_rows += it->n_documents;
                }
            }
    }
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
    qs_arena *tmp = qs_arena_new();
    order_rows(c, x, tmp);
    /* a file cited twice is copied once: sorted by name, the first row of
     * each name gives it its place; the others share its package name */
    cited *v = qs_arena_calloc(tmp, x->n_rows + 1, sizeof *v);
    size_t n = 0, *first = qs_arena_calloc(tmp, x->n_rows + 1, sizeof *first);
    for (size_t r = 0; r < x->n_rows; r++)
        if (x->rows[r].doc->file)
            v[n++] = (cited){x->rows[r].doc->file, r};
    qsort(v, n, sizeof *v, cmp_cited);
    for (size_t i = 0; i < n; i++)
        first[v[i].row] = i && !strcmp(v[i].file, v[i - 1].file) ? first[v[i - 1].row] : v[i].row;
    for (size_t r = 0; r < x->n_rows; r++) {
        const char *file = x->rows[r].doc->file;
        if (!file)
            continue;
        if (first[r] == r) {
            x->files[x->n_files] = file;
            x->names[x->n_files++] = qs_arena_printf(a, "%s/%s", dir, strip_attachments(file));
            x->rows[r].package_name = x->names[x->n_files - 1];
        } else {
            x->rows[r].package_name = x->rows[first[r]].package_name;
        }
    }
    qs_arena_free(tmp);
    return x;
}
