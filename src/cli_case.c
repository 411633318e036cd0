/* cli_case.c - the command line's one per-case pipeline (load -> resolve ->
 * validate -> the command's output) and the commands of one case: validate,
 * dump, score, table, report, units, init, fonts.
 *
 * Reads the case folder or loose files, templates/strings.xml and the
 * fonts; writes the outputs named by -o (atomically, fsio.h) or stdout,
 * and the diagnostics on stderr.  Never exits: main.c maps the status.
 */
#include "cli.h"
#include "dump.h"
#include "duties.h"
#include "epoch.h"
#include "fontmap.h"
#include "fonts.h"
#include "form_xlsx.h"
#include "fsio.h"
#include "i18n.h"
#include "init.h"
#include "package.h"
#include "resolve.h"
#include "score_out.h"
#include "sheetname.h"
#include "validate.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef QS_DATADIR
#define QS_DATADIR "/usr/local/share/qsreport"
#endif

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* dir, relative to the working directory when it lies below it: diagnostics
 * then name templates/x.xml rather than /home/.../build/../templates/x.xml */
static const char *shorten(const char *dir, char *buf, size_t size)
{
    char real[PATH_MAX], cwd[PATH_MAX];
    if (!realpath(dir, real) || !getcwd(cwd, sizeof cwd)) {
        snprintf(buf, size, "%s", dir);
        return buf;
    }
    size_t n = strlen(cwd);
    if (!strncmp(real, cwd, n) && real[n] == '/')
        snprintf(buf, size, "%s", real + n + 1);
    else
        snprintf(buf, size, "%s", real);
    return buf;
}

const char *qs_cli_templates(const char *opt, char *buf, size_t size)
{
    if (opt)
        return opt;
    const char *env = getenv("QSREPORT_TEMPLATES");
    if (env && *env)
        return env;
    char near[PATH_MAX + 16];
    /* the source tree (build/qsreport), then an installed tree (bin/qsreport) */
    static const char *const rel[] = {"/../templates", "/../share/qsreport/templates"};
    if (qs_fs_near_exe(rel, sizeof rel / sizeof *rel, is_dir, near, sizeof near))
        return shorten(near, buf, size);
    return QS_DATADIR "/templates";
}

bool qs_cli_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* a sibling folder of the templates folder: fonts/ beside templates/ */
static const char *data_path(const char *templates, const char *rel, char *buf, size_t size)
{
    snprintf(buf, size, "%s/../%s", templates, rel);
    return buf;
}

/* The fonts of the map, from fontconfig plus fonts/ and every --font-dir. */
static qs_fonts *open_fonts(const qs_cli *opt, const qs_fontmap *m, qs_diags *d)
{
    char fonts_dir[2 * PATH_MAX];
    const char *dirs[QS_CLI_MAX_FONT_DIRS + 1];
    size_t n = 0;
    dirs[n++] = data_path(opt->templates, "fonts", fonts_dir, sizeof fonts_dir);
    for (int i = 0; i < opt->n_font_dirs; i++)
        dirs[n++] = opt->font_dirs[i];
    return qs_fonts_open(m, dirs, n, d);
}

static qs_fontmap *load_fontmap(const qs_cli *opt, qs_diags *d)
{
    char path[2 * PATH_MAX];
    return qs_fontmap_load(opt->font_map ? opt->font_map
                                         : data_path(opt->templates, "fonts/fontmap.conf", path, sizeof path),
                           d);
}

/* `qsreport fonts`: the file every role resolves to. */
int qs_cli_fonts(const qs_cli *opt)
{
    qs_diags d;
    qs_diag_init(&d);
    qs_fontmap *m = load_fontmap(opt, &d);
    qs_fonts *f = m ? open_fonts(opt, m, &d) : NULL;
    if (f)
        qs_fonts_describe(f, stdout);
    qs_diag_print(&d, stderr);
    int status = f ? QS_EXIT_OK : QS_EXIT_USAGE;
    qs_fonts_close(f);
    qs_fontmap_free(m);
    qs_diag_free(&d);
    return status;
}

