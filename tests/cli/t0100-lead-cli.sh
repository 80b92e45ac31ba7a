# t0100-lead-cli: kfq lead list, show, stats and funnel on the hand-checked
# pipeline of tests/data/leads (5 leads in two parks, 2016-2017), and the
# stage rules an import must keep.
export KFQ_TODAY=2017-12-31
L=$DATA/leads
P=$DATA/projects
$KFQ --db t.db init >/dev/null
$KFQ --db t.db import units $DATA/units.csv >/dev/null
$KFQ --db t.db import projects $P/projects.csv >/dev/null
$KFQ --db t.db import project-plan $P/plan.csv >/dev/null
$KFQ --db t.db import progress $P/progress.csv >/dev/null
$KFQ --db t.db import project-problems $P/problems.csv >/dev/null
check_exit 1 "stats before any lead import" $KFQ --db t.db lead stats --period 2017
has err.txt "import leads first" "stats says to import leads first"
check "list with no leads" $KFQ --db t.db lead list --format csv
equal "$(wc -l < out.txt | tr -d ' ')" 1 "no leads: only the header"
check "import leads" $KFQ --db t.db import leads $L/leads.csv
check "import lead stages" $KFQ --db t.db import lead-stages $L/stages.csv

# importing the stages again changes nothing
dump t.db before.sql
check "the same stages again" $KFQ --db t.db import lead-stages $L/stages.csv
has out.txt "0 added, 0 changed, 17 unchanged" "every stage is already there"
dump t.db after.sql
grep -v import_log before.sql > b.sql; grep -v import_log after.sql > a.sql
same b.sql a.sql "a repeated stages import leaves the database as it was"

# list
check "list" $KFQ --db t.db lead list --format csv
has out.txt "code,name,investor,origin,industry,park,total_investment,foreign_investment,officer,source,stage,stage_date,enterprise,project" "list csv header"
has out.txt "ld1,光学镜片新厂,东洋光学株式会社,日本,眼镜,p1,5.00,3000,王强,展会,started,2017-06-01,e1,pj1" "ld1: started, linked to e1 and pj1"
has out.txt "ld2,精密轴承,华东轴承集团,江苏,装备,p2,12.00,,李明,以商引商,landed,2017-08-08,e3," "ld2: landed, no foreign capital"
has out.txt "ld3,生物药研发,海外生物,美国,医药,p2,30.00,5000,张华,赴外招商,signed,2017-11-11,," "ld3: signed"
has out.txt "ld5,汽配二期,日系汽配,日本,汽配,p2,3.00,1000,李明,以商引商,dropped,2017-09-01,," "ld5: dropped"
equal "$(wc -l < out.txt | tr -d ' ')" 6 "five leads"
check "list in a table" $KFQ --db t.db lead list
has out.txt "一号园区" "the table names the park"
has out.txt "注册落户" "the table gives the stage in Chinese"
has out.txt "总投资(亿元)" "the table's investment heading"
check "list --date 2017-06-30" $KFQ --db t.db lead list --date 2017-06-30 --format csv
equal "$(csv_field out.txt ld2, stage)" "signed" "on 2017-06-30 ld2 was signed"
equal "$(csv_field out.txt ld2, stage_date)" "2017-05-20" "since 2017-05-20"
equal "$(csv_field out.txt ld4, stage)" "contact" "ld4 was still in contact"
check "list --date before any stage" $KFQ --db t.db lead list --date 2016-01-01 --format csv
equal "$(csv_field out.txt ld1, stage)" "" "no stage yet in 2016"
check "list --stage negotiation" $KFQ --db t.db lead list --stage negotiation --format csv
equal "$(grep -c '^ld' out.txt)" 1 "one lead negotiating now"
has out.txt "ld4," "ld4"
check "list --stage 洽谈 --date 2017-06-30 (Chinese)" $KFQ --db t.db lead list --stage 洽谈 --date 2017-06-30 --format csv
has out.txt "ld3," "ld3 was negotiating in June"
has out.txt "ld5," "ld5 too"
hasnt out.txt "ld4," "ld4 was not yet"
check "list --stage 终止" $KFQ --db t.db lead list --stage 终止 --format csv
has out.txt "ld5," "ld5 was dropped"
equal "$(grep -c '^ld' out.txt)" 1 "only ld5"
check "list --park p1" $KFQ --db t.db lead list --park p1 --format csv
has out.txt "ld1," "ld1 is meant for p1"
has out.txt "ld4," "ld4 too"
hasnt out.txt "ld2," "ld2 is meant for p2"
check_exit 1 "list --park of the zone (not a park)" $KFQ --db t.db lead list --park zone
check "list json" $KFQ --db t.db lead list --format json
has out.txt '"total_investment": 30.00' "json numbers are numbers"
has out.txt '"foreign_investment": null' "an empty figure is null"
check_exit 1 "list --stage unknown" $KFQ --db t.db lead list --stage paused
has err.txt "contact, negotiation, signed, landed, started, dropped" "lists the stages"
has err.txt "接洽, 洽谈跟踪, 签约, 注册落户, 开工, 终止" "and their Chinese names"
check_exit 1 "list --park unknown" $KFQ --db t.db lead list --park p9
has err.txt "p1, p2" "lists the parks"
check_exit 1 "list --park of an enterprise" $KFQ --db t.db lead list --park e1
check_exit 1 "list --date not a date" $KFQ --db t.db lead list --date 2017-02-30
has err.txt "2017年3月5日" "lists the date forms"
check_exit 1 "an option list does not take" $KFQ --db t.db lead list --period 2017
has err.txt "--period does not apply" "says which option does not apply"
check_exit 1 "list with an argument" $KFQ --db t.db lead list ld1

