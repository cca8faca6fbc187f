"""述 and 评 through the command line: the report_late rule (days late by
the submitted date or by today, 通报批评 up to report_late_notice_max_days,
诫勉谈话 beyond or when untruthful, one item per report escalated in place,
withdrawn when the report is found timely and truthful, restored when late
again, idempotent, measures from the settings); the secretaries' draw of a
duty-report meeting (pool in its fixed order, replayed here independently
from the stored seed, duty reports made in the same transaction, redraws
only with a reason and never over recorded reports); evaluations summed per
cadre and year; and the promotion vetting gathering every kind that names
the cadre into one exported sheet."""
import csv
import io
import re

import openpyxl

from lzt import test, main, demo_env, eq, has, refused

YEAR = "2030"  # a year the demo district has no reports for


def csv_rows(out):
    return list(csv.DictReader(io.StringIO(out)))


def import_csv(e, kind, text, **kw):
    return e.run("import", kind, e.write(kind + ".csv", text), check=0, **kw)


def report_id(e, code):
    return e.sql("SELECT r.id FROM report r JOIN person p ON p.id = r.person WHERE p.code = ? AND r.year = ?",
                 code, int(YEAR))[0][0]


def items(e, rid):
    return e.sql("SELECT id, measure, state, reason, person FROM accountability WHERE rule = 'report_late'"
                 " AND source_kind = 'report' AND source_id = ? ORDER BY id", rid)


def audit_rows(e, item):
    return e.sql("SELECT action FROM audit WHERE kind = 'accountability' AND record_id = ? ORDER BY id", item)


def rules_run(e, today):
    rc, out, err = e.run("rules", "run", env={"LIANGZE_TODAY": today}, check=0)
    return int(re.search(r"(\d+) rows written", out).group(1))


# --- report_late ---------------------------------------------------------------

@test
def late_reports_raise_items_by_days_late():
    e = demo_env()
    try:
        import_csv(e, "report", "person,year,due,submitted_on,truthful\n"
                   "P0001,%(y)s,2026-01-31,2026-01-31,是\n"
                   "P0002,%(y)s,2026-01-31,2026-02-01,是\n"
                   "P0003,%(y)s,2026-01-31,2026-03-02,是\n"
                   "P0004,%(y)s,2026-01-31,2026-03-03,是\n"
                   "P0005,%(y)s,2026-01-31,2026-01-20,否\n"
                   "P0006,%(y)s,2026-01-31,2026-03-03,否\n" % {"y": YEAR})
        expected = {"P0001": None, "P0002": "通报批评", "P0003": "通报批评", "P0004": "诫勉谈话",
                    "P0005": "诫勉谈话", "P0006": "诫勉谈话"}
        days = e.sql("SELECT p.code, r.id FROM report r JOIN person p ON p.id = r.person WHERE r.year = ?", int(YEAR))
        for code, rid in days:
            got = items(e, rid)
            if expected[code] is None:
                eq(got, [], "a report on time raises nothing")
                continue
            eq(len(got), 1, "one item for the report of %s" % code)
            eq((got[0][1], got[0][2]), (expected[code], "待处理"), "measure of %s" % code)
            eq(got[0][4], e.sql("SELECT id FROM person WHERE code = ?", code)[0][0], "held: the cadre reporting")
        has(items(e, report_id(e, "P0003"))[0][3], "逾期30天", "days late in the reason")
        has(items(e, report_id(e, "P0005"))[0][3], "不如实", "untruthful in the reason")
        rows = csv_rows(e.run("report", "accountability", "--format", "csv", check=0)[1])
        mine = [r for r in rows if r["rule"] == "report_late" and r["year"] == YEAR]
        eq(sorted((r["source_kind"], r["measure"]) for r in mine),
           sorted(("report", m) for m in expected.values() if m), "the register lists them")
        # The derived columns agree with the rule.
        out = csv_rows(e.run("list", "report", "--year", YEAR, "--format", "csv", check=0)[1])
        eq(sorted(r["days_late"] for r in out), sorted(["", "1", "30", "31", "", "31"]), "days_late column")
        eq(rules_run(e, "2026-11-27"), 0, "rules run again writes nothing")
    finally:
        e.close()


