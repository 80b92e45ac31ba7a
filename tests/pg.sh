#!/bin/sh
# pg.sh SUITE...: run the unit suites and the command line's PostgreSQL
# script (t0200) on a throwaway PostgreSQL server (scripts/pgtest), and
# print "PostgreSQL tests: N passed, N failed". Without a PostgreSQL
# server installed it says so and passes nothing (the SQLite run has run
# every test).
# A suite whose source (tests/unit/NAME.c) does not include testdb.h never
# opens a database (only testdb.c reads KFQ_TEST_PG): it would run here
# exactly as in the SQLite run, so it is not run again.
top=$(cd "$(dirname "$0")/.." && pwd)
suites=""
once=""
for t in "$@"; do
	n=$(basename "$t")
	if [ -f "$top/tests/unit/$n.c" ] && ! grep -q '^#include "testdb.h"' "$top/tests/unit/$n.c"; then
		once="$once $n"
	else
		suites="$suites $t"
	fi
done
dir=$(mktemp -d -u /tmp/kfq-pgtest.XXXXXX)
if ! url=$("$top/scripts/pgtest" start "$dir" 2> "$dir.err"); then
	echo "PostgreSQL: $(cat "$dir.err")"
	rm -f "$dir.err"
	echo "PostgreSQL tests: 0 passed, 0 failed (no server: scripts/deps installs postgresql)"
	exit 0
fi
rm -f "$dir.err"
trap '"$top/scripts/pgtest" stop "$dir"' EXIT INT TERM
export KFQ_TEST_PG="$url"
# the server goes whole at the end: the suites leave their schemas in it
# (dropping each one cost the server a fifth of its CPU: tests/unit/testdb.c)
export KFQ_TEST_PG_THROWAWAY=1
# the suites' fixtures are copies of a database the migrations made once
# (tests/unit/testdb.c: some 100 ms of the server's CPU each, not 200)
if turl=$("$top/scripts/pgtest" createdb "$dir" kfq_template) \
   && "$KFQ" --db "$turl" init > "$dir.tmpl" 2>&1; then
	export KFQ_TEST_PG_TEMPLATE=kfq_template
else
	echo "== PostgreSQL: no template database, each fixture migrated: $(cat "$dir.tmpl" 2>/dev/null)"
fi
rm -f "$dir.tmpl"
echo "== PostgreSQL: $url"
[ -z "$once" ] || echo "== not run again (they open no database):$once"
sh "$top/tests/unit/run.sh" $suites > "$dir.unit" 2>&1
cat "$dir.unit"
sh "$top/tests/cli/run.sh" t0200-postgres.sh > "$dir.cli" 2>&1
cat "$dir.cli"
# the server's CPU seconds (its own and its sessions', as the kernel counts
# them for the postmaster: /proc/PID/stat's fields 14 to 17, in ticks)
pm=$(head -1 "$dir/data/postmaster.pid" 2>/dev/null)
[ -r "/proc/$pm/stat" ] && awk -v hz="$(getconf CLK_TCK)" '{ printf "PostgreSQL server CPU: %.0f s\n", ($14 + $15 + $16 + $17) / hz }' "/proc/$pm/stat"
u=$(tail -1 "$dir.unit"); c=$(tail -1 "$dir.cli")
up=$(echo "$u" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
uf=$(echo "$u" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
cp=$(echo "$c" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
cf=$(echo "$c" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
rm -f "$dir.unit" "$dir.cli"
n=$(echo $once | wc -w)
echo "PostgreSQL tests: $((${up:-0} + ${cp:-0})) passed, $((${uf:-1} + ${cf:-1})) failed" \
	"($n of the suites open no database: not run again)"
[ "${uf:-1}" = 0 ] && [ "${cf:-1}" = 0 ]
