#!/bin/sh
# e2e_init.sh - `qsreport init` never replaces a file that is there (units
# fill these in for weeks): it names each one it kept on stderr and exits 0;
# --force replaces them.  Both for -o DIR and for --unit U -o FILE, and for
# a file that appears between the check and the rename (an LD_PRELOAD shim
# creates it just before the rename, with and without the kernel's
# RENAME_NOREPLACE).
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
U=区财政局
kept() { echo "$1: warning: exists, not replaced (--force replaces it)"; }

# 1. -o DIR: a new folder gets every unit's file
s=0; "$QS" init "$S" -o "$T/dir" 2>"$T/first.err" || s=$?
check "init -o DIR: exit 0" test "$s" -eq 0
n=$(ls "$T/dir" | wc -l)
check "init -o DIR: a file per unit" test "$n" -ge 20
check "init -o DIR: nothing kept on a first run" sh -c "! grep -q 'not replaced' '$T/first.err'"

# 2. again, with two files filled in: both kept, the others rewritten as they were
echo "filled in by the unit" >"$T/dir/$U.xml"
rm "$T/dir/区统计局.xml"
ln -s /nonexistent "$T/dir/区统计局.xml" # a dangling link is a file that is there too
cp -R "$T/dir" "$T/before"
s=0; "$QS" init "$S" -o "$T/dir" 2>"$T/again.err" || s=$?
check "init -o DIR again: exit 0" test "$s" -eq 0
check "init -o DIR again: the filled-in file is untouched" test "$(cat "$T/dir/$U.xml")" = "filled in by the unit"
check "init -o DIR again: the link is untouched" test "$(readlink "$T/dir/区统计局.xml")" = /nonexistent
check "init -o DIR again: every file named once on stderr, one line each" test \
    "$(grep -c ': warning: exists, not replaced (--force replaces it)$' "$T/again.err")" -eq "$n"
kept "$T/dir/$U.xml" >"$T/want"
check "init -o DIR again: the line names the path" grep -qxF -f "$T/want" "$T/again.err"
check "init -o DIR again: the folder is as it was" diff -r --no-dereference "$T/before" "$T/dir"
check "init -o DIR again: no temporary file left" sh -c "! ls -A '$T/dir' | grep -q tmp"

# 3. --force replaces them
s=0; "$QS" init --force "$S" -o "$T/dir" 2>"$T/force.err" || s=$?
check "init --force -o DIR: exit 0" test "$s" -eq 0
check "init --force -o DIR: the filled-in file is replaced" grep -q '<evidence ' "$T/dir/$U.xml"
check "init --force -o DIR: the link is replaced by a file" test -f "$T/dir/区统计局.xml" -a ! -L "$T/dir/区统计局.xml"
check "init --force -o DIR: nothing named as kept" sh -c "! grep -q 'not replaced' '$T/force.err'"

# 4. --unit U -o FILE: the same
echo "mine" >"$T/one.xml"
s=0; "$QS" init "$S" --unit "$U" -o "$T/one.xml" 2>"$T/one.err" || s=$?
check "init --unit -o FILE that exists: exit 0" test "$s" -eq 0
check "init --unit -o FILE that exists: untouched" test "$(cat "$T/one.xml")" = mine
kept "$T/one.xml" >"$T/want"
check "init --unit -o FILE that exists: named on stderr" grep -qxF -f "$T/want" "$T/one.err"
s=0; "$QS" init "$S" --unit "$U" -o "$T/one.xml" --force 2>"$T/one.err" || s=$?
check "init --unit -o FILE --force: exit 0, replaced" sh -c "test $s -eq 0 && grep -q '<evidence ' '$T/one.xml'"
s=0; "$QS" init "$S" --unit "$U" -o "$T/new.xml" 2>/dev/null || s=$?
check "init --unit -o FILE that is new: written" sh -c "test $s -eq 0 && grep -q '<evidence ' '$T/new.xml'"
mkdir "$T/adir.xml"
s=0; "$QS" init "$S" --unit "$U" -o "$T/adir.xml" 2>"$T/adir.err" || s=$?
check "init --unit -o a folder: exit 2, the reason" sh -c \
    "test $s -eq 2 && grep -qxF '$T/adir.xml: error: cannot write: Is a directory' '$T/adir.err'"
s=0; "$QS" table --force "$S" -o "$T/t.pdf" 2>"$T/opt.err" || s=$?
check "--force with another command: exit 2, why" sh -c "test $s -eq 2 && grep -q -- '--force is for init only' '$T/opt.err'"

