/* cli_batch.c - the commands of many cases: package and summary.
 *
 * Reads every case folder named; writes each case's package (package.c)
 * or the province's roll-up (summary.c) and the per-case lines, the
 * progress bar and the diagnostics.  The cases run on -j worker processes
 * (batch.c) as work items: one per case, or, with more workers than
 * cases, two (the documents, the unit sheets), whose package this process
 * opens before the workers start and publishes when both are done.
 * SIGINT and SIGTERM stop every worker at its next step; nothing partial
 * is left, and the run then ends by the signal.
 */
#include "cli.h"
#include "batch.h"
#include "epoch.h"
#include "fontmap.h"
#include "fonts.h"
#include "fsio.h"
#include "i18n.h"
#include "package.h"
#include "summary.h"
#include "xml.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

typedef struct batch_ctx {
    const qs_cli *opt;
    size_t n;     /* cases */
    char **clash; /* per case: why it is not packaged (another case would write its package), or NULL */
    qs_package_dir **split; /* per case: its package, opened here for two workers to write, or NULL */
    qs_strings *strings;    /* the parent's wording (package names) */
    qs_arena *names;        /* the parent's: the package names, the clashes */
    qs_diags setup_diags;
    qs_render_opts ro; /* per worker: the wording and the fonts serve every case it does */
    qs_schema_cache schemas; /* per worker: the indicator schema read once */
    struct timeval start;
    bool bar;
} batch_ctx;

/* one work item of a package run: a case, or one part of it */
typedef struct item {
    batch_ctx *b;
    size_t i; /* the case */
    qs_package_part part;
    bool wrote; /* the case was valid: the part was written */
    char **output, **data;
} item;

static void batch_setup(void *p)
{
    batch_ctx *b = p;
    const char *const *none[] = {NULL};
    qs_cli_setup_open(&b->ro, b->opt, true, none, &b->setup_diags);
}

/* once per worker: the wording only (the summary's one PDF is written by
 * the parent) */
static void summary_setup(void *p)
{
    batch_ctx *b = p;
    b->ro.strings = qs_cli_strings(b->opt, &b->setup_diags);
}

static void batch_teardown(void *p)
{
    batch_ctx *b = p;
    qs_cli_setup_close(&b->ro);
    b->ro = (qs_render_opts){0};
    qs_diag_free(&b->setup_diags);
    qs_load_cache_free(&b->schemas);
    qs_xml_cleanup();
}

