# t0110-copy: the whole demo database copied through its exports: every
# kind exported, imported into a new database in order, exported again,
# gives the same files and the same figures (the eyewear index's data too).
# The bulk of it (some 55 exports and imports of the whole demo) is run by
# the release build when one is given ($KFQ_REL): under ASan and
# UBSan it took 24 s of CPU against 5 s, and the sanitizers already see
# every one of these paths at this size: the shared demo ($DEMO_DB) is
# built by the sanitizer build through the import of each of these kinds,
# t0035 exports every kind of the demo with it, and the demo's figures
# below are read by it.
R=${KFQ_REL:-$KFQ}
demo_copy
KINDS="units indicators groups data targets projects project-plan progress project-problems leads lead-stages index-categories index-weights index-items price-quotes surveys survey-questions survey-answers"
for k in $KINDS; do check "export $k" $R --db demo.db export $k --output $k.csv; done
$R --db copy.db init >/dev/null
for k in $KINDS; do check "import $k into a new database" $R --db copy.db import $k $k.csv; done
for k in $KINDS; do
	$R --db copy.db export $k --output $k.again.csv
	same $k.csv $k.again.csv "$k: export → import → export is exact"
done
for db in demo:$KFQ copy:$R; do
	kfq=${db#*:}; db=${db%%:*}
	{
		$kfq --db $db.db bulletin --period 2017 --unit danyang --format csv
		$kfq --db $db.db project stats --period 2017 --unit danyang --format csv
		$kfq --db $db.db lead stats --period 2017 --unit danyang --format csv
		for i in key_projects started_late key_inv_actual other_inv_actual landed_projects \
		         landed_investment pipeline_projects pipeline_investment; do
			$kfq --db $db.db show $i --unit danyang --period 2017 --by children --format csv
		done
	} > $db.figures.csv
done
same demo.figures.csv copy.figures.csv "the copy shows the same bulletin, project and lead figures"
