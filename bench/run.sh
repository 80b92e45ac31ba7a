#!/bin/sh
# bench/run.sh: kfq's benchmark, beside the sqlite3 command-line tool and
# DuckDB doing the same work (docs/benchmarks.md). `make bench` builds ./kfq
# and runs it.
#
# For each size (one zone of 400 enterprises; a city of 10 zones; a province
# of 115 zones) × 30 indicators × 24 months it generates the files
# (bench/gen.c), then measures
#   - import: `kfq import data data.csv` against the shell's `.import` of the
#     same file into a plain table, and against DuckDB's load of it into a
#     table of the four columns (rows per second);
#   - bulletin: `kfq bulletin --period 2017-12 --unit province --format csv`
#     (the province and each zone × every indicator) against one SQL query
#     computing the same figures: bench/baseline.sql in sqlite3,
#     bench/duckdb/bulletin.sql in DuckDB (seconds);
# checks that all three produced the same figures, and prints a table with
# the seconds (wall and CPU) and the peak memory of each step.
#
# DuckDB is the npm package @duckdb/node-api (it carries its own engine),
# pinned in bench/duckdb/package-lock.json and installed there with `npm ci`
# on first use; kfq itself does not use it. Where node, npm or the package is
# missing, the DuckDB columns show "–" and the table says why.
#
# Environment:
#   BENCH_SIZES    sizes to run, default "zone city province"
#   BENCH_TIMEOUT  seconds any one measured step may take, default 7200;
#                  a step cut there is shown as ">7200"
#   BENCH_ORDER    row order of data.csv: period (default) or indicator
#   BENCH_KEEP     1 keeps the province's files (about 5 GB) at the end
#   BENCH_DUCKDB   0 leaves DuckDB out (default 1)
#   DUCKDB_THREADS threads DuckDB may use (default: its own, one per core)
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
DUCK=${BENCH_DUCKDB:-1}
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
# cut, "killed" when a signal from outside ended it), C to the CPU seconds
# (user + system) and M to the peak memory in MB (the largest resident set,
# GNU time's %M), both "-" without GNU time. A failing command stops the
# benchmark, unless SOFT=1: then T is "failed" and the run goes on.
SOFT=0
timed() {
	log=$1
	outf=$2
	shift 2
	rm -f "$OUT/cpu.tmp"
	t0=$(now)
	rc=0
	if [ -n "$GNUTIME" ]; then
		"$GNUTIME" -f '%U %S %M' -o "$OUT/cpu.tmp" timeout "$TIMEOUT" "$@" >"$outf" 2>>"$log" || rc=$?
	else
		timeout "$TIMEOUT" "$@" >"$outf" 2>>"$log" || rc=$?
	fi
	t1=$(now)
	C=-
	M=-
	if [ -n "$GNUTIME" ] && [ -s "$OUT/cpu.tmp" ]; then
		C=$(awk 'END { printf "%.2f", $1 + $2 }' "$OUT/cpu.tmp")
		M=$(awk 'END { printf "%.1f", $3 / 1024 }' "$OUT/cpu.tmp")
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
		[ "$SOFT" = 1 ] || exit 1
		T=failed
		C=-
		M=-
		return 0
	fi
	T=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
}

# rate ROWS SECONDS: rows per second ("-" when the step was cut; "–" when
# it did not run).
rate() {
	case $2 in killed|failed) echo - ;;
	–) echo – ;;
	">"*) echo "<$(awk -v r="$1" -v s="${2#>}" 'BEGIN { printf "%.0f", r / s }')" ;;
	*) awk -v r="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }' ;; esac
}

# speed RATE_OR_TIME_KFQ RATE_OR_TIME_BASELINE MODE: kfq's speed over the
# baseline's, such as "0.52x" (MODE rate: a ratio of rates; MODE time: the
# inverse ratio of times); "-" when a step was cut, "–" when one did not run.
speed() {
	case "$1$2" in *–*) echo "–"; return ;; esac
	case "$1$2" in *">"*|*"<"*|*-*|*killed*|*failed*) echo "-"; return ;; esac
	if [ "$3" = rate ]; then
		awk -v k="$1" -v s="$2" 'BEGIN { printf "%.2fx", (s > 0 ? k / s : 0) }'
	else
		awk -v k="$1" -v s="$2" 'BEGIN { printf "%.2fx", (k > 0 ? s / k : 0) }'
	fi
}

mb() {
	if [ "$1" = – ]; then
		echo –
	elif [ -f "$1" ]; then
		awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.0f", b / 1048576 }'
	else
		echo 0
	fi
}

