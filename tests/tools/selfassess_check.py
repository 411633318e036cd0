#!/usr/bin/python3
"""selfassess_check.py CHECK MODEL.txt SCORES STRINGS.xml CASE FILE.xlsx [FILE.pdf]
- one check of the self-assessment workbook (qsreport report -o F.xlsx), as
a reader (openpyxl, the zip parts, LibreOffice's PDF) sees it.

MODEL.txt is `qsreport dump CASE`; SCORES is the hand-written
tests/golden/CASE/score.expected; STRINGS.xml is templates/strings.xml; CASE
is the case folder (its evidence/*.xml are read for the documents cited).
CHECK is one of: sheets, scores, sums, recompute, losses, documents, chart,
print, heights, props; or pdf, with the PDF LibreOffice made of FILE.xlsx.
Prints what differs and exits 1, or exits 0 silently.  Everything expected
is derived here from the inputs, not from xlsx_selfassess.c.
"""
import glob
import html
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
from openpyxl.cell.cell import MergedCell

EVIDENCE_NS = {"e": "urn:qsreport:evidence:1"}
PAGE_BODY_PT = 595.28 - 2 * 72 * 2.0 / 2.54  # A4 landscape, 2 cm top and bottom


def load_strings(path):
    ns = {"s": "urn:qsreport:strings:1"}
    return {e.get("key"): e.text or "" for e in ET.parse(path).getroot().findall("s:string", ns)}


def load_model(path):
    """region, year, issuer and the categories in order: id, name, bonus."""
    model = {"cats": []}
    for line in open(path, encoding="utf-8"):
        m = re.match(r'category (\S+): "([^"]*)" (\S+)( bonus)?', line)
        if m:
            model["cats"].append({"id": m.group(1), "name": m.group(2), "bonus": bool(m.group(4))})
        m = re.match(r'plan: region "([^"]*)" year (\d+)', line)
        if m:
            model["region"], model["year"] = m.group(1), m.group(2)
        m = re.match(r'issuer "([^"]*)"', line.strip())
        if m:
            model["issuer"] = m.group(1)
    return model


def load_scores(path):
    """score.expected: indicators {no: (earned, available)}, categories
    [(id, earned, available)], base, bonus, total."""
    s = {"ind": {}, "cat": []}
    section = None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line.startswith("#"):
            section = line[2:].split()[0]
            continue
        if not line:
            continue
        f = line.split()
        if section == "indicator":
            s["ind"][int(f[0])] = (float(f[1]), float(f[2]))
        elif section == "category":
            s["cat"].append((f[0], float(f[1]), float(f[2])))
        elif section == "totals":
            s[f[0]] = float(f[1])
    return s


def squeeze(text):
    return re.sub(r"\s+", "", text or "")


def fill(template, **values):
    for k, v in values.items():
        template = template.replace("{%s}" % k, v)
    return template


class Sheet:
    """The first sheet as rows: the header row, the indicator rows by 序号,
    the sum rows by their label."""

    def __init__(self, path, strings):
        self.wb = openpyxl.load_workbook(path)
        self.values = openpyxl.load_workbook(path, data_only=True)
        self.ws = self.wb.worksheets[0]
        self.vs = self.values.worksheets[0]
        self.header_row, self.col = None, {}
        for r in range(1, 10):
            texts = [self.ws.cell(r, c).value for c in range(1, self.ws.max_column + 1)]
            if strings["table.header.no"] in texts:
                self.header_row = r
                self.col = {t: c for c, t in enumerate(texts, 1) if t}
                break
        self.score_col = self.col.get(strings["selfassess.header.score"])
        self.losses_col = self.col.get(strings["selfassess.header.losses"])
        self.docs_col = self.col.get(strings["selfassess.header.documents"])
        self.ind_rows, self.sum_rows = {}, []
        for r in range((self.header_row or 0) + 1, self.ws.max_row + 1):
            v = self.ws.cell(r, 1).value
            if isinstance(v, (int, float)):
                self.ind_rows[int(v)] = r
            elif isinstance(v, str):
                self.sum_rows.append((v, r))


def number(v):
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def close(a, b):
    return a is not None and b is not None and abs(a - b) < 1e-9


# ---- a tiny evaluator for the formulas the workbook uses ----

