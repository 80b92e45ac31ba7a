# t0038-output: an output that cannot be written is an error, never an
# exit 0 (issue 13, defect 2): exports to /dev/full (CSV, JSON, XLSX, and
# to standard output), the bulletin, show and help to a full standard
# output; a file too big to finish (a file-size limit, as on a full disk)
# leaves the target as it was and no temporary file beside it; a finished
# file replaces the old one whole; households' exports are for their
# owner only (0600), other exports follow the umask; a link keeps pointing
# to the file it names.
demo_copy d.db
for f in csv json xlsx; do
	check_exit 1 "export data --format $f --output /dev/full fails" \
		$KFQ --db d.db export data --format $f --output /dev/full
	has err.txt "/dev/full" "and names the file"
done
# the XLSX writer's own [ERROR] lines come before kfq's message
check_exit 1 "export data > /dev/full fails" sh -c "$KFQ --db d.db export data > /dev/full"
has err.txt "kfq: standard output: " "and says where"
check_exit 1 "a bulletin to a full standard output fails" \
	sh -c "$KFQ --db d.db bulletin --period 2017 > /dev/full"
check_exit 1 "show to a full standard output fails" \
	sh -c "$KFQ --db d.db show taxable_sales --period 2017 > /dev/full"
check_exit 1 "help to a full standard output fails" sh -c "$KFQ help > /dev/full"
check_exit 1 "--help to a full standard output fails" sh -c "$KFQ export --help > /dev/full"

# a file-size limit of 64 KiB: the write fails part way (EFBIG, with the
# signal ignored), as on a full disk
mkdir out
echo "the old file" > out/data.csv
check_exit 1 "an export that cannot finish fails" \
	sh -c "trap '' XFSZ; ulimit -f 64; exec $KFQ --db d.db export data --output out/data.csv"
has err.txt "out/data.csv: File too large" "naming the file and the reason"
equal "$(cat out/data.csv)" "the old file" "the old file is untouched"
equal "$(ls out)" "data.csv" "and no temporary file is left beside it"
check_exit 1 "an XLSX export that cannot finish fails" \
	sh -c "trap '' XFSZ; ulimit -f 64; exec $KFQ --db d.db export data --format xlsx --output out/data.xlsx"
equal "$(ls out)" "data.csv" "no workbook, whole or partial, and no temporary file"
check "with room, the export replaces the old file" $KFQ --db d.db export data --output out/data.csv
$KFQ --db d.db export data > all.csv
same all.csv out/data.csv "whole"
equal "$(ls out)" "data.csv" "no temporary file left"
check_exit 1 "an export into a folder that does not exist fails" \
	$KFQ --db d.db export data --output nowhere/data.csv
has err.txt "nowhere/data.csv: No such file or directory" "and says why"

# file modes
(umask 022; $KFQ --db d.db export households --output hh.csv; $KFQ --db d.db export units --output u.csv
 $KFQ --db d.db export households --format xlsx --output hh.xlsx)
equal "$(stat -c %a hh.csv)" 600 "households' file: 0600 (names, addresses)"
equal "$(stat -c %a hh.xlsx)" 600 "their workbook too"
equal "$(stat -c %a u.csv)" 644 "another export under umask 022: 0644"
(umask 077; $KFQ --db d.db export units --output u7.csv)
equal "$(stat -c %a u7.csv)" 600 "under umask 077: 0600"

# an output named through a link: the file it names is replaced, the link kept
mkdir lk
echo old > lk/real.csv
ln -s real.csv lk/link.csv
check "an export through a link" $KFQ --db d.db export units --output lk/link.csv
equal "$(readlink lk/link.csv)" real.csv "keeps the link"
$KFQ --db d.db export units > units.csv
same units.csv lk/real.csv "and replaces the file it names"
