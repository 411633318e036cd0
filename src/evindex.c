/* evindex.c - the evidence index (stage 4: render, shared by the index
 * renderers, the package and the facts of the case).
 *
 * Reads the evidence; writes one row per document, ordered by its first
 * citation in table order (by indicator, then by load order), each row with
 * every citation of it.  A cited file keeps its name inside attachments/
 * under the package's attachment folder and is copied once.  Also the
 * documents each row of the official table cites (the self-assessment
 * table's last column).
 */
#include "evindex.h"
#include "format.h"
#include "strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *strip_attachments(const char *f)
{
    while (f[0] == '.' && f[1] == '/')
        f += 2;
    return strncmp(f, "attachments/", 12) ? f : f + 12;
}

/* A citation and the key of the document it cites. */
typedef struct cite {
    qs_evindex_cite c;
    const qs_document *doc;
    const char *key;
    size_t pos; /* table order */
} cite;

static int cmp_key(const void *x, const void *y)
{
    const cite *a = *(const cite *const *)x, *b = *(const cite *const *)y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

/* a file by its name in the package; a document without one by what it says */
static const char *key_of(const qs_document *d, qs_arena *a)
{
    if (d->file)
        return qs_arena_printf(a, "f%s", strip_attachments(d->file));
    return qs_arena_printf(a, "d%s\x1f%s\x1f%s\x1f%s", d->title ? d->title : "", d->number ? d->number : "",
                           d->issuer ? d->issuer : "", d->date ? d->date : "");
}

/* The citations in table order: the reports put in buckets per indicator (a
 * stable counting sort), each bucket in load order. */
static cite *order_cites(const qs_case *c, size_t total, qs_arena *a)
{
    size_t n_ind = c->schema ? c->schema->n_indicators : 0;
    size_t *start = qs_arena_calloc(a, n_ind + 2, sizeof *start);
    cite *v = qs_arena_calloc(a, total + 1, sizeof *v);
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
                    for (size_t j = 0; j < it->n_documents; j++) {
                        size_t at = start[i]++;
                        v[at] = (cite){{it, eu->unit, ind}, &it->documents[j],
                                       key_of(&it->documents[j], a), at};
                    }
                }
            }
    }
    return v;
}

qs_evindex *qs_evindex_build(const qs_case *c, const char *dir, qs_arena *a)
{
    qs_evindex *x = qs_arena_calloc(a, 1, sizeof *x);
    size_t total = 0;
    for (size_t f = 0; f < c->n_evidence; f++)
        for (size_t u = 0; u < c->evidence[f].n_units; u++) {
            const qs_evidence_unit *eu = &c->evidence[f].units[u];
            for (size_t k = 0; k < eu->n_items; k++)
                if (eu->items[k].item && c->schema)
                    total += eu->items[k].n_documents;
        }
    qs_arena *tmp = qs_arena_new();
    cite *v = order_cites(c, total, tmp);
    /* sorted by key, the first citation of each key makes a row; its row
     * number is known once the rows are counted in table order */
    cite **by_key = qs_arena_calloc(tmp, total + 1, sizeof *by_key);
    for (size_t i = 0; i < total; i++)
        by_key[i] = &v[i];
    qsort(by_key, total, sizeof *by_key, cmp_key);
    size_t *first = qs_arena_calloc(tmp, total + 1, sizeof *first); /* per citation: its key's first */
    size_t *count = qs_arena_calloc(tmp, total + 1, sizeof *count); /* per first citation: citations */
    for (size_t i = 0; i < total; i++) {
        bool same = i && !strcmp(by_key[i]->key, by_key[i - 1]->key);
        first[by_key[i]->pos] = same ? first[by_key[i - 1]->pos] : by_key[i]->pos;
        count[first[by_key[i]->pos]]++;
    }
    size_t *row_of = qs_arena_calloc(tmp, total + 1, sizeof *row_of);
    x->rows = qs_arena_calloc(a, total + 1, sizeof *x->rows);
    x->files = qs_arena_calloc(a, total + 1, sizeof *x->files);
    x->names = qs_arena_calloc(a, total + 1, sizeof *x->names);
    for (size_t i = 0; i < total; i++) {
        if (first[i] != i) {
            qs_evindex_row *r = &x->rows[row_of[first[i]]];
            r->cites[r->n_cites++] = v[i].c;
            continue;
        }
        row_of[i] = x->n_rows;
        qs_evindex_row *r = &x->rows[x->n_rows++];
        r->doc = v[i].doc;
        r->cites = qs_arena_calloc(a, count[i], sizeof *r->cites);
        r->cites[r->n_cites++] = v[i].c;
        if (v[i].doc->file) {
            x->files[x->n_files] = v[i].doc->file;
            x->names[x->n_files] = qs_arena_printf(a, "%s/%s", dir, strip_attachments(v[i].doc->file));
            r->package_name = x->names[x->n_files++];
        }
    }
    qs_arena_free(tmp);
    return x;
}

