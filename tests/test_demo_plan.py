"""The demo records of 明 and 询: every kind filled, dates around today,
Tiancheng counts shaped so the rules have something to find, all through the
record layer (audited, foreign keys clean), the same every time."""
import csv
import datetime
import io
from lzt import test, main, Env, demo_env, eq, has, refused, TODAY

KINDS = {  # kind: (table, fewest, most)
    "document": ("document", 50, 120),
    "letter": ("letter", 20, 40),
    "commitment": ("commitment", 300, 700),
    "duty_letter": ("duty_letter", 150, 400),
    "endorsement": ("endorsement", 80, 200),
    "risk_card": ("risk_card", 15, 30),
    "inquiry": ("inquiry", 25, 40),
    "interview": ("interview", 10, 25),
    "index_entry": ("index_entry", 1300, 1600),
    "rectification": ("rectification", 4, 12),
}
RANKED = ("乡镇", "街道", "区级部门", "公共服务行业", "村(社区)")
GROUP = {"乡镇": 0, "街道": 0, "区级部门": 1, "公共服务行业": 2, "村(社区)": 3}
_shared = []


def shared_demo():
    """One demo database for the tests that only read it (a demo takes
    seconds under the sanitizers)."""
    if not _shared:
        _shared.append(demo_env())
    return _shared[0]