# show
check "show ld1" $KFQ --db t.db lead show ld1
has out.txt "招商项目 ld1 光学镜片新厂" "the heading"
has out.txt "p1 一号园区" "the park, code and name"
has out.txt "东洋光学株式会社" "the investor"
has out.txt "阶段" "stage section"
has out.txt "上一阶段天数" "days in the previous stage"
grep '^签约' out.txt > line.txt
has line.txt "2017-03-01" "signed on 2017-03-01"
has line.txt "50" "after 50 days negotiating"
grep '^开工' out.txt > line.txt
has line.txt "47" "started 47 days after landing"
has out.txt "关联" "links section"
has out.txt "e1    甲公司" "the enterprise it became"
has out.txt "pj1   一号项目" "the key project it became"
has out.txt "变更记录" "history section"
has out.txt "stage: signed → landed" "the history of its stages"
check "show ld5: the reason it was dropped" $KFQ --db t.db lead show ld5
has out.txt "投资方战略调整" "the reason"
grep '^终止' out.txt > line.txt
has line.txt "208" "dropped 208 days after negotiation began"
check "show csv" $KFQ --db t.db lead show ld2 --format csv
has out.txt "ld2,精密轴承,华东轴承集团,江苏,装备,p2,12.00,,李明,以商引商,landed,2017-08-08,e3," "the attributes as one row"
check "show json" $KFQ --db t.db lead show ld3 --format json
has out.txt '"stage": "signed"' "json attributes"
check_exit 1 "show an unknown lead" $KFQ --db t.db lead show ld9
has err.txt "unknown lead" "says unknown lead"
check_exit 1 "show without a code" $KFQ --db t.db lead show
check_exit 1 "show with --date" $KFQ --db t.db lead show ld1 --date 2017-01-01

# stats: the figures are the derived indicators, as kfq show gives them
H=unit,period,landed,landed_investment,pipeline,pipeline_investment,fdi_arrived,fdi_target,fdi_completion
check "stats 2017" $KFQ --db t.db lead stats --period 2017 --unit zone --format csv
has out.txt "$H" "stats csv header"
has out.txt "zone,2017,2,17.00,2,38.00,,," "2 landed (17.00 亿元); pipeline at 2017-12-31: 2 leads, 38.00 亿元"
check "stats 2017-06" $KFQ --db t.db lead stats --period 2017-06 --format csv
has out.txt "zone,2017-06,0,0.00,3,45.00,,," "June: none landed; pipeline 3 leads, 45.00 亿元"
check "stats 2017年1-8月" $KFQ --db t.db lead stats --period 2017年1-8月 --format csv
equal "$(csv_field out.txt zone, landed)" 2 "Jan 1 to Aug 31: ld1 (April) and ld2 (8 August)"
check "stats 2017-04" $KFQ --db t.db lead stats --period 2017-04 --format csv
equal "$(csv_field out.txt zone, landed_investment)" "5.00" "April: ld1's 5.00 亿元"
check "stats 2017Q3" $KFQ --db t.db lead stats --period 2017Q3 --format csv
equal "$(csv_field out.txt zone, landed_investment)" "12.00" "the third quarter: ld2"
check "stats of park p1" $KFQ --db t.db lead stats --period 2017 --unit p1 --format csv
has out.txt "p1,2017,1,5.00,1,8.00,,," "p1: ld1 landed; ld4 negotiating"
for p in 2017 2017-06 2017年1-8月; do
	for i in landed_projects landed_investment pipeline_projects pipeline_investment; do
		$KFQ --db t.db show $i --period $p --format csv > show.csv
		$KFQ --db t.db lead stats --period $p --format csv > stats.csv
		case $i in
		landed_projects) c=landed ;; landed_investment) c=landed_investment ;;
		pipeline_projects) c=pipeline ;; pipeline_investment) c=pipeline_investment ;;
		esac
		equal "$(csv_field stats.csv zone, $c)" "$(csv_field show.csv zone, value)" "$p: lead stats $c is kfq show $i"
	done
