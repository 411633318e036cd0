/* load_internal.h - shared by load.c and the three format loaders. */
#ifndef QS_LOAD_INTERNAL_H
#define QS_LOAD_INTERNAL_H

#include "model.h"
#include "xml.h"

/* Build the model of one XSD-valid document; path is arena memory. */
qs_schema *qs_load_schema_doc(qs_arena *a, xmlDoc *doc, const char *path, qs_diags *d);
qs_plan *qs_load_plan_doc(qs_arena *a, xmlDoc *doc, const char *path, qs_diags *d);
qs_evidence *qs_load_evidence_doc(qs_arena *a, xmlDoc *doc, const char *path, qs_diags *d);

/* A position for node n of file path. */
static inline qs_srcpos qs_load_pos(const char *path, const xmlNode *n)
{
    qs_srcpos p = {path, qs_xml_line(n)};
    return p;
}

/* A points attribute in hundredths; 0 when absent (or refused, with an error). */
static inline qs_points qs_load_points(const qs_xml_src *x, const xmlNode *n, const char *name)
{
    int v = 0;
    qs_xml_get_points(x, n, name, &v);
    return v;
}

/* The op attribute ("ge", "gt", …) as qs_op; QS_OP_GE when absent. */
qs_op qs_load_op(const qs_xml_src *x, const xmlNode *n);

/* "national", … (the level attribute, or id on a <level>) as qs_level;
 * QS_LEVEL_COUNT when absent or unknown. */
qs_level qs_load_level(const qs_xml_src *x, const xmlNode *n);

/* n elements named name under parent, as an array of arena strings (text). */
const char **qs_load_texts(qs_arena *a, const xmlNode *parent, const char *name, size_t *n);

/* Quantities declared under parent's <quantities> (schema and plan alike). */
qs_quantity *qs_load_quantities(const qs_xml_src *x, const xmlNode *parent, size_t *n);

#endif
