#!/bin/sh
# tests/torture/torture.sh [N]: kfq's promise of all or nothing, tried by
# force (docs/reliability.md). `make torture N=1000` runs it on the release
# build; `make check` runs a small count through tests/cli/t0045-torture.sh.
#
# Four writes, each from the same starting database (the demo zone), with
# the clock and the account fixed so that a write run to its end always
# makes the same database:
#   import  kfq import data: 2017's values in 亿元 and 万元, each changed
#   index   kfq index compute --period 2017-12 --formula dutot --revise …
#   assess  kfq assess run (the Jiangsu zones' scheme, 2017)
#   case    kfq case reopen wt0017 (a step, the figures derived again)
# The database's state is the checksum of its whole content (sqlite3's
# .sha3sum: the schema and every row of every table, all that an export of
# everything would hold) before and after each write, computed once.
#
# Trials, each on a fresh copy:
#   kill    (N of them, the four writes in turn) the write started and
#           killed with SIGKILL at a random moment: every other trial
#           within its usual time, the others within 30 ms of its commit's
#           first frame in the write-ahead log (the commit and the
#           checkpoint: a narrow window that uniform moments rarely hit);
#           afterwards the database must be wholly before or wholly after
#           (its checksum one of the two) and PRAGMA integrity_check ok;
#           after a kill that left it before, the same write run again must
#           reach after (the torn write-ahead log is recovered, not in the
#           way)
#   full    (N/10, at least 1) the write on a file system too small for it
#           (as root a tmpfs of a random size, else a file-size limit): it
#           must succeed (the database after), or fail with exit 1 saying
#           "no space left on device" (or the file-size limit), the
#           database before; integrity ok
#   lock    (N/10, at least 1) two writes at once (the import and the case
#           step, started a random moment apart, a random busy timeout of
#           1 or 60 s): each must succeed, or fail with exit 1 saying
#           another kfq is writing; the database must be the one of the
#           writes that succeeded, applied one after the other in either
#           order, integrity ok
#
# Prints each failure with what was found (its database kept in the work
# folder), then one line: "torture: N kill (K killed mid-way, F finished
# first), M full (...), L lock (...): X failures"; exits 1 on any failure.
#
# Environment: KFQ the binary (default ./kfq); TORTURE_DB the database to
# start from (default: the demo, built once by $KFQ into build/torture/);
# TORTURE_SEED (default: the time); TORTURE_WORK the work folder (default
# a new one under $TMPDIR, removed at the end unless a trial failed).
# TORTURE_NO_MOUNT=1 tries a full disk by a file-size limit even as root.
# Needs sqlite3 (3.31 or later: .sha3sum), awk, GNU sleep (fractions of a
# second) and, when not root, prlimit (util-linux).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
# kfq speaks Chinese unless the locale is English (cli/kfq.c): the trials
# read its messages ("another kfq is writing", "no space left on device"),
# so they run it in English whatever the caller's locale (as tests/cli/lib.sh)
unset LC_ALL
export LC_MESSAGES=en_US.UTF-8
N=${1:-${N:-100}}
KFQ=${KFQ:-$top/kfq}
case $KFQ in /*) ;; *) KFQ=$(pwd)/$KFQ ;; esac
SEED=${TORTURE_SEED:-$(date +%s)}
NFULL=$((N / 10)); [ $NFULL -ge 1 ] || NFULL=1
NLOCK=$((N / 10)); [ $NLOCK -ge 1 ] || NLOCK=1
export KFQ_NOW=2018-01-31T00:00:00Z KFQ_TODAY=2018-01-31 KFQ_USER=torture
unset KFQ_DB

die() { echo "torture: $*" >&2; exit 2; }
for t in sqlite3 awk; do command -v $t >/dev/null 2>&1 || die "$t is missing"; done
[ -x "$KFQ" ] || die "$KFQ is missing (make kfq)"

work=${TORTURE_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/kfq-torture.XXXXXX")}
mkdir -p "$work" || die "cannot make $work"
failures=0
cleanup() {
	for m in "$work"/full*/mnt; do [ -d "$m" ] && umount "$m" 2>/dev/null; done
	if [ $failures = 0 ] && [ -z "${TORTURE_WORK:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# ---- the starting database ----
base=$work/base.db
if [ -n "${TORTURE_DB:-}" ]; then
	cp "$TORTURE_DB" "$base" || die "cannot copy $TORTURE_DB"
else
	demo=$top/build/torture/demo.db
	if [ ! -f "$demo" ] || [ "$KFQ" -nt "$demo" ]; then
		mkdir -p "$top/build/torture"
		rm -f "$demo" "$demo-wal" "$demo-shm"
		echo "torture: building the demo database ($demo) ..."
		"$KFQ" --db "$demo" demo > "$top/build/torture/demo.out" 2>&1 \
			|| { cat "$top/build/torture/demo.out"; die "kfq demo failed"; }
	fi
	cp "$demo" "$base"
fi
sqlite3 "$base" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
rm -f "$base-wal" "$base-shm"

# the import's file: 2017's values in 亿元 and 万元, each doubled (to as
# many decimals as it had: exact), so that the demo's validation rules,
# which every import runs (docs/quality.md), still hold: a year to date
# never falls, value added stays below sales, nothing jumps by 万 for 元
"$KFQ" --db "$base" export data > "$work/all.csv" || die "export data failed"
awk -F, -v OFS=, 'NR == 1 { print; next }
	$3 ~ /^2017/ && ($5 == "亿元" || $5 == "万元") && $4 ~ /^[0-9.]+$/ {
		d = index($4, ".") ? length($4) - index($4, ".") : 0
		$4 = sprintf("%." d "f", $4 * 2); print }' \
	"$work/all.csv" > "$work/import.csv"
rm -f "$work/all.csv"

# run_op OP DB: run write OP on DB to its end. With EXEC=exec (in a
# subshell started in the background) kfq replaces the subshell, so that
# $! is kfq's own process and a kill reaches it.
EXEC=
run_op() {
	case $1 in
	import) $EXEC "$KFQ" --db "$2" import data "$work/import.csv" ;;
	index) $EXEC "$KFQ" --db "$2" index compute --period 2017-12 --formula dutot --revise torture ;;
	assess) $EXEC "$KFQ" --db "$2" assess run "$top/docs/examples/schemes/jiangsu-zones-2017.scheme" \
		--period 2017 ;;
	case) $EXEC "$KFQ" --db "$2" case reopen wt0017 --date 2017-12-31 --note "torture" ;;
	esac
}