def months_before(today, n):
    """The n months before today's month, oldest first, as YYYY-MM."""
    y, m = int(today[:4]), int(today[5:7])
    t = y * 12 + m - 1
    return ["%04d-%02d" % ((t - b) // 12, (t - b) % 12 + 1) for b in range(n, 0, -1)]


def tiancheng_flags(e):
    """Recomputes, from the stored counts, which (unit code, period) are
    persistently high (worst three of their category three months running)
    and which are serious (repeat + leapfrog >= 2), with weights of 1."""
    rows = e.sql("SELECT u.code, u.category, i.period, i.petitions + i.complaints + i.opinions,"
                 " i.repeat_petitions + i.leapfrog_petitions FROM index_entry i JOIN unit u ON u.id = i.unit")
    periods = months_before(TODAY, 12)
    by = {}
    for code, cat, period, idx, rep in rows:
        by.setdefault((GROUP[cat], period), {})[code] = idx
    worst = set()
    for (g, period), units in by.items():
        for code, idx in units.items():
            if idx > 0 and sum(1 for v in units.values() if v > idx) < 3:
                worst.add((code, period))
    persistent = set()
    codes = {r[0] for r in rows}
    for code in codes:
        for i in range(2, len(periods)):
            if all((code, periods[j]) in worst for j in (i - 2, i - 1, i)):
                persistent.add((code, periods[i]))
    serious = {(r[0], r[2]) for r in rows if r[4] >= 2}
    return persistent, serious


@test
def every_kind_is_filled_through_the_record_layer():
    e = shared_demo()
    for kind, (table, lo, hi) in KINDS.items():
        n = e.sql("SELECT count(*) FROM %s" % table)[0][0]
        if not lo <= n <= hi:
            raise AssertionError("%s: %d records, expected %d..%d" % (kind, n, lo, hi))
        # One audited insert per record, and nothing else.
        audited = e.sql("SELECT record_id, action FROM audit WHERE kind = ? ORDER BY record_id", kind)
        ids = [r[0] for r in e.sql("SELECT id FROM %s ORDER BY id" % table)]
        eq([a[0] for a in audited], ids, "%s audit rows" % kind)
        eq({a[1] for a in audited}, {"insert"}, "%s audit actions" % kind)
    eq(e.sql("PRAGMA foreign_key_check"), [], "foreign keys")
    # Every owner unit is a unit (also where the schema leaves it to the code).
    for table in ("document", "letter", "duty_letter", "endorsement", "interview", "index_entry", "rectification"):
        eq(e.sql("SELECT count(*) FROM %s WHERE unit NOT IN (SELECT id FROM unit)" % table)[0][0], 0, table)
    # The people and units made before are left as they were.
    eq(e.sql("SELECT count(*) FROM audit WHERE kind IN ('unit', 'person') AND action = 'update'"
             " AND id > (SELECT min(id) FROM audit WHERE kind = 'document')")[0][0], 0, "master data untouched")
    # Proposals only come from the rules; those they made must be the shaped ones.
    made = set(e.sql("SELECT u.code, p.period FROM proposal p JOIN unit u ON u.id = p.unit WHERE p.rule = 'tiancheng'"))
    if made:
        persistent, serious = tiancheng_flags(e)
        eq(made, persistent | serious, "Tiancheng proposals")
        # Entered worst first, a month never flags a unit it later clears.
        eq(e.sql("SELECT count(*) FROM proposal WHERE state <> '待确认'")[0][0], 0, "proposals withdrawn")
    notices = set(e.sql("SELECT u.code FROM proposal p JOIN unit u ON u.id = p.unit WHERE p.rule = 'notice_overdue'"))
    if notices:
        late = set(e.sql("SELECT u.code FROM letter l JOIN unit u ON u.id = l.unit WHERE l.letter_type = '目标任务通知书'"
                         " AND l.due < ? AND l.state <> '已办结'", TODAY))
        eq(notices, late, "督办书 proposals for the overdue notices")
    refused(e, 1, ["init", "--demo"], "already holds")


@test
def inquiries_and_letters_span_on_time_to_overdue():
    e = shared_demo()
    rc, out, err = e.run("list", "inquiry", "--format", "csv", check=0)
    rows = list(csv.DictReader(io.StringIO(out)))
    states = {}
    for r in rows:
        states.setdefault(r["state"], []).append(r)
    for s in ("已答复", "逾期", "待答复"):
        if not states.get(s):
            raise AssertionError("no inquiry in state %s: %r" % (s, sorted(states)))
    # Answered late, due within the week, and from the public online.
    if not any(r["replied_on"] > r["due"] for r in states["已答复"] if r["due"]):
        raise AssertionError("no inquiry answered late")
    in_week = (datetime.date.fromisoformat(TODAY) + datetime.timedelta(days=7)).isoformat()
    week = [r for r in states["待答复"] if r["due"] and r["due"] <= in_week]
    if not week:
        raise AssertionError("no inquiry due within the week")
    online = [r for r in rows if r["inquiry_type"] == "网上询问"]
    if not online or any(r["asker"] or not r["asker_public"] for r in online):
        raise AssertionError("online inquiries come from the public: %r" % online)
    if not any(r["published_on"] for r in online):
        raise AssertionError("no online reply published")
    meeting = [r for r in rows if r["inquiry_type"] == "会议询问"]
    eq({r["state"] for r in meeting}, {"已答复"}, "meeting inquiries answered on the spot")
    # Asked by commission members.
    eq(e.sql("SELECT count(*) FROM inquiry i JOIN person p ON p.id = i.asker WHERE p.commission_member = 0")[0][0],
       0, "askers are commission members")
    # A 通知书 of a lead unit overdue and not closed; some closed; last year's 督办书.
    overdue = e.sql("SELECT u.name FROM letter l JOIN unit u ON u.id = l.unit WHERE l.letter_type = '目标任务通知书'"
                    " AND l.due < ? AND l.state <> '已办结'", TODAY)
    has([r[0] for r in overdue], "区委组织部", "overdue notice")
    if e.sql("SELECT count(*) FROM letter WHERE letter_type = '目标任务通知书' AND state = '已办结'")[0][0] < 2:
        raise AssertionError("no closed notices")
    eq(e.sql("SELECT l.year, s.letter_type FROM letter l JOIN letter s ON s.id = l.source_letter"
             " WHERE l.letter_type = '任务落实督办书'"), [(2025, "目标任务通知书")], "last year's 督办书")
    # 告知书 to every leader of the district leadership, mostly signed for.
    leaders = e.sql("SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit WHERE u.category = '区领导机关'"
                    " AND (p.principal = 1 OR p.team_member = 1)")[0][0]
    signed = dict(e.sql("SELECT state, count(*) FROM letter WHERE letter_type = '责任分工告知书' AND year = 2026"
                        " GROUP BY state"))
    eq(sum(signed.values()), leaders, "告知书 per leader")
    if signed.get("已签收", 0) < leaders - 2:
        raise AssertionError("告知书 mostly signed: %r" % signed)
    # Rectifications: closed, overdue, open.
    rc, out, err = e.run("list", "rectification", "--format", "csv", check=0)
    eq({r["state"] for r in csv.DictReader(io.StringIO(out))}, {"已完成", "逾期", "整改中"}, "rectification states")
    # Some endorsements miss one of the two signatures, most have both.
    both = e.sql("SELECT count(*) FROM endorsement WHERE principal_signed_on IS NOT NULL"
                 " AND supervisor_signed_on IS NOT NULL")[0][0]
    total = e.sql("SELECT count(*) FROM endorsement")[0][0]
    if not total * 0.7 <= both < total:
        raise AssertionError("endorsements signed by both: %d of %d" % (both, total))
    # 任前廉政承诺 for promoted cadres only, signed before the promotion.
    eq(e.sql("SELECT count(*) FROM commitment c JOIN person p ON p.id = c.person WHERE c.commitment_type = '任前廉政承诺'"
             " AND (p.promoted_on IS NULL OR c.signed_on >= p.promoted_on)")[0][0], 0, "任前廉政承诺")
    eq(e.sql("SELECT count(*) FROM commitment WHERE commitment_type = '新任纪检监察干部六项承诺' AND public <> 1")[0][0],
       0, "六项承诺 public")


@test
def tiancheng_counts_cover_twelve_months_with_one_gap():
    e = shared_demo()
    periods = months_before(TODAY, 12)
    have = set(e.sql("SELECT u.code, i.period FROM index_entry i JOIN unit u ON u.id = i.unit"))
    ranked = [r[0] for r in e.sql("SELECT code FROM unit WHERE category IN (%s)" % ",".join("?" * len(RANKED)),
                                  *RANKED)]
    missing = {(u, p) for u in ranked for p in periods if (u, p) not in have}
    eq(missing, {("X17", periods[-5])}, "the deliberate gap")
    eq(len(have), len(ranked) * 12 - 1, "no entries outside the twelve months or ranked units")
    # Mostly small numbers, many zeros.
    zero = e.sql("SELECT count(*) FROM index_entry WHERE petitions + complaints + opinions = 0")[0][0]
    small = e.sql("SELECT count(*) FROM index_entry WHERE petitions <= 3 AND complaints <= 3 AND opinions <= 3")[0][0]
    if zero < len(have) * 0.3 or small < len(have) * 0.97:
        raise AssertionError("counts: %d zero, %d small of %d" % (zero, small, len(have)))
    persistent, serious = tiancheng_flags(e)
    p1, p2 = periods[-1], periods[-2]
    eq(persistent, {("X10", p2), ("X10", p1), ("J02", p1), ("B20", p1)}, "persistently high")
    eq(serious, {("X05", p2)}, "serious repeat and leapfrog petitions")


@test
def the_demo_is_the_same_every_time_and_never_dated_ahead():
    a, b = shared_demo(), demo_env()
    try:
        sa, sb = a.snapshot(), b.snapshot()
        for t in KINDS.values():
            eq(sa[t[0]], sb[t[0]], "%s in two demo databases" % t[0])
        # Made on another day: the dates follow, nothing lies after that day.
        for day in ("2027-01-05", "2026-07-01"):
            e = Env()
            try:
                e.run("init", "--demo", env={"LIANGZE_TODAY": day}, check=0)
                past = {
                    "document": ["issued_on"], "letter": ["issued_on", "received_on", "acknowledged_on", "done_on"],
                    "commitment": ["signed_on"], "duty_letter": ["signed_on"],
                    "endorsement": ["principal_signed_on", "supervisor_signed_on"], "risk_card": ["issued_on"],
                    "inquiry": ["asked_on", "replied_on", "published_on"], "interview": ["held_on"],
                    "rectification": ["closed_on"],
                }
                for table, cols in past.items():
                    for col in cols:
                        n = e.sql("SELECT count(*) FROM %s WHERE %s > ?" % (table, col), day)[0][0]
                        eq(n, 0, "%s.%s after %s" % (table, col, day))
                eq(e.sql("SELECT max(period) FROM index_entry")[0][0], months_before(day, 1)[0], "last month")
                rc, out, err = e.run("list", "inquiry", "--format", "csv", env={"LIANGZE_TODAY": day}, check=0)
                states = {r["state"] for r in csv.DictReader(io.StringIO(out))}
                eq(states, {"已答复", "逾期", "待答复"}, "inquiry states on %s" % day)
            finally:
                e.close()
    finally:
        b.close()



# --- 查 and 考 -------------------------------------------------------------------
CHAKAO = {  # kind: (table, fewest, most, which rows are the demo's own)
    "case": ("case_file", 20, 30, "1"),
    "declaration": ("declaration", 30, 60, "1"),
    "check": ("inspection", 20, 40, "1"),
    "meeting_record": ("meeting_record", 35, 50, "1"),
    "audit_finding": ("audit_finding", 8, 14, "1"),
    "assessment": ("assessment", 80, 100, "1"),
    "annual_review": ("annual_review", 90, 110, "1"),
    "accountability": ("accountability", 3, 8, "rule = 'manual'"),
}
# Every date column of the demo's 查 and 考 records: none may lie after the day it was made.
CHAKAO_DATES = {
    "case_file": [s + sfx for s in ("clue", "verify", "filed", "trial", "closed")
                  for sfx in ("_on", "_party_on", "_higher_on")] + ["published_on"],
    "declaration": ["declared_on", "internal_from", "internal_to", "public_from", "public_to"],
    "inspection": ["checked_on", "notified_on"],
    "meeting_record": ["met_on", "reported_on"],
    "audit_finding": ["audited_on"],
    "assessment": ["sent_on"],
}
SCORE_MAX = {"score_lead": 20, "score_duties": 20, "score_style": 15, "score_cases": 15,
             "score_supervision": 15, "score_education": 15}
STAGES = ("clue", "verify", "filed", "trial", "closed")


def days(a, b):
    """b - a in days, for canonical dates."""
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days


def listed(e, kind, day=TODAY):
    rc, out, err = e.run("list", kind, "--format", "csv", env={"LIANGZE_TODAY": day}, check=0)
    return list(csv.DictReader(io.StringIO(out)))


def not_after(e, day):
    for table, cols in CHAKAO_DATES.items():
        for col in cols:
            n = e.sql("SELECT count(*) FROM %s WHERE %s > ?" % (table, col), day)[0][0]
            eq(n, 0, "%s.%s after %s" % (table, col, day))


@test
def cha_and_kao_kinds_are_filled_through_the_record_layer():
    e = shared_demo()
    for kind, (table, lo, hi, own) in CHAKAO.items():
        ids = [r[0] for r in e.sql("SELECT id FROM %s WHERE %s ORDER BY id" % (table, own))]
        if not lo <= len(ids) <= hi:
            raise AssertionError("%s: %d records, expected %d..%d" % (kind, len(ids), lo, hi))
        audited = e.sql("SELECT record_id, action FROM audit WHERE kind = ? AND record_id IN (%s) ORDER BY record_id"
                        % ",".join(map(str, ids)), kind)
        eq([a[0] for a in audited], ids, "%s audit rows" % kind)
        eq({a[1] for a in audited}, {"insert"}, "%s audit actions" % kind)
    eq(e.sql("PRAGMA foreign_key_check"), [], "foreign keys")
    not_after(e, TODAY)
    # Checks and declarations in range, findings of all three audit types, two serious.
    eq(e.sql("SELECT count(*) FROM inspection WHERE points_deducted NOT BETWEEN 0 AND 5")[0][0], 0, "points")
    eq(e.sql("SELECT count(*) FROM inspection WHERE notified_on < checked_on")[0][0], 0, "notified after the check")
    patrolled = dict(e.sql("SELECT substr(checked_on, 1, 4), count(DISTINCT unit) FROM inspection"
                           " WHERE check_type = '片组巡查' GROUP BY 1"))
    eq(sorted(patrolled), ["2025", "2026"], "片组巡查 years")
    if min(patrolled.values()) < 10:
        raise AssertionError("片组巡查 of about a dozen units a year: %r" % patrolled)
    if not 2 <= e.sql("SELECT count(*) FROM inspection WHERE check_type = '随机抽查'")[0][0] <= 6:
        raise AssertionError("a few 随机抽查")
    if len({r[0] for r in e.sql("SELECT points_deducted FROM inspection")}) < 4:
        raise AssertionError("points deducted all alike")
    eq({r[0] for r in e.sql("SELECT audit_type FROM audit_finding")}, {"经济责任审计", "专项资金审计", "重大投资项目审计"},
       "audit types")
    eq(e.sql("SELECT count(*) FROM audit_finding WHERE serious = 1")[0][0], 2, "serious audit findings")
    eq(e.sql("SELECT count(*) FROM audit_finding a JOIN unit u ON u.id = a.unit WHERE a.audit_type = '经济责任审计'"
             " AND a.person IS NOT u.principal_holder")[0][0], 0, "经济责任审计 of principals")
    # Declarations: cadres promoted in the last two years, before the promotion, notices in order.
    rows = e.sql("SELECT d.declared_on, d.internal_from, d.internal_to, d.public_from, d.public_to, p.promoted_on,"
                 " d.objections, d.handling FROM declaration d JOIN person p ON p.id = d.person")
    promoted = e.sql("SELECT count(*) FROM person WHERE promoted_on BETWEEN date(?, '-730 days') AND ?", TODAY, TODAY)[0][0]
    if not promoted * 0.7 <= len(rows) <= promoted:
        raise AssertionError("declarations for most promoted cadres: %d of %d" % (len(rows), promoted))
    for r in rows:
        if not (r[0] < r[1] <= r[2] < r[3] <= r[4] < r[5]) or days(r[5], TODAY) > 730:
            raise AssertionError("declaration dates out of order: %r" % (r,))
    eq(len([r for r in rows if r[6] and r[7]]), 2, "declarations with objections and their handling")
    eq(len([r for r in rows if r[6] or r[7]]), 2, "objections come with handling")
    # Meeting records: every item kind, towns, streets and departments, must-report with and without a report.
    eq({r[0] for r in e.sql("SELECT item_kind FROM meeting_record")}, set(
        ("重大事项决策", "重要干部任免", "重要项目安排", "大额资金使用", "考核评比奖惩")), "meeting items")
    eq({r[0] for r in e.sql("SELECT u.category FROM meeting_record m JOIN unit u ON u.id = m.unit")},
       {"乡镇", "街道", "区级部门"}, "meeting units")
    reported = dict(e.sql("SELECT reported_on IS NOT NULL, count(*) FROM meeting_record WHERE must_report = 1 GROUP BY 1"))
    if not reported.get(0) or not reported.get(1):
        raise AssertionError("must-report meetings with and without a report: %r" % reported)
    eq(e.sql("SELECT count(*) FROM meeting_record WHERE reported_on IS NOT NULL AND (must_report = 0"
             " OR reported_on < met_on)")[0][0], 0, "reports of must-report meetings, after the meeting")
    # Accountability entered by hand: some dealt with (with a measure), some open.
    states = dict(e.sql("SELECT state, count(*) FROM accountability WHERE rule = 'manual' GROUP BY 1"))
    if not states.get("已处理") or not states.get("待处理"):
        raise AssertionError("manual accountability states: %r" % states)
    eq(e.sql("SELECT count(*) FROM accountability WHERE rule = 'manual' AND state = '已处理' AND measure IS NULL")[0][0],
       0, "measures of items dealt with")


@test
def cases_run_through_every_stage_with_dual_reports():
    e = shared_demo()
    rows = listed(e, "case")
    eq({r["stage"] for r in rows}, {"线索受理", "初步核实", "立案审查", "审理", "结案", "了结"}, "stages")
    if len({r["source"] for r in rows}) < 5 or len({r["category"] for r in rows}) < 6:
        raise AssertionError("sources and categories: %r" % [(r["source"], r["category"]) for r in rows])
    clues = sorted(r["clue_on"] for r in rows)
    if not 400 <= days(clues[0], TODAY) <= 560 or days(clues[-1], TODAY) > 7:
        raise AssertionError("clues over the last 18 months: %s .. %s" % (clues[0], clues[-1]))
    if not 3 <= sum(r["serious"] == "1" for r in rows) <= 4:
        raise AssertionError("3-4 serious cases")
    closed = [r for r in rows if r["stage"] == "结案"]
    ended = [r for r in rows if r["stage"] == "了结"]
    if len(closed) < 3 or len(ended) < 2:
        raise AssertionError("结案 %d, 了结 %d" % (len(closed), len(ended)))
    eq([r["case_no"] for r in closed if not r["outcome"] or not r["closed_on"]], [], "结案 with outcome and date")
    eq([r["case_no"] for r in ended if not r["ended_reason"] or not r["closed_on"]], [], "了结 with reason and date")
    outcomes = {r["outcome"] for r in closed}
    for o in ("党内警告", "严重警告", "撤销党内职务", "政务记过"):
        has(outcomes, o, "outcomes")
    published = [r for r in rows if r["published_on"]]
    eq(len(published), 1, "one typical case published")
    if published[0]["stage"] != "结案" or published[0]["published_on"] < published[0]["closed_on"]:
        raise AssertionError("published after closing: %r" % published[0])
    # Dual reports: mostly made; some missing but still within the days allowed, some flagged.
    made = missing_within = 0
    flagged_rows = set()
    for r in rows:
        for s in STAGES:
            on = r[s + "_on"]
            if not on:
                continue
            if r[s + "_party_on"] and r[s + "_higher_on"]:
                made += 1
                if min(r[s + "_party_on"], r[s + "_higher_on"]) < on:
                    raise AssertionError("reported before the stage: %r" % r)
            elif days(on, TODAY) <= 5:
                missing_within += 1
            else:
                flagged_rows.add(r["case_no"])
    if made < 0.85 * sum(1 for r in rows for s in STAGES if r[s + "_on"]):
        raise AssertionError("dual reports mostly made: %d" % made)
    if missing_within < 2 or not 3 <= len(flagged_rows) <= 8:
        raise AssertionError("missing reports: %d within the days allowed, flagged %r" % (missing_within, flagged_rows))
    eq({r["case_no"] for r in rows if r["dual_report"]}, flagged_rows, "cases flagged for missing dual reports")
    # One case, three investigations: two items for each serious case (from the rule, if in force).
    items = e.sql("SELECT source_id, count(*) FROM accountability WHERE rule = 'yian_sancha' GROUP BY 1")
    if items:
        serious = {int(r["id"]) for r in rows if r["serious"] == "1"}
        eq(dict(items), {i: 2 for i in serious}, "一案三查 items")


@test
def last_years_assessments_and_reviews():
    e = shared_demo()
    last = str(int(TODAY[:4]) - 1)
    rows = listed(e, "assessment")
    # CSV names references by their display name.
    units = e.sql("SELECT name FROM unit WHERE category IN ('乡镇', '街道', '区级部门') ORDER BY name")
    eq(sorted(r["unit"] for r in rows), sorted(u[0] for u in units), "one assessment per town, street and department")
    eq({r["year"] for r in rows}, {last}, "assessment year")
    eq({r["grade"] for r in rows}, {"好", "较好", "一般", "差"}, "grades")
    deducted = dict(e.sql("SELECT u.name, sum(i.points_deducted) FROM inspection i JOIN unit u ON u.id = i.unit"
                          " WHERE substr(i.checked_on, 1, 4) = ? GROUP BY 1", last))
    for r in rows:
        for f, most in SCORE_MAX.items():
            if not 0 <= int(r[f]) <= most:
                raise AssertionError("%s %s = %s beyond %d" % (r["unit"], f, r[f], most))
        eq(int(r["deducted"]), deducted.get(r["unit"], 0), "deducted for unit %s" % r["unit"])
        eq(int(r["total"]), sum(int(r[f]) for f in SCORE_MAX) - int(r["deducted"]), "total of %s" % r["unit"])
    grades = [r["grade"] for r in rows]
    if grades.count("差") > len(rows) * 0.1 or grades.count("好") + grades.count("较好") < len(rows) * 0.5:
        raise AssertionError("grade spread: %r" % {g: grades.count(g) for g in set(grades)})
    sent = [r["sent_on"] for r in rows if r["sent_on"]]
    if not len(rows) * 0.75 <= len(sent) < len(rows):
        raise AssertionError("sent_on for most: %d of %d" % (len(sent), len(rows)))
    # Annual reviews of leading cadres, in realistic proportions.
    reviews = e.sql("SELECT a.year, a.overall, a.duty_rating, a.integrity_rating, a.risk_rating, p.principal,"
                    " p.team_member FROM annual_review a JOIN person p ON p.id = a.person")
    eq({r[0] for r in reviews}, {int(last)}, "review year")
    eq([r for r in reviews if not (r[5] or r[6])], [], "reviews of leading cadres only")
    overall = [r[1] for r in reviews]
    share = {g: overall.count(g) / len(overall) for g in ("优秀", "称职", "基本称职", "不称职")}
    if not (0.08 <= share["优秀"] <= 0.2 and share["称职"] >= 0.7 and 0 < share["基本称职"] <= 0.06
            and 0 < share["不称职"] <= 0.03):
        raise AssertionError("overall grades: %r" % share)
    ratings = {x for r in reviews for x in r[2:5]}
    eq(ratings, {"好", "较好", "一般", "差"}, "ratings")
    eq([r for r in reviews if r[1] == "优秀" and "差" in r[2:5]], [], "优秀 without a 差 rating")


@test
def cha_and_kao_are_the_same_every_time_and_never_dated_ahead():
    a, b = shared_demo(), demo_env()
    try:
        sa, sb = a.snapshot(), b.snapshot()
        for kind, (table, lo, hi, own) in CHAKAO.items():
            if table != "accountability":
                eq(sa[table], sb[table], "%s in two demo databases" % table)
        strip = lambda rows: [r[:-1] for r in rows]  # created_at is the time of making
        eq(strip(sa["accountability"]), strip(sb["accountability"]), "accountability in two demo databases")
    finally:
        b.close()
    for day in ("2027-01-05", "2026-07-01"):
        e = Env()
        try:
            e.run("init", "--demo", env={"LIANGZE_TODAY": day}, check=0)
            not_after(e, day)
            eq(e.sql("PRAGMA foreign_key_check"), [], "foreign keys on %s" % day)
            eq({r["stage"] for r in listed(e, "case", day)}, {"线索受理", "初步核实", "立案审查", "审理", "结案", "了结"},
               "stages on %s" % day)
            eq({r["grade"] for r in listed(e, "assessment", day)}, {"好", "较好", "一般", "差"}, "grades on %s" % day)
            if not any(r["dual_report"] for r in listed(e, "case", day)):
                raise AssertionError("no flagged dual report on %s" % day)
        finally:
            e.close()

if __name__ == "__main__":
    try:
        main()
    finally:
        for e in _shared:
            e.close()
