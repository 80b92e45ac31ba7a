# t0063-ledger-cli: kfq ledger on a small zone: a definition stored and
# refused by line, rows imported all or nothing from CSV (UTF-8, with a BOM
# and CRLF, GB18030) and XLSX, bad rows named by line and column, export
# and import back unchanged (CSV and XLSX), list with filters, the rows
# behind a figure with their total equal to kfq show's value, add, history,
# a dry run, and a definition change the rows do not fit refused with the
# reason, leaving everything as it was.
$KFQ --db t.db init > /dev/null
$KFQ --db t.db import units "$DATA/units.csv" > /dev/null
unit=$(awk -F, 'NR == 2 { print $1 }' "$DATA/units.csv")
cat > certs.ledger <<'EOF'
# 认定台账
ledger certs title="认定台账"
field ref text required title=编号
field ent unit required title=单位
field kind choice required title=类别 choices=新认定|复审
field amount number measure=万元 title=金额
field since date required title=日期
key ref
figure new_certs count date=since where.kind=新认定 measure=家 title="新认定"
figure cert_amount sum=amount date=since measure=万元 title="认定金额"
EOF
check "define a ledger" $KFQ --db t.db ledger define certs.ledger
has out.txt "ledger defined, 2 figures" "it says what it stored"
printf 'ref,ent,kind,amount,since\nc1,%s,新认定,10.5,2017-01-05\nc2,%s,复审,3,2017-02-05\nc3,%s,新认定,1.25,2017年3月1日\n' \
	$unit $unit $unit > rows.csv
check "import rows" $KFQ --db t.db ledger import certs rows.csv
has out.txt "3 rows: 3 added, 0 changed, 0 unchanged" "three added"
check "show a ledger figure" $KFQ --db t.db show new_certs --unit $unit --period 2017 --format csv
equal "$(csv_field out.txt "$unit," value)" 2 "new_certs is the two 新认定 rows"
check "and the sum" $KFQ --db t.db show cert_amount --unit $unit --period 2017年1-2月 --format csv
equal "$(csv_field out.txt "$unit," value)" 13.50 "cert_amount in January and February: 10.5 + 3"
# the rows behind a figure, counted here from the export: the same as show
check "rows behind new_certs" $KFQ --db t.db ledger rows new_certs --unit $unit --period 2017 --format csv
equal "$(($(wc -l < out.txt) - 1))" 2 "two rows listed"
check "rows with the total" $KFQ --db t.db ledger rows new_certs --unit $unit --period 2017
has out.txt "2 rows, 2 家" "the table ends with the total"
check "list with a filter" $KFQ --db t.db ledger list certs kind=复审 --format csv
has out.txt "c2,$unit,复审,3,2017-02-05" "the one 复审 row, canonical values"
hasnt out.txt "c1," "and no other"
check "list by period" $KFQ --db t.db ledger list certs --period 2017-03 --format csv
has out.txt "c3,$unit,新认定,1.25,2017-03-01" "the date written as 2017年3月1日, kept as 2017-03-01"
# export and import back: nothing changes (CSV and XLSX)
check "export" $KFQ --db t.db ledger export certs --output e.csv
has e.csv "amount(万元)" "the header gives a number's measure"
check "the export imports back" $KFQ --db t.db ledger import certs e.csv
has out.txt "3 rows: 0 added, 0 changed, 3 unchanged" "unchanged"
check "export as XLSX" $KFQ --db t.db ledger export certs --output e.xlsx
check "the XLSX imports back" $KFQ --db t.db ledger import certs e.xlsx
has out.txt "3 rows: 0 added, 0 changed, 3 unchanged" "unchanged from XLSX too"
# encodings: a BOM and CRLF, and GB18030, with Chinese headers (the titles)
printf '\357\273\277编号,单位,类别,金额,日期\r\nc4,%s,复审,2,2017-04-01\r\n' $unit > bom.csv
check "UTF-8 with a BOM and CRLF" $KFQ --db t.db ledger import certs bom.csv
has out.txt "1 rows: 1 added" "taken"
printf '编号,单位,类别,金额(元),日期\nc5,%s,新认定,25000,2017-05-01\n' $unit | iconv -f UTF-8 -t GB18030 > gb.csv
check "GB18030, the amount in 元" $KFQ --db t.db ledger import certs gb.csv
check "stored in 万元" $KFQ --db t.db ledger list certs ref=c5 --format csv
has out.txt "c5,$unit,新认定,2.5,2017-05-01" "25000 元 is 2.5 万元"
# bad rows: named by line and column, nothing written
printf 'ref,ent,kind,amount,since\nc6,%s,新认定,1,2017-06-01\nc7,nowhere,新认定,1,2017-06-01\nc8,%s,旧,1,2017-06-01\nc9,%s,复审,x1,2017-06-01\nc10,%s,复审,1,2017-02-30\nc6,%s,复审,1,2017-06-02\n' \
	$unit $unit $unit $unit $unit > bad.csv
