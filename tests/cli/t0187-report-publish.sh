# t0187-report-publish: kfq report publish keeps a template's document as
# it was published, with every figure it printed, as a revision; kfq
# report published gives it back verbatim after later corrections; a
# render after a correction says which figures changed since (old → new);
# publishing a changed document again needs a reason; the publications
# cannot be changed or deleted (docs/reports.md, "Publishing").
demo_copy
T=$DATA/../../docs/examples/reports/monthly-bulletin.tmpl
check "render August" $KFQ --db demo.db report render $T --period 2017-08 --output before.md
check "render it as HTML" $KFQ --db demo.db report render $T --period 2017-08 --format html --output before.html
check "publish August's bulletin" $KFQ --db demo.db report publish $T --period 2017-08
has out.txt "report monthly-bulletin for danyang 2017-08: published revision 1 (" "revision 1"
check "publish it again, unchanged" $KFQ --db demo.db report publish $T --period 2017-08
has out.txt "the same as published revision 1: nothing published" "no second revision for the same document"
check "the published document" $KFQ --db demo.db report published monthly-bulletin --period 2017-08
same out.txt before.md "is the document as rendered"
# a correction after publication
printf 'unit,indicator,period,value\nent0001,taxable_sales,2017-08,0.9999\n' > fix.csv
check "correct an enterprise's August" $KFQ --db demo.db import data fix.csv
check "render after the correction" $KFQ --db demo.db report render $T --period 2017-08 --output after.md
has err.txt "taxable_sales ytd unit=danyang period=2017-08 measure=亿元 decimals=2: published 211.06 (revision 1), now 212.04" "says the zone's year to date changed, old → new"
has err.txt "figures changed since report monthly-bulletin was published" "and how many"
cmp -s before.md after.md && bad "the document did not change" || ok "the document changed"
check_exit 1 "publishing the changed document without a reason" $KFQ --db demo.db report publish $T --period 2017-08
has err.txt "is published (revision 1, " "is refused naming the revision"
has err.txt "needs --reason (what was corrected)" "and what it needs"
check "with a reason" $KFQ --db demo.db report publish $T --period 2017-08 --reason "ent0001 8月数据更正"
has out.txt "published revision 2" "revision 2"
check "the revisions" $KFQ --db demo.db report published monthly-bulletin --period 2017-08 --list
has out.txt "ent0001 8月数据更正" "with the reason"
equal "$(grep -c '^ *[12] ' out.txt)" 2 "two revisions"
check "revision 1 after the correction" $KFQ --db demo.db report published monthly-bulletin --period 2017-08 --revision 1
same out.txt before.md "is still the document first published"
check "revision 1 as HTML" $KFQ --db demo.db report published monthly-bulletin --period 2017-08 --revision 1 --format html --output r1.html
same r1.html before.html "verbatim"
check "the last revision" $KFQ --db demo.db report published monthly-bulletin --period 2017-08
same out.txt after.md "is the corrected document"
check "render once more" $KFQ --db demo.db report render $T --period 2017-08 --output again.md
hasnt err.txt "changed since" "nothing changed since revision 2"
check "revision 1 as DOCX" $KFQ --db demo.db report published monthly-bulletin --period 2017-08 --revision 1 --format docx --output r1.docx
unzip -p r1.docx word/document.xml > r1.xml
has r1.xml "211.06" "holds the figure as first published"
hasnt r1.xml "212.04" "not the corrected one"
check_exit 1 "a revision that does not exist" $KFQ --db demo.db report published monthly-bulletin --period 2017-08 --revision 3
has err.txt "report monthly-bulletin for danyang 2017-08 has no revision 3" "is named"
check_exit 1 "a period never published" $KFQ --db demo.db report published monthly-bulletin --period 2017-09
has err.txt "report monthly-bulletin for danyang 2017-09 has not been published" "is named"
check_exit 1 "--format docx without --output" $KFQ --db demo.db report published monthly-bulletin --period 2017-08 --format docx
# kept as they were: the database refuses to change or delete them
if command -v sqlite3 > /dev/null; then
	sqlite3 demo.db "UPDATE report_pub SET md = 'x'" 2> sql.err && bad "a published report was changed" || ok "a published report cannot be changed"
	has sql.err "a published report is kept as it was" "the store says why"
	sqlite3 demo.db "DELETE FROM report_pub_figure" 2> sql.err && bad "a published figure was deleted" || ok "nor its figures deleted"
fi
KFQ_LANG=zh check "in Chinese" $KFQ --db demo.db report publish $T --period 2017-08
has out.txt "与已发布的第 2 版相同" "the result line in Chinese"
