#!/bin/sh
# report_text.sh PDF: the report's text as a reader reads it, for a reviewed
# golden (tests/golden/<sample>/report.pdf.txt): poppler's reading order,
# one printed line a line (the draft mark is drawn as outlines, not text:
# a stray 征/求/意/见/稿 line here is a regression the golden shows).
set -eu
pdftotext -raw "$1" - | tr '\f' '\n' | sed 's/[[:space:]]*$//' |
    grep -v -x -e '' || true
