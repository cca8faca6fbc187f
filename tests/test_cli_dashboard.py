"""`report dashboard` and `report overdue` on the command line: the 23 tasks'
states on hand-made data with a pinned date (grey, red, yellow, green, blue,
and kinds without a due date never red or yellow), the warnings' counts
equal to the records their drill-down filter lists, CSV and aligned text
without escape codes, the workbook read back with openpyxl (one sheet per
panel, print-ready), a staff account seeing only its scope, and the demo
database showing every state and every warning."""
import csv
import io
import os
import re
import subprocess

import openpyxl

from lzt import test, main, Env, demo_env, eq, has, refused, BIN, TODAY


def import_csv(e, kind, text):
    return e.run("import", kind, e.write(kind + ".csv", text), check=0)


def hand_made():
    """Two units and a village under the first; one record per state (TODAY = 2026-11-27)."""
    e = Env()
    e.run("init", check=0)
    import_csv(e, "unit", "code,name,category,parent\nU1,甲镇,乡镇,\nU2,乙局,区级部门,\nU3,甲村,村(社区),U1\n")
    import_csv(e, "person", "code,name,unit\nP1,张三,U1\nP2,李四,U2\nP3,王五,U3\n")
    # Task 1: a notice past its due date, not closed (red).
    import_csv(e, "letter", "letter_type,year,unit,issued_on,due,state\n"
               "目标任务通知书,2026,U1,2026-10-01,2026-11-20,已发出\n")
    # Tasks 9 and 22: a rectification due in four days (yellow).
    import_csv(e, "rectification", "unit,item,deadline\nU2,整改台账不全,2026-12-01\n")
    # Task 6 (书面询问): a written inquiry due next month (blue); tasks 5 and 7 are other types.
    import_csv(e, "inquiry", "inquiry_type,respondent,question,asked_on,due\n"
               "书面询问,P3,请说明情况,2026-11-20,2026-12-31\n")
    # Task 19: a report submitted before its due date (green).
    import_csv(e, "report", "person,year,due,submitted_on\nP2,2026,2026-02-28,2026-02-20\n")
    # Task 11: declarations have no due date: green, never red or yellow.
    import_csv(e, "declaration", "person,declared_on\nP1,2026-05-01\n")
    return e


def csv_rows(out):
    return list(csv.DictReader(io.StringIO(out)))


def states(rows):
    return {int(r["item"]): r["state"] for r in rows if r["section"] == "task"}


@test
def task_states_on_hand_made_data():
    e = hand_made()
    try:
        rc, out, err = e.run("report", "dashboard", "--format", "csv", check=0)
        rows = csv_rows(out)
        eq(list(rows[0].keys()), ["section", "item", "label", "lead", "state", "closed", "open", "overdue", "due_soon",
                                  "count"], "columns")
        st = states(rows)
        eq(len(st), 23, "23 tasks")
        # The overdue notice also made a proposal to confirm (tasks 1, 8, 9), which has no due
        # date: task 8 is green on it alone.
        want = {1: "red", 9: "yellow", 22: "yellow", 6: "blue", 19: "green", 11: "green", 8: "green"}
        for t, s in want.items():
            eq(st[t], s, "task %d" % t)
        for t in set(range(1, 24)) - set(want):
            eq(st[t], "grey", "task %d" % t)
        mech = {r["item"]: (int(r["closed"]), int(r["open"]), int(r["overdue"])) for r in rows if r["section"] == "mechanism"}
        eq(mech["明"], (0, 2, 1), "明: the open, overdue notice and its proposal")
        eq(mech["询"], (0, 2, 0), "询: the inquiry and the rectification")
        eq(mech["查"], (1, 0, 0), "查: the declaration counts done")
        eq(mech["述"], (1, 0, 0), "述: the report on time")
        warn = {r["item"]: int(r["count"]) for r in rows if r["section"] == "warning"}
        eq(warn["letter_late"], 1, "overdue letters")
        eq(warn["inquiry_late"], 0, "overdue inquiries")
        eq(warn["rectification_open"], 1, "open rectifications")
        # The day after the rectification's deadline it is overdue: red.
        rc, out, err = e.run("report", "dashboard", "--format", "csv", env={"LIANGZE_TODAY": "2026-12-02"}, check=0)
        eq(states(csv_rows(out))[9], "red", "task 9 the day after the deadline")
        # The warning days come from the settings: with 2, the rectification is blue.
        e.run("config", "set", "warn_days", "2", check=0)
        rc, out, err = e.run("report", "dashboard", "--format", "csv", check=0)
        eq(states(csv_rows(out))[9], "blue", "task 9 with warn_days 2")
        # Another year: nothing serves any task yet.
        rc, out, err = e.run("report", "dashboard", "--format", "csv", "--year", "2025", check=0)
        eq(set(states(csv_rows(out)).values()), {"grey"}, "2025 all grey")
    finally:
        e.close()


