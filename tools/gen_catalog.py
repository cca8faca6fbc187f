#!/usr/bin/python3
"""Generate schema/0002_catalog.sql from the plan text, so that nothing in
the catalog is retyped by hand.

    tools/gen_catalog.py [--plan PLAN] [-o OUT]      write the migration
    tools/gen_catalog.py --check [-o OUT]            fail if OUT is stale

PLAN defaults to tests/data/implementation-plan.zh.txt (the committed copy),
OUT to schema/0002_catalog.sql, both relative to the repository root.

What is taken from the plan:
  part 二 (一) 1/2/3 (n) -> catalog_duty holder collective/principal/member
  part 二 (二) n          -> catalog_duty holder commission
  part 三 (一)..(六)      -> mechanisms 明 询 查 考 述 评 and their titles
  part 三 n.              -> catalog_task, with the 牵头单位/协办单位 lines

title is the first sentence (up to, not including, the first 。); body is
the whole paragraph without its number prefix ("1." or "(1)"), so it begins
with the title and its 。.  The parser is strict: any surprise in the plan's
shape stops it rather than producing a partial catalog.
"""

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PLAN = os.path.join(ROOT, "tests", "data", "implementation-plan.zh.txt")
DEFAULT_OUT = os.path.join(ROOT, "schema", "0002_catalog.sql")

CN_NUM = "一二三四五六七八九十"
MECHANISMS = "明询查考述评"
HOLDERS = ("collective", "principal", "member", "commission")
EXPECTED_DUTIES = {"collective": 9, "principal": 4, "member": 4, "commission": 5}
EXPECTED_TASKS = 23

# The plan writes some punctuation in ASCII and some full-width; accept both.
RE_PART = re.compile(r"^([%s]+)、(.+)$" % CN_NUM)
RE_SUB = re.compile(r"^[((]([%s]+)[))](.+)$" % CN_NUM)
RE_NUMBERED = re.compile(r"^(\d+)[..](.+)$")
RE_ITEM = re.compile(r"^[((](\d+)[))](.+)$")
RE_LEAD = re.compile(r"^牵头单位[::](.*)$")
RE_CO = re.compile(r"^协办单位[::](.*)$")
RE_MECH = re.compile(r"^建立(.)责\1廉\1险工作机制$")

# Group headings of part 二 (一): which holder each numbered group is.
PRINCIPAL_GROUPS = {1: "collective", 2: "principal", 3: "member"}


class PlanError(Exception):
    pass


def first_sentence(text):
    i = text.find("。")
    if i <= 0:
        raise PlanError("no sentence ending in: %s" % text[:40])
    return text[:i]


def split_units(text):
    """Split on 、 outside parentheses, dropping a trailing 等 ("and others")."""
    text = text.strip()
    if text.endswith("等"):
        text = text[:-1]
    names, cur, depth = [], [], 0
    for ch in text:
        if ch in "((":
            depth += 1
        elif ch in "))":
            depth -= 1
        if ch == "、" and depth == 0:
            names.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    names.append("".join(cur).strip())
    if any(not n for n in names):
        raise PlanError("empty unit name in: %s" % text)
    return names


