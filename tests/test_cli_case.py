"""Cases on the command line (tasks 10, 15): stage rules through import (a
move back without a reason refused, nothing written), the dual-report flag at
its edges with LIANGZE_TODAY, one case three investigations through
imports and `rules run`, and `report accountability` (columns, states,
--all, --year, --unit, scope, usage errors)."""
import csv
import io

from lzt import test, main, Env, eq, has, refused

UNITS = ("单位编码,单位名称,单位类别\n"
         "X01,甲镇,乡镇\n"
         "B01,乙局,区级部门\n")
PEOPLE = ("人员编码,姓名,所在单位,职务\n"
          "P1,张书记,X01,党委书记\n"
          "P2,李纪委,X01,纪委书记\n"
          "P3,王某,X01,站长\n"
          "P4,赵局长,B01,局长\n"
          "P5,孙某,B01,科长\n")
HOLDERS = ("单位编码,单位名称,单位类别,主体责任人,监督责任人\n"
           "X01,甲镇,乡镇,P1,P2\n"
           "B01,乙局,区级部门,P4,\n")
CASE_HEAD = "案件编号,线索来源,被调查人,问题类别,严重违纪违法,办理阶段,受理日期,受理报同级党委,受理报上级纪委,立案日期,退回理由\n"
REPORT_COLS = "id,rule,source_kind,source_id,year,unit_code,unit_name,person,measure,state,reason,created_at"


def district():
    e = Env()
    e.run("init", check=0)
    e.run("import", "unit", e.write("u.csv", UNITS), check=0)
    e.run("import", "person", e.write("p.csv", PEOPLE), check=0)
    e.run("import", "unit", e.write("h.csv", HOLDERS), check=0)
    return e


def cases(e, name, *rows, code=0, today=None):
    env = {"LIANGZE_TODAY": today} if today else None
    return e.run("import", "case", e.write(name, CASE_HEAD + "".join(r + "\n" for r in rows)), env=env, check=code)


def report(e, *args, **kw):
    rc, out, err = e.run("report", "accountability", "--format", "csv", *args, **kw)
    eq(rc, 0, "report exit (stderr %r)" % err)
    rows = list(csv.reader(io.StringIO(out)))
    eq(",".join(rows[0]), REPORT_COLS, "CSV columns")
    return rows[1:]


def dual(e, case_no, today):
    rc, out, err = e.run("list", "case", "--format", "csv", env={"LIANGZE_TODAY": today})
    eq(rc, 0, "list exit (stderr %r)" % err)
    for r in csv.DictReader(io.StringIO(out)):
        if r["case_no"] == case_no:
            return r["dual_report"]
    raise AssertionError("no case %s in %r" % (case_no, out))


@test
def moving_back_needs_a_reason():
    e = district()
    try:
        cases(e, "a.csv", "C1,信访举报,P3,贪污贿赂,否,立案审查,2026-03-01,,,2026-03-10,", today="2026-03-20")
        eq(e.sql("SELECT stage, verify_on, filed_on FROM case_file"), [("立案审查", "2026-03-10", "2026-03-10")],
           "skipped stage dated by the next")
        f = e.write("b.csv", CASE_HEAD + "C1,信访举报,P3,贪污贿赂,否,初步核实,2026-03-01,,,,\n")
        refused(e, 2, ["import", "case", f], "back_reason")
        f = e.write("c.csv", CASE_HEAD + "C1,信访举报,P3,贪污贿赂,否,结案,2026-03-01,,,2026-03-10,\n")
        refused(e, 2, ["import", "case", f], "outcome")
        cases(e, "d.csv", "C1,信访举报,P3,贪污贿赂,否,初步核实,2026-03-01,,,,补充证据")
        eq(e.sql("SELECT stage, filed_on, back_reason FROM case_file"), [("初步核实", None, "补充证据")], "back with a reason")
    finally:
        e.close()


