"""Hostile text in search boxes and filters: quotes, % and _, SQL, 10,000
characters, bytes that are not UTF-8 (a terminal left in GB18030) and
control characters. The command line and the screens take them without an
error, inject nothing, change nothing, and find exactly the records that
hold the text literally (a % matches a %). Stored control characters never
reach a terminal as controls."""
import os
import pty
import select
import subprocess
import time

from lzt import test, main, demo_env, eq, has, refused, BIN, TODAY
from tuilib import Tmux, available

UNITS = ("code,name,category\n"
         "Q1,达标100%村,乡镇\n"
         "Q2,下_划线村,乡镇\n"
         "Q3,O'Brien村,乡镇\n"
         "Q4,\"引号\"\"村\",乡镇\n")

# (text, the Q-units it must find); surrogate escapes become raw bytes in argv.
SEARCHES = [
    ("%", {"Q1"}), ("100%", {"Q1"}), ("%村", {"Q1"}), ("_", {"Q2"}), ("下_", {"Q2"}),
    ("'", {"Q3"}), ("O'Brien", {"Q3"}), ('"', {"Q4"}), ('"村', {"Q4"}),
    ("_%", set()), ("%%", set()), ("*", set()), ("\\", set()),
    ("'; DROP TABLE unit; --", set()), ("\" OR 1=1 --", set()), ("') OR ('1'='1", set()),
    ("x" * 10000, set()), ("村" * 3000, set()),
    ("a\udcff\udcfeb", set()), ("\udcd6\udcd0", set()),
    ("\x01\x1b[2J\x07", set()), ("\t", set()),
]


def setup():
    e = demo_env()
    e.run("import", "unit", e.write("q.csv", UNITS), check=0)
    return e


def codes(out):
    return {l.split(",")[1] for l in out.splitlines()[1:] if l}


@test
def command_line_search_finds_text_literally():
    e = setup()
    try:
        before = e.snapshot()
        for text, want in SEARCHES:
            rc, out, err = e.run("list", "unit", "--format", "csv", "--search", text)
            eq((rc, err), (0, ""), "search %r" % text[:40])
            got = codes(out)
            eq(got & {"Q1", "Q2", "Q3", "Q4"}, want, "Q-units found by %r" % text[:40])
            # Demo units may hold the text too; those must really hold it.
            for line in out.splitlines()[1:]:
                if not line.split(",")[1].startswith("Q") and text not in line:
                    raise AssertionError("%r found %r" % (text[:40], line))
        rc, out, err = e.run("export", "unit", "--search", "%", "-o", e.path("pct.csv"), check=0)
        rows = open(e.path("pct.csv"), encoding="utf-8-sig").read().splitlines()
        eq(len(rows), 2, "export --search %% holds the one unit with a %%")
        has(rows[1], "达标100%村", "exported row")
        eq(e.snapshot(), before, "searching changed nothing")
    finally:
        e.close()


@test
def command_line_filters_refuse_hostile_values_cleanly():
    e = setup()
    try:
        for opt in ("--unit", "--year", "--order", "--limit"):
            for text in ("'; DROP TABLE unit; --", "%", "a\udcffb", "x" * 10000, "\x1b[2J"):
                refused(e, 1, ["list", "person", opt, text], None)
        # A unit named with a quote and a percent sign is found by its name.
        rc, out, err = e.run("list", "unit", "--unit", "达标100%村", "--format", "csv", check=0)
        eq(codes(out), {"Q1"}, "--unit by a name with %")
        rc, out, err = e.run("list", "unit", "--unit", "O'Brien村", "--format", "csv", check=0)
        eq(codes(out), {"Q3"}, "--unit by a name with a quote")
    finally:
        e.close()


def on_terminal(args):
    """Runs liangze on a pseudo-terminal; returns everything it wrote there."""
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, LANG="C.UTF-8", LIANGZE_TODAY=TODAY)
        os.execve(BIN, [BIN] + args, env)
    data = b""
    end = time.time() + 30
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 1)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    os.waitpid(pid, 0)
    os.close(fd)
    return data


@test
def stored_control_characters_do_not_drive_the_terminal():
    e = demo_env()
    try:
        bad = "名\x1b]0;owned\x07字\x1b[2J\u009b31m尾"
        e.run("import", "unit", e.write("c.csv", "code,name,category\nC1,%s,乡镇\n" % bad), check=0)
        out = on_terminal(["--db", e.db, "list", "unit", "--search", "名"])
        has(out.decode("utf-8", "replace"), "名?]0;owned?字?[2J?", "controls shown as ?")
        for ctl in (b"\x1b", b"\x07", b"\xc2\x9b"):
            eq(ctl in out, False, "%r on the terminal" % ctl)
        # Piped, the data is exact (scripts get what is stored).
        rc, out2, err = e.run("list", "unit", "--search", "名", "--format", "csv", check=0)
        has(out2, bad, "piped output unchanged")
        # A message that repeats a hostile argument is defanged too.
        out = on_terminal(["--db", e.db, "list", "person", "--unit", "\x1b[2Jx"])
        eq(b"\x1b" in out, False, "ESC in an error message on the terminal")
        has(out.decode("utf-8", "replace"), "?[2Jx", "message shown")
    finally:
        e.close()


def paste(t, raw):
    """What a terminal sends, byte for byte (valid UTF-8 or not)."""
    p = os.path.join(os.environ.get("TMPDIR", "/tmp"), "lzt-paste-%d" % os.getpid())
    with open(p, "wb") as f:
        f.write(raw)
    subprocess.run(t.base + ["load-buffer", p], check=True)
    subprocess.run(t.base + ["paste-buffer"], check=True)
    os.unlink(p)


@test
def screen_search_takes_any_text():
    if not available():
        print("skipped: no tmux")
        return
    e = setup()
    before = e.snapshot()
    t = Tmux(["--db", e.db])
    try:
        t.wait("liangze 两责")
        t.keys("u")
        t.wait("单位台账", "B01")
        for text, shown in (("%", "达标100%村"), ("_", "下_划线村"), ("'", "O'Brien村"), ('"村', '"村')):
            t.keys("/", "C-u")
            t.type(text)
            s = t.wait(shown, "1/1")
            for other in ("达标100%村", "下_划线村", "O'Brien村"):
                if other != shown:
                    eq(other in s, False, "%r also showed %s" % (text, other))
            t.keys("Escape")
            t.wait("B01")
        t.keys("/")
        t.type("'; DROP TABLE unit; --")
        t.wait("无记录")
        t.keys("C-u")
        t.type("x" * 10000)
        t.wait("xxxxxxxxxx", "无记录", deadline=60)
        t.keys("C-u")
        t.wait("1/129", deadline=60)
        # A terminal in GB18030 sends 中 as D6 D0, no UTF-8; a stray FF; then
        # proper text: the bad bytes are dropped, the rest is kept.
        paste(t, b"\xd6\xd0\xff\xfe" + "达标".encode())
        t.wait("达标100%村", "1/1")
        t.keys("C-u")
        paste(t, b"\xc2\x9b\xc2" + "下_".encode())
        t.wait("下_划线村", "1/1")
        t.keys("Escape", "q", "q")
        has(t.exited(), "__EXIT__0", "clean exit")
    finally:
        t.close()
    eq(e.snapshot(), before, "nothing changed by searching")
    e.close()


if __name__ == "__main__":
    main()
