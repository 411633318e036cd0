#!/bin/sh
# e2e_wording.sh - every sentence says something (issue 13): the report's
# text of each sample against its reviewed golden; no reason that does not
# say what was missing, no sentence about an empty list, every date written
# 2022年8月17日; the 主送机关 line flush left on page 1 when the plan names a
# recipient and absent when not; the evidence index's dates are real Excel
# dates with the format yyyy"年"m"月"d"日".
. "$(dirname "$0")/setup.sh"
cd "$TOP"

# wording.py TEXT: the sentence checks on a document's text
cat >"$T/wording.py" <<'PY'
import re, sys
raw = open(sys.argv[1], encoding="utf-8").read()
flat = re.sub(r"\s", "", raw)
bad = []
# a problem whose reason names nothing: "N. 未完成（第24项指标…" and the like
for m in re.finditer(r"\d+\.(未完成|已完成，但未提供佐证文件|未提供佐证材料|尚未评分|发生[^（，]*)（", flat):
    bad.append("a reason without what was missing: …%s…" % flat[max(0, m.start() - 10):m.end() + 20])
# a list's sentence printed although the list is empty
for m in re.finditer(r"(?<![0-9.])0项|等0个|发现的0个", flat):
    bad.append("a sentence about an empty list: …%s…" % flat[max(0, m.start() - 20):m.end() + 5])
for m in re.finditer(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}", flat):
    bad.append("a date not written 2022年8月17日: …%s…" % flat[max(0, m.start() - 10):m.end() + 10])
for m in re.finditer(r"年0\d月|月0\d日", flat):
    bad.append("a zero-padded date: …%s…" % flat[max(0, m.start() - 10):m.end() + 10])
print("\n".join(bad[:20])); sys.exit(1 if bad else 0)
PY

for S in yongqiao-2022 shilixian-2023; do
    R=$T/$S.pdf
    s=0; "$QS" report "samples/$S" -o "$R" 2>"$T/err" || s=$?
    check "$S: report exits 0" test "$s" -eq 0
    sh tests/tools/report_text.sh "$R" >"$T/$S.txt"
    same "$S: the report's text is the reviewed golden (make golden rewrites it)" \
        "tests/golden/$S/report.pdf.txt" "$T/$S.txt"
    check "$S: every lost point says what was missing; no 0项; dates as N年N月N日" \
        "$PY" "$T/wording.py" "$T/$S.txt"
done

# the 主送机关: on page 1, after the title, flush left at the text block's edge
# (28 mm = 79.37 pt), ending in a full-width colon
cat >"$T/recipient.py" <<'PY'
import re, sys, html
bbox, want = sys.argv[1], sys.argv[2]
words = [(float(a), float(b), html.unescape(t)) for a, b, t in
         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', open(bbox, encoding="utf-8").read())]
hits = [w for w in words if w[2] == want]
if not hits:
    print("no line %r on page 1" % want); sys.exit(1)
x, y, _ = hits[0]
if abs(x - 79.37) > 0.5:
    print("%r starts at x=%.2f, not flush left (79.37)" % (want, x)); sys.exit(1)
title = [w for w in words if "自评报告" in w[2]]
body = [w for w in words if w[2].startswith("根据")]
if not title or not body or not (title[0][1] < y < body[0][1]):
    print("%r is not between the title and the first paragraph" % want); sys.exit(1)
PY
for S in yongqiao-2022 shilixian-2023; do
    rec=$(sed -n 's|.*<recipient>\(.*\)</recipient>.*|\1|p' "samples/$S/plan.xml")
    pdftotext -bbox -f 1 -l 1 "$T/$S.pdf" "$T/$S.bbox.html"
    check "$S: the 主送机关 $rec： flush left on page 1, after the title" \
        "$PY" "$T/recipient.py" "$T/$S.bbox.html" "$rec："
done
mkdir -p "$T/norec"
cp -r samples/shilixian-2023/. "$T/norec/"
sed -i '/<recipient>/d' "$T/norec/plan.xml"
s=0; "$QS" report "$T/norec" -o "$T/norec.pdf" 2>"$T/err" || s=$?
check "a plan without <recipient>: the report is written" test "$s" -eq 0
check "a plan without <recipient>: no 主送机关 line; the first paragraph follows the title" sh -c "
    pdftotext -raw -f 1 -l 1 '$T/norec.pdf' - | sed -n '2,4p' | tr -d '\n' | grep -q '自评报告根据' &&
    ! pdftotext -raw -f 1 -l 1 '$T/norec.pdf' - | grep -q '办公室：\$'"

# the evidence index and the other xlsx: dates are real dates, written 2022年8月17日
s=0; "$QS" package samples/yongqiao-2022 -o "$T/pkg" >/dev/null 2>&1 || s=$?
check "package exits 0" test "$s" -eq 0
P=$(ls -d "$T"/pkg/*/)
cat >"$T/dates.py" <<'PY'
import datetime, glob, re, sys
import openpyxl
bad, n = [], 0
for f in sorted(glob.glob(sys.argv[1] + "/**/*.xlsx", recursive=True)):
    wb = openpyxl.load_workbook(f)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, datetime.datetime):
                    n += 1
                    if c.number_format != 'yyyy"年"m"月"d"日"':
                        bad.append("%s %s!%s: format %s" % (f, ws.title, c.coordinate, c.number_format))
                elif isinstance(c.value, str) and re.search(r"\d{4}-\d{2}-\d{2}", c.value):
                    bad.append("%s %s!%s: an ISO date in text: %s" % (f, ws.title, c.coordinate, c.value[:60]))
if n == 0:
    bad.append("no date cell in any workbook")
print("\n".join(bad[:20])); sys.exit(1 if bad else 0)
PY
check "xlsx: the index's dates are real dates with yyyy\"年\"m\"月\"d\"日\"; no ISO date as text anywhere" \
    "$PY" "$T/dates.py" "$P"
cat >"$T/pdfdates.py" <<'PY'
import re, subprocess, sys
bad = []
for f in sys.argv[1:]:
    t = subprocess.run(["pdftotext", "-raw", f, "-"], capture_output=True, text=True).stdout
    for m in re.finditer(r"\d{4}-\d{2}-\d{2}", t):
        bad.append("%s: …%s…" % (f, t[max(0, m.start() - 10):m.end() + 10]))
print("\n".join(bad[:20])); sys.exit(1 if bad else 0)
PY
check "PDFs (index, unit sheets, report): no ISO date" sh -c "find '$P' -name '*.pdf' -print0 | xargs -0 '$PY' '$T/pdfdates.py'"
check "the index PDF writes 2022年8月17日-style dates" sh -c "pdftotext -raw '$P/佐证材料目录.pdf' - | grep -q '2022年3月8日'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
