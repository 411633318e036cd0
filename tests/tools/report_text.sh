#!/bin/sh
# report_text.sh PDF: the report's text as printed, for a reviewed golden
# (tests/golden/<sample>/report.pdf.txt): one printed line a line, from
# MuPDF's glyph positions (tests/tools/stext.py), so compressed punctuation
# does not break a line as a reader's heuristics would; the draft mark is
# drawn as outlines, not text: a stray 征/求/意/见/稿 line here is a
# regression the golden shows.
set -eu
/usr/bin/python3 "$(dirname "$0")/stext.py" lines "$1" | tr '\f' '\n' | sed 's/[[:space:]]*$//' |
    grep -v -x -e '' || true
