/* main.c - the qsreport command line: a table of commands, each with its
 * synopsis, help and function; the table makes the usage, `--help` and
 * `qsreport COMMAND --help`.  Parses the arguments, calls the command
 * (cli_case.c for one case, cli_batch.c for many) and returns its exit
 * status (cli.h).  Writes only the usage, the help and the version.
 */
#include "cli.h"
#include "epoch.h"
#include "i18n.h"
#include "import.h"
#include "xml.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#ifndef QS_VERSION
#define QS_VERSION "0.1.0"
#endif
#ifndef QS_DATADIR
#define QS_DATADIR "/usr/local/share/qsreport"
#endif

/* what a command takes and needs, beyond its case */
enum {
    OUT_FILES = 1 << 0, /* -o F.xlsx|F.pdf, one to four, at least one */
    OUT_DIR = 1 << 1,   /* -o DIR, exactly one */
    OUT_INIT = 1 << 2,  /* -o FILE or DIR, at most one; DIR needed without --unit */
    DATED = 1 << 3,     /* refuses a malformed SOURCE_DATE_EPOCH */
    BATCH = 1 << 4,     /* -j N workers, by default the cores */
    NO_CASE = 1 << 5,   /* takes no case */
    FORCE = 1 << 6,     /* --force */
};

typedef struct command {
    const char *name;
    const char *synopsis; /* after "qsreport NAME " */
    const char *brief;    /* its entry under "Commands:" in --help */
    const char *help;     /* what `qsreport NAME --help` says after the usage */
    const char *examples; /* lines "  qsreport NAME ...", in both helps */
    unsigned takes;       /* OUT_FILES ... */
    const char *formats;  /* the values --format takes ("|csv|xml|"), or NULL */
    qs_cli_output *out;   /* a command of one case: its output (NULL: validate) */
    unsigned run_flags;   /* ... and how the pipeline treats the case (QS_RUN_*) */
    int (*run)(const qs_cli *opt); /* else the whole command */
    int (*own)(int argc, char **argv); /* else a command that reads its own arguments */
} command;

