"""The satisfaction ranking screen driven through tmux: the latest year's
ranking with the units held to account in red and the rest of the bottom
three in yellow, moving year by year, typing a year, and the workbook
exported from the screen and read back."""
import re
import subprocess

import openpyxl
from lzt import test, main, demo_env, eq, has
from tuilib import Tmux, available

# Two years of 公共服务行业 scores, later than anything in the demo: G01 and
# G02 low and in the bottom three both years (held to account), G03 in the
# bottom three but not low, the others well above.
YEARS = (2030, 2031)


def score(code, year):
    fixed = {"G01": ("70", "71.5"), "G02": ("75", "74.25"), "G03": ("81", "80")}
    if code in fixed:
        return fixed[code][YEARS.index(year)]
    return "9%d.%d" % (int(code[1:]) % 10, year % 10)


def setup():
    e = demo_env()
    codes = [c for (c,) in e.sql("SELECT code FROM unit WHERE category = '公共服务行业' ORDER BY code")]
    lines = ["年度,单位,满意度得分,样本数"]
    for y in YEARS:
        for c in codes:
            lines.append("%d,%s,%s,150" % (y, c, score(c, y)))
    e.run("import", "survey", e.write("s.csv", "\n".join(lines) + "\n"), check=0)
    return e


def coloured_screen(t):
    return subprocess.run(t.base + ["capture-pane", "-p", "-e"], capture_output=True, text=True).stdout


def colour_at(screen, text):
    """The last colour escape in force where text starts (tmux writes one only when it changes)."""
    at = screen.index(text)
    codes = re.findall(r"\x1b\[([0-9;]*)m", screen[:at])
    return codes[-1] if codes else ""


def line_with(screen, text):
    for l in screen.splitlines():
        if text in l:
            return l
    raise AssertionError("no line with %r in:\n%s" % (text, screen))


@test
def ranking_on_screen_and_export():
    if not available():
        print("skipped: no tmux")
        return
    e = setup()
    eq(e.sql("SELECT count(*) FROM accountability WHERE rule = 'satisfaction' AND year = 2031 AND state = '待处理'"),
       [(2,)], "G01 and G02 held to account")
    t = Tmux(["--db", e.db], width=140, height=40, lang="C.UTF-8")
    try:
        t.wait("liangze")
        t.keys("m")
        s = t.wait("Satisfaction survey ranking, 2031", "公共服务行业", "G10")
        has(line_with(s, "G01 "), "held to account", "G01 flags")
        has(line_with(s, "G03 "), "bottom three", "G03 flags")
        has(line_with(s, "G02 "), "74.25", "G02 score")
        has(line_with(s, "G01 "), "+1.50", "G01 score change")
        c = coloured_screen(t)
        for code, colour in (("G01", "31"), ("G02", "31"), ("G03", "33")):
            has(colour_at(c, code + " "), colour, code + "'s colour")
        g05 = colour_at(c, "G05 ")
        if "31" in g05 or "33" in g05:
            raise AssertionError("G05 is not flagged: %r" % g05)
        # Year by year: 2030 has no year before it here (the demo's years end earlier).
        t.keys("Left")
        s = t.wait("Satisfaction survey ranking, 2030")
        if "held to account" in line_with(s, "G01 "):
            raise AssertionError("2030 follows no surveyed year: nobody is held to account")
        t.keys("]")
        t.wait("Satisfaction survey ranking, 2031")
        # The workbook from the screen.
        out = e.path("排名.xlsx")
        t.keys("e", "C-u")
        t.type(out)
        t.keys("Enter")
        t.wait("Ranking written to")
        wb = openpyxl.load_workbook(out)
        eq(wb.sheetnames, ["公共服务行业", "问责单位"], "sheets")
        eq([r[1] for r in wb["问责单位"].iter_rows(min_row=2, values_only=True)], ["G02", "G01"], "summary")
        # A year typed in.
        t.keys("p", "C-u")
        t.type("2040")
        t.keys("Enter")
        t.wait("no satisfaction surveys for 2040")
    finally:
        t.close()
        e.close()


if __name__ == "__main__":
    main()