REF = re.compile(r"(?:'((?:[^']|'')+)'!|([A-Za-z_][\w.]*)!)?\$?([A-Z]{1,3})\$?(\d+)"
                 r"(?::\$?([A-Z]{1,3})\$?(\d+))?")


class Evaluator:
    """Evaluates SUM, MIN, IF, + - * / and references to cells of any
    sheet; edits override cell values, as a user typing a number would."""

    def __init__(self, wb, edits=None):
        self.wb, self.edits, self.memo = wb, edits or {}, {}

    def value(self, sheet, coord):
        key = (sheet, coord)
        if key in self.edits:
            return self.edits[key]
        if key not in self.memo:
            v = self.wb[sheet][coord].value
            self.memo[key] = self.formula(sheet, v) if isinstance(v, str) and v.startswith("=") \
                else (v if isinstance(v, (int, float)) else 0)
        return self.memo[key]

    def formula(self, sheet, text):
        def ref(m):
            name = (m.group(1) or "").replace("''", "'") or m.group(2) or sheet
            if m.group(5):
                return "R(%r,%r,%r)" % (name, m.group(3) + m.group(4), m.group(5) + m.group(6))
            return "V(%r,%r)" % (name, m.group(3) + m.group(4))

        expr = REF.sub(ref, text[1:])
        expr = re.sub(r"(?<![<>!=])=(?!=)", "==", expr)
        env = {
            "V": self.value,
            "R": self.range,
            "SUM": lambda *a: sum(self.flat(a)),
            "MIN": lambda *a: min(self.flat(a)),
            "IF": lambda c, a, b: a if c else b,
        }
        return eval(expr, {"__builtins__": {}}, env)  # the workbook's own formulas, from our writer

    def range(self, sheet, a, b):
        ws = self.wb[sheet]
        cells = ws[a:b]
        return [self.value(sheet, c.coordinate) for row in cells for c in row]

    @staticmethod
    def flat(args):
        out = []
        for a in args:
            out.extend(a if isinstance(a, list) else [a])
        return out


# ---- checks ----

def check_sheets(ctx, errs):
    want = [ctx["strings"]["selfassess.sheet"], ctx["strings"]["selfassess.chart.sheet"]]
    if ctx["sheet"].wb.sheetnames != want:
        errs.append("sheets %r, want %r" % (ctx["sheet"].wb.sheetnames, want))


def check_scores(ctx, errs):
    """Every indicator's 自评得分 is a number equal to the hand-written score."""
    sh, scores = ctx["sheet"], ctx["scores"]
    if not sh.score_col:
        errs.append("no column %r" % ctx["strings"]["selfassess.header.score"])
        return
    if sorted(sh.ind_rows) != sorted(scores["ind"]):
        errs.append("indicator rows %r, want %r" % (sorted(sh.ind_rows), sorted(scores["ind"])))
    for no, (earned, _) in sorted(scores["ind"].items()):
        r = sh.ind_rows.get(no)
        v = sh.ws.cell(r, sh.score_col).value if r else None
        if number(v) is None or not close(number(v), earned):
            errs.append("indicator %d: self score %r, want the number %g" % (no, v, earned))


def sum_cells(ctx):
    """(name, row, expected value) of every 小计 and total row, in order."""
    st, sh, sc = ctx["strings"], ctx["sheet"], ctx["scores"]
    cats = [c for c in sc["cat"] if c[0] != "bonus"]
    subtotals = [r for label, r in sh.sum_rows if label == st["selfassess.subtotal"]]
    cells = [("subtotal %s" % c[0], r, c[1]) for c, r in zip(cats, subtotals)]
    if len(subtotals) != len(cats):
        cells.append(("subtotal rows", None, len(cats)))
    labels = {label: r for label, r in sh.sum_rows}
    bonus = fill(st["selfassess.bonus"], cap="5")
    for name, label, want in (("base", st["selfassess.base"], sc["base"]),
                              ("bonus", bonus, sc["bonus"]),
                              ("total", st["selfassess.total"], sc["total"])):
        cells.append((name, labels.get(label), want))
    return cells