qs_strings *qs_cli_strings(const qs_cli *opt, qs_diags *d)
{
    char path[2 * PATH_MAX];
    snprintf(path, sizeof path, "%s/strings.xml", opt->templates);
    return qs_strings_load(path, d);
}

bool qs_cli_setup_open(qs_render_opts *ro, const qs_cli *opt, bool fonts, const char *const *const *keys,
                       qs_diags *d)
{
    *ro = (qs_render_opts){qs_epoch(), qs_cli_strings(opt, d), load_fontmap(opt, d), NULL};
    if (!ro->strings || !ro->fontmap)
        return false;
    for (size_t i = 0; keys[i]; i++)
        if (qs_strings_require(ro->strings, keys[i], d))
            return false;
    return !fonts || (ro->fonts = open_fonts(opt, ro->fontmap, d)) != NULL;
}

void qs_cli_setup_close(qs_render_opts *ro)
{
    qs_fonts_close(ro->fonts);
    qs_strings_free((qs_strings *)ro->strings);
    qs_fontmap_free((qs_fontmap *)ro->fontmap);
}

bool qs_cli_any_pdf(const qs_cli *opt)
{
    for (int i = 0; i < opt->n_outputs; i++)
        if (qs_cli_ends_with(opt->outputs[i], ".pdf"))
            return true;
    return false;
}

bool qs_cli_close_stdout(void)
{
    int e = ferror(stdout) ? errno : 0; /* a write that already failed left its reason */
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout) && fclose(stdout) == 0)
        return true;
    if (errno)
        e = errno;
    fprintf(stderr, _("qsreport: standard output: %s\n"), e ? strerror(e) : _("write error"));
    return false;
}

int qs_cli_exit_of(qs_status st)
{
    return st == QS_OK ? QS_EXIT_OK : st == QS_ERR_INPUT ? QS_EXIT_INVALID : QS_EXIT_USAGE;
}

int qs_cli_write_each(const char *const *outs, int n, qs_cli_writer *write, void *ctx, qs_diags *d)
{
    int status = QS_EXIT_OK;
    for (int i = 0; i < n && status == QS_EXIT_OK; i++) {
        qs_dest to;
        if (!qs_fs_dest_of(outs[i], &to, d))
            return QS_EXIT_USAGE;
        status = qs_cli_exit_of(write(&to, qs_cli_ends_with(outs[i], ".xlsx"), ctx, d));
        close(to.dir);
    }
    return status;
}

/* what the documents of `table` and `report` are made of */
typedef struct docs {
    const qs_case *c;
    const qs_table *t;
    const qs_scores *sc;
    const qs_facts *fa;
    const qs_render_opts *ro;
    bool draft;
} docs;

static qs_status write_table(const qs_dest *to, bool xlsx, void *ctx, qs_diags *d)
{
    const docs *x = ctx;
    return xlsx ? qs_render_table_xlsx(x->t, to, x->ro, d) : qs_render_table_pdf(x->t, to, x->ro, d);
}

/* `qsreport table`: the official table in every requested format. */
int qs_cli_table(const qs_case *c, void *ctx, qs_diags *d)
{
    const qs_cli *opt = ctx;
    const char *const *keys[] = {qs_table_string_keys, NULL};
    qs_render_opts ro;
    int status = QS_EXIT_USAGE;
    if (qs_cli_setup_open(&ro, opt, qs_cli_any_pdf(opt), keys, d)) {
        docs x = {c, qs_table_build(c, ro.strings, c->arena), NULL, NULL, &ro, false};
        status = qs_cli_write_each(opt->outputs, opt->n_outputs, write_table, &x, d);
    }
    qs_cli_setup_close(&ro);
    return status;
}

