# t0050-figures: the figures of kfq show on hand-checked data (tests/data).
$KFQ --db t.db init >/dev/null
for k in units indicators groups data targets; do $KFQ --db t.db import $k $DATA/$k.csv >/dev/null; done
$KFQ --db t.db import data $DATA/staff.csv >/dev/null
check "show sales for 2017 in 万元" $KFQ --db t.db show sales --unit zone --period 2017 --measure 万元 --format csv
has out.txt "unit,indicator,period,measure,value,ytd,prior,growth,comparable_growth,target,completion,rank,share" "the csv header, with the share as the table and JSON have it"
has out.txt "zone,sales,2017,万元,45360.00,45360.00,41520.00,9.2,9.2,38000.00,119.4," "zone 2017: value, prior, growth 9.2%, target, completion 119.4%"
check "by children" $KFQ --db t.db show sales --unit zone --period 2017 --measure 万元 --format csv --by children
has out.txt "p1,sales,2017,万元,20040.00,20040.00" "park p1 (e2 files year-to-date totals)"
has out.txt "p2,sales,2017,万元,25320.00,25320.00" "park p2"
p1=$(csv_field out.txt p1, value | tr -d .); p2=$(csv_field out.txt p2, value | tr -d .); z=$(csv_field out.txt zone, value | tr -d .)
equal "$((p1 + p2))" "$z" "the parks add up to the zone to the last digit"
has out.txt ",17000.00,117.9,2,44.2" "p1: target 17000, completion 117.9%, rank 2, share 20040 / 45360 = 44.2%"
has out.txt "p2,sales,2017,万元,25320.00,25320.00,23160.00,9.3,9.3,,,1,55.8" "p2: share 25320 / 45360 = 55.8%"
$KFQ --db t.db show sales --unit zone --period 2017 --by children --format json > share.json
equal "$(jq -r '.[] | select(.unit == "p1") | .share' share.json)" "44.2" "JSON gives the same share"
check "year to date 1-8月" $KFQ --db t.db show sales --unit zone --period 2017年1-8月 --measure 万元 --format csv
has out.txt "zone,sales,2017年1-8月,万元,29600.00,29600.00,27040.00,9.5," "1-8月: 29600 against 27040, +9.5%"
check "a month of a unit that files year-to-date totals" $KFQ --db t.db show sales --unit e2 --period 2017-08 --measure 万元 --format csv
has out.txt "e2,sales,2017-08,万元,520.00,3880.00" "e2 August is derived from its 1-8月 and 1-7月 totals"
check "the same month of a unit that files month values" $KFQ --db t.db show sales --unit e1 --period 201708 --measure 万元 --format csv
has out.txt "e1,sales,2017-08,万元,1180.00,9160.00" "e1 August and its year to date"
check "comparable growth of a scoped indicator" $KFQ --db t.db show va --unit zone --period 2017 --measure 万元 --format csv
has out.txt "zone,va,2017,万元,11790.00,11790.00,11142.00,5.8,9.3," "规上 value added: growth 5.8%, comparable 9.3% (e2 left 规上, e4 entered)"
check "a formula indicator" $KFQ --db t.db show va_rate --unit zone --period 2017 --format csv
has out.txt "zone,va_rate,2017,%,26.0" "va / sales * 100 = 26.0%"
# Algebraically equal formulas give the same figure, rounded once at the end:
# 11790 / 45360 * 100 = 25.992063... is 25.9921 at 4 decimals (rounding the
# ratio to 4 places first, 0.2599, gave 25.9900); p1: 4194 / 20040 * 100 =
# 20.928143... is 20.9281 (0.2093 first gave 20.9300); p2: 7596 / 25320 * 100
# = 30 exactly.
cat > rates.csv <<'CSV'
code,name_zh,name_en,measure,kind,agg,decimals,scope,formula,headline
rate_a,增加值率甲,rate a,%,flow,none,4,,va / sales * 100,0
rate_b,增加值率乙,rate b,%,flow,none,4,,va * 100 / sales,0
rate_c,增加值率丙,rate c,%,flow,none,4,,100 / (sales / va),0
rate_d,增加值率丁,rate d,%,flow,none,4,,(va / 3) / (sales / 300),0
CSV
check "four ways to write one rate" $KFQ --db t.db import indicators rates.csv
for r in rate_a rate_b rate_c rate_d; do
	$KFQ --db t.db show $r --unit zone --period 2017 --by children --format csv | cut -d, -f1,5 | tail -n +2 > $r.txt
