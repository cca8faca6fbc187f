"""The yearly archive read back with openpyxl: every record of the year and
none of other years per kind (against the database, with each kind's year
taken independently of liangze's descriptors), the cover's counts, the master
data, the rankings, and sheet names Excel accepts."""
import datetime
import os
import re

from lzt import test, main, Env, demo_env, eq, has, refused

import openpyxl

# kind: (table, SQL giving the year of row t) — what the plan means by each
# kind's year: a case's is its 线索受理 date, an index entry's its period.
YEAR_SQL = {
    "document": ("document", "t.year"),
    "letter": ("letter", "t.year"),
    "commitment": ("commitment", "t.year"),
    "duty_letter": ("duty_letter", "t.year"),
    "endorsement": ("endorsement", "t.year"),
    "risk_card": ("risk_card", "substr(t.issued_on, 1, 4)"),
    "inquiry": ("inquiry", "substr(t.asked_on, 1, 4)"),
    "interview": ("interview", "substr(t.held_on, 1, 4)"),
    "index_entry": ("index_entry", "substr(t.period, 1, 4)"),
    "rectification": ("rectification", "substr(t.deadline, 1, 4)"),
    "proposal": ("proposal", "substr(t.period, 1, 4)"),
    "case": ("case_file", "substr(t.clue_on, 1, 4)"),
    "declaration": ("declaration", "substr(t.declared_on, 1, 4)"),
    "check": ("inspection", "substr(t.checked_on, 1, 4)"),
    "meeting_record": ("meeting_record", "substr(t.met_on, 1, 4)"),
    "audit_finding": ("audit_finding", "substr(t.audited_on, 1, 4)"),
    "assessment": ("assessment", "t.year"),
    "annual_review": ("annual_review", "t.year"),
    "report": ("report", "t.year"),
    "duty_meeting": ("duty_meeting", "substr(t.held_on, 1, 4)"),
    "duty_report": ("duty_report", "(SELECT substr(m.held_on, 1, 4) FROM duty_meeting m WHERE m.id = t.meeting)"),
    "evaluation": ("evaluation", "t.year"),
    "survey": ("survey", "t.year"),
    "vetting": ("vetting", "substr(t.started_on, 1, 4)"),
    "accountability": ("accountability", "t.year"),
    "draw": ("draw", "substr(t.drawn_at, 1, 4)"),
}
MASTER = {"unit", "person", "account"}


def kinds(e):
    """kind name -> Chinese name, from `liangze kinds`."""
    rc, out, err = e.run("kinds", "--format", "csv", db=False, check=0)
    res = {}
    for line in out.splitlines()[1:]:
        name, zh = line.split(",")[:2]
        res[name] = zh
    return res


