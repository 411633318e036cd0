#!/bin/sh
# run-cases.sh - the case corpus of `qsreport validate`, stored as data.
#
# usage: sh tests/run-cases.sh [QSREPORT]      (default: build/qsreport of this tree)
#
# Each tests/cases/NNN-name/ holds minimal input files and:
#   args           one line: the arguments after `qsreport validate`, split on
#                  blanks (no quoting), paths relative to the case folder
#   command        instead of args: the whole line after `qsreport` (usage cases)
#   expect.diag    the exact stderr (may be empty)
#   expect.mode    optional; "head": expect.diag is only the first lines of
#                  stderr (usage cases: the usage text grows with every command)
#   expect.status  the exit status: 0 valid, 1 invalid input, 2 usage or I/O error
#   setup          optional sh script, run first inside the copy of the case:
#                  symlinks, unreadable or missing files, copies of the shipped
#                  sample ($QS_ROOT is this source tree)
# Every case runs in its own temporary copy, from inside that copy, so the
# diagnostics name paths relative to the case folder.  QSREPORT_TEMPLATES is
# pinned to "templates" (relative to the copy, usually absent) so no case
# depends on where the shipped templates are installed.  Prints PASS/FAIL per
# case with a unified diff, then "N passed, N failed"; the exit status is the
# number of failures (at most 125).
set -eu
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1672531200
export QSREPORT_TEMPLATES=templates

here=$(cd "$(dirname "$0")" && pwd)
QS_ROOT=$(dirname "$here")
export QS_ROOT
qs=${1:-$QS_ROOT/build/qsreport}
case $qs in
/*) ;;
*) qs=$(pwd)/$qs ;;
esac
if [ ! -x "$qs" ]; then
    echo "run-cases.sh: $qs is not an executable (run make first)" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qsreport-cases.XXXXXX")
# the copies may hold unreadable files: make them removable first
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# a case that takes this long is a hang (billion laughs, a loop): it fails
limit=10
if command -v timeout >/dev/null 2>&1; then
    run_limited() { timeout "$limit" "$@"; }
else
    run_limited() { "$@"; }
fi

passed=0
failed=0
for dir in "$here"/cases/*/; do
    [ -d "$dir" ] || continue
    name=$(basename "$dir")
    work=$tmp/$name
    out=$tmp/$name.out
    mkdir -p "$out"
    cp -R "$dir" "$work"
    why=
    if [ ! -f "$work/expect.diag" ] || [ ! -f "$work/expect.status" ]; then
        why="expect.diag or expect.status is missing"
    elif [ -f "$work/setup" ] && ! (cd "$work" && sh ./setup) >"$out/setup.log" 2>&1; then
        why="setup failed: $(cat "$out/setup.log")"
    fi
    if [ -z "$why" ]; then
        set -f # args are words, never globs
        if [ -f "$work/command" ]; then
            set -- $(cat "$work/command")
        elif [ -f "$work/args" ]; then
            set -- validate $(cat "$work/args")
        else
            set -- validate
        fi
        set +f
        status=0
        (cd "$work" && run_limited "$qs" "$@") >"$out/stdout" 2>"$out/stderr" || status=$?
        want=$(cat "$work/expect.status")
        if [ "$status" = 124 ] && [ "$want" != 124 ]; then
            why="timed out after ${limit}s"
        elif [ "$status" != "$want" ]; then
            why="exit status $status, expected $want"
        fi
        if [ "$(cat "$work/expect.mode" 2>/dev/null || :)" = head ]; then
            head -n "$(wc -l <"$work/expect.diag")" "$out/stderr" >"$out/compared"
        else
            cp "$out/stderr" "$out/compared"
        fi
        if ! diff -u --label "$name/expect.diag" --label "$name/stderr" \
            "$work/expect.diag" "$out/compared" >"$out/diff"; then
            why="${why:+$why; }stderr differs"
        fi
    fi
    if [ -z "$why" ]; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name: $why"
        if [ -s "$out/diff" ]; then
            cat "$out/diff"
        fi
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -le 125 ] || failed=125
exit "$failed"
