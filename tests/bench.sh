#!/bin/sh
# bench.sh - `make bench`: time, peak memory and size of each output on the
# sample.  Reports only; nothing here passes or fails on speed (the machines
# are shared and noisy).  Each figure is the best of 5 runs.
set -eu
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1672531200
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
QS=build/qsreport
S=samples/yongqiao-2022
T=$(mktemp -d "${TMPDIR:-/tmp}/qs-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

# measure NAME CMD...: best wall time of 5 runs and the peak RSS
measure() {
    name=$1
    shift
    best=""
    peak=0
    for i in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o "$T/time" "$@" >/dev/null 2>&1 || true
        read -r secs kb <"$T/time"
        best=$(awk -v a="$secs" -v b="${best:-$secs}" 'BEGIN { print (a < b ? a : b) }')
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    printf '%-34s %7.3f s  %7d KB peak\n' "$name" "$best" "$peak"
}

echo "qsreport bench on $S ($(nproc) cores)"
measure "validate" "$QS" validate "$S"
measure "table -o xlsx" "$QS" table "$S" -o "$T/table.xlsx"
measure "table -o pdf" "$QS" table "$S" -o "$T/table.pdf"
measure "table -o xlsx -o pdf" "$QS" table "$S" -o "$T/table.xlsx" -o "$T/table.pdf"
echo
echo "sizes"
for f in "$T"/table.xlsx "$T"/table.pdf; do
    printf '  %-32s %8d bytes\n' "$(basename "$f")" "$(stat -c %s "$f")"
done
echo "  (target: the table PDF under 77 KB, the size Apache FOP reaches)"
