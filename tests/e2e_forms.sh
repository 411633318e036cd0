#!/bin/sh
# e2e_forms.sh - evidence forms: the form goes out (init -o U.xlsx, init -o
# DIR --format xlsx), the filled form comes back (evidence/*.xlsx read as
# evidence/*.xml, import to XML), diagnostics at the cell, hostile workbooks
# refused, and the round trip over both samples' evidence: XML -> form ->
# read back gives the same model (dump) and score, also after LibreOffice
# has opened and saved the forms, and after another writer's way of storing
# the same cells (inline rich text, other part names, the 1904 dates).
. "$(dirname "$0")/setup.sh"
cd "$TOP"
TOOL="$PY tests/tools/forms_tool.py"

# the unit of an evidence file (its first <unit name>)
unit_of() { grep -o '<unit name="[^"]*"' "$1" | head -1 | sed 's/.*name="//; s/"$//'; }
# dump or score text with the evidence files' names and positions masked
mask() { sed -E 's/^evidence [^:]*: region/evidence X: region/; s/ \([^()]*(\.xml|\.xlsx)[^()]*\)//g'; }

# ---- 1. the form goes out ----
S=samples/shilixian-2023
U=$(unit_of $S/evidence/scjgj.xml)
s=0; "$QS" init $S --unit "$U" -o "$T/one.xlsx" 2>"$T/one.err" || s=$?
check "init --unit -o U.xlsx: exit 0" test "$s" -eq 0
check "init --unit -o U.xlsx: a zip workbook, not XML" sh -c "head -c 2 '$T/one.xlsx' | grep -q PK"
check "the form: sheets, hidden keys, protection without password, panes, print setup, validations with input messages" \
    $TOOL check "$T/one.xlsx"
n=$($TOOL count "$T/one.xlsx")
x=$(grep -c '<item ref=' "$T/one.xml" 2>/dev/null || true)
"$QS" init $S --unit "$U" -o "$T/one.xml" 2>/dev/null
x=$(grep -c '<item ref=' "$T/one.xml")
check "the form has a row per scoring item of the XML template ($x)" test "$n" -ge "$x"
s=0; "$QS" init $S -o "$T/forms" --format xlsx 2>/dev/null || s=$?
check "init -o DIR --format xlsx: exit 0" test "$s" -eq 0
"$QS" init $S -o "$T/xmls" 2>/dev/null
check "init -o DIR --format xlsx: one form per unit, named as the XML ones" \
    test "$(ls "$T/forms" | sed 's/\.xlsx$//')" = "$(ls "$T/xmls" | sed 's/\.xml$//')"
check "init -o DIR --format xlsx: every file a form" sh -c "for f in '$T'/forms/*; do case \$f in *.xlsx) ;; *) exit 1;; esac; done"
"$QS" init $S --unit "$U" -o "$T/two.xlsx" 2>/dev/null
check "init -o U.xlsx: identical input, identical bytes" cmp "$T/one.xlsx" "$T/two.xlsx"
s=0; "$QS" init $S --unit "$U" -o "$T/one.xlsx" 2>"$T/kept.err" || s=$?
check "init -o U.xlsx again: kept, exit 0" sh -c "test $s -eq 0 && grep -q 'exists, not replaced' '$T/kept.err'"
s=0; "$QS" init $S -o "$T/forms" --format pdf 2>/dev/null || s=$?
check "init --format pdf: usage error" test "$s" -eq 2

