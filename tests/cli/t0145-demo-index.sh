# t0145-demo-index: the demo's China Danyang Eyewear Index data: the sample
# the issue asks for, imported like users' files, deterministic.
check "kfq demo" $KFQ --db demo.db demo
q() { sqlite3 demo.db "$1"; }
equal "$(q "SELECT count(*) FROM ix_category WHERE id NOT IN (SELECT parent_id FROM ix_category WHERE parent_id IS NOT NULL)")" 12 "12 leaf categories"
equal "$(q "SELECT group_concat(code, ' ') FROM (SELECT code FROM ix_category WHERE parent_id IS NULL ORDER BY seq)")" "frames lenses sunglasses contact accessories" "five top-level categories: 镜架, 镜片, 太阳镜, 隐形眼镜, 配件与设备"
equal "$(q "SELECT group_concat(code, ' ') FROM (SELECT c.code FROM ix_category c JOIN ix_category p ON p.id = c.parent_id WHERE p.code = 'lenses' ORDER BY c.seq)")" "lenses_resin lenses_glass lenses_pc lenses_progressive" "lenses: resin, glass, PC, progressive"
equal "$(q "SELECT count(*) FROM ix_item")" 300 "300 items"
equal "$(q "SELECT count(DISTINCT unit_id) FROM ix_item")" 80 "80 reporting units"
equal "$(q "SELECT count(*) FROM unit WHERE kind = 'merchant'")" 50 "50 market merchants"
equal "$(q "SELECT count(*) FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.kind = 'merchant' AND p.code = 'eyewear_town' AND u.synthetic = 1")" 50 "all in the eyewear town, marked synthetic"
equal "$(q "SELECT count(DISTINCT i.unit_id) FROM ix_item i JOIN unit u ON u.id = i.unit_id WHERE i.channel = 'factory' AND u.kind = 'enterprise'")" 30 "30 enterprises quote factory prices"
equal "$(q "SELECT count(*) FROM ix_item i JOIN unit u ON u.id = i.unit_id WHERE i.channel <> 'factory' AND u.kind <> 'merchant'")" 0 "merchants quote the wholesale and online prices"
equal "$(q "SELECT group_concat(n, ' ') FROM (SELECT count(*) n FROM ix_item GROUP BY channel ORDER BY channel)")" "108 96 96" "108 factory, 96 online, 96 wholesale items"
equal "$(q "SELECT min(year * 100 + month) || '-' || max(year * 100 + month) FROM ix_quote")" "201612-201712" "quotes from 2016-12 to 2017-12"
equal "$(q "SELECT count(*) FROM ix_item WHERE replaces_id IS NOT NULL")" 4 "4 replacements"
equal "$(q "SELECT count(*) FROM ix_item i JOIN ix_quote a ON a.item_id = i.id AND a.year = i.overlap_year AND a.month = i.overlap_month JOIN ix_quote b ON b.item_id = i.replaces_id AND b.year = i.overlap_year AND b.month = i.overlap_month")" 4 "each priced with the item it replaces in the overlap month"
# every item priced every month of its life but 8: 292 items × 13 months, and
# 4 replaced items and their replacements, 14 months a pair (one shared)
got=$(q "SELECT count(DISTINCT item_id || '-' || year || '-' || month) FROM ix_quote")
equal "$got" "$((292 * 13 + 4 * 14 - 8))" "every item-month priced but 8 missing (each replacement and its old item share one month)"
equal "$(q "SELECT count(DISTINCT item_id) FROM ix_quote WHERE day > 0")" 5 "5 wholesale stalls quote weekly"
equal "$(q "SELECT count(*) FROM ix_quote WHERE day > 0")" "$((5 * 13 * 4))" "four weekly quotes a month"
equal "$(q "SELECT count(*) FROM ix_weight WHERE year = 2017")" 48 "2017 weights: 16 categories × 3 channels"
equal "$(q "SELECT count(*) FROM ix_survey")" 2 "two surveys"
equal "$(q "SELECT group_concat(code, ' ') FROM (SELECT code FROM ix_question WHERE survey = 'enterprises' ORDER BY seq)")" "sales new_orders selling_prices raw_material_cost inventory employment profit expectations" "eight questions"
equal "$(q "SELECT group_concat(code, ' ') FROM (SELECT code FROM ix_question WHERE inverted = 1 AND survey = 'merchants' ORDER BY seq)")" "raw_material_cost inventory" "costs and inventory inverted"
equal "$(q "SELECT count(DISTINCT year * 100 + month) FROM ix_answer")" 13 "monthly answers 2016-12 … 2017-12"
equal "$(q "SELECT count(DISTINCT unit_id) FROM ix_answer WHERE survey = 'merchants'")" 50 "every merchant answers"
none=$(q "SELECT count(*) FROM ix_answer WHERE reply = 'none'")
[ "$none" -gt 100 ] && ok "some non-responses ($none)" || bad "only $none non-responses"
# the data exports and imports back
for k in index-categories index-weights index-items price-quotes surveys survey-questions survey-answers; do
	$KFQ --db demo.db export $k --output $k.csv
	check "the demo's $k import back unchanged" $KFQ --db demo.db import $k $k.csv
	has out.txt " 0 added, 0 changed," "$k: nothing added or changed"
done
$KFQ --db demo2.db demo > /dev/null
$KFQ --db demo2.db export price-quotes --output q2.csv
same price-quotes.csv q2.csv "the demo's quotes are deterministic"
