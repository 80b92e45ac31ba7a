# t0075-layers: the source follows its layers (README, "Source layout";
# ../shared/DESIGN.md): a file includes only from its own folder and from
# the layers below it: base → store → model → calc → the domain modules
# (project, lead, case, index, assess, quality) → io and report → demo → the front
# ends: web, then cli (which starts the web server: kfq serve). The domain
# modules do not include each other, nor io and
# report each other. And no file but the backends calls an engine.
top=$(cd "$DATA/../.." && pwd)
# every file's includes in one pass (a process per file and include took
# some 15 CPU s)
(cd "$top" && find src -name '*.[ch]' | sort | xargs awk '
	function rank(d) {
		if (d == "base") return 0; if (d == "store") return 1; if (d == "model") return 2
		if (d == "calc") return 3
		if (d ~ /^(project|lead|case|index|assess|finance|quality|ledger)$/) return 4
		if (d == "io" || d == "report") return 5; if (d == "demo") return 6
		if (d == "web") return 7; if (d == "cli") return 8; return 99
	}
	FNR == 1 {
		split(FILENAME, part, "/"); dir = part[2]; r = rank(dir)
		if (r == 99) print FILENAME ": folder src/" dir " is not a layer of the README"
	}
	r != 99 && /^#include "[a-z]*\// {
		inc = $0; sub(/^#include "/, "", inc); sub(/\/.*/, "", inc)
		if (inc != dir && rank(inc) >= r && !((FILENAME, inc) in seen))
			print FILENAME " includes from src/" inc "/, a layer not below src/" dir "/"
		seen[FILENAME, inc] = 1
	}') > layers.txt
while IFS= read -r line; do bad "$line"; done < layers.txt
[ -s layers.txt ] || ok "every include goes down the layers (or stays in its folder)"
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
