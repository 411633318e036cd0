#!/bin/sh
# e2e_county.sh - one package, one campaign.  The county sample (示例县, a
# 县), the district sample (埇桥区, a 区) and a copy of the county turned into a
# county-level city (示例市, a 市) are packaged; the text of every document of
# each package (pdftotext of every PDF and its document info, every xml part
# of every xlsx, the txt files) must name its own campaign (质量强县 / 质量强区
# / 质量强市) and no other, no unit of another level (区财政局 in a county's
# package, 县住房建设局 in a district's), and not the other sample.  Then
# init's template comments and validate's checks of the campaign.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
C=samples/shilixian-2023
D=samples/yongqiao-2022

# the 市 variant: every 县 of the county's case becomes 市 (示例市, 市市场监管局,
# <campaign level="市">安徽省质量强市</campaign>)
mkdir -p "$T/city"
cp -R "$C" "$T/city/case"
"$PY" - "$T/city/case" <<'PY'
import os, sys
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith((".xml", ".txt")):
            p = os.path.join(root, f)
            t = open(p, encoding="utf-8").read()
            open(p, "w", encoding="utf-8").write(t.replace("县", "市"))
PY

for c in "$C" "$D" "$T/city/case"; do
    s=0; "$QS" validate "$c" 2>"$T/err" || s=$?
    check "validate $c: exit 0, 3 warnings" sh -c "test $s -eq 0 && grep -q ': valid (3 warnings)$' '$T/err'"
done
s=0; "$QS" package "$C" "$D" "$T/city/case" -o "$T/pkg" >"$T/out" 2>&1 || s=$?
check "package the three cases: exit 0" sh -c "test $s -eq 0 && grep -q '^3 ok, 0 failed' '$T/out'"
K=$T/pkg/示例县-2023
Q=$T/pkg/埇桥区-2022
M=$T/pkg/示例市-2023

# texts PKG OUT: every document of a package as text, each after a "### file" line
texts() {
    (
        cd "$1"
        find . -type f | LC_ALL=C sort | while IFS= read -r f; do
            echo "### $f"
            case $f in
            *.pdf)
                pdftotext -raw "$f" - 2>/dev/null || echo "### pdftotext failed"
                pdfinfo "$f" 2>/dev/null | grep -E '^(Title|Subject|Keywords|Author):' || true ;;
            *.xlsx) unzip -p "$f" '*.xml' || echo "### unzip failed" ;;
            *) cat "$f" ;;
            esac
        done
    ) >"$2"
}
texts "$K" "$T/county.txt"
texts "$Q" "$T/district.txt"
texts "$M" "$T/city.txt"

# one.py TEXT LEVEL PLAN NAME...: the package's text names the campaign of LEVEL
# and no other level's, no unit of the plan under another level, no NAME
cat >"$T/one.py" <<'PY'
import re, sys
import xml.etree.ElementTree as ET
text, level, plan = sys.argv[1], sys.argv[2], sys.argv[3]
names = sys.argv[4:]
raw = open(text, encoding="utf-8").read()
if "### pdftotext failed" in raw or "### unzip failed" in raw:
    print("a document could not be read")
    sys.exit(1)
# The provincial schema's words for all three levels, reprinted verbatim, and
# an invented national meeting in 埇桥区's evidence: not the package's campaign.
allowed = ("质量强县（市、区）", "县（市、区）", "全国质量强县建设经验交流会")
# The report's 主送机关 is the body above the division (the city's office): named by design.
rec = ET.parse(plan).getroot().find("{urn:qsreport:plan:1}recipient")
if rec is not None and rec.text:
    allowed += (rec.text.strip(),)
for a in allowed:
    raw = raw.replace(a, "")
flat = re.sub(r"\s", "", raw)
for a in allowed:  # where a line break cut it
    flat = flat.replace(a, "")
bad = []
if "质量强" + level not in flat:
    bad.append("the campaign 质量强%s is not named" % level)
ns = {"p": "urn:qsreport:plan:1"}
root = ET.parse(plan).getroot()
stems = set()
for el in root.iter():
    if el.tag.endswith("}unit") and el.get("name") or el.tag.endswith("}group"):
        stems.add(el.get("name"))
    if el.tag.endswith("}alias"):
        stems.add(el.text.strip())
stems = {s[1:] for s in stems if s[0] in "区县市"} | {"财政局", "市场监管局", "住房建设局"}
hz = "\u4e00-\u9fff"
for other in "区县市":
    if other == level:
        continue
    words = ["质量强" + other] + [other + s for s in sorted(stems)]
    if other != "市":  # a 区 or 县 names its prefecture city's bodies (宿州市政府, 市委): fine
        words += ["全" + other, "我" + other, other + "委", other + "政府", other + "直"]
    else:
        words = [w for w in words if w != "市政府"]
    for w in words:
        for m in re.finditer(re.escape(w), flat):
            bad.append("%s: …%s…" % (w, flat[max(0, m.start() - 12):m.end() + 12]))
    if other != "市":  # a name that starts with the level and ends like a unit's
        for m in re.finditer("(?:^|[^%s])(%s[%s]{1,12}?(?:局|委|办|部|校|中心))" % (hz, other, hz), raw):
            bad.append("unit %s: …%s…" % (m.group(1), raw[max(0, m.start() - 12):m.end() + 12]))
