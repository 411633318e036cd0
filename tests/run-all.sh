#!/bin/sh
# run-all.sh - every test layer of `make check`, then one closing line
# "N passed, N failed" over all of them.  Exit status 1 if anything failed.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
# BUILD: the build folder to test (build-asan for `make check-asan`)
BUILD=${BUILD:-build}
export QSREPORT="$TOP/$BUILD/qsreport"
passed=0
failed=0
add() { # add a "N passed, N failed" line's counts
    p=$(echo "$1" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
    f=$(echo "$1" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-1}))
}

echo "== unit tests (cmocka)"
for t in "$BUILD"/tests/test_*; do
    out=$("$t" 2>&1)
    rc=$?
    echo "$out" | grep -E '^\[ *(FAILED|ERROR|LINE|PASSED) *\]|^\[=+\] [0-9]+ test\(s\) run' || true
    n=$(echo "$out" | sed -n 's/^\[=*\] \([0-9]*\) test(s) run\./\1/p')
    nf=$(echo "$out" | sed -n 's/^ *\([0-9]*\) FAILED TEST(S)$/\1/p')
    if [ -z "$n" ]; then
        echo "FAIL $t did not run (exit $rc)"
        failed=$((failed + 1))
        continue
    fi
    nf=${nf:-0}
    [ "$rc" -ne 0 ] && [ "$nf" -eq 0 ] && nf=1
    passed=$((passed + n - nf))
    failed=$((failed + nf))
done

for layer in tests/run-cases.sh tests/e2e.sh tests/e2e_*.sh; do
    [ -f "$layer" ] || continue
    echo "== $layer"
    sh "$layer" "$QSREPORT" >"$TOP/$BUILD/layer.log" 2>&1
    grep -v '^PASS ' "$TOP/$BUILD/layer.log"
    add "$(tail -n 1 "$TOP/$BUILD/layer.log")"
done

echo "== exported symbols"
bad=$(nm -g --defined-only "$BUILD"/obj/*.o | awk 'NF == 3 {print $3}' |
    grep -v -E '^(qs_|main$|__odr_asan\.qs_)' || true) # ASan adds __odr_asan twins
if [ -n "$bad" ]; then
    echo "FAIL symbols outside qs_: $bad"
    failed=$((failed + 1))
else
    echo "PASS every exported symbol starts with qs_"
    passed=$((passed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
