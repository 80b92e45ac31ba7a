#!/bin/sh
# one.sh SCRIPT OUTDIR: run one command-line test script (run.sh calls it,
# several at once) in a fresh folder of its own, its lines into
# OUTDIR/NAME.out and, last, "#counts PASSED FAILED"; the seconds it took
# into OUTDIR/NAME.sec.
t=$1
out=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
name=$(basename "$t" .sh)
dir=$(mktemp -d "$out/$name.XXXXXX")
start=$(date +%s)
# leak checks for the scripts run.sh names in $LEAKS (all of them when unset)
case " ${LEAKS:-all} " in
*" $name "*|" all ") leaks=1 ;;
*) leaks=0 ;;
esac
export ASAN_OPTIONS="detect_leaks=$leaks${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
(cd "$dir" && sh -c ". '$top/tests/cli/lib.sh'; . '$t'; echo \"#counts \$pass \$failed\"" \
	> "$out/$name.out" 2>&1)
rm -rf "$dir"
echo $(($(date +%s) - start)) > "$out/$name.sec"