@test
def text_report_is_aligned_plain_text():
    e = hand_made()
    try:
        rc, out, err = e.run("--lang", "en", "report", "dashboard", check=0)
        if "\x1b" in out:
            raise AssertionError("escape codes in text sent to a pipe")
        has(out, "Work mechanisms")
        has(out, "The 23 tasks")
        has(out, "Warnings")
        lines = out.splitlines()
        t1 = [l for l in lines if l.startswith("1 ")][0]
        has(t1, "overdue", "task 1's state word")
        # Columns line up by display width: the lead unit column starts at the same column in every task row.
        from unicodedata import east_asian_width as w

        def col(line, text):
            i = line.index(text)
            return sum(2 if w(c) in "WF" else 1 for c in line[:i])
        rows = [l for l in lines if l[:3].strip().isdigit() and "区" in l]
        leads = {col(l, l.split()[-1]) for l in rows if l.split()[-1].startswith("区")}
        if len(rows) < 20 or len(leads) != 1:
            raise AssertionError("lead units not aligned: %r" % leads)
    finally:
        e.close()


@test
def overdue_report_csv_text_and_filters():
    e = hand_made()
    try:
        # Another overdue record: the inquiry's due date moved into the past.
        import_csv(e, "inquiry", "inquiry_type,respondent,question,asked_on,due\n"
                   "书面询问,P3,请说明情况,2026-11-20,2026-11-25\n")
        rc, out, err = e.run("report", "overdue", "--format", "csv", check=0)
        rows = csv_rows(out)
        eq(list(rows[0].keys()), ["kind", "id", "unit_code", "unit_name", "person", "due", "days_overdue"], "columns")
        eq([(r["kind"], r["unit_code"], r["person"], r["due"], r["days_overdue"]) for r in rows],
           [("letter", "U1", "", "2026-11-20", "7"), ("inquiry", "U3", "王五", "2026-11-25", "2")], "most overdue first")
        rc, out, err = e.run("report", "overdue", "--format", "csv", "--unit", "U1", check=0)
        eq([r["unit_code"] for r in csv_rows(out)], ["U1", "U3"], "a unit and the units under it")
        rc, out, err = e.run("report", "overdue", "--format", "csv", "--unit", "U3", check=0)
        eq([r["kind"] for r in csv_rows(out)], ["inquiry"], "the village only")
        rc, out, err = e.run("report", "overdue", "--format", "csv", "--year", "2025", check=0)
        eq(csv_rows(out), [], "nothing of 2025")
        rc, out, err = e.run("--lang", "en", "report", "overdue", check=0)
        has(out, "days overdue")
        has(out, "甲镇")
        refused(e, 1, ["report", "overdue", "--format", "xml"], "--format")
        refused(e, 1, ["report", "dashboard", "--year", "26"], "--year")
        refused(e, 1, ["report", "dashboard", "--unit", "没有这个单位"])
        refused(e, 1, ["report", "dashboard", "--category", "部门"], "--category")
        rc, out, err = e.run("report", "dashboard", "--format", "csv", "--category", "区级部门", check=0)
        st = states(csv_rows(out))
        eq((st[1], st[9], st[19]), ("grey", "yellow", "green"), "乙局's records only")
    finally:
        e.close()


