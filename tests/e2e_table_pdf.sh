#!/bin/sh
# e2e_table_pdf.sh - the official table as PDF, read back with poppler and
# qpdf: verbatim text, embedded subset fonts, no reader warnings, pages that
# repeat the header and never split a row, continued labels, reproducible
# bytes, the GB2312-only font fallback for 埇, and clean failures.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
P=$T/table.pdf

s=0; "$QS" table "$S" -o "$P" 2>"$T/err" || s=$?
check "table -o PDF exits 0" test "$s" -eq 0
check "the PDF is written" test -s "$P"
check "qpdf --check" qpdf --check "$P"
check "A4 landscape" sh -c "pdfinfo '$P' | grep -q 'Page size: *841.89 x 595.28 pts (A4)'"
check "title and author in Chinese" sh -c "pdfinfo '$P' | grep -q '^Title: *埇桥区创建“安徽省质量强区”任务分解表' &&
    pdfinfo '$P' | grep -q '^Author: *埇桥区质量发展委员会办公室'"
pdffonts "$P" >"$T/fonts.txt" 2>&1
check "pdffonts lists fonts" test "$(tail -n +3 "$T/fonts.txt" | wc -l)" -ge 1
check "every font embedded and subset" sh -c "! tail -n +3 '$T/fonts.txt' | awk '{ if (\$(NF-4) != \"yes\" || \$(NF-3) != \"yes\" || \$(NF-2) != \"yes\") bad=1 } END { exit !bad }'"
check "every font name carries a subset tag" sh -c "! tail -n +3 '$T/fonts.txt' | grep -v -E '^[A-Z]{6}\\+'"
pdftotext -raw "$P" "$T/raw.txt" 2>"$T/poppler.err"
check "poppler reads it without a warning (valid ToUnicode)" test ! -s "$T/poppler.err"
size=$(stat -c %s "$P")
check "smaller than 77 KB, Apache FOP's size ($size bytes)" test "$size" -lt 77000

# every method, unit cell and label verbatim, whitespace aside; each row on one page
"$QS" dump "$S" >"$T/dump.txt" 2>/dev/null
pages=$(pdfinfo "$P" | sed -n 's/^Pages: *//p')
i=1
while [ "$i" -le "$pages" ]; do
    pdftotext -raw -f "$i" -l "$i" "$P" "$T/page$i.txt"
    i=$((i + 1))
done
cat >"$T/verbatim.py" <<'PY'
import re, sys
dump, pages = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2:]
texts = [re.sub(r"\s", "", open(p, encoding="utf-8").read()) for p in pages]
rows, labels, bad = {}, [], []
cur = None
for line in dump.split("\n"):
    m = re.match(r'indicator (\d+): group "(.*)" points', line)
    if m: cur = int(m.group(1))
    m = re.match(r'  method "(.*)"$', line)
    if m: rows[cur] = {"method": m.group(1)}
    m = re.match(r'responsible (\d+): "(.*)" ->', line)
    if m: rows[int(m.group(1))]["units"] = m.group(2)
    m = re.match(r'category \S+: ".*" \S+(?: bonus)? label (.*)$', line)
    if m: labels.append("".join(re.findall(r'"([^"]*)"', m.group(1))))
for no, r in sorted(rows.items()):
    for key in ("method", "units"):
        want = re.sub(r"\s", "", r[key])
        hits = [i + 1 for i, t in enumerate(texts) if want in t]
        if key == "method" and len(hits) != 1:
            bad.append("row %d %s found on pages %s (want exactly one)" % (no, key, hits))
        if key == "units" and not hits:
            bad.append("row %d units %r not found" % (no, r[key]))
for lab in labels:
    if not any(lab in t for t in texts):
        bad.append("category label %r not found" % lab)
header = "序号类别指标内容分数评分方法责任单位"
for i, t in enumerate(texts):
    if header not in t:
        bad.append("page %d has no header row" % (i + 1))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
check "every method, unit cell and label verbatim; one page per row; header on every page" \
    "$PY" "$T/verbatim.py" "$T/dump.txt" $(i=1; while [ $i -le "$pages" ]; do echo "$T/page$i.txt"; i=$((i+1)); done)

