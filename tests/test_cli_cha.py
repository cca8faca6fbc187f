"""查 and 考 through the command line: random checks drawn through the draw
module (stored, audited, linked to their checks, replayable, drawn again only
with a reason, refused to viewers), the audit_serious rule (one item per
serious finding, idempotent, withdrawn and restored, the principal holder when
the finding names nobody), and assessments (total and grade worked out from
the items, the year's check deductions and the cut-off settings; items above
their maximum refused)."""
import csv
import io
import re
import sqlite3

from lzt import test, main, demo_env, Env, eq, has, refused

TOWNS = ("乡镇", "街道")


def csv_rows(out):
    return list(csv.DictReader(io.StringIO(out)))


def write_sql(e, query, *params):
    """Changes the database behind liangze's back (a tampered row)."""
    con = sqlite3.connect(e.db)
    try:
        con.execute(query, params)
        con.commit()
    finally:
        con.close()


def audit_count(e, kind=None):
    if kind:
        return e.sql("SELECT count(*) FROM audit WHERE kind = ?", kind)[0][0]
    return e.sql("SELECT count(*) FROM audit")[0][0]


# --- random checks -------------------------------------------------------------

@test
def draw_check_makes_linked_checks():
    e = demo_env()
    try:
        pool = [c for (c,) in e.sql("SELECT code FROM unit WHERE category IN (?, ?) ORDER BY code, id", *TOWNS)]
        checks_before = e.sql("SELECT count(*) FROM inspection")[0][0]
        rc, out, err = e.run("draw", "check", "--category", "乡镇街道", "-n", "3", check=0)
        m = re.search(r"draw (\d+), seed ([0-9a-f]{16}), 3 of (\d+)", out)
        if not m:
            raise AssertionError("no draw line in %r" % out)
        did, seed, n = int(m.group(1)), m.group(2), int(m.group(3))
        eq(n, len(pool), "pool size printed")
        row = e.sql("SELECT purpose, pool, seed, count, result, drawn_by, redraw_of FROM draw WHERE id = ?", did)[0]
        eq(row[0], "随机抽查: 乡镇街道", "purpose")
        eq([p.split(" ")[0] for p in row[1].split(";")], pool, "pool stored in code order")
        eq((row[2], row[3], row[5], row[6]), (seed, 3, "root", None), "seed, count, who")
        drawn = [r.split(" ")[0] for r in row[4].split(";")]
        eq(len(set(drawn)), 3, "three different units")
        for code in drawn:
            has(out, code, "units drawn printed")
        checks = e.sql("SELECT i.id, u.code, i.check_type, i.checked_on, i.points_deducted FROM inspection i"
                       " JOIN unit u ON u.id = i.unit WHERE i.draw = ? ORDER BY i.id", did)
        eq([c[1] for c in checks], drawn, "one check per unit drawn, in the order drawn")
        for c in checks:
            eq(c[2:], ("随机抽查", "2026-11-27", 0), "check type, date, points")
        eq(e.sql("SELECT count(*) FROM inspection")[0][0], checks_before + 3, "no other checks")
        eq(e.sql("SELECT count(*) FROM audit WHERE kind = 'draw' AND record_id = ? AND action = 'insert'"
                 " AND json_extract(after, '$.seed') = ?", did, seed)[0][0], 1, "draw audited with its seed")
        for c in checks:
            eq(e.sql("SELECT count(*) FROM audit WHERE kind = 'check' AND record_id = ? AND action = 'insert'",
                     c[0])[0][0], 1, "check audited")
        # Anyone can replay it; a changed result is caught.
        rc, out, err = e.run("draw", "replay", str(did), check=0)
        has(out, "replays")
        write_sql(e, "UPDATE draw SET result = ? WHERE id = ?", ";".join(reversed(row[4].split(";"))), did)
        con_rc, out, err = e.run("draw", "replay", str(did))
        eq(con_rc, 6, "tampered draw: damage found")
        has(err, seed)
    finally:
        e.close()


