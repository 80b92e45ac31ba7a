#!/bin/sh
# bench/ledger.sh: a ledger of a million rows against the core's data import
# in the same run (docs/benchmarks.md, "Ledgers"). `make bench-ledger` builds
# ./kfq and runs it.
#
# One zone of 6 parks and 420 enterprises. The ledger: a million rows (an
# enterprise, a kind among three, an amount in 万元, a start date over two
# years, an end date on a quarter of them) with four figures (a count
# filtered by kind, a sum, a stock count with end dates, a ratio). The
# core: a data file of about a million values (420 enterprises × 100
# indicators × 24 months). Measured, each on a fresh copy of the same
# database with the units:
#   - kfq ledger import (the rows checked, stored by key, and the figures
#     derived and rolled up, in one transaction) against kfq import data;
#   - kfq ledger define again on the loaded ledger (every row checked
#     against the definition and the figures derived again: the figures
#     alone, less the import);
#   - kfq show of a ledger figure for the zone, against that of a data
#     indicator;
# and checks the figures against the rows counted by awk.
#
# Environment: BENCH_ROWS (default 1000000), KFQ (default ./kfq).
# Output: a table on stdout, also in bench/out/ledger/results.txt.
set -eu

cd "$(dirname "$0")/.."
OUT=bench/out/ledger
ROWS=${BENCH_ROWS:-1000000}
KFQ_SRC=${KFQ:-./kfq}
[ -x "$KFQ_SRC" ] || { echo "bench: $KFQ_SRC is missing: run make kfq" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"
cp "$KFQ_SRC" "$OUT/kfq"
K=$OUT/kfq
export KFQ_NOW=2017-12-31T12:00:00Z KFQ_TODAY=2017-12-31

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# units: the zone, 6 parks, 70 enterprises each
awk 'BEGIN {
	print "code,name,kind,parent"
	print "z,开发区,zone,"
	for (p = 1; p <= 6; p++) {
		printf "p%d,园区%d,park,z\n", p, p
		for (e = 1; e <= 70; e++) printf "e%d_%02d,企业%d_%d,enterprise,p%d\n", p, e, p, e, p
	}
}' > "$OUT/units.csv"
# the core's indicators and a million values
awk 'BEGIN {
	print "code,name_zh,measure,kind"
	for (i = 1; i <= 100; i++) printf "i%03d,指标%d,万元,flow\n", i, i
}' > "$OUT/indicators.csv"
awk 'BEGIN {
	srand(7)
	print "unit,indicator,period,value"
	for (y = 2016; y <= 2017; y++) for (m = 1; m <= 12; m++)
		for (p = 1; p <= 6; p++) for (e = 1; e <= 70; e++) for (i = 1; i <= 100; i++)
			printf "e%d_%02d,i%03d,%d-%02d,%d.%02d\n", p, e, i, y, m, int(rand() * 1000), int(rand() * 100)
}' > "$OUT/data.csv"
cat > "$OUT/bench.ledger" <<'EOF'
ledger bench title="基准台账"
field ref text required
field ent unit required
field kind choice required choices=甲|乙|丙
field amount number measure=万元
field since date required
field until date
key ref
figure b_count count date=since where.kind=甲 measure=家
figure b_amount sum=amount date=since measure=万元
figure b_standing count stock date=since until=until measure=家
ratio b_share num=b_count den=b_standing scale=100 measure=% decimals=1
EOF
awk -v n="$ROWS" 'BEGIN {
	srand(11)
	print "ref,ent,kind,amount,since,until"
	split("甲 乙 丙", kinds, " ")
	for (r = 1; r <= n; r++) {
		p = 1 + int(rand() * 6); e = 1 + int(rand() * 70)
		y = 2016 + int(rand() * 2); m = 1 + int(rand() * 12); d = 1 + int(rand() * 28)
		until = ""
		if (rand() < 0.25) until = sprintf("%d-%02d-%02d", y + 1, m, d)
		printf "r%07d,e%d_%02d,%s,%d.%02d,%d-%02d-%02d,%s\n", r, p, e, kinds[1 + int(rand() * 3)],
			int(rand() * 100), int(rand() * 100), y, m, d, until
	}
}' > "$OUT/rows.csv"
data_rows=$(($(wc -l < "$OUT/data.csv") - 1))

