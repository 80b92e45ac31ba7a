# t0090-project-cli: kfq project list, show, stats and warn on the hand-checked
# register of tests/data/projects (4 projects in two parks, 2017).
export KFQ_TODAY=2017-10-01
P=$DATA/projects
$KFQ --db t.db init >/dev/null
$KFQ --db t.db import units $DATA/units.csv >/dev/null
check_exit 1 "stats before any project import" $KFQ --db t.db project stats --period 2017
has err.txt "import projects first" "stats says to import projects first"
check "list with no projects" $KFQ --db t.db project list --format csv
equal "$(wc -l < out.txt | tr -d ' ')" 1 "an empty register lists only the header"
$KFQ --db t.db import projects $P/projects.csv >/dev/null
$KFQ --db t.db import project-plan $P/plan.csv >/dev/null
$KFQ --db t.db import progress $P/progress.csv >/dev/null
$KFQ --db t.db import project-problems $P/problems.csv >/dev/null

# list
check "list" $KFQ --db t.db project list --format csv
has out.txt "code,name,category,park,status,planned_start,actual_start,total_investment,plan,ytd_investment,ytd_period" "list csv header"
has out.txt "pj1,一号项目,industrial,p1,construction,2017-03,2017-03-15,10.00,4.00,3.00,2017年1-8月" "pj1: 10 亿元, plan 4.00, 3.00 to date (its latest year to date, 1-8月)"
has out.txt "pj3,三号项目,industrial,p2,approved,2017-09,,8.00,1.00,," "pj3: planned, nothing filed"
equal "$(wc -l < out.txt | tr -d ' ')" 5 "four projects"
check "list in a table" $KFQ --db t.db project list
has out.txt "一号园区" "the table names the park"
has out.txt "在建" "the table gives the status in Chinese"
check "list --status construction" $KFQ --db t.db project list --status construction --format csv
equal "$(grep -c '^pj' out.txt)" 3 "three under construction"
check "list --status 审批 (Chinese)" $KFQ --db t.db project list --status 审批 --format csv
has out.txt "pj3," "the approved project"
hasnt out.txt "pj1," "no project under construction"
check "list --park p2" $KFQ --db t.db project list --park p2 --format csv
has out.txt "pj4," "pj4 is in p2"
hasnt out.txt "pj1," "pj1 is not in p2"
check "list --late" $KFQ --db t.db project list --late --format csv
has out.txt "pj2," "pj2 started in July, planned for May"
has out.txt "pj3," "pj3 planned for September, not started on 2017-10-01"
hasnt out.txt "pj1," "pj1 started on time"
hasnt out.txt "pj4," "pj4 started on time (in 2016)"
check "list --late --date 2017-09-15" $KFQ --db t.db project list --late --date 2017-09-15 --format csv
hasnt out.txt "pj3," "in September pj3's planned month has not passed yet"
check "list json" $KFQ --db t.db project list --format json
has out.txt '"total_investment": 10.00' "json numbers are numbers"
check_exit 1 "list --status unknown" $KFQ --db t.db project list --status paused
has err.txt "reserve, approved, construction, completed, production, suspended" "lists the statuses"
has err.txt "停缓建" "and their Chinese names"
check_exit 1 "list --park unknown" $KFQ --db t.db project list --park p9
has err.txt "p1, p2" "lists the parks"
check_exit 1 "list --park of an enterprise" $KFQ --db t.db project list --park e1
check_exit 1 "an option list does not take" $KFQ --db t.db project list --period 2017
has err.txt "--period does not apply" "says which option does not apply"
check_exit 1 "list with an argument" $KFQ --db t.db project list pj1

# show
check "show pj1" $KFQ --db t.db project show pj1
has out.txt "项目 pj1 一号项目" "the heading"
has out.txt "p1 一号园区" "the park, code and name"
has out.txt "主体结构封顶" "milestones"
has out.txt "年度计划" "plans section"
has out.txt "2017年1-8月" "progress: the year to date filed"
has out.txt "主体施工" "progress: the note"
has out.txt "施工用电" "problems section"
has out.txt "2017-06-10" "the problem was resolved"
has out.txt "变更记录" "history section"
check "show pj3: an open problem past its deadline" $KFQ --db t.db project show pj3
has out.txt "overdue" "the problem is overdue on 2017-10-01"
check "show pj3 before the deadline" $KFQ --db t.db project show pj3 --date 2017-09-01
has out.txt "open" "the problem is open"
hasnt out.txt "overdue" "and not overdue"
check "show csv" $KFQ --db t.db project show pj1 --format csv
has out.txt "pj1,一号项目,industrial,p1,一号园区,e1,3587,city,10.00,2017-03,2018-06,2017-03-15,,,construction,," "the attributes as one row"
check "show json" $KFQ --db t.db project show pj3 --format json
has out.txt '"status": "approved"' "json attributes"
check_exit 1 "show an unknown project" $KFQ --db t.db project show pj9
has err.txt "unknown project" "says unknown project"
check_exit 1 "show a unit that is not a project" $KFQ --db t.db project show p1
check_exit 1 "show without a code" $KFQ --db t.db project show