@test
def redraw_needs_a_reason_and_viewers_draw_nothing():
    e = demo_env()
    try:
        e.run("user", "add", "viewer1", "--role", "viewer", check=0)
        refused(e, 3, ["draw", "check", "--category", "乡镇街道", "-n", "3"], as_user="viewer1")
        refused(e, 1, ["draw", "check", "--category", "乡", "-n", "3"], "乡镇街道")
        refused(e, 1, ["draw", "check", "--category", "乡镇街道", "-n", "0"])
        refused(e, 1, ["draw", "check", "-n", "2"])
        refused(e, 1, ["draw", "check", "--category", "街道", "-n", "2", "--reason", "x"])
        refused(e, 2, ["draw", "check", "--category", "街道", "-n", "7"], "7")
        rc, out, err = e.run("draw", "check", "--category", "街道", "-n", "2", check=0)
        first = int(re.search(r"draw (\d+)", out).group(1))
        old = [i for (i,) in e.sql("SELECT id FROM inspection WHERE draw = ?", first)]
        eq(len(old), 2, "two checks")
        refused(e, 2, ["draw", "check", "--category", "街道", "-n", "2", "--redraw", str(first)], "reason")
        refused(e, 2, ["draw", "check", "--category", "乡镇", "-n", "2", "--redraw", str(first), "--reason", "换"],
                "redraw")
        rc, out, err = e.run("draw", "check", "--category", "街道", "-n", "2", "--redraw", str(first),
                             "--reason", "被抽中单位正在接受区委巡察", check=0)
        second = int(re.search(r"draw (\d+)", out).group(1))
        eq(e.sql("SELECT redraw_of, reason FROM draw WHERE id = ?", second)[0], (first, "被抽中单位正在接受区委巡察"),
           "redraw stored with its reason")
        eq(e.sql("SELECT count(*) FROM audit WHERE kind = 'draw' AND record_id = ?"
                 " AND json_extract(after, '$.reason') = '被抽中单位正在接受区委巡察'", second)[0][0], 1, "reason audited")
        eq(e.sql("SELECT count(*) FROM inspection WHERE draw = ?", first)[0][0], 0, "earlier checks removed")
        eq(e.sql("SELECT count(*) FROM audit WHERE kind = 'check' AND action = 'delete' AND record_id IN (?, ?)",
                 *old)[0][0], 2, "their removal audited")
        eq(e.sql("SELECT count(*) FROM inspection WHERE draw = ?", second)[0][0], 2, "new checks")
        refused(e, 2, ["draw", "check", "--category", "街道", "-n", "2", "--redraw", str(first), "--reason", "again"],
                "already")
        # Findings recorded on a check: a redraw would lose them.
        write_sql(e, "UPDATE inspection SET findings = '台账不全' WHERE draw = ?", second)
        refused(e, 2, ["draw", "check", "--category", "街道", "-n", "2", "--redraw", str(second), "--reason", "x"],
                "results")
        e.run("draw", "replay", str(first), check=0)
        e.run("draw", "replay", str(second), check=0)
        refused(e, 2, ["draw", "replay", "999"])
    finally:
        e.close()


# --- audit_serious ----------------------------------------------------------------

def small_district():
    """Two towns; U01's principal holder is P01; U02 has none."""
    e = Env()
    e.run("init", check=0)
    e.run("import", "unit", e.write("u.csv", "单位编码,单位名称,单位类别\nU01,甲镇,乡镇\nU02,乙镇,乡镇\n"), check=0)
    e.run("import", "person", e.write("p.csv", "人员编码,姓名,所在单位,职务\nP01,张书记,U01,党委书记\n"
                                                "P02,李镇长,U01,镇长\nP03,王书记,U02,党委书记\n"), check=0)
    e.run("import", "unit", e.write("u2.csv", "单位编码,单位名称,单位类别,主体责任人\nU01,甲镇,乡镇,P01\n"), check=0)
    return e


def items(e):
    return e.sql("SELECT a.id, a.source_id, a.year, u.code, p.code, a.role, a.state, a.reason, a.rule, a.source_kind"
                 " FROM accountability a JOIN unit u ON u.id = a.unit LEFT JOIN person p ON p.id = a.person"
                 " WHERE a.rule = 'audit_serious' ORDER BY a.id")


FINDING = "审计类别,被审计单位,被审计人,审计日期,审计发现,严重违纪违法,处理情况\n"


