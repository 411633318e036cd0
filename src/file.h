/* file.h - reading files that are not input XML (infrastructure): the font
 * map, font files.  (Input XML and templates/strings.xml are read by
 * xml.c, under the same rule.)
 *
 * A file is opened with O_RDONLY | O_NONBLOCK | O_CLOEXEC, so a FIFO or a
 * device cannot block the open, then checked with fstat on that very
 * descriptor: only a regular file of at most max bytes is read (no race
 * between a check by name and the open).  On failure *why says what was
 * wrong, in words for a diagnostic ("not a regular file", "larger than the
 * limit", or the system's reason); nothing is added to any list here.
 */
#ifndef QS_FILE_H
#define QS_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* The whole file, NUL-terminated (its length in *len): malloc'd, free it.
 * NULL on failure. */
char *qs_file_read(const char *path, size_t max, size_t *len, const char **why);

/* The file mapped read-only (its length in *len); release it with
 * qs_file_unmap.  NULL on failure; an empty file is a failure. */
void *qs_file_map(const char *path, size_t max, size_t *len, const char **why);
void qs_file_unmap(void *data, size_t len);

/* Whether *why says the file is larger than its limit (the diagnostic then
 * names the limit): compares the pointer, not the words. */
bool qs_file_too_large(const char *why);

#endif
