"""The audit chain and `liangze verify`: a clean database verifies and prints
the last row's hash; a changed, removed or reordered audit row and a record
changed, added or removed behind liangze's back with the sqlite3 shell are
each caught (exit 6, the mismatch named) without verify changing anything;
an older trail is sealed on first use by any account; concurrent writers
chain correctly; history shows who changed what, also after a deletion."""
import os
import shutil
import subprocess
import time

from lzt import test, main, Env, demo_env, eq, has, refused
from tuilib import Tmux, available

DROP_TRIGGERS = "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;"


_template = []


def demo_copy():
    """A demo database of its own for each test, copied from one made once."""
    if not _template:
        _template.append(demo_env())
    e = Env()
    shutil.copyfile(_template[0].db, e.db)
    return e


def width(text):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def shell(e, sql):
    """Changes the file as someone going around liangze would: the sqlite3 shell."""
    subprocess.run(["sqlite3", e.db, sql], check=True, capture_output=True)


def verify_ok(e):
    rc, out, err = e.run("verify")
    eq(rc, 0, "verify exit (stderr %r)" % err)
    has(out, "OK", "verify says OK")
    return out


def caught(e, sql, *parts):
    """Tampers with sql, then verify must exit 6 naming the mismatch and leave the file as it was."""
    shell(e, sql)
    err = refused(e, 6, ["verify"])
    for p in parts:
        has(err, p, "verify names the mismatch")
    return err


@test
def a_clean_demo_database_verifies_and_prints_the_head_hash():
    e = demo_copy()
    try:
        t0 = time.time()
        out = verify_ok(e)
        took = time.time() - t0
        head = e.sql("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")[0][0]
        eq(len(head), 64, "the last row has a hash")
        has(out, "head hash: %s" % head, "head hash printed")
        n_audit = e.sql("SELECT count(*) FROM audit")[0][0]
        has(out, "%d audit rows" % n_audit, "audit row count")
        tables = [r[0] for r in e.sql("SELECT name FROM sqlite_master WHERE type = 'table'"
                                      " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'fts_%' AND name NOT IN"
                                      " ('audit', 'setting', 'schema_migration') AND name NOT LIKE 'catalog_%'")]
        n_rec = sum(e.sql("SELECT count(*) FROM %s" % t)[0][0] for t in tables)
        has(out, "OK: %d records" % n_rec, "record count")
        # Every row links to the one before it.
        broken = e.sql("SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id - 1"
                       " WHERE a.prev_hash IS NOT b.hash")[0][0]
        eq(broken, 0, "prev_hash links")
        eq(e.sql("SELECT prev_hash FROM audit ORDER BY id LIMIT 1"), [(None,)], "the first row links to nothing")
        if took > 5:
            raise AssertionError("verify took %.1f s on the demo database" % took)
        print("     verify on the demo: %.2f s, %d records, %d audit rows" % (took, n_rec, n_audit))
        # Any role may run it.
        e.run("user", "add", "viewer1", "--role", "viewer", check=0)
        rc, out, err = e.run("verify", as_user="viewer1")
        eq(rc, 0, "a viewer may verify (%r)" % err)
    finally:
        e.close()


@test
def every_writing_command_leaves_a_database_that_verifies():
    """Each path that writes records audits them as they are stored: rules,
    the year's letters, draws and redraws (which delete checks), proposals
    confirmed and dismissed, accounts, settings, imports that update."""
    e = demo_copy()
    try:
        steps = [
            ["rules", "run"],
            ["issue", "--year", "2027"],
            ["draw", "check", "--category", "街道", "-n", "2"],
            ["draw", "check", "--category", "街道", "-n", "2", "--redraw", "1", "--reason", "巡察中"],
            ["draw", "secretaries", "--meeting", str(e.sql("SELECT max(id) FROM duty_meeting")[0][0]), "-n", "2"],
            ["user", "add", "u2", "--role", "staff"],
            ["user", "set", "u2", "--role", "viewer", "--name", "张三"],
            ["config", "set", "warn_days", "10"],
            ["import", "person", e.write("p.csv", "人员编码,姓名,所在单位,职务\nP0003,%s,%s,副书记(兼)\n"
                                         % e.sql("SELECT p.name, u.code FROM person p JOIN unit u"
                                                 " ON u.id = p.unit WHERE p.code = 'P0003'")[0])],
        ]
        pending = [i for (i,) in e.sql("SELECT id FROM proposal WHERE state = '待确认' ORDER BY id LIMIT 2")]
        if len(pending) == 2:
            steps += [["proposal", "confirm", str(pending[0])],
                      ["proposal", "dismiss", str(pending[1]), "--reason", "已办结"]]
        n = e.sql("SELECT count(*) FROM audit")[0][0]
        for step in steps:
            rc, out, err = e.run(*step)
            eq(rc, 0, "%s (%r)" % (" ".join(step), err))
            rc, out, err = e.run("verify")
            eq(rc, 0, "verify after %s: %r" % (" ".join(step), err))
        eq(len(steps), 11, "the demo has proposals to decide")
        if e.sql("SELECT count(*) FROM audit")[0][0] <= n + len(steps):
            raise AssertionError("the commands wrote fewer audit rows than expected")
        eq(e.sql("SELECT count(*) FROM audit WHERE action = 'delete' AND kind = 'check'")[0][0], 2,
           "the redraw deleted and audited two checks")
    finally:
        e.close()


