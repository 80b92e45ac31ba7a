# t0057-uscc-late: the user's path for issue 12's last items. Units carry
# their 统一社会信用代码 (checked by GB 32100-2015's check character,
# upper-cased, one unit's only, exported and imported back unchanged); a
# monthly form names its enterprises by it (`unit = B uscc`), a bad cell
# named; kfq missing lists the late filers (迟报) beside the non-reporters,
# the deadline the 10th of the next month in Beijing time unless
# --deadline-day or KFQ_TZ say otherwise. Public codes: Huawei
# 914403001922038216, Alibaba (China) 91330100716105852F, Tencent
# 9144030071526726XG.
$KFQ --db z.db init > /dev/null
cat > units.csv <<'CSV'
单位代码,单位名称,类型,上级,统一社会信用代码
z,测试区,zone,,
p1,一园,park,z,
e1,甲公司,enterprise,p1,914403001922038216
e2,乙公司,enterprise,p1,91330100716105852f
e3,丙公司,enterprise,p1,
CSV
printf 'code,name_zh,measure\nsales,应税销售,万元\n' > ind.csv
check "units with their codes" $KFQ --db z.db import units units.csv
check "indicators" $KFQ --db z.db import indicators ind.csv
check "export units" $KFQ --db z.db export units
has out.txt "code,name,kind,parent,industry,land_mu,hightech,uscc" "a column uscc"
has out.txt "e2,乙公司,enterprise,p1,,,0,91330100716105852F" "lower case stored upper-cased"
cp out.txt exported.csv
check "the export imports back" $KFQ --db z.db import units exported.csv
has out.txt "5 rows: 0 added, 0 changed, 5 unchanged" "unchanged"
check "kfq help import units" $KFQ help import units
has out.txt "统一社会信用代码" "the Chinese heading is listed"

printf 'code,name,kind,信用代码\ne3,丙公司,enterprise,91321181MA1XXXXXX3\ne1,甲公司,enterprise,91330100716105852F\n' > bad.csv
check_exit 1 "a wrong check character and another unit's code are refused" $KFQ --db z.db import units bad.csv
has err.txt 'bad.csv:2: column "uscc": 统一社会信用代码 91321181MA1XXXXXX3 fails its check character: expected E' "naming the expected character"
has err.txt "bad.csv:3: column \"uscc\": 统一社会信用代码 91330100716105852F is already unit \"e2\"'s" "naming the unit that has it"
LANG=zh_CN.UTF-8 $KFQ --lang zh --db z.db import units bad.csv > out.txt 2> err.txt
has err.txt "统一社会信用代码 91321181MA1XXXXXX3 校验码不符：应为 E" "in Chinese too"
printf 'code,name,kind,uscc\ne3,丙公司,enterprise,9144030071526726XG\n' > e3.csv
check "e3 gets its code" $KFQ --db z.db import units e3.csv
check "history" $KFQ --db z.db history --unit e3 --format csv
has out.txt "uscc:  → 9144030071526726XG" "the change is in history"

