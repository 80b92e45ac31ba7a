# t0160-assess: kfq assess on the demo: the province ranks its 22 zones
# (Danyang 2nd in 2017, up from 4th; the zone with a major accident last; a
# zone in the last two two years running), the zone rates its enterprises
# per mu (classes A-D by share, T with reasons), why a rank, the Monte Carlo
# sensitivity, every format, a stored run shown again after the data
# changed, and bad schemes named by line.
S=$DATA/../../docs/examples/schemes
Z17=$S/jiangsu-zones-2017.scheme
Z16=$S/jiangsu-zones-2016.scheme
MU=$S/danyang-per-mu-2017.scheme
demo_copy

# the demo stored its runs with the scheme files' texts
equal "$(sqlite3 demo.db "SELECT group_concat(scheme || ' ' || version || ' ' || period, '; ') FROM as_run")" \
	"jiangsu_zones 2016.1 2016; jiangsu_zones 2017.1 2017; danyang_per_mu 2017.1 2017" "three runs stored"
for f in jiangsu-zones-2016:1 jiangsu-zones-2017:2 danyang-per-mu-2017:3; do
	# sqlite3 prints the text and a newline of its own
	sqlite3 demo.db "SELECT scheme_text FROM as_run WHERE id = ${f#*:}" > stored.txt
	{ cat "$S/${f%:*}.scheme"; echo; } > want.txt
	same stored.txt want.txt "run ${f#*:} holds the text of ${f%:*}.scheme"
done
n=$(sqlite3 demo.db "SELECT count(*) FROM unit WHERE kind = 'zone' AND parent_id = (SELECT id FROM unit WHERE code = 'jiangsu')")
[ "$n" -ge 21 ] && ok "the province has $n zones besides Danyang" || bad "only $n zones in the province"
equal "$(sqlite3 demo.db "SELECT parent_id IS NULL FROM unit WHERE code = 'danyang'")" 1 "danyang stays a top-level unit"
check "the bulletin still finds the zone without --unit" $KFQ --db demo.db bulletin --period 2017
has out.txt "丹阳经济开发区" "and it is Danyang's"

# --- the provincial ranking ---
check "show the 2017 ranking" $KFQ --db demo.db assess show $Z17 --period 2017 --format csv
equal "$(grep -c '^[0-9]' out.txt)" 22 "22 zones ranked"
equal "$(csv_field out.txt danyang, rank)" 2 "Danyang ranks 2nd in 2017"
equal "$(csv_field out.txt danyang, change)" "+2" "up 2 from 2016"
equal "$(csv_field out.txt jiangyin, rank)" 1 "江阴 ranks 1st"
tail -1 out.txt > last.txt
has last.txt "xinyi,新沂经济开发区" "the zone with a major accident is listed last"
equal "$(csv_field out.txt xinyi, rank)" 22 "and ranked 22nd"
equal "$(csv_field out.txt xinyi, reason)" "重大安全生产事故" "with the reason"
s=$(csv_field out.txt xinyi, score); s2=$(csv_field out.txt guanyun, score)
awk -v a="$s" -v b="$s2" 'BEGIN { exit !(a > b) }' && ok "whatever its score ($s, above 灌云's $s2)" || bad "xinyi $s, guanyun $s2"
# regional weights: each zone's region (its unit group in 2017) is shown
equal "$(csv_field out.txt danyang, region)" sunan "Danyang is rated as a 苏南 zone"
equal "$(csv_field out.txt pizhou, region)" subei "邳州 as a 苏北 zone"
equal "$(csv_field out.txt haimen, region)" suzhong "海门 as a 苏中 zone"
check "a 苏北 zone's weights" $KFQ --db demo.db assess show $Z17 --period 2017 --entity pizhou
has out.txt "region subei: rated with its regional weights (line 22)" "names its region and the weights statement"
# subei: economy 25 × gdp_growth 40 = 10%; openness 20 × fdi 40 = 8%; innovation 10 × rd 40 = 4%
grep -q "^gdp_growth .* 10\.00 " out.txt && ok "GDP growth weighs 10% (25 × 40) in 苏北" || bad "gdp_growth weight: $(grep ^gdp_growth out.txt)"
grep -q "^fdi .* 8\.00 " out.txt && ok "FDI weighs 8% (20 × 40)" || bad "fdi weight: $(grep ^fdi out.txt)"
check "a 苏北 zone's weights as csv" $KFQ --db demo.db assess show $Z17 --period 2017 --entity pizhou --format csv
equal "$(csv_field out.txt rd_intensity, weight)" "4.00" "R&D intensity 4% (10 × 40)"
check "a 苏中 zone's weights as csv" $KFQ --db demo.db assess show $Z17 --period 2017 --entity haimen --format csv
equal "$(csv_field out.txt gdp_growth, weight)" "6.00" "苏中 keeps the base weights: GDP growth 6% (20 × 30)"
check "the 2016 scheme has no regions" $KFQ --db demo.db assess show $Z16 --period 2016 --format csv
hasnt out.txt "region" "and no region column"
check "the 2016 ranking" $KFQ --db demo.db assess show $Z16 --period 2016 --format csv
equal "$(csv_field out.txt danyang, rank)" 4 "Danyang was 4th in 2016"
equal "$(csv_field out.txt danyang, change)" "" "no change shown without a 2015 run"
check "the table" $KFQ --db demo.db assess show $Z17 --period 2017
has out.txt "stored run 2 of" "the table names the stored run"
has out.txt "today's inputs are the stored run's" "and says the inputs are unchanged"
has out.txt "经济发展" "pillar scores have their names"
has out.txt "rules breached" "a rules section"
grep "灌云经济开发区  21" out.txt | grep -q "连续两年排名末两位" && ok "灌云, in the last two in 2016 and 2017, breaches the rule" || bad "no breach for 灌云"
equal "$(sed -n '/^rules breached/,$p' out.txt | grep -c 经济开发区)" 1 "and only 灌云"

