/* main.c - the qsreport command line: parses arguments, drives the pipeline
 * (load -> resolve -> validate -> ...), prints diagnostics once, and maps the
 * outcome to an exit status.  The only file that prints to the terminal or
 * calls exit.
 */
#include "diag.h"
#include "duties.h"
#include "batch.h"
#include "dump.h"
#include "epoch.h"
#include "fontmap.h"
#include "fsio.h"
#include "fonts.h"
#include "init.h"
#include "form_xlsx.h"
#include "import.h"
#include "load.h"
#include "package.h"
#include "render.h"
#include "resolve.h"
#include "score.h"
#include "score_out.h"
#include "sheetname.h"
#include "wording.h"
#include "summary.h"
#include "table.h"
#include "validate.h"
#include "xml.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef QS_VERSION
#define QS_VERSION "0.1.0"
#endif
#ifndef QS_DATADIR
#define QS_DATADIR "/usr/local/share/qsreport"
#endif

/* Exit statuses, documented in README.md and qsreport.1. */
enum {
    EXIT_OK = 0,      /* done; warnings allowed */
    EXIT_INVALID = 1, /* the input has errors (diagnostics printed) */
    EXIT_USAGE = 2,   /* bad command line, or a file or folder that cannot be read or written */
};

static const char usage_text[] =
    "usage: qsreport validate [--templates DIR] CASE | FILE...\n"
    "       qsreport dump [--templates DIR] CASE | FILE...\n"
    "       qsreport table [--font-dir DIR] [--font-map FILE] CASE -o FILE.xlsx|FILE.pdf [-o ...]\n"
    "       qsreport fonts [--font-dir DIR] [--font-map FILE]\n"
    "       qsreport score [--format table|csv|xml] [--dump] CASE\n"
    "       qsreport report [--draft] CASE -o REPORT.pdf [-o TABLE.xlsx]\n"
    "       qsreport units CASE -o DIR\n"
    "       qsreport package [-j N] [-q] [--zip] CASE... -o DIR\n"
    "       qsreport summary [-j N] [-q] CASE... -o F.xlsx|F.pdf [-o ...]\n"
    "       qsreport init [--force] CASE --unit UNIT [-o FILE.xml] | init [--force] CASE -o DIR\n"
    "       qsreport --help | --version\n";

static const char help_text[] =
    "qsreport - the documents of a quality-strong district campaign\n"
    "\n"
    "Commands:\n"
    "  validate CASE       check a case folder (plan.xml, evidence/*.xml) against the\n"
    "                      XSDs and for meaning; diagnostics go to stderr as\n"
    "                      file:line: error: message\n"
    "  validate FILE...    the same for loose files: an indicator schema, a plan and\n"
    "                      evidence files, each recognised by its namespace\n"
    "  dump CASE           print the loaded and resolved model as stable text\n"
    "  table CASE -o F     reprint the official task-decomposition table as F.xlsx\n"
    "                      or F.pdf (give -o twice for both)\n"
    "  score CASE          score the district: per category and in total, the bonus,\n"
    "                      then the lost points largest first with their reasons\n"
    "  report CASE -o F    the self-assessment report as F.pdf (GB/T 9704 format) and\n"
    "                      the self-assessment table as F.xlsx (give -o twice for both)\n"
    "  units CASE -o DIR   per-unit responsibility sheets: DIR/<workbook>.xlsx with a\n"
    "                      summary and a sheet per unit, and DIR/<unit>.pdf for each\n"
    "  package CASE... -o DIR\n"
    "                      the annual submission package of each case: every\n"
    "                      document, the unit sheets, the evidence index, the cited\n"
    "                      files and SHA256SUMS, in DIR/<region>-<year>/, written\n"
    "                      atomically; -j N runs N workers (default: the cores);\n"
    "                      with several cases, the summary beside them too\n"
    "  summary CASE... -o F\n"
    "                      the province's roll-up: per year, every district ranked\n"
    "                      by total with its category scores and largest losses,\n"
    "                      and a bar chart, as F.xlsx or F.pdf; written only when\n"
    "                      every case is valid and each district is there once a year\n"
    "  init CASE --unit U  an evidence file to fill in for unit U (to -o FILE or\n"
    "                      stdout): every item it carries, the scoring method beside\n"
    "                      each, the fields commented out; without --unit, one file\n"
    "                      per unit into -o DIR.  A file that is there already is\n"
    "                      kept (named on stderr, exit 0) unless --force\n"
    "  fonts               print the font file each role (title, body, table, ...)\n"
    "                      resolves to, in order of fallback\n"
    "\n";

/* the rest of the help: one string literal may hold 4095 characters */
static const char help_options[] =
    "Options:\n"
    "  -o FILE             an output file; its extension picks the format\n"
    "  --format F          score: table (default), csv or xml (a CSV text cell that\n"
    "                      would start a formula, =+-@, gets a leading ')\n"
    "  --dump              score: every item's rule, points and reason, as stable text\n"
    "  --draft             report: mark every page as a draft for comments\n"
    "  -j N, --jobs N      package, summary: N cases at a time (default: the number of\n"
    "                      cores); package with more workers than cases: a second\n"
    "                      process writes the unit sheets\n"
    "  -q, --quiet         package, summary: no progress bar and no per-case lines\n"
    "  --zip               package: one NAME.zip per case instead of a folder\n"
    "  --max-file-size N   the largest cited file taken (K, M, G: 1024-based; default 256M)\n"
    "  --force             init: replace the files that are there (kept by default)\n"
    "  --font-dir DIR      more fonts to look in (besides fontconfig's and fonts/)\n"
    "  --font-map FILE     the role -> font families map (default fonts/fontmap.conf)\n"
    "  --templates DIR     where the shipped indicator schemas are\n"
    "                      (default: $QSREPORT_TEMPLATES, the source tree's templates/,\n"
    "                      or " QS_DATADIR "/templates)\n"
    "  -h, --help          this help\n"
    "  --version           the version\n"
    "\n"
    "Environment:\n"
    "  SOURCE_DATE_EPOCH   the documents' date, as `date +%s` prints it: digits only,\n"
    "                      0 to 253402300799 (9999-12-31); unset or empty: now;\n"
    "                      anything else: table, report, units and package exit 2\n"
    "\n"
    "Exit status: 0 valid (warnings allowed), 1 the input has errors,\n"
    "2 usage error, or a file that cannot be read or written.\n"
    "\n"
    "Examples:\n"
    "  qsreport validate samples/yongqiao-2022\n"
    "  qsreport validate templates/indicators-anhui-2022.xml\n"
    "  qsreport validate samples/yongqiao-2022/plan.xml samples/yongqiao-2022/evidence/zjj.xml\n"
    "  qsreport table samples/yongqiao-2022 -o table.xlsx -o table.pdf\n"
    "  qsreport score samples/yongqiao-2022 --format csv > score.csv\n"
    "  qsreport report samples/yongqiao-2022 -o report.pdf -o selfassess.xlsx\n"
    "  qsreport units samples/yongqiao-2022 -o units/\n"
    "  qsreport package samples/yongqiao-2022 -o out/\n"
    "  qsreport summary cases/* -o summary.xlsx -o summary.pdf\n"
    "  qsreport init samples/yongqiao-2022 --unit UNIT -o unit.xml\n";

