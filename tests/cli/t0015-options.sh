# t0015-options: every command's options come from its table: the help of
# each command and subcommand lists exactly the options it takes (each
# listed option is accepted, the command's others are refused), a misspelt
# command, subcommand or option is refused with the closest valid one, a
# value of the wrong type names the option and what was expected, and the
# README's import kinds are the program's.
top=$(cd "$DATA/../.." && pwd)
$KFQ --db t.db init > /dev/null

# the commands, from kfq help
cmds=$($KFQ help | sed -n 's/^  \([a-z]*\) .*/\1/p')
equal "$(echo $cmds)" "init import export show explain bulletin missing report history project lead case ledger visit index finance assess validate findings target approval publish revisions copy demo user audit serve help" \
	"kfq help lists every command"

# the options a help text lists ("--name" at the start of an options line)
opts_of() { sed -n 's/^  --\([a-z-]*\).*/\1/p' "$1" | grep -v '^help$'; }

for c in $cmds; do
	$KFQ --db t.db $c --help > help.txt 2>&1 || bad "kfq $c --help failed"
	grep -q "^usage: kfq \[--db FILE\] $c" help.txt && ok "kfq $c --help: usage" \
		|| bad "kfq $c --help has no usage line"
	grep -q "(null)" help.txt && bad "kfq $c --help prints (null): $(grep "(null)" help.txt)"
	subs=$(sed -n '/^subcommands/,/^$/p' help.txt | sed -n 's/^  \([a-z]*\).*/\1/p')
	all=$(opts_of help.txt)
	for s in $subs; do
		$KFQ --db t.db $c $s --help > sub.txt 2>&1
		grep -q "^usage: kfq \[--db FILE\] $c $s" sub.txt && ok "kfq $c $s --help" \
			|| bad "kfq $c $s --help: no usage line"
		mine=" $(echo $(opts_of sub.txt)) "
		# its positional argument, when the usage names one (CODE, SCHEME)
		arg=$(sed -n "s/^usage: kfq \[--db FILE\] $c $s \([A-Z][A-Z]*\).*/x/p" sub.txt)
		for o in $all; do
			# the parser judges an option the subcommand does not take
			# as it meets it, before its value: only "unknown" and "does
			# not apply" matter here (what follows, "needs a value" or a
			# run, does not). Some 550 runs of the option parser: by the
			# release build when one is given ($KFQ_REL; the
			# sanitizer build's start alone takes 40-80 ms), as the
			# other scripts run the parser with the sanitizers.
			${KFQ_REL:-$KFQ} --db t.db $c $s $arg --$o > o.txt 2>&1
			if [ -z "${mine##* $o *}" ]; then
				if grep -q "does not apply\|unknown option" o.txt; then
					bad "kfq $c $s: --$o is in its help but refused: $(head -2 o.txt)"
				else
					ok "kfq $c $s takes --$o, as its help says"
				fi
			else
				if grep -q "does not apply" o.txt; then
					ok "kfq $c $s refuses --$o, absent from its help"
				else
					bad "kfq $c $s: --$o is not in its help but not refused: $(head -2 o.txt)"
				fi
			fi
		done
	done
done

# did you mean
check_exit 1 "a misspelt option" $KFQ --db t.db show sales --perod 2017
has err.txt "unknown option --perod (did you mean --period?)" "is refused with the closest"
check_exit 1 "a misspelt subcommand" $KFQ --db t.db project lsit
has err.txt "unknown subcommand \"lsit\" (did you mean list?" "is refused with the closest"
check_exit 1 "a misspelt command" $KFQ --db t.db shwo sales
has err.txt "unknown command \"shwo\" (did you mean show?" "is refused with the closest"
check_exit 1 "an option far from any" $KFQ --db t.db show sales --zzzzzz 1
has err.txt "unknown option --zzzzzz (see kfq show --help)" "points to the help"
check_exit 1 "a misspelt choice" $KFQ --db t.db show sales --format jsno
has err.txt "show: --format: \"jsno\" is not one of table, csv, json (did you mean json?)" \
	"names the option, the value and the choices"
check_exit 1 "a period that is not one" $KFQ --db t.db history --period 2017-13
has err.txt "history: --period" "names the option"
check_exit 1 "a number that is not one" $KFQ --db t.db history --limit ten
has err.txt "history: --limit: \"ten\" is not a whole number" "names the option and the value"
check_exit 1 "a date that is not one" $KFQ --db t.db project list --date 2017-02-30
has err.txt "project list: --date" "names the subcommand and the option"
check_exit 1 "a required option missing" $KFQ --db t.db lead stats
has err.txt "lead stats: --period is required" "is named"
check_exit 1 "a flag given a value" $KFQ --db t.db import data x.csv --dry-run=yes
has err.txt "--dry-run takes no value" "is refused"

# the README's import kinds are the program's
$KFQ import --help | sed -n '/^KIND is one of:/,/^$/p' | tail -n +2 | tr ' ' '\n' | grep . | sort > prog.txt
sed -n '/^Import kinds/,/^Commands/p' "$top/README.md" | sed -n 's/^- [^:]*: //p' | tr ',' '\n' \
	| sed 's/^ *//; s/ *$//' | grep . | sort > readme.txt
same prog.txt readme.txt "the README lists exactly the import kinds kfq import takes"
equal "$(wc -l < prog.txt | tr -d ' ')" 35 "35 import kinds"