# stats
check "stats 2017" $KFQ --db t.db project stats --period 2017 --unit zone --format csv
has out.txt "unit,period,key_projects,planned_starts,started,started_on_time,started_late,start_rate,investment,plan,completion,time_progress,completed,in_production" "stats csv header"
# key projects are the industrial ones (pj4, the river works, is environmental:
# its investment is other_inv_actual and it is not counted)
has out.txt "zone,2017,3,3,2,1,1,66.7,6.20,7.00,88.6,88.6,0,0" "3 key projects, 3 planned, 2 started (1 on time, 1 late), 66.7%, 6.20 of 7.00 亿元 (88.6%)"
check "stats at 2017-08" $KFQ --db t.db project stats --period 2017-08 --format csv
equal "$(csv_field out.txt zone, start_rate)" "100.0" "by August both planned starts had started"
equal "$(csv_field out.txt zone, period)" "2017年1-8月" "the figures are the year to date"
check "stats of a park" $KFQ --db t.db project stats --period 2017 --unit p2 --format csv
has out.txt "p2,2017,1,1,0,0,0,0.0,,1.00,,,0,0" "p2: pj3 planned, not started, nothing invested of its 1.00"
check "stats table" $KFQ --db t.db project stats --period 2017
for l in 重点项目 计划开工 已开工 其中按期 其中延期 "开工率(%)" "完成投资(亿元)" "年度计划(亿元)" "完成年度计划(%)" "序时进度(%)" 竣工 投产; do
	has out.txt "$l" "stats table: $l"
done
has out.txt "66.7" "stats table: the start rate"
check "stats json" $KFQ --db t.db project stats --period 2017 --format json
has out.txt '"start_rate": 66.7' "json start rate"
check_exit 1 "stats without --period" $KFQ --db t.db project stats
has err.txt "--period is required" "says --period is required"
check_exit 1 "stats with a bad period" $KFQ --db t.db project stats --period 2017-13
has err.txt "2017年1-8月" "lists the period forms"
check_exit 1 "stats of an unknown unit" $KFQ --db t.db project stats --period 2017 --unit nowhere

# the same key spelt two ways is one key: refused, naming the first line
dump t.db before.sql
printf 'project,raised,description,dept,deadline,resolved\npj1,2017-05-01,施工用电,供电公司,2017-06-15,\npj1,2017/5/1,施工用电,供电公司,2017-06-20,\n' > dup.csv
check_exit 1 "a problem given twice, the date spelt two ways" $KFQ --db t.db import project-problems dup.csv
has err.txt "dup.csv:3: the same problem (project, date raised, description) is already given on line 2" "2017/5/1 is 2017-05-01"
printf 'project,period,investment(万元)\npj2,2017-09,100\npj2,201709,200\n' > dup.csv
check_exit 1 "progress given twice, once as 201709" $KFQ --db t.db import progress dup.csv
has err.txt "dup.csv:3:" "201709 is 2017-09"
printf 'project,year,planned(亿元)\npj1,2017,4\npj1,2017年,5\n' > dup.csv
check_exit 1 "a plan given twice, once as 2017年" $KFQ --db t.db import project-plan dup.csv
has err.txt "dup.csv:3:" "2017年 is 2017"
dump t.db after.sql
same before.sql after.sql "nothing written"