def parse(plan_text):
    lines = [ln.strip() for ln in plan_text.splitlines() if ln.strip()]
    part = sub = None
    group = None            # holder of part 二 (一) numbered group
    mech = mech_title = None
    duties = []             # dicts: holder, num, section, title, body
    tasks = []              # dicts: num, mechanism, mechanism_title, title, body, lead, co
    mechs_seen = []

    for ln in lines:
        m = RE_PART.match(ln)
        if m:
            part, sub, group = m.group(1), None, None
            continue
        if part not in ("二", "三"):
            continue
        m = RE_SUB.match(ln)
        if m:
            sub, group = m.group(1), None
            if part == "三":
                mm = RE_MECH.match(m.group(2))
                if not mm:
                    raise PlanError("unexpected mechanism heading: %s" % ln)
                mech, mech_title = mm.group(1), m.group(2)
                mechs_seen.append(mech)
            continue
        if part == "二":
            m = RE_NUMBERED.match(ln)
            if m and sub == "一":
                n = int(m.group(1))
                if n not in PRINCIPAL_GROUPS:
                    raise PlanError("unexpected group %d in 二(一)" % n)
                group = (n, PRINCIPAL_GROUPS[n])
                continue
            if m and sub == "二":
                n, body = int(m.group(1)), m.group(2)
                duties.append(dict(holder="commission", num=n,
                                   section="二(二)%d" % n,
                                   title=first_sentence(body), body=body))
                continue
            m = RE_ITEM.match(ln)
            if m and sub == "一" and group:
                n, body = int(m.group(1)), m.group(2)
                duties.append(dict(holder=group[1], num=n,
                                   section="二(一)%d(%d)" % (group[0], n),
                                   title=first_sentence(body), body=body))
                continue
            continue
        # part 三
        if mech is None:
            continue        # the introductory paragraph before (一)
        m = RE_NUMBERED.match(ln)
        if m:
            n, body = int(m.group(1)), m.group(2)
            tasks.append(dict(num=n, mechanism=mech, mechanism_title=mech_title,
                              title=first_sentence(body), body=body,
                              lead=None, co=None))
            continue
        m = RE_LEAD.match(ln)
        if m:
            if not tasks or tasks[-1]["lead"] is not None:
                raise PlanError("stray 牵头单位 line: %s" % ln)
            tasks[-1]["lead"] = m.group(1).strip()
            continue
        m = RE_CO.match(ln)
        if m:
            if not tasks or tasks[-1]["co"] is not None:
                raise PlanError("stray 协办单位 line: %s" % ln)
            tasks[-1]["co"] = m.group(1).strip()
            continue
        raise PlanError("unexpected line in part 三: %s" % ln[:40])

    check(tasks, duties, mechs_seen)
    return tasks, duties


