# t0180-report-render: kfq report render on the demo zone: a template's
# numbers are the figures kfq show and the modules' stats print; a phrase
# the data chooses; a figure without a value a visible gap and a warning
# (never 0); HTML self-contained with each number's reference; a bad
# template refused by file and line before anything is written; the output
# written whole or not at all.
demo_copy
cat > t.tmpl <<'T'
# {{unit}}（{{period}}）

{{! the six headline indicators }}
工业应税销售{{taxable_sales ytd 亿元 2 id=ts}}亿元，增长{{taxable_sales ytd_growth}}%。
{{#if all headline ytd_growth > 8}}
主要经济指标完成均超过去年,增幅在8%以上。
{{else}}
主要经济指标有升有降。
{{/if}}
日产业园{{taxable_sales japan_park ytd}}亿元，重点项目{{project key_projects}}个，名次{{assess jiangsu_zones rank}}。
2015年{{taxable_sales 2015 ytd}}。
T
check "render as Markdown" $KFQ --db demo.db report render t.tmpl --period 2017 --output t.md
# the same figures as kfq show and kfq project stats print
ts=$($KFQ --db demo.db show taxable_sales --period 2017 --format csv | csv_field /dev/stdin danyang ytd)
jp=$($KFQ --db demo.db show taxable_sales --unit japan_park --period 2017 --format csv | csv_field /dev/stdin japan_park ytd)
kp=$($KFQ --db demo.db project stats --period 2017 --format csv | csv_field /dev/stdin danyang key_projects)
has t.md "工业应税销售${ts}亿元" "the zone's taxable sales as kfq show gives them ($ts)"
has t.md "日产业园${jp}亿元，重点项目${kp}个，名次2。" "a park's, the key projects' and the province's rank"
has t.md "主要经济指标完成均超过去年,增幅在8%以上。" "all six growth rates above 8: the seed's phrase"
hasnt t.md "有升有降" "and not the other"
has t.md "2015年〔缺：无数据〕。" "2015 has no data: a visible gap, not 0"
has err.txt "t.tmpl:11: taxable_sales ytd unit=danyang period=2015" "and a warning with its line"
equal "$(head -1 t.md)" "# 丹阳经济开发区（2017年）" "the unit and the period in words"
# the phrase flips when one headline indicator's growth falls below 8%: the
# zone's 2017 import_export at 2016's level
cp demo.db flip.db
prior=$($KFQ --db flip.db show import_export --period 2016 --format csv | csv_field /dev/stdin danyang ytd)
printf 'unit,indicator,period,value(万美元)\ndanyang,import_export,2017,%s\n' "$prior" > flat.csv
check "a zone-level 2017 value at 2016's level" $KFQ --db flip.db import data flat.csv
check "render on the changed data" $KFQ --db flip.db report render t.tmpl --period 2017 --output flip.md
has flip.md "主要经济指标有升有降。" "one growth rate at 0: the other phrase"
hasnt flip.md "增幅在8%以上" "and not the seed's"
# HTML: self-contained, every number with its reference
check "render as HTML" $KFQ --db demo.db report render t.tmpl --period 2017 --format html --output t.html
has t.html "id=\"ts\" data-ref=\"taxable_sales ytd unit=danyang period=2017 measure=亿元 decimals=2\"" "a number carries its reference"
has t.html "<li id=\"src-1\"><code>taxable_sales ytd" "and links to its source"
has t.html "kfq show taxable_sales --unit danyang --period 2017" "which names the command that shows it"
hasnt t.html "<script" "no scripts"
hasnt t.html "http" "nothing fetched"
# a month of the year to date
check "render 2017年1-8月" $KFQ --db demo.db report render t.tmpl --period 2017年1-8月
has out.txt "# 丹阳经济开发区（2017年1-8月）" "the period's words"
# bad templates: file and line, what was expected, nothing written
echo old > keep.md
printf '# x\n\n{{taxable_sale ytd}}\n' > bad1.tmpl
check_exit 1 "an unknown indicator is refused" $KFQ --db demo.db report render bad1.tmpl --period 2017 --output keep.md
has err.txt "kfq: bad1.tmpl:3: unknown indicator \"taxable_sale\" (expected an indicator's code" "by its file and line"
equal "$(cat keep.md)" "old" "the output file is left as it was"
printf '{{taxable_sales ytd japan}}\n' > bad2.tmpl
check_exit 1 "an unknown word" $KFQ --db demo.db report render bad2.tmpl --period 2017
has err.txt "bad2.tmpl:1: unknown word \"japan\" in the reference to taxable_sales (expected a figure" "names what was expected"
printf 'x\n{{lead landed_inv}}\n' > bad3.tmpl
check_exit 1 "an unknown field of a module" $KFQ --db demo.db report render bad3.tmpl --period 2017
has err.txt "bad3.tmpl:2: unknown field \"landed_inv\" of lead (expected a field of lead: unit period landed landed_investment" "the module's fields listed"
printf '{{taxable_sales ytd 万美元}}\n' > bad4.tmpl
check_exit 1 "a measure of another family" $KFQ --db demo.db report render bad4.tmpl --period 2017
has err.txt "bad4.tmpl:1: measure 万美元 does not fit taxable_sales ytd" "is refused"
printf 'a\n{{#if taxable_sales growth > 8}}\n' > bad5.tmpl
check_exit 1 "an unclosed block" $KFQ --db demo.db report render bad5.tmpl --period 2017
has err.txt "bad5.tmpl:2: {{#if}} is not closed" "names the line it opened on"
check_exit 1 "the messages in Chinese" $KFQ --lang zh --db demo.db report render bad2.tmpl --period 2017
has err.txt "bad2.tmpl:1: unknown word \"japan\" in the reference to taxable_sales（应为" "with the catalogue's words"
check_exit 1 "a missing template" $KFQ --db demo.db report render none.tmpl --period 2017
has err.txt "none.tmpl: cannot open" "is named"
check_exit 1 "--period is required" $KFQ --db demo.db report render t.tmpl
# a full disk: exit 1, the message says so
if [ -w /dev/full ]; then
	check_exit 1 "a write error is not a success" $KFQ --db demo.db report render t.tmpl --period 2017 --output /dev/full
	has err.txt "No space left on device" "and says why"
fi
# the bulletin as the statistical report's workbook
check "kfq bulletin --format xlsx" $KFQ --db demo.db bulletin --period 2017年1-8月 --format xlsx --output b.xlsx
[ -s b.xlsx ] && ok "the workbook is written" || bad "no workbook"
check_exit 1 "xlsx needs --output" $KFQ --db demo.db bulletin --period 2017年1-8月 --format xlsx
has err.txt "bulletin: --format xlsx needs --output FILE" "and says so"
if [ -w /dev/full ]; then
	check_exit 1 "a workbook on a full disk is not a success" $KFQ --db demo.db bulletin --period 2017-08 --format xlsx --output /dev/full
fi
check "kfq bulletin --output" $KFQ --db demo.db bulletin --period 2017年1-8月 --format md --output b.md
$KFQ --db demo.db bulletin --period 2017年1-8月 --format md > b2.md
same b.md b2.md "the same bulletin to a file as to standard output"

# DOCX, as Word and WPS open it (docs/reports.md): the package's parts,
# each well-formed XML; real headings (the styles that Word's navigation
# lists), paragraphs and tables (the header row repeated on each page,
# numbers right-aligned), a gap in red, the unit in the page header and the
# page number field in the footer; the same figures as the Markdown
check "render as DOCX" $KFQ --db demo.db report render t.tmpl --period 2017 --format docx --output t.docx
unzip -Z1 t.docx > parts.txt 2>&1
for p in '[Content_Types].xml' _rels/.rels word/_rels/document.xml.rels word/document.xml \
	word/styles.xml word/header1.xml word/footer1.xml docProps/core.xml docProps/app.xml; do
	grep -qxF "$p" parts.txt && ok "the package holds $p" || bad "no $p in the package: $(cat parts.txt)"
	unzip -p t.docx "$(printf '%s' "$p" | sed 's/[][]/\\&/g')" > part.xml   # [ ] are unzip's wildcards
	xmllint --noout part.xml 2>xml.err && ok "$p is well-formed XML" || bad "$p: $(head -3 xml.err)"
done
unzip -p t.docx word/document.xml > doc.xml
has doc.xml '<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">丹阳经济开发区（2017年）</w:t>' "the title in the Title style"
has doc.xml "工业应税销售${ts}亿元" "the zone's taxable sales, as in the Markdown"
has doc.xml '主要经济指标完成均超过去年,增幅在8%以上。' "the phrase the data chose"
has doc.xml '<w:color w:val="C00000"/></w:rPr><w:t xml:space="preserve">〔缺：无数据〕' "the gap in red"
unzip -p t.docx word/styles.xml > styles.xml
has styles.xml '<w:outlineLvl w:val="1"/>' "headings carry their outline level"
has styles.xml 'w:eastAsia="宋体"' "the body set in 宋体"
unzip -p t.docx word/header1.xml > hdr.xml
has hdr.xml '丹阳经济开发区' "the unit's name in the page header"
unzip -p t.docx word/footer1.xml > ftr.xml
has ftr.xml '<w:instrText xml:space="preserve"> PAGE </w:instrText>' "the page number in the footer"
cat > tab.tmpl <<'T'
## 各园区

{{table parks taxable_sales}}
T
check "a table as DOCX" $KFQ --db demo.db report render tab.tmpl --period 2017 --format docx --output tab.docx
unzip -p tab.docx word/document.xml > tab.xml
has tab.xml '<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">各园区</w:t>' "## is a heading"
has tab.xml '<w:tblHeader/>' "the header row repeats on each page"
has tab.xml '<w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">107.55</w:t>' "a number right-aligned in its cell"
equal "$(grep -o '<w:tr>' tab.xml | wc -l | tr -d ' ')" 7 "a row per park and the header"
check "the same document again" $KFQ --db demo.db report render t.tmpl --period 2017 --format docx --output t2.docx
same t.docx t2.docx "the same bytes (every date in the package fixed)"
check_exit 1 "docx needs --output" $KFQ --db demo.db report render t.tmpl --period 2017 --format docx
has err.txt "report render: --format docx needs --output FILE" "and says so"
if [ -w /dev/full ]; then
	check_exit 1 "a DOCX on a full disk is not a success" $KFQ --db demo.db report render t.tmpl --period 2017 --format docx --output /dev/full
	has err.txt "No space left on device" "and says why"
fi
mkdir ro && chmod 555 ro
as_reader sh -c "$KFQ --db demo.db report render t.tmpl --period 2017 --format docx --output ro/t.docx" > /dev/null 2>&1 \
	&& bad "a DOCX into a read-only folder succeeded" || ok "a DOCX into a read-only folder fails"
[ -z "$(ls ro)" ] && ok "and leaves nothing there" || bad "left $(ls ro)"

# charts in the PDF are drawn as vectors (no image in the file): the
# trend's bars with this year's values and its legend, the parks' bars
# with their names, each followed by its caption and its data
printf '# 图表\n\n{{chart parks taxable_sales}}\n\n{{chart trend taxable_sales}}\n' > c.tmpl
check "charts as PDF" $KFQ --db demo.db report render c.tmpl --period 2017 --format pdf --output c.pdf
pdftotext c.pdf c.txt
has c.txt "上年同期" "the trend's legend is drawn"
has c.txt "精密制造产业园" "a park's name beside its bar"
equal "$(pdfimages -list c.pdf | tail -n +3 | wc -l | tr -d ' ')" 0 "no image: the charts are vectors"
check "charts as Markdown" $KFQ --db demo.db report render c.tmpl --period 2017
has out.txt "| 月份 | 本年 | 上年同期 |" "the trend's data headed in Chinese"
has out.txt "| 单位 | 累计 |" "the parks' too"

# XLSX: the document on one sheet, the title merged over it, paragraphs
# merged across and wrapped, each table row across the columns with its
# numbers as numbers, formatted with the places they were printed with
check "render as XLSX" $KFQ --db demo.db report render tab.tmpl --period 2017 --format xlsx --output tab.xlsx
unzip -p tab.xlsx xl/sharedStrings.xml > ss.xml
has ss.xml "各园区" "the heading is there"
has ss.xml "精密制造产业园" "and the table's parks"
unzip -p tab.xlsx xl/worksheets/sheet1.xml > sheet.xml
has sheet.xml "<v>107.55</v>" "a park's figure, a number"
grep -q '<mergeCell ref="A1:' sheet.xml && ok "the title merged over the columns" || bad "no merged title"
unzip -p tab.xlsx xl/styles.xml > st.xml
has st.xml 'formatCode="0.00"' "shown with the two places it was printed with"
check "the review as XLSX" $KFQ --db demo.db report render t.tmpl --period 2017 --format xlsx --output t.xlsx
unzip -p t.xlsx xl/sharedStrings.xml > ss.xml
has ss.xml "主要经济指标完成均超过去年,增幅在8%以上。" "a paragraph, as written"
check_exit 1 "xlsx needs --output" $KFQ --db demo.db report render t.tmpl --period 2017 --format xlsx
if [ -w /dev/full ]; then
	check_exit 1 "an XLSX on a full disk is not a success" $KFQ --db demo.db report render t.tmpl --period 2017 --format xlsx --output /dev/full
fi
