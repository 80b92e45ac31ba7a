#!/bin/sh
# bench/assess.sh: the assessment benchmark (docs/benchmarks.md, "Assessment"):
# N enterprises (BENCH_ASSESS_N, default 2000) × 8 indicators
# (bench/assess_gen.c), then
#   - run: `kfq assess run` (read the inputs from the figures, rate, store);
#   - show: `kfq assess show` (read the stored run back, read today's inputs
#     to compare, rate again): the same-run baseline;
#   - sensitivity: `kfq assess sensitivity --runs R` (BENCH_ASSESS_RUNS,
#     default 1000): what show does, plus R Monte Carlo runs;
# and prints the seconds, the Monte Carlo part (sensitivity − show) per run,
# and sensitivity ÷ show. `make bench` runs it after bench/run.sh;
# `make bench-assess` alone. Output also in bench/out/assess.txt.
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out/assess
N=${BENCH_ASSESS_N:-2000}
RUNS=${BENCH_ASSESS_RUNS:-1000}
KFQ_BIN=${KFQ:-./kfq}
[ -x "$KFQ_BIN" ] || { echo "bench: $KFQ_BIN is missing: run make kfq" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"
cc -O2 -std=c11 -Wall -Wextra -o "$OUT/gen" bench/assess_gen.c
"$OUT/gen" "$N" "$OUT"
DB=$OUT/kfq.db
"$KFQ_BIN" --db "$DB" init >/dev/null
"$KFQ_BIN" --db "$DB" import units "$OUT/units.csv" >/dev/null
"$KFQ_BIN" --db "$DB" import indicators "$OUT/indicators.csv" >/dev/null
"$KFQ_BIN" --db "$DB" import data "$OUT/data.csv" >/dev/null

now() { date +%s.%N; }
# secs CMD...: run it (output to $OUT/last.csv), print the seconds
secs() {
	t0=$(now)
	"$@" >"$OUT/last.csv"
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
S=$OUT/bench.scheme
T_RUN=$(secs "$KFQ_BIN" --db "$DB" assess run "$S" --period 2017 --format csv)
RANKED=$(grep -c '^[0-9]' "$OUT/last.csv")
T_SHOW=$(secs "$KFQ_BIN" --db "$DB" assess show "$S" --period 2017 --format csv)
T_SENS=$(secs "$KFQ_BIN" --db "$DB" assess sensitivity "$S" --period 2017 --runs "$RUNS" --format csv)
cp "$OUT/last.csv" "$OUT/sensitivity.csv"
T_SENS2=$(secs "$KFQ_BIN" --db "$DB" assess sensitivity "$S" --period 2017 --runs "$RUNS" --format csv)
cmp -s "$OUT/last.csv" "$OUT/sensitivity.csv" && SAME="identical" || SAME="DIFFERENT"
{
	echo "machine: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "assessment: $N enterprises ($RANKED ranked) x 8 indicators, $RUNS Monte Carlo runs"
	printf '%-34s %8s\n' "step" "seconds"
	printf '%-34s %8s\n' "assess run (gather, rate, store)" "$T_RUN"
	printf '%-34s %8s\n' "assess show (baseline: one run)" "$T_SHOW"
	printf '%-34s %8s\n' "assess sensitivity, $RUNS runs" "$T_SENS"
	printf '%-34s %8s\n' "  again, same seed" "$T_SENS2"
	awk -v a="$T_SENS" -v b="$T_SHOW" -v r="$RUNS" 'BEGIN {
		printf "%-34s %8.3f\n", "Monte Carlo part (sens - show)", a - b
		printf "%-34s %8.3f\n", "  per run, ms", (a - b) * 1000 / r
		printf "%-34s %7.1fx\n", "sensitivity / show", (b > 0 ? a / b : 0) }'
	echo "the two sensitivity outputs (same seed): $SAME"
} | tee bench/out/assess.txt
[ "$SAME" = identical ]
