#!/bin/sh
# e2e_exit.sh - every exit 2 says why (issue 11): a case that is not there,
# a path over PATH_MAX or a name over NAME_MAX, a file where -o wants a
# folder, a folder that cannot be written, a bad option, a standard output
# that cannot be written.  Each must end in exit 2 with a message on stderr
# that names the path (or the option) and the reason.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022
long=$(printf 'a/%.0s' $(seq 3000))   # 6000 bytes: over PATH_MAX
longname=$(printf 'b%.0s' $(seq 300)) # one name of 300 bytes: over NAME_MAX
: >"$T/plain"
mkdir -p "$T/out"

# exits2 NAME NEEDLE REASON CMD...: CMD exits 2, and a line of its stderr
# holds NEEDLE (the path; grep -F) and REASON
exits2() {
    e_name=$1 e_needle=$2 e_reason=$3
    shift 3
    s=0; "$@" >"$T/out.txt" 2>"$T/err.txt" || s=$?
    if [ "$s" -eq 2 ] && grep -F -- "$e_needle" "$T/err.txt" | grep -q -- "$e_reason"; then
        ok "$e_name"
    else
        bad "$e_name: exit $s, want 2 and a line with the path and \"$e_reason\""
        cut -c1-200 "$T/err.txt" | head -5 | sed 's/^/    /'
    fi
}

# 1. the case: not there, a path over PATH_MAX, a name over NAME_MAX
for cmd in validate dump score table report units package init; do
    case $cmd in
    table) o="-o $T/out/t.pdf" ;;
    report) o="-o $T/out/r.pdf" ;;
    units | package | init) o="-o $T/out/$cmd" ;;
    *) o= ;;
    esac
    exits2 "$cmd: a case that is not there" "$T/no-such-case" "No such file or directory" \
        "$QS" $cmd "$T/no-such-case" $o
    exits2 "$cmd: a case path over PATH_MAX" "a/a/a/a/" "too long" "$QS" $cmd "$long" $o
    exits2 "$cmd: a case name over NAME_MAX" "$longname" "too long" "$QS" $cmd "$longname" $o
done

# 2. the output: a path over PATH_MAX, a name over NAME_MAX, under a file
for o in "$long" "$T/out/$longname"; do
    case $o in "$long") what="a path over PATH_MAX" n="a/a/a/a/" ;; *) what="a name over NAME_MAX" n=$longname ;; esac
    exits2 "table -o $what" "$n" "too long" "$QS" table "$S" -o "$o.xlsx"
    exits2 "table -o $what (pdf)" "$n" "too long" "$QS" table "$S" -o "$o.pdf"
    exits2 "report -o $what" "$n" "too long" "$QS" report "$S" -o "$o.pdf"
    exits2 "units -o $what" "$n" "too long" "$QS" units "$S" -o "$o"
    exits2 "package -o $what" "$n" "too long" "$QS" package "$S" -o "$o"
    exits2 "init -o $what" "$n" "too long" "$QS" init "$S" -o "$o"
    exits2 "init --unit -o $what" "$n" "too long" "$QS" init "$S" --unit 区财政局 -o "$o.xml"
done
exits2 "table -o under a file" "$T/plain/t.xlsx" "Not a directory" "$QS" table "$S" -o "$T/plain/t.xlsx"
exits2 "report -o under a file" "$T/plain/r.pdf" "Not a directory" "$QS" report "$S" -o "$T/plain/r.pdf"
exits2 "init --unit -o under a file" "$T/plain/u.xml" "Not a directory" \
    "$QS" init "$S" --unit 区财政局 -o "$T/plain/u.xml"
exits2 "table -o in a folder that is not there" "$T/none/t.pdf" "No such file or directory" \
    "$QS" table "$S" -o "$T/none/t.pdf"
for cmd in units package init; do
    exits2 "$cmd -o a file (a folder wanted)" "$T/plain:" "Not a directory" "$QS" $cmd "$S" -o "$T/plain"
    exits2 "$cmd -o below a file" "$T/plain/sub" "Not a directory" "$QS" $cmd "$S" -o "$T/plain/sub"
done

# 3. a folder that cannot be written (root writes anywhere: run as nobody)
mkdir "$T/ro"
chmod 555 "$T/ro"
if unprivileged; then
    exits2 "table -o in a read-only folder" "$T/ro/t.xlsx" "Permission denied" $RUN "$QSU" table "$SU" -o "$T/ro/t.xlsx"
    exits2 "report -o in a read-only folder" "$T/ro/r.pdf" "Permission denied" $RUN "$QSU" report "$SU" -o "$T/ro/r.pdf"
    for cmd in units package init; do
        exits2 "$cmd -o a read-only folder" "$T/ro" "Permission denied" $RUN "$QSU" $cmd "$SU" -o "$T/ro"
        exits2 "$cmd -o below a read-only folder" "$T/ro/sub" "Permission denied" \
            $RUN "$QSU" $cmd "$SU" -o "$T/ro/sub"
    done
    exits2 "init --unit -o in a read-only folder" "$T/ro/u.xml" "Permission denied" \
        $RUN "$QSU" init "$SU" --unit 区财政局 -o "$T/ro/u.xml"
    check "read-only folder: left empty" test -z "$(ls -A "$T/ro")"
else
    echo "SKIP a folder that cannot be written: $WHY"
fi
RUN=

# 4. the command line: each refusal names what is wrong, then the usage
exits2 "no command" "no command" "" "$QS"
exits2 "an unknown command" "frob" "unknown command" "$QS" frob
exits2 "an unknown option" "--bogus" "unrecognized option" "$QS" validate --bogus "$S"
exits2 "no case" "validate needs" "case folder" "$QS" validate
exits2 "table without -o" "table needs" "-o" "$QS" table "$S"
exits2 "table -o F.txt" "$T/t.txt" "must end in" "$QS" table "$S" -o "$T/t.txt"
exits2 "--format json" "--format" "table, csv or xml" "$QS" score --format json "$S"
exits2 "-j 0" "-j" "1 to 256" "$QS" package -j 0 "$S" -o "$T/out/p"
exits2 "a ninth --font-dir" "--font-dir" "at most" "$QS" fonts $(for i in 1 2 3 4 5 6 7 8 9; do printf -- '--font-dir /tmp '; done)
exits2 "units with two -o" "units" "no more -o" "$QS" units "$S" -o "$T/out/a" -o "$T/out/b"
exits2 "a font map that is not there" "$T/none.conf" "No such file or directory" \
    "$QS" table --font-map "$T/none.conf" "$S" -o "$T/out/t.pdf"

# 5. a standard output that cannot be written
if [ -w /dev/full ]; then
    for cmd in "--help" "--version" "score $S" "dump $S" "fonts"; do
        exits2 "$cmd > /dev/full" "standard output" "No space left on device" sh -c "'$QS' $cmd >/dev/full"
    done
else
    echo "SKIP a standard output that cannot be written: no /dev/full"
fi

finish
