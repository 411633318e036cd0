#!/usr/bin/python3
"""xlsx_units_check.py CHECK MODEL.txt STRINGS.xml FILE.xlsx - one check of the
responsibility workbook (`qsreport units`) as a reader (openpyxl) sees it.

MODEL.txt is `qsreport dump CASE`; STRINGS.xml is templates/strings.xml.
CHECK is one of:
  names      sheet names: the summary first, then one per unit, each valid
             for Excel (1-31 UTF-16 units, none of []:*?/\\, no apostrophe at
             either end, not History) and unique ignoring case
  coverage   every indicator is on some unit's sheet, and on the sheet of
             each of its lead units (a lead group: each of its units) as 牵头
  members    every unit of the committee group has the rows the group is
             named on (2, 4, 6 in the sample) with the group's role
  silent     the summary's first block: exactly the units with duties and no
             evidence, most points first (the sample: 区科技局, 区民政局 first)
  matrix     the summary matrix: a 牵头/配合 mark where the model says, and
             each unit's points earned (= the scores on its sheet), carried,
             and rate (a formula whose cached value is earned / carried)
  sheets     each unit sheet: header, list validation on the status column
             over every row, autofilter over the table, frozen header, print
             titles, A4 landscape fitted to one page wide, every row a height
  props      created = SOURCE_DATE_EPOCH, title and subject from strings
Prints what differs and exits 1, or exits 0 silently.
"""
import datetime
import os
import re
import sys
import xml.etree.ElementTree as ET

import openpyxl

UNIT_FIRST = 4  # sheet row of a unit's first indicator: title, points line, header
COLS = ["no", "category", "method", "points", "role", "documents", "score", "losses",
        "status"]
FORBIDDEN = set('[]:*?/\\')


def load_strings(path):
    ns = {"s": "urn:qsreport:strings:1"}
    root = ET.parse(path).getroot()
    return {e.get("key"): e.text or "" for e in root.findall("s:string", ns)}


def load_model(path):
    """groups (name and aliases -> members), responsibilities (no -> refs with
    lead flag, resolved to registry names), units that sent evidence."""
    groups, resp, reported, units = {}, {}, set(), []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r'unit "([^"]+)"', line)
        if m:
            units.append(m.group(1))
            continue
        m = re.match(r'group "([^"]+)"(.*) = \d+ units: (.*)$', line)
        if m:
            members = m.group(3).split()
            for name in [m.group(1)] + re.findall(r'alias "([^"]+)"', m.group(2)):
                groups[name] = members
            continue
        m = re.match(r'responsible (\d+): "[^"]*" -> (.*)$', line)
        if m:
            refs = []
            for tok in m.group(2).split():
                lead = tok.startswith("*")
                name = tok.lstrip("*").split("=")[-1]
                refs.append((name, lead))
            resp[int(m.group(1))] = refs
            continue
        m = re.match(r'  unit "([^"]+)": \d+ measures', line)
        if m:
            reported.add(m.group(1))
    return {"groups": groups, "resp": resp, "reported": reported, "units": units}


def roles(model):
    """(unit, indicator) -> '牵头' or '配合', groups expanded; lead wins."""
    out = {}
    for no, refs in model["resp"].items():
        for name, lead in refs:
            for unit in model["groups"].get(name, [name]):
                if lead:
                    out[(unit, no)] = "lead"
                else:
                    out.setdefault((unit, no), "support")
    return out


def utf16_len(s):
    return sum(2 if ord(c) > 0xFFFF else 1 for c in s)


def title_pattern(strings, key):
    parts = re.split(r"(\{\w+\})", strings[key])
    return re.compile("^" + "".join("(?P<%s>.+?)" % p[1:-1] if p.startswith("{") else
                                    re.escape(p) for p in parts) + "$")


