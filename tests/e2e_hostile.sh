#!/bin/sh
# e2e_hostile.sh - hostile input and faults: huge files and text nodes,
# deep nesting, ten thousand indicators, a ten-thousand-character unit name,
# a damaged font, and a package killed with SIGKILL.  Each must end in a
# clear diagnostic or a clean result, within a time limit, never a crash.
# Then the file system (issue 11): names that would climb out of -o, cited
# files that are symlinks, FIFOs, huge or twins, the user's own files in the
# output folder, kills at random instants, interrupts, modes.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022

mkdir -p "$T/big/evidence"
cp "$S/plan.xml" "$T/big/"
"$PY" - "$T/big/evidence/huge.xml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<evidence xmlns="urn:qsreport:evidence:1" version="1" region="埇桥区" year="2022"><unit name="区财政局"><item ref="7.1"><narrative>')
    f.write("质" * (34 * 1024 * 1024 // 3))
    f.write('</narrative></item></unit></evidence>\n')
PY
run "a 34 MB file with one huge text node" 30 1 validate "$T/big"
check "the huge file is named, with the limit" grep -q 'huge.xml: error: file is too large' "$T/err"

"$PY" -c "
import sys
n = 100000
sys.stdout.write('<?xml version=\"1.0\"?>\n<plan xmlns=\"urn:qsreport:plan:1\" version=\"1\">' + '<a>' * n + '</a>' * n + '</plan>\n')
" >"$T/deep.xml"
run "nesting 100,000 deep" 30 1 validate "$T/deep.xml"
check "deep nesting: one clear diagnostic with its line" sh -c "test \$(wc -l <'$T/err') -eq 1 && grep -q 'deep.xml:2: error: .*depth' '$T/err'"

"$PY" - "$T/many.xml" <<'PY'
import sys
n = 10000
out = ['<?xml version="1.0" encoding="UTF-8"?>',
       '<indicators xmlns="urn:qsreport:indicators:1" version="1" id="big" region="省" year="2022" total="100" bonus-cap="0">',
       '<title>大</title>', '<category id="a" name="甲" points="100"><label><line>甲</line></label>']
for i in range(1, n + 1):
    out.append('<indicator no="%d" points="0.01"><method>做到（0.01分）</method><item id="%d.1" points="0.01"><text>做到</text><fixed/></item></indicator>' % (i, i))
out.append('</category></indicators>')
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out))
PY
run "10,000 indicators" 120 0 validate "$T/many.xml"

mkdir -p "$T/longname/evidence"
"$PY" - "$S/plan.xml" "$T/longname/plan.xml" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
t = t.replace('<unit name="区财政局"', '<unit name="%s"' % ("财" * 10000), 1)
open(sys.argv[2], "w", encoding="utf-8").write(t)
PY
run "a unit name of 10,000 characters" 30 1 validate "$T/longname"
check "the long name is refused by its XSD length limit" grep -q "plan.xml:[0-9]*: error: .*length" "$T/err"

mkdir -p "$T/fonts"
f=$(fc-match -f '%{file}' 'AR PL UMing CN')
head -c 4000000 "$f" >"$T/fonts/truncated.ttc"
run "a truncated font in --font-dir: no crash" 60 0 table --font-dir "$T/fonts" "$S" -o "$T/t.pdf"

# SIGKILL mid-package leaves a temporary folder; the next run removes it
mkdir -p "$T/pk"
"$QS" package -q "$S" -o "$T/pk" >/dev/null 2>&1 &
pid=$!
wait_tmp "$T/pk"
kill -KILL "$pid" 2>/dev/null || true
s=0; wait "$pid" 2>/dev/null || s=$?
check "SIGKILL mid-package: the run ends by the signal (status 137)" test "$s" -eq 137
check "SIGKILL: no package of that name appears half-written" sh -c "! test -e '$T/pk/埇桥区-2022' || (cd '$T/pk/埇桥区-2022' && sha256sum -c --quiet SHA256SUMS)"
"$QS" package -q "$S" -o "$T/pk" >/dev/null 2>&1
check "the next run sweeps what the killed one left" sh -c "! ls -A '$T/pk' | grep -q '^\\.'"
check "and writes a complete package" sh -c "cd '$T/pk/埇桥区-2022' && sha256sum -c --quiet SHA256SUMS"