static const command commands[] = {
    {"validate", "[--templates DIR] CASE | FILE...",
     N_("  validate CASE       check a case folder (plan.xml, evidence/*.xml) against the\n"
     "                      XSDs and for meaning; diagnostics go to stderr as\n"
     "                      file:line: error: message\n"
     "  validate FILE...    the same for loose files: an indicator schema, a plan and\n"
     "                      evidence files, each recognised by its namespace\n"),
     N_("Checks a case folder (or loose files) against the XSDs and for meaning.\n"
     "Diagnostics: file:line: error|warning: message, on stderr.\n"
     "Exit: 0 valid (warnings allowed), 1 errors, 2 unreadable input.\n"),
     "  qsreport validate samples/yongqiao-2022\n"
     "  qsreport validate samples/yongqiao-2022/plan.xml templates/indicators-anhui-2022.xml\n",
     0, NULL, NULL, 0, NULL, NULL},
    {"dump", "[--templates DIR] CASE | FILE...",
     N_("  dump CASE           print the loaded and resolved model as stable text\n"),
     N_("Prints the loaded, resolved model as stable text.\n"),
     "  qsreport dump samples/yongqiao-2022 | grep '^responsible'\n", 0, NULL, qs_cli_dump, QS_RUN_ALWAYS, NULL, NULL},
    {"score", "[--format table|csv|xml] [--dump] CASE",
     N_("  score CASE          score the district: per category and in total, the bonus,\n"
     "                      then the lost points largest first with their reasons\n"),
     N_("Scores the district: per category and in total, the bonus, then the lost points\n"
     "largest first with the unit responsible and the reason.\n"),
     "  qsreport score samples/yongqiao-2022\n"
     "  qsreport score --format csv samples/yongqiao-2022 > score.csv\n",
     0, "|table|csv|xml|", qs_cli_score, QS_RUN_PLAN, NULL, NULL},
    {"table", "[--font-dir DIR] [--font-map FILE] CASE -o F.xlsx|F.pdf [-o ...]",
     N_("  table CASE -o F     reprint the official task-decomposition table as F.xlsx\n"
     "                      or F.pdf (give -o twice for both)\n"),
     N_("Reprints the official task-decomposition table in the attachment's layout.\n"),
     "  qsreport table samples/yongqiao-2022 -o table.xlsx -o table.pdf\n",
     OUT_FILES | DATED, NULL, qs_cli_table, QS_RUN_PLAN | QS_RUN_WRITES, NULL, NULL},
    {"report", "[--draft] CASE -o REPORT.pdf [-o TABLE.xlsx]",
     N_("  report CASE -o F    the self-assessment report as F.pdf (GB/T 9704 format) and\n"
     "                      the self-assessment table as F.xlsx (give -o twice for both)\n"),
     N_("The self-assessment report (GB/T 9704) and the self-assessment table.\n"
     "--draft marks every page as a draft for comments (a draft plan always is).\n"),
     "  qsreport report samples/yongqiao-2022 -o report.pdf -o selfassess.xlsx\n",
     OUT_FILES | DATED, NULL, qs_cli_report, QS_RUN_PLAN | QS_RUN_WRITES, NULL, NULL},
    {"units", "CASE -o DIR",
     N_("  units CASE -o DIR   per-unit responsibility sheets: DIR/<workbook>.xlsx with a\n"
     "                      summary and a sheet per unit, and DIR/<unit>.pdf for each\n"),
     N_("The responsibility workbook and one responsibility sheet PDF per unit.\n"),
     "  qsreport units samples/yongqiao-2022 -o units/\n",
     OUT_DIR | DATED, NULL, qs_cli_units, QS_RUN_PLAN | QS_RUN_WRITES, NULL, NULL},
    {"package", "[-j N] [-q] [--zip] CASE... -o DIR",
     N_("  package CASE... -o DIR\n"
     "                      the annual submission package of each case: every\n"
     "                      document, the unit sheets, the evidence index, the cited\n"
     "                      files and SHA256SUMS, in DIR/<region>-<year>/, written\n"
     "                      atomically; -j N runs N workers (default: the cores);\n"
     "                      with several cases, the summary beside them too\n"),
     N_("Writes each case's annual submission package into DIR/<region>-<year>/\n"
     "(or DIR/<region>-<year>.zip), atomically, with SHA256SUMS.  -j N: N workers\n"
     "(default: the cores); -q: no progress bar; exit 1 if any case failed.\n"),
     "  qsreport package samples/yongqiao-2022 -o out/\n"
     "  qsreport package -j 2 --zip cases/* -o out/\n",
     OUT_DIR | DATED | BATCH, NULL, NULL, 0, qs_cli_package, NULL},
    {"summary", "[-j N] [-q] CASE... -o F.xlsx|F.pdf [-o ...]",
     N_("  summary CASE... -o F\n"
     "                      the province's roll-up: per year, every district ranked\n"
     "                      by total with its category scores and largest losses,\n"
     "                      and a bar chart, as F.xlsx or F.pdf; written only when\n"
     "                      every case is valid and each district is there once a year\n"),
     N_("The province's roll-up: every case scored (-j N workers), then per year one\n"
     "row per district, ranked by total (equal totals share a rank), with level,\n"
     "base, bonus, each category's score and rate, points lost, units without\n"
     "evidence and the three largest losses; a bar chart of the totals.  Written\n"
     "only when every case is valid and no district is there twice in a year\n"
     "(else each failing case is named, exit 1).\n"),
     "  qsreport summary -j 2 cases/* -o summary.xlsx -o summary.pdf\n",
     OUT_FILES | DATED | BATCH, NULL, NULL, 0, qs_cli_summary, NULL},
    {"init", "[--force] CASE --unit UNIT [-o FILE.xml] | qsreport init [--force] CASE -o DIR",
     N_("  init CASE --unit U  an evidence file to fill in for unit U (to -o FILE or\n"
     "                      stdout): every item it carries, the scoring method beside\n"
     "                      each, the fields commented out; without --unit, one file\n"
     "                      per unit into -o DIR.  A file that is there already is\n"
     "                      kept (named on stderr, exit 0) unless --force.  -o U.xlsx\n"
     "                      (or --format xlsx with DIR): an evidence form instead\n"),
     N_("An evidence file to fill in: every item the unit carries, the scoring method\n"
     "beside each, the fields commented out.  Valid as it stands.\n"
     "A file that is there already (a unit may have filled it in) is never replaced:\n"
     "each one kept is named on stderr, \"PATH: warning: exists, not replaced\", and\n"
     "the exit status stays 0.  --force replaces them.\n"),
     "  qsreport init samples/yongqiao-2022 --unit UNIT -o unit.xml\n"
     "  qsreport init samples/yongqiao-2022 -o templates-2023/\n",
     OUT_INIT | FORCE, "|xml|xlsx|", qs_cli_init, QS_RUN_PLAN | QS_RUN_WRITES, NULL, NULL},
    {"import", "FORM.xlsx -o FILE.xml",
     N_("  import FORM.xlsx -o FILE.xml\n"
     "                      the evidence XML of a filled evidence form (init -o U.xlsx)\n"),
     NULL, "  qsreport import 区财政局.xlsx -o 区财政局.xml\n", NO_CASE, NULL, NULL, 0, NULL, qs_cmd_import},
    {"fonts", "[--font-dir DIR] [--font-map FILE]",
     N_("  fonts               print the font file each role (title, body, table, ...)\n"
     "                      resolves to, in order of fallback\n"),
     N_("Prints each font role's families and the file each resolves to.\n"),
     "  qsreport fonts --font-dir ~/office-fonts\n", NO_CASE, NULL, NULL, 0, qs_cli_fonts, NULL},
};
#define N_COMMANDS (sizeof commands / sizeof *commands)

