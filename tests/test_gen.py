"""The benchmark data generator (bench/gen.c): same seed, same bytes; the
planted vocabulary in exactly the rows promised; a plan that imports whole."""
import csv
import io
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from lzt import Env, demo_env, eq, has, main, test  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
GEN = os.environ.get("LIANGZE_GEN") or os.path.join(ROOT, "build", "bench", "gen")


def gen(*args, check=0):
    p = subprocess.run([GEN] + [str(a) for a in args], capture_output=True, timeout=120)
    if check is not None and p.returncode != check:
        raise AssertionError("gen %s: exit %d\n%s" % (" ".join(map(str, args)), p.returncode, p.stderr.decode()))
    return p


def vocab(kind, rows):
    out = gen("--vocab", "--kind", kind, "--rows", rows).stdout.decode()
    return [(w, int(pm), int(n), field) for w, pm, n, field in (l.split("\t") for l in out.splitlines())]


def rows_of(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


@test
def same_seed_same_bytes():
    a = gen("--seed", 7, "--rows", 3000, "--kind", "case").stdout
    b = gen("--seed", 7, "--rows", 3000, "--kind", "case").stdout
    c = gen("--seed", 8, "--rows", 3000, "--kind", "case").stdout
    eq(a, b, "same seed")
    if a == c:
        raise AssertionError("seeds 7 and 8 gave the same file")
    rows = rows_of(a)
    eq(rows[0][0], "案件编号", "Chinese header")
    eq(len(rows), 3001, "header and rows")
    eq(len({r[0] for r in rows[1:]}), 3000, "case numbers unique")


@test
def gb18030_is_the_same_text():
    u = gen("--seed", 3, "--rows", 2000, "--kind", "inquiry").stdout
    g = gen("--seed", 3, "--rows", 2000, "--kind", "inquiry", "--encoding", "gb18030").stdout
    eq(g.decode("gb18030"), u.decode("utf-8"), "GB18030 output")
    if g == u:
        raise AssertionError("GB18030 output is not converted")


@test
def vocabulary_in_exactly_the_promised_rows():
    for kind, n in (("inquiry", 20000), ("evaluation", 10000), ("person", 30000)):
        words = vocab(kind, n)
        eq([w[1] for w in words], [100, 1000, 10000, 100, 1000, 10000], "per million")
        rows = rows_of(gen("--seed", 5, "--rows", n, "--kind", kind).stdout)
        col = rows[0].index(words[0][3])
        for word, pm, count, field in words:
            eq(count, n * pm // 1000000, "count of %s" % word)
            anywhere = sum(1 for r in rows[1:] if any(word in c for c in r))
            in_field = sum(1 for r in rows[1:] if word in r[col])
            eq(anywhere, count, "%s rows carrying %s anywhere" % (kind, word))
            eq(in_field, count, "%s rows carrying %s in %s" % (kind, word, field))
    eq(vocab("report", 1000)[0][2:], (0, "-"), "a kind without a searched text field")


@test
def too_many_rows_for_the_keys_is_refused():
    p = gen("--rows", 1000, "--kind", "report", "--people", 10, check=1)
    has(p.stderr.decode(), "holds at most 170 rows", "capacity message")
    eq(p.stdout, b"", "nothing written")
    gen("--rows", 10, "--kind", "draw", check=1)
    gen("--rows", 10, "--kind", "case", "--encoding", "latin1", check=1)


@test
def plan_imports_whole():
    e = demo_env()
    try:
        d = e.path("plan")
        gen("--plan", d, "--seed", 11, "--rows", 6000, "--people", 800)
        lines = [l.split("\t") for l in open(os.path.join(d, "plan.tsv"), encoding="utf-8").read().splitlines()]
        header, plan = lines[0], lines[1:]
        eq(header[3:], ["翡翠湾", "琥珀巷", "玛瑙泉", "鹦鹉", "孔雀", "麒麟"], "vocabulary header")
        eq([p[0] for p in plan[:3]], ["unit", "person", "inquiry"], "import order")
        eq(sum(int(p[1]) for p in plan[2:]), 6000, "records in all")
        eq(int(plan[1][1]), 800, "cadres")
        before = dict(e.sql("SELECT 'person', count(*) FROM person UNION ALL SELECT 'inquiry', count(*) FROM inquiry"))
        for i, p in enumerate(plan):
            kind, n = p[0], int(p[1])
            enc = "gb18030" if i % 2 else "utf8"
            f = os.path.join(d, enc, kind + ".csv")
            utf8 = open(os.path.join(d, "utf8", kind + ".csv"), "rb").read()
            gb = open(os.path.join(d, "gb18030", kind + ".csv"), "rb").read()
            eq(gb.decode("gb18030"), utf8.decode("utf-8"), "%s: both encodings" % kind)
            eq(len(utf8.decode().splitlines()), n + 1, "%s rows in the file" % kind)
            rc, out, err = e.run("import", kind, f)
            eq(rc, 0, "import %s: %s" % (kind, err))
            has(out, "%d rows" % n, kind)
            if kind in ("unit",):
                has(out, "unchanged %d" % n, "demo units are already there")
            elif kind not in ("check", "meeting_record", "index_entry", "audit_finding"):
                # Keyed by the generated cadres or numbered: all new.
                has(out, "added %d," % n, kind)
        eq(e.sql("SELECT count(*) FROM person")[0][0], before["person"] + 800, "cadres added")
        eq(e.sql("SELECT count(*) FROM inquiry")[0][0], before["inquiry"] + int(plan[2][1]), "inquiries added")
        # The vocabulary of the file is what a search finds.
        word, count = "麒麟", int(plan[2][3 + 5])
        eq(e.sql("SELECT count(*) FROM inquiry WHERE instr(question, ?) > 0", word)[0][0], count, "rows with 麒麟")
        # The same file again names the same records: nothing changes.
        rc, out, err = e.run("import", "inquiry", os.path.join(d, "utf8", "inquiry.csv"), check=0)
        has(out, "added 0, updated 0, unchanged %s" % plan[2][1], "re-import")
        eq(e.sql("PRAGMA integrity_check")[0][0], "ok", "integrity")
    finally:
        e.close()


if __name__ == "__main__":
    if not os.access(GEN, os.X_OK):
        print("FAIL: %s is missing (make build/bench/gen)" % GEN)
        print("0 passed, 1 failed")
        sys.exit(1)
    main()
