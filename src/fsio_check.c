/* fsio_check.c - the file-system checks of validation (stage 2b: validate,
 * beside fsio.c).
 *
 * Reads the model only (and what the loader recorded of each cited file:
 * qs_cited); writes diagnostics only.  Checks every name from the input
 * that becomes a file or a folder, as fsio.c will create them: the region
 * (the package's folder), each unit's responsibility sheet (and its Excel
 * sheet name), the copies of the cited files (no two that one file system
 * takes for one), and each cited file's path (inside attachments/, no way
 * out of the case, a regular file of a sane size).  Never opens a file.
 */
#include "fsio_check.h"
#include "fsio.h"
#include "i18n.h"
#include "sheetname.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct twin {
    char *key;
    size_t i;
} twin;

static int cmp_twin(const void *a, const void *b)
{
    const twin *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    return r ? r : x->i < y->i ? -1 : x->i > y->i;
}

/* File names of different things (ids differ) that one file system would
 * take for one file (equal, or equal but for letter case or NFC/NFD:
 * qs_fs_name_key): an error at the later of each pair. */
static void twins(const char *const *names, const char *const *ids, const qs_srcpos *pos, size_t n,
                  const char *what, qs_diags *d)
{
    twin *v = qs_xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (twin){qs_fs_name_key(names[i]), i};
    qsort(v, n, sizeof *v, cmp_twin);
    for (size_t k = 1; k < n; k++) {
        size_t first = k - 1;
        while (first > 0 && !strcmp(v[first - 1].key, v[k].key))
            first--;
        if (strcmp(v[first].key, v[k].key) || !strcmp(ids[v[first].i], ids[v[k].i]))
            continue;
        if (!strcmp(names[v[first].i], names[v[k].i]))
            qs_diag_error(d, pos[v[k].i], "%s \"%s\" would be written to the same file as that of \"%s\" "
                          "(%s:%ld): \"%s\"", what, ids[v[k].i], ids[v[first].i], pos[v[first].i].file,
                          pos[v[first].i].line, names[v[k].i]);
        else
            qs_diag_error(d, pos[v[k].i], "%s \"%s\" would be written to \"%s\", and that of \"%s\" (%s:%ld) "
                          "to \"%s\": one file on Windows and macOS, where letter case and Unicode "
                          "normalisation do not tell names apart; rename one", what, ids[v[k].i], names[v[k].i],
                          ids[v[first].i], pos[v[first].i].file, pos[v[first].i].line, names[v[first].i]);
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
}

static const qs_srcpos *units_pos(const qs_case *c, const qs_unit *const *units, size_t n)
{
    qs_srcpos *pos = qs_arena_calloc(c->arena, n ? n : 1, sizeof *pos);
    for (size_t i = 0; i < n; i++)
        pos[i] = units[i]->pos;
    return pos;
}

/* Cited files keep their names inside the package: two that one file
 * system would take for one are refused. */
static void check_cited_twins(const qs_case *c, qs_diags *d)
{
    const char **ids = qs_arena_calloc(c->arena, c->n_cited + 1, sizeof *ids);
    const char **names = qs_arena_calloc(c->arena, c->n_cited + 1, sizeof *names);
    qs_srcpos *pos = qs_arena_calloc(c->arena, c->n_cited + 1, sizeof *pos);
    for (size_t i = 0; i < c->n_cited; i++) {
        const char *f = c->cited[i].file;
        while (f[0] == '.' && f[1] == '/') /* ./a and a are one file */
            f += 2;
        ids[i] = f;
        names[i] = strncmp(f, "attachments/", 12) ? f : f + 12;
        pos[i] = c->cited[i].pos;
    }
    twins(names, ids, pos, c->n_cited, _("the copy of cited file"), d);
}

/* The region names the package's folder: it must be a name a file system takes. */
static void check_region(const qs_case *c, qs_diags *d)
{
    const char *why = qs_fs_name_problem(c->plan->region);
    if (why)
        qs_diag_error(d, c->plan->region_pos, "region \"%s\" names the package's folder, and it %s",
                      c->plan->region, why);
}

/* Excel's sheet-name rules (31 characters, no []:*?/\\, unique) would
 * change a unit's name in the responsibility workbook: say so now.  A name
 * whose PDF sheet cannot be a file of its own (too long for a file name,
 * or the same file as another unit's, letter case aside, as on Windows)
 * is an error. */
static int cmp_name_index(const void *a, const void *b, void *ctx)
{
    const char *const *names = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int r = strcmp(names[x], names[y]);
    return r ? r : (x > y) - (x < y);
}

static void check_sheet_names(const qs_case *c, qs_diags *d)
{
    const qs_plan *p = c->plan;
    const char **names = qs_arena_calloc(c->arena, p->n_units + 1, sizeof *names);
    const char **out = qs_arena_calloc(c->arena, p->n_units + 1, sizeof *out);
    const qs_unit **units = qs_arena_calloc(c->arena, p->n_units + 1, sizeof *units);
    size_t n = 0;
    for (size_t i = 0; i < p->n_units; i++)
        if (!p->units[i].is_group) {
            units[n] = &p->units[i];
            names[n++] = p->units[i].name;
        }
    qs_sheetname_make(c->arena, names, n, "unit", out);
    const char **files = qs_arena_calloc(c->arena, n + 1, sizeof *files);
    for (size_t i = 0; i < n; i++)
        files[i] = qs_sheetname_pdf(c->arena, names[i]);
    /* a name given twice is already an error: said once here, at its first */
    size_t *order = qs_xmalloc((n ? n : 1) * sizeof *order);
    bool *dup = qs_arena_calloc(c->arena, n + 1, sizeof *dup);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, cmp_name_index, names);
    for (size_t k = 1; k < n; k++)
        dup[order[k]] = !strcmp(names[order[k]], names[order[k - 1]]);
    free(order);
    for (size_t i = 0; i < n; i++) {
        if (dup[i])
            continue;
        if (strcmp(names[i], out[i]))
            qs_diag_warning(d, units[i]->pos, "unit \"%s\" will be the sheet \"%s\" of the responsibility "
                            "workbook (Excel takes 31 characters, none of []:*?/\\, no two alike)",
                            names[i], out[i]);
        const char *why = qs_fs_name_problem(files[i]);
        if (why)
            qs_diag_error(d, units[i]->pos, "unit \"%s\": the file name of its responsibility sheet, \"%s\", %s; "
                          "give the unit a name that can be a file name", names[i], files[i], why);
    }
    twins((const char *const *)files, (const char *const *)names, units_pos(c, units, n), n,
          _("the responsibility sheet of unit"), d);
}

