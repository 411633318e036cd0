#!/bin/sh
# e2e_i18n.sh - messages in Chinese (issue 16): the catalogue po/zh_CN.po
# translates every message of the sources and keeps their printf
# conversions; under zh_CN.UTF-8 real failing commands print 错误/警告 and
# Chinese messages, under C.UTF-8 English, with the same "file:line:"
# prefixes and the same exit status.
#
# zh_CN.UTF-8 is generated into $T/locale (localedef, LOCPATH: no root
# needed) when the system does not have it.  Besides the diagnostics: the
# usage and every --help, package's per-case lines and totals, validate's
# verdict; under C.UTF-8 the C locale's English byte for byte.  The
# samples' validate output under zh_CN.UTF-8 has no English word outside
# file names, element and attribute names, quoted values and code points,
# and their published faults read whole in Chinese.
. "$(dirname "$0")/setup.sh"
QS=${1:-$QS}
BUILD_DIR=$(cd "$(dirname "$QS")" && pwd)
QS=$BUILD_DIR/$(basename "$QS")
unset LANGUAGE LC_MESSAGES LANG

# ---- the catalogue ----

check "msgfmt --check passes on po/zh_CN.po" msgfmt --check -o "$T/zh_CN.mo" "$TOP/po/zh_CN.po"
check "the build's catalogue is po/zh_CN.po compiled" \
    cmp "$T/zh_CN.mo" "$BUILD_DIR/locale/zh_CN/LC_MESSAGES/qsreport.mo"

# the extraction `make po` runs (its flags read from po/i18n.mk), into $T
flags=$(sed -n '/^XGETTEXT_FLAGS :=/,/[^\\]$/p' "$TOP/po/i18n.mk" | sed 's/^XGETTEXT_FLAGS :=//; s/\\$//' |
    tr '\n' ' ' | sed 's/\$(VERSION)/0/')
