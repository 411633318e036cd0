#!/bin/sh
# e2e.sh - the shipped sample through the real command line: the README's
# example session first, then the transcription against the source document,
# the dump golden, exit statuses, and an installed copy.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
G=tests/golden/yongqiao-2022

# 1. the README's example session, command for command, with its shown output
sed -n '/^<!-- session -->$/,/^<!-- \/session -->$/p' README.md | sed -n 's/^\$ //p' >"$T/session.sh"
check "README has an example session" test -s "$T/session.sh"
sed -n '/^<!-- session -->$/,/^<!-- \/session -->$/p' README.md |
    sed -e '/^<!--/d' -e '/^```/d' >"$T/session.expected"
(
    PATH="$TOP/build:$PATH"
    while IFS= read -r cmd; do
        echo "\$ $cmd"
        sh -c "$cmd" 2>&1 || echo "[exit $?]"
    done <"$T/session.sh"
) >"$T/session.actual"
same "README session output" "$T/session.expected" "$T/session.actual"

# 2. the sample validates, with exactly the warnings the official text deserves
status=0
"$QS" validate "$S" 2>"$T/validate.txt" || status=$?
check "sample validates (exit 0)" test "$status" -eq 0
same "sample diagnostics" "$G/validate.txt" "$T/validate.txt"

# 3. every row, method, unit cell, label and task as published
"$QS" dump "$S" >"$T/dump.txt" 2>/dev/null
check "sample transcribed from the seed character for character" \
    "$PY" tests/tools/seed_check.py tests/data/seed-yongqiao-2022.txt "$T/dump.txt"
same "sample dump" "$G/dump.txt" "$T/dump.txt"

# 4. exit statuses and help
s=0; "$QS" >/dev/null 2>&1 || s=$?
check "no arguments: exit 2" test "$s" -eq 2
s=0; "$QS" frobnicate x >/dev/null 2>"$T/err" || s=$?
check "unknown command: exit 2" test "$s" -eq 2
check "unknown command: named" grep -q 'unknown command "frobnicate"' "$T/err"
s=0; "$QS" --help >"$T/help" 2>&1 || s=$?
check "--help: exit 0 with examples" sh -c "test $s -eq 0 && grep -q 'Examples:' '$T/help'"
check "--version" sh -c "'$QS' --version | grep -q '^qsreport [0-9]'"
for c in validate dump score table report units package init fonts; do
    "$QS" "$c" --help >"$T/help-$c" 2>&1
done
check "every command has its own --help with an example" sh -c \
    "for c in validate dump score table report units package init fonts; do grep -q \"^usage: qsreport \$c\" '$T'/help-\$c && grep -q 'qsreport '\$c' ' '$T'/help-\$c || exit 1; done"
s=0; "$QS" validate "$T/no-such-case" 2>/dev/null || s=$?
check "missing case folder: exit 2" test "$s" -eq 2
s=0; "$QS" validate "$S/plan.xml" "$S/../../templates/indicators-anhui-2022.xml" 2>/dev/null || s=$?
check "loose files: plan and schema validate" test "$s" -eq 0

# 5. make install honours DESTDIR and PREFIX; the installed binary finds its templates
make -s install DESTDIR="$T/dest" PREFIX=/opt/qs >"$T/install.log" 2>&1 || cat "$T/install.log"
check "install: binary, templates, man page" test -x "$T/dest/opt/qs/bin/qsreport" \
    -a -f "$T/dest/opt/qs/share/qsreport/templates/indicators-anhui-2022.xml" \
    -a -f "$T/dest/opt/qs/share/man/man1/qsreport.1"
s=0; (cd "$T" && "$T/dest/opt/qs/bin/qsreport" validate "$TOP/$S" 2>/dev/null) || s=$?
check "installed binary validates the sample" test "$s" -eq 0

finish