def check_sums(ctx, errs):
    """小计 and total cells are formulas (SUM, MIN for the bonus cap, a sum
    for the total) whose cached values are the expected scores; each 小计
    sums exactly its category's indicator rows."""
    sh = ctx["sheet"]
    prev_end = sh.header_row
    for name, r, want in sum_cells(ctx):
        if r is None:
            errs.append("%s: no such row (want %g)" % (name, want))
            continue
        f = sh.ws.cell(r, sh.score_col).value
        v = sh.vs.cell(r, sh.score_col).value
        if not isinstance(f, str) or not f.startswith("="):
            errs.append("%s: %r is not a formula" % (name, f))
        if not close(number(v), want):
            errs.append("%s: cached value %r, want %g" % (name, v, want))
        if name.startswith("subtotal"):
            col = openpyxl.utils.get_column_letter(sh.score_col)
            want_f = "=SUM(%s%d:%s%d)" % (col, prev_end + 1, col, r - 1)
            if f != want_f:
                errs.append("%s: formula %r, want %r" % (name, f, want_f))
            prev_end = r
        elif name == "bonus" and not re.match(r"=MIN\(5,", f or ""):
            errs.append("bonus: formula %r does not cap at 5" % f)
        elif name == "base" and not (f or "").startswith("=SUM("):
            errs.append("base: formula %r is not a SUM" % f)


def check_recompute(ctx, errs):
    """The formulas give their cached values, and the right ones after an
    edit: a point more for indicator 18, and bonus scores over the cap."""
    sh, sc = ctx["sheet"], ctx["scores"]
    name = sh.ws.title
    col = openpyxl.utils.get_column_letter(sh.score_col)
    cells = {n: r for n, r, _ in sum_cells(ctx)}
    ev = Evaluator(sh.wb)
    for n, r, want in sum_cells(ctx):
        if r and not close(ev.value(name, "%s%d" % (col, r)), want):
            errs.append("%s: the formula gives %r, want %g" % (n, ev.value(name, "%s%d" % (col, r)), want))
    chart = sh.wb.worksheets[1]
    cv = sh.values.worksheets[1]
    for row in chart.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                got, cached = ev.value(chart.title, c.coordinate), cv[c.coordinate].value
                if not close(got, number(cached)):
                    errs.append("%s!%s: %s gives %r, cached %r" % (chart.title, c.coordinate, c.value,
                                                                  got, cached))
    r18 = sh.ind_rows[18]
    edited = Evaluator(sh.wb, {(name, "%s%d" % (col, r18)): sc["ind"][18][0] + 3})
    outcomes = [c for c in sc["cat"] if c[0] == "outcomes"][0][1]
    for n, want in (("subtotal outcomes", outcomes + 3), ("base", sc["base"] + 3),
                    ("total", sc["total"] + 3)):
        got = edited.value(name, "%s%d" % (col, cells[n]))
        if not close(got, want):
            errs.append("after indicator 18 += 3: %s is %r, want %g" % (n, got, want))
    bonus_rows = [sh.ind_rows[n] for n in (28, 29, 30, 31)]
    over = Evaluator(sh.wb, {(name, "%s%d" % (col, r)): 2 for r in bonus_rows})
    for n, want in (("bonus", 5), ("total", sc["base"] + 5)):
        got = over.value(name, "%s%d" % (col, cells[n]))
        if not close(got, want):
            errs.append("bonus rows at 8 points: %s is %r, want %g (capped)" % (n, got, want))


def check_losses(ctx, errs):
    """失分说明: lines "ID 失N分：why" for exactly the indicators that lost
    points, at least the points lost; 18 names 18.2 and 投诉率."""
    st, sh = ctx["strings"], ctx["sheet"]
    head = re.escape(st["selfassess.loss"].split("{why}")[0])
    head = head.replace(re.escape("{item}"), r"(\d+(?:\.\d+)+)").replace(re.escape("{lost}"), r"([\d.]+)")
    for no, (earned, available) in sorted(ctx["scores"]["ind"].items()):
        text = sh.ws.cell(sh.ind_rows[no], sh.losses_col).value or ""
        lines = [l for l in text.split("\n") if l]
        if earned >= available and lines:
            errs.append("indicator %d lost nothing, but: %r" % (no, text))
        if earned < available and not lines:
            errs.append("indicator %d lost %g points, no reason given" % (no, available - earned))
        lost = 0
        for line in lines:
            m = re.match(head, line)
            if not m or not m.group(1).startswith("%d." % no):
                errs.append("indicator %d: %r is not a loss line of its items" % (no, line))
            else:
                lost += float(m.group(2))
        if lines and lost + 1e-9 < available - earned:
            errs.append("indicator %d: lines lose %g, the score %g" % (no, lost, available - earned))
    t18 = sh.ws.cell(sh.ind_rows[18], sh.losses_col).value or ""
    if "18.2" not in t18 or "投诉率" not in t18:
        errs.append("indicator 18: %r names neither 18.2 nor 投诉率" % t18)


