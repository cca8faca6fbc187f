"""A case from clue to closure through the screens (tasks 10, 15): menu 3
(查) → task 10 → Enter opens the case ledger; n adds a serious case with an
old clue date; Enter opens the case view, whose timeline shows the clue's
dual report late in red and whose three lines of inquiry show the two
accountability items yian_sancha opened; e edits the case through each stage
with its report dates, 结案 refused without an outcome, then closed; the
database holds what was typed."""
import subprocess

from lzt import test, main, demo_env, eq, has, TODAY
from tuilib import Tmux, available

# Fields of the case form, in descriptor order (Tab moves one down).
FIELDS = ["case_no", "source", "subject", "unit", "category", "summary", "serious", "stage", "back_reason",
          "clue_on", "clue_party_on", "clue_higher_on", "verify_on", "verify_party_on", "verify_higher_on",
          "filed_on", "filed_party_on", "filed_higher_on", "trial_on", "trial_party_on", "trial_higher_on",
          "closed_on", "closed_party_on", "closed_higher_on", "ended_reason", "outcome", "published_on"]
STAGE_KEY = {"初步核实": "2", "立案审查": "3", "审理": "4", "结案": "5"}


def coloured(t):
    return subprocess.run(t.base + ["capture-pane", "-p", "-e"], capture_output=True, text=True).stdout


def line_with(screen, text):
    for l in screen.splitlines():
        if text in l:
            return l
    raise AssertionError("no line with %r in:\n%s" % (text, screen))


class Form:
    """The case form in edit mode, the focus tracked by field name."""

    def __init__(self, t):
        self.t = t
        self.at = 0

    def go(self, field):
        to = FIELDS.index(field)
        key = "Tab" if to > self.at else "BTab"
        for _ in range(abs(to - self.at)):
            self.t.keys(key)
        self.at = to

    def type(self, field, text):
        self.go(field)
        self.t.keys("C-u")
        self.t.type(text)

    def stage(self, name):
        self.go("stage")
        self.t.keys("Enter")
        self.t.wait(name)
        self.t.keys(STAGE_KEY[name])


def pick_subject(e):
    """A cadre of a unit with both holders recorded, not a holder himself."""
    return e.sql("SELECT p.code, p.name, u.name, h1.name, h2.name FROM person p JOIN unit u ON u.id = p.unit"
                 " JOIN person h1 ON h1.id = u.principal_holder JOIN person h2 ON h2.id = u.supervisor_holder"
                 " WHERE p.id NOT IN (u.principal_holder, u.supervisor_holder) AND u.category = '乡镇'"
                 " ORDER BY p.code LIMIT 1")[0]


