# t0185-report-demo: the demo's two report templates (docs/examples/reports)
# on the demo zone. The annual review: every number of the seed's
# figures.csv (tests/data/report/figures.csv, a copy) that kfq holds is
# rendered from the database and equals the seed's value (exact, or more
# than the seed's "超…" figure), every other one is named in the list of
# figures kfq does not hold; Markdown and HTML compared with golden files.
# The bulletin for 2017年1-8月 and 1-12月: golden files, its numbers those
# kfq bulletin prints, the zone's 2017 headline figures the seed's.
top=$(cd "$DATA/../.." && pwd)
ex=$top/docs/examples/reports
gold=$DATA/report
demo_copy
check "the annual review as HTML" $KFQ --db demo.db report render "$ex/annual-review-2017.tmpl" --period 2017 --format html --output review.html
check "the annual review as Markdown" $KFQ --db demo.db report render "$ex/annual-review-2017.tmpl" --period 2017 --output review.md
same review.md "$gold/annual-review-2017.md" "the review's Markdown is the golden one"
same review.html "$gold/annual-review-2017.html" "the review's HTML is the golden one"
# each figure of figures.csv: rendered (the number with id=CODE) and equal
# to the seed's, or listed as a gap
held=0; gaps=0
tail -n +2 "$DATA/report/figures.csv" | while IFS=, read -r section code name_zh name_en value unit qualifier note; do
	got=$(grep -o "id=\"$code\" [^>]*>[^<]*</a>" review.html | sed 's/.*>\([^<]*\)<\/a>$/\1/')
	if [ -n "$got" ]; then
		if awk -v a="$got" -v b="$value" -v q="$qualifier" 'BEGIN {
			if (q == "exact") exit !(a + 0 == b + 0)
			if (q == "more_than") exit !(a + 0 > b + 0)
			if (q == "at_least") exit !(a + 0 >= b + 0)
			d = a - b; if (d < 0) d = -d; exit !(d <= 0.05 * b) }'; then
			echo "held $code"
			ok "$code: $got $unit from the database, the seed's $qualifier $value"
		else
			bad "$code: rendered $got, the seed's $qualifier $value $unit"
		fi
	elif grep -qF "<li data-ref=\"gap $code\">" review.html; then
		echo "gap $code"
		ok "$code ($name_zh) is named in the list of figures kfq does not hold"
	else
		bad "$code ($name_zh): neither rendered nor listed as not held"
	fi
done > figures.txt
cat figures.txt | grep -v '^held \|^gap '
pass=$((pass + $(grep -c '^ok' figures.txt))); failed=$((failed + $(grep -c '^FAIL' figures.txt)))
held=$(grep -c '^held ' figures.txt); gaps=$(grep -c '^gap ' figures.txt)
equal "$((held + gaps))" "$(($(wc -l < "$DATA/report/figures.csv") - 1))" "every figure of figures.csv is rendered or listed ($held rendered, $gaps not held)"
equal "$gaps" 0 "every one of them comes from the database ($held), none is a gap"
has review.md "主要经济指标完成均超过去年，增幅在8%以上" "the seed's phrase, chosen by the six growth rates"
has review.md "完成外资到账2.1亿美元，超额完成全年目标任务" "and the target exceeded"
hasnt review.html "<script" "the HTML needs no script"
# the PDF: A4, the zone in the header, page numbers, the numbers as in the HTML
# cairo 1.16 keeps a few bytes of its own at the end (tests/lsan-cairo.supp)
check "the annual review as PDF" env LSAN_OPTIONS=suppressions=$top/tests/lsan-cairo.supp $KFQ --db demo.db report render "$ex/annual-review-2017.tmpl" --period 2017 --format pdf --output review.pdf
pdfinfo review.pdf > info.txt
has info.txt "595.28 x 841.89 pts (A4)" "A4"
pages=$(sed -n 's/^Pages: *//p' info.txt)
[ "${pages:-0}" -ge 3 ] && ok "$pages pages" || bad "the PDF has ${pages:-no} pages"
pdftotext review.pdf review.txt
tr -d '\n ' < review.txt > flat.txt
has review.txt "丹阳经济开发区" "the zone's name in the header"
has flat.txt "第${pages}页" "the last page's number (第 $pages 页)"
for f in $(grep '^held ' figures.txt | cut -d' ' -f2); do
	got=$(grep -o "id=\"$f\" [^>]*>[^<]*</a>[^<{]\{0,12\}" review.html | sed 's/.*<\/a>//' | head -c 6)
	num=$(grep -o "id=\"$f\" [^>]*>[^<]*</a>" review.html | sed 's/.*>\([^<]*\)<\/a>$/\1/')
	grep -qF "$num$got" flat.txt || echo "$f $num$got" >> pdf-missing.txt
done
[ ! -s pdf-missing.txt ] && ok "the PDF's text holds each of the $(grep -c '^held ' figures.txt) figures as the HTML writes them (pdftotext)" \
	|| bad "not in the PDF's text: $(cat pdf-missing.txt)"