def unit_sheets(wb, strings):
    """unit name (from its title) -> worksheet."""
    pat = title_pattern(strings, "units.sheet.title")
    out = {}
    for ws in wb.worksheets[1:]:
        m = pat.match(str(ws["A1"].value or ""))
        if m:
            out[m.group("unit")] = ws
    return out


def indicator_rows(ws, strings):
    """the table rows of indicators: (no, role, score, row)."""
    rows = []
    for r in range(UNIT_FIRST, ws.max_row + 1):
        no = ws.cell(r, 1).value
        if isinstance(no, (int, float)) and ws.cell(r, 2).value != strings["units.task.category"]:
            rows.append((int(no), ws.cell(r, 5).value, ws.cell(r, 7).value, r))
    return rows


def role_word(strings, role):
    return strings["units.lead" if role == "lead" else "units.support"]


def check_names(wb, model, strings, errs):
    names = wb.sheetnames
    if names[0] != strings["units.sheet.summary"]:
        errs.append("first sheet is %r, not the summary" % names[0])
    seen = {}
    for n in names:
        if not n or utf16_len(n) > 31:
            errs.append("sheet name %r: length %d" % (n, utf16_len(n)))
        if FORBIDDEN & set(n):
            errs.append("sheet name %r has a forbidden character" % n)
        if n.startswith("'") or n.endswith("'"):
            errs.append("sheet name %r starts or ends with an apostrophe" % n)
        if n.lower() == "history":
            errs.append("sheet name %r is reserved" % n)
        if n.lower() in seen:
            errs.append("sheet names %r and %r are one name to Excel" % (seen[n.lower()], n))
        seen[n.lower()] = n
    sheets = unit_sheets(wb, strings)
    if len(sheets) != len(names) - 1:
        errs.append("%d sheets after the summary, %d titled after a unit" %
                    (len(names) - 1, len(sheets)))
    for unit, ws in sheets.items():
        if unit not in model["units"]:
            errs.append("sheet %r is titled after %r, not a registry unit" % (ws.title, unit))


def check_coverage(wb, model, strings, errs):
    sheets = unit_sheets(wb, strings)
    on = {}
    for unit, ws in sheets.items():
        for no, role, _, _ in indicator_rows(ws, strings):
            on.setdefault(no, {})[unit] = role
    for no, refs in sorted(model["resp"].items()):
        if not on.get(no):
            errs.append("indicator %d is on no unit's sheet" % no)
        for name, lead in refs:
            if not lead:
                continue
            for unit in model["groups"].get(name, [name]):
                got = on.get(no, {}).get(unit)
                if got != strings["units.lead"]:
                    errs.append("indicator %d: lead unit %s has %r on its sheet" % (no, unit, got))


def check_members(wb, model, strings, errs):
    sheets = unit_sheets(wb, strings)
    group = "区质量发展委员会各成员单位"
    members = model["groups"].get(group)
    if not members:
        errs.append("no group %s in the model" % group)
        return
    named = sorted(no for no, refs in model["resp"].items() if any(
        model["groups"].get(n) is members for n, _ in refs))
    if named[:3] != [2, 4, 6]:
        errs.append("the group is named on rows %s, expected 2, 4, 6 first" % named)
    want = roles(model)
    for unit in members:
        ws = sheets.get(unit)
        if ws is None:
            errs.append("member %s has no sheet" % unit)
            continue
        got = {no: role for no, role, _, _ in indicator_rows(ws, strings)}
        for no in named:
            if got.get(no) != role_word(strings, want[(unit, no)]):
                errs.append("member %s, row %d: %r, expected %r" %
                            (unit, no, got.get(no), role_word(strings, want[(unit, no)])))


def summary_block(ws, strings):
    """rows of the missing-evidence block: (unit, carried), in order."""
    header = None
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 2).value == strings["units.header.unit"] and \
                ws.cell(r, 3).value == strings["units.header.lead_list"]:
            header = r
            break
    if header is None:
        return None
    out = []
    for r in range(header + 1, ws.max_row + 1):
        if not isinstance(ws.cell(r, 1).value, (int, float)):
            break
        out.append((ws.cell(r, 2).value, None, r))
    return out


