#!/usr/bin/python3
"""forms_tool.py - helpers of tests/e2e_forms.sh for evidence forms (.xlsx).

  check FORM            asserts what the form must carry: its sheets, the hidden
                        key row, the hidden meta sheet, protection, frozen panes,
                        print setup, list and number validations with input
                        messages; prints one line per failure, exit 1 if any
  count FORM            rows of scoring items on the items sheet
  set FORM OUT SHEET CELL VALUE...   sets cells (openpyxl; VALUE "=num:1.5",
                        "=date:2022-01-02" for typed values), saved as OUT
  variant FORM OUT      the same cells as another writer would store them:
                        inline strings with rich-text runs, no shared strings,
                        other part names (absolute targets), the 1904 date system
  hostile KIND FORM OUT a hostile workbook built from FORM (KIND: bomb-ratio,
                        sst-100m, dotdot, absolute, doctype, million-rows,
                        not-zip, entity)
"""
import datetime
import io
import re
import sys
import zipfile

import openpyxl


def check(path, panes=True):
    wb = openpyxl.load_workbook(path)
    bad = []
    want = ['评分项', '量化目标', '佐证文件', '奖项', '事件', '年度数据', 'qsreport']
    if wb.sheetnames != want:
        bad.append('sheets %r' % wb.sheetnames)
    if wb['qsreport'].sheet_state != 'hidden':
        bad.append('the meta sheet is not hidden')
    for name in want:
        ws = wb[name]
        if not ws.protection.sheet:
            bad.append('%s: not protected' % name)
        if ws.protection.password:
            bad.append('%s: protected with a password' % name)
        if name == 'qsreport':
            continue
        if not ws.row_dimensions[1].hidden:
            bad.append('%s: the key row is not hidden' % name)
        if panes and ws.freeze_panes is None:
            bad.append('%s: no frozen panes' % name)
        if ws.page_setup.orientation != 'landscape' or str(ws.page_setup.paperSize) != '9':
            bad.append('%s: not A4 landscape' % name)
        if not ws.print_title_rows:
            bad.append('%s: no header row repeated on every page' % name)
        if not ws['A2'].value or '佐证材料填报表' not in str(ws['A2'].value):
            bad.append('%s: no title in A2' % name)
    ws = wb['评分项']
    keys = [c.value for c in ws[1]]
    dv = ws.data_validations.dataValidation
    by_col = {}
    for v in dv:
        for rng in str(v.sqref).split():
            col = re.match(r'[A-Z]+', rng).group(0)
            by_col.setdefault(col, []).append(v)
    letter = openpyxl.utils.get_column_letter
    done = letter(keys.index('done') + 1)
    if not any(v.type == 'list' and '已完成' in (v.formula1 or '') and '未完成' in v.formula1 for v in by_col.get(done, [])):
        bad.append('done: no list 已完成/未完成')
    for i, k in enumerate(keys):
        if not k or not k.startswith('measure:'):
            continue
        vs = by_col.get(letter(i + 1), [])
        if not any(v.type == 'decimal' for v in vs):
            bad.append('%s: no number validation' % k)
        if k.endswith('|%') and not any(v.type == 'decimal' and v.operator in (None, 'between') and v.formula1 == '0'
                                        and v.formula2 == '100' for v in vs):
            bad.append('%s: not between 0 and 100' % k)
    for v in dv:
        if not v.showInputMessage or not v.prompt:
            bad.append('validation %s without an input message' % v.sqref)
    # verbatim text locked, cells to fill open
    r = 5
    if ws.cell(r, keys.index('method') + 1).protection.locked is False:
        bad.append('the method is not locked')
    if ws.cell(r, keys.index('done') + 1).protection.locked is not False:
        bad.append('done is not open for input')
    docs = wb['佐证文件']
    dkeys = [c.value for c in docs[1]]
    if not any(v.type == 'date' for v in docs.data_validations.dataValidation):
        bad.append('documents: no date validation')
    for row in docs.iter_rows(min_row=4):
        c = row[dkeys.index('date')]
        if c.value is not None and not isinstance(c.value, datetime.datetime):
            bad.append('documents %s: the date is not an Excel date' % c.coordinate)
    for b in bad:
        print(b)
    return 1 if bad else 0


def count(path):
    ws = openpyxl.load_workbook(path)['评分项']
    print(sum(1 for row in ws.iter_rows(min_row=5, max_col=2, values_only=True) if row[1]))
    return 0


def set_cells(path, out, args):
    wb = openpyxl.load_workbook(path)
    for sheet, cell, value in zip(args[0::3], args[1::3], args[2::3]):
        if value.startswith('=num:'):
            value = float(value[5:])
        elif value.startswith('=date:'):
            value = datetime.datetime.strptime(value[6:], '%Y-%m-%d')
        elif value == '=empty':
            value = None
        wb[sheet][cell] = value
    wb.save(out)
    return 0


def fill(path, out, attachment):
    """fills a blank form as a clerk would: the first item with a value to
    measure gets 已完成, the value 42, a narrative and a document dated as a
    real date; prints "ITEM QUANTITY" """
    wb = openpyxl.load_workbook(path)
    ws = wb['评分项']
    keys = [c.value for c in ws[1]]
    for r in range(5, ws.max_row + 1):
        for i, k in enumerate(keys):
            if k and k.startswith('measure:') and ws.cell(r, i + 1).protection.locked is False:
                item = ws.cell(r, keys.index('item') + 1).value
                ws.cell(r, keys.index('done') + 1).value = '已完成'
                ws.cell(r, i + 1).value = 42
                ws.cell(r, keys.index('narrative') + 1).value = '第一段\n第二段'
                docs = wb['佐证文件']
                dk = [c.value for c in docs[1]]
                docs.cell(4, dk.index('item') + 1).value = item
                docs.cell(4, dk.index('title') + 1).value = '关于测试的通知'
                docs.cell(4, dk.index('date') + 1).value = datetime.datetime(int(ws['D3'].value), 6, 30)
                docs.cell(4, dk.index('file') + 1).value = attachment
                wb.save(out)
                print(item, k[8:].split('|')[0])
                return 0
    return 1


