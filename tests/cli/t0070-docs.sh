# t0070-docs: the documentation names what the code has.
top=$(cd "$DATA/../.." && pwd)
# a file is named by its path, or by its name on a line of the list that
# names its folder ("- `src/store/pg.h`, `pg.c` — ..."); all in one pass
(cd "$top" && find src -name '*.c' -o -name '*.h' | sort) | awk -v readme="$top/README.md" '
	BEGIN { while ((getline l < readme) > 0) line[++n] = l }
	{
		f = $0; d = f; sub(/\/[^\/]*$/, "", d); b = f; sub(/.*\//, "", b); named = 0
		for (i = 1; i <= n && !named; i++)
			if (index(line[i], f) || (line[i] ~ /^- / && index(line[i], "`" d "/") &&
			                          index(line[i], b)))
				named = 1
		print (named ? "ok " : "bad ") f
	}' > named.txt
while read -r verdict f; do
	if [ "$verdict" = ok ]; then
		ok "README's source layout names $f"
	else
		bad "README's source layout does not name $f"
	fi
done < named.txt
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
# every kind's columns and Chinese headings, as kfq help import KIND prints
# them, are in docs/formats.md's "Column headings"
for k in $KINDS; do
	$KFQ help import "$k" | tail -n +4 | awk '{ c = $1; r = $2; $1 = ""; $2 = ""; sub(/^ +/, "");
		printf "| `%s` | %s | %s |\n", c, r, $0 }' > cols.md
	# the kind's own part of the appendix, each of its rows in it
	awk -v h="### \`$k\`" '$0 == h { on = 1; next } /^##/ { on = 0 } on' \
		"$top/docs/formats.md" > part.md
	missing=0
	while IFS= read -r row; do
		grep -qxF "$row" part.md || missing=$((missing + 1))
	done < cols.md
	if [ -s cols.md ] && [ "$missing" = 0 ]; then
		ok "docs/formats.md lists the headings of $k"
	else
		bad "docs/formats.md's \"Column headings\" lacks $missing of $k's (kfq help import $k)"
	fi
done
# and the help names a kind's columns in Chinese by default
$KFQ help import fund-loans > cols.txt 2>&1
LC_MESSAGES= LANG= LC_ALL= $KFQ help import fund-loans > cols_zh.txt 2>&1
grep -q "^repaid  *no  *还款日期, 结清日期\$" cols.txt && ok "kfq help import fund-loans lists repaid's headings" \
	|| bad "kfq help import fund-loans: $(cat cols.txt)"
grep -q "^repaid  *否  *还款日期、结清日期\$" cols_zh.txt && ok "kfq help import in Chinese" \
	|| bad "kfq help import fund-loans in Chinese: $(cat cols_zh.txt)"
check_exit 1 "kfq help import of a kind there is not" $KFQ help import nosuch
