/* xml_write.c - XML escaping for an output that writes XML piece by piece
 * (stage 5: output: score_out.c).
 *
 * Reads a UTF-8 string; writes it escaped to a stream.  The escaping is
 * libxml2's xmlEncodeSpecialChars, the function its xmlTextWriter applies
 * to character data, so the project keeps no escaper of its own.  Never
 * parses, never validates.
 */
#include "xml_write.h"

#include <libxml/entities.h>
#include <stdlib.h>

void qs_xml_escape(FILE *out, const char *s)
{
    if (!s || !*s)
        return;
    xmlChar *e = xmlEncodeSpecialChars(NULL, (const xmlChar *)s);
    if (!e) {
        fputs("qsreport: out of memory\n", stderr);
        abort();
    }
    fputs((const char *)e, out);
    xmlFree(e);
}
