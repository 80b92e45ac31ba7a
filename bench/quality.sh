#!/bin/sh
# bench/quality.sh: `make bench-quality`: the validation rules on a
# province's month (docs/benchmarks.md, "Validation"). It generates the
# province of bench/gen.c (115 zones, 46 000 enterprises × 30 indicators ×
# 24 months), imports it, imports 90 rules (for each indicator: its year to
# date never falls, the magnitude slip and a robust outlier against the 12
# months before, all warnings), and times
#   - kfq validate --period 2017-12: every rule on every enterprise's
#     December (1 380 000 checks, plus the parks' and zones' sums);
#   - a data import of one zone's December (12 000 values), rules run on
#     the months it changed, against the same import without rules.
# Environment: BENCH_ZONES (default 115), KFQ (default ./kfq).
# Output: the timings on stdout and in bench/out/quality/results.txt.
set -eu
cd "$(dirname "$0")/.."
Z=${BENCH_ZONES:-115}
D=bench/out/quality
KFQ_SRC=${KFQ:-./kfq}
[ -x "$KFQ_SRC" ] || { echo "bench: $KFQ_SRC is missing: run make kfq" >&2; exit 1; }
rm -rf "$D"
mkdir -p "$D"
cc -O2 -std=c11 -Wall -Wextra -o "$D/gen" bench/gen.c
cp "$KFQ_SRC" "$D/kfq"
K=$D/kfq
DB=$D/kfq.db
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "bench: quality: generating and importing $Z zone(s) × 400 enterprises × 30 indicators × 24 months ..."
"$D/gen" "$Z" "$D"
$K --db "$DB" init >/dev/null
$K --db "$DB" import units "$D/units.csv" >/dev/null
$K --db "$DB" import indicators "$D/indicators.csv" >/dev/null
t0=$(now)
$K --db "$DB" import data "$D/data.csv" >/dev/null
T_IMP=$(secs "$t0" "$(now)")
ROWS=$(($(wc -l <"$D/data.csv") - 1))

{
	echo "code,severity,left,op,right,kind,months,params"
	i=1
	while [ $i -le 30 ]; do
		c=$(printf 'i%02d' $i)
		echo "${c}_ytd,warning,ytd($c),>=,ytd(prev($c)),enterprise,2-12,"
		echo "${c}_slip,warning,$c,magnitude,,enterprise,,history=months n=12"
		echo "${c}_outlier,warning,$c,outlier,,enterprise,,history=months n=12 k=5"
		i=$((i + 1))
	done
} >"$D/rules.csv"
$K --db "$DB" import rules "$D/rules.csv" >/dev/null

echo "bench: quality: kfq validate --period 2017-12 ..."
t0=$(now)
$K --db "$DB" validate --period 2017-12 --format csv >"$D/findings.csv" 2>"$D/validate.txt"
T_VAL=$(secs "$t0" "$(now)")

# one zone's December again, each value changed by 0.01: with the rules, and without
awk -F, 'NR == 1 || ($1 ~ /^z001e/ && $3 == "2017-12") { if (NR > 1) $4 = $4 + 0.01; print }' OFS=, \
	"$D/data.csv" >"$D/z001-dec.csv"
N=$(($(wc -l <"$D/z001-dec.csv") - 1))
t0=$(now)
$K --db "$DB" import data "$D/z001-dec.csv" >"$D/import-rules.txt" 2>&1
T_IR=$(secs "$t0" "$(now)")
sed 's/,warning,/,off,/' "$D/rules.csv" >"$D/rules-off.csv"
$K --db "$DB" import rules "$D/rules-off.csv" >/dev/null
awk -F, 'NR == 1 || NR > 1 { if (NR > 1) $4 = $4 + 0.01; print }' OFS=, "$D/z001-dec.csv" >"$D/z001-dec2.csv"
t0=$(now)
$K --db "$DB" import data "$D/z001-dec2.csv" >/dev/null
T_IN=$(secs "$t0" "$(now)")

{
	echo "province: $Z zones, $ROWS values imported in $T_IMP s"
	echo "kfq validate --period 2017-12 (90 rules): $T_VAL s: $(cat "$D/validate.txt")"
	echo "import of one zone's December ($N values): $T_IR s with the 90 rules, $T_IN s with them off"
} | tee "$D/results.txt"
rm -f "$D/data.csv" "$DB" "$DB-wal" "$DB-shm"