@test
def a_case_from_clue_to_closure():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    code, name, unit, principal, supervisor = pick_subject(e)
    t = Tmux(["--db", e.db], width=130, height=42, lang="C.UTF-8")
    try:
        t.wait("liangze")
        # Menu key 3 opens 查; its first task (10) is served by the case ledger alone.
        t.keys("3")
        t.wait("加强案件查办", "Cases")
        t.keys("Enter")
        t.wait("Cases ledger", "Tasks 10、15")
        # A new serious case with a clue received weeks ago and not reported.
        t.keys("n")
        t.wait("Case number", "Source of the clue")
        f = Form(t)
        f.type("case_no", "TUI-案1")
        f.go("source")
        t.keys("Enter")
        t.wait("信访举报")
        t.keys("1")
        f.go("subject")
        t.keys("Enter")
        t.wait("Choose: Cadres")
        t.keys("/")
        t.type(code)
        t.wait("1/1")
        t.keys("Enter", "Enter")
        t.wait("Case number", name)
        f.go("category")
        t.keys("Enter")
        t.wait("贪污贿赂")
        t.keys("1")
        f.type("summary", "收受工程款回扣")
        f.go("serious")
        t.keys("Space")
        f.type("clue_on", "2026/11/1")
        t.keys("F2")
        t.wait("Saved", "Cases ledger")
        cid = e.sql("SELECT id FROM case_file WHERE case_no = 'TUI-案1'")[0][0]
        eq(e.sql("SELECT stage, clue_on, serious, unit = (SELECT unit FROM person WHERE code = ?) FROM case_file"
                 " WHERE id = ?", code, cid), [("线索受理", "2026-11-01", 1, 1)], "the new case")
        # The ledger's Enter opens the case view.
        t.keys("/")
        t.type("TUI-案1")
        t.wait("1/1")
        t.keys("Enter", "Enter")
        s = t.wait("Case TUI-案1 — %s, %s" % (name, unit), "One case, three inquiries")
        has(line_with(s, "● 线索受理"), "2026-11-01", "clue date on the timeline")
        has(line_with(s, "● 线索受理"), "2026-11-06, late", "the report due date, late")
        has(line_with(coloured(t), "● 线索受理"), "31m", "the late stage in red")
        has(line_with(s, "1. Person investigated"), name, "the person investigated")
        has(line_with(s, "2. 主体责任人"), principal, "principal holder")
        has(line_with(s, "2. 主体责任人"), "待处理", "principal item pending")
        has(line_with(s, "3. 监督责任人"), supervisor, "supervisory holder")
        eq(e.sql("SELECT role, state FROM accountability WHERE rule = 'yian_sancha' AND source_kind = 'case'"
                 " AND source_id = ? ORDER BY role", cid), [("主体责任人", "待处理"), ("监督责任人", "待处理")],
           "two items, once")

        def edit():
            t.keys("e")
            t.wait("(editing)")
            return Form(t)

        def saved_back(stage):
            s = t.wait("Saved", "Case TUI-案1")
            return t.wait("● " + stage)

        # 初步核实, and the clue reported to both.
        f = edit()
        f.stage("初步核实")
        f.type("clue_party_on", "2026-11-02")
        f.type("clue_higher_on", "2026-11-03")
        t.keys("F2")
        s = saved_back("初步核实")
        has(line_with(s, "● 线索受理"), "2026-11-03", "clue reported")
        if "31m" in line_with(coloured(t), "● 线索受理"):
            raise AssertionError("the clue is reported: no longer red")
        has(line_with(s, "● 初步核实"), TODAY, "verification dated today")
        # 立案审查 and 审理, each with the previous stage's reports.
        for stage, prev in (("立案审查", "verify"), ("审理", "filed")):
            f = edit()
            f.stage(stage)
            f.type(prev + "_party_on", TODAY)
            f.type(prev + "_higher_on", TODAY)
            t.keys("F2")
            saved_back(stage)
        # 结案 without an outcome is refused and the form stays open.
        f = edit()
        f.stage("结案")
        f.type("trial_party_on", TODAY)
        f.type("trial_higher_on", TODAY)
        f.type("closed_party_on", TODAY)
        f.type("closed_higher_on", TODAY)
        t.keys("F2")
        t.wait("only with its outcome")
        eq(e.sql("SELECT stage FROM case_file WHERE id = ?", cid), [("审理",)], "not closed yet")
        f.type("outcome", "党内严重警告")
        t.keys("F2")
        s = saved_back("结案")
        has(line_with(s, "● 结案"), TODAY, "closed today")
        has(line_with(s, "Outcome"), "党内严重警告", "the outcome among the facts")
        has(line_with(s, "1. Person investigated"), "结案, 党内严重警告", "the case's own line")
        for stage in ("线索受理", "初步核实", "立案审查", "审理", "结案"):
            if "31m" in line_with(coloured(t), "● " + stage):
                raise AssertionError("%s reported in time: not red" % stage)
        # The database: every stage dated and reported, one audit row per save.
        eq(e.sql("SELECT stage, outcome, clue_on, clue_party_on, clue_higher_on, verify_on, filed_on, trial_on,"
                 " closed_on, closed_party_on, closed_higher_on FROM case_file WHERE id = ?", cid),
           [("结案", "党内严重警告", "2026-11-01", "2026-11-02", "2026-11-03", TODAY, TODAY, TODAY, TODAY, TODAY,
             TODAY)], "the closed case")
        eq(e.sql("SELECT count(*) FROM case_file WHERE id = ? AND verify_party_on = ? AND verify_higher_on = ?"
                 " AND filed_party_on = ? AND filed_higher_on = ? AND trial_party_on = ? AND trial_higher_on = ?",
                 cid, TODAY, TODAY, TODAY, TODAY, TODAY, TODAY), [(1,)], "every report dated")
        eq(e.sql("SELECT action, count(*) FROM audit WHERE kind = 'case' AND record_id = ? GROUP BY action"
                 " ORDER BY action", cid), [("insert", 1), ("update", 4)], "audited")
        eq(e.sql("SELECT count(*) FROM accountability WHERE source_kind = 'case' AND source_id = ?", cid), [(2,)],
           "still two items")
        t.keys("q")
        t.wait("Cases ledger")
        t.keys("q", "q", "q")   # ledger, 查, menu
        has(t.exited(), "__EXIT__0", "clean exit (sanitizers report here)")
    finally:
        t.close()
        e.close()


if __name__ == "__main__":
    main()
