# t0105-demo-leads: the demo zone's investment-promotion pipeline reproduces
# the published 2017 figures (50 industrial projects landed with more than
# 100 亿元 of total investment; more than 100 signed or under negotiation,
# worth more than 200 亿元, at the end of the year) with a realistic funnel.
demo_copy
n=$(sqlite3 demo.db "SELECT count(*) FROM unit WHERE kind = 'enterprise'")
equal "$n" 1320 "exactly 1320 enterprises in the database (leads link to them, add none)"

fig() { $KFQ --db demo.db show $1 --unit ${3:-danyang} --period ${2:-2017} --format csv > fig.csv; csv_field fig.csv ${3:-danyang}, value; }
above() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 > b + 0) }'; }
equal "$(fig landed_projects)" 50 "50 industrial projects landed in 2017"
v=$(fig landed_investment)
above "$v" 100 && ok "their total investment is more than 100 亿元 ($v)" || bad "landed investment $v 亿元"
v=$(fig pipeline_projects)
above "$v" 100 && ok "more than 100 leads signed or under negotiation at the end of 2017 ($v)" || bad "pipeline $v leads"
equal "$(fig pipeline_projects 2017-12)" "$v" "the pipeline is a stock: 2017 shows December's level"
v=$(fig pipeline_investment)
above "$v" 200 && ok "worth more than 200 亿元 ($v)" || bad "pipeline investment $v 亿元"
equal "$(fig fdi_arrived)" 2.10 "foreign capital arrived stays 2.1 亿美元"
equal "$(fig landed_projects 2017 japan_park)" 3 "3 landed in the Japanese park"

q() { sqlite3 demo.db "$1"; }
# the leads that landed (first landing) in 2017
L17="SELECT l.* FROM lead l WHERE (SELECT min(date) FROM lead_stage s WHERE s.lead_id = l.id AND s.stage = 'landed') BETWEEN '2017-01-01' AND '2017-12-31'"
equal "$(q "SELECT count(*) FROM ($L17)")" 50 "50 lead records landed in 2017"
equal "$(q "SELECT count(*) FROM ($L17) WHERE origin = '日本' AND park_id = (SELECT id FROM unit WHERE code = 'japan_park')")" 3 \
	"3 of them Japanese, in the Japanese park"
n=$(q "SELECT count(*) FROM ($L17) WHERE origin IN ('香港', '台湾', '德国', '美国', '韩国', '新加坡', '意大利') AND foreign_inv > 0")
above "$n" 0 && ok "others from abroad, with their foreign investment ($n)" || bad "no foreign leads landed"
LANDED="SELECT * FROM lead WHERE id IN (SELECT lead_id FROM lead_stage WHERE stage = 'landed')"
equal "$(q "SELECT count(*) FROM ($LANDED) WHERE unit_id IS NULL")" 0 "every landed lead names the enterprise it became"
equal "$(q "SELECT count(DISTINCT unit_id) = count(*) FROM ($LANDED)")" 1 "each a different enterprise"
equal "$(q "SELECT count(*) FROM ($LANDED) l JOIN unit e ON e.id = l.unit_id WHERE e.kind <> 'enterprise' OR e.parent_id <> l.park_id")" 0 \
	"an enterprise of the lead's park"
STARTED="SELECT l.*, s.date AS started FROM lead l JOIN lead_stage s ON s.lead_id = l.id AND s.stage = 'started'"
n=$(q "SELECT count(*) FROM ($STARTED)")
above "$n" 0 && ok "some landed leads started ($n)" || bad "no lead started"
equal "$(q "SELECT count(DISTINCT project_id) FROM ($STARTED)")" "$n" "each as a different key project"
equal "$(q "SELECT count(*) FROM ($STARTED) l JOIN project p ON p.unit_id = l.project_id WHERE p.category = 'industrial' AND p.actual_start LIKE '2017-%' AND substr(l.started, 1, 7) >= substr(p.actual_start, 1, 7)")" "$n" \
	"key projects that started in 2017, not before their start month"
equal "$(q "SELECT count(*) FROM ($STARTED) l JOIN lead_stage s ON s.lead_id = l.id AND s.stage = 'landed' WHERE s.date <= l.started AND s.date LIKE '2017-%'")" "$n" \
	"started on or after landing in 2017"

# the funnel
equal "$(q "SELECT count(*) FROM lead_stage a JOIN lead_stage b ON b.lead_id = a.lead_id AND b.id > a.id WHERE b.date <= a.date")" 0 \
	"no lead's stage dates go backwards"
equal "$(q "SELECT count(*) FROM lead l WHERE (SELECT stage FROM lead_stage s WHERE s.lead_id = l.id ORDER BY date, id LIMIT 1) IS NOT 'contact'")" 0 \
	"every lead starts with contact"
equal "$(q "SELECT count(*) FROM lead_stage WHERE stage = 'contact' AND date NOT BETWEEN '2015-01-01' AND '2017-12-31'")" 0 \
	"first contacts from 2015 to 2017"
all=$(q "SELECT count(*) FROM lead"); neg=$(q "SELECT count(DISTINCT lead_id) FROM lead_stage WHERE stage = 'negotiation'")
sig=$(q "SELECT count(DISTINCT lead_id) FROM lead_stage WHERE stage = 'signed'")
above "$neg" $((all / 2)) && above "$neg" "$sig" && ok "most leads move to negotiation ($neg of $all), fewer sign ($sig)" || bad "funnel $all, $neg, $sig"
n=$(q "SELECT count(*) FROM lead_stage WHERE stage = 'dropped'")
above "$n" 0 && ok "some leads are dropped ($n)" || bad "no lead dropped"
equal "$(q "SELECT count(*) FROM lead_stage WHERE stage = 'dropped' AND coalesce(reason, '') = ''")" 0 "each with its reason"
has_reason=$(q "SELECT count(*) FROM lead_stage WHERE stage = 'dropped' AND reason IN ('投资方战略调整', '用地条件不满足', '环评未通过')")
above "$has_reason" 0 && ok "reasons such as 投资方战略调整" || bad "no usual drop reasons"
equal "$(q "SELECT count(*) FROM lead_stage b JOIN lead_stage a ON a.lead_id = b.lead_id AND a.stage = 'signed' AND a.date < b.date WHERE b.stage = 'negotiation' AND b.reason <> ''")" 1 \
	"one signed lead went back to negotiation, with a reason"
n=$(q "SELECT count(*) FROM lead l WHERE (SELECT stage FROM lead_stage s WHERE s.lead_id = l.id AND s.date <= '2017-12-31' ORDER BY date DESC, id DESC LIMIT 1) IN ('negotiation', 'signed')")
equal "$n" "$(fig pipeline_projects)" "the records' pipeline at 2017-12-31 is the published figure"

# the bureau's view, when the lead command is there
if $KFQ --db demo.db lead stats --period 2017 --format csv > stats.csv 2>/dev/null; then
	equal "$(csv_field stats.csv danyang, landed)" 50 "kfq lead stats: 50 landed"
	equal "$(csv_field stats.csv danyang, pipeline)" "$(fig pipeline_projects)" "and the pipeline as kfq show"
	check "kfq lead funnel" $KFQ --db demo.db lead funnel --date 2017-12-31 --format csv
	has out.txt "started,$(q "SELECT count(*) FROM ($STARTED)")," "the funnel counts the started leads"
fi

# (deterministic: t0060 compares two builds of the whole database)
