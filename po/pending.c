/* pending.c - parts of messages not yet wrapped in _() where they are
 * composed, because their files were being split or edited when the rest
 * was wired (validate.c), or because a file that may not change yet
 * compares the English text (fonts.c, fontmap.c).
 *
 * Never compiled: `make po` reads it with src/*.c, so these messages are in
 * po/qsreport.pot and translated in po/zh_CN.po already.  Whoever wraps one
 * in _() (or N_()) where it is composed deletes it here; a message listed
 * twice is one entry of the catalogue.  The text must stay byte for byte the
 * one the source composes, or the translation is not found.
 */
#include "i18n.h"

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
    /* fsio.c qs_fs_open_regular, file.c: why a file is not read; fonts.c and
     * fontmap.c compare it with strcmp(why, "larger than the limit"): wrap it
     * in both places and compare with a flag instead */
    N_("larger than the limit"),
};
