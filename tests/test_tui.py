"""The full-screen application driven through tmux, as staff use it: the
master-data work of the plan (find, add, edit, delete, export), CJK editing,
resizing, refusals, and a GB18030 terminal through luit."""
import os
import re
import sqlite3
import time

from lzt import test, main, demo_env, eq, has, TODAY
from tuilib import Tmux, available


def open_app(e, *extra, **kw):
    t = Tmux(["--db", e.db] + list(extra), **kw)
    t.wait("liangze 两责")
    return t



@test
def find_a_town_edit_its_name_and_save():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_app(e)
    try:
        t.keys("u")
        t.wait("单位台账", "B01")
        t.keys("/")
        t.type("井河")
        t.wait("井河镇", "1/1")
        t.keys("Enter", "Enter")
        t.wait("单位 — 井河镇", "X09")
        t.keys("e", "Down", "C-u")
        t.type("井河镇新名")
        t.keys("F2")
        s = t.wait("已保存", "井河镇新名")
        has(s, "单位台账", "back on the ledger")
        eq(e.sql("SELECT name FROM unit WHERE code = 'X09'"), [("井河镇新名",)], "saved in the database")
        eq(e.sql("SELECT login, action FROM audit ORDER BY id DESC LIMIT 1"), [("root", "update")], "audited")
    finally:
        t.close()
        e.close()


def add_cadre(t, name):
    """From the menu: a new cadre named name in 井河镇, chosen with the unit picker."""
    t.keys("p")
    t.wait("干部台账")
    t.keys("n")
    t.wait("人员编码", "所在单位")
    t.keys("Tab")
    t.type(name)
    t.keys("Tab", "Enter")
    t.wait("选择：单位")
    t.keys("/")
    t.type("井河")
    t.wait("井河镇", "1/1")
    t.keys("Enter", "Enter")
    t.wait("井河镇", "人员编码")
    t.keys("F2")
    t.wait("已保存")


@test
def add_a_cadre_with_the_unit_picker():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_app(e)
    try:
        add_cadre(t, "测试干部")
        eq(e.sql("SELECT p.name, u.code FROM person p JOIN unit u ON u.id = p.unit WHERE p.name = '测试干部'"),
           [("测试干部", "X09")], "cadre in the database")
    finally:
        t.close()
        e.close()


@test
def add_a_cadre_in_a_gb18030_terminal():
    if not available(gb18030=True):
        print("skipped: no luit or zh_CN.GB18030 locale")
        return
    e = demo_env()
    t = open_app(e, lang="zh_CN.GB18030", luit=True)
    try:
        add_cadre(t, "测试干部")
        eq(e.sql("SELECT p.name, u.code, hex(p.name) FROM person p JOIN unit u ON u.id = p.unit"
                 " WHERE p.name = '测试干部'"),
           [("测试干部", "X09", "测试干部".encode("utf-8").hex().upper())], "the same UTF-8 as under UTF-8")
    finally:
        t.close()
        e.close()


@test
def move_over_cjk_characters_and_delete_one():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_app(e)
    try:
        t.keys("p")
        t.wait("干部台账")
        t.keys("n")
        t.wait("人员编码")
        t.keys("Tab")
        t.type("欧阳明月清风")
        t.keys("Left", "Left", "BSpace")
        t.wait("欧阳明清风")
        t.keys("Tab", "Enter")
        t.wait("选择：单位")
        t.keys("Enter")                    # the first unit
        t.wait("人员编码")
        t.keys("F2")
        t.wait("已保存")
        eq(e.sql("SELECT count(*) FROM person WHERE name = '欧阳明清风'")[0][0], 1, "saved value")
    finally:
        t.close()
        e.close()


@test
def resizing_redraws_lists_and_forms():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_app(e)
    try:
        t.keys("u")
        t.wait("单位台账", "B01")
        t.resize(60, 20)
        s = t.wait("1/125")
        check_screen(s, 60, 20, ["单位编", "B01"])
        t.resize(200, 60)
        s = t.wait("监督责任人", "B50")
        check_screen(s, 200, 60, ["单位台账", "B50"])
        t.keys("Enter")
        t.wait("单位 — 区委办")
        t.resize(60, 20)
        s = t.wait("单位 — 区委办")
        check_screen(s, 60, 20, ["单位编", "B01"])
        t.resize(30, 10)
        s = t.wait("B01")
        t.resize(200, 60)
        s = t.wait("监督责任人", "单位 — 区委办")
        check_screen(s, 200, 60, ["主体责任人"])
    finally:
        t.close()
        e.close()