@test
def workbook_one_sheet_per_panel_print_ready():
    e = hand_made()
    try:
        path = e.path("看板.xlsx")
        rc, out, err = e.run("--lang", "en", "report", "dashboard", "-o", path, check=0)
        wb = openpyxl.load_workbook(path)
        eq(wb.sheetnames, ["Work mechanisms", "The 23 tasks", "Warnings"], "sheets")
        rc, out, err = e.run("report", "dashboard", "--format", "csv", check=0)
        rows = csv_rows(out)
        for ws in wb.worksheets:
            eq(ws.freeze_panes, "A2", "frozen header of %s" % ws.title)
            eq(ws.page_setup.orientation, "landscape", "landscape")
            eq(ws.sheet_properties.pageSetUpPr.fitToPage, True, "fit to page")
            eq(ws.page_setup.fitToWidth in (None, 1, "1"), True, "fit to width")
            has(str(ws.print_title_rows), "1", "header row repeated")
        tasks = wb["The 23 tasks"]
        got = [(r[0], r[2]) for r in tasks.iter_rows(min_row=2, values_only=True)]
        eq(len(got), 23, "task rows")
        eq(got[0], (1, 2), "task 1: number and records (the notice and its proposal) as numbers")
        mech = wb["Work mechanisms"]
        want = [(r["item"], int(r["closed"]), int(r["open"]), int(r["overdue"])) for r in rows if r["section"] == "mechanism"]
        eq([(r[0], r[2], r[3], r[4]) for r in mech.iter_rows(min_row=2, values_only=True)], want, "mechanisms as in CSV")
        warn = wb["Warnings"]
        eq([r[1] for r in warn.iter_rows(min_row=2, values_only=True)],
           [int(r["count"]) for r in rows if r["section"] == "warning"], "warning counts as in CSV")
        # The overdue list as a workbook too.
        path2 = e.path("overdue.xlsx")
        e.run("report", "overdue", "-o", path2, check=0)
        ws = openpyxl.load_workbook(path2).worksheets[0]
        eq(ws.freeze_panes, "A2", "overdue: frozen header")
        r2 = list(ws.iter_rows(min_row=2, values_only=True))
        eq([(r[2], r[6]) for r in r2], [("U1", 7)], "overdue rows")
        eq(r2[0][5].strftime("%Y-%m-%d"), "2026-11-20", "due as a date")
        refused(e, 1, ["report", "dashboard", "-o", e.path("x.xlsx"), "--format", "csv"])
        refused(e, 1, ["report", "dashboard", "-o", e.path("x.csv")])
        eq([f for f in os.listdir(e.dir) if "tmp" in f], [], "no temporary file left")
    finally:
        e.close()


@test
def staff_sees_only_its_scope():
    e = hand_made()
    try:
        e.run("user", "add", "clerk", "--role", "staff", "--scope", "U1", check=0)
        e.run("user", "add", "boss", "--role", "viewer", check=0)
        rc, out, err = e.run("report", "dashboard", "--format", "csv", as_user="clerk", check=0)
        st = states(csv_rows(out))
        # U2's rectification and report are out of scope: task 9 has only U1's proposal.
        eq((st[1], st[6], st[9], st[19], st[22]), ("red", "blue", "green", "grey", "grey"), "U1 and U3 only")
        rc, out, err = e.run("report", "overdue", "--format", "csv", as_user="clerk", check=0)
        eq([r["unit_code"] for r in csv_rows(out)], ["U1"], "clerk's overdue")
        rc, out, err = e.run("report", "dashboard", "--format", "csv", as_user="boss", check=0)
        st = states(csv_rows(out))
        eq((st[9], st[19]), ("yellow", "green"), "a district viewer sees all")
        # A unit outside the scope filters to nothing, never to more.
        rc, out, err = e.run("report", "dashboard", "--format", "csv", "--unit", "U2", as_user="clerk", check=0)
        eq(set(states(csv_rows(out)).values()), {"grey"}, "out of scope")
    finally:
        e.close()


