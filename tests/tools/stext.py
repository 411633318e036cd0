#!/usr/bin/python3
"""stext.py - a PDF's characters as MuPDF places them (mutool draw -F stext):
every glyph with its page, position, size and font, regrouped into printed
lines by baseline (not by a reader's heuristics, which break a line where
compressed punctuation overlaps its neighbour's box).

  stext.py lines PDF     one printed line a line, pages separated by a
                         form feed; pieces of a line farther apart than half
                         a character (table cells) are separate lines
  stext.py rows PDF      the same, but a whole baseline is one line, its
                         pieces joined by a space (a chart's label, bar, value)
  stext.py check PDF...  the typesetting rules of issue 14, glyph by glyph:
                         prints every fault and exits 1 if there is one

Imported by the tests for the same records (glyphs, lines).
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# clreq: full-width marks with their blank half on the right / on the left
RIGHT_BLANK = set("、，。；：！？）］｝〕】〗》〉」』”’")
LEFT_BLANK = set("（［｛〔【〖《〈「『“‘")
NO_START = set("。．，、：；！‼？⁇”’」』）］｝〕】〗》〉～–·・‧／—…⋯!),.:;?]}%％")
NO_END = set("“‘「『（［｛〔【〖《〈([{")
LATIN_FACES = re.compile(r"Liberation|Times|Arial|TeXGyre|Nimbus|Helvet", re.I)


def is_han(c):
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def glyphs(pdf):
    """[(page, x, y, size, font, c, width)] in drawing order."""
    out = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf],
                         capture_output=True, check=True).stdout
    root = ET.fromstring(out)
    res = []
    for n, page in enumerate(root.iter("page"), 1):
        for font in page.iter("font"):
            name, size = font.get("name"), float(font.get("size"))
            for ch in font.iter("char"):
                q = [float(v) for v in ch.get("quad").split()]
                res.append((n, float(ch.get("x")), float(ch.get("y")), size, name, ch.get("c"),
                            q[2] - q[0]))
    return res


def lines(pdf, split=0.5):
    """[(page, y, size, [glyph...])]: glyphs sharing a baseline, left to
    right, cut where two neighbours are more than `split` characters apart."""
    rows = {}
    for g in glyphs(pdf):
        rows.setdefault((g[0], round(g[2], 1)), []).append(g)
    res = []
    for (page, y), gs in sorted(rows.items()):
        gs.sort(key=lambda g: g[1])
        cur = [gs[0]]
        for a, b in zip(gs, gs[1:]):
            if b[1] - (a[1] + a[6]) > split * max(a[3], b[3]):
                res.append((page, y, cur[0][3], cur))
                cur = []
            cur.append(b)
        res.append((page, y, cur[0][3], cur))
    return res


def text(line):
    return "".join(g[5] for g in line[3])


def check(pdfs):
    bad = []
    for pdf in pdfs:
        name = pdf.rsplit("/", 1)[-1]
        ls = lines(pdf)
        width = {}  # the measure: the rightmost glyph end of body-size lines, per size
        for ln in ls:
            last = ln[3][-1]
            width[ln[2]] = max(width.get(ln[2], 0), last[1] + last[6])
        for ln in ls:
            page, y, size, gs = ln
            t = text(ln).strip()
            where = "%s p%d y=%.0f: %s" % (name, page, y, t[:24])
            if size >= 40:
                bad.append("%s: text at %g pt (the draft mark must be outlines)" % (where, size))
            for g in gs:
                if re.match(r"[0-9A-Za-z]", g[5]) and not LATIN_FACES.search(g[4]):
                    bad.append("%s: %r in %s, not a Latin face" % (where, g[5], g[4]))
                    break
            for a, b in zip(gs, gs[1:]):
                pitch = b[1] - a[1]
                paired = (a[5] in RIGHT_BLANK and (b[5] in RIGHT_BLANK or b[5] in LEFT_BLANK)) or \
                         (a[5] in LEFT_BLANK and b[5] in LEFT_BLANK)
                if paired and a[6] > 0.9 * size and pitch > 0.9 * size:
                    bad.append("%s: %s%s set at full width (pitch %.2f at %g pt)" %
                               (where, a[5], b[5], pitch, size))
            # a justified line (one that reaches the measure): Han pitch within 110%
            last = gs[-1]
            if last[1] + last[6] > width[size] - 0.6 * size:
                for a, b in zip(gs, gs[1:]):
                    if is_han(a[5]) and is_han(b[5]) and b[1] - a[1] > 1.1 * size + 0.02:
                        bad.append("%s: Han pitch %.2f at %g pt (over 110%%)" % (where, b[1] - a[1], size))
                        break
            # a paragraph's last line of one character: the line above it (one
            # pitch up, same size and face, starting left of it or with it)
            # reaches the measure of the lines that start where it starts
            if re.fullmatch(r"[\u4e00-\u9fff][。，、；：！？”’）》」』]*", t):
                for o in ls:
                    if not (o[0] == page and o[2] == size and 0 < y - o[1] < 2.5 * size and
                            o[3][0][4] == gs[0][4] and o[3][0][1] <= gs[0][1] + 0.5 and
                            gs[0][1] - o[3][0][1] < 2.5 * size):
                        continue
                    end = max(q[3][-1][1] + q[3][-1][6] for q in ls
                              if q[0] == page and abs(q[3][0][1] - o[3][0][1]) < 0.5)
                    if o[3][-1][1] + o[3][-1][6] > end - 0.6 * size:
                        bad.append("%s: a line of one character" % where)
                        break
            if t and (t[0] in NO_START and not re.match(r"— \d+ —", t)):
                bad.append("%s: starts with %s" % (where, t[0]))
            if t and t[-1] in NO_END:
                bad.append("%s: ends with %s" % (where, t[-1]))
    print("\n".join(bad[:40]))
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] in ("lines", "rows"):
        prev = None
        rows = sys.argv[1] == "rows"
        for ln in lines(sys.argv[2], 1e9 if rows else 0.5):
            if rows:
                gs, parts = ln[3], [ln[3][0][5]]
                for a, b in zip(gs, gs[1:]):
                    parts.append((" " if b[1] - (a[1] + a[6]) > 0.5 * ln[2] else "") + b[5])
                ln = (ln[0], ln[1], ln[2], [(0, 0, 0, 0, "", "".join(parts), 0)])
            if prev is not None and ln[0] != prev:
                print("\f")  # a page break: a line of its own
            prev = ln[0]
            t = text(ln).rstrip()
            if t:
                print(t)
        sys.exit(0)
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2:]))
    sys.stderr.write(__doc__)
    sys.exit(2)
