#!/bin/sh
# e2e_summary.sh - `qsreport summary CASE... -o F.xlsx -o F.pdf` (issue 12,
# the province's roll-up) and the summary `package` writes beside several
# packages: the workbook read back with openpyxl (sheets a year, values
# against `qsreport score`, order and shared ranks, formulas and their cached
# values, the native chart, print setup), LibreOffice's conversion, the PDF
# through pdftotext, pdffonts and qpdf, two runs byte for byte, a district
# twice in a year and an invalid case refused, 100 synthetic districts.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
STRINGS=templates/strings.xml
O=$T/out
X=$O/summary.xlsx
P=$O/summary.pdf
scheck() { c=$1; shift; "$PY" tests/tools/summary_check.py "$c" "$X" "$QS" "$STRINGS" "$@"; }

# the cases: the sample, six synthetic districts of 2022, 2023 and 2024, one
# of them a county (县), and 丙区, the sample renamed: a tie with 埇桥区
"$PY" tests/tools/gen_cases.py "$S" "$T/gen" 6 >/dev/null
cp -R "$T/gen/case-005" "$T/county"
sed -i 's/合成第005区/合成第五县/g; s/质量强区/质量强县/g; s/level="区"/level="县"/' "$T/county/plan.xml" "$T/county"/evidence/*.xml
rm -rf "$T/gen/case-005"
cp -R "$S" "$T/tie"
sed -i 's/埇桥区/丙区/g' "$T/tie/plan.xml" "$T/tie"/evidence/*.xml
CASES="$S $T/gen/case-001 $T/gen/case-002 $T/gen/case-003 $T/gen/case-004 $T/gen/case-006 $T/county $T/tie"

# 1. both files, and nothing else, in the output folder
mkdir "$O"
s=0; "$QS" summary $CASES -o "$X" -o "$P" >"$T/stdout" 2>"$T/stderr" || s=$?
check "summary: exit 0" test "$s" -eq 0
check "summary: it names what it wrote" sh -c "grep -qx 'summary -> $X' '$T/stdout' && grep -qx 'summary -> $P' '$T/stdout'"
check "summary: every case ok" grep -qx '8 ok, 0 failed' "$T/stdout"
check "summary: no error, the warnings counted in one line" sh -c \
    "! grep -q ': error:' '$T/stderr' && grep -q '^qsreport: [0-9]* warnings (qsreport validate lists them)' '$T/stderr'"
check "summary: no temporary file left" test "$(ls -A "$O" | tr '\n' ' ')" = "summary.pdf summary.xlsx "

# 2. the workbook as openpyxl and the zip parts show it
for c in sheets values order formulas chart print; do
    check "xlsx $c" scheck "$c" $CASES
done
check "xlsx: a tie shares rank 1, listed by name (丙 before 埇)" "$PY" -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1], data_only=True)["2022年度"]
rows = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in (4, 5)]
sys.exit(rows != [(1, "丙区"), (1, "埇桥区")])' "$X"
check "xlsx: the county's level is 县" "$PY" -c '
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
sys.exit(not any(ws.cell(r, 2).value == "合成第五县" and ws.cell(r, 3).value == "县"
                 for ws in wb.worksheets for r in range(4, ws.max_row + 1)))' "$X"
check "xlsx: the largest losses with their reasons" "$PY" -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["2022年度"]
text = [ws.cell(r, 18).value for r in range(4, 8) if ws.cell(r, 2).value == "埇桥区"][0]
lines = text.split("\n")
sys.exit(len(lines) != 3 or not lines[0].startswith("18.2失3分：工程质量投诉率未连续2年同比下降"))' "$X"

# 3. LibreOffice opens and prints it
if command -v libreoffice >/dev/null 2>&1; then
    mkdir "$T/lo"
    check "LibreOffice converts the workbook to PDF" sh -c \
        "cd '$T/lo' && HOME='$T/lo' timeout 120 libreoffice --headless --convert-to pdf --outdir '$T/lo' '$X' >/dev/null 2>&1 &&
         test -s '$T/lo/summary.pdf'"
    check "LibreOffice's PDF: a table and a chart page a year, every district" sh -c \
        "test \$(pdfinfo '$T/lo/summary.pdf' | sed -n 's/^Pages: *//p') -ge 6 &&
         pdftotext '$T/lo/summary.pdf' - | grep -q 合成第五县 && pdftotext '$T/lo/summary.pdf' - | grep -q 丙区"
fi

# 4. the PDF: every region and total, embedded fonts, A4 landscape, well formed
"$PY" tests/tools/stext.py rows "$P" >"$T/pdf.txt" # glyph positions: compressed marks overlap
ok_all=true
for c in $CASES; do # the chart's row of each district reads "RANK REGION TOTAL"
    region=$(sed -n 's:.*<region>\(.*\)</region>.*:\1:p' "$c/plan.xml")
    total=$("$QS" score --format xml "$c" 2>/dev/null | sed -n 's/.* total="\([^"]*\)".*/\1/p' | head -1)
    grep -qx "[0-9]* $region $total" "$T/pdf.txt" || { ok_all=false; echo "    $region $total not in the PDF"; }
