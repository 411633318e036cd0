#!/bin/sh
# e2e_typeset.sh - typesetting read back from the PDFs of both samples with
# poppler: no paragraph ends on a lone character (clreq 孤字不成行), a number
# such as 3·15 and an ordinal 第N项 are never split over two lines, and the
# small score table (表1) is on one page.
. "$(dirname "$0")/setup.sh"
cd "$TOP"

for S in samples/yongqiao-2022 samples/shilixian-2023; do
    n=$(basename "$S")
    "$QS" report "$S" -o "$T/$n.pdf" 2>/dev/null
    "$QS" units "$S" -o "$T/$n-units" 2>/dev/null
    pdftotext -raw "$T/$n.pdf" "$T/$n.raw"
done

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
    for f in "$T/$S-units"/*.pdf; do pdftotext -raw "$f" - ; done >"$T/$S-units.raw"
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
        pdftotext -raw -f "$i" -l "$i" "$T/$S.pdf" "$T/page.txt"
        grep -q '^表1 ' "$T/page.txt" && cap=$i
        grep -q '^合计 ' "$T/page.txt" && total=$i
        i=$((i + 1))
    done
    echo "$S: caption on page $cap, 合计 on page $total" >>"$T/tables"
    [ "$cap" -gt 0 ] && [ "$cap" -eq "$total" ] || echo split >>"$T/tables"
done
check "the score table (表1) is on one page in both samples" sh -c "cat '$T/tables'; ! grep -q '^split' '$T/tables'"

finish
