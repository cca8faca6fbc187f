"""Kills, shortened for make check (tests/stress_crash.py; make stress kills
an import of 1,000,000 rows 20 times): an import of 5,000 generated rows
killed 3 times, and a TUI save killed while it waits for the write lock and
just after the save key. After each: integrity_check and verify pass, and the
import or the save is there wholly or not at all."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lzt import main, test  # noqa: E402
from tuilib import available  # noqa: E402
import stress_crash  # noqa: E402


@test
def import_killed_three_times():
    print(stress_crash.import_kills(int(os.environ.get("LZT_CRASH_ROWS", "5000")), 3))


@test
def tui_killed_in_a_save():
    if not available():
        print("skipped: no tmux")
        return
    print(stress_crash.tui_kills(2))


if __name__ == "__main__":
    main()