@test
def demo_shows_every_state_and_every_warning():
    e = demo_env()
    try:
        rc, out, err = e.run("report", "dashboard", "--format", "csv", check=0)
        rows = csv_rows(out)
        eq(set(states(rows).values()), {"grey", "red", "yellow", "green", "blue"}, "every state")
        warn = {r["item"]: int(r["count"]) for r in rows if r["section"] == "warning"}
        eq(len(warn), 8, "eight warnings")
        eq([k for k, n in warn.items() if n == 0], [], "every warning has lines")
        # Each warning's count is what its ledger filter lists: the overdue ones by `list`.
        for kind, name in (("inquiry", "inquiry_late"), ("letter", "letter_late")):
            rc, out, err = e.run("list", kind, "--year", TODAY[:4], "--format", "csv", check=0)
            late = [r for r in csv_rows(out) if r["due"] and r["due"] < TODAY and r["state"] in ("逾期", "已发出", "已签收")]
            eq(warn[name], len(late), name)
            rc, out, err = e.run("list", kind, "--year", TODAY[:4], "--due", "late", "--format", "csv", check=0)
            eq(sorted(r["id"] for r in csv_rows(out)), sorted(r["id"] for r in late), "list --due late of " + kind)
        for kind, name in (("accountability", "accountability_open"), ("rectification", "rectification_open")):
            rc, out, err = e.run("list", kind, "--year", TODAY[:4], "--due", "open", "--format", "csv", check=0)
            eq(len(csv_rows(out)), warn[name], "list --due open of " + kind)
        refused(e, 1, ["list", "letter", "--due", "overdue"], "--due")
        rc, out, err = e.run("report", "overdue", "--format", "csv", check=0)
        if not {r["kind"] for r in csv_rows(out)} >= {"inquiry", "letter", "report"}:
            raise AssertionError("overdue kinds: %r" % out)
    finally:
        e.close()


@test
def each_inquiry_type_serves_its_own_task():
    """Tasks 5, 6 and 7 are 会议, 书面 and 网上询问: each counts its own type;
    the 三述 reports serve task 19 only, not 7 (开展网上询问)."""
    e = hand_made()
    try:
        import_csv(e, "inquiry", "inquiry_type,respondent,question,asked_on,due,replied_on\n"
                   "会议询问,P1,全委会上询问,2026-03-01,,2026-03-01\n"
                   "书面询问,P2,逾期未答,2026-10-01,2026-11-01,\n"
                   "网上询问,P1,网民询问,2026-11-20,2026-11-30,\n")
        rc, out, err = e.run("report", "dashboard", "--format", "csv", check=0)
        tasks = {int(r["item"]): r for r in csv_rows(out) if r["section"] == "task"}

        def nums(t):
            r = tasks[t]
            return tuple(int(r[c]) for c in ("count", "closed", "open", "overdue", "due_soon"))
        eq(nums(5), (1, 1, 0, 0, 0), "task 5: the meeting inquiry only")
        eq(nums(6), (2, 0, 2, 1, 0), "task 6: the two written inquiries")
        eq(nums(7), (1, 0, 1, 0, 1), "task 7: the online inquiry, not the report")
        eq(nums(19), (1, 1, 0, 0, 0), "task 19: the report")
        eq((tasks[5]["state"], tasks[6]["state"], tasks[7]["state"]), ("green", "red", "yellow"), "states")
        # The mechanism still counts every inquiry once.
        mech = {r["item"]: r for r in csv_rows(out) if r["section"] == "mechanism"}
        eq(int(mech["询"]["open"]) + int(mech["询"]["closed"]), 4 + 1, "询: four inquiries and the rectification")
    finally:
        e.close()


