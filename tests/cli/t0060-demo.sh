# t0060-demo: the demo zone reproduces the published 2017 figures exactly.
# This second build of the demo is by the release build when make check
# gives one ($KFQ_REL): the shared one ($DEMO_DB) is built by the sanitizer
# build ($KFQ, in the Makefile or run.sh), every one of its imports under
# ASan and UBSan, and its cost there is some 20 s of CPU against 4 s; the
# two builds being the same database, below, then also compares the two
# compilations. The figures are read by $KFQ.
mkdir tmp
check "kfq demo" env TMPDIR=$PWD/tmp KFQ_NOW=2018-01-31T00:00:00Z ${KFQ_REL:-$KFQ} --db demo.db demo
equal "$(ls tmp | wc -l | tr -d ' ')" 0 "the demo's temporary files are gone"
[ -n "$DEMO_TMP" ] && equal "$(ls "$DEMO_TMP" | wc -l | tr -d ' ')" 0 "and those of the shared build too"
has out.txt " 1320 enterprises" "the demo has 1320 enterprises (420 with economic data, 900 small ones)"
check_exit 1 "a second demo into the same database is refused" $KFQ --db demo.db demo
has err.txt "already holds units" "it says why"
# code  published value  measure (figures.csv)
while read code want measure; do
	$KFQ --db demo.db show $code --unit danyang --period 2017 --format csv --by children > $code.csv
	got=$(csv_field $code.csv danyang, value)
	equal "$got" "$want" "$code 2017 is $want $measure as published"
	m=$(csv_field $code.csv danyang, measure)
	equal "$m" "$measure" "$code is shown in $measure"
	g=$(csv_field $code.csv danyang, growth)
	if awk -v g="$g" 'BEGIN { exit !(g + 0 > 8) }'; then ok "$code grows by more than 8% ($g%)"; else bad "$code growth $g% is not above 8%"; fi
	c=$(csv_field $code.csv danyang, completion)
	if awk -v c="$c" 'BEGIN { exit !(c + 0 >= 100) }'; then ok "$code meets its 2017 target ($c%)"; else bad "$code completion $c% below target"; fi
	# the parks add up to the zone to the last digit (at the shown decimals)
	sum=$(awk -F, 'NR > 2 { gsub(/\./, "", $5); s += $5 } END { print s }' $code.csv)
	zone=$(echo "$got" | tr -d .)
	equal "$sum" "$zone" "$code: the parks add up exactly to the zone"
done <<EOT
taxable_sales 349.42 亿元
ind_value_added 151.40 亿元
fixed_asset_inv 185.70 亿元
gdp 339.96 亿元
budget_revenue 16.20 亿元
import_export 89959 万美元
EOT
check "foreign capital" $KFQ --db demo.db show fdi_arrived --unit danyang --period 2017 --format csv
has out.txt "danyang,fdi_arrived,2017,亿美元,2.10,2.10," "2.1 亿美元 of foreign capital arrived"
c=$(csv_field out.txt danyang, completion)
if awk -v c="$c" 'BEGIN { exit !(c + 0 > 100) }'; then ok "above its target ($c%)"; else bad "fdi completion $c%"; fi
check "patents" $KFQ --db demo.db show patent_applications --unit danyang --period 2017 --format csv
has out.txt "danyang,patent_applications,2017,件,2045," "2045 patent applications"
$KFQ --db demo.db show patents_granted --unit danyang --period 2017 --format csv > out.txt
has out.txt "danyang,patents_granted,2017,件,871," "871 patents granted"
$KFQ --db demo.db show taxable_sales --unit japan_park --period 2017 --format csv > out.txt
has out.txt "japan_park,taxable_sales,2017,亿元,2.50," "the Japanese park's tenants sold 2.5 亿元"
g=$(csv_field out.txt japan_park, growth)
if awk -v g="$g" 'BEGIN { exit !(g + 0 > 50) }'; then ok "growing by more than 50% ($g%)"; else bad "japan park growth $g%"; fi
$KFQ --db demo.db show ind_value_added --unit danyang --period 2017 --format csv > out.txt
g=$(csv_field out.txt danyang, growth); cg=$(csv_field out.txt danyang, comparable_growth)
[ "$g" != "$cg" ] && ok "规上 growth ($g%) and comparable growth ($cg%) differ: firms entered and left 规上" || bad "growth equals comparable growth ($g)"
n=$(sqlite3 demo.db "SELECT count(*) FROM unit WHERE kind = 'enterprise'")
[ "$n" -ge 400 ] && ok "at least 400 enterprises ($n)" || bad "only $n enterprises"
s=$(sqlite3 demo.db "SELECT count(*) FROM unit WHERE synthetic = 1 AND kind = 'enterprise'")
equal "$s" "$n" "every enterprise is marked synthetic"
has_meta=$(sqlite3 demo.db "SELECT value FROM meta WHERE key = 'synthetic'")
[ -n "$has_meta" ] && ok "the database records that the data is synthetic" || bad "no synthetic note in meta"
check "the bulletin of the demo" $KFQ --db demo.db bulletin --period 2017 --unit danyang
has out.txt "丹阳经济开发区经济运行简报" "the bulletin has its Chinese title"
has out.txt "眼镜小镇" "and a row for the eyewear town"
# Two builds (this one and run.sh's shared one, both at the same clock) are
# the same database: every table, the history and the import log included
# (whose file names differ only in the demo's temporary folder).
dump demo.db d1.sql; dump "$DEMO_DB" d2.sql
sed -i "s#'[^']*/kfq-demo-[^/']*/#'TMP/#" d1.sql d2.sql
same d1.sql d2.sql "the demo is deterministic: two builds give the same database"
$KFQ --db demo.db export data --output d1.csv; $KFQ --db "$DEMO_DB" export data --output d2.csv
same d1.csv d2.csv "and the same data export"
q="SELECT count(*) FROM unit_group a WHERE grp = 'above_scale' AND year = %d AND unit_id NOT IN (SELECT unit_id FROM unit_group WHERE grp = 'above_scale' AND year = %d)"
entered=$(sqlite3 demo.db "$(printf "$q" 2017 2016)"); left=$(sqlite3 demo.db "$(printf "$q" 2016 2017)")
[ "$entered" -gt 0 ] && ok "$entered enterprises entered 规上 in 2017" || bad "no enterprise entered 规上"
[ "$left" -gt 0 ] && ok "$left enterprises left 规上 in 2017" || bad "no enterprise left 规上"
