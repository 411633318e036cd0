#!/bin/sh
# e2e_house.sh - the map of the house (README "Where things are") holds:
# only the writers (pdf_*, xlsx_*, form_xlsx*, hpdf_private.*) include
# libharu or libxlsxwriter, or a header that brings them in; libharu's
# private headers are included only by src/hpdf_private.c, behind its
# version guard; no source file is over 700 lines; every .c opens with a
# comment.  Reads the sources only (the binary argument is not used).
. "$(dirname "$0")/setup.sh"
cd "$TOP"
MAX_LINES=700

is_writer() {
    case ${1#src/} in
    pdf_* | xlsx_* | form_xlsx* | hpdf_private.*) return 0 ;;
    *) return 1 ;;
    esac
}

# includes FILE: its #include lines, as "FILE:LINE:#include <x.h>"
includes() { grep -Hn '^[[:space:]]*#[[:space:]]*include' "$1" || true; }

# The headers that bring libharu or libxlsxwriter in, directly or through
# another such header: an extended regular expression of #include targets.
lib='<(hpdf|xlsxwriter)[^>]*>'
heads=""
regex() {
    r=$lib
    for h in $heads; do r="$r|\"$h\""; done
    echo "$r"
}
while :; do
    added=0
    for h in src/*.h; do
        case " $heads " in *" ${h#src/} "*) continue ;; esac
        if includes "$h" | grep -qE "$(regex)"; then
            heads="$heads ${h#src/}"
            added=1
        fi
    done
    [ "$added" -eq 0 ] && break
done
brings=$(regex)

: >"$T/libs"
for f in src/*.c src/*.h; do
    is_writer "$f" && continue
    includes "$f" | grep -E "$brings" >>"$T/libs" || true
done
check "only the writers include libharu or libxlsxwriter (or a writer's header)" test ! -s "$T/libs"
[ -s "$T/libs" ] && sed 's/^/    /' "$T/libs"

: >"$T/private"
for f in src/*.c src/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c; do
    [ -f "$f" ] && [ "$f" != src/hpdf_private.c ] || continue
    # <hpdf.h> is the public header; hpdf_*.h are libharu's internals
    includes "$f" | grep -E '<hpdf_[^>]*>' >>"$T/private" || true
done
check "libharu's private headers are included only by src/hpdf_private.c" test ! -s "$T/private"
[ -s "$T/private" ] && sed 's/^/    /' "$T/private"

# the guard comes before the first private header
guard=$(grep -n '^#if HPDF_VERSION_ID != ' src/hpdf_private.c | head -1 | cut -d: -f1)
first=$(grep -n '^#include <hpdf_\(doc\|objects\|encoder\|font\|fontdef\|list\|streams\)' src/hpdf_private.c |
    head -1 | cut -d: -f1)
check "src/hpdf_private.c checks HPDF_VERSION_ID before its private headers" \
    test -n "$guard" -a -n "$first" -a "${guard:-0}" -lt "${first:-0}"
check "the guard stops the build with #error" \
    sh -c "sed -n '${guard:-1},\$p' src/hpdf_private.c | sed -n 2p | grep -q '^#error'"

: >"$T/long"
for f in src/*.c src/*.h; do
    n=$(wc -l <"$f")
    [ "$n" -gt "$MAX_LINES" ] && echo "$f: $n lines" >>"$T/long"
done
check "no source file is over $MAX_LINES lines" test ! -s "$T/long"
[ -s "$T/long" ] && sed 's/^/    /' "$T/long"

: >"$T/bare"
for f in src/*.c; do
    head -c 2 "$f" | grep -q '^/\*' || echo "$f" >>"$T/bare"
done
check "every .c opens with a comment (what it reads and writes)" test ! -s "$T/bare"
[ -s "$T/bare" ] && sed 's/^/    /' "$T/bare"

# the test itself: a file that breaks each rule is caught
mkdir -p "$T/src"
printf '#include <hpdf.h>\n' >"$T/src/score.c"
printf '#include "pdf_doc.h"\n' >"$T/src/load.c"
printf '#include <xlsxwriter.h>\n' >"$T/src/xlsx_table.c"
found=0
for f in "$T"/src/*.c; do
    is_writer "src/${f##*/}" && continue
    n=$(includes "$f" | grep -cE "$brings" || true)
    found=$((found + n))
done
check "the include rule catches <hpdf.h> and a writer's header outside the writers, not inside" test "$found" -eq 2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
