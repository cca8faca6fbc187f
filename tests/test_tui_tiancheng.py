"""The Tiancheng screen driven through tmux: the latest month's ranking with
flagged units in colour, moving month by month, confirming a proposal and
dismissing one (a reason required), and a viewer refused."""
import subprocess

from lzt import test, main, demo_env, eq, has
from tuilib import Tmux, available

# Three months of 公共服务行业 counts, later than anything in the demo:
# G01, G02, G03 high all three months (persistently high), G04 only in the
# last (worst three only), G05 with serious repeat petitions in the last.
MONTHS = ["2030-01", "2030-02", "2030-03"]


def counts(code, month):
    high = {"G01": 5, "G02": 4, "G03": 3}
    pet = high.get(code, 0)
    if code == "G04" and month == "2030-03":
        pet = 3
    rep = 2 if code == "G05" and month == "2030-03" else 0
    return [pet, 0, 0, rep, 0]


def setup():
    e = demo_env()
    codes = [c for (c,) in e.sql("SELECT code FROM unit WHERE category = '公共服务行业' ORDER BY code")]
    lines = ["单位,期间,信访举报,效能投诉,涉腐舆情,重信重访,越级上访"]
    for m in MONTHS:
        for c in codes:
            lines.append(",".join([c, m] + [str(v) for v in counts(c, m)]))
    e.run("import", "index_entry", e.write("i.csv", "\n".join(lines) + "\n"), check=0)
    return e


def open_screen(e, *extra):
    t = Tmux(["--db", e.db] + list(extra), width=140, height=40, lang="C.UTF-8")
    t.wait("liangze")
    return t


def coloured_screen(t):
    return subprocess.run(t.base + ["capture-pane", "-p", "-e"], capture_output=True, text=True).stdout


def line_with(screen, text):
    for l in screen.splitlines():
        if text in l:
            return l
    raise AssertionError("no line with %r in:\n%s" % (text, screen))


def pending(e):
    return [r[0] for r in e.sql("SELECT p.id FROM proposal p WHERE p.period = '2030-03' ORDER BY p.state <> '待确认', p.id")]


@test
def rank_confirm_and_dismiss_on_screen():
    if not available():
        print("skipped: no tmux")
        return
    e = setup()
    ids = pending(e)
    eq(len(ids), 4, "proposals of 2030-03 (G01, G02, G03 persistent; G05 serious)")
    t = open_screen(e)
    try:
        t.keys("t")
        s = t.wait("Tiancheng index ranking, 2030-03", "公共服务行业", "Proposals of 2030-03")
        has(line_with(s, "G01"), "persistently high", "G01 flags")
        has(line_with(s, "G04"), "worst three", "G04 flags")
        c = coloured_screen(t)
        # Red for persistently high or serious, yellow for the worst three only.
        has(line_with(c, "G01 "), "31m", "G01 in red")
        has(line_with(c, "G05 "), "31m", "G05 in red")
        has(line_with(c, "G04 "), "33m", "G04 in yellow")
        g06 = line_with(c, "G06 ")
        if "31m" in g06 or "33m" in g06:
            raise AssertionError("G06 is not flagged: %r" % g06)
        # Confirm the first proposal.
        t.keys("c")
        t.wait("Confirm proposal #%d" % ids[0])
        t.keys("y")
        t.wait("Proposal #%d confirmed." % ids[0])
        eq(e.sql("SELECT state FROM proposal WHERE id = ?", ids[0]), [("已确认",)], "confirmed")
        eq(e.sql("SELECT count(*) FROM interview WHERE proposal = ? AND subject IS NOT NULL"
                 " AND periods = '2030-01;2030-02;2030-03'", ids[0]), [(2,)], "two interviews")
        eq(e.sql("SELECT count(*) FROM rectification r JOIN interview i ON i.id = r.interview"
                 " WHERE i.proposal = ?", ids[0]), [(1,)], "one rectification")
        # The list now has the confirmed one last; the selection stays on row 1.
        t.keys("x")
        t.wait("reason:")
        t.keys("Enter")
        t.wait("a dismissal needs a reason")
        target = pending(e)[0]
        t.keys("Home")
        t.keys("k")
        t.keys("x")
        t.wait("Dismiss proposal #%d" % target)
        t.type("已当面提醒")
        t.keys("Enter")
        t.wait("Proposal #%d dismissed." % target)
        eq(e.sql("SELECT state, decision FROM proposal WHERE id = ?", target), [("已驳回", "已当面提醒")], "dismissed")
        # Month by month.
        t.keys("[")
        t.wait("Tiancheng index ranking, 2030-02", "Proposals of 2030-02")
        t.keys("Right")
        t.wait("Tiancheng index ranking, 2030-03")
        t.keys("p", "C-u")
        t.type("2031年1月")
        t.keys("Enter")
        t.wait("no Tiancheng index entries for 2031-01")
    finally:
        t.close()
        e.close()


@test
def a_viewer_sees_the_ranking_but_cannot_decide():
    if not available():
        print("skipped: no tmux")
        return
    e = setup()
    e.run("user", "add", "viewer1", "--role", "viewer", check=0)
    before = e.snapshot()
    t = open_screen(e, "--as", "viewer1")
    try:
        t.keys("q")                # a viewer lands on the dashboard
        t.keys("t")
        t.wait("Tiancheng index ranking, 2030-03", "G01")
        t.keys("c")
        t.wait("Confirm proposal")
        t.keys("y")
        t.wait("viewer")
        eq(e.snapshot(), before, "database unchanged")
    finally:
        t.close()
        e.close()


if __name__ == "__main__":
    main()