def check_screen(screen, width, height, must):
    import unicodedata
    lines = screen.split("\n")
    if len([l for l in lines if l]) > height:
        raise AssertionError("more lines than the pane:\n" + screen)
    for l in lines:
        w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
        if w > width:
            raise AssertionError("line of %d columns in a %d-column pane: %r" % (w, width, l))
        if "\ufffd" in l:
            raise AssertionError("garbled line: %r" % l)
    for m in must:
        has(screen, m, "screen at %dx%d" % (width, height))


@test
def a_viewer_cannot_save_and_staff_see_their_scope():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    e.run("user", "add", "viewer1", "--role", "viewer", check=0)
    e.run("user", "add", "staff1", "--role", "staff", "--scope", "悦来镇", check=0)
    before = e.snapshot()
    t = open_app(e, "--as", "viewer1")
    try:
        t.wait("建立明责明廉明险工作机制")  # a viewer lands on the dashboard
        t.keys("q")
        t.wait("主菜单")
        t.keys("u")
        t.wait("单位台账", "B01")
        t.keys("Enter")
        t.wait("单位 — 区委办")
        t.keys("e")
        t.wait("查看者")           # the core's refusal on the status line
        t.keys("q")
        t.wait("单位台账")
        t.keys("n")                # no empty form for someone who may not add
        t.wait("查看者")
        t.wait("单位台账")
        eq(e.snapshot(), before, "database unchanged")
    finally:
        t.close()
    t = open_app(e, "--as", "staff1")
    try:
        t.keys("u")
        s = t.wait("悦来镇", "1/3")
        for other in ("B01", "浓洄街道"):
            if other in s:
                raise AssertionError("staff1 sees %s" % other)
    finally:
        t.close()
        e.close()


@test
def escape_from_a_changed_form_asks_first():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    before = e.snapshot()
    t = open_app(e)
    try:
        t.keys("u")
        t.wait("单位台账", "B01")
        t.keys("e")
        t.wait("单位 — 区委办")
        t.keys("Down")
        t.type("改")
        t.keys("Escape")
        t.wait("放弃所做的修改")
        t.keys("n")
        t.wait_gone("放弃所做的修改")
        t.wait("区委办改")
        t.keys("Escape")
        t.wait("放弃所做的修改")
        t.keys("y")
        t.wait("单位台账")
        eq(e.snapshot(), before, "nothing saved")
    finally:
        t.close()
        e.close()


@test
def a_save_waits_for_another_sessions_lock():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_app(e)
    con = sqlite3.connect(e.db, isolation_level=None)
    try:
        t.keys("u")
        t.wait("单位台账", "B01")
        t.keys("e")
        t.wait("单位 — 区委办")
        t.keys("Down")
        t.type("等")
        con.execute("BEGIN IMMEDIATE")
        t.keys("F2")
        t.wait("等待其他会话")
        con.execute("COMMIT")
        t.wait("已保存")
        eq(e.sql("SELECT name FROM unit WHERE code = 'B01'"), [("区委办等",)], "saved after the wait")
    finally:
        con.close()
        t.close()
        e.close()


@test
def delete_and_export_from_the_ledger():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    e.run("import", "unit", e.write("u.csv", "code,name,category\nZ99,待删镇,乡镇\n"), check=0)
    t = open_app(e)
    try:
        t.keys("u")
        t.wait("单位台账")
        t.keys("/")
        t.type("待删")
        t.wait("待删镇", "1/1")
        t.keys("Enter", "d")
        t.wait("待删镇", "(y/n)")
        t.keys("y")
        t.wait("无记录")
        eq(e.sql("SELECT count(*) FROM unit WHERE code = 'Z99'")[0][0], 0, "deleted")
        eq(e.sql("SELECT count(*) FROM audit WHERE kind = 'unit' AND action = 'delete'")[0][0], 1, "audited")
        t.keys("/", "C-u")
        t.type("悦来")
        t.wait("悦来镇", "1/3")
        t.keys("Enter", "x")
        t.wait(".xlsx")
        out = e.path("悦来.xlsx")
        t.keys("C-u")
        t.type(out)
        t.keys("Enter")
        t.wait("3")
        deadline = time.time() + 10
        while not os.path.exists(out) and time.time() < deadline:
            time.sleep(0.1)
        import openpyxl
        ws = openpyxl.load_workbook(out).worksheets[0]
        eq(sorted(r[1] for r in ws.iter_rows(min_row=2, values_only=True)), sorted(["悦来镇", "悦来镇红光村", "悦来镇双河村"]),
           "exported as filtered")
    finally:
        t.close()
        e.close()


@test
def a_rule_made_proposal_is_refused_before_any_confirmation():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_app(e)
    try:
        n = e.sql("SELECT count(*) FROM proposal")[0][0]
        assert n > 0, "the demo has proposals"
        t.keys("2", "Down", "Down", "Down")
        t.wait("8. 健全约谈制度")
        t.keys("Enter")
        t.wait("2 待确认建议")
        t.keys("2")
        t.wait("待确认建议台账")
        snap = e.snapshot()
        t.keys("d")
        s = t.wait("待确认建议记录须长期保留，不能删除：如有误请驳回")
        assert "(y/n)" not in s, "no confirmation asked for what cannot be deleted:\n" + s
        eq(e.snapshot(), snap, "nothing deleted")
    finally:
        t.close()
        e.close()


