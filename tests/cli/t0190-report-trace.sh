# t0190-report-trace: kfq report trace: from a number of a rendered report
# down to the stored values behind it and the import file and line each
# came from; a later correction shown with who made it; the demo's
# year-in-review: 日产业园's 2.5 亿元 as the sum of its enterprises' monthly
# values, each with its line.
top=$(cd "$DATA/../.." && pwd)
ex=$top/docs/examples
$KFQ --db z.db init > /dev/null
for k in units indicators; do $KFQ --db z.db import $k "$ex/$k.csv" > /dev/null; done
cp "$ex/data.csv" data.csv
check "a month's data imported" $KFQ --db z.db import data data.csv
cat > z.tmpl <<'T'
# {{unit}}
一号园区应税销售{{sales p1 ytd 万元 0 id=p1_sales}}万元。
T
check "rendered" $KFQ --db z.db report render z.tmpl --period 2017年1-8月
# e1 files its months (7 and 8: 1170 + 1180, and earlier months if any);
# e2 its years to date: p1 is their sum as kfq show gives it
p1=$($KFQ --db z.db show sales --unit p1 --period 2017年1-8月 --measure 万元 --format csv | csv_field /dev/stdin p1 ytd)
has out.txt "一号园区应税销售$(printf '%.0f' "$p1")万元。" "the park's figure ($p1 万元)"
check "trace --figure" $KFQ --db z.db report trace z.tmpl --period 2017年1-8月 --figure p1_sales --records
cp out.txt trace.txt
has trace.txt "z.tmpl:2: sales ytd unit=p1 period=2017年1-8月 measure=万元 decimals=0 = $(printf '%.0f' "$p1")" "the reference and its value"
has trace.txt "kfq show sales --unit p1 --period 2017年1-8月" "the command that shows it"
has trace.txt "e1 甲公司" "the units it sums"
# every stored value listed names data.csv and a line of it that holds
# that unit and value
n=0; okl=0
grep " data.csv:[0-9]*$" trace.txt > recs.txt
while read -r code name period value measure src; do
	line=${src##*:}
	n=$((n + 1))
	row=$(sed -n "${line}p" data.csv)
	v=$(awk -v v="$value" 'BEGIN { printf "%.0f", v * 10000 }')   # 亿元 → 万元
	case $row in "$code,sales,"*",$v") okl=$((okl + 1)) ;; *) echo "    line $line: '$row' for $code $value" ;; esac
done < recs.txt
[ $n -gt 0 ] && [ $okl = $n ] && ok "each of the $n stored values names its line of data.csv" \
	|| bad "$okl of $n stored values match their line of data.csv"
