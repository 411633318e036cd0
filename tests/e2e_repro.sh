#!/bin/sh
# e2e_repro.sh - SOURCE_DATE_EPOCH (issue 11): at 0, the Unix epoch itself,
# every document is dated 1970-01-01T00:00:00Z (libxlsxwriter reads a
# created date of 0 as "now") and two runs give the same bytes; at the
# last second of 9999 it still works; a malformed value (not decimal
# digits, or past 9999) stops table, report, units and package with exit 2
# and a message naming the variable, before anything is written; an empty
# value counts as unset (the current time).
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022

# every command that dates what it writes, into folder $1
write_all() {
    mkdir -p "$1/units"
    "$QS" table "$S" -o "$1/table.xlsx" -o "$1/table.pdf" &&
        "$QS" report "$S" -o "$1/report.pdf" -o "$1/selfassess.xlsx" &&
        "$QS" units "$S" -o "$1/units" &&
        "$QS" package -q "$S" -o "$1/package" &&
        "$QS" package -q --zip "$S" -o "$1/zip"
}

# the dcterms:created and dcterms:modified of an xlsx, one line each
core_dates() {
    unzip -p "$1" docProps/core.xml | grep -o '<dcterms:\(created\|modified\)[^>]*>[^<]*' | sed 's/.*>//'
}

# every_xlsx_dated DIR DATE: each xlsx under DIR (and in its zips) says DATE twice
every_xlsx_dated() {
    n=0
    for f in $(find "$1" -name '*.xlsx'); do
        [ "$(core_dates "$f" | sort -u)" = "$2" ] || { echo "$f: $(core_dates "$f" | tr '\n' ' ')"; return 1; }
        n=$((n + 1))
    done
    [ "$n" -ge 5 ] || { echo "only $n xlsx files"; return 1; }
}

# every_pdf_dated DIR PATTERN: pdfinfo's dates of each PDF written under DIR
# (not the cited files in 佐证材料/) match PATTERN
every_pdf_dated() {
    n=0
    for f in $(find "$1" -name '*.pdf' ! -path '*/佐证材料/*'); do
        d=$(pdfinfo "$f" | grep -E '^(CreationDate|ModDate):' | sed 's/^[A-Za-z]*: *//' | sort -u)
        echo "$d" | grep -qx "$2" || { echo "$f: $d"; return 1; }
        n=$((n + 1))
    done
    [ "$n" -ge 5 ] || { echo "only $n PDF files"; return 1; }
}

# 1. SOURCE_DATE_EPOCH=0: 1970 everywhere, and the same bytes twice
export SOURCE_DATE_EPOCH=0
s=0; write_all "$T/a" 2>"$T/a.err" || s=$?
check "epoch 0: every command exits 0" test "$s" -eq 0
sleep 1 # a second later, so that "now" would differ
s=0; write_all "$T/b" 2>/dev/null || s=$?
check "epoch 0: the second run exits 0" test "$s" -eq 0
check "epoch 0: two runs are byte-identical" diff -r "$T/a" "$T/b"
check "epoch 0: every xlsx (and the packaged ones) created and modified at 1970-01-01T00:00:00Z" \
    every_xlsx_dated "$T/a" 1970-01-01T00:00:00Z
check "epoch 0: openpyxl reads the table's dates as 1970" sh -c "'$PY' -c '
import openpyxl, sys
p = openpyxl.load_workbook(sys.argv[1]).properties
sys.exit(str(p.created) != \"1970-01-01 00:00:00\" or str(p.modified) != \"1970-01-01 00:00:00\")' '$T/a/table.xlsx'"
check "epoch 0: every PDF's CreationDate and ModDate are 1970-01-01 00:00:00 UTC" \
    every_pdf_dated "$T/a" 'Thu Jan  1 00:00:00 1970 UTC'
(cd "$T/a/package"/* && sha256sum -c --quiet SHA256SUMS) >"$T/sums.out" 2>&1
check "epoch 0: the package's checksums hold" test ! -s "$T/sums.out"
mkdir "$T/unzip"
(cd "$T/unzip" && unzip -q "$T/a/zip"/*.zip)
check "epoch 0: the zip holds the same files as the folder" diff -r "$T/a/package" "$T/unzip"

# 2. the last second a four-digit year shows
export SOURCE_DATE_EPOCH=253402300799
s=0; write_all "$T/max" 2>/dev/null || s=$?
check "epoch 253402300799: every command exits 0" test "$s" -eq 0
check "epoch 253402300799: every xlsx dated 9999-12-31T23:59:59Z" \
    every_xlsx_dated "$T/max" 9999-12-31T23:59:59Z
check "epoch 253402300799: every PDF dated 9999-12-31 23:59:59 UTC" \
    every_pdf_dated "$T/max" 'Fri Dec 31 23:59:59 9999 UTC'

# 3. malformed values: exit 2 naming the variable, nothing written
for v in garbage -1 1e9 253402300800 9223372036854775807 " 5" "5 " +5 0x10 1.5; do
    export SOURCE_DATE_EPOCH="$v"
    for cmd in table report units package; do
        out=$T/bad/$cmd
        mkdir -p "$T/bad"
        case $cmd in
        table) set -- table "$S" -o "$out.xlsx" ;;
        report) set -- report "$S" -o "$out.pdf" ;;
        units) set -- units "$S" -o "$out" ;;
        package) set -- package -q "$S" -o "$out" ;;
        esac
        s=0; "$QS" "$@" >"$T/bad.out" 2>"$T/bad.err" || s=$?
        check "SOURCE_DATE_EPOCH=\"$v\" $cmd: exit 2" test "$s" -eq 2
        check "SOURCE_DATE_EPOCH=\"$v\" $cmd: the message names the variable and the value" \
            grep -qF "SOURCE_DATE_EPOCH=\"$v\"" "$T/bad.err"
        check "SOURCE_DATE_EPOCH=\"$v\" $cmd: nothing written" test -z "$(ls -A "$T/bad")"
    done
done
SOURCE_DATE_EPOCH="5 " "$QS" table "$S" -o "$T/bad/t.pdf" 2>"$T/bad.err" || true
check "the message says what is allowed" grep -qxF \
    'qsreport: SOURCE_DATE_EPOCH="5 ": not a whole number of seconds from 0 to 253402300799' "$T/bad.err"

# commands that write no date do not read it
export SOURCE_DATE_EPOCH=garbage
check "a malformed value does not stop validate" sh -c "'$QS' validate '$S' 2>/dev/null"
check "a malformed value does not stop score" sh -c "'$QS' score '$S' >/dev/null 2>&1"

# 4. empty is unset: the current time
export SOURCE_DATE_EPOCH=
year=$(date -u +%Y)
s=0; "$QS" table "$S" -o "$T/empty.xlsx" -o "$T/empty.pdf" 2>/dev/null || s=$?
check "empty SOURCE_DATE_EPOCH: exit 0" test "$s" -eq 0
check "empty SOURCE_DATE_EPOCH: the xlsx carries this year" sh -c \
    "unzip -p '$T/empty.xlsx' docProps/core.xml | grep -q '<dcterms:created[^>]*>$year-'"
check "empty SOURCE_DATE_EPOCH: the PDF carries this year" sh -c \
    "pdfinfo '$T/empty.pdf' | grep -q '^CreationDate:.* $year UTC'"

finish