TASK_LINE = re.compile(r"^(\d+)\s+(not started|overdue|due soon|done|in progress)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s")
MECH_LINE = re.compile(r"^(明|询|查|考|述|评)\s+\S+\s+(\d+)\s+(\d+)\s+(\d+)\s*$")


@test
def csv_carries_the_columns_and_numbers_of_the_text():
    e = demo_env()
    try:
        rc, text, err = e.run("--lang", "en", "report", "dashboard", check=0)
        rc, out, err = e.run("report", "dashboard", "--format", "csv", check=0)
        rows = csv_rows(out)
        head = [l for l in text.splitlines() if l.startswith("task ")][0].split()
        eq(head[:8], ["task", "state", "records", "closed", "open", "overdue", "due", "soon"], "text task columns")
        got = {}
        for l in text.splitlines():
            m = TASK_LINE.match(l)
            if m:
                got[int(m.group(1))] = (m.group(2),) + tuple(int(x) for x in m.groups()[2:])
        eq(len(got), 23, "23 task lines in the text")
        words = {"grey": "not started", "red": "overdue", "yellow": "due soon", "green": "done", "blue": "in progress"}
        for r in rows:
            if r["section"] == "task":
                want = (words[r["state"]], int(r["count"]), int(r["closed"]), int(r["open"]), int(r["overdue"]),
                        int(r["due_soon"]))
                eq(got[int(r["item"])], want, "task %s: text and CSV" % r["item"])
                eq(int(r["closed"]) + int(r["open"]), int(r["count"]), "task %s: closed + open" % r["item"])
        mech = {m.group(1): tuple(int(x) for x in m.groups()[1:])
                for m in (MECH_LINE.match(l) for l in text.splitlines()) if m}
        eq(mech, {r["item"]: (int(r["closed"]), int(r["open"]), int(r["overdue"])) for r in rows
                  if r["section"] == "mechanism"}, "mechanisms: text and CSV")
        if not any(r["section"] == "task" and int(r["due_soon"]) for r in rows):
            raise AssertionError("no task due soon in the demo: the column is not exercised")
        # The workbook's task sheet has the same columns and numbers.
        path = e.path("d.xlsx")
        e.run("--lang", "en", "report", "dashboard", "-o", path, check=0)
        ws = openpyxl.load_workbook(path)["The 23 tasks"]
        hdr = [c.value for c in ws[1]]
        eq(hdr[:7], ["task", "state", "records", "closed", "open", "overdue", "due soon"], "workbook task columns")
        for r in ws.iter_rows(min_row=2, values_only=True):
            eq(tuple(r[1:7]), got[r[0]], "task %s: workbook and text" % r[0])
    finally:
        e.close()


@test
def closed_and_done_are_two_words():
    """A mechanism's closed records are 已办结 (as on screen); a task's finished state is 已完成."""
    e = demo_env()
    try:
        rc, out, err = e.run("--lang", "zh", "report", "dashboard", check=0)
        mh = [l for l in out.splitlines() if l.startswith("机制") or "已办结" in l][0]
        has(mh, "已办结", "mechanism header")
        if "已完成" in mh:
            raise AssertionError("the closed count called 已完成: %r" % mh)
        t2 = [l for l in out.splitlines() if l.startswith("2 ")][0]
        has(t2, "已完成", "task 2's state")
    finally:
        e.close()


