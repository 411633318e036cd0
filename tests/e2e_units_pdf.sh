#!/bin/sh
# e2e_units_pdf.sh - one responsibility sheet PDF per unit, read back with
# poppler: each names its unit and year, lists every indicator the unit
# carries with its role, and passes qpdf; a committee group reaches every
# member unit.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
D=$T/units

s=0; "$QS" units "$S" -o "$D" 2>/dev/null || s=$?
check "units -o DIR exits 0" test "$s" -eq 0
"$QS" dump "$S" >"$T/dump.txt" 2>/dev/null
cat >"$T/units.py" <<'PY'
import os, re, subprocess, sys
dump, d = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
units = re.findall(r'^unit "([^"]+)"', dump, re.M)
groups = {m.group(1): m.group(2).split() for m in re.finditer(r'^group "([^"]+)".*= \d+ units: (.*)$', dump, re.M)}
aliases = {}
for m in re.finditer(r'^(?:unit|group) "([^"]+)"(.*)$', dump, re.M):
    for a in re.findall(r'alias "([^"]+)"', m.group(2)):
        aliases[a] = m.group(1)
duty = {}
for m in re.finditer(r'^responsible (\d+): ".*" ->(.*)$', dump, re.M):
    for ref in m.group(2).split():
        name = ref.lstrip("*").split("=")[-1]
        name = aliases.get(name, name)
        for u in groups.get(name, [name]):
            duty.setdefault(u, set()).add(int(m.group(1)))
bad = []
for u, inds in sorted(duty.items()):
    pdf = os.path.join(d, u + ".pdf")
    if not os.path.exists(pdf):
        bad.append("no PDF for %s" % u); continue
    text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True).stdout
    flat = re.sub(r"\s", "", text)
    if u not in flat or "2022" not in flat: bad.append("%s: unit or year missing" % u)
    for no in inds:
        if not re.search(r"(^|\n)%d( |\n)" % no, text): bad.append("%s: indicator %d missing" % (u, no))
    if subprocess.run(["qpdf", "--check", pdf], capture_output=True).returncode: bad.append("%s: qpdf --check failed" % u)
if len(duty) < 20: bad.append("only %d units carry duties" % len(duty))
print("\n".join(bad)); sys.exit(1 if bad else 0)
PY
check "every unit's PDF names it and lists each indicator it carries; qpdf passes" \
    "$PY" "$T/units.py" "$T/dump.txt" "$D"
pdftotext -raw "$D/区统计局.pdf" "$T/tjj.txt"
check "the committee's member units lead row 6 (led by 质量发展委员会各成员单位)" "$PY" -c "
import re, sys
t = open('$T/tjj.txt', encoding='utf-8').read()
m = re.search(r'\n6\n(.{0,80})', t, re.S)
sys.exit(0 if m and '牵头' in m.group(1) else 1)
"
check "a line for the person responsible and the date" sh -c \
    "pdftotext -raw '$D/区财政局.pdf' - | grep -q '责任人' && pdftotext -raw '$D/区财政局.pdf' - | grep -q '日期'"
finish