/* `qsreport score`: the score as a table, CSV, XML or dump on stdout. */
int qs_cli_score(const qs_case *c, void *ctx, qs_diags *d)
{
    const qs_cli *opt = ctx;
    qs_strings *s = qs_cli_strings(opt, d);
    if (!s || qs_strings_require(s, qs_score_string_keys, d) ||
        qs_strings_require(s, qs_score_out_string_keys, d)) {
        qs_strings_free(s);
        return QS_EXIT_USAGE;
    }
    qs_scores *sc = qs_score(c, s, c->arena);
    if (opt->dump)
        qs_score_dump(c, sc, stdout);
    else if (opt->format && !strcmp(opt->format, "csv"))
        qs_score_print_csv(c, sc, stdout);
    else if (opt->format && !strcmp(opt->format, "xml"))
        qs_score_print_xml(c, sc, stdout);
    else
        qs_score_print_table(c, sc, s, c->arena, stdout);
    qs_strings_free(s);
    return QS_EXIT_OK;
}

/* The facts of the case (facts.h), its files named as the package names them. */
static const qs_facts *facts_of(const qs_case *c, const qs_scores *sc, const qs_strings *s)
{
    const char *dir = qs_strings_get(s, "package.attachments");
    return qs_facts_build(c, sc, dir ? dir : "", c->arena);
}

static qs_status write_report(const qs_dest *to, bool xlsx, void *ctx, qs_diags *d)
{
    const docs *x = ctx;
    return xlsx ? qs_render_selfassess_xlsx(x->c, x->t, x->sc, to, x->ro, d)
                : qs_render_report_pdf(x->c, x->sc, x->fa, to, x->ro, x->draft, d);
}

/* `qsreport report`: the report (.pdf) and the self-assessment table (.xlsx). */
int qs_cli_report(const qs_case *c, void *ctx, qs_diags *d)
{
    const qs_cli *opt = ctx;
    const char *const *keys[] = {qs_table_string_keys, qs_score_string_keys, NULL};
    qs_render_opts ro;
    int status = QS_EXIT_USAGE;
    if (qs_cli_setup_open(&ro, opt, qs_cli_any_pdf(opt), keys, d)) {
        qs_scores *sc = qs_score(c, ro.strings, c->arena);
        docs x = {c, qs_table_build(c, ro.strings, c->arena), sc, facts_of(c, sc, ro.strings), &ro, opt->draft};
        status = qs_cli_write_each(opt->outputs, opt->n_outputs, write_report, &x, d);
    }
    qs_cli_setup_close(&ro);
    return status;
}

static const char *const units_string_keys[] = {
    "units.workbook", "unitpdf.title", "unitpdf.unit", "unitpdf.h1.indicators", "unitpdf.h1.tasks",
    "unitpdf.h1.targets", "unitpdf.none", "unitpdf.signature", "unitpdf.date", NULL,
};

/* `qsreport units`: the responsibility workbook and one PDF per unit. */
int qs_cli_units(const qs_case *c, void *ctx, qs_diags *d)
{
    const qs_cli *opt = ctx;
    const char *const *keys[] = {qs_score_string_keys, units_string_keys, NULL};
    qs_render_opts ro;
    int status = QS_EXIT_USAGE;
    int dir = -1;
    if (qs_cli_setup_open(&ro, opt, true, keys, d) && (dir = qs_fs_dir_open(opt->outputs[0], true, d)) >= 0) {
        qs_scores *sc = qs_score(c, ro.strings, c->arena);
        status = qs_cli_exit_of(qs_package_units(c, sc, facts_of(c, sc, ro.strings), dir, opt->outputs[0], false, &ro, d));
    }
    if (dir >= 0)
        close(dir);
    qs_cli_setup_close(&ro);
    return status;
}

/* One evidence template written atomically to `to`.  A file already there
 * (filled in by its unit, perhaps) is kept unless force, even one that
 * appears while this one is written (a no-replace rename): *kept, false. */
