# t0145-demo-index: the demo's China Danyang Eyewear Index data: the sample
# the issue asks for, imported like users' files (deterministic: t0060
# compares two builds of the whole database).
demo_copy
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

# the story, computed by the demo (kfq index compute's defaults) and published
# 2016-12 … 2017-12: prices broadly stable, lenses rising, online falling
level() { $KFQ --db demo.db index show "$@" --from 2017-12 --to 2017-12 --format csv | awk -F, 'NR == 2 { print $2 }'; }
within() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v + 0 >= lo && v + 0 <= hi) }' && ok "$4 ($1)" || bad "$4: $1 is not within $2 … $3"; }
t=$(level); within "$t" 99 103 "the total index in 2017-12 is broadly stable (2016-12 = 100)"
within "$(level --category lenses)" 104 106 "lenses rose 4–6% over the year"
within "$(level --channel online)" 95 97 "online retail fell 3–5%"
within "$(level --channel factory)" 100.5 104 "factory prices rose a little (lenses)"
within "$(level --category frames)" 98 101 "frames stable"
$KFQ --db demo.db index show --format csv > series.csv
equal "$(grep -c '^20' series.csv)" 13 "13 months computed, 2016-12 … 2017-12"
equal "$(awk -F, 'NR > 1 && $5 != 1' series.csv | wc -l | tr -d ' ')" 0 "every month published (frozen)"
check "the total in the core" $KFQ --db demo.db show eyewear_pi --unit eyewear_town --period 2017-12 --format csv
equal "$(csv_field out.txt eyewear_town, value)" "$t" "eyewear_pi of the eyewear town is the index's total"
for i in eyewear_pi_lenses eyewear_pi_online eyewear_pi_factory eyewear_prosperity; do
	check "$i in the core" $KFQ --db demo.db show $i --unit eyewear_town --period 2017-12 --format csv
	v=$(csv_field out.txt eyewear_town, value)
	[ -n "$v" ] && ok "$i has a value for 2017-12 ($v)" || bad "$i has no value"
done
equal "$(csv_field out.txt eyewear_town, value)" "$(sqlite3 demo.db "SELECT printf('%.1f', idx) FROM ix_prosperity WHERE year = 2017 AND month = 12 AND survey = '' AND question = ''")" "eyewear_prosperity is the overall prosperity index"
# the flags are listed: 3 outliers (each a jump and its return), 8 imputed
# prices, 4 replacements
: > flags.csv
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
	$KFQ --db demo.db index flags --period 2017-$m --format csv | tail -n +2 >> flags.csv
done
equal "$(grep -c '^outlier,' flags.csv)" 6 "6 outlier relatives listed"
equal "$(grep -c '^imputed,' flags.csv)" 8 "8 imputed prices listed"
equal "$(grep -c '^replaced,' flags.csv)" 4 "4 replacements listed"
has flags.csv "outlier,ew0117,,m011,frames_plastic,wholesale,3.0116," "a stall's price keyed three times too high in 2017-04"
# contributions add up to the total's change as published
check "contributions 2017-12" $KFQ --db demo.db index contributions --period 2017-12 --format csv
sum=$(awk -F, '$1 == "category" { s += $5 * 100 } END { printf "%d", s + (s < 0 ? -0.5 : 0.5) }' out.txt)
tot=$(awk -F, '$1 == "total" { printf "%d", $5 * 100 + ($5 < 0 ? -0.5 : 0.5) }' out.txt)
equal "$sum" "$tot" "the categories' year-on-year contributions add up to the total's change"
lens=$(awk -F, '$2 == "lenses" { print $5 }' out.txt)
within "$lens" 1 3 "lenses contribute most of the rise (pp)"
# the prosperity surveys: non-responses counted, never flat
check "prosperity 2017-12" $KFQ --db demo.db index prosperity --period 2017-12 --format csv
has out.txt "enterprises" "the enterprises' survey"
has out.txt "merchants" "the merchants' survey"
na=$(awk -F, 'NR > 1 && $2 != "" { s += $8 } END { print s + 0 }' out.txt)
[ "$na" -gt 0 ] && ok "non-responses counted in 2017-12 ($na)" || bad "no non-response counted"
equal "$(awk -F, '$1 == "enterprises" && $2 == "sales" { print $5 + $6 + $7 + $8 }' out.txt)" 40 "the 40 enterprises' answers on sales, non-responses included"
equal "$(awk -F, '$1 == "enterprises" && $2 == "sales" { printf "%.1f", 100 * $5 / ($5 + $6 + $7) }' out.txt)" "$(awk -F, '$1 == "enterprises" && $2 == "sales" { print $9 }' out.txt)" "the share up is of those who answered"

# the online shops' sales values: the superlative indices for comparison
check "superlative 2017-12" $KFQ --db demo.db index superlative --period 2017-12 --format csv
equal "$(awk -F, '$2 == "online" && $5 != "" && $6 != "" { n++ } END { print n + 0 }' out.txt)" 12 "Fisher and Törnqvist for all 12 online aggregates"
equal "$(awk -F, '$2 != "online" && NR > 1 && ($4 != "" || $5 != "") { n++ } END { print n + 0 }' out.txt)" 0 "none where no sales values are reported"
equal "$(awk -F, '$2 == "online" && $4 != "" { n++ } END { print n + 0 }' out.txt)" 12 "and the formula over the same items beside them"
equal "$(csv_field out.txt frames_metal,online, fisher)" 99.228 "frames_metal online: Fisher 99.228"
