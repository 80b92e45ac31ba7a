# t0040-roundtrip: export writes what import reads; encodings and XLSX.
$KFQ --db a.db init >/dev/null
for k in units indicators groups data targets; do $KFQ --db a.db import $k $DATA/$k.csv >/dev/null; done
$KFQ --db a.db import data $DATA/staff.csv >/dev/null
$KFQ --db b.db init >/dev/null
for k in units indicators groups data targets; do
	check "export $k" $KFQ --db a.db export $k --output $k.csv
	check "import the exported $k into a new database" $KFQ --db b.db import $k $k.csv
	$KFQ --db b.db export $k --output $k.again.csv
	same $k.csv $k.again.csv "export → import → export of $k is exact"
done
for k in units data; do
	check "export $k as XLSX" $KFQ --db a.db export $k --format xlsx --output $k.xlsx
	$KFQ --db c.db init >/dev/null
	[ $k = data ] && { $KFQ --db c.db import units units.xlsx >/dev/null; $KFQ --db c.db import indicators indicators.csv >/dev/null; }
	check "import $k from XLSX" $KFQ --db c.db import $k $k.xlsx
	$KFQ --db c.db export $k --output $k.x.csv
	same $k.csv $k.x.csv "the XLSX round trip of $k is exact"
done
check_exit 1 "--sheet names a sheet that is not there" $KFQ --db c.db import data data.xlsx --sheet 不存在
has err.txt "不存在" "the message names the missing sheet"
check "--sheet names the sheet" $KFQ --db c.db import data data.xlsx --sheet data
check_exit 1 "xlsx export needs --output" $KFQ --db a.db export data --format xlsx
check "export as JSON" $KFQ --db a.db export indicators --format json
has out.txt '"formula": "va / sales * 100"' "JSON carries the formula"

# GB18030 as Excel writes it in China, and UTF-8 with a BOM and CRLF: same result.
for f in gb18030 bom_crlf; do
	$KFQ --db $f.db init >/dev/null
	for k in units indicators; do $KFQ --db $f.db import $k $DATA/$k.csv >/dev/null; done
	check "import $f.csv (Chinese headers, CRLF)" $KFQ --db $f.db import data $DATA/$f.csv
	$KFQ --db $f.db export data --output $f.out.csv
done
has gb18030.out.csv "e1,sales,2017年1-8月,0.9,亿元" "GB18030 text and the 1-8月 year-to-date form read correctly"
same gb18030.out.csv bom_crlf.out.csv "GB18030 and UTF-8 with BOM give the same data"