# compare KFQ_CSV BASELINE_CSV NAME: which columns of the two outputs differ
# (NAME names the baseline).
compare() {
	awk -F, -v base="$3" '
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
			if (na != nb) { printf "DIFFERENT: kfq %d lines, %s %d lines", na, base, nb; exit }
			if (!lines) { printf "same figures (%d lines)", nb - 1; exit }
			printf "%d of %d lines differ, in", lines, nb - 1
			for (i = 1; i <= cols; i++) if (diff[i]) printf " %s (%d)", name[i], diff[i]
		}' "$1" "$2"
}

# DuckDB (bench/duckdb/): installed with npm ci on first use. Sets DUCK_WHY
# to the reason when it cannot run (its columns then show "–"), else
# DUCK_VERSION to the engine's version, the package's and the threads.
DDIR=bench/duckdb
duckdb_setup() {
	DUCK_WHY=
	DUCK_VERSION=
	if [ "$DUCK" = 0 ]; then
		DUCK_WHY="left out with BENCH_DUCKDB=0"
		return
	fi
	if ! command -v node >/dev/null 2>&1; then
		DUCK_WHY="node is not installed (Debian: apt-get install nodejs npm)"
		return
	fi
	if [ ! -f "$DDIR/node_modules/.package-lock.json" ] ||
		[ "$DDIR/package-lock.json" -nt "$DDIR/node_modules/.package-lock.json" ]; then
		if ! command -v npm >/dev/null 2>&1; then
			DUCK_WHY="npm is not installed, and $DDIR/node_modules is missing or older than its package-lock.json"
			return
		fi
		echo "bench: duckdb: npm ci in $DDIR (the package @duckdb/node-api, about 70 MB) ..."
		if ! (cd "$DDIR" && timeout 600 npm ci --no-audit --no-fund --loglevel=error) \
			>"$OUT/duckdb-npm.log" 2>&1; then
			DUCK_WHY="npm ci failed in $DDIR (no registry here?): $(grep -m1 -i 'err' "$OUT/duckdb-npm.log" || tail -1 "$OUT/duckdb-npm.log")"
			return
		fi
	fi
	if ! v=$(node "$DDIR/bench.mjs" version 2>"$OUT/duckdb-load.log"); then
		DUCK_WHY="the package @duckdb/node-api does not load here: $(grep -m1 '^[A-Za-z]*Error' "$OUT/duckdb-load.log" || head -1 "$OUT/duckdb-load.log")"
		return
	fi
	pkg=$(node -p "require('./$DDIR/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null || echo "?")
	DUCK_VERSION="duckdb ${v% *} (npm @duckdb/node-api $pkg), ${v#* } threads"
}

zones_of() {
	case $1 in zone) echo 1 ;; city) echo 10 ;; province) echo 115 ;; esac
}

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
CORES=$(grep -c '^processor' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
duckdb_setup
MACHINE="$CPU, $CORES cores, $MEM, $(uname -sr), sqlite3 $(sqlite3 --version | cut -d' ' -f1), ${DUCK_VERSION:-no duckdb}, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "bench: $MACHINE"
[ -z "$DUCK_WHY" ] || echo "bench: duckdb's columns show –: $DUCK_WHY"
# node alone (no engine loaded): a floor under DuckDB's peak memory
NODE_MB=
if [ -z "$DUCK_WHY" ] && [ -n "$GNUTIME" ]; then
	timed /dev/null /dev/null node -e ''
	NODE_MB="; node alone: $M MB"
fi
echo "bench: sizes: $SIZES; data.csv order: $ORDER; each step cut at $TIMEOUT s"

# One line per size in $ROWS_FILE, its fields (separated by "|") named here.
FIELDS="size zones rows rk rs rd sp_s sp_d tk ts td bs_s bs_d init units tgt mk ms md check_s check_d
tki cki tsi csi tdi cdi ckb csb cdb load mki msi mdi mkb msb mdb dlw dlr dqw dlo dqo sp_di bs_di"
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
	M_KIMP=$M
	timed "$LOG" /dev/null "$KFQ_BIN" --db "$DB" import targets "$D/targets.csv"
	T_TGT=$T
	echo "bench: $size: kfq: bulletin ..."
	# each query starts with the imports' writes on disk (sync), so that
	# none reads while the kernel writes back what a load just wrote
	sync
	timed "$LOG" "$D/kfq.csv" "$KFQ_BIN" --db "$DB" bulletin --period 2017-12 --unit province --format csv
	T_KBUL=$T
	C_KBUL=$C
	M_KBUL=$M

	echo "bench: $size: sqlite3: .import data ($ROWS rows), units, indicators, targets; query ..."
	printf '.bail on\n.mode csv\n.import "%s" obs\n' "$D/data.csv" >"$D/import-data.sql"
	printf '.bail on\n.mode csv\n.import "%s" unit\n.import "%s" ind\n.import "%s" tgt\n' \
		"$D/units.csv" "$D/indicators.csv" "$D/targets.csv" >"$D/import-rest.sql"
	timed "$LOG" /dev/null sqlite3 "$D/base.db" ".read $D/import-data.sql"
	T_SIMP=$T
	C_SIMP=$C
	M_SIMP=$M
	timed "$LOG" /dev/null sqlite3 "$D/base.db" ".read $D/import-rest.sql"
	sync
	timed "$LOG" "$D/sqlite.csv" sqlite3 "$D/base.db" ".read bench/baseline.sql"
	T_SQ=$T
	C_SQ=$C
	M_SQ=$M

	# DuckDB: "–" everywhere when it cannot run; a step that fails is noted
	# and the run goes on.
	T_DIMP=– C_DIMP=– M_DIMP=– T_DQ=– C_DQ=– M_DQ=– DLW=– DQW=– DLO=– DQO=– DUCKDB=–
	if [ -z "$DUCK_WHY" ]; then
		echo "bench: $size: duckdb: load data ($ROWS rows), units, indicators, targets; query ..."
		DUCKDB=$D/duck.db
		SOFT=1
		timed "$LOG" /dev/null node "$DDIR/bench.mjs" load-data "$DUCKDB" "$D/data.csv" "$D/duck-load.times"
		T_DIMP=$T C_DIMP=$C M_DIMP=$M
		if [ "$T" != failed ]; then
			timed "$LOG" /dev/null node "$DDIR/bench.mjs" load-rest "$DUCKDB" "$D" "$D/duck-rest.times"
		fi
		if [ "$T" != failed ]; then
			sync
			timed "$LOG" "$D/duck.csv" node "$DDIR/bench.mjs" query "$DUCKDB" "$DDIR/bulletin.sql" \
				"$D/duck-query.times"
			T_DQ=$T C_DQ=$C M_DQ=$M
		fi
		SOFT=0
		# the seconds inside the process: the work alone (load; query), and
		# opening the database before it
		if [ -s "$D/duck-load.times" ]; then
			DLW=$(awk '{ print $4 }' "$D/duck-load.times")
			DLO=$(awk '{ print $2 }' "$D/duck-load.times")
		fi
		if [ -s "$D/duck-query.times" ]; then
			DQW=$(awk '{ print $4 }' "$D/duck-query.times")
			DQO=$(awk '{ print $2 }' "$D/duck-query.times")
		fi
	fi

	R_K=$(rate "$ROWS" "$T_KIMP")
	R_S=$(rate "$ROWS" "$T_SIMP")
	R_D=$(rate "$ROWS" "$T_DIMP")
	case "$T_KBUL$T_SQ" in *">"*|*killed*) CHECK_S="a bulletin was cut or killed: not compared" ;;
	*) CHECK_S=$(compare "$D/kfq.csv" "$D/sqlite.csv" sqlite3) ;; esac
	case "$T_KBUL$T_DQ" in *–*) CHECK_D="– (not run)" ;;
	*">"*|*killed*|*failed*) CHECK_D="a bulletin was cut, killed or failed: not compared" ;;
	*) CHECK_D=$(compare "$D/kfq.csv" "$D/duck.csv" duckdb) ;; esac
	echo "$size|$Z|$ROWS|$R_K|$R_S|$R_D|$(speed "$R_K" "$R_S" rate)|$(speed "$R_K" "$R_D" rate)|$T_KBUL|$T_SQ|$T_DQ|$(speed "$T_KBUL" "$T_SQ" time)|$(speed "$T_KBUL" "$T_DQ" time)|$T_INIT|$T_UNITS|$T_TGT|$(mb "$D/kfq.db")|$(mb "$D/base.db")|$(mb "$DUCKDB")|$CHECK_S|$CHECK_D|$T_KIMP|$C_KIMP|$T_SIMP|$C_SIMP|$T_DIMP|$C_DIMP|$C_KBUL|$C_SQ|$C_DQ|$LOAD|$M_KIMP|$M_SIMP|$M_DIMP|$M_KBUL|$M_SQ|$M_DQ|$DLW|$(rate "$ROWS" "$DLW")|$DQW|$DLO|$DQO|$(speed "$R_K" "$(rate "$ROWS" "$DLW")" rate)|$(speed "$T_KBUL" "$DQW" time)" >>"$ROWS_FILE"
	echo "bench: $size: kfq import $T_KIMP s, bulletin $T_KBUL s; sqlite3 import $T_SIMP s, query $T_SQ s; duckdb load $T_DIMP s, query $T_DQ s"
	echo "bench: $size: kfq vs sqlite3: $CHECK_S; kfq vs duckdb: $CHECK_D"

	if [ "$size" = province ] && [ "$KEEP" != 1 ]; then
		rm -rf "$D"
		echo "bench: province: files deleted (BENCH_KEEP=1 keeps them)"
	fi