# --- why this rank ---
check "explain Danyang" $KFQ --db demo.db assess show $Z17 --period 2017 --entity danyang --explain
has out.txt "丹阳经济开发区 ranks 2 of 22" "the English sentence"
hasnt out.txt "丹阳经济开发区在22个" "not the Chinese sentence too (the table speaks the user's language)"
has out.txt "strongest 每万人专利授权量" "its strongest indicator: patents per 10 000 people"
has out.txt "(4 in 2016: +2)" "the change on 2016"
has out.txt "leader: 江阴经济开发区" "beside the leader"
KFQ_LANG=zh check "explain Danyang in Chinese" $KFQ --db demo.db assess show $Z17 --period 2017 --entity danyang --explain
has out.txt "丹阳经济开发区在22个参评对象中排名第2" "the Chinese sentence"
hasnt out.txt "ranks 2 of 22" "not the English"
has out.txt "得分 73.46，第 2 名（共 22 个）" "the score and rank in Chinese"
has out.txt "第一名：江阴经济开发区" "beside the leader"
KFQ_LANG=zh check "the table in Chinese" $KFQ --db demo.db assess show $Z17 --period 2017
has out.txt "已保存的第 2 次评价" "names the stored run in Chinese"
has out.txt "违反的规则" "the rules section in Chinese"
check "one entity as csv" $KFQ --db demo.db assess show $Z17 --period 2017 --entity danyang --format csv
equal "$(grep -c . out.txt)" 21 "20 indicators and a header"
equal "$(csv_field out.txt patents_per_10k, mark)" strong "patents marked strong"
# (339.96 - 312.18) / 312.18 * 100 = 8.898712... exactly: 8.8987 at 4 places (the
# bulletin's 8.9 at one); rounding (g - p) / p to 4 places first gave 8.9000
equal "$(csv_field out.txt gdp_growth, raw)" 8.8987 "GDP growth 8.8987%, computed exactly (the bulletin's 8.9)"
sum=$(awk -F, 'NR > 1 { s += $6 * 100 } END { printf "%d", s + 0.5 }' out.txt)
$KFQ --db demo.db assess show $Z17 --period 2017 --format csv > rank.csv
score=$(csv_field rank.csv danyang score | tr -d .)
equal "$sum" "$score" "the published contributions add up to the published score ($score) exactly"
check_exit 1 "an entity that is not rated" $KFQ --db demo.db assess show $Z17 --period 2017 --entity ent0001
has err.txt "--entity \"ent0001\": not among the 22 entities rated" "is named"
check "every ranked zone's sentence" $KFQ --db demo.db assess show $Z17 --period 2017 --explain --format csv
equal "$(grep -c 'ranks [0-9]* of 22' out.txt)" 22 "22 sentences"

