# t0055-coverage: honest totals, as a zone set up from scratch sees them: a
# firm that has not filed August makes its park's and the zone's totals
# partial, shown with how many reported (已报/应报) in show, the bulletin
# (table, CSV, JSON) and kfq missing, with growth and completion withheld
# unless --partial; a quarterly filer is expected at quarter ends only; a
# firm that filed last year and nothing this year is listed apart.
cat > units.csv <<'CSV'
code,name,kind,parent
z,测试区,zone,
p1,一园,park,z
p2,二园,park,z
e1,甲公司,enterprise,p1
e2,乙公司,enterprise,p1
e3,丙公司,enterprise,p2
e4,丁公司,enterprise,p2
CSV
cat > ind.csv <<'CSV'
code,name_zh,name_en,measure,kind,agg,decimals,headline,formula
sales,应税销售,taxable sales,万元,flow,sum,2,1,
half,一半,half,万元,flow,sum,2,,sales / 2
CSV
{
	echo "unit,indicator,period,value"
	for m in 01 02 03 04 05 06 07 08; do echo "e1,sales,2017-$m,100"; done
	for m in 01 02 03 04 05 06 07; do echo "e2,sales,2017-$m,200"; done
	echo "e3,sales,2017Q1,900"; echo "e3,sales,2017Q2,900"
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		echo "e1,sales,2016-$m,90"; echo "e2,sales,2016-$m,190"; echo "e4,sales,2016-$m,50"
	done
} > data.csv
$KFQ --db z.db init > /dev/null
printf 'unit,indicator,year,value\nz,sales,2017,4000\n' > t.csv
# filed before any of these months' deadlines (late filers: t0057)
for k in "units units.csv" "indicators ind.csv" "data data.csv" "targets t.csv"; do
	KFQ_NOW=2017-08-05T01:00:00Z $KFQ --db z.db import $k > /dev/null || bad "import $k"
done

# show: the zone's 1-7月 is whole, its 1-8月 partial (e2's August missing)
check "show 1-7月" $KFQ --db z.db show sales --unit z --period 2017年1-7月 --by children --format csv
has out.txt "unit,indicator,period,measure,value,ytd,prior,growth,comparable_growth,target,completion,rank,share,reported,expected" "the csv header counts who reported"
has out.txt "z,sales,2017年1-7月,万元,2100.00,2100.00,2310.00,-9.1,-9.1,4000.00,52.5,,,2,2" "1-7月: 2 of 2 reported (e3 files by quarter, not due; e4 stopped: in last year's total, not expected), growth and completion shown"
has out.txt "p1,sales,2017年1-7月,万元,2100.00,2100.00,1960.00,7.1,7.1,,,1,100.0,2,2" "p1: 2 of 2, +7.1%"
check "show 1-8月" $KFQ --db z.db show sales --unit z --period 2017年1-8月 --by children --format csv
has out.txt "z,sales,2017年1-8月,万元,800.00,800.00,2640.00,,,4000.00,,,,1,2" "1-8月: the total 800 (e2 dropped out) is partial, 1 of 2: growth and completion withheld"
has out.txt "p1,sales,2017年1-8月,万元,800.00,800.00,2240.00,,,,,1,100.0,1,2" "the park too"
has out.txt "p2,sales,2017年1-8月,万元,,,400.00,,,,,,,," "p2: nobody expected (e3 files by quarter; e4 nothing this year)"
check "show 1-8月 --partial" $KFQ --db z.db show sales --unit z --period 2017年1-8月 --partial --format csv
has out.txt "z,sales,2017年1-8月,万元,800.00,800.00,2640.00,-69.7,-69.7,4000.00,20.0,,,1,2" "--partial: the misleading growth on request, still flagged 1 of 2"
check "show as JSON" $KFQ --db z.db show sales --unit z --period 2017年1-8月 --format json
has out.txt '"reported": 1, "expected": 2' "JSON counts too"
check "show in a table" $KFQ --db z.db show sales --unit z --period 2017年1-8月
has out.txt "已报  应报" "the table's headings"
check "the third quarter due, not filed" $KFQ --db z.db show sales --unit p2 --period 2017年1-9月 --format csv
has out.txt "p2,sales,2017年1-9月,万元,,,450.00,,,,,,,0,1" "1-9月: e3 expected at the quarter's end, 0 of 1"
check "the first half" $KFQ --db z.db show sales --unit p2 --period 2017年1-6月 --format csv
has out.txt "p2,sales,2017年1-6月,万元,1800.00,1800.00,300.00,500.0,500.0,,,1,50.0,1,1" "1-6月: e3's two quarters, 1 of 1"
check "a formula's figures carry its input's counts" $KFQ --db z.db show half --unit z --period 2017年1-7月 --format csv
has out.txt "z,half,2017年1-7月,万元,1050.00,1050.00,1155.00,-9.1,-9.1,,,,,2,2" "half of 2100, sales's 2 of 2"
check "a partial input's" $KFQ --db z.db show half --unit z --period 2017年1-8月 --format csv
has out.txt "z,half,2017年1-8月,万元,400.00,400.00,1320.00,,,,,,,1,2" "half of a partial sales (a sum of it) is shown as sales is, its growth withheld, 1 of 2"

