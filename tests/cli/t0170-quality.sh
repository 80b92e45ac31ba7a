# t0170-quality: data quality (docs/quality.md) as a user meets it: the
# demo's rules are docs/examples/demo-rules.csv and its data passes them;
# the planted errors (元 for 万元, a falling year to date, a hundredfold
# jump, value added and taxable sales moving apart) are refused by rule and
# line, nothing changing, with --dry-run too;
# a file with only warnings goes in and leaves open findings, which close
# when the value is corrected, or when confirmed with a note; a finding
# explained (the rule, every value read, the peers or months compared
# with); a bad rules file is refused by line; kfq validate on stored data.
top=$(cd "$DATA/../.." && pwd)
demo_copy

# the demo's rules are the documented file
check "export the demo's rules" $KFQ --db demo.db export rules --output rules.csv
sort rules.csv > a.txt; sort "$top/docs/examples/demo-rules.csv" > b.txt
same a.txt b.txt "the demo's rules are docs/examples/demo-rules.csv"
check "validate the demo" $KFQ --db demo.db validate
has out.txt "8 rules, " "eight rules run"
has out.txt " 0 failed (0 errors, 0 warnings)" "the demo's data passes them"
n=$(sed -n 's/.* \([0-9]*\) checks in .*/\1/p' out.txt)
[ "${n:-0}" -gt 30000 ] && ok "every enterprise's month checked ($n checks)" || bad "only '$n' checks"

# the planted errors, refused whole
dump demo.db before.sql
P=$top/docs/examples/planted-errors.csv
for dry in "" --dry-run; do
	check_exit 1 "the planted errors are refused ${dry:-(a real import)}" \
		$KFQ --db demo.db import data "$P" $dry
	has err.txt "planted-errors.csv:2: rule sales_magnitude: ent0001 2017-12: " "元 for 万元 named by line and rule"
	has err.txt "16311.24 times the median: a value in 元 for 万元, or the reverse?" "with how far off"
	has err.txt "planted-errors.csv:3: rule ytd_never_falls: ent0002 2017-11: " "the falling year to date"
	has err.txt "ytd(taxable_sales) = 0.4500 亿元, expected >= ytd(prev(taxable_sales)) = 0.5194 亿元 (below by 0.0694 亿元)" \
		"with both values"
	has err.txt "planted-errors.csv:4: warning: rule sales_vs_last_year: ent0003 2017-12: " "the hundredfold jump"
	has err.txt "(78.62 times prior(taxable_sales))" "78.62 times December 2016"
	has err.txt "planted-errors.csv:4: warning: rule sales_outlier: ent0003 2017-12: " "and an outlier"
	has err.txt "planted-errors.csv:4: warning: rule sales_growth_peer: ent0003 2017-12: " "and against its park's enterprises"
	has err.txt "of 147 peers (the enterprises under eyewear_town); k = 10) (842.7 robust deviations from the peers' median)" \
		"the peers counted, the park named, how far off"
	has err.txt "planted-errors.csv:5: warning: rule va_sales_apart: ent0004 2017-12: " "value added and taxable sales moving apart"
	has err.txt "ind_value_added / taxable_sales = 0.1084, expected 0.2995 to 0.6738 (within a factor of 1.5 of 0.4492, the median ratio of the 12 months before) (0.24 times its usual ratio: the two sources move apart)" \
		"with the ratio, its usual range and how far off"
	has err.txt "planted-errors.csv: 3 problems in 4 rows; nothing was imported" "nothing imported"
done
dump demo.db after.sql
same before.sql after.sql "the refused imports changed nothing"
check_exit 1 "in Chinese" $KFQ --lang zh --db demo.db import data "$P" --dry-run
has err.txt "planted-errors.csv:3: 规则 ytd_never_falls：ent0002 2017-11：" "规则 and the unit in Chinese"
has err.txt "应为 ≥ ytd(prev(taxable_sales)) = 0.5194 亿元（低 0.0694 亿元）" "应为 …, 低 …"