/* what a column shows of a citation */
typedef const char *(*cite_text)(const qs_evindex_cite *ct, qs_arena *a);

static const char *indicator_text(const qs_evindex_cite *ct, qs_arena *a)
{
    return qs_arena_printf(a, "%d", ct->indicator->no);
}

static const char *item_text(const qs_evindex_cite *ct, qs_arena *a)
{
    (void)a;
    return ct->report->ref;
}

static const char *unit_text(const qs_evindex_cite *ct, qs_arena *a)
{
    (void)a;
    return ct->unit ? ct->unit->name : "";
}

static const char *join(const qs_evindex_row *r, const char *sep, qs_arena *a, cite_text text)
{
    const char **seen = qs_arena_calloc(a, r->n_cites + 1, sizeof *seen);
    size_t n = 0;
    qs_strbuf out;
    qs_strbuf_init(&out, a);
    for (size_t i = 0; i < r->n_cites; i++) {
        const char *t = text(&r->cites[i], a);
        bool dup = !*t;
        for (size_t k = 0; k < n && !dup; k++)
            dup = !strcmp(seen[k], t);
        if (dup)
            continue;
        seen[n++] = t;
        qs_strbuf_join(&out, sep, t);
    }
    return qs_strbuf_text(&out);
}

const char *qs_evindex_indicators(const qs_evindex_row *r, const char *sep, qs_arena *a)
{
    return join(r, sep, a, indicator_text);
}

const char *qs_evindex_items(const qs_evindex_row *r, const char *sep, qs_arena *a)
{
    return join(r, sep, a, item_text);
}

const char *qs_evindex_units(const qs_evindex_row *r, const char *sep, qs_arena *a)
{
    return join(r, sep, a, unit_text);
}

/* ---- the documents each row of the official table cites ---- */

/* Every scoring item of the schema in pre-order (an item, then its nested
 * items), as the documents column lists them. */
typedef struct item_order {
    const qs_item **items; /* pre-order */
    size_t n;
    size_t *first;         /* per table row: its first item; first[n_rows] = n */
} item_order;

static void add_preorder(const qs_item *it, item_order *o)
{
    o->items[o->n++] = it;
    for (size_t k = 0; k < it->n_children; k++)
        add_preorder(&it->children[k], o);
}

static size_t count_items(const qs_item *it)
{
    size_t n = 1;
    for (size_t k = 0; k < it->n_children; k++)
        n += count_items(&it->children[k]);
    return n;
}

static int cmp_ptr(const void *x, const void *y)
{
    uintptr_t a = (uintptr_t)**(const qs_item *const *const *)x;
    uintptr_t b = (uintptr_t)**(const qs_item *const *const *)y;
    return a < b ? -1 : a > b;
}

/* The pre-order position of it, by binary search over the items sorted by
 * address (by_addr points into o->items); n when it is not in the schema. */
