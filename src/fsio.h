/* fsio.h - every file-system guarantee of qsreport, in one place.
 *
 *   names     one check for a name that becomes a path component, and one
 *             key under which names a case-insensitive or normalising file
 *             system would take for one are equal
 *   reading   an open beneath a folder: no "..", no absolute path, no
 *             symlink on any component, only regular files, a size cap
 *   writing   a file is created under a temporary name in a folder held
 *             open, and renamed over its final name when complete; a
 *             SIGINT/SIGTERM removes every temporary file still open
 *   folders   mkdir -p; a folder below a held folder; the recursive
 *             removal of a folder this tool made
 *
 * Everything is created relative to a directory descriptor, with
 * O_NOFOLLOW, so a name cannot climb out of the folder it was meant for
 * even if the check of that name were wrong.
 */
#ifndef QS_FSIO_H
#define QS_FSIO_H

#include "diag.h"
#include "status.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Bytes in one name taken from the input (a region, a unit, a file name):
 * leaves room below NAME_MAX (255) for the suffixes qsreport adds. */
#define QS_NAME_MAX 200

/* Largest cited file copied into a package, unless raised (--max-file-size). */
#define QS_CITED_MAX_DEFAULT (256LL * 1024 * 1024)

/* The first path dir/rel[i], dir being the running executable's folder,
 * for which found(path) holds, written into buf; NULL when none does or the
 * executable cannot be found (/proc/self/exe).  How the binary finds what
 * ships beside it: templates/ and locale/ in the build tree, share/ in an
 * installed tree. */
const char *qs_fs_near_exe(const char *const *rel, size_t n, bool (*found)(const char *path), char *buf,
                           size_t size);

/* Why name cannot be one path component on Linux, Windows and macOS alike
 * (a static English phrase), or NULL when it can: no "/" or "\", not "." or
 * "..", no control character, no leading or trailing space or dot, none of
 * Windows' reserved names (CON, NUL, COM1, AUX.pdf ...) or characters
 * (<>:"|?*), valid UTF-8, at most QS_NAME_MAX bytes. */
const char *qs_fs_name_problem(const char *name);

/* The name in Unicode NFC, case-folded: two names with the same key are one
 * file on a case-insensitive or normalising file system.  malloc'd. */
char *qs_fs_name_key(const char *name);

/* ---- reading beneath a folder ---- */

/* Opens rel (a relative path of components separated by "/") beneath the
 * folder dirfd for reading: openat2 with RESOLVE_BENEATH and
 * RESOLVE_NO_SYMLINKS where the kernel has it, else one component at a time
 * with O_NOFOLLOW.  Refuses "..", an absolute path, a symlink anywhere and
 * anything but a regular file (errno ELOOP, EXDEV, EINVAL or EISDIR/...).
 * Returns the descriptor, or -1 with errno set. */
int qs_fs_open_beneath(int dirfd, const char *rel);

/* Opens rel beneath the folder dirfd for reading, following a symlink only
 * while it stays beneath (openat2 RESOLVE_BENEATH; on an older kernel, an
 * open whose real path is then checked): the rule for the case's own XML
 * files, plan, evidence and the schema beside the plan.  Non-blocking, the
 * file's type not checked.  -1 with errno; EXDEV when rel leads out. */
int qs_fs_open_inside(int dirfd, const char *rel);

/* A file the user or the system named (a font, the font map), opened
 * read-only without blocking on a FIFO or a device, then checked on that
 * very descriptor: a regular file of at most max bytes (*size).  -1 on
 * failure, *why saying what was wrong in words for a diagnostic ("a FIFO,
 * not a regular file", "larger than the limit", the system's reason). */
int qs_fs_open_regular(const char *path, long long max, long long *size, const char **why);

/* The *why of a file larger than its limit, in the user's language: the
 * very pointer each reader sets, so a caller compares the pointer (never
 * the words) to tell it from the other reasons. */
const char *qs_fs_too_large(void);

/* Copies the regular file `from` (from its start) into `to`; holes of a
 * sparse file stay holes.  0, or -1 with errno. */
int qs_fs_copy_fd(int from, int to);

/* ---- folders ---- */

/* Opens the folder path (creating it and its parents when create), as an
 * O_DIRECTORY descriptor.  -1 with one diagnostic naming path. */
int qs_fs_dir_open(const char *path, bool create, qs_diags *d);

/* Creates (if missing) and opens the folder name inside dirfd; name is one
 * checked component.  -1 with one diagnostic naming shown. */
int qs_fs_subdir(int dirfd, const char *name, const char *shown, qs_diags *d);

/* Removes path and everything below it (nftw, no symlink followed, no other
 * file system entered).  Only for folders this tool made. */
void qs_fs_remove_tree(const char *path);

/* ---- writing ---- */

/* Where an output file goes: a folder held open, one name in it, and the
 * path that diagnostics show. */
typedef struct qs_dest {
    int dir;           /* the folder (not owned) */
    const char *name;  /* one path component */
    const char *shown; /* dir's path and name, for messages */
    bool flush_later;  /* the caller flushes the whole folder (a package) */
} qs_dest;

/* The destination of an output the user named on the command line
 * (path): its folder opened, its last component as the name.  The folder
 * descriptor is to->dir (close it after); false with one diagnostic. */
bool qs_fs_dest_of(const char *path, qs_dest *to, qs_diags *d);

/* A file being written: a temporary name beside its final name. */
typedef struct qs_afile {
    int dir;
    int fd;             /* open for writing, -1 once closed */
    const char *name;   /* the final name */
    const char *shown;
    char tmp[32];       /* ".qsreport.tmp-XXXXXX" */
    char path[64];      /* "/proc/self/fd/N/.qsreport.tmp-XXXXXX" */
    int slot;           /* in the interrupt table, -1 when not there */
    bool flush_later;
} qs_afile;

/* Creates to's temporary file (mode 0666 less the umask), registered so a
 * SIGINT/SIGTERM removes it.  Refuses a name that is not one path
 * component (a "/", "." or "..", empty, over NAME_MAX: the second line of
 * defence behind qs_fs_name_problem at validate), and a final name that is
 * a folder.  QS_ERR_IO with
 * one diagnostic naming to->shown. */
qs_status qs_fs_create(qs_afile *f, const qs_dest *to, qs_diags *d);

/* A path to the temporary file, for libraries that open files by name. */
const char *qs_fs_tmp_path(const qs_afile *f);

/* Flushes the file to disk (unless to->flush_later) and renames it over its final name (replace) or
 * only where no file of that name is (no_replace: *existed is set true and
 * nothing is replaced when one is).  On any failure the temporary file is
 * removed and one diagnostic names to->shown. */
qs_status qs_fs_commit(qs_afile *f, bool no_replace, bool *existed, qs_diags *d);

/* Opens the temporary file again, after a library replaced it by its
 * name (libzip rewriting a member); false with errno. */
bool qs_fs_reopen(qs_afile *f);

/* Removes the temporary file (after a failure). */
void qs_fs_abort(qs_afile *f);

/* Writes len bytes to f (EINTR and short writes handled); false with errno. */
bool qs_fs_write(qs_afile *f, const void *buf, size_t len);

/* From now on a SIGINT or SIGTERM removes every registered temporary file,
 * then ends the process by that signal.  When instead is not NULL, the
 * signal only calls it (the package writer sets a flag, checks it between
 * steps and cleans up itself). */
void qs_fs_on_signals(void (*instead)(int sig));

#endif