/* stdout flushed and closed; a failure (a full disk, say) is said on stderr */
static bool close_stdout(void)
{
    int e = ferror(stdout) ? errno : 0; /* a write that already failed left its reason */
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout) && fclose(stdout) == 0)
        return true;
    if (errno)
        e = errno;
    fprintf(stderr, "qsreport: standard output: %s\n", e ? strerror(e) : "write error");
    return false;
}

static int usage(void)
{
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* the templates folder relative to the executable */
static const char *templates_near_exe(char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *dir = dirname(exe);
    /* the source tree (build/qsreport), then an installed tree (bin/qsreport) */
    static const char *const rel[] = {"/../templates", "/../share/qsreport/templates"};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        snprintf(buf, size, "%s%s", dir, rel[i]);
        if (is_dir(buf))
            return buf;
    }
    return NULL;
}

/* dir, relative to the working directory when it lies below it: diagnostics
 * then name templates/x.xml rather than /home/.../build/../templates/x.xml */
static const char *shorten(const char *dir, char *buf, size_t size)
{
    char real[PATH_MAX], cwd[PATH_MAX];
    if (!realpath(dir, real) || !getcwd(cwd, sizeof cwd))
        return dir;
    size_t n = strlen(cwd);
    if (!strncmp(real, cwd, n) && real[n] == '/')
        snprintf(buf, size, "%s", real + n + 1);
    else
        snprintf(buf, size, "%s", real);
    return buf;
}

static const char *find_templates(const char *opt, char *buf, size_t size)
{
    if (opt)
        return opt;
    const char *env = getenv("QSREPORT_TEMPLATES");
    if (env && *env)
        return env;
    char near[PATH_MAX + 16];
    if (templates_near_exe(near, sizeof near))
        return shorten(near, buf, size);
    return QS_DATADIR "/templates";
}

typedef enum { CMD_VALIDATE, CMD_DUMP, CMD_TABLE, CMD_FONTS, CMD_SCORE, CMD_REPORT, CMD_UNITS, CMD_PACKAGE, CMD_INIT, CMD_SUMMARY } command;

#define MAX_OUTPUTS 4
#define MAX_FONT_DIRS 8

typedef struct options {
    command cmd;
    const char *templates;
    const char *outputs[MAX_OUTPUTS];
    int n_outputs;
    const char *font_dirs[MAX_FONT_DIRS];
    int n_font_dirs;
    const char *font_map; /* --font-map, else fonts/fontmap.conf */
    const char *format;   /* score: table (default), csv, xml */
    bool dump;            /* score --dump */
    bool draft;           /* report --draft: the draft watermark */
    bool zip;             /* package --zip */
    bool quiet;           /* package -q: no progress bar */
    int jobs;             /* package -j N */
    long long cited_max;  /* --max-file-size: largest cited file, bytes (0: the default) */
    const char *unit;     /* init --unit */
    bool force;           /* init --force: replace the files that are there */
    char **args;
    int n_args;
} options;

static bool ends_with(const char *s, const char *suffix)
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
static qs_fonts *open_fonts(const options *opt, const qs_fontmap *m, qs_diags *d)
{
    char fonts_dir[2 * PATH_MAX];
    const char *dirs[MAX_FONT_DIRS + 1];
    size_t n = 0;
    dirs[n++] = data_path(opt->templates, "fonts", fonts_dir, sizeof fonts_dir);
    for (int i = 0; i < opt->n_font_dirs; i++)
        dirs[n++] = opt->font_dirs[i];
    return qs_fonts_open(m, dirs, n, d);
}

static qs_fontmap *load_fontmap(const options *opt, qs_diags *d)
{
    char path[2 * PATH_MAX];
    return qs_fontmap_load(opt->font_map ? opt->font_map
                                         : data_path(opt->templates, "fonts/fontmap.conf", path, sizeof path),
                           d);
}

/* `qsreport fonts`: the file every role resolves to. */
static int show_fonts(const options *opt)
{
    qs_diags d;
    qs_diag_init(&d);
    qs_fontmap *m = load_fontmap(opt, &d);
    qs_fonts *f = m ? open_fonts(opt, m, &d) : NULL;
    if (f)
        qs_fonts_describe(f, stdout);
    qs_diag_print(&d, stderr);
    int status = f ? EXIT_OK : EXIT_USAGE;
    qs_fonts_close(f);
    qs_fontmap_free(m);
    qs_diag_free(&d);
    return status;
}

static qs_strings *load_strings(const options *opt, qs_diags *d)
{
    char path[2 * PATH_MAX];
    snprintf(path, sizeof path, "%s/strings.xml", opt->templates);
    return qs_strings_load(path, d);
}

/* What every writing command needs: the wording, the font map and, for
 * PDFs, the fonts; keys lists the NULL-terminated key lists it needs. */
static bool setup_open(qs_render_opts *ro, const options *opt, bool fonts, const char *const *const *keys,
                       qs_diags *d)
{
    *ro = (qs_render_opts){qs_epoch(), load_strings(opt, d), load_fontmap(opt, d), NULL};
    if (!ro->strings || !ro->fontmap)
        return false;
    for (size_t i = 0; keys[i]; i++)
        if (qs_strings_require(ro->strings, keys[i], d))
            return false;
    return !fonts || (ro->fonts = open_fonts(opt, ro->fontmap, d)) != NULL;
}

static void setup_close(qs_render_opts *ro)
{
    qs_fonts_close(ro->fonts);
    qs_strings_free((qs_strings *)ro->strings);
    qs_fontmap_free((qs_fontmap *)ro->fontmap);
}

static bool any_pdf(const options *opt)
{
    for (int i = 0; i < opt->n_outputs; i++)
        if (ends_with(opt->outputs[i], ".pdf"))
            return true;
    return false;
}

/* a render status as an exit status */
static int exit_of(qs_status st)
{
    return st == QS_OK ? EXIT_OK : st == QS_ERR_INPUT ? EXIT_INVALID : EXIT_USAGE;
}

/* `qsreport table`: the official table in every requested format. */
static int write_table(const qs_case *c, const options *opt, qs_diags *d)
{
    const char *const *keys[] = {qs_table_string_keys, NULL};
    qs_render_opts ro;
    int status = EXIT_USAGE;
    if (setup_open(&ro, opt, any_pdf(opt), keys, d)) {
        qs_table *t = qs_table_build(c, ro.strings, c->arena);
        status = EXIT_OK;
        for (int i = 0; i < opt->n_outputs && status == EXIT_OK; i++) {
            const char *out = opt->outputs[i];
            qs_dest to;
            if (!qs_fs_dest_of(out, &to, d)) {
                status = EXIT_USAGE;
                break;
            }
            status = exit_of(ends_with(out, ".xlsx") ? qs_render_table_xlsx(t, &to, &ro, d)
                                                     : qs_render_table_pdf(t, &to, &ro, d));
            close(to.dir);
        }
    }
    setup_close(&ro);
    return status;
}