static size_t position(const item_order *o, const qs_item *const **by_addr, const qs_item *it)
{
    size_t lo = 0, hi = o->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)*by_addr[mid] < (uintptr_t)it)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < o->n && *by_addr[lo] == it ? (size_t)(by_addr[lo] - o->items) : o->n;
}

/* The reports are put in buckets per item first (a stable counting sort),
 * so the texts take time linear in the evidence, however many documents an
 * item has. */
const char **qs_evindex_table_documents(const qs_case *c, const qs_table *t, const char *numbered_tmpl,
                                        const char *unnumbered_tmpl, qs_arena *out)
{
    const char **documents = qs_arena_calloc(out, t->n_rows + 1, sizeof *documents);
    qs_arena *a = qs_arena_new(); /* the formatted lines are copied into the texts */
    item_order o = {0};
    size_t total = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t k = 0; k < t->rows[r].indicator->n_items; k++)
            total += count_items(&t->rows[r].indicator->items[k]);
    o.items = qs_arena_calloc(a, total + 1, sizeof *o.items);
    o.first = qs_arena_calloc(a, t->n_rows + 1, sizeof *o.first);
    for (size_t r = 0; r < t->n_rows; r++) {
        o.first[r] = o.n;
        for (size_t k = 0; k < t->rows[r].indicator->n_items; k++)
            add_preorder(&t->rows[r].indicator->items[k], &o);
    }
    o.first[t->n_rows] = o.n;
    const qs_item *const **by_addr = qs_arena_calloc(a, o.n + 1, sizeof *by_addr);
    for (size_t i = 0; i < o.n; i++)
        by_addr[i] = &o.items[i];
    qsort(by_addr, o.n, sizeof *by_addr, cmp_ptr);

    /* the reports in buckets by item position, each bucket in load order */
    size_t *start = qs_arena_calloc(a, o.n + 2, sizeof *start), n_reports = 0;
    for (int pass = 0; pass < 2; pass++) {
        const qs_evidence_item **sorted =
            pass ? qs_arena_calloc(a, n_reports + 1, sizeof *sorted) : NULL;
        size_t *next = pass ? qs_arena_calloc(a, o.n + 1, sizeof *next) : NULL;
        if (pass) {
            for (size_t i = 0; i <= o.n; i++)
                start[i + 1] += start[i];
            memcpy(next, start, (o.n + 1) * sizeof *next);
        }
        for (size_t f = 0; f < c->n_evidence; f++)
            for (size_t u = 0; u < c->evidence[f].n_units; u++)
                for (size_t k = 0; k < c->evidence[f].units[u].n_items; k++) {
                    const qs_evidence_item *ev = &c->evidence[f].units[u].items[k];
                    size_t at = ev->item && ev->n_documents ? position(&o, by_addr, ev->item) : o.n;
                    if (at == o.n)
                        continue;
                    if (pass) {
                        sorted[next[at]++] = ev;
                    } else {
                        start[at + 1]++;
                        n_reports++;
                    }
                }
        if (!pass)
            continue;
        for (size_t r = 0; r < t->n_rows; r++) {
            qs_lineset lines;
            qs_lineset_init(&lines, out);
            for (size_t i = start[o.first[r]]; i < start[o.first[r + 1]]; i++)
                for (size_t j = 0; j < sorted[i]->n_documents; j++) {
                    const qs_document *doc = &sorted[i]->documents[j];
                    if (!doc->title)
                        continue;
                    bool numbered = doc->number && *doc->number;
                    const char *const pairs[] = {"title", doc->title, "number",
                                                 numbered ? doc->number : "", NULL};
                    qs_lineset_add(&lines, qs_format(a, numbered ? numbered_tmpl : unnumbered_tmpl, pairs));
                }
            documents[r] = qs_lineset_text(&lines);
        }
    }
    qs_arena_free(a);
    return documents;
}