@test
def unsubmitted_report_escalates_the_same_item():
    e = demo_env()
    try:
        import_csv(e, "report", "person,year,due\nP0007,%s,2026-12-01\n" % YEAR)
        rid = report_id(e, "P0007")
        eq(items(e, rid), [], "not due yet")
        eq(rules_run(e, "2026-12-01"), 0, "due today is not late")
        eq(items(e, rid), [], "due today is not late")
        rules_run(e, "2026-12-02")
        first = items(e, rid)
        eq([(m, s) for _, m, s, _, _ in first], [("通报批评", "待处理")], "one day late")
        item = first[0][0]
        eq(audit_rows(e, item), [("insert",)], "made once")
        eq(rules_run(e, "2026-12-02"), 0, "idempotent")
        rules_run(e, "2026-12-31")  # 30 days: still a notice, nothing rewritten
        eq(audit_rows(e, item), [("insert",)], "30 days late changes nothing")
        eq(items(e, rid)[0][1], "通报批评", "30 days: notice of criticism")
        rules_run(e, "2027-01-01")
        now = items(e, rid)
        eq([(i, m, s) for i, m, s, _, _ in now], [(item, "诫勉谈话", "待处理")], "31 days: the same item escalated")
        has(now[0][3], "超过30天", "why")
        eq(audit_rows(e, item), [("insert",), ("update",)], "escalation audited as an update")
        eq(rules_run(e, "2027-01-01"), 0, "idempotent after escalation")
        eq(rules_run(e, "2027-02-15"), 0, "days passing rewrite nothing")
        # Found to have been submitted in time after all: withdrawn, with the reason.
        import_csv(e, "report", "person,year,submitted_on\nP0007,%s,2026-11-30\n" % YEAR,
                   env={"LIANGZE_TODAY": "2027-02-15"})
        now = items(e, rid)
        eq([(i, s) for i, _, s, _, _ in now], [(item, "触发已撤销")], "withdrawn, not deleted")
        has(now[0][3], "触发已撤销(2027-02-15)", "withdrawal dated")
        has(now[0][3], "按时且如实", "withdrawal says why")
        eq(rules_run(e, "2027-02-15"), 0, "idempotent when withdrawn")
        # Late again (the date was mistyped): the same item comes back.
        import_csv(e, "report", "person,year,submitted_on\nP0007,%s,2026-12-05\n" % YEAR,
                   env={"LIANGZE_TODAY": "2027-02-15"})
        now = items(e, rid)
        eq([(i, m, s) for i, m, s, _, _ in now], [(item, "通报批评", "待处理")], "restored, 4 days late")
        has(now[0][3], "2026-12-05报告, 逾期4天", "reason rewritten")
    finally:
        e.close()


@test
def untruthful_report_and_measure_settings():
    e = demo_env()
    try:
        import_csv(e, "report", "person,year,due,submitted_on,truthful\nP0008,%s,2026-01-31,2026-01-30,否\n"
                   "P0009,%s,2026-01-31,2026-02-10,是\n" % (YEAR, YEAR))
        lie, late = report_id(e, "P0008"), report_id(e, "P0009")
        eq([(m, s) for _, m, s, _, _ in items(e, lie)], [("诫勉谈话", "待处理")], "untruthful on time")
        import_csv(e, "report", "person,year,truthful\nP0008,%s,是\n" % YEAR)
        eq([s for _, _, s, _, _ in items(e, lie)], ["触发已撤销"], "found truthful after all")
        # The measures come from the settings, and a change re-runs the rule.
        e.run("config", "set", "report_measure_minor", "责令检查", check=0)
        eq([m for _, m, _, _, _ in items(e, late)], ["责令检查"], "new minor measure")
        e.run("config", "set", "report_late_notice_max_days", "5", check=0)
        eq([m for _, m, _, _, _ in items(e, late)], ["诫勉谈话"], "10 days now beyond the notice")
        refused(e, 2, ["config", "set", "report_measure_major", "罚款"], "accountability measures")
        e.run("config", "reset", "report_late_notice_max_days", check=0)
        e.run("config", "reset", "report_measure_minor", check=0)
        eq([m for _, m, _, _, _ in items(e, late)], ["通报批评"], "back to the defaults")
        eq(len(items(e, late)), 1, "one item throughout")
    finally:
        e.close()


