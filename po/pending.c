/* pending.c - messages not yet wrapped in _() where they are printed: what
 * src/main.c prints itself (help, usage, progress, per-case lines, totals)
 * and the parts of diagnostics composed before they reach a qs_diag_*
 * format (validate.c, fsio.c, load.c, xml.c, resolve.c, package.c).
 *
 * Never compiled: `make po` reads it with src/*.c, so these messages are in
 * po/qsreport.pot and translated in po/zh_CN.po already.  Whoever wraps one
 * in _() (or N_()) where it is printed deletes it here; a message listed
 * twice is one entry of the catalogue.  The text must stay byte for byte the
 * one main.c prints, or the translation is not found.
 */
#include "i18n.h"

/* --help and usage: printed with fputs(_(text), ...) */
static const char *const help[] = {
    /* main.c usage_text */
    N_(
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
    "       qsreport --help | --version\n"),
    /* main.c help_text */
    N_(
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
    "\n"),
    /* main.c help_options, up to QS_DATADIR: fputs(_(first)); fputs(QS_DATADIR); fputs(_(rest)) */
    /* xgettext:no-c-format */
    N_(
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
    "                      or "),
    /* xgettext:no-c-format */
    N_("/templates)\n"
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
    "  qsreport init samples/yongqiao-2022 --unit UNIT -o unit.xml\n"),
    /* main.c command_help: validate --help */
    N_("usage: qsreport validate [--templates DIR] CASE | FILE...\n\n"
                 "Checks a case folder (or loose files) against the XSDs and for meaning.\n"
                 "Diagnostics: file:line: error|warning: message, on stderr.\n"
                 "Exit: 0 valid (warnings allowed), 1 errors, 2 unreadable input.\n\n"
                 "Examples:\n  qsreport validate samples/yongqiao-2022\n"
                 "  qsreport validate samples/yongqiao-2022/plan.xml templates/indicators-anhui-2022.xml\n"),
    /* main.c command_help: dump --help */
    N_("usage: qsreport dump CASE | FILE...\n\nPrints the loaded, resolved model as stable text.\n\n"
             "Example:\n  qsreport dump samples/yongqiao-2022 | grep '^responsible'\n"),
    /* main.c command_help: score --help */
    N_("usage: qsreport score [--format table|csv|xml] [--dump] CASE\n\n"
              "Scores the district: per category and in total, the bonus, then the lost points\n"
              "largest first with the unit responsible and the reason.\n\n"
              "Examples:\n  qsreport score samples/yongqiao-2022\n"
              "  qsreport score --format csv samples/yongqiao-2022 > score.csv\n"),
    /* main.c command_help: table --help */
    N_("usage: qsreport table [--font-dir DIR] [--font-map FILE] CASE -o F.xlsx|F.pdf [-o ...]\n\n"
              "Reprints the official task-decomposition table in the attachment's layout.\n\n"
              "Example:\n  qsreport table samples/yongqiao-2022 -o table.xlsx -o table.pdf\n"),
    /* main.c command_help: report --help */
    N_("usage: qsreport report [--draft] CASE -o REPORT.pdf [-o TABLE.xlsx]\n\n"
               "The self-assessment report (GB/T 9704) and the self-assessment table.\n"
               "--draft marks every page as a draft for comments (a draft plan always is).\n\n"
               "Example:\n  qsreport report samples/yongqiao-2022 -o report.pdf -o selfassess.xlsx\n"),
    /* main.c command_help: units --help */
    N_("usage: qsreport units CASE -o DIR\n\n"
              "The responsibility workbook and one responsibility sheet PDF per unit.\n\n"
              "Example:\n  qsreport units samples/yongqiao-2022 -o units/\n"),
    /* main.c command_help: package --help */
    N_("usage: qsreport package [-j N] [-q] [--zip] CASE... -o DIR\n\n"
                "Writes each case's annual submission package into DIR/<region>-<year>/\n"
                "(or DIR/<region>-<year>.zip), atomically, with SHA256SUMS.  -j N: N workers\n"
                "(default: the cores); -q: no progress bar; exit 1 if any case failed.\n\n"
                "Examples:\n  qsreport package samples/yongqiao-2022 -o out/\n"
                "  qsreport package -j 2 --zip cases/* -o out/\n"),
    /* main.c command_help: summary --help */
    N_("usage: qsreport summary [-j N] [-q] CASE... -o F.xlsx|F.pdf [-o ...]\n\n"
                "The province's roll-up: every case scored (-j N workers), then per year one\n"
                "row per district, ranked by total (equal totals share a rank), with level,\n"
                "base, bonus, each category's score and rate, points lost, units without\n"
                "evidence and the three largest losses; a bar chart of the totals.  Written\n"
                "only when every case is valid and no district is there twice in a year\n"
                "(else each failing case is named, exit 1).\n\n"
                "Example:\n  qsreport summary -j 2 cases/* -o summary.xlsx -o summary.pdf\n"),
    /* main.c command_help: init --help */
    N_("usage: qsreport init [--force] CASE --unit UNIT [-o FILE.xml] | qsreport init [--force] CASE -o DIR\n\n"
             "An evidence file to fill in: every item the unit carries, the scoring method\n"
             "beside each, the fields commented out.  Valid as it stands.\n"
             "A file that is there already (a unit may have filled it in) is never replaced:\n"
             "each one kept is named on stderr, \"PATH: warning: exists, not replaced\", and\n"
             "the exit status stays 0.  --force replaces them.\n\n"
             "Examples:\n  qsreport init samples/yongqiao-2022 --unit UNIT -o unit.xml\n"
             "  qsreport init samples/yongqiao-2022 -o templates-2023/\n"),
    /* main.c command_help: fonts --help */
    N_("usage: qsreport fonts [--font-dir DIR] [--font-map FILE]\n\n"
              "Prints each font role's families and the file each resolves to.\n\n"
              "Example:\n  qsreport fonts --font-dir ~/office-fonts\n"),
};

