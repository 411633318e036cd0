/* status.c - messages of qs_status, in the enum's order. */
#include "status.h"

static const char *const messages[] = {
    [QS_OK] = "no error",
    [QS_ERR_IO] = "cannot write the file",
    [QS_ERR_XLSX] = "the xlsx writer failed",
    [QS_ERR_PDF] = "the PDF writer failed",
    [QS_ERR_FONT] = "a font is missing or unreadable",
    [QS_ERR_INPUT] = "the input has errors",
};

const char *qs_strerror(qs_status s)
{
    return s >= QS_OK && s <= QS_ERR_INPUT ? messages[s] : "unknown error";
}
