#!/bin/sh
# valgrind.sh - `make check-valgrind`: the commands of the end-to-end tests
# on the sample, each under valgrind memcheck ($QSREPORT_WRAP); a memory
# error or a definite leak makes valgrind exit 99 and the check fail.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
W=${QSREPORT_WRAP:-valgrind -q --error-exitcode=99 --leak-check=full}

# vg NAME ARGS...: qsreport under valgrind; passes unless valgrind found something
vg() {
    name=$1
    shift
    s=0
    $W "$QS" "$@" >"$T/vg.out" 2>"$T/vg.err" || s=$?
    if [ "$s" -eq 99 ] || grep -q '^==[0-9]*== ' "$T/vg.err"; then
        bad "valgrind: $name"
        grep '^==' "$T/vg.err" | head -30 | sed 's/^/    /'
    else
        ok "valgrind: $name (exit $s)"
    fi
}

vg "validate the sample" validate "$S"
vg "validate a broken case" validate tests/cases/010-malformed-xml/case
vg "score" score "$S"
vg "score --format xml" score --format xml "$S"
vg "table xlsx and pdf" table "$S" -o "$T/t.xlsx" -o "$T/t.pdf"
vg "report pdf and xlsx" report "$S" -o "$T/r.pdf" -o "$T/r.xlsx"
vg "units" units "$S" -o "$T/units"
vg "init" init "$S" -o "$T/init"
vg "init --format xlsx (evidence forms)" init "$S" -o "$T/forms" --format xlsx
vg "validate a filled form with its plan" validate "$S/plan.xml" "$T/forms/区市场监管局.xlsx"
vg "import a form" import "$T/forms/区市场监管局.xlsx" -o "$T/scjgj.xml"
vg "package --zip" package -q --zip "$S" -o "$T/pkg"
vg "package -j 2, one case (its unit sheets a work item of their own)" package -q -j 2 "$S" -o "$T/pkg1"
"$PY" tests/tools/gen_cases.py "$S" "$T/gen" 2 >/dev/null
vg "package -j 2, two cases (and their summary)" package -q -j 2 "$S" "$T/gen/case-002" -o "$T/pkg2"
vg "package -j 2, a district twice (refused)" package -q -j 2 "$S" "$S" -o "$T/pkg3"
vg "summary -j 1, xlsx and pdf" summary -q -j 1 "$S" "$T/gen/case-001" "$T/gen/case-002" -o "$T/s.xlsx" -o "$T/s.pdf"
vg "summary -j 2, a district twice (refused)" summary -q -j 2 "$S" "$S" -o "$T/s2.xlsx"
finish