# --- the per-mu rating ---
check "classes" $KFQ --db demo.db assess classes $MU --period 2017 --format csv
# 413 rated: A r ≤ 20%·413 = 82.6 → 82; B to 60% (247.8 → 247): 165; C to 95%
# (392.35 → 392): 145; D 21
equal "$(csv_field out.txt A, count)" 82 "82 in class A (the top 20% of 413)"
equal "$(csv_field out.txt B, count)" 165 "165 in class B"
equal "$(csv_field out.txt C, count)" 145 "145 in class C"
equal "$(csv_field out.txt D, count)" 21 "21 in class D"
equal "$(csv_field out.txt T, count)" 7 "7 not rated (T)"
check "classes as a table" $KFQ --db demo.db assess classes $MU --period 2017
has out.txt "900 units of kind enterprise with no value in 2017 left out" "firms without figures are left out, and counted"
has out.txt "丹阳开发区热电有限公司    公用事业（电力、热力）" "a utility is T"
equal "$(grep -c '投产不满两年' out.txt)" 4 "four firms younger than two years are T"
check "a firm's rating" $KFQ --db demo.db assess show $MU --period 2017 --entity ent0001 --format csv
has out.txt "tax_per_mu" "per-mu indicators"
check_exit 1 "classes of a scheme without classes" $KFQ --db demo.db assess classes $Z17 --period 2017
has err.txt "has no classes statement" "is refused"

# --- sensitivity ---
check "sensitivity" $KFQ --db demo.db assess sensitivity $Z17 --period 2017 --runs 300 --seed 7 --format csv
cp out.txt s1.csv
$KFQ --db demo.db assess sensitivity $Z17 --period 2017 --runs 300 --seed 7 --format csv > s2.csv
same s1.csv s2.csv "the same seed gives the same output"
$KFQ --db demo.db assess sensitivity $Z17 --period 2017 --runs 300 --seed 8 --format csv > s3.csv
cmp -s s1.csv s3.csv && bad "another seed gives the same output" || ok "another seed, other draws"
equal "$(csv_field s1.csv danyang, median)" 2 "Danyang's median rank is 2"
check "sensitivity table" $KFQ --db demo.db assess sensitivity $Z17 --period 2017 --runs 300
has out.txt "Monte Carlo: 300 runs, seed 1" "says runs and seed"
has out.txt "cannot be told apart" "lists the neighbours it cannot tell apart"

# --- formats ---
check "json" $KFQ --db demo.db assess show $Z17 --period 2017 --format json
has out.txt '"code": "danyang"' "json has the codes"
has out.txt '"rank": 2' "and numbers as numbers"
check "xlsx" $KFQ --db demo.db assess show $Z17 --period 2017 --format xlsx --output r.xlsx
[ -s r.xlsx ] && ok "xlsx written" || bad "no xlsx"
check_exit 1 "xlsx without --output" $KFQ --db demo.db assess show $Z17 --period 2017 --format xlsx
has err.txt "needs --output" "says so"
check_exit 1 "an unknown format" $KFQ --db demo.db assess show $Z17 --period 2017 --format xml
check_exit 1 "no period" $KFQ --db demo.db assess show $Z17
has err.txt "--period is required" "says so"
check_exit 1 "an option of another subcommand" $KFQ --db demo.db assess run $Z17 --period 2017 --seed 3
has err.txt "--seed does not apply" "is refused"
check "help" $KFQ assess --help
has out.txt "sensitivity SCHEME --period P" "help lists the subcommands"

# --- a stored run after the data changed ---
cp demo.db d2.db
cat > fix.csv <<EOF
unit,indicator,period,value
wujin,mgmt_score,2017-12,99.9
EOF
check "a correction after publication" $KFQ --db d2.db import data fix.csv
check "show the stored run" $KFQ --db d2.db assess show $Z17 --period 2017
has out.txt "today's inputs differ from the stored run's in 1 value" "says the inputs changed"
$KFQ --db d2.db assess show $Z17 --period 2017 --format csv > a.csv
$KFQ --db demo.db assess show $Z17 --period 2017 --format csv > b.csv
same a.csv b.csv "the published ranking is shown as stored"
check "rate again" $KFQ --db d2.db assess run $Z17 --period 2017 --format csv
equal "$(sqlite3 d2.db "SELECT count(*) FROM as_run WHERE scheme = 'jiangsu_zones' AND period = 2017")" 2 "a second run stored"
check "the new run is shown" $KFQ --db d2.db assess show $Z17 --period 2017
has out.txt "today's inputs are the stored run's" "now the same as today's"
check "the first run by number" $KFQ --db d2.db assess show $Z17 --period 2017 --run 2 --format csv
same out.txt b.csv "--run 2 shows the published run"
check_exit 1 "a run of another scheme" $KFQ --db d2.db assess show $Z17 --period 2017 --run 3
has err.txt "run 3 rated danyang_per_mu for 2017" "is refused"
check "without a stored run: today's figures" $KFQ --db d2.db assess show $MU --period 2016
has out.txt "today's figures, not stored" "says so"