static bool write_template(const qs_case *c, const qs_unit_duties *u, const qs_strings *s, const qs_dest *to,
                           bool force, bool *kept, qs_diags *d)
{
    struct stat st;
    bool there = fstatat(to->dir, to->name, &st, AT_SYMLINK_NOFOLLOW) == 0; /* a link, dangling or not, too */
    *kept = there && !force && !S_ISDIR(st.st_mode);
    if (*kept)
        return false;
    if (qs_cli_ends_with(to->name, ".xlsx")) /* the evidence form (form_xlsx.c) */
        return qs_form_write(c, u, s, to, qs_epoch(), !force, kept, d) == QS_OK && !*kept;
    qs_afile f;
    if (qs_fs_create(&f, to, d) != QS_OK) /* a folder there is an error */
        return false;
    int fd = dup(f.fd);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!out) {
        if (fd >= 0)
            close(fd);
    } else {
        qs_init_write(c, u, s, out);
    }
    bool ok = out && !ferror(out);
    int e = errno;
    ok &= out && fclose(out) == 0;
    if (!ok) {
        qs_fs_abort(&f);
        qs_srcpos pos = {to->shown, 0};
        qs_diag_error(d, pos, "cannot write: %s", strerror(e ? e : errno));
        return false;
    }
    return qs_fs_commit(&f, !force, kept, d) == QS_OK && !*kept;
}

/* a file init found and kept, a warning that does not change the exit status */
static int keep(qs_diags *kept, const char *path)
{
    qs_srcpos pos = {path, 0};
    qs_diag_warning(kept, pos, "exists, not replaced (--force replaces it)");
    return QS_EXIT_OK;
}

/* `qsreport init`: an evidence file to fill in, for one unit or for each;
 * the files that are there already are kept, each named on stderr */
int qs_cli_init(const qs_case *c, void *ctx, qs_diags *d)
{
    const qs_cli *opt = ctx;
    qs_strings *s = qs_cli_strings(opt, d);
    int status = QS_EXIT_OK;
    qs_diags kept;
    qs_diag_init(&kept);
    bool was_there;
    if (!s || qs_strings_require(s, qs_score_string_keys, d) || qs_strings_require(s, qs_init_string_keys, d) ||
        qs_strings_require(s, qs_form_string_keys, d)) {
        qs_strings_free(s);
        return QS_EXIT_USAGE;
    }
    qs_scores *sc = qs_score(c, s, c->arena);
    qs_duties *du = qs_duties_build(c, sc, c->arena);
    qs_srcpos none = {NULL, 0};
    if (opt->unit) {
        const qs_unit *u = qs_model_unit(c->plan, opt->unit);
        const qs_unit_duties *found = NULL;
        for (size_t i = 0; u && i < du->n_units; i++)
            if (du->units[i].unit == u)
                found = &du->units[i];
        if (!u || u->is_group || !found) {
            const char *near = u ? NULL : qs_model_unit_suggest(c->plan, opt->unit);
            if (u && u->is_group)
                qs_diag_error(d, none, "\"%s\" is a group; give one of its units", opt->unit);
            else if (u)
                qs_diag_error(d, none, "unit \"%s\" is responsible for nothing in the plan", opt->unit);
            else if (near)
                qs_diag_error(d, none, "unit \"%s\" is not in the unit registry (did you mean \"%s\"?)", opt->unit, near);
            else
                qs_diag_error(d, none, "unit \"%s\" is not in the unit registry", opt->unit);
            status = QS_EXIT_INVALID;
        } else if (!opt->n_outputs) {
            qs_init_write(c, found, s, stdout);
        } else {
            qs_dest to;
            if (!qs_fs_dest_of(opt->outputs[0], &to, d))
                status = QS_EXIT_USAGE;
            else if (!write_template(c, found, s, &to, opt->force, &was_there, d))
                status = was_there ? keep(&kept, opt->outputs[0]) : QS_EXIT_USAGE;
            if (to.dir >= 0)
                close(to.dir);
        }
    } else {
        int dir = qs_fs_dir_open(opt->outputs[0], true, d);
        for (size_t i = 0; dir >= 0 && i < du->n_units && status == QS_EXIT_OK; i++) {
            const char *ext = opt->format && !strcmp(opt->format, "xlsx") ? ".xlsx" : ".xml"; /* --format xlsx: forms */
            const char *name = qs_sheetname_file(c->arena, du->units[i].unit->name, ext);
            qs_dest to = {dir, name, qs_arena_printf(c->arena, "%s/%s", opt->outputs[0], name), false};
            if (!write_template(c, &du->units[i], s, &to, opt->force, &was_there, d))
                status = was_there ? keep(&kept, to.shown) : QS_EXIT_USAGE;
        }
        if (dir < 0)
            status = QS_EXIT_USAGE;
        else
            close(dir);
    }
    qs_diag_print(&kept, stderr);
    qs_diag_free(&kept);
    qs_strings_free(s);
    return status;
}