# look DB: into $s the checksum of its content (sqlite3's .sha3sum: the
# schema and every row of every table) and into $ic what PRAGMA
# integrity_check says ("ok"), in one reading
look() {
	sqlite3 "$1" .sha3sum "PRAGMA integrity_check" > "$work/look.txt" 2>&1
	s=$(head -1 "$work/look.txt")
	ic=$(sed -n '2,4p' "$work/look.txt" | tr '\n' ' ' | sed 's/ $//')
}
state() {
	look "$1"
	echo "$s"
}
now() { date +%s.%N; }

fail() {
	failures=$((failures + 1))
	echo "FAIL - $*"
}

# A random number in [0, 1) from the seed and a counter (awk's generator).
rnd_n=0
rnd() {
	rnd_n=$((rnd_n + 1))
	awk -v s="$SEED" -v n="$rnd_n" 'BEGIN { srand(s * 7919 + n); print rand() }'
}

look "$base"
S_BEFORE=$s
[ "$ic" = ok ] || die "the starting database is not whole: $ic"

# Each write's state after, and how long it takes.
OPS="import index assess case"
for op in $OPS; do
	cp "$base" "$work/$op.after.db"
	t0=$(now)
	run_op $op "$work/$op.after.db" > "$work/$op.after.out" 2>&1 \
		|| { cat "$work/$op.after.out"; die "$op failed on the starting database"; }
	t1=$(now)
	eval "S_$op=\$(state \"\$work/\$op.after.db\")"
	eval "T_$op=\$(awk -v a=$t0 -v b=$t1 'BEGIN { printf \"%.3f\", b - a }')"
	eval "s=\$S_$op"
	[ "$s" != "$S_BEFORE" ] || die "$op changes nothing: no trial can tell before from after"
