#!/bin/sh
# one.sh SCRIPT OUTDIR: run one command-line test script (run.sh calls it,
# several at once) in a fresh folder of its own, its lines into
# OUTDIR/NAME.out and, last, "#counts PASSED FAILED"; the seconds it took
# into OUTDIR/NAME.sec, and the CPU seconds (user and system, of the
# script and everything it started and waited for) into OUTDIR/NAME.cpu.
t=$1
out=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
name=$(basename "$t" .sh)
dir=$(mktemp -d "$out/$name.XXXXXX")
start=$(date +%s)
# leak checks for the scripts run.sh names in $LEAKS (all of them when
# unset), with AddressSanitizer's default quarantine of freed memory (256
# MB: a use after free is found however long after the free). The other
# scripts keep 1 MB of freed memory in quarantine (a use soon after its free
# is found, as most are): a command's every new allocation otherwise
# touches fresh pages, half the page faults of a sanitizer run (7 050
# against 3 700 for a kfq show on the demo, 130 ms against 85) in scripts
# that start kfq thousands of times. The unit suites keep the defaults.
# the build it runs (run.sh: release or sanitizers)
echo "${KFQ_KIND:-release}" > "$out/$name.build"
case " ${LEAKS:-all} " in
*" $name "*|" all ") leaks=1 quarantine= ;;
*) leaks=0 quarantine=:quarantine_size_mb=1 ;;
esac
export ASAN_OPTIONS="detect_leaks=$leaks$quarantine${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
(cd "$dir" && sh -c ". '$top/tests/cli/lib.sh'; . '$t'; echo \"#counts \$pass \$failed\"" \
	> "$out/$name.out" 2>&1)
rm -rf "$dir"
echo $(($(date +%s) - start)) > "$out/$name.sec"
# times' second line: the children's user and system time ("0m1.234s")
# (a builtin, run in this shell: in a pipe it would be a child's)
times > "$out/$name.times"
awk 'NR == 2 { gsub(/[ms]/, " "); printf "%.1f\n", $1 * 60 + $2 + $3 * 60 + $4 }' \
	"$out/$name.times" > "$out/$name.cpu"
