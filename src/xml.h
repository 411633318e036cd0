/* xml.h - safe XML reading for the loaders (the only users of libxml2).
 *
 * Files are read whole, checked to be UTF-8, parsed with no network, no DTD
 * and no entity substitution, refused when they carry a DOCTYPE, checked for
 * root element, namespace and version, then validated against the embedded
 * XSD of their format.  Every problem becomes a diagnostic with file and line.
 */
#ifndef QS_XML_H
#define QS_XML_H

#include "arena.h"
#include "diag.h"

#include <libxml/tree.h>
#include <stdbool.h>

typedef enum {
    QS_DOC_INDICATORS,
    QS_DOC_PLAN,
    QS_DOC_EVIDENCE,
    QS_DOC_UNKNOWN
} qs_doc_kind;

/* Largest input file accepted, in bytes. */
#define QS_XML_MAX_FILE (32L * 1024 * 1024)

typedef enum { QS_XML_OK, QS_XML_INVALID, QS_XML_IO } qs_xml_result;

/* Reads and parses path (the name used in diagnostics).  On success *doc is
 * the tree (free with xmlFreeDoc).  QS_XML_IO: the file could not be read;
 * QS_XML_INVALID: it is empty, not UTF-8 or not well-formed.  Either way one
 * diagnostic has been added and *doc is NULL. */
qs_xml_result qs_xml_read(const char *path, qs_diags *d, xmlDoc **doc);

/* The same for len bytes already in memory (buf[len] must be a NUL; the
 * buffer stays the caller's); path names it in diagnostics.  The fuzzers
 * and qs_xml_read go through here. */
qs_xml_result qs_xml_parse(const char *path, const char *buf, size_t len, qs_diags *d, xmlDoc **doc);

/* The format of a parsed document, from its root element's namespace. */
qs_doc_kind qs_xml_kind(const xmlDoc *doc);

/* Checks the root element is `expected` with the right namespace and version,
 * then validates against the format's XSD.  Adds diagnostics; returns true
 * when the document may be loaded into the model. */
bool qs_xml_check(xmlDoc *doc, qs_doc_kind expected, const char *path, qs_diags *d);

/* The namespace URI and root element name of a format. */
const char *qs_xml_namespace(qs_doc_kind k);
const char *qs_xml_root_name(qs_doc_kind k);

/* ---- typed getters for the loaders (input already XSD-valid) ---- */

/* The element's line (1-based; 0 if unknown). */
long qs_xml_line(const xmlNode *n);

/* The first child element named name, or the next sibling after prev. */
xmlNode *qs_xml_child(const xmlNode *parent, const char *name);
xmlNode *qs_xml_next(const xmlNode *prev, const char *name);
size_t qs_xml_count(const xmlNode *parent, const char *name);

/* An attribute or the element's text, copied into the arena; text is trimmed
 * of surrounding XML whitespace.  NULL when the attribute is absent. */
const char *qs_xml_attr(qs_arena *a, const xmlNode *n, const char *name);
const char *qs_xml_text(qs_arena *a, const xmlNode *n);

/* Parsed values with a default when absent or malformed. */
bool qs_xml_attr_bool(const xmlNode *n, const char *name, bool dflt);
long qs_xml_attr_long(const xmlNode *n, const char *name, long dflt);
bool qs_xml_attr_double(const xmlNode *n, const char *name, double *out);
/* a decimal with at most two fraction digits, in hundredths */
bool qs_xml_attr_points(const xmlNode *n, const char *name, int *out);
bool qs_xml_parse_points(const char *s, int *out);

/* Releases the compiled XSDs (at exit, so leak checkers stay quiet). */
void qs_xml_cleanup(void);

#endif
