#!/bin/sh
# bench/run.sh: kfq's benchmark, beside the sqlite3 command-line tool doing
# the same work (docs/benchmarks.md). `make bench` builds ./kfq and runs it.
#
# For each size (one zone of 400 enterprises; a city of 10 zones; a province
# of 115 zones) × 30 indicators × 24 months it generates the files
# (bench/gen.c), then measures
#   - import: `kfq import data data.csv` against the shell's `.import` of the
#     same file into a plain table (rows per second);
#   - bulletin: `kfq bulletin --period 2017-12 --unit province --format csv`
#     (the province and each zone × every indicator) against one SQL query
#     (bench/baseline.sql) computing the same figures (seconds);
# checks that both produced the same figures, and prints a table.
#
# Environment:
#   BENCH_SIZES    sizes to run, default "zone city province"
#   BENCH_TIMEOUT  seconds any one measured step may take, default 7200;
#                  a step cut there is shown as ">7200"
#   BENCH_ORDER    row order of data.csv: period (default) or indicator
#   BENCH_KEEP     1 keeps the province's files (about 5 GB) at the end
#   KFQ            the binary to measure, default ./kfq
# Output: the table on stdout, also in bench/out/results.txt; each size's
# files and logs in bench/out/SIZE/.
set -eu

cd "$(dirname "$0")/.."
OUT=bench/out
SIZES=${BENCH_SIZES:-zone city province}
TIMEOUT=${BENCH_TIMEOUT:-7200}
ORDER=${BENCH_ORDER:-period}
KEEP=${BENCH_KEEP:-0}
KFQ_SRC=${KFQ:-./kfq}

die() {
	echo "bench: $*" >&2
	exit 1
}

for tool in sqlite3 cc timeout awk; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian: apt-get install sqlite3 gcc coreutils gawk)"
done
[ -x "$KFQ_SRC" ] || die "$KFQ_SRC is missing: run make kfq (or make bench)"
case $ORDER in period|indicator) ;; *) die "BENCH_ORDER=$ORDER (expected period or indicator)" ;; esac
for size in $SIZES; do
	case $size in zone|city|province) ;; *) die "unknown size \"$size\" (expected zone, city or province)" ;; esac
done

mkdir -p "$OUT"
cc -O2 -std=c11 -Wall -Wextra -o "$OUT/gen" bench/gen.c || die "cannot compile bench/gen.c"
# A private copy: ./kfq rebuilt by someone during a long run must not change
# what is measured half way.
cp "$KFQ_SRC" "$OUT/kfq"
KFQ_BIN=$OUT/kfq
GNUTIME=
[ -x /usr/bin/time ] && /usr/bin/time -f %U true >/dev/null 2>&1 && GNUTIME=/usr/bin/time

now() {
	date +%s.%N
}

# timed LOG OUTFILE CMD ARGS...: run CMD with stdout to OUTFILE and stderr to
# LOG, cut at $TIMEOUT seconds; set T to the seconds taken (">$TIMEOUT" when
# cut, "killed" when a signal from outside ended it) and C to the CPU
# seconds (user + system, from GNU time when there is one, else "-"). A
# failing command stops the benchmark.
timed() {
	log=$1
	outf=$2
	shift 2
	t0=$(now)
	rc=0
	if [ -n "$GNUTIME" ]; then
		"$GNUTIME" -f '%U %S' -o "$OUT/cpu.tmp" timeout "$TIMEOUT" "$@" >"$outf" 2>>"$log" || rc=$?
	else
		timeout "$TIMEOUT" "$@" >"$outf" 2>>"$log" || rc=$?
	fi
	t1=$(now)
	C=-
	if [ -n "$GNUTIME" ] && [ -s "$OUT/cpu.tmp" ]; then
		C=$(awk 'END { printf "%.2f", $1 + $2 }' "$OUT/cpu.tmp")
	fi
	if [ "$rc" -eq 124 ]; then
		T=">$TIMEOUT"
		echo "bench: cut after $TIMEOUT s: $*" >&2
		return 0
	fi
	if [ "$rc" -gt 128 ] && [ "$rc" -ne 124 ]; then
		# Killed from outside (on a shared machine): noted, the run goes on.
		T=killed
		C=-
		echo "bench: killed by signal $((rc - 128)) from outside: $*" >&2
		return 0
	fi
	if [ "$rc" -ne 0 ]; then
		echo "bench: failed (exit $rc): $*" >&2
		tail -20 "$log" >&2
		exit 1
	fi
	T=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
}