/* in a worker: what the parent opened, freed (its folders and locks stay) */
static void package_inherited(void *p)
{
    batch_ctx *b = p;
    for (size_t i = 0; b->split && i < b->n; i++)
        if (b->split[i])
            qs_package_release(b->split[i]);
    free(b->split);
    qs_strings_free(b->strings);
    qs_arena_free(b->names);
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

/* The package of a valid case, or its part; its summary row (with other
 * cases) and "DIR/<region>-<year>  (N warnings, in ...)" go to the item
 * (the part of the documents leaves the path to the parent). */
static int package_out(const qs_case *c, void *ctx, qs_diags *d)
{
    item *it = ctx;
    batch_ctx *b = it->b;
    const qs_strings *s = b->ro.strings;
    qs_render_opts ro = b->ro;
    ro.epoch = qs_epoch();
    qs_package_opts po = {b->opt->outputs[0], b->opt->zip, &ro};
    qs_scores *sc = qs_score(c, s, c->arena);
    qs_diag_sort(d);
    qs_diags warnings = *d; /* the package reprints what validation found */
    size_t w = qs_diag_warnings(&warnings);
    qs_diags render;
    qs_diag_init(&render);
    const char *written = "";
    it->wrote = true;
    qs_status st = it->part == QS_PART_ALL ? qs_package_case(c, sc, &warnings, &po, &render, &written)
                                           : qs_package_write(b->split[it->i], it->part, c, sc, &warnings, &ro, &render);
    if (st == QS_OK && it->part != QS_PART_UNITS) {
        if (b->n > 1) { /* its row of the summary beside the packages */
            free(*it->data);
            *it->data = qs_summary_row_encode(qs_summary_row_of(c, sc, s, c->arena));
        }
        free(*it->output); /* package.warnings is among the keys required */
        /* TRANSLATORS: the ok line's note: the package, its warnings, the file listing them */
        *it->output = qs_xstrdup(w ? qs_arena_printf(c->arena, P_("%s  (%zu warning, in %s)", "%s  (%zu warnings, in %s)", w),
                                                     written, w, qs_wording(s, "package.warnings"))
                                   : written);
    }
    for (size_t k = 0; k < render.count; k++) {
        const qs_diag *g = &render.items[k];
        qs_srcpos pos = {g->file, g->line};
        qs_diag_add(d, g->severity, pos, "%s", g->message);
    }
    qs_diag_free(&render);
    return qs_cli_exit_of(st);
}

/* Work item k: case k, or with split packages, the documents of case k
 * (k < n) or the unit sheets of case k - n.  The unit sheets' item says
 * only what went wrong in writing them: the other item reports the case. */
static int package_one(void *p, size_t k, char **text, char **output, char **data)
{
    batch_ctx *b = p;
    const qs_cli *opt = b->opt;
    size_t i = k % b->n;
    qs_package_part part = !b->split || !b->split[i] ? QS_PART_ALL : k < b->n ? QS_PART_DOCS : QS_PART_UNITS;
    if (k >= b->n && part == QS_PART_ALL)
        return QS_EXIT_OK; /* the case is one item */
    bool quiet = part == QS_PART_UNITS;
    free(*text);
    if (qs_package_interrupted) {
        if (part != QS_PART_ALL) /* before the result is sent: a pipe to a dead parent ends this process */
            qs_package_discard(b->split[i]);
        *text = qs_xstrdup(quiet ? "" : _("qsreport: interrupted before this case\n"));
        return QS_EXIT_USAGE;
    }
    if (b->clash && b->clash[i]) {
        *text = qs_xstrdup(b->clash[i]);
        return QS_EXIT_INVALID;
    }
    const qs_strings *s = b->ro.strings;
    qs_diags d;
    qs_diag_init(&d);
    if (!s || !b->ro.fonts || qs_strings_require(s, qs_package_string_keys, &d) ||
        qs_strings_require(s, qs_score_string_keys, &d) || qs_strings_require(s, qs_table_string_keys, &d) ||
        qs_strings_require(s, qs_index_string_keys, &d) ||
        (b->n > 1 && qs_strings_require(s, qs_summary_string_keys, &d))) {
        *text = quiet ? qs_xstrdup("") : qs_diag_text(s && b->ro.fonts ? &d : &b->setup_diags, false);
        qs_diag_free(&d);
        return QS_EXIT_USAGE;
    }
    qs_arena *arena = qs_arena_new();
    item it = {b, i, part, false, output, data};
    int status = qs_cli_run_case(opt, &opt->args[i], 1, &b->schemas, QS_RUN_FOLDER | QS_RUN_PLAN, package_out, &it,
                                 arena, &d);
    if (part != QS_PART_ALL && qs_package_interrupted)
        qs_package_discard(b->split[i]); /* the parent may be gone */
    /* a split case's items hand their diagnostics on unformatted: the
     * parent prints them with its own, once, as one case's */
    if (part == QS_PART_ALL)
        *text = qs_diag_text(&d, status == QS_EXIT_OK);
    else
        *text = part == QS_PART_DOCS || it.wrote ? qs_diag_encode(&d) : qs_xstrdup("");
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
    /* TRANSLATORS: the progress bar after its [#####     : done/total, elapsed, left */
    fprintf(stderr, _("] %zu/%zu  %d:%02d elapsed  ~%d:%02d left "), done, total, (int)el / 60, (int)el % 60,
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
 * other case and the package; NULL when none clash.  names[i] gets case
 * i's package name, or stays NULL: a plan that cannot be read is left to
 * the case's own run, which reports it. */
static char **package_clashes(const qs_cli *opt, const qs_strings *s, const char **names, qs_arena *a)
{
    size_t n = (size_t)opt->n_args, m = 0;
    named_case *v = qs_arena_calloc(a, n ? n : 1, sizeof *v);
    for (size_t i = 0; s && i < n; i++) {
        qs_diags ignored; /* the case's own run reports these */
        qs_diag_init(&ignored);
        const qs_plan *p = qs_load_plan(a, opt->args[i], &ignored);
        qs_diag_free(&ignored);
        if (!p || !p->region)
            continue;
        const char *name = names[i] = qs_package_name(s, p, a);
        char *key = qs_fs_name_key(name);
        v[m++] = (named_case){qs_arena_strdup(a, key), name, p->region_pos, i};
        free(key);
    }
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
                    others = qs_arena_printf(a, "%s%s%s", others, *others ? _(" and ") : "", opt->args[v[y].i]);
                    spelled |= strcmp(v[x].name, v[y].name) != 0;
                }
            clash[v[x].i] = qs_arena_printf(a, _("%s:%ld: error: this case and %s would write one package, \"%s\"%s; "
                                                 "none of them is written (give each region and year once)\n"),
                                            v[x].pos.file, v[x].pos.line, others, v[x].name,
                                            spelled ? _(" (names that differ only in letter case or Unicode "
                                                        "normalisation are one on Windows and macOS)")
                                                    : "");
        }
    }
    return clash;
}

