"""The database's life: init, migrations, the demo district, kinds, dates."""
import os
import sqlite3
from lzt import test, main, Env, demo_env, eq, has, refused


@test
def init_twice_is_a_no_op():
    e = Env()
    try:
        rc, out, err = e.run("init", check=0)
        has(out, "applied", "first init")
        snap = e.snapshot()
        rc, out, err = e.run("init", check=0)
        has(out, "up to date", "second init")
        eq(e.snapshot(), snap, "database after second init")
        eq(e.sql("PRAGMA journal_mode")[0][0], "wal", "WAL")
    finally:
        e.close()


@test
def an_older_database_is_migrated_forward():
    e = Env()
    try:
        e.run("init", check=0)
        # Make it look like a database from before migration 2.
        con = sqlite3.connect(e.db)
        con.executescript("DROP VIEW catalog_task_unit_ref; DROP TABLE catalog_task_unit; DROP TABLE catalog_task;"
                          " DROP TABLE catalog_duty; DELETE FROM schema_migration WHERE version = 2;")
        con.close()
        rc, out, err = e.run("list", "unit", check=0)
        latest = max(int(f[:4]) for f in os.listdir(os.path.join(os.path.dirname(__file__), "..", "schema"))
                     if f.endswith(".sql"))
        eq(e.sql("SELECT max(version) FROM schema_migration")[0][0], latest, "migrated on first use")
        eq(e.sql("SELECT count(*) FROM catalog_task")[0][0], 23, "catalog back")
    finally:
        e.close()


@test
def demo_district_is_complete():
    e = demo_env()
    try:
        cats = dict(e.sql("SELECT category, count(*) FROM unit GROUP BY category"))
        eq(cats["街道"], 6, "streets")
        eq(cats["乡镇"], 30, "towns and townships")
        if cats["区级部门"] < 50:
            raise AssertionError("too few departments")
        people = e.sql("SELECT count(*) FROM person")[0][0]
        if not 300 <= people <= 700:
            raise AssertionError("people: %d" % people)
        missing = e.sql("SELECT code FROM unit WHERE category <> '区领导机关'"
                        " AND (principal_holder IS NULL OR supervisor_holder IS NULL)")
        eq(missing, [], "units without holders")
        wrong = e.sql("SELECT u.code FROM unit u JOIN person p ON p.id = u.principal_holder"
                      " WHERE p.unit <> u.id OR p.principal <> 1")
        eq(wrong, [], "principal holders belong to their unit")
        # The catalog links lead units by name once the units exist.
        eq(e.sql("SELECT count(*) FROM catalog_task_unit_ref WHERE task = 1 AND role = 'lead' AND unit_id IS NOT NULL")[0][0],
           1, "task 1 lead unit linked")
        refused(e, 1, ["init", "--demo"], "already holds")
    finally:
        e.close()


@test
def kinds_lists_columns_with_chinese_labels():
    e = Env()
    try:
        rc, out, err = e.run("kinds", db=False, check=0)
        has(out, "unit", "kinds")
        has(out, "person", "kinds")
        rc, out, err = e.run("kinds", "unit", db=False, check=0)
        for label in ("单位编码", "单位名称", "单位类别", "上级单位", "主体责任人", "监督责任人"):
            has(out, label, "unit columns")
        rc, out, err = e.run("kinds", "person", "--format", "csv", db=False, check=0)
        has(out, "discipline_secretary,纪检负责人", "person csv")
        refused(e, 1, ["kinds", "nope"], "unknown kind")
        # In Chinese the third column gives the English name, not the Chinese one again.
        rc, out, err = e.run("--lang", "zh", "kinds", "--format", "csv", db=False, check=0)
        rows = {r.split(",")[0]: r.split(",") for r in out.splitlines()[1:]}
        eq(rows["unit"][1:3], ["单位", "Units"], "Chinese and English names")
        eq([k for k, r in rows.items() if r[1] == r[2]], [], "no kind repeats its Chinese name")
    finally:
        e.close()


@test
def roles_read_in_chinese_but_are_typed_and_stored_in_english():
    e = demo_env()
    try:
        rc, out, err = e.run("--lang", "zh", "user", "add", "looker", "--role", "viewer", check=0)
        has(out, "角色 查看者", "user add output")
        assert "viewer" not in out, out
        rc, out, err = e.run("--lang", "zh", "user", "list", check=0)
        rows = {l.split()[0]: l.split()[1] for l in out.splitlines()[1:] if l.strip()}
        eq((rows["looker"], rows["root"]), ("查看者", "管理员"), "user list roles")
        eq(e.sql("SELECT role FROM account WHERE login = 'looker'"), [("viewer",)], "stored in English")
        rc, out, err = e.run("user", "add", "clerk", "--role", "staff", check=0)
        has(out, "account clerk: staff", "English output")
    finally:
        e.close()


