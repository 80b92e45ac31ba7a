#!/bin/sh
# run.sh SUITE...: run the cmocka suites, $JOBS at a time, then print each
# one's output in order and "unit tests: N passed, N failed". A suite that
# crashes or exits non-zero without a cmocka count counts as one failure.
: "${JOBS:=$(nproc 2>/dev/null || echo 2)}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
i=0
for t in "$@"; do
	i=$((i + 1))
	echo "$i $t"
done | xargs -P "$JOBS" -L1 sh -c '"$2" > "$0/$1.out" 2>&1; echo $? > "$0/$1.rc"' "$work"
pass=0
fail=0
i=0
for t in "$@"; do
	i=$((i + 1))
	echo "== $t"
	cat "$work/$i.out"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$work/$i.out")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$work/$i.out")
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	[ "$(cat "$work/$i.rc")" = 0 ] || [ -n "$f" ] || fail=$((fail + 1))
done
echo "unit tests: $pass passed, $fail failed"
[ "$fail" = 0 ]