# ---- 2. round trip over both samples' evidence, with and without LibreOffice ----
for S in samples/yongqiao-2022 samples/shilixian-2023; do
    sn=$(basename $S)
    W="$T/rt-$sn"
    cp -R $S "$W"
    for f in $S/evidence/*.xml; do
        b=$(basename "$f" .xml)
        "$QS" init $S --unit "$(unit_of "$f")" -o "$W/evidence/$b.xlsx" 2>/dev/null
        rm "$W/evidence/$b.xml"
    done
    "$QS" dump $S 2>/dev/null | mask >"$T/$sn.xml.dump"
    "$QS" score --dump $S 2>/dev/null | mask >"$T/$sn.xml.score"
    s=0; "$QS" dump "$W" 2>"$T/err" | mask >"$T/$sn.xlsx.dump" || s=$?
    check "$sn: the forms load with no error" test "$s" -eq 0
    same "$sn: forms -> dump identical to the XML route" "$T/$sn.xml.dump" "$T/$sn.xlsx.dump"
    "$QS" score --dump "$W" 2>/dev/null | mask >"$T/$sn.xlsx.score"
    same "$sn: forms -> score identical to the XML route" "$T/$sn.xml.score" "$T/$sn.xlsx.score"
    rm -rf "$T/pkg-xml" "$T/pkg-xlsx"
    "$QS" package -q $S -o "$T/pkg-xml" >/dev/null 2>&1
    "$QS" package -q "$W" -o "$T/pkg-xlsx" >/dev/null 2>&1
    check "$sn: forms -> the package is byte for byte the XML route's" \
        sh -c "cd '$T/pkg-xml'/* && find . -type f | sort | while read -r f; do cmp -s \"\$f\" '$T/pkg-xlsx'/*/\"\$f\" || { echo \"differs: \$f\"; exit 1; }; done"
    # a case may mix them: half XML, half forms
    M="$T/mix-$sn"
    cp -R $S "$M"
    i=0
    for f in $S/evidence/*.xml; do
        i=$((i + 1))
        [ $((i % 2)) -eq 0 ] || continue
        b=$(basename "$f" .xml)
        cp "$W/evidence/$b.xlsx" "$M/evidence/" && rm "$M/evidence/$b.xml"
    done
    "$QS" score --dump "$M" 2>/dev/null | mask >"$T/$sn.mix.score"
    same "$sn: XML and forms mixed -> the same score" "$T/$sn.xml.score" "$T/$sn.mix.score"
    # import: the forms as XML again
    I="$T/imp-$sn"
    cp -R $S "$I"
    rm "$I"/evidence/*.xml
    for f in "$W"/evidence/*.xlsx; do
        "$QS" import "$f" -o "$I/evidence/$(basename "$f" .xlsx).xml" || bad "import $f"
    done
    s=0; "$QS" validate "$I" 2>/dev/null || s=$?
    check "$sn: imported XML validates" test "$s" -eq 0
    "$QS" dump "$I" 2>/dev/null | mask >"$T/$sn.imp.dump"
    same "$sn: imported XML -> dump identical" "$T/$sn.xml.dump" "$T/$sn.imp.dump"
    "$QS" score --dump "$I" 2>/dev/null | mask >"$T/$sn.imp.score"
    same "$sn: imported XML -> score identical" "$T/$sn.xml.score" "$T/$sn.imp.score"
    if command -v soffice >/dev/null 2>&1; then
        L="$T/lo-$sn"
        cp -R "$W" "$L"
        mkdir -p "$T/lo-out-$sn"
        soffice -env:UserInstallation="file://$T/lo" --headless --convert-to xlsx --outdir "$T/lo-out-$sn" \
            "$W"/evidence/*.xlsx >"$T/soffice.log" 2>&1 || true
        check "$sn: LibreOffice saved every form again" \
            test "$(ls "$T/lo-out-$sn" | wc -l)" -eq "$(ls "$W"/evidence/*.xlsx | wc -l)"
        cp "$T/lo-out-$sn"/*.xlsx "$L/evidence/"
        first=$(ls "$T/lo-out-$sn"/*.xlsx | head -1)
        check "$sn: LibreOffice keeps the validations, protection and print setup" $TOOL check-lo "$first"
        s=0; "$QS" dump "$L" 2>/dev/null | mask >"$T/$sn.lo.dump" || s=$?
        check "$sn: LibreOffice's forms load with no error" test "$s" -eq 0
        same "$sn: LibreOffice's forms -> dump identical" "$T/$sn.xml.dump" "$T/$sn.lo.dump"
        "$QS" score --dump "$L" 2>/dev/null | mask >"$T/$sn.lo.score"
        same "$sn: LibreOffice's forms -> score identical" "$T/$sn.xml.score" "$T/$sn.lo.score"
    else
        bad "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
    fi
done

# ---- a form sent out again: init from a case whose evidence is forms gives the same form back ----
F="$T/rt-yongqiao-2022/evidence/scjgj.xlsx"
"$QS" init "$T/rt-yongqiao-2022" --unit "$(unit_of samples/yongqiao-2022/evidence/scjgj.xml)" -o "$T/again.xlsx" 2>/dev/null
"$QS" import "$F" -o "$T/first.xml"
"$QS" import "$T/again.xlsx" -o "$T/again.xml"
same "a form written from a filled form carries the same evidence" "$T/first.xml" "$T/again.xml"

# ---- a blank form filled in as a clerk would (a unit with no evidence yet) ----
B="$T/blank"
cp -R samples/shilixian-2023 "$B"
"$QS" init "$B" --unit 县水利局 -o "$T/blank.xlsx" 2>/dev/null
check "a unit without evidence: every cell to fill is empty" \
    sh -c "$PY -c \"import openpyxl,sys; ws=openpyxl.load_workbook('$T/blank.xlsx')['评分项']; k=[c.value for c in ws[1]]; sys.exit(any(ws.cell(r,k.index('done')+1).value for r in range(5,ws.max_row+1)))\""
set -- $($TOOL fill "$T/blank.xlsx" "$B/evidence/县水利局.xlsx" attachments/czj-2023-17.txt)
s=0; "$QS" dump "$B" 2>"$T/blank.err" >"$T/blank.dump" || s=$?
check "filled by hand: item $1 done, $2 = 42, one dated document, one narrative" \
    grep -qxF "    item $1: done $2=42 documents 1 narratives 1" "$T/blank.dump"
check "filled by hand: the value that contradicts another unit's is an error at its cell" \
    sh -c "test $s -eq 1 && grep -qE '^$B/evidence/县水利局.xlsx:评分项![A-Z]+[0-9]+: error: item $1: conflicting evidence \($2\): \"42\" here' '$T/blank.err'"

# ---- 3. other writers: inline rich text, other part names, no shared strings, 1904 dates ----
F="$T/rt-yongqiao-2022/evidence/scjgj.xlsx"
"$QS" import "$F" -o "$T/ref.xml"
$TOOL variant "$F" "$T/variant.xlsx"
"$QS" import "$T/variant.xlsx" -o "$T/variant.xml"
same "inline rich text, renamed parts, no shared strings: the same evidence" "$T/ref.xml" "$T/variant.xml"
"$QS" import "$T/variant.xlsx.1904.xlsx" -o "$T/v1904.xml"
same "the 1904 date system: the same dates" "$T/ref.xml" "$T/v1904.xml"
check "import writes the evidence namespace" grep -q 'xmlns="urn:qsreport:evidence:1"' "$T/ref.xml"

# ---- 4. diagnostics at the cell, with the XML route's hints ----
C="$T/cells"
cp -R samples/shilixian-2023 "$C"
cp "$T/rt-shilixian-2023/evidence/scjgj.xlsx" "$C/evidence/scjgj.xlsx"
rm "$C/evidence/scjgj.xml"
$TOOL set "$C/evidence/scjgj.xlsx" "$C/evidence/scjgj.xlsx" \
    评分项 F3 县市场监督局 评分项 F5 做完了 佐证文件 E4 2023/13/01 佐证文件 A5 99.9 年度数据 E4 '=empty'
s=0; "$QS" validate "$C" 2>"$T/cells.err" || s=$?
check "a form with errors: exit 1" test "$s" -eq 1
E="$C/evidence/scjgj.xlsx"
check "unknown unit: at its cell, with the nearest name" \
    grep -qF "$E:评分项!F3: error: evidence: unit \"县市场监督局\" is not in the unit registry (did you mean \"县市场监管局\"?)" "$T/cells.err"
check "a word not in the list: at its cell" grep -qF "$E:评分项!F5: error: \"做完了\" is neither \"已完成\" nor \"未完成\"" "$T/cells.err"
check "not a date: at its cell" grep -qF "$E:佐证文件!E4: error: \"2023/13/01\" is not a date" "$T/cells.err"
check "an unknown scoring item: at its cell" grep -qF "$E:佐证文件!A5: error: item \"99.9\" is not a scoring item" "$T/cells.err"
check "diagnostics of a form sorted by sheet, then cell (column, then row numbers as numbers)" \
    sh -c "grep -o '佐证文件![A-Z]*[0-9]*' '$T/cells.err' | uniq | tr '\n' ' ' | grep -qx '佐证文件!A5 佐证文件!E4 '"
check "diagnostics are file:Sheet!Cell: severity: message" \
    sh -c "grep '$E' '$T/cells.err' | grep -vqE '^[^:]+\.xlsx:[^!]+![A-Z]+[0-9]+: (error|warning): ' && exit 1 || exit 0"
s=0; "$QS" import "$E" -o "$T/cells.xml" 2>/dev/null || s=$?
check "import of a form with errors: exit 1, nothing written" sh -c "test $s -eq 1 && test ! -e '$T/cells.xml'"
# a measured value that is not a number
G="$T/num"
cp -R "$T/rt-yongqiao-2022" "$G"
cell=$($PY -c "
import openpyxl
ws = openpyxl.load_workbook('$G/evidence/scjgj.xlsx')['评分项']
keys = [c.value for c in ws[1]]
for i, k in enumerate(keys):
    if k and k.startswith('measure:'):
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, i + 1).value is not None:
                print(ws.cell(r, i + 1).coordinate); raise SystemExit
")
$TOOL set "$G/evidence/scjgj.xlsx" "$G/evidence/scjgj.xlsx" 评分项 "$cell" 'eight'
s=0; "$QS" validate "$G" 2>"$T/num.err" || s=$?
check "not a number: exit 1 and at its cell ($cell)" \
    sh -c "test $s -eq 1 && grep -qF '$G/evidence/scjgj.xlsx:评分项!$cell: error: \"eight\" is not a number' '$T/num.err'"
# a workbook that is not a form
$PY -c "import openpyxl; wb = openpyxl.Workbook(); wb.active['A1'] = 'x'; wb.save('$T/plain.xlsx')"
s=0; "$QS" validate "$T/plain.xlsx" 2>"$T/plain.err" || s=$?
check "a workbook that is not a form: exit 1, named" \
    sh -c "test $s -eq 1 && grep -qF '$T/plain.xlsx: error: not a qsreport evidence form' '$T/plain.err'"

# ---- 5. hostile workbooks: one clear line each, exit 1, never a crash or a hang ----
for k in bomb-ratio sst-100m dotdot absolute doctype entity million-rows not-zip; do
    H="$T/h-$k"
    cp -R samples/yongqiao-2022 "$H"
    $TOOL hostile $k "$F" "$H/evidence/scjgj.xlsx"
    s=0; timeout 60 "$QS" validate "$H" 2>"$T/h.err" || s=$?
    case $k in
    bomb-ratio) want="scjgj.xlsx: error: refused: part xl/worksheets/sheet1.xml expands more than 200 times" ;;
    sst-100m) want="scjgj.xlsx: error: refused: part xl/sharedStrings.xml expands past the 32 MiB" ;;
    dotdot) want="scjgj.xlsx: error: refused: the workbook holds an entry name with \"..\"" ;;
    absolute) want="scjgj.xlsx: error: refused: the workbook holds an absolute entry name" ;;
    doctype) want="scjgj.xlsx: error: refused: part xl/workbook.xml has a DOCTYPE" ;;
    entity) want="scjgj.xlsx: error: refused: part xl/sharedStrings.xml has a DOCTYPE or an entity" ;;
    million-rows) want="scjgj.xlsx:评分项!A1000000: error: refused: a sheet may have at most 100000 rows" ;;
    not-zip) want="scjgj.xlsx: error: not a workbook: not a zip file" ;;
    esac
    check "hostile $k: exit 1 with \"$want\"" sh -c "test $s -eq 1 && grep -qF '$want' '$T/h.err'"
done

finish
