# t0085-demo-projects: the demo zone's key projects reproduce the published
# 2017 project figures (55 key industrial projects, 39 planned starts all
# started, 147.5 亿元 = 101% of plan) and the urban and environmental works.
demo_copy
n=$(sqlite3 demo.db "SELECT count(*) FROM unit WHERE kind = 'enterprise'")
equal "$n" 1320 "exactly 1320 enterprises in the database (projects are units of their own kind)"

fig() { $KFQ --db demo.db show $1 --unit ${4:-danyang} --period ${2:-2017} --format csv > fig.csv; csv_field fig.csv ${4:-danyang}, ${3:-value}; }
equal "$(fig key_projects)" 55 "55 key industrial projects"
equal "$(fig planned_starts)" 39 "39 planned to start in 2017"
equal "$(fig started)" 39 "all 39 started"
equal "$(fig start_rate)" 100.0 "start rate 100%"
equal "$(fig started_late)" 3 "3 of them started late"
equal "$(fig started_on_time)" 36 "36 on time"
equal "$(fig key_inv_actual)" 147.50 "147.5 亿元 invested in key projects in 2017"
equal "$(fig key_inv_actual 2017 target)" 146.00 "against annual plans of 146 亿元"
equal "$(fig key_inv_actual 2017 completion)" 101.0 "101% of the annual plan"
equal "$(fig projects_completed)" 8 "8 key projects completed in 2017"
equal "$(fig projects_in_production)" 3 "3 of them went into production"
equal "$(fig other_inv_actual)" 2.66 "the four other works invested 2.66 亿元, apart from the key projects"
equal "$(fig other_inv_actual 2017 target)" 2.80 "against their plans of 2.80 亿元"
equal "$(fig other_inv_actual 2017 value river_works)" 1.43 "the river remediation: 1.43 亿元 done in 2017"
equal "$(fig physical_progress 2017 value river_works)" 85.0 "and 85% of its demolition"
equal "$(fig start_rate 2017年1-6月)" 100.0 "every month, the projects planned so far had started"

$KFQ --db demo.db export projects --output pr.csv
$KFQ --db demo.db export project-plan --output pl.csv
$KFQ --db demo.db export progress --output pg.csv
$KFQ --db demo.db export project-problems --output pb.csv
# projects: code,name,category,park,owner,industry,key_level,total(万元),planned_start,
#           planned_end,actual_start,actual_end,production,status,reason,milestones
ind() { awk -F, 'NR > 1 && $3 == "industrial"' pr.csv; }
equal "$(ind | wc -l | tr -d ' ')" 55 "55 industrial projects in the register"
n=$(sqlite3 demo.db "SELECT count(*) FROM project p JOIN target t ON t.unit_id = p.unit_id JOIN indicator i ON i.id = t.ind_id WHERE p.category = 'industrial' AND t.year = 2017 AND i.code = 'key_inv_actual'")
equal "$n" 55 "each with a 2017 plan"
equal "$(ind | cut -d, -f4 | sort -u | wc -l | tr -d ' ')" 6 "spread over the parks"
n=$(ind | awk -F, '$4 == "japan_park"' | wc -l | tr -d ' ')
[ "$n" -le 2 ] && ok "at most two in the Japanese park ($n)" || bad "$n projects in the Japanese park"
n=$(ind | awk -F, '$5 ~ /^ent/' | wc -l | tr -d ' ')
[ "$n" -ge 40 ] && ok "most are owned by the park's enterprises ($n)" || bad "only $n owners"
n=$(sqlite3 demo.db "SELECT count(*) FROM project p JOIN unit u ON u.id = p.unit_id JOIN unit o ON o.id = p.owner_id WHERE o.parent_id <> u.parent_id")
equal "$n" 0 "every owner is an enterprise of the project's park"
equal "$(ind | awk -F, '$8 < 5000 || $8 > 300000' | wc -l | tr -d ' ')" 0 "total investments from 0.5 to 30 亿元"
has pr.csv "年产500万副光学镜片项目" "projects have realistic names"
equal "$(ind | awk -F, '$9 ~ /^2017-(0[1-9]|1[01])$/ && $11 ~ /^2017-/' | wc -l | tr -d ' ')" 39 \
	"39 planned to start from January to November 2017, and started in 2017"
equal "$(ind | awk -F, '$9 ~ /^201[56]-/ && $11 ~ /^201[56]-/' | wc -l | tr -d ' ')" 16 \
	"16 planned and started in 2015 or 2016"
equal "$(ind | awk -F, '$9 ~ /^2017/ && substr($11, 1, 7) > $9' | wc -l | tr -d ' ')" 3 \
	"exactly 3 started after their planned month"
equal "$(awk -F, '$14 == "suspended"' pr.csv | wc -l | tr -d ' ')" 1 "exactly one project is suspended"
s=$(awk -F, '$14 == "suspended"' pr.csv)
equal "$(echo "$s" | cut -d, -f15)" "资金链紧张" "with its reason: 资金链紧张"
case $(echo "$s" | cut -d, -f11) in 2017-*) ok "it had started in 2017";; *) bad "the suspended project had not started: $s";; esac
equal "$(ind | awk -F, '$14 == "completed" && $12 ~ /^2017-/' | wc -l | tr -d ' ')" 5 "5 completed in 2017"
equal "$(ind | awk -F, '$14 == "production" && $12 ~ /^2017-/ && $13 ~ /^2017-/ && $13 >= $12' | wc -l | tr -d ' ')" 3 \
	"3 completed and in production in 2017"
