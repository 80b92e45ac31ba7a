# t0070-docs: the documentation names what the code has.
top=$(cd "$DATA/../.." && pwd)
for f in $(cd "$top" && find src -name '*.c' -o -name '*.h' | sort); do
	b=$(basename "$f")
	d=$(dirname "$f")
	if grep -qF "$f" "$top/README.md" || grep -E "^- .*\`$d/" "$top/README.md" | grep -qF "$b"; then
		ok "README's source layout names $f"
	else
		bad "README's source layout does not name $f"
	fi
done
for c in init import export show bulletin history demo help; do
	grep -qF "$c" "$top/README.md" && ok "README mentions kfq $c" || bad "README does not mention kfq $c"
done
KINDS="units indicators groups data targets projects project-plan progress project-problems leads lead-stages households visits case-sla holidays case-depts cases case-events index-categories index-weights index-items price-quotes surveys survey-questions survey-answers funds fund-moves fund-loans fund-events bank-meetings financing-needs credit-actions guarantees interventions rules"
for k in $KINDS; do
	grep -qE "^##+ $k\$" "$top/docs/formats.md" && ok "docs/formats.md documents $k" || bad "docs/formats.md lacks $k"
	[ -f "$top/docs/examples/$k.csv" ] && ok "docs/examples/$k.csv exists" || bad "no docs/examples/$k.csv"
done
# the examples import as documented, in this order
$KFQ --db ex.db init > /dev/null
for k in $KINDS; do
	check "docs/examples/$k.csv imports" $KFQ --db ex.db import $k "$top/docs/examples/$k.csv"
done
