#!/bin/sh
# golden.sh - `make golden`: rewrites the reviewed text goldens of the sample
# from the current build.  Review the diff before committing; `make check`
# never runs this.
set -eu
export LC_ALL=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1672531200
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
G=tests/golden/yongqiao-2022
mkdir -p "$G"
build/qsreport validate samples/yongqiao-2022 2>"$G/validate.txt" || true
build/qsreport dump samples/yongqiao-2022 >"$G/dump.txt" 2>/dev/null || true
git --no-pager diff --stat -- "$G" 2>/dev/null || true
