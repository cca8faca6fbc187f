"""How long `liangze verify` takes on a million records.

Makes a demo database, adds N cadres (default 1,000,000) straight into the
file together with audit rows chained exactly as liangze writes them (the
encoding of src/audit_chain.h, re-implemented here), checks that verify
passes, then that one changed cadre is caught, and prints both timings.
Usage: LIANGZE_BIN=./liangze python3 bench/verify_million.py [N]"""
import hashlib
import json
import os
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time

BIN = os.environ.get("LIANGZE_BIN") or "./liangze"
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000


def row_hash(row):
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


def run(db, *args):
    env = dict(os.environ, LIANGZE_TODAY="2026-11-27")
    t0 = time.time()
    p = subprocess.run([BIN, "--db", db] + list(args), capture_output=True, text=True, env=env)
    return p.returncode, p.stdout + p.stderr, time.time() - t0


def main():
    d = tempfile.mkdtemp(prefix="lzbench-")
    db = os.path.join(d, "lz.db")
    rc, out, _ = run(db, "init", "--demo")
    assert rc == 0, out
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER audit_append_only_update")
    units = [r[0] for r in con.execute("SELECT id FROM unit ORDER BY id")]
    aid, prev = con.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    pid = con.execute("SELECT max(id) FROM person").fetchone()[0]
    t0 = time.time()
    people, audits = [], []
    for i in range(N):
        pid += 1
        aid += 1
        v = {"code": "B%07d" % i, "name": "测试%d" % i, "unit": str(units[i % len(units)]), "post": "科员",
             "rank": "科员", "principal": "0", "team_member": "0", "discipline_secretary": "0",
             "commission_member": "0", "promoted_on": None}
        people.append((pid, v["code"], v["name"], int(v["unit"]), v["post"], v["rank"]))
        after = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
        row = (aid, "2026-11-27T09:00:00", "root", "person", pid, "insert", None, after, prev)
        prev = row_hash(row)
        audits.append(row + (prev,))
        if len(people) == 100000 or i == N - 1:
            con.executemany("INSERT INTO person(id, code, name, unit, post, rank) VALUES (?,?,?,?,?,?)", people)
            con.executemany("INSERT INTO audit(id, at, login, kind, record_id, action, before, after, prev_hash, hash)"
                            " VALUES (?,?,?,?,?,?,?,?,?,?)", audits)
            people, audits = [], []
    con.commit()
    con.close()
    print("made %d cadres in %.1f s; file %.0f MB" % (N, time.time() - t0, os.path.getsize(db) / 1e6))
    rc, out, secs = run(db, "verify")
    print("verify: exit %d in %.1f s\n%s" % (rc, secs, out.strip()))
    assert rc == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE person SET rank = '处级' WHERE code = 'B%07d'" % (N * 3 // 4))
    con.commit()
    con.close()
    rc, out, secs = run(db, "verify")
    print("after one change: exit %d in %.1f s\n%s" % (rc, secs, out.strip()))
    assert rc == 6
    subprocess.run(["rm", "-rf", d])


main()
