# t0140-index-import: the eyewear index's seven import kinds on the examples
# of docs/examples: each imports, --dry-run writes nothing, a repeated import
# changes nothing, export → import → export is exact (CSV and XLSX), a
# GB18030 file with Chinese headers reads the same, and the errors a user
# meets name the line, the column, the value and what was expected.
top=$(cd "$DATA/../.." && pwd)
EX=$top/docs/examples
KINDS="index-categories index-weights index-items price-quotes surveys survey-questions survey-answers"
$KFQ --db t.db init >/dev/null
$KFQ --db t.db import units $EX/units.csv >/dev/null

# --dry-run first: checked, nothing written
check "dry run of index-categories" $KFQ --db t.db import index-categories $EX/index-categories.csv --dry-run
has out.txt "dry run: " "says it is a dry run"
has out.txt "7 rows: 7 added, 0 changed, 0 unchanged (nothing written)" "7 categories would be added"
equal "$(sqlite3 t.db 'SELECT count(*) FROM ix_category')" 0 "no category written"

for k in $KINDS; do
	check "import $k" $KFQ --db t.db import $k $EX/$k.csv
done
equal "$(sqlite3 t.db 'SELECT count(*) FROM ix_category')" 7 "7 categories"
equal "$(sqlite3 t.db 'SELECT count(*) FROM ix_weight')" 12 "12 weights"
equal "$(sqlite3 t.db 'SELECT count(*) FROM ix_item')" 11 "11 items"
equal "$(sqlite3 t.db 'SELECT count(*) FROM ix_quote')" 24 "24 quotes"
equal "$(sqlite3 t.db 'SELECT count(*) FROM ix_quote WHERE day > 0')" 4 "4 of them weekly (w001 in January)"
equal "$(sqlite3 t.db 'SELECT price FROM ix_quote q JOIN ix_item i ON i.id = q.item_id WHERE i.code = '\''l001'\'' AND month = 2')" 125000 "12.5 元 stored exactly (1/10000 元)"
equal "$(sqlite3 t.db 'SELECT count(*) FROM ix_answer')" 16 "16 answers"
equal "$(sqlite3 t.db "SELECT count(*) FROM ix_answer WHERE reply = 'none'")" 2 "2 non-responses (none, 未答)"
equal "$(sqlite3 t.db "SELECT o.code || ' ' || i.overlap_year || '-' || i.overlap_month FROM ix_item i JOIN ix_item o ON o.id = i.replaces_id")" "l001 2017-2" "l003 replaces l001, overlapping in 2017-02"

# the same files again change nothing
dump t.db before.sql
for k in $KINDS; do
	check "import $k again" $KFQ --db t.db import $k $EX/$k.csv
	has out.txt " 0 added, 0 changed," "$k: nothing added or changed"
done
dump t.db after.sql
grep -v import_log before.sql > b.sql; grep -v import_log after.sql > a.sql
same b.sql a.sql "repeated imports leave the database as it was"

# round trip: export → import into a new database → export, byte for byte
$KFQ --db r.db init >/dev/null
$KFQ --db r.db import units $EX/units.csv >/dev/null
$KFQ --db x.db init >/dev/null
$KFQ --db x.db import units $EX/units.csv >/dev/null
for k in $KINDS; do
	check "export $k" $KFQ --db t.db export $k --output $k.csv
	check "import the exported $k" $KFQ --db r.db import $k $k.csv
	check "export $k again" $KFQ --db r.db export $k --output $k.2.csv
	same $k.csv $k.2.csv "$k: export → import → export is exact"
	check "export $k as XLSX" $KFQ --db t.db export $k --format xlsx --output $k.xlsx
	check "import $k from XLSX" $KFQ --db x.db import $k $k.xlsx
	check "export $k from the XLSX copy" $KFQ --db x.db export $k --output $k.3.csv
	same $k.csv $k.3.csv "$k: through XLSX the same"
done
has index-categories.csv "frames_metal,金属镜架,frames" "categories export: code, name, parent"
head -2 index-categories.csv | tail -1 > first.txt
has first.txt "frames,镜架," "a parent comes before its children"
has price-quotes.csv "w001,2017-01-06,120," "a weekly quote keeps its day"
has price-quotes.csv "o001,2017-01,168,50400" "a monthly price with its sales"
has index-items.csv "l003,lenses_resin,factory,e1,万新,1.56 加硬 新款,树脂,折射率1.56,l001,2017-02" "a replacement with its overlap month"
has survey-questions.csv "enterprises,inventory,库存,1,10" "an inverted question"
has survey-answers.csv "merchants,2017-02,m1,sales,up," "Chinese replies exported as up/flat/down/none"

