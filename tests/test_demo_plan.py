"""The demo records of 明 and 询: every kind filled, dates around today,
Tiancheng counts shaped so the rules have something to find, all through the
record layer (audited, foreign keys clean), the same every time."""
import csv
import datetime
import io
from lzt import test, main, demo_env, eq, has, refused, TODAY

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
    a, b = shared_demo(), demo_env(fresh=True)   # made anew, not a copy of a
    try:
        sa, sb = a.snapshot(), b.snapshot()
        for t in KINDS.values():
            eq(sa[t[0]], sb[t[0]], "%s in two demo databases" % t[0])
        # Made on another day: the dates follow, nothing lies after that day.
        for day in ("2027-01-05", "2026-07-01"):
            e = demo_env(today=day)
            try:
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
    a, b = shared_demo(), demo_env(fresh=True)   # made anew, not a copy of a
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
        e = demo_env(today=day)   # made once per day for the three tests
        try:
            not_after(e, day)
            eq(e.sql("PRAGMA foreign_key_check"), [], "foreign keys on %s" % day)
            eq({r["stage"] for r in listed(e, "case", day)}, {"线索受理", "初步核实", "立案审查", "审理", "结案", "了结"},
               "stages on %s" % day)
            eq({r["grade"] for r in listed(e, "assessment", day)}, {"好", "较好", "一般", "差"}, "grades on %s" % day)
            if not any(r["dual_report"] for r in listed(e, "case", day)):
                raise AssertionError("no flagged dual report on %s" % day)
        finally:
            e.close()


# --- 述 and 评 -------------------------------------------------------------------
SHUPING = {  # kind: (table, fewest, most)
    "report": ("report", 700, 900),
    "duty_meeting": ("duty_meeting", 2, 2),
    "duty_report": ("duty_report", 10, 10),
    "evaluation": ("evaluation", 540, 1100),
    "survey": ("survey", 363, 363),
    "vetting": ("vetting", 5, 7),
}
SHUPING_DATES = {
    "report": ["due", "submitted_on", "copied_committee_on", "copied_commission_on", "copied_org_on", "published_on"],
    "duty_meeting": ["held_on"],
    "vetting": ["started_on", "concluded_on"],
}
ORAL = "向区纪委全委会口头"
REPORTING = "u.category IN ('乡镇', '街道', '区级部门') AND u.code <> 'B03'"


def report_rows(e, day=TODAY):
    """Every report with its unit code and the days it is (or was) late as of day."""
    rows = e.sql("SELECT r.id, u.code, p.post, p.principal, r.year, r.mode, r.due, r.submitted_on, r.truthful, r.note,"
                 " r.copied_committee_on, r.copied_commission_on, r.copied_org_on, r.published_on"
                 " FROM report r JOIN person p ON p.id = r.person JOIN unit u ON u.id = p.unit ORDER BY r.id")
    out = []
    for r in rows:
        d = dict(zip(("id", "unit", "post", "principal", "year", "mode", "due", "submitted", "truthful", "note",
                      "committee", "commission", "org", "published"), r))
        d["late"] = max(0, days(d["due"], d["submitted"] or day))
        out.append(d)
    return out


def satisfaction_flags(e):
    """(group, year) -> {unit code: (score, low, bottom three)}, recomputed from the surveys
    with satisfaction_low at 80.00 (below it is low)."""
    by = {}
    for code, cat, year, score in e.sql("SELECT u.code, u.category, s.year, s.score FROM survey s"
                                        " JOIN unit u ON u.id = s.unit"):
        by.setdefault((GROUP[cat], year), {})[code] = score
    flags = {}
    for key, units in by.items():
        flags[key] = {code: (v, v < 8000, sum(1 for w in units.values() if w < v) < 3) for code, v in units.items()}
    return flags


def held_to_account(flags, year):
    """Units low and in their category's bottom three in year and the year before."""
    held = set()
    for (g, y), units in flags.items():
        if y != year:
            continue
        before = flags.get((g, y - 1), {})
        for code, (v, low, bottom) in units.items():
            if low and bottom and code in before and before[code][1] and before[code][2]:
                held.add(code)
    return held


def shuping_not_after(e, day):
    for table, cols in SHUPING_DATES.items():
        for col in cols:
            if col == "due":
                continue
            n = e.sql("SELECT count(*) FROM %s WHERE %s > ?" % (table, col), day)[0][0]
            eq(n, 0, "%s.%s after %s" % (table, col, day))


