# t0150-index-cli: kfq index compute|publish|show|contributions|flags|
# prosperity|superlative on a small hand-checked index (the data of
# tests/unit/test_ixcalc.c): January 2017 total 103.50 (frames 106, lenses
# 101; factory 105.625, online 95), February 110.375 with a2 imputed at 110.
$KFQ --db ix.db init > /dev/null
sqlite3 ix.db <<'EOF'
INSERT INTO unit(id, code, name, kind) VALUES (1, 'dy', '丹阳', 'zone');
INSERT INTO unit(id, code, name, kind, parent_id) VALUES (2, 'm1', '商户一', 'enterprise', 1),
 (3, 'm2', '商户二', 'enterprise', 1), (4, 'm3', '商户三', 'enterprise', 1);
INSERT INTO ix_category(id, code, name, parent_id, seq) VALUES (1, 'frames', '镜架', NULL, 1),
 (2, 'frames_metal', '金属架', 1, 2), (3, 'frames_plastic', '板材架', 1, 3), (4, 'lenses', '镜片', NULL, 4);
INSERT INTO ix_weight(year, category_id, channel, weight) VALUES (2017, 2, 'factory', 300000),
 (2017, 3, 'factory', 200000), (2017, 4, 'factory', 300000), (2017, 4, 'online', 200000);
INSERT INTO ix_item(id, code, category_id, channel, unit_id) VALUES (1, 'a1', 2, 'factory', 2),
 (2, 'a2', 2, 'factory', 3), (3, 'b1', 3, 'factory', 2), (4, 'c1', 4, 'factory', 4), (5, 'c2', 4, 'online', 4);
INSERT INTO ix_quote(item_id, year, month, day, price, sales) VALUES
 (1, 2016, 12, 0, 1000000, 50000000), (2, 2016, 12, 0, 1000000, 30000000), (3, 2016, 12, 0, 500000, NULL),
 (4, 2016, 12, 0, 2000000, NULL), (5, 2016, 12, 0, 800000, NULL),
 (1, 2017, 1, 0, 1210000, 40000000), (2, 2017, 1, 0, 1000000, 30000000), (3, 2017, 1, 7, 400000, NULL),
 (3, 2017, 1, 14, 625000, NULL), (4, 2017, 1, 0, 2100000, NULL), (5, 2017, 1, 0, 760000, NULL),
 (1, 2017, 2, 0, 1331000, NULL), (3, 2017, 2, 0, 550000, NULL), (4, 2017, 2, 0, 2205000, NULL),
 (5, 2017, 2, 0, 760000, NULL);
INSERT INTO ix_survey VALUES ('ent', '企业', 20000), ('mer', '商户', 10000);
INSERT INTO ix_question VALUES ('ent', 'sales', '销售', 0, 10000, 1), ('ent', 'inventory', '库存', 1, 10000, 2),
 ('mer', 'orders', '订单', 0, 10000, 1);
INSERT INTO ix_answer(survey, question, year, month, unit_id, reply) VALUES
 ('ent', 'sales', 2017, 1, 2, 'up'), ('ent', 'sales', 2017, 1, 3, 'up'), ('ent', 'sales', 2017, 1, 4, 'flat'),
 ('ent', 'sales', 2017, 1, 1, 'none'), ('ent', 'inventory', 2017, 1, 2, 'up'),
 ('ent', 'inventory', 2017, 1, 3, 'down'), ('ent', 'inventory', 2017, 1, 4, 'down'),
 ('mer', 'orders', 2017, 1, 2, 'flat'), ('mer', 'orders', 2017, 1, 3, 'down');
EOF