# warn
check "warn on 2017-10-01" $KFQ --db t.db project warn --date 2017-10-01 --format csv
has out.txt "kind,project,name,park,detail" "warn csv header"
has out.txt "not started,pj3,三号项目,p2,planned start 2017-09" "pj3 should have started in September"
has out.txt "overdue problem,pj3,三号项目,p2,用地指标未落实; 国土分局; deadline 2017-09-30; 1 day overdue" "pj3's problem is a day overdue"
hasnt out.txt "施工用电" "pj1's resolved problem is not a warning"
hasnt out.txt "not started,pj1" "pj1 started"
check "warn defaults to KFQ_TODAY" $KFQ --db t.db project warn --format csv
has out.txt "not started,pj3" "the same warnings on KFQ_TODAY"
# the year is judged once December has ended: on 2018-01-01, on the 2017 plan
check "warn on 2018-01-01" $KFQ --db t.db project warn --date 2018-01-01 --format csv
has out.txt "behind schedule,pj3" "pj3 has invested nothing of its plan"
hasnt out.txt "behind schedule,pj4" "pj4's 95.3% is within 10 points of 100%"
hasnt out.txt "behind schedule,pj1" "pj1 completed 102.5%"
check "warn --threshold 4" $KFQ --db t.db project warn --date 2018-01-01 --threshold 4 --format csv
has out.txt "behind schedule,pj4,河道整治,p2,2017: 95.3% of the 2017 plan (1.50 亿元) against 100.0% of the year elapsed" "pj4 is 4.7 points behind"
check "warn in September" $KFQ --db t.db project warn --date 2017-09-15 --threshold 0 --format csv
hasnt out.txt "behind schedule,pj1" "pj1's 75.0% at 1-8月 is ahead of 66.7%"
hasnt out.txt "not started,pj3" "pj3 is not late in its planned month"
# On 2017-10-01 only the months through September have ended: pj4 filed 1-9月
# 6000 万元 (40.0% of 1.5 亿元) and, early, 1-10月 14000 万元 (93.3%); it is
# judged on 1-9月, 40.0% against 75.0% (9 / 12) of the year, 35 points behind
# (on 1-10月 it would have been ahead of 83.3%).
cp t.db w.db
printf 'project,period,investment(万元),physical,note\npj4,2017年1-9月,6000,,\npj4,2017年1-10月,14000,,\n' > early.csv
check "pj4 files 1-9月 and 1-10月" $KFQ --db w.db import progress early.csv
check "warn on 2017-10-01, October not ended" $KFQ --db w.db project warn --date 2017-10-01 --format csv
has out.txt "behind schedule,pj4,河道整治,p2,2017年1-9月: 40.0% of the 2017 plan (1.50 亿元) against 75.0% of the year elapsed" "judged on January-September"
check "warn on 2017-11-01" $KFQ --db w.db project warn --date 2017-11-01 --format csv
hasnt out.txt "behind schedule,pj4" "once October has ended, 93.3% against 83.3% is not behind"
check "warn on 2017-01-20" $KFQ --db w.db project warn --date 2017-01-20 --format csv
hasnt out.txt "behind schedule" "in January nothing of 2017 has ended (and 2016 had no plans)"
check "warn for park p1" $KFQ --db t.db project warn --date 2017-10-01 --unit p1 --format csv
hasnt out.txt "pj3" "pj3 is in p2"
check "warn table" $KFQ --db t.db project warn --date 2017-10-01
has out.txt "重点项目预警" "the table's title"
check_exit 1 "warn with a bad date" $KFQ --db t.db project warn --date 2017-02-30
has err.txt "2017年3月5日" "lists the date forms"
check_exit 1 "warn with a bad threshold" $KFQ --db t.db project warn --threshold ten
check_exit 1 "KFQ_TODAY not a date" env KFQ_TODAY=soon $KFQ --db t.db project warn
has err.txt "KFQ_TODAY" "names KFQ_TODAY"

# a suspended project, a resolved problem (in the project's history)
sed 's/^pj3,三号项目,industrial,p2,,3670,zone,8,2017-09,,2019-01,,approved,,/pj3,三号项目,industrial,p2,,3670,zone,8,2017-09,,2019-01,,suspended,资金未到位,/' $P/projects.csv > susp.csv
check "suspend pj3" $KFQ --db t.db import projects susp.csv
printf 'project,raised,description,dept,deadline,resolved\npj3,2017-08-01,用地指标未落实,国土分局,2017-09-30,2017-10-20\n' > solved.csv
check "resolve pj3's problem" $KFQ --db t.db import project-problems solved.csv
check "warn after" $KFQ --db t.db project warn --date 2017-11-01 --format csv
has out.txt "suspended,pj3,三号项目,p2,资金未到位" "suspended, with the reason"
hasnt out.txt "not started,pj3" "a suspended project is not 'not started'"
hasnt out.txt "overdue problem" "the resolved problem is gone"
check "warn looking back" $KFQ --db t.db project warn --date 2017-10-15 --format csv
has out.txt "overdue problem,pj3" "on 2017-10-15 the problem was still open"
check "list --status 停缓建" $KFQ --db t.db project list --status 停缓建 --format csv
has out.txt "pj3," "the suspended project"
check "show pj3 history" $KFQ --db t.db project show pj3
has out.txt "status: approved → suspended" "the status change is in the history"
has out.txt "2017-10-20" "the resolution"

# the command and its subcommands
check_exit 1 "an unknown subcommand" $KFQ --db t.db project frob
has err.txt "list, show, stats or warn" "lists the subcommands"
check_exit 1 "no subcommand" $KFQ --db t.db project
check "project --help" $KFQ --db t.db project --help
has out.txt "--threshold N" "help from the option table"
check "project warn --help" $KFQ --db t.db project warn --help
has out.txt "usage: kfq [--db FILE] project warn" "a subcommand's help is its own"
has out.txt "--threshold N" "with its options"
hasnt out.txt "--status" "and not the others'"
check "kfq help lists project" $KFQ help
has out.txt "project" "project is a command"
