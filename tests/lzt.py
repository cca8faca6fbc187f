"""lzt — a small harness for tests that drive the real liangze binary.

Each test is a function decorated with @test; main() runs them all, prints
one line per test and ends with "N passed, N failed" (tests/run.sh adds these
up). Tests get a fresh scratch folder and pin the date with LIANGZE_TODAY."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

BIN = os.environ.get("LIANGZE_BIN") or os.path.join(os.path.dirname(__file__), "..", "liangze")
TODAY = "2026-11-27"
_tests = []


def test(fn):
    _tests.append(fn)
    return fn


class Env:
    """A scratch folder with a database path, for one test."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="lzt-")
        os.chmod(self.dir, 0o755)
        self.db = os.path.join(self.dir, "lz.db")

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        p = self.path(name)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return p

    def run(self, *args, as_user=None, env=None, db=True, check=None, user=None):
        """Runs liangze; returns (exit code, stdout, stderr). check=N asserts the code."""
        cmd = [BIN]
        if db:
            cmd += ["--db", self.db]
        if as_user:
            cmd += ["--as", as_user]
        cmd += list(args)
        e = dict(os.environ)
        e.setdefault("LIANGZE_TODAY", TODAY)
        e["LANG"] = e.get("LZT_LANG", "C.UTF-8")
        e.pop("LANGUAGE", None)
        e.pop("LC_ALL", None)
        if env:
            e.update(env)
        if user:
            # Run as another OS account (e.g. nobody), as a person without root would.
            cmd = ["setpriv", "--reuid=%d" % user, "--regid=%d" % user, "--clear-groups"] + cmd
        p = subprocess.run(cmd, capture_output=True, env=e, timeout=120)
        out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        if check is not None and p.returncode != check:
            raise AssertionError("%s: exit %d, expected %d\nstdout: %s\nstderr: %s"
                                 % (" ".join(args), p.returncode, check, out, err))
        return p.returncode, out, err

    def sql(self, query, *params):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    def snapshot(self):
        """Every table's row count and full content hash: equal snapshots mean nothing changed.
        The search index's FTS5 tables need liangze's tokenizer: their shadow tables are compared."""
        con = sqlite3.connect(self.db)
        try:
            tables = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
            return {t: con.execute("SELECT * FROM %s ORDER BY 1" % t).fetchall() for t in tables}
        finally:
            con.close()

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


_demo = {}


def _make_demo(today):
    e = Env()
    e.run("init", "--demo", env={"LIANGZE_TODAY": today}, check=0)
    for side in ("-wal", "-shm", "-journal"):
        if os.path.exists(e.db + side):
            raise AssertionError("init --demo left %s behind" % (e.db + side))
    return e


def _demo_template(today):
    """A demo database made by `init --demo` of the binary under test, once per
    script and date — or once per run, in $LZT_CACHE (tests/run.sh sets it).
    The demo is the same every time for the same binary and date (only
    schema_migration's applied_at differs; test_demo_plan.py holds it to
    that), and making it under ASan takes seconds."""
    key = (os.path.realpath(BIN), today)
    if key in _demo:
        return _demo[key]
    cache = os.environ.get("LZT_CACHE")
    path = None
    if cache and os.path.isdir(cache):
        st = os.stat(key[0])
        path = os.path.join(cache, "%s-%d-%d-%s.db" % (os.path.basename(key[0]), st.st_ino, st.st_mtime_ns, today))
    if not path or not os.path.exists(path):
        e = _make_demo(today)
        if path:
            part = "%s.%d" % (path, os.getpid())
            shutil.copyfile(e.db, part)
            shutil.copymode(e.db, part)
            os.replace(part, path)   # whole, or not there: scripts may race to make it
            e.close()
        else:
            path = e.db
            import atexit
            atexit.register(e.close)
    _demo[key] = path
    return path


def demo_env(today=None, fresh=False):
    """A scratch folder holding its own demo database, as `init --demo` makes it
    on today (default: LIANGZE_TODAY or TODAY). A copy of one made earlier,
    unless fresh: then made here, for tests of the making itself."""
    today = today or os.environ.get("LIANGZE_TODAY", TODAY)
    if fresh:
        return _make_demo(today)
    src = _demo_template(today)
    e = Env()
    shutil.copyfile(src, e.db)
    shutil.copymode(src, e.db)
    return e


def eq(a, b, what=""):
    if a != b:
        raise AssertionError("%s: %r != %r" % (what, a, b))


def has(text, part, what=""):
    if part not in text:
        raise AssertionError("%s: %r not in %r" % (what, part, text))


def refused(e, code, args, msg_part=None, **kw):
    """Runs a command that must fail with code and leave the database as it was."""
    before = e.snapshot() if os.path.exists(e.db) else None
    rc, out, err = e.run(*args, **kw)
    eq(rc, code, "exit code of %s (stderr %r)" % (" ".join(args), err))
    lines = [l for l in err.splitlines() if l.strip()]
    if len(lines) != 1 or not lines[0].startswith("liangze: "):
        raise AssertionError("expected one 'liangze: …' line on stderr, got %r" % err)
    if msg_part:
        has(err, msg_part, "message")
    if before is not None:
        after = e.snapshot()
        if after != before:
            changed = [t for t in after if after.get(t) != before.get(t)]
            raise AssertionError("database changed after a refusal: %s" % changed)
    return err


def main():
    passed = failed = 0
    only = sys.argv[1:]
    for fn in _tests:
        if only and fn.__name__ not in only:
            continue
        try:
            fn()
            passed += 1
            print("ok   %s" % fn.__name__)
        except Exception:
            failed += 1
            print("FAIL %s" % fn.__name__)
            traceback.print_exc(file=sys.stdout)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