# shellcheck disable=SC2086
(cd "$TOP" && xgettext $flags -o "$T/qsreport.pot" $(ls src/*.c | LC_ALL=C sort)) 2>"$T/xgettext.err"
check "xgettext extracts the sources' messages" test -s "$T/qsreport.pot"
# msgcmp fails on a source message without a translation (untranslated and fuzzy count as missing)
check "every message of the sources has a translation in po/zh_CN.po" msgcmp "$TOP/po/zh_CN.po" "$T/qsreport.pot"

# what tools parse stays as it is: the "qsreport: " and "file:line: error: " prefixes,
# element and attribute names
cat >"$T/keep.py" <<'EOF'
import re, sys
po = open(sys.argv[1], encoding="utf-8").read()
bad = 0
for e in po.split("\n\n"):
    m = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"(?:\n|$))+)', e, re.M)
    if not m or e.startswith("#~"):
        continue
    mid = "".join(re.findall(r'"(.*)"', m.group(1)))
    ms = "".join(re.findall(r'"(.*)"', m.group(2)))
    if not mid:
        continue
    # a help's DIR/<region>-<year>/ and DIR/<unit>.pdf are placeholders, translated
    help = mid.startswith(("usage: ", "qsreport - ")) or "DIR/<" in mid
    want = []
    for pre in ("qsreport: ", "%s:%ld: error: ", "%s: error: "):
        if mid.startswith(pre):
            want.append(pre.replace("error", "错误"))
    for w in want:
        if not ms.startswith(w):
            print("prefix %r lost: %s" % (w, ms[:120])); bad += 1
    for tok in re.findall(r'<[a-z][^<> ]*(?: [a-z-]+=\\"[^"\\]*\\")*/?>|[a-z-]+=\\"[a-z]*\\"', mid):
        if tok not in ms and not help:
            print("element or attribute %s lost: %s" % (tok, ms[:120])); bad += 1
sys.exit(1 if bad else 0)
EOF
if "$PY" "$T/keep.py" "$TOP/po/zh_CN.po" >"$T/keep.out" 2>&1; then ok "prefixes, element and attribute names are kept in every translation"; else
    bad "prefixes, element and attribute names are kept in every translation"; sed 's/^/    /' "$T/keep.out" | head -20; fi

# ---- run time ----

check "main() calls qs_i18n_init()" sh -c "objdump -d --no-show-raw-insn '$QS' | awk '/<main>:\$/,/^\$/' | grep -q '<qs_i18n_init>'"

# zh_CN.UTF-8: the system's, or generated into $T/locale
if ! LC_ALL=zh_CN.UTF-8 locale charmap 2>/dev/null | grep -q 'UTF-8' ||
    [ -n "$(LC_ALL=zh_CN.UTF-8 locale charmap 2>&1 >/dev/null)" ]; then
    mkdir -p "$T/locale"
    if localedef -i zh_CN -f UTF-8 "$T/locale/zh_CN.UTF-8" >"$T/localedef.out" 2>&1 ||
        [ -f "$T/locale/zh_CN.UTF-8/LC_CTYPE" ]; then
        export LOCPATH="$T/locale"
    fi
fi
check "a zh_CN.UTF-8 locale is there or generated" sh -c '[ "$(LC_ALL=zh_CN.UTF-8 locale charmap 2>/dev/null)" = UTF-8 ]'

# both NAME STATUS ARGS...: qsreport ARGS under zh_CN.UTF-8 and C.UTF-8 (from
# $T/work), passing when both exit STATUS; stderr in $T/zh.err and $T/en.err
both() {
    name=$1 want=$2
    shift 2
    zs=0 es=0
    (cd "$T/work" && LC_ALL=zh_CN.UTF-8 timeout 60 "$QS" "$@") >"$T/zh.out" 2>"$T/zh.err" || zs=$?
    (cd "$T/work" && LC_ALL=C.UTF-8 timeout 60 "$QS" "$@") >"$T/en.out" 2>"$T/en.err" || es=$?
    if [ "$zs" -eq "$want" ] && [ "$es" -eq "$want" ]; then ok "$name: exit $want in both"; else
        bad "$name: exit $zs under zh_CN.UTF-8, $es under C.UTF-8"; fi
    # the prefix of every diagnostic, up to its severity word
    sed -n 's/^\(.*\): \(错误\|警告\): .*/\1: \2/p' "$T/zh.err" | sed 's/: 错误$/: error/; s/: 警告$/: warning/' >"$T/zh.pre"
    sed -n 's/^\(.*\): \(error\|warning\): .*/\1: \2/p' "$T/en.err" >"$T/en.pre"
    if [ -s "$T/en.pre" ] && cmp -s "$T/zh.pre" "$T/en.pre"; then ok "$name: the same file:line: prefixes in both"
    else bad "$name: the file:line: prefixes differ (or there are none)"; diff "$T/en.pre" "$T/zh.pre" | head -5 | sed 's/^/    /'; fi
    if grep -q ': \(error\|warning\): ' "$T/zh.err"; then bad "$name: English severity under zh_CN.UTF-8"
        head -3 "$T/zh.err" | sed 's/^/    /'; else ok "$name: no English severity under zh_CN.UTF-8"; fi
    if grep -q '错误\|警告' "$T/en.err"; then bad "$name: Chinese under C.UTF-8"; else ok "$name: English under C.UTF-8"; fi
}

# has NAME FILE TEXT: FILE contains TEXT
has() {
    if grep -qF -- "$3" "$2"; then ok "$1"; else bad "$1: no \"$3\" in"; head -5 "$2" | sed 's/^/    /'; fi
}

mkdir -p "$T/work"
cp -R "$TOP/tests/cases/010-malformed-xml/case" "$T/work/bad-plan"
cp -R "$TOP/tests/cases/060-unknown-unit-near-miss" "$T/work/unknown-unit"
cp -R "$TOP/tests/cases/080-unknown-item-ref/case" "$T/work/unknown-item"
cp -R "$TOP/tests/cases/089-cited-file-missing/case" "$T/work/missing-file"
cp -R "$TOP/samples/yongqiao-2022" "$T/work/yongqiao"
cp -R "$TOP/samples/shilixian-2023" "$T/work/shilixian"
export QSREPORT_TEMPLATES="$TOP/templates"

both "bad plan" 1 validate bad-plan
has "bad plan: 错误 under zh_CN.UTF-8" "$T/zh.err" "bad-plan/plan.xml:4: 错误: "
has "bad plan: error under C.UTF-8" "$T/en.err" "bad-plan/plan.xml:4: error: "

both "unknown unit" 1 validate unknown-unit/plan.xml unknown-unit/indicators.xml
has "unknown unit: the message in Chinese, the names as given" "$T/zh.err" \
    '单位“区住房建设厅”不在单位名录中（是否应为“区住房建设局”？）'
has "unknown unit: the message in English" "$T/en.err" 'is not in the unit registry (did you mean "区住房建设局"?)'

both "unknown scoring item" 1 validate unknown-item
has "unknown scoring item: the message in Chinese" "$T/zh.err" '“1.3”不是指标体系 mini-2022 中的评分项'

both "missing cited file" 1 validate missing-file
has "missing cited file: the message in Chinese" "$T/zh.err" \
    'missing-file/evidence/scjgj.xml:5: 错误: 引用文件“attachments/plan-2022.txt”不存在'

both "the sample's published faults" 0 validate yongqiao
has "the sample: 警告 and (按原文) under zh_CN.UTF-8" "$T/zh.err" "yongqiao/plan.xml:18: 警告: 正文所称附件为"
has "the sample: warning under C.UTF-8" "$T/en.err" "yongqiao/plan.xml:18: warning: the main text names"

# The sample's whole validate output under zh_CN.UTF-8 reads in Chinese: no
# word of three or more Latin letters outside the "file:line: " prefix, file
# names, element and attribute names, quoted values and code points.  Not
# vacuous: the lines are there (as many as under C.UTF-8, three warnings and
# the verdict), and the same check finds English words in C.UTF-8's.
cat >"$T/latin.py" <<'EOF'
import re, sys
def words(line):
    """the Latin words of a line, its prefix and the names it may keep removed"""
    m = re.match(r'^(?:.*?): (?:错误|警告|error|warning): (.*)$', line) or re.match(r'^[^:]*: (.*)$', line)
    msg = m.group(1) if m else line
    for _ in range(3):  # quoted values, nested quotes included
        msg = re.sub(r'“[^“”]*”', '', msg)
    msg = re.sub(r'"[^"]*"', '', msg)
    msg = re.sub(r'</?[A-Za-z][^<>]*>', '', msg)  # elements
    msg = re.sub(r'\b[A-Za-z][\w:-]*=', '', msg)  # attributes
    msg = re.sub(r'U\+[0-9A-Fa-f]{4,6}', '', msg)  # code points
    msg = re.sub(r'[^\s，。；：、（）]*[/.][^\s，。；：、（）]*', '', msg)  # file names, paths
    return re.findall(r'[A-Za-z]{3,}', msg)
lines = [l.rstrip('\n') for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
want = int(sys.argv[2])
if len(lines) < want:
    print('only %d lines, want %d or more' % (len(lines), want))
    sys.exit(1)
bad = [(l, w) for l in lines for w in [words(l)] if w]
for l, w in bad:
    print('%s  <- %s' % (l, ' '.join(w)))
sys.exit(1 if bad else 0)
EOF
for s in yongqiao shilixian; do
    (cd "$T/work" && LC_ALL=zh_CN.UTF-8 "$QS" validate $s) >/dev/null 2>"$T/zh.err" || true
    (cd "$T/work" && LC_ALL=C.UTF-8 "$QS" validate $s) >/dev/null 2>"$T/en.err" || true
    n=$(wc -l <"$T/en.err")
    check "the sample $s: as many lines under zh_CN.UTF-8 as under C.UTF-8, four or more" \
        sh -c "[ $n -ge 4 ] && [ \"\$(wc -l <'$T/zh.err')\" -eq $n ]"
    check "the sample $s: three 警告 lines under zh_CN.UTF-8" sh -c "[ \"\$(grep -c ': 警告: ' '$T/zh.err')\" -eq 3 ]"
    if "$PY" "$T/latin.py" "$T/zh.err" 4 >"$T/latin.out" 2>&1; then
        ok "the sample $s: no English word under zh_CN.UTF-8 (names and quoted values aside)"
    else
        bad "the sample $s: English under zh_CN.UTF-8"
        sed 's/^/    /' "$T/latin.out" | head -10
    fi
    if "$PY" "$T/latin.py" "$T/en.err" 4 >/dev/null 2>&1; then
        bad "the sample $s: the check finds no English under C.UTF-8 either"
    else ok "the sample $s: the same check finds English under C.UTF-8"; fi
    # the published faults, whole: the fault, then （按原文…） with its note in Chinese
    has "the sample $s: an unclosed bracket, whole in Chinese" "$T/zh.err" \
        ': 警告: 指标 17 的评分方法中有 1 个未闭合的“（”（按原文）'
    has "the sample $s: a capped indicator, whole in Chinese" "$T/zh.err" \
        ': 警告: 指标 25：其评分项合计 4 分，而该指标为 3 分（按原文；计分以 3 分为上限）'
    has "the sample $s: the capped indicator in English under C.UTF-8" "$T/en.err" \
        ': warning: indicator 25: its scoring items add up to 4 points but the indicator has 3 (as published; the score is capped at 3)'
done

zs=0 es=0
(cd "$T/work" && LC_ALL=zh_CN.UTF-8 "$QS" validate no-such-case) 2>"$T/zh.err" || zs=$?
(cd "$T/work" && LC_ALL=C.UTF-8 "$QS" validate no-such-case) 2>"$T/en.err" || es=$?
check "a missing case folder: exit 2 in both" test "$zs" -eq 2 -a "$es" -eq 2
has "a missing case folder: 错误 and 无法读取 under zh_CN.UTF-8" "$T/zh.err" "no-such-case: 错误: 无法读取"
has "a missing case folder: English under C.UTF-8" "$T/en.err" "no-such-case: error: cannot read"

# $LANGUAGE does not reach past a C locale (glibc honours it under C.UTF-8)
(cd "$T/work" && LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$QS" validate no-such-case) 2>"$T/en.err" || true
has "LANGUAGE=zh_CN under C.UTF-8: English" "$T/en.err" "no-such-case: error: cannot read"

# --help: Chinese under zh_CN.UTF-8 (main.c prints it through _()), English under C.UTF-8
zs=0 es=0
LC_ALL=zh_CN.UTF-8 "$QS" --help >"$T/zh.out" 2>&1 || zs=$?
LC_ALL=C.UTF-8 "$QS" --help >"$T/en.out" 2>&1 || es=$?
check "--help: exit 0 in both" test "$zs" -eq 0 -a "$es" -eq 0
has "--help in Chinese under zh_CN.UTF-8" "$T/zh.out" "命令："
has "--help in English under C.UTF-8" "$T/en.out" "Commands:"

# C.UTF-8 is English byte for byte: what the C locale prints, whatever LANGUAGE says
LC_ALL=C "$QS" --help >"$T/c.out" 2>&1 || true
LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$QS" --help >"$T/en2.out" 2>&1 || true
check "--help under C.UTF-8 is the C locale's, byte for byte" cmp "$T/en.out" "$T/c.out"
check "--help under C.UTF-8 with LANGUAGE=zh_CN is the C locale's, byte for byte" cmp "$T/en2.out" "$T/c.out"

# qsreport CMD --help: the usage word, the help and the example heading in Chinese
for cmd in validate package summary init import; do
    zs=0 es=0
    LC_ALL=zh_CN.UTF-8 "$QS" $cmd --help >"$T/zh.out" 2>&1 || zs=$?
    LC_ALL=C.UTF-8 "$QS" $cmd --help >"$T/en.out" 2>&1 || es=$?
    LC_ALL=C "$QS" $cmd --help >"$T/c.out" 2>&1 || true
    check "$cmd --help: exit 0 in both" test "$zs" -eq 0 -a "$es" -eq 0
    has "$cmd --help: 用法 under zh_CN.UTF-8" "$T/zh.out" "用法： qsreport $cmd "
    has "$cmd --help: usage under C.UTF-8" "$T/en.out" "usage: qsreport $cmd "
    if sed -n 3p "$T/zh.out" | LC_ALL=C grep -q '[^ -~]' && ! grep -q '^\(Writes\|Checks\|The \|An \|Examples\?:\)' "$T/zh.out"; then
        ok "$cmd --help: the help in Chinese"; else bad "$cmd --help: the help in Chinese"; head -4 "$T/zh.out" | sed 's/^/    /'; fi
    check "$cmd --help under C.UTF-8 is the C locale's, byte for byte" cmp "$T/en.out" "$T/c.out"
done
LC_ALL=zh_CN.UTF-8 "$QS" package --help >"$T/zh.out" 2>&1 || true
has "package --help: the help text in Chinese" "$T/zh.out" "将每个案卷的年度申报材料包整体写入 DIR/<地区>-<年度>/"
has "package --help: 示例 under zh_CN.UTF-8" "$T/zh.out" "示例："

# the usage on a mistake: Chinese message and usage word, English under C.UTF-8
zs=0 es=0
LC_ALL=zh_CN.UTF-8 "$QS" score --force x >"$T/zh.out" 2>&1 || zs=$?
LC_ALL=C.UTF-8 "$QS" score --force x >"$T/en.out" 2>&1 || es=$?
check "a wrong option: exit 2 in both" test "$zs" -eq 2 -a "$es" -eq 2
has "a wrong option: the message in Chinese" "$T/zh.out" "qsreport: --force 仅用于 init"
has "a wrong option: the usage in Chinese" "$T/zh.out" "用法： qsreport validate"
has "a wrong option: English under C.UTF-8" "$T/en.out" "qsreport: --force is for init only"
has "a wrong option: the usage in English" "$T/en.out" "usage: qsreport validate"

# package: the per-case lines and the totals (stdout), the summary refused (stderr)
for l in zh_CN.UTF-8 C.UTF-8; do
    st=0
    (cd "$T/work" && LC_ALL=$l SOURCE_DATE_EPOCH=1700000000 timeout 120 "$QS" package -j 1 shilixian missing-file \
        -o "out-$l") >"$T/pkg-$l.out" 2>"$T/pkg-$l.err" || st=$?
    echo "$st" >"$T/pkg-$l.st"
done
check "package, a case failing: exit 1 in both" sh -c "[ \"\$(cat '$T/pkg-zh_CN.UTF-8.st') \$(cat '$T/pkg-C.UTF-8.st')\" = '1 1' ]"
has "package: the ok line in Chinese" "$T/pkg-zh_CN.UTF-8.out" "成功    shilixian -> out-zh_CN.UTF-8/示例县-2023  （"
has "package: its warnings counted in Chinese" "$T/pkg-zh_CN.UTF-8.out" " 条警告，见校验意见.txt）"
has "package: the FAILED line in Chinese" "$T/pkg-zh_CN.UTF-8.out" "失败    missing-file"
has "package: the totals in Chinese" "$T/pkg-zh_CN.UTF-8.out" "1 个成功，1 个失败"
has "package: no summary, in Chinese" "$T/pkg-zh_CN.UTF-8.err" "qsreport: 未写入汇总表：2 个案卷中有 1 个失败"
has "package: the failing case's diagnostic in Chinese" "$T/pkg-zh_CN.UTF-8.err" \
    "missing-file/evidence/scjgj.xml:5: 错误: 引用文件“attachments/plan-2022.txt”不存在"
sed 's/out-C.UTF-8/OUT/' "$T/pkg-C.UTF-8.out" >"$T/pkg-en.out"
printf 'ok      shilixian -> OUT/示例县-2023  (3 warnings, in 校验意见.txt)\nFAILED  missing-file\n1 ok, 1 failed\n' >"$T/pkg-want.out"
check "package: the per-case lines and totals under C.UTF-8, byte for byte" cmp "$T/pkg-en.out" "$T/pkg-want.out"
has "package: no summary, in English under C.UTF-8" "$T/pkg-C.UTF-8.err" "qsreport: no summary written: 1 of 2 cases failed"
check "package: the package's 校验意见.txt in Chinese under zh_CN.UTF-8" \
    grep -q '警告' "$T/work/out-zh_CN.UTF-8/示例县-2023/校验意见.txt"
check "package: the package's 校验意见.txt in English under C.UTF-8" \
    grep -q ': warning: ' "$T/work/out-C.UTF-8/示例县-2023/校验意见.txt"

# validate with warnings: "CASE: valid (N warnings)"
zs=0
(cd "$T/work" && LC_ALL=zh_CN.UTF-8 "$QS" validate yongqiao) >/dev/null 2>"$T/zh.err" || zs=$?
has "validate: the verdict and its warnings counted in Chinese" "$T/zh.err" "yongqiao: 校验通过（3 条警告）"

# an installed tree: bin/qsreport finds bin/../share/locale
mkdir -p "$T/inst/bin" "$T/inst/share/locale/zh_CN/LC_MESSAGES"
cp "$QS" "$T/inst/bin/qsreport"
cp "$T/zh_CN.mo" "$T/inst/share/locale/zh_CN/LC_MESSAGES/qsreport.mo"
(cd "$T/work" && LC_ALL=zh_CN.UTF-8 "$T/inst/bin/qsreport" validate no-such-case) 2>"$T/zh.err" || true
has "an installed qsreport reads share/locale beside its bin/" "$T/zh.err" "no-such-case: 错误: 无法读取"

# a filled evidence form's reader speaks the same language: a file that is no workbook
printf 'not a zip' >"$T/bad.xlsx"
s=0; LC_ALL=zh_CN.UTF-8 "$QS" import "$T/bad.xlsx" -o "$T/bad.xml" 2>"$T/form.zh" || s=$?
has "a form that is no workbook: its error in Chinese under zh_CN" "$T/form.zh" "bad.xlsx: 错误: 不是工作簿：不是 zip 文件"
s=0; LC_ALL=C.UTF-8 "$QS" import "$T/bad.xlsx" -o "$T/bad.xml" 2>"$T/form.c" || s=$?
has "... and in English under C.UTF-8" "$T/form.c" "bad.xlsx: error: not a workbook: not a zip file"

finish