@test
def the_trail_refuses_updates_and_deletes_through_sql():
    e = demo_copy()
    try:
        before = e.snapshot()
        for sql in ("UPDATE audit SET login = 'x' WHERE id = 5", "DELETE FROM audit WHERE id = 5"):
            p = subprocess.run(["sqlite3", e.db, sql], capture_output=True, text=True)
            has(p.stderr, "append-only", "trigger message for %s" % sql)
        eq(e.snapshot(), before, "nothing changed")
    finally:
        e.close()


@test
def a_changed_audit_row_is_caught():
    e = demo_copy()
    try:
        caught(e, DROP_TRIGGERS + "UPDATE audit SET login = 'mallory' WHERE id = 100",
               "audit row 100", "was changed")
    finally:
        e.close()


def row_hash(row):
    """The canonical encoding of audit_chain.h, written again here: a second,
    independent implementation that must agree with the C one."""
    import hashlib
    import struct
    out = b"LZA1"
    for i, v in enumerate(row):
        if v is None:
            out += b"N"
        elif i in (0, 4):
            out += b"I" + struct.pack(">q", v)
        else:
            b = v.encode("utf-8")
            out += b"T" + struct.pack(">Q", len(b)) + b
    return hashlib.sha256(out).hexdigest()


COLS = "id, at, login, kind, record_id, action, before, after, prev_hash"


@test
def the_hashes_follow_the_documented_encoding():
    e = demo_copy()
    try:
        rows = e.sql("SELECT %s, hash FROM audit ORDER BY id" % COLS)
        bad = [r[0] for r in rows if row_hash(r[:9]) != r[9]]
        eq(bad, [], "rows whose hash differs from the Python encoding")
    finally:
        e.close()


@test
def a_changed_audit_row_with_a_recomputed_own_hash_breaks_the_next_link():
    e = demo_copy()
    try:
        # Someone who changes a row and recomputes its hash cannot hide it:
        # the next row still carries the old hash.
        row = list(e.sql("SELECT %s FROM audit WHERE id = 100" % COLS)[0])
        row[2] = "mallory"
        caught(e, DROP_TRIGGERS + "UPDATE audit SET login = 'mallory', hash = '%s' WHERE id = 100" % row_hash(row),
               "audit row 101 does not follow audit row 100")
    finally:
        e.close()


def rebuild_chain(e):
    """Recomputes every hash as liangze would, after the trail was edited."""
    import sqlite3
    rows = [list(r) for r in e.sql("SELECT %s FROM audit ORDER BY id" % COLS)]
    prev, fix = None, []
    for r in rows:
        r[8] = prev
        prev = row_hash(r)
        fix.append((r[8], prev, r[0]))
    con = sqlite3.connect(e.db)
    con.execute("DROP TRIGGER IF EXISTS audit_append_only_update")
    con.executemany("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", fix)
    con.commit()
    con.close()


@test
def a_field_added_to_a_kind_later_does_not_count_against_older_rows():
    e = Env()
    try:
        e.run("init", check=0)
        e.run("import", "unit", e.write("u.csv", "code,name,category\nT01,测试镇,乡镇\n"), check=0)
        # As if supervisor_holder had come with a later migration: the audit
        # row of the unit's creation does not know it.
        shell(e, DROP_TRIGGERS + "UPDATE audit SET after = json_remove(after, '$.supervisor_holder')"
                 " WHERE kind = 'unit'")
        rebuild_chain(e)
        verify_ok(e)
        caught(e, "UPDATE unit SET name = '改名镇' WHERE code = 'T01'", "name is '改名镇' in the table")
    finally:
        e.close()


