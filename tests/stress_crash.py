"""Kills at random moments: nothing saved may be lost or half written.

An import of generated inquiries (bench/gen) is SIGKILLed at random moments,
each time on a fresh copy of the same database: afterwards the file passes
PRAGMA integrity_check and `liangze verify`, and the import is wholly there
or wholly absent (inquiries and their audit rows counted). Half the kills
fall anywhere in the run, half inside the write transaction (known from the
LIANGZE_STATS line liangze prints when it has the write lock). Last, the
import is run to its end on a killed copy: it still completes.

A TUI session is killed in the middle of a save, while the save waits for
the write lock another connection holds, and at random moments just after
the save key: the record is saved wholly or not at all.

    python3 tests/stress_crash.py [ROWS] [KILLS]   (make stress: 1,000,000 and 20)
tests/test_crash.py runs a shortened version in make check."""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lzt import BIN, TODAY, Env, demo_env  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
GEN = os.environ.get("LIANGZE_GEN") or os.path.join(ROOT, "build", "bench", "gen")
PEOPLE = 2000


def lz_env():
    e = dict(os.environ, LIANGZE_TODAY=TODAY, LANG="C.UTF-8", LIANGZE_STATS="1")
    e.pop("LANGUAGE", None)
    e.pop("LC_ALL", None)
    return e


def counts(db):
    """(inquiries, inquiry audit rows) as a fresh connection sees them; opening recovers the WAL."""
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise AssertionError("integrity_check: %s" % ok)
        if con.execute("PRAGMA foreign_key_check").fetchall():
            raise AssertionError("foreign_key_check failed")
        return (con.execute("SELECT count(*) FROM inquiry").fetchone()[0],
                con.execute("SELECT count(*) FROM audit WHERE kind = 'inquiry'").fetchone()[0])
    finally:
        con.close()


def verify(e, db):
    rc, out, err = e.run("verify", db=False, env={"LIANGZE_DB": db})
    if rc != 0:
        raise AssertionError("verify after a kill: exit %d: %s" % (rc, err))
    return out


def copy_db(src, dst):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(src, dst)


class Importer:
    """liangze import in the background, noting when it holds the write lock."""

    def __init__(self, db, csv):
        self.t0 = time.time()
        self.locked_at = None
        self.p = subprocess.Popen([BIN, "--db", db, "import", "inquiry", csv], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=lz_env())
        self.err = []
        self.reader = threading.Thread(target=self._read)
        self.reader.start()

    def _read(self):
        for line in self.p.stderr:
            line = line.decode("utf-8", "replace")
            if line.startswith("lz-stats write-lock-wait-ms") and self.locked_at is None:
                self.locked_at = time.time()
            self.err.append(line)

    def finish(self):
        rc = self.p.wait()
        self.reader.join()
        self.p.stdout.close()
        self.p.stderr.close()
        return rc

    def kill(self):
        """SIGKILL now (if still running); True if it was."""
        running = self.p.poll() is None
        if running:
            os.kill(self.p.pid, signal.SIGKILL)
        self.finish()
        return running


def import_kills(rows, kills, seed=1, log=print):
    """Returns a summary line; raises AssertionError on any loss or damage."""
    e = demo_env()
    try:
        gen = lambda *a: subprocess.run([GEN] + [str(x) for x in a], check=True, capture_output=True).stdout
        open(e.path("person.csv"), "wb").write(gen("--seed", seed, "--rows", PEOPLE, "--kind", "person"))
        e.run("import", "person", e.path("person.csv"), check=0)
        csv = e.path("inquiry.csv")
        with open(csv, "wb") as f:
            subprocess.run([GEN, "--seed", str(seed), "--rows", str(rows), "--people", str(PEOPLE), "--kind", "inquiry",
                            "--encoding", "gb18030"], check=True, stdout=f)
        con = sqlite3.connect(e.db)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        base = e.path("base.db")
        copy_db(e.db, base)
        before = counts(base)
        work = e.path("work.db")

        # One whole run: how long it takes, when it takes the lock, what it ends with.
        copy_db(base, work)
        imp = Importer(work, csv)
        rc = imp.finish()
        total = time.time() - imp.t0
        if rc != 0:
            raise AssertionError("the uninterrupted import failed: %s" % "".join(imp.err))
        after = counts(work)
        if after[0] != before[0] + rows:
            raise AssertionError("the uninterrupted import added %d of %d rows" % (after[0] - before[0], rows))
        lock_at = (imp.locked_at or imp.t0) - imp.t0
        log("import of %d rows: %.1f s, write lock taken at %.1f s" % (rows, total, lock_at))

        rng = random.Random(seed * 1000 + rows)
        outcome = {"absent": 0, "present": 0, "in write": 0}
        for k in range(kills):
            copy_db(base, work)
            in_write = k % 2 == 1
            imp = Importer(work, csv)
            if in_write:
                while imp.locked_at is None and imp.p.poll() is None:
                    time.sleep(0.005)
                time.sleep(rng.uniform(0, max(0.01, total - lock_at)))
            else:
                time.sleep(rng.uniform(0, total))
            was_running = imp.kill()
            if imp.locked_at is not None and was_running:
                outcome["in write"] += 1
            now = counts(work)
            if now == before:
                outcome["absent"] += 1
            elif now == after:
                outcome["present"] += 1
            else:
                raise AssertionError("kill %d: %d inquiries and %d audit rows: neither %r nor %r"
                                     % (k + 1, now[0], now[1], before, after))
            verify(e, work)
        # A killed copy takes the whole import afterwards.
        imp = Importer(work, csv)
        if imp.finish() != 0 or counts(work) != after:
            raise AssertionError("the import after the kills did not complete: %s" % "".join(imp.err))
        verify(e, work)
        return ("%d kills of an import of %d rows (%.1f s): %d wholly absent, %d wholly present, %d inside the"
                " write transaction; integrity_check and verify passed after each"
                % (kills, rows, total, outcome["absent"], outcome["present"], outcome["in write"]))
    finally:
        e.close()


