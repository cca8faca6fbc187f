"""The full-screen application under valgrind (memcheck) in tmux: open a
ledger, search, open a record, edit it, save, go back and quit, with no
memory error and nothing definitely lost. The plain build only (valgrind
cannot run the sanitizer build, which checks the same scenario its own way
in the other TUI tests)."""
import os
import shutil

import tuilib
from lzt import test, main, demo_env, eq, has, BIN
from tuilib import Tmux, available

HERE = os.path.dirname(os.path.abspath(__file__))
# Timings under valgrind are 20-50 times slower: every wait gets room.
SLOW = 60.0


def usable():
    if not available() or not shutil.which("valgrind"):
        return "no tmux or valgrind"
    if "/asan/" in os.path.abspath(BIN):
        return "valgrind runs the plain build; this is the sanitizer build"
    return None


@test
def edit_a_record_under_valgrind():
    why = usable()
    if why:
        print("skipped: " + why)
        return
    e = demo_env()
    log = e.path("valgrind.log")
    vg = ["--tool=memcheck", "--error-exitcode=99", "--leak-check=full",
          "--show-leak-kinds=definite", "--errors-for-leak-kinds=definite",
          "--track-origins=yes", "--num-callers=30",
          "--suppressions=" + os.path.join(HERE, "valgrind.supp"), "--log-file=" + log]
    saved = tuilib.BIN
    tuilib.BIN = shutil.which("valgrind")
    try:
        t = Tmux(vg + [os.path.abspath(BIN), "--db", e.db])
    finally:
        tuilib.BIN = saved
    try:
        t.wait("liangze 两责", deadline=SLOW)
        t.keys("u")
        t.wait("单位台账", "B01", deadline=SLOW)
        t.keys("/")
        t.type("井河")
        t.wait("井河镇", "1/1", deadline=SLOW)
        t.keys("Enter", "Enter")
        t.wait("单位 — 井河镇", "X09", deadline=SLOW)
        t.keys("e", "Down", "C-u")
        t.type("井河镇甲")
        t.keys("F2")
        t.wait("已保存", "井河镇甲", deadline=SLOW)
        t.keys("q", "q")
        s = t.exited(deadline=SLOW)
        report = open(log, encoding="utf-8", errors="replace").read()
        if "__EXIT__0" not in s:
            raise AssertionError("exit under valgrind:\n%s\n%s" % (s, report[-6000:]))
        has(report, "ERROR SUMMARY: 0 errors", "valgrind's summary")
        eq(e.sql("SELECT name FROM unit WHERE code = 'X09'"), [("井河镇甲",)], "saved")
    finally:
        t.close()
        e.close()


if __name__ == "__main__":
    main()