/* ---- summary: the province's roll-up ---- */


/* A valid case's summary row, as text (data), and the number of its
 * warnings (the output). */
static int summary_out(const qs_case *c, void *ctx, qs_diags *d)
{
    item *it = ctx;
    const qs_strings *s = it->b->ro.strings;
    qs_scores *sc = qs_score(c, s, c->arena);
    free(*it->data);
    *it->data = qs_summary_row_encode(qs_summary_row_of(c, sc, s, c->arena));
    free(*it->output);
    *it->output = qs_xstrdup(qs_arena_printf(c->arena, "%zu", qs_diag_warnings(d)));
    return QS_EXIT_OK;
}

/* One case loaded, validated and scored, for the summary. */
static int summary_one(void *p, size_t i, char **text, char **output, char **data)
{
    batch_ctx *b = p;
    const qs_strings *s = b->ro.strings;
    qs_diags d;
    qs_diag_init(&d);
    free(*text);
    if (qs_package_interrupted) {
        *text = qs_xstrdup(_("qsreport: interrupted before this case\n"));
        return QS_EXIT_USAGE;
    }
    if (!s || qs_strings_require(s, qs_score_string_keys, &d) || qs_strings_require(s, qs_summary_string_keys, &d)) {
        *text = qs_diag_text(s ? &d : &b->setup_diags, false);
        qs_diag_free(&d);
        return QS_EXIT_USAGE;
    }
    qs_arena *arena = qs_arena_new();
    item it = {b, i, QS_PART_ALL, false, output, data};
    int status = qs_cli_run_case(b->opt, &b->opt->args[i], 1, &b->schemas, QS_RUN_FOLDER | QS_RUN_PLAN, summary_out,
                                 &it, arena, &d);
    *text = qs_diag_text(&d, status == QS_EXIT_OK);
    qs_diag_free(&d);
    qs_arena_free(arena);
    return status;
}

/* Each case the summary refuses, for a district another case has that
 * year too, or a year another standard: its status becomes QS_EXIT_INVALID
 * and the reason goes to d.  rows[i] NULL: case i failed already. */
static void refuse_rows(const qs_cli *opt, qs_summary_row **rows, qs_batch_result *res, size_t n, qs_diags *d)
{
    qs_summary_key *keys = qs_xmalloc((n ? n : 1) * sizeof *keys);
    bool *bad = calloc(n ? n : 1, sizeof *bad);
    for (size_t i = 0; i < n; i++)
        keys[i] = (qs_summary_key){opt->args[i], rows[i] ? rows[i]->region : NULL, rows[i] ? rows[i]->schema : NULL,
                                   rows[i] ? rows[i]->year : 0};
    qs_summary_check(keys, n, bad, d);
    for (size_t i = 0; i < n; i++)
        if (bad[i]) {
            res[i].status = QS_EXIT_INVALID;
            rows[i] = NULL;
        }
    free(bad);
    free(keys);
}


