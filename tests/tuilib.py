"""tuilib — drive the real liangze binary in tmux: send keys, read the screen.

Waits poll `capture-pane` against a deadline (never fixed sleeps alone), and
a failed wait prints the screen it last saw."""
import os
import shutil
import subprocess
import itertools
import time

from lzt import BIN, TODAY

_serial = itertools.count()


def available(gb18030=False):
    if not shutil.which("tmux"):
        return False
    if gb18030:
        if not shutil.which("luit"):
            return False
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
        return "zh_cn.gb18030" in out
    return True


class Tmux:
    def __init__(self, args, width=100, height=30, lang="zh_CN.UTF-8", term=None, luit=False, env=None):
        # One tmux server per session, named by process and a counter: scripts run
        # side by side (tests/run.sh), and one script may open two at once.
        self.sock = "lzt-%d-%d" % (os.getpid(), next(_serial))
        self.base = ["tmux", "-L", self.sock, "-f", "/dev/null"]
        cmd = " ".join("'%s'" % a.replace("'", "'\\''") for a in [BIN] + list(args))
        e = {"LANG": lang, "LC_ALL": "", "LANGUAGE": "", "LIANGZE_TODAY": TODAY}
        if "LIANGZE_LOCALEDIR" in os.environ:
            e["LIANGZE_LOCALEDIR"] = os.environ["LIANGZE_LOCALEDIR"]
        if env:
            e.update(env)
        if term:
            e["TERM"] = term
        exports = " ".join("%s='%s'" % (k, v) for k, v in e.items())
        if luit:
            cmd = "luit -encoding GB18030 -- " + cmd
        # Keep the pane after the program ends so its last screen can be read.
        script = "export %s; %s; echo __EXIT__$?; sleep 30" % (exports, cmd)
        subprocess.run(self.base + ["new-session", "-d", "-x", str(width), "-y", str(height), "sh", "-c", script],
                       check=True)
        subprocess.run(self.base + ["set-option", "-g", "escape-time", "0"], capture_output=True)

    def screen(self):
        return subprocess.run(self.base + ["capture-pane", "-p"], capture_output=True, text=True).stdout

    def wait(self, *texts, deadline=10.0):
        """Waits until every text is on the screen; returns the screen."""
        end = time.time() + deadline
        s = ""
        while time.time() < end:
            s = self.screen()
            if all(t in s for t in texts):
                return s
            time.sleep(0.1)
        raise AssertionError("screen never showed %r; last screen:\n%s" % (texts, s))

    def wait_gone(self, text, deadline=10.0):
        end = time.time() + deadline
        s = ""
        while time.time() < end:
            s = self.screen()
            if text not in s:
                return s
            time.sleep(0.1)
        raise AssertionError("screen kept showing %r; last screen:\n%s" % (text, s))

    def keys(self, *keys):
        """tmux key names: Enter, Escape, Tab, BTab, F2, Up, Down, Left, C-s …"""
        subprocess.run(self.base + ["send-keys"] + list(keys), check=True)
        time.sleep(0.05)

    def type(self, text):
        subprocess.run(self.base + ["send-keys", "-l", text], check=True)
        time.sleep(0.05)

    def resize(self, width, height):
        subprocess.run(self.base + ["resize-window", "-x", str(width), "-y", str(height)], check=True)
        time.sleep(0.1)

    def exited(self, deadline=10.0):
        s = self.wait("__EXIT__", deadline=deadline)
        return s

    def close(self):
        subprocess.run(self.base + ["kill-server"], capture_output=True)