$K --db "$OUT/base.db" init > /dev/null
$K --db "$OUT/base.db" import units "$OUT/units.csv" > /dev/null
$K --db "$OUT/base.db" import indicators "$OUT/indicators.csv" > /dev/null
cp "$OUT/base.db" "$OUT/data.db"
cp "$OUT/base.db" "$OUT/ledger.db"

t0=$(now); $K --db "$OUT/data.db" import data "$OUT/data.csv" > "$OUT/data.log"; t1=$(now)
data_s=$(secs "$t0" "$t1")
$K --db "$OUT/ledger.db" ledger define "$OUT/bench.ledger" > /dev/null
t0=$(now); $K --db "$OUT/ledger.db" ledger import bench "$OUT/rows.csv" > "$OUT/ledger.log"; t1=$(now)
ledger_s=$(secs "$t0" "$t1")
t0=$(now); $K --db "$OUT/ledger.db" ledger define "$OUT/bench.ledger" > /dev/null; t1=$(now)
define_s=$(secs "$t0" "$t1")
t0=$(now); $K --db "$OUT/ledger.db" ledger import bench "$OUT/rows.csv" > "$OUT/again.log"; t1=$(now)
again_s=$(secs "$t0" "$t1")
t0=$(now); $K --db "$OUT/ledger.db" show b_count --unit z --period 2017 --format csv > "$OUT/show.csv"; t1=$(now)
show_s=$(secs "$t0" "$t1")
t0=$(now); $K --db "$OUT/data.db" show i001 --unit z --period 2017 --format csv > "$OUT/show_data.csv"; t1=$(now)
show_data_s=$(secs "$t0" "$t1")

# the figures against the rows counted by awk
want=$(awk -F, 'NR > 1 && $3 == "甲" && substr($5, 1, 4) == "2017" { n++ } END { print n + 0 }' "$OUT/rows.csv")
got=$(awk -F, 'NR == 2 { print $5 }' "$OUT/show.csv")
[ "$got" = "$want" ] && check="b_count 2017 = $got, as awk counts" || check="MISMATCH: b_count $got, awk $want"
stand=$(awk -F, 'NR > 1 && $5 <= "2017-12-31" && ($6 == "" || $6 > "2017-12-99") { n++ } END { print n + 0 }' "$OUT/rows.csv")
$K --db "$OUT/ledger.db" show b_standing --unit z --period 2017 --format csv > "$OUT/stand.csv"
gots=$(awk -F, 'NR == 2 { print $5 }' "$OUT/stand.csv")
[ "$gots" = "$stand" ] && check="$check; b_standing = $gots, as awk counts" || check="$check; MISMATCH: b_standing $gots, awk $stand"

{
	echo "ledger benchmark: $ROWS ledger rows, $data_rows data values ($(nproc) cores, $(date -u +%Y-%m-%d))"
	printf '%-48s %10s %14s\n' step seconds rows/second
	printf '%-48s %10s %14s\n' "kfq import data ($data_rows values)" "$data_s" \
		"$(awk -v n=$data_rows -v s=$data_s 'BEGIN { printf "%.0f", n / s }')"
	printf '%-48s %10s %14s\n' "kfq ledger import ($ROWS rows, figures included)" "$ledger_s" \
		"$(awk -v n=$ROWS -v s=$ledger_s 'BEGIN { printf "%.0f", n / s }')"
	printf '%-48s %10s %14s\n' "the same file again (all unchanged)" "$again_s" \
		"$(awk -v n=$ROWS -v s=$again_s 'BEGIN { printf "%.0f", n / s }')"
	printf '%-48s %10s %14s\n' "kfq ledger define again (rows checked, figures)" "$define_s" \
		"$(awk -v n=$ROWS -v s=$define_s 'BEGIN { printf "%.0f", n / s }')"
	printf '%-48s %10s\n' "kfq show b_count (the zone, 2017)" "$show_s"
	printf '%-48s %10s\n' "kfq show i001 (the zone, 2017)" "$show_data_s"
	echo "check: $check"
	ls -l "$OUT/ledger.db" "$OUT/data.db" | awk '{ printf "%s: %.0f MB\n", $NF, $5 / 1048576 }'
} | tee "$OUT/results.txt"
