# t0172-publish: publication and revisions (docs/quality.md) as a
# statistician meets them: only an approved month is published; a second
# publication needs a change and a reason; a correction after publishing
# (reopen, import, approve again) shows in kfq show as revised, old → new,
# and kfq revisions lists every change while each revision stays readable.
# The figures are worked out here from the rows imported.
$KFQ --db z.db init > /dev/null
cat > units.csv <<'EOT'
code,name,kind,parent
z,开发区,zone,
p1,园区一,park,z
p2,园区二,park,z
e1,企业一,enterprise,p1
e2,企业二,enterprise,p1
e3,企业三,enterprise,p2
EOT
cat > inds.csv <<'EOT'
code,name_zh,measure,kind,agg,decimals,headline
sales,应税销售,万元,flow,sum,1,1
EOT
# January to July the same each month; August more
{ echo unit,indicator,period,value
  for m in 01 02 03 04 05 06 07; do
	echo e1,sales,2017-$m,10.5; echo e2,sales,2017-$m,20.25; echo e3,sales,2017-$m,7
  done
  echo e1,sales,2017-08,11.5; echo e2,sales,2017-08,21.25; echo e3,sales,2017-08,8
} > data.csv
check "units" $KFQ --db z.db import units units.csv
check "indicators" $KFQ --db z.db import indicators inds.csv
check "data" $KFQ --db z.db import data data.csv

check_exit 1 "a month not approved is not published" $KFQ --db z.db publish --unit z --period 2017-08
has err.txt "z 2017-08 is entered: only an approved or certified month is published" "it says the month's state"
check_exit 1 "a year is not a month" $KFQ --db z.db publish --unit z --period 2017
has err.txt "a month is published, not a span of months" "it says what is published"
check_exit 1 "an unknown unit" $KFQ --db z.db publish --unit nosuch --period 2017-08
has err.txt "nosuch" "named"
check_exit 1 "--unit and --period are required" $KFQ --db z.db publish
has err.txt "--unit and --period are required" "said"

approve() {
	for u in "$@"; do
		KFQ_USER=clerk $KFQ --db z.db approval submit --unit $u --period 2017-08 > /dev/null 2>&1 || bad "submit $u"
		KFQ_USER=park $KFQ --db z.db approval approve --unit $u --period 2017-08 > /dev/null 2>&1 || bad "approve $u"
	done
}
approve e1 e2 e3 p1 p2 z
check "the approved month is published" env KFQ_USER=stat KFQ_NOW=2017-09-05T08:00:00Z $KFQ --db z.db publish --unit z --period 2017-08
has out.txt "z 2017-08: published revision 1: 3 figures of 3 units" "revision 1: sales for z, p1 and p2"
check_exit 1 "publishing it again unchanged is refused" $KFQ --db z.db publish --unit z --period 2017-08 --reason again
has err.txt "no figure has changed since revision 1 (published 2017-09-05T08:00:00Z by stat): nothing to publish" "saying since when"

# a correction: locked until reopened from the top down, with reasons
printf 'unit,indicator,period,value\ne1,sales,2017-08,15\n' > fix.csv
check_exit 1 "the approved month refuses the correction" $KFQ --db z.db import data fix.csv
for u in z p1 e1; do
	check "reopen $u" env KFQ_USER=stat KFQ_NOW=2017-09-10T09:00:00Z $KFQ --db z.db approval reopen --unit $u --period 2017-08 --note "企业一更正8月开票"
done
check "the correction goes in" $KFQ --db z.db import data fix.csv
check_exit 1 "a reopened month is not published" $KFQ --db z.db publish --unit z --period 2017-08 --reason x
# z: 11.5 + 21.25 + 8 = 40.75 → 40.8 published; now 15 + 21.25 + 8 = 44.25 → 44.3
# year to date: 7 × 37.75 + 40.75 = 305.0 published; now 308.5
# p1: 11.5 + 21.25 = 32.75 → 32.8, now 36.25 → 36.3; 1-8月 248.0 → 251.5
# p2: 8.0, 1-8月 7 × 7 + 8 = 57.0
check "revisions before publishing again" $KFQ --db z.db revisions --unit z --period 2017-08 --format csv
has out.txt "z,sales,value,万元,1,40.8,now,44.3,2017-09-10T09:00:00Z,stat,企业一更正8月开票" "the change since revision 1, with the reopen's time, account and reason"
check "show the revised figure" $KFQ --db z.db show sales --unit z --period 2017-08 --by children
has out.txt "revised: z sales 2017-08 (万元): published 40.8 (revision 1, 2017-09-05, stat); 40.8 → 44.3 now, not yet published again" \
	"show says the zone's August was published as 40.8 and is 44.3 now"
