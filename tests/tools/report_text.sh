#!/bin/sh
# report_text.sh PDF: the report's text as a reader reads it, for a reviewed
# golden (tests/golden/<sample>/report.pdf.txt): poppler's reading order,
# one printed line a line, without the draft mark's scattered characters.
set -eu
pdftotext -raw "$1" - | tr '\f' '\n' | sed 's/[[:space:]]*$//' |
    grep -v -x -e '' -e '征' -e '求' -e '意' -e '见' -e '稿' || true
