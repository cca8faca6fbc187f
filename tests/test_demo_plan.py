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


if __name__ == "__main__":
    try:
        main()
    finally:
        for e in _shared:
            e.close()
