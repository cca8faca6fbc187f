"""Many sessions on one database at once: 8 writers and 4 readers, each a
loop of real liangze processes, for a bounded time.

Writers import small CSV files of inquiries (new ones, and now and then a new
version of one they wrote before) and add accounts; each logs what liangze
said it committed. Readers list, search, export, report and verify, and one also
checks, in its own read transactions, that every inquiry has its audit row.
At the end every committed write must be there in its last committed form,
no process may have failed, and `liangze verify` must pass. The write-lock
waits come from LIANGZE_STATS (src/db.c); their percentiles are reported.

    python3 tests/stress_sessions.py [SECONDS]      (make stress: 20 s)
tests/test_sessions.py runs it for 5 s in make check."""
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lzt import BIN, TODAY, demo_env  # noqa: E402

HEADER = "询问方式,被询问人,询问内容,询问日期,答复内容\n"


def percentile(xs, p):
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


class Run:
    def __init__(self, e, seconds):
        self.e = e
        self.deadline = time.time() + seconds
        self.lock = threading.Lock()
        self.errors = []          # (who, command, rc, stderr)
        self.waits = []           # write-lock waits, ms
        self.expected = {}        # (respondent, asked_on) -> question, as last committed
        self.accounts = set()
        self.commits = 0
        self.reads = 0
        self.checks = 0

    def liangze(self, who, *args):
        env = dict(os.environ, LIANGZE_TODAY=TODAY, LANG="C.UTF-8", LIANGZE_STATS="1")
        env.pop("LANGUAGE", None)
        env.pop("LC_ALL", None)
        p = subprocess.run([BIN, "--db", self.e.db] + list(args), capture_output=True, env=env, timeout=120)
        err = p.stderr.decode("utf-8", "replace")
        waits, other = [], []
        for line in err.splitlines():
            f = line.split()
            if len(f) == 4 and f[:2] == ["lz-stats", "write-lock-wait-ms"]:
                waits.append(float(f[2]))
                if f[3] != "ok":
                    other.append(line)
            elif f[:2] == ["lz-stats", "import"]:
                pass                 # an import's steps (src/import.c)
            elif line.strip() and "waiting for another session" not in line:
                other.append(line)   # the notice that it queues is not an error
        with self.lock:
            self.waits += waits
            if p.returncode != 0 or other:
                self.errors.append((who, " ".join(args), p.returncode, "\n".join(other)))
        return p.returncode == 0 and not other, p.stdout.decode("utf-8", "replace")

    def writer(self, w):
        rng = random.Random(w)
        mine = []                 # keys this writer committed
        n = 0
        person = "P%04d" % (w + 1)
        path = self.e.path("w%d.csv" % w)
        while time.time() < self.deadline:
            n += 1
            if n % 4 == 0:
                login = "w%dn%d" % (w, n)
                ok, _ = self.liangze("writer %d" % w, "user", "add", login, "--role", "viewer")
                if ok:
                    with self.lock:
                        self.accounts.add(login)
                        self.commits += 1
                continue
            rows = {}
            for j in range(rng.randint(1, 3)):
                day = n * 3 + j
                asked = "%04d-%02d-%02d" % (2001 + day // 336, 1 + (day // 28) % 12, 1 + day % 28)
                rows[(person, asked)] = "W%dN%dR%d 写入测试" % (w, n, j)
            if mine and rng.random() < 0.3:
                key = rng.choice(mine)
                rows[key] = "W%dN%d 更新" % (w, n)
            with open(path, "w", encoding="utf-8") as f:
                f.write(HEADER)
                for (p, asked), q in rows.items():
                    f.write("书面询问,%s,%s,%s,已答复\n" % (p, q, asked))
            ok, _ = self.liangze("writer %d" % w, "import", "inquiry", path)
            if ok:
                with self.lock:
                    self.expected.update(rows)
                    self.commits += 1
                mine += [k for k in rows if k not in mine]

    def reader(self, r):
        n = 0
        while time.time() < self.deadline:
            n += 1
            which = (n + r) % 5
            if which == 4:
                # verify reads one consistent snapshot while the writers go on.
                ok, out = self.liangze("reader %d" % r, "verify")
            elif which == 0:
                ok, out = self.liangze("reader %d" % r, "list", "inquiry", "--search", "写入测试", "--limit", "20")
            elif which == 1:
                ok, out = self.liangze("reader %d" % r, "report", "overview")
            elif which == 2:
                ok, out = self.liangze("reader %d" % r, "export", "inquiry", "-o", self.e.path("r%d.csv" % r))
            else:
                ok, out = self.liangze("reader %d" % r, "list", "person", "--limit", "50")
            with self.lock:
                self.reads += 1
            if r == 0:
                self.audit_check()

    def audit_check(self):
        """In one read transaction: no inquiry without its audit row, no audit row of a missing inquiry."""
        con = sqlite3.connect(self.e.db, timeout=60)
        try:
            con.execute("BEGIN")
            orphans = con.execute("SELECT count(*) FROM inquiry i WHERE NOT EXISTS"
                                  " (SELECT 1 FROM audit a WHERE a.kind = 'inquiry' AND a.record_id = i.id)").fetchone()[0]
            ghosts = con.execute("SELECT count(*) FROM audit a WHERE a.kind = 'inquiry' AND a.action = 'insert'"
                                 " AND NOT EXISTS (SELECT 1 FROM inquiry i WHERE i.id = a.record_id)"
                                 " AND NOT EXISTS (SELECT 1 FROM audit d WHERE d.kind = 'inquiry'"
                                 " AND d.record_id = a.record_id AND d.action = 'delete')").fetchone()[0]
            con.execute("COMMIT")
        finally:
            con.close()
        with self.lock:
            self.checks += 1
            if orphans or ghosts:
                self.errors.append(("audit check", "", 0, "%d inquiries without audit, %d audit rows without inquiry"
                                    % (orphans, ghosts)))

    def final_check(self):
        """Problems found at the end, as a list of strings."""
        problems = []
        got = dict(((p, d), q) for p, d, q in self.e.sql(
            "SELECT p.code, i.asked_on, i.question FROM inquiry i JOIN person p ON p.id = i.respondent"
            " WHERE i.question LIKE 'W%'"))
        for key, q in self.expected.items():
            if got.get(key) != q:
                problems.append("committed %r = %r, found %r" % (key, q, got.get(key)))
        if len(got) != len(self.expected):
            problems.append("%d writer inquiries in the database, %d committed" % (len(got), len(self.expected)))
        logins = set(r[0] for r in self.e.sql("SELECT login FROM account WHERE login LIKE 'w%n%'"))
        if logins != self.accounts:
            problems.append("accounts: %d in the database, %d committed" % (len(logins), len(self.accounts)))
        ok = self.e.sql("PRAGMA integrity_check")[0][0]
        if ok != "ok":
            problems.append("integrity_check: %s" % ok)
        if self.e.sql("PRAGMA foreign_key_check"):
            problems.append("foreign_key_check failed")
        rc, out, err = self.e.run("verify")
        if rc != 0:
            problems.append("verify: exit %d: %s" % (rc, err.strip()))
        return problems


def run(seconds, writers=8, readers=4):
    """Runs the sessions on a fresh demo database; returns (Run, problems)."""
    e = demo_env()
    r = Run(e, seconds)
    threads = [threading.Thread(target=r.writer, args=(w,)) for w in range(writers)]
    threads += [threading.Thread(target=r.reader, args=(i,)) for i in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    problems = ["%s: %s: exit %d: %s" % err for err in r.errors]
    problems += r.final_check()
    return r, problems


def report(r):
    w = r.waits
    return ("%d writes committed (%d inquiries, %d accounts), %d reads, %d audit checks; write-lock wait over %d"
            " transactions: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
            % (r.commits, len(r.expected), len(r.accounts), r.reads, r.checks, len(w), percentile(w, 50),
               percentile(w, 99), max(w) if w else 0.0))


if __name__ == "__main__":
    secs = float(sys.argv[1]) if len(sys.argv) > 1 else 20
    r, problems = run(secs)
    print(report(r))
    for p in problems[:20]:
        print("PROBLEM", p)
    r.e.close()
    sys.exit(1 if problems else 0)