# warnings only: the hundredfold jump goes in, kept as open findings
sed -n '1p;4p' "$P" > jump.csv
check "a file with warnings only is imported" $KFQ --db demo.db import data jump.csv
has out.txt "4 warnings of the validation rules, kept as open findings" "the warnings counted"
has err.txt "jump.csv:2: warning: rule sales_outlier: ent0003 2017-12" "and named"
check "findings list" $KFQ --db demo.db findings list --format csv
equal "$(grep -c ',open,' out.txt)" 4 "four open findings"
has out.txt "sales_vs_last_year,warning,ent0003," "the jump against last year"
cp out.txt findings.csv
id=$(awk -F, '$2 == "sales_outlier" { print $1 }' out.txt)
check "findings show" $KFQ --db demo.db findings show "$id"
has out.txt "偏离中位数 886.1 个稳健标准差" "what it compared and how far off"
has out.txt "（此前 12 个月的中位数 0.0517 亿元，MAD 0.0057 亿元；k = 15）" "the expected range from the history"
check "findings explain" $KFQ --lang en --db demo.db findings explain "$id"
grep -q "^history  *2017-11  *0.0693 亿元$" out.txt && ok "a table for people" || bad "no history row for 2017-11 in: $(head -8 out.txt)"
check "findings explain as CSV" $KFQ --db demo.db findings explain "$id" --format csv
has out.txt "sales_outlier,warning,taxable_sales,outlier,,enterprise,,,,history=months n=12 k=15," "the rule as written in the file"
has out.txt "operand,taxable_sales (ent0003 2017-12),7.5400 亿元" "the operand with its value"
equal "$(grep -c '^history,' out.txt)" 12 "the twelve months of history"
has out.txt "history,2017-11,0.0693 亿元" "each with its value"
has out.txt "verdict,fails,886.1 robust deviations from the median" "and the verdict"
pid=$(awk -F, '$2 == "sales_growth_peer" { print $1 }' findings.csv)
check "a peer finding explained" $KFQ --db demo.db findings explain "$pid" --format csv
equal "$(grep -c '^同类单位,\|^peer,' out.txt)" 147 "the 147 peers listed"
has out.txt "peer,ent0004 镇江达欣眼镜有限公司,1.1739" "each with its growth"
hasnt out.txt "peer,ent0003 " "the unit itself is not its own peer"
check "explained as JSON" $KFQ --db demo.db findings explain "$pid" --format json
has out.txt '"part": "verdict"' "the verdict in JSON"
rid=$(awk -F, '$2 == "va_sales_apart" { print $1 }' findings.csv)
check "a two-source finding explained" $KFQ --db demo.db findings explain "$rid" --format csv
has out.txt "left,ind_value_added,0.0339 亿元" "value added, from the enterprise's report"
has out.txt "right,taxable_sales,7.5400 亿元" "taxable sales, from the tax bureau"
has out.txt "ratio,ind_value_added / taxable_sales,0.0045" "their ratio"
equal "$(grep -c "^history," out.txt)" 12 "the ratio of each of the 12 months before"
check_exit 1 "an unknown finding" $KFQ --db demo.db findings explain 99999
has err.txt "no finding 99999" "named"
check_exit 1 "closing needs a note" $KFQ --db demo.db findings close "$id"
has err.txt "--note" "the option named"
check "confirmed with a note" $KFQ --db demo.db findings close "$id" --note "经核实：12月一次性大单"
check_exit 1 "not twice" $KFQ --db demo.db findings close "$id" --note again
has err.txt "is already closed (confirmed by" "says who closed it"
check "the confirmation is in history" $KFQ --db demo.db history --unit ent0003 --format csv
has out.txt "经核实：12月一次性大单" "with its reason"
check "validate again" $KFQ --db demo.db validate --period 2017-12 --unit ent0003
has out.txt "3 still open, 1 confirmed before" "the confirmed one is not opened again"
# corrected: the open finding closes by itself
printf 'unit,indicator,period,value(万元)\nent0003,taxable_sales,2017-12,754\n' > fix.csv
check "the corrected value" $KFQ --db demo.db import data fix.csv
check "findings list --status all" $KFQ --db demo.db findings list --status all --format csv
equal "$(grep -c ',open,' out.txt)" 0 "no finding left open"
check "validate a month of the demo" $KFQ --db demo.db validate --period 2017-12 --rule sales_outlier
has out.txt "1 rules," "one rule"
check_exit 1 "an unknown rule" $KFQ --db demo.db validate --rule nope
has err.txt 'unknown rule "nope"' "named"