has pr.csv "yingchun_road,迎春路延伸段改造工程,urban," "迎春路延伸段改造工程 is an urban work"
has pr.csv ",10000,2017-04,2018-06," "of about 1 亿元, due by June 2018"
has pr.csv "river_works,河道水环境生态综合整治,environmental," "the river remediation is environmental"
has pr.csv ",60000,2017-03," "with 6 亿元 planned in total"
has pr.csv "old_communities,老旧小区改造（4个）,livelihood," "the 4 old communities are livelihood works"
has pr.csv "heyang_works,河阳集镇道路雨污水管网路灯改造,infrastructure," "河阳集镇 is infrastructure"
has pr.csv ",2017-09-28,,completed," "completed in September 2017"
for w in yingchun_road river_works old_communities heyang_works; do
	grep -q "^$w,2017," pl.csv && ok "$w has a 2017 plan" || bad "$w has no 2017 plan"
done
has pg.csv "river_works,2017,14300," "the river's 1.43 亿元 is filed as its 2017 year to date"

# progress: period,investment rows for 2017 (2017-01, 2017年1-m月, 2017)
awk -F, -v OFS=, 'NR > 1 && $3 != "" { m = $2 == "2017" ? 12 : $2 == "2017-01" ? 1 : substr($2, index($2, "-") + 1) + 0;
	print $1, m, $3 }' pg.csv > ytd.txt
n=$(awk -F, '{ c[$1]++ } END { for (k in c) if (c[k] == 12) n++; print n }' ytd.txt)
equal "$n" 59 "every project filed its year to date for all 12 months of 2017"
n=$(sort -t, -k1,1 -k2,2n ytd.txt | awk -F, '$1 == p && $3 < v { bad++ } { p = $1; v = $3 } END { print bad + 0 }')
equal "$n" 0 "every year-to-date series is non-decreasing"
n=$(awk -F, 'NR == FNR { if ($11 ~ /^2017-/) s[$1] = substr($11, 6, 2) + 0; next }
	($1 in s) && $2 < s[$1] && $3 != 0 { bad++ } END { print bad + 0 }' pr.csv ytd.txt)
equal "$n" 0 "zeros before each project's start month"
sum=$(awk -F, 'NR == FNR { if ($3 == "industrial") k[$1] = 1; next } ($1 in k) && $2 == 12 { s += $3 } END { print s }' pr.csv ytd.txt)
equal "$sum" 1475000 "the key projects' December year to date adds up to 1 475 000 万元"
# behind schedule: a project started before 2017 with September's year to
# date under half of its plan (9/12 was due)
awk -F, -v OFS=, 'NR == FNR { p[$1] = $3; next } $2 == 9 && ($1 in p) { print $1, $3 / p[$1] }' pl.csv ytd.txt > sep.txt
behind=$(awk -F, 'NR == FNR { if ($3 == "industrial" && $11 ~ /^201[56]/) old[$1] = 1; next } ($1 in old)' pr.csv sep.txt | awk -F, '$2 < 0.5 { print $1 }')
equal "$(echo "$behind" | wc -w | tr -d ' ')" 1 "one project is behind schedule ($behind)"
r=$(awk -F, -v b="$behind" '$1 == b { print $2 }' sep.txt)
equal "$r" 0.3 "it had done 30% of its plan by September"
has pg.csv "$behind,2017-09,,,进度滞后" "its September note says so"
n=$(awk -F, 'NR > 1 && $5 != ""' pg.csv | wc -l | tr -d ' ')
[ "$n" -ge 5 ] && ok "a few progress notes ($n)" || bad "only $n progress notes"
n=$(awk -F, 'NR > 1 && $4 != ""' pg.csv | wc -l | tr -d ' ')
[ "$n" -ge 100 ] && ok "physical progress filed ($n months)" || bad "only $n physical progress values"

# problems: project,raised,description,dept,deadline,resolved
equal "$(awk -F, 'NR > 1' pb.csv | wc -l | tr -d ' ')" 8 "8 blocking problems"
equal "$(awk -F, 'NR > 1 { print $4 }' pb.csv | grep -cvE '^(国土分局|规划局|供电公司|环保局|住建局)$')" 0 \
	"each with its department"
equal "$(awk -F, 'NR > 1 && $6 != ""' pb.csv | wc -l | tr -d ' ')" 6 "6 of them solved"
equal "$(awk -F, 'NR > 1 && $6 == "" && $5 < "2017-12-31"' pb.csv | wc -l | tr -d ' ')" 2 \
	"2 still open past their deadline at the end of 2017"
for p in $(ind | awk -F, '$9 ~ /^2017/ && substr($11, 1, 7) > $9 { print $1 }'); do
	grep -q "^$p," pb.csv && ok "late starter $p has the problem that held it up" || bad "late starter $p has no problem"
done

# roll-ups agree with the records
for i in key_projects started start_rate key_inv_actual other_inv_actual physical_progress; do
	$KFQ --db demo.db show $i --unit danyang --period 2017 --by children --format csv; done > with.csv
cp demo.db nr.db; sqlite3 nr.db "DELETE FROM rollup_state"
for i in key_projects started start_rate key_inv_actual other_inv_actual physical_progress; do
	$KFQ --db nr.db show $i --unit danyang --period 2017 --by children --format csv; done > without.csv
same with.csv without.csv "project figures from roll-ups equal those from the records"

# (deterministic: t0060 compares two builds of the whole database)
