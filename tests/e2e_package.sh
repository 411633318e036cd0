#!/bin/sh
# e2e_package.sh - the annual submission package: contents, checksums,
# reproducible bytes, zip, batches with a failing case, atomic writes under
# interrupts, a full disk and a missing font, and evidence templates.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
O=$T/out
P=$O/埇桥区-2022

s=0; "$QS" package "$S" -o "$O" >"$T/stdout" 2>"$T/stderr" || s=$?
check "package exits 0" test "$s" -eq 0
check "it says where the package is, and how many warnings it lists" \
    grep -q "^ok .* -> $O/埇桥区-2022  (3 warnings, in 校验意见.txt)\$" "$T/stdout"
for f in 任务分解表.xlsx 任务分解表.pdf 自评表.xlsx 自评报告.pdf 佐证材料目录.xlsx 佐证材料目录.pdf \
         校验意见.txt SHA256SUMS 责任清单/责任清单.xlsx 责任清单/区住房建设局.pdf; do
    check "package holds $f" test -s "$P/$f"
done
check "every cited file is copied in" test "$(find "$P/佐证材料" -type f | wc -l)" -eq \
    "$(ls "$S/attachments" | wc -l)"
check "sha256sum -c accepts SHA256SUMS" sh -c "cd '$P' && sha256sum -c --quiet SHA256SUMS"
check "SHA256SUMS lists every file but itself" test "$(wc -l <"$P/SHA256SUMS")" -eq \
    "$(find "$P" -type f ! -name SHA256SUMS | wc -l)"
check "the warnings of validation are in the package" grep -q "indicator 25: its scoring items add up to 4" "$P/校验意见.txt"
check "no temporary folder is left" sh -c "! ls -A '$O' | grep -q '^\\.'"
check "the evidence index lists documents with their 文号 and package file" sh -c \
    "pdftotext -raw '$P/佐证材料目录.pdf' - | tr -d ' \\n' | grep -q '埇建〔2022〕' &&
     pdftotext -raw '$P/佐证材料目录.pdf' - | tr -d ' \\n' | grep -q '佐证材料/zjj-2022'"

# the same input, the same bytes: every file of two packages
"$QS" package -q "$S" -o "$T/again" >/dev/null 2>&1
check "two runs are byte-identical, file by file" diff -r "$P" "$T/again/埇桥区-2022"
"$QS" package -q --zip "$S" -o "$T/z1" >/dev/null 2>&1
"$QS" package -q --zip "$S" -o "$T/z2" >/dev/null 2>&1
check "--zip: one archive per case, byte-identical twice" cmp "$T/z1/埇桥区-2022.zip" "$T/z2/埇桥区-2022.zip"
check "--zip: the archive holds the package and its checksums" sh -c \
    "cd '$T' && mkdir unz && cd unz && '$PY' -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall()' '$T/z1/埇桥区-2022.zip' &&
     cd 埇桥区-2022 && sha256sum -c --quiet SHA256SUMS"

# a batch: one broken case does not stop the others; summary and exit status
mkdir -p "$T/bad/evidence"
cp "$S/plan.xml" "$T/bad/"
sed 's/value="95.9"/value="195.9"/' "$S/evidence/nyncj.xml" >"$T/bad/evidence/nyncj.xml"
"$PY" tests/tools/gen_cases.py "$S" "$T/gen" 3 >/dev/null
s=0; "$QS" package -j 2 "$T/gen/case-001" "$T/bad" "$T/gen/case-002" "$T/gen/case-003" -o "$T/batch" \
    >"$T/batch.out" 2>"$T/batch.err" || s=$?
check "batch with a broken case: exit 1" test "$s" -eq 1
check "batch: the summary counts ok and failed" grep -q '^3 ok, 1 failed$' "$T/batch.out"
check "batch: the broken case is named, its error shown" sh -c \
    "grep -q '^FAILED  $T/bad\$' '$T/batch.out' && grep -q 'nyncj.xml:[0-9]*: error: .*195.9' '$T/batch.err'"