# rate ROWS SECONDS: rows per second ("-" when the step was cut).
rate() {
	case $2 in killed) echo - ;;
	">"*) echo "<$(awk -v r="$1" -v s="${2#>}" 'BEGIN { printf "%.0f", r / s }')" ;;
	*) awk -v r="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }' ;; esac
}

# speed RATE_OR_TIME_KFQ RATE_OR_TIME_SQLITE MODE: kfq's speed over sqlite3's
# (MODE rate: a ratio of rates; MODE time: the inverse ratio of times).
speed() {
	case "$1$2" in *">"*|*"<"*|*-*|*killed*) echo "-"; return ;; esac
	if [ "$3" = rate ]; then
		awk -v k="$1" -v s="$2" 'BEGIN { printf "%.2f", (s > 0 ? k / s : 0) }'
	else
		awk -v k="$1" -v s="$2" 'BEGIN { printf "%.2f", (k > 0 ? s / k : 0) }'
	fi
}

mb() {
	if [ -f "$1" ]; then
		awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.0f", b / 1048576 }'
	else
		echo 0
	fi
}

# compare KFQ_CSV SQLITE_CSV: which columns of the two outputs differ.
compare() {
	awk -F, '
		{ gsub(/["\r]/, "") }
		NR == FNR { a[FNR] = $0; na = FNR; next }
		{
			nb = FNR
			if (FNR == 1) { for (i = 1; i <= NF; i++) name[i] = $i; cols = NF; next }
			split(a[FNR], x, ",")
			bad = 0
			for (i = 1; i <= NF; i++)
				if (x[i] != $i) { diff[i]++; bad = 1 }
			lines += bad
		}
		END {
			if (na != nb) { printf "DIFFERENT: kfq %d lines, sqlite3 %d lines", na, nb; exit }
			if (!lines) { printf "same figures (%d lines)", nb - 1; exit }
			printf "%d of %d lines differ, in", lines, nb - 1
			for (i = 1; i <= cols; i++) if (diff[i]) printf " %s (%d)", name[i], diff[i]
		}' "$1" "$2"
}

zones_of() {
	case $1 in zone) echo 1 ;; city) echo 10 ;; province) echo 115 ;; esac
}

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
CORES=$(grep -c '^processor' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
MACHINE="$CPU, $CORES cores, $MEM, $(uname -sr), sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "bench: $MACHINE"
echo "bench: sizes: $SIZES; data.csv order: $ORDER; each step cut at $TIMEOUT s"

ROWS_FILE=$OUT/rows.tmp
: >"$ROWS_FILE"
for size in $SIZES; do
	Z=$(zones_of "$size")
	D=$OUT/$size
	LOG=$D/log
	rm -rf "$D"
	mkdir -p "$D"
	: >"$LOG"
	LOAD=$(cut -d' ' -f1 /proc/loadavg)
	echo "bench: $size: generating $Z zone(s) × 400 enterprises × 30 indicators × 24 months ..."
	"$OUT/gen" "$Z" "$D" "$ORDER" || die "gen failed"
	ROWS=$(($(wc -l <"$D/data.csv") - 1))
	DB=$D/kfq.db

	echo "bench: $size: kfq: init, import units, indicators, data ($ROWS rows), targets ..."
	timed "$LOG" /dev/null "$KFQ_BIN" --db "$DB" init
	T_INIT=$T
	timed "$LOG" /dev/null "$KFQ_BIN" --db "$DB" import units "$D/units.csv"
	T_UNITS=$T
	timed "$LOG" /dev/null "$KFQ_BIN" --db "$DB" import indicators "$D/indicators.csv"
	timed "$LOG" "$D/kfq-import.txt" "$KFQ_BIN" --db "$DB" import data "$D/data.csv"
	T_KIMP=$T
	C_KIMP=$C
	timed "$LOG" /dev/null "$KFQ_BIN" --db "$DB" import targets "$D/targets.csv"
	T_TGT=$T
	echo "bench: $size: kfq: bulletin ..."
	timed "$LOG" "$D/kfq.csv" "$KFQ_BIN" --db "$DB" bulletin --period 2017-12 --unit province --format csv
	T_KBUL=$T
	C_KBUL=$C

	echo "bench: $size: sqlite3: .import data ($ROWS rows), units, indicators, targets; query ..."
	printf '.bail on\n.mode csv\n.import "%s" obs\n' "$D/data.csv" >"$D/import-data.sql"
	printf '.bail on\n.mode csv\n.import "%s" unit\n.import "%s" ind\n.import "%s" tgt\n' \
		"$D/units.csv" "$D/indicators.csv" "$D/targets.csv" >"$D/import-rest.sql"
	timed "$LOG" /dev/null sqlite3 "$D/base.db" ".read $D/import-data.sql"
	T_SIMP=$T
	C_SIMP=$C
	timed "$LOG" /dev/null sqlite3 "$D/base.db" ".read $D/import-rest.sql"
	timed "$LOG" "$D/sqlite.csv" sqlite3 "$D/base.db" ".read bench/baseline.sql"
	T_SQ=$T
	C_SQ=$C

	R_K=$(rate "$ROWS" "$T_KIMP")
	R_S=$(rate "$ROWS" "$T_SIMP")
	case "$T_KBUL$T_SQ" in *">"*|*killed*) CHECK="a bulletin was cut or killed: not compared" ;;
	*) CHECK=$(compare "$D/kfq.csv" "$D/sqlite.csv") ;; esac
	printf '%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$size" "$Z" "$ROWS" \
		"$R_K" "$R_S" "$(speed "$R_K" "$R_S" rate)" "$T_KBUL" "$T_SQ" "$(speed "$T_KBUL" "$T_SQ" time)" \
		"$T_INIT" "$T_UNITS" "$T_TGT" "$(mb "$D/kfq.db")" "$(mb "$D/base.db")" "$CHECK" \
		"$T_KIMP" "$C_KIMP" "$T_SIMP" "$C_SIMP" "$C_KBUL" "$C_SQ" "$LOAD" >>"$ROWS_FILE"
	echo "bench: $size: kfq import $T_KIMP s, bulletin $T_KBUL s; sqlite3 import $T_SIMP s, query $T_SQ s; $CHECK"

	if [ "$size" = province ] && [ "$KEEP" != 1 ]; then
		rm -rf "$D"
		echo "bench: province: files deleted (BENCH_KEEP=1 keeps them)"
	fi
