#!/bin/sh
# Runs every test program in $1 (cmocka) and every tests/test_*.py script,
# sums their counts and ends with "N passed, N failed". A program that dies
# without a summary counts as one failure. Counts are also appended to
# $LIANGZE_SUMMARY when set, so `make check` can add up both builds.
dir=$1
pass=0
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
count() { # name, exit status
	# cmocka's summary may share a line with its other output (stdout and stderr).
	p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^\([0-9]*\) passed, [0-9]* failed.*/\1/p' "$out" | tail -1)
	f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^[0-9]* passed, \([0-9]*\) failed.*/\1/p' "$out" | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ "$2" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
	secs=$(( $(date +%s) - started ))
	if [ "$f" != 0 ]; then echo "FAIL $1 ($p passed, $f failed; ${secs}s)"; sed 's/^/    /' "$out"; else echo "ok   $1 ($p passed; ${secs}s)"; fi
}
for t in "$dir"/test_*; do
	case $t in *.d) continue ;; esac
	[ -x "$t" ] || continue
	started=$(date +%s)
	"$t" >"$out" 2>&1
	count "$(basename "$t")" $?
done
for t in tests/test_*.py; do
	[ -f "$t" ] || continue
	started=$(date +%s)
	/usr/bin/python3 "$t" >"$out" 2>&1
	count "$(basename "$t")" $?
done
[ -n "$LIANGZE_SUMMARY" ] && echo "$pass $fail" >> "$LIANGZE_SUMMARY"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
