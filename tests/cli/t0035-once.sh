# t0035-once: every import kind refuses a key given twice in one file,
# whatever the database holds: the demo's first row of each kind's export,
# given twice, is refused naming both lines and changes nothing; a value
# equal to the stored one followed by another value for the same key (the
# bypass the fault trials found: "0 added, 1 changed, 1 unchanged", the
# later row silently winning) is refused in either order, the period
# written either way (2016 and 2016年); a key given once is still taken.
demo_copy d.db
dump d.db before.txt
KINDS=$($KFQ import --help | sed -n '/^KIND/,/^$/p' | tail -n +2)
for k in $KINDS; do
	$KFQ --db d.db export $k --output x.csv 2> /dev/null
	if [ "$(wc -l < x.csv)" -lt 2 ]; then
		case $k in
		case-depts) printf 'dept,supervisor\n招商局,张三\n' > x.csv ;;
		*) bad "$k: the demo has no row to give twice"; continue ;;
		esac
	fi
	{ head -2 x.csv; sed -n 2p x.csv; } > twice.csv
	check_exit 1 "$k: a row given twice is refused" $KFQ --db d.db import $k twice.csv
	has err.txt "twice.csv:3: " "$k: the message names the second line"
	has err.txt "given on line 2" "$k: and the first"
done
dump d.db after.txt
same before.txt after.txt "none of the refused files changed the database"

# the stored value first, then another: refused; and in the other order
equal "$($KFQ --db d.db export data | grep -c '^binhai,budget_revenue,2016,4.61,')" 1 \
	"the demo holds binhai's budget revenue of 2016: 4.61"
H='unit,indicator,period,value,measure'
printf '%s\nbinhai,budget_revenue,2016,4.61,亿元\nbinhai,budget_revenue,2016年,4.62,亿元\n' "$H" > a.csv
check_exit 1 "the stored value, then another for the same key: refused" $KFQ --db d.db import data a.csv
has err.txt "a.csv:3: the same unit, indicator and period is already given on line 2" \
	"naming both lines"
printf '%s\nbinhai,budget_revenue,2016,4.62,亿元\nbinhai,budget_revenue,2016,4.61,亿元\n' "$H" > b.csv
check_exit 1 "another value, then the stored one: refused" $KFQ --db d.db import data b.csv
equal "$($KFQ --db d.db export data | grep -c '^binhai,budget_revenue,2016,4.61,')" 1 \
	"the stored value stays"
H='unit,indicator,year,value,measure'
$KFQ --db d.db export targets | sed -n 2p > t1.txt
printf '%s\n%s\n%s\n' "$H" "$(cat t1.txt)" "$(sed 's/,[0-9.]*,\([^,]*\)$/,1.23,\1/' t1.txt)" > t.csv
check_exit 1 "a stored target, then another for the same unit, indicator and year: refused" \
	$KFQ --db d.db import targets t.csv
has err.txt "t.csv:3: the same target is already given on line 2" "naming both lines"
key=$(cut -d, -f1-3 t1.txt | tr , ' ')
has err.txt "t.csv:3: the same target is already given on line 2: $key" "and the key"
printf 'date,name\n2017-10-01,国庆节\n2017年10月1日,国庆节\n' > h.csv
check_exit 1 "a holiday given twice, its date written two ways: refused" \
	$KFQ --db d.db import holidays h.csv
dump d.db after.txt
same before.txt after.txt "and none of them changed the database"

# given once, each is still taken
printf 'unit,indicator,period,value,measure\nbinhai,budget_revenue,2016,4.62,亿元\n' > c.csv
check "a new value given once is taken" $KFQ --db d.db import data c.csv
has out.txt "1 changed" "as a change"
