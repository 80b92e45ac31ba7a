#!/bin/sh
# bench/index.sh: the eyewear index benchmark (docs/benchmarks.md): a year of
# about one million price quotes (bench/gen_index.c: 32 000 items in 36
# elementary aggregates, December 2016 and the 12 months of 2017, half
# weekly), loaded into a kfq database with the sqlite3 tool; then
#   - kfq index compute --period 2017-12: the full computation (read every
#     quote, monthly prices and weekly geometric means, replacements,
#     imputation, outliers, both trees, every month's values, flags, the
#     core figures and their roll-ups, in one transaction), RUNS times;
#   - the baseline, in the same run: the sqlite3 tool reading and grouping
#     the same ix_quote table (each item's month as the mean log price, then
#     each category × channel × month's mean), RUNS times;
# and prints the best and median of each and their ratio.
#
# Environment: RUNS (default 5), KFQ (the binary, default ./kfq).
# Output: stdout, also bench/out/index/results.txt.
set -eu

cd "$(dirname "$0")/.."
OUT=bench/out/index
RUNS=${RUNS:-5}
KFQ_SRC=${KFQ:-./kfq}

die() {
	echo "bench/index: $*" >&2
	exit 1
}

for tool in sqlite3 cc awk; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
[ -x "$KFQ_SRC" ] || die "$KFQ_SRC is missing: run make kfq (or make bench)"
rm -rf "$OUT"
mkdir -p "$OUT"
cc -O2 -std=c11 -Wall -Wextra -o "$OUT/gen_index" bench/gen_index.c || die "cannot compile bench/gen_index.c"
cp "$KFQ_SRC" "$OUT/kfq"
DB=$OUT/kfq.db

now() {
	date +%s.%N
}

echo "bench/index: generating a year of quotes ..."
N=$("$OUT/gen_index" "$OUT")
"$OUT/kfq" --db "$DB" init >/dev/null
t0=$(now)
sqlite3 "$DB" <<EOF
.bail on
CREATE TEMP TABLE u(id, code, name, kind, parent);
CREATE TEMP TABLE c(id, code, name, parent, seq);
CREATE TEMP TABLE w(year, category, channel, weight);
CREATE TEMP TABLE i(id, code, category, channel, unit, replaces, oy, om);
CREATE TEMP TABLE q(item, year, month, day, price, sales);
.mode tabs
.import $OUT/units.tsv u
.import $OUT/categories.tsv c
.import $OUT/weights.tsv w
.import $OUT/items.tsv i
.import $OUT/quotes.tsv q
BEGIN;
INSERT INTO unit(id, code, name, kind, parent_id) SELECT id, code, name, kind, nullif(parent, '') FROM u;
INSERT INTO ix_category(id, code, name, parent_id, seq) SELECT id, code, name, nullif(parent, ''), seq FROM c;
INSERT INTO ix_weight(year, category_id, channel, weight) SELECT * FROM w;
INSERT INTO ix_item(id, code, category_id, channel, unit_id, replaces_id, overlap_year, overlap_month)
  SELECT id, code, category, channel, unit, nullif(replaces, ''), nullif(oy, ''), nullif(om, '') FROM i;
INSERT INTO ix_quote(item_id, year, month, day, price, sales)
  SELECT item, year, month, day, price, nullif(sales, '') FROM q ORDER BY item, year, month, day;
COMMIT;
EOF
t1=$(now)
LOAD_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
ROWS=$(sqlite3 "$DB" "SELECT count(*) FROM ix_quote")
[ "$ROWS" = "$N" ] || die "loaded $ROWS quotes, generated $N"
echo "bench/index: $ROWS quotes of $(sqlite3 "$DB" "SELECT count(*) FROM ix_item") items loaded in $LOAD_S s"

GNUTIME=
[ -x /usr/bin/time ] && /usr/bin/time -f %U true >/dev/null 2>&1 && GNUTIME=/usr/bin/time
cat >"$OUT/baseline.sql" <<EOF
SELECT count(*), round(sum(g), 6) FROM (
  SELECT i.category_id, i.channel, q.year, q.month, avg(q.lp) AS g
  FROM (SELECT item_id, year, month, avg(ln(price)) AS lp FROM ix_quote
        GROUP BY item_id, year, month) q
  JOIN ix_item i ON i.id = q.item_id
  GROUP BY i.category_id, i.channel, q.year, q.month);
EOF

# run OUTFILE CMD...: T = wall seconds, C = CPU seconds (user + system; "-"
# without GNU time)
run() {
	outf=$1
	shift
	t0=$(now)
	if [ -n "$GNUTIME" ]; then
		"$GNUTIME" -f '%U %S' -o "$OUT/cpu.tmp" "$@" >"$outf" 2>&1 ||
			{ cat "$outf" >&2; die "failed: $*"; }
	else
		"$@" >"$outf" 2>&1 || { cat "$outf" >&2; die "failed: $*"; }
	fi
	t1=$(now)
	T=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	C=-
	if [ -n "$GNUTIME" ]; then
		C=$(awk 'END { printf "%.2f", $1 + $2 }' "$OUT/cpu.tmp")
	fi
}

K_TIMES=
S_TIMES=
K_CPU=
S_CPU=
r=0
while [ "$r" -lt "$RUNS" ]; do
	run "$OUT/compute.txt" "$OUT/kfq" --db "$DB" index compute --period 2017-12
	K_TIMES="$K_TIMES $T"
	K_CPU="$K_CPU $C"
	run "$OUT/baseline.txt" sqlite3 "$DB" ".read $OUT/baseline.sql"
	S_TIMES="$S_TIMES $T"
	S_CPU="$S_CPU $C"
	r=$((r + 1))
done

stats() {
	echo "$1" | tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END {
		printf "%s %s", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
K=$(stats "$K_TIMES")
S=$(stats "$S_TIMES")
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
CORES=$(grep -c '^processor' /proc/cpuinfo)
{
	echo "machine: $CPU, $CORES cores, $(uname -sr), sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "quotes: $ROWS (items $(sqlite3 "$DB" "SELECT count(*) FROM ix_item"), months 2016-12 to 2017-12); runs: $RUNS"
	sed -n '1,3p' "$OUT/compute.txt"
	echo "kfq index compute --period 2017-12, wall s:  best ${K% *}  median ${K#* }  (all:$K_TIMES; CPU:$K_CPU)"
	echo "sqlite3 scan and group of ix_quote, wall s: best ${S% *}  median ${S#* }  (all:$S_TIMES; CPU:$S_CPU)"
	awk -v k="${K#* }" -v s="${S#* }" 'BEGIN { printf "ratio kfq ÷ sqlite3 (wall medians): %.2f\n", k / s }'
	echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 minutes) at the end"
} | tee "$OUT/results.txt"
rm -f "$OUT/cpu.tmp"
