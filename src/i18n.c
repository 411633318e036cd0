/* i18n.c - binds the message catalogue (infrastructure).
 *
 * Reads the environment's locale (LC_ALL, LC_MESSAGES, LANG) for the
 * categories LC_MESSAGES and LC_CTYPE only: LC_NUMERIC must stay "C", or
 * printf and strtod would write and read "84,5" in documents and inputs.
 * Finds the compiled catalogue the way cli_case.c finds templates/
 * (qs_fs_near_exe): beside the executable in the build tree (build/locale),
 * in an installed tree (bin/../share/locale), else QS_LOCALEDIR.  Writes
 * nothing.
 */
#include "i18n.h"
#include "fsio.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef QS_LOCALEDIR
#define QS_LOCALEDIR "/usr/local/share/locale"
#endif

static bool has_catalogue(const char *dir)
{
    char mo[PATH_MAX + 64];
    struct stat st;
    snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/" QS_TEXTDOMAIN ".mo", dir);
    return stat(mo, &st) == 0 && S_ISREG(st.st_mode);
}

void qs_i18n_init(void)
{
    setlocale(LC_CTYPE, "");
    const char *m = setlocale(LC_MESSAGES, "");
    /* glibc ignores $LANGUAGE under "C" but not under "C.UTF-8": a C locale is English */
    if (m && (!strncmp(m, "C.", 2) || !strcmp(m, "POSIX")))
        setlocale(LC_MESSAGES, "C");
    char near[PATH_MAX + 32];
    /* the build tree (build/qsreport), then an installed tree (bin/qsreport) */
    static const char *const rel[] = {"/locale", "/../share/locale"};
    const char *dir = qs_fs_near_exe(rel, sizeof rel / sizeof *rel, has_catalogue, near, sizeof near);
    bindtextdomain(QS_TEXTDOMAIN, dir ? dir : QS_LOCALEDIR);
    bind_textdomain_codeset(QS_TEXTDOMAIN, "UTF-8");
    textdomain(QS_TEXTDOMAIN);
}