# ---------------------------------------------------------------- paths
# mkcase NAME: a copy of the sample in $T/NAME
mkcase() { rm -rf "$T/$1"; mkdir -p "$T/$1"; cp -R "$S/plan.xml" "$S/evidence" "$S/attachments" "$T/$1/"; }
# plan_edit NAME OLD NEW: replace the first OLD in NAME's plan
plan_edit() { "$PY" - "$T/$1/plan.xml" "$2" "$3" <<'PY'
import sys
p, old, new = sys.argv[1:]
t = open(p, encoding="utf-8").read()
assert old in t, old
open(p, "w", encoding="utf-8").write(t.replace(old, new, 1))
PY
}
# ev_edit NAME OLD NEW: the same in every evidence file
ev_edit() { "$PY" - "$T/$1/evidence" "$2" "$3" <<'PY'
import sys, os
d, old, new = sys.argv[1:]
for f in os.listdir(d):
    p = os.path.join(d, f)
    t = open(p, encoding="utf-8").read()
    open(p, "w", encoding="utf-8").write(t.replace(old, new))
PY
}

# a region that climbs out: refused at validate, nothing written anywhere
mkcase climb
plan_edit climb "<region>埇桥区</region>" "<region>../../../x</region>"
ev_edit climb 'region="埇桥区"' 'region="../../../x"'
mkdir -p "$T/cl/a/b/out"
s=0; "$QS" validate "$T/climb" 2>"$T/err" || s=$?
check "region ../../../x: validate exit 1 naming the region at its line" sh -c \
    "test $s -eq 1 && grep -q '^$T/climb/plan.xml:6: error: region \"../../../x\" names the package' '$T/err'"
s=0; (cd "$T/cl" && "$QS" package "$T/climb" -o a/b/out) >/dev/null 2>&1 || s=$?
s2=0; (cd "$T/cl" && "$QS" package --zip "$T/climb" -o a/b/out) >/dev/null 2>&1 || s2=$?
check "region ../../../x: package and package --zip exit 1, nothing written in or above -o" sh -c \
    "test $s -eq 1 && test $s2 -eq 1 && test -z \"\$(find '$T/cl' -mindepth 1 -not -path '$T/cl/a' -not -path '$T/cl/a/b' -not -path '$T/cl/a/b/out')\" && ! test -e '$T/x-2022' && ! test -e '$T/x-2022.zip'"

# every class of name the path check refuses, as a region and as a unit
n=0
for bad in 'a/b' 'a\b' '..' '.x' 'x.' 'CON' 'aux.pdf' 'Com1' 'a&#9;b' 'a&#10;b' 'a:b' 'a?b' 'a|b' \
    "$(printf '区%.0s' $(seq 1 67))"; do
    n=$((n + 1))
    mkcase "rg$n"
    plan_edit "rg$n" "<region>埇桥区</region>" "<region>$bad</region>"
    s=0; "$QS" validate "$T/rg$n" 2>"$T/err" || s=$?
    check "region '$bad': refused at plan.xml:6" sh -c "test $s -eq 1 && grep -q '^$T/rg$n/plan.xml:6: error: region ' '$T/err'"
done
for bad in 'CON' '.区财政局' 'LPT1' '区&#9;财政局'; do
    n=$((n + 1))
    mkcase "un$n"
    plan_edit "un$n" '<unit name="区财政局"' "<unit name=\"$bad\""
    s=0; "$QS" validate "$T/un$n" 2>"$T/err" || s=$?
    check "unit '$bad': its sheet's file name is refused at its line" sh -c \
        "test $s -eq 1 && grep -q '^$T/un$n/plan.xml:[0-9]*: error: unit .*: the file name of its responsibility sheet' '$T/err'"
done
# a unit with characters Windows refuses: its file takes their full-width forms
mkcase wunit
sed -i 's/区财政局/区财政局:预算*科/g' "$T/wunit/plan.xml" "$T/wunit/evidence/"*.xml
"$QS" units "$T/wunit" -o "$T/wunit-out" >/dev/null 2>&1 || true
check "unit 区财政局:预算*科: its sheet is 区财政局：预算＊科.pdf" test -f "$T/wunit-out/区财政局：预算＊科.pdf"

# zip entries: relative, each starting with the package's name, never ..
"$QS" package -q --zip "$S" -o "$T/zip" >/dev/null 2>&1
check "zip entries are relative and inside the package's folder" sh -c \
    "unzip -Z1 '$T/zip/埇桥区-2022.zip' >'$T/entries' && test -s '$T/entries' && ! grep -v '^埇桥区-2022/' '$T/entries' && ! grep -q '\.\.' '$T/entries'"

# cited files: opened once, beneath the case, no symlink anywhere
mkcase sym
rm "$T/sym/attachments/czj-2022-21.txt"
ln -s /etc/passwd "$T/sym/attachments/czj-2022-21.txt"
s=0; "$QS" validate "$T/sym" 2>"$T/err" || s=$?
check "a cited file that is a symlink to /etc/passwd: exit 1 at its line" sh -c \
    "test $s -eq 1 && grep -q 'czj.xml:15: error: cited file \"attachments/czj-2022-21.txt\" is a symbolic link' '$T/err'"
