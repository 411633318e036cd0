/* cli.h - what the files of the command line share: the parsed options,
 * the exit statuses, the one per-case pipeline and the commands.
 *
 * main.c parses the arguments against its table of commands and calls one
 * of the functions below; cli_case.c holds the pipeline and the commands
 * of one case, cli_batch.c those of many (package, summary).  Only these
 * files print to the terminal; only main.c calls exit (by returning).
 */
#ifndef QS_CLI_H
#define QS_CLI_H

#include "diag.h"
#include "load.h"
#include "render.h"

#include <stdbool.h>

/* Exit statuses, documented in README.md and qsreport.1. */
enum {
    QS_EXIT_OK = 0,      /* done; warnings allowed */
    QS_EXIT_INVALID = 1, /* the input has errors (diagnostics printed) */
    QS_EXIT_USAGE = 2,   /* bad command line, or a file or folder that cannot be read or written */
};

#define QS_CLI_MAX_OUTPUTS 4
#define QS_CLI_MAX_FONT_DIRS 8

/* The command line, parsed. */
typedef struct qs_cli {
    const char *name;      /* the command */
    const char *templates; /* where the shipped indicator schemas and strings.xml are */
    const char *outputs[QS_CLI_MAX_OUTPUTS];
    int n_outputs;
    const char *font_dirs[QS_CLI_MAX_FONT_DIRS];
    int n_font_dirs;
    const char *font_map; /* --font-map, else fonts/fontmap.conf */
    const char *format;   /* score: table (default), csv, xml */
    bool dump;            /* score --dump */
    bool draft;           /* report --draft: the draft watermark */
    bool zip;             /* package --zip */
    bool quiet;           /* package -q: no progress bar */
    int jobs;             /* package, summary -j N */
    long long cited_max;  /* --max-file-size: largest cited file, bytes (0: the default) */
    const char *unit;     /* init --unit */
    bool force;           /* init --force: replace the files that are there */
    char **args;          /* the case folder(s) or files */
    int n_args;
} qs_cli;

/* What a command makes of one case that passed validation: an exit
 * status; its diagnostics go to d. */
typedef int qs_cli_output(const qs_case *c, void *ctx, qs_diags *d);

/* How qs_cli_run_case treats the case. */
enum {
    QS_RUN_PLAN = 1,   /* the output needs a plan and its indicator schema */
    QS_RUN_ALWAYS = 2, /* the output runs even on an invalid case (dump) */
    QS_RUN_WRITES = 4, /* it writes files: an interrupt removes their temporary files */
    QS_RUN_FOLDER = 8, /* args[0] is a case folder, even when it is none */
};

/* The one per-case pipeline: the case folder args[0] (or the n loose
 * files) loaded into a, resolved and validated, then out(c, ctx, d) when
 * it passed.  cache: the batch worker's indicator schema, or NULL.
 * Returns the exit status; *c gets the case (arena memory). */
int qs_cli_run_case(const qs_cli *opt, char *const *args, size_t n, qs_schema_cache *cache, unsigned flags,
                    qs_cli_output *out, void *ctx, qs_arena *a, qs_diags *d);

/* One command on one case: the pipeline, then its diagnostics on stderr
 * (all of them for validate, else the errors and a count of warnings).
 * out NULL: validate. */
int qs_cli_one_case(const qs_cli *opt, qs_cli_output *out, unsigned flags);

/* The outputs of the one-case commands (ctx: the qs_cli). */
qs_cli_output qs_cli_dump, qs_cli_score, qs_cli_table, qs_cli_report, qs_cli_units, qs_cli_init;

/* `qsreport fonts`, `package`, `summary`: exit statuses. */
int qs_cli_fonts(const qs_cli *opt);
int qs_cli_package(const qs_cli *opt);
int qs_cli_summary(const qs_cli *opt);

/* The wording of templates/strings.xml (NULL with diagnostics). */
qs_strings *qs_cli_strings(const qs_cli *opt, qs_diags *d);

/* What every writing command needs: the wording, the font map and, with
 * fonts, the fonts; keys: the NULL-terminated key lists it requires.
 * False with diagnostics; qs_cli_setup_close() in any case. */
bool qs_cli_setup_open(qs_render_opts *ro, const qs_cli *opt, bool fonts, const char *const *const *keys,
                       qs_diags *d);
void qs_cli_setup_close(qs_render_opts *ro);

/* "qsreport: N warnings (qsreport validate lists them)" on stderr, if any. */
void qs_cli_count_warnings(size_t w);

/* stdout flushed and closed; false, said on stderr, when that fails (a full
 * disk, say). */
bool qs_cli_close_stdout(void);

/* Writes one output to `to`, as xlsx or else as PDF. */
typedef qs_status qs_cli_writer(const qs_dest *to, bool xlsx, void *ctx, qs_diags *d);

/* Each of the n outputs named in turn, until one fails: an exit status. */
int qs_cli_write_each(const char *const *outs, int n, qs_cli_writer *write, void *ctx, qs_diags *d);

/* A render status as an exit status. */
int qs_cli_exit_of(qs_status st);

/* Whether s ends in suffix; whether any -o names a PDF. */
bool qs_cli_ends_with(const char *s, const char *suffix);
bool qs_cli_any_pdf(const qs_cli *opt);

/* The templates folder: --templates, $QSREPORT_TEMPLATES, the one beside
 * the executable (source or installed tree), else the data folder; in buf. */
const char *qs_cli_templates(const char *opt, char *buf, size_t size);

#endif