done
check "stats --by origin" $KFQ --db t.db lead stats --period 2017 --by origin --format csv
has out.txt "unit,period,origin,landed,landed_investment" "by origin csv header"
has out.txt "zone,2017,日本,1,5.00" "日本: 1 lead, 5.00 亿元"
has out.txt "zone,2017,江苏,1,12.00" "江苏: 1 lead, 12.00 亿元"
equal "$(grep -c '^zone' out.txt)" 2 "two origins"
check "stats --by industry" $KFQ --db t.db lead stats --period 2017 --by industry --format csv
has out.txt "zone,2017,眼镜,1,5.00" "眼镜: ld1"
has out.txt "zone,2017,装备,1,12.00" "装备: ld2"
check "stats --by origin in p1" $KFQ --db t.db lead stats --period 2017 --by origin --unit p1 --format csv
has out.txt "p1,2017,日本,1,5.00" "p1: ld1 from 日本"
hasnt out.txt "江苏" "ld2 is in p2"
check "stats --by origin in June" $KFQ --db t.db lead stats --period 2017-06 --by origin --format csv
equal "$(wc -l < out.txt | tr -d ' ')" 1 "none landed in June"
check "stats --by json" $KFQ --db t.db lead stats --period 2017 --by origin --format json
has out.txt '"landed_investment": 12.00' "json breakdown"
check "stats table" $KFQ --db t.db lead stats --period 2017
for l in 落户项目 "落户项目总投资(亿元)" 已签约或正在洽谈项目 "洽谈项目总投资(亿元)"; do
	has out.txt "$l" "stats table: $l"
done
has out.txt "测试开发区招商引资（2017年）" "the table's title"
hasnt out.txt "外资到账" "no foreign-capital rows without the indicator"
check "stats table --by origin" $KFQ --db t.db lead stats --period 2017 --by origin
has out.txt "按来源地" "the breakdown's title"
has out.txt "17.00" "the totals come first"
check "stats json" $KFQ --db t.db lead stats --period 2017 --format json
has out.txt '"pipeline_investment": 38.00' "json pipeline"
has out.txt '"fdi_arrived": null' "no fdi_arrived indicator: null"
check_exit 1 "stats without --period" $KFQ --db t.db lead stats
has err.txt "--period is required" "says --period is required"
check_exit 1 "stats with a bad period" $KFQ --db t.db lead stats --period 2017-13
has err.txt "2017年1-8月" "lists the period forms"
check_exit 1 "stats --by something else" $KFQ --db t.db lead stats --period 2017 --by park
has err.txt "industry or origin" "says what --by takes"
check_exit 1 "stats of an unknown unit" $KFQ --db t.db lead stats --period 2017 --unit nowhere
check_exit 1 "stats does not take --date" $KFQ --db t.db lead stats --period 2017 --date 2017-01-01

