"""The shared-server install: `make install` into a scratch prefix puts
liangze setgid to a scratch group and makes the database folder 2770; two
ordinary accounts then cannot open the database file themselves, but use it
through liangze within their roles, and their exports are their own files.
Needs root (useradd, groupadd, chown); skipped otherwise."""
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from lzt import test, main, eq, has

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TAG = "%05d" % (os.getpid() % 100000)
GROUP, STAFF, VIEWER = "lzg" + TAG, "lzs" + TAG, "lzv" + TAG


def sh(*cmd, check=True, **kw):
    p = subprocess.run(list(cmd), capture_output=True, timeout=300, **kw)
    if check and p.returncode != 0:
        raise AssertionError("%s: exit %d\n%s%s" % (" ".join(cmd), p.returncode,
                                                    p.stdout.decode(errors="replace"),
                                                    p.stderr.decode(errors="replace")))
    return p


class Site:
    """A scratch prefix with liangze installed, its database and two accounts."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="lzinst-")
        os.chmod(self.tmp, 0o755)
        self.prefix = os.path.join(self.tmp, "usr")
        self.dbdir = os.path.join(self.prefix, "var", "lib", "liangze")
        self.db = os.path.join(self.dbdir, "liangze.db")
        self.bin = os.path.join(self.prefix, "bin", "liangze")
        self.work = os.path.join(self.tmp, "work")   # where the accounts put their files
        os.mkdir(self.work)
        os.chmod(self.work, 0o1777)
        self.users = []

    def install(self):
        sh("make", "-s", "install", "PREFIX=" + self.prefix, "LIANGZE_GROUP=" + GROUP, cwd=ROOT)
        for u in (STAFF, VIEWER):
            sh("useradd", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", u)
            self.users.append(u)

    def env(self, extra=None):
        e = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "TERM": "dumb"}
        e.update(extra or {})
        return e

    def run(self, user, *args, env=None):
        """liangze as an OS account (root when user is None): (code, stdout, stderr)."""
        cmd = [self.bin] + list(args)
        if user:
            cmd = ["runuser", "-u", user, "--"] + cmd
        p = subprocess.run(cmd, capture_output=True, env=self.env(env), cwd=self.work, timeout=120)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")

    def rows(self, q):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(q).fetchall()
        finally:
            con.close()

    def close(self):
        for u in self.users:
            sh("userdel", u, check=False)
        sh("groupdel", GROUP, check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)


@test
def shared_install_guards_the_file_and_keeps_roles():
    if os.geteuid() != 0:
        print("skipped: the install test needs root (useradd, groupadd, chown)")
        return
    s = Site()
    try:
        s.install()
        st = os.stat(s.bin)
        eq(oct(st.st_mode & 0o7777), oct(0o2755), "binary mode (setgid)")
        gid = int(sh("getent", "group", GROUP).stdout.split(b":")[2])
        eq(st.st_gid, gid, "binary group")
        st = os.stat(s.dbdir)
        eq((oct(st.st_mode & 0o7777), st.st_uid, st.st_gid), (oct(0o2770), 0, gid), "database folder")
        eq(os.path.getsize(os.path.join(s.prefix, "share/locale/zh_CN/LC_MESSAGES/liangze.mo")) > 1000,
           True, "catalog installed")

        # Before root has made it, nobody else may create the shared database
        # (its first account becomes the admin).
        rc, out, err = s.run(STAFF, "init")
        eq(rc, 3, "init by an ordinary account: %s" % err)
        has(err, "only root may create", "message")
        eq(os.path.exists(s.db), False, "no database made")

        rc, out, err = s.run(None, "init", "--demo")
        eq(rc, 0, "root init: " + err)
        eq(s.run(None, "user", "add", STAFF, "--role", "staff", "--scope", "悦来镇")[0], 0, "add staff")
        eq(s.run(None, "user", "add", VIEWER, "--role", "viewer")[0], 0, "add viewer")
        st = os.stat(s.db)
        eq((oct(st.st_mode & 0o777), st.st_gid), (oct(0o660), gid), "database file mode and group")

        # The accounts cannot reach the file by themselves.
        for u in (STAFF, VIEWER):
            p = sh("runuser", "-u", u, "--", "/usr/bin/python3", "-c",
                   "open(%r, 'rb').read(16)" % s.db, check=False)
            eq(p.returncode != 0 and b"PermissionError" in p.stderr, True, "open() by %s: %r" % (u, p.stderr))
            p = sh("runuser", "-u", u, "--", "sqlite3", s.db, "SELECT count(*) FROM account", check=False)
            eq(p.returncode != 0, True, "sqlite3 by %s (%r)" % (u, p.stdout))

        # Through liangze they work within their roles.
        rc, out, err = s.run(VIEWER, "list", "unit", "--format", "csv")
        eq(rc, 0, "viewer lists: " + err)
        eq(len(out.splitlines()) - 1, s.rows("SELECT count(*) FROM unit")[0][0], "viewer sees every unit")
        before = s.rows("SELECT count(*) FROM person")[0][0]
        f = os.path.join(s.work, "p.csv")
        with open(f, "w", encoding="utf-8") as fh:
            fh.write("name,unit,post\n新人甲,悦来镇红光村,文书\n")
        os.chmod(f, 0o644)
        rc, out, err = s.run(VIEWER, "import", "person", f)
        eq(rc, 3, "viewer import refused: " + err)
        eq(s.rows("SELECT count(*) FROM person")[0][0], before, "nothing added by the viewer")
        rc, out, err = s.run(STAFF, "import", "person", f)
        eq(rc, 0, "staff import in scope: " + err)
        eq(s.rows("SELECT count(*) FROM person WHERE name='新人甲'")[0][0], 1, "staff's row")
        eq(s.rows("SELECT login FROM audit ORDER BY id DESC LIMIT 1")[0][0], STAFF, "audited as the account")
        with open(f, "w", encoding="utf-8") as fh:
            fh.write("name,unit,post\n外人乙,浓洄街道,科员\n")
        eq(s.run(STAFF, "import", "person", f)[0], 3, "staff import out of scope")

        # An export is the account's own file, not the group's.
        out_file = os.path.join(s.work, "staff.xlsx")
        rc, out, err = s.run(STAFF, "export", "person", "-o", out_file)
        eq(rc, 0, "staff export: " + err)
        st = os.stat(out_file)
        pw = sh("id", "-u", STAFF).stdout.strip(), sh("id", "-g", STAFF).stdout.strip()
        eq((st.st_uid, st.st_gid), (int(pw[0]), int(pw[1])), "export owner")
        eq(st.st_gid != gid, True, "export not in the liangze group")

        # The -wal and -shm stay group-writable, so the other account's
        # session can still write after this one made them.
        for ext in ("-wal", "-shm"):
            if os.path.exists(s.db + ext):
                st = os.stat(s.db + ext)
                eq((oct(st.st_mode & 0o777), st.st_gid), (oct(0o660), gid), ext)
        eq(s.run(VIEWER, "list", "person", "--search", "新人甲")[0], 0, "viewer after staff's write")

        # --db elsewhere is opened with the account's own rights: not another
        # group file (the write-ahead log, say) and not a folder of its own
        # with the group.
        wal_before = open(s.db + "-wal", "rb").read() if os.path.exists(s.db + "-wal") else None
        rc, out, err = s.run(STAFF, "--db", s.db + "-wal", "list", "unit")
        eq(rc != 0, True, "--db naming the -wal: " + out)
        if wal_before is not None:
            eq(open(s.db + "-wal", "rb").read() == wal_before, True, "the -wal untouched")
        own = os.path.join(s.work, "own", "liangze.db")
        rc, out, err = s.run(STAFF, "--db", own, "init")
        eq(rc, 0, "a private database: " + err)
        eq(os.stat(own).st_gid, int(pw[1]), "private database in the account's group")

        # A running session has given the group up for good (real, effective,
        # saved) and cannot be looked into by its own account.
        sock = "lzinst-%s" % TAG
        sh("tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30",
           "runuser -u %s -- env TERM=xterm LANG=C.UTF-8 %s; sleep 30" % (STAFF, s.bin))
        try:
            pid, screen = None, ""
            for _ in range(100):
                screen = sh("tmux", "-L", sock, "capture-pane", "-p").stdout.decode(errors="replace")
                p = sh("pgrep", "-u", STAFF, "-x", "liangze", check=False).stdout.split()
                if p and "liangze" in screen:
                    pid = int(p[0])
                    break
                time.sleep(0.1)
            eq(pid is not None, True, "the session started: %s" % screen)
            gids = [l.split()[1:] for l in open("/proc/%d/status" % pid) if l.startswith("Gid:")][0]
            eq(set(gids), {pw[1].decode()}, "the session's real, effective, saved and fs groups")
            p = sh("runuser", "-u", STAFF, "--", "ls", "/proc/%d/fd" % pid, check=False)
            eq(p.returncode != 0, True, "the account reads its session's open files")
        finally:
            sh("tmux", "-L", sock, "kill-server", check=False)

        # Environment variables a setgid program must not trust are ignored:
        # the catalogs come from the installed folder.
        rc, out, err = s.run(STAFF, "--help", env={"LANG": "zh_CN.UTF-8", "LIANGZE_LOCALEDIR": "/nonexistent"})
        eq(rc, 0, "help")
        has(out, "退出码", "Chinese help from the installed catalog")
    finally:
        s.close()


if __name__ == "__main__":
    main()