check "index --help" $KFQ index --help
has out.txt "superlative --period P" "the help lists the subcommands"
check_exit 1 "an unknown subcommand" $KFQ --db ix.db index tally
has err.txt 'unknown subcommand "tally"' "it says so"
check_exit 1 "compute needs --period" $KFQ --db ix.db index compute
has err.txt "index compute: --period is required" "it says so"
check_exit 1 "a period before the base" $KFQ --db ix.db index compute --period 2016-11
has err.txt "period 2016-11 is before the base 2016-12" "it says so"
check_exit 1 "a quarter is not a month" $KFQ --db ix.db index compute --period 2017Q1
has err.txt "expected a month" "it says so"
check_exit 1 "a bad formula" $KFQ --db ix.db index compute --period 2017-02 --formula mean
has err.txt 'formula "mean" (expected jevons, dutot or carli)' "it says so"
check_exit 1 "a bad outlier bound" $KFQ --db ix.db index compute --period 2017-02 --outlier-k 1
has err.txt "expected a number greater than 1" "it says so"
check_exit 1 "show before any computation" $KFQ --db ix.db index show
has err.txt "nothing has been computed yet" "it says so"

check "compute through 2017-02" $KFQ --db ix.db index compute --period 2017-02
has out.txt "computed 2016-12 to 2017-02 (3 months, base 2016-12 = 100, jevons): 5 items in 4 elementary aggregates, 15 quotes" "what was computed"
has out.txt "0 outliers, 1 imputed prices, 0 replacements" "the flags"
has out.txt "prosperity: 1 month with survey answers" "the prosperity months"
has out.txt "2017-02: total 110.38 (month on month 6.6%, year on year -)" "the last month"
# nothing is priced online in frames: said in whole words in either
# language (the Chinese message was pieced from English words)
check_exit 1 "an index with no items priced" $KFQ --db ix.db index show --channel online --category frames
has err.txt "no index for channel online, category frames: no items are priced there" "it says so"
KFQ_LANG=zh check_exit 1 "the same in Chinese" $KFQ --db ix.db index show --channel online --category frames
has err.txt "渠道 online、类别 frames 没有指数" "in Chinese"
hasnt err.txt "channel" "with no English word"

# An elementary aggregate with no price in a month is imputed from its parent
# (flagged), not the whole computation refused: without c1's February quote
# lenses/factory has none; its parent lenses has online (c2 76 → 76, × 1), so
# c1 stays at 210 and its relative on December is 1.05 (not 1.1025). The
# total: (300000 × 1.21 + 200000 × 1.1 + 300000 × 1.05 + 200000 × 0.95) / 1e6
# = 108.80. With every February quote gone nothing above has a price: refused.
cp ix.db par.db
sqlite3 par.db "DELETE FROM ix_quote WHERE item_id = 4 AND year = 2017 AND month = 2"
check "compute with an aggregate without a price" $KFQ --db par.db index compute --period 2017-02
has out.txt "2 imputed prices" "c1 is imputed too"
has out.txt "2017-02: total 108.80" "the total with c1 imputed from lenses"
check "its flag" $KFQ --db par.db index flags --period 2017-02 --format csv
has out.txt "imputed,c1,,m3,lenses,factory,210.00,1.0000" "c1 imputed at 210 from its parent's 1.0"
sqlite3 par.db "DELETE FROM ix_quote WHERE year = 2017 AND month = 2"
check_exit 1 "no price in the month at all" $KFQ --db par.db index compute --period 2017-02
has err.txt "2017-02: no price, and no aggregate above it has one" "refused, naming the month"