@test
def serious_finding_raises_one_item():
    e = small_district()
    try:
        f = e.write("f.csv", FINDING + "经济责任审计,U01,P02,2026-03-05,违规发放津补贴12万元,是,\n")
        e.run("import", "audit_finding", f, check=0)
        fid = e.sql("SELECT id FROM audit_finding")[0][0]
        it = items(e)
        eq(len(it), 1, "one item")
        iid, src, year, unit, person, role, state, reason, rule, skind = it[0]
        eq((src, year, unit, person, role, state, rule, skind),
           (fid, 2026, "U01", "P02", "被审计人", "待处理", "audit_serious", "audit_finding"), "the item")
        has(reason, "经济责任", "economic responsibility named")
        has(reason, "党风廉政建设", "党风廉政建设 responsibility named")
        has(reason, "违规发放津补贴12万元")
        eq(e.sql("SELECT count(*) FROM audit WHERE kind = 'accountability' AND record_id = ?", iid)[0][0], 1,
           "item audited")

        # The same file again: nothing changes, nothing is written.
        n = audit_count(e)
        rc, out, err = e.run("import", "audit_finding", f, check=0)
        has(out, "unchanged 1")
        eq(len(items(e)), 1, "still one item")
        eq(audit_count(e), n, "no audit rows")
        # An update that leaves it serious: the finding changes, the item does not.
        e.run("import", "audit_finding", e.write("f2.csv", FINDING + "经济责任审计,U01,P02,2026-03-05,违规发放津补贴12万元,是,已移送\n"),
              check=0)
        eq(len(items(e)), 1, "still one item after an update")
        eq(audit_count(e), n + 1, "one audit row, for the finding")
        eq(audit_count(e, "accountability"), 1, "no new audit rows for the item")
        e.run("rules", "run", check=0)
        eq(audit_count(e), n + 1, "rules run writes nothing new")

        # Unmarked: withdrawn with the reason; marked again: open again.
        e.run("import", "audit_finding", e.write("f3.csv", FINDING + "经济责任审计,U01,P02,2026-03-05,违规发放津补贴12万元,否,已移送\n"),
              check=0)
        it = items(e)
        eq(len(it), 1, "never deleted")
        eq(it[0][6], "触发已撤销", "withdrawn")
        has(it[0][7], "不再标为严重", "why it was withdrawn")
        m = audit_count(e)
        e.run("rules", "run", check=0)
        eq(audit_count(e), m, "withdrawn stays withdrawn without writing")
        e.run("import", "audit_finding", f, check=0)
        it = items(e)
        eq((len(it), it[0][6]), (1, "待处理"), "restored")
        eq(it[0][7], reason, "with its reason")
        # Handled by staff: the rule leaves it alone, serious or not.
        write_sql(e, "UPDATE accountability SET state = '已处理' WHERE id = ?", iid)
        m = audit_count(e)
        e.run("import", "audit_finding", e.write("f4.csv", FINDING + "经济责任审计,U01,P03,2026-03-05,违规发放津补贴12万元,否,\n"),
              check=0)
        e.run("rules", "run", check=0)
        eq([(r[4], r[6]) for r in items(e)], [("P02", "已处理")], "handled item untouched")
        eq(audit_count(e), m + 1, "only the finding's change audited")
    finally:
        e.close()


@test
def finding_without_person_holds_the_principal_holder():
    e = small_district()
    try:
        e.run("import", "audit_finding", e.write("f.csv", FINDING +
                                                 "专项资金审计,U01,,2026-06-01,专项资金挪用,是,\n"
                                                 "重大投资项目审计,U02,,2025-12-30,工程款超付,是,\n"
                                                 "专项资金审计,U02,P03,2026-01-10,账目不清,否,\n"), check=0)
        it = items(e)
        eq(len(it), 2, "one item per serious finding")
        by_unit = {r[3]: r for r in it}
        eq(by_unit["U01"][4:7], ("P01", "主体责任人", "待处理"), "the unit's principal holder")
        has(by_unit["U01"][7], "主体责任人")
        has(by_unit["U01"][7], "经济责任")
        has(by_unit["U01"][7], "党风廉政建设")
        eq(by_unit["U02"][2], 2025, "year of the audit")
        eq(by_unit["U02"][4], None, "nobody to hold: no person")
        has(by_unit["U02"][7], "未登记主体责任人", "the reason says the holder is missing")
        # The unit gets a principal holder: the open item follows.
        e.run("import", "unit", e.write("u3.csv", "单位编码,单位名称,单位类别,主体责任人\nU02,乙镇,乡镇,P03\n"), check=0)
        it = {r[3]: r for r in items(e)}
        eq(len(items(e)), 2, "no new item")
        eq(it["U02"][4:7], ("P03", "主体责任人", "待处理"), "holder filled in")
        has(it["U02"][7], "王书记")
        # The holder's name corrected: the reason that names them follows.
        e.run("import", "person", e.write("p2.csv", "人员编码,姓名,所在单位\nP03,王树基,U02\n"), check=0)
        has({r[3]: r for r in items(e)}["U02"][7], "主体责任人王树基", "renamed in the reason")
        # A staff account of U01 unmarks its finding: the rule still acts.
        e.run("user", "add", "staff1", "--role", "staff", "--scope", "U01", check=0)
        e.run("import", "audit_finding", e.write("f4.csv", FINDING + "专项资金审计,U01,,2026-06-01,专项资金挪用,否,\n"),
              as_user="staff1", check=0)
        eq({r[3]: r[6] for r in items(e)}, {"U01": "触发已撤销", "U02": "待处理"}, "states")
        eq(e.sql("SELECT login FROM audit WHERE kind = 'accountability' ORDER BY id DESC LIMIT 1")[0][0], "staff1",
           "audited under the account whose save set it off")
    finally:
        e.close()


