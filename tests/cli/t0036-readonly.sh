# t0036-readonly: a database this account cannot write (a 0444 file, a
# read-only folder or mount) is read as usual, and every write says the
# file is read-only, exit 1 (issue 13, defect 5).
UNITS=$DATA/../../docs/examples/units.csv
# ro_checks DB WHAT WHY [all]: show works and an import is refused saying
# WHY; with "all", the other reads and a case step (allowed: wt0017 is
# confirmed) as well.
ro_checks() {
	check "show on $2" as_reader $KFQ --db $1 show taxable_sales --unit danyang --period 2017
	has out.txt "349.42" "it shows the figure"
	check_exit 1 "an import into $2 is refused with exit 1" \
		as_reader $KFQ --db $1 import units $UNITS
	has err.txt "$1: the database is read-only ($3): kfq can read it but not change it" \
		"saying that the file is read-only, and why"
	[ "${4:-}" = all ] || return 0
	check "bulletin on $2" as_reader $KFQ --db $1 bulletin --period 2017
	has out.txt "349.42" "the bulletin has the figure"
	check "export on $2" as_reader $KFQ --db $1 export units
	has out.txt "danyang" "the export has the units"
	check_exit 1 "a case step on $2 is refused" \
		as_reader $KFQ --db $1 case reopen wt0017 --date 2017-12-31 --note again
	has err.txt "$1: the database is read-only ($3)" "saying so"
}

# a 0444 file in a folder kfq may write (SQLite makes its -shm there)
demo_copy ro.db
chmod 444 ro.db
ro_checks ro.db "a 0444 file" "the file is not writable" all
# households' contacts are shown only when the asking can be recorded
check_exit 1 "export households --with-contacts from a 0444 file is refused" \
	as_reader $KFQ --db ro.db export households --with-contacts --output hh.csv
has err.txt "households' names, addresses and phones are shown only when the asking is recorded in the audit log, and it cannot be: ro.db: the database is read-only" "saying why"
equal "$(ls hh.csv 2>/dev/null)" "" "no file was written"
check "export households from it (no contacts)" as_reader $KFQ --db ro.db export households
same ro.db "$DEMO_DB" "the file is as it was"

# a read-only folder: SQLite cannot make the write-ahead log's index, so
# the file is read as immutable
mkdir rodir
demo_copy rodir/zone.db
chmod 555 rodir
ro_checks rodir/zone.db "a file in a read-only folder" \
	"its folder is not writable, and SQLite keeps its write-ahead log there" all
equal "$(ls rodir)" "zone.db" "no journal was made beside it"
chmod 755 rodir
chmod 444 rodir/zone.db
chmod 555 rodir
ro_checks rodir/zone.db "a 0444 file in a read-only folder" "the file is not writable"
same rodir/zone.db "$DEMO_DB" "the file is as it was"
chmod 755 rodir

# a log beside it that holds changes not yet in the file cannot be read
# without writing: refused, never ignored
mkdir wal ctl.d
mkfifo ctl.d/in
$KFQ --db wal/w.db init > /dev/null
sqlite3 wal/w.db < ctl.d/in > /dev/null 2>&1 &
holder=$!
exec 3> ctl.d/in
printf "PRAGMA wal_autocheckpoint = 0;\nINSERT INTO meta(key, value) VALUES ('x', 'y');\n.system touch ctl.d/written\n" >&3
wait_for ctl.d/written || bad "the sqlite3 shell wrote nothing"
mkdir rowal
cp wal/w.db wal/w.db-wal rowal/
exec 3>&-
wait $holder
chmod 555 rowal
check_exit 1 "a read-only folder with a write-ahead log of changes is refused" \
	as_reader $KFQ --db rowal/w.db show taxable_sales --period 2017
has err.txt "its write-ahead log rowal/w.db-wal holds changes that cannot be read without writing" \
	"saying why"
chmod 755 rowal

# an older schema cannot be upgraded in a read-only file: said plainly
$KFQ --db old.db init > /dev/null
v=$(sqlite3 old.db "PRAGMA user_version")
sqlite3 old.db "PRAGMA user_version = $((v - 1))"
chmod 444 old.db
check_exit 1 "a read-only database of an older schema is refused" \
	as_reader $KFQ --db old.db show taxable_sales --period 2017
has err.txt "old.db: the database has schema version $((v - 1)) and this kfq needs $v, but it is read-only (the file is not writable), so it cannot be upgraded" \
	"saying it cannot be upgraded, and why"