/* The rows the workers sent back (NULL for a failed case), in a; a row
 * that cannot be read fails its case. */
static qs_summary_row **summary_rows(const qs_cli *opt, qs_batch_result *res, size_t n, qs_arena *a)
{
    qs_summary_row **rows = qs_arena_calloc(a, n ? n : 1, sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        if (res[i].status != QS_EXIT_OK)
            continue;
        rows[i] = qs_summary_row_decode(res[i].data, a);
        if (rows[i]) {
            rows[i]->dir = opt->args[i];
        } else {
            res[i].status = QS_EXIT_USAGE;
            fprintf(stderr, _("%s: error: its summary row came back unreadable from the worker\n"), opt->args[i]);
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
                !memcmp(magic, qs_cli_ends_with(to->name, ".xlsx") ? "PK\3\4" : "%PDF", 4);
    if (fd >= 0)
        close(fd);
    if (!ours) {
        qs_srcpos pos = {to->shown, 0};
        qs_diag_error(d, pos, "%s is in the way of the summary and is not one; it was left as it is",
                      S_ISDIR(st.st_mode) ? _("a folder") : S_ISLNK(st.st_mode) ? _("a symbolic link") : _("a file"));
    }
    return ours;
}

/* The summary of the rows, to the user's -o files, or beside the packages
 * in dir under the name strings.xml gives it; each file written is named
 * on stdout.  An exit status. */
typedef struct summary_doc {
    const qs_summary *sum;
    const qs_render_opts *ro;
    bool beside; /* beside the packages: only an older summary is replaced */
} summary_doc;

/* one file of the summary, named on stdout once written */
static qs_status write_summary_file(const qs_dest *to, bool xlsx, void *ctx, qs_diags *d)
{
    const summary_doc *x = ctx;
    if (x->beside && !may_replace_summary(to, d))
        return QS_ERR_IO;
    qs_status st = xlsx ? qs_render_summary_xlsx(x->sum, to, x->ro, d) : qs_render_summary_pdf(x->sum, to, x->ro, d);
    if (st == QS_OK)
        printf(_("summary -> %s\n"), to->shown);
    return st;
}

static int write_summary(const qs_cli *opt, qs_summary_row **rows, size_t n, const char *dir)
{
    const char *const *keys[] = {qs_summary_string_keys, NULL};
    qs_diags d;
    qs_diag_init(&d);
    qs_render_opts ro;
    qs_arena *a = qs_arena_new();
    int status = QS_EXIT_USAGE;
    qs_fs_on_signals(NULL); /* the workers are done: an interrupt now removes the temporary file */
    if (qs_cli_setup_open(&ro, opt, dir || qs_cli_any_pdf(opt), keys, &d)) {
        qs_summary_row **ok = qs_arena_calloc(a, n ? n : 1, sizeof *ok);
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (rows[i])
                ok[m++] = rows[i];
        qs_summary *sum = qs_summary_build(ok, m, a);
        const char *outs[QS_CLI_MAX_OUTPUTS];
        int n_outs = 0;
        if (dir) {
            const char *name = qs_summary_name(sum, ro.strings, a);
            outs[n_outs++] = qs_arena_printf(a, "%s/%s.xlsx", dir, name);
            outs[n_outs++] = qs_arena_printf(a, "%s/%s.pdf", dir, name);
        } else {
            for (int i = 0; i < opt->n_outputs; i++)
                outs[n_outs++] = opt->outputs[i];
        }
        summary_doc x = {sum, &ro, dir != NULL};
        status = qs_cli_write_each(outs, n_outs, write_summary_file, &x, &d);
    }
    qs_diag_print(&d, stderr);
    qs_diag_free(&d);
    qs_cli_setup_close(&ro);
    qs_arena_free(a);
    return status;
}

/* package with several cases: the summary beside the packages, written
 * only when every case made its package (else the ranking would be wrong). */
static int summary_beside(const qs_cli *opt, qs_batch_result *res, size_t n, int status)
{
    size_t failed = 0;
    for (size_t i = 0; i < n; i++)
        failed += res[i].status != QS_EXIT_OK;
    if (failed) {
        fprintf(stderr, _("qsreport: no summary written: %zu of %zu cases failed\n"), failed, n);
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
        fprintf(stderr, _("qsreport: no summary written: %zu of %zu cases cannot be in it\n"), refused, n);
        status = status > QS_EXIT_INVALID ? status : QS_EXIT_INVALID;
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
int qs_cli_summary(const qs_cli *opt)
{
    batch_ctx b = {.opt = opt, .n = (size_t)opt->n_args};
    qs_diag_init(&b.setup_diags);
    qs_fs_on_signals(on_signal);
    gettimeofday(&b.start, NULL);
    b.bar = !opt->quiet && isatty(STDERR_FILENO) && opt->n_args > 1;
    size_t n = (size_t)opt->n_args;
    qs_batch_hooks h = {summary_setup, summary_one, batch_teardown, NULL, batch_progress};
    qs_batch_result *res = qs_batch_run(n, opt->jobs, &h, &b);
    qs_arena *a = qs_arena_new();
    qs_summary_row **rows = summary_rows(opt, res, n, a);
    qs_diags d;
    qs_diag_init(&d);
    refuse_rows(opt, rows, res, n, &d);
    size_t warnings = 0, ok = 0;
    for (size_t i = 0; i < n; i++) {
        fputs(res[i].text, stderr);
        warnings += res[i].status == QS_EXIT_OK ? strtoul(res[i].output, NULL, 10) : 0;
    }
    qs_diag_print(&d, stderr);
    qs_diag_free(&d);
    int status = QS_EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        if (res[i].status == QS_EXIT_OK) {
            ok++;
            continue;
        }
        printf(_("FAILED  %s%s\n"), opt->args[i], res[i].status < 0 ? _(" (the worker died)") : "");
        int s = res[i].status == QS_EXIT_INVALID ? QS_EXIT_INVALID : QS_EXIT_USAGE;
        status = status > s ? status : s;
    }
    if (n > 1 || !opt->quiet || ok < n)
        printf(_("%zu ok, %zu failed\n"), ok, n - ok);
    qs_cli_count_warnings(warnings);
    if (qs_package_interrupted) {
        /* nothing written: end by the signal */
    } else if (ok < n) {
        fprintf(stderr, _("qsreport: no summary written: %zu of %zu cases failed (a ranking without them "
                          "would rank the others wrongly)\n"), n - ok, n);
    } else {
        status = write_summary(opt, rows, n, NULL);
    }
    qs_arena_free(a);
    qs_batch_free(res, n);
    qs_diag_free(&b.setup_diags);
    reraise_interrupt();
    return status;
}

/* With more workers than cases, each case whose package can be opened here
 * becomes two work items (its documents, its unit sheets); NULL: none. */
static qs_package_dir **open_split(const qs_cli *opt, const char **names, char **clash, const qs_package_opts *po)
{
    size_t n = (size_t)opt->n_args;
    if (opt->jobs <= opt->n_args || !po->render->strings)
        return NULL;
    qs_package_dir **split = calloc(n, sizeof *split);
    for (size_t i = 0; split && i < n; i++) {
        qs_diags ignored; /* the case, as one item, reports them */
        qs_diag_init(&ignored);
        if (names[i] && !(clash && clash[i]))
            split[i] = qs_package_open(names[i], po, &ignored);
        qs_diag_free(&ignored);
    }
    return split;
}

/* Case i of a split run: its two items' results become one in res[i],
 * and, when both are done, its package is put in place here. */
static void close_split(qs_package_dir *p, qs_batch_result *res, size_t i, size_t n)
{
    qs_batch_result *docs = &res[i], *units = &res[n + i];
    int status = docs->status < 0 || units->status < 0 ? -1 : docs->status > units->status ? docs->status : units->status;
    qs_arena *a = qs_arena_new();
    qs_diags d;
    qs_diag_init(&d);
    bool said = !qs_diag_decode(docs->text, &d); /* not written: the item said why */
    qs_diag_decode(units->text, &d);
    char *written = NULL;
    qs_status st = qs_package_close(p, status == QS_EXIT_OK, &d, &written);
    if (status == QS_EXIT_OK && st != QS_OK)
        status = qs_cli_exit_of(st);
    char *text = qs_diag_text(&d, status == QS_EXIT_OK);
    if (!said) {
        free(docs->text);
        docs->text = text;
    } else {
        char *both = qs_xstrdup(qs_arena_printf(a, "%s%s", docs->text, text));
        free(docs->text);
        free(text);
        docs->text = both;
    }
    if (written) { /* the documents' item left "  (N warnings, in ...)" */
        const char *out = qs_arena_printf(a, "%s%s", written, docs->output);
        free(docs->output);
        docs->output = qs_xstrdup(out);
    }
    docs->status = status;
    free(written);
    qs_diag_free(&d);
    qs_arena_free(a);
}

int qs_cli_package(const qs_cli *opt)
{
    batch_ctx b = {.opt = opt, .n = (size_t)opt->n_args};
    qs_diag_init(&b.setup_diags);
    const char *out = opt->outputs[0];
    qs_diags d;
    qs_diag_init(&d);
    int dir = qs_fs_dir_open(out, true, &d);
    if (dir < 0) {
        qs_diag_print(&d, stderr);
        qs_diag_free(&d);
        return QS_EXIT_USAGE;
    }
    close(dir);
    qs_package_sweep(out); /* before anything else: a replacement a killed run left half done */
    qs_fs_on_signals(on_signal);
    size_t n = b.n;
    b.names = qs_arena_new();
    const char **name_of = qs_arena_calloc(b.names, n ? n : 1, sizeof *name_of);
    b.strings = qs_cli_strings(opt, &d);
    qs_diag_free(&d); /* each case's run reports them */
    qs_render_opts ro = {qs_epoch(), b.strings, NULL, NULL};
    qs_package_opts po = {out, opt->zip, &ro};
    b.clash = b.strings ? package_clashes(opt, b.strings, name_of, b.names) : NULL;
    b.split = open_split(opt, name_of, b.clash, &po);
    gettimeofday(&b.start, NULL);
    b.bar = !opt->quiet && isatty(STDERR_FILENO) && opt->n_args > 1;
    size_t items = b.split ? 2 * n : n;
    qs_batch_hooks h = {batch_setup, package_one, batch_teardown, package_inherited, batch_progress};
    qs_batch_result *res = qs_batch_run(items, opt->jobs, &h, &b);
    for (size_t i = 0; b.split && i < n; i++)
        if (b.split[i])
            close_split(b.split[i], res, i, n);
    int status = QS_EXIT_OK;
    size_t ok = 0;
    for (size_t i = 0; i < n; i++)
        fputs(res[i].text, stderr);
    for (size_t i = 0; i < n; i++) {
        if (res[i].status == QS_EXIT_OK) {
            ok++;
            if (!opt->quiet)
                printf(_("ok      %s -> %s\n"), opt->args[i], res[i].output);
        } else {
            printf(_("FAILED  %s%s\n"), opt->args[i], res[i].status < 0 ? _(" (the worker died)") : "");
            int s = res[i].status == QS_EXIT_INVALID ? QS_EXIT_INVALID : QS_EXIT_USAGE;
            status = status > s ? status : s;
        }
    }
    if (n > 1 || !opt->quiet)
        printf(_("%zu ok, %zu failed\n"), ok, n - ok);
    if (n > 1 && !qs_package_interrupted)
        status = summary_beside(opt, res, n, status);
    qs_batch_free(res, items);
    free(b.split);
    qs_strings_free(b.strings);
    qs_arena_free(b.names);
    qs_diag_free(&b.setup_diags);
    reraise_interrupt();
    return status;
}
