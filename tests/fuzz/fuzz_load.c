/* fuzz_load.c - libFuzzer target: arbitrary bytes as one input file of the
 * format QS_FUZZ_KIND (0 indicator schema, 1 plan, 2 evidence): parsed,
 * checked against the XSD, loaded into the model.  Nothing may crash, hang
 * or leak whatever the bytes are. */
#include "arena.h"
#include "diag.h"
#include "load_internal.h"
#include "xml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';
    qs_diags d;
    qs_diag_init(&d);
    qs_arena *a = qs_arena_new();
    xmlDoc *doc;
    if (qs_xml_parse("fuzz.xml", buf, size, &d, &doc) == QS_XML_OK) {
        if (qs_xml_check(doc, QS_FUZZ_KIND, "fuzz.xml", &d)) {
            if (QS_FUZZ_KIND == QS_DOC_INDICATORS)
                qs_load_schema_doc(a, doc, "fuzz.xml", &d);
            else if (QS_FUZZ_KIND == QS_DOC_PLAN)
                qs_load_plan_doc(a, doc, "fuzz.xml", &d);
            else
                qs_load_evidence_doc(a, doc, "fuzz.xml", &d);
        }
        xmlFreeDoc(doc);
    }
    qs_diag_sort(&d);
    qs_diag_free(&d);
    qs_arena_free(a);
    free(buf);
    return 0;
}