# --- assessments -----------------------------------------------------------------

ASSESS = "unit,year,score_lead,score_duties,score_style,score_cases,score_supervision,score_education\n"


def assess_district():
    e = Env()
    e.run("init", check=0)
    units = ["A%02d" % i for i in range(1, 9)]
    e.run("import", "unit", e.write("u.csv", "code,name,category\n" + "".join(
        "%s,单位%s,区级部门\n" % (u, u) for u in units)), check=0)
    return e


def grades(e, year="2026"):
    rc, out, err = e.run("list", "assessment", "--year", year, "--format", "csv", check=0)
    code = {}
    for i, c, n in e.sql("SELECT id, code, name FROM unit"):
        code[str(i)] = code[n] = c
    return {code[r["unit"]]: (int(r["deducted"]), int(r["total"]), r["grade"]) for r in csv_rows(out)}


@test
def assessment_total_and_grade():
    e = assess_district()
    try:
        # Totals 100, 90, 89, 80, 79, 60, 59, 0 (an empty item counts 0).
        rows = {"A01": "20,20,15,15,15,15", "A02": "20,20,15,15,10,10", "A03": "20,20,15,15,10,9",
                "A04": "20,20,10,10,10,10", "A05": "20,20,10,10,10,9", "A06": "10,10,10,10,10,10",
                "A07": "10,10,10,10,10,9", "A08": ",,,,,"}
        e.run("import", "assessment", e.write("a.csv", ASSESS + "".join(
            "%s,2026,%s\n" % (u, s) for u, s in rows.items())), check=0)
        want = {"A01": (0, 100, "好"), "A02": (0, 90, "好"), "A03": (0, 89, "较好"), "A04": (0, 80, "较好"),
                "A05": (0, 79, "一般"), "A06": (0, 60, "一般"), "A07": (0, 59, "差"), "A08": (0, 0, "差")}
        eq(grades(e), want, "grades at the default cut-offs")
        # Other cut-offs (admin, audited): the grades follow at once.
        e.run("config", "set", "assess_cut_good", "95", check=0)
        e.run("config", "set", "assess_cut_pass", "59", check=0)
        g = grades(e)
        eq((g["A01"][2], g["A02"][2], g["A07"][2], g["A08"][2]), ("好", "较好", "一般", "差"), "changed cut-offs")
        e.run("config", "reset", "assess_cut_good", check=0)
        e.run("config", "reset", "assess_cut_pass", check=0)
        # Checks of the year deduct; other years and other units do not.
        e.run("import", "check", e.write("c.csv", "检查方式,被检查单位,检查日期,扣分\n"
                                                  "片组巡查,A02,2026-05-01,3\n随机抽查,A02,2026-09-01,2\n"
                                                  "片组巡查,A02,2025-12-31,7\n片组巡查,A03,2026-05-01,\n"), check=0)
        g = grades(e)
        eq(g["A02"], (5, 85, "较好"), "deducted 3 + 2 in 2026")
        eq(g["A03"], (0, 89, "较好"), "a check without points deducts nothing")
        eq(g["A01"], (0, 100, "好"), "other units untouched")
        # A check's points changed: the total follows.
        e.run("import", "check", e.write("c2.csv", "检查方式,被检查单位,检查日期,扣分\n片组巡查,A02,2026-05-01,10\n"),
              check=0)
        eq(grades(e)["A02"], (12, 78, "一般"), "10 + 2 deducted")
    finally:
        e.close()


@test
def assessment_item_above_its_maximum_is_refused():
    e = assess_district()
    try:
        e.run("import", "assessment", e.write("a.csv", ASSESS + "A01,2026,20,20,15,15,15,15\n"), check=0)
        refused(e, 2, ["import", "assessment", e.write("b.csv", ASSESS + "A02,2026,10,10,10,10,10,10\n"
                                                                        "A03,2026,21,10,10,10,10,10\n")],
                "assess_max_lead")
        refused(e, 2, ["import", "assessment", e.write("c.csv", ASSESS + "A01,2026,20,20,16,15,15,15\n")],
                "assess_max_style")
        refused(e, 2, ["import", "assessment", e.write("d.csv", ASSESS + "A04,2026,-1,10,10,10,10,10\n")])
        e.run("config", "set", "assess_max_lead", "25", check=0)
        e.run("import", "assessment", e.write("e.csv", ASSESS + "A03,2026,21,10,10,10,10,10\n"), check=0)
        eq(grades(e)["A03"], (0, 71, "一般"), "allowed once the maximum is raised")
    finally:
        e.close()


if __name__ == "__main__":
    main()
