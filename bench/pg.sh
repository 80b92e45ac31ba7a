#!/bin/sh
# bench/pg.sh: kfq on PostgreSQL (docs/benchmarks.md, "PostgreSQL"), on a
# server of its own that it starts (scripts/pgtest, PostgreSQL's durable
# defaults) and stops. For each size (a zone; a city of 10 zones) it
# measures, on the same generated files as bench/run.sh:
#   - import: `kfq import data data.csv` into a schema of its own, against
#     `psql \copy` of the same file into a plain table of text columns
#     (rows per second; the baseline parses nothing and checks nothing);
#   - bulletin: `kfq bulletin --period 2017-12 --unit province --format csv`
#     on the server, against the same command on SQLite (seconds);
#   - the city only: its first 8 zones imported one after another, then all
#     8 at once (8 processes, 8 connections): total rows per second.
# Environment: BENCH_PG_SIZES (default "zone city"), KFQ (default ./kfq).
# Output: the table on stdout and in bench/out/pg-results.txt.
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out
SIZES=${BENCH_PG_SIZES:-zone city}
KFQ_SRC=${KFQ:-./kfq}
# the importers' result lines are read below: in English
export KFQ_LANG=en
die() { echo "bench/pg: $*" >&2; exit 1; }
[ -x "$KFQ_SRC" ] || die "$KFQ_SRC is missing: run make kfq"
command -v psql >/dev/null || die "psql is missing (Debian: postgresql-client)"
mkdir -p "$OUT"
cc -O2 -std=c11 -Wall -Wextra -o "$OUT/gen" bench/gen.c || die "cannot compile bench/gen.c"
cp "$KFQ_SRC" "$OUT/kfq.pg"
K=$OUT/kfq.pg
DIR=$(mktemp -d -u /tmp/kfq-pgbench.XXXXXX)
URL=$(PGTEST_DURABLE=1 scripts/pgtest start "$DIR") || die "no PostgreSQL server"
trap 'scripts/pgtest stop "$DIR"' EXIT INT TERM
PGV=$(psql -X -At "$URL" -c "SHOW server_version")
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
schema() { echo "$URL&options=-csearch_path%3D$1"; }
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MACHINE="$CPU, $(grep -c '^processor' /proc/cpuinfo) cores, PostgreSQL $PGV, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "bench/pg: $MACHINE"
RES=$OUT/pg-rows.tmp
: > "$RES"
for size in $SIZES; do
	case $size in zone) Z=1 ;; city) Z=10 ;; province) Z=115 ;; *) die "unknown size $size" ;; esac
	D=$OUT/pg-$size
	rm -rf "$D"; mkdir -p "$D"
	"$OUT/gen" "$Z" "$D" period > /dev/null
	ROWS=$(($(wc -l < "$D/data.csv") - 1))
	S=$(schema "b_$size")
	echo "bench/pg: $size: $ROWS rows"
	"$K" --db "$S" init > /dev/null
	"$K" --db "$S" import units "$D/units.csv" > /dev/null
	"$K" --db "$S" import indicators "$D/indicators.csv" > /dev/null
	t0=$(now); "$K" --db "$S" import data "$D/data.csv" > /dev/null; t1=$(now)
	T_IMP=$(secs "$t0" "$t1")
	"$K" --db "$S" import targets "$D/targets.csv" > /dev/null
	t0=$(now); "$K" --db "$S" bulletin --period 2017-12 --unit province --format csv > "$D/pg.csv"; t1=$(now)
	T_BUL=$(secs "$t0" "$t1")
	psql -X -q "$URL" -c "DROP TABLE IF EXISTS plain_$size" \
		-c "CREATE TABLE plain_$size(unit text, indicator text, period text, value text)"
	t0=$(now); psql -X -q "$URL" -c "\\copy plain_$size FROM '$D/data.csv' CSV HEADER"; t1=$(now)
	T_COPY=$(secs "$t0" "$t1")
	# the same on SQLite, for the bulletin's comparison and the figures
	"$K" --db "$D/sq.db" init > /dev/null
	"$K" --db "$D/sq.db" import units "$D/units.csv" > /dev/null
	"$K" --db "$D/sq.db" import indicators "$D/indicators.csv" > /dev/null
	t0=$(now); "$K" --db "$D/sq.db" import data "$D/data.csv" > /dev/null; t1=$(now)
	T_SQIMP=$(secs "$t0" "$t1")
	"$K" --db "$D/sq.db" import targets "$D/targets.csv" > /dev/null
	t0=$(now); "$K" --db "$D/sq.db" bulletin --period 2017-12 --unit province --format csv > "$D/sq.csv"; t1=$(now)
	T_SQBUL=$(secs "$t0" "$t1")
	cmp -s "$D/pg.csv" "$D/sq.csv" && SAME="same bulletin" || SAME="BULLETINS DIFFER"
	printf '%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$size" "$ROWS" "$(rate "$ROWS" "$T_IMP")" \
		"$(rate "$ROWS" "$T_COPY")" "$(ratio "$T_COPY" "$T_IMP")" "$(rate "$ROWS" "$T_SQIMP")" \
		"$T_BUL" "$T_SQBUL" "$SAME" "$T_IMP" >> "$RES"
	printf 'bench/pg: %s: import %s s (psql copy %s s, SQLite %s s); bulletin %s s (SQLite %s s); %s\n' \
		"$size" "$T_IMP" "$T_COPY" "$T_SQIMP" "$T_BUL" "$T_SQBUL" "$SAME"
	if [ "$size" = city ]; then
		# 8 zones' files: one after another into one database; all 8 at once
		# into one database (they take turns: the writer lock); all 8 at once
		# into 8 databases (schemas), as zones of a province's server
		for i in 1 2 3 4 5 6 7 8; do
			head -1 "$D/data.csv" > "$D/zone$i.csv"
			grep "^z00$i" "$D/data.csv" >> "$D/zone$i.csv"
		done
		R8=$(($(cat "$D"/zone?.csv | wc -l) - 8))
		for mode in seq one many; do
			for i in 1 2 3 4 5 6 7 8; do
				S=$(schema "b_${mode}")
				[ $mode = many ] && S=$(schema "b_${mode}$i")
				if [ $mode != many ] && [ $i -gt 1 ]; then continue; fi
				"$K" --db "$S" init > /dev/null
				"$K" --db "$S" import units "$D/units.csv" > /dev/null
				"$K" --db "$S" import indicators "$D/indicators.csv" > /dev/null
			done
			t0=$(now)
			if [ $mode = seq ]; then
				for i in 1 2 3 4 5 6 7 8; do "$K" --db "$(schema b_seq)" import data "$D/zone$i.csv" > /dev/null; done
			else
				for i in 1 2 3 4 5 6 7 8; do
					S=$(schema "b_${mode}")
					[ $mode = many ] && S=$(schema "b_${mode}$i")
					"$K" --db "$S" import data "$D/zone$i.csv" > "$D/$mode$i.out" 2>&1 &
				done
				wait
				for i in 1 2 3 4 5 6 7 8; do grep -q " added" "$D/$mode$i.out" || die "importer $i: $(cat "$D/$mode$i.out")"; done
			fi
			t1=$(now)
			eval "T_$mode=\$(secs \$t0 \$t1)"
		done
		RETRIES=$(grep -c "could not serialize" "$DIR/server.log" || true)
		echo "8|$R8|$T_seq|$T_one|$T_many|$(rate "$R8" "$T_seq")|$(rate "$R8" "$T_one")|$(rate "$R8" "$T_many")|$(ratio "$T_seq" "$T_many")|$RETRIES" > "$OUT/pg-conc.tmp"
		printf 'bench/pg: 8 importers: one by one %s s; at once into one database %s s; into 8 databases %s s (%s serialization failures retried)\n' "$T_seq" "$T_one" "$T_many" "$RETRIES"
	fi
	rm -rf "$D"
done
{
	echo "machine: $MACHINE"
	echo
	printf '%-6s %9s | %11s %11s %6s | %11s | %9s %9s  %s\n' size rows "kfq rows/s" "\\copy r/s" ratio \
		"SQLite r/s" "bull. s" "SQLite s" check
	awk -F'|' '{ printf "%-6s %9s | %11s %11s %6s | %11s | %9s %9s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$RES"
	printf '%s\n' "ratio: kfq's import speed over psql's \\copy into a plain table (below 1: kfq is slower)"
	if [ -f "$OUT/pg-conc.tmp" ]; then
		echo
		awk -F'|' '{ printf "%s importers of different zones, %s rows:\n  one by one into one database  %8s s %9s rows/s\n  at once into one database     %8s s %9s rows/s (they take turns)\n  at once into 8 databases      %8s s %9s rows/s: %sx one by one\n%s serialization failures retried\n", $1, $2, $3, $6, $4, $7, $5, $8, $9, $10 }' "$OUT/pg-conc.tmp"
	fi
} | tee "$OUT/pg-results.txt"
rm -f "$RES" "$OUT/pg-conc.tmp"