done
check "pdf: every region and its total" $ok_all
check "pdf: every font embedded" sh -c "pdffonts '$P' | tail -n +3 | awk '{ if (\$(NF-4) != \"yes\") exit 1 }' &&
    test \$(pdffonts '$P' | tail -n +3 | wc -l) -ge 1"
check "pdf: A4 landscape" sh -c "pdfinfo '$P' | grep -q 'Page size: *841.89 x 595.28 pts (A4)'"
check "pdf: qpdf --check passes" qpdf --check "$P"
check "pdf: pdftotext reads it without a complaint" sh -c "pdftotext '$P' /dev/null 2>&1 | (! grep -q .)"
check "pdf: a title a year" test "$(grep -c '年度创建“安徽省质量强.*”自评得分汇总表' "$T/pdf.txt")" -eq 3
check "pdf: a year with a county and districts names both levels (质量强县（区）), the others one" sh -c \
    "grep -q '年度创建“安徽省质量强县（区）”自评得分汇总表' '$T/pdf.txt' && grep -q '年度创建“安徽省质量强区”自评得分汇总表' '$T/pdf.txt'"

# 5. the same input, the same bytes; any number of workers
"$QS" summary -q -j 1 $CASES -o "$T/again.xlsx" -o "$T/again.pdf" >/dev/null 2>&1
check "two runs (-j 2, -j 1) give the same xlsx" cmp "$X" "$T/again.xlsx"
check "two runs (-j 2, -j 1) give the same pdf" cmp "$P" "$T/again.pdf"

# 6. a district twice in a year: each case fails naming the other; nothing written
cp -R "$S" "$T/twin"
s=0; "$QS" summary "$S" "$T/gen/case-001" "$T/twin" -o "$T/dup.xlsx" >"$T/dup.out" 2>"$T/dup.err" || s=$?
check "a district twice: exit 1" test "$s" -eq 1
check "a district twice: each case's error names the other and the region-year" sh -c \
    "grep -qx '$S: error: 埇桥区 2022 is also the region and year of $T/twin: one district, one year, one case' '$T/dup.err' &&
     grep -qx '$T/twin: error: 埇桥区 2022 is also the region and year of $S: one district, one year, one case' '$T/dup.err'"
check "a district twice: both named as failed" sh -c \
    "grep -qx 'FAILED  $S' '$T/dup.out' && grep -qx 'FAILED  $T/twin' '$T/dup.out' && grep -qx '1 ok, 2 failed' '$T/dup.out'"
check "a district twice: no summary" test ! -e "$T/dup.xlsx"
s=0; "$QS" summary "$T/gen/case-001" "$T/gen/case-004" -o "$T/dup2.xlsx" >/dev/null 2>&1 || s=$?
check "two districts of one year, and one district in two years, are no twins" test "$s" -eq 0

# 7. an invalid case: the summary is refused (a ranking without it would be
# wrong), the case named with its errors; an older summary stays as it was
mkdir -p "$T/bad/evidence"
cp "$S/plan.xml" "$T/bad/"
cp -R "$S/attachments" "$T/bad/"
sed 's/value="95.9"/value="195.9"/' "$S/evidence/nyncj.xml" >"$T/bad/evidence/nyncj.xml"
cp "$X" "$T/older.xlsx"
s=0; "$QS" summary -j 2 "$S" "$T/bad" "$T/gen/case-002" -o "$T/older.xlsx" >"$T/bad.out" 2>"$T/bad.err" || s=$?
check "an invalid case: exit 1" test "$s" -eq 1
check "an invalid case: named, its error shown, the summary refused" sh -c \
    "grep -qx 'FAILED  $T/bad' '$T/bad.out' && grep -q 'nyncj.xml:[0-9]*: error: .*195.9' '$T/bad.err' &&
     grep -q '^qsreport: no summary written: 1 of 3 cases failed' '$T/bad.err'"
check "an invalid case: the older summary is untouched" cmp "$X" "$T/older.xlsx"
s=0; "$QS" summary "$T/no-such-case" -o "$T/none.pdf" >/dev/null 2>&1 || s=$?
check "a case folder that is not there: exit 2" test "$s" -eq 2

# 8. package with several cases: the summary beside the packages, the same
# bytes as `qsreport summary` of the same cases; none when a case fails
s=0; "$QS" package -q -j 2 "$S" "$T/gen/case-002" -o "$T/pkg" >"$T/pkg.out" 2>"$T/pkg.err" || s=$?
check "package, two cases: exit 0" test "$s" -eq 0
check "package, two cases: the summary beside the packages, named by strings.xml" sh -c \
    "test -s '$T/pkg/2022-2023年度汇总表.xlsx' && test -s '$T/pkg/2022-2023年度汇总表.pdf' &&
     grep -qx 'summary -> $T/pkg/2022-2023年度汇总表.pdf' '$T/pkg.out'"
