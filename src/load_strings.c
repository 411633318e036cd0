/* load_strings.c - templates/strings.xml -> key/value table (stage 1: load).
 *
 * A small flat format: <string key="…">text</string> under a <strings> root
 * in namespace urn:qsreport:strings:1.  Checked by code, not by an XSD:
 * unknown elements, empty or duplicate keys are errors with their line.
 */
#include "wording.h"
#include "arena.h"
#include "xml.h"

#include <libxml/tree.h>
#include <string.h>

#define STRINGS_NS "urn:qsreport:strings:1"

struct qs_strings {
    qs_arena *arena;
    const char *path;
    const char **keys, **values;
    long *lines;
    size_t n;
};

qs_strings *qs_strings_load(const char *path, qs_diags *d)
{
    xmlDoc *doc;
    if (qs_xml_read(path, d, &doc) != QS_XML_OK)
        return NULL;
    xmlNode *root = xmlDocGetRootElement(doc);
    qs_srcpos pos = {path, qs_xml_line(root)};
    if (!root || strcmp((const char *)root->name, "strings") || !root->ns ||
        strcmp((const char *)root->ns->href, STRINGS_NS)) {
        qs_diag_error(d, pos, "expected a <strings> document in namespace \"%s\"", STRINGS_NS);
        xmlFreeDoc(doc);
        return NULL;
    }
    qs_arena *a = qs_arena_new();
    qs_strings *s = qs_arena_alloc(a, sizeof *s);
    s->arena = a;
    s->path = qs_arena_strdup(a, path);
    size_t n = qs_xml_count(root, NULL);
    s->keys = qs_arena_calloc(a, n, sizeof *s->keys);
    s->values = qs_arena_calloc(a, n, sizeof *s->values);
    s->lines = qs_arena_calloc(a, n, sizeof *s->lines);
    bool ok = true;
    for (xmlNode *c = qs_xml_child(root, NULL); c; c = qs_xml_next(c, NULL)) {
        pos.line = qs_xml_line(c);
        const char *key = qs_xml_attr(a, c, "key");
        if (strcmp((const char *)c->name, "string") || !key || !*key) {
            qs_diag_error(d, pos, "expected <string key=\"…\">");
            ok = false;
            continue;
        }
        if (qs_strings_get(s, key)) {
            qs_diag_error(d, pos, "string \"%s\" is defined twice", key);
            ok = false;
            continue;
        }
        s->keys[s->n] = key;
        s->lines[s->n] = pos.line;
        /* the text as written: leading and trailing spaces of a value matter */
        xmlChar *v = xmlNodeGetContent(c);
        s->values[s->n++] = qs_arena_strdup(a, v ? (const char *)v : "");
        xmlFree(v);
    }
    xmlFreeDoc(doc);
    if (!ok) {
        qs_arena_free(a);
        return NULL;
    }
    return s;
}

void qs_strings_free(qs_strings *s)
{
    if (s)
        qs_arena_free(s->arena);
}

const char *qs_strings_get(const qs_strings *s, const char *key)
{
    for (size_t i = 0; s && i < s->n; i++)
        if (!strcmp(s->keys[i], key))
            return s->values[i];
    return NULL;
}

const char *qs_wording(const qs_strings *s, const char *key)
{
    const char *v = qs_strings_get(s, key);
    return v ? v : key;
}

size_t qs_strings_require(const qs_strings *s, const char *const *keys, qs_diags *d)
{
    size_t missing = 0;
    qs_srcpos pos = {s ? s->path : "templates/strings.xml", 0};
    for (size_t i = 0; keys[i]; i++)
        if (!qs_strings_get(s, keys[i])) {
            qs_diag_error(d, pos, "missing string \"%s\"", keys[i]);
            missing++;
        }
    return missing;
}