@test
def a_rebuilt_chain_is_caught_only_against_a_kept_head_hash():
    e = Env()
    try:
        e.run("init", check=0)
        e.run("import", "unit", e.write("u.csv", "code,name,category\nT01,测试镇,乡镇\nT02,测试乡,乡镇\n"), check=0)
        kept = e.sql("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")[0][0]
        e.run("import", "unit", e.write("u2.csv", "code,name,category\nT03,后加村,乡镇\n"), check=0)
        rc, out, err = e.run("verify", "--expect", kept, check=0)
        has(out, "passes through the kept hash at audit row", "the kept hash is found")
        # Rewrite history from the first unit on, recomputing every hash after it.
        shell(e, DROP_TRIGGERS + "UPDATE unit SET name = '改名镇' WHERE code = 'T01';"
                 "UPDATE audit SET after = replace(after, '测试镇', '改名镇') WHERE kind = 'unit';")
        rebuild_chain(e)
        verify_ok(e)   # a chain rebuilt from the start is whole in itself …
        refused(e, 6, ["verify", "--expect", kept], "is not in the audit chain")   # … but not the one written down
        refused(e, 1, ["verify", "--expect", "abc"], "not a head hash")
    finally:
        e.close()


@test
def a_deleted_audit_row_is_caught():
    e = demo_copy()
    try:
        caught(e, DROP_TRIGGERS + "DELETE FROM audit WHERE id = 100",
               "audit row 101 does not follow audit row 99")
    finally:
        e.close()


@test
def a_deleted_first_audit_row_is_caught():
    e = demo_copy()
    try:
        caught(e, DROP_TRIGGERS + "DELETE FROM audit WHERE id = 1", "audit row 2 is the first row")
    finally:
        e.close()


@test
def two_reordered_audit_rows_are_caught():
    e = demo_copy()
    try:
        cols = "at, login, kind, record_id, action, before, after, prev_hash, hash"
        caught(e, DROP_TRIGGERS +
               "CREATE TEMP TABLE s AS SELECT * FROM audit WHERE id IN (200, 201);"
               "UPDATE audit SET (%s) = (SELECT %s FROM s WHERE s.id = 401 - audit.id) WHERE id IN (200, 201);"
               % (cols, cols),
               "audit row 200 does not follow audit row 199")
    finally:
        e.close()


@test
def a_record_edited_with_the_sqlite3_shell_is_caught():
    e = demo_copy()
    try:
        pid, name = e.sql("SELECT id, name FROM person ORDER BY id LIMIT 1 OFFSET 4")[0]
        err = caught(e, "UPDATE person SET name = '冒名' WHERE id = %d" % pid,
                     "Cadres #%d was changed outside liangze" % pid, "Name is '冒名' in the table",
                     "'%s' in its last audit row" % name)
    finally:
        e.close()


@test
def a_record_added_or_removed_behind_liangzes_back_is_caught():
    e = demo_copy()
    try:
        caught(e, "INSERT INTO unit(code, name, category) VALUES ('ZZ9', '假单位', '乡镇')",
               "Units #", "has no audit row")
    finally:
        e.close()
    e = demo_copy()
    try:
        # A record nothing refers to, so that the foreign-key check stays quiet.
        refs = [r[0] for r in e.sql("SELECT DISTINCT f.\"table\" FROM sqlite_master m,"
                                    " pragma_foreign_key_list(m.name) f WHERE m.type = 'table'")]
        if "risk_card" in refs:
            raise AssertionError("pick another kind: risk cards are referred to now")
        rid = e.sql("SELECT id FROM risk_card ORDER BY id LIMIT 1 OFFSET 2")[0][0]
        caught(e, "DELETE FROM risk_card WHERE id = %d" % rid,
               "Risk-sign cards #%d is missing from the table" % rid)
    finally:
        e.close()


@test
def a_setting_changed_behind_liangzes_back_is_caught():
    e = demo_copy()
    try:
        e.run("config", "set", "warn_days", "9", check=0)
        verify_ok(e)
        caught(e, "UPDATE setting SET value = '3' WHERE name = 'warn_days'",
               "setting warn_days was changed outside liangze", "'3'", "set '9'")
    finally:
        e.close()
    e = demo_copy()
    try:
        caught(e, "INSERT INTO setting(name, value) VALUES ('inquiry_reply_days', '99')",
               "setting inquiry_reply_days is '99' but no audit row set it")
    finally:
        e.close()


