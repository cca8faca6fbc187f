"""明 and 询 on the command line: batch issuance of the year's letters and
commitments (`liangze issue --year Y`), the overdue edges as the inquiry
ledger shows them, and the notice_overdue rule that proposes a 督办书 for an
overdue 目标任务通知书 — idempotent, withdrawn when its trigger goes away."""
import csv
import io
import re

from lzt import test, main, demo_env, eq, has, refused

# A year the demo district has no letters or commitments for yet.
YEAR = "2027"


def counts(out):
    """{'责任分工告知书': (made, existing, outside) …} from the command's output."""
    got = {}
    for line in out.splitlines():
        m = re.match(r"^(\S+): (\d+) made, (\d+) already there(?:, (\d+) outside)?", line)
        if m:
            got[m.group(1)] = (int(m.group(2)), int(m.group(3)), int(m.group(4) or 0))
    return got


def expected(e, year, scope=None):
    """What issuing should make, worked out here from the database itself
    (not through the catalog's view): leaders of 区领导机关 units, lead units
    named in the catalog that exist, leading cadres; less what exists already."""
    in_scope = (lambda unit: True) if scope is None else (lambda unit: unit in scope)
    leaders = [(p, u) for p, u in e.sql(
        "SELECT p.id, p.unit FROM person p JOIN unit u ON u.id = p.unit"
        " WHERE u.category = '区领导机关' AND (p.principal = 1 OR p.team_member = 1)")]
    units = {name: uid for uid, name in e.sql("SELECT id, name FROM unit")}
    leads = {}
    for task, name in e.sql("SELECT task, name FROM catalog_task_unit WHERE role = 'lead'"):
        if name in units:
            leads.setdefault(units[name], set()).add(task)
    cadres = [(p, u) for p, u in e.sql("SELECT id, unit FROM person WHERE principal = 1 OR team_member = 1")]
    have_brief = {r[0] for r in e.sql(
        "SELECT person FROM letter WHERE letter_type = '责任分工告知书' AND year = ?", int(year))}
    have_notice = {r[0] for r in e.sql(
        "SELECT unit FROM letter WHERE letter_type = '目标任务通知书' AND year = ?", int(year))}
    have_commit = {r[0] for r in e.sql(
        "SELECT person FROM commitment WHERE commitment_type = '年度责任承诺书' AND year = ?", int(year))}

    def split(items, key, have):
        made = [i for i in items if key(i) not in have and in_scope(i[1] if isinstance(i, tuple) else i)]
        existing = [i for i in items if key(i) in have]
        outside = [i for i in items if key(i) not in have
                   and not in_scope(i[1] if isinstance(i, tuple) else i)]
        return made, existing, outside

    return {
        "责任分工告知书": split(leaders, lambda i: i[0], have_brief),
        "目标任务通知书": split(sorted(leads), lambda i: i, have_notice),
        "年度责任承诺书": split(cadres, lambda i: i[0], have_commit),
    }, leads