# foreign capital arrived: the ordinary indicator fdi_arrived, with its target
printf 'code,name_zh,name_en,measure,kind,agg,decimals,scope,formula,headline\nfdi_arrived,外资到账,foreign capital arrived,万美元,flow,sum,0,,,0\n' > fdi_ind.csv
printf 'unit,indicator,period,value(万美元)\ne1,fdi_arrived,2017年1-6月,500\ne1,fdi_arrived,2017,1200\n' > fdi.csv
printf 'unit,indicator,year,value(万美元)\nzone,fdi_arrived,2017,2400\n' > fdi_target.csv
$KFQ --db t.db import indicators fdi_ind.csv >/dev/null
$KFQ --db t.db import data fdi.csv >/dev/null
$KFQ --db t.db import targets fdi_target.csv >/dev/null
check "stats with fdi_arrived" $KFQ --db t.db lead stats --period 2017 --format csv
has out.txt "zone,2017,2,17.00,2,38.00,1200,2400,50.0" "1200 of 2400 万美元 arrived: 50.0%"
check "stats with fdi_arrived in June" $KFQ --db t.db lead stats --period 2017-06 --format csv
has out.txt "zone,2017-06,0,0.00,3,45.00,500,2400,20.8" "the year to date at June: 500, 20.8%"
$KFQ --db t.db show fdi_arrived --period 2017-06 --format csv > show.csv
equal "$(csv_field show.csv zone, completion)" "20.8" "the same completion as kfq show"
check "stats table with fdi_arrived" $KFQ --db t.db lead stats --period 2017
has out.txt "外资到账(万美元)" "stats table: 外资到账"
has out.txt "目标(万美元)" "stats table: 目标"
has out.txt "完成(%)" "stats table: 完成(%)"

# funnel
check "funnel on 2017-12-31" $KFQ --db t.db lead funnel --date 2017-12-31 --format csv
has out.txt "stage,leads,conversion,median_days" "funnel csv header"
has out.txt "contact,5,100.0,31.0" "contact: 5, all negotiated, median 31 days"
has out.txt "negotiation,5,60.0,80.0" "negotiation: 5, 60.0% signed, median 80 days"
has out.txt "signed,3,66.7,62.5" "signed: 3, 66.7% landed, median of 45 and 80 days"
has out.txt "landed,2,50.0,47.0" "landed: 2, 50.0% started, 47 days"
has out.txt "started,1,," "started: 1"
has out.txt "dropped,1,," "dropped: 1"
check "funnel defaults to KFQ_TODAY" $KFQ --db t.db lead funnel --format csv
mv out.txt today.csv
$KFQ --db t.db lead funnel --date 2017-12-31 --format csv > dated.csv
same today.csv dated.csv "KFQ_TODAY=2017-12-31 gives the funnel of 2017-12-31"
check "funnel on 2017-05-01" $KFQ --db t.db lead funnel --date 2017-05-01 --format csv
has out.txt "contact,4,100.0,46.0" "May: 4 contacted (ld4 not yet), median of 28, 31, 61, 69"
has out.txt "negotiation,4,25.0,50.0" "May: ld2 had not signed yet"
has out.txt "landed,1,0.0," "May: ld1 landed, not started"
has out.txt "dropped,0,," "nobody dropped yet"
check "funnel table" $KFQ --db t.db lead funnel --date 2017-12-31
has out.txt "招商引资漏斗（截至 2017-12-31）" "the table's title"
has out.txt "洽谈跟踪" "stages in Chinese"
check "funnel json" $KFQ --db t.db lead funnel --date 2017-12-31 --format json
has out.txt '"median_days": 62.5' "json median"
check_exit 1 "funnel with a bad date" $KFQ --db t.db lead funnel --date yesterday
has err.txt "2017-03-05, 2017/3/5" "lists the date forms"
check_exit 1 "KFQ_TODAY not a date" env KFQ_TODAY=soon $KFQ --db t.db lead funnel
has err.txt "KFQ_TODAY" "names KFQ_TODAY"

# the command
check_exit 1 "an unknown subcommand" $KFQ --db t.db lead report
has err.txt "list, show, stats or funnel" "lists the subcommands"
check_exit 1 "no subcommand" $KFQ --db t.db lead
check_exit 1 "a bad format" $KFQ --db t.db lead list --format xml
for s in list show stats funnel; do
	check "lead $s --help" $KFQ lead $s --help
	has out.txt "$s" "lead $s --help describes $s"
done
check "kfq help lead" $KFQ help lead
has out.txt "funnel [--date D]" "help names funnel"
check "kfq --help lists lead" $KFQ --help
has out.txt "lead" "the command list names lead"