# --- the secretaries' draw ------------------------------------------------------

M64 = (1 << 64) - 1


def replay(seed, n, count):
    """SplitMix64 + Lemire + partial Fisher-Yates, as draw.h documents it."""
    state = int(seed, 16)

    def nxt():
        nonlocal state
        state = (state + 0x9e3779b97f4a7c15) & M64
        z = state
        z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
        return z ^ (z >> 31)

    def below(bound):
        m = (nxt() >> 32) * bound
        low = m & 0xffffffff
        if low < bound:
            threshold = (1 << 32) % bound
            while low < threshold:
                m = (nxt() >> 32) * bound
                low = m & 0xffffffff
        return m >> 32

    pos = list(range(n))
    for i in range(count):
        j = i + below(n - i)
        pos[i], pos[j] = pos[j], pos[i]
    return pos[:count]


def expected_pool(e):
    return e.sql("SELECT p.id, p.code FROM unit u JOIN person p ON p.id = u.supervisor_holder"
                 " WHERE u.category IN ('乡镇', '街道', '区级部门') GROUP BY p.id ORDER BY min(u.code), p.code, p.id")


def new_meeting(e, title="2026年度纪委书记述职大会", count=4):
    import_csv(e, "duty_meeting", "held_on,title,draw_count\n2026-12-10,%s,%d\n" % (title, count))
    return e.sql("SELECT id FROM duty_meeting WHERE title = ?", title)[0][0]


@test
def secretaries_draw_replays_and_makes_duty_reports():
    e = demo_env()
    try:
        mid = new_meeting(e)
        pool = expected_pool(e)
        eq(len(pool) > 10, True, "a pool of secretaries")
        rc, out, err = e.run("draw", "secretaries", "--meeting", str(mid), check=0)
        m = re.search(r"draw (\d+), seed ([0-9a-f]{16}), 4 of (\d+) secretaries", out)
        if not m:
            raise AssertionError("no draw line in %r" % out)
        did, seed = int(m.group(1)), m.group(2)
        eq(int(m.group(3)), len(pool), "pool size")
        stored_pool, stored_seed, count, result, purpose = e.sql(
            "SELECT pool, seed, count, result, purpose FROM draw WHERE id = ?", did)[0]
        eq(purpose, "纪委书记述职抽签: 述职大会#%d" % mid, "purpose")
        entries = stored_pool.split(";")
        eq([x.split(" ")[0] for x in entries], [c for _, c in pool], "pool stored in the fixed order")
        eq((stored_seed, count), (seed, 4), "seed and count")
        # An independent replay of the stored seed gives the stored result.
        picks = replay(seed, len(entries), 4)
        eq(result.split(";"), [entries[i] for i in picks], "the seed draws the result")
        eq(e.run("draw", "replay", str(did), check=0)[0], 0, "draw replay")
        drawn = [pool[i][0] for i in picks]
        eq(e.sql("SELECT person FROM duty_report WHERE meeting = ? ORDER BY id", mid), [(p,) for p in drawn],
           "a duty report per secretary drawn, in the order drawn")
        eq(e.sql("SELECT draw, draw_count FROM duty_meeting WHERE id = ?", mid), [(did, 4)], "meeting linked")
        eq(e.sql("SELECT count(*) FROM audit WHERE kind = 'draw' AND record_id = ?", did), [(1,)], "draw audited")
        # Drawing again: only naming the draw, only with a reason; the database is unchanged otherwise.
        refused(e, 2, ["draw", "secretaries", "--meeting", str(mid)], "drawn already")
        refused(e, 2, ["draw", "secretaries", "--meeting", str(mid), "--redraw", str(did)], "needs a reason")
        refused(e, 2, ["draw", "secretaries", "--meeting", str(mid), "--redraw", str(did), "--reason", "  "],
                "needs a reason")
        refused(e, 2, ["draw", "secretaries", "--meeting", str(mid), "--redraw", str(did + 100), "--reason", "x"],
                "is not the draw of meeting")
        refused(e, 1, ["draw", "secretaries", "--meeting", str(mid), "--reason", "x"], "--redraw")
        refused(e, 1, ["draw", "secretaries"], "--meeting")
        e.run("user", "add", "nobody", "--role", "viewer", check=0)
        other = new_meeting(e, "viewer meeting", 2)
        refused(e, 3, ["draw", "secretaries", "--meeting", str(other)], as_user="nobody")
        rc, out, err = e.run("draw", "secretaries", "--meeting", str(mid), "--redraw", str(did), "--reason",
                             "一名纪委书记病休", "-n", "3", check=0)
        has(out, "the 4 duty reports of the earlier draw were removed")
        did2 = int(re.search(r"draw (\d+), seed", out).group(1))
        eq(e.sql("SELECT redraw_of, reason, count FROM draw WHERE id = ?", did2), [(did, "一名纪委书记病休", 3)], "redraw")
        eq(e.sql("SELECT count(*) FROM duty_report WHERE meeting = ?", mid), [(3,)], "three duty reports now")
        eq(e.sql("SELECT draw, draw_count FROM duty_meeting WHERE id = ?", mid), [(did2, 3)], "meeting relinked")
        eq(e.run("draw", "replay", str(did2), check=0)[0], 0, "the redraw replays")
        # Once a secretary's report is recorded, a redraw would lose it: refused.
        code = e.sql("SELECT p.code FROM duty_report d JOIN person p ON p.id = d.person WHERE d.meeting = ?"
                     " ORDER BY d.id LIMIT 1", mid)[0][0]
        import_csv(e, "duty_report", "meeting,person,summary,rating\n2026年度纪委书记述职大会,%s,述职内容,好\n" % code)
        refused(e, 2, ["draw", "secretaries", "--meeting", str(mid), "--redraw", str(did2), "--reason", "again"],
                "a redraw would lose them")
    finally:
        e.close()