def cited_documents(case, strings):
    """{indicator: [document lines]} from the evidence files, each once."""
    docs = {}
    for path in sorted(glob.glob(os.path.join(case, "evidence", "*.xml"))):
        for item in ET.parse(path).getroot().iterfind(".//e:item", EVIDENCE_NS):
            no = int(item.get("ref").split(".")[0])
            for d in item.findall("e:document", EVIDENCE_NS):
                number_ = d.get("number")
                line = fill(strings["selfassess.document" if number_ else
                                    "selfassess.document.unnumbered"],
                            title=d.get("title"), number=number_ or "")
                if line not in docs.setdefault(no, []):
                    docs[no].append(line)
    return docs


def check_documents(ctx, errs):
    """佐证材料: every document the evidence cites for an indicator's items,
    title and 文号, one a line, none twice, nothing else."""
    sh = ctx["sheet"]
    docs = cited_documents(ctx["case"], ctx["strings"])
    numbers = 0
    for no, r in sorted(sh.ind_rows.items()):
        text = sh.ws.cell(r, sh.docs_col).value or ""
        lines = [l for l in text.split("\n") if l]
        if len(lines) != len(set(lines)):
            errs.append("indicator %d: a document twice: %r" % (no, text))
        if sorted(lines) != sorted(docs.get(no, [])):
            errs.append("indicator %d: documents %r, want %r" % (no, lines, docs.get(no, [])))
        numbers += len(re.findall(r"〔\d{4}〕\d+号", text))
    if numbers == 0:
        errs.append("no 文号 in any 佐证材料 cell")


def check_chart(ctx, errs):
    """Sheet 2 holds one native column chart (xl/charts/chart1.xml) whose
    categories are the scored categories' names and whose values are the
    rate cells, cached; those cells refer to sheet 1's 小计 cells."""
    st, sh, model, sc = ctx["strings"], ctx["sheet"], ctx["model"], ctx["scores"]
    chart_ws = sh.wb.worksheets[1]
    if len(chart_ws._charts) != 1:
        errs.append("sheet %r has %d charts, want 1" % (chart_ws.title, len(chart_ws._charts)))
    with zipfile.ZipFile(ctx["xlsx"]) as z:
        names = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        if names != ["xl/charts/chart1.xml"]:
            errs.append("chart parts %r" % names)
            return
        xml = z.read(names[0]).decode("utf-8")
        rels = z.read("xl/worksheets/_rels/sheet2.xml.rels").decode("utf-8") \
            if "xl/worksheets/_rels/sheet2.xml.rels" in z.namelist() else ""
    if "drawing" not in rels:
        errs.append("the chart is not on the second sheet")
    if "<c:barChart>" not in xml or '<c:barDir val="col"/>' not in xml:
        errs.append("not a column chart")
    title = fill(st["selfassess.chart.title"], region=model["region"], year=model["year"])
    if html.escape(title, quote=False) not in xml:
        errs.append("no chart title %r" % title)
    cats = [c["name"] for c in model["cats"] if not c["bonus"]]
    got = [html.unescape(v) for v in re.findall(r"<c:strCache>.*?</c:strCache>", xml, re.S)
           for v in re.findall(r"<c:v>(.*?)</c:v>", v)]
    if got != cats:
        errs.append("chart categories %r, want %r" % (got, cats))
    rates = [c[1] / c[2] for c in sc["cat"] if c[0] != "bonus"]
    cache = re.search(r"<c:val>.*?<c:numCache>(.*?)</c:numCache>", xml, re.S)
    values = [float(v) for v in re.findall(r"<c:v>(.*?)</c:v>", cache.group(1))] if cache else []
    if len(values) != len(rates) or not all(close(a, b) for a, b in zip(values, rates)):
        errs.append("chart values cached as %r, want %r" % (values, rates))
    refs = re.findall(r"<c:f>(.*?)</c:f>", xml)
    quoted = "'%s'!" % chart_ws.title
    if len(refs) < 2 or not all(html.unescape(f).startswith(quoted) for f in refs):
        errs.append("chart ranges %r do not refer to %r" % (refs, chart_ws.title))
    q = "'%s'!" % sh.ws.title
    refers = [c.value for row in chart_ws.iter_rows() for c in row
              if isinstance(c.value, str) and c.value.startswith("=" + q)]
    if len(refers) != 2 * len(cats):
        errs.append("%d cells of %r refer to %r, want %d" % (len(refers), chart_ws.title, sh.ws.title,
                                                            2 * len(cats)))