done
echo "torture: seed $SEED; each write's time: import $T_import s, index $T_index s," \
	"assess $T_assess s, case $T_case s ($KFQ)"

# ---- kill -9 at a random moment ----
killed=0
writing=0
left_before=0
left_after=0
finished=0
recovered=0
i=0
while [ $i -lt "$N" ]; do
	set -- $OPS
	shift $((i % 4))
	op=$1
	i=$((i + 1))
	db=$work/kill.db
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$base" "$db"
	eval "dur=\$T_$op"
	(EXEC=exec; run_op $op "$db") > "$work/kill.out" 2>&1 &
	pid=$!
	if [ $((i % 2)) = 1 ]; then
		# a moment of its whole time
		delay=$(awk -v r="$(rnd)" -v d="$dur" 'BEGIN { printf "%.3f", r * d * 1.1 }')
		sleep "$delay"
	else
		# a moment of its commit: a kill within 0 to 30 ms of the first
		# frame in the write-ahead log (the commit writes the log, then
		# the checkpoint copies it into the file)
		delay=$(awk -v r="$(rnd)" 'BEGIN { printf "%.3f", r * 0.03 }')
		while [ ! -s "$db-wal" ] && kill -0 $pid 2>/dev/null; do sleep 0.002; done
		sleep "$delay"
		delay="the log + $delay"
	fi
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	rc=$?
	if [ $rc = 137 ]; then
		killed=$((killed + 1))
		# killed while writing: its log holds frames no one has read yet
		[ -s "$db-wal" ] && writing=$((writing + 1))
	else
		finished=$((finished + 1))
	fi
	look "$db"
	eval "after=\$S_$op"
	if [ "$ic" != ok ]; then
		cp "$db" "$work/fail-kill-$i.db"
		fail "kill $i ($op at ${delay} s, exit $rc): integrity_check: $ic (fail-kill-$i.db)"
	elif [ "$s" = "$S_BEFORE" ]; then
		[ $rc = 137 ] || fail "kill $i ($op): exit $rc without a kill, and nothing written"
		left_before=$((left_before + 1))
		if [ $((i % 4)) -lt 2 ]; then   # half the time: the write again
			run_op $op "$db" > "$work/again.out" 2>&1
			rc2=$?
			s2=$(state "$db")
			if [ $rc2 = 0 ] && [ "$s2" = "$after" ]; then
				recovered=$((recovered + 1))
			else
				cp "$db" "$work/fail-again-$i.db"
				fail "kill $i ($op at ${delay} s): run again after the kill: exit $rc2, state $s2, not after: $(head -3 "$work/again.out")"
			fi
		fi
	elif [ "$s" = "$after" ]; then
		[ $rc = 137 ] && left_after=$((left_after + 1))
	else
		cp "$db" "$work/fail-kill-$i.db"
		fail "kill $i ($op at ${delay} s, exit $rc): the database is neither before nor after (fail-kill-$i.db)"
	fi
done

