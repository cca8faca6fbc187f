"""Big imports: the table's secondary indexes are set aside and built again
inside the write transaction (src/bulk_index.c), the rows are read again
from the text in the writing pass instead of being held, and a pass that
finds the database changed since the checking pass checks everything again."""
import os
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from lzt import BIN, TODAY, demo_env, eq, has, main, test  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
GEN = os.environ.get("LIANGZE_GEN") or os.path.join(ROOT, "build", "bench", "gen")
PEOPLE = 300
ROWS = 12000  # above the 10,000 new rows that make an import a bulk one


def gen(e, name, *args):
    p = subprocess.run([GEN] + [str(a) for a in args], capture_output=True, check=True, timeout=120)
    return e.write(name, p.stdout)


def indexes(e, table):
    """The table's indexes and triggers (the search index's among them), with their SQL."""
    return e.sql("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ?"
                 " ORDER BY type, name", table)


def with_people(e):
    f = gen(e, "people.csv", "--seed", 4, "--rows", PEOPLE, "--kind", "person")
    e.run("import", "person", f, check=0)


def stats(err, name):
    for line in err.splitlines():
        p = line.split()
        if p[:3] == ["lz-stats", "import", name]:
            return float(p[3])
    raise AssertionError("no lz-stats import %s line in %r" % (name, err))


