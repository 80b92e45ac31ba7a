# t0046-hostile: the hostile-input corpus (tests/data/hostile, issue 13):
# each file imported into a copy of the demo as the kind its name begins
# with must be refused (exit 1, the message EXPECT gives, naming the file,
# the database unchanged: the refused share one copy, compared at the end)
# or taken cleanly (exit 0, its summary, the
# database whole); never exit 2, never a crash. Then what the taken ones
# hold is checked on its way out: formulas guarded in a CSV export, control
# characters shown as '?' on a terminal.
H=$DATA/hostile
n=0
cp "$DEMO_DB" refused.db
before=$(sqlite3 refused.db .sha3sum)
for f in "$H"/*; do
	b=$(basename "$f")
	[ "$b" = EXPECT ] && continue
	n=$((n + 1))
	line=$(awk -F'\t' -v f="$b" '$1 == f' "$H/EXPECT")
	if [ -z "$line" ]; then
		bad "$b has no line in tests/data/hostile/EXPECT"
		continue
	fi
	want=$(printf '%s\n' "$line" | cut -f2)
	says=$(printf '%s\n' "$line" | cut -f3)
	# the refused share one copy (checked unchanged at the end), each taken
	# one gets its own
	db=refused.db
	if [ "$want" = 0 ]; then
		db=taken.${b%.*}.db
		cp "$DEMO_DB" "$db"
	fi
	$KFQ --db $db import "${b%%.*}" "$f" > out.txt 2> err.txt
	got=$?
	if [ "$got" != "$want" ]; then
		bad "$b: exit $got, wanted $want: $(head -c 300 err.txt)"
		continue
	fi
	if [ "$want" = 1 ]; then
		if grep -qF -- "kfq: $f" err.txt && grep -qF -- "$says" err.txt; then
			ok "$b: refused, naming the file: $says"
		else
			bad "$b: refused, but not saying \"$says\": $(head -c 300 err.txt)"
		fi
	else
		has out.txt "$says" "$b: taken"
		equal "$(sqlite3 $db 'PRAGMA integrity_check')" ok "$b: the database is whole"
	fi
done
[ $n -ge 20 ] && ok "the corpus has $n files" || bad "the corpus has $n files, fewer than 20"
equal "$(sqlite3 refused.db .sha3sum)" "$before" "the refused files changed nothing in the database"

# what the taken files hold, on its way out
check "export the units with formulas" $KFQ --db taken.units.formulas.db export units
has out.txt "f1,\"'=HYPERLINK(" "a formula is guarded in the CSV (OWASP)"
has out.txt "f2,'+cmd|" "a command too"
hasnt out.txt ",@SUM" "and an @ function"
check "export the units with control characters" $KFQ --db taken.units.control-chars.db export units
has out.txt "$(printf 'ctl1,\033[2J')" "into a file or a pipe the name is as it was given"
if script -qec "true" /dev/null > /dev/null 2>&1; then
	script -qec "$KFQ --db taken.units.control-chars.db export units" /dev/null > tty.txt 2>&1
	hasnt tty.txt "$(printf '\033[2J')" "on a terminal the escape does not reach it"
	has tty.txt "ctl1,?[2J?]0;owned?名字" "each control character is shown as ?"
else
	ok "skipped: no script(1) to stand in for a terminal"
fi
check "the huge name is read back" $KFQ --db taken.units.huge-field.db export units
equal "$(grep -c '^huge1,长长长' out.txt)" 1 "whole"