@test
def shu_and_ping_kinds_are_filled_through_the_record_layer():
    e = shared_demo()
    for kind, (table, lo, hi) in SHUPING.items():
        ids = [r[0] for r in e.sql("SELECT id FROM %s ORDER BY id" % table)]
        if not lo <= len(ids) <= hi:
            raise AssertionError("%s: %d records, expected %d..%d" % (kind, len(ids), lo, hi))
        audited = e.sql("SELECT record_id, action FROM audit WHERE kind = ? ORDER BY record_id", kind)
        eq([a[0] for a in audited], ids, "%s audit rows" % kind)
        eq({a[1] for a in audited}, {"insert"}, "%s audit actions" % kind)
    eq(e.sql("PRAGMA foreign_key_check"), [], "foreign keys")
    shuping_not_after(e, TODAY)
    year = int(TODAY[:4])
    # This year's and last year's 三述 of every leader of the towns, streets and departments.
    leaders = e.sql("SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit WHERE (p.principal = 1"
                    " OR p.team_member = 1) AND " + REPORTING)[0][0]
    eq(dict(e.sql("SELECT year, count(*) FROM report GROUP BY year")), {year - 1: leaders, year: leaders}, "reports")
    eq(e.sql("SELECT count(*) FROM report r JOIN person p ON p.id = r.person JOIN unit u ON u.id = p.unit"
             " WHERE NOT (" + REPORTING + ") OR (p.principal = 0 AND p.team_member = 0)")[0][0], 0, "who reports")
    rows = report_rows(e)
    # The mode was filled in by liangze: oral for the principals.
    eq([r["id"] for r in rows if (r["mode"] == ORAL) != bool(r["principal"])], [], "modes")
    for r in rows:
        if not (r["due"][:4] == str(r["year"]) and r["due"][5:7] == "02" and r["due"][8:] >= "20"):
            raise AssertionError("due in late February: %r" % r)
    # Principals copy theirs to 区委, 区纪委, 区委组织部 (a few forget one), many publish it.
    oral = [r for r in rows if r["mode"] == ORAL and r["submitted"]]
    full = [r for r in oral if r["committee"] and r["commission"] and r["org"]]
    if not 0.8 * len(oral) <= len(full) < len(oral):
        raise AssertionError("copies of principals' reports: %d of %d" % (len(full), len(oral)))
    eq([r["id"] for r in rows if r["mode"] != ORAL and (r["committee"] or r["published"])], [], "written reports stay in")
    eq([r["id"] for r in full if min(r["committee"], r["commission"], r["org"]) < r["submitted"]], [], "copied after")
    published = [r for r in oral if r["published"]]
    if not 0.4 * len(oral) <= len(published) <= 0.85 * len(oral):
        raise AssertionError("published online: %d of %d" % (len(published), len(oral)))


@test
def three_reports_late_untrue_and_missing():
    e = shared_demo()
    year = int(TODAY[:4])
    rows = report_rows(e)
    last = [r for r in rows if r["year"] == year - 1]
    now = [r for r in rows if r["year"] == year]
    late = sorted(r["late"] for r in last if r["late"])
    if not 5 <= len(late) <= 8 or [d for d in late if d > 30] != [45] or 30 not in late:
        raise AssertionError("last year's late reports: %r" % late)
    untrue = [r for r in rows if not r["truthful"]]
    eq([(r["unit"], r["year"]) for r in untrue], [("X16", year - 1)], "one untruthful report")
    if not untrue[0]["note"] or untrue[0]["late"]:
        raise AssertionError("untruthful report on time, with a note: %r" % untrue[0])
    missing = [r for r in now if not r["submitted"]]
    eq(sorted(r["unit"] for r in missing), ["B51", "X24"], "this year's reports not in")
    eq([r["id"] for r in missing if r["due"] >= TODAY], [], "missing reports are due")
    if not 2 <= len([r for r in now if r["submitted"] and r["late"]]) <= 5:
        raise AssertionError("this year's late reports")
    if len([r for r in rows if r["late"]]) > 0.03 * len(rows):
        raise AssertionError("most reports on time")
    # The worked-out columns agree.
    by_id = {r["id"]: r for r in rows}
    for r in listed(e, "report"):
        want = by_id[int(r["id"])]
        eq(r["timely"], "否" if want["late"] else "是", "timely of report %s" % r["id"])
        eq(r["days_late"], str(want["late"]) if want["late"] else "", "days_late of report %s" % r["id"])
    # The report_late rule (when in force) holds exactly those to account.
    items = e.sql("SELECT source_kind, source_id, state FROM accountability WHERE rule = 'report_late'")
    if items:
        eq({i[0] for i in items}, {"report"}, "report_late source kind")
        eq({i[1] for i in items}, {r["id"] for r in rows if r["late"] or not r["truthful"]}, "report_late items")
        eq({i[2] for i in items}, {"待处理"}, "report_late states")


