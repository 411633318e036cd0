#!/bin/sh
# e2e_limits.sh - limits: texts past what an Excel cell holds, verbatim or
# composed of many inputs, and a sheet past its columns, are input errors
# of `validate` (exit 1, file:line naming the indicator, unit or task),
# never a writer's "cannot write", and nothing is written; files that are
# not input XML (the font map, fonts, the wording) are read only when they
# are regular files of a sane size, and nothing hangs: every run is under
# `timeout`.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022

# copy NAME: a copy of the sample case in $T/NAME
copy() {
    mkdir -p "$T/$1"
    cp -R "$S/plan.xml" "$S/evidence" "$S/attachments" "$T/$1/"
}

# edit FILE PYTHON: rewrites FILE with the expression PYTHON of its text t
edit() {
    "$PY" - "$1" "$2" <<'PY'
import sys
path, expr = sys.argv[1], sys.argv[2]
t = open(path, encoding="utf-8").read()
t2 = eval(expr)
assert t2 != t, "edit changed nothing"
open(path, "w", encoding="utf-8").write(t2)
PY
}

# refused NAME CASE PATTERN: validate exits 1 with a diagnostic matching
# PATTERN, and a package of the case is refused with nothing written
refused() {
    run "$1: validate" 60 1 validate "$2"
    check "$1: the diagnostic names the place and the limit" grep -q "$3" "$T/err"
    check "$1: no \"cannot write\"" sh -c "! grep -q 'cannot write' '$T/err'"
    run "$1: package" 120 1 package -q "$2" -o "$T/pkg-$1"
    check "$1: no package, no temporary folder" sh -c "test -z \"\$(ls -A '$T/pkg-$1')\""
}

# 1. one text over 32,767 characters: the XSDs' length limits already
# refuse it (20,000 characters), with its line
copy narrative
edit "$T/narrative/evidence/czj.xml" \
    "t.replace('<narrative>2022年', '<narrative>' + '质' * 40000 + '2022年', 1)"
refused narrative "$T/narrative" "czj.xml:[0-9]*: error: .*narrative.*maxLength"
copy title
edit "$T/title/evidence/czj.xml" \
    "t.replace('title=\"埇桥区质量发展专项资金管理办法\"', 'title=\"' + '办' * 40000 + '\"', 1)"
refused title "$T/title" "czj.xml:[0-9]*: error: .*title.*maxLength"

# 2. a scoring method within the XSD's 20,000 characters that Excel counts
# as 34,000: characters beyond U+FFFF take two UTF-16 units each
copy method
cp templates/indicators-anhui-2022.xml "$T/method/"
edit "$T/method/indicators-anhui-2022.xml" \
    "t.replace('（1分），政府工作报告', '（1分），' + chr(0x20000) * 17000 + '政府工作报告', 1)"
line=$(grep -n '<indicator no="1"' "$T/method/indicators-anhui-2022.xml" | cut -d: -f1)
refused method "$T/method" \
    "indicators-anhui-2022.xml:$line: error: indicator 1, its scoring method: 34[0-9]* characters in one cell of the official table, over the 32767 an Excel cell holds"
run "method: table -o xlsx is refused too" 60 1 table "$T/method" -o "$T/method.xlsx"
check "method: no table written" test ! -e "$T/method.xlsx"

# 3. composed cells: 2,000 documents on one item, listed in one cell of the
# self-assessment table and of the unit's sheet
"$PY" tests/tools/gen_big.py docs "$S" "$T/docs" 2000
refused documents "$T/docs" \
    "zz-many.xml:[0-9]*: error: indicator 15, the documents cited for it (this one is the first past the limit): [0-9]* characters in one cell of the self-assessment table"
check "documents: the unit's sheet too" \
    grep -q "zz-many.xml:[0-9]*: error: unit \"区住房建设局\", indicator 15, the documents its evidence cites" "$T/err"
"$PY" tests/tools/gen_big.py docs "$S" "$T/docs-fit" 2000 900
run "900 distinct documents fit: validate" 60 0 validate "$T/docs-fit"

# the lost points of indicator 7: two assessors' reasons of 17,000 characters
copy losses
edit "$T/losses/evidence/czj.xml" \
    "t.replace('<assessed score=\"1\">', '<assessed score=\"0.5\">' + '扣' * 17000, 1).replace('<assessed score=\"0.5\">专项', '<assessed score=\"0.5\">' + '扣' * 17000 + '专项', 1)"
line=$(grep -n '<indicator no="7"' templates/indicators-anhui-2022.xml | cut -d: -f1)
refused losses "$T/losses" \
    "indicators-anhui-2022.xml:$line: error: indicator 7, its lost points with their reasons: 34[0-9]* characters in one cell of the self-assessment table"
run "losses: report -o xlsx is refused too" 60 1 report "$T/losses" -o "$T/losses.xlsx"
check "losses: no self-assessment table written" test ! -e "$T/losses.xlsx"

