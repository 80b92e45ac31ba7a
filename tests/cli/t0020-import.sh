# t0020-import: importing good files; idempotence; corrections kept in history.
$KFQ --db t.db init >/dev/null
check "import units" $KFQ --db t.db import units $DATA/units.csv
has out.txt "7 rows: 7 added" "seven units added"
check "import indicators" $KFQ --db t.db import indicators $DATA/indicators.csv
check "import groups" $KFQ --db t.db import groups $DATA/groups.csv
check "import data (months and year-to-date filings)" $KFQ --db t.db import data $DATA/data.csv
has out.txt "192 rows: 192 added" "all 192 values added"
check "import targets" $KFQ --db t.db import targets $DATA/targets.csv
check "import stock data" $KFQ --db t.db import data $DATA/staff.csv

dump t.db before.sql
check "the same data file again" $KFQ --db t.db import data $DATA/data.csv
has out.txt "0 added, 0 changed, 192 unchanged" "importing the same file twice changes nothing"
check "the same units file again" $KFQ --db t.db import units $DATA/units.csv
has out.txt "0 added, 0 changed, 7 unchanged" "units unchanged"
dump t.db after.sql
grep -v import_log before.sql > b.sql; grep -v import_log after.sql > a.sql
same b.sql a.sql "the database holds the same values after a repeated import"

printf 'unit,indicator,period,value(万元)\ne1,sales,2017-08,1200\n' > fix.csv
check "a corrected value" $KFQ --db t.db import data fix.csv
has out.txt "1 changed" "the correction counts as a change"
check "history" $KFQ --db t.db history --indicator sales --format csv
has out.txt "obs,e1,sales,2017-08,0.118,0.12" "history keeps the old value (0.118 亿元) and the new (0.12 亿元)"
has out.txt "fix.csv:2" "history names the file and line of the change"
USER_NOW=$(id -un)
has out.txt ",$USER_NOW," "history names who made the change (the OS user)"
check "history in a table" $KFQ --db t.db history
has out.txt "原值" "the table has Chinese headings"
# each value's measure; the time local for people (Asia/Shanghai, +08:00,
# or $KFQ_TZ), as stored (UTC) for scripts
printf 'unit,indicator,period,value(万元)\ne1,sales,2017-08,1250\n' > fix3.csv
check "history at a fixed clock" env KFQ_NOW=2017-09-05T20:30:00Z $KFQ --db t.db import data fix3.csv
check "its CSV" $KFQ --db t.db history --indicator sales --format csv
has out.txt "2017-09-05T20:30:00Z,$USER_NOW,obs,e1,sales,2017-08,0.12,0.125,,fix3.csv:2,亿元" \
	"the CSV keeps the stored UTC time and names the values' measure"
check "its table" $KFQ --db t.db history --indicator sales
has out.txt "2017-09-06 04:30:00" "the table's time is Beijing time, the next morning"
hasnt out.txt "2017-09-05T20:30:00Z" "not UTC"
has out.txt "亿元" "and the measure"
check "KFQ_TZ" env KFQ_TZ=-05:00 $KFQ --db t.db history --indicator sales
has out.txt "2017-09-05 15:30:00" "another offset"
check_exit 1 "a bad KFQ_TZ is refused" env KFQ_TZ=Mars $KFQ --db t.db history
has err.txt 'KFQ_TZ: "Mars" is not a time zone offset' "naming it"

check "dry run of a new value" $KFQ --db t.db import data --dry-run fix.csv
printf 'unit,indicator,period,value(万元)\ne1,sales,2017-08,1300\n' > fix2.csv
dump t.db before.sql
check "dry run of a change" $KFQ --db t.db import data fix2.csv --dry-run
has out.txt "dry run" "the dry run says so"
has out.txt "1 changed" "the dry run reports what would change"
dump t.db after.sql
same before.sql after.sql "a dry run writes nothing"

# The measure may stand in a column of its own, or differ from the indicator's.
printf 'unit,indicator,period,value,measure\ne4,sales,2018-01,0.0123,亿元\ne4,sales,2018-02,1234567.89,元\n' > m.csv
check "values in 亿元 and 元 for a 亿元 indicator" $KFQ --db t.db import data m.csv
check "export data" $KFQ --db t.db export data
has out.txt "e4,sales,2018-01,0.0123,亿元" "0.0123 亿元 kept exactly"
has out.txt "e4,sales,2018-02,0.0123456789,亿元" "1234567.89 元 is exactly 0.0123456789 亿元"

# Units: a column the file leaves out keeps what is stored; changes are in history.
printf 'code,name,kind,land_mu\ne1,甲公司（新）,enterprise,60\n' > u2.csv
check "a units file with fewer columns" $KFQ --db t.db import units u2.csv
has out.txt "1 changed" "the renamed unit counts as changed"
check "export units" $KFQ --db t.db export units
has out.txt "e1,甲公司（新）,enterprise,p1,3587,60,1" "parent, industry and hightech are kept; name and land area changed"
check "history of the unit" $KFQ --db t.db history --unit e1 --format csv
has out.txt "name: 甲公司 → 甲公司（新）; land_mu: 50.5 → 60" "history says what changed, old → new"
