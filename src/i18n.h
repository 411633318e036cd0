/* i18n.h - messages in the user's language (GNU gettext, domain "qsreport").
 *
 * Only messages are translated: diagnostics, --help, progress and summaries.
 * Element names, file names and the "file:line:" form stay as they are.
 * The catalogue is po/zh_CN.po, compiled to build/locale and installed
 * under $(PREFIX)/share/locale.
 */
#ifndef QS_I18N_H
#define QS_I18N_H

#include <libintl.h>

#define QS_TEXTDOMAIN "qsreport"

/* s in the user's language (s itself when there is no translation); the
 * result is static: do not free. */
#define _(s) dgettext(QS_TEXTDOMAIN, s)
/* the form of a message for the number n: one when n is 1 in English (s),
 * else p; the catalogue's Plural-Forms picks the form in other languages */
#define P_(s, p, n) dngettext(QS_TEXTDOMAIN, s, p, n)
/* marks s for extraction only: translate it with _() where it is printed */
#define N_(s) s

/* A message is translated whole: where its variants are few, each is a
 * format of its own; a part composed before it reaches a diagnostic as "%s"
 * (a subject, a note, a table's word) is wrapped in _() where it is
 * composed, N_() in a table, so no line reads in two languages.  A caller
 * that must tell one reason from another compares a pointer or a code,
 * never the words (qs_fs_too_large). */

/* Takes the user's locale for messages and character type only (numbers,
 * dates and sorting stay in the C locale, so no document depends on it) and
 * binds the catalogue: build/locale beside a binary in the build tree, else
 * the installed one.  Call it first thing in main; never fails (messages then
 * stay in English). */
void qs_i18n_init(void);

#endif