/* main.c: printf(_(fmt), ...) where each is printed; the line after each
 * names where.  English plurals ("warning%s") keep their arguments: the
 * Chinese takes them with %.0s.  ngettext would be better (lead's call). */
static const char *const printed[] = {
    /* close_stdout */
    N_("qsreport: standard output: %s\n"),
    N_("write error"),
    /* batch_progress: the progress bar's text after "[####   " */
    N_("] %zu/%zu  %d:%02d elapsed  ~%d:%02d left "),
    /* package_one, summary_one */
    N_("qsreport: interrupted before this case\n"),
    /* package_one: the "ok" line's note of validation warnings; the last %s is package.warnings (校验意见.txt) */
    N_("%s  (%zu warning%s, in %s)"),
    /* package_clashes */
    N_(" and "),
    N_("%s:%ld: error: this case and %s would write one package, \"%s\"%s; "
       "none of them is written (give each region and year once)\n"),
    N_(" (names that differ only in letter case or Unicode normalisation are one on Windows and macOS)"),
    /* summary_rows */
    N_("%s: error: its summary row came back unreadable from the worker\n"),
    /* may_replace_summary (an argument of a qs_diag_error message) */
    N_("a folder"),
    N_("a symbolic link"),
    N_("a file"),
    /* write_summary */
    N_("summary -> %s\n"),
    /* summary_beside */
    N_("qsreport: no summary written: %zu of %zu cases failed\n"),
    N_("qsreport: no summary written: %zu of %zu cases cannot be in it\n"),
    /* run_summary, run_package: per case, then the totals */
    N_("ok      %s -> %s\n"),
    N_("FAILED  %s%s\n"),
    N_(" (the worker died)"),
    N_("%zu ok, %zu failed\n"),
    N_("qsreport: %zu warning%s (qsreport validate lists %s)\n"),
    N_("qsreport: no summary written: %zu of %zu cases failed (a ranking without them "
       "would rank the others wrongly)\n"),
    /* run (validate): "CASE: valid (N warnings)" */
    N_("%s: valid"),
    N_("input"),
    N_(" (%zu warning%s)"),
    /* main: the command line */
    N_("qsreport: no command given\n"),
    N_("qsreport: unknown command \"%s\"\n"),
    N_("qsreport: %s takes no more -o\n"),
    N_("qsreport: %s: the output must end in .xlsx or .pdf\n"),
    N_("qsreport: at most %d --font-dir\n"),
    N_("qsreport: --format takes table, csv or xml (score only)\n"),
    N_("qsreport: --force is for init only\n"),
    N_("qsreport: -j takes a number of workers from 1 to 256\n"),
    N_("qsreport: --max-file-size takes a size in bytes, or with K, M or G "
       "(1024-based), from 1 to 1024G: \"%s\"\n"),
    N_("qsreport: %s needs a case folder or files\n"),
    N_("qsreport: %s needs -o FILE.pdf or -o FILE.xlsx\n"),
    N_("qsreport: init without --unit needs -o DIR\n"),
    N_("qsreport: %s needs -o DIR\n"),
    N_("qsreport: SOURCE_DATE_EPOCH=\"%s\": not a whole number of seconds from 0 to %lld\n"),
};