# a change: counted, kept in history with the old and new price
printf 'item,period,price\nf001,2017-02,87\n' > fix.csv
check "a corrected quote" $KFQ --db t.db import price-quotes fix.csv
has out.txt "1 rows: 0 added, 1 changed, 0 unchanged" "counted as changed"
check "history of the reporter" $KFQ --db t.db history --unit e1 --format csv
has out.txt "item f001: price(元) 86 → 87" "history keeps the old and new price"

# GB18030 with Chinese headers and channel names reads the same as UTF-8
printf '年度,分类,渠道,权数\n2017,sunglasses,网络零售,4\n2017,lenses_resin,批发市场,20\n' > w.utf8.csv
iconv -f UTF-8 -t GB18030 w.utf8.csv > w.gb.csv
check "weights in GB18030 with Chinese headers" $KFQ --db t.db import index-weights w.gb.csv
has out.txt "2 rows: 0 added, 0 changed, 2 unchanged" "the same weights as stored"

# quotes of a published month: stored, and said
sqlite3 t.db "INSERT INTO ix_month(year, month, computed_at, settings, published_at) VALUES (2017, 2, '2018-01-01', 'x', '2018-01-02')"
printf 'item,period,price\nf001,2017-02,88\nf002,2017-02,41\n' > late.csv
check "quotes of a published month" $KFQ --db t.db import price-quotes late.csv
has out.txt "2 quotes fall in published months (2017-02): the index changes only with kfq index compute --revise" "says the published month needs a revision"

# errors: every one names the line, the column, the value and what was expected
dump t.db before.sql
printf 'year,category,channel,weight\n2017,sunglasses,retail,4\n' > bad.csv
check_exit 1 "a bad channel" $KFQ --db t.db import index-weights bad.csv
has err.txt 'bad.csv:2: column "channel": "retail" is not a channel (expected factory, wholesale or online' "names line, column, value and the channels"
printf 'code,category,channel,reporter\nz1,sunglasses,factory,e9\n' > bad.csv
check_exit 1 "an unknown reporter" $KFQ --db t.db import index-items bad.csv
has err.txt 'bad.csv:2: column "reporter": unknown unit "e9" (expected the unit code of an enterprise or a market merchant' "names the reporter"
printf 'code,category,channel,reporter\nz1,sunglasses,factory,p1\n' > bad.csv
check_exit 1 "a park as reporter" $KFQ --db t.db import index-items bad.csv
has err.txt 'bad.csv:2: column "reporter": "p1" is a unit of kind park (expected an enterprise or a merchant)' "names the unit's kind"
printf 'year,category,channel,weight\n2017,frames_metal,factory,31\n' > bad.csv
check_exit 1 "a weight sum wrong" $KFQ --db t.db import index-weights bad.csv
has err.txt 'bad.csv:2: category "frames", 2017, channel factory: weight 50, but its sub-categories'"'"' weights add up to 51 (frames_metal 31, frames_plastic 20)' "names the category, year, channel, weight and sum"
printf 'item,period,price\nf001,2017-03,0\nf001,2017-04,-3\n' > bad.csv
check_exit 1 "prices not above zero" $KFQ --db t.db import price-quotes bad.csv
has err.txt 'bad.csv:2: column "price": "0" is not positive (expected a price > 0)' "price 0"
has err.txt 'bad.csv:3: column "price": "-3" is not positive' "price -3"
has err.txt 'bad.csv: 2 of 2 rows are bad; nothing was imported' "nothing imported"
KFQ_LANG=zh check_exit 1 "the same in Chinese" $KFQ --db t.db import price-quotes bad.csv
has err.txt '"0" 取值无效（应为价格，须大于 0）' "what is expected in Chinese (was English inside the Chinese)"
hasnt err.txt "a price" "no English fragment"
# the same key twice in one file is refused, naming the first line, whatever
# the spelling of the period
printf 'item,period,price\nf001,2017-03,85\nf001,2017年3月,86\n' > bad.csv
check_exit 1 "a quote given twice" $KFQ --db t.db import price-quotes bad.csv
has err.txt 'bad.csv:3: a price of item "f001" for 2017年3月 is already given on line 2 (expected once per file)' "names the item, the period and the first line"
# 201703 is the month 2017-03 too, not an Excel day number (it was accepted
# beside 2017-03, and the later row won)
printf 'item,period,price\nf001,2017-03,85\nf001,201703,86\n' > bad.csv
check_exit 1 "a quote given twice, once as 201703" $KFQ --db t.db import price-quotes bad.csv
has err.txt 'bad.csv:3: a price of item "f001" for 201703 is already given on line 2' "201703 is 2017-03"
printf 'survey,period,respondent,question,reply\nenterprises,201701,e1,sales,up\nenterprises,2017-01,e1,sales,down\n' > bad.csv
check_exit 1 "an answer given twice, once as 201701" $KFQ --db t.db import survey-answers bad.csv
has err.txt 'bad.csv:3: the answer of "e1" to enterprises/sales for 2017-01 is already given on line 2' "201701 is 2017-01"
printf 'survey,period,respondent,question,reply\nenterprises,2017-01,e1,sales,up\nenterprises,2017-01,e1,sales,down\n' > bad.csv
check_exit 1 "an answer given twice" $KFQ --db t.db import survey-answers bad.csv
has err.txt 'bad.csv:3: the answer of "e1" to enterprises/sales for 2017-01 is already given on line 2' "names the respondent, question and period"
printf 'code,name,parent\nframes,镜架,\nframes,镜架二,\n' > bad.csv
check_exit 1 "a category given twice" $KFQ --db t.db import index-categories bad.csv
has err.txt 'bad.csv:3: this category is already given on line 2' "names the first line"
equal "$(sqlite3 t.db "SELECT name FROM ix_category WHERE code = 'frames'")" "镜架" "nothing changed"
printf 'item,period,price\nf001,2017-01-09,85\nw001,2017-02-03,125\n' > bad.csv
check_exit 1 "both weekly and monthly" $KFQ --db t.db import price-quotes bad.csv
has err.txt 'bad.csv:2: column "period": "2017-01-09": item f001 has a monthly price for 2017-01 (expected either a monthly price or weekly quotes in a month, not both)' "a weekly quote beside a monthly price"
has err.txt 'bad.csv:3: column "period": "2017-02-03": item w001 has a monthly price for 2017-02' "and the other way round"
printf 'code,category,channel,reporter\nz1,frames,factory,e1\n' > bad.csv
check_exit 1 "an item in an inner category" $KFQ --db t.db import index-items bad.csv
has err.txt 'bad.csv:2: column "category": "frames" has sub-categories (frames_metal, frames_plastic) (expected a leaf category' "leaf categories only"
printf 'code,category,channel,reporter,replaces,overlap\nz1,lenses_resin,online,e1,l001,2017-03\n' > bad.csv
check_exit 1 "a replacement in another channel" $KFQ --db t.db import index-items bad.csv
has err.txt 'bad.csv:2: column "replaces": "l001" is priced in category lenses_resin, channel factory (expected a replacement in the same category and channel: lenses_resin, online)' "same category and channel"
printf 'code,name,parent\nframes,镜架,frames_metal\n' > bad.csv
check_exit 1 "a parent cycle" $KFQ --db t.db import index-categories bad.csv
has err.txt 'bad.csv:2: column "parent": "frames_metal" lies below "frames"' "no cycles"
printf 'survey,period,respondent,question,reply\nenterprises,2017-03,e1,sales,maybe\n' > bad.csv
check_exit 1 "a reply not known" $KFQ --db t.db import survey-answers bad.csv
has err.txt 'bad.csv:2: column "reply": "maybe" (expected up, flat, down or none' "names the replies"
check_exit 1 "an unknown kind" $KFQ --db t.db import index-prices bad.csv
has err.txt "price-quotes" "the kinds are listed"
dump t.db after.sql
same before.sql after.sql "the refused imports wrote nothing"

