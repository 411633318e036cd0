/* fuzz_xlsx.c - libFuzzer target: the reader of evidence forms (xlsx_read.c,
 * load_form.c).  The first byte picks how the rest is taken:
 *   0  the bytes as a whole workbook (zip container, caps, relationships);
 *   1  parts separated by "\n--8<--\n", stored into a zip under the names
 *      libxlsxwriter gives them (_rels/.rels, xl/workbook.xml, its
 *      relationships, xl/sharedStrings.xml, then xl/worksheets/sheetN.xml),
 *      so that mutations reach the XML of the parts, not only the zip.
 * The cells then go through the form reader, the evidence XSD and the loader.
 * Nothing may crash, hang or leak whatever the bytes are. */
#define _GNU_SOURCE /* memmem */
#include "arena.h"
#include "diag.h"
#include "load_form.h"
#include "load_internal.h"
#include "xlsx_read.h"
#include "xml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const char sep[] = "\n--8<--\n";

/* the parts of data stored in a new zip; malloc'd bytes (*len), NULL on failure */
static char *zip_parts(const uint8_t *data, size_t size, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_error_fini(&ze);
    if (!src)
        return NULL;
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    if (!z) {
        zip_source_free(src);
        return NULL;
    }
    const uint8_t *p = data, *end = data + size;
    for (int k = 0; p <= end && k < 16; k++) {
        const uint8_t *next = memmem(p, (size_t)(end - p), sep, sizeof sep - 1);
        const uint8_t *stop = next ? next : end;
        char name[64];
        if (k == 0)
            snprintf(name, sizeof name, "_rels/.rels");
        else if (k == 1)
            snprintf(name, sizeof name, "xl/workbook.xml");
        else if (k == 2)
            snprintf(name, sizeof name, "xl/_rels/workbook.xml.rels");
        else if (k == 3)
            snprintf(name, sizeof name, "xl/sharedStrings.xml");
        else
            snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", k - 3);
        zip_source_t *part = zip_source_buffer(z, p, (zip_uint64_t)(stop - p), 0);
        zip_int64_t idx = part ? zip_file_add(z, name, part, ZIP_FL_OVERWRITE) : -1;
        if (idx < 0 && part)
            zip_source_free(part);
        else if (idx >= 0)
            zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
        if (!next)
            break;
        p = next + sizeof sep - 1;
    }
    if (zip_close(z) != 0) {
        zip_discard(z);
        zip_source_free(src);
        return NULL;
    }
    char *out = NULL;
    if (zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t n = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (n >= 0) {
            out = malloc((size_t)n + 1);
            *len = (size_t)zip_source_read(src, out, (zip_uint64_t)n);
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t len = size - 1;
    char *buf = NULL;
    if (data[0] == 0) {
        buf = malloc(len + 1);
        memcpy(buf, data + 1, len);
    } else {
        buf = zip_parts(data + 1, len, &len);
        if (!buf)
            return 0;
    }
    qs_diags d;
    qs_diag_init(&d);
    qs_arena *a = qs_arena_new();
    qs_xbook *b = qs_xlsx_read_mem(a, buf, len, "fuzz.xlsx", &d);
    if (b) {
        for (size_t i = 0; i < b->n_sheets; i++) /* every lookup path */
            for (size_t k = 0; k < b->sheets[i].n_cells && k < 64; k++)
                qs_xlsx_cell_at(&b->sheets[i], b->sheets[i].cells[k].row, b->sheets[i].cells[k].col);
        const char **cells;
        size_t n;
        xmlDoc *doc = qs_form_document(a, b, "fuzz.xlsx", &d, &cells, &n);
        if (doc) {
            if (qs_xml_check(doc, QS_DOC_EVIDENCE, "fuzz.xlsx", &d))
                qs_load_evidence_doc(a, doc, "fuzz.xlsx", &d);
            xmlFreeDoc(doc);
        }
    }
    qs_diag_sort(&d);
    qs_diag_free(&d);
    qs_arena_free(a);
    free(buf);
    return 0;
}
