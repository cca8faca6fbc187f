"""Many sessions at once, shortened for make check (tests/stress_sessions.py;
make stress runs it for 20 s): 8 writers and 4 readers for 5 s, no errors,
every committed write there at the end, verify passes; the write-lock wait
percentiles are printed."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lzt import eq, main, test  # noqa: E402
import stress_sessions  # noqa: E402


@test
def eight_writers_four_readers():
    r, problems = stress_sessions.run(5)
    try:
        print(stress_sessions.report(r))
        eq(problems[:10], [], "problems")
        if r.commits < 8 or r.reads < 4 or r.checks < 1 or not r.accounts:
            raise AssertionError("too little happened: " + stress_sessions.report(r))
        eq(len(r.waits) >= r.commits, True, "a lock-wait figure for every committed write")
    finally:
        r.e.close()


if __name__ == "__main__":
    main()