check_exit 1 "pdf needs --output" $KFQ --db demo.db report render "$ex/annual-review-2017.tmpl" --period 2017 --format pdf
# the PDF renderer is kfq-pdf.so beside the program, loaded only to write a
# PDF: a kfq copied without it still does everything else, and says what
# is missing when asked for a PDF, writing nothing
mkdir alone
cp "$KFQ" alone/kfq
check "a kfq without its PDF renderer renders Markdown" alone/kfq --db demo.db report render "$ex/annual-review-2017.tmpl" --period 2017 --output alone.md
check_exit 1 "and refuses PDF" alone/kfq --db demo.db report render "$ex/annual-review-2017.tmpl" --period 2017 --format pdf --output alone.pdf
has err.txt "kfq-pdf.so is missing" "naming the renderer it looked for beside it"
[ ! -e alone.pdf ] && ok "writing no file" || bad "a PDF was written without the renderer"
# a single month's bulletin: a case category with no case that month (the
# leadership's problems were all raised at the start) counts 0, not an error
check "the bulletin of one month (2017-08)" $KFQ --db demo.db report render "$ex/monthly-bulletin.tmpl" --period 2017-08 --output bulletin-08.md
has bulletin-08.md "其中党工委班子成员查摆问题0件，已解决0件" "a category without cases in the month counts 0"
check_exit 1 "a category the campaign does not know is still an error" sh -c "printf '{{case nosuch raised}}\n' > bad.tmpl && $KFQ --db demo.db report render bad.tmpl --period 2017-08"
has err.txt 'unknown field "nosuch" of case' "naming the field"
# the bulletin, any month
for p in 1-8 1-12; do
	check "the bulletin of 2017年$p月" $KFQ --db demo.db report render "$ex/monthly-bulletin.tmpl" --period "2017年${p}月" --output "bulletin-$p.md"
	same "bulletin-$p.md" "$gold/monthly-bulletin-$p.md" "the bulletin of 2017年$p月 is the golden one"
	$KFQ --db demo.db bulletin --period "2017年${p}月" --format csv > b.csv
	ts=$(csv_field b.csv "丹阳经济开发区,工业应税销售" ytd)
	has "bulletin-$p.md" "全区完成工业应税销售${ts}亿元" "its taxable sales as kfq bulletin prints them ($ts)"
done
check "the bulletin as HTML" $KFQ --db demo.db report render "$ex/monthly-bulletin.tmpl" --period 2017年1-8月 --format html --output bulletin-1-8.html
same bulletin-1-8.html "$gold/monthly-bulletin-1-8.html" "its HTML is the golden one"
equal "$($KFQ --db demo.db bulletin --period 2017年1-8月 --format csv | csv_field /dev/stdin 地区生产总值 ytd)" "" "the quarterly GDP has no value in August"
has bulletin-1-8.md "地区生产总值按季度核算，本期暂无数据。" "and the template says so (has gdp ytd)"
# the charts: inline SVG, August's bar the month's value as kfq show gives it
aug=$($KFQ --db demo.db show taxable_sales --period 2017-08 --format csv | csv_field /dev/stdin danyang value)
has bulletin-1-8.html "<svg xmlns=\"http://www.w3.org/2000/svg\"" "the charts are inline SVG"
has bulletin-1-8.html "<title>8月 $aug</title>" "the trend's August bar is the month's value ($aug 亿元)"
equal "$(grep -o '<rect [^>]*fill="#36c"><title>[0-9]*月 ' bulletin-1-8.html | wc -l)" 8 "a bar for each month of 1-8月"
has bulletin-1-8.md "| 8月 | $aug |" "in Markdown the chart's data as a table"
for c in taxable_sales ind_value_added fixed_asset_inv gdp budget_revenue import_export; do
	want=$(awk -F, -v c=$c '$2 == c { print $5 }' "$DATA/report/figures.csv")
	got=$(csv_field b.csv "丹阳经济开发区,$(awk -F, -v c=$c '$2 == c { print $3 }' "$DATA/report/figures.csv")" ytd)
	awk -v a="$got" -v b="$want" 'BEGIN { exit !(a + 0 == b + 0) }' && has bulletin-1-12.md "$got" "$c in the bulletin of 1-12月: $got, the seed's $want" \
		|| bad "$c: $got in the bulletin, the seed's $want"
done
# the bulletin of any month in every format: each with the zone's taxable
# sales as kfq bulletin prints them
for p in 2017-03 2017年1-8月 2017年1-12月; do
	$KFQ --db demo.db bulletin --period "$p" --format csv > b.csv
	ts=$(csv_field b.csv "丹阳经济开发区,工业应税销售" ytd)
	for f in html pdf docx xlsx; do
		check "the bulletin of $p as $f" $KFQ --db demo.db report render "$ex/monthly-bulletin.tmpl" --period "$p" --format $f --output "b.$f"
	done
	has b.html ">${ts}<" "$p, HTML: ${ts}"
	pdftotext b.pdf b.txt && has b.txt "${ts}" "$p, PDF: ${ts}"
	unzip -p b.docx word/document.xml > b.xml && has b.xml "全区完成工业应税销售${ts}亿元" "$p, DOCX: ${ts}"
	unzip -p b.xlsx xl/sharedStrings.xml > b.ss && has b.ss "全区完成工业应税销售${ts}亿元" "$p, XLSX: ${ts}"
done