# --- bad schemes ---
sed 's/^indicator tax_per_mu name="亩均税收" weight=40/indicator tax_per_mu name="亩均税收" weight=45/' $MU > w.scheme
check_exit 1 "weights that do not add up" $KFQ --db demo.db assess run w.scheme --period 2017
has err.txt "w.scheme:" "the error names the file"
has err.txt "105" "and the sum"
sed 's/source=tax_paid/source=tax_payd/' $MU > u.scheme
line=$(grep -n tax_payd u.scheme | cut -d: -f1)
check_exit 1 "an unknown indicator" $KFQ --db demo.db assess run u.scheme --period 2017
has err.txt "u.scheme:$line: indicator tax_per_mu: source \"tax_payd\": no such indicator" "names the line and the source"
sed 's/source=emissions per=ind_value_added/source=emissions per=ind_value_addd/' $MU > p.scheme
check_exit 1 "an unknown divisor" $KFQ --db demo.db assess run p.scheme --period 2017
has err.txt "per \"ind_value_addd\"" "names the divisor"
printf 'scheme c\nversion 1\nentities kind=zone\npillar a weight=100 parent=b\npillar b weight=100 parent=a\nindicator x parent=a weight=100 source=gdp dir=higher norm=minmax\n' > c.scheme
check_exit 1 "a cycle" $KFQ --db demo.db assess run c.scheme --period 2017
has err.txt "c.scheme:" "names the file"
printf 'scheme e\nversion 1\nentities kind=zone under=jiangsu\nindicator x weight=100 source=gdp dir=higher norm=minmax\nindicator y weight=0 source=gdp dir=higher norm=minmax\n' > z.scheme
check_exit 1 "a zero weight" $KFQ --db demo.db assess run z.scheme --period 2017
has err.txt "z.scheme:5" "names the line"
printf 'scheme e\nversion 1\nentities kind=zone under=jiangsu\n\nindicator x weight=100 source="gdp / gdp" dir=higher norm=minmax\n' > q.scheme
sqlite3 demo.db "SELECT count(*) FROM as_run" > before.txt
check_exit 1 "a normalisation dividing by zero" $KFQ --db demo.db assess run q.scheme --period 2017
has err.txt "q.scheme:5" "names the line"
has err.txt "every entity has the value 1" "and says why"
sqlite3 demo.db "SELECT count(*) FROM as_run" > after.txt
same before.txt after.txt "nothing stored"
sed 's/^weights region=subei economy=25/weights region=subei economy=30/' $Z17 > r.scheme
line=$(grep -n '^weights region=subei' r.scheme | cut -d: -f1)
check_exit 1 "regional weights that do not add up" $KFQ --db demo.db assess run r.scheme --period 2017
has err.txt "r.scheme:$line: region subei: the weights of the top-level pillars and indicators sum to 105" "names the line, the region and the sum"
sed 's/^weights region=subei/weights region=beijing/' $Z17 > r2.scheme
check_exit 1 "a region not in the regions statement" $KFQ --db demo.db assess run r2.scheme --period 2017
has err.txt "r2.scheme:$line: weights: region \"beijing\": not in the regions statement" "is named with its line"
check_exit 1 "a missing scheme file" $KFQ --db demo.db assess show nowhere.scheme --period 2017
has err.txt "nowhere.scheme" "names it"

# --- what cannot be said ---
check "the 2016 ranking as a table" $KFQ --db demo.db assess show $Z16 --period 2016
has out.txt "the rule of line 15, 2 years, is not checked: no stored run of 2015" "a rule without the years it needs is said to be unchecked"
check "a firm that is not rated" $KFQ --db demo.db assess show $MU --period 2017 --entity ent0147 --explain
has out.txt "score -, not ranked, class T; 投产不满两年" "is shown as not ranked, with its reason"
has out.txt "is not ranked (class T): 投产不满两年" "and explained"

# a scheme saved with a BOM (Notepad) reads as without; bytes that are not
# UTF-8 are refused, naming the line (issue 13, item 10)
{ printf '\357\273\277'; cat "$Z17"; } > bom.scheme
check "a scheme with a UTF-8 BOM" $KFQ --db demo.db assess show bom.scheme --period 2017
$KFQ --db demo.db assess show "$Z17" --period 2017 > plain.txt 2>&1
sed 's/^.*排名（/排名（/' out.txt | head -1 > a.txt; sed 's/^.*排名（/排名（/' plain.txt | head -1 > b.txt
same a.txt b.txt "ranks as the same scheme"
sed '3s/$/ \xff/' "$Z17" > bad8.scheme
check_exit 1 "a scheme with a byte that is not UTF-8" $KFQ --db demo.db assess show bad8.scheme --period 2017
has err.txt "bad8.scheme:3: byte " "is refused naming the line"
has err.txt "is not UTF-8" "and why"