/* --help after the commands, two messages around QS_DATADIR (xgettext does not expand macros) */
static const char help_options[] = N_(
    "Options:\n"
    "  -o FILE             an output file; its extension picks the format\n"
    "  --format F          score: table (default), csv or xml (a CSV text cell that\n"
    "                      would start a formula, =+-@, gets a leading ');\n"
    "                      init: xml (default) or xlsx (evidence forms into -o DIR)\n"
    "  --dump              score: every item's rule, points and reason, as stable text\n"
    "  --draft             report: mark every page as a draft for comments\n"
    "  -j N, --jobs N      package, summary: N work items at a time (default: the\n"
    "                      number of cores); package with more workers than cases:\n"
    "                      a case's unit sheets are an item of their own\n"
    "  -q, --quiet         package, summary: no progress bar and no per-case lines\n"
    "  --zip               package: one NAME.zip per case instead of a folder\n"
    "  --max-file-size N   the largest cited file taken (K, M, G: 1024-based; default 256M)\n"
    "  --force             init: replace the files that are there (kept by default)\n"
    "  --font-dir DIR      more fonts to look in (besides fontconfig's and fonts/)\n"
    "  --font-map FILE     the role -> font families map (default fonts/fontmap.conf)\n"
    "  --templates DIR     where the shipped indicator schemas are\n"
    "                      (default: $QSREPORT_TEMPLATES, the source tree's templates/,\n"
    "                      or ");
static const char help_options_end[] = N_(/* xgettext:no-c-format */
    "/templates)\n"
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
    "\n");

/* every command's synopsis, on stderr */
static int usage(void)
{
    for (size_t i = 0; i < N_COMMANDS; i++) /* TRANSLATORS: 6 columns wide, as the lines below are indented */
        fprintf(stderr, "%s qsreport %s %s\n", i ? "      " : _("usage:"), commands[i].name, commands[i].synopsis);
    fputs("       qsreport --help | --version\n", stderr);
    return QS_EXIT_USAGE;
}