# --- the TUI -------------------------------------------------------------------

def tui_pid(t):
    """The liangze process in the tmux pane (the pane runs sh, which runs liangze)."""
    out = subprocess.run(t.base + ["list-panes", "-F", "#{pane_pid}"], capture_output=True, text=True).stdout
    sh = int(out.split()[0])
    for _ in range(100):
        try:
            kids = open("/proc/%d/task/%d/children" % (sh, sh)).read().split()
        except OSError:
            kids = []
        if kids:
            return int(kids[0])
        time.sleep(0.05)
    raise AssertionError("no liangze process under the tmux pane")


def edit_unit_and_save(t, name):
    t.keys("u")
    t.wait("单位台账", "B01")
    t.keys("/")
    t.type("井河")
    t.wait("井河镇", "1/1")
    t.keys("Enter", "Enter")
    t.wait("X09")
    t.keys("e", "Down", "C-u")
    t.type(name)
    t.wait(name)
    t.keys("F2")


def unit_state(e, db):
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise AssertionError("integrity_check: %s" % ok)
        return (con.execute("SELECT name FROM unit WHERE code = 'X09'").fetchone()[0],
                con.execute("SELECT count(*) FROM audit WHERE kind = 'unit'").fetchone()[0])
    finally:
        con.close()


def tui_kills(rounds, seed=1, log=print):
    from tuilib import Tmux
    e = demo_env()
    try:
        before = unit_state(e, e.db)
        # 1. Killed while the save waits for the write lock another session holds.
        holder = sqlite3.connect(e.db, timeout=60, isolation_level=None)
        t = Tmux(["--db", e.db])
        try:
            t.wait("liangze 两责")
            holder.execute("BEGIN IMMEDIATE")
            edit_unit_and_save(t, "井河镇甲")
            t.wait("正在等待其他会话完成写入")
            os.kill(tui_pid(t), signal.SIGKILL)
            t.wait("__EXIT__")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
            t.close()
        if unit_state(e, e.db) != before:
            raise AssertionError("a save killed while waiting changed the unit: %r" % (unit_state(e, e.db),))
        verify(e, e.db)
        # 2. Killed at random moments just after the save key.
        rng = random.Random(seed)
        saved = 0
        for k in range(rounds):
            state = unit_state(e, e.db)
            name = "井河镇%d" % k
            t = Tmux(["--db", e.db])
            try:
                t.wait("liangze 两责")
                edit_unit_and_save(t, name)
                time.sleep(rng.uniform(0, 0.05))
                os.kill(tui_pid(t), signal.SIGKILL)
                t.wait("__EXIT__")
            finally:
                t.close()
            now = unit_state(e, e.db)
            if now == (name, state[1] + 1):
                saved += 1
            elif now != state:
                raise AssertionError("save %d killed: unit now %r, was %r" % (k, now, state))
            verify(e, e.db)
        return ("TUI killed while its save waited for the lock: nothing saved; killed %d times just after the"
                " save key: %d saved wholly, %d not at all; verify passed after each" % (rounds, saved, rounds - saved))
    finally:
        e.close()


if __name__ == "__main__":
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    print(import_kills(rows, kills), flush=True)
    print(tui_kills(10), flush=True)