has out.txt "revised: p1 sales 2017-08 (万元): published 32.8 (revision 1, 2017-09-05, stat); 32.8 → 36.3 now" "and the park's"
hasnt out.txt "revised: p2" "p2 did not change"
check "the year to date too" $KFQ --db z.db show sales --unit z --period 2017年1-8月
has out.txt "revised: z sales 2017-08 ytd (万元): published 305.0 (revision 1, 2017-09-05, stat); 305.0 → 308.5 now" "1-8月 against the published year to date"
check "the bulletin of August" $KFQ --db z.db bulletin --unit z --period 2017-08
has out.txt "发布后修订的数据：" "the bulletin says figures were revised since published"
has out.txt "修订：开发区 应税销售 2017年1-8月（万元）：发布值 305.0（第 1 版，2017-09-05，stat）；305.0 → 308.5（现值，尚未重新发布" "the zone's 1-8月 it shows, in the bulletin's Chinese"
has out.txt "修订：园区一 应税销售 2017年1-8月（万元）：发布值 248.0（第 1 版，2017-09-05，stat）；248.0 → 251.5（现值" "and the park's"
hasnt out.txt "修订：园区二" "not p2's, unchanged"
check "the bulletin in English" $KFQ --db z.db bulletin --unit z --period 2017-08 --lang en
has out.txt "revised: z sales 2017-08 ytd (万元): published 305.0 (revision 1, 2017-09-05, stat); 305.0 → 308.5 now" "says it in English"
cat > brief.tmpl <<'EOT'
# {{unit}}{{period}}简报

应税销售累计 {{sales ytd}} 万元，本月 {{sales value}} 万元；园区二累计 {{sales ytd p2}} 万元。

## 发布后修订

{{revised}}
EOT
check "a report of August" $KFQ --db z.db report render brief.tmpl --unit z --period 2017-08 --format md --output brief.md
has brief.md "应税销售累计 308.5 万元，本月 44.3 万元" "prints today's figures"
has brief.md "- 修订：开发区 应税销售 2017年1-8月（万元）：发布值 305.0（第 1 版，2017-09-05，stat）；305.0 → 308.5（现值" "its {{revised}} lists the year to date it prints"
has brief.md "- 修订：开发区 应税销售 2017年8月（万元）：发布值 40.8（第 1 版，2017-09-05，stat）；40.8 → 44.3（现值" "and the month's value"
hasnt brief.md "园区二 应税销售" "not p2's, unchanged"
has err.txt "revised since published" "and warns of each"
check "the same report as HTML" $KFQ --db z.db report render brief.tmpl --unit z --period 2017-08 --format html --output brief.html
has brief.html 'class="fig revised"' "marks the revised numbers"
has brief.html '<ul class="revised">' "and lists them"
check "a report of July, never published" $KFQ --db z.db report render brief.tmpl --unit z --period 2017-07 --format md --output july.md
has july.md "- 无" "has nothing revised"
check "the bulletin as CSV" $KFQ --db z.db bulletin --unit z --period 2017-08 --format csv
hasnt out.txt "修订" "has no notes"
check "a CSV has no notes" $KFQ --db z.db show sales --unit z --period 2017-08 --format csv
hasnt out.txt "revised" "(kfq revisions gives them as data)"

