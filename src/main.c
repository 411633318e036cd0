/* main.c - the qsreport command line: parses arguments, drives the pipeline
 * (load -> resolve -> validate -> ...), prints diagnostics once, and maps the
 * outcome to an exit status.  The only file that prints to the terminal or
 * calls exit.
 */
#include "diag.h"
#include "dump.h"
#include "epoch.h"
#include "fontmap.h"
#include "fonts.h"
#include "load.h"
#include "render.h"
#include "resolve.h"
#include "score.h"
#include "score_out.h"
#include "strings.h"
#include "table.h"
#include "validate.h"
#include "xml.h"

#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    "  fonts               print the font file each role (title, body, table, ...)\n"
    "                      resolves to, in order of fallback\n"
    "\n"
    "Options:\n"
    "  -o FILE             an output file; its extension picks the format\n"
    "  --format F          score: table (default), csv or xml\n"
    "  --dump              score: every item's rule, points and reason, as stable text\n"
    "  --draft             report: mark every page as a draft for comments\n"
    "  --font-dir DIR      more fonts to look in (besides fontconfig's and fonts/)\n"
    "  --font-map FILE     the role -> font families map (default fonts/fontmap.conf)\n"
    "  --templates DIR     where the shipped indicator schemas are\n"
    "                      (default: $QSREPORT_TEMPLATES, the source tree's templates/,\n"
    "                      or " QS_DATADIR "/templates)\n"
    "  -h, --help          this help\n"
    "  --version           the version\n"
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
    "  qsreport report samples/yongqiao-2022 -o report.pdf -o selfassess.xlsx\n";

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

typedef enum { CMD_VALIDATE, CMD_DUMP, CMD_TABLE, CMD_FONTS, CMD_SCORE, CMD_REPORT } command;

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

/* The table in every requested format.  Returns an exit status. */
static int write_table(const qs_case *c, const options *opt, qs_diags *d)
{
    char path[2 * PATH_MAX];
    snprintf(path, sizeof path, "%s/strings.xml", opt->templates);
    qs_strings *strings = qs_strings_load(path, d);
    qs_fontmap *fontmap = load_fontmap(opt, d);
    qs_render_opts ro = {qs_epoch(), strings, fontmap, NULL};
    int status = EXIT_OK;
    bool need_fonts = false;
    for (int i = 0; i < opt->n_outputs; i++)
        need_fonts |= ends_with(opt->outputs[i], ".pdf");
    if (!strings || !fontmap || qs_strings_require(strings, qs_table_string_keys, d) ||
        (need_fonts && !(ro.fonts = open_fonts(opt, fontmap, d)))) {
        status = EXIT_USAGE;
        goto cleanup;
    }
    qs_table *t = qs_table_build(c, strings, c->arena);
    for (int i = 0; i < opt->n_outputs && status == EXIT_OK; i++) {
        const char *out = opt->outputs[i];
        qs_status st = ends_with(out, ".xlsx") ? qs_render_table_xlsx(t, out, &ro, d)
                                               : qs_render_table_pdf(t, out, &ro, d);
        if (st != QS_OK)
            status = st == QS_ERR_INPUT ? EXIT_INVALID : EXIT_USAGE;
    }
cleanup:
    qs_fonts_close(ro.fonts);
    qs_strings_free(strings);
    qs_fontmap_free(fontmap);
    return status;
}

