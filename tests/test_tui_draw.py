"""The random-check screen driven through tmux: a draw chosen by category and
number, stored before it is shown (the seed and result on screen are the
stored ones, the drawn units highlighted in the pool), a redraw refused
without a reason and made with one, a replay, and a viewer refused."""
import subprocess

from lzt import test, main, demo_env, eq, has
from tuilib import Tmux, available


def open_screen(e, *extra):
    t = Tmux(["--db", e.db] + list(extra), width=140, height=40, lang="C.UTF-8")
    t.wait("liangze")
    t.keys("r")
    t.wait("Random checks")
    return t


def line_with(screen, text):
    for l in screen.splitlines():
        if text in l:
            return l
    raise AssertionError("no line with %r in:\n%s" % (text, screen))


@test
def draw_redraw_and_replay_on_screen():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    t = open_screen(e)
    try:
        t.wait("No random check has been drawn yet.")
        t.keys("n")
        t.wait("Draw units of which category?", "1 乡镇街道")
        t.keys("6")  # 街道
        t.wait("How many of the 6 units of 街道?")
        t.type("2")
        t.keys("Enter")
        t.wait("Draw 2 of the 6 units of 街道 now?")
        eq(e.sql("SELECT count(*) FROM draw"), [(0,)], "nothing stored before the answer")
        t.keys("y")
        s = t.wait("Draw #1 stored")
        seed, result = e.sql("SELECT seed, result FROM draw WHERE id = 1")[0]
        has(s, "Seed %s" % seed, "the stored seed on screen")
        drawn = result.split(";")
        has(line_with(s, "Result:"), "1. %s  2. %s" % tuple(drawn), "the stored result, in order")
        eq(e.sql("SELECT count(*) FROM inspection WHERE draw = 1"), [(2,)], "two checks")
        has(s, "Pool: 6 units")
        c = subprocess.run(t.base + ["capture-pane", "-p", "-e"], capture_output=True, text=True).stdout
        pool_lines = [l for l in c.splitlines() if "J0" in l and "Result" not in l]
        for d in drawn:
            has("".join(pool_lines), d, "drawn unit in the pool")
        # Without a reason nothing is drawn again.
        t.keys("r")
        t.wait("Draw #1 again")
        t.keys("Enter")
        t.wait("needs a reason")
        eq(e.sql("SELECT count(*) FROM draw"), [(1,)], "no redraw without a reason")
        t.keys("r")
        t.wait("Draw #1 again")
        t.type("北辰街道正在接受区委巡察")
        t.keys("Enter")
        s = t.wait("Draw #2 stored", "Drawn again instead of draw #1 because: 北辰街道正在接受区委巡察")
        eq(e.sql("SELECT redraw_of, reason FROM draw WHERE id = 2"), [(1, "北辰街道正在接受区委巡察")], "redraw stored")
        eq(e.sql("SELECT count(*) FROM inspection WHERE draw = 1"), [(0,)], "earlier checks gone")
        t.keys("v")
        t.wait("Draw #2 replays")
        t.keys("h")
        t.wait("Draw #1  随机抽查: 街道", "Replaced by draw #2")
    finally:
        t.close()
        e.close()


@test
def a_viewer_cannot_draw():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    e.run("user", "add", "viewer1", "--role", "viewer", check=0)
    t = Tmux(["--db", e.db, "--as", "viewer1"], width=140, height=40, lang="C.UTF-8")
    try:
        t.wait("Dashboard", "建立明责明廉明险工作机制")  # a viewer starts there
        t.keys("q")
        t.wait("Random checks")
        t.keys("r")
        t.wait("No random check has been drawn yet.")
        t.keys("n")
        t.wait("viewer and may not change records")
        t.wait_gone("Draw units of which category?")
        t.keys("F4")
        t.wait("There is no draw to draw again.")
        eq(e.sql("SELECT count(*) FROM draw"), [(0,)], "nothing drawn")
        eq(e.sql("SELECT count(*) FROM inspection WHERE check_type = '随机抽查' AND checked_on = '2026-11-27'"), [(0,)],
           "no checks")
    finally:
        t.close()
        e.close()


if __name__ == "__main__":
    main()
