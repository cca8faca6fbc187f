"""Restore under open screens and the archive action, through tmux: a session
looking at a ledger or a form while another restores a backup stays alive
and shows the restored data once it notices; the main menu's archive action
asks for year and file and writes the workbook."""
import os
import time

import openpyxl

from lzt import test, main, demo_env, eq, has, refused
from tuilib import Tmux, available


def rename(e, name):
    e.run("import", "unit", e.write("r.csv", "code,name,category\nX09,%s,乡镇\n" % name), check=0)


@test
def restore_under_an_open_ledger_and_form():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = None
    try:
        a = e.path("a.db")
        b = e.path("b.db")
        e.run("backup", "-o", a, check=0)            # 井河镇
        rename(e, "井河镇改")
        e.run("backup", "-o", b, check=0)            # 井河镇改
        t = Tmux(["--db", e.db])
        t.wait("liangze 两责")
        t.keys("u")
        t.wait("单位台账", "B01")
        t.keys("/")
        t.type("井河")
        t.wait("井河镇改", "1/1")
        t.keys("Enter")
        e.run("restore", a, check=0)
        # no key pressed: the ledger notices by itself
        s = t.wait_gone("井河镇改", deadline=10)
        has(s, "井河镇", "restored name shown")
        t.keys("Enter")
        t.wait("单位 — 井河镇", "X09")
        e.run("restore", b, check=0)
        t.wait("单位 — 井河镇")                    # the form is still there
        t.keys("Escape")
        t.wait("井河镇改", "单位台账")             # the ledger reads the restored rows
        t.keys("Escape", "Escape")
        t.wait("主菜单")
        t.keys("q")
        s = t.exited()
        has(s, "__EXIT__0", "clean exit")
        eq(e.sql("SELECT name FROM unit WHERE code='X09'"), [("井河镇改",)], "database as restored")
    finally:
        if t:
            t.close()
        e.close()


@test
def a_record_deleted_on_screen_comes_back_with_undelete():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = None
    try:
        e.run("import", "person", e.write("p.csv",
              "code,name,unit,post,rank,principal,team_member,commission_member,promoted_on\n"
              "ZD1,待删干部,X09,副镇长,副科级,否,是,是,2024-03-01\n"), check=0)
        row = e.sql("SELECT * FROM person WHERE code = 'ZD1'")
        pid = row[0][0]
        refused(e, 2, ["undelete", "person", str(pid)], "exists")
        t = Tmux(["--db", e.db])
        t.wait("liangze 两责")
        t.keys("p")
        t.wait("干部台账")
        t.keys("/")
        t.type("待删干部")
        t.wait("待删干部", "1/1")
        t.keys("Enter", "d")
        t.wait("(y/n)")
        t.keys("y")
        t.wait("无记录")
        eq(e.sql("SELECT count(*) FROM person WHERE code = 'ZD1'"), [(0,)], "deleted on screen")
        e.run("user", "add", "looker", "--role", "viewer", check=0)
        refused(e, 3, ["undelete", "person", str(pid)], as_user="looker")
        refused(e, 1, ["undelete", "nosuchkind", str(pid)])
        refused(e, 2, ["undelete", "unit", "999999"])
        rc, out, err = e.run("undelete", "person", str(pid), check=0)
        eq(e.sql("SELECT * FROM person WHERE code = 'ZD1'"), row, "the same record, every column, the same id")
        acts = [r[0] for r in e.sql("SELECT action FROM audit WHERE kind = 'person' AND record_id = ? ORDER BY id", pid)]
        eq(acts[-2:], ["delete", "undelete"], "both events in the audit trail")
        e.run("verify", check=0)
        t.keys("F5")
        s = t.wait_gone("无记录")                   # the ledger shows it again
        has(s, "副镇长", "the row is back on screen")
    finally:
        if t:
            t.close()
        e.close()