# --- evaluations and vetting -------------------------------------------------------

def kinds_naming_a_person(e):
    """Every kind with a column that refers to a cadre, from `liangze kinds`."""
    out = {}
    for row in csv_rows(e.run("kinds", "--format", "csv", check=0)[1]):
        cols = csv_rows(e.run("kinds", row["kind"], "--format", "csv", check=0)[1])
        refs = [c["label"] for c in cols if c["type"] == "reference" and "干部" in c["notes"].split(";")[0]]
        if refs:
            out[row["Chinese"]] = refs
    return out


@test
def vetting_gathers_every_kind_naming_the_cadre():
    e = demo_env()
    try:
        import_csv(e, "unit", "code,name,category\nT99,测试镇,乡镇\n")
        import_csv(e, "person", "code,name,unit,post\nP9990,考察对象,T99,副镇长\nP9991,询问人,T99,纪委委员\n")
        import_csv(e, "unit", "code,name,category,principal_holder\nT99,测试镇,乡镇,P9990\n")
        c = "P9990"
        import_csv(e, "commitment", "commitment_type,person,year\n年度责任承诺书,%s,2026\n" % c)
        import_csv(e, "risk_card", "person,issued_on,signs\n%s,2026-03-01,收受礼金苗头\n" % c)
        import_csv(e, "inquiry", "inquiry_type,respondent,asker,question,asked_on,due,replied_on\n"
                   "书面询问,%s,P9991,落实情况如何,2026-04-01,2026-04-16,2026-04-20\n" % c)
        import_csv(e, "interview", "subject,trigger,held_on\n%s,日常,2026-05-01\n" % c)
        import_csv(e, "report", "person,year,due,submitted_on\n%s,2025,2026-01-31,2026-02-05\n" % c)
        import_csv(e, "evaluation", "person,year,evaluator,evaluator_group,phase,score\n"
                   "%s,2025,甲,管理服务对象,会前,90\n%s,2025,乙,纪委委员,会议现场,81\n" % (c, c))
        import_csv(e, "annual_review", "person,year\n%s,2025\n" % c)
        import_csv(e, "case", "source,subject,category,stage,clue_on\n信访举报,%s,违反作风规定,线索受理,2026-06-01\n" % c)
        import_csv(e, "declaration", "person,declared_on\n%s,2026-02-01\n" % c)
        import_csv(e, "accountability", "person,reason\n%s,手工问责\n" % c)
        new_meeting(e, "考察用述职大会", 2)
        import_csv(e, "duty_report", "meeting,person\n考察用述职大会,%s\n" % c)
        import_csv(e, "duty_letter", "year,responsible,object_person\n2026,P9991,%s\n" % c)
        import_csv(e, "letter", "letter_type,year,unit,person,state\n责任分工告知书,2026,T99,%s,草稿\n" % c)
        import_csv(e, "audit_finding", "audit_type,unit,person,audited_on,finding\n经济责任审计,T99,%s,2026-07-01,发现\n" % c)
        import_csv(e, "meeting_record", "unit,met_on,item_kind,summary,recorder\nT99,2026-08-01,重大事项决策,记录,%s\n" % c)
        import_csv(e, "vetting", "person,proposed_post,started_on\n%s,测试镇镇长,2025-10-01\n%s,测试镇党委书记,2026-11-01\n"
                   % (c, c))
        vid = e.sql("SELECT id FROM vetting WHERE proposed_post = '测试镇党委书记'")[0][0]
        path = e.path("vetting.xlsx")
        rc, out, err = e.run("vetting", "export", str(vid), "-o", path, check=0)
        ws = openpyxl.load_workbook(path).active
        rows = list(ws.iter_rows(values_only=True))
        eq(rows[0], ("类别", "关联方式", "编号", "年度", "情况", "需关注"), "header")
        eq(rows[1][:3], ("拟提拔考察", "本次考察", vid), "the vetting first")
        has(rows[1][4], "考察对象(P9990, 测试镇 副镇长)", "the cadre")
        has(rows[1][4], "拟任职务: 测试镇党委书记", "the proposed post")
        got = {}
        for r in rows[2:]:
            got.setdefault(r[0], set()).add(r[1])
        # Every kind that can name a cadre is gathered (accounts aside).
        wanted = kinds_naming_a_person(e)
        missing = {k: v for k, v in wanted.items() if k not in got}
        eq(missing, {}, "kinds naming the cadre but not gathered")
        eq(got["单位"], {"主体责任人"}, "the unit the cadre holds a responsibility for")
        eq(got["询问"], {"被询问人"}, "the inquiry, by the field naming them")
        eq(got["三述评议"], {"评议汇总"}, "evaluations as a summary")
        eq(got["拟提拔考察"], {"拟提拔干部"}, "the earlier vetting (not this one again)")
        line = lambda kind: [r for r in rows[2:] if r[0] == kind][0]
        has(line("三述评议")[4], "2025年度评议2人次, 平均分: 85.50", "evaluation mean")
        has(line("三述评议")[4], "会前: 90.00(1)", "by phase")
        has(line("三述评议")[4], "纪委委员: 81.00(1)", "by group")
        has(line("询问")[4], "是否按时: 否(逾期4天)", "an inquiry answered late")
        has(line("询问")[4], "询问人: 询问人", "who asked")
        eq(line("三述")[5], "是", "a late report flagged")
        has(line("三述")[4], "逾期天数: 5", "days late")
        eq(line("问责")[5], "是", "an open accountability item flagged")
        has(out, "written to")
        # The evaluations report says the same.
        ev = [r for r in csv_rows(e.run("report", "evaluations", "--year", "2025", "--format", "csv", check=0)[1])
              if r["person_code"] == c]
        eq(ev, [{"person_code": c, "person_name": "考察对象", "unit_name": "测试镇", "count": "2", "mean": "85.50",
                 "mean_before": "90.00", "mean_on_site": "81.00", "mean_service": "90.00", "mean_members": "81.00"}],
           "report evaluations")
        refused(e, 1, ["report", "evaluations"], "--year")
        refused(e, 1, ["vetting", "export", str(vid)], "-o")
        refused(e, 2, ["vetting", "export", "99999", "-o", e.path("none.xlsx")])
    finally:
        e.close()


if __name__ == "__main__":
    main()