@test
def satisfaction_surveys_shaped_for_the_rule():
    e = shared_demo()
    year = int(TODAY[:4])
    years = [year - 3, year - 2, year - 1]
    ranked = {r[0] for r in e.sql("SELECT code FROM unit WHERE category IN (%s)" % ",".join("?" * len(RANKED)), *RANKED)}
    have = e.sql("SELECT u.code, s.year, s.score, s.respondents FROM survey s JOIN unit u ON u.id = s.unit")
    eq({(r[0], r[1]) for r in have}, {(u, y) for u in ranked for y in years}, "a survey per ranked unit and year")
    eq([r for r in have if not (7000 <= r[2] <= 9800 and 100 <= r[3] <= 400)], [], "scores and respondents")
    if len({r[2] % 100 for r in have}) < 50:
        raise AssertionError("scores with two decimals")
    flags = satisfaction_flags(e)
    eq(held_to_account(flags, year - 1), {"X23", "B38"}, "held to account for last year")
    eq(held_to_account(flags, year - 2), set(), "held to account for the year before")
    tt, dept, pub = (0, year - 1), (1, year - 1), (2, year - 1)
    # Low in one of the two years only; exactly 80.00 is not low; low twice but fourth from the bottom once.
    for code, g in (("X21", 0), ("C14", 3)):
        eq(flags[(g, year - 1)][code][1:], (True, True), "%s low and bottom three last year" % code)
        eq(flags[(g, year - 2)][code][1], False, "%s not low the year before" % code)
    eq(flags[tt]["X27"], (8000, False, True), "X27 at exactly 80.00, bottom three")
    eq(flags[(0, year - 2)]["X27"][1:], (True, True), "X27 low and bottom three the year before")
    eq(flags[(1, year - 2)]["B29"][1:], (True, False), "B29 low but fourth from the bottom")
    eq(flags[dept]["B29"][1:], (True, True), "B29 low and bottom three last year")
    # A tie at the bottom-three line: four units of 公共服务行业 in the bottom three.
    eq(sorted(c for c, f in flags[pub].items() if f[2]), ["G02", "G03", "G04", "G08"], "tie at the bottom three")
    eq(flags[pub]["G03"][0], flags[pub]["G08"][0], "the tie")
    # The satisfaction rule (when in force) holds exactly those to account.
    items = e.sql("SELECT u.code, a.year, a.source_kind, a.source_id, a.state FROM accountability a"
                  " JOIN unit u ON u.id = a.unit WHERE a.rule = 'satisfaction'")
    if items:
        eq(sorted((i[0], i[1]) for i in items), [("B38", year - 1), ("X23", year - 1)], "satisfaction items")
        surveys = dict(((c, y), i) for i, c, y in e.sql("SELECT s.id, u.code, s.year FROM survey s"
                                                       " JOIN unit u ON u.id = s.unit"))
        eq(sorted((i[2], i[3]) for i in items), sorted(("survey", surveys[(i[0], i[1])]) for i in items),
           "satisfaction item sources")
        eq({i[4] for i in items}, {"待处理"}, "satisfaction states")