"$QS" summary -q "$S" "$T/gen/case-002" -o "$T/pair.xlsx" -o "$T/pair.pdf" >/dev/null 2>&1
check "package's summary = summary's, byte for byte" sh -c \
    "cmp '$T/pkg/2022-2023年度汇总表.xlsx' '$T/pair.xlsx' && cmp '$T/pkg/2022-2023年度汇总表.pdf' '$T/pair.pdf'"
"$QS" package -q -j 2 "$S" "$T/gen/case-002" -o "$T/pkg" >/dev/null 2>&1
check "package, two cases again: the older summary replaced by the same bytes" \
    cmp "$T/pkg/2022-2023年度汇总表.xlsx" "$T/pair.xlsx"
rm "$T/pkg/2022-2023年度汇总表.pdf"
echo "the user's notes" >"$T/pkg/2022-2023年度汇总表.pdf"
s=0; "$QS" package -q -j 2 "$S" "$T/gen/case-002" -o "$T/pkg" >/dev/null 2>"$T/pkg.err" || s=$?
check "package: a file of the summary's name that is no PDF is left as it is (exit 2, said)" sh -c \
    "test $s -eq 2 && grep -qx \"the user's notes\" '$T/pkg/2022-2023年度汇总表.pdf' &&
     grep -qx '$T/pkg/2022-2023年度汇总表.pdf: error: a file is in the way of the summary and is not one; it was left as it is' '$T/pkg.err'"
"$QS" package -q "$S" -o "$T/pkg1" >/dev/null 2>&1
check "package, one case: no summary" test "$(ls "$T/pkg1")" = "埇桥区-2022"
s=0; "$QS" package -q -j 2 "$T/gen/case-001" "$T/bad" -o "$T/pkgbad" >/dev/null 2>"$T/pkgbad.err" || s=$?
check "package with an invalid case: exit 1, the others packaged, no summary" sh -c \
    "test $s -eq 1 && test -s '$T/pkgbad/合成第001区-2022/SHA256SUMS' && ! ls '$T/pkgbad' | grep -q 汇总表 &&
     grep -q '^qsreport: no summary written: 1 of 2 cases failed' '$T/pkgbad.err'"
s=0; "$QS" package -j 2 "$S" "$T/twin" "$T/gen/case-001" -o "$T/pkgdup" >"$T/pkgdup.out" 2>"$T/pkgdup.err" || s=$?
check "package with a district twice: exit 1, neither packaged (they would take one name), no summary" sh -c \
    "test $s -eq 1 && test \"\$(ls '$T/pkgdup')\" = '合成第001区-2022' &&
     grep -q '^$T/twin/plan.xml:[0-9]*: error: this case and $S would write one package, \"埇桥区-2022\"' '$T/pkgdup.err' &&
     grep -qx 'FAILED  $T/twin' '$T/pkgdup.out'"

# 9. the command line
s=0; "$QS" summary "$S" >/dev/null 2>"$T/use.err" || s=$?
check "summary without -o: exit 2, said" sh -c "test $s -eq 2 && grep -q 'summary needs -o' '$T/use.err'"
s=0; "$QS" summary "$S" -o "$T/x.csv" >/dev/null 2>"$T/use.err" || s=$?
check "summary -o F.csv: exit 2, said" sh -c "test $s -eq 2 && grep -q 'must end in .xlsx or .pdf' '$T/use.err'"
check "summary --help: its synopsis" sh -c "'$QS' summary --help | grep -q '^usage: qsreport summary '"
check "--help lists summary" sh -c "'$QS' --help | grep -q '^  summary CASE'"
check "the man page documents summary" grep -q '^\.B summary' src/qsreport.1
s=0; SOURCE_DATE_EPOCH=x "$QS" summary "$S" -o "$T/e.xlsx" >/dev/null 2>&1 || s=$?
check "summary with a malformed SOURCE_DATE_EPOCH: exit 2" test "$s" -eq 2

# 10. a hundred synthetic districts of three years
"$PY" tests/tools/gen_cases.py "$S" "$T/g100" 100 >/dev/null
X=$T/h.xlsx
s=0; "$QS" summary -q -j 2 "$T"/g100/case-* -o "$X" -o "$T/h.pdf" >"$T/h.out" 2>"$T/h.err" || s=$?
check "100 districts: exit 0" test "$s" -eq 0
check "100 districts: every one in its year's sheet with its numbers" scheck values "$T"/g100/case-*
check "100 districts: ranked" scheck order "$T"/g100/case-*
check "100 districts: the charts hold every total" scheck chart "$T"/g100/case-*
"$PY" tests/tools/stext.py rows "$T/h.pdf" >"$T/h.txt"
check "100 districts: every one in the PDF's charts" sh -c "for i in \$(seq -w 1 100); do
    grep -qx \"[0-9]* 合成第\${i}区 [0-9.]*\" '$T/h.txt' || { echo \"    合成第\${i}区 missing\"; exit 1; }; done"
finish
