# t0210-finance-cli: the finance platform from the command line: the
# example files of docs/examples imported in order (and again, changing
# nothing), kfq finance fund|loans|meetings|network|exposure|warn on them,
# the leverage limit refused with the headroom named, a self-guarantee and
# other bad rows named by file, line and column with nothing written, the
# same files as GB18030, with a BOM and CRLF, every kind exported (CSV and
# XLSX) and imported into a fresh database unchanged, history, and the
# demo's fund: risk_fund = 1000 万元 for danyang in 2017.
export KFQ_TODAY=2017-12-31
EX=$DATA/../../docs/examples
KINDS="funds fund-moves fund-loans fund-events bank-meetings financing-needs credit-actions guarantees interventions"
$KFQ --db t.db init >/dev/null
$KFQ --db t.db import units $EX/units.csv >/dev/null
for k in $KINDS; do check "import $k" $KFQ --db t.db import $k $EX/$k.csv; done
dump t.db before.sql
for k in $KINDS; do
	check "import $k again" $KFQ --db t.db import $k $EX/$k.csv
	has out.txt "0 added, 0 changed" "$k again: nothing added or changed"
done
dump t.db after.sql
grep -v import_log before.sql > b.sql; grep -v import_log after.sql > a.sql
same b.sql a.sql "importing the examples again leaves the database as it was"

# the fund: 1000 万元, leverage 10; swd003 defaulted (50.0001 万元 at 40/40/20)
check "finance fund" $KFQ --db t.db finance fund --format csv
has out.txt "rcf,风险补偿基金,zone,农业银行,10,40,40,20,1000," "the fund with its leverage and shares"
equal "$(csv_field out.txt rcf 'outstanding(万元)')" 300 "outstanding at the year's end: swd001 (swd002 repaid, swd003 defaulted)"
equal "$(csv_field out.txt rcf 'paid_fund(万元)')" 20.00004 "the fund's part of the default: 40% of 50.0001"
equal "$(csv_field out.txt rcf 'paid_insurer(万元)')" 10.00002 "the insurer's: 20%"
equal "$(csv_field out.txt rcf 'balance(万元)')" 983.99996 "balance: 1000 − 20.00004 + 4 (40% of the 10 recovered)"
check "finance fund as a table" $KFQ --db t.db finance fund
has out.txt "放大倍数使用率(%)" "the table names the leverage used"
has out.txt "风险补偿基金（截至 2017-12-31）" "and the day"
check "finance fund on 2017-06-01" $KFQ --db t.db finance fund --date 2017-06-01 --format csv
equal "$(csv_field out.txt rcf 'outstanding(万元)')" 650 "outstanding on June 1st: all three"
check "finance loans" $KFQ --db t.db finance loans --format csv
has out.txt "swd003,rcf,农业银行,e3,丙公司,苏微贷,150,2017-05-20,2018-05-19,,defaulted,2017-11-30,50.0001,20.00004,20.00004,10.00002,10" "a defaulted loan with its split and recovery"
has out.txt "swd002,rcf,农业银行,e2,乙公司,苏微贷,200,2017-04-15,2018-04-14,2017-12-20,repaid" "a repaid loan"
check "finance loans --date 2017-04-01" $KFQ --db t.db finance loans --date 2017-04-01
has out.txt "未发放" "a loan not yet granted that day"
check_exit 1 "an unknown fund" $KFQ --db t.db finance loans --fund nope
has err.txt 'finance loans: --fund: unknown fund "nope"' "is named"

# figures through the core
check "show risk_fund" $KFQ --db t.db show risk_fund --unit zone --period 2017 --format csv
has out.txt "zone,risk_fund,2017,万元,1000," "risk_fund = 1000 万元"
check "show fund_compensation" $KFQ --db t.db show fund_compensation --unit zone --period 2017 --format csv
has out.txt "zone,fund_compensation,2017,万元,20.00," "the compensation paid in 2017"
check "show bank_meetings" $KFQ --db t.db show bank_meetings --unit zone --period 2017 --format csv
has out.txt "zone,bank_meetings,2017,场,2," "two meetings in the zone: its own and p1's"
check "show bank_meetings by park" $KFQ --db t.db show bank_meetings --unit zone --period 2017 --by children --format csv
has out.txt "p1,bank_meetings,2017,场,1," "one in p1"

