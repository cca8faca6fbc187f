"""The command line in a GB18030 terminal: arguments typed in GB18030 (a
Chinese unit name, a file name), output converted for the terminal, and the
database holding the same UTF-8 as under a UTF-8 locale. Runs through tmux
and luit, as a PuTTY session in GB18030 would."""
import os
import shutil
import subprocess
import time
from lzt import test, main, demo_env, eq, has, BIN


def have_gb18030_terminal():
    if not shutil.which("tmux") or not shutil.which("luit"):
        return False
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    return "zh_cn.gb18030" in out


def tmux_run(script, width=120, height=30, deadline=20.0, want=None):
    """Runs script (GB18030 bytes) in a GB18030 locale behind luit; returns the screen."""
    sock = "lzt-gb-%d" % os.getpid()
    path = "/tmp/%s.sh" % sock
    with open(path, "wb") as f:
        f.write(script)
    base = ["tmux", "-L", sock]
    subprocess.run(base + ["new-session", "-d", "-x", str(width), "-y", str(height),
                           "LANG=zh_CN.GB18030 LC_ALL= luit -encoding GB18030 -- sh %s; echo __DONE__; sleep 60" % path],
                   check=True)
    try:
        end = time.time() + deadline
        screen = ""
        while time.time() < end:
            screen = subprocess.run(base + ["capture-pane", "-p"], capture_output=True, text=True).stdout
            if "__DONE__" in screen:
                break
            time.sleep(0.2)
        return screen
    finally:
        subprocess.run(base + ["kill-server"], capture_output=True)
        os.unlink(path)


@test
def import_and_list_in_a_gb18030_terminal():
    if not have_gb18030_terminal():
        print("skipped: no tmux, luit or zh_CN.GB18030 locale")
        return
    e = demo_env()
    try:
        name_gb = "干部名单.csv".encode("gb18030")
        with open(os.path.join(e.dir.encode(), name_gb), "wb") as f:
            f.write("姓名,所在单位,职务\n测试员吉,悦来镇,文书\n".encode("gb18030"))
        cmd = ("cd %s && %s --db %s import person 干部名单.csv && %s --db %s list person --unit 悦来镇 --search 测试员\n"
               % (e.dir, BIN, e.db, BIN, e.db))
        screen = tmux_run(cmd.encode("gb18030"))
        has(screen, "共 1 行（编码 GB18030）", "import summary shown in Chinese")
        has(screen, "测试员吉", "listed by a unit typed in GB18030")
        has(screen, "所在单位", "headers readable")
        eq(e.sql("SELECT p.name, u.name, p.post FROM person p JOIN unit u ON u.id = p.unit WHERE p.name = '测试员吉'"),
           [("测试员吉", "悦来镇", "文书")], "UTF-8 in the database")
    finally:
        e.close()


if __name__ == "__main__":
    main()
