# t0075-layers: the source follows its layers (README, "Source layout";
# ../shared/DESIGN.md): a file includes only from its own folder and from
# the layers below it: base → store → model → calc → the domain modules
# (project, lead, case, index, assess, quality) → io and report → demo → the front
# ends: web, then cli (which starts the web server: kfq serve). The domain
# modules do not include each other, nor io and
# report each other. And no file but the backends calls an engine.
top=$(cd "$DATA/../.." && pwd)
rank() {
	case $1 in
	base) echo 0 ;; store) echo 1 ;; model) echo 2 ;; calc) echo 3 ;;
	project|lead|case|index|assess|finance|quality|ledger) echo 4 ;; io|report) echo 5 ;; demo) echo 6 ;;
	web) echo 7 ;; cli) echo 8 ;; *) echo 99 ;;
	esac
}
bad_includes=0
for f in $(cd "$top" && find src -name '*.[ch]' | sort); do
	dir=$(echo "$f" | cut -d/ -f2)
	r=$(rank "$dir")
	[ "$r" = 99 ] && { bad "$f: folder src/$dir is not a layer of the README"; continue; }
	for inc in $(sed -n 's/^#include "\([a-z]*\)\/.*/\1/p' "$top/$f" | sort -u); do
		ri=$(rank "$inc")
		if [ "$inc" != "$dir" ] && { [ "$ri" -gt "$r" ] || [ "$ri" = "$r" ]; }; then
			bad "$f includes from src/$inc/, a layer not below src/$dir/"
			bad_includes=$((bad_includes + 1))
		fi
	done
done
[ $bad_includes = 0 ] && ok "every include goes down the layers (or stays in its folder)"
# only the backends talk to an engine
calls=$(cd "$top" && grep -lE '\bsqlite3_[a-z_]+\(' $(find src -name '*.c') | grep -v '^src/store/sqlite[a-z_]*.c$')
[ -z "$calls" ] && ok "no sqlite3_* call outside src/store/sqlite*.c" || bad "sqlite3_* calls in: $calls"
calls=$(cd "$top" && grep -lE '\bPQ[a-zA-Z]+\(' $(find src -name '*.c') | grep -v '^src/store/pg[a-z_]*\.c$')
[ -z "$calls" ] && ok "no PQ* call outside src/store/pg*.c" || bad "PQ* calls in: $calls"
# SQL is never built from a user's value: every %s in SQL text is a name of
# the program's own, listed with its reason in tests/sql-built.txt
found=$(cd "$top" && grep -rnE '(snprintf|sbuf_addf|xasprintf)\([^;]*"[^"]*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|COPY|SAVEPOINT|setval|FROM|WHERE)[^"]*%s' src --include=*.c)
found="$found
$(cd "$top" && grep -rn 'snprintf(sql, sizeof sql, "%s %s", verb, name)' src --include=*.c)"
unlisted=0
echo "$found" | while IFS= read -r hit; do
	[ -z "$hit" ] && continue
	file=${hit%%:*}
	listed=0
	while IFS='	' read -r lf frag why; do
		case $lf in ''|'#'*) continue ;; esac
		[ "$lf" = "$file" ] && case $hit in *"$frag"*) listed=1 ;; esac
	done < "$top/tests/sql-built.txt"
	[ $listed = 1 ] || echo "$hit"
done > unlisted.txt
if [ -s unlisted.txt ]; then
	bad "SQL text built with %s that tests/sql-built.txt does not list: $(cat unlisted.txt)"
else
	ok "every %s in SQL text is a name of the program's own (tests/sql-built.txt)"
fi
# the front ends hold no SQL and open no transaction: they call the library
calls=$(cd "$top" && grep -lE '\b(st_[a-z0-9_]+|db_prepare|db_cached|db_begin|db_commit|db_exec)\(' src/cli/*.c src/web/*.c 2>/dev/null)
[ -z "$calls" ] && ok "src/cli and src/web hold no statement or transaction" \
	|| bad "statements or transactions in the front ends: $(echo $calls)"
