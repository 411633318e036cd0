#!/bin/sh
# e2e_report.sh - the self-assessment report read back with poppler, MuPDF
# and qpdf: sections and scores as text, clreq line breaking on the
# extracted lines, GB/T 9704 geometry measured on the page, page numbers,
# bookmarks, the draft mark, subset fonts, size and reproducible bytes.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
R=$T/report.pdf

s=0; "$QS" report "$S" -o "$R" 2>"$T/err" || s=$?
check "report -o PDF exits 0" test "$s" -eq 0
check "qpdf --check" qpdf --check "$R"
check "A4 portrait" sh -c "pdfinfo '$R' | grep -q 'Page size: *595.28 x 841.89 pts (A4)'"
check "document info in Chinese" sh -c "pdfinfo '$R' | grep -q '^Title: *埇桥区2022年度创建“安徽省质量强区”自评报告' &&
    pdfinfo '$R' | grep -q '^Author: *埇桥区质量发展委员会办公室' && pdfinfo '$R' | grep -q '^Subject: *质量强区创建自评报告' &&
    pdfinfo '$R' | grep -q '^Keywords: .*埇桥区'"
pdffonts "$R" >"$T/fonts.txt"
check "every font embedded and subset" sh -c "test \$(tail -n +3 '$T/fonts.txt' | wc -l) -ge 2 &&
    ! tail -n +3 '$T/fonts.txt' | grep -v -E '^[A-Z]{6}\\+.* yes +yes +yes '"
size=$(stat -c %s "$R")
check "under 1 MB ($size bytes)" test "$size" -lt 1048576
pdftotext -raw "$R" "$T/raw.txt" 2>"$T/poppler.err"
check "poppler reads it without a warning" test ! -s "$T/poppler.err"
# the printed lines from MuPDF's glyph positions: a reader's line heuristic
# (pdftotext -raw) breaks a line where compressed punctuation overlaps
"$PY" tests/tools/stext.py lines "$R" >"$T/lines.txt"

# every section heading and every indicator's score, as text
cat >"$T/text.py" <<'PY'
import re, sys
raw = open(sys.argv[1], encoding="utf-8").read()
flat = re.sub(r"\s", "", raw)
want = [l.split() for l in open(sys.argv[2], encoding="utf-8") if l[0].isdigit()]
bad = []
for h in ["一、基本情况", "二、主要做法和成效", "三、自评得分情况", "四、目标完成情况", "五、存在的问题和不足", "六、下一步工作打算"]:
    if h not in flat: bad.append("heading %s missing" % h)
spaced = " " + re.sub(r"\s+", " ", raw) + " "
for no, earned, avail in want:
    lost = "" if earned == avail else ("%g" % (float(avail) - float(earned)))
    row = r" %s (?:\S+ )+?%s %s %s" % (no, re.escape(avail), re.escape(earned), (re.escape(lost) + " ") if lost else "")
    if not re.search(row, spaced):
        bad.append("indicator %s: %s/%s not found in table 2" % (no, earned, avail))
for t in ["合计", "84.5", "主要农产品质量安全抽检合格率保持98%以上：实际为97.6%，未完成"]:
    if t not in flat: bad.append("%s missing" % t)
print("\n".join(bad)); sys.exit(1 if bad else 0)
PY
check "pdftotext finds every section heading and every indicator's score" \
    "$PY" "$T/text.py" "$T/raw.txt" tests/golden/yongqiao-2022/score.expected
mutool draw -F txt -o "$T/mupdf.txt" "$R" 2>/dev/null
check "MuPDF copies out the same headings" sh -c "grep -q '六、下一步工作打算' '$T/mupdf.txt' && grep -q '一、基本情况' '$T/mupdf.txt'"

# clreq on the extracted lines: nothing forbidden at a line's start or end
cat >"$T/clreq.py" <<'PY'
import sys
no_start = set("。．，、：；！？）］｝〕】〗》〉”’」』～·/／%％")
no_end = set("（［｛〔【〖《〈“‘「『")
bad = []
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.strip()
    if not line or line.startswith("— "):
        continue
    if line[0] in no_start: bad.append("line %d starts with %s: %s" % (n, line[0], line[:20]))
    if line[-1] in no_end: bad.append("line %d ends with %s: %s" % (n, line[-1], line[-20:]))
