#!/bin/sh
# bench.sh - `make bench`: time, peak memory and size of every output on the
# sample, 100 synthetic districts packaged with -j 1 and -j 2, and their
# summary.  Reports only; nothing here passes or fails on speed (the
# machines are shared and noisy).
# Single outputs: the best of 5 runs.
set -eu
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1672531200
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
QS=build/qsreport
S=samples/yongqiao-2022
N=${BENCH_CASES:-100}
T=$(mktemp -d "${TMPDIR:-/tmp}/qs-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

# measure NAME CMD...: best wall time of 5 runs and the peak RSS
measure() {
    name=$1
    shift
    best=""
    peak=0
    for i in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o "$T/time" "$@" >/dev/null 2>&1 || true
        read -r secs kb <"$T/time"
        best=$(awk -v a="$secs" -v b="${best:-$secs}" 'BEGIN { print (a < b ? a : b) }')
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    printf '  %-36s %7.2f s  %7d KB peak\n' "$name" "$best" "$peak"
}

echo "qsreport bench on $S ($(nproc) cores)"
measure "validate" "$QS" validate "$S"
measure "score" "$QS" score "$S"
measure "table -o xlsx" "$QS" table "$S" -o "$T/table.xlsx"
measure "table -o pdf" "$QS" table "$S" -o "$T/table.pdf"
measure "report -o pdf" "$QS" report "$S" -o "$T/report.pdf"
measure "report -o xlsx (self-assessment)" "$QS" report "$S" -o "$T/selfassess.xlsx"
measure "units (workbook + a PDF per unit)" "$QS" units "$S" -o "$T/units"
measure "package -j 1 (one process)" "$QS" package -q -j 1 "$S" -o "$T/pkg1"
measure "package (default -j: documents, unit sheets as two items)" "$QS" package -q "$S" -o "$T/pkg"
echo
echo "evidence forms: reading a filled form against reading its XML (target: at most twice the XML)"
mkdir -p "$T/forms"
cp -R "$S" "$T/forms/case"
for f in "$S"/evidence/*.xml; do
    u=$(grep -o '<unit name="[^"]*"' "$f" | head -1 | sed 's/.*name="//; s/"$//')
    "$QS" init "$S" --unit "$u" -o "$T/forms/case/evidence/$(basename "$f" .xml).xlsx" 2>/dev/null
    rm "$T/forms/case/evidence/$(basename "$f")"
done
measure "validate, evidence as XML" "$QS" validate "$S"
measure "validate, evidence as forms (xlsx)" "$QS" validate "$T/forms/case"
measure "read one evidence XML (scjgj.xml)" "$QS" validate "$S/evidence/scjgj.xml"
measure "read one form (scjgj.xlsx)" "$QS" validate "$T/forms/case/evidence/scjgj.xlsx"
measure "init --format xlsx (a form per unit)" "$QS" init --force "$S" -o "$T/forms/all" --format xlsx
echo
echo "sizes of the package's files"
{
    (cd "$T/pkg"/* && find . -type f -printf '%P\t%s bytes\n' | sort)
    printf '%s\t%s bytes in %s files\n' "责任清单/ (unit sheets)" \
        "$(du -sb "$T/pkg"/*/责任清单 | cut -f1)" "$(ls "$T/pkg"/*/责任清单 | wc -l)"
    printf '%s\t%s bytes\n' "the whole package" "$(du -sb "$T/pkg"/* | cut -f1)"
} | /usr/bin/python3 -c '
import sys, unicodedata
# columns by display width: a Chinese character takes two
for line in sys.stdin:
    name, size = line.rstrip("\n").split("\t")
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in name)
    n, rest = size.split(" ", 1)
    print("  " + name + " " * max(1, 44 - width) + n.rjust(9) + " " + rest)
'
echo "  (targets: the table PDF under 77 KB, the size Apache FOP reaches; the report under 1 MB)"
echo
/usr/bin/python3 tests/tools/gen_cases.py "$S" "$T/gen" "$N"
for j in 1 2; do
    rm -rf "$T/batch"
    /usr/bin/time -f "%e %M" -o "$T/time" "$QS" package -q -j "$j" "$T/gen"/case-* -o "$T/batch" >/dev/null 2>&1 || true
    read -r secs kb <"$T/time"
    printf '  %d districts, -j %d: %6.2f s, %5.1f packages/s, %d KB peak (largest process)\n' "$N" "$j" "$secs" \
        "$(awk -v n="$N" -v s="$secs" 'BEGIN { print n / s }')" "$kb"
done
echo "  (targets: one package under 0.2 s; 100 districts under 10 s with -j 2; peak memory under 64 MB)"
echo
echo "the summary of the $N districts (every case loaded, validated and scored, then the roll-up)"
measure "summary -j 1 (xlsx + pdf)" "$QS" summary -q -j 1 "$T/gen"/case-* -o "$T/summary.xlsx" -o "$T/summary.pdf"
measure "summary -j 2 (xlsx + pdf)" "$QS" summary -q -j 2 "$T/gen"/case-* -o "$T/summary.xlsx" -o "$T/summary.pdf"
measure "summary -j 2 (xlsx only: no fonts)" "$QS" summary -q -j 2 "$T/gen"/case-* -o "$T/summary.xlsx"
printf '  sizes: %s bytes (xlsx), %s bytes (pdf, %s pages)\n' "$(stat -c %s "$T/summary.xlsx")" \
    "$(stat -c %s "$T/summary.pdf")" "$(pdfinfo "$T/summary.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')"
echo "  (target: the summary of 100 districts under 2 s with -j 2)"

# once NAME CMD...: one run's wall time, peak RSS and exit status (the
# large cases take seconds each: one run, not the best of five)
once() {
    name=$1
    shift
    /usr/bin/time -f "%e %M %x" -o "$T/time" "$@" >/dev/null 2>"$T/once.err" || true
    tail -n 1 "$T/time" | {
        read -r secs kb rc
        printf '  %-44s %7.2f s  %8d KB peak  exit %s\n' "$name" "$secs" "$kb" "$rc"
    }
}

echo "large inputs (memory linear in the input; one run each)"
/usr/bin/python3 tests/tools/gen_big.py docs "$S" "$T/docs" 20000
/usr/bin/python3 tests/tools/gen_big.py docs "$S" "$T/docs-500" 20000 500
/usr/bin/python3 tests/tools/gen_big.py plan "$T/plan" 5000 3000
once "20,000 documents on one item: validate" "$QS" validate "$T/docs"
once "  package (refused: cells over 32,767)" "$QS" package -q "$T/docs" -o "$T/big1"
once "20,000 documents, 500 titles: package" "$QS" package -q "$T/docs-500" -o "$T/big2"
once "5,000 units x 3,000 indicators: validate" "$QS" validate "$T/plan"
once "  units (workbook + 5,000 PDFs)" "$QS" units "$T/plan" -o "$T/big3"
once "  package" "$QS" package -q "$T/plan" -o "$T/big4"
echo "  (targets: 20,000 documents under 256 MB; 5,000 x 3,000 package under 1 GB and 20 s)"
