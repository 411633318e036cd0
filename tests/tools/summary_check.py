#!/usr/bin/python3
"""summary_check.py CHECK FILE.xlsx QSREPORT STRINGS.xml CASE... - one check
of the summary workbook (qsreport summary -o F.xlsx) as openpyxl and the zip
parts show it.

Everything expected is derived here, independently of xlsx_summary.c: each
case's numbers from `qsreport score --format xml CASE`, its region and year
from its plan.xml, the sheet names from strings.xml.  CHECK is one of:
  sheets    a table sheet and a chart sheet per year, years ascending
  values    every case once in its year's sheet, with its cached numbers
  order     rows by total down, equal totals by region name, ranks shared
  formulas  base, total, rates, lost, rank and averages are formulas whose
            cached values are the engine's numbers
  chart     a native bar chart per year over the sheet's totals, its cache
            holding them in rank order
  print     A4 landscape, fit to a page wide, both header rows repeated
Prints what differs and exits 1, or exits 0 silently.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

SCORES_NS = {"s": "urn:qsreport:scores:1"}
FIRST = 4  # the first district's row (title, two header rows)


def load_strings(path):
    ns = {"s": "urn:qsreport:strings:1"}
    return {e.get("key"): e.text or "" for e in ET.parse(path).getroot().findall("s:string", ns)}


def expected(qs, case):
    plan = open(case + "/plan.xml", encoding="utf-8").read()
    region = re.search(r"<region>\s*(.*?)\s*</region>", plan).group(1)
    year = int(re.search(r"<year>\s*(\d+)\s*</year>", plan).group(1))
    out = subprocess.run([qs, "score", "--format", "xml", case], capture_output=True, check=True).stdout
    root = ET.fromstring(out)
    cats = [(c.get("name"), float(c.get("earned")), float(c.get("available")))
            for c in root.findall("s:category", SCORES_NS) if c.get("bonus") != "true"]
    base_av = float(root.get("base-available"))
    return {"region": region, "year": year, "base": float(root.get("base")), "bonus": float(root.get("bonus")),
            "total": float(root.get("total")), "lost": base_av - float(root.get("base")), "cats": cats,
            "max": base_av + float(root.get("bonus-cap"))}


def district_rows(ws, average):
    rows = []
    r = FIRST
    while ws.cell(r, 1).value not in (None, average):
        rows.append(r)
        r += 1
    return rows, r


def near(a, b):
    return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9


def main():
    check, path, qs, strings_path = sys.argv[1:5]
    cases = sys.argv[5:]
    s = load_strings(strings_path)
    exp = [expected(qs, c) for c in cases]
    years = sorted({e["year"] for e in exp})
    sheet = lambda y: s["summary.sheet"].replace("{year}", str(y))
    chart_sheet = lambda y: s["summary.chart.sheet"].replace("{year}", str(y))
    wb = openpyxl.load_workbook(path)
    vals = openpyxl.load_workbook(path, data_only=True)
    errors = []

    if check == "sheets":
        want = [n for y in years for n in (sheet(y), chart_sheet(y))]
        if wb.sheetnames != want:
            errors.append("sheets %s, expected %s" % (wb.sheetnames, want))

    for y in years:
        if sheet(y) not in wb.sheetnames:
            errors.append("no sheet %s" % sheet(y))
            continue
        ws, wv = wb[sheet(y)], vals[sheet(y)]
        rows, avg = district_rows(wv, s["summary.average"])
        mine = [e for e in exp if e["year"] == y]
        # the header: a category's name over its score and rate, by position
        ncat = len(mine[0]["cats"])
        col = {"rank": 1, "region": 2, "level": 3, "year": 4, "base": 5, "bonus": 6, "total": 7,
               "lost": 8 + 2 * ncat, "missing": 9 + 2 * ncat, "losses": 10 + 2 * ncat}
        by_region = {wv.cell(r, 2).value: r for r in rows}
        if check == "values":
            if len(rows) != len(mine) or len(by_region) != len(rows):
                errors.append("%s: %d rows for %d cases" % (sheet(y), len(rows), len(mine)))
            for e in mine:
                r = by_region.get(e["region"])
                if r is None:
                    errors.append("%s: %s missing" % (sheet(y), e["region"]))
                    continue
                got = {k: wv.cell(r, col[k]).value for k in ("base", "bonus", "total", "lost", "year")}
                for k in ("base", "bonus", "total", "lost", "year"):
                    if not near(got[k], e[k]):
                        errors.append("%s %s: %s %s, expected %s" % (sheet(y), e["region"], k, got[k], e[k]))
                for k, (name, earned, avail) in enumerate(e["cats"]):
                    head = ws.cell(2, 8 + 2 * k).value or ""
                    if not head.startswith(name):
                        errors.append("%s: category column %d is %r, expected %s" % (sheet(y), k, head, name))
                    sc, rate = wv.cell(r, 8 + 2 * k).value, wv.cell(r, 9 + 2 * k).value
                    if not near(sc, earned) or not near(rate, earned / avail):
                        errors.append("%s %s %s: %s %s, expected %s %s" % (sheet(y), e["region"], name, sc, rate,
                                                                          earned, earned / avail))
                level = e["region"][-1] if e["region"][-1] in s["summary.levels"].split(",") else None
                if wv.cell(r, col["level"]).value != level:
                    errors.append("%s %s: level %r, expected %r" % (sheet(y), e["region"],
                                                                     wv.cell(r, col["level"]).value, level))
                if not isinstance(wv.cell(r, col["missing"]).value, int):
                    errors.append("%s %s: units without evidence not a number" % (sheet(y), e["region"]))
        if check == "order":
            totals = [wv.cell(r, col["total"]).value for r in rows]
            keys = [(-wv.cell(r, col["total"]).value, wv.cell(r, 2).value) for r in rows]
            if keys != sorted(keys):
                errors.append("%s: rows not by total down, then name: %s" % (sheet(y), keys))
            for i, r in enumerate(rows):
                want = 1 + sum(1 for t in totals if t > totals[i])
                if wv.cell(r, col["rank"]).value != want:
                    errors.append("%s row %d: rank %s, expected %d" % (sheet(y), r, wv.cell(r, 1).value, want))
        if check == "formulas":
            last = rows[-1]
            for r in rows:
                f = {k: ws.cell(r, col[k]).value for k in col}
                if f["rank"] != "=RANK(G%d,$G$%d:$G$%d)" % (r, FIRST, last):
                    errors.append("%s row %d: rank formula %r" % (sheet(y), r, f["rank"]))
                cats = ",".join("%s%d" % (openpyxl.utils.get_column_letter(8 + 2 * k), r) for k in range(ncat))
                if f["base"] != "=SUM(%s)" % cats or f["total"] != "=E%d+F%d" % (r, r):
                    errors.append("%s row %d: base %r, total %r" % (sheet(y), r, f["base"], f["total"]))
                if not (str(f["lost"]).startswith("=") and str(f["lost"]).endswith("-E%d" % r)):
                    errors.append("%s row %d: lost %r" % (sheet(y), r, f["lost"]))
                for k in range(ncat):
                    rf = ws.cell(r, 9 + 2 * k).value
                    if not re.fullmatch(r"=%s%d/[0-9.]+" % (openpyxl.utils.get_column_letter(8 + 2 * k), r), rf or ""):
                        errors.append("%s row %d: rate formula %r" % (sheet(y), r, rf))
                # what the cached values say must hold as the formulas say it
                v = {k: wv.cell(r, col[k]).value for k in col}
                if not near(v["total"], v["base"] + v["bonus"]):
                    errors.append("%s row %d: cached total %s != base + bonus" % (sheet(y), r, v["total"]))
                if not near(v["base"], sum(wv.cell(r, 8 + 2 * k).value for k in range(ncat))):
                    errors.append("%s row %d: cached base is not the categories' sum" % (sheet(y), r))
            if wv.cell(avg, 1).value != s["summary.average"]:
                errors.append("%s: no average row after the districts" % sheet(y))
            for c in list(range(5, 8 + 2 * ncat)) + [col["lost"], col["missing"]]:
                letter = openpyxl.utils.get_column_letter(c)
                want = "=AVERAGE(%s%d:%s%d)" % (letter, FIRST, letter, last)
                mean = sum(wv.cell(r, c).value for r in rows) / len(rows)
                if ws.cell(avg, c).value != want or not near(round(wv.cell(avg, c).value, 9), round(mean, 9)):
                    errors.append("%s: average of %s: %r = %r, expected %r = %r" % (
                        sheet(y), letter, ws.cell(avg, c).value, wv.cell(avg, c).value, want, mean))
        if check == "print":
            for ws_ in (ws, wb[chart_sheet(y)]):
                ps = ws_.page_setup
                # fitToWidth 1 is OOXML's default, which the file may leave out
                if ps.paperSize not in (9, "9") or not ws_.sheet_properties.pageSetUpPr.fitToPage or \
                        str(ps.fitToWidth) not in ("1", "None"):
                    errors.append("%s: paper %s, fit %s x %s" % (ws_.title, ps.paperSize, ps.fitToWidth,
                                                                ps.fitToHeight))
                if "&P" not in (ws_.oddFooter.center.text or ""):
                    errors.append("%s: no page number in the footer" % ws_.title)
            if ws.page_setup.orientation != "landscape":
                errors.append("%s: not landscape" % sheet(y))
            if ws.print_title_rows != "$2:$3":
                errors.append("%s: print titles %r" % (sheet(y), ws.print_title_rows))
        if check == "chart":
            errors += check_chart(path, sheet(y), chart_sheet(y), [wv.cell(r, col["total"]).value for r in rows],
                                  rows, wb.sheetnames.index(chart_sheet(y)), mine[0]["max"])
    for e in errors:
        print(e)
    sys.exit(1 if errors else 0)


C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def check_chart(path, table, chart_name, totals, rows, index, most):
    """the chart sheet's drawing holds a bar chart of the table's totals"""
    errors = []
    z = zipfile.ZipFile(path)
    rels = z.read("xl/worksheets/_rels/sheet%d.xml.rels" % (index + 1)).decode()
    drawing = re.search(r'Target="../drawings/(drawing\d+\.xml)"', rels)
    if not drawing:
        return ["%s: no drawing" % chart_name]
    drels = z.read("xl/drawings/_rels/%s.rels" % drawing.group(1)).decode()
    chart = re.search(r'Target="../charts/(chart\d+\.xml)"', drels)
    if not chart:
        return ["%s: no chart in its drawing" % chart_name]
    root = ET.fromstring(z.read("xl/charts/" + chart.group(1)))
    bar = root.find(".//%sbarChart" % C)
    if bar is None or bar.find("%sbarDir" % C).get("val") != "bar":
        return ["%s: not a bar chart" % chart_name]
    ser = bar.find("%sser" % C)
    ref = ser.find("%sval/%snumRef/%sf" % (C, C, C)).text
    want = "'%s'!$G$%d:$G$%d" % (table, rows[0], rows[-1])
    if ref != want:
        errors.append("%s: values %s, expected %s" % (chart_name, ref, want))
    cat = ser.find("%scat/%sstrRef/%sf" % (C, C, C))
    if cat is None or cat.text != "'%s'!$B$%d:$B$%d" % (table, rows[0], rows[-1]):
        errors.append("%s: categories %s" % (chart_name, None if cat is None else cat.text))
    cache = [float(p.find("%sv" % C).text) for p in ser.findall("%sval/%snumRef/%snumCache/%spt" % (C, C, C, C))]
    if cache != [float(t) for t in totals]:
        errors.append("%s: cached %s, expected %s" % (chart_name, cache, totals))
    mx = root.find(".//%svalAx/%sscaling/%smax" % (C, C, C))
    if mx is None or float(mx.get("val")) != most:
        errors.append("%s: the scale ends at %s, expected %s" % (chart_name, None if mx is None else mx.get("val"), most))
    return errors


if __name__ == "__main__":
    main()
