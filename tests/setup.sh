# setup.sh - sourced by the shell tests: strict mode, a fixed environment,
# a temp dir removed on exit, and pass/fail counting that ends in the line
# "N passed, N failed".
set -eu
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1672531200
TOP=$(cd "$(dirname "$0")/.." && pwd)
QS=${QSREPORT:-$TOP/build/qsreport}
PY=/usr/bin/python3
T=$(mktemp -d "${TMPDIR:-/tmp}/qs-test.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "PASS $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }

# check NAME CMD...: passes when CMD succeeds
check() {
    name=$1
    shift
    if "$@" >"$T/check.out" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/    /' "$T/check.out" | head -40; fi
}

# same NAME EXPECTED ACTUAL: passes when the files are identical (diff shown otherwise)
same() {
    if diff -u "$2" "$3" >"$T/diff.out" 2>&1; then ok "$1"; else bad "$1"; head -60 "$T/diff.out" | sed 's/^/    /'; fi
}

# wait_tmp DIR: waits (up to 2 s) until a package's temporary folder is in
# DIR, that is, until a run is mid-package
wait_tmp() {
    i=0
    while [ $i -lt 1000 ] && ! ls -A "$1" 2>/dev/null | grep -q '^\..*\.tmp-'; do
        sleep 0.002
        i=$((i + 1))
    done
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
