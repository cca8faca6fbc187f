"""make bench: issue 9's six benchmarks, each beside its reference on the same
data in the same run, alternated, repeated; figures to bench/results.md.

    /usr/bin/python3 bench/run.py --rows N --reps R --out FILE [--work DIR] [--json FILE]

Data (deterministic, seed 9): the generator's realistic plan (demo units,
20,000 cadres, N records over the kinds, UTF-8 and GB18030) imported into the
realistic database, and one GB18030 file of N inquiries for the import,
export, browsing and search benchmarks (the largest kind, at full size)."""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# BENCH_BIN and BENCH_LIANGZE let a long run use copies of the programs while
# the tree is rebuilt.
B = os.environ.get("BENCH_BIN") or os.path.join(ROOT, "build", "bench")
LZ = os.environ.get("BENCH_LIANGZE") or os.path.join(ROOT, "liangze")
SEED = "9"


def run(cmd):
    """Runs cmd (a helper such as the generator) and checks it."""
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def timed(cmd, env=None, shell=False):
    """Like run, with the child's own peak RSS (wait4)."""
    e = dict(os.environ)
    e.setdefault("LIANGZE_TODAY", "2026-11-27")
    e["LANG"] = "C.UTF-8"
    if env:
        e.update(env)
    # The previous step's dirty pages (an import writes a gigabyte) are
    # flushed first, so their writeback is not charged to this run.
    os.sync()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=e, shell=shell, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    outf, errf = p.stdout, p.stderr
    out = outf.read()
    err = errf.read()
    _, status, ru = os.wait4(p.pid, 0)
    t = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (cmd if isinstance(cmd, str) else " ".join(cmd), p.returncode,
                                               err.decode("utf-8", "replace")[-2000:]))
    return t, ru.ru_maxrss / 1024.0, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def lz(*args, db, env=None):
    return timed([LZ, "--db", db] + list(args), env=env)


def fresh(src, dst):
    for suf in ("", "-wal", "-shm"):
        if os.path.exists(dst + suf):
            os.remove(dst + suf)
    shutil.copyfile(src, dst)


def stats(v):
    return {"min": min(v), "median": statistics.median(v), "n": len(v)}


def machine():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) / 1024 / 1024
    sq = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem, 1), "kernel": platform.release(),
            "sqlite": sq, "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