def matrix_header(ws, strings):
    """(row of indicator numbers, {indicator no: column}, carried column)."""
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == strings["units.header.no"] and \
                ws.cell(r, 3).value != strings["units.header.lead_list"]:
            numbers = r + 1
            cols = {}
            for c in range(3, ws.max_column + 1):
                v = ws.cell(numbers, c).value
                if v is not None and str(v).isdigit():
                    cols[int(v)] = c
            carried = next(c for c in range(1, ws.max_column + 1)
                           if ws.cell(r, c).value == strings["units.header.carried"])
            return numbers, cols, carried
    return None, {}, None


def check_silent(wb, model, strings, errs):
    ws = wb.worksheets[0]
    block = summary_block(ws, strings)
    if block is None:
        errs.append("no missing-evidence block in the summary")
        return
    sheets = unit_sheets(wb, strings)
    expected = {u for u in sheets if u not in model["reported"]}
    got = [u for u, _, _ in block]
    if set(got) != expected or len(got) != len(expected):
        errs.append("block lists %s, expected %s" % (got, sorted(expected)))
    if set(got[:2]) != {"区民政局", "区科技局"}:
        errs.append("block starts with %s, not 区民政局 and 区科技局" % got[:2])
    carried = [ws.cell(r, ws.max_column - 2).value for _, _, r in block]
    if any(not isinstance(v, (int, float)) for v in carried) or carried != sorted(carried, reverse=True):
        errs.append("block points %s are not in falling order" % carried)
    numbers, _, _ = matrix_header(ws, strings)
    if numbers is None or block[-1][2] >= numbers:
        errs.append("the block is not above the matrix")


def check_matrix(wb, wb_values, model, strings, errs):
    ws, wv = wb.worksheets[0], wb_values.worksheets[0]
    numbers, cols, carried_col = matrix_header(ws, strings)
    if numbers is None:
        errs.append("no matrix header in the summary")
        return
    if sorted(cols) != sorted(model["resp"]):
        errs.append("matrix indicator columns %s" % sorted(cols))
    want = roles(model)
    sheets = unit_sheets(wb, strings)
    seen = set()
    for r in range(numbers + 1, ws.max_row + 1):
        unit = ws.cell(r, 2).value
        if unit is None:
            continue
        seen.add(unit)
        for no, c in cols.items():
            mark = ws.cell(r, c).value
            expect = role_word(strings, want[(unit, no)]) if (unit, no) in want else None
            if mark != expect:
                errs.append("matrix %s, indicator %d: %r, expected %r" % (unit, no, mark, expect))
        carried, earned = ws.cell(r, carried_col).value, ws.cell(r, carried_col + 1).value
        rate, cached = ws.cell(r, carried_col + 2), wv.cell(r, carried_col + 2).value
        if not isinstance(carried, (int, float)) or not isinstance(earned, (int, float)):
            errs.append("matrix %s: points %r / %r are not numbers" % (unit, carried, earned))
            continue
        ws_unit = sheets.get(unit)
        if ws_unit is not None:
            total = sum(s for _, _, s, _ in indicator_rows(ws_unit, strings))
            if abs(total - earned) > 1e-9:
                errs.append("matrix %s: earned %s, its sheet's scores add up to %s" %
                            (unit, earned, total))
        if carried > 0:
            if not str(rate.value).startswith("=") or rate.number_format != "0.0%":
                errs.append("matrix %s: rate %r (format %s)" % (unit, rate.value, rate.number_format))
            if cached is None or abs(cached - earned / carried) > 1e-9:
                errs.append("matrix %s: cached rate %r, expected %s" % (unit, cached, earned / carried))
    if seen != set(sheets):
        errs.append("matrix units %s differ from the unit sheets %s" % (sorted(seen), sorted(sheets)))
    if ws.auto_filter.ref != "A%d:%s%d" % (numbers, openpyxl.utils.get_column_letter(ws.max_column),
                                            ws.max_row):
        errs.append("summary autofilter %r" % ws.auto_filter.ref)


