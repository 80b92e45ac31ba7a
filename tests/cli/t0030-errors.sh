# t0030-errors: bad input is refused whole, every bad row named, nothing changed.
$KFQ --db t.db init >/dev/null
for k in units indicators groups data targets; do $KFQ --db t.db import $k $DATA/$k.csv >/dev/null; done
dump t.db before.sql
check_exit 1 "a file with bad rows is refused" $KFQ --db t.db import data $DATA/bad_data.csv
has err.txt 'bad_data.csv:2: column "value": not a number: "12,3x"' "a bad number: file, line, column, value"
has err.txt 'bad_data.csv:3: column "period": not a period: "2017-13"' "a bad period"
has err.txt "2017年1-8月" "the period message shows the accepted forms"
has err.txt 'bad_data.csv:4: column "unit": unknown unit "nobody"' "an unknown unit"
has err.txt 'bad_data.csv:5: column "indicator": unknown indicator "nothing"' "an unknown indicator"
has err.txt 'bad_data.csv:7: the same unit, indicator and period is already given on line 6' "a duplicate row"
has err.txt 'bad_data.csv:8: indicator "va_rate" is computed from its formula' "data for a formula indicator"
has err.txt 'bad_data.csv:9: column "value": empty value' "an empty value"
has err.txt "7 of 8 rows are bad; nothing was imported" "the summary says nothing was imported"
hasnt err.txt "bad_data.csv:6:" "the good row is not reported"
dump t.db after.sql
same before.sql after.sql "the database is unchanged after a refused import"

# more than 50 bad rows: 50 messages, then a count
{ echo "unit,indicator,period,value"; i=1; while [ $i -le 120 ]; do echo "e1,sales,2017-0x,$i"; i=$((i+1)); done; } > many.csv
check_exit 1 "a file with 120 bad rows" $KFQ --db t.db import data many.csv
n=$(grep -c 'many.csv:[0-9]*: column "period"' err.txt)
equal "$n" 50 "the first 50 bad rows are listed"
has err.txt "and 70 more bad rows" "then the count of the rest"

# a wrong code in row 4 000
awk 'BEGIN { print "unit,indicator,period,value"
	for (n = 1; n <= 3998; n++)
		printf "e%d,sales,%d-%02d,%d\n", (n % 4) + 1, 2019 + int((n - 1) / 48), int(((n - 1) % 48) / 4) + 1, n
	print "e9,sales,2030-01,1" }' > big3.csv
check_exit 1 "a wrong unit code in row 4 000 refuses the whole file" $KFQ --db t.db import data big3.csv
has err.txt 'big3.csv:4000: column "unit": unknown unit "e9"' "the message names line 4000"
dump t.db after.sql
same before.sql after.sql "nothing of the 3 998 good rows was written"

