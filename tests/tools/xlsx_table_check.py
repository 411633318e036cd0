#!/usr/bin/python3
"""xlsx_table_check.py CHECK MODEL.txt STRINGS.xml FILE.xlsx - one check of the
official table's workbook against the model, as a reader (openpyxl) sees it.

MODEL.txt is `qsreport dump CASE`; STRINGS.xml is templates/strings.xml.
CHECK is one of: texts, numbers, merges, widths, heights, labels, breaks,
print, props; or pdf or pdflabels, with FILE the PDF LibreOffice made of the
workbook; or `pages MODEL STRINGS PDF XLSX`: LibreOffice paginates as labels
assumes.  breaks and pdflabels also read 自评表.xlsx and its PDF.
Prints what differs and exits 1, or exits 0 silently.  The layout rules it
checks (proportions, lines x line height) are written out independently of
xlsx_table.c, as a second opinion, not a copy.
"""
import html
import math
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter

FIRST = 4  # sheet row of indicator 1: 附件, title, header above it
COLS = 6
# relative column widths of the official table (src/table.c)
PROPORTIONS = [0.05, 0.11, 0.09, 0.05, 0.48, 0.22]
A4_LANDSCAPE_PT = 841.89
SIDE_MARGIN_CM = 1.5
TOP_MARGIN_CM = 2.0


def quoted(s):
    return re.findall(r'"([^"]*)"', s)


def load_model(path):
    """indicators in order: no, category, group, points, method, units."""
    cats, inds, units, title = {}, [], {}, None
    cat = None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r"category (\S+): ", line)
        if m:
            cat = m.group(1)
            label = line[line.index(" label ") + 7:]
            cats[cat] = "\n".join(quoted(label))
            continue
        m = re.match(r'indicator (\d+): group "([^"]*)" points (\S+)$', line)
        if m:
            inds.append({"no": int(m.group(1)), "cat": cat, "group": m.group(2),
                         "points": m.group(3)})
            continue
        if line.startswith('  method "'):
            inds[-1]["method"] = line[len('  method "'):line.rindex('"')]
            continue
        m = re.match(r'responsible (\d+): "', line)
        if m:
            units[int(m.group(1))] = line[m.end():line.rindex('" -> ')]
            continue
        if line.startswith('table-title "'):
            title = line[len('table-title "'):line.rindex('"')]
    for ind in inds:
        ind["label"] = cats[ind["cat"]]
        ind["units"] = units.get(ind["no"], "")
    return title, inds


def load_strings(path):
    ns = {"s": "urn:qsreport:strings:1"}
    return {e.get("key"): e.text or "" for e in ET.parse(path).getroot().findall("s:string", ns)}


def runs(inds, key):
    """(first index, count, value) of each run of equal key values."""
    out, i = [], 0
    while i < len(inds):
        j = i
        while j + 1 < len(inds) and inds[j + 1][key] == inds[i][key]:
            j += 1
        out.append((i, j - i + 1, inds[i][key]))
        i = j + 1
    return out


def shown(v):
    """The text a reader sees in a cell: numbers as General shows them."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def check_texts(ws, title, inds, strings, errs):
    def expect(coord, want):
        got = shown(ws[coord].value)
        if got != want:
            errs.append("%s: %r, want %r" % (coord, got, want))

    expect("A1", strings["table.attachment"])
    expect("A2", title)
    for col, key in enumerate(["no", "category", "group", "points", "method", "units"]):
        expect("%s3" % get_column_letter(col + 1), strings["table.header." + key])
    for i, ind in enumerate(inds):
        r = FIRST + i
        expect("A%d" % r, str(ind["no"]))
        expect("D%d" % r, "" if ind["points"] == "-" else ind["points"])
        expect("E%d" % r, ind["method"])
        expect("F%d" % r, ind["units"])
    starts = row_breaks(ws)
    for first, n, _ in runs(inds, "cat"):
        for a, _ in pieces(FIRST + first, FIRST + first + n - 1, starts):
            expect("B%d" % a, inds[first]["label"])
    for first, n, name in runs(inds, "group"):
        for a, _ in pieces(FIRST + first, FIRST + first + n - 1, starts):
            expect("C%d" % a, name)
    if ws.max_row != FIRST + len(inds) - 1:
        errs.append("sheet has %d rows, want %d" % (ws.max_row, FIRST + len(inds) - 1))


def check_numbers(ws, inds, errs):
    for i, ind in enumerate(inds):
        r = FIRST + i
        for coord, want in (("A%d" % r, str(ind["no"])), ("D%d" % r, ind["points"])):
            v = ws[coord].value
            if want == "-":
                if v is not None:
                    errs.append("%s: bonus row has a score %r" % (coord, v))
            elif not isinstance(v, (int, float)):
                errs.append("%s: %r is not an Excel number" % (coord, v))
            elif shown(v) != want:
                errs.append("%s: shows %s, want %s" % (coord, shown(v), want))


def row_breaks(ws):
    """The first sheet row (1-based) of each page after the first, from the
    sheet's own row breaks (<brk id="n"/>: a break below row n)."""
    return sorted(b.id + 1 for b in ws.row_breaks.brk)


