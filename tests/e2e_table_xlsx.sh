#!/bin/sh
# e2e_table_xlsx.sh - `qsreport table CASE -o F.xlsx` on the sample, read back
# as its readers see it: openpyxl (every text against `qsreport dump`, merges,
# widths, row heights, print setup, properties, the reviewed golden), two runs
# byte for byte, write failures that leave nothing behind, and LibreOffice
# turning it into a PDF in which every scoring method is whole (issue 3).
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
G=tests/golden/yongqiao-2022
STRINGS=templates/strings.xml
X=$T/out/table.xlsx
RUN= QSU= SU= # fails(): a command prefix (setpriv, to drop root), and the binary and sample it runs
xcheck() { "$PY" tests/tools/xlsx_table_check.py "$@"; }

# 1. the workbook, and nothing else, in the output folder
mkdir "$T/out"
"$QS" dump "$S" >"$T/model.txt" 2>/dev/null
s=0; "$QS" table "$S" -o "$X" 2>"$T/table.err" || s=$?
check "table -o F.xlsx: exit 0" test "$s" -eq 0
n=$(grep -c ': warning: ' "$G/validate.txt")
echo "qsreport: $n warnings (qsreport validate lists them)" >"$T/warnings.expected"
same "table: only the count of the sample's own warnings on stderr" "$T/warnings.expected" "$T/table.err"
check "table: no temporary file left" test "$(ls -A "$T/out")" = table.xlsx

# 2. what openpyxl reads, against the model and against the golden
"$PY" tests/tools/xlsx_dump.py "$X" >"$T/table.xlsx.txt"
same "xlsx dump golden" "$G/table.xlsx.txt" "$T/table.xlsx.txt"
for c in texts numbers merges widths heights labels breaks print props; do
    check "xlsx $c" xcheck "$c" "$T/model.txt" "$STRINGS" "$X"
done
check "xlsx: 31 indicator rows below 3 rows of title and header" \
    test "$(grep -c '^row	' "$T/table.xlsx.txt")" -eq 34
# issue 14: the categories of rows 1-7, 8-11, 12-22, 23-27, 28-31, cut at
# the sheet's row breaks (above rows 10, 17, 25), each piece with its label
check "xlsx: categories merged over rows 1-7, 8-9, 10-11, 12-16, 17-22, 23-24, 25-27, 28-31" \
    test "$(grep -c -x -E 'merge	B(4:B10|11:B12|13:B14|15:B19|20:B25|26:B27|28:B30|31:B34)' \
    "$T/table.xlsx.txt")" -eq 8
check "xlsx: row breaks above indicators 10, 17, 25" \
    grep -qx 'print	rowBreaks=12,19,27' "$T/table.xlsx.txt"

# 3. reproducible: the date is SOURCE_DATE_EPOCH, nothing else varies
"$QS" table "$S" -o "$T/again.xlsx" 2>/dev/null
check "two runs are byte-identical" cmp "$X" "$T/again.xlsx"
SOURCE_DATE_EPOCH=1700000000 "$QS" table "$S" -o "$T/later.xlsx" 2>/dev/null
check "created = SOURCE_DATE_EPOCH" sh -c "'$PY' tests/tools/xlsx_dump.py '$T/later.xlsx' |
    grep -qx 'prop	created	2023-11-14T22:13:20Z'"

# 4. a file that cannot be written: one diagnostic, exit 2, nothing left behind
fails() { # fails NAME OUT EXPECTED-DIAGNOSTIC [qsreport options]
    f_name=$1 f_out=$2 f_diag=$3
    shift 3
    s=0; $RUN "${QSU:-$QS}" table "$@" "${SU:-$S}" -o "$f_out" 2>"$T/err" || s=$?
    check "$f_name: exit 2" test "$s" -eq 2
    check "$f_name: diagnostic" grep -qxF "$f_out: error: cannot write: $f_diag" "$T/err"
    check "$f_name: no temporary file left" sh -c "! ls -A '$(dirname "$f_out")' 2>/dev/null | grep -q '\.tmp-'"
}
fails "missing folder" "$T/no-such-dir/t.xlsx" "No such file or directory"
check "missing folder: not created" test ! -e "$T/no-such-dir"
: >"$T/plain"
fails "folder is a file" "$T/plain/t.xlsx" "Not a directory"
mkdir -p "$T/taken.xlsx/inside"
fails "output is a folder" "$T/taken.xlsx" "Is a directory"
check "output is a folder: left as it was" test -d "$T/taken.xlsx/inside"
# a read-only folder: root writes anywhere, so root runs this one as nobody,
# on copies that nobody can reach wherever the checkout lives
mkdir "$T/ro"
chmod 555 "$T/ro"
if unprivileged; then
    fails "read-only folder" "$T/ro/t.xlsx" "Permission denied"
    check "read-only folder: left empty" test -z "$(ls -A "$T/ro")"
else
    echo "SKIP read-only folder: $WHY"
fi
RUN= QSU= SU=
# libxlsxwriter refuses late (a footer over Excel's 255 characters): the
# previous file at the path survives untouched
mkdir -p "$T/tpl"
cp -R templates fonts "$T/tpl/"
long=$(printf '%0300d' 0)
sed "s|<string key=\"table.footer\">[^<]*</string>|<string key=\"table.footer\">$long</string>|" \
    "$STRINGS" >"$T/tpl/templates/strings.xml"
cp "$X" "$T/out/keep.xlsx"
fails "library refuses" "$T/out/keep.xlsx" "Parameter exceeds Excel's limit of 255 characters." \
    --templates "$T/tpl/templates"
check "library refuses: the previous file is untouched" cmp "$X" "$T/out/keep.xlsx"

# 5. LibreOffice prints it: every method whole, header and footer on each page
if command -v soffice >/dev/null 2>&1; then
    soffice -env:UserInstallation="file://$T/lo" --headless --convert-to pdf --outdir "$T/pdf" \
        "$X" >"$T/soffice.log" 2>&1 || true
    check "LibreOffice converts the workbook to PDF" test -s "$T/pdf/table.pdf"
    if [ -s "$T/pdf/table.pdf" ]; then
        check "LibreOffice: A4 landscape" sh -c "pdfinfo '$T/pdf/table.pdf' | grep -q '^Page size: *841.89 x 595.3'"
        check "LibreOffice: every method whole, header and footer on every page" \
            xcheck pdf "$T/model.txt" "$STRINGS" "$T/pdf/table.pdf"
        check "LibreOffice: pages break where the label check assumes" \
            xcheck pages "$T/model.txt" "$STRINGS" "$T/pdf/table.pdf" "$X"
        check "LibreOffice: every page prints the 类别 of its rows" \
            xcheck pdflabels "$T/model.txt" "$STRINGS" "$T/pdf/table.pdf"
    fi
else
    bad "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
fi

finish