approve e1 p1
check "z was only reopened: submit and approve it" true
KFQ_USER=clerk $KFQ --db z.db approval submit --unit z --period 2017-08 > /dev/null 2>&1 || bad "submit z"
KFQ_USER=park $KFQ --db z.db approval approve --unit z --period 2017-08 > /dev/null 2>&1 || bad "approve z"
check_exit 1 "a second revision needs a reason" $KFQ --db z.db publish --unit z --period 2017-08
has err.txt "required: 4 figures differ from revision 1; say what was corrected" "it counts what differs"
check "revision 2" env KFQ_USER=stat KFQ_NOW=2017-09-12T10:00:00Z $KFQ --db z.db publish --unit z --period 2017-08 --reason "企业一更正8月开票金额"
has out.txt "published revision 2: 3 figures of 3 units (4 changed since revision 1)" "the zone's and p1's value and year to date"

check "revisions" $KFQ --db z.db revisions --unit z --period 2017-08 --format csv
has out.txt "z,sales,value,万元,1,40.8,2,44.3,2017-09-12T10:00:00Z,stat,企业一更正8月开票金额" "z's value 40.8 → 44.3 in revision 2, when, who, why"
has out.txt "z,sales,ytd,万元,1,305.0,2,308.5," "its year to date"
has out.txt "p1,sales,value,万元,1,32.8,2,36.3," "p1's value"
equal "$(grep -c ',sales,' out.txt)" 4 "four changes, no more"
check "revisions as a table" $KFQ --db z.db revisions --unit z --period 2017-08
has out.txt "revision 1: 2017-09-05T08:00:00Z by stat" "lists revision 1"
has out.txt "revision 2: 2017-09-12T10:00:00Z by stat: 企业一更正8月开票金额" "and revision 2 with its reason"
check "revision 1 stays readable" $KFQ --db z.db revisions --unit z --period 2017-08 --revision 1 --format csv
has out.txt "z,sales,万元,40.8,305.0" "as published: 40.8, 1-8月 305.0"
has out.txt "p2,sales,万元,8.0,57.0" "p2 as published"
check "show after revision 2" $KFQ --db z.db show sales --unit z --period 2017-08
has out.txt "published 40.8 (revision 1, 2017-09-05, stat); 40.8 → 44.3 in revision 2 (2017-09-12, stat: 企业一更正8月开票金额)" \
	"show tells the revision, when, who and why"
hasnt out.txt "not yet published again" "and nothing unpublished"
check_exit 1 "a revision that does not exist" $KFQ --db z.db revisions --unit z --period 2017-08 --revision 3
has err.txt "z 2017-08 has 2 revisions (asked for 3)" "said"
check "a month never published" $KFQ --db z.db revisions --unit z --period 2017-07
has out.txt "z 2017-07 has not been published" "said"
check "history" $KFQ --db z.db history
has out.txt "revision 2: 3 figures of 3 units: 企业一更正8月开票金额" "each publication is in the history"
if sqlite3 z.db "UPDATE published_figure SET value = 0" 2>/dev/null; then bad "a published figure was edited"; else ok "a published revision cannot be edited, even by hand"; fi

# a park's first own value of a year, in an open month, would replace its
# units' sum in every month, the approved August too: refused; in a year
# with no lock it goes in, said
printf 'unit,indicator,period,value\np1,sales,2017-03,99\n' > p1own.csv
check_exit 1 "a park's first own value in an open month is refused while August is approved" $KFQ --db z.db import data p1own.csv
has err.txt "p1own.csv:2: p1 files its first own sales of 2017, which replaces the sum of its units in every month: p1 2017-08 is locked" \
	"naming the locked month"
printf 'unit,indicator,period,value\np1,sales,2016-03,5\n' > p1own.csv
check "a park with nothing under it that year files its own" $KFQ --db z.db import data p1own.csv --dry-run
hasnt err.txt "warning" "and replaces nothing: nothing is said"
printf 'unit,indicator,period,value\ne3,sales,2016-03,6\n' > e3.csv
check "a value of 2016 under p2" $KFQ --db z.db import data e3.csv
printf 'unit,indicator,period,value\np2,sales,2016-03,5\n' > p2own.csv
check "in a year with nothing locked it goes in" $KFQ --db z.db import data p2own.csv --dry-run
has err.txt "p2own.csv:2: warning: p2 had no sales of its own in 2016: from this line it files its own, which replace the sum of its 1 units in every month of 2016" \
	"said at its line"
