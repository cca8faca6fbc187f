"""A full disk and a read-only database: the command line and the screen say
so clearly, reading goes on, and nothing already saved is lost.

The full disk is a small tmpfs mounted for the test; where mounting is not
permitted, a loop device; failing that RLIMIT_FSIZE (ulimit -f) on the
liangze process (the screen tests are then skipped). Each test prints which
it used and unmounts in `finally`."""
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import tempfile

from lzt import BIN, TODAY, eq, has, main, refused, test
from stress_crash import demo_copy as demo_env   # one `init --demo` per run, copied
from tuilib import Tmux, available

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
GEN = os.environ.get("LIANGZE_GEN") or os.path.join(ROOT, "build", "bench", "gen")
NOBODY = 65534
# The sanitizer build (make test-asan sets ASAN_OPTIONS) imports ten times slower.
INQUIRIES = 1000 if os.environ.get("ASAN_OPTIONS") else 2500


def sh(*cmd):
    return subprocess.run(list(cmd), capture_output=True, text=True)


class Disk:
    """A small file system for a database, mounted at self.dir."""

    def __init__(self, size_kb):
        self.top = tempfile.mkdtemp(prefix="lzt-disk-")
        os.chmod(self.top, 0o755)
        self.dir = os.path.join(self.top, "mnt")
        os.mkdir(self.dir)
        self.image = None
        self.how = None
        want = os.environ.get("LZT_DISK", "")   # tmpfs, loop or rlimit: try the fallbacks here too
        if want in ("", "tmpfs") and sh("mount", "-t", "tmpfs", "-o", "size=%dk,mode=0755" % size_kb, "tmpfs",
                                        self.dir).returncode == 0:
            self.how = "tmpfs"
        elif want != "rlimit":
            self.image = os.path.join(self.top, "disk.img")
            with open(self.image, "wb") as f:
                f.truncate((size_kb + 2048) * 1024)   # ext4's own metadata takes some
            if (sh("mkfs.ext4", "-q", "-F", "-m", "0", self.image).returncode == 0
                    and sh("mount", "-o", "loop", self.image, self.dir).returncode == 0):
                self.how = "loop device"
        if not self.how:
            self.how = "RLIMIT_FSIZE"
        print("full disk by: %s" % self.how)

    @property
    def mounted(self):
        return self.how != "RLIMIT_FSIZE"

    def free_kb(self):
        v = os.statvfs(self.dir)
        return v.f_bavail * v.f_frsize // 1024

    def fill(self, leave_kb=0):
        """Takes up the free space but leave_kb."""
        with open(os.path.join(self.dir, "filler"), "ab") as f:
            chunk = b"\0" * 4096
            try:
                while self.free_kb() > leave_kb:
                    f.write(chunk)
                    f.flush()
            except OSError:
                pass

    def unfill(self):
        p = os.path.join(self.dir, "filler")
        if os.path.exists(p):
            os.remove(p)

    def readonly(self, ro):
        r = sh("mount", "-o", "remount,%s" % ("ro" if ro else "rw"), self.dir)
        if r.returncode:
            raise AssertionError("remount: %s" % r.stderr)

    def close(self):
        if self.mounted:
            if sh("umount", self.dir).returncode:
                sh("umount", "-l", self.dir)
        shutil.rmtree(self.top, ignore_errors=True)