/* `qsreport score`: the score as a table, CSV, XML or dump on stdout. */
static int print_score(const qs_case *c, const options *opt, qs_diags *d)
{
    qs_strings *s = load_strings(opt, d);
    if (!s || qs_strings_require(s, qs_score_string_keys, d) ||
        qs_strings_require(s, qs_score_out_string_keys, d)) {
        qs_strings_free(s);
        return EXIT_USAGE;
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
    return EXIT_OK;
}

/* The facts of the case (facts.h), its files named as the package names them. */
static const qs_facts *facts_of(const qs_case *c, const qs_scores *sc, const qs_strings *s)
{
    const char *dir = qs_strings_get(s, "package.attachments");
    return qs_facts_build(c, sc, dir ? dir : "", c->arena);
}

/* `qsreport report`: the report (.pdf) and the self-assessment table (.xlsx). */
static int write_report(const qs_case *c, const options *opt, qs_diags *d)
{
    const char *const *keys[] = {qs_table_string_keys, qs_score_string_keys, NULL};
    qs_render_opts ro;
    int status = EXIT_USAGE;
    if (setup_open(&ro, opt, any_pdf(opt), keys, d)) {
        qs_scores *sc = qs_score(c, ro.strings, c->arena);
        qs_table *t = qs_table_build(c, ro.strings, c->arena);
        const qs_facts *fa = facts_of(c, sc, ro.strings);
        status = EXIT_OK;
        for (int i = 0; i < opt->n_outputs && status == EXIT_OK; i++) {
            const char *out = opt->outputs[i];
            qs_dest to;
            if (!qs_fs_dest_of(out, &to, d)) {
                status = EXIT_USAGE;
                break;
            }
            status = exit_of(ends_with(out, ".xlsx") ? qs_render_selfassess_xlsx(c, t, sc, &to, &ro, d)
                                                     : qs_render_report_pdf(c, sc, fa, &to, &ro, opt->draft, d));
            close(to.dir);
        }
    }
    setup_close(&ro);
    return status;
}

static const char *const units_string_keys[] = {
    "units.workbook", "unitpdf.title", "unitpdf.unit", "unitpdf.h1.indicators", "unitpdf.h1.tasks",
    "unitpdf.h1.targets", "unitpdf.none", "unitpdf.signature", "unitpdf.date", NULL,
};

/* `qsreport units`: the responsibility workbook and one PDF per unit. */
static int write_units(const qs_case *c, const options *opt, qs_diags *d)
{
    const char *const *keys[] = {qs_score_string_keys, units_string_keys, NULL};
    qs_render_opts ro;
    int status = EXIT_USAGE;
    int dir = -1;
    if (setup_open(&ro, opt, true, keys, d) && (dir = qs_fs_dir_open(opt->outputs[0], true, d)) >= 0) {
        qs_scores *sc = qs_score(c, ro.strings, c->arena);
        status = exit_of(qs_package_units(c, sc, facts_of(c, sc, ro.strings), dir, opt->outputs[0], false, &ro, d));
    }
    if (dir >= 0)
        close(dir);
    setup_close(&ro);
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
    if (ends_with(to->name, ".xlsx")) /* the evidence form (form_xlsx.c) */
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
    return EXIT_OK;
}

/* `qsreport init`: an evidence file to fill in, for one unit or for each;
 * the files that are there already are kept, each named on stderr */
static int write_init(const qs_case *c, const options *opt, qs_diags *d)
{
    qs_strings *s = load_strings(opt, d);
    int status = EXIT_OK;
    qs_diags kept;
    qs_diag_init(&kept);
    bool was_there;
    if (!s || qs_strings_require(s, qs_score_string_keys, d) || qs_strings_require(s, qs_init_string_keys, d) ||
        qs_strings_require(s, qs_form_string_keys, d)) {
        qs_strings_free(s);
        return EXIT_USAGE;
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
            status = EXIT_INVALID;
        } else if (!opt->n_outputs) {
            qs_init_write(c, found, s, stdout);
        } else {
            qs_dest to;
            if (!qs_fs_dest_of(opt->outputs[0], &to, d))
                status = EXIT_USAGE;
            else if (!write_template(c, found, s, &to, opt->force, &was_there, d))
                status = was_there ? keep(&kept, opt->outputs[0]) : EXIT_USAGE;
            if (to.dir >= 0)
                close(to.dir);
        }
    } else {
        int dir = qs_fs_dir_open(opt->outputs[0], true, d);
        for (size_t i = 0; dir >= 0 && i < du->n_units && status == EXIT_OK; i++) {
            const char *ext = opt->format && !strcmp(opt->format, "xlsx") ? ".xlsx" : ".xml"; /* --format xlsx: forms */
            const char *name = qs_sheetname_file(c->arena, du->units[i].unit->name, ext);
            qs_dest to = {dir, name, qs_arena_printf(c->arena, "%s/%s", opt->outputs[0], name), false};
            if (!write_template(c, &du->units[i], s, &to, opt->force, &was_there, d))
                status = was_there ? keep(&kept, to.shown) : EXIT_USAGE;
        }
        if (dir < 0)
            status = EXIT_USAGE;
        else
            close(dir);
    }
    qs_diag_print(&kept, stderr);
    qs_diag_free(&kept);
    qs_strings_free(s);
    return status;
}

/* ---- package: one case or a hundred ---- */

typedef struct batch_ctx {
    const options *opt;
    char **clash; /* per case: why it is not packaged (another case would write its package), or NULL */
    qs_diags setup_diags;
    qs_strings *strings;
    qs_fontmap *fontmap;
    qs_fonts *fonts;
    qs_schema_cache schemas; /* per worker: the indicator schema read once */
    struct timeval start;
    bool bar;
} batch_ctx;

/* once per worker: the wording and the fonts serve every case it does */
static void batch_setup(void *p)
{
    batch_ctx *b = p;
    b->strings = load_strings(b->opt, &b->setup_diags);
    b->fontmap = load_fontmap(b->opt, &b->setup_diags);
    if (b->fontmap)
        b->fonts = open_fonts(b->opt, b->fontmap, &b->setup_diags);
}

static void batch_teardown(void *p)
{
    batch_ctx *b = p;
    qs_fonts_close(b->fonts);
    qs_strings_free(b->strings);
    qs_fontmap_free(b->fontmap);
    qs_diag_free(&b->setup_diags);
    b->fonts = NULL;
    b->strings = NULL;
    b->fontmap = NULL;
    qs_load_cache_free(&b->schemas);
    qs_xml_cleanup();
}

static char *diag_text(qs_diags *d, bool errors_only)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    qs_diag_sort(d);
    for (size_t i = 0; i < d->count; i++) {
        const qs_diag *g = &d->items[i];
        if (errors_only && g->severity != QS_DIAG_ERROR)
            continue;
        const char *sev = g->severity == QS_DIAG_ERROR ? "error" : "warning";
        if (g->file && g->line > 0)
            fprintf(f, "%s:%ld: %s: %s\n", g->file, g->line, sev, g->message);
        else
            fprintf(f, "%s: %s: %s\n", g->file ? g->file : "qsreport", sev, g->message);
    }
    fclose(f);
    return text;
}

/* A batch's first step for case i, the same for package and summary: the
 * case loaded, resolved and validated in arena (the worker's schema read
 * once); the exit status it has so far. */
static int load_checked(batch_ctx *b, size_t i, qs_arena *arena, qs_diags *d, qs_case **c)
{
    qs_load_opts lo = {b->opt->templates, &b->schemas, b->opt->cited_max};
    bool io_error = false;
    *c = qs_load_case(arena, b->opt->args[i], &lo, d, &io_error);
    qs_resolve(*c, d);
    qs_validate(*c, d);
    return io_error ? EXIT_USAGE : qs_diag_errors(d) || !(*c)->plan || !(*c)->schema ? EXIT_INVALID : EXIT_OK;
}

