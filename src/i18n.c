/* i18n.c - binds the message catalogue (infrastructure).
 *
 * Reads the environment's locale (LC_ALL, LC_MESSAGES, LANG) for the
 * categories LC_MESSAGES and LC_CTYPE only: LC_NUMERIC must stay "C", or
 * printf and strtod would write and read "84,5" in documents and inputs.
 * Finds the compiled catalogue the way main.c finds templates/: beside the
 * executable in the build tree (build/locale), in an installed tree
 * (bin/../share/locale), else QS_LOCALEDIR.  Writes nothing.
 */
#include "i18n.h"

#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef QS_LOCALEDIR
#define QS_LOCALEDIR "/usr/local/share/locale"
#endif

static int has_catalogue(const char *dir)
{
    char mo[PATH_MAX + 64];
    struct stat st;
    snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/" QS_TEXTDOMAIN ".mo", dir);
    return stat(mo, &st) == 0 && S_ISREG(st.st_mode);
}

/* the locale folder relative to the executable, or NULL */
static const char *locale_near_exe(char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *dir = dirname(exe);
    /* the build tree (build/qsreport), then an installed tree (bin/qsreport) */
    static const char *const rel[] = {"/locale", "/../share/locale"};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        snprintf(buf, size, "%s%s", dir, rel[i]);
        if (has_catalogue(buf))
            return buf;
    }
    return NULL;
}

void qs_i18n_init(void)
{
    setlocale(LC_CTYPE, "");
    const char *m = setlocale(LC_MESSAGES, "");
    /* glibc ignores $LANGUAGE under "C" but not under "C.UTF-8": a C locale is English */
    if (m && (!strncmp(m, "C.", 2) || !strcmp(m, "POSIX")))
        setlocale(LC_MESSAGES, "C");
    char near[PATH_MAX + 32];
    const char *dir = locale_near_exe(near, sizeof near);
    bindtextdomain(QS_TEXTDOMAIN, dir ? dir : QS_LOCALEDIR);
    bind_textdomain_codeset(QS_TEXTDOMAIN, "UTF-8");
    textdomain(QS_TEXTDOMAIN);
}