before=$(sqlite3 t.db "SELECT count(*) FROM ledger_row")
check_exit 1 "a file with bad rows is refused" $KFQ --db t.db ledger import certs bad.csv
has err.txt "bad.csv:3: column \"ent\": unknown unit \"nowhere\"" "an unknown unit, by line and column"
has err.txt "bad.csv:4: column \"kind\": \"旧\" is not one of its choices (新认定, 复审)" "a value not among the choices"
has err.txt "bad.csv:5: column \"amount\": " "a number that is not one"
has err.txt "bad.csv:6: column \"since\": " "a day that does not exist"
has err.txt "bad.csv:7: this key is already given on line 2" "a key twice"
has err.txt "5 of 6 rows are bad; nothing was imported" "and the count"
equal "$(sqlite3 t.db "SELECT count(*) FROM ledger_row")" "$before" "nothing was written"
check "a dry run" $KFQ --db t.db ledger import certs rows.csv --dry-run
has out.txt "dry run:" "says so"
# add, and history
check "add a row" $KFQ --db t.db ledger add certs ref=c11 ent=$unit kind=新认定 since=2017-07-01 amount=4
has out.txt "row added" "added"
check "change it" $KFQ --db t.db ledger add certs ref=c11 ent=$unit kind=新认定 since=2017-07-01 amount=5
has out.txt "row changed" "changed"
check "history" $KFQ --db t.db history --unit $unit
has out.txt "row c11: amount: 4 → 5" "the change is in the history"
check_exit 1 "an unknown field" $KFQ --db t.db ledger add certs ref=c12 colour=red
has err.txt "ledger certs has no field \"colour\"" "is named"
check_exit 1 "a bad value" $KFQ --db t.db ledger add certs ref=c12 ent=$unit kind=新认定 since=2017-13-01
has err.txt "field \"since\"" "names the field"
# a good condition then a bad one (a hostile trial: the list freed what the
# bad one had not filled in, and a GET of the web's rows killed the server)
check_exit 1 "a bad condition after a good one" $KFQ --db t.db ledger list certs --where ref=c11 --where colour=red
has err.txt "ledger certs has no field \"colour\"" "is named, and nothing crashes"
check_exit 1 "an unknown ledger" $KFQ --db t.db ledger list nosuch
has err.txt "unknown ledger \"nosuch\"" "is named"
check_exit 1 "rows of a code that is no ledger's figure" $KFQ --db t.db ledger rows gdp
has err.txt "\"gdp\" is not a ledger's figure" "is named"
# definitions refused by line, and changes the rows do not fit
printf 'ledger certs\nfield ref text required\nkey ref\nfigure f count measure=家\n' > bad.ledger
check_exit 1 "a figure without a date" $KFQ --db t.db ledger define bad.ledger
has err.txt "bad.ledger:4: figure f needs date=FIELD" "refused at its line"
sed 's/choices=新认定|复审/choices=新认定/' certs.ledger > narrow.ledger
check_exit 1 "a choice the rows use removed" $KFQ --db t.db ledger define narrow.ledger
has err.txt "row c2 does not fit the new definition: field \"kind\": \"复审\" is not one of its choices" "with the row and the reason"
grep -v amount certs.ledger > noamount.ledger
check_exit 1 "a field with values removed" $KFQ --db t.db ledger define noamount.ledger
has err.txt "field \"amount\" would be removed, but row c1 holds a value in it" "with the row"
check "nothing changed" $KFQ --db t.db show new_certs --unit $unit --period 2017 --format csv
equal "$(csv_field out.txt "$unit," value)" 4 "new_certs still counts c1, c3, c5, c11"
check "the help" $KFQ ledger --help
has out.txt "rows CODE" "lists rows"
