# t0056-forms: report forms (表式) as a zone set up from scratch files them:
# a definition read with its errors by line; a wide sheet from Excel (a
# title, a measure line, merged headings, enterprises by name, a total row,
# a signature under it; GB18030 with CRLF) imported all or nothing, every
# bad cell named by its reference; a 累计 that disagrees with the months
# refused naming both; the demo's form exported for a park and imported
# back with every figure unchanged.
S=$DATA/../../docs/examples/forms
cat > units.csv <<'CSV'
code,name,kind,parent
z,测试区,zone,
p1,一园,park,z
e1,甲公司,enterprise,p1
e2,乙公司,enterprise,p1
e3,乙公司,enterprise,z
CSV
printf 'code,name_zh,name_en,measure,kind,agg,decimals,formula\nsales,应税销售,taxable sales,万元,flow,sum,2,\nhalf,一半,half,万元,flow,none,2,sales / 2\n' > ind.csv
{
	echo "unit,indicator,period,value"
	for m in 01 02 03 04 05 06 07; do echo "e1,sales,2017-$m,100"; echo "e2,sales,2017-$m,200"; done
} > data.csv
$KFQ --db z.db init > /dev/null
for k in "units units.csv" "indicators ind.csv" "data data.csv"; do
	$KFQ --db z.db import $k > /dev/null || bad "import $k"
done
# e3 shares e2's name: the form names firms by name, so only p1's are used
printf 'code,name,kind,parent\ne3,丙公司,enterprise,z\n' > rename.csv
$KFQ --db z.db import units rename.csv > /dev/null

printf '\357\273\277# 测试区规上工业企业月报 (a BOM, as Notepad writes)\nname = "测试区规上工业企业主要指标月报"\nheader_rows = 4   # title, measure, two heading rows\nunit = B name\nmeasure = 万元\ntotal = 合计\ncolumn C = sales 本月 "应税销售/本月"\ncolumn D = sales 累计\n' > ind.form

# ---- the definition's errors, by line
form_bad() {   # form_bad "what" "expected message" LINE...
	what=$1 msg=$2
	shift 2
	printf '%s\n' "$@" > b.form
	check_exit 1 "a definition with $what is refused" $KFQ --db z.db import form b.form x.csv --period 2017-08
	has err.txt "$msg" "naming the line: $msg"
}
form_bad "an unknown key" 'b.form:2: unknown key "colum C"' "unit = B name" "colum C = sales 本月"
form_bad "a column that is not a letter" 'b.form:2: column "C1" (expected a column letter' "unit = B name" "column C1 = sales 本月"
form_bad "no basis" 'b.form:2: column C = "sales" (expected INDICATOR 本月|累计' "unit = B name" "column C = sales"
form_bad "a column twice" 'b.form:3: column C is given twice' "unit = B name" "column C = sales 本月" "column C = sales 累计"
form_bad "no unit line" 'b.form: no "unit = COLUMN code|name|uscc" line' "column C = sales 本月"
form_bad "no value" 'b.form:1: header_rows: no value after =' "header_rows ="
form_bad "header_rows not a number" 'b.form:1: header_rows: "four"' "header_rows = four" "unit = B name" "column C = sales 本月"
form_bad "the unit's column as a figure" 'column B holds the enterprise' "unit = B name" "column B = sales 本月"
printf 'unit = B name\ncolumn C = sales \377\n' > b.form
check_exit 1 "a definition that is not UTF-8 is refused" $KFQ --db z.db import form b.form x.csv --period 2017-08
has err.txt "b.form:2: a byte that is not UTF-8" "naming the line"
printf 'unit = B name\ncolumn C = nope 本月\n' > b.form
printf 'x,y,z\n' > x.csv
check_exit 1 "a form naming an unknown indicator is refused" $KFQ --db z.db import form b.form x.csv --period 2017-08
has err.txt 'b.form: column C: unknown indicator "nope"' "naming the column"
printf 'unit = B name\ncolumn C = half 本月\n' > b.form
check_exit 1 "a formula indicator is refused" $KFQ --db z.db import form b.form x.csv --period 2017-08
has err.txt "computed by kfq" "it says why"
check_exit 1 "import form without --period" $KFQ --db z.db import form ind.form x.csv
has err.txt "import form: --period is required" "it says so"
check_exit 1 "import form without the sheet" $KFQ --db z.db import form ind.form --period 2017-08
has err.txt "expected FORM FILE" "it says what"
check_exit 1 "--period on another kind is refused" $KFQ --db z.db import data data.csv --period 2017-08
has err.txt "for import form" "it says what it is for"

