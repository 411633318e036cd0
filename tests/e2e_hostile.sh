#!/bin/sh
# e2e_hostile.sh - hostile input and faults: huge files and text nodes,
# deep nesting, ten thousand indicators, a ten-thousand-character unit name,
# a damaged font, and a package killed with SIGKILL.  Each must end in a
# clear diagnostic or a clean result, within a time limit, never a crash.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022

# run NAME LIMIT WANT-STATUS ARGS...: qsreport within LIMIT seconds, no signal death
run() {
    name=$1 limit=$2 want=$3
    shift 3
    s=0
    timeout "$limit" "$QS" "$@" >"$T/out" 2>"$T/err" || s=$?
    if [ "$s" -eq "$want" ]; then ok "$name (exit $s)"; else bad "$name: exit $s, want $want"; head -5 "$T/err" | sed 's/^/    /'; fi
}

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
finish