@test
def an_older_trail_is_sealed_on_first_use_by_any_account():
    e = Env()
    try:
        e.run("init", check=0)
        e.run("user", "add", "staff1", "--role", "staff", check=0)
        e.run("import", "unit", e.write("u.csv", "code,name,category\nT01,测试镇,乡镇\n"), check=0)
        # Make it a database from before the chain: no hashes, no migration 9.
        shell(e, DROP_TRIGGERS + "UPDATE audit SET prev_hash = NULL, hash = NULL;"
                 "DELETE FROM schema_migration WHERE version = 9;")
        rc, out, err = e.run("list", "unit", as_user="staff1")
        eq(rc, 0, "a staff account opens the older database (%r)" % err)
        has(out, "测试镇", "and reads it")
        eq(e.sql("SELECT count(*) FROM schema_migration WHERE version = 9")[0][0], 1, "migrated")
        eq(e.sql("SELECT count(*) FROM audit WHERE hash IS NULL")[0][0], 0, "every row sealed")
        out = verify_ok(e)
        has(out, "3 audit rows", "the old rows are in the chain")
    finally:
        e.close()


@test
def concurrent_writers_chain_correctly():
    e = Env()
    try:
        e.run("init", check=0)
        procs = []
        for i in range(4):
            f = e.write("u%d.csv" % i, "code,name,category\n" +
                        "".join("C%d%02d,并发%d-%d,乡镇\n" % (i, j, i, j) for j in range(15)))
            procs.append(subprocess.Popen([os.environ.get("LIANGZE_BIN") or "./liangze", "--db", e.db,
                                           "import", "unit", f], stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        for p in procs:
            out, err = p.communicate(timeout=120)
            eq(p.returncode, 0, "import (%r)" % err)
        eq(e.sql("SELECT count(*) FROM unit")[0][0], 60, "all units")
        verify_ok(e)
    finally:
        e.close()


@test
def history_on_the_command_line_shows_before_and_after_also_after_deletion():
    e = Env()
    try:
        e.run("init", check=0)
        e.run("import", "unit", e.write("u.csv", "code,name,category\nT01,测试镇,乡镇\n"), check=0)
        uid = e.sql("SELECT id FROM unit WHERE code = 'T01'")[0][0]
        e.run("import", "unit", e.write("u2.csv", "code,name,category\nT01,测试新镇,乡镇\n"), check=0)
        rc, out, err = e.run("history", "unit", str(uid), check=0)
        lines = out.splitlines()
        has(lines[0], "%d: 2 audit rows" % uid, "title")
        upd = [l for l in lines if "changed" in l]
        eq(len(upd), 1, "only the changed field of the update: %r" % upd)
        has(upd[0], "测试镇", "before")
        has(upd[0], "测试新镇", "after")
        eq(len([l for l in lines if "added" in l]), 3, "the creation lists the values it got")
        rc, out, err = e.run("history", "unit", str(uid), "--format", "csv", check=0)
        rows = out.splitlines()
        eq(rows[0], "Audit row,When,Who,Action,Field,Before,After", "CSV header")
        has(out, ",root,update,name,测试镇,测试新镇", "CSV row")
        refused(e, 1, ["history", "nosuchkind", "1"], "unknown kind")
        refused(e, 1, ["history", "unit", "x"], "not a record id")
        refused(e, 2, ["history", "unit", "9999"], "no")
    finally:
        e.close()


@test
def history_names_every_action_and_shows_whole_values():
    e = Env()
    try:
        e.run("init", check=0)
        e.run("import", "unit", e.write("u.csv", "code,name,category\nT01,测试镇,乡镇\n"), check=0)
        long_post = "党委副书记、镇长兼任综合行政执法大队队长及安全生产委员会主任（具体分工见附件）"
        e.run("import", "person", e.write("p.csv", "code,name,unit,post\nH01,历史人,T01,%s\n" % long_post), check=0)
        pid = e.sql("SELECT id FROM person WHERE code = 'H01'")[0][0]
        e.run("import", "person", e.write("p2.csv", "code,name,unit,post\nH01,历史人,T01,%s。\n" % long_post), check=0)
        rc, out, err = e.run("--lang", "zh", "history", "person", str(pid), check=0)
        has(out, long_post, "the whole value, not cut")
        has(out, long_post + "。", "the whole new value")
        assert "…" not in out, out
        has(out, "新增", "insert by its name")
        has(out, "修改", "update by its name")
        for raw in ("insert", "update"):
            assert raw not in out, "raw action %r in %r" % (raw, out)
    finally:
        e.close()


@test
def history_keeps_to_the_accounts_scope():
    e = demo_copy()
    try:
        e.run("user", "add", "staff1", "--role", "staff", "--scope", "X09", check=0)
        x09 = e.sql("SELECT id FROM unit WHERE code = 'X09'")[0][0]
        inside = e.sql("SELECT id FROM person WHERE unit = ? ORDER BY id LIMIT 1", x09)[0][0]
        outside = e.sql("SELECT id FROM person WHERE unit <> ? ORDER BY id LIMIT 1", x09)[0][0]
        rc, out, err = e.run("history", "person", str(inside), as_user="staff1")
        eq(rc, 0, "own scope (%r)" % err)
        has(out, "added", "history shown")
        refused(e, 2, ["history", "person", str(outside)], "no", as_user="staff1")
        refused(e, 3, ["history", "account", "1"], "administrator", as_user="staff1")
        # A deleted record outside the scope stays out of sight too.
        e.run("import", "unit", e.write("u.csv", "code,name,category\nZ97,外镇,乡镇\n"), check=0)
        uid = e.sql("SELECT id FROM unit WHERE code = 'Z97'")[0][0]
        shell(e, "DELETE FROM unit WHERE id = %d" % uid)   # the trail still names it
        refused(e, 2, ["history", "unit", str(uid)], "no", as_user="staff1")
        rc, out, err = e.run("history", "unit", str(uid), check=0)
        has(out, "(deleted)", "an admin sees it")
    finally:
        e.close()


@test
def history_in_the_form_after_an_edit_and_of_a_deleted_record():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_copy()
    e.run("import", "unit", e.write("u.csv", "code,name,category\nZ98,历史镇,乡镇\n"), check=0)
    uid = e.sql("SELECT id FROM unit WHERE code = 'Z98'")[0][0]
    t = Tmux(["--db", e.db], width=100, height=30, lang="C.UTF-8")
    try:
        t.wait("liangze")
        t.keys("u")
        t.keys("/")
        t.type("历史")
        t.wait("历史镇", "1/1")
        t.keys("Enter", "Enter")
        t.wait("Z98")
        t.keys("e", "Down", "C-u")
        t.type("历史新镇")
        t.keys("F2")
        t.wait("历史新镇")
        t.keys("Enter")
        s = t.wait("F11 History")
        t.keys("h")
        s = t.wait("History — Units 历史新镇", "(audit row", "历史镇 → 历史新镇")
        has(s, "added", "the creation")
        has(s, "changed", "the change")
        # Values start in one column, whatever the width of the text before.
        lines = s.splitlines()
        starts = [width(l[:l.index(v)]) for v in ("Z98", "乡镇", "历史镇 →") for l in lines if v in l and "History" not in l]
        eq(len(set(starts)), 1, "value column %r" % starts)
        t.keys("q")
        t.wait("F11 History")
        t.keys("q")
        t.wait("历史新镇", "1/1")
        t.keys("d")
        t.wait("(y/n)")
        t.keys("y")
        t.wait_gone("1/1")
        eq(e.sql("SELECT count(*) FROM unit WHERE id = ?", uid)[0][0], 0, "deleted")
    finally:
        t.close()
    try:
        rc, out, err = e.run("history", "unit", str(uid), check=0)
        has(out, "(deleted): 3 audit rows", "a deleted record's history")
        has(out, "deleted", "the deletion")
        verify_ok(e)
        # Put back behind liangze's back, the deleted record is caught.
        last = e.sql("SELECT max(id) FROM audit")[0][0]
        caught(e, "INSERT INTO unit(id, code, name, category) VALUES (%d, 'Z98', '历史新镇', '乡镇')" % uid,
               "Units #%d was deleted (audit row %d) but is still in the table" % (uid, last))
    finally:
        e.close()


@test
def history_from_the_case_view():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_copy()
    cid, number = e.sql("SELECT id, case_no FROM case_file ORDER BY id LIMIT 1")[0]
    t = Tmux(["--db", e.db], width=120, height=36, lang="C.UTF-8")
    try:
        t.wait("liangze")
        t.keys("3")
        t.wait("Cases")
        t.keys("Enter")
        t.wait("Cases ledger")
        t.keys("/")
        t.type(number)
        t.wait("1/1")
        t.keys("Enter", "Enter")
        t.wait("F11 History")
        t.keys("h")
        s = t.wait("History — Cases", "(audit row")
        first = e.sql("SELECT id FROM audit WHERE kind = 'case' AND record_id = ? ORDER BY id LIMIT 1", cid)[0][0]
        has(s, "added  (audit row %d)" % first, "the case's creation")
    finally:
        t.close()
        e.close()


try:
    main()
finally:
    for t in _template:
        t.close()
