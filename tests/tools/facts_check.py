#!/usr/bin/python3
"""facts_check.py CASE PACKAGE [SUMMARY.xlsx] - the figures that several
documents of a package show agree with each other and with the case.

Reads each figure where a reader finds it: the report through MuPDF, the
workbooks through openpyxl, the unit and index PDFs through pdftotext, the
copied files from the folder; and the case's own XML for the model's side.
Prints one line per disagreement; exit status 1 when there is any.
"""
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import openpyxl

EV = "{urn:qsreport:evidence:1}"
problems = []


def expect(what, *values):
    """every value (name, value) equal"""
    first = values[0][1]
    if any(v != first for _, v in values):
        problems.append("%s disagree: %s" % (what, ", ".join("%s=%r" % nv for nv in values)))


def pdf_text(path):
    """the text of a PDF, the draft mark (lines of one character) and the
    page numbers left out, every blank removed"""
    # MuPDF's reading: poppler may set a compressed closing mark (）。) on a
    # line of its own, its box overlapping its neighbour's
    out = subprocess.run(["mutool", "draw", "-F", "txt", "-o", "-", path], capture_output=True, text=True,
                         check=True).stdout
    lines = [l.strip() for l in out.splitlines()]
    lines = [l for l in lines if len(l) > 1 and not re.fullmatch(r"—\s*\d+\s*—", l)]
    return re.sub(r"\s+", "", "".join(lines))


def strip_attachments(f):
    while f.startswith("./"):
        f = f[2:]
    return f[len("attachments/"):] if f.startswith("attachments/") else f


def model(case):
    """what the case's XML says: entries, cited files, reporting unit names, scoring items"""
    entries, files, units = 0, set(), set()
    for path in sorted(glob.glob(os.path.join(case, "evidence", "*.xml"))):
        root = ET.parse(path).getroot()
        for unit in root.iter(EV + "unit"):
            units.add(unit.get("name"))
            for item in unit.iter(EV + "item"):
                entries += 1
                for doc in item.iter(EV + "document"):
                    if doc.get("file"):
                        files.add(strip_attachments(doc.get("file")))
    return entries, files, units


def report_figures(pkg):
    text = pdf_text(os.path.join(pkg, "自评报告.pdf"))
    m = re.search(r"共有(\d+)个单位报送评分项佐证记录(\d+)条，覆盖评价指标(\d+)个评分项中的(\d+)项；所附佐证材料(\d+)份"
                  r"（一份材料被多项引用的只计一次，详见佐证材料目录）。", text)
    if m:
        r = dict(zip(["units", "entries", "items_total", "items", "documents"], map(int, m.groups())))
    else:  # the wording before issue 13 (涉及评分项 counted entries), so its figures are compared too
        m = re.search(r"共有(\d+)个责任单位报送佐证材料，涉及评分项(\d+)项、佐证文件(\d+)份", text)
        if not m:
            problems.append("report: no sentence of the evidence counts")
            return None
        problems.append("report: the evidence counts do not say what they count")
        r = {"units": int(m.group(1)), "entries": int(m.group(2)), "items": int(m.group(2)),
             "items_total": int(m.group(2)), "documents": int(m.group(3))}
    s = re.search(r"详见佐证材料目录）。(.*?)等(\d+)个责任单位（承担评价指标或重点任务）未报送佐证材料", text) or \
        re.search(r"份。(.*?)等(\d+)个负有责任的单位未报送佐证材料", text)
    r["silent"] = int(s.group(2)) if s else 0
    r["silent_names"] = s.group(1).split("、") if s else []
    return r


def workbook_figures(pkg):
    wb = openpyxl.load_workbook(os.path.join(pkg, "责任清单", "责任清单.xlsx"))
    ws = wb.worksheets[0]
    rows = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    head = next((r[0] for r in rows if isinstance(r[0], str) and "未报送佐证材料的责任单位" in r[0]), None)
    w = {"sheets": len(wb.sheetnames) - 1}
    if head is None:
        problems.append("workbook: no heading of the units without evidence")
        return w
    m = re.search(r"（(\d+)个）", head)
    w["silent"] = int(m.group(1)) if m else 0
    names = []
    if m:
        at = next(i for i, r in enumerate(rows) if r[0] == head) + 2  # past the header row
        while at < len(rows) and isinstance(rows[at][0], (int, float)):
            names.append(rows[at][1])
            at += 1
    w["silent_names"] = names
    # each unit's own sheet says so too
    w["sheet_silent"] = sorted(
        ws2.title for ws2 in wb.worksheets[1:]
        if any(isinstance(c, str) and "本单位未报送佐证材料" in c for row in ws2.iter_rows(values_only=True) for c in row))
    return w