def check_page(ws, errs, titles):
    ps = ws.page_setup
    if ps.orientation != "landscape" or str(ps.paperSize) != "9":
        errs.append("%s: page %s %s" % (ws.title, ps.orientation, ps.paperSize))
    if not ws.sheet_properties.pageSetUpPr.fitToPage or ps.fitToWidth not in (1, None) or \
            ps.fitToHeight != 0:
        errs.append("%s: not fitted to one page wide (%s x %s)" % (ws.title, ps.fitToWidth, ps.fitToHeight))
    if ws.print_title_rows != titles:
        errs.append("%s: print titles %r, expected %r" % (ws.title, ws.print_title_rows, titles))
    for r in range(1, ws.max_row + 1):
        if ws.row_dimensions[r].height is None:
            errs.append("%s: row %d has no height" % (ws.title, r))


def check_sheets(wb, model, strings, errs):
    status = [strings[k] for k in ("units.status.done", "units.status.ongoing", "units.status.none")]
    header = [strings["units.header." + k] for k in COLS]
    for unit, ws in unit_sheets(wb, strings).items():
        got = [ws.cell(3, c + 1).value for c in range(len(COLS))]
        if got != header:
            errs.append("%s: header %s" % (unit, got))
        last = ws.max_row
        vals = ws.data_validations.dataValidation
        span = "I%d" % last if last == UNIT_FIRST else "I%d:I%d" % (UNIT_FIRST, last)
        ok = any(v.type == "list" and v.formula1 == '"%s"' % ",".join(status) and
                 str(v.sqref) == span for v in vals)
        if not ok:
            errs.append("%s: no list validation %s over I%d:I%d (%s)" %
                        (unit, status, UNIT_FIRST, last,
                         [(v.type, v.formula1, str(v.sqref)) for v in vals]))
        if ws.auto_filter.ref != "A3:I%d" % last:
            errs.append("%s: autofilter %r" % (unit, ws.auto_filter.ref))
        if ws.freeze_panes != "A%d" % UNIT_FIRST:
            errs.append("%s: frozen at %r" % (unit, ws.freeze_panes))
        check_page(ws, errs, "$3:$3")
    summary = wb.worksheets[0]
    numbers, _, _ = matrix_header(summary, strings)
    if numbers:
        check_page(summary, errs, "$%d:$%d" % (numbers - 1, numbers))


def check_props(wb, strings, errs):
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    want = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).replace(tzinfo=None)
    if wb.properties.created != want:
        errs.append("created %s, expected %s" % (wb.properties.created, want))
    if wb.properties.subject != strings["units.subject"]:
        errs.append("subject %r" % wb.properties.subject)
    if not wb.properties.title or not wb.properties.title.endswith(
            strings["units.title"][strings["units.title"].rindex("}") + 1:]):
        errs.append("title %r" % wb.properties.title)


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    check, model_path, strings_path, path = argv[1:]
    model, strings = load_model(model_path), load_strings(strings_path)
    wb = openpyxl.load_workbook(path)
    errs = []
    if check == "names":
        check_names(wb, model, strings, errs)
    elif check == "coverage":
        check_coverage(wb, model, strings, errs)
    elif check == "members":
        check_members(wb, model, strings, errs)
    elif check == "silent":
        check_silent(wb, model, strings, errs)
    elif check == "matrix":
        check_matrix(wb, openpyxl.load_workbook(path, data_only=True), model, strings, errs)
    elif check == "sheets":
        check_sheets(wb, model, strings, errs)
    elif check == "props":
        check_props(wb, strings, errs)
    else:
        print("unknown check %r" % check, file=sys.stderr)
        return 2
    for e in errs[:40]:
        print(e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