static qs_strings *load_strings(const options *opt, qs_diags *d)
{
    char path[2 * PATH_MAX];
    snprintf(path, sizeof path, "%s/strings.xml", opt->templates);
    return qs_strings_load(path, d);
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

/* `qsreport report`: the report (.pdf) and the self-assessment table (.xlsx). */
static int write_report(const qs_case *c, const options *opt, qs_diags *d)
{
    qs_strings *strings = load_strings(opt, d);
    qs_fontmap *fontmap = load_fontmap(opt, d);
    qs_render_opts ro = {qs_epoch(), strings, fontmap, NULL};
    int status = EXIT_OK;
    bool need_fonts = false;
    for (int i = 0; i < opt->n_outputs; i++)
        need_fonts |= ends_with(opt->outputs[i], ".pdf");
    if (!strings || !fontmap || qs_strings_require(strings, qs_table_string_keys, d) ||
        qs_strings_require(strings, qs_score_string_keys, d) ||
        (need_fonts && !(ro.fonts = open_fonts(opt, fontmap, d)))) {
        status = EXIT_USAGE;
        goto cleanup;
    }
    qs_scores *sc = qs_score(c, strings, c->arena);
    qs_table *t = qs_table_build(c, strings, c->arena);
    for (int i = 0; i < opt->n_outputs && status == EXIT_OK; i++) {
        const char *out = opt->outputs[i];
        qs_status st = ends_with(out, ".xlsx") ? qs_render_selfassess_xlsx(c, t, sc, out, &ro, d)
                                               : qs_render_report_pdf(c, sc, out, &ro, opt->draft, d);
        if (st != QS_OK)
            status = st == QS_ERR_INPUT ? EXIT_INVALID : EXIT_USAGE;
    }
cleanup:
    qs_fonts_close(ro.fonts);
    qs_strings_free(strings);
    qs_fontmap_free(fontmap);
    return status;
}

static int run(const options *opt)
{
    qs_diags d;
    qs_diag_init(&d);
    qs_arena *arena = qs_arena_new();
    qs_load_opts o = {opt->templates};
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
    bool needs_plan = opt->cmd == CMD_TABLE || opt->cmd == CMD_SCORE || opt->cmd == CMD_REPORT;
    if (needs_plan && status == EXIT_OK && (!c->plan || !c->schema)) {
        qs_srcpos none = {NULL, 0};
        qs_diag_error(&d, none, "this command needs a plan and its indicator schema");
        status = EXIT_INVALID;
    }
    if (opt->cmd == CMD_REPORT && status == EXIT_OK)
        status = write_report(c, opt, &d);
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

static int print_help(void)
{
    fputs(help_text, stdout);
    return fclose(stdout) ? EXIT_USAGE : EXIT_OK;
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
        {NULL, 0, NULL, 0},
    };
    options opt = {0};
    const char *templates_opt = NULL;
    int ch;
    /* "+" stops at the command; its own options follow it */
    while ((ch = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            return print_help();
        case 'V':
            puts("qsreport " QS_VERSION);
            return fclose(stdout) ? EXIT_USAGE : EXIT_OK;
        case 'T':
            templates_opt = optarg;
            break;
        default:
            return usage();
        }
    }
    if (optind >= argc)
        return usage();
    const char *name = argv[optind];
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
    else {
        fprintf(stderr, "qsreport: unknown command \"%s\"\n", name);
        return usage();
    }
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    sub_argv[0] = (char *)"qsreport"; /* getopt names the program with it in messages */
    optind = 0; /* 0: glibc reinitialises, so options may follow the case */
    while ((ch = getopt_long(sub_argc, sub_argv, "ho:", longopts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            return print_help();
        case 'T':
            templates_opt = optarg;
            break;
        case 'o':
            if ((opt.cmd != CMD_TABLE && opt.cmd != CMD_REPORT) || opt.n_outputs == MAX_OUTPUTS) {
                fprintf(stderr, "qsreport: %s takes no more -o\n", name);
                return usage();
            }
            if (!ends_with(optarg, ".xlsx") && !ends_with(optarg, ".pdf")) {
                fprintf(stderr, "qsreport: %s: the output must end in .xlsx or .pdf\n", optarg);
                return usage();
            }
            opt.outputs[opt.n_outputs++] = optarg;
            break;
        case 'F':
            if (opt.n_font_dirs == MAX_FONT_DIRS)
                return usage();
            opt.font_dirs[opt.n_font_dirs++] = optarg;
            break;
        case 'M':
            opt.font_map = optarg;
            break;
        case 'f':
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
        default:
            return usage();
        }
    }
    char buf[PATH_MAX + 16];
    opt.templates = find_templates(templates_opt, buf, sizeof buf);
    if (opt.cmd == CMD_FONTS)
        return show_fonts(&opt) | (fclose(stdout) ? EXIT_USAGE : 0);
    if (optind >= sub_argc) {
        fprintf(stderr, "qsreport: %s needs a case folder or files\n", name);
        return usage();
    }
    if ((opt.cmd == CMD_TABLE || opt.cmd == CMD_REPORT) && opt.n_outputs == 0) {
        fprintf(stderr, "qsreport: %s needs -o FILE.pdf or -o FILE.xlsx\n", name);
        return usage();
    }
    opt.args = sub_argv + optind;
    opt.n_args = sub_argc - optind;
    int status = run(&opt);
    qs_xml_cleanup();
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        perror("qsreport: standard output");
        return EXIT_USAGE;
    }
    return status;
}
