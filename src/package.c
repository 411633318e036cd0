/* package.c - stage 5: the annual submission package of one case.
 *
 *   OUT/<region>-<year>/             (names from templates/strings.xml)
 *     <table>.xlsx, <table>.pdf      the official task-decomposition table
 *     <self-assessment>.xlsx         the self-assessment table
 *     <report>.pdf                   the self-assessment report
 *     <units>/                       the responsibility workbook, a PDF per unit
 *     <index>.xlsx, <index>.pdf      the evidence index
 *     <attachments>/...              every cited file, copied once
 *     <warnings>.txt                 what validation reported (if anything)
 *     SHA256SUMS                     `sha256sum -c` checks every file above
 *
 * Everything is written into OUT/.qsreport.tmp-XXXXXX/<name>/, flushed, and
 * only then put in place (or zipped into OUT/<name>.zip), so a failure, an
 * interrupt or a kill never leaves a partial package: package_dir.c keeps
 * that folder, its lock and its manifest, and publishes it.  This file
 * writes the documents into it.
 *
 * The package is opened, written and closed in three calls, so that on two
 * cores two processes of the batch can write one package: one the documents,
 * the other the unit sheets (QS_PART_DOCS, QS_PART_UNITS), into the folder
 * that the process which forked them opened, locked and later publishes.
 */
#include "package_internal.h"
#include "i18n.h"
#include "format.h"
#include "fsio.h"
#include "load.h"
#include "sheetname.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t qs_package_interrupted;

const char *const qs_package_string_keys[] = {
    "package.name",   "package.table",       "package.selfassess", "package.report",
    "package.units",  "package.index",       "package.attachments", "package.warnings",
    "package.warnings.head", "package.warnings.published", "package.warnings.data", "package.warnings.none",
    "units.workbook", NULL,
};

/* the job of opening, publishing and closing; each write copies it */
struct qs_package_dir {
    job j;
    const char *final; /* <name> or <name>.zip */
};

/* one cited file, from the descriptor load opened (qs_case.cited), into
 * the package at rel ("佐证材料/sub/x.pdf"), folders made on the way */
static qs_status copy_file(job *j, const qs_cited *ct, const char *rel)
{
    qs_srcpos pos = {ct->pos.file, ct->pos.line};
    int from = qs_load_cited_fd(j->c, ct);
    if (from < 0) { /* unreadable ones are refused by validate; a file swapped since, here */
        qs_diag_error(j->d, pos, "cited file \"%s\" cannot be read: %s", ct->file,
                      errno == ESTALE ? _("another file has taken its name since the case was read") : strerror(errno));
        return QS_ERR_IO;
    }
    char *path = qs_arena_strdup(j->a, rel);
    int dir = j->pkg;
    const char *shown = j->shown;
    qs_status st = QS_OK;
    for (char *comp = path, *slash; st == QS_OK && (slash = strchr(comp, '/')) != NULL; comp = slash + 1) {
        *slash = '\0';
        shown = qs_arena_printf(j->a, "%s/%s", shown, comp);
        int sub = qs_fs_subdir(dir, comp, shown, j->d);
        if (dir != j->pkg)
            close(dir);
        dir = sub;
        if (sub < 0) {
            close(from);
            return QS_ERR_IO;
        }
        path = slash + 1;
    }
    qs_dest to = qs_package_in(j, dir, shown, path);
    qs_afile f;
    st = qs_fs_create(&f, &to, j->d);
    if (st == QS_OK) {
        if (ct->size > j->c->cited_max || qs_fs_copy_fd(from, f.fd) != 0) {
            int e = ct->size > j->c->cited_max ? EFBIG : errno;
            qs_fs_abort(&f);
            qs_diag_error(j->d, pos, "cited file \"%s\" cannot be copied: %s", ct->file, strerror(e));
            st = QS_ERR_IO;
        } else {
            st = qs_fs_commit(&f, false, NULL, j->d);
        }
    }
    if (dir != j->pkg)
        close(dir);
    close(from);
    return st;
}

/* ---- the steps ---- */

