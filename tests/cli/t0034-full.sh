# t0034-full: a full disk and out of memory are the machine's limits, said
# plainly with exit 1 by every command, the database left as it was (issue
# 13, defect 7; the exit codes: README).
$KFQ --db z.db init > /dev/null
check_exit 1 "an XLSX export to a full device exits 1" \
	$KFQ --db z.db export units --format xlsx --output /dev/full
has err.txt "kfq: export: /dev/full: No space left on device" "saying so as a CSV export does"
hasnt err.txt "[ERROR]" "without libxlsxwriter's own lines"

# a small file system that fills up (root only; skipped where it cannot be made)
awk 'BEGIN { print "code,name,kind,parent"; print "z,开发区,zone,";
	for (i = 0; i < 3000; i++) printf "e%d,企业%d有限公司的一个相当长的名字,enterprise,z\n", i, i }' > many.csv
mkdir small
if mount -t tmpfs -o size=512k tmpfs small 2> /dev/null; then
	$KFQ --db small/z.db init > /dev/null
	$KFQ --db small/z.db export units > before.csv
	check_exit 1 "an import onto a full disk exits 1" $KFQ --db small/z.db import units many.csv
	has err.txt "small/z.db: no space left on device: the change was not saved" "saying so plainly"
	$KFQ --db small/z.db export units > after.csv
	same before.csv after.csv "the database is as it was"
	dd if=/dev/zero of=small/fill bs=4k > /dev/null 2>&1
	check_exit 1 "an XLSX export onto the full disk exits 1" \
		$KFQ --db z.db export units --format xlsx --output small/u.xlsx
	has err.txt "kfq: export: small/u.xlsx: No space left on device" "saying so"
	hasnt err.txt "[ERROR]" "without libxlsxwriter's own lines"
	check_exit 1 "so does a CSV export" $KFQ --db z.db export units --output small/u.csv
	has err.txt "kfq: export: small/u.csv: No space left on device" "saying so"
	umount small
else
	ok "skipped: a small file system cannot be mounted here"
fi

# a file-size limit (ulimit -f) that the database's log would pass: the
# machine's limit too (it was "disk I/O error", exit 2, found by make torture)
$KFQ --db lim.db init > /dev/null
$KFQ --db lim.db export units > before.csv
(trap '' XFSZ; ulimit -f 100; $KFQ --db lim.db import units many.csv > out.txt 2> err.txt; echo $? > rc.txt)
equal "$(cat rc.txt)" 1 "an import past the file-size limit exits 1"
has err.txt "lim.db: the file would grow past this process's file-size limit (ulimit -f): the change was not saved" "saying so plainly"
$KFQ --db lim.db export units > after.csv
same before.csv after.csv "the database is as it was"
equal "$(sqlite3 lim.db 'PRAGMA integrity_check')" ok "and whole"

# out of memory: the release build under a memory limit (the sanitizer's
# build needs more address space than any limit), reading a pipe that
# holds more than the limit
if [ -n "${KFQ_REL:-}" ]; then
	(ulimit -v 200000; head -c 300000000 /dev/zero | tr '\0' a \
		| "$KFQ_REL" --db z.db import data /dev/stdin > /dev/null 2> err.txt; echo $? > rc.txt)
	equal "$(cat rc.txt)" 1 "out of memory exits 1 (not 134, an abort)"
	has err.txt "kfq: out of memory (" "saying so plainly"
else
	ok "skipped: no release build (\$KFQ_REL) to run under a memory limit"
fi