for n in names:
    if n in flat:
        i = flat.index(n)
        bad.append("%s: …%s…" % (n, flat[max(0, i - 12):i + len(n) + 12]))
for b in sorted(set(bad))[:20]:
    print(b)
sys.exit(1 if bad else 0)
PY
check "county: every document says 质量强县; no 质量强区/市, no 区 or 市 unit, no 埇桥" \
    "$PY" "$T/one.py" "$T/county.txt" 县 "$C/plan.xml" 埇桥 示例市
check "district: every document says 质量强区; no 质量强县/市, no 县 or 市 unit, no 示例县" \
    "$PY" "$T/one.py" "$T/district.txt" 区 "$D/plan.xml" 示例县 示例市
check "city: every document says 质量强市; no 质量强县/区, no 县 or 区 unit, no 示例县 or 埇桥" \
    "$PY" "$T/one.py" "$T/city.txt" 市 "$T/city/case/plan.xml" 示例县 埇桥

# the campaign in each kind of document, where a reader looks first
for v in "县 $K 示例县" "市 $M 示例市"; do
    set -- $v
    L=$1 P=$2 N=$3
    check "$N: the report's title, subject and keywords" sh -c "pdfinfo '$P/自评报告.pdf' >'$T/info' &&
        grep -q '^Title: *${N}2023年度创建“安徽省质量强$L”自评报告\$' '$T/info' &&
        grep -q '^Subject: *质量强${L}创建自评报告\$' '$T/info' && grep -q '^Keywords: *质量强${L}，自评报告，$N，2023\$' '$T/info' &&
        pdftotext -raw '$P/自评报告.pdf' - | tr -d ' \\n' | grep -q '—1—${N}2023年度创建“安徽省质量强$L”自评报告' &&
        pdftotext '$P/自评报告.pdf' - | tr -d ' \\n' | grep -q '推动质量强${L}创建工作常态化'"
    check "$N: the unit sheets and the workbook are titled after the campaign" sh -c "
        pdfinfo '$P/责任清单/${L}财政局.pdf' | grep -q '^Title: *${N}2023年创建“安徽省质量强$L”责任清单\$' &&
        unzip -p '$P/责任清单/责任清单.xlsx' docProps/core.xml | grep -q '<dc:title>${N}2023年创建“安徽省质量强$L”责任清单</dc:title>' &&
        unzip -p '$P/责任清单/责任清单.xlsx' xl/sharedStrings.xml | grep -q '${N}2023年创建“安徽省质量强$L”：牵头指标'"
    check "$N: the evidence index is titled after the campaign" sh -c "
        pdfinfo '$P/佐证材料目录.pdf' | grep -q '^Title: *${N}2023年度质量强${L}创建佐证材料目录\$' &&
        unzip -p '$P/佐证材料目录.xlsx' docProps/core.xml | grep -q '<dc:title>${N}2023年度质量强${L}创建佐证材料目录</dc:title>'"
done

# init: the comment at the head of an evidence template
"$QS" init "$C" --unit 县财政局 -o "$T/init.xml" 2>/dev/null
check "init: the template's comment names the county's campaign" sh -c \
    "sed -n 2p '$T/init.xml' | grep -q '^<!-- 示例县2023年度质量强县创建佐证材料（县财政局）。' && ! grep -q '质量强区' '$T/init.xml'"
"$QS" init "$D" --unit 区财政局 -o "$T/init-d.xml" 2>/dev/null
check "init: the district's names its campaign" sh -c \
    "sed -n 2p '$T/init-d.xml' | grep -q '^<!-- 埇桥区2022年度质量强区创建佐证材料（区财政局）。'"

# validate: a campaign named for another level is an error, nothing is written
mkdir -p "$T/mixed"
cp -R "$C" "$T/mixed/case"
sed -i 's|<campaign level="县">|<campaign level="区">|' "$T/mixed/case/plan.xml"
s=0; "$QS" package "$T/mixed/case" -o "$T/mixed/out" 2>"$T/err" >/dev/null || s=$?
check "level 区 with 安徽省质量强县: exit 1 naming both, no package" sh -c "test $s -eq 1 &&
    grep -q 'plan.xml:[0-9]*: error: campaign \"安徽省质量强县\" does not end in its level \"区\"' '$T/err' &&
    ! test -e '$T/mixed/out/示例县-2023'"

finish