done

# table TITLE HEADS FORMAT: print the title, then one line per size, each
# column right-aligned to its heading's width ("–" counted as one
# character). HEADS are the headings separated by "|"; FORMAT lists, per
# column, the fields it shows as {NAME} (NAME from FIELDS), separated by "|".
table() {
	awk -F'|' -v title="$1" -v heads="$2" -v fmt="$3" -v fields="$FIELDS" '
		function len(s) { gsub(/–/, "-", s); gsub(/×/, "x", s); gsub(/÷/, "/", s); return length(s) }
		function pad(s, w, left) {
			while (len(s) < w) s = left ? s " " : " " s
			return s
		}
		BEGIN {
			n = split(fields, f, /[ \n]+/)
			for (i = 1; i <= n; i++) ix[f[i]] = i
			nc = split(heads, h, "|")
			split(fmt, c, "|")
			print title
		}
		NR == 1 {
			for (j = 1; j <= nc; j++) {
				w[j] = len(h[j])
				line = line (j > 1 ? "  " : "") (j == 1 ? pad(h[j], 9, 1) : h[j])
			}
			print line
		}
		{
			line = ""
			for (j = 1; j <= nc; j++) {
				s = c[j]
				out = ""
				while (match(s, /\{[a-z_]+\}/)) {
					out = out substr(s, 1, RSTART - 1) $(ix[substr(s, RSTART + 1, RLENGTH - 2)])
					s = substr(s, RSTART + RLENGTH)
				}
				out = out s
				gsub(/– \(–\)/, "–", out)
				line = line (j > 1 ? "  " : "") (j == 1 ? pad(out, 9, 1) : pad(out, w[j], 0))
			}
			print line
		}' "$ROWS_FILE"
}

