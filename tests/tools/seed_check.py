#!/usr/bin/python3
"""seed_check.py SEED DUMP - the shipped sample against the source document.

Parses the 31-row table of the seed text (the official attachment) and the
text dump of the loaded sample (`qsreport dump`), and checks that every row's
number, points, group, scoring method and responsible-units text were
transcribed character for character, that every category label line of the
seed is the model's, and that every task paragraph and unit note of the main
text is the model's.  Prints one line per problem; exits 1 if any.
"""
import re
import sys


def seed_rows(text):
    table = text.split("\n附件\n", 1)[1]
    blocks = re.split(r"\n\n(?=\t\d+\n)", table)
    rows = []
    for b in blocks:
        cells = re.split(r"\n\t", "\n" + b.strip("\n"))[1:]
        if not cells or not re.fullmatch(r"\t?\d+", cells[0].strip("\n")):
            continue
        rows.append(cells)
    return rows


def parse_seed(text):
    rows = {}
    group = ""
    for cells in seed_rows(text):
        cells = [c.rstrip("\n") for c in cells]
        no = int(cells[0].strip())
        if len(cells) == 6:
            _, cat, grp, pts, method, resp = cells
        else:  # bonus rows have no score cell
            _, cat, grp, method, resp = cells
            pts = "-"
        if grp.strip():
            group = grp.strip()
        elif no >= 28:
            group = ""
        rows[no] = {
            "cat": [l for l in cat.split("\n") if l.strip()],
            "group": group,
            "points": pts.strip() or "-",
            "method": method.strip("\n"),
            "resp": "".join(resp.split("\n")).strip(),
        }
    return rows


def parse_dump(text):
    rows, resp, cats, tasks = {}, {}, [], {}
    cur = None
    for line in text.split("\n"):
        m = re.match(r'indicator (\d+): group "(.*)" points (\S+)$', line)
        if m:
            cur = int(m.group(1))
            rows[cur] = {"group": m.group(2), "points": m.group(3)}
            continue
        m = re.match(r'  method "(.*)"$', line)
        if m and cur is not None:
            rows[cur]["method"] = m.group(1)
        m = re.match(r'responsible (\d+): "(.*)" ->', line)
        if m:
            resp[int(m.group(1))] = m.group(2)
        m = re.match(r'category \S+: ".*" \S+(?: bonus)? label (.*)$', line)
        if m:
            cats.append(re.findall(r'"([^"]*)"', m.group(1)))
        m = re.match(r'  (text|units-text) "(.*)"$', line)
        if m:
            tasks.setdefault(m.group(1), []).append(m.group(2))
    return rows, resp, cats, tasks


def main():
    seed = open(sys.argv[1], encoding="utf-8").read()
    dump = open(sys.argv[2], encoding="utf-8").read()
    want = parse_seed(seed)
    rows, resp, cats, tasks = parse_dump(dump)
    bad = []
    if sorted(want) != list(range(1, 32)):
        bad.append("seed parse: expected rows 1..31, got %s" % sorted(want))
    if sorted(rows) != sorted(want):
        bad.append("rows: model has %s" % sorted(rows))
    for no, w in sorted(want.items()):
        r = rows.get(no, {})
        for key in ("group", "points", "method"):
            if r.get(key) != w[key]:
                bad.append("row %d %s: model %r, seed %r" % (no, key, r.get(key), w[key]))
        if resp.get(no) != w["resp"]:
            bad.append("row %d responsible units: model %r, seed %r" % (no, resp.get(no), w["resp"]))
    seed_labels = [w["cat"] for no, w in sorted(want.items()) if w["cat"]]
    first_labels = []
    for lab in seed_labels:  # rows 15 and 22 reprint a label after a page break
        if lab not in first_labels:
            first_labels.append(lab)
    if cats != first_labels:
        bad.append("category labels: model %r, seed %r" % (cats, first_labels))
    flat = seed.replace("\n", "")
    for kind in ("text", "units-text"):
        for t in tasks.get(kind, []):
            if t not in flat:
                bad.append("task %s not in the seed: %r" % (kind, t[:40]))
    if len(tasks.get("text", [])) != 7:
        bad.append("tasks: model has %d, the seed's section 三（三） has 7" % len(tasks.get("text", [])))
    for b in bad:
        print(b)
    print("seed check: %d rows, %d problems" % (len(want), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
