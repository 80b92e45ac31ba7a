# t0032-messages-zh: the library's messages in Chinese on the command line
# (base/msg_zh.c): Chinese by default, English when the locale is English
# (LC_ALL, LC_MESSAGES, LANG: lib.sh sets LC_MESSAGES=en_US.UTF-8 for the
# other scripts) or with the global --lang en or KFQ_LANG=en; the same rows
# named at the same file:line; every message and result in Chinese;
# a bad language is refused.
$KFQ --db t.db init >/dev/null
for k in units indicators groups data targets; do $KFQ --db t.db import $k $DATA/$k.csv >/dev/null; done
dump t.db before.sql

# the default: Chinese, unless the locale is English
for loc in "" C C.UTF-8 POSIX zh_CN.UTF-8 zh_CN.GB18030; do
	env -u LC_ALL -u LC_MESSAGES LANG=$loc $KFQ --db t.db import data $DATA/bad_data.csv > out.txt 2> err.txt
	has err.txt 'bad_data.csv: 7 行有错（共 8 行），未导入任何数据' "in Chinese by default (LANG=\"$loc\")"
done
env -u LC_ALL -u LC_MESSAGES -u LANG $KFQ --db t.db import data $DATA/bad_data.csv > out.txt 2> err.txt
has err.txt '未导入任何数据' "in Chinese with no locale set at all"
env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 $KFQ --db t.db import data $DATA/bad_data.csv > out.txt 2> err.txt
has err.txt 'nothing was imported' "in English when LANG=en_US.UTF-8"
env -u LC_MESSAGES LANG=zh_CN.UTF-8 LC_ALL=en_GB.UTF-8 $KFQ --db t.db import data $DATA/bad_data.csv > out.txt 2> err.txt
has err.txt 'nothing was imported' "LC_ALL wins over LANG"
env -u LC_ALL LANG=en_US.UTF-8 LC_MESSAGES=zh_CN.UTF-8 $KFQ --db t.db import data $DATA/bad_data.csv > out.txt 2> err.txt
has err.txt '未导入任何数据' "LC_MESSAGES wins over LANG"
env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 KFQ_LANG=en $KFQ --db t.db import data $DATA/bad_data.csv > out.txt 2> err.txt
has err.txt 'nothing was imported' "KFQ_LANG=en wins over the locale"
env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 $KFQ --db t.db bulletin --period 2017 --unit zone > out.txt 2> err.txt
has out.txt "累计" "the bulletin's headings stay Chinese"
env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 $KFQ --db t.db bulletin --period 2017 --unit zone > out.txt 2> err.txt
has out.txt "累计" "and an English locale changes only the messages, not the reports"

check_exit 1 "a file with bad rows is refused, in English with an English locale" \
	$KFQ --db t.db import data $DATA/bad_data.csv
has err.txt 'bad_data.csv:2: column "value": not a number: "12,3x"' "English row messages"
KFQ_LANG=zh check_exit 1 "KFQ_LANG=zh: the same refusal" $KFQ --db t.db import data $DATA/bad_data.csv
has err.txt 'bad_data.csv:2: 列 "value": 不是数字: "12,3x"（应为 1234.5 这样的数字）' \
	"a bad number in Chinese, with file, line and column"
has err.txt 'bad_data.csv:3: 列 "period": 不是期间: "2017-13"（应为以下形式之一: 2017, 2017年' \
	"a bad period, with the accepted forms"