# ---- a sheet from Excel: GB18030, CRLF, a title, merged headings, a total, a signature
printf '测试区规上工业企业主要指标月报,,,\r\n2017年8月,,单位：万元,\r\n序号,企业名称,应税销售,\r\n,,本月,1-8月累计\r\n1,甲公司,100,800\r\n2,乙公司,200.5,1600.5\r\n,合计,300.5,2400.5\r\n,填表人：张三,,\r\n' | iconv -f UTF-8 -t GB18030 > aug.csv
$KFQ --db z.db export data > before.csv
check "the dry run" $KFQ --db z.db import form ind.form aug.csv --period 2017-08 --dry-run
has out.txt "dry run: aug.csv: 4 rows: 2 added, 0 changed, 2 unchanged (nothing written)" "the months stored: each 累计 is 1-7月 plus the month (unchanged), the two Augusts new"
$KFQ --db z.db export data > after.csv
same before.csv after.csv "the dry run wrote nothing"
check "import form" $KFQ --db z.db import form ind.form aug.csv --period 2017-08
has out.txt "aug.csv: 4 rows: 2 added, 0 changed, 2 unchanged" "imported"
check "the figures" $KFQ --db z.db show sales --unit p1 --period 2017年1-8月 --format csv
has out.txt "p1,sales,2017年1-8月,万元,2400.50,2400.50," "1-8月 of the park: 2400.5, the total row's figure"
check "the same sheet again" $KFQ --db z.db import form ind.form aug.csv --period 2017-08
has out.txt "aug.csv: 4 rows: 0 added, 0 changed, 4 unchanged" "changes nothing"
check "the same sheet for --period 2017年1-8月" $KFQ --db z.db import form ind.form aug.csv --period 2017年1-8月
has out.txt "aug.csv: 4 rows: 0 added, 0 changed, 4 unchanged" "the month its year to date ends in (was refused: the same key twice)"
printf ',,,\n,,,\n,,,\n,,,\n1,甲公司,110,810\n' > fix.csv
check "a corrected sheet" $KFQ --db z.db import form ind.form fix.csv --period 2017-08
has out.txt "fix.csv: 2 rows: 0 added, 1 changed, 1 unchanged" "e1's August corrected (its 累计 agrees with it)"
check "history" $KFQ --db z.db history --unit e1 --format csv
has out.txt "obs,e1,sales,2017-08,100,110,,fix.csv:5" "names the sheet and the row of the change"