static qs_status step_table(job *j)
{
    const qs_render_opts *ro = j->o->render;
    qs_table *t = qs_table_build(j->c, j->s, j->a);
    qs_dest xlsx = qs_package_in(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.xlsx", qs_wording(j->s, "package.table")));
    qs_dest pdf = qs_package_in(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.pdf", qs_wording(j->s, "package.table")));
    qs_dest self = qs_package_in(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.xlsx", qs_wording(j->s, "package.selfassess")));
    qs_status st = qs_render_table_xlsx(t, &xlsx, ro, j->d);
    if (st == QS_OK)
        st = qs_render_table_pdf(t, &pdf, ro, j->d);
    if (st == QS_OK)
        st = qs_render_selfassess_xlsx(j->c, t, j->sc, &self, ro, j->d);
    return st;
}

static qs_status step_report(job *j)
{
    qs_dest to = qs_package_in(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.pdf", qs_wording(j->s, "package.report")));
    return qs_render_report_pdf(j->c, j->sc, j->f, &to, j->o->render, false, j->d);
}

static qs_status step_units(job *j)
{
    const char *shown = qs_arena_printf(j->a, "%s/%s", j->shown, qs_wording(j->s, "package.units"));
    int dir = qs_fs_subdir(j->pkg, qs_wording(j->s, "package.units"), shown, j->d);
    if (dir < 0)
        return QS_ERR_IO;
    qs_status st = qs_package_units(j->c, j->sc, j->f, dir, shown, true, j->o->render, j->d);
    close(dir);
    return st;
}

static qs_status step_evidence(job *j)
{
    const qs_evindex *x = j->f->index;
    const qs_render_opts *ro = j->o->render;
    qs_dest xlsx = qs_package_in(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.xlsx", qs_wording(j->s, "package.index")));
    qs_dest pdf = qs_package_in(j, j->pkg, j->shown, qs_arena_printf(j->a, "%s.pdf", qs_wording(j->s, "package.index")));
    qs_status st = qs_render_index_xlsx(j->c, x, &xlsx, ro, j->d);
    if (st == QS_OK)
        st = qs_render_index_pdf(j->c, x, &pdf, ro, j->d);
    for (size_t i = 0; i < x->n_files && st == QS_OK; i++) {
        const qs_cited *ct = qs_model_cited(j->c, x->files[i]);
        if (!ct) {
            qs_srcpos pos = {j->shown, 0};
            qs_diag_error(j->d, pos, "cited file \"%s\" was not opened when the case was read", x->files[i]);
            return QS_ERR_IO;
        }
        st = copy_file(j, ct, x->names[i]);
        if (st == QS_OK)
            st = qs_package_check_interrupt(j);
    }
    return st;
}

/* A diagnostic's file as the package's reader knows it: relative to the
 * case folder (plan.xml, evidence/zjj.xml), or by its name alone when it is
 * not in the case (the indicator schema): never the folder the run was
 * started in. */
static const char *in_case(const qs_case *c, const char *file)
{
    if (!file)
        return NULL;
    size_t n = c->dir ? strlen(c->dir) : 0;
    while (n > 1 && c->dir[n - 1] == '/')
        n--;
    if (n && !strncmp(file, c->dir, n) && file[n] == '/')
        return file + n + 1;
    const char *slash = strrchr(file, '/');
    return slash ? slash + 1 : file;
}

/* what validation said, so the reader of the package sees it too */
static qs_status step_warnings(job *j, const qs_diags *w)
{
    size_t n = qs_diag_warnings(w);
    if (!n)
        return QS_OK;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return qs_package_io_error(j, j->shown, N_("cannot write"));
    fprintf(f, "%s\n", qs_wording(j->s, "package.warnings.head"));
    /* the official text's own faults first, then what is wrong with the data */
    for (int published = 1; published >= 0; published--) {
        fprintf(f, "\n%s\n", qs_wording(j->s, published ? "package.warnings.published" : "package.warnings.data"));
        size_t listed = 0;
        for (size_t i = 0; i < w->count; i++) {
            const qs_diag *g = &w->items[i];
            if (g->severity != QS_DIAG_WARNING || g->published != published)
                continue;
            qs_diag_print_one(g, in_case(j->c, g->file), f);
            listed++;
        }
        if (!listed)
            fprintf(f, "%s\n", qs_wording(j->s, "package.warnings.none"));
    }
    fclose(f);
    qs_status st = qs_package_write_text(j, qs_wording(j->s, "package.warnings"), text, len);
    free(text);
    return st;
}

const char *qs_package_name(const qs_strings *s, const qs_plan *p, qs_arena *a)
{
    const char *tmpl = qs_strings_get(s, "package.name");
    return qs_format(a, tmpl ? tmpl : "{region}-{year}", qs_model_pairs(a, p, NULL));
}

qs_status qs_package_units(const qs_case *c, const qs_scores *sc, const qs_facts *f, int dir, const char *shown,
                           bool flush_later, const qs_render_opts *o, qs_diags *d)
{
    qs_arena *a = qs_arena_new();
    const qs_duties *du = f->duties;
    const char *book = qs_wording(o->strings, "units.workbook");
    qs_dest to = {dir, book, qs_arena_printf(a, "%s/%s", shown, book), flush_later};
    /* the workbook first: a template problem shows before any PDF is written */
    qs_status st = qs_render_units_xlsx(c, f, sc, &to, o, d);
    /* an interrupted package stops here; its caller's next step says so */
    for (size_t i = 0; i < du->n_units && st == QS_OK && !qs_package_interrupted; i++) {
        const char *file = qs_sheetname_pdf(a, du->units[i].unit->name);
        qs_dest pdf = {dir, file, qs_arena_printf(a, "%s/%s", shown, file), flush_later};
        st = qs_render_unit_pdf(c, &du->units[i], sc, &pdf, o, d);
    }
    qs_arena_free(a);
    return st;
}

qs_package_dir *qs_package_open(const char *name, const qs_package_opts *o, qs_diags *d)
{
    qs_package_dir *p = qs_xmalloc(sizeof *p);
    p->j = (job){NULL, NULL, NULL, o, o->render->strings, d, qs_arena_new(), NULL, NULL, NULL, -1, -1, -1, -1};
    job *j = &p->j;
    j->name = qs_arena_strdup(j->a, name);
    j->shown = qs_arena_printf(j->a, "%s/%s", o->out_dir, j->name);
    p->final = o->zip ? qs_arena_printf(j->a, "%s.zip", j->name) : j->name;
    const char *why = qs_fs_name_problem(j->name);
    if (why) { /* validate refuses such a region: this is the second line of defence */
        qs_srcpos pos = {o->out_dir, 0};
        qs_diag_error(d, pos, "cannot write the package \"%s\": its name %s", j->name, why);
    } else if ((j->out = qs_fs_dir_open(o->out_dir, false, d)) >= 0 && qs_package_make_tmp(j, p->final)) {
        return p;
    }
    qs_package_close(p, false, d, NULL);
    return NULL;
}

qs_status qs_package_write(qs_package_dir *p, qs_package_part part, const qs_case *c, const qs_scores *sc,
                           const qs_diags *warnings, const qs_render_opts *ro, qs_diags *d)
{
    job j = p->j;
    qs_package_opts o = *j.o; /* this process's wording and fonts */
    o.render = ro;
    j.o = &o;
    j.s = ro->strings;
    j.c = c;
    j.sc = sc;
    j.d = d;
    j.a = qs_arena_new();
    j.f = qs_facts_build(c, sc, qs_wording(j.s, "package.attachments"), j.a);
    bool docs = part != QS_PART_UNITS, units = part != QS_PART_DOCS;
    qs_status st = QS_OK;
    if (docs && (st = step_table(&j)) == QS_OK && (st = qs_package_check_interrupt(&j)) == QS_OK)
        st = step_report(&j);
    if (units && st == QS_OK && (st = qs_package_check_interrupt(&j)) == QS_OK)
        st = step_units(&j);
    if (docs && st == QS_OK && (st = qs_package_check_interrupt(&j)) == QS_OK && (st = step_evidence(&j)) == QS_OK)
        st = step_warnings(&j, warnings);
    if (st == QS_OK)
        st = qs_package_check_interrupt(&j);
    qs_arena_free(j.a);
    return st;
}

void qs_package_discard(qs_package_dir *p)
{
    if (p->j.tmp)
        qs_fs_remove_tree(p->j.tmp);
}

void qs_package_release(qs_package_dir *p)
{
    qs_package_close_fds(&p->j); /* the lock stays while the opener holds its descriptor */
    qs_arena_free(p->j.a);
    free(p);
}

qs_status qs_package_close(qs_package_dir *p, bool ok, qs_diags *d, char **written)
{
    job *j = &p->j;
    j->d = d;
    qs_status st = ok ? QS_OK : QS_ERR_IO;
    if (st == QS_OK && (st = qs_package_check_interrupt(j)) == QS_OK && (st = qs_package_manifest(j)) == QS_OK &&
        (st = qs_package_check_interrupt(j)) == QS_OK) {
        if (j->o->zip)
            st = qs_package_publish_zip(j, p->final);
        else if ((st = qs_package_flush(j)) == QS_OK)
            st = qs_package_publish_folder(j);
    }
    if (j->tmp)
        qs_fs_remove_tree(j->tmp); /* what is left: the older package, or a failed new one */
    qs_package_close_fds(j);
    if (st == QS_OK && written)
        *written = qs_xstrdup(qs_arena_printf(j->a, "%s/%s", j->o->out_dir, p->final));
    qs_arena_free(j->a);
    free(p);
    return st;
}

qs_status qs_package_case(const qs_case *c, const qs_scores *sc, const qs_diags *warnings,
                          const qs_package_opts *o, qs_diags *d, const char **written)
{
    qs_arena *a = qs_arena_new();
    qs_package_dir *p = qs_package_open(qs_package_name(o->render->strings, c->plan, a), o, d);
    qs_arena_free(a);
    if (!p)
        return QS_ERR_IO;
    char *path = NULL;
    qs_status st = qs_package_write(p, QS_PART_ALL, c, sc, warnings, o->render, d);
    qs_status cs = qs_package_close(p, st == QS_OK, d, written ? &path : NULL);
    if (path)
        *written = qs_arena_strdup(c->arena, path);
    free(path);
    return st == QS_OK ? cs : st;
}