has err.txt 'bad_data.csv:4: 列 "unit": 未知的单位 "nobody"（请先用单位文件导入）' "an unknown unit"
has err.txt 'bad_data.csv:5: 列 "indicator": 未知的指标 "nothing"' "an unknown indicator"
has err.txt 'bad_data.csv:7: 同一单位、指标和期间已在第 6 行给出' "a row given twice, with the earlier line"
has err.txt 'bad_data.csv:8: 指标 "va_rate" 由公式计算' "data for a formula indicator"
has err.txt 'bad_data.csv:9: 列 "value": 此处应为数字，但值为空' "an empty value"
has err.txt 'bad_data.csv: 7 行有错（共 8 行），未导入任何数据' "the summary says nothing was imported"
hasnt err.txt 'not a number' "no English row message is left"
hasnt err.txt "bad_data.csv:6:" "the good row is not reported"
n=$(grep -c '^kfq: ' err.txt)
check_exit 1 "--lang zh does the same" $KFQ --lang zh --db t.db import data $DATA/bad_data.csv
equal "$(grep -c '^kfq: ' err.txt)" "$n" "the same number of lines"
has err.txt 'bad_data.csv: 7 行有错（共 8 行）' "in Chinese"
KFQ_LANG=zh check_exit 1 "--lang en wins over KFQ_LANG" \
	$KFQ --db t.db --lang=en import data $DATA/bad_data.csv
has err.txt "7 of 8 rows are bad; nothing was imported" "in English"
dump t.db after.sql
same before.sql after.sql "the database is unchanged"

# more than 50 bad rows: the count of the rest in Chinese too
{ echo "unit,indicator,period,value"; i=1; while [ $i -le 60 ]; do echo "e1,sales,2017-0x,$i"; i=$((i+1)); done; } > many.csv
KFQ_LANG=zh check_exit 1 "a file with 60 bad rows" $KFQ --db t.db import data many.csv
equal "$(grep -c 'many.csv:[0-9]*: 列 "period"' err.txt)" 50 "the first 50 bad rows are listed"
has err.txt "…… 另有 10 行有错" "then the count of the rest"

# the header and options
printf 'unit,indicator,period\n' > nohead.csv
KFQ_LANG=zh check_exit 1 "a missing column" $KFQ --db t.db import data nohead.csv
has err.txt 'nohead.csv:1: 缺少列 "value"（应有 unit（单位）、indicator（指标）、period（期间）、value（数值）、measure（计量单位，可选））' \
	"is named in Chinese, at line 1, with the columns' Chinese names"
KFQ_LANG=zh check_exit 1 "a bad period option" $KFQ --db t.db show sales --period 2017-13
has err.txt '--period: 不是期间: "2017-13"' "is refused in Chinese, the option named"
KFQ_LANG=zh check_exit 1 "an unknown unit" $KFQ --db t.db show sales --unit nowhere
has err.txt '未知的单位 "nowhere"' "is refused in Chinese"
KFQ_LANG=zh check_exit 1 "a database that does not exist" $KFQ --db none.db show sales
has err.txt "none.db 处没有数据库" "is named in Chinese"

# a bad language is refused
KFQ_LANG=zh check_exit 1 "an unknown export kind" $KFQ --db t.db export nothing
has err.txt '未知的导出类型 "nothing"' "is refused in Chinese"
KFQ_LANG=zh KFQ_BUSY_TIMEOUT=soon check_exit 1 "a bad KFQ_BUSY_TIMEOUT" $KFQ --db t.db show sales
has err.txt 'KFQ_BUSY_TIMEOUT："soon" 不是秒数' "is refused in Chinese (a message the catalogue lacks stays English: test_msg)"
check_exit 1 "--lang fr is refused" $KFQ --lang fr --db t.db show sales
has err.txt '--lang: "fr" is not a language (expected zh or en)' "naming the languages"
KFQ_LANG=fr check_exit 1 "KFQ_LANG=fr too" $KFQ --db t.db show sales
has err.txt 'KFQ_LANG: "fr" is not a language' "naming the variable"
check "--lang zh leaves the output alone" $KFQ --db t.db --lang zh show sales --period 2017-08
check "kfq --help names --lang" $KFQ --help
has out.txt "[--lang zh|en]" "in its usage"