mkcase symdir
mkdir "$T/outside"
mv "$T/symdir/attachments" "$T/outside/att"
ln -s "$T/outside/att" "$T/symdir/attachments"
s=0; "$QS" validate "$T/symdir" 2>"$T/err" || s=$?
check "attachments/ itself a symlink out of the case: every citation refused" sh -c \
    "test $s -eq 1 && grep -q 'is a symbolic link or is reached through one' '$T/err'"
mkcase fifo
rm "$T/fifo/attachments/czj-2022-21.txt"
mkfifo "$T/fifo/attachments/czj-2022-21.txt"
s=0; timeout 20 "$QS" validate "$T/fifo" 2>"$T/err" || s=$?
check "a cited FIFO: no hang, exit 1, not a regular file" sh -c \
    "test $s -eq 1 && grep -q 'czj-2022-21.txt\" is not a regular file' '$T/err'"
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
    strace -f -e trace=file,openat2 -o "$T/opens" "$QS" package -q -j 1 "$S" -o "$T/once" >/dev/null 2>&1 || true
    # every call that names the cited file in the case (its copy in the package is under 佐证材料/)
    check "package names each cited file in one call, an open beneath the case (no check-then-use)" sh -c \
        "test \$(grep -c 'attachments/czj-2022-21.txt\"' '$T/opens') -eq 1 && grep 'attachments/czj-2022-21.txt\"' '$T/opens' | grep -q 'RESOLVE_BENEATH\|O_NOFOLLOW'"
fi

# more cited files than a process may hold descriptors: past the budget each
# is checked, closed and opened again for its copy (and must be the same file)
"$PY" tests/tools/gen_big.py docs "$S" "$T/many" 700 100 >/dev/null
s=0; (ulimit -n 600 && "$QS" package -q "$T/many" -o "$T/many-out") >/dev/null 2>"$T/err" || s=$?
check "700 cited files with 600 descriptors: packaged, every file copied and summed" sh -c \
    "test $s -eq 0 && test \$(ls '$T/many-out/埇桥区-2022/佐证材料' | wc -l) -ge 700 &&
     cd '$T/many-out/埇桥区-2022' && sha256sum -c --quiet SHA256SUMS"

# a size cap (default 256 MiB, --max-file-size raises it); sparse files are not filled in
mkcase big
truncate -s 1T "$T/big/attachments/czj-2022-21.txt"
s=0; timeout 20 "$QS" validate "$T/big" 2>"$T/err" || s=$?
check "a sparse 1 TiB cited file: refused at once by the size cap" sh -c \
    "test $s -eq 1 && grep -q 'czj-2022-21.txt\" is larger than 256 MiB (--max-file-size raises the cap)' '$T/err'"
mkcase cap
head -c 3000 /dev/urandom >"$T/cap/attachments/czj-2022-21.txt"
s=0; "$QS" validate --max-file-size 2K "$T/cap" 2>"$T/err" || s=$?
s2=0; "$QS" validate --max-file-size 3K "$T/cap" 2>/dev/null || s2=$?
check "--max-file-size 2K refuses a 3000-byte file, 3K takes it" sh -c \
    "test $s -eq 1 && test $s2 -eq 0 && grep -q 'larger than 0 MiB\|larger than' '$T/err'"
mkcase sparse
rm "$T/sparse/attachments/czj-2022-21.txt"
printf head >"$T/sparse/attachments/czj-2022-21.txt"
truncate -s 100M "$T/sparse/attachments/czj-2022-21.txt"
"$QS" package -q "$T/sparse" -o "$T/sparse-out" >/dev/null 2>&1 || true
f="$T/sparse-out/埇桥区-2022/佐证材料/czj-2022-21.txt"
check "a sparse cited file is copied with its holes (size 100 MiB, few blocks)" sh -c \
    "test \$(stat -c %s '$f') -eq 104857600 && test \$(stat -c %b '$f') -lt 4096"

# twins: names one file system takes for one
mkcase twin
cp "$T/twin/attachments/czj-2022-21.txt" "$T/twin/attachments/CZJ-2022-21.txt"
ev_edit twin 'file="attachments/czj-2022-46.txt"' 'file="attachments/CZJ-2022-21.txt"'
s=0; "$QS" validate "$T/twin" 2>"$T/err" || s=$?
check "cited files differing only in letter case: exit 1 naming both" sh -c \
    "test $s -eq 1 && grep 'letter case' '$T/err' | grep -q 'CZJ-2022-21.txt' && grep 'letter case' '$T/err' | grep -q 'czj-2022-21.txt'"