/* After a batch an interrupt ends the process by its signal, as it would have */
static void reraise_interrupt(void)
{
    if (!qs_package_interrupted)
        return;
    fflush(stdout);
    signal((int)qs_package_interrupted, SIG_DFL);
    raise((int)qs_package_interrupted);
}

static int package_one(void *p, size_t i, char **text, char **output, char **data)
{
    batch_ctx *b = p;
    const options *opt = b->opt;
    qs_diags d;
    qs_diag_init(&d);
    int status = EXIT_OK;
    if (qs_package_interrupted) {
        free(*text);
        *text = qs_xstrdup("qsreport: interrupted before this case\n");
        return EXIT_USAGE;
    }
    if (b->clash && b->clash[i]) {
        free(*text);
        *text = qs_xstrdup(b->clash[i]);
        return EXIT_INVALID;
    }
    if (!b->strings || !b->fonts || qs_strings_require(b->strings, qs_package_string_keys, &d) ||
        qs_strings_require(b->strings, qs_score_string_keys, &d) ||
        qs_strings_require(b->strings, qs_table_string_keys, &d) ||
        qs_strings_require(b->strings, qs_index_string_keys, &d) ||
        (opt->n_args > 1 && qs_strings_require(b->strings, qs_summary_string_keys, &d))) {
        free(*text);
        *text = diag_text(&b->setup_diags, false);
        qs_diag_free(&d);
        return EXIT_USAGE;
    }
    qs_arena *arena = qs_arena_new();
    qs_case *c;
    status = load_checked(b, i, arena, &d, &c);
    if (status == EXIT_OK) {
        qs_render_opts ro = {qs_epoch(), b->strings, b->fontmap, b->fonts};
        /* more workers than cases: each case gets a helper for its unit sheets */
        qs_package_opts po = {opt->outputs[0], opt->zip, &ro, opt->jobs > opt->n_args, batch_teardown, b};
        qs_scores *sc = qs_score(c, b->strings, arena);
        qs_diag_sort(&d);
        qs_diags warnings = d; /* the package reprints what validation found */
        qs_diags render;
        qs_diag_init(&render);
        const char *written = NULL;
        qs_status st = qs_package_case(c, sc, &warnings, &po, &render, &written);
        if (st != QS_OK)
            status = st == QS_ERR_INPUT ? EXIT_INVALID : EXIT_USAGE;
        if (st == QS_OK && opt->n_args > 1) { /* its row of the summary beside the packages */
            free(*data);
            *data = qs_summary_row_encode(qs_summary_row_of(c, sc, b->strings, arena));
        }
        for (size_t k = 0; k < render.count; k++) {
            const qs_diag *g = &render.items[k];
            qs_srcpos pos = {g->file, g->line};
            qs_diag_add(&d, g->severity, pos, "%s", g->message);
        }
        qs_diag_free(&render);
        if (written) { /* "DIR/<region>-<year>", and what validation warned of, if anything */
            size_t w = qs_diag_warnings(&warnings);
            free(*output); /* package.warnings is among the keys required above */
            *output = qs_xstrdup(w ? qs_arena_printf(arena, "%s  (%zu warning%s, in %s)", written, w,
                                                     w == 1 ? "" : "s",
                                                     qs_strings_get(b->strings, "package.warnings"))
                                   : written);
        }
    }
    free(*text);
    *text = diag_text(&d, status == EXIT_OK);
    qs_diag_free(&d);
    qs_arena_free(arena);
    return status;
}

static double seconds_since(const struct timeval *t0)
{
    struct timeval t;
    gettimeofday(&t, NULL);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_usec - t0->tv_usec) / 1e6;
}