@test
def issuing_twice_makes_everything_once():
    e = demo_env()
    try:
        want, leads = expected(e, YEAR)
        if len(want["责任分工告知书"][0]) < 5 or len(want["年度责任承诺书"][0]) < 100 or len(leads) < 2:
            raise AssertionError("the demo should have leaders, lead units and cadres to issue to: %r"
                                 % {k: len(v[0]) for k, v in want.items()})
        audit0 = e.sql("SELECT count(*) FROM audit")[0][0]
        rc, out, err = e.run("issue", "--year", YEAR, check=0)
        got = counts(out)
        for what, (made, existing, outside) in want.items():
            eq(got.get(what), (len(made), len(existing), 0), "first issue: " + what)
        # Each 告知书 names its leader and the leader's unit, as a draft of the year.
        rows = e.sql("SELECT person, unit, state, due FROM letter WHERE letter_type = '责任分工告知书' AND year = ?"
                     " AND person IN (%s)" % ",".join(str(p) for p, u in want["责任分工告知书"][0]), int(YEAR))
        eq(sorted((p, u) for p, u, s, d in rows), sorted(want["责任分工告知书"][0]), "告知书 addressees")
        eq({(s, d) for p, u, s, d in rows}, {("草稿", None)}, "告知书 drafts without a due date")
        # One 通知书 per lead unit, listing the tasks it leads, due at the year's end.
        rows = e.sql("SELECT unit, tasks, due, state FROM letter WHERE letter_type = '目标任务通知书' AND year = ?",
                     int(YEAR))
        made_units = set(want["目标任务通知书"][0])
        eq({u: (set(int(t) for t in tasks.split(";")), due, st) for u, tasks, due, st in rows if u in made_units},
           {u: (leads[u], YEAR + "-12-31", "草稿") for u in made_units}, "通知书 per lead unit")
        rows = e.sql("SELECT person FROM commitment WHERE commitment_type = '年度责任承诺书' AND year = ?", int(YEAR))
        eq(len(rows), len(set(r[0] for r in rows)), "one commitment per cadre")
        eq(set(r[0] for r in rows) >= {p for p, u in want["年度责任承诺书"][0]}, True, "every cadre committed")
        made = sum(len(v[0]) for v in want.values())
        audit1 = e.sql("SELECT count(*) FROM audit")[0][0]
        eq(audit1 - audit0 >= made, True, "every new record audited (%d rows for %d records)" % (audit1 - audit0, made))
        # Again: nothing new, not a row anywhere.
        before = e.snapshot()
        rc, out, err = e.run("issue", "--year", YEAR, check=0)
        got = counts(out)
        eq(got["责任分工告知书"], (0, len(want["责任分工告知书"][0]) + len(want["责任分工告知书"][1]), 0), "second 告知书")
        eq(got["目标任务通知书"], (0, len(leads), 0), "second 通知书")
        eq(got["年度责任承诺书"][0], 0, "second 承诺书 made")
        eq(e.snapshot() == before, True, "the second issue changed nothing")
        # Another year is another batch.
        rc, out, err = e.run("issue", "--year", "2028", check=0)
        eq(counts(out)["目标任务通知书"], (len(leads), 0, 0), "2028 通知书")
    finally:
        e.close()


@test
def a_viewer_is_refused_and_bad_years_are_usage_errors():
    e = demo_env()
    try:
        e.run("user", "add", "viewer1", "--role", "viewer", check=0)
        refused(e, 3, ["issue", "--year", YEAR], "viewer", as_user="viewer1")
        refused(e, 1, ["issue"], "--year")
        refused(e, 1, ["issue", "--year", "26"])
        refused(e, 1, ["issue", "--year", "1800"])
        # The same account as staff may.
        e.run("user", "set", "viewer1", "--role", "staff", check=0)
        rc, out, err = e.run("issue", "--year", YEAR, as_user="viewer1", check=0)
        eq(counts(out)["年度责任承诺书"][0] > 0, True, "staff without a scope issue")
    finally:
        e.close()


@test
def staff_issue_within_their_scope_only():
    e = demo_env()
    try:
        e.run("user", "add", "staff1", "--role", "staff", "--scope", "悦来镇", check=0)
        scope = {r[0] for r in e.sql(
            "WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE name = '悦来镇' UNION"
            " SELECT u.id FROM unit u JOIN sub ON u.parent = sub.id) SELECT id FROM sub")}
        want, leads = expected(e, YEAR, scope)
        if not want["年度责任承诺书"][0] or not want["年度责任承诺书"][2]:
            raise AssertionError("悦来镇 should hold some but not all cadres")
        rc, out, err = e.run("issue", "--year", YEAR, as_user="staff1", check=0)
        got = counts(out)
        for what, (made, existing, outside) in want.items():
            eq(got.get(what), (len(made), len(existing), len(outside)), "staff issue: " + what)
        units = {r[0] for r in e.sql(
            "SELECT p.unit FROM commitment c JOIN person p ON p.id = c.person WHERE c.year = ?", int(YEAR))}
        eq(units <= scope, True, "commitments only within 悦来镇")
        eq(e.sql("SELECT DISTINCT a.login FROM audit a JOIN commitment c ON c.id = a.record_id"
                 " WHERE a.kind = 'commitment' AND c.year = ?", int(YEAR)), [("staff1",)], "audited as staff1")
        # The administrator then issues the rest.
        rc, out, err = e.run("issue", "--year", YEAR, check=0)
        eq(counts(out)["年度责任承诺书"], (len(want["年度责任承诺书"][2]), len(want["年度责任承诺书"][0])
                                          + len(want["年度责任承诺书"][1]), 0), "admin issues the rest")
    finally:
        e.close()