# 5. a file that appears between the check and the rename is not replaced:
# the shim creates it just before rename, renameat2 or link runs; with
# NOREPLACE_EINVAL set,
# renameat2 then fails as on a file system without RENAME_NOREPLACE, and
# the link fallback must refuse too
cat >"$T/shim.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* the late file, created just before a call that would put a file at new
 * (a name relative to the folder dir: its path read from /proc) */
static void appear_at(int dir, const char *new)
{
    const char *late = getenv("LATE_FILE");
    char full[8192] = "";
    if (new[0] != '/' && dir != AT_FDCWD) {
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", dir);
        ssize_t n = readlink(link, full, 4096);
        full[n > 0 ? n : 0] = '\0';
        strcat(full, "/");
    }
    strncat(full, new, 4096);
    if (late && !strcmp(full, late)) {
        int fd = open(full, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd >= 0) {
            (void)!write(fd, "late\n", 5);
            close(fd);
        }
    }
}
static void appear(const char *new)
{
    appear_at(AT_FDCWD, new);
}
int renameat2(int ofd, const char *old, int nfd, const char *new, unsigned int flags)
{
    appear_at(nfd, new);
    if (getenv("NOREPLACE_EINVAL") && flags) {
        errno = EINVAL;
        return -1;
    }
    int (*real)(int, const char *, int, const char *, unsigned int) =
        (int (*)(int, const char *, int, const char *, unsigned int))dlsym(RTLD_NEXT, "renameat2");
    return real(ofd, old, nfd, new, flags);
}
int rename(const char *old, const char *new)
{
    appear(new);
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    return real(old, new);
}
int link(const char *old, const char *new)
{
    appear(new);
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "link");
    return real(old, new);
}
int linkat(int ofd, const char *old, int nfd, const char *new, int flags)
{
    appear_at(nfd, new);
    int (*real)(int, const char *, int, const char *, int) =
        (int (*)(int, const char *, int, const char *, int))dlsym(RTLD_NEXT, "linkat");
    return real(ofd, old, nfd, new, flags);
}
EOF
if cc -shared -fPIC -o "$T/shim.so" "$T/shim.c" -ldl 2>"$T/cc.err" &&
    LD_PRELOAD="$T/shim.so" "$QS" --version >/dev/null 2>&1; then
    for mode in renameat2 link; do
        rm -f "$T/late.xml"
        env=""
        [ "$mode" = link ] && env="NOREPLACE_EINVAL=1"
        s=0; env $env LATE_FILE="$T/late.xml" LD_PRELOAD="$T/shim.so" \
            "$QS" init "$S" --unit "$U" -o "$T/late.xml" 2>"$T/late.err" || s=$?
        check "a file that appears before the rename ($mode): exit 0" test "$s" -eq 0
        check "a file that appears before the rename ($mode): not replaced" test "$(cat "$T/late.xml")" = late
        kept "$T/late.xml" >"$T/want"
        check "a file that appears before the rename ($mode): named on stderr" grep -qxF -f "$T/want" "$T/late.err"
        check "a file that appears before the rename ($mode): no temporary file left" \
            sh -c "! ls -A '$T' | grep -q '\.tmp-'"
        # the evidence form (form_xlsx.c) keeps it too
        rm -f "$T/late.xlsx"
        s=0; env $env LATE_FILE="$T/late.xlsx" LD_PRELOAD="$T/shim.so" \
            "$QS" init "$S" --unit "$U" -o "$T/late.xlsx" 2>"$T/late.err" || s=$?
        check "a form that appears before the rename ($mode): kept, named, exit 0" sh -c \
            "test $s -eq 0 && test \"\$(cat '$T/late.xlsx')\" = late && grep -qF 'late.xlsx: warning: exists, not replaced' '$T/late.err'"
        rm -f "$T/fresh.xml"
        s=0; env $env LD_PRELOAD="$T/shim.so" "$QS" init "$S" --unit "$U" -o "$T/fresh.xml" 2>/dev/null || s=$?
        check "no file there ($mode): written" sh -c "test $s -eq 0 && grep -q '<evidence ' '$T/fresh.xml'"
        check "no file there ($mode): no temporary file left" sh -c "! ls -A '$T' | grep -q '\.tmp-'"
    done
else
    echo "SKIP a file that appears before the rename: cannot preload a shim (no cc, or a sanitizer build)"
fi

finish