# An intermediate level's weight may be left implied (docs/formats.md: upper
# levels are the sums): a1x 1 + a1y 2 under a1 (no weight), a2 3, a 6 = 3 + 3.
$KFQ --db w.db init >/dev/null
printf 'code,name,parent\na,甲,\na1,甲一,a\na1x,甲一x,a1\na1y,甲一y,a1\na2,甲二,a\n' > cats.csv
check "a tree of three levels" $KFQ --db w.db import index-categories cats.csv
printf 'year,category,channel,weight\n2017,a1x,factory,1\n2017,a1y,factory,2\n2017,a2,factory,3\n2017,a,factory,6\n' > implied.csv
check "a1's weight left implied" $KFQ --db w.db import index-weights implied.csv
has out.txt "4 rows: 4 added" "all four stored"
printf 'year,category,channel,weight\n2017,a,factory,7\n' > bad.csv
check_exit 1 "a top weight that is not the implied sum" $KFQ --db w.db import index-weights bad.csv
has err.txt 'category "a", 2017, channel factory: weight 7, but its sub-categories'"'"' weights add up to 6 (a1 3 (implied), a2 3)' "names the implied weight"
printf 'year,category,channel,weight\n2017,a1,factory,4\n' > bad.csv
check_exit 1 "an intermediate weight given that is not its sum" $KFQ --db w.db import index-weights bad.csv
has err.txt 'category "a1", 2017, channel factory: weight 4, but its sub-categories'"'"' weights add up to 3 (a1x 1, a1y 2)' "a given weight is still checked"