def pieces(first, last, starts):
    """Rows first..last cut at the page starts: [(first, last), ...]."""
    out, a = [], first
    for s in starts:
        if a < s <= last:
            out.append((a, s - 1))
            a = s
    out.append((a, last))
    return out


def check_merges(ws, inds, errs):
    """Category and group merged over their rows, each cut at the sheet's
    row breaks into pieces that repeat the label (a one-row piece is a
    plain cell)."""
    want = {"A2:F2"}
    starts = row_breaks(ws)
    for col, key in (("B", "cat"), ("C", "group")):
        for first, n, value in runs(inds, key):
            if n > 1 and value:  # rows without a group: one empty cell each
                for a, b in pieces(FIRST + first, FIRST + first + n - 1, starts):
                    if b > a:
                        want.add("%s%d:%s%d" % (col, a, col, b))
    got = {m.coord for m in ws.merged_cells.ranges}
    for m in sorted(want - got):
        errs.append("missing merge %s" % m)
    for m in sorted(got - want):
        errs.append("unexpected merge %s" % m)


def column_px(ws, col):
    w = ws.column_dimensions[get_column_letter(col)].width
    return int(7 * w + 0.5) + 5  # Excel's pixels for width w (Calibri 11)


def check_widths(ws, errs):
    px = [column_px(ws, c) for c in range(1, COLS + 1)]
    total = sum(px)
    for c, (p, want) in enumerate(zip(px, PROPORTIONS), 1):
        if abs(p / total - want) > 0.01:
            errs.append("column %s is %.3f of the table, want %.2f" % (get_column_letter(c), p / total, want))
    printable = A4_LANDSCAPE_PT - 2 * SIDE_MARGIN_CM / 2.54 * 72
    if total * 0.75 > printable:
        errs.append("table is %.1f pt wide, more than the %.1f pt of the page" % (total * 0.75, printable))


