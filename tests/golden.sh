#!/bin/sh
# golden.sh - `make golden`: rewrites the reviewed text goldens of the sample
# (and the report's text of each sample) from the current build.  Review the diff before committing; `make check`
# never runs this.
set -eu
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1672531200
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
G=tests/golden/yongqiao-2022
mkdir -p "$G"
build/qsreport validate samples/yongqiao-2022 2>"$G/validate.txt" || true
build/qsreport dump samples/yongqiao-2022 >"$G/dump.txt" 2>/dev/null || true
T=$(mktemp -d "${TMPDIR:-/tmp}/qs-golden.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
build/qsreport table samples/yongqiao-2022 -o "$T/table.xlsx" 2>/dev/null &&
    /usr/bin/python3 tests/tools/xlsx_dump.py "$T/table.xlsx" >"$G/table.xlsx.txt"
build/qsreport units samples/yongqiao-2022 -o "$T/units" 2>/dev/null &&
    /usr/bin/python3 tests/tools/xlsx_dump.py "$T/units/$(sed -n \
        's|.*<string key="units.workbook">\([^<]*\)</string>.*|\1|p' templates/strings.xml)" \
        >"$G/units.xlsx.txt"
# the report's wording, for each sample: a change of a sentence shows in review
for S in samples/yongqiao-2022 samples/shilixian-2023; do
    RG=tests/golden/$(basename "$S")
    mkdir -p "$RG"
    build/qsreport report "$S" -o "$T/report.pdf" 2>/dev/null &&
        sh tests/tools/report_text.sh "$T/report.pdf" >"$RG/report.pdf.txt"
done
git --no-pager diff --stat -- tests/golden 2>/dev/null || true