def unit_pdfs(pkg):
    silent, n = [], 0
    for path in sorted(glob.glob(os.path.join(pkg, "责任清单", "*.pdf"))):
        n += 1
        if "本单位未报送佐证材料" in pdf_text(path):
            silent.append(os.path.basename(path)[:-4])
    return n, sorted(silent)


def index_figures(pkg):
    wb = openpyxl.load_workbook(os.path.join(pkg, "佐证材料目录.xlsx"))
    ws = wb.worksheets[0]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], (int, float))]
    files = [r[8] for r in rows if r[8]]
    keys = [r[8] or (r[4], r[5], r[6], r[7]) for r in rows]
    if len(set(keys)) != len(keys):
        problems.append("index: a document has more than one row")
    pdf = subprocess.run(["pdftotext", "-layout", os.path.join(pkg, "佐证材料目录.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    in_pdf = {f: len(re.findall(r"/" + re.escape(os.path.basename(f)) + r"(?![\w.-])", pdf)) for f in files}
    once = all(n == 1 for n in in_pdf.values())
    if not once:
        problems.append("index PDF: files not listed once: %r" % {f: n for f, n in in_pdf.items() if n != 1})
    return {"rows": len(rows), "files": len(set(files)), "fileless": sum(1 for r in rows if not r[8]), "file_names": set(os.path.basename(f) for f in files)}


def main():
    case, pkg = sys.argv[1], sys.argv[2]
    summary = sys.argv[3] if len(sys.argv) > 3 else None
    entries, files, units = model(case)
    rep = report_figures(pkg)
    wbk = workbook_figures(pkg)
    n_pdfs, pdf_silent = unit_pdfs(pkg)
    idx = index_figures(pkg)
    copied = [p for p in glob.glob(os.path.join(pkg, "佐证材料", "**"), recursive=True) if os.path.isfile(p)]
    expect("distinct cited files", ("case", len(files)), ("佐证材料/", len(copied)), ("index files", idx["files"]))
    expect("index rows", ("rows", idx["rows"]), ("distinct files + documents without one", idx["files"] + idx["fileless"]))
    expect("files copied", ("index", sorted(idx["file_names"])),
           ("佐证材料/", sorted(os.path.basename(p) for p in copied)))
    if rep:
        expect("documents", ("report", rep["documents"]), ("index rows", idx["rows"]))
        expect("evidence entries", ("report", rep["entries"]), ("case", entries))
        expect("reporting units", ("report", rep["units"]), ("case", len(units)))
        expect("scoring items covered", ("report <= total", min(rep["items"], rep["items_total"])), ("report", rep["items"]))
        expect("units without evidence", ("report", rep["silent"]), ("workbook heading", wbk.get("silent")),
               ("workbook list", len(wbk.get("silent_names", []))), ("unit PDFs", len(pdf_silent)),
               ("unit sheets", len(wbk["sheet_silent"])))
        expect("units without evidence, by name", ("report", rep["silent_names"]),
               ("workbook", wbk.get("silent_names")))
        expect("units without evidence, as sets", ("report", sorted(rep["silent_names"])), ("unit PDFs", pdf_silent))
    expect("responsible units", ("unit PDFs", n_pdfs), ("unit sheets", wbk["sheets"]))
    if summary and rep:
        wb = openpyxl.load_workbook(summary)
        region = re.search(r"<region>(.*?)</region>", open(os.path.join(case, "plan.xml"), encoding="utf-8").read()).group(1)
        value = None
        for ws in wb.worksheets:  # a sheet per year
            col = reg = None
            for row in ws.iter_rows(values_only=True):
                if col is None and "未报送佐证单位数" in row:
                    col, reg = row.index("未报送佐证单位数"), row.index("地区")
                elif col is not None and row[reg] == region:
                    value = row[col]
        expect("units without evidence in the summary", ("report", rep["silent"]), ("summary", value))
    for p in problems:
        print("%s: %s" % (pkg, p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