printf 'unit,indicator,period,value,colour\ne1,sales,2017-01,1,red\n' > extra.csv
check_exit 1 "an unknown column is refused" $KFQ --db t.db import data extra.csv
has err.txt 'unknown column "colour"' "it names the unknown column"
has err.txt "expected unit, indicator, period, value" "and lists the expected ones"
printf 'unit,indicator,value\ne1,sales,1\n' > nop.csv
check_exit 1 "a missing column is refused" $KFQ --db t.db import data nop.csv
has err.txt 'missing column "period"' "it names the missing column"
: > empty.csv
check_exit 1 "an empty file is refused" $KFQ --db t.db import data empty.csv
has err.txt "empty" "it says the file is empty"
check_exit 1 "a missing file is refused" $KFQ --db t.db import data nothere.csv
has err.txt "nothere.csv" "it names the file"
printf 'unit,indicator,period,value\ne1,sales,2017-01,"12\n' > quote.csv
check_exit 1 "an unterminated quote is refused" $KFQ --db t.db import data quote.csv
has err.txt "quote.csv" "it names the file"
printf 'unit,indicator,period,value\ne1,sales,2017-01,\xff\xfe\xfd\n' > binary.csv
check_exit 1 "bytes that are neither UTF-8 nor GB18030 are refused" $KFQ --db t.db import data binary.csv
has err.txt "binary.csv" "it names the file"
printf 'unit,indicator,period,value,measure\ne1,sales,2017-01,5,万美元\n' > fam.csv
check_exit 1 "a value in a measure of another family is refused" $KFQ --db t.db import data fam.csv
has err.txt "万美元 cannot be converted to 亿元" "it says which measures clash"
has err.txt 'fam.csv:2: column "measure": indicator "sales"' "naming the column"
printf 'unit,indicator,period,value,measure\ne1,sales,2017-01,1,234.5\n' > split.csv
check_exit 1 "1,234.5 unquoted before an empty measure is refused" $KFQ --db t.db import data split.csv
has err.txt 'split.csv:2: column "measure": "234.5" is a number, not a measure: a comma inside the value split it' "saying why"
printf 'unit,indicator,period,value\ne1,sales,2017-01,99999999999999999999\n' > huge.csv
check_exit 1 "a number too large for exact figures is refused" $KFQ --db t.db import data huge.csv
has err.txt "too large" "it says the number is too large"
printf 'unit,indicator,period,value(万元)\ne1,sales,2017-01,0.000000001\n' > tiny.csv
check_exit 1 "more decimals than kfq keeps are refused, not rounded" $KFQ --db t.db import data tiny.csv
has err.txt "more decimal places" "it says why"
check_exit 1 "an unknown import kind" $KFQ --db t.db import things $DATA/units.csv
has err.txt 'unknown import kind "things"' "it names the kind"
printf 'code,name,kind,parent\nx1,甲,enterprise,x2\nx2,乙,park,x1\n' > cycle.csv
check_exit 1 "a cycle in the unit tree is refused" $KFQ --db t.db import units cycle.csv
has err.txt "cycle" "it says cycle"
printf 'code,name_zh,measure,formula\nbadf,坏公式,%%,sales + * va\n' > badf.csv
check_exit 1 "a malformed formula is refused" $KFQ --db t.db import indicators badf.csv
has err.txt "column 9" "the message gives the position of the error"
printf 'code,name_zh,measure,formula\nbadg,未知,%%,sales / nothing\n' > badg.csv
check_exit 1 "a formula naming an unknown indicator is refused" $KFQ --db t.db import indicators badg.csv
has err.txt 'unknown indicator "nothing"' "it names the unknown indicator"
printf 'code,name_zh,measure\nx,某,斤\n' > badm.csv
check_exit 1 "an unknown measure is refused" $KFQ --db t.db import indicators badm.csv
has err.txt 'unknown measure "斤"' "it names the measure"
check_exit 1 "a bad period on the command line" $KFQ --db t.db show sales --period 2017-13
has err.txt "2017年1-8月" "the message lists the accepted forms"
check_exit 1 "an unknown indicator on the command line" $KFQ --db t.db show nothing --period 2017
check_exit 1 "an unknown unit on the command line" $KFQ --db t.db show sales --unit nobody --period 2017
check_exit 1 "bulletin needs a period" $KFQ --db t.db bulletin
check_exit 1 "a bad format" $KFQ --db t.db show sales --period 2017 --format pdf
check_exit 1 "a measure of another family for show" $KFQ --db t.db show sales --period 2017 --measure 万美元
# a value under a header cell that names no column (a trailing comma, an
# empty cell in the middle) is refused, never dropped (issue 13, defect 8)
printf 'unit,indicator,period,value,\ne1,sales,2017-01,1,999\n' > unnamed.csv
check_exit 1 "a value under an unnamed last column" $KFQ --db t.db import data unnamed.csv
has err.txt 'unnamed.csv:2: column 5: "999" stands under a column the header does not name' \
	"names the line, the column and the value"
printf 'unit,,indicator,period,value\ne1,x,sales,2017-01,1\n' > unnamed2.csv
check_exit 1 "a value under an unnamed middle column" $KFQ --db t.db import data unnamed2.csv
has err.txt 'unnamed2.csv:2: column 2: "x"' "is refused the same way"
dump t.db after.sql
same before.sql after.sql "none of the refused commands changed the database"
printf 'unit,indicator,period,value,\ne1,sales,2017-01,1,\n' > unnamed3.csv
check "an unnamed column left empty is no error" $KFQ --db t.db import data unnamed3.csv

# endless input: /dev/zero is refused at its first byte, not read until
# memory runs out (issue 13, item 10); a workbook through a pipe still reads
check_exit 1 "import data /dev/zero is refused" $KFQ --db t.db import data /dev/zero
has err.txt "/dev/zero: line 1, byte offset 0: a NUL byte" "at its first byte"
printf 'unit,indicator,period,value\ne1,sales,2017-03,5\n' > p.csv
$KFQ --db t.db import data p.csv > /dev/null
$KFQ --db t.db export data --format xlsx --output p.xlsx
check "a workbook through a pipe" sh -c "cat p.xlsx | $KFQ --db t.db import data /dev/stdin"
has out.txt "unchanged" "reads whole"