# the stage rules: every refused import leaves the database unchanged
dump t.db before.sql
printf 'lead,stage,date,reason\nld3,negotiation,2017-12-01,\n' > back.csv
check_exit 1 "going back without a reason" $KFQ --db t.db import lead-stages back.csv
has err.txt "needs a reason" "says it needs a reason"
printf 'lead,stage,date,reason\nld3,landed,2017-01-01,\n' > early.csv
check_exit 1 "a date before the last stage" $KFQ --db t.db import lead-stages early.csv
has err.txt "move forward" "says stage dates move forward"
printf 'lead,stage,date,reason\nld3,landed,2017-12-20,\n' > noent.csv
check_exit 1 "landing without an enterprise" $KFQ --db t.db import lead-stages noent.csv
has err.txt "must name the enterprise" "says landing needs the enterprise"
printf 'lead,stage,date,reason\nld4,dropped,2017-12-20,\n' > drop.csv
check_exit 1 "dropping without a reason" $KFQ --db t.db import lead-stages drop.csv
has err.txt "dropping a lead needs a reason" "says dropping needs a reason"
printf 'lead,stage,date,reason\nld9,contact,2017-12-20,\n' > nolead.csv
check_exit 1 "a stage of an unknown lead" $KFQ --db t.db import lead-stages nolead.csv
has err.txt "unknown lead" "says unknown lead"
sed 's/^\(ld3,.*\),,$/\1,e1,/' $L/leads.csv > twice.csv
check_exit 1 "linking an enterprise already linked" $KFQ --db t.db import leads twice.csv
has err.txt 'already linked to lead "ld1"' "names the lead it is linked to"
{ cat $L/leads.csv; sed -n 2p $L/leads.csv | sed 's/光学镜片新厂/光学镜片新厂二期/'; } > dup.csv
check_exit 1 "a lead given twice in one file" $KFQ --db t.db import leads dup.csv
has err.txt "this lead is already given on line 2 (expected once per file)" "names the first line"
dump t.db after.sql
same before.sql after.sql "none of the refused imports changed the database"

# going back with a reason, a change of a lead: both in its history
printf 'lead,stage,date,reason\nld3,negotiation,2017-12-01,投资方要求重新议价\n' > back_ok.csv
check "going back with a reason" $KFQ --db t.db import lead-stages back_ok.csv
sed 's/^ld3,生物药研发,海外生物,美国,医药,p2,30,5000,张华,/ld3,生物药研发,海外生物,美国,医药,p2,30,5000,刘洋,/' $L/leads.csv > officer.csv
check "a new officer for ld3" $KFQ --db t.db import leads officer.csv
check "show ld3 after" $KFQ --db t.db lead show ld3
has out.txt "投资方要求重新议价" "the reason is in the stages"
has out.txt "officer: 张华 → 刘洋" "the change is in the history"
check "ld3 is negotiating again" $KFQ --db t.db lead list --stage negotiation --format csv
has out.txt "ld3," "ld3 negotiating"
check "stats after" $KFQ --db t.db lead stats --period 2017 --format csv
has out.txt "zone,2017,2,17.00,2,38.00," "the pipeline still holds ld3 and ld4"
check "funnel after" $KFQ --db t.db lead funnel --date 2017-12-31 --format csv
has out.txt "signed,3,66.7,62.5" "the funnel counts the stages reached"

# Regressions: a pipeline stands into the next year; links stay with landed
# and started leads; an enterprise link must be an enterprise.
KFQ_TODAY=2018-06-30 check "a lead import in mid-2018" $KFQ --db t.db import lead-stages $DATA/leads/stages.csv
check "the pipeline in March 2018" $KFQ --db t.db show pipeline_projects --unit zone --period 2018-03 --format csv
has out.txt "zone,pipeline_projects,2018-03,个,2," "still the two leads of December"
check "landed in 2018" $KFQ --db t.db show landed_projects --unit zone --period 2018 --format csv
has out.txt "zone,landed_projects,2018,个,0," "none landed in 2018"
sed 's/^ld1,\(.*\),e1,pj1$/ld1,\1,,/' $DATA/leads/leads.csv > unlink.csv
dump t.db before.sql
check_exit 1 "a landed lead cannot lose its enterprise" $KFQ --db t.db import leads unlink.csv
has err.txt "has landed; it keeps the enterprise" "it says why"
sed 's/^ld3,\(.*\),,$/ld3,\1,p1,/' $DATA/leads/leads.csv > park.csv
check_exit 1 "a park is not an enterprise" $KFQ --db t.db import leads park.csv
has err.txt '"p1" is not an enterprise' "it says so"
dump t.db after.sql
same before.sql after.sql "the refused imports changed nothing"
