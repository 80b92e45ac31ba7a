# t0010-init: creating and opening databases; the global contracts.
check_exit 1 "a command on a missing database fails with exit 1" $KFQ --db none.db show sales
has err.txt "no database at none.db" "the message names the missing database and how to create it"
check "init creates a database" $KFQ --db t.db init
has out.txt "schema version 23" "init reports the schema version"
check "init on an existing database upgrades in place (nothing to do)" $KFQ --db t.db init
KFQ_DB=t.db check "the database comes from \$KFQ_DB" $KFQ history
check "./kfq.db is the default" $KFQ init
[ -f kfq.db ] && ok "kfq.db created in the working folder" || bad "kfq.db not created"
printf 'not a database at all, just text that is long enough to be a header......................................................\n' > junk.db
cp junk.db junk.orig
check_exit 1 "a file that is not a database is refused" $KFQ --db junk.db init
has err.txt "junk.db" "the refusal names the file"
same junk.db junk.orig "the refused file is left as it was"
check_exit 1 "an unknown command exits 1" $KFQ --db t.db frobnicate
has err.txt 'unknown command "frobnicate"' "it names the unknown command"
check_exit 1 "an unknown option exits 1" $KFQ --db t.db show sales --colour red
has err.txt "unknown option --colour" "it names the unknown option"
check_exit 1 "a missing argument exits 1" $KFQ --db t.db import units
has err.txt "usage: kfq import KIND FILE" "it shows the usage"
for c in init import export show bulletin history demo help; do
	check "kfq $c --help" $KFQ $c --help
	has out.txt "usage: kfq [--db FILE] $c" "kfq $c --help shows its usage"
done
check "kfq --help lists the commands" $KFQ --help
has out.txt "bulletin" "the command list names bulletin"
check_exit 1 "no command at all exits 1 with the usage" $KFQ
has err.txt "usage: kfq" "it prints the usage"

# another application's database, or an empty file, is never made kfq's
# except by init on an empty file (issue 13, defect 4)
sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1)"
cp other.db other.orig
for cmd in "show taxable_sales --period 2017" "export units" "history" "bulletin --period 2017"; do
	check_exit 1 "kfq $cmd on another application's database is refused" $KFQ --db other.db $cmd
	has err.txt "other.db: not a kfq database (it holds another application's tables)" "saying why"
done
check_exit 1 "and so is init" $KFQ --db other.db init
same other.orig other.db "the file is byte for byte as it was"
equal "$(ls other.db-wal other.db-shm 2>/dev/null)" "" "with no journal beside it"
: > empty.db
check_exit 1 "a command on an empty file is refused" $KFQ --db empty.db export units
has err.txt "empty.db: not a kfq database (an empty file; create one with \`kfq --db empty.db init\`)" \
	"pointing to init"
equal "$(wc -c < empty.db | tr -d ' ')" 0 "the file stays empty"
check "init makes the empty file kfq's" $KFQ --db empty.db init
check "then the command works" $KFQ --db empty.db export units

# a new database holds personal data: its owner's only (issue 13, defect 9)
(umask 022; $KFQ --db private.db init > /dev/null)
equal "$(stat -c %a private.db)" 600 "a new database is created 0600 under umask 022"
chmod 640 private.db
$KFQ --db private.db export units > /dev/null
equal "$(stat -c %a private.db)" 640 "a mode set by hand is kept"
