# t0045-torture: a small count of tests/torture/torture.sh's trials (issue
# 13; `make torture N=1000` runs a large one, docs/reliability.md): 10
# kill -9 at random moments of an import, an index compute, an assessment
# run and a case step, each leaving the database wholly before or wholly
# after with integrity_check ok; a full disk; two writers at once. By the
# release build when given (the trials time a write and kill it within
# that time), on a copy of the shared demo.
top=$(cd "$DATA/../.." && pwd)
mkdir work
KFQ=${KFQ_REL:-$KFQ} TORTURE_DB=$DEMO_DB TORTURE_WORK=$(pwd)/work \
	sh "$top/tests/torture/torture.sh" 10 > torture.txt 2>&1
rc=$?
sed 's/^/    /' torture.txt
if [ $rc = 0 ] && grep -q ": 0 failures$" torture.txt; then
	ok "torture: $(tail -1 torture.txt | sed 's/^torture: //')"
else
	bad "torture (exit $rc): $(tail -1 torture.txt)"
fi