# the bulletin
check "the bulletin of 1-8月" $KFQ --db z.db bulletin --unit z --period 2017-08
has out.txt "已报/应报" "a column for the counts"
has out.txt "1/2" "the zone's row says 1 of 2"
has out.txt "注：2 行的累计不完整（已报/应报），其增长、完成和序时进度暂不计算；未报单位见 kfq missing --period 2017年1-8月。" "a note under the table"
check "the bulletin as CSV" $KFQ --db z.db bulletin --unit z --period 2017-08 --format csv
has out.txt "测试区,应税销售,万元,800.00,,,4000.00,,,1/2" "CSV: no growth, no completion, the coverage"
check "the bulletin as JSON" $KFQ --db z.db bulletin --unit z --period 2017-08 --format json
has out.txt '"coverage": "1/2"' "JSON: the coverage"
check "the bulletin of 1-7月" $KFQ --db z.db bulletin --unit z --period 2017-07
hasnt out.txt "注：" "a whole period has no note"
has out.txt "52.5" "and its completion"
check "the bulletin --partial in English" $KFQ --db z.db bulletin --unit z --period 2017-08 --partial --lang en
has out.txt "Note: 2 rows are partial" "the note in English"
has out.txt "-64.3" "the growth on request"

# kfq missing
check "missing in August" $KFQ --db z.db missing --period 2017-08
has out.txt "乙公司" "e2 is listed"
has out.txt "本年未报" "e4, which filed last year and nothing this year, apart"
hasnt out.txt "丙公司" "e3 (quarterly) is not due in August"
check "missing as CSV" $KFQ --db z.db missing --period 2017-08 --format csv
equal "$(cat out.txt)" "unit,unit_name,parent,indicator,status,last_report,filed
e2,乙公司,p1,sales,missing,2017-07,
e4,丁公司,p2,sales,none_this_year,2016-12," "exactly e2, and e4 apart"
check "missing in September" $KFQ --db z.db missing --period 2017-09 --format csv
has out.txt "e3,丙公司,p2,sales,missing,2017-06" "e3 owes its third quarter"
check "missing in July" $KFQ --db z.db missing --period 2017-07 --unit p1
has out.txt "应报单位均已按时报送" "July: everyone expected has reported, on time"
check "missing, one park" $KFQ --db z.db missing --period 2017-08 --unit p2 --format csv
hasnt out.txt "e2," "only p2's units"
has out.txt "e4,丁公司,p2,sales,none_this_year,2016-12" "e4 filed 2016 and nothing in 2017"
check "missing, one indicator" $KFQ --db z.db missing --period 2017-08 --indicator sales --format json
has out.txt '"status": "missing"' "JSON"
check_exit 1 "a formula indicator is refused" $KFQ --db z.db missing --period 2017-08 --indicator half
has err.txt "formula" "it says why"
check_exit 1 "an unknown indicator is refused" $KFQ --db z.db missing --period 2017-08 --indicator nope
has err.txt 'unknown indicator "nope"' "naming it"
check_exit 1 "the period is required" $KFQ --db z.db missing
has err.txt "--period is required" "it says so"

# the same through kfq serve: the bulletin's coverage, who is missing
. "$DATA/../cli/serve_lib.sh"
echo "stat-password-1" | check "user add: the statistician" $KFQ --db z.db user add stat --unit z --role statistician
echo "clerk-password-1" | check "user add: p2's clerk" $KFQ --db z.db user add c2 --unit p2 --role clerk
start_server z.db req.log
login stat stat-password-1 jar
get "/api/v1/missing?period=2017-08" -b jar
$KFQ --db z.db missing --period 2017-08 --format json > cli.json
equal "$code" 200 "GET /api/v1/missing"
same body.json cli.json "is kfq missing --format json"
get "/api/v1/figures?period=2017-08&unit=z" -b jar
has body.json '"coverage": "1/2"' "the bulletin's JSON carries the coverage"
hasnt body.json '"growth": -69.7' "and withholds the partial growth"
get "/api/v1/figures?period=2017-08&unit=z&partial=1" -b jar
has body.json '"growth": -69.7' "?partial=1 asks for it"
get "/api/v1/figures/sales?period=2017年1-8月&unit=z" -b jar
has body.json '"reported": 1, "expected": 2' "one indicator's figures: reported and expected"
login c2 clerk-password-1 jar2
get "/api/v1/missing?period=2017-08&unit=p1" -b jar2
equal "$code" 404 "a clerk of p2 cannot list p1's units (404, as for any unit outside its subtree)"
get "/api/v1/missing?period=2017-08" -b jar2
has body.json '"unit": "e4"' "a clerk of p2 sees its own park's (the default unit)"
hasnt body.json '"unit": "e2"' "and not p1's"
stop_server "the server stops"

# the August report arrives: whole again
printf 'unit,indicator,period,value\ne2,sales,2017-08,200\n' > aug.csv
$KFQ --db z.db import data aug.csv > /dev/null
check "show 1-8月 after e2's August" $KFQ --db z.db show sales --unit z --period 2017年1-8月 --format csv
has out.txt "z,sales,2017年1-8月,万元,2400.00,2400.00,2640.00,-9.1,-9.1,4000.00,60.0,,,2,2" "2 of 2: 2400, −9.1%, 60.0%"
