/* fuzz_validate.c - libFuzzer target: the input is a plan and an evidence
 * file separated by a line "--8<--"; with the shipped indicator schema they
 * go through load, resolve, validate and, when valid, score. */
#include "arena.h"
#include "diag.h"
#include "load_internal.h"
#include "resolve.h"
#include "score.h"
#include "wording.h"
#include "validate.h"
#include "xml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static qs_arena *schema_arena;
static qs_schema *schema;
static qs_strings *strings;

static void load_fixed(void)
{
    qs_diags d;
    qs_diag_init(&d);
    schema_arena = qs_arena_new();
    xmlDoc *doc;
    if (qs_xml_read("templates/indicators-anhui-2022.xml", &d, &doc) == QS_XML_OK) {
        if (qs_xml_check(doc, QS_DOC_INDICATORS, "schema", &d))
            schema = qs_load_schema_doc(schema_arena, doc, "schema", &d);
        xmlFreeDoc(doc);
    }
    strings = qs_strings_load("templates/strings.xml", &d);
    qs_diag_free(&d);
    if (!schema || !strings)
        abort(); /* run from the source tree */
}

static void *load_part(qs_arena *a, const char *buf, size_t len, qs_doc_kind kind, qs_diags *d)
{
    char *copy = qs_arena_strndup(a, buf, len);
    xmlDoc *doc;
    void *out = NULL;
    if (qs_xml_parse(kind == QS_DOC_PLAN ? "plan.xml" : "evidence.xml", copy, len, d, &doc) != QS_XML_OK)
        return NULL;
    if (qs_xml_check(doc, kind, "part", d))
        out = kind == QS_DOC_PLAN ? (void *)qs_load_plan_doc(a, doc, "plan.xml", d)
                                  : (void *)qs_load_evidence_doc(a, doc, "evidence.xml", d);
    xmlFreeDoc(doc);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!schema)
        load_fixed();
    const char *sep = "\n--8<--\n";
    const char *s = (const char *)data;
    const char *cut = NULL;
    for (size_t i = 0; i + 8 <= size && !cut; i++)
        if (!memcmp(s + i, sep, 8))
            cut = s + i;
    size_t plan_len = cut ? (size_t)(cut - s) : size;
    qs_diags d;
    qs_diag_init(&d);
    qs_arena *a = qs_arena_new();
    qs_case *c = qs_arena_alloc(a, sizeof *c);
    c->arena = a;
    c->dir = "/nonexistent-case";
    c->schema = schema;
    c->plan = load_part(a, s, plan_len, QS_DOC_PLAN, &d);
    if (cut) {
        qs_evidence *e = load_part(a, cut + 8, size - plan_len - 8, QS_DOC_EVIDENCE, &d);
        if (e) {
            c->evidence = e;
            c->n_evidence = 1;
        }
    }
    qs_resolve(c, &d);
    qs_validate(c, &d);
    if (!qs_diag_errors(&d) && c->plan)
        qs_score(c, strings, a);
    qs_diag_free(&d);
    qs_arena_free(a);
    return 0;
}