def popen(e, *args):
    env = dict(os.environ, LIANGZE_TODAY=TODAY, LANG="C.UTF-8", LIANGZE_STATS="1")
    return subprocess.Popen([BIN, "--db", e.db] + list(args), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@test
def a_bulk_import_builds_every_index_again_and_verifies():
    e = demo_env()
    try:
        with_people(e)
        before = indexes(e, "inquiry")
        n0 = e.sql("SELECT count(*) FROM inquiry")[0][0]
        f = gen(e, "inq.csv", "--seed", 9, "--rows", ROWS, "--kind", "inquiry", "--people", PEOPLE,
                "--encoding", "gb18030")
        rc, out, err = e.run("import", "inquiry", f, env={"LIANGZE_STATS": "1"}, check=0)
        has(out, "added %d" % ROWS, "summary")
        aside = stats(err, "indexes-set-aside")
        if aside < 5:
            raise AssertionError("only %d indexes set aside: %r" % (aside, err))
        eq(indexes(e, "inquiry"), before, "the same indexes and triggers, with the same SQL")
        if not any(r[1] == "fts_inquiry_ins" for r in before):
            raise AssertionError("the search index's insert trigger is missing: %r" % before)
        eq(e.sql("SELECT count(*) FROM fts_dirty"), [(0,)], "nothing left for the next flush")
        eq(e.sql("PRAGMA integrity_check"), [("ok",)], "integrity (indexes hold every row)")
        eq(e.sql("SELECT count(*) FROM inquiry")[0][0], n0 + ROWS, "rows")
        eq(e.sql("SELECT count(*) FROM inquiry INDEXED BY inquiry_by_question WHERE question >= ''")[0][0],
           n0 + ROWS, "the question index holds every row")
        rc, out, err = e.run("verify", check=0)
        has(out, "OK", "verify")
        # The search index caught up too: a planted word is found as often as planted.
        word, _, count, _ = subprocess.run([GEN, "--vocab", "--kind", "inquiry", "--rows", str(ROWS)], capture_output=True,
                                           text=True, check=True).stdout.splitlines()[2].split("\t")
        rc, out, err = e.run("list", "inquiry", "--search", word, "--limit", "100000", "--format", "csv",
                             check=0)
        eq(len(out.strip().splitlines()) - 1, int(count), "search hits for %s" % word)
        # A small import into the now big table keeps its indexes in place, and
        # its rows reach the search index through the trigger again.
        g = gen(e, "more.csv", "--seed", 10, "--rows", 200, "--kind", "inquiry", "--people", PEOPLE)
        rc, out, err = e.run("import", "inquiry", g, env={"LIANGZE_STATS": "1"}, check=0)
        eq(stats(err, "indexes-set-aside"), 0, "indexes set aside for 200 rows into %d" % (n0 + ROWS))
        eq(indexes(e, "inquiry"), before, "indexes after the small import")
        eq(e.sql("PRAGMA integrity_check"), [("ok",)], "integrity after the small import")
        word2, _, count2, _ = subprocess.run([GEN, "--vocab", "--kind", "inquiry", "--rows", "200"], capture_output=True,
                                             text=True, check=True).stdout.splitlines()[2].split("\t")
        rc, out, err = e.run("list", "inquiry", "--search", word2, "--limit", "100000", "--format", "csv", check=0)
        eq(len(out.strip().splitlines()) - 1, int(count) + int(count2), "search hits after both imports")
    finally:
        e.close()


@test
def a_bulk_import_killed_while_writing_leaves_the_indexes_and_rows_as_they_were():
    e = demo_env()
    try:
        with_people(e)
        before = indexes(e, "inquiry")
        snap = e.sql("SELECT count(*), max(id) FROM inquiry")
        f = gen(e, "inq.csv", "--seed", 9, "--rows", ROWS, "--kind", "inquiry", "--people", PEOPLE)
        p = popen(e, "import", "inquiry", f)
        # "lock" is printed once the import holds the write lock, before it
        # sets the indexes aside: a kill now lands in the dropping or writing.
        for line in p.stderr:
            if line.startswith("lz-stats import lock"):
                break
        time.sleep(0.2)
        p.send_signal(signal.SIGKILL)
        p.wait()
        eq(p.returncode, -signal.SIGKILL, "killed")
        eq(indexes(e, "inquiry"), before, "indexes after the kill")
        eq(e.sql("PRAGMA integrity_check"), [("ok",)], "integrity after the kill")
        eq(e.sql("SELECT count(*), max(id) FROM inquiry"), snap, "no rows of the killed import")
        rc, out, err = e.run("verify", check=0)
        has(out, "OK", "verify after the kill")
    finally:
        e.close()


@test
def a_change_between_the_passes_is_seen_by_the_writing_pass():
    """The writing pass skips the checks the checking pass made only when no
    other connection committed in between (PRAGMA data_version). Here
    another connection adds a cadre with a code the file also adds, after
    the checking pass: the writing pass must find it by its key and update
    it, not add a second cadre with the same code."""
    e = demo_env()
    try:
        with_people(e)
        rows = ["人员编码,姓名,所在单位,职务", "Q0001,甲一,X01,科员", "Q0002,乙二,X02,科员", "Q0003,丙三,X03,科员"]
        f = e.write("p.csv", "\n".join(rows) + "\n")
        con = sqlite3.connect(e.db, timeout=30)
        unit = con.execute("SELECT id FROM unit WHERE code = 'X02'").fetchone()[0]
        con.execute("BEGIN IMMEDIATE")  # the import can check but not write
        p = popen(e, "import", "person", f)
        for line in p.stderr:
            if line.startswith("lz-stats import check"):
                break
        con.execute("INSERT INTO person(code, name, unit, post, principal, team_member, discipline_secretary, commission_member)"
                    " VALUES ('Q0002', '乙二', ?, '临时', 0, 0, 0, 0)", (unit,))
        con.commit()
        con.close()
        out, err = p.communicate(timeout=60)
        eq(p.returncode, 0, "import after the change (stderr %r)" % err)
        has(out, "added 2, updated 1", "summary: the cadre added in between is updated")
        eq(e.sql("SELECT count(*), max(post) FROM person WHERE code = 'Q0002'"), [(1, "科员")], "one Q0002")
    finally:
        e.close()


if __name__ == "__main__":
    if not os.access(GEN, os.X_OK):
        print("FAIL: %s is missing (make build/bench/gen)" % GEN)
        sys.exit(1)
    main()