# a task's title and its targets, in one cell of the lead unit's sheet; and
# a unit without evidence whose key tasks are listed in one summary cell
copy tasks
edit "$T/tasks/plan.xml" \
    "t.replace('<title>全面提升产品质量</title>', '<title>全面提升产品质量' + '量' * 17000 + '</title>', 1).replace('<text>主要农产品质量安全抽检合格率保持98%以上</text>', '<text>主要农产品质量安全抽检合格率保持98%以上' + '标' * 17000 + '</text>', 1).replace('<title>实施企业质量精准帮扶</title>', '<title>实施企业质量精准帮扶' + '帮' * 17000 + '</title>', 1).replace('<title>健全质量人才教育培养</title>', '<title>健全质量人才教育培养' + '培' * 17000 + '</title>', 1)"
line=$(grep -n '<task id="task-1"' "$T/tasks/plan.xml" | cut -d: -f1)
refused tasks "$T/tasks" \
    "plan.xml:$line: error: unit \"区市场监管局\", task task-1, its title and targets: 34[0-9]* characters in one cell of the responsibility workbook"
line=$(grep -n '<unit name="区科技局"' "$T/tasks/plan.xml" | cut -d: -f1)
check "tasks: the key tasks of a unit without evidence, in one summary cell" \
    grep -q "plan.xml:$line: error: unit \"区科技局\", its key tasks: 34[0-9]* characters" "$T/err"
run "tasks: units -o DIR is refused too" 60 1 units "$T/tasks" -o "$T/tasks-units"
check "tasks: no unit sheets written" test ! -e "$T/tasks-units"

# 4. a matrix of a column per indicator, past Excel's 16,384 columns
"$PY" tests/tools/gen_big.py plan "$T/cols" 20 16380
run "16,380 indicators: validate" 120 1 validate "$T/cols"
check "16,380 indicators: the indicator past the last column is named" grep -q \
    "indicators-big.xml:[0-9]*: error: the summary's matrix, a column per indicator (this one is the first past the limit): 16385 columns in one sheet of the responsibility workbook, over the 16384 an Excel sheet has" "$T/err"

# 5. files that are not input XML: only regular files of a sane size are
# read, and nothing blocks (a FIFO has no writer here)
mkfifo "$T/fifo.conf"
for m in /dev/zero "$T/fifo.conf" "$T"; do
    run "--font-map $m: refused" 10 2 fonts --font-map "$m"
    check "--font-map $m: the file is named, and why" \
        grep -q "^$m: error: cannot read the font map: a .*, not a regular file\$" "$T/err"
done
head -c 2000000 /dev/zero | tr '\0' '#' >"$T/big.conf"
run "a font map of 2 MB: refused" 10 2 fonts --font-map "$T/big.conf"
check "a font map of 2 MB: the limit is named" \
    grep -q "big.conf: error: cannot read the font map: larger than the limit of 1 MiB" "$T/err"
printf 'title: A\0B\n' >"$T/nul.conf"
run "a font map with a NUL byte: refused" 10 2 fonts --font-map "$T/nul.conf"
check "a font map with a NUL byte: its line" grep -q "nul.conf:1: error: a NUL byte in the font map" "$T/err"

mkdir "$T/fontdir"
mkfifo "$T/fontdir/evil.ttf"
truncate -s 70M "$T/fontdir/huge.ttf"
run "a FIFO named *.ttf and a 70 MB file in --font-dir: fonts" 30 0 fonts --font-dir "$T/fontdir"
check "the FIFO is skipped, named" \
    grep -q "fontdir/evil.ttf: warning: not read as a font: a FIFO, not a regular file" "$T/err"
check "the 70 MB file is skipped, named" \
    grep -q "fontdir/huge.ttf: warning: not read as a font: larger than the limit of 64 MiB" "$T/err"
run "the same folder: a table PDF is written" 60 0 table --font-dir "$T/fontdir" "$S" -o "$T/fifo.pdf"
check "the same folder: the PDF is there" test -s "$T/fifo.pdf"

mkdir "$T/templates"
cp templates/indicators-anhui-2022.xml "$T/templates/"
mkfifo "$T/templates/strings.xml"
run "strings.xml a FIFO: refused" 10 2 table --templates "$T/templates" "$S" -o "$T/strings.xlsx"
check "strings.xml a FIFO: named" grep -q "templates/strings.xml: error: cannot read: not a regular file" "$T/err"

copy fifo-attachment
rm "$T/fifo-attachment/attachments/czj-2022-21.txt"
mkfifo "$T/fifo-attachment/attachments/czj-2022-21.txt"
run "a cited file that is a FIFO: package refused" 30 1 package -q "$T/fifo-attachment" -o "$T/fifo-pkg"
check "a cited file that is a FIFO: named" grep -q "czj.xml:[0-9]*: error: cited file \"attachments/czj-2022-21.txt\" is not a regular file" "$T/err"

finish
