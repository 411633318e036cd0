#!/bin/sh
# e2e_typeset.sh - typesetting read back glyph by glyph (MuPDF's structured
# text: every character's position, size and face) from every PDF of both
# samples and of a 市 copy: justified lines stretch no Han pitch past 110 %,
# adjacent punctuation is compressed, digits and Latin letters are in a
# Latin face, no paragraph ends on a lone character (clreq 孤字不成行), the
# draft mark is no text, the indent is exactly two characters, a number such
# as 3·15 and an ordinal 第N项 are never split over two lines, the small
# score table (表1) is on one page, and every PDF numbers its pages alike.
. "$(dirname "$0")/setup.sh"
cd "$TOP"

for S in samples/yongqiao-2022 samples/shilixian-2023; do
    n=$(basename "$S")
    "$QS" report "$S" -o "$T/$n.pdf" 2>/dev/null
    "$QS" units "$S" -o "$T/$n-units" 2>/dev/null
    "$PY" tests/tools/stext.py lines "$T/$n.pdf" >"$T/$n.raw"
    "$QS" package "$S" -o "$T/pkg" >/dev/null 2>&1
done
"$QS" summary samples/yongqiao-2022 samples/shilixian-2023 -o "$T/summary.pdf" >/dev/null 2>&1

# the rules of issue 14, glyph by glyph, over every PDF the tool writes
check "glyph by glyph: Han pitch <= 110 % in justified lines, adjacent marks compressed, digits in a Latin face, no lone character, no draft-mark text, no forbidden line start/end" \
    sh -c "\"$PY\" tests/tools/stext.py check '$T/pkg'/*/*.pdf '$T/pkg'/*/责任清单/*.pdf '$T/summary.pdf'"
# a mark set at half width comes from a companion subset with halved advances,
# so its glyph box does not overlap the next: poppler, rebuilding lines from
# glyph boxes in stream order, keeps every line whole
for f in "$T/pkg"/*/*.pdf "$T/pkg"/*/责任清单/*.pdf; do pdftotext -raw "$f" -; done >"$T/poppler.txt"
check "poppler (pdftotext -raw) starts no line with a closing mark" \
    sh -c "! grep -n '^[，。、；：！？）》”’」』]' '$T/poppler.txt'"
pdffonts "$T/pkg/埇桥区-2022/自评报告.pdf" >"$T/fonts.txt"
check "the report embeds a Latin face (Liberation Serif or Times New Roman) beside the Han ones" \
    grep -q -E '\+(LiberationSerif|TimesNewRoman)' "$T/fonts.txt"

# a paragraph's first line starts exactly two characters of the grid in: two
# 28ths of the 156 mm text block (GB/T 9704: 28 characters a line)
cat >"$T/indent.py" <<'PY'
import sys
sys.path.insert(0, "tests/tools")
import stext
bad, seen = [], set()
for ln in stext.lines(sys.argv[1]):
    page, y, size, gs = ln
    if size != 16 or gs[0][4] != gs[-1][4]:
        continue
    seen.add(round(gs[0][1] - 79.37, 2))  # the left margin: 28 mm
print(sorted(seen))
two = round(2 * 156 * 72 / 25.4 / 28, 2)
bad = [x for x in seen if x > 0.5 and abs(x - two) > 0.05 and x < 60]
sys.exit(1 if bad or not any(abs(x - two) <= 0.05 for x in seen) else 0)
PY
check "paragraph indents are exactly two characters of the grid (31.59 pt)" "$PY" "$T/indent.py" "$T/yongqiao-2022.pdf"

# every PDF numbers its pages alike: — N — in the page-number face
cat >"$T/pageno.py" <<'PY'
import re, sys
sys.path.insert(0, "tests/tools")
import stext
bad = []
for f in sys.argv[1:]:
    nums = [ln for ln in stext.lines(f) if re.fullmatch(r"— \d+ —", stext.text(ln))]
    pages = max(ln[0] for ln in stext.lines(f))
    if len(nums) != pages: bad.append("%s: %d page numbers reading — N — on %d pages" % (f, len(nums), pages))
    sizes = {ln[2] for ln in nums}
    if sizes != {14}: bad.append("%s: page numbers at %s pt, not 14 (size 4)" % (f, sizes))
print("\n".join(bad)); sys.exit(1 if bad else 0)
PY
check "every PDF prints its page numbers as — N — at 14 pt" \
    sh -c "\"$PY\" '$T/pageno.py' '$T/pkg'/*/*.pdf '$T/pkg'/*/责任清单/区市场监管局.pdf '$T/summary.pdf'"

# a paragraph's last line holds two characters at least before its punctuation
cat >"$T/lone.py" <<'PY'
import re, sys
bad = []
for f in sys.argv[1:]:
    for n, line in enumerate(open(f, encoding="utf-8"), 1):
        s = line.strip()
        if re.fullmatch(r"[\u4e00-\u9fff][。，、；：！？”’）》」』]+", s):
            bad.append("%s line %d: %s" % (f.rsplit("/", 1)[-1], n, s))
print("\n".join(bad)); sys.exit(1 if bad else 0)
PY
check "no paragraph ends on a line of one character and its punctuation" \
    "$PY" "$T/lone.py" "$T/yongqiao-2022.raw" "$T/shilixian-2023.raw"

# 3·15, 97.6%, 1.5, 第12项: no line ends inside one and the next goes on
for S in yongqiao-2022 shilixian-2023; do
    for f in "$T/$S-units"/*.pdf; do "$PY" tests/tools/stext.py lines "$f"; done >"$T/$S-units.raw"
done
cat >"$T/tokens.py" <<'PY'
import re, sys
bad = []
for f in sys.argv[1:]:
    prev = ""
    for n, line in enumerate(open(f, encoding="utf-8"), 1):
        s = line.strip()
        if not s or s in ("征", "求", "意", "见", "稿"):
            continue
        if (re.search(r"\d[·・.:．：]$", prev) and re.match(r"\d", s)) or \
           (re.search(r"\d$", prev) and re.match(r"[·・.．%％]\d?", s)) or \
           (prev.endswith("第") and re.match(r"[\d一二三四五六七八九十]", s)):
            bad.append("%s line %d: %s | %s" % (f.rsplit("/", 1)[-1], n, prev[-12:], s[:12]))
        prev = s
print("\n".join(bad[:20])); sys.exit(1 if bad else 0)
PY
check "no line starts with what continues a number such as 3·15 (report and unit sheets)" \
    "$PY" "$T/tokens.py" "$T/yongqiao-2022.raw" "$T/shilixian-2023.raw" \
    "$T/yongqiao-2022-units.raw" "$T/shilixian-2023-units.raw"

# the score table (7 rows) is never split: its caption, header and 合计 share a page
: >"$T/tables"
for S in yongqiao-2022 shilixian-2023; do
    pages=$(pdfinfo "$T/$S.pdf" | sed -n 's/^Pages: *//p')
    i=1; cap=0; total=0
    while [ "$i" -le "$pages" ]; do
        pdftotext -raw -f "$i" -l "$i" "$T/$S.pdf" "$T/page.txt" # only the caption and 合计 are looked for
        grep -q '^表1 ' "$T/page.txt" && cap=$i
        grep -q '^合计 ' "$T/page.txt" && total=$i
        i=$((i + 1))
    done
    echo "$S: caption on page $cap, 合计 on page $total" >>"$T/tables"
    [ "$cap" -gt 0 ] && [ "$cap" -eq "$total" ] || echo split >>"$T/tables"
done
check "the score table (表1) is on one page in both samples" sh -c "cat '$T/tables'; ! grep -q '^split' '$T/tables'"

finish