{
	echo "machine: $MACHINE"
	echo "data.csv order: $ORDER"
	[ -z "$DUCK_WHY" ] || echo "duckdb's columns show –: $DUCK_WHY"
	echo
	table "import, rows per second (the whole process, timed from outside):" \
		"size|zones|      rows|  kfq rows/s|sqlite3 rows/s|kfq ÷ sqlite3| duckdb rows/s|kfq ÷ duckdb|duckdb rows/s, load alone|kfq ÷ that" \
		'{size}|{zones}|{rows}|{rk}|{rs}|{sp_s}|{rd}|{sp_d}|{dlr}|{sp_di}'
	echo
	table "bulletin, seconds (the whole process, timed from outside):" \
		"size| kfq s|sqlite3 s|kfq × sqlite3|duckdb s|kfq × duckdb|duckdb s, query alone|kfq × that" \
		'{size}|{tk}|{ts}|{bs_s}|{td}|{bs_d}|{dqw}|{bs_di}'
	echo
	echo "kfq ÷ X: kfq's rows/s over X's; kfq × X: X's seconds over kfq's (how many times faster kfq is); below 1 kfq is slower."
	echo "duckdb's load alone and query alone: timed inside node (performance.now), without node's start, loading the engine"
	echo "and opening the database (kfq's and sqlite3's seconds always include their process's start)."
	echo
	table "seconds, wall (CPU user+system); load: the 1-minute load average when the size started ($CORES cores):" \
		"size|       kfq import|  sqlite3 .import|      duckdb load|     kfq bulletin|    sqlite3 query|     duckdb query| load" \
		'{size}|{tki} ({cki})|{tsi} ({csi})|{tdi} ({cdi})|{tk} ({ckb})|{ts} ({csb})|{td} ({cdb})|{load}'
	echo
	table "peak memory, MB (GNU time %M: the process's largest resident set$NODE_MB):" \
		"size|kfq import|sqlite3 .import|duckdb load|kfq bulletin|sqlite3 query|duckdb query" \
		'{size}|{mki}|{msi}|{mdi}|{mkb}|{msb}|{mdb}'
	echo
	table "duckdb inside the process (performance.now): the work alone, and opening the database before it:" \
		"size|load s|load rows/s|query s|open s (load)|open s (query)" \
		'{size}|{dlw}|{dlr}|{dqw}|{dlo}|{dqo}'
	echo
	table "other steps, seconds; database files, MB:" \
		"size|init s|units s|targets s|kfq.db MB|base.db MB|duck.db MB" \
		'{size}|{init}|{units}|{tgt}|{mk}|{ms}|{md}'
	echo
	echo "figures, kfq's bulletin against each baseline's, column by column:"
	# fields 20 and 21 of FIELDS: check_s, check_d
	awk -F'|' '{ printf "%-9s  sqlite3: %s; duckdb: %s\n", $1, $20, $21 }' "$ROWS_FILE"
} | tee "$OUT/results.txt"
rm -f "$ROWS_FILE" "$OUT/cpu.tmp"
