#!/usr/bin/python3
"""xlsx_dump.py FILE.xlsx - what a reader of the workbook sees, as stable text.

One line per fact, tab-separated: sheets, column widths (with the pixels
Excel draws), row heights, every cell (type, text, font, alignment, borders,
number format), merges, print setup (titles, paper, orientation, fit,
margins, centring, footer), frozen panes and document properties.  Used by
tests/e2e_table_xlsx.sh against the golden and by xlsx_table_check.py.
Texts escape backslash, newline and tab as \\\\, \\n, \\t.
"""
import re
import sys
import zipfile

import openpyxl
from openpyxl.cell.cell import MergedCell

CM_PER_INCH = 2.54


def esc(s):
    return str(s).replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def column_px(width):
    """Pixels Excel draws for a column of width w (Calibri 11, 7 px digit)."""
    return int(7 * width + 0.5) + 5


def num(x):
    """A number without noise: 6.85546875 -> 6.8555, 27.0 -> 27."""
    return ("%.4f" % x).rstrip("0").rstrip(".")


def border(b):
    sides = [b.left, b.right, b.top, b.bottom]
    return "/".join((s.style or "-") if s is not None else "-" for s in sides)


def cell_line(c):
    if isinstance(c, MergedCell):
        return "cell\t%s\tcovered" % c.coordinate
    v = c.value
    if v is None and not c.has_style:
        return None  # not in the file: openpyxl made it up while iterating
    if v is None:
        kind, text = "blank", ""
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        kind, text = "num", repr(v)
    else:
        kind, text = "str", esc(v)
    f, a = c.font, c.alignment
    style = "font=%s/%s%s h=%s v=%s wrap=%d border=%s fmt=%s" % (
        f.name, num(f.sz) if f.sz else "-", "/bold" if f.b else "",
        a.horizontal or "general", a.vertical or "bottom", 1 if a.wrap_text else 0,
        border(c.border), c.number_format)
    return "cell\t%s\t%s\t%s\t%s" % (c.coordinate, kind, text, style)


def raw_part(path, name):
    with zipfile.ZipFile(path) as z:
        try:
            return z.read(name).decode("utf-8")
        except KeyError:
            return ""


def xml_text(xml, tag):
    m = re.search(r"<(?:\w+:)?%s[^>]*>(.*?)</(?:\w+:)?%s>" % (tag, tag), xml, re.S)
    if not m:
        return None
    return (m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def dump(path, out):
    wb = openpyxl.load_workbook(path)
    out.append("sheets\t" + "\t".join(wb.sheetnames))
    for n, ws in enumerate(wb.worksheets, 1):
        out.append("sheet\t%s\tdimension=%s" % (ws.title, ws.dimensions))
        for letter, d in sorted(ws.column_dimensions.items(), key=lambda kv: (len(kv[0]), kv[0])):
            if d.width:
                out.append("col\t%s\twidth=%s\tpx=%d\t%s" % (
                    letter, num(d.width), column_px(d.width), "custom" if d.customWidth else "auto"))
        for r in range(1, ws.max_row + 1):
            d = ws.row_dimensions.get(r)
            ht = d.ht if d is not None else None
            out.append("row\t%d\theight=%s\t%s" % (
                r, num(ht) if ht is not None else "-",
                "custom" if d is not None and d.customHeight else "auto"))
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
            for c in row:
                line = cell_line(c)
                if line:
                    out.append(line)
        for m in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_col, r.min_row)):
            out.append("merge\t%s" % m.coord)

        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        out.append("print\ttitles\trows=%s\tcols=%s" % (ws.print_title_rows, ws.print_title_cols))
        out.append("print\tpaper=%s\torientation=%s" % (ps.paperSize, ps.orientation))
        # an absent fitToWidth/fitToHeight means 1 (ECMA-376 default)
        out.append("print\tfitToPage=%d\tfitToWidth=%s\tfitToHeight=%s" % (
            1 if fit is not None and fit.fitToPage else 0,
            ps.fitToWidth if ps.fitToWidth is not None else 1,
            ps.fitToHeight if ps.fitToHeight is not None else 1))
        if ws.row_breaks.brk:  # <brk id="n"/>: a page break below sheet row n
            out.append("print\trowBreaks=%s" % ",".join(str(b.id) for b in ws.row_breaks.brk))
        m = ws.page_margins
        out.append("print\tmargins(cm)\tleft=%s\tright=%s\ttop=%s\tbottom=%s\theader=%s\tfooter=%s" % tuple(
            num(x * CM_PER_INCH) for x in (m.left, m.right, m.top, m.bottom, m.header, m.footer)))
        po = ws.print_options
        out.append("print\tcentred\thorizontal=%d\tvertical=%d" % (
            1 if po.horizontalCentered else 0, 1 if po.verticalCentered else 0))
        sheet_xml = raw_part(path, "xl/worksheets/sheet%d.xml" % n)
        for tag in ("oddHeader", "oddFooter"):
            t = xml_text(sheet_xml, tag)
            out.append("print\t%s\t%s" % (tag, esc(t) if t is not None else "-"))
        out.append("view\tfreeze=%s" % ws.freeze_panes)

    p = wb.properties
    for key in ("title", "subject", "creator", "lastModifiedBy", "keywords", "description", "category"):
        v = getattr(p, key)
        out.append("prop\t%s\t%s" % (key, esc(v) if v is not None else "-"))
    core = raw_part(path, "docProps/core.xml")
    for key in ("created", "modified"):
        out.append("prop\t%s\t%s" % (key, xml_text(core, key) or "-"))
    app = raw_part(path, "docProps/app.xml")
    for key in ("Company", "Manager"):
        v = xml_text(app, key)
        out.append("prop\t%s\t%s" % (key.lower(), esc(v) if v is not None else "-"))


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: xlsx_dump.py FILE.xlsx\n")
        return 2
    out = []
    dump(argv[1], out)
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