# Periods as monthly reports write them import (issue 12, item 4), and 2017.1,
# which may be October as an Excel number cell shows 2017.10, is refused.
cp t.db p.db
printf 'unit,indicator,period,value(万元)\ne1,sales,2018年1-2月累计,100\ne1,sales,18年3月,40\ne1,sales,2018年4月份,50\n' > forms.csv
check "2018年1-2月累计, 18年3月, 2018年4月份" $KFQ --db p.db import data forms.csv
check "read back" $KFQ --db p.db show sales --unit e1 --period 2018年1-4月 --measure 万元 --format csv
has out.txt "e1,sales,2018年1-4月,万元,190.00" "100 + 40 + 50 through April"
printf 'unit,indicator,period,value(万元)\ne1,sales,2018.1,10\n' > amb.csv
check_exit 1 "2018.1 is ambiguous" $KFQ --db p.db import data amb.csv
has err.txt 'amb.csv:2: column "period": ambiguous period: "2018.1" may be January (2018-01) or October (2018-10' "says why and what to write"

# libpq, libmicrohttpd, libzip and libxlsxwriter are loaded when first
# needed, not at every start (src/store/pg_lib.c, src/web/mhd_lib.c,
# src/base/zip_lib.c, src/report/xlsxw_lib.c): on a machine without them
# (here each hidden behind an empty file, in a mount namespace of its own)
# a PostgreSQL URL, kfq serve, an XLSX read and a workbook written are
# refused naming the library and its Debian package, and an SQLite file
# and CSV work as before. Needs root and unshare; skipped without them.
lib_of() { ldconfig -p | sed -n "s/^[[:space:]]*$1 (.*) => //p" | head -1; }
pq=$(lib_of libpq.so.5)
mhdl=$(lib_of libmicrohttpd.so.12)
zipl=$(lib_of libzip.so.4)
lxwl=$(lib_of libxlsxwriter.so.4)
if [ -n "$pq" ] && [ -n "$mhdl" ] && [ -n "$zipl" ] && [ -n "$lxwl" ] && unshare -m true 2>/dev/null; then
	hide=""
	for l in "$pq" "$mhdl" "$zipl" "$lxwl"; do
		hide="$hide mount --bind /dev/null $(readlink -f "$l") &&"
	done
	check_exit 1 "without libpq, a PostgreSQL URL is refused" unshare -m sh -c \
		"$hide exec $KFQ --db 'postgresql://kfq@/zone?host=/nonexistent' show sales --period 2017"
	has err.txt "postgresql://kfq@/zone?host=/nonexistent: cannot use PostgreSQL: its client library could not be loaded" "saying so"
	has err.txt "the Debian package libpq5 installs it" "naming the package"
	check_exit 1 "without libmicrohttpd, kfq serve is refused" unshare -m sh -c \
		"$hide exec $KFQ --db t.db serve --listen 127.0.0.1:0"
	has err.txt "kfq serve: its HTTP library could not be loaded" "saying so"
	has err.txt "the Debian package libmicrohttpd12 installs it" "naming the package"
	check_exit 1 "without libzip, an XLSX is refused" unshare -m sh -c \
		"$hide exec $KFQ --db t.db import data p.xlsx"
	has err.txt "p.xlsx: cannot read or write XLSX or DOCX: the ZIP library could not be loaded" "saying so"
	has err.txt "the Debian package libzip4 installs it" "naming the package"
	check_exit 1 "without libxlsxwriter, a workbook is not written" unshare -m sh -c \
		"$hide exec $KFQ --db t.db export data --format xlsx --output q.xlsx"
	has err.txt "q.xlsx: cannot write a workbook: its library could not be loaded" "saying so"
	has err.txt "the Debian package libxlsxwriter4 installs it" "naming the package"
	[ ! -e q.xlsx ] && ok "and leaves no file" || bad "q.xlsx was left"
	check "without any of them, an SQLite file works" unshare -m sh -c \
		"$hide exec $KFQ --db t.db show sales --period 2017-03 --unit e1"
	check "and a CSV is read and written" unshare -m sh -c \
		"$hide $KFQ --db t.db export data --format csv --output q.csv && exec $KFQ --db t.db import data q.csv"
	unshare -m sh -c "$hide KFQ_LANG=zh exec $KFQ --db 'postgresql://kfq@/zone?host=/nonexistent' init" 2> zh.txt
	has zh.txt "无法使用 PostgreSQL" "in Chinese too"
	unshare -m sh -c "$hide KFQ_LANG=zh exec $KFQ --db t.db import data p.xlsx" 2> zh.txt
	has zh.txt "ZIP 库未能加载" "and the ZIP library's, in Chinese"
	unshare -m sh -c "$hide KFQ_LANG=zh exec $KFQ --db t.db export data --format xlsx --output q.xlsx" 2> zh.txt
	has zh.txt "无法写出工作簿" "and the workbook's, in Chinese"
else
	ok "skipped: no unshare (root) to run without libpq, libmicrohttpd, libzip and libxlsxwriter"
fi