/* `qsreport --help` (cmd NULL) or `qsreport COMMAND --help`, on stdout */
static int print_help(const command *cmd)
{
    if (cmd) {
        printf("%s qsreport %s %s\n\n%s\n%s\n%s", _("usage:"), cmd->name, cmd->synopsis, _(cmd->help),
               strchr(cmd->examples, '\n')[1] ? _("Examples:") : _("Example:"), cmd->examples);
    } else {
        fputs(_("qsreport - the documents of a quality-strong district campaign\n\nCommands:\n"), stdout);
        for (size_t i = 0; i < N_COMMANDS; i++)
            fputs(_(commands[i].brief), stdout);
        printf("\n%s%s%s%s\n", _(help_options), QS_DATADIR, _(help_options_end), _("Examples:"));
        for (size_t i = 0; i < N_COMMANDS; i++)
            fputs(commands[i].examples, stdout);
    }
    return qs_cli_close_stdout() ? QS_EXIT_OK : QS_EXIT_USAGE;
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

static const struct option longopts[] = {
    {"help", no_argument, NULL, 'h'},        {"version", no_argument, NULL, 'V'},
    {"templates", required_argument, NULL, 'T'}, {"font-dir", required_argument, NULL, 'F'},
    {"output", required_argument, NULL, 'o'}, {"font-map", required_argument, NULL, 'M'},
    {"format", required_argument, NULL, 'f'}, {"dump", no_argument, NULL, 'D'},
    {"draft", no_argument, NULL, 'd'},       {"zip", no_argument, NULL, 'z'},
    {"jobs", required_argument, NULL, 'j'},  {"quiet", no_argument, NULL, 'q'},
    {"unit", required_argument, NULL, 'u'},  {"max-file-size", required_argument, NULL, 'S'},
    {"force", no_argument, NULL, 'O'},       {NULL, 0, NULL, 0},
};

/* One option of the command cmd into opt; false (said on stderr) when the
 * command does not take it or its value is wrong. */
static bool take_option(const command *cmd, int ch, const char *arg, qs_cli *opt)
{
    switch (ch) {
    case 'T': opt->templates = arg; return true;
    case 'M': opt->font_map = arg; return true;
    case 'D': opt->dump = true; return true;
    case 'd': opt->draft = true; return true;
    case 'z': opt->zip = true; return true;
    case 'q': opt->quiet = true; return true;
    case 'u': opt->unit = arg; return true;
    case 'o':
        if (!(cmd->takes & (OUT_FILES | OUT_DIR | OUT_INIT)) ||
            opt->n_outputs == (cmd->takes & OUT_FILES ? QS_CLI_MAX_OUTPUTS : 1)) {
            fprintf(stderr, _("qsreport: %s takes no more -o\n"), cmd->name);
            return false;
        }
        if ((cmd->takes & OUT_FILES) && !qs_cli_ends_with(arg, ".xlsx") && !qs_cli_ends_with(arg, ".pdf")) {
            fprintf(stderr, _("qsreport: %s: the output must end in .xlsx or .pdf\n"), arg);
            return false;
        }
        opt->outputs[opt->n_outputs++] = arg;
        return true;
    case 'F':
        if (opt->n_font_dirs == QS_CLI_MAX_FONT_DIRS) {
            fprintf(stderr, _("qsreport: at most %d --font-dir\n"), QS_CLI_MAX_FONT_DIRS);
            return false;
        }
        opt->font_dirs[opt->n_font_dirs++] = arg;
        return true;
    case 'f': {
        char want[32];
        snprintf(want, sizeof want, "|%s|", arg);
        if (!cmd->formats || strchr(arg, '|') || !strstr(cmd->formats, want)) {
            fprintf(stderr, _("qsreport: --format takes table, csv or xml (score only)\n"));
            return false;
        }
        opt->format = arg;
        return true;
    }
    case 'O':
        if (!(cmd->takes & FORCE)) {
            fprintf(stderr, _("qsreport: --force is for init only\n"));
            return false;
        }
        opt->force = true;
        return true;
    case 'j': {
        char *end;
        long j = strtol(arg, &end, 10);
        if (*end || j < 1 || j > 256) {
            fprintf(stderr, _("qsreport: -j takes a number of workers from 1 to 256\n"));
            return false;
        }
        opt->jobs = (int)j;
        return true;
    }
    case 'S':
        if (!parse_size(arg, &opt->cited_max)) {
            fprintf(stderr, _("qsreport: --max-file-size takes a size in bytes, or with K, M or G "
                            "(1024-based), from 1 to 1024G: \"%s\"\n"), arg);
            return false;
        }
        return true;
    default:
        return false;
    }
}

/* What the command needs besides its options; false (said on stderr) when
 * something is missing. */
static bool complete(const command *cmd, const qs_cli *opt)
{
    if (opt->n_args == 0 && !(cmd->takes & NO_CASE))
        fprintf(stderr, _("qsreport: %s needs a case folder or files\n"), cmd->name);
    else if ((cmd->takes & OUT_FILES) && opt->n_outputs == 0)
        fprintf(stderr, _("qsreport: %s needs -o FILE.pdf or -o FILE.xlsx\n"), cmd->name);
    else if ((cmd->takes & OUT_INIT) && !opt->unit && opt->n_outputs == 0)
        fprintf(stderr, _("qsreport: init without --unit needs -o DIR\n"));
    else if ((cmd->takes & OUT_DIR) && opt->n_outputs == 0)
        fprintf(stderr, _("qsreport: %s needs -o DIR\n"), cmd->name);
    else
        return true;
    return false;
}

int main(int argc, char **argv)
{
    qs_i18n_init();
    qs_cli opt = {0};
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
    int ch;
    /* "+" stops at the command; its own options follow it */
    while ((ch = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
        if (ch == 'h')
            return print_help(NULL);
        if (ch == 'V') {
            puts("qsreport " QS_VERSION);
            return qs_cli_close_stdout() ? QS_EXIT_OK : QS_EXIT_USAGE;
        }
        if (ch != 'T')
            return usage();
        opt.templates = optarg;
    }
    if (optind >= argc) {
        fprintf(stderr, _("qsreport: no command given\n"));
        return usage();
    }
    const command *cmd = NULL;
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(argv[optind], commands[i].name))
            cmd = &commands[i];
    if (!cmd) {
        fprintf(stderr, _("qsreport: unknown command \"%s\"\n"), argv[optind]);
        return usage();
    }
    if (cmd->own)
        return cmd->own(argc - optind, argv + optind);
    opt.name = cmd->name;
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    sub_argv[0] = (char *)"qsreport"; /* getopt names the program with it in messages */
    optind = 0; /* 0: glibc reinitialises, so options may follow the case */
    while ((ch = getopt_long(sub_argc, sub_argv, "ho:j:q", longopts, NULL)) != -1) {
        if (ch == 'h')
            return print_help(cmd);
        if (!take_option(cmd, ch, optarg, &opt))
            return usage();
    }
    char buf[PATH_MAX + 16];
    opt.templates = qs_cli_templates(opt.templates, buf, sizeof buf);
    opt.args = sub_argv + optind;
    opt.n_args = sub_argc - optind;
    if (!complete(cmd, &opt))
        return usage();
    /* the commands that date what they write refuse a malformed date */
    const char *bad_epoch = qs_epoch_invalid();
    if (bad_epoch && (cmd->takes & DATED)) {
        fprintf(stderr, _("qsreport: SOURCE_DATE_EPOCH=\"%s\": not a whole number of seconds from 0 to %lld\n"),
                bad_epoch, QS_EPOCH_MAX);
        return QS_EXIT_USAGE;
    }
    if ((cmd->takes & BATCH) && !opt.jobs) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        opt.jobs = cores > 0 ? (int)cores : 1;
    }
    int status = cmd->run ? cmd->run(&opt) : qs_cli_one_case(&opt, cmd->out, cmd->run_flags);
    qs_xml_cleanup();
    return qs_cli_close_stdout() ? status : QS_EXIT_USAGE;
}