# a bad rules file, by line and column; nothing stored
printf 'code,severity,left,op,right\nok1,error,taxable_sales,>=,0\nbad1,error,taxable_sales,=<,0\nbad2,error,ytd(taxable_sales,>=,0\n' > bad.csv
check_exit 1 "a bad rules file is refused" $KFQ --db demo.db import rules bad.csv
has err.txt 'bad.csv:3: column "op": "=<" (expected <, <=, >, >=, =, !=, within, outlier, magnitude, peer or ratio)' "the operator"
has err.txt 'bad.csv:4: column "left": formula "ytd(taxable_sales": column 18: missing ")" to close "(" at column 4' \
	"the expression, with its column"
check "nothing of it stored" $KFQ --db demo.db export rules --output r2.csv
hasnt r2.csv "ok1" "not even the good row"

# approval and locking: a month submitted and approved is locked against an
# import (named by line, unit and approver) until reopened with a reason
printf 'unit,indicator,period,value(万元)\nent0343,taxable_sales,2017-08,500\n' > lock.csv
check_exit 1 "approve before submit is refused" $KFQ --db demo.db approval approve --unit ent0343 --period 2017-08
has err.txt "ent0343 2017-08 is entered: approve is not allowed (allowed: submit)" "naming the allowed step"
check "submit" env KFQ_USER=firm $KFQ --db demo.db approval submit --unit ent0343 --period 2017-08
check "approve" env KFQ_USER=park KFQ_NOW=2017-09-05T08:00:00Z $KFQ --db demo.db approval approve --unit ent0343 --period 2017-08
check_exit 1 "an approved month refuses an import" $KFQ --db demo.db import data lock.csv
has err.txt "lock.csv:2: ent0343 2017-08 is locked: ent0343 approved by park at 2017-09-05T08:00:00Z" \
	"naming the line, the unit, the month and the approver"
check_exit 1 "the park cannot be approved while its units are not" $KFQ --db demo.db approval approve --unit maker_park --period 2017-08
has err.txt "maker_park 2017-08 is entered" "(it is not even submitted)"
check "the park is submitted" $KFQ --db demo.db approval submit --unit maker_park --period 2017-08
check_exit 1 "and its approval is blocked" $KFQ --db demo.db approval approve --unit maker_park --period 2017-08
has err.txt "maker_park 2017-08 cannot be approved: " "says why"
has err.txt "child units not approved: ent0309 (entered)" "names the units"
check "approval status" $KFQ --db demo.db approval status --period 2017-08 --unit maker_park --format csv
grep -q "^ent0343,.*,approved,park,2017-09-05T08:00:00Z," out.txt && ok "the approved unit in the tree" || bad "ent0343 approved not in: $(head -3 out.txt)"
grep -q "^maker_park,.*,submitted,.*child units not approved" out.txt && ok "the park and what blocks it" || bad "maker_park row: $(grep maker_park out.txt)"
check_exit 1 "reopen needs a reason" $KFQ --db demo.db approval reopen --unit ent0343 --period 2017-08
check "reopened with a reason" $KFQ --db demo.db approval reopen --unit ent0343 --period 2017-08 --note "企业更正开票金额"
check "the import goes in after the reopen" $KFQ --db demo.db import data lock.csv
check "every step in history" $KFQ --db demo.db history --unit ent0343 --format csv
has out.txt "reopen: approved → entered: 企业更正开票金额" "the reopen with its reason"
has out.txt "approve: submitted → approved" "the approval"