def db_on(disk, e):
    """Moves e's database (cleanly checkpointed) onto the disk."""
    con = sqlite3.connect(e.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    dst = os.path.join(disk.dir, "lz.db")
    shutil.copyfile(e.db, dst)
    e.db = dst
    return dst


def with_people(e, n=300):
    p = subprocess.run([GEN, "--rows", str(n), "--kind", "person"], capture_output=True, check=True).stdout
    e.run("import", "person", e.write("person.csv", p), check=0)
    i = subprocess.run([GEN, "--rows", str(INQUIRIES), "--people", str(n), "--kind", "inquiry"], capture_output=True,
                       check=True).stdout
    return e.write("inquiry.csv", i)


def limited(size):
    """preexec_fn for the RLIMIT_FSIZE fallback: writes past size fail with EFBIG instead of killing."""
    def f():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return f


def run_limited(e, size, *args):
    env = dict(os.environ, LIANGZE_TODAY=TODAY, LANG="C.UTF-8")
    p = subprocess.run([BIN, "--db", e.db] + list(args), capture_output=True, env=env, preexec_fn=limited(size))
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def integrity(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


@test
def import_fills_the_disk():
    e = demo_env()
    csv = with_people(e)
    size = os.path.getsize(e.db)
    disk = Disk(size // 1024 + 12288)
    try:
        if disk.mounted:
            db_on(disk, e)
            before = e.snapshot()
            disk.fill(leave_kb=100)
            rc, out, err = e.run("import", "inquiry", csv)
        else:
            before = e.snapshot()
            rc, out, err = run_limited(e, 100 * 1024, "import", "inquiry", csv)   # the WAL may not pass 100 KB
        eq(rc, 5, "exit code (stderr %r)" % err)
        if disk.mounted:
            has(err, "is full; nothing was saved: free some space and try again", "message")
        eq(len(err.strip().splitlines()), 1, "one line")
        has(err, "liangze: ", "message")
        rc, out, _ = e.run("list", "inquiry", "--limit", "3")
        eq(rc, 0, "still readable")
        disk.unfill()
        eq(e.snapshot(), before, "nothing changed, nothing lost")
        eq(integrity(e.db), "ok", "integrity")
        rc, out, err = e.run("import", "inquiry", csv)
        eq(rc, 0, "with room again: %s" % err)
        has(out, "added %d" % INQUIRIES, "imported")
        e.run("verify", check=0)
    finally:
        disk.close()
        e.close()


@test
def a_disk_full_from_the_start():
    e = demo_env()
    disk = Disk(os.path.getsize(e.db) // 1024 + 1024)
    try:
        if not disk.mounted:
            print("skipped: needs a mounted file system")
            return
        db_on(disk, e)
        before = e.snapshot()
        disk.fill(leave_kb=0)
        rc, out, _ = e.run("list", "unit", "--limit", "2")
        eq(rc, 0, "reading works on a full disk")
        has(out, "B01", "units listed")
        refused_here(e, 5, ["user", "add", "someone", "--role", "staff"], "is full; nothing was saved")
        e.run("verify", check=0)
        disk.unfill()
        eq(e.snapshot(), before, "nothing lost")
        e.run("user", "add", "someone", "--role", "staff", check=0)
    finally:
        disk.close()
        e.close()


def open_unit_form(t):
    t.keys("u")
    t.wait("单位台账", "B01")
    t.keys("/")
    t.type("井河")
    t.wait("井河镇", "1/1")
    t.keys("Enter", "Enter")
    t.wait("X09")
    t.keys("e", "Down", "C-u")
    t.type("井河镇新名")
    t.wait("井河镇新名")


def back_to_menu(t):
    """From the unit form being edited, its changes given up."""
    t.keys("Escape")
    t.wait("放弃所做的修改")
    t.keys("y")
    t.wait("F4 编辑")
    t.keys("Escape")
    t.wait("单位台账")
    t.keys("Escape")
    t.wait("主菜单")


def refused_here(e, code, args, msg):
    """As lzt.refused, for a disk the test's own snapshot cannot read: exit code and one clear line."""
    rc, out, err = e.run(*args)
    eq(rc, code, "exit code of %s (stderr %r)" % (" ".join(args), err))
    eq(len(err.strip().splitlines()), 1, "one line on stderr: %r" % err)
    has(err, "liangze: ", "message")
    has(err, msg, "message")


def name_x09(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT name FROM unit WHERE code = 'X09'").fetchone()[0]
    finally:
        con.close()


@test
def the_screen_on_a_full_disk():
    if not available():
        print("skipped: no tmux")
        return
    e = demo_env()
    disk = Disk(os.path.getsize(e.db) // 1024 + 1024)
    t = None
    try:
        if not disk.mounted:
            print("skipped: needs a mounted file system")
            return
        db = db_on(disk, e)
        t = Tmux(["--db", db], width=180)
        t.wait("liangze 两责")
        open_unit_form(t)
        disk.fill(leave_kb=0)
        t.keys("F2")
        t.wait("所在的磁盘已满，未保存任何内容")   # the screens speak Chinese
        eq(name_x09(db), "井河镇", "nothing saved")
        # Reading goes on: another ledger opens.
        back_to_menu(t)
        t.keys("p")
        t.wait("干部台账", "P0001")
        t.keys("F10")
        t.wait("主菜单")
        # With room again, the same session saves.
        disk.unfill()
        open_unit_form(t)
        t.keys("F2")
        t.wait("已保存", "井河镇新名")
        eq(name_x09(db), "井河镇新名", "saved once there was room")
        t.close()
        t = None
        e.run("verify", check=0)
    finally:
        if t:
            t.close()
        disk.close()
        e.close()


@test
def a_read_only_mount():
    e = demo_env()
    disk = Disk(os.path.getsize(e.db) // 1024 + 2048)
    t = None
    try:
        if not disk.mounted:
            print("skipped: needs a mounted file system")
            return
        db = db_on(disk, e)
        before = e.snapshot()
        disk.readonly(True)
        rc, out, _ = e.run("list", "unit", "--limit", "2")
        eq(rc, 0, "reading a read-only database")
        has(out, "B01", "units listed")
        rc, out, _ = e.run("verify")
        eq(rc, 0, "verify reads it")
        # (refused() cannot be used: its snapshot would need the -shm file the mount refuses.)
        for args in (["user", "add", "someone", "--role", "staff"],
                     ["import", "unit", e.write("u.csv", "单位编码,单位名称,单位类别\nZ1,新单位,乡镇\n")]):
            refused_here(e, 5, args, "liangze: the database %s is read-only here" % db)
        if available():
            t = Tmux(["--db", db], width=180)
            t.wait("liangze 两责", "此数据库在此为只读")   # said at once
            open_unit_form(t)
            t.keys("F2")
            t.wait("在此为只读", "未保存任何内容，但仍可查看")
            back_to_menu(t)
            t.keys("p")
            t.wait("干部台账", "P0001")
            t.keys("F10")
            t.wait("主菜单")
            t.close()
            t = None
        disk.readonly(False)
        eq(e.snapshot(), before, "nothing changed")
    finally:
        if t:
            t.close()
        if disk.mounted:
            sh("mount", "-o", "remount,rw", disk.dir)
        disk.close()
        e.close()


def as_nobody(e, folder_mode, file_mode):
    """The database in a folder of nobody's, with the modes given; liangze runs as nobody."""
    e.run("user", "add", "nobody", "--role", "admin", check=0)
    con = sqlite3.connect(e.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    d = e.path("home")
    os.mkdir(d)
    db = os.path.join(d, "lz.db")
    shutil.copyfile(e.db, db)
    os.chown(d, NOBODY, NOBODY)
    os.chown(db, NOBODY, NOBODY)
    os.chmod(db, file_mode)
    os.chmod(d, folder_mode)
    e.db = db


@test
def a_read_only_file_and_a_read_only_folder():
    for folder, file, what in ((0o755, 0o444, "file"), (0o555, 0o644, "folder")):
        e = demo_env()
        try:
            as_nobody(e, folder, file)
            before = e.snapshot()
            rc, out, err = e.run("list", "unit", "--limit", "2", user=NOBODY)
            eq(rc, 0, "read-only %s: reading (%s)" % (what, err))
            has(out, "B01", "units listed")
            refused(e, 5, ["user", "add", "someone", "--role", "staff"], "read-only", user=NOBODY)
            refused(e, 5, ["import", "unit", e.write("u.csv", "单位编码,单位名称,单位类别\nZ1,新单位,乡镇\n")],
                    "read-only", user=NOBODY)
            eq(e.snapshot(), before, "read-only %s: nothing changed" % what)
        finally:
            e.close()


if __name__ == "__main__":
    main()