# a merged label that runs over a page break is printed again on the new page
cat >"$T/cont.py" <<'PY'
import re, sys
dump, pages = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2:]
cat_of, labels, cur_label = {}, {}, None
for line in dump.split("\n"):
    m = re.match(r'category (\S+): ".*" \S+(?: bonus)? label (.*)$', line)
    if m: cur_label = "".join(re.findall(r'"([^"]*)"', m.group(2)))
    m = re.match(r'indicator (\d+):', line)
    if m: cat_of[int(m.group(1))] = cur_label
bad = []
for i, p in enumerate(pages[1:], start=2):
    text = open(p, encoding="utf-8").read()
    flat = re.sub(r"\s", "", text)
    m = re.search(r"责任单位\s*(\d+)", text)
    if not m:
        bad.append("page %d: no first row found" % i); continue
    first = int(m.group(1))
    if cat_of[first] not in flat:
        bad.append("page %d starts at row %d but lacks its category label %r" % (i, first, cat_of[first]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
check "continued category labels printed again on each new page" \
    "$PY" "$T/cont.py" "$T/dump.txt" $(i=1; while [ $i -le "$pages" ]; do echo "$T/page$i.txt"; i=$((i+1)); done)

# MuPDF, a second reader, copies out the same text
mutool draw -F txt -o "$T/mupdf.txt" "$P" 2>/dev/null
cat >"$T/mupdf.py" <<'PY'
import re, sys
dump = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"\s", "", open(sys.argv[2], encoding="utf-8").read())
methods = re.findall(r'^  method "(.*)"$', dump, re.M)
missing = [m[:30] for m in methods if re.sub(r"\s", "", m) not in text]
print("\n".join(missing))
sys.exit(1 if missing or len(methods) != 31 else 0)
PY
check "MuPDF copies out all 31 methods verbatim" "$PY" "$T/mupdf.py" "$T/dump.txt" "$T/mupdf.txt"

# the same input gives the same bytes
"$QS" table "$S" -o "$T/again.pdf" 2>/dev/null
check "two runs are byte-identical" cmp "$P" "$T/again.pdf"

# 埇 (U+57C7) is missing from a GB2312-only font: drawn from the next font
sed -e 's/^table: .*/table: AR PL SungtiL GB, AR PL UMing CN/' \
    -e 's/^title: .*/title: AR PL SungtiL GB, AR PL UMing CN/' fonts/fontmap.conf >"$T/gb.conf"
s=0; "$QS" table --font-map "$T/gb.conf" "$S" -o "$T/gb.pdf" 2>/dev/null || s=$?
check "GB2312-only font first: exit 0" test "$s" -eq 0
check "GB2312-only font first: SungtiL GB embedded" sh -c "pdffonts '$T/gb.pdf' | grep -q 'BousungEG'"
check "GB2312-only font first: 埇 still printed (fallback font embedded)" sh -c \
    "pdffonts '$T/gb.pdf' | grep -q 'UMingCN' && pdftotext '$T/gb.pdf' - | grep -q '埇桥区创建'"

# a character no font has: an error naming it, its code point and where; no file
sed -e 's/^title: .*/title: AR PL SungtiL GB/' fonts/fontmap.conf >"$T/only.conf"
s=0; "$QS" table --font-map "$T/only.conf" "$S" -o "$T/none.pdf" 2>"$T/none.err" || s=$?
check "no font has the character: exit 1" test "$s" -eq 1
check "no font has the character: named with code point and place" grep -q \
    'plan.xml:[0-9]*: error: the table title: character "埇" (U+57C7) is in no font of the title role' "$T/none.err"
check "no font has the character: no file written" test ! -e "$T/none.pdf"

# an unwritable folder: a clear error, exit 2, nothing left behind
mkdir "$T/ro"
chmod 555 "$T/ro"
s=0; "$QS" table "$S" -o "$T/ro/sub/x.pdf" 2>"$T/ro.err" || s=$?
check "missing output folder: exit 2" test "$s" -eq 2
check "missing output folder: says why" grep -q "x.pdf: error: cannot write: No such file or directory" "$T/ro.err"
check "missing output folder: no temporary file left" sh -c "! ls -A '$T/ro' | grep -q ."

"$QS" fonts >"$T/fonts.out" 2>&1
check "qsreport fonts names a file for every role" sh -c \
    "test \$(grep -c ' -> /' '$T/fonts.out') -ge 7 && grep -q '^table: ' '$T/fonts.out'"

finish