done

{
	echo "machine: $MACHINE"
	echo "data.csv order: $ORDER"
	echo
	printf '%-9s %6s %10s | %12s %12s %7s | %10s %10s %7s\n' "size" "zones" "rows" \
		"kfq rows/s" "sqlite rows/s" "speed" "kfq bull s" "sqlite s" "speed"
	awk -F'|' '{ printf "%-9s %6s %10s | %12s %12s %6sx | %10s %10s %6sx\n",
		$1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$ROWS_FILE"
	echo
	echo "speed: kfq's speed over sqlite3's (rows/s ratio; for the bulletin sqlite3 s ÷ kfq s); below 1 kfq is slower"
	echo
	echo "seconds, wall (CPU user+system):"
	printf '%-9s %18s %18s %18s %18s %5s\n' "size" "kfq import" "sqlite3 .import" "kfq bulletin" \
		"sqlite3 query" "load"
	awk -F'|' '{ printf "%-9s %18s %18s %18s %18s %5s\n", $1, $16 " (" $17 ")", $18 " (" $19 ")",
		$7 " (" $20 ")", $8 " (" $21 ")", $22 }' "$ROWS_FILE"
	echo "load: the 1-minute load average when the size started (the machine has $CORES cores)"
	echo
	printf '%-9s %8s %9s %9s %9s %10s  %s\n' "size" "init s" "units s" "targets s" "kfq.db MB" \
		"base.db MB" "figures kfq vs sqlite3"
	awk -F'|' '{ printf "%-9s %8s %9s %9s %9s %10s  %s\n", $1, $10, $11, $12, $13, $14, $15 }' "$ROWS_FILE"
} | tee "$OUT/results.txt"
rm -f "$ROWS_FILE" "$OUT/cpu.tmp"