# show, every format
check "show (table)" $KFQ --db ix.db index show
has out.txt "2017-01  103.50" "January's total is 103.50"
check "show --format csv" $KFQ --db ix.db index show --format csv
equal "$(csv_field out.txt 2017-01 level)" "103.50" "January (csv)"
equal "$(csv_field out.txt 2017-01 mom)" "3.5" "month on month 3.5%"
equal "$(csv_field out.txt 2017-02 level)" "110.38" "February 110.375 → 110.38 (half away from zero)"
check "show --format json" $KFQ --db ix.db index show --format json
has out.txt '{"period": "2017-01", "level": 103.50, "mom": 3.5, "yoy": null, "published": 0, "revision": 0}' "January (json)"
check "show a channel" $KFQ --db ix.db index show --channel 出厂 --format csv
equal "$(csv_field out.txt 2017-01 level)" "105.63" "factory 105.625 → 105.63"
check "show a category" $KFQ --db ix.db index show --category frames --format csv
equal "$(csv_field out.txt 2017-01 level)" "106.00" "frames over all channels 106"
check "show a category × channel" $KFQ --db ix.db index show --category frames_metal --channel factory --from 2017-01 --to 2017-01 --format csv
equal "$(wc -l < out.txt | tr -d ' ')" "2" "--from and --to keep one month"
equal "$(csv_field out.txt 2017-01 level)" "110.00" "Jevons of a1 and a2: √1.21"
check "show --rebase 2017-01" $KFQ --db ix.db index show --rebase 2017-01 --format csv
equal "$(csv_field out.txt 2017-01 level)" "100.00" "rebased: January = 100"
equal "$(csv_field out.txt 2016-12 level)" "96.62" "December 100 / 1.035"
check_exit 1 "rebase to a year not computed" $KFQ --db ix.db index show --rebase 2017
has err.txt "rebasing to 2017: not every month of it is computed" "it says so"
check_exit 1 "an unknown channel" $KFQ --db ix.db index show --channel retail
has err.txt 'unknown channel "retail"' "it says so"
check_exit 1 "an unknown category" $KFQ --db ix.db index show --category hats
has err.txt 'unknown category "hats" (expected one of: frames, frames_metal, frames_plastic, lenses)' "it names the categories"
check_exit 1 "a category without items in a channel" $KFQ --db ix.db index show --category frames --channel online
has err.txt "no items are priced there" "it says so"
check_exit 1 "an option another subcommand takes" $KFQ --db ix.db index show --period 2017-01
has err.txt "--period does not apply" "it says so"

# contributions
check "contributions (table)" $KFQ --db ix.db index contributions --period 2017-01
has out.txt "镜架" "by category"
has out.txt "网络零售" "by channel"
check "contributions --format csv" $KFQ --db ix.db index contributions --period 2017-01 --format csv
equal "$(csv_field out.txt frames mom_pp)" "3.00" "frames 3 pp"
equal "$(csv_field out.txt lenses mom_pp)" "0.50" "lenses 0.5 pp"
equal "$(csv_field out.txt factory mom_pp)" "4.50" "factory 4.5 pp"
equal "$(csv_field out.txt online mom_pp)" "-1.00" "online -1 pp"
equal "$(csv_field out.txt total mom_pp)" "3.50" "the total's change"
check "contributions --format json" $KFQ --db ix.db index contributions --period 2017-02 --format json
has out.txt '"kind": "total", "code": null, "name": "total change (%)", "mom_pp": 6.64' "February's change 6.64"
has out.txt '"code": "frames", "name": "镜架", "mom_pp": 5.12' "frames 5.12"
has out.txt '"code": "lenses", "name": "镜片", "mom_pp": 1.52' "lenses 1.52: the parts add up"
check_exit 1 "contributions for a month not computed" $KFQ --db ix.db index contributions --period 2017-05
has err.txt "2017-05 has not been computed (computed: 2016-12 to 2017-02" "it says which are"

# flags
check "flags (table)" $KFQ --db ix.db index flags --period 2017-02
has out.txt "插补" "the imputation"
check "flags --format csv" $KFQ --db ix.db index flags --period 2017-02 --format csv
has out.txt "imputed,a2,,m2,frames_metal,factory,110.00,1.1000" "a2 imputed at 110 from a1's 1.1"
check "flags --format json" $KFQ --db ix.db index flags --period 2017-01 --format json
equal "$(tr -d ' \n' < out.txt)" "[]" "none in January"