def check(tasks, duties, mechs_seen):
    if "".join(mechs_seen) != MECHANISMS:
        raise PlanError("mechanisms are %s, expected %s" % ("".join(mechs_seen), MECHANISMS))
    if [t["num"] for t in tasks] != list(range(1, EXPECTED_TASKS + 1)):
        raise PlanError("task numbers are not 1..%d" % EXPECTED_TASKS)
    for t in tasks:
        if not t["lead"] or not t["co"]:
            raise PlanError("task %d lacks its lead or co-units" % t["num"])
    for h in HOLDERS:
        nums = [d["num"] for d in duties if d["holder"] == h]
        if nums != list(range(1, EXPECTED_DUTIES[h] + 1)):
            raise PlanError("%s duties are numbered %s" % (h, nums))


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def render(tasks, duties):
    out = []
    w = out.append
    w("-- 0002_catalog.sql — the plan's catalog as data: the 23 tasks of part 三")
    w("-- (six mechanisms 明询查考述评) with their lead and co-units, and the 22")
    w("-- responsibility items of part 二.")
    w("-- GENERATED by tools/gen_catalog.py from tests/data/implementation-plan.zh.txt;")
    w("-- do not edit by hand: fix the generator and regenerate.")
    w("-- title = the first sentence (up to, not including, the first 。);")
    w("-- body = the whole paragraph without its number prefix, title included.")
    w("-- lead_text/co_text keep the plan's words; catalog_task_unit splits them on 、")
    w("-- and drops a trailing 等; collective phrases (各地各部门 …) stay one name.")
    w("")
    w("CREATE TABLE catalog_task(")
    w("\tnum INTEGER PRIMARY KEY CHECK(num BETWEEN 1 AND %d)," % EXPECTED_TASKS)
    w("\tmechanism TEXT NOT NULL CHECK(mechanism IN (%s))," %
      ", ".join(sql_str(m) for m in MECHANISMS))
    w("\tmechanism_title TEXT NOT NULL,")
    w("\ttitle TEXT NOT NULL,")
    w("\tbody TEXT NOT NULL,")
    w("\tlead_text TEXT NOT NULL,")
    w("\tco_text TEXT NOT NULL")
    w(");")
    w("")
    w("CREATE TABLE catalog_task_unit(")
    w("\ttask INTEGER NOT NULL REFERENCES catalog_task(num),")
    w("\trole TEXT NOT NULL CHECK(role IN ('lead', 'co')),")
    w("\tseq INTEGER NOT NULL,")
    w("\tname TEXT NOT NULL,")
    w("\tPRIMARY KEY(task, role, seq)")
    w(");")
    w("")
    w("-- Matching by name at read time: a unit added later is found without a sync.")
    w("CREATE VIEW catalog_task_unit_ref(task, role, seq, name, unit_id) AS")
    w("\tSELECT c.task, c.role, c.seq, c.name, u.id")
    w("\tFROM catalog_task_unit AS c LEFT JOIN unit AS u ON u.name = c.name;")
    w("")
    w("CREATE TABLE catalog_duty(")
    w("\tid INTEGER PRIMARY KEY,")
    w("\tholder TEXT NOT NULL CHECK(holder IN (%s))," %
      ", ".join(sql_str(h) for h in HOLDERS))
    w("\tnum INTEGER NOT NULL,")
    w("\tsection TEXT NOT NULL,")
    w("\ttitle TEXT NOT NULL,")
    w("\tbody TEXT NOT NULL,")
    w("\tUNIQUE(holder, num)")
    w(");")
    w("")
    w("INSERT INTO catalog_task(num, mechanism, mechanism_title, title, body, lead_text, co_text) VALUES")
    rows = ["(%d, %s, %s, %s, %s, %s, %s)" % (
        t["num"], sql_str(t["mechanism"]), sql_str(t["mechanism_title"]),
        sql_str(t["title"]), sql_str(t["body"]), sql_str(t["lead"]), sql_str(t["co"]))
        for t in tasks]
    w(",\n".join(rows) + ";")
    w("")
    w("INSERT INTO catalog_task_unit(task, role, seq, name) VALUES")
    rows = []
    for t in tasks:
        for role, text in (("lead", t["lead"]), ("co", t["co"])):
            for seq, name in enumerate(split_units(text), 1):
                rows.append("(%d, '%s', %d, %s)" % (t["num"], role, seq, sql_str(name)))
    w(",\n".join(rows) + ";")
    w("")
    w("INSERT INTO catalog_duty(id, holder, num, section, title, body) VALUES")
    ordered = sorted(duties, key=lambda d: (HOLDERS.index(d["holder"]), d["num"]))
    rows = ["(%d, '%s', %d, %s, %s, %s)" % (
        i, d["holder"], d["num"], sql_str(d["section"]), sql_str(d["title"]), sql_str(d["body"]))
        for i, d in enumerate(ordered, 1)]
    w(",\n".join(rows) + ";")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plan", default=DEFAULT_PLAN)
    ap.add_argument("-o", "--out", default=DEFAULT_OUT, help="'-' for standard output")
    ap.add_argument("--check", action="store_true", help="fail if OUT differs from what PLAN gives")
    args = ap.parse_args()

    with open(args.plan, encoding="utf-8") as f:
        text = f.read()
    try:
        sql = render(*parse(text))
    except PlanError as e:
        print("gen_catalog: %s: %s" % (args.plan, e), file=sys.stderr)
        return 2

    if args.check:
        try:
            with open(args.out, encoding="utf-8") as f:
                current = f.read()
        except OSError as e:
            print("gen_catalog: %s" % e, file=sys.stderr)
            return 1
        if current != sql:
            print("gen_catalog: %s is stale; run tools/gen_catalog.py" % args.out, file=sys.stderr)
            return 1
        return 0
    if args.out == "-":
        sys.stdout.write(sql)
    else:
        tmp = args.out + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(sql)
        os.replace(tmp, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
