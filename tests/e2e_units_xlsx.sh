#!/bin/sh
# e2e_units_xlsx.sh - the responsibility workbook of `qsreport units CASE -o DIR`
# (issue 5), read back as its readers see it: openpyxl (sheet names, every
# indicator on its lead unit's sheet, the committee's members, the units
# without evidence first, the matrix, the status list, autofilter, frozen
# header, print setup), two runs byte for byte, unit names Excel cannot take
# as they are, a status list too long for libxlsxwriter 1.1.4, and
# LibreOffice turning the workbook into a PDF.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
STRINGS=templates/strings.xml
BOOK=$(sed -n 's|.*<string key="units.workbook">\([^<]*\)</string>.*|\1|p' "$STRINGS")
X=$T/out/$BOOK
xcheck() { "$PY" tests/tools/xlsx_units_check.py "$@"; }

# 1. the workbook beside the PDFs, nothing half-written
"$QS" dump "$S" >"$T/model.txt" 2>/dev/null
s=0; "$QS" units "$S" -o "$T/out" 2>"$T/units.err" || s=$?
check "units -o DIR: exit 0" test "$s" -eq 0
check "units: the workbook is named by strings key units.workbook ($BOOK)" test -s "$X"
check "units: no temporary file left" sh -c "! ls -A '$T/out' | grep -q '\.tmp-'"

# 2. what openpyxl reads, against the reviewed golden (`make golden`) and
# against the model
"$PY" tests/tools/xlsx_dump.py "$X" >"$T/units.xlsx.txt"
same "xlsx dump golden" tests/golden/yongqiao-2022/units.xlsx.txt "$T/units.xlsx.txt"
for c in names coverage members silent matrix sheets props; do
    check "xlsx $c" xcheck "$c" "$T/model.txt" "$STRINGS" "$X"
done

# 3. reproducible: the date is SOURCE_DATE_EPOCH, nothing else varies
"$QS" units "$S" -o "$T/again" 2>/dev/null
check "two runs are byte-identical" cmp "$X" "$T/again/$BOOK"

# a workbook that cannot be written: one diagnostic naming it, exit 2, the
# folder in its way left as it was, no temporary file
mkdir -p "$T/busy/$BOOK/inside"
s=0; "$QS" units "$S" -o "$T/busy" 2>"$T/busy.err" || s=$?
check "workbook path is a folder: exit 2" test "$s" -eq 2
check "workbook path is a folder: diagnostic" \
    grep -qxF "$T/busy/$BOOK: error: cannot write: Is a directory" "$T/busy.err"
check "workbook path is a folder: left as it was, no temporary file" \
    sh -c "test -d '$T/busy/$BOOK/inside' && ! ls -A '$T/busy' | grep -q '\.tmp-'"

# 4. unit names Excel cannot take as they are: two long names alike in
# their first 31 characters, with / and : in them; the committee member
# units renamed in the registry and in the task that names them
mkdir "$T/case"
cp -R "$S/plan.xml" "$S/evidence" "$S/attachments" "$T/case/"
long="区委组织部/人才工作领导小组办公室:干部教育培训与质量人才培养专项工作联络组"
sed -e "s|\"区委组织部\"|\"${long}甲\"|; s|>区委组织部<|>${long}甲<|" \
    -e "s|\"区委党校\"|\"${long}乙\"|; s|>区委党校<|>${long}乙<|" \
    "$S/plan.xml" >"$T/case/plan.xml"
"$QS" dump "$T/case" >"$T/model2.txt" 2>/dev/null
s=0; "$QS" units "$T/case" -o "$T/long" 2>"$T/long.err" || s=$?
check "long unit names: exit 0" test "$s" -eq 0
check "long unit names: both units in the model" test "$(grep -c "^unit \"${long}" "$T/model2.txt")" -eq 2
for c in names coverage members silent matrix sheets; do
    check "long unit names: xlsx $c" xcheck "$c" "$T/model2.txt" "$STRINGS" "$T/long/$BOOK"
done