# meetings, the network, exposure, warnings
check "finance meetings" $KFQ --db t.db finance meetings
has out.txt "按银行（基金）" "sums per bank"
has out.txt "高新创投" "a venture fund's follow-on investment"
check "finance meetings --period 2017-09" $KFQ --db t.db finance meetings --period 2017-09 --format csv
equal "$(grep -c '^bm' out.txt)" 1 "one meeting in September"
check "finance network" $KFQ --db t.db finance network
# a day before any record: no firm (a hostile trial: memcpy from NULL, the
# sanitizer's server died)
check "finance network before any record" $KFQ --db t.db finance network --date 2000-01-01
check "finance warn before any record" $KFQ --db t.db finance warn --date 2000-01-01
check "finance network" $KFQ --db t.db finance network
has out.txt "e1 甲公司、e2 乙公司、e3 丙公司" "the circle"
has out.txt "e4 → 〔e1 ⇄ e2 ⇄ e3〕" "the chain into it"
check "finance exposure e4" $KFQ --db t.db finance exposure e4 --format csv
has out.txt "e3,丙公司,guaranteed,,1" "e4 guarantees e3"
has out.txt "e1,甲公司,guaranteed,,2" "and through it e1"
check_exit 1 "exposure of a firm in no guarantee" $KFQ --db t.db finance exposure zone
has err.txt '"zone" is in no guarantee' "is refused"
check "finance warn" $KFQ --db t.db finance warn --format csv
has out.txt "e3,丙公司,300,200,2017-08-01,yes,3,3," "e3 cut and called, in the circle"
has out.txt ",yes" "and helped"

# the leverage limit: 1000 万元 × 10 = 10000; on 2017-09-01 swd001 (300),
# swd002 (200) and swd003 (150) are out: 9350 万元 of headroom
printf 'code,fund,bank,enterprise,product,amount(万元),granted,due,repaid\nswd009,rcf,农业银行,e4,苏微贷,9350.000001,2017-09-01,2018-08-31,\n' > over.csv
dump t.db before.sql
check_exit 1 "a loan one fen over the limit" $KFQ --db t.db import fund-loans over.csv
has err.txt 'over.csv:2: column "amount": loan "swd009": on 2017-09-01 fund "rcf" would have 10000.000001 万元 of loans outstanding' "names the day and the amount"
has err.txt "the headroom left is 9350 万元" "and the headroom"
KFQ_LANG=zh check_exit 1 "in Chinese" $KFQ --db t.db import fund-loans over.csv
has err.txt "可用额度为 9350 万元" "the headroom in Chinese"
printf 'code,fund,bank,enterprise,product,amount(万元),granted,due,repaid\nswd009,rcf,农业银行,e4,苏微贷,9350,2017-09-01,2018-08-31,\n' > at.csv
check "a loan exactly at the limit" $KFQ --db t.db import fund-loans at.csv
$KFQ --db t.db import fund-loans over.csv > /dev/null 2>&1
# bad rows
printf 'code,guarantor,borrower,bank,amount(万元)\ng9,e2,e2,,100\n' > self.csv
check_exit 1 "a self-guarantee" $KFQ --db t.db import guarantees self.csv
has err.txt 'self.csv:2: column "borrower": "e2" cannot guarantee itself' "is named"
printf 'code,name,unit,bank,leverage,share_fund,share_bank,share_insurer\nf2,基金,zone,银行,10,40,40,30\n' > shares.csv
check_exit 1 "shares adding up to 110%" $KFQ --db t.db import funds shares.csv
has err.txt 'shares.csv:2: column "share_insurer": the shares of fund, bank and insurer add up to 110%, not 100%' "is named"
printf 'loan,date,kind,amount(万元)\nswd001,2017-06-01,default,1.000001\n' > fen.csv
check "a default of an odd fen" $KFQ --db t.db import fund-events fen.csv
printf 'loan,date,kind,amount(万元)\nswd001,2017-06-02,recover,0.0000001\n' > part.csv
check_exit 1 "an amount with part of a fen" $KFQ --db t.db import fund-events part.csv
has err.txt 'part.csv:2: column "amount"' "is named"

