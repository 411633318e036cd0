/* import.c - `qsreport import FORM.xlsx -o FILE.xml` (a command of its own).
 *
 * Reads: a filled evidence form (load_form.h).  Writes: the canonical
 * evidence XML it says, for archiving and review, atomically (fsio.h); only
 * when the form passes the evidence XSD, so the XML validates and scores as
 * the form does.  Diagnostics point at the form's cells.  Exit status as
 * main.c's: 0 written, 1 the form has errors, 2 usage or a file that cannot
 * be read or written.
 */
#include "import.h"
#include "fsio.h"
#include "i18n.h"
#include "load_form.h"
#include "xml.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* what `qsreport import --help` says after the usage line */
static const char help_text[] =
    N_("Writes the evidence XML of a filled evidence form (the workbook `qsreport init\n"
       "CASE --unit UNIT -o FILE.xlsx` wrote).  The XML validates and scores as the form.\n");

static void usage(FILE *to)
{
    fprintf(to, "%s qsreport import FORM.xlsx -o FILE.xml\n\n%s", _("usage:"), _(help_text));
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

int qs_cmd_import(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    const char *out = NULL;
    int ch;
    optind = 0;
    while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
        if (ch == 'h') {
            usage(stdout);
            return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
        }
        if (ch != 'o' || out) {
            usage(stderr);
            return 2;
        }
        out = optarg;
    }
    if (!out || optind != argc - 1 || !ends_with(out, ".xml") || !ends_with(argv[optind], ".xlsx")) {
        fprintf(stderr, _("qsreport: import takes one FORM.xlsx and -o FILE.xml\n"));
        usage(stderr);
        return 2;
    }
    const char *in = argv[optind];
    qs_diags d;
    qs_diag_init(&d);
    qs_arena *a = qs_arena_new();
    bool io_error = false;
    char *xml = NULL;
    size_t len = 0;
    bool ok = qs_form_import(a, open(in, O_RDONLY | O_NONBLOCK | O_CLOEXEC), in, &d, &io_error, &xml, &len);
    int status = io_error ? 2 : ok ? 0 : 1;
    if (ok) {
        qs_dest to;
        qs_afile f;
        if (!qs_fs_dest_of(out, &to, &d)) {
            status = 2;
        } else {
            if (qs_fs_create(&f, &to, &d) != QS_OK) {
                status = 2;
            } else if (!qs_fs_write(&f, xml, len)) {
                qs_srcpos pos = {out, 0};
                qs_diag_error(&d, pos, "cannot write: %s", strerror(errno));
                qs_fs_abort(&f);
                status = 2;
            } else if (qs_fs_commit(&f, false, NULL, &d) != QS_OK) {
                status = 2;
            }
            close(to.dir);
        }
    }
    qs_diag_print(&d, stderr);
    free(xml);
    qs_diag_free(&d);
    qs_arena_free(a);
    qs_xml_cleanup();
    return status;
}