/* A cited file must be a regular file inside the case's attachments/ folder;
 * neither .. nor an absolute path nor a symlink may lead out of the case. */
void qs_fs_check_cited(const qs_case *c, const qs_document *doc, qs_diags *d)
{
    const char *f = doc->file;
    if (!f)
        return;
    if (!c->dir) {
        qs_diag_warning(d, doc->pos, "cited file \"%s\" not checked: no case folder", f);
        return;
    }
    bool dotdot = false;
    for (const char *s = f; *s;) {
        size_t n = strcspn(s, "/");
        if (n == 2 && s[0] == '.' && s[1] == '.')
            dotdot = true;
        s += n + (s[n] == '/');
    }
    if (strchr(f, '\\')) {
        char *fixed = qs_arena_strdup(c->arena, f);
        for (char *s = fixed; *s; s++)
            if (*s == '\\')
                *s = '/';
        qs_diag_error(d, doc->pos, "cited file \"%s\" uses \"\\\" between folders; write \"/\" (%s)",
                      f, fixed);
        return;
    }
    while (f[0] == '.' && f[1] == '/') /* ./attachments/x is attachments/x */
        f += 2;
    if (f[0] == '/' || dotdot) {
        qs_diag_error(d, doc->pos, "cited file \"%s\" leaves the case folder (use a path inside "
                      "attachments/)", f);
        return;
    }
    if (strncmp(f, "attachments/", 12)) {
        qs_diag_error(d, doc->pos, "cited file \"%s\" is not in the case's attachments/ folder", f);
        return;
    }
    for (const char *comp = f + 12; *comp;) { /* each folder and file name goes into the package */
        size_t n = strcspn(comp, "/");
        char *name = qs_arena_strndup(c->arena, comp, n);
        const char *why = qs_fs_name_problem(name);
        if (why) {
            qs_diag_error(d, doc->pos, "cited file \"%s\": the name \"%s\" %s; rename the file", f, name, why);
            return;
        }
        comp += n + (comp[n] == '/');
    }
    const qs_cited *ct = qs_model_cited(c, doc->file);
    if (!ct || ct->fd >= 0 || ct->reopen)
        return;
    switch (ct->err) {
    case ENOENT:
        qs_diag_error(d, doc->pos, "cited file \"%s\" does not exist", f);
        break;
    case ELOOP:
        qs_diag_error(d, doc->pos, "cited file \"%s\" is a symbolic link or is reached through one; "
                      "put the file itself in attachments/", f);
        break;
    case EXDEV:
        qs_diag_error(d, doc->pos, "cited file \"%s\" leads out of the case folder", f);
        break;
    case EISDIR:
    case EINVAL:
    case ENOTDIR:
        qs_diag_error(d, doc->pos, "cited file \"%s\" is not a regular file", f);
        break;
    case EFBIG:
        qs_diag_error(d, doc->pos, "cited file \"%s\" is larger than %lld MiB (--max-file-size raises the cap)",
                      f, c->cited_max / (1024 * 1024));
        break;
    default:
        qs_diag_error(d, doc->pos, "cited file \"%s\" cannot be read: %s", f, strerror(ct->err));
    }
}

void qs_fs_check_names(const qs_case *c, qs_diags *d)
{
    check_sheet_names(c, d);
    check_region(c, d);
    check_cited_twins(c, d);
}
