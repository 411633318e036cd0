/* xlsx_core.c - the creation date of an xlsx at the Unix epoch (stage 4:
 * render, after libxlsxwriter has closed the file).
 *
 * libxlsxwriter reads lxw_doc_properties.created == 0 as "now"
 * (_datetime_to_iso8601_date in its src/core.c), so a workbook dated
 * SOURCE_DATE_EPOCH=0 would carry the time of the run.  This reopens the
 * finished zip with libzip and replaces docProps/core.xml only, keeping the
 * member's date; the other members are copied byte for byte, so the result
 * is as reproducible as libxlsxwriter's own.  Never touches another file.
 */
#include "xlsx_core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define EPOCH_ZERO "1970-01-01T00:00:00Z"

/* the text of element tag in xml (up to its '<'), replaced by EPOCH_ZERO;
 * xml is NUL-terminated and *len follows its length */
static char *zero_date(char *xml, size_t *len, const char *tag)
{
    char *start = strstr(xml, tag);
    start = start ? strchr(start, '>') : NULL;
    char *end = start ? strchr(start, '<') : NULL;
    if (!end)
        return xml;
    start++;
    size_t head = (size_t)(start - xml), tail = *len - (size_t)(end - xml), n = strlen(EPOCH_ZERO);
    char *out = malloc(head + n + tail + 1);
    if (!out)
        abort();
    memcpy(out, xml, head);
    memcpy(out + head, EPOCH_ZERO, n);
    memcpy(out + head + n, end, tail + 1);
    free(xml);
    *len = head + n + tail;
    return out;
}

static int zip_errno(zip_error_t *e)
{
    return zip_error_system_type(e) == ZIP_ET_SYS && zip_error_code_system(e) ? zip_error_code_system(e)
                                                                                : EIO;
}

int qs_xlsx_core_epoch_zero(const char *path)
{
    int zerr = 0;
    zip_t *z = zip_open(path, 0, &zerr);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, zerr);
        int r = zip_errno(&e);
        zip_error_fini(&e);
        return r;
    }
    zip_stat_t st;
    zip_int64_t idx = zip_name_locate(z, "docProps/core.xml", 0);
    zip_file_t *f = NULL;
    char *xml = NULL;
    if (idx < 0 || zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE) || !(f = zip_fopen_index(z, (zip_uint64_t)idx, 0)))
        goto fail;
    size_t len = (size_t)st.size;
    if (!(xml = malloc(len + 1)))
        abort();
    if (zip_fread(f, xml, len) != (zip_int64_t)len)
        goto fail;
    zip_fclose(f);
    f = NULL;
    xml[len] = '\0';
    xml = zero_date(xml, &len, "<dcterms:created");
    xml = zero_date(xml, &len, "<dcterms:modified");
    zip_source_t *src = zip_source_buffer(z, xml, len, 1);
    if (!src)
        goto fail;
    xml = NULL; /* the source owns it now */
    if (zip_file_replace(z, (zip_uint64_t)idx, src, 0) != 0) {
        zip_source_free(src);
        goto fail;
    }
    if (((st.valid & ZIP_STAT_MTIME) && zip_file_set_mtime(z, (zip_uint64_t)idx, st.mtime, 0) != 0) ||
        zip_close(z) != 0)
        goto fail;
    return 0;
fail:;
    int r = zip_errno(zip_get_error(z));
    if (f)
        zip_fclose(f);
    free(xml);
    zip_discard(z);
    return r;
}
