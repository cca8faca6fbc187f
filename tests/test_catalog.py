#!/usr/bin/python3
"""Checks `liangze report catalog --format csv` against the plan itself.

    LIANGZE_BIN=./liangze /usr/bin/python3 tests/test_catalog.py

The plan is read from ../shared/plan/implementation-plan.zh.txt (relative to
the repository root) when that exists, else from the copy in tests/data. It is
parsed here with logic of its own (whole-text regular expressions, holders
told apart by their headings' words), deliberately not shared with
tools/gen_catalog.py, so that a mistake in the generator shows up as a
mismatch instead of being repeated. Every row is compared field by field.
"""

import csv
import io
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_PLAN = os.path.join(ROOT, "..", "shared", "plan", "implementation-plan.zh.txt")
COPY_PLAN = os.path.join(ROOT, "tests", "data", "implementation-plan.zh.txt")

HEADER = ["type", "number", "mechanism", "holder", "section", "title", "lead_units", "co_units"]
HOLDER_ORDER = ["collective", "principal", "member", "commission"]
EXPECTED_HOLDER_COUNTS = {"collective": 9, "principal": 4, "member": 4, "commission": 5}
TASK_MECHANISMS = "明" * 4 + "询" * 5 + "查" * 6 + "考" * 3 + "述" * 2 + "评" * 3

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def part(text, numeral):
    """The text of part 一/二/三/四 (from after its heading to the next part)."""
    heads = list(re.finditer(r"^([一二三四五六七八九十])、.*$", text, re.M))
    for i, h in enumerate(heads):
        if h.group(1) == numeral:
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            return text[h.end():end]
    raise SystemExit("plan has no part %s" % numeral)


def chunks(text, pattern):
    """Split text at lines matching pattern: [(match, text up to the next match)]."""
    ms = list(re.finditer(pattern, text, re.M))
    return [(m, text[m.start():(ms[i + 1].start() if i + 1 < len(ms) else len(text))])
            for i, m in enumerate(ms)]


def units(raw):
    raw = re.sub(r"等\s*$", "", raw.strip())
    return ";".join(n.strip() for n in raw.split("、"))


def expected_rows(plan):
    rows = []

    three = part(plan, "三")
    mech_blocks = chunks(three, r"^[((]([一二三四五六])[))]建立(.)责(.)廉(.)险工作机制$")
    if len(mech_blocks) != 6:
        fail("plan: %d mechanisms found in part 三, expected 6" % len(mech_blocks))
    for mm, block in mech_blocks:
        mech = mm.group(2)
        if not (mm.group(3) == mm.group(4) == mech):
            fail("plan: odd mechanism heading %r" % mm.group(0))
        for tm, task in chunks(block, r"^(\d+)[..]([^。\n]+)。"):
            lead = re.search(r"^牵头单位[::](.*)$", task, re.M)
            co = re.search(r"^协办单位[::](.*)$", task, re.M)
            rows.append({"type": "task", "number": tm.group(1), "mechanism": mech,
                         "holder": "", "section": "", "title": tm.group(2),
                         "lead_units": units(lead.group(1)) if lead else "<none>",
                         "co_units": units(co.group(1)) if co else "<none>"})

    two = part(plan, "二")
    subs = dict((m.group(1), body) for m, body in chunks(two, r"^[((]([一二])[))]"))
    duties = []
    for gm, group in chunks(subs.get("一", ""), r"^(\d+)[..]([^。\n]+)。"):
        heading = gm.group(2)
        if "班子成员" in heading:
            holder = "member"
        elif "主要负责人" in heading:
            holder = "principal"
        elif "领导班子" in heading:
            holder = "collective"
        else:
            fail("plan: unknown duty group %r" % heading)
            continue
        for im in re.finditer(r"^[((](\d+)[))]([^。\n]+)。", group, re.M):
            duties.append((holder, im.group(1), "二(一)%s(%s)" % (gm.group(1), im.group(1)),
                           im.group(2)))
    for im in re.finditer(r"^(\d+)[..]([^。\n]+)。", subs.get("二", ""), re.M):
        duties.append(("commission", im.group(1), "二(二)%s" % im.group(1), im.group(2)))
    duties.sort(key=lambda d: (HOLDER_ORDER.index(d[0]), int(d[1])))
    for holder, num, section, title in duties:
        rows.append({"type": "duty", "number": num, "mechanism": "", "holder": holder,
                     "section": section, "title": title, "lead_units": "", "co_units": ""})
    return rows