def year_of(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.year
    if isinstance(v, (int, float)):
        return int(v)
    m = re.match(r"(\d{4})", str(v or ""))
    return int(m.group(1)) if m else None


def sheet_rows(ws):
    it = ws.iter_rows(values_only=True)
    header = list(next(it))
    return header, [r for r in it if any(c is not None for c in r)]


@test
def archive_holds_the_year_and_nothing_else():
    e = demo_env()
    try:
        out_path = e.path("归档2025.xlsx")
        rc, out, err = e.run("archive", "--year", "2025", "-o", out_path, check=0)
        has(out, out_path)
        names = kinds(e)
        unknown = set(names) - set(YEAR_SQL) - MASTER
        eq(unknown, set(), "kinds this test does not know the year of: add them to YEAR_SQL")
        wb = openpyxl.load_workbook(out_path)
        titles = wb.sheetnames
        eq(len(titles), len(set(t.lower() for t in titles)), "sheet names unique")
        for t in titles:
            assert len(t) <= 31, "sheet name too long: %r" % t
        eq(titles[:3], ["封面", "单位", "干部"], "cover and master data first")
        eq(titles[-2:], ["满意度排名", "天成指数月度排名"], "rankings last")

        # the cover
        header, cover = sheet_rows(wb["封面"])
        items = {r[0]: r for r in cover}
        eq(items["年度"][1], "2025", "year on the cover")
        eq(items["区名"][1], "广安区", "district name on the cover: the demo's district_name setting")
        rc, vout, err = e.run("verify", check=0)
        eq(items["审计链头哈希"][1], re.search(r"head hash: (\S+)", vout).group(1), "audit head hash")

        total = others = 0
        for kind, (table, ysql) in YEAR_SQL.items():
            zh = names[kind]
            assert zh in titles, "no sheet for %s (%s)" % (kind, zh)
            header, rows = sheet_rows(wb[zh])
            want = e.sql("SELECT count(*) FROM %s t WHERE %s = '2025'" % (table, ysql))[0][0]
            other = e.sql("SELECT count(*) FROM %s t WHERE %s <> '2025' OR %s IS NULL" % (table, ysql, ysql))[0][0]
            eq(len(rows), want, "%s: rows of 2025" % kind)
            eq(items[zh][2], want, "%s: count on the cover" % kind)
            total += want
            others += other
            # every row's own year column says 2025
            rc, kout, err = e.run("kinds", kind, db=False, check=0)
            label = None
            col = re.search(r"substr\(t\.(\w+)|^t\.(\w+)$", ysql)
            if col:
                fname = col.group(1) or col.group(2)
                for line in kout.splitlines()[1:]:
                    parts = line.split()
                    if parts and parts[0] == fname:
                        label = parts[1]
                assert label in header, "%s: year column %s (%s) not in %r" % (kind, fname, label, header)
                years = {year_of(r[header.index(label)]) for r in rows}
                assert years <= {2025}, "%s: rows of other years %r" % (kind, years)
            elif kind == "duty_report":
                meetings = {r[0] for r in e.sql("SELECT title FROM duty_meeting WHERE held_on LIKE '2025%'")}
                assert {r[header.index("述职大会")] for r in rows} <= meetings, "duty reports of 2025 meetings only"
        assert total > 100, "the demo's 2025 should fill the archive (%d)" % total
        assert others > 100, "records of other years must be there to be left out (%d)" % others

        eq(len(sheet_rows(wb["单位"])[1]), e.sql("SELECT count(*) FROM unit")[0][0], "all units")
        eq(len(sheet_rows(wb["干部"])[1]), e.sql("SELECT count(*) FROM person")[0][0], "all cadres")
        h, sat = sheet_rows(wb["满意度排名"])
        eq(len(sat), e.sql("SELECT count(*) FROM survey WHERE year = 2025")[0][0], "satisfaction rows")
        h, tc = sheet_rows(wb["天成指数月度排名"])
        eq(len(tc), e.sql("SELECT count(*) FROM index_entry WHERE period LIKE '2025-%'")[0][0], "Tiancheng rows")
        eq(sorted({r[0] for r in tc}),
           [r[0] for r in e.sql("SELECT DISTINCT period FROM index_entry WHERE period LIKE '2025-%' ORDER BY 1")],
           "a block for every month with figures")
        months = [r[0] for r in tc]
        eq(months, sorted(months), "blocks in month order")

        # print-ready like the ledgers
        ws = wb["案件"]
        eq(ws.freeze_panes, "A2", "frozen header")
        assert ws.auto_filter.ref, "autofilter"
        eq(ws.page_setup.orientation, "landscape", "landscape")
        eq(ws.print_title_rows.replace("$", ""), "1:1", "header repeated on every page")
    finally:
        e.close()


@test
def archive_of_an_empty_year_and_bad_calls():
    e = demo_env()
    try:
        p = e.path("a1999.xlsx")
        e.run("archive", "--year", "1999", "-o", p, check=0)
        wb = openpyxl.load_workbook(p, read_only=True)
        for name in wb.sheetnames[3:]:
            eq(len(list(wb[name].iter_rows(min_row=2, values_only=True))), 0, "empty sheet %s" % name)
        refused(e, 1, ["archive", "--year", "2025"])
        refused(e, 1, ["archive", "--year", "20x5", "-o", e.path("x.xlsx")])
        refused(e, 1, ["archive", "--year", "2025", "-o", e.path("x.csv")])
        refused(e, 5, ["archive", "--year", "2025", "-o", e.path("no/such/folder/x.xlsx")])
        assert not os.path.exists(e.path("x.xlsx"))
        # An existing workbook is not replaced without --force.
        before = open(p, "rb").read()
        refused(e, 5, ["archive", "--year", "2025", "-o", p], "exists already")
        eq(open(p, "rb").read(), before, "the existing workbook untouched")
        rc, out, err = e.run("archive", "--year", "2025", "-o", p, "--force", check=0)
        eq(rc, 0, "archive --force: %s" % err)
        assert open(p, "rb").read() != before, "--force replaced the workbook"
        eq({r[0]: r[1] for r in sheet_rows(openpyxl.load_workbook(p)["封面"])[1]}["年度"], "2025",
           "the new year on the cover")
    finally:
        e.close()


def cover_district(e, name):
    e.run("archive", "--year", "2026", "-o", e.path(name), check=0)
    header, cover = sheet_rows(openpyxl.load_workbook(e.path(name))["封面"])
    return {r[0]: r[1] for r in cover}["区名"]


@test
def cover_names_the_district_only_when_it_is_known():
    e = Env()
    try:
        e.run("init", check=0)
        e.run("import", "unit", e.write("u.csv", "code,name,category\nT01,测试镇,乡镇\n"), check=0)
        eq(cover_district(e, "a.xlsx"), "测试镇", "the only top unit")
        e.run("import", "unit", e.write("u2.csv", "code,name,category\nT02,另一镇,乡镇\n"), check=0)
        name = cover_district(e, "b.xlsx")
        assert "测试镇" not in name and "另一镇" not in name and "district_name" in name, \
            "two top units: a neutral label, not the first of them: %r" % name
        e.run("config", "set", "district_name", "某某区", check=0)
        eq(cover_district(e, "c.xlsx"), "某某区", "the setting")
    finally:
        e.close()


if __name__ == "__main__":
    main()