mkcase nfd
printf x >"$T/nfd/attachments/$(printf 'caf\303\251').txt"
printf y >"$T/nfd/attachments/$(printf 'cafe\314\201').txt"
ev_edit nfd 'file="attachments/czj-2022-21.txt"' "file=\"attachments/$(printf 'caf\303\251').txt\""
ev_edit nfd 'file="attachments/czj-2022-46.txt"' "file=\"attachments/$(printf 'cafe\314\201').txt\""
s=0; "$QS" validate "$T/nfd" 2>"$T/err" || s=$?
check "cited files that are NFC/NFD twins: exit 1" sh -c "test $s -eq 1 && grep -q 'Unicode normalisation' '$T/err'"

# the plan's schema beside it follows the rule of plan and evidence
mkcase schema
sed -i 's|file="indicators-anhui-2022.xml"|file="schema.xml"|' "$T/schema/plan.xml"
ln -s "$TOP/templates/indicators-anhui-2022.xml" "$T/schema/schema.xml"
s=0; "$QS" validate "$T/schema" 2>"$T/err" || s=$?
check "a schema beside the plan that is a symlink out of the case: exit 1" sh -c \
    "test $s -eq 1 && grep -q 'indicator schema leads out of the case folder' '$T/err'"

# ---------------------------------------------------------------- the user's files
mkdir -p "$T/mine/.config.old-20240101" "$T/mine/.x.tmp-99999999" "$T/mine/.qsreport.tmp-AAAAAA"
echo keep >"$T/mine/.config.old-20240101/f"
echo keep >"$T/mine/.bashrc.old-2023"
echo keep >"$T/mine/.x.tmp-99999999/f"
echo keep >"$T/mine/.qsreport.tmp-AAAAAA/f" # looks like ours, carries no marker
"$QS" package -q "$S" -o "$T/mine" >/dev/null 2>&1
check "package leaves the user's hidden files and folders alone (even ones that look like ours)" sh -c \
    "test -f '$T/mine/.config.old-20240101/f' && test -f '$T/mine/.bashrc.old-2023' && test -f '$T/mine/.x.tmp-99999999/f' && test -f '$T/mine/.qsreport.tmp-AAAAAA/f'"
# a temporary folder with a marker whose lock a live process holds is left alone
mkdir -p "$T/live/.qsreport.tmp-BBBBBB"
printf 'qsreport temporary folder\n埇桥区-2022\n' >"$T/live/.qsreport.tmp-BBBBBB/.qsreport-temp"
flock -o "$T/live/.qsreport.tmp-BBBBBB/.qsreport-temp" sleep 30 &
lockpid=$!
sleep 0.3
"$QS" package -q "$S" -o "$T/live" >/dev/null 2>&1
check "a temporary folder whose lock is held (a live run) is not removed" test -d "$T/live/.qsreport.tmp-BBBBBB"
kill "$lockpid" 2>/dev/null || true
wait "$lockpid" 2>/dev/null || true
"$QS" package -q "$S" -o "$T/live" >/dev/null 2>&1
check "once the lock is gone, the next run removes it" test ! -e "$T/live/.qsreport.tmp-BBBBBB"

# what is at the final name and is not a package is never replaced
mkdir -p "$T/way"
echo mine >"$T/way/埇桥区-2022"
s=0; "$QS" package -q "$S" -o "$T/way" >/dev/null 2>"$T/err" || s=$?
check "a file of the user's at the package's name: exit 2, named, kept" sh -c \
    "test $s -eq 2 && grep -q '^$T/way/埇桥区-2022: error: a file is in the way' '$T/err' && test \"\$(cat '$T/way/埇桥区-2022')\" = mine"
mkdir -p "$T/way2/埇桥区-2022" && echo mine >"$T/way2/埇桥区-2022/notes.txt"
s=0; "$QS" package -q "$S" -o "$T/way2" >/dev/null 2>"$T/err" || s=$?
check "a folder of the user's (no SHA256SUMS) at the package's name: exit 2, kept" sh -c \
    "test $s -eq 2 && test -f '$T/way2/埇桥区-2022/notes.txt' && ! ls -A '$T/way2' | grep -q '^\.'"
mkdir -p "$T/way3" && echo mine >"$T/way3/埇桥区-2022.zip"
s=0; "$QS" package -q --zip "$S" -o "$T/way3" >/dev/null 2>"$T/err" || s=$?
check "--zip: a file at NAME.zip that is no zip archive: exit 2, kept" sh -c \
    "test $s -eq 2 && test \"\$(cat '$T/way3/埇桥区-2022.zip')\" = mine"

