# t0307-serve-trees: a web account changes the units and projects of its
# own tree only (docs/web.md). The demo holds two trees: the zone
# (danyang) and the province's (jiangsu, with the zones it ranks). The
# zone's statistician, an account at the top of its tree, may import units
# and projects; a units or projects file that would rename or move a unit
# of the province's tree, hang a unit under it, take one of the zone's
# units out of the zone, or start a tree of its own is refused at its line
# (400), nothing written, and so is a register's row (a lead) naming a unit
# of that tree; the same file is the command line's to import.
top=$(cd "$DATA/../.." && pwd)
R=${KFQ_REL:-$KFQ}
demo_copy d.db
. "$top/tests/cli/serve_lib.sh"

echo "stat-password-1" | "$R" --db d.db user add stat --unit danyang --role statistician > /dev/null
start_server d.db req.log
login stat stat-password-1 js
cs=$csrf
# upload KIND FILE: multipart, as the statistician
upload() {
	code=$(curl -s -o body.json -w '%{http_code}' -H "X-CSRF-Token: $cs" -H 'Accept-Language: en' \
		-b js -F "file=@$2" "http://$A/api/v1/imports/$1")
}
# refused WHAT KIND FILE TEXT: 400 naming TEXT, the database unchanged
refused() {
	dump d.db before.sql
	upload "$2" "$3"
	equal "$code" 400 "$1 (400)"
	has body.json "$4" "the refusal says: $4"
	dump d.db after.sql
	same before.sql after.sql "nothing was written"
}
ent=$(sqlite3 d.db "SELECT u.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE p.code = 'eyewear_town' AND u.kind = 'enterprise' LIMIT 1")

printf 'code,name,kind,parent\njintan,金坛开发区（改）,zone,jiangsu\n' > rename.csv
refused "a unit of the province's tree renamed" units rename.csv \
	'rename.csv:2: column \"code\": unit \"jintan\" is not under danyang'
printf 'code,name,kind\njintan,金坛开发区（改）,zone\n' > rename2.csv
refused "and without a parent column" units rename2.csv 'unit \"jintan\" is not under danyang'
printf 'code,name,kind,parent\nnew_firm,新企业,enterprise,jintan\n' > hang.csv
refused "a new unit under the province's tree" units hang.csv \
	'hang.csv:2: column \"parent\": unit \"jintan\" is not under danyang'
printf 'code,name,kind,parent\n%s,某企业,enterprise,jintan\n' "$ent" > move.csv
refused "one of the zone's enterprises moved into the province's tree" units move.csv \
	'column \"parent\": unit \"jintan\" is not under danyang'
printf 'code,name,kind,parent\nloose,无上级企业,enterprise,\n' > root.csv
refused "a new unit with no parent (a tree of its own)" units root.csv \
	'column \"parent\": empty would put loose at the top of a tree of its own, outside danyang'
printf 'code,name,kind\nloose,无上级企业,enterprise\n' > root2.csv
refused "and without a parent column" units root2.csv 'empty would put loose at the top'
printf 'code,name,kind,parent\n%s,某企业,enterprise,\n' "$ent" > out.csv
refused "one of the zone's enterprises taken out of the zone" units out.csv \
	"empty would put $ent at the top"
printf 'code,name,kind,parent\ndanyang,丹阳经济开发区,zone,jiangsu\n' > up.csv
refused "the account's own unit put under another" units up.csv \
	'column \"parent\": danyang is this account'"'"'s own unit, at the top of its tree'

# what stays the zone's own: a new park and a firm under it (its parent
# earlier in the same file or later), the zone itself renamed in place
printf 'code,name,kind,parent\nnew_firm,新企业,enterprise,new_park\nnew_park,新园区,park,danyang\ndanyang,丹阳经济开发区（新）,zone,\n' > good.csv
upload units good.csv
equal "$code" 200 "a units file within the zone's tree is imported"
equal "$(sqlite3 d.db "SELECT p.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.code = 'new_firm'")" new_park \
	"the new firm stands under the new park"
equal "$(sqlite3 d.db "SELECT name || ',' || coalesce(parent_id, 'none') FROM unit WHERE code = 'danyang'")" \
	"丹阳经济开发区（新）,none" "the zone is renamed and stays at the top"
equal "$(sqlite3 d.db "SELECT name FROM unit WHERE code = 'jintan'")" 金坛经济开发区 \
	"the province's unit is as it was"

# projects: a project's park in the account's tree
printf 'code,name,category,park,total_investment(亿元),status\npj_x,某项目,industrial,jintan,1,construction\n' > pj.csv
refused "a project in a park of the province's tree" projects pj.csv \
	'pj.csv:2: column \"park\": unknown unit \"jintan\"'
printf 'code,name,category,park,total_investment(亿元),status\npj_x,某项目,industrial,new_park,1,reserve\n' > pj2.csv
upload projects pj2.csv
equal "$code" 200 "a project in the zone's park is imported"

# a lead's park in the other tree: as a park that does not exist (the
# register's kinds name units too)
printf 'code,name,investor,origin,industry,park,total_investment(亿元)\nld_x,某线索,某公司,日本,眼镜,jintan,5\n' > ld.csv
refused "a lead in a park of the province's tree" leads ld.csv \
	'ld.csv:2: column \"park\": unknown unit \"jintan\"'
printf 'code,name,investor,origin,industry,park,total_investment(亿元)\nld_x,某线索,某公司,日本,眼镜,new_park,5\n' > ld2.csv
upload leads ld2.csv
equal "$code" 200 "a lead in the zone's own park is imported"

# values: a unit of the other tree reads as one that does not exist
printf 'unit,indicator,period,value\njintan,taxable_sales,2017-09,1\n' > v.csv
refused "a value of the province's tree" data v.csv 'unknown unit \"jintan\"'

# the command line is held to no tree
check "kfq import units: the same renaming from the command line" "$R" --db d.db import units rename.csv
equal "$(sqlite3 d.db "SELECT name FROM unit WHERE code = 'jintan'")" 金坛开发区（改） "is imported"
stop_server "the server stops cleanly"