# The reference schema for benchmark 1: the inquiry CSV's columns as a plain
# table, and the search fields in an FTS5 index kept by a trigger, as a
# stock sqlite3 shell can have it (trigram: the shell lacks liangze's tokenizer).
def ref_schema(header, fts):
    cols = ", ".join('"%s" TEXT' % h for h in header)
    sql = "CREATE TABLE t(%s);" % cols
    if fts:
        sql += ("CREATE VIRTUAL TABLE t_fts USING fts5(\"询问内容\", \"答复内容\", content='t', tokenize='trigram');"
                "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO t_fts(rowid, \"询问内容\", \"答复内容\")"
                " VALUES (new.rowid, new.\"询问内容\", new.\"答复内容\"); END;")
    return sql


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1000000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results.md"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "bench", "work"))
    ap.add_argument("--json")
    a = ap.parse_args()
    W = a.work
    shutil.rmtree(W, ignore_errors=True)
    os.makedirs(W)
    R = {"machine": machine(), "rows": a.rows, "reps": a.reps}
    T0 = time.perf_counter()
    log = lambda m: print("[%6.1fs] %s" % (time.perf_counter() - T0, m), flush=True)

    # --- data ---------------------------------------------------------------
    log("generating the data")
    run([os.path.join(B, "gen"), "--plan", os.path.join(W, "plan"), "--seed", SEED, "--rows", str(a.rows)])
    inq = os.path.join(W, "inquiry.gb18030.csv")
    with open(inq, "wb") as f:
        subprocess.run([os.path.join(B, "gen"), "--seed", SEED, "--rows", str(a.rows), "--kind", "inquiry",
                        "--encoding", "gb18030"], stdout=f, check=True)
    base = os.path.join(W, "base.db")
    lz("init", "--demo", db=base)
    lz("import", "person", os.path.join(W, "plan", "utf8", "person.csv"), db=base)
    log("base database: demo district and 20,000 cadres")

    # The realistic database: the plan's GB18030 files in order.
    real = os.path.join(W, "real.db")
    fresh(base, real)
    total = 0.0
    plan = [l.split("\t") for l in open(os.path.join(W, "plan", "plan.tsv")) if not l.startswith("#")]
    for row in plan:
        kind, n = row[0], int(row[1])
        if kind in ("unit", "person") or n == 0:
            continue
        t, rss, out, err = lz("import", kind, os.path.join(W, "plan", "gb18030", kind + ".csv"), db=real)
        total += t
    R["realistic_import_s"] = total
    R["realistic_records"] = sum(int(r[1]) for r in plan if r[0] not in ("unit", "person"))
    log("realistic database: %d records in %.1f s" % (R["realistic_records"], total))

    # --- 1. import ------------------------------------------------------------
    header = None
    with open(inq, "rb") as f:
        header = f.readline().decode("gb18030").strip().lstrip("\ufeff").split(",")
    lzt, lockt, reft, baret, lzrss = [], [], [], [], []
    steps = {}
    imp = os.path.join(W, "imp.db")
    ireps = a.reps
    for r in range(ireps):
        fresh(base, imp)
        t, rss, out, err = lz("import", "inquiry", inq, db=imp, env={"LIANGZE_BENCH_LOCK": "1", "LIANGZE_STATS": "1"})
        lzt.append(t)
        lzrss.append(rss)
        lockt.append(float([l for l in err.splitlines() if l.startswith("write-lock-ms")][0].split()[1]) / 1000)
        # Its steps (src/import.c): milliseconds each, and how many indexes it set aside.
        for l in err.splitlines():
            p = l.split()
            if p[:2] == ["lz-stats", "import"] and len(p) == 4:
                steps.setdefault(p[2], []).append(float(p[3]))
        for fts, acc in ((True, reft), (False, baret)):
            ref = os.path.join(W, "ref.db")
            for suf in ("", "-wal", "-shm"):
                if os.path.exists(ref + suf):
                    os.remove(ref + suf)
            subprocess.run(["sqlite3", ref, ref_schema(header, fts)], check=True)
            t, _, _, _ = timed("iconv -f GB18030 -t UTF-8 '%s' | sqlite3 '%s' '.import --csv --skip 1 /dev/stdin t'"
                               % (inq, ref), shell=True)
            acc.append(t)
        log("import round %d: liangze %.1f s, pipeline with FTS5 %.1f s, bare %.1f s" % (r + 1, lzt[-1], reft[-1], baret[-1]))
    n = int(subprocess.run(["sqlite3", imp, "SELECT count(*) FROM inquiry"], capture_output=True, text=True).stdout)
    R["import"] = {"liangze": stats(lzt), "lock": stats(lockt), "ref_fts": stats(reft), "ref_bare": stats(baret),
                   "rss": max(lzrss), "inquiries": n, "steps": {k: statistics.median(v) for k, v in steps.items()}}

    # --- 2. export --------------------------------------------------------------
    ex, fl, py = [], [], []
    exrss, flrss = [], []
    out = os.path.join(W, "x.xlsx")
    pyreps = a.reps if a.rows <= 200000 else 1
    for r in range(ireps):
        t, rss, o, e = lz("export", "inquiry", "-o", out, db=imp)
        ex.append(t)
        exrss.append(rss)
        t, rss, o, e = timed([os.path.join(B, "xlsx_floor"), imp, "inquiry", out])
        fl.append(t)
        flrss.append(rss)
        if r < pyreps:
            t, rss, o, e = timed(["/usr/bin/python3", os.path.join(ROOT, "bench", "xlsx_python.py"), imp, out])
            py.append(t)
        log("export round %d: liangze %.1f s, floor %.1f s%s" % (r + 1, ex[-1], fl[-1], ", python %.1f s" % py[-1] if r < pyreps else ""))
    R["export"] = {"liangze": stats(ex), "floor": stats(fl), "python": stats(py), "rss": max(exrss),
                   "floor_rss": max(flrss)}

    # --- 3. browsing and 6. its memory --------------------------------------------
    t, rss, o, e = timed([os.path.join(B, "browse"), imp, "inquiry"])
    br = {}
    for line in o.splitlines():
        p = line.split()
        if p[0] == "keyset":
            br[p[1]] = {"p50": float(p[2]), "p99": float(p[3]), "presses": int(p[4])}
        elif p[0] in ("offset", "keyq"):
            br[p[0] + "_" + p[1]] = float(p[2])
        else:
            br[p[0]] = float(p[1])
    br["rss_child"] = rss
    R["browse"] = br
    log("browse: p99 start %.2f ms, middle %.2f, end %.2f" % (br["start"]["p99"], br["middle"]["p99"], br["end"]["p99"]))

    # --- 4. search --------------------------------------------------------------------
    t, rss, o, e = timed([os.path.join(B, "search"), imp, "inquiry", "40", str(max(30, a.reps * 10))])
    se = []
    for line in o.splitlines():
        p = line.split()
        if p[0] == "rss":
            continue
        se.append({"word": p[0], "per_million": int(p[1]), "hits": int(p[2]), "p50": float(p[3]), "p99": float(p[4]),
                   "scan_p50": float(p[5]), "scan_min": float(p[6])})
    R["search"] = {"words": se, "rss_child": rss}
    log("search: worst p99 %.2f ms" % max(w["p99"] for w in se))

    # --- 5. start-up ------------------------------------------------------------------
    st, fl5 = [], []
    for r in range(max(5, a.reps * 3)):
        t, rss, o, e = timed([LZ, "--db", real, "dashboard"], env={"LIANGZE_EXIT_AFTER_DRAW": "1", "TERM": "xterm"})
        st.append(t)
        t, _, o, e = timed(["sqlite3", real, "select 1"])
        fl5.append(t)
    R["startup"] = {"liangze": stats(st), "floor": stats(fl5)}
    log("start-up: %.0f ms (sqlite3 %.0f ms)" % (R["startup"]["liangze"]["median"] * 1000, R["startup"]["floor"]["median"] * 1000))
    R["total_s"] = time.perf_counter() - T0
    if a.json:
        json.dump(R, open(a.json, "w"), indent=1, ensure_ascii=False)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import report
    open(a.out, "w").write(report.markdown(R))
    log("wrote %s" % a.out)


if __name__ == "__main__":
    main()
