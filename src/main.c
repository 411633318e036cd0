/* main.c - the qsreport command line: parses arguments, drives the pipeline
 * (load -> resolve -> validate -> ...), prints diagnostics once, and maps the
 * outcome to an exit status.  The only file that prints to the terminal or
 * calls exit.
 */
#include "diag.h"
#include "dump.h"
#include "load.h"
#include "resolve.h"
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
    EXIT_USAGE = 2,   /* bad command line, or a file or folder that cannot be read */
};

static const char usage_text[] =
    "usage: qsreport validate [--templates DIR] CASE | FILE...\n"
    "       qsreport dump [--templates DIR] CASE | FILE...\n"
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
    "\n"
    "Options:\n"
    "  --templates DIR     where the shipped indicator schemas are\n"
    "                      (default: $QSREPORT_TEMPLATES, the source tree's templates/,\n"
    "                      or " QS_DATADIR "/templates)\n"
    "  -h, --help          this help\n"
    "  --version           the version\n"
    "\n"
    "Exit status: 0 valid (warnings allowed), 1 the input has errors,\n"
    "2 usage error or a file that cannot be read.\n"
    "\n"
    "Examples:\n"
    "  qsreport validate samples/yongqiao-2022\n"
    "  qsreport validate templates/indicators-anhui-2022.xml\n"
    "  qsreport validate samples/yongqiao-2022/plan.xml samples/yongqiao-2022/evidence/zjj.xml\n";

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

typedef enum { CMD_VALIDATE, CMD_DUMP } command;

static int run(command cmd, char **args, int n, const char *templates)
{
    qs_diags d;
    qs_diag_init(&d);
    qs_arena *arena = qs_arena_new();
    qs_load_opts o = {templates};
    bool io_error = false;
    qs_case *c;
    if (n == 1 && is_dir(args[0]))
        c = qs_load_case(arena, args[0], &o, &d, &io_error);
    else
        c = qs_load_files(arena, (const char *const *)args, (size_t)n, &o, &d, &io_error);
    qs_resolve(c, &d);
    qs_validate(c, &d);
    if (cmd == CMD_DUMP)
        qs_dump_case(c, stdout);
    qs_diag_print(&d, stderr);
    int status = io_error ? EXIT_USAGE : qs_diag_errors(&d) ? EXIT_INVALID : EXIT_OK;
    if (cmd == CMD_VALIDATE && status == EXIT_OK) {
        size_t w = qs_diag_warnings(&d);
        fprintf(stderr, "%s: valid", n == 1 ? args[0] : "input");
        if (w)
            fprintf(stderr, " (%zu warning%s)", w, w == 1 ? "" : "s");
        fputc('\n', stderr);
    }
    qs_diag_free(&d);
    qs_arena_free(arena);
    return status;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"templates", required_argument, NULL, 'T'},
        {NULL, 0, NULL, 0},
    };
    const char *templates_opt = NULL;
    int ch;
    /* "+" stops at the command; options may also follow it (see below) */
    while ((ch = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            fputs(help_text, stdout);
            return fclose(stdout) ? EXIT_USAGE : EXIT_OK;
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
    command cmd;
    if (!strcmp(name, "validate"))
        cmd = CMD_VALIDATE;
    else if (!strcmp(name, "dump"))
        cmd = CMD_DUMP;
    else {
        fprintf(stderr, "qsreport: unknown command \"%s\"\n", name);
        return usage();
    }
    /* options after the command */
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    optind = 1;
    while ((ch = getopt_long(sub_argc, sub_argv, "h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            fputs(help_text, stdout);
            return fclose(stdout) ? EXIT_USAGE : EXIT_OK;
        case 'T':
            templates_opt = optarg;
            break;
        default:
            return usage();
        }
    }
    if (optind >= sub_argc) {
        fprintf(stderr, "qsreport: %s needs a case folder or files\n", name);
        return usage();
    }
    char buf[PATH_MAX + 16];
    const char *templates = find_templates(templates_opt, buf, sizeof buf);
    int status = run(cmd, sub_argv + optind, sub_argc - optind, templates);
    qs_xml_cleanup();
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        perror("qsreport: standard output");
        return EXIT_USAGE;
    }
    return status;
}
