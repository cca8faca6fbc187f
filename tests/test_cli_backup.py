"""Backups, restore and the backup before a migration, on the command line:
consistent copies taken while another process writes, retention, refusals of
files that do not verify with nothing changed, restore of good files (also
from an older schema), and the copy a migration leaves behind."""
import glob
import os
import re
import sqlite3
import stat
import subprocess
import threading
import time

from lzt import test, main, demo_env, eq, has, refused, Env, BIN, TODAY

SCHEMA = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schema", "*.sql")))


def backup_path(out):
    m = re.search(r"^backup: +(\S+)$", out, re.M)
    assert m, "no backup path in %r" % out
    return m.group(1)


def field(out, name):
    m = re.search(r"^%s: +(\S+)" % name, out, re.M)
    assert m, "no %s in %r" % (name, out)
    return m.group(1)


def verify(e, db=None):
    args = ["verify"] if db is None else ["--db", db, "verify"]
    rc, out, err = e.run(*args, db=db is None)
    eq(rc, 0, "verify %s: %s" % (db or e.db, err))
    return int(re.search(r"OK: (\d+) records", out).group(1)), re.search(r"head hash: (\S+)", out).group(1)


def rows(db, table):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT * FROM %s ORDER BY id" % table).fetchall()
    finally:
        con.close()


@test
def backup_is_a_verified_private_single_file_copy():
    e = demo_env()
    try:
        records, head = verify(e)
        rc, out, err = e.run("backup", check=0)
        p = backup_path(out)
        eq(os.path.dirname(os.path.abspath(p)), e.dir, "default folder: beside the database")
        assert re.fullmatch(r"liangze-\d{8}-\d{6}\.db", os.path.basename(p)), p
        eq(int(field(out, "records")), records, "records of the copy")
        eq(field(out, "audit head"), head, "audit head hash of the copy")
        eq(int(field(out, "size")), os.path.getsize(p), "size")
        mode = stat.S_IMODE(os.stat(p).st_mode)
        eq(mode & 0o007, 0, "no rights for others")
        eq(mode & 0o600, 0o600, "owner reads and writes")
        assert not os.path.exists(p + "-wal"), "one file, no -wal"
        con = sqlite3.connect(p)
        eq(con.execute("PRAGMA journal_mode").fetchone()[0], "delete", "journal mode of the copy")
        con.close()
        for t in ("unit", "person", "case_file", "audit"):
            eq(rows(p, t), rows(e.db, t), "table %s in the copy" % t)
        # -o names the file; an existing file is never replaced
        target = e.path("named.db")
        rc, out, err = e.run("backup", "-o", target, check=0)
        eq(backup_path(out), target, "-o")
        before = open(target, "rb").read()
        refused(e, 5, ["backup", "-o", target], "exists")
        eq(open(target, "rb").read(), before, "existing file untouched")
        e.run("user", "add", "clerk", "--role", "staff", "--scope", "X09", check=0)
        files = sorted(os.listdir(e.dir))
        refused(e, 3, ["backup"], "administrator", as_user="clerk")
        eq(sorted(os.listdir(e.dir)), files, "no file made for a staff account")
        refused(e, 1, ["backup", "--keep", "0"])
        refused(e, 1, ["backup", "--keep", "x"])
    finally:
        e.close()


@test
def keep_removes_only_the_oldest_plain_backups_in_the_folder():
    e = demo_env()
    try:
        folder = e.path("saves")
        os.mkdir(folder)
        e.run("config", "set", "backup_dir", folder, check=0)
        old = ["liangze-20250101-010101.db", "liangze-20250101-010101-2.db", "liangze-20250102-000000.db"]
        decoys = ["liangze-20250101-000000-before-restore.db", "liangze-notes.db", "other.db",
                  "liangze-2025010-000000.db"]
        for n in old + decoys:
            open(os.path.join(folder, n), "wb").close()
        rc, out, err = e.run("backup", "--keep", "2", check=0)
        p = backup_path(out)
        eq(os.path.dirname(p), folder, "backup_dir setting")
        has(out, "removed:    2", "count removed")
        left = sorted(os.listdir(folder))
        eq(left, sorted(decoys + ["liangze-20250102-000000.db", os.path.basename(p)]), "what is left")
    finally:
        e.close()