def ems(text):
    """Width in ems: wide and ambiguous (CJK fonts draw “” full width) = 1."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def lines(text, width_pt, size):
    per_line = width_pt / size
    return sum(max(1, math.ceil(ems(p) / per_line)) for p in text.split("\n"))


def check_heights(ws, errs):
    merged = {}
    for m in ws.merged_cells.ranges:
        merged[(m.min_row, m.min_col)] = (m.max_row, m.max_col)
    covered = {(r, c) for m in ws.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
               for c in range(m.min_col, m.max_col + 1)} - set(merged)
    for r in range(1, ws.max_row + 1):
        d = ws.row_dimensions.get(r)
        if d is None or d.ht is None or not d.customHeight:
            errs.append("row %d has no explicit height" % r)
    for r in range(1, ws.max_row + 1):
        for c in range(1, COLS + 1):
            cell = ws.cell(r, c)
            if (r, c) in covered or cell.value is None:
                continue
            r2, c2 = merged.get((r, c), (r, c))
            if not cell.alignment.wrap_text and (r2, c2) == (r, c):
                c2 = COLS  # unwrapped text runs on over the empty cells to its right
            width = sum(column_px(ws, k) for k in range(c, c2 + 1)) * 0.75 - 4
            size = cell.font.sz
            need = lines(shown(cell.value), width, size) * 1.2 * size
            have = sum(ws.row_dimensions[k].ht or 0 for k in range(r, r2 + 1))
            if have < need:
                errs.append("%s: %.1f pt high, its text needs %.1f pt" % (cell.coordinate, have, need))


def check_print(ws, strings, errs):
    ps, po, m = ws.page_setup, ws.print_options, ws.page_margins
    footer = (strings["table.footer"].replace("&", "&&").replace("{pages}", "&N")
              .replace("{page}", "&P"))
    checks = [
        ("print titles", ws.print_title_rows, "$3:$3"),
        ("paper", str(ps.paperSize), "9"),
        ("orientation", ps.orientation, "landscape"),
        # at 100 %: a sheet fitted to pages drops its own row breaks
        ("fit to page", bool(ws.sheet_properties.pageSetUpPr.fitToPage), False),
        ("scale", ps.scale if ps.scale is not None else 100, 100),
        ("centred horizontally", bool(po.horizontalCentered), True),
        ("footer", ws.oddFooter.center.text, footer),
        ("frozen panes", ws.freeze_panes, "A4"),
        ("left margin (cm)", round(m.left * 2.54, 2), SIDE_MARGIN_CM),
        ("right margin (cm)", round(m.right * 2.54, 2), SIDE_MARGIN_CM),
        ("top margin (cm)", round(m.top * 2.54, 2), TOP_MARGIN_CM),
        ("bottom margin (cm)", round(m.bottom * 2.54, 2), TOP_MARGIN_CM),
    ]
    for name, got, want in checks:
        if got != want:
            errs.append("%s: %r, want %r" % (name, got, want))


def check_props(wb, path, title, strings, errs, issuer, region):
    p = wb.properties
    for name, got, want in (("title", p.title, title), ("subject", p.subject, strings["table.subject"]),
                            ("author", p.creator, issuer)):
        if got != want:
            errs.append("%s: %r, want %r" % (name, got, want))
    app = zipfile.ZipFile(path).read("docProps/app.xml").decode("utf-8")
    if "<Company>%s</Company>" % region not in app:
        errs.append("company is not %r" % region)
    if wb.sheetnames != [strings["table.sheet"]]:
        errs.append("sheets %r, want [%r]" % (wb.sheetnames, strings["table.sheet"]))


def pdf_pages(path, with_right=False):
    """Words of each page of a PDF as (x, y, text), or (x, y, text, right),
    from pdftotext -bbox."""
    xml = subprocess.run(["pdftotext", "-bbox", path, "-"], check=True, capture_output=True).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", xml.decode("utf-8"), re.S):
        words = [(float(x), float(y), html.unescape(t), float(r)) for x, y, r, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', page)]
        pages.append(words if with_right else [w[:3] for w in words])
    return pages


def pdf_words_y(path, page):
    """Words of page (1-based) as (x, y, text, right, bottom)."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), path, "-"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return [(float(x), float(y), html.unescape(t), float(r), float(b)) for x, y, r, b, t in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', xml)]


def squeeze(s):
    return re.sub(r"\s+", "", s)


def check_pdf(path, inds, strings, errs):
    """LibreOffice's PDF of the workbook: every scoring method whole (a cell
    cut off loses its last lines), the header row and the footer on every
    page.  The method column is found as the left edge most lines share."""
    pages = pdf_pages(path)
    points_header = strings["table.header.points"]
    method_text = ""
    for n, words in enumerate(pages, 1):
        text = squeeze("".join(t for _, _, t in sorted(words, key=lambda w: (round(w[1]), w[0]))))
        for key in ("table.header.no", "table.header.method", "table.header.units"):
            if squeeze(strings[key]) not in text:
                errs.append("page %d: no header %r" % (n, strings[key]))
        footer = squeeze(strings["table.footer"].replace("{pages}", str(len(pages)))
                         .replace("{page}", str(n)))
        if footer not in text:
            errs.append("page %d: no footer %r" % (n, footer))
        right_of_points = [x for x, _, t in words if t == points_header]
        if not right_of_points:
            continue
        edges = {}
        for x, _, _ in words:
            if x > right_of_points[0] + 20:
                edges[round(x)] = edges.get(round(x), 0) + 1
        col_e = max(edges, key=edges.get)  # method lines outnumber unit lines
        col_f = min((x for x in edges if x > col_e + 100 and edges[x] > 2), default=1e9)
        body = sorted((y, x, t) for x, y, t in words if col_e - 1 <= x < col_f - 1)
        method_text += "".join(t for _, _, t in body)
    method_text = squeeze(method_text)
    pos = 0
    for ind in inds:
        at = method_text.find(squeeze(ind["method"]), pos)
        if at < 0:
            errs.append("indicator %d: its method is not whole in the PDF" % ind["no"])
        else:
            pos = at


