#!/bin/sh
# Runs every test program in $1 (cmocka) and every tests/test_*.py script,
# sums their counts and ends with "N passed, N failed". A program that dies
# without a summary counts as one failure. Counts are also appended to
# $LIANGZE_SUMMARY when set, so `make check` can add up both builds.
#
# $LIANGZE_JOBS tests run at a time (default: one per core). Each one's output
# goes to its own file; results are printed in the usual order as they come
# in, so the log reads the same as a one-at-a-time run. The slowest tests of
# the previous run (their seconds are kept in $1/.times) start first, so the
# run does not end waiting for one long test.
dir=$1
jobs=${LIANGZE_JOBS:-$(nproc 2>/dev/null || echo 1)}
pass=0
fail=0
work=$(mktemp -d)
# Demo databases made once per run by the binary under test (tests/lzt.py).
LZT_CACHE=$work/cache
export LZT_CACHE
mkdir "$LZT_CACHE"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# The tests, in the order they are reported: programs, then scripts.
: >"$work/list"
for t in "$dir"/test_*; do
	case $t in *.d) continue ;; esac
	[ -x "$t" ] && echo "$t" >>"$work/list"
done
for t in tests/test_*.py; do
	[ -f "$t" ] && echo "$t" >>"$work/list"
done

# Start order: longest first by last run's seconds. Tests not timed yet (a
# fresh build) go first of all: the known slow scripts, then other scripts,
# then programs (short).
slow="test_search.py test_verify.py test_hostile.py test_demo_plan.py test_tui.py test_cli_backup.py"
awk -v times="$dir/.times" -v slow="$slow" '
	BEGIN { while ((getline l < times) > 0) { split(l, f, " "); s[f[1]] = f[2] }
		n = split(slow, sl, " "); for (i = 1; i <= n; i++) hint[sl[i]] = 100010 - i }
	{ n = $0; sub(/.*\//, "", n)
	  k = (n in s) ? s[n] : (n in hint) ? hint[n] : (n ~ /\.py$/ ? 100001 : 100000); print k, NR, $0 }
' "$work/list" | sort -k1,1nr -k2,2n | cut -d' ' -f2- >"$work/order"

# One test: output to N.out, then "status seconds" to N.done (renamed into
# place, so a file that exists is complete).
(
	while read -r i t; do echo "$i $t"; done <"$work/order" |
	xargs -P "$jobs" -L 1 sh -c '
		w=$0; i=$1; t=$2; started=$(date +%s)
		case $t in
		*.py) /usr/bin/python3 "$t" >"$w/$i.out" 2>&1 ;;
		*) "$t" >"$w/$i.out" 2>&1 ;;
		esac
		echo "$? $(( $(date +%s) - started ))" >"$w/$i.tmp" && mv "$w/$i.tmp" "$w/$i.done"' "$work"
) &
runner=$!

count() { # name, exit status, seconds, output file
	# cmocka's summary may share a line with its other output (stdout and stderr).
	p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^\([0-9]*\) passed, [0-9]* failed.*/\1/p' "$4" | tail -1)
	f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^[0-9]* passed, \([0-9]*\) failed.*/\1/p' "$4" | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ "$2" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" != 0 ]; then echo "FAIL $1 ($p passed, $f failed; ${3}s)"; sed 's/^/    /' "$4"; else echo "ok   $1 ($p passed; ${3}s)"; fi
}
i=0
: >"$work/times"
while read -r t; do
	i=$((i + 1))
	while [ ! -f "$work/$i.done" ]; do
		# A runner that is gone without this test's status: it was killed.
		if ! kill -0 "$runner" 2>/dev/null && [ ! -f "$work/$i.done" ]; then
			echo "1 0" >"$work/$i.done"; echo "(never finished)" >>"$work/$i.out"
		fi
		sleep 0.2
	done
	read -r rc secs <"$work/$i.done"
	name=$(basename "$t")
	count "$name" "$rc" "$secs" "$work/$i.out"
	echo "$name $secs" >>"$work/times"
done <"$work/list"
wait
cp "$work/times" "$dir/.times" 2>/dev/null
[ -n "$LIANGZE_SUMMARY" ] && echo "$pass $fail" >> "$LIANGZE_SUMMARY"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
