/* xml_write.h - XML text for a document written piece by piece (`score
 * --format xml`, score_out.c): the escaping is libxml2's, never a copy of
 * it.  (init.c writes its documents with libxml2's xmlTextWriter.) */
#ifndef QS_XML_WRITE_H
#define QS_XML_WRITE_H

#include <stdio.h>

/* Writes s (UTF-8; NULL writes nothing) to out as XML character data that
 * may also stand inside a double-quoted attribute value: & < > " and CR as
 * references, every other byte as it is. */
void qs_xml_escape(FILE *out, const char *s);

#endif