# ---- bad cells, each by its reference; nothing written
printf '测试区规上工业企业主要指标月报,,,\n2017年9月,,单位：万元,\n序号,企业名称,应税销售,\n,,本月,1-9月累计\n1,甲公司,1x0,900\n2,乙公 司,200,1800.5\n,合计,300,2700.5\n' > bad.csv
$KFQ --db z.db export data > before.csv
check_exit 1 "a sheet with bad cells is refused" $KFQ --db z.db import form ind.form bad.csv --period 2017-09
has err.txt 'bad.csv:C5: not a number: "1x0"' "C5: not a number"
has err.txt 'bad.csv:B6: no unit is named "乙公 司" (the closest: "乙公司" (e2)' "B6: an unknown name, with the closest"
has err.txt "bad.csv: 2 bad cells; nothing was imported" "the count"
$KFQ --db z.db export data > after.csv
same before.csv after.csv "nothing was written"
printf ',,,\n,,,\n,,,\n,,,\n1,甲公司,100,910\n2,乙公司,200,1800.5\n,合计,300,2700\n' > total.csv
check_exit 1 "a total row that is not the sum is refused" $KFQ --db z.db import form ind.form total.csv --period 2017-09
has err.txt 'total.csv:D7: 合计 "2700" is not the sum of the enterprises above it (2710.5 万元)' "D7, with the sum"
printf ',,,\n,,,\n,,,\n,,,\n1,甲公司,100,950\n' > ytd.csv
check_exit 1 "a 累计 that disagrees with the months is refused" $KFQ --db z.db import form ind.form ytd.csv --period 2017-09
has err.txt "ytd.csv:D5: 累计 950 is not 1-8月 as filed (810) plus this month (100): 910 万元" "naming both"
# 丙公司's 本月 1,000 unquoted, its 累计 empty: what it pushed out is empty,
# but the row has a cell more than the header and the other rows
printf ',,,\n,,,\n,,,\n,,,\n1,甲公司,100,910\n2,丙公司,1,000,\n' > comma2.csv
$KFQ --db z.db export data > before.csv
check_exit 1 "a row split by an unquoted comma is refused even when its last cell is empty" $KFQ --db z.db import form ind.form comma2.csv --period 2017-09
has err.txt 'comma2.csv:E6: this row has 5 cells where the header and most rows have 4' "naming the row's last cell"
$KFQ --db z.db export data > after.csv
same before.csv after.csv "nothing was written (丙公司's 本月 1 and 累计 0)"
printf ',,,,\n,,,,\n,,,,\n,,,,\n1,甲公司,100,910,\n' > trailing.csv
check "a comma at the end of every row is no split" $KFQ --db z.db import form ind.form trailing.csv --period 2017-09 --dry-run
printf 'code,name,kind,parent\ne3,乙公司,enterprise,z\n' > rename.csv
$KFQ --db z.db import units rename.csv > /dev/null
printf ',,,\n,,,\n,,,\n,,,\n1,乙公司,100,\n' > twice.csv
check_exit 1 "a name two units share is refused" $KFQ --db z.db import form ind.form twice.csv --period 2017-09
has err.txt 'twice.csv:B5: 2 units are named "乙公司"' "asking for codes"
printf ',,,\n,,,\n,,,\n,,,\n1,甲公司,1,100,910\n' > comma.csv
$KFQ --db z.db export data > before.csv
check_exit 1 "a value split by an unquoted comma is refused, not shifted" $KFQ --db z.db import form ind.form comma.csv --period 2017-09
has err.txt 'comma.csv:E5: "910" stands past the header'"'"'s last column (a comma inside a value needs quotes' "naming the cell past the header"
$KFQ --db z.db export data > after.csv
same before.csv after.csv "nothing was written (1 and 100 were stored as 本月 and 累计)"

# ---- the demo's form: exported for a park, imported back unchanged
demo_copy d.db
F=$S/industry-monthly.form
check "export form for the eyewear town" $KFQ --db d.db export form $F --unit eyewear_town --period 2017-08 --output et.xlsx
has out.txt "et.xlsx: the form for 148 enterprises of 眼镜小镇" "its enterprises that file"
$KFQ --db d.db export data > before.csv
check "the sheet imports back" $KFQ --db d.db import form $F et.xlsx --period 2017-08
has out.txt "et.xlsx: 844 rows: 0 added, 0 changed, 844 unchanged" "every figure unchanged (month records, and 累计 as the months give them)"
$KFQ --db d.db export data > after.csv
same before.csv after.csv "the database holds the same figures"
check_exit 1 "export form needs --output" $KFQ --db d.db export form $F --period 2017-08
has err.txt "expected FORM --period P --output FILE.xlsx" "it says so"
check_exit 1 "--unit on another kind is refused" $KFQ --db d.db export units --unit p1
has err.txt "for export form" "it says what it is for"
check "a month not yet filed" $KFQ --db d.db export form $F --unit japan_park --period 2018-01 --output jp.xlsx
check_exit 1 "its blank sheet has nothing to import" $KFQ --db d.db import form $F jp.xlsx --period 2018-01
has err.txt "jp.xlsx: no figures below row 4" "it says so (its total row of zeros is the sum of nothing)"
