#!/bin/sh
# run.sh: run every command-line test script (tests/cli/t*.sh) against
# $KFQ, each in a fresh folder, and print "N passed, N failed".
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${KFQ:=$top/kfq}"
DATA=$top/tests/data
export KFQ DATA
unset KFQ_DB
total_pass=0
total_fail=0
for t in "$top"/tests/cli/t*.sh; do
	dir=$(mktemp -d)
	echo "== $(basename "$t")"
	out=$(cd "$dir" && sh -c ". '$top/tests/cli/lib.sh'; . '$t'; echo \"#counts \$pass \$failed\"" 2>&1)
	echo "$out" | grep -v '^#counts'
	counts=$(echo "$out" | grep '^#counts' | tail -1)
	if [ -z "$counts" ]; then
		echo "FAIL - $(basename "$t") stopped before its end"
		total_fail=$((total_fail + 1))
	else
		set -- $counts
		total_pass=$((total_pass + $2))
		total_fail=$((total_fail + $3))
	fi
	rm -rf "$dir"
done
echo "command-line tests: $total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