def check_print(ctx, errs):
    """Both sheets A4 (9) landscape, the table's at 100 % with its own row
    breaks (xlsx_table_check.py breaks); the table's
    header row repeated, panes frozen under it, page numbers at the foot;
    the chart page fitted to one page."""
    sh = ctx["sheet"]
    for i, ws in enumerate(sh.wb.worksheets):
        ps, fit = ws.page_setup, ws.sheet_properties.pageSetUpPr
        if str(ps.paperSize) != "9" or ps.orientation != "landscape":
            errs.append("%s: paper %s %s, want 9 landscape" % (ws.title, ps.paperSize, ps.orientation))
        tall = ps.fitToHeight if ps.fitToHeight is not None else 1
        wide = ps.fitToWidth if ps.fitToWidth is not None else 1
        fitted = fit is not None and bool(fit.fitToPage)
        if i == 0:  # at 100 %, its own row breaks (a sheet fitted to pages drops them)
            if fitted or (ps.scale is not None and int(ps.scale) != 100):
                errs.append("%s: fitted %s, scale %s, want 100 %%" % (ws.title, fitted, ps.scale))
        elif not fitted or int(wide) != 1 or int(tall) != 1:
            errs.append("%s: fit %s x %s, want 1 x 1" % (ws.title, wide, tall))
    ws = sh.ws
    want = "$%d:$%d" % (sh.header_row, sh.header_row)
    if ws.print_title_rows not in (want, want.replace("$", "")):
        errs.append("print titles %r, want %r" % (ws.print_title_rows, want))
    if ws.freeze_panes != "A%d" % (sh.header_row + 1):
        errs.append("frozen at %r, want A%d" % (ws.freeze_panes, sh.header_row + 1))
    footer = ws.oddFooter.center.text or ""
    if "&P" not in footer or "&N" not in footer:
        errs.append("footer %r has no page numbers" % footer)


def em_width(text):
    wide = sum(1 for ch in text if ord(ch) >= 0x2E80 or 0xFF00 <= ord(ch) <= 0xFFEF)
    return wide + 0.5 * (len(text) - wide)


def column_pt(ws, col):
    w = ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width
    return (int(7 * w + 0.5) + 5) * 0.75


def check_heights(ctx, errs):
    """Every row of the table has its own height, no taller than a page;
    every text fits its cell (merged: its rows): at least as many lines as
    its width in ems over the cell's, at 1.35 x the size apart."""
    sh = ctx["sheet"]
    ws = sh.ws
    h = {r: ws.row_dimensions[r].ht for r in range(1, ws.max_row + 1)}
    for r, ht in h.items():
        if not ht or not ws.row_dimensions[r].customHeight:
            errs.append("row %d has no height of its own" % r)
        elif ht > PAGE_BODY_PT:
            errs.append("row %d: %g pt is more than a page" % (r, ht))
    merged = {}
    for m in ws.merged_cells.ranges:
        merged[(m.min_row, m.min_col)] = m
    for row in ws.iter_rows(min_row=sh.header_row):
        for c in row:
            if isinstance(c, MergedCell) or not isinstance(c.value, str) or not c.value \
                    or c.value.startswith("="):
                continue
            m = merged.get((c.row, c.column))
            rows = range(c.row, (m.max_row if m else c.row) + 1)
            cols = range(c.column, (m.max_col if m else c.column) + 1)
            size = c.font.sz or 11
            usable = (sum(column_pt(ws, k) for k in cols) - 6) / size
            lines = sum(max(1, math.ceil(em_width(p) / usable)) for p in c.value.split("\n"))
            need = lines * size * 1.35
            have = sum(h[k] or 15 for k in rows)
            if have + 0.01 < need:
                errs.append("%s: %d lines need %.1f pt, the cell has %.1f" % (c.coordinate, lines,
                                                                             need, have))


