"""Search through the FTS5 index gives exactly the rows the plain instr() scan
gives (LIANGZE_SEARCH_SCAN=1), for many queries over the demo district; the
index follows liangze's own writes and edits made with a stock sqlite3 shell."""
import random
import sqlite3
import subprocess
from lzt import test, main, demo_env, eq, has

SCAN = {"LIANGZE_SEARCH_SCAN": "1"}

# Kinds and their searchable text columns (as the descriptors say; checked
# against fts_meta below so the list cannot drift).
def indexed(e):
    return dict(e.sql("SELECT tbl, fields FROM fts_meta"))


def sample_queries(e, table, fields, rnd, n):
    vals = []
    for f in fields.split(","):
        vals += [r[0] for r in e.sql("SELECT %s FROM %s WHERE %s IS NOT NULL AND %s != ''" % (f, table, f, f))]
    qs = []
    for _ in range(n if vals else 0):
        v = str(rnd.choice(vals))
        ln = rnd.choice([1, 2, 2, 3, 3, 4, 6])
        i = rnd.randrange(0, max(1, len(v) - ln + 1))
        qs.append(v[i:i + ln])
    return qs


SPECIAL = ["%", "_", "%_", "'", '"', 'a"b', "纪委\"", "（", "，", "2026", "20", "P0", "p00", "B0",
           "镇 人", "纪委监委", "纪委 监委", "委员会", "A纪委", "廉政风险", "x" * 300, "纪" * 200,
           "镇人大主席", "\t", "；", "区纪委监委驻", "NOT", "AND", "OR", "NEAR", "*", "^", "-", ":",
           "纪\udcff委", "\udcff\udcfe", "𠮷", "P0093", "〔2026〕", "号"]


def same(e, kind, q, *extra):
    a = e.run("list", kind, "--search", q, "--format", "csv", *extra, check=0)[1]
    b = e.run("list", kind, "--search", q, "--format", "csv", *extra, env=SCAN, check=0)[1]
    eq(a, b, "%s search %r %s" % (kind, q, extra))
    return a.count("\n") - 1


def kinds_by_table(e):
    # The CLI name of each indexed table's kind (the same but for two).
    names = {"case_file": "case", "inspection": "check"}
    return {t: names.get(t, t) for t in indexed(e)}


@test
def index_answers_equal_scan_answers():
    e = demo_env()
    try:
        rnd = random.Random(9)
        kt = kinds_by_table(e)
        eq(len(kt) >= 20, True, "indexed kinds")
        total = hits = 0
        for table, fields in sorted(indexed(e).items()):
            kind = kt[table]
            qs = sample_queries(e, table, fields, rnd, 5) + rnd.sample(SPECIAL, 3)
            for q in qs:
                n = same(e, kind, q)
                total += 1
                hits += n > 0
        # The samples come from stored values: most of them find something.
        eq(hits > total // 2, True, "queries with hits (%d of %d)" % (hits, total))
        for q in SPECIAL:
            same(e, "person", q)
    finally:
        e.close()


@test
def filters_and_scan_agree_together():
    e = demo_env()
    try:
        unit = "区纪委监察局"
        for q in ["镇", "纪委", "党委", "廉政", "2026"]:
            for extra in [("--year", "2026"), ("--unit", unit), ("--order", "title", "--desc")]:
                same(e, "document", q, *extra)
        n = same(e, "person", "纪委", "--unit", unit)
        eq(n > 0, True, "people found by their unit's name within a unit")
    finally:
        e.close()


@test
def shell_edits_are_found_and_reindexed_at_the_next_write():
    e = demo_env()
    try:
        con = sqlite3.connect(e.db)  # a stock SQLite without liangze's tokenizer
        con.execute("UPDATE person SET name = '欧阳测试' WHERE id = (SELECT min(id) FROM person)")
        con.commit()
        con.close()
        eq(e.sql("SELECT count(*) FROM fts_dirty")[0][0], 1, "noted by the trigger")
        rc, out, err = e.run("list", "person", "--search", "阳测", check=0)
        has(out, "欧阳测试", "found before reindexing")
        # Any liangze write reindexes the noted rows in its transaction.
        e.run("config", "set", "overdue_days", "3", check=None)
        e.run("import", "unit", e.write("u.csv", "单位编码,单位名称,单位类别\nZZ9,测试新单位,乡镇\n"), check=0)
        eq(e.sql("SELECT count(*) FROM fts_dirty")[0][0], 0, "caught up")
        rc, out, err = e.run("list", "person", "--search", "阳测", check=0)
        has(out, "欧阳测试", "found through the index")
        rc, out, err = e.run("list", "unit", "--search", "新单", check=0)
        has(out, "测试新单位", "imported unit indexed")
        # The old name is gone from the index's answers.
        same(e, "person", "测试")
        # A stock shell can still delete and insert.
        r = subprocess.run(["sqlite3", e.db, "DELETE FROM person WHERE name = '欧阳测试'"], capture_output=True)
        eq(r.returncode, 0, "sqlite3 shell delete: %s" % r.stderr)
        rc, out, err = e.run("list", "person", "--search", "阳测", check=0)
        eq("欧阳测试" in out, False, "deleted row not found")
    finally:
        e.close()


@test
def a_database_from_before_the_index_gets_it_at_first_open():
    e = demo_env()
    try:
        con = sqlite3.connect(e.db)
        con.executescript("DELETE FROM fts_meta;")
        con.close()
        rc, out, err = e.run("list", "person", "--search", "纪委", check=0)
        eq(e.sql("SELECT count(*) FROM fts_meta")[0][0] >= 20, True, "rebuilt")
        eq(e.sql("SELECT count(*) FROM fts_person_content")[0][0], e.sql("SELECT count(*) FROM person")[0][0],
           "every person indexed")
        same(e, "person", "纪委")
    finally:
        e.close()


if __name__ == "__main__":
    main()
