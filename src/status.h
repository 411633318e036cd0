/* status.h - system failures (not input problems): a small enum and its
 * message table.  Input problems are diagnostics (diag.h). */
#ifndef QS_STATUS_H
#define QS_STATUS_H

typedef enum {
    QS_OK = 0,
    QS_ERR_IO,   /* open, write, rename, fsync failed (errno says why) */
    QS_ERR_XLSX, /* libxlsxwriter refused */
    QS_ERR_PDF,  /* libharu refused */
    QS_ERR_FONT, /* a font could not be found, read or subset */
    QS_ERR_INPUT /* the input has errors; diagnostics say which */
} qs_status;

/* A short English phrase for s ("cannot write the file", …). */
const char *qs_strerror(qs_status s);

#endif