@test
def today_can_be_pinned_and_is_checked():
    e = demo_env()
    try:
        rc, out, err = e.run("report", "overview", env={"LIANGZE_TODAY": "2025-01-31"}, check=0)
        has(out, "today 2025-01-31", "pinned date")
        refused(e, 1, ["list", "unit"], "LIANGZE_TODAY", env={"LIANGZE_TODAY": "2025-02-30"})
    finally:
        e.close()


@test
def search_finds_chinese_substrings_and_takes_any_text():
    e = demo_env()
    try:
        rc, out, err = e.run("list", "unit", "--search", "悦来", "--format", "csv", check=0)
        names = [l.split(",")[2] for l in out.splitlines()[1:]]
        want = [r[0] for r in e.sql("SELECT name FROM unit WHERE instr(name, '悦来') OR instr(code, '悦来') ORDER BY code")]
        eq(names, want, "search 悦来")
        if len(want) < 2:
            raise AssertionError("expected the town and its villages")
        for q in ("%", "_", "' OR 1=1 --", "\"", "x" * 10000):
            rc, out, err = e.run("list", "unit", "--search", q, "--format", "csv", check=0)
            eq(out.splitlines()[1:], [], "search %r" % q[:20])
    finally:
        e.close()


@test
def a_writer_waits_for_another_sessions_lock():
    e = demo_env()
    try:
        f = e.write("u.csv", "code,name,category\nZ1,等待镇,乡镇\n")
        con = sqlite3.connect(e.db, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        import subprocess, os, time
        env = dict(os.environ, LIANGZE_TODAY="2026-11-27", LANG="C.UTF-8")
        errf = open(e.path("import.err"), "w+b")
        p = subprocess.Popen([e_bin(), "--db", e.db, "import", "unit", f], env=env,
                             stdout=subprocess.PIPE, stderr=errf)
        # It says so once it has waited a little; on a loaded machine it may take
        # a while to get there, so wait for the words rather than a fixed time.
        end = time.time() + 60
        while b"waiting for another session" not in open(e.path("import.err"), "rb").read():
            if time.time() > end or p.poll() is not None:
                raise AssertionError("no waiting notice (exit %r): %r" % (p.poll(), open(e.path("import.err"), "rb").read()))
            time.sleep(0.05)
        time.sleep(0.5)
        eq(p.poll(), None, "still waiting while the lock is held")
        con.execute("COMMIT")
        out, _ = p.communicate(timeout=60)
        errf.seek(0)
        err = errf.read()
        errf.close()
        eq(p.returncode, 0, "import after the lock was released (%r)" % err)
        has(err.decode(), "waiting for another session", "says it is waiting")
        eq(e.sql("SELECT count(*) FROM unit WHERE code = 'Z1'")[0][0], 1, "written")
        # With a short timeout, a lock held throughout gives exit 4 and writes nothing.
        con.execute("BEGIN IMMEDIATE")
        f = e.write("u2.csv", "code,name,category\nZ2,久等镇,乡镇\n")
        rc, out, err = e.run("import", "unit", f, env={"LIANGZE_BUSY_TIMEOUT_MS": "700"})
        con.execute("COMMIT")
        con.close()
        eq(rc, 4, "busy exit code (%r)" % err)
        has(err, "still in use", "busy message")
        eq(e.sql("SELECT count(*) FROM unit WHERE code = 'Z2'")[0][0], 0, "nothing written")
    finally:
        e.close()


@test
def messages_follow_the_locale_and_lang():
    e = demo_env()
    try:
        rc, out, err = e.run("kinds", "nope", env={"LANG": "zh_CN.UTF-8"})
        has(err, "未知记录类型", "Chinese under zh_CN.UTF-8")
        rc, out, err = e.run("--lang", "en", "kinds", "nope", env={"LANG": "zh_CN.UTF-8"})
        has(err, "unknown kind", "--lang en")
        rc, out, err = e.run("--lang", "zh", "kinds", "nope", env={"LANG": "C"})
        has(err, "未知记录类型", "--lang zh under LANG=C")
        rc, out, err = e.run("kinds", "nope", env={"LANG": "C"})
        has(err, "unknown kind", "English under C")
    finally:
        e.close()


def e_bin():
    from lzt import BIN
    return BIN


if __name__ == "__main__":
    main()