# prosperity
check "prosperity (table)" $KFQ --db ix.db index prosperity --period 2017-01
has out.txt "总景气指数" "the overall index"
check "prosperity --format csv" $KFQ --db ix.db index prosperity --period 2017-01 --format csv
has out.txt "ent,sales,销售,0,2,1,0,1,66.7,33.3,0.0,83.3" "sales: the non-response left out"
has out.txt "ent,inventory,库存,1,1,0,2,0,33.3,0.0,66.7,66.7" "inventory inverted"
has out.txt ",,overall,,,,,,,,,58.3" "overall (2 × 75 + 25) / 3"
check "prosperity --format json" $KFQ --db ix.db index prosperity --period 2017-02 --format json
equal "$(tr -d ' \n' < out.txt)" "[]" "no answers in February"
# A question answered only "none" keeps its row, reporting its non-responses,
# with no index; mer then has no composite and the overall index is ent's,
# (83.3 + 66.7) / 2 = 75.0.
cp ix.db pz.db
sqlite3 pz.db "UPDATE ix_answer SET reply = 'none' WHERE survey = 'mer'"
check "compute with a question answered only none" $KFQ --db pz.db index compute --period 2017-02
check "its row" $KFQ --db pz.db index prosperity --period 2017-01 --format csv
has out.txt "mer,orders,订单,0,0,0,0,2,,,,,no index: every reply none" "two non-responses, no index"
has out.txt ",,overall,,,,,,,,,75.0," "the overall index over ent alone"
# Answers whose weights all are 0: that question is skipped with a note, not
# the whole computation (the price index included) refused; ent is then
# inventory's 66.7 and the overall (2 × 66.7 + 25) / 3 = 52.8.
cp ix.db pw.db
sqlite3 pw.db "UPDATE ix_answer SET weight = 0 WHERE survey = 'ent' AND question = 'sales'"
check "compute with a question weighted 0" $KFQ --db pw.db index compute --period 2017-02
has out.txt "2017-02: total 110.38" "the price index is computed"
check "the skipped question" $KFQ --db pw.db index prosperity --period 2017-01 --format csv
has out.txt "ent,sales,销售,0,2,1,0,1,66.7,33.3,0.0,,no index: the answers' weights add up to 0 (skipped)" "flagged, no index"
has out.txt ",,overall,,,,,,,,,52.8," "the overall index without it"

# superlative
check "superlative (table)" $KFQ --db ix.db index superlative --period 2017-01
has out.txt "Fisher" "Fisher beside the formula"
check "superlative --format csv" $KFQ --db ix.db index superlative --period 2017-01 --format csv
has out.txt "category,channel,index,index_same_items,fisher,tornqvist,items_with_sales" "the formula over the same items beside Fisher and Törnqvist"
has out.txt "frames_metal,factory,110.000,110.000,112.062,112.079,2" "where sales exist (both items: the same)"
has out.txt "lenses,online,95.000,,,,0" "none where they do not"
# like for like: without a2's January sales value only a1 (1 → 1.21) has
# sales in both months; the aggregate's Jevons is √(1.21 × 1) = 110, over a1
# alone it is 121, as are Fisher and Törnqvist (one item)
cp ix.db like.db
sqlite3 like.db "UPDATE ix_quote SET sales = NULL WHERE item_id = 2 AND month = 1"
$KFQ --db like.db index compute --period 2017-01 --revise "test" > /dev/null 2>&1 || $KFQ --db like.db index compute --period 2017-01 > /dev/null
check "superlative over one valued item" $KFQ --db like.db index superlative --period 2017-01 --format csv
has out.txt "frames_metal,factory,110.000,121.000,121.000,121.000,1" "Jevons over the same item as Fisher and Törnqvist: 121, beside the aggregate's 110"
check "superlative --format json" $KFQ --db ix.db index superlative --period 2017-02 --format json
has out.txt '"category": "frames_metal"' "February too"
check_exit 1 "superlative for the base" $KFQ --db ix.db index superlative --period 2016-12
has err.txt "is the base" "it says so"

# the core's figures
check "kfq show eyewear_pi" $KFQ --db ix.db show eyewear_pi --period 2017-01 --format csv
has out.txt "103.50" "the total in the core"
check "kfq show eyewear_prosperity" $KFQ --db ix.db show eyewear_prosperity --period 2017-01 --format csv
has out.txt "58.3" "the prosperity index in the core"