@test
def roles_in_chinese_and_the_required_star_apart_from_the_label():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    e.run("user", "add", "looker", "--role", "viewer", check=0)
    t = open_app(e)
    try:
        t.keys("a")
        s = t.wait("用户台账", "looker")
        rows = {l.split()[0]: l for l in s.splitlines() if l.startswith(("looker ", "root "))}
        has(rows["looker"], "查看者", "a viewer's role in Chinese")
        has(rows["root"], "管理员", "an administrator's role in Chinese")
        assert "viewer" not in s and "admin " not in s, s
        eq(e.sql("SELECT role FROM account WHERE login = 'looker'"), [("viewer",)], "stored in English")
        t.keys("Escape")
        t.wait("主菜单")
        t.keys("6", "Down", "Down", "Enter")        # task 22: the satisfaction surveys
        t.wait("满意度测评台账", "1/")
        t.keys("Enter")
        s = t.wait("满意度得分")
        form = {l.split()[0].lstrip(">"): l for l in s.splitlines() if l.strip()}
        row = form["满意度得分"]
        assert re.search(r"满意度得分 +\* \d", row), "a space between the widest label and its star: %r" % row
        assert re.search(r"样本数 +\d", form["样本数"]), "optional field: no star"
    finally:
        t.close()
        e.close()


@test
def plain_terminals_work_with_letter_keys():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    for term in ("vt100", "putty"):
        t = open_app(e, term=term)
        try:
            t.keys("u")
            t.wait("单位台账", "B01")
            t.keys("j", "j", "G")
            t.wait("125/125")
            t.keys("?")
            t.wait("F3 /")                   # help lists the alternatives
            t.keys("q", "q", "q")
            s = t.exited()
            has(s, "__EXIT__0", "clean exit under TERM=%s (sanitizers report here)" % term)
        finally:
            t.close()
    e.close()


OVERDUE_INQUIRIES = """inquiry_type,respondent,question,asked_on,due,reply,replied_on
书面询问,P0004,已答复的到期的询问,2026-10-01,2026-10-16,已答复,2026-10-10
书面询问,P0001,今天到期的询问,2026-11-01,2026-11-27,,
书面询问,P0002,昨天到期的询问,2026-11-01,2026-11-26,,
书面询问,P0003,下月到期的询问,2026-11-01,2026-12-20,,
"""