int qs_cli_dump(const qs_case *c, void *ctx, qs_diags *d)
{
    (void)ctx;
    (void)d;
    qs_dump_case(c, stdout);
    return QS_EXIT_OK;
}

void qs_cli_count_warnings(size_t w)
{
    /* the published text's own inconsistencies would repeat on every
     * run: validate lists them, the other commands only count them */
    if (w)
        fprintf(stderr, P_("qsreport: %zu warning (qsreport validate lists it)\n",
                           "qsreport: %zu warnings (qsreport validate lists them)\n", w), w);
}

int qs_cli_run_case(const qs_cli *opt, char *const *args, size_t n, qs_schema_cache *cache, unsigned flags,
                    qs_cli_output *out, void *ctx, qs_arena *a, qs_diags *d)
{
    qs_load_opts o = {opt->templates, cache, opt->cited_max};
    bool io_error = false;
    qs_case *c;
    if (n == 1 && ((flags & QS_RUN_FOLDER) || is_dir(args[0])))
        c = qs_load_case(a, args[0], &o, d, &io_error);
    else
        c = qs_load_files(a, (const char *const *)args, n, &o, d, &io_error);
    qs_resolve(c, d);
    qs_validate(c, d);
    int status = io_error ? QS_EXIT_USAGE : qs_diag_errors(d) ? QS_EXIT_INVALID : QS_EXIT_OK;
    if ((flags & QS_RUN_PLAN) && status == QS_EXIT_OK && (!c->plan || !c->schema)) {
        qs_srcpos none = {NULL, 0};
        qs_diag_error(d, none, "this command needs a plan and its indicator schema");
        status = QS_EXIT_INVALID;
    }
    if (out && (flags & QS_RUN_ALWAYS))
        out(c, ctx, d); /* dump: what was read, valid or not; the status stays validation's */
    else if (out && status == QS_EXIT_OK)
        status = out(c, ctx, d);
    return status;
}

int qs_cli_one_case(const qs_cli *opt, qs_cli_output *out, unsigned flags)
{
    qs_diags d;
    qs_diag_init(&d);
    qs_arena *arena = qs_arena_new();
    bool validate = !out;
    if (flags & QS_RUN_WRITES)
        qs_fs_on_signals(NULL); /* an interrupt leaves no temporary file */
    int status = qs_cli_run_case(opt, opt->args, (size_t)opt->n_args, NULL, flags, out, (void *)opt, arena, &d);
    if (validate || qs_diag_errors(&d))
        qs_diag_print(&d, stderr);
    else
        qs_cli_count_warnings(qs_diag_warnings(&d));
    if (validate && status == QS_EXIT_OK) {
        size_t w = qs_diag_warnings(&d);
        fprintf(stderr, _("%s: valid"), opt->n_args == 1 ? opt->args[0] : _("input"));
        if (w)
            fprintf(stderr, P_(" (%zu warning)", " (%zu warnings)", w), w);
        fputc('\n', stderr);
    }
    qs_diag_free(&d);
    qs_arena_free(arena);
    return status;
}