check "batch: the other cases are packaged" test -s "$T/batch/合成第003区-2024/SHA256SUMS"
check "the synthetic cases vary the year, the units' names and the units that report" sh -c \
    "grep -q '<year>2023</year>' '$T/gen/case-002/plan.xml' && grep -lq '区人力资源和社会保障局\\|区教育体育局\\|区经济和信息化局' '$T'/gen/case-*/plan.xml &&
     test \$(ls '$T'/gen/case-*/evidence/*.xml | wc -l) -lt \$((3 * \$(ls '$S'/evidence/*.xml | wc -l)))"
check "batch: no progress bar when stderr is not a terminal" sh -c "! grep -q '\\[#' '$T/batch.err'"
"$QS" package -j 1 -q "$T/gen/case-002" -o "$T/one" >/dev/null 2>&1
check "-j 1 and -j 2 give the same bytes" diff -r "$T/one/合成第002区-2023" "$T/batch/合成第002区-2023"

# each worker reads the indicator schema once, not per case (fontconfig's own
# scans of fonts/ make the font files' counts depend on its cache)
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
    strace -f -e trace=openat -o "$T/trace" "$QS" package -q -j 1 "$T/gen/case-001" "$T/gen/case-002" \
        "$T/gen/case-003" -o "$T/traced" >/dev/null 2>&1 || true
    check "three cases, one worker: the indicator schema is read once" \
        test "$(grep -c 'indicators-anhui-2022.xml' "$T/trace")" -eq 1
fi

# on a terminal: a progress bar (cases done, elapsed, estimate); -q silences it
if command -v script >/dev/null 2>&1 && script -qc true /dev/null >/dev/null 2>&1; then
    script -qc "'$QS' package -j 2 '$T/gen/case-001' '$T/gen/case-002' -o '$T/tty'" /dev/null >"$T/tty.out" 2>&1 || true
    check "on a terminal: a progress bar with cases done, elapsed and left" sh -c \
        "tr '\\r' '\\n' <'$T/tty.out' | grep -q '^\\[#*\\] 2/2  [0-9]*:[0-9][0-9] elapsed  ~[0-9]*:[0-9][0-9] left'"
    script -qc "'$QS' package -q -j 2 '$T/gen/case-001' '$T/gen/case-002' -o '$T/tty2'" /dev/null >"$T/tty2.out" 2>&1 || true
    check "on a terminal with -q: no progress bar" sh -c "! grep -q 'elapsed' '$T/tty2.out'"
fi

# one case and a spare core: its unit sheets are a work item of their own, on another worker
"$QS" package -q -j 2 "$S" -o "$T/split" >/dev/null 2>&1
"$QS" package -q -j 1 "$S" -o "$T/whole" >/dev/null 2>&1
check "one case, -j 2 (unit sheets by another worker) and -j 1: the same bytes" diff -r "$T/whole" "$T/split"
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
    strace -f -e trace=process -o "$T/procs2" "$QS" package -q -j 2 "$S" -o "$T/split2" >/dev/null 2>&1 || true
    strace -f -e trace=process -o "$T/procs1" "$QS" package -q -j 1 "$S" -o "$T/whole2" >/dev/null 2>&1 || true
    # a fork is a clone with SIGCHLD and no CLONE_VM (LeakSanitizer's own
    # tracer, under check-asan, shares the memory)
    check "one case, -j 2: a second process; -j 1: none" sh -c \
        "grep -q 'clone(.*flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD' '$T/procs2' &&
         ! grep -q 'clone(.*flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD' '$T/procs1'"
fi
# a unit sheet that cannot be written (a disk error injected into rename()):
# the error of the unit sheets' worker reaches the user, and nothing is left behind
cc -shared -fPIC -o "$T/failrename.so" tests/tools/fsfault.c -ldl
for j in 1 2; do
    s=0; QS_FAIL_RENAME=/责任清单/区人社局.pdf LD_PRELOAD="$T/failrename.so" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
        "$QS" package -j $j "$S" -o "$T/fr$j" >"$T/fr$j.out" 2>"$T/fr$j.err" || s=$?
    check "a unit sheet that cannot be written, -j $j: exit 2, the file (where it was meant to go) and the reason" sh -c \
        "test $s -eq 2 && grep -q '^$T/fr$j/埇桥区-2022/责任清单/区人社局\.pdf: error: cannot write: Input/output error' '$T/fr$j.err'"
    check "a unit sheet that cannot be written, -j $j: no package, no temporary folder" \
        sh -c "! ls -A '$T/fr$j' | grep -q ."
done

# atomic: an interrupt leaves the older package untouched and nothing partial;
# the signal is sent once the temporary folder exists, mid-package
cp -r "$P" "$T/older"
"$QS" package "$S" -o "$O" >/dev/null 2>&1 &
pid=$!
wait_tmp "$O"
kill -TERM "$pid" 2>/dev/null || true
s=0; wait "$pid" || s=$?
check "SIGTERM mid-package: the run ends by the signal (status 143)" test "$s" -eq 143
# a batch whose run is killed outright: its workers stop and clean up
"$QS" package -q -j 2 "$T/gen/case-001" "$T/gen/case-002" "$T/gen/case-003" -o "$T/killed" >/dev/null 2>&1 &
pid=$!
wait_tmp "$T/killed"
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
i=0
while [ $i -lt 100 ] && ls -A "$T/killed" | grep -q '^\.'; do
    sleep 0.02
    i=$((i + 1))
done
check "a killed batch: its workers stop, leaving no temporary folder and no package" sh -c \
    "sleep 0.5; ! ls -A '$T/killed' | grep -q ."
check "SIGTERM mid-package: the older package is intact" diff -r "$T/older" "$P"
check "SIGTERM mid-package: no temporary folder left" sh -c "! ls -A '$O' | grep -q '^\\.'"

# a full disk (a file-size limit): a clear error, no partial package
s=0; (ulimit -f 64; "$QS" package "$S" -o "$T/full" >/dev/null 2>"$T/full.err") || s=$?
check "file-size limit: exit 2, the file and the system's reason named" sh -c \
    "test $s -eq 2 && grep -q '^$T/full/埇桥区-2022/[^:]*: error: cannot write: File too large' '$T/full.err'"
check "file-size limit: no package and no temporary folder" sh -c "! ls -A '$T/full' 2>/dev/null | grep -q ."
s=0; (ulimit -f 4; "$QS" package -j 1 "$S" -o "$T/full2" >/dev/null 2>"$T/full2.err") || s=$?
check "file-size limit on a workbook: exit 2, the system's reason named" sh -c \
    "test $s -eq 2 && grep -q '^$T/full2/埇桥区-2022/任务分解表.xlsx: error: cannot write: File too large' '$T/full2.err'"

# no usable font: a clear error naming the role
printf 'title: No Such Font\nheading1: No Such Font\nheading2: No Such Font\nbody: No Such Font\nheader: No Such Font\ntable: No Such Font\npagenum: No Such Font\n' >"$T/nofont.conf"
s=0; "$QS" package --font-map "$T/nofont.conf" "$S" -o "$T/nf" >/dev/null 2>"$T/nf.err" || s=$?
check "no font installed: exit 2, the role named" sh -c "test $s -eq 2 && grep -q 'no font of the title role is installed' '$T/nf.err'"

# an unwritable target
: >"$T/afile"
s=0; "$QS" package "$S" -o "$T/afile/sub" >/dev/null 2>"$T/ro.err" || s=$?
check "unwritable target: exit 2 with the reason" sh -c "test $s -eq 2 && grep -q 'cannot create the folder: Not a directory' '$T/ro.err'"

# evidence templates pass validation as they stand
"$QS" init "$S" --unit 区住房建设局 -o "$T/zjj.xml" 2>/dev/null
mkdir -p "$T/tmpl/evidence"
cp "$S/plan.xml" "$T/tmpl/"
cp "$T/zjj.xml" "$T/tmpl/evidence/"
s=0; "$QS" validate "$T/tmpl" 2>"$T/tmpl.err" || s=$?
check "init --unit: the template validates (warnings only)" test "$s" -eq 0
check "init --unit: unfilled items are warnings" grep -q "item 15.1 is not filled in yet" "$T/tmpl.err"
check "init --unit: the verbatim method sits beside the items" grep -q '工程质量验收合格率应达到100%（2分）' "$T/zjj.xml"
"$QS" init "$S" -o "$T/all" 2>/dev/null
check "init without --unit: one file per unit" test "$(ls "$T/all" | wc -l)" -ge 20
s=0; "$QS" init "$S" --unit 区住房建设厅 2>"$T/init.err" >/dev/null || s=$?
check "init with an unknown unit: exit 1 with a suggestion" sh -c "test $s -eq 1 && grep -q 'did you mean \"区住房建设局\"' '$T/init.err'"

# a batch never loses a case: cases that would write one package all fail,
# each naming the others, whatever the order and the number of workers; the
# others are written
cp -R "$T/gen/case-001" "$T/twin-a"
cp -R "$T/gen/case-001" "$T/twin-b"
for j in 1 2; do
    rm -rf "$T/tw$j"
    s=0; "$QS" package -j $j "$T/twin-a" "$T/gen/case-002" "$T/twin-b" -o "$T/tw$j" >"$T/tw.out" 2>"$T/tw.err" || s=$?
    check "two cases with one region and year, -j $j: exit 1, both FAILED, the other written" sh -c \
        "test $s -eq 1 && grep -q '^FAILED  $T/twin-a\$' '$T/tw.out' && grep -q '^FAILED  $T/twin-b\$' '$T/tw.out' &&
         grep -q '^1 ok, 2 failed\$' '$T/tw.out' && test -s '$T/tw$j/合成第002区-2023/SHA256SUMS' && test \$(ls -A '$T/tw$j' | wc -l) -eq 1"
    check "two cases with one region and year, -j $j: each error names the other case and the package" sh -c \
        "grep -q '^$T/twin-a/plan.xml:[0-9]*: error: this case and $T/twin-b would write one package, \"合成第001区-2022\"' '$T/tw.err' &&
         grep -q '^$T/twin-b/plan.xml:[0-9]*: error: this case and $T/twin-a would write one package' '$T/tw.err'"
done
# regions one file system takes for one: letter case, and NFC against NFD
mk_region() { # mk_region DIR REGION: a copy of case-001 for another region
    cp -R "$T/gen/case-001" "$1"
    "$PY" - "$1" "$2" <<'PY'
import sys, os
d, new = sys.argv[1:]
old = open(os.path.join(d, "plan.xml"), encoding="utf-8").read().split("<region>")[1].split("</region>")[0]
for root, _, files in os.walk(d):
    for f in files:
        if f.endswith(".xml"):
            p = os.path.join(root, f)
            t = open(p, encoding="utf-8").read()
            open(p, "w", encoding="utf-8").write(t.replace(old, new))
PY
}
mk_region "$T/case-up" "QA区"
mk_region "$T/case-low" "qa区"
s=0; "$QS" package -q "$T/case-up" "$T/case-low" -o "$T/twcase" >/dev/null 2>"$T/tw.err" || s=$?
check "regions QA区 and qa区: both fail as one package on Windows and macOS, nothing written" sh -c \
    "test $s -eq 1 && test \$(grep -c 'differ only in letter case' '$T/tw.err') -eq 2 && ! ls -A '$T/twcase' | grep -q ."
mk_region "$T/case-nfc" "$(printf 'caf\303\251区')"
mk_region "$T/case-nfd" "$(printf 'cafe\314\201区')"
s=0; "$QS" package -q "$T/case-nfc" "$T/case-nfd" -o "$T/twnfc" >/dev/null 2>"$T/tw.err" || s=$?
check "regions café区 in NFC and in NFD: both fail" sh -c "test $s -eq 1 && test \$(grep -c 'Unicode' '$T/tw.err') -eq 2"

# 校验意见.txt names files relative to the case folder, whatever folder the run starts in
(cd "$T" && "$QS" package -q "$TOP/$S" -o "$T/rel" >/dev/null 2>&1)
W="$T/rel/埇桥区-2022/校验意见.txt"
check "校验意见.txt: plan.xml:18 and indicators-anhui-2022.xml:302, no folder of the run" sh -c \
    "grep -q '^plan.xml:18: warning: ' '$W' && grep -q '^indicators-anhui-2022.xml:302: warning: ' '$W' && ! grep -q '/' '$W'"

# 校验意见.txt: the official text's own faults apart from the data's
mkdir -p "$T/dw"
cp -R "$S/plan.xml" "$S/evidence" "$S/attachments" "$T/dw/"
sed -i 's/<item ref="7.1" done="true">/<item ref="7.1">/' "$T/dw/evidence/czj.xml"
"$QS" package -q "$T/dw" -o "$T/dw-out" >/dev/null 2>&1
W="$T/dw-out/埇桥区-2022/校验意见.txt"
check "校验意见.txt: the published faults under 一, the data's warning (an item not filled in) under 二" sh -c \
    "sed -n '/^一、/,/^二、/p' '$W' | grep -q 'indicators-anhui-2022.xml:432: .*(as published' &&
     ! sed -n '/^一、/,/^二、/p' '$W' | grep -q 'not filled in' &&
     sed -n '/^二、/,\$p' '$W' | grep -q '^evidence/czj.xml:[0-9]*: warning: item .* is not filled in yet' &&
     ! sed -n '/^二、/,\$p' '$W' | grep -q 'as published'"

finish
