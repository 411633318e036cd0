#!/bin/sh
# run.sh - `make fuzz`: builds the libFuzzer targets with clang (ASan +
# UBSan) into build-fuzz/ and runs each for FUZZ_SECONDS (default 60) on a
# corpus seeded from the samples and the case tests; past crashes, kept in
# tests/fuzz/regress/<target>/, are replayed first.  Prints executions and
# coverage per target; a crash fails the run and leaves its input in
# build-fuzz/crash-<target>-*.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
SECONDS_EACH=${FUZZ_SECONDS:-60}
B=build-fuzz
FLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined"
make --no-print-directory B=$B CC=clang CFLAGS="$FLAGS" LDFLAGS="-fsanitize=address,undefined" \
    $B/qsreport >/dev/null
LIBS=$(ls $B/obj/*.o | grep -v '/main\.o$')
PKGS=${QS_PKGS:?"run it as make fuzz (the Makefile names the libraries)"}
build() { # build NAME SOURCE [DEFINES]
    clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc ${3:-} $(pkg-config --cflags $PKGS) \
        -o "$B/$1" "tests/fuzz/$2" $LIBS $(pkg-config --libs $PKGS) -lhpdf -lm
}
build fuzz_schema fuzz_load.c -DQS_FUZZ_KIND=QS_DOC_INDICATORS
build fuzz_plan fuzz_load.c -DQS_FUZZ_KIND=QS_DOC_PLAN
build fuzz_evidence fuzz_load.c -DQS_FUZZ_KIND=QS_DOC_EVIDENCE
build fuzz_validate fuzz_validate.c
build fuzz_layout fuzz_layout.c
build fuzz_readers fuzz_readers.c
build fuzz_xlsx fuzz_xlsx.c

seed() { # seed TARGET FILES...
    t=$1
    shift
    mkdir -p "$B/corpus/$t"
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$B/corpus/$t/seed-$(echo "$f" | md5sum | cut -c1-12)"
    done
    return 0
}
seed fuzz_schema templates/indicators-anhui-2022.xml $(find tests/cases -name 'indicators*.xml' -o -name 'schema.xml')
seed fuzz_plan samples/*/plan.xml $(find tests/cases -name 'plan.xml')
seed fuzz_evidence samples/*/evidence/*.xml $(find tests/cases -path '*evidence*' -name '*.xml')
mkdir -p "$B/corpus/fuzz_validate"
for S in samples/*; do
    for e in "$S"/evidence/*.xml; do
        { cat "$S/plan.xml"; printf '\n--8<--\n'; cat "$e"; } \
            >"$B/corpus/fuzz_validate/seed-$(basename "$S")-$(basename "$e")"
    done
done
seed fuzz_layout tests/data/seed-yongqiao-2022.txt
# the first byte picks the reader: 0 boolean, 1 integer, 2 decimal, 3 double,
# 4 points, 5 gYear, 6 date, 7 the getters
mkdir -p "$B/corpus/fuzz_readers"
i=0
for v in '0 true' '1+017' '2 +168.50 ' '3-1.68E2' '4.25' '5-12022+08:00' '62024-02-29Z' '7 a  b' 'INF'; do
    printf '%s' "$v" >"$B/corpus/fuzz_readers/seed-$i"
    i=$((i + 1))
done

# evidence forms of both samples: whole (first byte 0) and as their parts (first byte 1)
mkdir -p "$B/corpus/fuzz_xlsx" "$B/forms"
for S in samples/*; do
    "$B/qsreport" init "$S" -o "$B/forms/$(basename "$S")" --format xlsx --force >/dev/null 2>&1 || true
done
for f in "$B"/forms/*/*.xlsx; do
    id=$(echo "$f" | md5sum | cut -c1-12)
    { printf '\000'; cat "$f"; } >"$B/corpus/fuzz_xlsx/seed-zip-$id"
    {
        printf '\001'
        first=1
        for p in _rels/.rels xl/workbook.xml xl/_rels/workbook.xml.rels xl/sharedStrings.xml \
            xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml xl/worksheets/sheet3.xml \
            xl/worksheets/sheet4.xml xl/worksheets/sheet5.xml xl/worksheets/sheet6.xml xl/worksheets/sheet7.xml; do
            [ $first -eq 1 ] || printf '\n--8<--\n'
            first=0
            unzip -p "$f" "$p" 2>/dev/null || true
        done
    } >"$B/corpus/fuzz_xlsx/seed-parts-$id"
done

failed=0
targets="fuzz_schema fuzz_plan fuzz_evidence fuzz_validate fuzz_layout fuzz_readers fuzz_xlsx"
for t in $targets; do
    if [ -d "tests/fuzz/regress/$t" ] && ls "tests/fuzz/regress/$t"/* >/dev/null 2>&1; then
        "$B/$t" -runs=0 "tests/fuzz/regress/$t"/* >"$B/$t.regress.log" 2>&1 ||
            { echo "FAIL $t: a past crash is back (see $B/$t.regress.log)"; failed=$((failed + 1)); }
    fi
    s=0
    "$B/$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$B/crash-$t-" -print_final_stats=1 "$B/corpus/$t" >"$B/$t.log" 2>&1 || s=$?
    stats=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW)' "$B/$t.log" | tail -n 1)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/$t.log")
    if [ "$s" -ne 0 ]; then
        echo "FAIL $t: crash after $runs runs; input saved as $(ls $B/crash-$t-* 2>/dev/null | head -n 1)"
        failed=$((failed + 1))
    else
        echo "PASS $t: $runs runs in ${SECONDS_EACH}s; $stats"
    fi
done
echo "$(($(echo $targets | wc -w) - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