# publish, a late quote, the revision
check_exit 1 "publish a month not computed" $KFQ --db ix.db index publish --period 2017-03
has err.txt "2017-03 has not been computed" "it says so"
check "publish through January" $KFQ --db ix.db index publish --period 2017-01
has out.txt "published (frozen) 2 months: 2016-12 to 2017-01" "two months frozen"
check "publish again" $KFQ --db ix.db index publish --period 2017-01
has out.txt "nothing to freeze" "nothing new"
check "show marks them" $KFQ --db ix.db index show --format csv
has out.txt "2017-01,103.50,3.5,,1,0" "January published, revision 0"
check "the same data again" $KFQ --db ix.db index compute --period 2017-02
sqlite3 ix.db "UPDATE ix_quote SET price = 2200000 WHERE item_id = 4 AND year = 2017 AND month = 1"
dump ix.db before.sql
check_exit 1 "a late quote in a published month" $KFQ --db ix.db index compute --period 2017-02
has err.txt "published months would change" "refused"
has err.txt "2017-01: total 103.5000 → 105.0000" "naming month, series and levels"
dump ix.db after.sql
same before.sql after.sql "the refusal changed nothing"
check "revise with a reason" $KFQ --db ix.db index compute --period 2017-02 --revise "late quote from m3"
has out.txt "revised 1 published month" "it says so"
check "show the revision" $KFQ --db ix.db index show --format csv
has out.txt "2017-01,105.00,5.0,,1,1" "January revised: 105, revision 1"
check "kfq history" $KFQ --db ix.db history --indicator eyewear_pi --format csv
has out.txt "index,dy,eyewear_pi,2017-01,103.5,105,late quote from m3" "before and after with the reason"
check "kfq show after the revision" $KFQ --db ix.db show eyewear_pi --period 2017-01 --format csv
has out.txt "105.00" "the core has the revised total"

# The documented examples through the import kinds: computed on a January
# base, published, then a corrected quote re-imported.
EX=$DATA/../../docs/examples
$KFQ --db ex.db init > /dev/null
$KFQ --db ex.db import units "$EX/units.csv" > /dev/null
for k in index-categories index-weights index-items price-quotes surveys survey-questions survey-answers; do
	check "import the example $k" $KFQ --db ex.db import $k "$EX/$k.csv"
done
check_exit 1 "the examples have no December 2016 prices" $KFQ --db ex.db index compute --period 2017-02
has err.txt 'no item has a price in the base month 2016-12' "the default base needs them"
check "compute the examples on a January base" $KFQ --db ex.db index compute --base 2017-01 --period 2017-02
has out.txt "11 items in 10 elementary aggregates, 24 quotes" "every example item"
has out.txt "0 outliers, 0 imputed prices, 1 replacements" "l003 replaces l001"
check "the replacement's flag" $KFQ --db ex.db index flags --period 2017-02 --format csv
has out.txt "replaced,l001,l003,e1,lenses_resin,factory,0.8929," "old ÷ new in the overlap month: 12.5 / 14"
check "the examples' prosperity" $KFQ --db ex.db index prosperity --period 2017-02 --format csv
has out.txt "enterprises,sales,销售额,0,1,1,0,0,50.0,50.0,0.0,87.5" "weighted by size: (120 + 20) / 160"
has out.txt ",,overall,,,,,,,,,74.0" "overall (60 × 80 + 40 × 65) / 100"
check "publish the examples" $KFQ --db ex.db index publish --period 2017-02
sed 's/^f001,2017-02,86,$/f001,2017-02,90,/' "$EX/price-quotes.csv" > quotes.csv
check "a corrected quote" $KFQ --db ex.db import price-quotes quotes.csv
has out.txt "1 changed" "one quote changed"
check_exit 1 "the published month refuses it" $KFQ --db ex.db index compute --base 2017-01 --period 2017-02
has err.txt "2017-02: total 101.4637 → 102.4049" "old and new levels"
check "the revision" $KFQ --db ex.db index compute --base 2017-01 --period 2017-02 --revise "f001 corrected by e1"
check "history has the quote and the index" $KFQ --db ex.db history --format csv
has out.txt ",quote," "the quote's change"
has out.txt ",index,zone,eyewear_pi,2017-02,101.4637,102.4049,f001 corrected by e1," "the total's revision"
has out.txt "f001 corrected by e1" "with its reason"