@test
def a_scoped_account_sees_what_the_unit_filter_shows():
    """A viewer scoped to 瓦店乡 and an administrator's --unit 瓦店乡 get the same
    dashboard: the district-wide 述职大会 (of no unit) is in neither."""
    e = demo_env()
    try:
        e.run("user", "add", "wuqian", "--role", "viewer", "--scope", "X21", check=0)
        rc, unit, err = e.run("report", "dashboard", "--unit", "瓦店乡", "--format", "csv", check=0)
        rc, scoped, err = e.run("report", "dashboard", "--format", "csv", as_user="wuqian", check=0)
        eq(scoped, unit, "the scoped CSV equals the unit filter's")
        y = TODAY[:4]
        mine = e.sql("WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE code = 'X21'"
                     " UNION SELECT u.id FROM unit u JOIN sub ON u.parent = sub.id)"
                     " SELECT count(*) FROM duty_report r JOIN person p ON p.id = r.person"
                     " JOIN duty_meeting m ON m.id = r.meeting WHERE p.unit IN (SELECT id FROM sub)"
                     " AND m.held_on >= ? AND m.held_on < ?", y, str(int(y) + 1))[0][0]
        t20 = [r for r in csv_rows(scoped) if r["section"] == "task" and r["item"] == "20"][0]
        eq(int(t20["count"]), mine, "task 20: the scope's duty reports only")
        meetings = e.sql("SELECT count(*) FROM duty_meeting WHERE held_on >= ? AND held_on < ?", y, str(int(y) + 1))[0][0]
        if not meetings:
            raise AssertionError("no district-wide meeting in the demo: nothing tested")
        rc, text, err = e.run("--lang", "en", "report", "dashboard", as_user="wuqian", check=0)
        has(text, "scope: 瓦店乡 and the units under it")
    finally:
        e.close()


def readme_script():
    readme = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "README.md"), encoding="utf-8").read()
    start = readme.index("```sh\n#!/bin/sh\n# mail-overdue")
    return readme[start + 6:readme.index("```", start + 6)]


@test
def readme_cron_script_mails_each_secretary_their_units_overdue_list():
    e = demo_env()
    try:
        # The secretaries of 瓦店乡 (X21, a rectification overdue) and 区委办 (B01, nothing overdue).
        for code, login in (("X21", "sec_x21"), ("B01", "sec_b01")):
            name = e.sql("SELECT p.name FROM unit u JOIN person p ON p.id = u.supervisor_holder WHERE u.code = ?", code)[0][0]
            e.run("user", "add", login, "--role", "viewer", "--scope", code, "--name", name, check=0)
        # Someone of X21 who is not its secretary gets nothing.
        e.run("user", "add", "clerk", "--role", "staff", "--scope", "X21", "--name", "某人", check=0)
        bindir = e.path("bin")
        os.mkdir(bindir)
        with open(os.path.join(bindir, "liangze"), "w") as f:
            f.write("#!/bin/sh\nexec '%s' \"$@\"\n" % os.path.abspath(BIN))
        with open(os.path.join(bindir, "mail"), "w") as f:
            f.write("#!/bin/sh\n[ \"$1\" = -s ] || exit 9\ncat > \"%s/mail-$3\"\necho \"$2\" > \"%s/subject-$3\"\n"
                    % (e.dir, e.dir))
        for n in ("liangze", "mail"):
            os.chmod(os.path.join(bindir, n), 0o755)
        script = e.write("overdue-script.sh", readme_script())
        env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"], LIANGZE_DB=e.db, LIANGZE_TODAY=TODAY,
                   LANG="C.UTF-8")
        p = subprocess.run(["sh", script], env=env, capture_output=True, timeout=120)
        eq((p.returncode, p.stderr.decode()), (0, ""), "script ran")
        eq(sorted(f for f in os.listdir(e.dir) if f.startswith("mail-")), ["mail-sec_x21"], "one mail")
        body = open(e.path("mail-sec_x21"), encoding="utf-8").read()
        rc, want, err = e.run("report", "overdue", "--unit", "X21", check=0)
        eq(body, want, "the unit's overdue list")
        has(body, "X21")
        has(open(e.path("subject-sec_x21"), encoding="utf-8").read(), "瓦店乡", "subject")
    finally:
        e.close()


if __name__ == "__main__":
    main()