def predicted_pages(ws):
    """Sheet rows of each printed page at 100 %: whole rows, the print-title
    row repeated on every page after the first (a second opinion on Excel's
    pagination, not a copy of xlsx_table.c)."""
    m = ws.page_margins
    body = 595.28 - (m.top + m.bottom) * 72
    title_row = int(re.match(r"\$(\d+)", ws.print_title_rows).group(1))
    h = {r: ws.row_dimensions[r].ht or 15 for r in range(1, ws.max_row + 1)}
    pages, page, used = [], [], 0
    for r in range(1, ws.max_row + 1):
        if page and used + h[r] > body:
            pages.append(page)
            page, used = [], h[title_row]
        page.append(r)
        used += h[r]
    pages.append(page)
    return pages, h


def check_labels(ws, errs):
    """No merged label is cut by a page break: Excel and LibreOffice centre it
    in the whole range and cut it at the page edge."""
    pages, h = predicted_pages(ws)
    top = {}
    y = 0
    for r in range(1, ws.max_row + 2):
        top[r] = y
        y += h.get(r, 0)
    for m in ws.merged_cells.ranges:
        if m.min_row == m.max_row:
            continue
        cell = ws.cell(m.min_row, m.min_col)
        size = cell.font.sz
        width = sum(column_px(ws, k) for k in range(m.min_col, m.max_col + 1)) * 0.75 - 4
        half = lines(shown(cell.value), width, size) * 1.2 * size / 2
        mid = (top[m.min_row] + top[m.max_row + 1]) / 2
        for page in pages[1:]:
            b = top[page[0]]
            if m.min_row < page[0] <= m.max_row and mid - half < b < mid + half:
                errs.append("%s: its label is cut by the page break above row %d" % (m.coord, page[0]))


def check_breaks(ws, errs):
    """The sheet's own row breaks (issue 14): there are some, each page
    between them holds its rows at 100 % below the repeated header (so no
    reader adds a break of its own), and no merged range crosses one."""
    starts = row_breaks(ws)
    if not starts:
        errs.append("%s: no row breaks" % ws.title)
        return
    if any(not b.man for b in ws.row_breaks.brk):
        errs.append("%s: a row break that is not manual" % ws.title)
    m = ws.page_margins
    body = 595.28 - (m.top + m.bottom) * 72
    title_row = int(re.match(r"\$?(\d+)", ws.print_title_rows).group(1))
    h = {r: ws.row_dimensions[r].ht or 15 for r in range(1, ws.max_row + 1)}
    bounds = [1] + starts + [ws.max_row + 1]
    for n, (a, b) in enumerate(zip(bounds, bounds[1:]), 1):
        used = sum(h[r] for r in range(a, b)) + (h[title_row] if n > 1 else 0)
        if used > body + 0.01:
            errs.append("%s: page %d (rows %d-%d) needs %.2f pt of %.2f" % (ws.title, n, a, b - 1, used, body))
    for rng in ws.merged_cells.ranges:
        for s in starts:
            if rng.min_row < s <= rng.max_row:
                errs.append("%s: merge %s crosses the row break above row %d" % (ws.title, rng.coord, s))


