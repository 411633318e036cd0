#!/bin/sh
# e2e_facts.sh - the same count reads the same everywhere (issue 13): for
# both samples and several synthetic districts, every figure that more than
# one document of the package shows (units without evidence, evidence
# entries, scoring items, documents and the files copied) is read back from
# each document (pdftotext, openpyxl, the folder) and compared with the
# others, with the case's XML and with the province's summary.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
QS=${1:-$QS}
"$PY" tests/tools/gen_cases.py samples/yongqiao-2022 "$T/gen" 4 13 >/dev/null
CASES="samples/yongqiao-2022 samples/shilixian-2023 $T/gen/case-001 $T/gen/case-002 $T/gen/case-003 $T/gen/case-004"
s=0; "$QS" package -q -j 2 $CASES -o "$T/out" >"$T/pkg.out" 2>"$T/pkg.err" || s=$?
check "the cases package (exit 0)" test "$s" -eq 0
s=0; "$QS" summary -q $CASES -o "$T/summary.xlsx" >/dev/null 2>&1 || s=$?
check "the cases' summary is written (exit 0)" test "$s" -eq 0
for c in $CASES; do
    region=$(sed -n 's:.*<region>\(.*\)</region>.*:\1:p' "$c/plan.xml" | head -1)
    year=$(sed -n 's:.*<year>\(.*\)</year>.*:\1:p' "$c/plan.xml" | head -1)
    check "$region-$year: every document counts the same" \
        "$PY" tests/tools/facts_check.py "$c" "$T/out/$region-$year" "$T/summary.xlsx"
done
finish