@test
def an_administrator_brings_a_record_back_from_its_history_screen():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = None
    try:
        e.run("import", "person", e.write("p.csv", "code,name,unit,post,rank,discipline_secretary\n"
                                          "ZD2,回来干部,X09,纪委书记,正科级,是\n"), check=0)
        row = e.sql("SELECT * FROM person WHERE code = 'ZD2'")
        pid = row[0][0]
        t = Tmux(["--db", e.db])
        t.wait("liangze 两责")
        t.keys("p")
        t.wait("干部台账")
        t.keys("/")
        t.type("回来干部")
        t.wait("回来干部", "1/1")
        t.keys("Enter", "d")
        t.wait("(y/n)")
        t.keys("y")
        t.wait("无记录")
        t.keys("h")                                 # history of a record by id
        t.keys("C-u")
        t.type(str(pid))
        t.keys("Enter")
        s = t.wait("纪委书记", "ZD2")               # its last values, from the audit trail
        has(s, "F6 撤销删除", "the key offered to an administrator on a deleted record")
        t.keys("u")
        t.wait("(y/n)")
        t.keys("y")
        end = time.time() + 10
        while time.time() < end and not e.sql("SELECT 1 FROM person WHERE id = ?", pid):
            time.sleep(0.1)
        eq(e.sql("SELECT * FROM person WHERE id = ?", pid), row, "the same record, every column")
        acts = [r[0] for r in e.sql("SELECT action FROM audit WHERE kind = 'person' AND record_id = ? ORDER BY id", pid)]
        eq(acts[-2:], ["delete", "undelete"], "both events in the audit trail")
        s = t.wait("root  撤销删除")                # the action by its name, not 'undelete'
        assert "undelete" not in s, s
        assert "F6 撤销删除" not in s, "the key is gone once the record is back:\n" + s
        t.keys("u")                                 # again: it is not deleted now
        t.wait("此记录未被删除")
        eq(len(e.sql("SELECT * FROM audit WHERE kind = 'person' AND record_id = ?", pid)), len(acts), "nothing more")
        t.keys("Escape")
        s = t.wait_gone("无记录")                   # the ledger reads its rows again
        has(s, "回来干部", "back in the ledger")
        e.run("verify", check=0)
    finally:
        if t:
            t.close()
        e.close()


@test
def a_viewer_gets_no_undelete_key_and_a_permission_message():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = None
    try:
        pid = e.sql("SELECT id FROM person WHERE code = 'P0066'")[0][0]
        e.run("user", "add", "looker", "--role", "viewer", check=0)
        t = Tmux(["--db", e.db, "--as", "looker"])
        t.wait("23 项工作任务")                     # a viewer starts on the dashboard
        t.keys("Escape")
        t.wait("主菜单")
        t.keys("p")
        t.wait("干部台账")
        t.keys("h", "C-u")
        t.type(str(pid))
        t.keys("Enter")
        s = t.wait("P0066", "新增")
        assert "撤销删除" not in s, "no undelete key for a viewer on a live record:\n" + s
        snap = e.snapshot()
        t.keys("u")                                 # typed anyway: why not, in the core's words
        s = t.wait("只有管理员")
        assert "此记录未被删除" not in s, s
        eq(e.snapshot(), snap, "nothing changed")
    finally:
        if t:
            t.close()
        e.close()


@test
def archive_from_the_main_menu():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = None
    try:
        t = Tmux(["--db", e.db])
        t.wait("liangze 两责")
        t.keys("z")
        t.wait("2025")                             # last year offered
        t.keys("Enter")
        t.wait("两责台账归档-2025.xlsx")
        t.keys("C-u")
        path = e.path("gd.xlsx")
        t.type(path)
        t.keys("Enter")
        end = time.time() + 15
        while not os.path.exists(path) and time.time() < end:
            time.sleep(0.1)
        assert os.path.exists(path), "no archive written; screen:\n" + t.screen()
        t.wait(path, "31")                         # the status says where, and how many sheets
        wb = openpyxl.load_workbook(path, read_only=True)
        eq(wb.sheetnames[0], "封面", "cover first")
        cover = {r[0]: r[1] for r in wb["封面"].iter_rows(min_row=2, values_only=True)}
        eq(cover["年度"], "2025", "year asked for")
        # The same file again: asked before it is replaced.
        def again(year):
            t.keys("z")
            t.wait("2025")
            t.keys("C-u")
            t.type(year)
            t.keys("Enter")
            t.wait("归档-%s.xlsx" % year)
            t.keys("C-u")
            t.type(path)
            t.keys("Enter")
            t.wait("已存在。要覆盖吗？")
        before = open(path, "rb").read()
        again("2024")
        t.keys("n")
        t.wait("未写入任何内容")
        eq(open(path, "rb").read(), before, "kept when the answer is no")
        again("2024")
        t.keys("y")
        end = time.time() + 15
        while open(path, "rb").read() == before and time.time() < end:
            time.sleep(0.2)
        t.wait("31")
        cover = {r[0]: r[1] for r in openpyxl.load_workbook(path, read_only=True)["封面"].iter_rows(min_row=2, values_only=True)}
        eq(cover["年度"], "2024", "replaced when the answer is yes")
        t.keys("q")
        t.exited()
    finally:
        if t:
            t.close()
        e.close()


if __name__ == "__main__":
    main()