@test
def duty_meetings_evaluations_and_vetting():
    e = shared_demo()
    year = int(TODAY[:4])
    meetings = e.sql("SELECT id, substr(held_on, 1, 4), draw_count, draw FROM duty_meeting ORDER BY held_on")
    eq([(m[1], m[2]) for m in meetings], [(str(year - 1), 5), (str(year), 5)], "duty-report meetings")
    drawn = {}
    for m in meetings:
        rows = e.sql("SELECT d.person, d.summary, d.questions, d.rating FROM duty_report d WHERE d.meeting = ?", m[0])
        eq(len(rows), 5, "secretaries reporting at meeting %d" % m[0])
        eq([r for r in rows if not (r[1] and "问:" in (r[2] or "") and r[3])], [], "reports, questions and ratings")
        drawn[m[0]] = {r[0] for r in rows}
    if drawn[meetings[0][0]] & drawn[meetings[1][0]]:
        raise AssertionError("a secretary drawn two years running")
    eq(e.sql("SELECT count(*) FROM duty_report d JOIN person p ON p.id = d.person JOIN unit u ON u.id = p.unit"
             " WHERE u.supervisor_holder IS NOT p.id OR NOT (" + REPORTING + ")")[0][0], 0, "supervisory holders")
    ratings = {r[0] for r in e.sql("SELECT rating FROM duty_report")}
    if not {"好", "较好", "一般"} <= ratings:
        raise AssertionError("ratings: %r" % ratings)
    # Evaluations of last year's oral reporters only, 6 to 12 each, both groups and phases.
    oral = {r[0] for r in e.sql("SELECT person FROM report WHERE year = ? AND mode = ?", year - 1, ORAL)}
    per = {}
    for person, y, ev, group, phase, score in e.sql("SELECT person, year, evaluator, evaluator_group, phase, score"
                                                    " FROM evaluation"):
        eq(y, year - 1, "evaluation year")
        per.setdefault(person, []).append((ev, group, phase, score))
    eq(set(per), oral, "evaluated cadres")
    members = {r[0] for r in e.sql("SELECT name FROM person WHERE commission_member = 1")}
    for person, evs in per.items():
        if not 6 <= len(evs) <= 12:
            raise AssertionError("%d evaluations of %d" % (len(evs), person))
        eq({(g, p) for _, g, p, _ in evs} >= {("管理服务对象", "会前"), ("纪委委员", "会前"), ("纪委委员", "会议现场")},
           True, "groups and phases for %d" % person)
        eq([ev for ev, g, _, _ in evs if g == "纪委委员" and ev not in members], [], "members evaluating")
    scores = [s for evs in per.values() for *_, s in evs]
    if min(scores) < 60 or max(scores) > 100 or not 78 <= sum(scores) / len(scores) <= 90:
        raise AssertionError("evaluation scores %d..%d, mean %.1f" % (min(scores), max(scores),
                                                                      sum(scores) / len(scores)))
    # Vetting: this year, some concluded, each cadre with a record elsewhere; a case and an item hold two back.
    vet = e.sql("SELECT v.person, v.started_on, v.conclusion, v.concluded_on, u.code FROM vetting v"
                " JOIN person p ON p.id = v.person JOIN unit u ON u.id = p.unit")
    eq([v for v in vet if v[1][:4] != str(year)], [], "vetting started this year")
    done = [v for v in vet if v[2]]
    if not 2 <= len(done) < len(vet) or any(not v[3] or v[3] < v[1] for v in done):
        raise AssertionError("concluded vetting: %r" % vet)
    eq([v for v in vet if not v[2] and v[3]], [], "a date only with a conclusion")
    other = "(SELECT count(*) FROM %s WHERE %s = ?)"
    record_sql = " + ".join(other % t for t in (("commitment", "person"), ("inquiry", "respondent"),
                                                  ("annual_review", "person"), ("case_file", "subject"),
                                                  ("accountability", "person")))
    for v in vet:
        if not e.sql("SELECT " + record_sql, *[v[0]] * 5)[0][0]:
            raise AssertionError("vetted cadre %d without other records" % v[0])
    held = {v[4] for v in vet if v[2] == "暂缓提拔"}
    eq(held, {"X05", "X27"}, "held back")
    eq(e.sql("SELECT count(*) FROM vetting v JOIN case_file k ON k.subject = v.person")[0][0], 1, "vetted with a case")
    if not e.sql("SELECT count(*) FROM vetting v JOIN accountability a ON a.person = v.person")[0][0]:
        raise AssertionError("no vetted cadre with an accountability item")


@test
def shu_and_ping_are_the_same_every_time_and_never_dated_ahead():
    a, b = shared_demo(), demo_env(fresh=True)   # made anew, not a copy of a
    try:
        sa, sb = a.snapshot(), b.snapshot()
        for table, lo, hi in SHUPING.values():
            eq(sa[table], sb[table], "%s in two demo databases" % table)
    finally:
        b.close()
    for day in ("2027-01-05", "2026-07-01"):
        e = demo_env(today=day)   # made once per day for the three tests
        try:
            shuping_not_after(e, day)
            eq(e.sql("PRAGMA foreign_key_check"), [], "foreign keys on %s" % day)
            rows = report_rows(e, day)
            y = int(day[:4])
            eq(sorted(r["unit"] for r in rows if r["year"] == y and not r["submitted"]), ["B51", "X24"],
               "this year's reports not in on %s" % day)
            if not all(r["late"] for r in rows if r["year"] == y and not r["submitted"]):
                raise AssertionError("missing reports not yet late on %s" % day)
            if len([r for r in rows if r["year"] == y - 1 and r["late"]]) < 5:
                raise AssertionError("last year's late reports on %s" % day)
            eq(held_to_account(satisfaction_flags(e), y - 1), {"X23", "B38"}, "held to account on %s" % day)
            eq(e.sql("SELECT count(*) FROM duty_report")[0][0], 10, "duty reports on %s" % day)
        finally:
            e.close()

if __name__ == "__main__":
    try:
        main()
    finally:
        for e in _shared:
            e.close()