def line_with(t, text):
    """The screen line holding text, with its colour escapes (capture-pane -e)."""
    import subprocess
    out = subprocess.run(t.base + ["capture-pane", "-p", "-e"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if text in line:
            return line
    raise AssertionError("%r not on the screen:\n%s" % (text, out))


@test
def answer_an_overdue_inquiry_and_it_leaves_the_overdue_list():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    e.write("inq.csv", OVERDUE_INQUIRIES)
    e.run("import", "inquiry", e.path("inq.csv"), check=0)
    # The overdue written inquiries as the ledger lists them (by asked date, then id).
    overdue = [r[0] for r in e.sql("SELECT question FROM inquiry WHERE replied_on IS NULL AND due < ?"
                                   " AND inquiry_type = '书面询问' ORDER BY asked_on, id", TODAY)]
    mine = overdue.index("昨天到期的询问")
    t = open_app(e)
    try:
        # Menu key 2 opens 询; task 6 (书面询问) is served by the written inquiries alone.
        t.keys("2")
        t.wait("实行会议询问", "开展网上询问")
        t.keys("Down")
        t.wait("询问（仅书面询问）")   # the task's detail names the records that serve it
        t.keys("Enter")
        # The ledger names the plan's tasks it serves, from the catalog, and lists task 6's records.
        t.wait("5–7", "实行会议询问 · 实行书面询问 · 开展网上询问", "任务 6")
        # Red when overdue, yellow when due within warn_days, blue beyond.
        t.keys("/")
        t.type("到期的询问")
        t.wait("昨天到期的询问", "今天到期的询问", "下月到期的询问", "1/4")   # the cursor on the answered one
        has(line_with(t, "昨天到期的询问"), "\x1b[31m", "overdue row red")
        has(line_with(t, "今天到期的询问"), "\x1b[33m", "due-today row yellow")
        has(line_with(t, "下月到期的询问"), "\x1b[34m", "later row blue")
        t.keys("Escape")   # clears the search: the task's whole ledger again
        t.wait("1/%d" % e.sql("SELECT count(*) FROM inquiry WHERE inquiry_type = '书面询问'")[0][0])
        # Filter → by state → 逾期: the overdue ones only.
        t.keys("f")
        t.wait("按状态")
        t.keys("3")
        t.wait("逾期", "待答复", "已答复")
        t.keys("3")
        s = t.wait("状态 逾期", "1/%d" % len(overdue))
        eq("今天到期的询问" in s or "下月到期的询问" in s, False, "only overdue inquiries listed")
        # Open it, edit, type the reply and its date, save.
        for _ in range(mine):
            t.keys("j")
        t.wait("%d/%d" % (mine + 1, len(overdue)))
        t.keys("Enter")
        t.wait(" — 昨天到期的询问")
        t.keys("e")
        for _ in range(7):   # type, asker, asker (public), respondent, question, asked on, due → reply
            t.keys("Tab")
        t.type("已按要求整改并书面答复")
        t.keys("Tab")
        t.type("2026-11-27")
        t.keys("F2")
        t.wait("已保存", "状态 逾期")
        s = t.wait_gone("昨天到期的询问")
        has(s, "/%d" % (len(overdue) - 1), "one fewer overdue inquiry")
        eq(e.sql("SELECT reply, replied_on FROM inquiry WHERE question = '昨天到期的询问'"),
           [("已按要求整改并书面答复", "2026-11-27")], "the reply is in the database")
        eq(e.sql("SELECT count(*) FROM audit a JOIN inquiry i ON i.id = a.record_id WHERE a.kind = 'inquiry'"
                 " AND a.action = 'update' AND i.question = '昨天到期的询问'"), [(1,)], "audited")
        t.keys("q", "q", "q")   # ledger, 询, menu
        has(t.exited(), "__EXIT__0", "clean exit (sanitizers report here)")
    finally:
        t.close()
        e.close()


@test
def batch_issue_from_the_ming_screen():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    what = ("责任分工告知书", "目标任务通知书", "年度责任承诺书")

    def have():
        return [e.sql("SELECT count(*) FROM letter WHERE year = 2026 AND letter_type = ?", what[0])[0][0],
                e.sql("SELECT count(*) FROM letter WHERE year = 2026 AND letter_type = ?", what[1])[0][0],
                e.sql("SELECT count(*) FROM commitment WHERE year = 2026 AND commitment_type = ?", what[2])[0][0]]

    before = have()
    t = open_app(e)
    try:
        t.keys("1")
        t.wait("坚持实行责任分解落实“三书”制度")
        t.keys("F9")
        t.wait("2026")
        t.keys("y")
        s = t.wait(*what)
        after = have()
        made = [a - b for a, b in zip(after, before)]
        if sum(made) == 0:
            raise AssertionError("nothing issued: %r\n%s" % (made, s))
        has(s, "%d %s, %d %s, %d %s" % (made[0], what[0], made[1], what[1], made[2], what[2]), "counts on the status line")
        existing = int(re.search(r"年度责任承诺书; (\d+)", s).group(1))
        # Again: everything is there already.
        t.keys("i")
        t.wait("2026")
        t.keys("y")
        t.wait("0 %s, 0 %s, 0 %s; %d" % (what[0], what[1], what[2], existing + sum(made)))
        eq(have(), after, "nothing made twice")
        t.keys("q", "q")   # 明, menu
        has(t.exited(), "__EXIT__0", "clean exit (sanitizers report here)")
    finally:
        t.close()
        e.close()


@test
def filter_a_ledger_by_unit_through_the_chooser():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_app(e)
    try:
        t.keys("p")
        t.wait("干部台账")
        t.keys("f")
        t.keys("1")                       # by unit: the unit picker must stay open
        t.wait("选择：单位")
        t.keys("/")
        t.type("井河")
        t.wait("井河镇", "1/1")
        t.keys("Enter", "Enter")
        want = e.sql("SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit WHERE u.code = 'X09'")[0][0]
        t.wait("干部台账", "单位 井河镇", "1/%d" % want)
    finally:
        t.close()
        e.close()


@test
def typing_chinese_in_a_picker_searches():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_app(e)
    try:
        t.keys("p")
        t.wait("干部台账")
        t.keys("n")
        t.wait("人员编码", "所在单位")
        t.keys("Tab")
        t.type("直接查找")
        t.keys("Tab", "Enter")
        t.wait("选择：单位")
        t.type("井河")                    # no "/" first: Chinese text starts the search
        t.wait("查找：", "井河镇", "1/1")
        t.keys("Enter", "Enter")
        t.wait("人员编码")
        t.keys("F2")
        t.wait("已保存")
        eq(e.sql("SELECT u.code FROM person p JOIN unit u ON u.id = p.unit WHERE p.name = '直接查找'"),
           [("X09",)], "unit chosen by typing")
    finally:
        t.close()
        e.close()


if __name__ == "__main__":
    main()