@test
def backup_while_another_process_writes_holds_everything_committed_before():
    e = demo_env()
    try:
        stop = threading.Event()
        log = []   # (time committed, code)
        errors = []

        def writer():
            n = 0
            while not stop.is_set():
                n += 1
                code = "W%04d" % n
                f = e.write("w%d.csv" % n, "code,name,category\n%s,写入单位%d,区级部门\n" % (code, n))
                rc, out, err = e.run("import", "unit", f)
                if rc != 0:
                    errors.append(err)
                    return
                log.append((time.time(), code))

        th = threading.Thread(target=writer)
        th.start()
        try:
            while len(log) < 3:
                time.sleep(0.05)
            during = 0
            for i in range(3):
                start = time.time()
                committed = {c for t, c in log if t < start}
                rc, out, err = e.run("backup", "-o", e.path("b%d.db" % i))
                end = time.time()
                eq(rc, 0, "backup %d: %s" % (i, err))
                p = backup_path(out)
                got = {r[0] for r in sqlite3.connect(p).execute("SELECT code FROM unit WHERE code LIKE 'W%'")}
                missing = committed - got
                eq(missing, set(), "units committed before backup %d began" % i)
                during += sum(1 for t, c in log if start <= t <= end)
                verify(e, db=p)
        finally:
            stop.set()
            th.join()
        eq(errors, [], "the writer was never refused")
        assert during > 0, "no write landed while a backup ran: the test did not test concurrency"
    finally:
        e.close()


def snapshot_files(e):
    return sorted(os.listdir(e.dir))


@test
def restore_refuses_files_that_do_not_verify_and_changes_nothing():
    e = demo_env()
    try:
        rc, out, err = e.run("backup", "-o", e.path("good.db"), check=0)
        # a record changed behind liangze's back
        tampered = e.path("tampered.db")
        with open(e.path("good.db"), "rb") as f, open(tampered, "wb") as g:
            g.write(f.read())
        con = sqlite3.connect(tampered)
        con.execute("UPDATE unit SET name = '改名' WHERE code = 'X09'")
        con.commit()
        con.close()
        # not a database at all, and a torn one
        junk = e.write("junk.db", "this is not a database\n" * 100)
        torn = e.path("torn.db")
        with open(e.path("good.db"), "rb") as f, open(torn, "wb") as g:
            g.write(f.read()[:8192])
        newer = e.path("newer.db")
        with open(e.path("good.db"), "rb") as f, open(newer, "wb") as g:
            g.write(f.read())
        con = sqlite3.connect(newer)
        con.execute("INSERT INTO schema_migration VALUES (9999, '9999_future', '2030-01-01')")
        con.commit()
        con.close()
        files = snapshot_files(e)
        refused(e, 6, ["restore", tampered], "改名")
        # In Chinese the kind and the field by their titles, not table names.
        uid = e.sql("SELECT id FROM unit WHERE code = 'X09'")[0][0]
        err = refused(e, 6, ["--lang", "zh", "restore", tampered],
                      "单位 #%d 在 liangze 之外被修改：单位名称 在表中为“改名”" % uid)
        assert "unit" not in err.split("：")[0], err
        refused(e, 6, ["restore", junk])
        refused(e, 6, ["restore", torn])
        refused(e, 2, ["restore", newer], "newer")
        refused(e, 5, ["restore", e.path("missing.db")])
        eq(snapshot_files(e), files, "no backup or scratch file left behind")
        e.run("user", "add", "clerk", "--role", "staff", check=0)
        refused(e, 3, ["restore", e.path("good.db")], as_user="clerk")
        verify(e)
    finally:
        e.close()