# history: every change
check "history of the loans" $KFQ --db t.db history --format csv
has out.txt "fund-loan" "loans are in the history"
has out.txt "swd009" "with the new loan"

# the same files as GB18030, with a BOM, with CRLF, into a fresh database
$KFQ --db e.db init >/dev/null
$KFQ --db e.db import units $EX/units.csv >/dev/null
for k in $KINDS; do
	case $k in
	funds|fund-loans|bank-meetings) iconv -f UTF-8 -t GB18030 $EX/$k.csv > $k.csv ;;
	fund-moves|financing-needs|guarantees) { printf '\357\273\277'; cat $EX/$k.csv; } > $k.csv ;;
	*) sed 's/$/\r/' $EX/$k.csv > $k.csv ;;
	esac
	check "import $k (GB18030, BOM or CRLF)" $KFQ --db e.db import $k $k.csv
done
for k in $KINDS; do
	$KFQ --db t.db export $k > t-$k.csv 2>/dev/null
	$KFQ --db e.db export $k > e-$k.csv 2>/dev/null
done
$KFQ --db t.db export fund-loans > t-fund-loans.csv
grep -v swd009 t-fund-loans.csv > t2.csv
same t2.csv e-fund-loans.csv "the loans read from GB18030 are the same"
same t-guarantees.csv e-guarantees.csv "the guarantees read with a BOM are the same"
same t-interventions.csv e-interventions.csv "the interventions read with CRLF are the same"

# export, then import into a fresh database: the same again (CSV and XLSX)
$KFQ --db r.db init >/dev/null
$KFQ --db r.db import units $EX/units.csv >/dev/null
$KFQ --db x.db init >/dev/null
$KFQ --db x.db import units $EX/units.csv >/dev/null
for k in $KINDS; do
	check "export $k" $KFQ --db t.db export $k --output r-$k.csv
	check "import $k exported" $KFQ --db r.db import $k r-$k.csv
	check "export $k as XLSX" $KFQ --db t.db export $k --format xlsx --output x-$k.xlsx
	check "import $k from XLSX" $KFQ --db x.db import $k x-$k.xlsx
done
for k in $KINDS; do
	$KFQ --db r.db export $k > r2-$k.csv
	$KFQ --db x.db export $k > x2-$k.csv
	same r-$k.csv r2-$k.csv "$k: exported, imported, exported: the same"
	same r-$k.csv x2-$k.csv "$k: through XLSX the same"
done

# the demo's fund
demo_copy
check "the demo's risk_fund" $KFQ --db demo.db show risk_fund --unit danyang --period 2017
has out.txt "丹阳经济开发区  风险补偿基金  2017  万元      1000  1000" "risk_fund = 1000 万元 for danyang in 2017"
check "the demo's fund" $KFQ --db demo.db finance fund --format csv
has out.txt "rcf,丹阳开发区风险补偿基金,danyang,农业银行,10,40,40,20,1000," "with the Agricultural Bank"
check "the demo's loans" $KFQ --db demo.db finance loans --format csv
has out.txt ",农业银行,ent0005," "苏微贷 loans with the Agricultural Bank"
has out.txt ",defaulted," "one defaulted"
check "the demo's network" $KFQ --db demo.db finance network --format csv
has out.txt "ent0104 → 〔ent0101 ⇄ ent0102 ⇄ ent0103〕 → ent0105" "one circle with a chain through it"
check "the demo's warnings" $KFQ --db demo.db finance warn --format csv
has out.txt "ent0103," "the firm at risk"
has out.txt "过桥资金" "that the zone helped with a bridging loan"
check "the demo's meetings" $KFQ --db demo.db finance meetings --format csv
equal "$(grep -c '^bm2017' out.txt)" 8 "eight meetings"