# modes from the umask
(umask 077 && "$QS" package -q "$S" -o "$T/m077" >/dev/null 2>&1)
(umask 022 && "$QS" package -q "$S" -o "$T/m022" >/dev/null 2>&1)
check "umask 077: package folders 700 and files 600" sh -c \
    "test \$(stat -c %a '$T/m077/埇桥区-2022') = 700 && test \$(stat -c %a '$T/m077/埇桥区-2022/SHA256SUMS') = 600 && test \$(stat -c %a '$T/m077/埇桥区-2022/责任清单') = 700"
check "umask 022: package folders 755 and files 644" sh -c \
    "test \$(stat -c %a '$T/m022/埇桥区-2022') = 755 && test \$(stat -c %a '$T/m022/埇桥区-2022/SHA256SUMS') = 644"

# the previous package is never lost: SIGKILL at random instants while a
# new package replaces it, then a next run that fails validation; the
# final name always holds a complete package (old or new)
mkcase broken
plan_edit broken "<year>2022</year>" "<year>20x22</year>"
cc -shared -fPIC -o "$T/fsfault.so" tests/tools/fsfault.c -ldl
# kill_loop LABEL N ENV...: N kills at random instants, each then a failing run
kill_loop() {
    label=$1 n=$2
    shift 2
    rm -rf "$T/kl"
    mkdir -p "$T/kl"
    SOURCE_DATE_EPOCH=1600000000 "$QS" package -q -j 1 "$S" -o "$T/kl" >/dev/null 2>&1
    lost=0
    i=0
    while [ $i -lt "$n" ]; do
        i=$((i + 1))
        env "$@" "$QS" package -q -j 1 "$S" -o "$T/kl" >/dev/null 2>&1 &
        pid=$!
        sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", rand() * 0.6 }')"
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        "$QS" package -q "$T/broken" -o "$T/kl" >/dev/null 2>&1 || true
        if ! (cd "$T/kl/埇桥区-2022" 2>/dev/null && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1); then
            lost=$((lost + 1))
        fi
    done
    check "$label: after $n kills at random instants, each followed by a failing run, a whole package is in place" test "$lost" -eq 0
    check "$label: and no temporary folder is left" sh -c "! ls -A '$T/kl' | grep -q '^\.'"
}
kill_loop "RENAME_EXCHANGE" 12 QS_UNUSED=1
kill_loop "two renames (no RENAME_EXCHANGE)" 12 LD_PRELOAD="$T/fsfault.so" QS_NO_EXCHANGE=1 \
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
# the two-step protocol killed between its renames: the next (failing) run completes it
rm -rf "$T/kb" && mkdir -p "$T/kb"
SOURCE_DATE_EPOCH=1600000000 "$QS" package -q "$S" -o "$T/kb" >/dev/null 2>&1
LD_PRELOAD="$T/fsfault.so" QS_NO_EXCHANGE=1 QS_KILL_AFTER_RENAME=/.old ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
    "$QS" package -q -j 1 "$S" -o "$T/kb" >/dev/null 2>&1 || true
check "killed between the two renames: no package under the final name for a moment" test ! -e "$T/kb/埇桥区-2022"
"$QS" package -q "$T/broken" -o "$T/kb" >/dev/null 2>&1 || true
check "the next run, though it fails validation, completes it: the new package is in place" sh -c \
    "cd '$T/kb/埇桥区-2022' && sha256sum -c --quiet SHA256SUMS && pdfinfo 自评报告.pdf | grep -q 'CreationDate:.*2023'"

# ---------------------------------------------------------------- interrupts
# table, report, units and init leave no temporary file on SIGINT or SIGTERM
k=0
for sig in INT TERM; do
    for cmd in "table $S -o @/t.pdf" "report $S -o @/r.pdf" "units $S -o @" "init $S -o @"; do
        k=$((k + 1))
        left=0
        for try in 1 2 3 4; do
            d="$T/int$k-$try"
            mkdir -p "$d"
            # shellcheck disable=SC2086
            "$QS" $(echo "$cmd" | sed "s|@|$d|g") >/dev/null 2>&1 &
            pid=$!
            sleep "$(awk -v s="$k$try$$" 'BEGIN { srand(s); printf "%.3f", rand() * 0.4 }')"
            kill -"$sig" "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
            ls -A "$d" | grep -q '\.tmp-' && left=$((left + 1))
        done
        check "SIG$sig at random instants: ${cmd%% *} leaves no temporary file" test "$left" -eq 0
    done
done
finish