# a form by 统一社会信用代码
cat > m.form <<'EOF2'
name = "测试区企业月报"
header_rows = 1
unit = B uscc
name_column = A
measure = 万元
column C = sales 本月
EOF2
printf '企业名称,统一社会信用代码,本月\n甲公司, 914403001922038216 ,10\n乙公司,91330100716105852f,20\n丙公司,91330100716105852F,30\n丁公司,9144O30071526726XG,1\n' > bad.csv
check_exit 1 "a form with a bad code and a code given twice is refused" $KFQ --db z.db import form m.form bad.csv --period 2017-07
has err.txt 'bad.csv:B5: 统一社会信用代码 "9144O30071526726XG": character 5 "O" is not allowed' "the bad cell named"
printf '企业名称,统一社会信用代码,本月\n甲公司, 914403001922038216 ,10\n乙公司,91330100716105852f,20\n丙公司,91330100716105852F,30\n' > dup.csv
check_exit 1 "the same enterprise twice" $KFQ --db z.db import form m.form dup.csv --period 2017-07
has err.txt "already given on line 3" "naming the first row"
printf '企业名称,统一社会信用代码,本月\n甲公司, 914403001922038216 ,10\n乙公司,91330100716105852f,20\n丙公司,9144030071526726xg,30\n' > jul.csv
KFQ_NOW=2017-08-04T01:00:00Z check "July's form, on time" $KFQ --db z.db import form m.form jul.csv --period 2017-07
has out.txt "3 added" "three values"
KFQ_NOW=2017-09-04T01:00:00Z check "August's blank form" $KFQ --db z.db export form m.form --unit p1 --period 2017-08 --output aug.xlsx
check "August's form: e1 on the 4th" sh -c "printf '企业名称,统一社会信用代码,本月\n甲公司,914403001922038216,11\n' > a1.csv && KFQ_NOW=2017-09-04T01:00:00Z $KFQ --db z.db import form m.form a1.csv --period 2017-08"
check "e2 at 23:59 on the 10th, Beijing time" sh -c "printf '企业名称,统一社会信用代码,本月\n乙公司,91330100716105852F,21\n' > a2.csv && KFQ_NOW=2017-09-10T15:59:00Z $KFQ --db z.db import form m.form a2.csv --period 2017-08"
check "e3 on the 15th" sh -c "printf 'unit,indicator,period,value\ne3,sales,2017-08,31\n' > a3.csv && KFQ_NOW=2017-09-15T02:30:00Z $KFQ --db z.db import data a3.csv"
check "e1 corrects its August on the 20th" sh -c "printf 'unit,indicator,period,value\ne1,sales,2017-08,12\n' > c1.csv && KFQ_NOW=2017-09-20T01:00:00Z $KFQ --db z.db import data c1.csv"

check "kfq missing: the late filer" $KFQ --db z.db missing --period 2017-08
has out.txt "迟报" "迟报"
has out.txt "2017-09-15 10:30:00" "when, in Beijing time"
hasnt out.txt "甲公司" "a correction after the deadline does not make e1 late"
check "as CSV" $KFQ --db z.db missing --period 2017-08 --format csv
equal "$(cat out.txt)" "unit,unit_name,parent,indicator,status,last_report,filed
e3,丙公司,p1,sales,late,2017-08,2017-09-15T02:30:00Z" "exactly e3, the time as stored (UTC)"
check "--deadline-day 15" $KFQ --db z.db missing --period 2017-08 --deadline-day 15
has out.txt "应报单位均已按时报送" "e3 is on time by the 15th"
check "--deadline-day 5" $KFQ --db z.db missing --period 2017-08 --deadline-day 5 --format csv
has out.txt "e2,乙公司,p1,sales,late,2017-08,2017-09-10T15:59:00Z" "e2 is late by the 5th"
hasnt out.txt "e1," "e1 filed on the 4th"
KFQ_TZ=-05:00 check "KFQ_TZ=-05:00" $KFQ --db z.db missing --period 2017-08
has out.txt "2017-09-14 21:30:00" "the time in that zone"
check_exit 1 "--deadline-day 0 is refused" $KFQ --db z.db missing --period 2017-08 --deadline-day 0
has err.txt "missing: --deadline-day 0: expected a day of the month, 1 to 31" "saying what is expected"
KFQ_TZ=Shanghai check_exit 1 "a bad KFQ_TZ is refused" $KFQ --db z.db missing --period 2017-08
has err.txt 'KFQ_TZ: "Shanghai" is not a time zone offset' "naming it"
check "September: nobody filed" $KFQ --db z.db missing --period 2017-09 --format csv
has out.txt "e1,甲公司,p1,sales,missing,2017-08," "未报 stays 未报"

# a back-fill: last year's values loaded months later, as a zone does when
# it sets up kfq, are never late; a value it did not hold, filed late, is
printf 'unit,indicator,period,value\ne1,sales,2016-08,9\ne2,sales,2016-08,9\n' > b16.csv
KFQ_NOW=2017-10-01T01:00:00Z check "last year's August, back-filled in October" $KFQ --db z.db import data b16.csv --backfill
printf 'unit,indicator,period,value\ne3,sales,2016-08,9\n' > l16.csv
KFQ_NOW=2017-10-02T01:00:00Z check "and e3's, filed the next day without --backfill" $KFQ --db z.db import data l16.csv
check "kfq missing for 2016-08" $KFQ --db z.db missing --period 2016-08 --format csv
equal "$(cat out.txt)" "unit,unit_name,parent,indicator,status,last_report,filed
e3,丙公司,p1,sales,late,2016-08,2017-10-02T01:00:00Z" "only e3, filed late: the back-filled are not"
