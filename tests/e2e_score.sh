#!/bin/sh
# e2e_score.sh - `qsreport score` on the sample against the scores written
# by hand (tests/golden/yongqiao-2022/score.expected), in every format.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
E=tests/golden/yongqiao-2022/score.expected

s=0; "$QS" score --dump "$S" >"$T/dump.txt" 2>"$T/err" || s=$?
check "score --dump exits 0" test "$s" -eq 0
cat >"$T/cmp.py" <<'PY'
import re, sys
want = [l.split() for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
dump = open(sys.argv[2], encoding="utf-8").read()
got_ind = {int(m.group(1)): (m.group(2), m.group(3)) for m in re.finditer(r"^indicator (\d+): (\S+)/(\S+)", dump, re.M)}
got_cat = {m.group(1): (m.group(2), m.group(3)) for m in re.finditer(r"^category (\S+): (\S+)/(\S+)", dump, re.M)}
m = re.search(r"^total (\S+) = base (\S+)/(\S+) \+ bonus (\S+)/", dump, re.M)
claims = {m2.group(1): m2.group(3) for m2 in re.finditer(r"item (\S+) \S+: (\S+)/\S+ .* claimed (\S+)$", dump, re.M)}
bad = []
for w in want:
    if w[0].isdigit():
        g = got_ind.get(int(w[0]))
        if g != (w[1], w[2]): bad.append("indicator %s: got %s, want %s/%s" % (w[0], g, w[1], w[2]))
    elif w[0] in got_cat and len(w) == 3:
        if got_cat[w[0]] != (w[1], w[2]): bad.append("category %s: got %s, want %s/%s" % (w[0], got_cat[w[0]], w[1], w[2]))
    elif w[0] == "base" and (m.group(2), m.group(3)) != (w[1], w[2]): bad.append("base: got %s/%s" % (m.group(2), m.group(3)))
    elif w[0] == "bonus" and len(w) == 2 and m.group(4) != w[1]: bad.append("bonus: got %s" % m.group(4))
    elif w[0] == "total" and m.group(1) != w[1]: bad.append("total: got %s" % m.group(1))
    elif w[0] == "claim" and claims.get(w[1]) != w[2]: bad.append("claim %s: got %s" % (w[1], claims.get(w[1])))
n_claims = sum(1 for w in want if w[0] == "claim")
if len(claims) != n_claims: bad.append("claims: got %s" % sorted(claims))
if len(got_ind) != 31: bad.append("%d indicators scored" % len(got_ind))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
check "every indicator, category and total as computed by hand" "$PY" "$T/cmp.py" "$E" "$T/dump.txt"

"$QS" score "$S" >"$T/table.txt" 2>/dev/null
check "terminal table: total 84.5" grep -q '^总分 *84.5$' "$T/table.txt"
check "terminal table: categories with rate" grep -q '^质量工作成效 *34.5 *44 *78.4%$' "$T/table.txt"
check "terminal table: largest loss first, with its unit and reason" sh -c \
    "grep -A2 '^失分项' '$T/table.txt' | tail -1 | grep -q '18.2 *3 *区住房建设局 *工程质量投诉率未连续2年同比下降（2020年0.46%、2021年0.48%、2022年0.39%）'"
check "terminal table: the reason for a missed threshold names both numbers" \
    grep -q '14.5 *2 *区市场监管局 *种养环节初级食用农产品（农、林、渔）抽查合格率为95.9%，低于96%，不符合“' "$T/table.txt"
check "terminal table: claimed scores that differ, with both numbers" \
    grep -q '18.2 *自报 3, 计算 0' "$T/table.txt"

"$QS" score --format csv "$S" >"$T/score.csv" 2>/dev/null
cat >"$T/csvcheck.py" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
tot = [r for r in rows if r["level"] == "total"][0]
items = [r for r in rows if r["level"] == "item"]
ok = tot["earned"] == "84.5" and len([r for r in rows if r["level"] == "indicator"]) == 31
ok = ok and any(r["id"] == "26.2" and r["reason"] == "incident" and r["earned"] == "0" for r in items)
ok = ok and any(r["id"] == "17.1.4" for r in items)
sys.exit(0 if ok else 1)
PY
check "CSV reads back with Python's csv module: total, 31 indicators, nested items, reasons" \
    "$PY" "$T/csvcheck.py" "$T/score.csv"

# hostile text: unit names and assessors' reasons that a spreadsheet would
# run as formulas come back as text with a leading ', the points as numbers
H=$T/hostile
cp -R "$S" "$H"
hyper='=HYPERLINK(\&quot;http://example.invalid\&quot;,\&quot;x\&quot;)'
for f in "$H/plan.xml" "$H/evidence"/*.xml; do
    sed -i -e "s|区财政局|$hyper|g" -e 's|区商务局|-x|g' -e 's|区统计局|@SUM(1)|g' -e 's|区政府考核办|+1|g' "$f"
done
"$PY" - "$H/evidence" <<'PY'
import glob, re, sys
reasons = iter(["=1+2", "-2+3", "+cmd", "@SUM(A1)", "&#9;=1+2", "&#13;=1+2", "a plain, \"quoted\" reason"])
for path in sorted(glob.glob(sys.argv[1] + "/*.xml")):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r'(<assessed score="[^"]*">)[^<]*', lambda m: m.group(1) + next(reasons), text)
    open(path, "w", encoding="utf-8").write(text)
PY
s=0; "$QS" score --format csv "$H" >"$T/hostile.csv" 2>"$T/hostile.err" || s=$?
check "hostile names and reasons: score --format csv exits 0" test "$s" -eq 0
cat >"$T/hostile.py" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
bad = []
units = {r["unit"] for r in rows}
for want in ["'=HYPERLINK(\"http://example.invalid\",\"x\")", "'-x", "'@SUM(1)", "'+1"]:
    if want not in units: bad.append("unit %r missing from %r" % (want, sorted(units)))
whys = {r["why"] for r in rows}
# (the loader trims the leading tab and CR of a text: those come back as '=1+2)
for want in ["'=1+2", "'-2+3", "'+cmd", "'@SUM(A1)", 'a plain, "quoted" reason']:
    if want not in whys: bad.append("reason %r missing" % want)
# no text cell starts like a formula; the points columns are all numbers
for r in rows:
    for k, v in r.items():
        if k in ("earned", "available"):
            try: float(v)
            except ValueError: bad.append("%s %r is not a number" % (k, v))
        elif v[:1] in ("=", "+", "-", "@", "\t", "\r"):
            bad.append("%s %r starts like a formula" % (k, v))
if [r for r in rows if r["level"] == "total"][0]["earned"] != "84.5": bad.append("total changed")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
check "hostile names and reasons: Python's csv reads each text cell with a leading ', numbers as numbers" \
    "$PY" "$T/hostile.py" "$T/hostile.csv"
check "hostile names and reasons: a neutralised cell is quoted in the file" \
    grep -qF ",\"'-x\"," "$T/hostile.csv"
check "a plain reason with a comma and quotes is quoted, with no quote mark" \
    grep -qF '"a plain, ""quoted"" reason"' "$T/hostile.csv"

"$QS" score --format xml "$S" >"$T/score.xml" 2>/dev/null
check "XML is well-formed and carries the total" "$PY" -c "
import sys, xml.etree.ElementTree as ET
r = ET.parse('$T/score.xml').getroot()
ns = '{urn:qsreport:scores:1}'
assert r.tag == ns + 'scores' and r.get('total') == '84.5'
assert len(r.findall('.//' + ns + 'indicator')) == 31
"

# an invalid case is never scored
mkdir -p "$T/bad/evidence"
cp "$S/plan.xml" "$T/bad/"
sed 's/value="95.9"/value="195.9"/' "$S/evidence/nyncj.xml" >"$T/bad/evidence/nyncj.xml"
s=0; "$QS" score "$T/bad" >"$T/bad.out" 2>"$T/bad.err" || s=$?
check "invalid case: exit 1, no score printed" sh -c "test $s -eq 1 && ! test -s '$T/bad.out'"

finish