has trace.txt "none of them changed since their import" "nothing changed yet"
# a correction: e1's August, imported again from another file
printf 'unit,indicator,period,value(万元)\ne1,sales,2017-08,1200\n' > fix.csv
check "a correction imported" env KFQ_USER=stat KFQ_NOW=2017-09-20T10:00:00Z $KFQ --db z.db import data fix.csv
check "trace --line" $KFQ --db z.db report trace z.tmpl --period 2017年1-8月 --line 2
has out.txt "changed since their import" "the change is told"
has out.txt "2017-09-20T10:00:00Z e1 2017-08 by stat from fix.csv:2" "with when, who and the file's line"
has out.txt "fix.csv (imported 2017-09-20T10:00:00Z by stat): 1 values, lines 2-2" "and the value now comes from the correction"
# a park's month sums its children's months (not their years to date);
# an enterprise that files totals to date has its month from two of them
check "explain a park's month" $KFQ --db z.db explain sales --unit p1 --period 2017-08
has out.txt "the units it sums (kfq show sales --unit p1 --by children), the period's own:" "the children's months"
has out.txt "e1 甲公司 0.12 亿元" "e1's August (1 200 万元)"
has out.txt "e2 乙公司 0.05 亿元" "e2's August: 3 880 - 3 360 = 520 万元"
check "explain an enterprise's month from its totals" $KFQ --db z.db explain sales --unit e2 --period 2017-08 --records
has out.txt "2017-07 … 2017-08: 2 values of 1 units" "its two totals to date are behind it"
has out.txt "e2 乙公司 2017年1-7月 0.336 亿元" "1-7月"
has out.txt "e2 乙公司 2017年1-8月 0.388 亿元" "and 1-8月"
check "explain a monthly filer's month" $KFQ --db z.db explain sales --unit e1 --period 2017-08 --records
has out.txt "2017-08 … 2017-08: 1 values of 1 units" "its month alone"
printf 'unit,indicator,period,value(万元)\ne1,sales,2017-09,1190\n' > sep.csv
check "September from e1 alone" $KFQ --db z.db import data sep.csv
check "explain a partial month" $KFQ --db z.db explain sales --unit p1 --period 2017-09 --what growth
has out.txt "withheld: a partial figure, 1 of the 2 units expected have reported" "a partial figure is said as such, not as no data"
check_exit 1 "no figure on a line without one" $KFQ --db z.db report trace z.tmpl --period 2017年1-8月 --line 1
has err.txt "z.tmpl: no figure on line 1" "is refused"
check_exit 1 "an unknown figure" $KFQ --db z.db report trace z.tmpl --period 2017年1-8月 --figure nope
has err.txt "no figure \"nope\"" "is refused"
check_exit 1 "--line or --figure" $KFQ --db z.db report trace z.tmpl --period 2017年1-8月
has err.txt "report trace: give --line N or --figure REF" "one of them is needed"
# the demo's review: 日产业园's sales down to its enterprises' months
demo_copy
check "trace the review's 2.5 亿元" $KFQ --db demo.db report trace "$ex/reports/annual-review-2017.tmpl" --period 2017 --figure jp_sales --records
has out.txt "taxable_sales ytd unit=japan_park period=2017 measure=亿元 decimals=1 = 2.5" "the figure"
# an enterprise files its months (2017-01 …) or its years to date (2017年1-2月
# …): its year is its 1-12月 filing, else the sum of its months
sum=$(awk 'NF == 6 && $5 == "亿元" { if ($3 == "2017年1-12月") ytd[$1] = $4; else if ($3 ~ /^2017-/) m[$1] += $4; u[$1] = 1 }
	END { for (k in u) s += (k in ytd) ? ytd[k] : m[k]; printf "%.2f", s }' out.txt)
equal "$sum" "2.50" "its enterprises' stored values (months, or years to date) add up to 2.50 亿元"
has out.txt ": 144 values of 12 units within 日产业园" "12 enterprises, 12 months each"

# kfq explain: one figure's account without a template, as trace gives it
check "explain a park's year to date" $KFQ --db demo.db explain taxable_sales --unit eyewear_town --period 2017年1-8月
has out.txt "taxable_sales ytd unit=eyewear_town period=2017年1-8月 measure=亿元 decimals=2 = " "the figure, in full, and its value"
has out.txt "the units it sums (kfq show taxable_sales --unit eyewear_town --by children), year to date:" "the units it sums"
hasnt out.txt ":1: " "no template's line"
check "explain an enterprise's month with its records" $KFQ --db demo.db explain taxable_sales --unit ent0001 --period 2017-08 --records
has out.txt "taxable_sales value unit=ent0001 period=2017-08" "a month: its own value by default"
has out.txt "1 values of 1 units within" "the stored value behind it"
grep -q "ent0001 .* 2017-08 .*亿元 .*\.csv:[0-9]" out.txt && ok "with its file and line" || bad "no file:line: $(cat out.txt)"
check "the growth of the month" $KFQ --db demo.db explain taxable_sales --unit ent0001 --period 2017-08 --what growth
equal "$(grep -c 'stored values behind it' out.txt)" 2 "this August and last August's"
has out.txt "2016-08 … 2016-08" "the month of last year only"
# a scoped indicator: its group's members within the unit, counted from the database
n=$(sqlite3 demo.db "SELECT count(*) FROM unit_group WHERE grp = 'above_scale' AND year = 2017")
check "explain a scoped indicator" $KFQ --db demo.db explain ind_value_added --unit danyang --period 2017
has out.txt "counts only the units in group above_scale in 2017 (its scope): within danyang, $n of them" "its scope, and how many are in it"
check "explain an indicator with no scope" $KFQ --db demo.db explain taxable_sales --unit danyang --period 2017
hasnt out.txt "(its scope)" "says none"
check "the same, in a park" $KFQ --db demo.db explain ind_value_added --unit eyewear_town --period 2016
np=$(sqlite3 demo.db "SELECT count(*) FROM unit_group g JOIN unit u ON u.id = g.unit_id JOIN unit p ON p.id = u.parent_id WHERE g.grp = 'above_scale' AND g.year = 2016 AND p.code = 'eyewear_town'")
has out.txt "above_scale in 2016 (its scope): within eyewear_town, $np of them" "the park's members in 2016"
check "without a period: the latest data" $KFQ --db demo.db explain taxable_sales
has out.txt "taxable_sales ytd unit=danyang period=" "the zone's year to date"
check_exit 1 "an unknown indicator" $KFQ --db demo.db explain nosuch
has err.txt 'explain: unknown indicator "nosuch"' "is named"
check_exit 1 "an unknown unit" $KFQ --db demo.db explain taxable_sales --unit nowhere
KFQ_LANG=zh check "in Chinese" $KFQ --db demo.db explain taxable_sales --unit ent0001 --period 2017-08
has out.txt "导入后均未修改" "the account in Chinese"