def parts(path):
    with zipfile.ZipFile(path) as z:
        return [(i, z.read(i.filename)) for i in z.infolist()]


def write(out, items):
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            z.writestr(name, data)


def xml_text(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def variant(path, out):
    src = dict((i.filename, d) for i, d in parts(path))
    sst = re.findall(rb'<si>(.*?)</si>', src.get('xl/sharedStrings.xml', b''), re.S)
    texts = [''.join(re.findall(r'<t[^>]*>(.*?)</t>', s.decode(), re.S)) for s in sst]
    rels = src['xl/_rels/workbook.xml.rels'].decode()
    sheets = re.findall(r'Target="(worksheets/sheet\d+\.xml)"', rels)
    res = {}
    for n, name in enumerate(sheets):
        x = src['xl/' + name].decode()

        def inline(attrs, idx):
            t = texts[idx]
            half = len(t) // 2
            # rich text: two runs (the second bold), and a phonetic run that is not text
            body = '<r><t xml:space="preserve">%s</t></r><r><rPr><b/></rPr><t xml:space="preserve">%s</t></r>' \
                   '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh>' % (t[:half], t[half:])
            return '<c%s t="inlineStr"><is>%s</is></c>' % (attrs, body)
        x = re.sub(r'<c([^>]*?) t="s"([^>]*)><v>(\d+)</v></c>',
                   lambda m: inline(m.group(1) + m.group(2), int(m.group(3))), x)
        res['xl/data/part-%d.xml' % (n + 1)] = x
        rels = rels.replace('Target="%s"' % name, 'Target="/xl/data/part-%d.xml"' % (n + 1))
    rels = re.sub(r'<Relationship[^>]*sharedStrings[^>]*/>', '', rels)
    ct = src['[Content_Types].xml'].decode()
    ct = re.sub(r'<Override PartName="/xl/sharedStrings.xml"[^>]*/>', '', ct)
    ct = re.sub(r'PartName="/xl/worksheets/sheet(\d+)\.xml"', r'PartName="/xl/data/part-\1.xml"', ct)
    items = []
    for name, data in src.items():
        if name == 'xl/sharedStrings.xml' or name.startswith('xl/worksheets/sheet'):
            continue
        if name == 'xl/_rels/workbook.xml.rels':
            data = rels.encode()
        elif name == '[Content_Types].xml':
            data = ct.encode()
        items.append((name, data))
    items += [(k, v.encode()) for k, v in res.items()]
    write(out, items)
    # then the 1904 date system through openpyxl, which shifts the serials it writes
    wb = openpyxl.load_workbook(out)
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.save(out + '.1904.xlsx')
    return 0


def hostile(kind, path, out):
    items = [(i.filename, d) for i, d in parts(path)]
    if kind == 'not-zip':
        open(out, 'wb').write(b'PK\x03\x04 this is not a workbook')
        return 0
    if kind == 'bomb-ratio':  # a sheet padded with 20 MB of spaces: compresses over 1000 times
        items = [(n, d.replace(b'<sheetData>', b'<sheetData>' + b' ' * (20 << 20), 1)
                  if n.endswith('sheet1.xml') else d) for n, d in items]
    elif kind == 'sst-100m':  # a shared-strings part of 100 MB, compressed as text is (about 10 times)
        import random
        rnd = random.Random(16)
        words = [bytes(rnd.choice(b'abcdefghijklmnopqrstuvwxyz') for _ in range(12)) for _ in range(256)]
        body = b''.join(rnd.choices(words, k=(100 << 20) // 12))
        big = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + \
            b'<si><t>' + body + b'</t></si></sst>'
        items = [(n, big if n.endswith('sharedStrings.xml') else d) for n, d in items]
    elif kind == 'dotdot':
        items.append(('xl/../../evil.txt', b'escape'))
    elif kind == 'absolute':
        items.append(('/etc/evil.txt', b'escape'))
    elif kind in ('doctype', 'entity'):
        dt = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        target = 'xl/workbook.xml' if kind == 'doctype' else 'xl/sharedStrings.xml'
        items = [(n, re.sub(rb'(<\?xml[^>]*\?>)', lambda m: m.group(1) + dt, d, count=1) if n == target else d)
                 for n, d in items]
    elif kind == 'million-rows':
        row = b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'
        items = [(n, d.replace(b'</sheetData>', row + b'</sheetData>', 1) if n.endswith('sheet1.xml') else d)
                 for n, d in items]
    else:
        raise SystemExit('unknown kind ' + kind)
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for n, d in items:
            zi = zipfile.ZipInfo(n)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, d)
    return 0


def main(argv):
    cmd = argv[1]
    if cmd == 'check':
        return check(argv[2])
    if cmd == 'check-lo':  # LibreOffice headless keeps no view settings: no frozen panes there
        return check(argv[2], panes=False)
    if cmd == 'count':
        return count(argv[2])
    if cmd == 'fill':
        return fill(argv[2], argv[3], argv[4])
    if cmd == 'set':
        return set_cells(argv[2], argv[3], argv[4:])
    if cmd == 'variant':
        return variant(argv[2], argv[3])
    if cmd == 'hostile':
        return hostile(argv[2], argv[3], argv[4])
    raise SystemExit(__doc__)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