def check_pdf_labels(path, inds, strings, errs):
    """LibreOffice's PDF of a workbook (the table or 自评表): on every page,
    the 类别 label of each category with rows on it, read down the 类别
    column (right of the 序号 header, as far right of the 类别 header's
    centre)."""
    labels = {ind["no"]: ind["label"] for ind in inds}
    no_h, cat_h = strings["table.header.no"], strings["table.header.category"]
    seen = 0
    for n, words in enumerate(pdf_pages(path, with_right=True), 1):
        no = [w for w in words if w[2] == no_h]
        cat = [w for w in words if w[2] == cat_h]
        if not no or not cat:
            continue  # a chart page
        x0 = no[0][3]
        x1 = cat[0][0] + cat[0][3] - x0
        # LibreOffice writes a label cut at the page edge whole, clipped:
        # only words wholly within the printed body count
        y0, y1 = no[0][1], 595.28 - TOP_MARGIN_CM / 2.54 * 72
        words = [w for w in pdf_words_y(path, n) if y0 <= w[1] and w[4] <= y1]
        nos = {int(t) for x, _, t, r, _ in words if t.isdigit() and no[0][0] - 5 < (x + r) / 2 < x0 + 5}
        col = squeeze("".join(t for _, _, t in sorted(((y, x, t) for x, y, t, r, _ in words
                                                       if x0 < (x + r) / 2 < x1 and t != cat_h))))
        for label in sorted({labels[k] for k in nos if k in labels}):
            seen += 1
            if squeeze(label) not in col:
                errs.append("page %d: rows of %r without its label" % (n, label))
    if not seen:
        errs.append("no page with indicator rows")


def check_pages(pdf, ws, strings, errs):
    """LibreOffice breaks the pages where predicted_pages() says, when it
    prints at 100 % (with Carlito, its stand-in for Calibri, installed)."""
    pages, _ = predicted_pages(ws)
    header = strings["table.header.no"]
    got = []
    for words in pdf_pages(pdf, with_right=True):
        no = [w for w in words if w[2] == header]
        if not no:
            errs.append("a page without the header row")
            return
        x, _, _, r = no[0]
        if abs((r - x) - 2 * ws["A3"].font.sz) > 1:
            print("LibreOffice did not print at 100 %: pagination not compared")
            return
        got.append(sorted(int(t) for wx, _, t, wr in words
                          if t.isdigit() and x - 5 < (wx + wr) / 2 < r + 5))
    want = [[r - FIRST + 1 for r in page if r >= FIRST] for page in pages]
    if got != want:
        errs.append("LibreOffice's pages hold indicators %s, predicted %s" % (got, want))


def plan_field(path, key):
    for line in open(path, encoding="utf-8"):
        if line.startswith(key + " "):
            return quoted(line)[0]
    return None


def main(argv):
    if len(argv) == 6 and argv[1] == "pages":  # pages MODEL STRINGS PDF XLSX
        errs = []
        check_pages(argv[4], openpyxl.load_workbook(argv[5]).worksheets[0],
                    load_strings(argv[3]), errs)
        for e in errs:
            print(e)
        return 1 if errs else 0
    if len(argv) != 5:
        sys.stderr.write(__doc__)
        return 2
    check, model, strings_path, path = argv[1:]
    title, inds = load_model(model)
    strings = load_strings(strings_path)
    errs = []
    if check in ("pdf", "pdflabels"):
        (check_pdf if check == "pdf" else check_pdf_labels)(path, inds, strings, errs)
        for e in errs:
            print(e)
        return 1 if errs else 0
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    if check == "texts":
        check_texts(ws, title, inds, strings, errs)
    elif check == "numbers":
        check_numbers(ws, inds, errs)
    elif check == "merges":
        check_merges(ws, inds, errs)
    elif check == "widths":
        check_widths(ws, errs)
    elif check == "heights":
        check_heights(ws, errs)
    elif check == "labels":
        check_labels(ws, errs)
    elif check == "breaks":
        check_breaks(ws, errs)
    elif check == "print":
        check_print(ws, strings, errs)
    elif check == "props":
        region = re.search(r'^plan: region "([^"]*)"', open(model, encoding="utf-8").read(), re.M).group(1)
        check_props(wb, path, title, strings, errs, plan_field(model, "issuer"), region)
    else:
        sys.stderr.write("unknown check %r\n" % check)
        return 2
    if len(inds) == 0:
        errs.append("the model has no indicators")
    for e in errs:
        print(e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
