# t0080-projects: the key-project register, its rules and its figures.
P=$DATA/projects
$KFQ --db t.db init >/dev/null
$KFQ --db t.db import units $DATA/units.csv >/dev/null
check "import projects" $KFQ --db t.db import projects $P/projects.csv
has out.txt "4 rows: 4 added" "four projects added"
check "import plans" $KFQ --db t.db import project-plan $P/plan.csv
check "import progress" $KFQ --db t.db import progress $P/progress.csv
check "import problems" $KFQ --db t.db import project-problems $P/problems.csv
for k in projects project-plan progress project-problems; do
	f=$P/$(echo $k | sed 's/project-plan/plan/; s/project-problems/problems/').csv
	check "import $k again" $KFQ --db t.db import $k $f
	has out.txt "0 added, 0 changed" "importing $k twice changes nothing"
done

fig() { $KFQ --db t.db show $1 --unit zone --period ${2:-2017} --format csv > fig.csv; csv_field fig.csv zone, ${3:-value}; }
equal "$(fig key_projects)" 3 "3 key industrial projects (with a plan for 2017; the river works are environmental)"
equal "$(fig planned_starts)" 3 "3 planned to start in 2017"
equal "$(fig started)" 2 "2 of them started"
equal "$(fig started_late)" 1 "1 started late (planned May, started July)"
equal "$(fig started_on_time)" 1 "1 on time"
equal "$(fig start_rate)" 66.7 "start rate 66.7%"
equal "$(fig start_rate 2017-08)" 100.0 "by August both projects planned so far had started"
equal "$(fig key_inv_actual)" 6.20 "key industrial investment 6.20 亿元 (4.1 + 2.1)"
equal "$(fig key_inv_actual 2017 target)" 7.00 "the plan is the sum of the projects' plans: 7.00 亿元"
equal "$(fig key_inv_actual 2017 completion)" 88.6 "88.6% of the annual plan"
equal "$(fig other_inv_actual)" 1.43 "the river works' 1.43 亿元 count apart, as other projects' investment"
equal "$(fig other_inv_actual 2017 completion)" 95.3 "95.3% of their 1.5 亿元 plan"
equal "$(fig key_inv_actual 2017年1-8月)" 3.00 "1-8月: pj1's 3 亿元; pj2 filed August alone, so its year to date is not known"
check "by park" $KFQ --db t.db show key_inv_actual --unit zone --period 2017 --by children --format csv
has out.txt "p1,key_inv_actual,2017,亿元,6.20," "park p1: 6.20 亿元"
check "physical progress" $KFQ --db t.db show physical_progress --unit pj4 --period 2017 --format csv
has out.txt "pj4,physical_progress,2017,%,85.0" "85% of the demolition done"

# roll-ups agree with the records
for i in key_projects started start_rate key_inv_actual other_inv_actual physical_progress; do
	$KFQ --db t.db show $i --unit zone --period 2017 --by children --format csv; done > with.csv
cp t.db nr.db; sqlite3 nr.db "DELETE FROM rollup_state"
for i in key_projects started start_rate key_inv_actual other_inv_actual physical_progress; do
	$KFQ --db nr.db show $i --unit zone --period 2017 --by children --format csv; done > without.csv
same with.csv without.csv "project figures from roll-ups equal those from the records"