done
has rate_a.txt "zone,25.9921" "va / sales * 100 = 25.9921 exactly rounded once"
has rate_a.txt "p1,20.9281" "20.9281 for p1"
has rate_a.txt "p2,30.0000" "and 30.0000 for p2"
same rate_a.txt rate_b.txt "va * 100 / sales gives the same figures"
same rate_a.txt rate_c.txt "100 / (sales / va) too"
same rate_a.txt rate_d.txt "and (va / 3) / (sales / 300)"
check "a stock indicator" $KFQ --db t.db show staff --unit zone --period 2017 --format csv
has out.txt "zone,staff,2017,人,495,495,455,8.8" "staff at year end: 495 against 455"
check "quarter" $KFQ --db t.db show sales --unit e1 --period 2017年第三季度 --measure 万元 --format csv
has out.txt "e1,sales,2017Q3,万元,3540.00" "Q3 = 1170 + 1180 + 1190"
check "time-proportional completion in the bulletin" $KFQ --db t.db bulletin --period 2017-08 --unit zone --format csv
has out.txt "测试开发区,应税销售,亿元,2.96,9.5,9.5,3.80,77.9,116.8" "1-8月: completion 77.9%, 116.8% of time-proportional progress"
check "the bulletin in English and Markdown" $KFQ --db t.db bulletin --period 2017 --unit zone --format md --lang en
has out.txt "| taxable sales |" "English names"
has out.txt "economic bulletin" "English title"
check "January's bulletin" $KFQ --db t.db bulletin --period 2017-01 --unit zone
has out.txt "（2017年1月）" "January's year to date is titled 2017年1月"
hasnt out.txt "1-1月" "never 1-1月"
check "a formula without a period: its inputs' latest data" $KFQ --db t.db show rate_a --unit zone --format csv
has out.txt "zone,rate_a,2017," "the latest year of its inputs"
check "json" $KFQ --db t.db show sales --unit zone --period 2017 --format json
has out.txt '"growth": 9.2' "json numbers are numbers"
has out.txt '"rank": null' "json marks missing values as null"
check "show without a period takes the latest data" $KFQ --db t.db show sales --unit zone --format csv
has out.txt "zone,sales,2017," "the latest year with data"

# Stored roll-ups give exactly what computing from the observations gives.
n=$(sqlite3 t.db "SELECT count(*) FROM rollup_state")
[ "$n" -gt 0 ] && ok "imports stored roll-ups ($n keys)" || bad "no roll-ups stored"
for p in 2017 2017-08 2017年1-8月 2017Q3 2016; do
	$KFQ --db t.db bulletin --period $p --unit zone --format csv > with.csv
	for i in sales va staff va_rate; do $KFQ --db t.db show $i --unit zone --period $p --by children --format csv >> with.csv; done
	cp t.db nr.db; sqlite3 nr.db "DELETE FROM rollup_state"
	$KFQ --db nr.db bulletin --period $p --unit zone --format csv > without.csv
	for i in sales va staff va_rate; do $KFQ --db nr.db show $i --unit zone --period $p --by children --format csv >> without.csv; done
	same with.csv without.csv "$p: figures from roll-ups equal figures from the observations"
done

# After the groups and the tree change, the roll-ups are rebuilt with them.
printf 'unit,group,year\ne2,above_scale,2017\n' > g2.csv
check "a firm enters 规上 in 2017 after the data is in" $KFQ --db t.db import groups g2.csv
printf 'code,name,kind,parent\ne4,丁公司,enterprise,p1\n' > move.csv
check "a firm moves to another park" $KFQ --db t.db import units move.csv
$KFQ --db t.db show va --unit zone --period 2017 --measure 万元 --format csv --by children > with.csv
cp t.db nr.db; sqlite3 nr.db "DELETE FROM rollup_state"
$KFQ --db nr.db show va --unit zone --period 2017 --measure 万元 --format csv --by children > without.csv
same with.csv without.csv "roll-ups follow group and tree changes"
has with.csv "zone,va,2017,万元,13608.00" "e2 now counts in 规上 value added (11790 + 1818)"
has with.csv "p1,va,2017,万元,7434.00" "e4 now counts in park p1 (4194 + 1818 + 1422)"

# A unit without a target of its own has the sum of its children's.
printf 'unit,indicator,year,value(万元)\ne3,sales,2017,20000\ne4,sales,2017,5000\n' > t2.csv
check "targets for two enterprises" $KFQ --db t.db import targets t2.csv
check "show p2" $KFQ --db t.db show sales --unit p2 --period 2017 --measure 万元 --format csv
has out.txt ",20000.00," "p2 has no target of its own: the sum of its children's (e3 20000; e4 moved to p1 above)"
