# t0037-busy: a database another kfq is writing is waited for, with a
# notice, then given up with exit 1 and a plain message (issue 13, defect
# 7). The lock is held by a sqlite3 shell fed through a pipe, and every
# wait is for a condition (the lock taken, the notice printed), not a
# guess of how long something takes.
UNITS=$DATA/../../docs/examples/units.csv
# hold_lock DB: a sqlite3 shell fed through a pipe (fd 3) takes DB's write
# lock ($holder its process); let_go commits and ends it
hold_lock() {
	rm -f lock.in locked
	mkfifo lock.in
	sqlite3 "$1" < lock.in > lock.out 2>&1 &
	holder=$!
	exec 3> lock.in
	printf 'BEGIN IMMEDIATE;\n.system touch locked\n' >&3
	wait_for locked
}
let_go() {
	printf 'COMMIT;\n' >&3
	exec 3>&-
	wait $holder
}
$KFQ --db w.db init > /dev/null
hold_lock w.db && ok "another program holds the write lock" || bad "the lock was not taken"

check "reading is not held up by the writer" $KFQ --db w.db export units
check_exit 1 "a write gives up past KFQ_BUSY_TIMEOUT with exit 1" env KFQ_BUSY_TIMEOUT=2 \
	$KFQ --db w.db import units $UNITS
has err.txt "kfq: another kfq is writing to w.db; waiting for it (up to 2 s)..." \
	"telling while it waits"
has err.txt "w.db: another kfq is writing to the database and has not finished after 2 s: try again when it has" \
	"then saying another kfq is writing, and to try again"
hasnt err.txt "database is locked" "not SQLite's words"

# a writer that finishes within the wait: the import goes through
KFQ_BUSY_TIMEOUT=60 $KFQ --db w.db import units $UNITS > imp.out 2> imp.err &
importer=$!
wait_for imp.err "waiting for it (up to 60 s)" && ok "the import waits, and says so" \
	|| bad "the import does not say that it waits"
let_go
wait $importer
equal "$?" 0 "once the lock is let go, the import goes through"
has imp.out "9 added" "and adds the units"

check_exit 1 "KFQ_BUSY_TIMEOUT must be a number of seconds" env KFQ_BUSY_TIMEOUT=soon \
	$KFQ --db w.db export units
has err.txt 'KFQ_BUSY_TIMEOUT: "soon" is not a number of seconds' "saying so"

# kfq serve answers a busy database with 503 and Retry-After: not as a
# version conflict (409) to a value's writer, nor as a wrong password (401)
# to one signing in
top=$(cd "$DATA/../.." && pwd)
. "$top/tests/cli/serve_lib.sh"
demo_copy d.db
echo "stat-password-1" | $KFQ --db d.db user add stat --unit danyang --role statistician > /dev/null
KFQ_BUSY_TIMEOUT=1 start_server d.db serve.log
login stat stat-password-1 jar
cs=$csrf
hold_lock d.db && ok "another program holds the demo's write lock" || bad "the lock was not taken"
out=$(curl -s -D headers.txt -o body.json -w '%{http_code} %{time_total}' -X PUT -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $cs" -H 'If-Match: *' -b jar --data '{"value": "0.02"}' \
	"http://$A/api/v1/observations/ent0001/taxable_sales/2017-08")
code=${out% *}
equal "$code" 503 "a value written meanwhile is 503, not a conflict"
# (the server's own 15 s unless KFQ_BUSY_TIMEOUT is set: it was ignored)
awk -v t="${out#* }" 'BEGIN { exit !(t < 10) }' && ok "after KFQ_BUSY_TIMEOUT's 1 s, not 15 (${out#* } s)" ||
	bad "the 503 came after ${out#* } s, not KFQ_BUSY_TIMEOUT's 1 s"
has headers.txt "Retry-After:" "with Retry-After"
post /api/v1/login '{"name": "stat", "password": "stat-password-1"}'
equal "$code" 503 "signing in meanwhile is 503, not a wrong password"
let_go
stop_server "the server stops"
