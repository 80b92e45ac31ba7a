# t0110-copy: the whole demo database copied through its exports: every
# kind exported, imported into a new database in order, exported again,
# gives the same files and the same figures (the eyewear index's data too).
demo_copy
KINDS="units indicators groups data targets projects project-plan progress project-problems leads lead-stages index-categories index-weights index-items price-quotes surveys survey-questions survey-answers"
for k in $KINDS; do check "export $k" $KFQ --db demo.db export $k --output $k.csv; done
$KFQ --db copy.db init >/dev/null
for k in $KINDS; do check "import $k into a new database" $KFQ --db copy.db import $k $k.csv; done
for k in $KINDS; do
	$KFQ --db copy.db export $k --output $k.again.csv
	same $k.csv $k.again.csv "$k: export → import → export is exact"
done
for db in demo copy; do
	{
		$KFQ --db $db.db bulletin --period 2017 --unit danyang --format csv
		$KFQ --db $db.db project stats --period 2017 --unit danyang --format csv
		$KFQ --db $db.db lead stats --period 2017 --unit danyang --format csv
		for i in key_projects started_late key_inv_actual other_inv_actual landed_projects \
		         landed_investment pipeline_projects pipeline_investment; do
			$KFQ --db $db.db show $i --unit danyang --period 2017 --by children --format csv
		done
	} > $db.figures.csv
done
same demo.figures.csv copy.figures.csv "the copy shows the same bulletin, project and lead figures"