# the help: Chinese by default too (the headings and every command's and
# subcommand's summary), English with --lang en
env -u LC_ALL -u LC_MESSAGES -u LANG $KFQ help > help.txt 2>&1
has help.txt "用法：kfq" "kfq help: the usage in Chinese"
has help.txt "  import     从 CSV 或 XLSX 导入一类记录，全部成功或全部不导入" "each command's summary in Chinese"
hasnt help.txt "all or nothing" "no English summary left"
n=$($KFQ --lang en help | grep -c '^  [a-z]')
equal "$(grep -c '^  [a-z]' help.txt)" "$n" "the same commands as in English"
for c in $($KFQ --lang en help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	env -u LC_ALL -u LC_MESSAGES -u LANG $KFQ help "$c" > h.txt 2>&1
	# the command's summary: the first line after the usage that is not empty
	s=$(sed -n '3p' h.txt)
	case $s in
	*[a-z][a-z][a-z]\ [a-z][a-z]*) bad "kfq help $c: its summary is English: $s" ;;
	*) ok "kfq help $c: its summary in Chinese" ;;
	esac
done
env -u LC_ALL -u LC_MESSAGES -u LANG $KFQ case --help > h.txt 2>&1
has h.txt "办理环节：交办给部门" "kfq case --help: the subcommands' summaries in Chinese"
has h.txt "子命令" "and the headings"
$KFQ --lang en case --help > h.txt 2>&1
has h.txt "a step: to a department" "in English with --lang en"
env -u LC_ALL -u LC_MESSAGES -u LANG $KFQ help case list > h.txt 2>&1
has h.txt "--overdue              list：只列出超过办结时限的未办结问题" "an option's description in Chinese"

# every help text in Chinese, the notes under the options too: no English
# sentence left (two English words of four letters or more, outside a
# command line, a path, an option or a code)
for c in $($KFQ --lang en help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	for s in "" $($KFQ --lang en help "$c" 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
		env -u LC_ALL -u LC_MESSAGES -u LANG $KFQ help $c $s 2>&1
	done
done > allhelp.txt
grep -E '[a-z]{4,} [a-z]{4,}' allhelp.txt | grep -vE 'kfq |docs/|_|--|^  [a-z -]+$' > english.txt
equal "$(wc -l < english.txt | tr -d ' ')" 0 "no English sentence in any help text ($(head -1 english.txt))"
has allhelp.txt "格式见 docs/formats.md。只要有一行有错就不写入任何数据" "kfq help import: its note under the options in Chinese"
has allhelp.txt "KIND 为以下之一" "and the list of kinds"
env -u LC_ALL -u LC_MESSAGES -u LANG $KFQ > usage.txt 2>&1
has usage.txt "用法：kfq [--db 文件]" "kfq alone: the usage in Chinese"
has usage.txt "退出码：0 成功" "with the exit codes"
check_exit 1 "an unknown command" env -u LC_ALL -u LC_MESSAGES -u LANG $KFQ nosuch
has err.txt '未知命令 "nosuch"' "refused in Chinese"

# a Chinese help line breaks between Chinese characters, never before
# closing punctuation: no line of the help is wider than 78 columns
awk '{ w = 0; n = split($0, ch, ""); for (i = 1; i <= n; i++) { c = ch[i]
	if (c ~ /[\200-\277]/) continue; w += (c ~ /[\340-\357]/) ? 2 : 1 } if (w > 78) print }' \
	allhelp.txt > wide.txt
equal "$(wc -l < wide.txt | tr -d ' ')" 0 "every help line within 78 columns ($(head -1 wide.txt))"
grep -nE '^ *(，|。|、|；|：|）|」|》)' allhelp.txt > lead.txt
equal "$(wc -l < lead.txt | tr -d ' ')" 0 "no help line begins with closing punctuation ($(head -1 lead.txt))"