/* on a terminal: [#####     ] 37/100  0:04 elapsed  ~0:07 left */
static void batch_progress(void *p, size_t done, size_t total)
{
    batch_ctx *b = p;
    if (!b->bar)
        return;
    double el = seconds_since(&b->start), left = done ? el / (double)done * (double)(total - done) : 0;
    int width = 30, filled = (int)((double)width * (double)done / (double)total);
    fputs("\r[", stderr);
    for (int k = 0; k < width; k++)
        fputc(k < filled ? '#' : ' ', stderr);
    fprintf(stderr, "] %zu/%zu  %d:%02d elapsed  ~%d:%02d left ", done, total, (int)el / 60, (int)el % 60,
            (int)left / 60, (int)left % 60);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static void on_signal(int sig)
{
    qs_package_interrupted = sig;
    qs_batch_forward(sig);
}

typedef struct named_case {
    char *key;      /* the package name as a case-insensitive, normalising file system sees it */
    const char *name;
    qs_srcpos pos;  /* the plan's region */
    size_t i;
} named_case;

static int cmp_named(const void *a, const void *b)
{
    const named_case *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    return r ? r : (x->i > y->i) - (x->i < y->i);
}

/* Every case's package name, before anything is written: cases that would
 * write one package (the same region and year, or names a case-insensitive
 * or normalising file system takes for one) each get an error naming the
 * other case and the package; NULL when none clash.  A plan that cannot be
 * read is left to the case's own run, which reports it. */
static char **package_clashes(const options *opt, qs_arena *a)
{
    qs_diags d;
    qs_diag_init(&d);
    qs_strings *s = load_strings(opt, &d);
    size_t n = (size_t)opt->n_args, m = 0;
    named_case *v = qs_arena_calloc(a, n ? n : 1, sizeof *v);
    for (size_t i = 0; s && i < n; i++) {
        qs_diags ignored; /* the case's own run reports these */
        qs_diag_init(&ignored);
        const qs_plan *p = qs_load_plan(a, opt->args[i], &ignored);
        qs_diag_free(&ignored);
        if (!p || !p->region)
            continue;
        const char *name = qs_package_name(s, p, a);
        char *key = qs_fs_name_key(name);
        v[m++] = (named_case){qs_arena_strdup(a, key), name, p->region_pos, i};
        free(key);
    }
    qs_strings_free(s);
    qs_diag_free(&d);
    qsort(v, m, sizeof *v, cmp_named);
    char **clash = NULL;
    for (size_t k = 0, end; k < m; k = end) { /* a run of equal keys: every case in it fails */
        for (end = k + 1; end < m && !strcmp(v[end].key, v[k].key);)
            end++;
        if (end - k < 2)
            continue;
        if (!clash)
            clash = qs_arena_calloc(a, n, sizeof *clash);
        for (size_t x = k; x < end; x++) {
            const char *others = "";
            bool spelled = false;
            for (size_t y = k; y < end; y++)
                if (y != x) {
                    others = qs_arena_printf(a, "%s%s%s", others, *others ? " and " : "", opt->args[v[y].i]);
                    spelled |= strcmp(v[x].name, v[y].name) != 0;
                }
            clash[v[x].i] = qs_arena_printf(a, "%s:%ld: error: this case and %s would write one package, \"%s\"%s; "
                                               "none of them is written (give each region and year once)\n",
                                            v[x].pos.file, v[x].pos.line, others, v[x].name,
                                            spelled ? " (names that differ only in letter case or Unicode "
                                                      "normalisation are one on Windows and macOS)"
                                                    : "");
        }
    }
    return clash;
}

/* ---- summary: the province's roll-up ---- */

/* once per worker: the wording serves every case it scores; no fonts (the
 * summary's one PDF is written by the parent) */
static void summary_setup(void *p)
{
    batch_ctx *b = p;
    b->strings = load_strings(b->opt, &b->setup_diags);
}

/* One case loaded, validated and scored; its summary row goes back as
 * text (data), the number of its warnings as the output. */
static int summary_one(void *p, size_t i, char **text, char **output, char **data)
{
    batch_ctx *b = p;
    qs_diags d;
    qs_diag_init(&d);
    free(*text);
    if (qs_package_interrupted) {
        *text = qs_xstrdup("qsreport: interrupted before this case\n");
        return EXIT_USAGE;
    }
    if (!b->strings || qs_strings_require(b->strings, qs_score_string_keys, &d) ||
        qs_strings_require(b->strings, qs_summary_string_keys, &d)) {
        *text = diag_text(b->strings ? &d : &b->setup_diags, false);
        qs_diag_free(&d);
        return EXIT_USAGE;
    }
    qs_arena *arena = qs_arena_new();
    qs_case *c;
    int status = load_checked(b, i, arena, &d, &c);
    if (status == EXIT_OK) {
        qs_scores *sc = qs_score(c, b->strings, arena);
        free(*data);
        *data = qs_summary_row_encode(qs_summary_row_of(c, sc, b->strings, arena));
        free(*output);
        *output = qs_xstrdup(qs_arena_printf(arena, "%zu", qs_diag_warnings(&d)));
    }
    *text = diag_text(&d, status == EXIT_OK);
    qs_diag_free(&d);
    qs_arena_free(arena);
    return status;
}

/* Each case the summary refuses, for a district another case has that
 * year too, or a year another standard: its status becomes EXIT_INVALID
 * and the reason goes to d.  rows[i] NULL: case i failed already. */
static void refuse_rows(const options *opt, qs_summary_row **rows, qs_batch_result *res, size_t n, qs_diags *d)
{
    qs_summary_key *keys = qs_xmalloc((n ? n : 1) * sizeof *keys);
    bool *bad = calloc(n ? n : 1, sizeof *bad);
    for (size_t i = 0; i < n; i++)
        keys[i] = (qs_summary_key){opt->args[i], rows[i] ? rows[i]->region : NULL, rows[i] ? rows[i]->schema : NULL,
                                   rows[i] ? rows[i]->year : 0};
    qs_summary_check(keys, n, bad, d);
    for (size_t i = 0; i < n; i++)
        if (bad[i]) {
            res[i].status = EXIT_INVALID;
            rows[i] = NULL;
        }
    free(bad);
    free(keys);
}


/* The rows the workers sent back (NULL for a failed case), in a; a row
 * that cannot be read fails its case. */
static qs_summary_row **summary_rows(const options *opt, qs_batch_result *res, size_t n, qs_arena *a)
{
    qs_summary_row **rows = qs_arena_calloc(a, n ? n : 1, sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        if (res[i].status != EXIT_OK)
            continue;
        rows[i] = qs_summary_row_decode(res[i].data, a);
        if (rows[i]) {
            rows[i]->dir = opt->args[i];
        } else {
            res[i].status = EXIT_USAGE;
            fprintf(stderr, "%s: error: its summary row came back unreadable from the worker\n", opt->args[i]);
        }
    }
    return rows;
}

/* Beside the packages only an older summary is replaced: what is at to's
 * name must be a regular file that starts as an xlsx (a zip) or a PDF
 * does; anything else is left as it is, with an error. */
static bool may_replace_summary(const qs_dest *to, qs_diags *d)
{
    struct stat st;
    if (fstatat(to->dir, to->name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return true;
    char magic[4] = {0};
    int fd = S_ISREG(st.st_mode) ? openat(to->dir, to->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) : -1;
    bool ours = fd >= 0 && read(fd, magic, 4) == 4 &&
                !memcmp(magic, ends_with(to->name, ".xlsx") ? "PK\3\4" : "%PDF", 4);
    if (fd >= 0)
        close(fd);
    if (!ours) {
        qs_srcpos pos = {to->shown, 0};
        qs_diag_error(d, pos, "%s is in the way of the summary and is not one; it was left as it is",
                      S_ISDIR(st.st_mode) ? "a folder" : S_ISLNK(st.st_mode) ? "a symbolic link" : "a file");
    }
    return ours;
}

/* The summary of the rows, to the user's -o files, or beside the packages
 * in dir under the name strings.xml gives it; each file written is named
 * on stdout.  An exit status. */
static int write_summary(const options *opt, qs_summary_row **rows, size_t n, const char *dir)
{
    const char *const *keys[] = {qs_summary_string_keys, NULL};
    qs_diags d;
    qs_diag_init(&d);
    qs_render_opts ro;
    qs_arena *a = qs_arena_new();
    int status = EXIT_USAGE;
    qs_fs_on_signals(NULL); /* the workers are done: an interrupt now removes the temporary file */
    if (setup_open(&ro, opt, dir || any_pdf(opt), keys, &d)) {
        qs_summary_row **ok = qs_arena_calloc(a, n ? n : 1, sizeof *ok);
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (rows[i])
                ok[m++] = rows[i];
        qs_summary *sum = qs_summary_build(ok, m, a);
        const char *outs[MAX_OUTPUTS];
        int n_outs = 0;
        if (dir) {
            const char *name = qs_summary_name(sum, ro.strings, a);
            outs[n_outs++] = qs_arena_printf(a, "%s/%s.xlsx", dir, name);
            outs[n_outs++] = qs_arena_printf(a, "%s/%s.pdf", dir, name);
        } else {
            for (int i = 0; i < opt->n_outputs; i++)
                outs[n_outs++] = opt->outputs[i];
        }
        status = EXIT_OK;
        for (int i = 0; i < n_outs && status == EXIT_OK; i++) {
            qs_dest to;
            if (!qs_fs_dest_of(outs[i], &to, &d)) {
                status = EXIT_USAGE;
                break;
            }
            if (dir && !may_replace_summary(&to, &d))
                status = EXIT_USAGE;
            else
                status = exit_of(ends_with(outs[i], ".xlsx") ? qs_render_summary_xlsx(sum, &to, &ro, &d)
                                                             : qs_render_summary_pdf(sum, &to, &ro, &d));
            close(to.dir);
            if (status == EXIT_OK)
                printf("summary -> %s\n", outs[i]);
        }
    }
    qs_diag_print(&d, stderr);
    qs_diag_free(&d);
    setup_close(&ro);
    qs_arena_free(a);
    return status;
}

/* package with several cases: the summary beside the packages, written
 * only when every case made its package (else the ranking would be wrong). */
static int summary_beside(const options *opt, qs_batch_result *res, size_t n, int status)
{
    size_t failed = 0;
    for (size_t i = 0; i < n; i++)
        failed += res[i].status != EXIT_OK;
    if (failed) {
        fprintf(stderr, "qsreport: no summary written: %zu of %zu cases failed\n", failed, n);
        return status;
    }
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    qs_summary_row **rows = summary_rows(opt, res, n, a);
    refuse_rows(opt, rows, res, n, &d);
    qs_diag_print(&d, stderr);
    size_t refused = 0;
    for (size_t i = 0; i < n; i++)
        refused += !rows[i];
    if (refused) {
        fprintf(stderr, "qsreport: no summary written: %zu of %zu cases cannot be in it\n", refused, n);
        status = status > EXIT_INVALID ? status : EXIT_INVALID;
    } else {
        int s = write_summary(opt, rows, n, opt->outputs[0]);
        status = status > s ? status : s;
    }
    qs_diag_free(&d);
    qs_arena_free(a);
    return status;
}

/* `qsreport summary`: every case scored on -j workers, then the roll-up,
 * written only when every case is valid and in it once. */
static int run_summary(const options *opt)
{
    batch_ctx b = {.opt = opt};
    qs_diag_init(&b.setup_diags);
    qs_fs_on_signals(on_signal);
    gettimeofday(&b.start, NULL);
    b.bar = !opt->quiet && isatty(STDERR_FILENO) && opt->n_args > 1;
    size_t n = (size_t)opt->n_args;
    qs_batch_result *res = qs_batch_run(n, opt->jobs, summary_setup, batch_teardown, summary_one, batch_progress, &b);
    qs_arena *a = qs_arena_new();
    qs_summary_row **rows = summary_rows(opt, res, n, a);
    qs_diags d;
    qs_diag_init(&d);
    refuse_rows(opt, rows, res, n, &d);
    size_t warnings = 0, ok = 0;
    for (size_t i = 0; i < n; i++) {
        fputs(res[i].text, stderr);
        warnings += res[i].status == EXIT_OK ? strtoul(res[i].output, NULL, 10) : 0;
    }
    qs_diag_print(&d, stderr);
    qs_diag_free(&d);
    int status = EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        if (res[i].status == EXIT_OK) {
            ok++;
            continue;
        }
        printf("FAILED  %s%s\n", opt->args[i], res[i].status < 0 ? " (the worker died)" : "");
        int s = res[i].status == EXIT_INVALID ? EXIT_INVALID : EXIT_USAGE;
        status = status > s ? status : s;
    }
    if (n > 1 || !opt->quiet || ok < n)
        printf("%zu ok, %zu failed\n", ok, n - ok);
    if (warnings)
        fprintf(stderr, "qsreport: %zu warning%s (qsreport validate lists %s)\n", warnings, warnings == 1 ? "" : "s",
                warnings == 1 ? "it" : "them");
    if (qs_package_interrupted) {
        /* nothing written: end by the signal */
    } else if (ok < n) {
        fprintf(stderr, "qsreport: no summary written: %zu of %zu cases failed (a ranking without them "
                        "would rank the others wrongly)\n", n - ok, n);
    } else {
        status = write_summary(opt, rows, n, NULL);
    }
    qs_arena_free(a);
    qs_batch_free(res, n);
    qs_diag_free(&b.setup_diags);
    reraise_interrupt();
    return status;
}

static int run_package(const options *opt)
{
    batch_ctx b = {.opt = opt};
    qs_diag_init(&b.setup_diags);
    const char *out = opt->outputs[0];
    qs_diags d;
    qs_diag_init(&d);
    int dir = qs_fs_dir_open(out, true, &d);
    if (dir < 0) {
        qs_diag_print(&d, stderr);
        qs_diag_free(&d);
        return EXIT_USAGE;
    }
    close(dir);
    qs_diag_free(&d);
    qs_package_sweep(out); /* before anything else: a replacement a killed run left half done */
    qs_fs_on_signals(on_signal);
    qs_arena *names = qs_arena_new();
    b.clash = package_clashes(opt, names);
    gettimeofday(&b.start, NULL);
    b.bar = !opt->quiet && isatty(STDERR_FILENO) && opt->n_args > 1;
    size_t n = (size_t)opt->n_args;
    qs_batch_result *res = qs_batch_run(n, opt->jobs, batch_setup, batch_teardown, package_one, batch_progress, &b);
    int status = EXIT_OK;
    size_t ok = 0;
    for (size_t i = 0; i < n; i++)
        fputs(res[i].text, stderr);
    for (size_t i = 0; i < n; i++) {
        if (res[i].status == EXIT_OK) {
            ok++;
            if (!opt->quiet)
                printf("ok      %s -> %s\n", opt->args[i], res[i].output);
        } else {
            printf("FAILED  %s%s\n", opt->args[i], res[i].status < 0 ? " (the worker died)" : "");
            int s = res[i].status == EXIT_INVALID ? EXIT_INVALID : EXIT_USAGE;
            status = status > s ? status : s;
        }
    }
    if (n > 1 || !opt->quiet)
        printf("%zu ok, %zu failed\n", ok, n - ok);
    if (n > 1 && !qs_package_interrupted)
        status = summary_beside(opt, res, n, status);
    qs_batch_free(res, n);
    qs_arena_free(names);
    qs_diag_free(&b.setup_diags);
    reraise_interrupt();
    return status;
}

static int run(const options *opt)
{
    qs_diags d;
    qs_diag_init(&d);
    qs_arena *arena = qs_arena_new();
    qs_load_opts o = {opt->templates, NULL, opt->cited_max};
    if (opt->cmd == CMD_TABLE || opt->cmd == CMD_REPORT || opt->cmd == CMD_UNITS || opt->cmd == CMD_INIT)
        qs_fs_on_signals(NULL); /* an interrupt leaves no temporary file */
    bool io_error = false;
    qs_case *c;
    if (opt->n_args == 1 && is_dir(opt->args[0]))
        c = qs_load_case(arena, opt->args[0], &o, &d, &io_error);
    else
        c = qs_load_files(arena, (const char *const *)opt->args, (size_t)opt->n_args, &o, &d,
                          &io_error);
    qs_resolve(c, &d);
    qs_validate(c, &d);
    int status = io_error ? EXIT_USAGE : qs_diag_errors(&d) ? EXIT_INVALID : EXIT_OK;
    if (opt->cmd == CMD_DUMP)
        qs_dump_case(c, stdout);
    bool needs_plan = opt->cmd == CMD_TABLE || opt->cmd == CMD_SCORE || opt->cmd == CMD_REPORT ||
                      opt->cmd == CMD_UNITS || opt->cmd == CMD_INIT;
    if (needs_plan && status == EXIT_OK && (!c->plan || !c->schema)) {
        qs_srcpos none = {NULL, 0};
        qs_diag_error(&d, none, "this command needs a plan and its indicator schema");
        status = EXIT_INVALID;
    }
    if (opt->cmd == CMD_REPORT && status == EXIT_OK)
        status = write_report(c, opt, &d);
    if (opt->cmd == CMD_UNITS && status == EXIT_OK)
        status = write_units(c, opt, &d);
    if (opt->cmd == CMD_INIT && status == EXIT_OK)
        status = write_init(c, opt, &d);
    if (opt->cmd == CMD_SCORE && status == EXIT_OK)
        status = print_score(c, opt, &d);
    if (opt->cmd == CMD_TABLE && status == EXIT_OK) {
        if (!c->plan || !c->schema) {
            qs_srcpos none = {NULL, 0};
            qs_diag_error(&d, none, "the table needs a plan and its indicator schema");
            status = EXIT_INVALID;
        } else {
            status = write_table(c, opt, &d);
        }
    }
    if (opt->cmd == CMD_VALIDATE || qs_diag_errors(&d)) {
        qs_diag_print(&d, stderr);
    } else if (qs_diag_warnings(&d)) {
        /* the published text's own inconsistencies would repeat on every
         * run: validate lists them, the other commands only count them */
        size_t w = qs_diag_warnings(&d);
        fprintf(stderr, "qsreport: %zu warning%s (qsreport validate lists %s)\n", w, w == 1 ? "" : "s",
                w == 1 ? "it" : "them");
    }
    if (opt->cmd == CMD_VALIDATE && status == EXIT_OK) {
        size_t w = qs_diag_warnings(&d);
        fprintf(stderr, "%s: valid", opt->n_args == 1 ? opt->args[0] : "input");
        if (w)
            fprintf(stderr, " (%zu warning%s)", w, w == 1 ? "" : "s");
        fputc('\n', stderr);
    }
    qs_diag_free(&d);
    qs_arena_free(arena);
    return status;
}

/* "300", "512K", "256M", "2G" (1024-based) */
static bool parse_size(const char *s, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    long long unit = !strcmp(end, "") ? 1 : !strcmp(end, "K") ? 1024 : !strcmp(end, "M") ? 1024 * 1024
                   : !strcmp(end, "G") ? 1024LL * 1024 * 1024 : 0;
    if (errno || end == s || !(s[0] >= '0' && s[0] <= '9') || !unit || v < 1 || v > 1024LL * 1024 * 1024 * 1024 / unit)
        return false;
    *out = v * unit;
    return true;
}

/* `qsreport COMMAND --help`: that command's synopsis, what it does, examples */
static const struct command_help {
    const char *name, *text;
} command_help[] = {
    {"validate", "usage: qsreport validate [--templates DIR] CASE | FILE...\n\n"
                 "Checks a case folder (or loose files) against the XSDs and for meaning.\n"
                 "Diagnostics: file:line: error|warning: message, on stderr.\n"
                 "Exit: 0 valid (warnings allowed), 1 errors, 2 unreadable input.\n\n"
                 "Examples:\n  qsreport validate samples/yongqiao-2022\n"
                 "  qsreport validate samples/yongqiao-2022/plan.xml templates/indicators-anhui-2022.xml\n"},
    {"dump", "usage: qsreport dump CASE | FILE...\n\nPrints the loaded, resolved model as stable text.\n\n"
             "Example:\n  qsreport dump samples/yongqiao-2022 | grep '^responsible'\n"},
    {"score", "usage: qsreport score [--format table|csv|xml] [--dump] CASE\n\n"
              "Scores the district: per category and in total, the bonus, then the lost points\n"
              "largest first with the unit responsible and the reason.\n\n"
              "Examples:\n  qsreport score samples/yongqiao-2022\n"
              "  qsreport score --format csv samples/yongqiao-2022 > score.csv\n"},
    {"table", "usage: qsreport table [--font-dir DIR] [--font-map FILE] CASE -o F.xlsx|F.pdf [-o ...]\n\n"
              "Reprints the official task-decomposition table in the attachment's layout.\n\n"
              "Example:\n  qsreport table samples/yongqiao-2022 -o table.xlsx -o table.pdf\n"},
    {"report", "usage: qsreport report [--draft] CASE -o REPORT.pdf [-o TABLE.xlsx]\n\n"
               "The self-assessment report (GB/T 9704) and the self-assessment table.\n"
               "--draft marks every page as a draft for comments (a draft plan always is).\n\n"
               "Example:\n  qsreport report samples/yongqiao-2022 -o report.pdf -o selfassess.xlsx\n"},
    {"units", "usage: qsreport units CASE -o DIR\n\n"
              "The responsibility workbook and one responsibility sheet PDF per unit.\n\n"
              "Example:\n  qsreport units samples/yongqiao-2022 -o units/\n"},
    {"package", "usage: qsreport package [-j N] [-q] [--zip] CASE... -o DIR\n\n"
                "Writes each case's annual submission package into DIR/<region>-<year>/\n"
                "(or DIR/<region>-<year>.zip), atomically, with SHA256SUMS.  -j N: N workers\n"
                "(default: the cores); -q: no progress bar; exit 1 if any case failed.\n\n"
                "Examples:\n  qsreport package samples/yongqiao-2022 -o out/\n"
                "  qsreport package -j 2 --zip cases/* -o out/\n"},
    {"summary", "usage: qsreport summary [-j N] [-q] CASE... -o F.xlsx|F.pdf [-o ...]\n\n"
                "The province's roll-up: every case scored (-j N workers), then per year one\n"
                "row per district, ranked by total (equal totals share a rank), with level,\n"
                "base, bonus, each category's score and rate, points lost, units without\n"
                "evidence and the three largest losses; a bar chart of the totals.  Written\n"
                "only when every case is valid and no district is there twice in a year\n"
                "(else each failing case is named, exit 1).\n\n"
                "Example:\n  qsreport summary -j 2 cases/* -o summary.xlsx -o summary.pdf\n"},
    {"init", "usage: qsreport init [--force] CASE --unit UNIT [-o FILE.xml] | qsreport init [--force] CASE -o DIR\n\n"
             "An evidence file to fill in: every item the unit carries, the scoring method\n"
             "beside each, the fields commented out.  Valid as it stands.\n"
             "A file that is there already (a unit may have filled it in) is never replaced:\n"
             "each one kept is named on stderr, \"PATH: warning: exists, not replaced\", and\n"
             "the exit status stays 0.  --force replaces them.\n\n"
             "Examples:\n  qsreport init samples/yongqiao-2022 --unit UNIT -o unit.xml\n"
             "  qsreport init samples/yongqiao-2022 -o templates-2023/\n"},
    {"fonts", "usage: qsreport fonts [--font-dir DIR] [--font-map FILE]\n\n"
              "Prints each font role's families and the file each resolves to.\n\n"
              "Example:\n  qsreport fonts --font-dir ~/office-fonts\n"},
};

static int print_help(const char *cmd_name)
{
    const char *text = NULL;
    for (size_t i = 0; cmd_name && i < sizeof command_help / sizeof *command_help; i++)
        if (!strcmp(command_help[i].name, cmd_name))
            text = command_help[i].text;
    if (text) {
        fputs(text, stdout);
    } else {
        fputs(help_text, stdout);
        fputs(help_options, stdout);
    }
    return close_stdout() ? EXIT_OK : EXIT_USAGE;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"templates", required_argument, NULL, 'T'},
        {"font-dir", required_argument, NULL, 'F'},
        {"output", required_argument, NULL, 'o'},
        {"font-map", required_argument, NULL, 'M'},
        {"format", required_argument, NULL, 'f'},
        {"dump", no_argument, NULL, 'D'},
        {"draft", no_argument, NULL, 'd'},
        {"zip", no_argument, NULL, 'z'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"unit", required_argument, NULL, 'u'},
        {"max-file-size", required_argument, NULL, 'S'},
        {"force", no_argument, NULL, 'O'},
        {NULL, 0, NULL, 0},
    };
    options opt = {0};
    /* past a file-size limit, writes fail with EFBIG (reported, cleaned up)
     * instead of the process being killed with half a file on disk */
    signal(SIGXFSZ, SIG_IGN);
    /* a case keeps each cited file open from load to package (fsio.h):
     * take every descriptor the system allows */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    const char *templates_opt = NULL;
    int ch;
    /* "+" stops at the command; its own options follow it */
    while ((ch = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            return print_help(NULL);
        case 'V':
            puts("qsreport " QS_VERSION);
            return close_stdout() ? EXIT_OK : EXIT_USAGE;
        case 'T':
            templates_opt = optarg;
            break;
        default:
            return usage();
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "qsreport: no command given\n");
        return usage();
    }
    const char *name = argv[optind];
    if (!strcmp(name, "import")) /* a filled evidence form -> XML (import.c) */
        return qs_cmd_import(argc - optind, argv + optind);
    if (!strcmp(name, "validate"))
        opt.cmd = CMD_VALIDATE;
    else if (!strcmp(name, "dump"))
        opt.cmd = CMD_DUMP;
    else if (!strcmp(name, "table"))
        opt.cmd = CMD_TABLE;
    else if (!strcmp(name, "fonts"))
        opt.cmd = CMD_FONTS;
    else if (!strcmp(name, "score"))
        opt.cmd = CMD_SCORE;
    else if (!strcmp(name, "report"))
        opt.cmd = CMD_REPORT;
    else if (!strcmp(name, "units"))
        opt.cmd = CMD_UNITS;
    else if (!strcmp(name, "package"))
        opt.cmd = CMD_PACKAGE;
    else if (!strcmp(name, "init"))
        opt.cmd = CMD_INIT;
    else if (!strcmp(name, "summary"))
        opt.cmd = CMD_SUMMARY;
    else {
        fprintf(stderr, "qsreport: unknown command \"%s\"\n", name);
        return usage();
    }
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    sub_argv[0] = (char *)"qsreport"; /* getopt names the program with it in messages */
    optind = 0; /* 0: glibc reinitialises, so options may follow the case */
    while ((ch = getopt_long(sub_argc, sub_argv, "ho:j:q", longopts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            return print_help(name);
        case 'T':
            templates_opt = optarg;
            break;
        case 'o':
            if ((opt.cmd != CMD_TABLE && opt.cmd != CMD_REPORT && opt.cmd != CMD_UNITS &&
                 opt.cmd != CMD_PACKAGE && opt.cmd != CMD_INIT && opt.cmd != CMD_SUMMARY) ||
                opt.n_outputs == (opt.cmd == CMD_UNITS || opt.cmd == CMD_PACKAGE || opt.cmd == CMD_INIT ? 1 : MAX_OUTPUTS)) {
                fprintf(stderr, "qsreport: %s takes no more -o\n", name);
                return usage();
            }
            if (opt.cmd != CMD_UNITS && opt.cmd != CMD_PACKAGE && opt.cmd != CMD_INIT && !ends_with(optarg, ".xlsx") &&
                !ends_with(optarg, ".pdf")) {
                fprintf(stderr, "qsreport: %s: the output must end in .xlsx or .pdf\n", optarg);
                return usage();
            }
            opt.outputs[opt.n_outputs++] = optarg;
            break;
        case 'F':
            if (opt.n_font_dirs == MAX_FONT_DIRS) {
                fprintf(stderr, "qsreport: at most %d --font-dir\n", MAX_FONT_DIRS);
                return usage();
            }
            opt.font_dirs[opt.n_font_dirs++] = optarg;
            break;
        case 'M':
            opt.font_map = optarg;
            break;
        case 'f':
            if (opt.cmd == CMD_INIT && (!strcmp(optarg, "xml") || !strcmp(optarg, "xlsx"))) { /* evidence forms */
                opt.format = optarg;
                break;
            }
            if (opt.cmd != CMD_SCORE || (strcmp(optarg, "table") && strcmp(optarg, "csv") && strcmp(optarg, "xml"))) {
                fprintf(stderr, "qsreport: --format takes table, csv or xml (score only)\n");
                return usage();
            }
            opt.format = optarg;
            break;
        case 'D':
            opt.dump = true;
            break;
        case 'd':
            opt.draft = true;
            break;
        case 'z':
            opt.zip = true;
            break;
        case 'q':
            opt.quiet = true;
            break;
        case 'u':
            opt.unit = optarg;
            break;
        case 'O':
            if (opt.cmd != CMD_INIT) {
                fprintf(stderr, "qsreport: --force is for init only\n");
                return usage();
            }
            opt.force = true;
            break;
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || j < 1 || j > 256) {
                fprintf(stderr, "qsreport: -j takes a number of workers from 1 to 256\n");
                return usage();
            }
            opt.jobs = (int)j;
            break;
        }
        case 'S':
            if (!parse_size(optarg, &opt.cited_max)) {
                fprintf(stderr, "qsreport: --max-file-size takes a size in bytes, or with K, M or G "
                                "(1024-based), from 1 to 1024G: \"%s\"\n", optarg);
                return usage();
            }
            break;
        default:
            return usage();
        }
    }
    char buf[PATH_MAX + 16];
    opt.templates = find_templates(templates_opt, buf, sizeof buf);
    if (opt.cmd == CMD_FONTS)
        return show_fonts(&opt) | (close_stdout() ? EXIT_OK : EXIT_USAGE);
    if (optind >= sub_argc) {
        fprintf(stderr, "qsreport: %s needs a case folder or files\n", name);
        return usage();
    }
    if ((opt.cmd == CMD_TABLE || opt.cmd == CMD_REPORT || opt.cmd == CMD_SUMMARY) && opt.n_outputs == 0) {
        fprintf(stderr, "qsreport: %s needs -o FILE.pdf or -o FILE.xlsx\n", name);
        return usage();
    }
    if (opt.cmd == CMD_INIT && !opt.unit && opt.n_outputs == 0) {
        fprintf(stderr, "qsreport: init without --unit needs -o DIR\n");
        return usage();
    }
    if ((opt.cmd == CMD_UNITS || opt.cmd == CMD_PACKAGE) && opt.n_outputs == 0) {
        fprintf(stderr, "qsreport: %s needs -o DIR\n", name);
        return usage();
    }
    /* the commands that date what they write refuse a malformed date */
    const char *bad_epoch = qs_epoch_invalid();
    if (bad_epoch && (opt.cmd == CMD_TABLE || opt.cmd == CMD_REPORT || opt.cmd == CMD_UNITS ||
                      opt.cmd == CMD_PACKAGE || opt.cmd == CMD_SUMMARY)) {
        fprintf(stderr, "qsreport: SOURCE_DATE_EPOCH=\"%s\": not a whole number of seconds from 0 to %lld\n",
                bad_epoch, QS_EPOCH_MAX);
        return EXIT_USAGE;
    }
    opt.args = sub_argv + optind;
    opt.n_args = sub_argc - optind;
    if (opt.cmd == CMD_PACKAGE || opt.cmd == CMD_SUMMARY) {
        if (!opt.jobs) {
            long cores = sysconf(_SC_NPROCESSORS_ONLN);
            opt.jobs = cores > 0 ? (int)cores : 1;
        }
        int status = opt.cmd == CMD_PACKAGE ? run_package(&opt) : run_summary(&opt);
        qs_xml_cleanup();
        return close_stdout() ? status : EXIT_USAGE;
    }
    int status = run(&opt);
    qs_xml_cleanup();
    return close_stdout() ? status : EXIT_USAGE;
}
