#!/bin/sh
# e2e_cli.sh - the command line stays thin and its help cannot drift (issue
# 15): src/main.c is under 400 lines; every command `--help` lists runs
# `qsreport CMD --help` with its own synopsis, which the usage and the man
# page's SYNOPSIS name too; an unknown command is refused.  And the one
# process layer: -j 2 on one case says what -j 1 says.  --help and the
# usage are generated from main.c's table of commands, so a command the
# table lacks cannot be listed.
. "$(dirname "$0")/setup.sh"
cd "$TOP"

lines=$(wc -l <src/main.c)
check "src/main.c is under 400 lines ($lines)" test "$lines" -lt 400

"$QS" --help >"$T/help"
# the commands: the entries of "Commands:" (two-space indent, a lower-case word)
sed -n '/^Commands:/,/^$/p' "$T/help" | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p; s/^  \([a-z][a-z]*\)$/\1/p' |
    sort -u >"$T/cmds"
n=$(wc -l <"$T/cmds")
check "--help lists the commands ($n)" test "$n" -ge 10
"$QS" frobnicate 2>&1 | sed -n 's/^[a-z:]* *qsreport /qsreport /p' >"$T/usage" || true
for c in $(cat "$T/cmds"); do
    s=0; "$QS" "$c" --help >"$T/help-$c" 2>&1 || s=$?
    check "$c --help: exit 0 and its own synopsis" sh -c \
        "test $s -eq 0 && head -n 1 '$T/help-$c' | grep -q '^usage: qsreport $c '"
    syn=$(head -n 1 "$T/help-$c" | sed 's/^usage: //')
    check "$c: the usage gives the synopsis of $c --help" grep -qxF "$syn" "$T/usage"
    check "$c: the man page's SYNOPSIS names it" grep -qx "\\.B qsreport $c" src/qsreport.1
done
cut -d ' ' -f 2 "$T/usage" | grep -vx -- '--help' | sort -u >"$T/usage-cmds"
same "the usage lists the commands --help lists" "$T/cmds" "$T/usage-cmds"
# one process layer: a case whose unit sheets are a work item of their own
# (-j 2) says what -j 1 says when they cannot be written, line for line
S=samples/yongqiao-2022
cc -shared -fPIC -o "$T/failrename.so" tests/tools/fsfault.c -ldl
for j in 1 2; do
    s=0; QS_FAIL_RENAME=/责任清单/区人社局.pdf LD_PRELOAD="$T/failrename.so" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
        "$QS" package -j $j "$S" -o "$T/fr" >"$T/fr$j.out" 2>"$T/fr$j.err" || s=$?
    echo "$s" >>"$T/fr$j.out"
done
same "a unit sheet that cannot be written: -j 2 prints what -j 1 prints" "$T/fr1.err" "$T/fr2.err"
same "a unit sheet that cannot be written: -j 2 exits as -j 1 does" "$T/fr1.out" "$T/fr2.out"
check "and neither leaves anything behind" sh -c "! ls -A '$T/fr' | grep -q ."

s=0; "$QS" frobnicate >/dev/null 2>"$T/err" || s=$?
check "an unknown command: exit 2, named" sh -c "test $s -eq 2 && grep -q 'unknown command \"frobnicate\"' '$T/err'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