INQUIRIES = """inquiry_type,respondent,question,asked_on,due,reply,replied_on
书面询问,P0001,今天到期,2026-11-01,2026-11-27,,
书面询问,P0002,昨天到期,2026-11-01,2026-11-26,,
书面询问,P0003,逾期后才答复,2026-10-01,2026-10-16,已答复,2026-11-20
会议询问,P0004,当场答复,2026-11-20,,当场答复,2026-11-20
"""


def states(e, today):
    rc, out, err = e.run("list", "inquiry", "--format", "csv", env={"LIANGZE_TODAY": today}, check=0)
    rows = list(csv.DictReader(io.StringIO(out)))
    return {r["question"]: r["state"] for r in rows if r["question"] in ("今天到期", "昨天到期", "逾期后才答复", "当场答复")}


@test
def inquiry_overdue_edges_follow_the_date():
    e = demo_env()
    try:
        e.write("inq.csv", INQUIRIES)
        e.run("import", "inquiry", e.path("inq.csv"), check=0)
        eq(states(e, "2026-11-27"), {"今天到期": "待答复", "昨天到期": "逾期", "逾期后才答复": "已答复", "当场答复": "已答复"},
           "on 2026-11-27")
        eq(states(e, "2026-11-28")["今天到期"], "逾期", "a day later")
        eq(states(e, "2026-11-26")["昨天到期"], "待答复", "due today is not overdue")
        eq(states(e, "2027-06-01")["逾期后才答复"], "已答复", "closed late stays closed")
    finally:
        e.close()


LETTERS = """letter_type,year,unit,tasks,due,state,done_on
目标任务通知书,2026,X01,1;2,2026-11-26,已发出,
目标任务通知书,2026,X02,3,2026-11-27,已签收,
目标任务通知书,2026,X03,4,2026-10-01,已办结,2026-11-20
责任分工告知书,2025,X04,,2026-11-01,已发出,
"""


def proposals(e):
    return e.sql("SELECT u.code, p.period, p.state, p.source_kind, p.source_id, p.reason, p.decision"
                 " FROM proposal p JOIN unit u ON u.id = p.unit WHERE p.rule = 'notice_overdue' ORDER BY p.id")


