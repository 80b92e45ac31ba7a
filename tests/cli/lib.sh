# lib.sh: helpers for the command-line tests (sourced by run.sh for each
# t*.sh script). Every check prints one line: "ok - what" or "FAIL - what".
# $KFQ is the binary under test; $DATA the test data folder; each script
# runs in a fresh empty folder of its own.

pass=0
failed=0
# kfq speaks Chinese unless the locale is English: the scripts check its
# English messages (t0032 the Chinese ones, and the default)
unset LC_ALL
export LC_MESSAGES=en_US.UTF-8

ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() { failed=$((failed + 1)); echo "FAIL - $*"; }

# check "what" CMD...: the command must succeed.
check() {
	what=$1; shift
	if "$@" >out.txt 2>err.txt; then ok "$what"; else bad "$what (exit $?)"; sed 's/^/    /' err.txt | head -20; fi
}

# check_exit N "what" CMD...: the command must exit with status N.
check_exit() {
	want=$1; what=$2; shift 2
	"$@" >out.txt 2>err.txt
	got=$?
	if [ "$got" = "$want" ]; then ok "$what"; else bad "$what (exit $got, wanted $want)"; sed 's/^/    /' err.txt | head -20; fi
}

# has FILE "text" "what": FILE contains the text (fixed string).
has() {
	if grep -qF -- "$2" "$1"; then ok "$3"; else bad "$3: '$2' not in $1:"; sed 's/^/    /' "$1" | head -20; fi
}

hasnt() {
	if grep -qF -- "$2" "$1"; then bad "$3: '$2' is in $1"; else ok "$3"; fi
}

# same A B "what": two files are identical.
same() {
	if cmp -s "$1" "$2"; then ok "$3"; else bad "$3: $1 and $2 differ:"; diff "$1" "$2" | head -20 | sed 's/^/    /'; fi
}

# equal "got" "want" "what"
equal() {
	if [ "$1" = "$2" ]; then ok "$3"; else bad "$3: got '$1', wanted '$2'"; fi
}

# The database's content, in a stable text form (for "nothing changed").
dump() {
	sqlite3 "$1" .dump | grep -v '^PRAGMA' > "$2"
}

# csv_field FILE ROW_MATCH COLUMN_NAME: the value of a column in the first
# data row of a csv whose text contains ROW_MATCH.
csv_field() {
	awk -F, -v m="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) col = i; next }
		index($0, m) && !done { print $col; done = 1 }' "$1"
}

# demo_copy [NAME]: a copy of the demo database run.sh built once
# ($DEMO_DB), as NAME (default demo.db), instead of building it again.
demo_copy() {
	cp "$DEMO_DB" "${1:-demo.db}" && ok "a copy of the demo database as ${1:-demo.db}" \
		|| bad "copying the demo database from $DEMO_DB"
}

# as_reader CMD...: run CMD bound by file modes as any account is: root
# gives up its power to override them (CAP_DAC_OVERRIDE), so that a 0444
# file or a 0555 folder is read-only to it too.
as_reader() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --bounding-set=-dac_override,-dac_read_search -- "$@"
	else
		"$@"
	fi
}

# wait_for FILE [TEXT]: wait (up to 10 s) until FILE exists, or holds TEXT;
# a condition, not a guess of how long something takes.
wait_for() {
	n=0
	while [ $n -lt 200 ]; do
		if [ $# -ge 2 ]; then grep -qF -- "$2" "$1" 2>/dev/null && return 0
		else [ -e "$1" ] && return 0; fi
		sleep 0.05
		n=$((n + 1))
	done
	return 1
}