def check_plan_shape(rows):
    tasks = [r for r in rows if r["type"] == "task"]
    if [r["number"] for r in tasks] != [str(n) for n in range(1, 24)]:
        fail("plan: task numbers parsed are %s" % [r["number"] for r in tasks])
    if "".join(r["mechanism"] for r in tasks) != TASK_MECHANISMS:
        fail("plan: task mechanisms parsed are %s" % "".join(r["mechanism"] for r in tasks))
    for h, n in EXPECTED_HOLDER_COUNTS.items():
        got = [r["number"] for r in rows if r["type"] == "duty" and r["holder"] == h]
        if got != [str(i) for i in range(1, n + 1)]:
            fail("plan: %s duties parsed are numbered %s" % (h, got))


def run(binary, *args):
    p = subprocess.run([binary] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(args), p.returncode,
                                   p.stderr.decode("utf-8", "replace").strip()))
        return None
    return p.stdout


def check_csv(data, want):
    if data.startswith(b"\xef\xbb\xbf"):
        fail("csv: starts with a BOM")
    if b"\r" in data:
        fail("csv: has CR characters (line ends must be LF)")
    if data and not data.endswith(b"\n"):
        fail("csv: last line lacks its LF")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("csv: not UTF-8: %s" % e)
        return
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        fail("csv: empty output")
        return
    if records[0] != HEADER:
        fail("csv: header is %s, expected %s" % (records[0], HEADER))
    got = []
    for i, rec in enumerate(records[1:], 2):
        if len(rec) != len(HEADER):
            fail("csv line %d: %d fields, expected %d: %s" % (i, len(rec), len(HEADER), rec))
            rec = (rec + [""] * len(HEADER))[:len(HEADER)]
        got.append(dict(zip(HEADER, rec)))

    tasks = [r for r in got if r["type"] == "task"]
    duties = [r for r in got if r["type"] == "duty"]
    if len(got) != 45:
        fail("csv: %d rows, expected 45" % len(got))
    if len(tasks) != 23:
        fail("csv: %d task rows, expected 23" % len(tasks))
    if len(duties) != 22:
        fail("csv: %d duty rows, expected 22" % len(duties))
    for h, n in EXPECTED_HOLDER_COUNTS.items():
        c = sum(1 for r in duties if r["holder"] == h)
        if c != n:
            fail("csv: %d %s duties, expected %d" % (c, h, n))

    for i in range(max(len(got), len(want))):
        if i >= len(got):
            fail("csv row %d missing: expected %s %s %s" % (
                i + 1, want[i]["type"], want[i]["holder"], want[i]["number"]))
            continue
        if i >= len(want):
            fail("csv row %d unexpected: %s" % (i + 1, got[i]))
            continue
        w, g = want[i], got[i]
        where = "csv row %d (%s %s%s)" % (i + 1, w["type"], w["holder"] + " " if w["holder"] else "",
                                          w["number"])
        for f in HEADER:
            if g[f] != w[f]:
                fail("%s: %s is %r, the plan gives %r" % (where, f, g[f], w[f]))


def check_text(data, want):
    """The listing for a person: each title present, in the plan's order."""
    text = data.decode("utf-8", "replace")
    pos = 0
    for w in want:
        j = text.find(w["title"], pos)
        if j < 0:
            fail("text: %s %s %r missing or out of order" % (w["type"], w["number"], w["title"]))
        else:
            pos = j + len(w["title"])


def main():
    binary = os.environ.get("LIANGZE_BIN")
    if not binary:
        print("test_catalog: set LIANGZE_BIN to the liangze binary", file=sys.stderr)
        return 1
    plan_path = SHARED_PLAN if os.path.exists(SHARED_PLAN) else COPY_PLAN
    with open(plan_path, encoding="utf-8") as f:
        plan = f.read()
    if plan_path != COPY_PLAN and os.path.exists(COPY_PLAN):
        with open(COPY_PLAN, encoding="utf-8") as f:
            if f.read() != plan:
                fail("tests/data/implementation-plan.zh.txt differs from %s" % plan_path)

    want = expected_rows(plan)
    check_plan_shape(want)

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "catalog.db")
        if run(binary, "--db", db, "init") is not None:
            out = run(binary, "--db", db, "report", "catalog", "--format", "csv")
            if out is not None:
                check_csv(out, want)
            out = run(binary, "--db", db, "report", "catalog", "--format", "text")
            if out is not None:
                check_text(out, want)

    # One test per catalog row, so the summary says how much was compared.
    if failures:
        print("catalog: %d failure(s)" % len(failures))
        print("0 passed, %d failed" % len(failures))
        return 1
    print("catalog: %d rows ok" % len(want))
    print("%d passed, 0 failed" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