def check_props(ctx, errs):
    sh, st, model = ctx["sheet"], ctx["strings"], ctx["model"]
    p = sh.wb.properties
    title = fill(st["selfassess.title"], region=model["region"], year=model["year"])
    for name, got, want in (("title", p.title, title), ("subject", p.subject, st["selfassess.subject"]),
                            ("author", p.creator, model.get("issuer"))):
        if got != want:
            errs.append("%s: %r, want %r" % (name, got, want))
    app = zipfile.ZipFile(ctx["xlsx"]).read("docProps/app.xml").decode("utf-8")
    if "<Company>%s</Company>" % model["region"] not in app:
        errs.append("company is not %r" % model["region"])
    if sh.ws.cell(1, 1).value != st["table.attachment"]:
        errs.append("A1 is %r, want %r" % (sh.ws.cell(1, 1).value, st["table.attachment"]))
    if sh.ws.cell(2, 1).value != title:
        errs.append("A2 is %r, want the title %r" % (sh.ws.cell(2, 1).value, title))


def pdf_words(path):
    """Words of each page as (xMin, yMin, xMax, yMax, text), from pdftotext -bbox."""
    xml = subprocess.run(["pdftotext", "-bbox", path, "-"], check=True, capture_output=True).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", xml.decode("utf-8"), re.S):
        pages.append([(float(x0), float(y0), float(x1), float(y1), html.unescape(t))
                      for x0, y0, x1, y1, t in re.findall(
                          r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                          r'(.*?)</word>', page)])
    return pages


def place_columns(words, ws, first, last):
    """The x edges of the sheet's columns on a page, and the top of the table
    (None when the page has no table header): placed by the centres of the
    first and the last header word, LibreOffice drawing columns in
    proportion to their widths."""
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
              for c in range(1, ws.max_column + 1)]
    at = {w[4]: (w[0] + w[2]) / 2 for w in words}
    if first not in at or last not in at:
        return None, None
    left = [sum(widths[:k]) for k in range(len(widths) + 1)]
    c0, c1 = left[0] + widths[0] / 2, left[-2] + widths[-1] / 2
    scale = (at[last] - at[first]) / (c1 - c0)
    top = min(w[1] for w in words if w[4] == first) - 10  # 附件 and the title are above
    return [at[first] + (x - c0) * scale for x in left], top


def column_of(edges, x):
    if x + 0.5 < edges[0] or x >= edges[-1]:
        return None
    return max(i for i, e in enumerate(edges[:-1]) if e <= x + 0.5)


def column_texts(words, edges, top):
    """The text of each sheet column on a page, top to bottom."""
    cols = [[] for _ in edges[:-1]]
    for w in sorted(words, key=lambda w: (w[1], w[0])):
        k = column_of(edges, w[0])
        if w[1] >= top and k is not None:
            cols[k].append(w[4])
    return [squeeze("".join(c)) for c in cols]


def cell_texts(words, edges, ind_rows, heights):
    """{(sheet row, column): text} of the indicator rows on a page.  A row is
    found by its 序号, drawn centred in it, and spans its height around it
    (the vertical scale fitted to the page's first and last 序号); a word
    belongs to the cell its centre lies in, so text drawn outside its cell
    (cut off on paper, though the PDF keeps it) is missed."""
    centre = {}
    for x0, y0, x1, y1, t in words:
        if column_of(edges, x0) == 0 and t.isdigit() and int(t) in ind_rows:
            centre.setdefault(ind_rows[int(t)], (y0 + y1) / 2)
    rows = sorted(centre)
    scale = 1.0
    if len(rows) > 1:
        span = sum(heights[r] for r in range(rows[0], rows[-1] + 1)) - \
            (heights[rows[0]] + heights[rows[-1]]) / 2
        scale = (centre[rows[-1]] - centre[rows[0]]) / span
    out = {}
    for x0, y0, x1, y1, t in sorted(words, key=lambda w: (w[1], w[0])):
        k = column_of(edges, x0)
        for r in rows if k is not None else ():
            if abs((y0 + y1) / 2 - centre[r]) <= heights[r] * scale / 2:
                out[(r, k + 1)] = out.get((r, k + 1), "") + t
    return out


