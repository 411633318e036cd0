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

/* The same from fd, opened by the caller (fsio.h's rules: the case's files
 * are opened beneath the case folder); fd is closed here; -1 (with errno
 * set by the failed open) is reported as "cannot read". */
qs_xml_result qs_xml_read_fd(int fd, const char *path, qs_diags *d, xmlDoc **doc);

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

/* ---- XSD lexical spaces ----
 * One reader per XSD type the formats use, following XML Schema Part 2
 * exactly: surrounding XML whitespace (space, tab, CR, LF) is ignored, as
 * the whitespace facet "collapse" of every non-string type says; nothing
 * else is.  s is NUL-terminated.  *out is written only on QS_LEX_OK. */
typedef enum {
    QS_LEX_OK,      /* in the lexical space; *out holds the value */
    QS_LEX_INVALID, /* not in the type's lexical space */
    QS_LEX_RANGE    /* a valid literal whose value the model cannot hold */
} qs_lex;

/* s with its XML whitespace collapsed (an xs:token), in place; s. */
char *qs_xml_collapse(char *s);

/* xs:boolean: true, false, 1, 0. */
qs_lex qs_xml_lex_boolean(const char *s, bool *out);
/* xs:integer (and its restrictions, e.g. xs:positiveInteger): an optional
 * sign and digits, leading zeros allowed; RANGE outside int. */
qs_lex qs_xml_lex_integer(const char *s, int *out);
/* xs:decimal: optional sign, digits with an optional point ("5.", ".5"),
 * no exponent; the nearest double (RANGE if it is not finite). */
qs_lex qs_xml_lex_decimal(const char *s, double *out);
/* xs:double: a decimal with an optional exponent (1.0E2, 1e-3), or INF,
 * -INF, NaN; a literal past the largest double is +-infinity. */
qs_lex qs_xml_lex_double(const char *s, double *out);
/* An xs:decimal in hundredths (the points type: fractionDigits 2); RANGE
 * with a third significant fraction digit or beyond 1000000. */
qs_lex qs_xml_lex_points(const char *s, int *out);
/* xs:gYear: [-]YYYY (more digits, without a leading zero, allowed; year 0
 * is not) and an optional timezone Z, +hh:mm or -hh:mm, which is dropped:
 * the year is the year written.  RANGE outside int. */
qs_lex qs_xml_lex_gyear(const char *s, int *year);

/* A calendar date as written; the timezone is kept apart. */
typedef struct qs_xml_date {
    int year, month, day;
    bool has_tz;
    int tz_minutes; /* east of UTC, -840 to 840 */
} qs_xml_date;

/* xs:date: a gYear's year, -MM-DD (a day that month has) and the optional
 * timezone. */
qs_lex qs_xml_lex_date(const char *s, qs_xml_date *out);

/* ---- getters for the loaders (the input is already XSD-valid) ---- */

/* The element's line (1-based; 0 if unknown). */
long qs_xml_line(const xmlNode *n);

/* The first child element named name, or the next sibling after prev. */
xmlNode *qs_xml_child(const xmlNode *parent, const char *name);
xmlNode *qs_xml_next(const xmlNode *prev, const char *name);
size_t qs_xml_count(const xmlNode *parent, const char *name);

/* An attribute or the element's text, copied into the arena; text is trimmed
 * of surrounding XML whitespace.  NULL when the attribute is absent.  For
 * the XSD's string types (xs:string and its restrictions). */
const char *qs_xml_attr(qs_arena *a, const xmlNode *n, const char *name);
const char *qs_xml_text(qs_arena *a, const xmlNode *n);

/* The document a loader reads: typed getters copy into arena and report a
 * value they cannot read as an error at its element's line in path. */
typedef struct qs_xml_src {
    qs_arena *arena;
    const char *path;
    qs_diags *diags;
} qs_xml_src;

/* Typed getters: attribute name of n, or n's text content when name is
 * NULL, read by the lexical reader of its XSD type.  They return true and
 * set *out when the value is there and read; absent, they return false and
 * add nothing.  A value the reader refuses (only possible where the XSD is
 * looser than the model) is an error naming the element, the attribute and
 * the value; they return false and *out keeps what it held. */
bool qs_xml_get_boolean(const qs_xml_src *x, const xmlNode *n, const char *name, bool *out);
bool qs_xml_get_integer(const qs_xml_src *x, const xmlNode *n, const char *name, int *out);
bool qs_xml_get_decimal(const qs_xml_src *x, const xmlNode *n, const char *name, double *out);
bool qs_xml_get_points(const qs_xml_src *x, const xmlNode *n, const char *name, int *out);
bool qs_xml_get_gyear(const qs_xml_src *x, const xmlNode *n, const char *name, int *out);
/* xs:date as YYYY-MM-DD (-YYYY-MM-DD before year 1), without its timezone:
 * the day written.  Arena memory; NULL when absent or refused. */
const char *qs_xml_get_date(const qs_xml_src *x, const xmlNode *n, const char *name);
/* xs:token and its restrictions (keys, enumerations): whitespace collapsed
 * (trimmed, inner runs made one space).  Arena memory; NULL when absent. */
const char *qs_xml_get_token(const qs_xml_src *x, const xmlNode *n, const char *name);
/* An enumerated xs:token: *out is the index of the value in names[0..n-1];
 * a value not in the list is an error. */
bool qs_xml_get_enum(const qs_xml_src *x, const xmlNode *n, const char *name,
                     const char *const *names, int n_names, int *out);

/* Releases the compiled XSDs (at exit, so leak checkers stay quiet). */
void qs_xml_cleanup(void);

#endif
