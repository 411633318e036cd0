#!/bin/sh
# e2e_selfassess_xlsx.sh - `qsreport report CASE -o F.xlsx` (the self-assessment
# table, issue 4) on the sample, read back as its readers see it: openpyxl
# (scores against the hand-written score.expected, SUM/MIN formulas and their
# cached values, the formulas re-evaluated after an edit, lost points,
# documents, chart, print setup, row heights, properties), two runs byte for
# byte, write failures that leave nothing behind, and LibreOffice's PDF.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
G=tests/golden/yongqiao-2022
STRINGS=templates/strings.xml
X=$T/out/selfassess.xlsx
scheck() { "$PY" tests/tools/selfassess_check.py "$1" "$T/model.txt" "$G/score.expected" "$STRINGS" "$S" "$2" ${3:+"$3"}; }

# 1. the workbook, and nothing else, in the output folder
mkdir "$T/out"
"$QS" dump "$S" >"$T/model.txt" 2>/dev/null
s=0; "$QS" report "$S" -o "$X" 2>"$T/report.err" || s=$?
check "report -o F.xlsx: exit 0" test "$s" -eq 0
check "report: no error on stderr" sh -c "! grep -q ': error:' '$T/report.err'"
check "report: no row too tall for a page" sh -c "! grep -q 'needs .* pt' '$T/report.err'"
check "report: no temporary file left" test "$(ls -A "$T/out")" = selfassess.xlsx

# 2. what openpyxl and the zip parts show
for c in sheets scores sums recompute losses documents chart print heights props; do
    check "xlsx $c" scheck "$c" "$X"
done
check "xlsx: row breaks, no merged range crosses one (issue 14)" \
    "$PY" tests/tools/xlsx_table_check.py breaks "$T/model.txt" "$STRINGS" "$X"

# 3. reproducible: the date is SOURCE_DATE_EPOCH, nothing else varies
"$QS" report "$S" -o "$T/again.xlsx" 2>/dev/null
check "two runs are byte-identical" cmp "$X" "$T/again.xlsx"
SOURCE_DATE_EPOCH=1700000000 "$QS" report "$S" -o "$T/later.xlsx" 2>/dev/null
check "created = SOURCE_DATE_EPOCH" sh -c "'$PY' tests/tools/xlsx_dump.py '$T/later.xlsx' |
    grep -qx 'prop	created	2023-11-14T22:13:20Z'"

# 4. a file that cannot be written: one diagnostic, exit 2, nothing left behind
fails() { # fails NAME OUT EXPECTED-DIAGNOSTIC [qsreport options]
    f_name=$1 f_out=$2 f_diag=$3
    shift 3
    s=0; "$QS" report "$@" "$S" -o "$f_out" 2>"$T/err" || s=$?
    check "$f_name: exit 2" test "$s" -eq 2
    check "$f_name: one diagnostic" test "$(grep -c ': error:' "$T/err")" -eq 1
    check "$f_name: it names the file" grep -qxF "$f_out: error: cannot write: $f_diag" "$T/err"
    check "$f_name: no temporary file left" sh -c "! ls -A '$(dirname "$f_out")' 2>/dev/null | grep -q '\.tmp-'"
}
fails "missing folder" "$T/no-such-dir/s.xlsx" "No such file or directory"
check "missing folder: not created" test ! -e "$T/no-such-dir"
mkdir -p "$T/taken.xlsx/inside"
fails "output is a folder" "$T/taken.xlsx" "Is a directory"
check "output is a folder: left as it was" test -d "$T/taken.xlsx/inside"
# libxlsxwriter refuses late (a sheet name with "/"): the previous file survives
mkdir -p "$T/tpl"
cp -R templates fonts "$T/tpl/"
sed 's|<string key="selfassess.chart.sheet">[^<]*</string>|<string key="selfassess.chart.sheet">a/b</string>|' \
    "$STRINGS" >"$T/tpl/templates/strings.xml"
cp "$X" "$T/out/keep.xlsx"
fails "library refuses" "$T/out/keep.xlsx" "Worksheet name cannot contain invalid characters: '[ ] : * ? / \\'" \
    --templates "$T/tpl/templates"
check "library refuses: the previous file is untouched" cmp "$X" "$T/out/keep.xlsx"
# a wording missing from strings.xml: an input error (exit 1), no file
grep -v 'key="selfassess.title"' "$STRINGS" >"$T/tpl/templates/strings.xml"
s=0; "$QS" report --templates "$T/tpl/templates" "$S" -o "$T/out/none.xlsx" 2>"$T/err" || s=$?
check "missing wording: exit 1" test "$s" -eq 1
check "missing wording: named" grep -q 'missing string "selfassess.title"' "$T/err"
check "missing wording: no file" test ! -e "$T/out/none.xlsx"

# 5. LibreOffice prints it: every text whole, the chart on one page, 84.5
if command -v soffice >/dev/null 2>&1; then
    soffice -env:UserInstallation="file://$T/lo" --headless --convert-to pdf --outdir "$T/pdf" \
        "$X" >"$T/soffice.log" 2>&1 || true
    check "LibreOffice converts the workbook to PDF" test -s "$T/pdf/selfassess.pdf"
    if [ -s "$T/pdf/selfassess.pdf" ]; then
        check "LibreOffice: every page A4 landscape" sh -c "pdfinfo -f 1 -l 99 '$T/pdf/selfassess.pdf' |
            grep '^Page .* size:' | grep -v -q '841.89 x 595.3' && exit 1 || exit 0"
        check "LibreOffice: the total 84.5 prints" sh -c "pdftotext '$T/pdf/selfassess.pdf' - | grep -q '84\.5'"
        check "LibreOffice: texts whole, headers and page numbers, the chart one page" \
            scheck pdf "$X" "$T/pdf/selfassess.pdf"
        check "LibreOffice: every page prints the 类别 of its rows (issue 14)" \
            "$PY" tests/tools/xlsx_table_check.py pdflabels "$T/model.txt" "$STRINGS" "$T/pdf/selfassess.pdf"
    fi
else
    bad "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
fi

finish