# status rules
H='code,name,category,park,total_investment(亿元),planned_start,actual_start,actual_end,status,reason,reopen'
printf '%s\npj1,一号项目,industrial,p1,10,2017-03,2017-03-15,2018-05-20,completed,,\n' "$H" > done.csv
check "pj1 completed" $KFQ --db t.db import projects done.csv
printf '%s\npj1,一号项目,industrial,p1,10,2017-03,2017-03-15,2018-05-20,reserve,,\n' "$H" > back.csv
dump t.db before.sql
check_exit 1 "a completed project cannot go back to reserve" $KFQ --db t.db import projects back.csv
has err.txt "cannot go back to reserve" "the message says which move is refused"
has err.txt "reopen" "and how to do it"
dump t.db after.sql
same before.sql after.sql "the refused status change changed nothing"
printf '%s\npj1,一号项目,industrial,p1,10,2017-03,2017-03-15,,construction,验收不合格,yes\n' "$H" > reopen.csv
check "reopened with a reason" $KFQ --db t.db import projects reopen.csv
check "history of pj1" $KFQ --db t.db history --unit pj1 --format csv
has out.txt "status: completed → construction" "history keeps the reopening"
has out.txt "status: construction → completed" "and the completion before it"
printf '%s\npj2,二号项目,industrial,p1,5,2017-05,2017-07-01,,suspended,,\n' "$H" > susp.csv
check_exit 1 "suspending needs a reason" $KFQ --db t.db import projects susp.csv
has err.txt "needs the reason" "it says so"
printf '%s\npj3,三号项目,industrial,p2,8,2017-09,,,construction,,\n' "$H" > nostart.csv
check_exit 1 "under construction without an actual start" $KFQ --db t.db import projects nostart.csv
has err.txt "must have started" "it says so"
printf '%s\npj9,新项目,shops,nowhere,x,2017-13,2017-02-30,,building,,\n' "$H" > bad.csv
check_exit 1 "a row with many bad cells" $KFQ --db t.db import projects bad.csv
has err.txt 'bad.csv:2: column "category": "shops"' "the first bad cell is named"
printf 'project,year,planned(亿元)\nnope,2017,1\npj1,2017年,x\n' > badplan.csv
check_exit 1 "bad plan rows" $KFQ --db t.db import project-plan badplan.csv
has err.txt 'badplan.csv:2: column "project": unknown project "nope"' "an unknown project"
has err.txt 'badplan.csv:3: column "planned": not a number' "a bad number"
printf 'project,period,investment(万元),physical\npj1,2017-13,1,\npj1,2017-12,,120\npj1,2017-11,,\n' > badprog.csv
check_exit 1 "bad progress rows" $KFQ --db t.db import progress badprog.csv
has err.txt 'badprog.csv:2: column "period"' "a bad period"
has err.txt 'badprog.csv:3: column "physical": "120"' "progress above 100%"
has err.txt 'badprog.csv:4: nothing to record' "an empty row"
printf 'project,raised,description,dept,deadline\npj3,2017-08-01,用地,国土分局,2017-07-01\n' > badprob.csv
check_exit 1 "a deadline before the problem was raised" $KFQ --db t.db import project-problems badprob.csv
has err.txt "before the date the problem was raised" "it says so"
printf 'unit,indicator,period,value\npj1,key_projects,2017-01,5\n' > derived.csv
check_exit 1 "the counts take no data" $KFQ --db t.db import data derived.csv
has err.txt "counted by kfq from the project records" "it says why"
printf 'project,raised,description,dept,deadline,resolved\npj3,2017-08-01,用地指标未落实,国土分局,2017-09-30,2017-10-08\n' > solved.csv
check "a problem resolved" $KFQ --db t.db import project-problems solved.csv
has out.txt "1 changed" "the resolution is a change"
check "its history" $KFQ --db t.db history --unit pj3 --format csv
has out.txt "resolved:  → 2017-10-08" "history keeps the resolution date"

printf '%s\npj4,河道整治,industrial,p2,6,2016-10,2016-10-20,,construction,,\n' "$H" > recat.csv
check_exit 1 "a project with investment cannot change between industrial and other categories" $KFQ --db t.db import projects recat.csv
has err.txt "cannot become industrial" "it says why"

# Export → import into a new database → export: the same files.
KINDS="units indicators groups data targets projects project-plan progress project-problems"
for k in $KINDS; do $KFQ --db t.db export $k --output $k.csv; done
$KFQ --db new.db init > /dev/null
for k in $KINDS; do check "import the exported $k" $KFQ --db new.db import $k $k.csv; done
for k in $KINDS; do
	$KFQ --db new.db export $k --output $k.again.csv
	same $k.csv $k.again.csv "export → import → export of $k is exact"
done
for i in key_projects started_late start_rate key_inv_actual other_inv_actual physical_progress; do
	$KFQ --db t.db show $i --unit zone --period 2017 --by children --format csv; done > a.csv
for i in key_projects started_late start_rate key_inv_actual other_inv_actual physical_progress; do
	$KFQ --db new.db show $i --unit zone --period 2017 --by children --format csv; done > b.csv
same a.csv b.csv "the copy has the same project figures"