print("\n".join(bad[:10])); sys.exit(1 if bad else 0)
PY
check "no printed line starts with closing or ends with opening punctuation" "$PY" "$T/clreq.py" "$T/lines.txt"

# headings are never the last line of a page
pages=$(pdfinfo "$R" | sed -n 's/^Pages: *//p')
i=1; : >"$T/lastlines"
while [ "$i" -le "$pages" ]; do
    pdftotext -raw -f "$i" -l "$i" "$R" - | grep -v -e '^— [0-9]* —$' -e '^$' | tail -n 1 >>"$T/lastlines"
    i=$((i + 1))
done
check "no page ends with a heading" sh -c "! grep -E '^(一|二|三|四|五|六|七|八|九|十)、|^（(一|二|三|四|五|六|七|八|九|十)）' '$T/lastlines'"

# draft: the sample plan is a 征求意见稿, so every page carries the mark,
# drawn as glyph outlines (filled paths in the mark's grey, one a glyph),
# not text: no reader extracts, copies or searches it
marks() { # PDF: how many pages carry at least five filled grey glyph outlines
    mutool draw -F trace -o - "$1" 2>/dev/null | awk '
        /<page / { p++ }
        /<fill_path .*color="\.86 \.86 \.86"/ { f = 1; n = 0; next }
        f && /<\/fill_path>/ { if (n >= 20) g[p]++; f = 0 }
        f { n++ }
        END { for (i = 1; i <= p; i++) if (g[i] >= 5) m++; print m + 0 }'
}
marked=$(marks "$R")
check "draft mark drawn on every page ($marked of $pages)" test "$marked" -eq "$pages"
check "draft mark is no text: no line of one of 征求意见稿's characters" \
    sh -c "! grep -q -x -e 征 -e 求 -e 意 -e 见 -e 稿 '$T/lines.txt'"
check "draft mark is no text: 征求意见稿 not found" sh -c "! pdftotext -raw '$R' - | tr -d ' \\n' | grep -q '征求意见稿'"

# a final plan: no mark unless --draft; then measure GB/T 9704 on the pages
mkdir -p "$T/final"
cp -r "$S/evidence" "$S/attachments" "$T/final/"
sed 's|<status>draft</status>|<status>final</status>|' "$S/plan.xml" >"$T/final/plan.xml"
"$QS" report "$T/final" -o "$T/final.pdf" 2>/dev/null
check "final plan: no draft mark" test "$(marks "$T/final.pdf")" -eq 0
"$QS" report --draft "$T/final" -o "$T/forced.pdf" 2>/dev/null
check "--draft forces the mark" test "$(marks "$T/forced.pdf")" -eq "$(pdfinfo "$T/forced.pdf" | sed -n 's/^Pages: *//p')"
pdftotext -bbox "$T/final.pdf" "$T/bbox.html"
cat >"$T/geometry.py" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
pages = html.split("<page ")[1:]
mm = 72 / 25.4
left, right, top, bottom = 28 * mm, 595.28 - 26 * mm, 37 * mm, 841.89 - 35 * mm
bad = []
xs_min, xs_max, ys_min, ys_max = [], [], [], []
for n, p in enumerate(pages, 1):
    words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', p)]
    body = [w for w in words if not w[4] == "—" and not re.fullmatch(r"\d+", w[4])]
    pageno = [w for w in words if w[4] == "—" or re.fullmatch(r"\d+", w[4])]
    pageno = [w for w in pageno if w[1] > bottom]
    body = [w for w in body if w[1] <= bottom + 2]
    # a line-end mark set at half width (GB/T 15834 5.1.10) hangs its blank half past the measure
    ends = [w[2] - (8 if w[4] and w[4][-1] in "，。、；：！？）》”’" and w[2] > right + 1.5 else 0) for w in body]
    xs_min.append(min(w[0] for w in body)); xs_max.append(max(ends))
    ys_min.append(min(w[1] for w in body)); ys_max.append(max(w[3] for w in body))
    if pageno:
        px0, px1 = min(w[0] for w in pageno), max(w[2] for w in pageno)
        if n % 2 and abs(px1 - (right - 14)) > 2: bad.append("page %d: number ends at %.1f, want %.1f (odd: right)" % (n, px1, right - 14))
        if not n % 2 and abs(px0 - (left + 14)) > 2: bad.append("page %d: number starts at %.1f, want %.1f (even: left)" % (n, px0, left + 14))
        if min(w[1] for w in pageno) < bottom + 7 * mm - 4: bad.append("page %d: number too close to the text block" % n)
    else:
        bad.append("page %d: no page number" % n)