# its units' values in the same file, before it or after it: said the same
printf 'unit,indicator,period,value\ne3,sales,2015-03,6\np2,sales,2015-03,5\n' > same.csv
check "a park's first own value after its unit's in one file" $KFQ --db z.db import data same.csv --dry-run
has err.txt "same.csv:3: warning: p2 had no sales of its own in 2015: from this line it files its own" \
	"said at the park's line (was said only for values stored before the file)"
printf 'unit,indicator,period,value\np2,sales,2015-03,5\ne3,sales,2015-05,6\n' > same.csv
check "and before them" $KFQ --db z.db import data same.csv --dry-run
has err.txt "same.csv:2: warning: p2 had no sales of its own in 2015" "said at its line too"
printf 'unit,indicator,period,value\np2,sales,2015-03,5\ne3,sales,2014-05,6\n' > same.csv
check "with its unit's value of another year" $KFQ --db z.db import data same.csv --dry-run
hasnt err.txt "warning" "nothing is said"

# a ledger's figures are derived again at each import of its rows: in an
# approved month they may not change that way either (nor a project's,
# a lead's or the finance platform's, derived the same way)
cat > certs.ledger <<'EOT'
ledger certs title="高企认定"
field ref text required
field ent unit required
field since date required
key ref
figure n_cert count date=since measure=家
EOT
check "a ledger" $KFQ --db z.db ledger define certs.ledger
printf 'ref,ent,since\nc1,e1,2017-08-05\n' > aug.csv
check_exit 1 "a ledger row in the approved August is refused" $KFQ --db z.db ledger import certs aug.csv
has err.txt "aug.csv: figure n_cert of e1 2017-08 would change from none to 1: e1 2017-08 is locked: e1 approved by park" \
	"naming the figure, the unit, the month, both values and who approved it"
check "nothing was written" $KFQ --db z.db ledger list certs
hasnt out.txt "c1" "the row is not there"
printf 'ref,ent,since\nc2,e1,2017-09-05\n' > sep.csv
check "a row in September, not approved, goes in" $KFQ --db z.db ledger import certs sep.csv
check "its figure" $KFQ --db z.db show n_cert --unit z --period 2017-09 --format csv
has out.txt "z,n_cert,2017-09,家,1," "counts it"
# and nor by hand: a ledger row added, a ledger redefined, a case's step
check_exit 1 "a ledger row added by hand in August is refused" $KFQ --db z.db ledger add certs ref=c3 ent=e2 since=2017-08-20
has err.txt "ledger certs: figure n_cert of e2 2017-08 would change from none to 1: e2 2017-08 is locked" "naming the ledger, the figure and the lock"
check "one added in September goes in" $KFQ --db z.db ledger add certs ref=c3 ent=e2 since=2017-09-20
sed 's/^figure n_cert count date=since measure=家$/figure n_cert count date=since measure=家\nfigure n_all count date=since measure=家/' certs.ledger > certs2.ledger
check "a new figure counting September's rows is defined" $KFQ --db z.db ledger define certs2.ledger
# the campaign's figures (of the top unit, z): a problem raised in July,
# resolved in August
check "a problem raised in July" $KFQ --db z.db case add P1 --raised 2017-07-10 --category labour \
	--description 缺工 --enterprise e1 --channel hotline
check "assigned and accepted" sh -c "$KFQ --db z.db case assign P1 --dept 人社局 --date 2017-08-10 &&
	$KFQ --db z.db case accept P1 --date 2017-08-11"
check_exit 1 "resolving it in the approved August is refused" $KFQ --db z.db case resolve P1 --date 2017-08-15 --note 已招工
has err.txt "case \"P1\": figure cases_resolved of z 2017-08 would change from none to 1: z 2017-08 is locked" \
	"naming the case, the figure, the month and the lock"
check "resolved in September it goes in" $KFQ --db z.db case resolve P1 --date 2017-09-02 --note 已招工
check "September's figure" $KFQ --db z.db show cases_resolved --unit z --period 2017-09 --format csv
has out.txt "z,cases_resolved,2017-09,件,1," "counts it"