def check_pdf(ctx, errs):
    """LibreOffice's PDF: every table page starts each column with its
    header and has its page number; every cell's text is whole in its
    column (a clipped cell loses lines); the chart and its data are one
    page, the last; 84.5 and every subtotal print."""
    st, sh, model = ctx["strings"], ctx["sheet"], ctx["model"]
    pages = pdf_words(ctx["pdf"])
    texts = [squeeze("".join(w[4] for w in p)) for p in pages]
    chart_title = squeeze(fill(st["selfassess.chart.title"], region=model["region"], year=model["year"]))
    with_chart = [n for n, p in enumerate(texts, 1) if chart_title in p]
    if with_chart != [len(pages)]:
        errs.append("the chart title is on pages %r, want only the last (%d)" % (with_chart, len(pages)))
    ws = sh.ws
    headers = [squeeze(ws.cell(sh.header_row, c).value) for c in range(1, ws.max_column + 1)]
    columns = ["" for _ in headers]
    heights = {r: ws.row_dimensions[r].ht or 15 for r in range(1, ws.max_row + 1)}
    cells = {}
    for n, words in enumerate(pages[:-1], 1):
        edges, top = place_columns(words, ws, headers[0], headers[-1])
        if edges is None:
            errs.append("page %d: no table header" % n)
            continue
        cols = column_texts(words, edges, top)
        cells.update(cell_texts(words, edges, sh.ind_rows, heights))
        for k, hd in enumerate(headers):
            if not cols[k].startswith(hd):
                errs.append("page %d: column %d starts %r, not with its header %r" % (n, k + 1, cols[k][:12], hd))
            columns[k] += cols[k][len(hd):] if cols[k].startswith(hd) else cols[k]
        footer = squeeze(fill(st["table.footer"], page=str(n), pages=str(len(pages))))
        if footer not in texts[n - 1]:
            errs.append("page %d: no footer %r" % (n, footer))
    across = {(m.min_row, m.min_col): m.max_col for m in ws.merged_cells.ranges}
    for row in ws.iter_rows(min_row=sh.header_row + 1):
        for c in row:
            if isinstance(c, MergedCell) or not isinstance(c.value, str) or c.value.startswith("="):
                continue
            last = across.get((c.row, c.column), c.column)
            if not any(squeeze(c.value) in columns[k - 1] for k in range(c.column, last + 1)):
                errs.append("%s: its text is not whole in the PDF" % c.coordinate)
            elif c.row in sh.ind_rows.values() and (c.row, c.column) not in across \
                    and squeeze(cells.get((c.row, c.column))) != squeeze(c.value):
                errs.append("%s: its text is not whole inside its cell in the PDF" % c.coordinate)
    body = "".join(texts[:-1])
    for want in ["84.5"] + ["%g" % c[1] for c in ctx["scores"]["cat"]]:
        if want not in body:
            errs.append("%s does not print" % want)
    for c in model["cats"]:
        if not c["bonus"] and squeeze(c["name"]) not in texts[-1]:
            errs.append("the chart page lacks %r" % c["name"])


CHECKS = {
    "sheets": check_sheets, "scores": check_scores, "sums": check_sums, "recompute": check_recompute,
    "losses": check_losses, "documents": check_documents, "chart": check_chart, "print": check_print,
    "heights": check_heights, "props": check_props, "pdf": check_pdf,
}


def main(argv):
    if len(argv) not in (7, 8) or argv[1] not in CHECKS or (argv[1] == "pdf") != (len(argv) == 8):
        sys.stderr.write(__doc__)
        return 2
    ctx = {
        "model": load_model(argv[2]), "scores": load_scores(argv[3]),
        "strings": load_strings(argv[4]), "case": argv[5], "xlsx": argv[6],
        "pdf": argv[7] if len(argv) == 8 else None,
    }
    ctx["sheet"] = Sheet(ctx["xlsx"], ctx["strings"])
    errs = []
    CHECKS[argv[1]](ctx, errs)
    for e in errs:
        print(e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
