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

# unprivileged: readies a test that needs a user who cannot write everywhere
# (root can).  As root it copies qsreport, templates/, fonts/ and the sample
# into $T/world, readable by everyone wherever the checkout lives (a clone
# under a 0700 folder too), and sets RUN to a setpriv prefix that runs a
# command as user nobody; as any other user RUN stays empty.  QSU and SU are
# the binary and the sample to give that user.  Returns 1, the reason in
# WHY, when that user cannot run qsreport on the sample.
unprivileged() {
    RUN= QSU=$QS SU=$TOP/samples/yongqiao-2022 WHY=
    [ "$(id -u)" -ne 0 ] && return 0
    if ! command -v setpriv >/dev/null 2>&1; then
        WHY="no setpriv to drop root with"
        return 1
    fi
    mkdir -p "$T/world/build" "$T/world/samples"
    cp "$QS" "$T/world/build/qsreport"
    cp -R "$TOP/templates" "$TOP/fonts" "$T/world/"
    cp -R "$TOP/samples/yongqiao-2022" "$T/world/samples/"
    chmod -R a+rX "$T/world"
    chmod 755 "$T"
    RUN="setpriv --reuid=65534 --regid=65534 --clear-groups"
    QSU=$T/world/build/qsreport
    SU=$T/world/samples/yongqiao-2022
    if ! (cd / && $RUN "$QSU" validate "$SU") >/dev/null 2>&1; then
        WHY="user nobody cannot run $QSU on the sample (is a parent folder of $T closed to others?)"
        return 1
    fi
}

# run NAME LIMIT WANT-STATUS ARGS...: qsreport ARGS within LIMIT seconds,
# passing when it exits WANT-STATUS (a hang or a signal death fails);
# its output is left in $T/out and $T/err
run() {
    name=$1 limit=$2 want=$3
    shift 3
    s=0
    timeout "$limit" "$QS" "$@" >"$T/out" 2>"$T/err" || s=$?
    if [ "$s" -eq "$want" ]; then ok "$name (exit $s)"; else bad "$name: exit $s, want $want"; head -5 "$T/err" | sed 's/^/    /'; fi
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