@test
def restore_brings_back_the_file_and_keeps_the_current_database():
    e = demo_env()
    try:
        rc, out, err = e.run("backup", "-o", e.path("good.db"), check=0)
        records, head = verify(e, db=e.path("good.db"))
        e.run("import", "unit", e.write("u.csv", "code,name,category\nZ77,后加单位,区级部门\n"), check=0)
        rc, out, err = e.run("restore", e.path("good.db"), check=0)
        m = re.search(r"backed up to (\S+)", out)
        saved = m.group(1)
        assert saved.endswith("-before-restore.db"), saved
        eq(sqlite3.connect(saved).execute("SELECT name FROM unit WHERE code='Z77'").fetchall(), [("后加单位",)],
           "the database as it was, kept")
        eq(e.sql("SELECT count(*) FROM unit WHERE code='Z77'"), [(0,)], "restored content")
        eq(rows(e.db, "case_file"), rows(e.path("good.db"), "case_file"), "cases as in the file")
        n, head2 = verify(e)
        eq(n, records, "records after restore")
        last = e.sql("SELECT login, kind, action, after FROM audit ORDER BY id DESC LIMIT 1")[0]
        eq(last[:3], ("root", "database", "restore"), "the restore is audited")
        has(last[3], "good.db", "audit names the file")
    finally:
        e.close()


def old_schema_db(e, path):
    """A database at the schema before the last migration, holding units and an
    account whose audit rows (hashes included) come from a current database."""
    fresh = Env()
    try:
        fresh.run("init", check=0)
        fresh.run("import", "unit", fresh.write("u.csv", "code,name,category\nA1,老单位一,乡镇\nA2,老单位二,街道\n"),
                  check=0)
        src = sqlite3.connect(fresh.db)
        con = sqlite3.connect(path)
        # as db_migrate makes it
        con.execute("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    " applied_at TEXT NOT NULL)")
        for f in SCHEMA[:-1]:
            con.executescript(open(f, encoding="utf-8").read())
            v = int(os.path.basename(f).split("_")[0])
            con.execute("INSERT INTO schema_migration VALUES (?, ?, '2026-01-01T00:00:00')",
                        (v, os.path.basename(f)[:-4]))
        for t in ("account", "unit", "audit"):
            cols = [r[1] for r in con.execute("PRAGMA table_info(%s)" % t)]
            data = src.execute("SELECT %s FROM %s ORDER BY id" % (", ".join(cols), t)).fetchall()
            con.executemany("INSERT INTO %s(%s) VALUES (%s)" % (t, ", ".join(cols), ", ".join("?" * len(cols))), data)
        con.commit()
        con.close()
        src.close()
    finally:
        fresh.close()
    return int(os.path.basename(SCHEMA[-2]).split("_")[0])


@test
def migrating_an_existing_database_leaves_a_backup_at_the_old_schema():
    e = Env()
    try:
        old_version = old_schema_db(e, e.db)
        old_units = rows(e.db, "unit")
        rc, out, err = e.run("list", "unit", check=0)
        has(out, "老单位一", "migrated database works")
        m = re.search(r"backed up to (\S+)", err)
        assert m, "no word of the backup on stderr: %r" % err
        p = m.group(1)
        assert os.path.basename(p).endswith("-before-migration.db"), p
        con = sqlite3.connect(p)
        eq(con.execute("SELECT max(version) FROM schema_migration").fetchone()[0], old_version, "old schema")
        eq(con.execute("SELECT * FROM unit ORDER BY id").fetchall(), old_units, "data as before")
        con.close()
        newest = int(os.path.basename(SCHEMA[-1]).split("_")[0])
        eq(e.sql("SELECT max(version) FROM schema_migration"), [(newest,)], "live database migrated")
        verify(e)
        # the next run has nothing to migrate and makes no backup
        rc, out, err = e.run("list", "unit", check=0)
        eq(err, "", "no second backup")
        # a backup at the older schema restores: migrated on a scratch copy, verified, taken
        e.run("import", "unit", e.write("u.csv", "code,name,category\nA3,新单位,乡镇\n"), check=0)
        rc, out, err = e.run("restore", p, check=0)
        has(out, "1 migrations applied", "scratch copy migrated")
        eq(rows(e.db, "unit"), old_units, "units of the old backup")
        verify(e)
        eq(sqlite3.connect(p).execute("SELECT max(version) FROM schema_migration").fetchone()[0], old_version,
           "the backup file itself is left as it was")
    finally:
        e.close()


if __name__ == "__main__":
    main()
