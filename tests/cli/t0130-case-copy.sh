# t0130-case-copy: case supervisors, exports of visits and cases (phones
# only on request), and a copy through the exports.
C=$DATA/cases
$KFQ --db a.db init >/dev/null
$KFQ --db a.db import units $DATA/units.csv >/dev/null
for k in households:households visits:visits holidays:holidays case-sla:sla cases:cases case-events:events; do
	check "import ${k%%:*}" $KFQ --db a.db import ${k%%:*} $C/${k##*:}.csv
done
check "import case supervisors" $KFQ --db a.db import case-depts $C/depts.csv
check "overdue at the end of March" $KFQ --db a.db case overdue --date 2017-03-31 --days 5 --format csv
has out.txt "c003" "c003 (due 2017-03-17) is overdue"
has out.txt "escalate to 管委会副主任 李强" "and escalated to the supervisor named for 城管局"
printf 'dept,supervisor\n住建局,\n' > nosup.csv
check_exit 1 "a department without its supervisor is refused" $KFQ --db a.db import case-depts nosup.csv
has err.txt 'column "supervisor": empty' "it says so"

check "export households" $KFQ --db a.db export households
hasnt out.txt "13800000001" "phones are left out of exports by default"
# names and addresses too (issue 13, defect 9): personal information
hasnt out.txt "王大成" "the heads' names are left out too"
hasnt out.txt "前艾村3组12号" "and the addresses"
equal "$(head -1 out.txt)" "code,community" "the columns: code and community"
check "export households with contacts" env KFQ_USER=统计员 $KFQ --db a.db export households --with-contacts --output hh.csv
has hh.csv "13800000001" "and given when asked for"
has hh.csv "h001,前艾村,前艾村3组12号,王大成,13800000001" "with the names and addresses"
check "the audit log" $KFQ --db a.db audit --format csv
has out.txt ',统计员,,personal-data,统计员,"export households --with-contacts: the names, addresses and phones of 3 households into hh.csv"' "records who asked for what"
KINDS="units households visits case-sla holidays case-depts cases case-events"
for k in $KINDS; do $KFQ --db a.db export $k --output $k.csv; done
$KFQ --db b.db init >/dev/null
for k in $KINDS; do check "import the exported $k" $KFQ --db b.db import $k $k.csv; done
for k in $KINDS; do
	$KFQ --db b.db export $k --output $k.again.csv
	same $k.csv $k.again.csv "$k: export → import → export is exact"
done
for db in a b; do
	$KFQ --db $db.db case stats --period 2017 --by dept --format csv
	$KFQ --db $db.db visit stats --period 2017 --format csv
done > /dev/null
$KFQ --db a.db case stats --period 2017 --by dept --format csv > sa.csv
$KFQ --db b.db case stats --period 2017 --by dept --format csv > sb.csv
same sa.csv sb.csv "the copy has the same case figures"
check "re-import the households without contacts" $KFQ --db a.db import households households.csv
has out.txt "3 unchanged" "a file without the contacts' columns keeps them"
n=$(sqlite3 a.db "SELECT count(*) FROM household WHERE phone IS NOT NULL AND phone <> ''")
equal "$n" 2 "both phones are still there"
n=$(sqlite3 a.db "SELECT count(*) FROM household WHERE head <> '' AND address <> ''")
equal "$n" 3 "and every name and address"