if abs(min(xs_min) - left) > 1.5: bad.append("left margin: text starts at %.1f pt, GB/T 9704 wants %.1f" % (min(xs_min), left))
if abs(max(xs_max) - right) > 1.5 + 8 and max(xs_max) > right: bad.append("right margin: text ends at %.1f pt, want %.1f" % (max(xs_max), right))
if min(ys_min) < top - 1: bad.append("top margin: text at %.1f pt, want at least %.1f" % (min(ys_min), top))
if max(ys_max) > bottom + 1: bad.append("bottom margin: text to %.1f pt, want at most %.1f" % (max(ys_max), bottom))
print("\n".join(bad)); sys.exit(1 if bad else 0)
PY
check "GB/T 9704 geometry: margins 37/35/28/26 mm, page numbers outside, odd right / even left" \
    "$PY" "$T/geometry.py" "$T/bbox.html"
cat >"$T/grid.py" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
bad = []
widths = []
for n, p in enumerate(html.split("<page ")[1:4], 1):   # the first pages are body text
    lines = {}
    for a, b, c, d, w in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', p):
        if float(b) < 742: lines.setdefault(round(float(b)), []).append((float(a), float(b), float(c), float(d), w))
    if len(lines) > 22: bad.append("page %d has %d lines (GB/T 9704: 22)" % (n, len(lines)))
    full = [l for l in lines.values() if all("\u4e00" <= ch <= "\u9fff" or ch in "，。、；：“”（）《》" for ch in "".join(w[4] for w in l))]
    # compressed punctuation (clreq) may fit a 29th character into the 28-character
    # measure (448 pt; a line-end mark's blank half may hang): count the measure then
    def count(l):
        t = "".join(w[4] for w in l)
        extent = max(w[2] for w in l) - min(w[0] for w in l)
        return 28 if len(t) == 29 and extent <= 448 + 8 + 0.5 else len(t)
    widest = max((count(l) for l in full), default=0)
    widths.append(widest)
    if widest > 28: bad.append("page %d: an all-Chinese line of %d characters (GB/T 9704: 28)" % (n, widest))
# a page may hold no full all-Chinese line (digits, names); the first pages together do
if max(widths, default=0) != 28: bad.append("no all-Chinese line of 28 characters on pages 1-3 (widest: %s)" % widths)
print("\n".join(bad)); sys.exit(1 if bad else 0)
PY
check "GB/T 9704 grid: at most 22 lines a page, 28 characters a full line" "$PY" "$T/grid.py" "$T/bbox.html"

# one bookmark per section
mutool show "$R" outline >"$T/outline.txt" 2>/dev/null || true
check "a bookmark per section" sh -c "test \$(grep -c -E '(一|二|三|四|五|六)、' '$T/outline.txt') -eq 6"

# signature date from SOURCE_DATE_EPOCH, written without zero padding
check "the date at the end comes from SOURCE_DATE_EPOCH (2023-01-01)" grep -q '^2023年1月1日$' "$T/raw.txt"
"$QS" report "$S" -o "$T/again.pdf" 2>/dev/null
check "two runs are byte-identical" cmp "$R" "$T/again.pdf"

finish