# ---- a full disk ----
full_ok=0
full_full=0
full_how=
j=0
while [ $j -lt $NFULL ]; do
	j=$((j + 1))
	set -- $OPS
	shift $(((j - 1) % 4))
	op=$1
	eval "after=\$S_$op"
	d=$work/full$j
	mkdir -p "$d/mnt"
	bsize=$(wc -c < "$base")
	# room for the copy and up to about 4 MB more (an import's log needs more)
	extra=$(awk -v r="$(rnd)" 'BEGIN { printf "%d", 64 + r * 4096 }')
	if [ -z "${TORTURE_NO_MOUNT:-}" ] && [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=$((bsize / 1024 + extra))k tmpfs "$d/mnt" 2>/dev/null; then
		full_how="a tmpfs of the database's size and 64 KB to 4 MB more"
		db=$d/mnt/t.db
		if ! cp "$base" "$db" 2>/dev/null; then
			umount "$d/mnt"
			continue
		fi
		run_op $op "$db" > "$d/out" 2>&1
		rc=$?
	else
		# not root: a file-size limit of 64 KB to 4 MB (the log passes it)
		full_how="a file-size limit (prlimit --fsize) of 64 KB to 4 MB"
		db=$d/t.db
		cp "$base" "$db"
		(trap '' XFSZ; EXEC="prlimit --fsize=$((extra * 1024)) --"; run_op $op "$db") > "$d/out" 2>&1
		rc=$?
	fi
	look "$db"
	if [ "$ic" != ok ]; then
		fail "full $j ($op): integrity_check: $ic"
	elif [ $rc = 0 ] && [ "$s" = "$after" ]; then
		full_ok=$((full_ok + 1))
	elif [ $rc = 1 ] && [ "$s" = "$S_BEFORE" ] && grep -q "no space left on device\|file-size limit" "$d/out"; then
		full_full=$((full_full + 1))
	else
		fail "full $j ($op, $extra KB to spare): exit $rc, $( [ "$s" = "$S_BEFORE" ] && echo before || { [ "$s" = "$after" ] && echo after || echo "neither before nor after"; })): $(head -2 "$d/out" | tr '\n' ' ')"
	fi
	mountpoint -q "$d/mnt" 2>/dev/null && umount "$d/mnt"
	[ $failures = 0 ] && rm -rf "$d"
done

# ---- two writers at once: the import and the case step ----
# the states of both, one after the other in either order
cp "$work/import.after.db" "$work/ic.db"
run_op case "$work/ic.db" > /dev/null 2>&1 || die "case after import failed"
S_ic=$(state "$work/ic.db")
cp "$work/case.after.db" "$work/ci.db"
run_op import "$work/ci.db" > /dev/null 2>&1 || die "import after case failed"
S_ci=$(state "$work/ci.db")
lock_both=0
lock_one=0
j=0
while [ $j -lt $NLOCK ]; do
	j=$((j + 1))
	db=$work/lock.db
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$base" "$db"
	gap=$(awk -v r="$(rnd)" -v d="$T_import" 'BEGIN { printf "%.3f", r * d }')
	wait_s=$(awk -v r="$(rnd)" 'BEGIN { print r < 0.5 ? 1 : 60 }')
	(export KFQ_BUSY_TIMEOUT=$wait_s; EXEC=exec; run_op import "$db") > "$work/lock.a" 2>&1 &
	pa=$!
	sleep "$gap"
	(export KFQ_BUSY_TIMEOUT=$wait_s; run_op case "$db") > "$work/lock.b" 2>&1
	rb=$?
	wait $pa 2>/dev/null
	ra=$?
	look "$db"
	busy_a=$(grep -c "another kfq is writing" "$work/lock.a")
	busy_b=$(grep -c "another kfq is writing" "$work/lock.b")
	what="lock $j (case step ${gap} s after the import, wait ${wait_s} s): import exit $ra, step exit $rb"
	if [ "$ic" != ok ]; then
		fail "$what: integrity_check: $ic"
	elif [ $ra = 0 ] && [ $rb = 0 ] && { [ "$s" = "$S_ic" ] || [ "$s" = "$S_ci" ]; }; then
		lock_both=$((lock_both + 1))
	elif [ $ra = 0 ] && [ $rb = 1 ] && [ "$busy_b" -gt 0 ] && [ "$s" = "$S_import" ]; then
		lock_one=$((lock_one + 1))
	elif [ $ra = 1 ] && [ $rb = 0 ] && [ "$busy_a" -gt 0 ] && [ "$s" = "$S_case" ]; then
		lock_one=$((lock_one + 1))
	else
		cp "$db" "$work/fail-lock-$j.db"
		fail "$what: the database is not the one of the writes that succeeded: $(head -2 "$work/lock.a" "$work/lock.b" | tr '\n' ' ')"
	fi
done

echo "torture: $N kill (killed mid-way $killed: $writing of them while writing, $left_before left before, $left_after after; finished first $finished; run again after a kill $recovered)," \
	"$NFULL full ($full_ok written, $full_full refused as full; $full_how)," \
	"$NLOCK lock (both written $lock_both, one waited past its timeout $lock_one): $failures failures"
[ $failures = 0 ] || { echo "torture: the failed trials' databases are in $work"; exit 1; }
