# t0062-fidelity: how many of the year-in-review's figures the demo zone
# regenerates from its records. For every row of the seed's figures.csv
# (../shared/seed/figures.csv beside the tree, else the copy in
# tests/data/report), read here and never copied into this script, the
# figure is asked of kfq where it lives: `kfq show CODE --unit danyang
# --period 2017 --format csv --measure UNIT` (2018 for the 2018 plan), or
# the module's own command for a figure that is not an indicator (the
# province's ranking, the key-project office's completion, a project's
# register, the campaign's statistics); then compared with the seed's value
# as its qualifier says: exact (equal), more_than (above), at_least (at or
# above), about (within 5%). It prints the count regenerated and each
# figure that is not, with why; at least 60 of the 62 must be.
top=$(cd "$DATA/../.." && pwd)
seed=$top/../shared/seed/figures.csv
[ -f "$seed" ] || seed=$DATA/report/figures.csv
demo_copy
# A figure in the measure its source prints (亿元 for projects'
# investment, 户 for households) converted to the seed's (万元, 万户): how
# many of the seed's unit one printed unit is (万 10^4, 亿 10^8 of the same
# base unit), exactly, without rounding to the indicator's decimals.
factor() {
	awk -v a="$1" -v b="$2" 'function s(m) { return m ~ /^亿/ ? 1e8 : m ~ /^万/ ? 1e4 : 1 }
		function base(m) { sub(/^(万|亿)/, "", m); return m }
		BEGIN { print (base(a) == base(b) ? s(a) / s(b) : 1) }'
}
got_of() {   # code unit period: the value kfq gives, or "" with why on fd 3
	code=$1 unit=$2 period=$3
	case $code in
	province_rank)
		$KFQ --db demo.db assess show "$top/docs/examples/schemes/jiangsu-zones-2017.scheme" \
			--period 2017 --format csv > src.csv 2> why.txt && csv_field src.csv ",danyang," rank ;;
	key_inv_completion)
		$KFQ --db demo.db project stats --period 2017 --format csv > src.csv 2> why.txt &&
			csv_field src.csv danyang, completion ;;
	yingchun_road|old_communities_2017|river_plan)
		p=$code; [ $code = old_communities_2017 ] && p=old_communities
		[ $code = river_plan ] && p=river_works
		$KFQ --db demo.db project show $p --format csv > src.csv 2> why.txt &&
			v=$(csv_field src.csv "$p," total_investment) &&
			awk -v v="$v" -v f="$(factor 亿元 "$unit")" 'BEGIN { printf "%.4f\n", v * f }' ;;
	jp_sales)
		$KFQ --db demo.db show taxable_sales --unit japan_park --period $period --format csv \
			--measure "$unit" > src.csv 2> why.txt && csv_field src.csv japan_park, value ;;
	river_done)
		$KFQ --db demo.db show other_inv_actual --unit river_works --period $period --format csv \
			--measure "$unit" > src.csv 2> why.txt && csv_field src.csv river_works, value ;;
	river_demolition)
		$KFQ --db demo.db show physical_progress --unit river_works --period $period \
			--format csv > src.csv 2> why.txt && csv_field src.csv river_works, value ;;
	leader_problems)
		$KFQ --db demo.db case stats --period $period --by category --format csv > src.csv \
			2> why.txt && csv_field src.csv leadership, raised ;;
	*)
		$KFQ --db demo.db show $code --unit danyang --period $period --format csv > src.csv \
			2> why.txt && v=$(csv_field src.csv danyang, value) &&
			m=$(csv_field src.csv danyang, measure) && [ -n "$v" ] &&
			awk -v v="$v" -v f="$(factor "$m" "$unit")" 'BEGIN { printf "%.4f\n", v * f }' ;;
	esac
}
held=0; total=0
tail -n +2 "$seed" > rows.txt
while IFS=, read -r section code name_zh name_en value unit qualifier note; do
	total=$((total + 1))
	period=2017
	case $section in 2018*) period=2018 ;; esac
	got=$(got_of "$code" "$unit" "$period")
	if [ -z "$got" ]; then
		why=$(sed 's/^kfq: //' why.txt | head -1)
		case $code in risk_fund) why="from the finance module (issue 17, item 3): $why" ;; esac
		echo "missing $code ($name_zh, $qualifier $value $unit): ${why:-no value}" >> notheld.txt
	elif awk -v a="$got" -v b="$value" -v q="$qualifier" 'BEGIN {
			if (q == "exact") exit !(a + 0 == b + 0)
			if (q == "more_than") exit !(a + 0 > b + 0)
			if (q == "at_least") exit !(a + 0 >= b + 0)
			d = a - b; if (d < 0) d = -d; exit !(d <= 0.05 * b) }'; then
		held=$((held + 1))
		echo "$code $got $unit ($qualifier $value)" >> held.txt
	else
		echo "wrong $code ($name_zh): kfq gives $got $unit, the seed $qualifier $value" >> notheld.txt
	fi
done < rows.txt
echo "# regenerated from the demo's records: $held of $total"
[ -f notheld.txt ] && sed 's/^/# not regenerated: /' notheld.txt
equal "$total" "$(($(wc -l < "$seed") - 1))" "every row of figures.csv was asked ($total)"
[ "$held" -ge 60 ] && ok "$held of $total figures of the year-in-review regenerated (60 at least)" \
	|| bad "only $held of $total figures regenerated"
! grep -q '^wrong' notheld.txt 2>/dev/null && ok "no figure kfq gives differs from the seed" \
	|| bad "figures that differ: $(grep '^wrong' notheld.txt)"
# the 2018 plan is the 2018 figure, not 2017's
$KFQ --db demo.db show river_2018 --unit danyang --period 2017 --format csv > p.csv
v=$(csv_field p.csv danyang, value)
[ "${v:-0}" = 0 ] || [ "$v" = "0.0" ] && ok "the 2018 plan has nothing in 2017" || bad "river_2018 in 2017: $v"