@test
def dual_report_flag_edges():
    e = district()
    try:
        cases(e, "a.csv", "D1,巡查,P3,其他,否,线索受理,2026-03-01,,,,",
              "D2,巡查,P3,其他,否,线索受理,2026-03-01,2026-03-02,2026-03-03,,", today="2026-03-01")
        eq(dual(e, "D1", "2026-03-06"), "", "exactly 5 days after: not flagged")
        eq(dual(e, "D1", "2026-03-07"), "受理:党委、上级纪委", "6 days after: flagged")
        eq(dual(e, "D2", "2026-09-30"), "", "both reports made: never flagged")
        e.run("config", "set", "dual_report_days", "10", check=0)
        eq(dual(e, "D1", "2026-03-11"), "", "10 days after, with the setting at 10")
        eq(dual(e, "D1", "2026-03-12"), "受理:党委、上级纪委", "11 days after")
        cases(e, "b.csv", "D1,巡查,P3,其他,否,线索受理,2026-03-01,,2026-03-05,,")
        eq(dual(e, "D1", "2026-03-12"), "受理:党委", "only the Party committee missing")
    finally:
        e.close()


@test
def one_case_three_investigations_and_the_report():
    e = district()
    try:
        serious = ["E1,信访举报,P3,贪污贿赂,是,立案审查,2025-12-20,,,2026-01-05,",
                   "E2,审计,P5,失职渎职,是,线索受理,2025-11-02,,,,"]
        cases(e, "a.csv", *serious, "E3,巡查,P3,其他,否,线索受理,2026-02-01,,,,", today="2026-03-20")
        rows = report(e)
        ids = [int(r[0]) for r in rows]
        eq(ids, sorted(ids), "by id")
        e1 = e.sql("SELECT id FROM case_file WHERE case_no = 'E1'")[0][0]
        e2 = e.sql("SELECT id FROM case_file WHERE case_no = 'E2'")[0][0]
        got = [(r[1], r[2], int(r[3]), r[4], r[5], r[6], r[7], r[8], r[9]) for r in rows]
        eq(got, [("yian_sancha", "case", e1, "2026", "X01", "甲镇", "张书记", "", "待处理"),
                 ("yian_sancha", "case", e1, "2026", "X01", "甲镇", "李纪委", "", "待处理"),
                 ("yian_sancha", "case", e2, "2025", "B01", "乙局", "赵局长", "", "待处理"),
                 ("yian_sancha", "case", e2, "2025", "B01", "乙局", "", "", "待处理")], "four items, two per serious case")
        has(rows[3][10], "乙局未登记监督责任人", "the missing holder named in the reason")
        has(rows[0][10], "追究甲镇主体责任人张书记的主体责任", "the principal holder's reason")
        if not rows[0][11].startswith("20"):
            raise AssertionError("created_at %r" % rows[0][11])
        # Marked twice: nothing new, no audit row; rules run writes nothing.
        audits = e.sql("SELECT count(*) FROM audit")
        cases(e, "b.csv", *serious)
        eq(e.sql("SELECT count(*) FROM audit"), audits, "no audit rows")
        eq(e.run("rules", "run", check=0)[1].strip(), "rules run: 0 rows written", "rules run")
        eq(len(report(e)), 4, "still four")
        # Filters.
        eq([int(r[3]) for r in report(e, "--year", "2025")], [e2, e2], "--year")
        eq([r[5] for r in report(e, "--unit", "甲镇")], ["X01", "X01"], "--unit")
        # Unmarked: withdrawn, out of the default report, in --all.
        cases(e, "c.csv", "E1,信访举报,P3,贪污贿赂,否,立案审查,2025-12-20,,,2026-01-05,")
        eq([int(r[3]) for r in report(e)], [e2, e2], "pending only")
        withdrawn = [r for r in report(e, "--all") if r[9] == "触发已撤销"]
        eq([int(r[3]) for r in withdrawn], [e1, e1], "both withdrawn")
        has(withdrawn[0][10], "不再认定为严重违纪违法", "why")
        # Marked again: back to 待处理, no third item.
        cases(e, "d.csv", serious[0])
        eq(len(report(e)), 4, "pending again")
        eq(len(report(e, "--all")), 4, "never more than two per case")
        # Text output is aligned, one line per item plus the header.
        rc, out, err = e.run("report", "accountability")
        eq(len(out.strip().splitlines()), 5, "text lines")
        has(out.splitlines()[1], "yian_sancha", "text row")
        # A staff account of 乙局 sees its own items only.
        e.run("user", "add", "clerk", "--role", "staff", "--scope", "B01", check=0)
        eq([r[5] for r in report(e, as_user="clerk")], ["B01", "B01"], "scope")
        # Usage.
        refused(e, 1, ["report", "accountability", "--format", "xml"], "--format")
        refused(e, 1, ["report", "accountability", "--year", "25"], "--year")
    finally:
        e.close()


if __name__ == "__main__":
    main()