# 5. the status list: libxlsxwriter 1.1.4 aborts on a list validation over
# 255 bytes of UTF-8 (notes/libraries.md 12c).  28 + 28 + 28 hanzi and two
# commas (254 bytes) are written; 28 + 28 + 29 (257 bytes, 87 characters)
# are refused with a diagnostic, no crash and no workbook left behind.
mkdir -p "$T/tpl"
cp -R templates fonts "$T/tpl/"
statuses() { # statuses N1 N2 N3: strings.xml with statuses of N hanzi
    a=$(printf '已%.0s' $(seq "$1")); b=$(printf '进%.0s' $(seq "$2")); c=$(printf '未%.0s' $(seq "$3"))
    sed -e "s|<string key=\"units.status.done\">[^<]*<|<string key=\"units.status.done\">$a<|" \
        -e "s|<string key=\"units.status.ongoing\">[^<]*<|<string key=\"units.status.ongoing\">$b<|" \
        -e "s|<string key=\"units.status.none\">[^<]*<|<string key=\"units.status.none\">$c<|" \
        "$STRINGS" >"$T/tpl/templates/strings.xml"
}
statuses 28 28 28
s=0; "$QS" units --templates "$T/tpl/templates" "$S" -o "$T/s254" 2>"$T/s254.err" || s=$?
check "status list of 254 bytes: exit 0" test "$s" -eq 0
check "status list of 254 bytes: in the workbook" xcheck sheets "$T/model.txt" \
    "$T/tpl/templates/strings.xml" "$T/s254/$BOOK"
statuses 28 28 29
s=0; "$QS" units --templates "$T/tpl/templates" "$S" -o "$T/s257" 2>"$T/s257.err" || s=$?
check "status list of 257 bytes: exit 1, not a crash" test "$s" -eq 1
check "status list of 257 bytes: one diagnostic naming the workbook" \
    grep -qF "$T/s257/$BOOK: error: strings keys units.status.*: the status list joins to 257 bytes" \
    "$T/s257.err"
check "status list of 257 bytes: no workbook, no temporary file" \
    test -z "$(ls -d "$T/s257/$BOOK"* 2>/dev/null)"

# libxlsxwriter refusing late (a footer over Excel's 255 characters), after
# sheets were written: one diagnostic, exit 2, no workbook left behind
long=$(printf '%0300d' 0)
sed "s|<string key=\"table.footer\">[^<]*</string>|<string key=\"table.footer\">$long</string>|" \
    "$STRINGS" >"$T/tpl/templates/strings.xml"
s=0; "$QS" units --templates "$T/tpl/templates" "$S" -o "$T/late" 2>"$T/late.err" || s=$?
check "library refuses: exit 2" test "$s" -eq 2
check "library refuses: diagnostic" grep -qxF \
    "$T/late/$BOOK: error: cannot write: Parameter exceeds Excel's limit of 255 characters." \
    "$T/late.err"
check "library refuses: no workbook, no temporary file" test -z "$(ls -d "$T/late/$BOOK"* 2>/dev/null)"

# 6. LibreOffice prints it: every sheet, A4 landscape, each unit's title
if command -v soffice >/dev/null 2>&1; then
    soffice -env:UserInstallation="file://$T/lo" --headless --convert-to pdf --outdir "$T/pdf" \
        "$X" >"$T/soffice.log" 2>&1 || true
    P=$T/pdf/${BOOK%.xlsx}.pdf
    check "LibreOffice converts the workbook to PDF" test -s "$P"
    if [ -s "$P" ]; then
        check "LibreOffice: A4 landscape" sh -c "pdfinfo '$P' | grep -q '^Page size: *841.89 x 595.3'"
        pdftotext "$P" "$T/pdf.txt"
        check "LibreOffice: every sheet's title printed" "$PY" -c '
import sys, openpyxl
text = "".join(open(sys.argv[2], encoding="utf-8").read().split())
missing = [ws.title for ws in openpyxl.load_workbook(sys.argv[1]).worksheets
           if "".join(str(ws["A1"].value).split()) not in text]
print("titles not printed:", missing) if missing else None
sys.exit(1 if missing else 0)' "$X" "$T/pdf.txt"
        check "LibreOffice: the summary on page 1" sh -c \
            "pdftotext -f 1 -l 1 '$P' - | grep -q '区科技局'"
    fi
else
    bad "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
fi

finish