# the catalogue is GNU gettext's PO file, checked as msgfmt checks it
# (a translation's printf conversions against the English's), and the
# build's conversion of it refuses what it cannot honour
po=$DATA/../../po/zh_CN.po
check "po/zh_CN.po passes msgfmt --check" msgfmt --check -o /dev/null "$po"
printf 'msgid "a %%s"\nmsgstr "甲 %%s"\n\nmsgid "b"\nmsgstr ""\n\n#, fuzzy\nmsgid "c"\nmsgstr "丙"\n' > ok.po
check "po2c reads a catalogue" sh $DATA/../../scripts/po2c ok.po
has out.txt '{ "a %s",' "a translated entry is kept"
hasnt out.txt '"b"' "an empty translation is left out (the text stays English)"
hasnt out.txt '"c"' "a fuzzy one too, as gettext leaves it"
printf 'msgid "a"\nmsgstr "甲"\n\nmsgid "a"\nmsgstr "乙"\n' > twice.po
check_exit 1 "po2c refuses a msgid given twice" sh $DATA/../../scripts/po2c twice.po
has err.txt "twice.po:4: msgid given twice (first at line 1)" "naming both lines"
printf 'msgid "a"\nmsgstr "甲"\nthis is not PO\n' > broken.po
check_exit 1 "po2c refuses a line that is not PO" sh $DATA/../../scripts/po2c broken.po
has err.txt "broken.po:3: not a PO line" "naming the line"

# the commands' results in Chinese on the demo: the words around the
# figures, the warnings' and the overdue cases' sentences, a case's steps;
# no English sentence left in any of them
demo_copy
zh() { env -u LC_ALL -u LC_MESSAGES -u LANG $KFQ --db demo.db "$@" 2>&1; }
S=$DATA/../../docs/examples/schemes/jiangsu-zones-2017.scheme
zh project warn --date 2017-11-01 > r.txt
has r.txt "滞后序时进度" "project warn: the kind of warning in Chinese"
has r.txt "2017年1-10月：完成 59.0%（2017 年计划 7.38 亿元），序时进度 83.3%" "and its sentence"
has r.txt "已超期 1 天" "an overdue problem's"
zh case overdue --date 2017-12-01 > r.txt
has r.txt "报督查部门督办" "case overdue: escalate, in Chinese"
zh case show wt1674 > r.txt
has r.txt "交办：已登记 → 已交办" "case show: its steps in Chinese"
has r.txt "办理：已受理 → 办理中；" "with their notes"
zh validate --period 2017-08 > r.txt
has r.txt "已审核 2017-08：8 条规则" "validate: its summary in Chinese"
zh assess sensitivity $S --period 2017 > r.txt
has r.txt "蒙特卡罗模拟：1000 次" "assess sensitivity: the simulation in Chinese"
zh export units --output u.csv > r.txt
zh import units u.csv > r.txt
grep -qE "^u.csv：[0-9]+ 行：新增 0，修改 0，未变 [0-9]+$" r.txt && ok "import: its result line in Chinese" || bad "import: its result line: $(cat r.txt)"
zh import data /nonexistent.csv > r.txt
has r.txt "没有该文件或目录" "the system's words for a missing file in Chinese"
for c in "bulletin --period 2017-08" "show taxable_sales --period 2017-08 --unit danyang" \
	"project list" "project show xm05" "project stats --period 2017 --unit danyang" \
	"project warn --date 2017-11-01" "lead list" "lead stats --period 2017 --unit danyang" \
	"lead funnel" "case list --overdue --date 2017-12-01" "case overdue --date 2017-12-01" \
	"case show wt1674" "case stats --period 2017" "visit stats --period 2017" \
	"index show" "index contributions --period 2017-12" "index flags --period 2017-08" \
	"assess show $S --period 2017" "assess show $S --period 2017 --explain" \
	"assess show $S --period 2017 --entity danyang --explain" "assess sensitivity $S --period 2017" \
	"finance fund" "finance loans" "finance meetings" "finance warn --date 2017-12-01" \
	"approval status --period 2017-08" "findings list" "validate --period 2017-08" \
	"missing --period 2017-08 --unit danyang" "revisions --unit danyang --period 2017-08" \
	"ledger rows new_hightech_ent --unit danyang --period 2017" "show nosuch" \
	"bulletin --period 2017-13" "case assign nosuch" "project show nosuch"; do
	zh $c
done > all.txt
grep -E '[A-Za-z]{4,}[ :,]+[a-z]{3,} [a-z]{2,}' all.txt | grep -vE 'docs/|kfq [a-z]' > english.txt
equal "$(wc -l < english.txt | tr -d ' ')" 0 "no English sentence in 35 commands' results ($(head -1 english.txt))"