/* Parts of messages, composed before they reach a qs_diag_* format as "%s":
 * wrap each in _() where it is written (the format itself where it is a
 * qs_arena_printf format), so the whole message reads in one language. */
static const char *const parts[] = {
    /* validate.c: the subject of a published fault (the "where" of its <as-published> checks) */
    N_("item %s"),
    N_("indicator %d"),
    N_("category %s"),
    N_("the schema"),
    N_("title line %zu"),
    N_("the table's title"),
    N_("the main text's attachment line"),
    /* validate.c: the faults of the official text (passed to published_fault) */
    N_("item %s: its nested items add up to %s points, the item states %s"),
    N_("indicator %d's scoring method has %d unclosed \"%s\""),
    N_("indicator %d's scoring method has %d \"%s\" without its \"%s\""),
    N_("item %s: indicator %d's scoring method states %.*s for it, the item has %s points"),
    N_("; the item scores %s"),
    N_("; the score uses %s"),
    N_("category %s: its label prints %.*s but the category has %s points"),
    N_("; the score is capped at %s"),
    N_("indicator %d: its scoring items add up to %s points but the indicator has %s"),
    N_("category %s: its indicators add up to %s points but the category has %s"),
    N_("the categories add up to %s points, the schema's total is %s"),
    /* validate.c: other parts of messages */
    N_("a closing"),
    N_("an opening"),
    N_("the copy of cited file"),
    N_("the responsibility sheet of unit"),
    N_(" (mark it any-year=\"true\" if that is intended)"),
    N_(" (a percentage is 0 to 100)"),
    N_("its fact \"%s\" is true"),
    N_("its %s of %g%s meets %s %g%s"),
    N_(" and its other conditions hold"),
    N_("the award"),
    N_("the incident"),
    N_("none"),
    N_("item %s: conflicting evidence"),
    N_("done"),
    N_("not done"),
    N_("%s (claimed score)"),
    N_("%s (assessed score)"),
    N_("conflicting measure of %s"),
    N_("document \"%s\""),
    /* fsio.c qs_fs_name_problem: why a name cannot be a file name (after "the name ... ") */
    N_("is empty"),
    N_("is longer than the 200 bytes a file name may take here"),
    N_("is \".\" or \"..\""),
    N_("is not valid UTF-8"),
    N_("contains a control character (a line break, say)"),
    N_("contains \"/\" or \"\\\""),
    N_("contains one of <>:\"|?*, which Windows refuses in a file name"),
    N_("begins with a space or a dot"),
    N_("ends with a space or a dot"),
    N_("is a device name on Windows (CON, PRN, AUX, NUL, COM1, LPT1 ...)"),
    /* fsio.c: why a file is not read; "cannot %s the folder" */
    N_("a folder, not a regular file"),
    N_("a FIFO, not a regular file"),
    N_("a device, not a regular file"),
    N_("not a regular file"),
    N_("larger than the limit"),
    N_("create"),
    N_("open"),
    /* load.c: why an entry of evidence/ is not read; what leads out of the case folder */
    N_("a folder (only the files evidence/*.xml are read)"),
    N_("a hidden file (its name starts with \".\")"),
    N_("evidence files are read only when their names end in \".xml\" in lower case"),
    N_("evidence files are named *.xml"),
    N_("indicator schema"),
    N_("evidence file"),
    N_("the templates folder"),
    N_("elsewhere"),
    /* xml.c: why a typed value is refused ("<x a=\"v\">: why") */
    N_("not an xs:boolean (true, false, 1 or 0)"),
    N_("not an xs:integer"),
    N_("outside the integers qsreport reads (-2147483648 to 2147483647)"),
    N_("not an xs:decimal"),
    N_("too large a number for qsreport"),
    N_("qsreport reads points with at most 2 decimals, up to 1000000"),
    N_("not an xs:gYear"),
    N_("outside the years qsreport reads (up to 2147483647)"),
    N_("not an xs:date"),
    N_("not one of the values qsreport reads"),
    N_("nothing"),
    /* resolve.c: the context of an unknown unit (its snprintf formats and literals) */
    N_("group member: "),
    N_("housed-at: "),
    N_("evidence: "),
    N_("indicator %d: "),
    N_("task %s: "),
    N_("target %s: "),
    /* package.c: what could not be done to a path (io_error's verb) */
    N_("cannot write"),
    N_("cannot read back"),
    N_("cannot flush"),
    N_("cannot flush a folder"),
    N_("cannot write a package here"),
    N_("cannot look at"),
    N_("cannot put the package in place"),
    N_("cannot put the archive in place"),
    N_("another file has taken its name since the case was read"),
};