@test
def overdue_notices_propose_a_supervision_letter_once():
    e = demo_env()
    try:
        e.write("letters.csv", LETTERS)
        before = {r[0] for r in e.sql("SELECT id FROM proposal WHERE rule = 'notice_overdue'")}
        last = e.sql("SELECT coalesce(max(id), 0) FROM letter")[0][0]
        e.run("import", "letter", e.path("letters.csv"), check=0)
        ids = {code: lid for code, lid in e.sql(
            "SELECT u.code, l.id FROM letter l JOIN unit u ON u.id = l.unit WHERE l.id > ?", last)}
        eq(sorted(ids), ["X01", "X02", "X03", "X04"], "the four letters imported as new")
        # The save itself made the proposal for the one overdue notice (due yesterday).
        got = [p for p in proposals(e) if p[4] in ids.values()]
        eq([(p[0], p[1], p[2], p[3], p[4]) for p in got], [("X01", "2026-11-26", "待确认", "letter", ids["X01"])],
           "proposals after import")
        has(got[0][5], "任务 1;2", "reason names the tasks")
        has(got[0][5], "逾期 1 天", "reason names the days overdue")
        # Running the rules (twice) adds nothing: no proposal, no audit row.
        n0 = e.sql("SELECT count(*) FROM proposal")[0][0], e.sql("SELECT count(*) FROM audit")[0][0]
        for _ in range(2):
            rc, out, err = e.run("rules", "run", check=0)
        eq((e.sql("SELECT count(*) FROM proposal")[0][0], e.sql("SELECT count(*) FROM audit")[0][0]), n0,
           "rules run twice on the same day")
        # The next day the notice due today is overdue too; once, however often the rules run.
        for _ in range(2):
            e.run("rules", "run", env={"LIANGZE_TODAY": "2026-11-28"}, check=0)
        got = [p for p in proposals(e) if p[4] in ids.values()]
        eq(sorted((p[0], p[1], p[2]) for p in got), [("X01", "2026-11-26", "待确认"), ("X02", "2026-11-27", "待确认")],
           "proposals the next day")
        n1 = e.sql("SELECT count(*) FROM audit")[0][0]
        e.run("rules", "run", env={"LIANGZE_TODAY": "2026-11-28"}, check=0)
        eq(e.sql("SELECT count(*) FROM audit")[0][0], n1, "no audit rows from a repeated run")
        # X01's notice is done: its proposal is withdrawn on that save, with the reason, never deleted.
        e.write("done.csv", "letter_type,year,unit,state,done_on\n目标任务通知书,2026,X01,已办结,2026-11-28\n")
        e.run("import", "letter", e.path("done.csv"), env={"LIANGZE_TODAY": "2026-11-28"}, check=0)
        got = {p[0]: p for p in proposals(e) if p[4] in ids.values()}
        eq(got["X01"][2], "触发已撤销", "withdrawn when done")
        has(got["X01"][6], "2026-11-28 办结", "withdrawal reason")
        eq(got["X02"][2], "待确认", "the other stays")
        # X02's due date moves into the future: no longer overdue.
        e.write("later.csv", "letter_type,year,unit,due,state\n目标任务通知书,2026,X02,2026-12-31,已签收\n")
        e.run("import", "letter", e.path("later.csv"), env={"LIANGZE_TODAY": "2026-11-28"}, check=0)
        got = {p[0]: p for p in proposals(e) if p[4] in ids.values()}
        eq(got["X02"][2], "触发已撤销", "withdrawn when no longer overdue")
        has(got["X02"][6], "未逾期", "why")
        n2 = e.sql("SELECT count(*) FROM audit")[0][0], e.sql("SELECT count(*) FROM proposal")[0][0]
        e.run("rules", "run", env={"LIANGZE_TODAY": "2026-11-28"}, check=0)
        eq((e.sql("SELECT count(*) FROM audit")[0][0], e.sql("SELECT count(*) FROM proposal")[0][0]), n2,
           "withdrawn proposals stay withdrawn")
        eq(before <= {r[0] for r in e.sql("SELECT id FROM proposal WHERE rule = 'notice_overdue'")}, True,
           "nothing deleted")
    finally:
        e.close()


@test
def a_staff_save_proposes_and_the_run_covers_every_unit():
    e = demo_env()
    try:
        e.run("user", "add", "staff1", "--role", "staff", "--scope", "悦来镇", check=0)
        code = e.sql("SELECT code FROM unit WHERE name = '悦来镇'")[0][0]
        other = e.sql("SELECT code FROM unit WHERE code <> ? AND id NOT IN (WITH RECURSIVE sub(id) AS"
                      " (SELECT id FROM unit WHERE code = ? UNION SELECT u.id FROM unit u JOIN sub ON u.parent = sub.id)"
                      " SELECT id FROM sub) ORDER BY code LIMIT 1", code, code)[0][0]
        e.write("mine.csv", "letter_type,year,unit,tasks,due,state\n目标任务通知书,2026,%s,9,2026-11-01,已发出\n" % code)
        e.run("import", "letter", e.path("mine.csv"), as_user="staff1", check=0)
        eq([(p[0], p[2]) for p in proposals(e) if p[0] == code], [(code, "待确认")], "proposed on staff1's save")
        # An overdue notice outside staff1's scope, as of tomorrow: staff1's run writes it too,
        # since the rule's outcome must not depend on who runs it.
        e.write("other.csv", "letter_type,year,unit,tasks,due,state\n目标任务通知书,2026,%s,10,2026-11-27,已发出\n" % other)
        e.run("import", "letter", e.path("other.csv"), check=0)
        eq([p for p in proposals(e) if p[0] == other], [], "not overdue yet")
        e.run("rules", "run", as_user="staff1", env={"LIANGZE_TODAY": "2026-11-28"}, check=0)
        eq([(p[0], p[2]) for p in proposals(e) if p[0] == other], [(other, "待确认")], "proposed by the run")
    finally:
        e.close()


if __name__ == "__main__":
    main()
