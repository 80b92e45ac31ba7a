# t0033-damaged: a database with a damaged page is not written to (issue 13,
# item 10): an import that never read the page committed. Before its first
# write kfq runs PRAGMA quick_check; a damaged database is refused with
# exit 1, naming what the check found and saying to restore a backup, the
# file left as it was; what is whole is still read.
demo_copy d.db
# the root page of the households' table, its header overwritten (a bad
# sector, a stray write): no import of data or case step reads it
page=$(sqlite3 d.db "SELECT rootpage FROM sqlite_master WHERE name = 'household'")
size=$(sqlite3 d.db "PRAGMA page_size")
printf 'kfq-damage-kfq-damage-kfq-damage' | dd of=d.db bs=1 seek=$(((page - 1) * size)) conv=notrunc 2>/dev/null
case "$(sqlite3 d.db 'PRAGMA quick_check' | head -1)" in
ok) bad "the page is damaged (quick_check says ok)" ;;
*) ok "the page is damaged (quick_check says so)" ;;
esac
cp d.db before.db

printf 'unit,indicator,period,value,measure\nbinhai,budget_revenue,2016,4.62,亿元\n' > v.csv
check_exit 1 "an import into a damaged database is refused" $KFQ --db d.db import data v.csv
has err.txt "d.db: the database is damaged (PRAGMA quick_check: " "saying it is damaged, and what the check found"
has err.txt "nothing was changed; restore it from a backup" "and what to do"
same d.db before.db "the file is as it was"
check_exit 1 "a case step too" $KFQ --db d.db case reopen wt0017 --date 2017-12-31 --note again
has err.txt "the database is damaged" "saying so"
check "show still reads what is whole" $KFQ --db d.db show taxable_sales --unit danyang --period 2017
has out.txt "349.42" "the figure"
same d.db before.db "the file is still as it was"

# the same import into the whole database is taken
demo_copy whole.db
check "the same import into a whole database" $KFQ --db whole.db import data v.csv
has out.txt "1 changed" "is taken"
