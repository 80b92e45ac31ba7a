# t0125-demo-cases: the demo zone's 2017 暖企惠民大走访 campaign reproduces the
# published figures (more than 1 300 enterprises and 50 000 households
# visited; the leadership's own 51 problems) with problems driven through
# plausible, dated steps (that it is built the same way every time is
# t0060's check of the whole database).
demo_copy

q() { sqlite3 demo.db "$1"; }
fig() { $KFQ --db demo.db show $1 --unit danyang --period 2017 --format csv > fig.csv; csv_field fig.csv danyang, value; }
between() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v + 0 >= lo && v + 0 <= hi) }'; }

# the small enterprises: under the parks, no economic data, in no group
small="SELECT id FROM unit WHERE kind = 'enterprise' AND id NOT IN (SELECT unit_id FROM obs)"
equal "$(q "SELECT count(*) FROM ($small)")" 900 "900 enterprises without economic data"
equal "$(q "SELECT count(*) FROM unit_group WHERE unit_id IN ($small)")" 0 "in no group"
equal "$(q "SELECT count(*) FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.id IN ($small) AND p.kind <> 'park'")" 0 \
	"each under a park"

v=$(fig visited_enterprises)
between "$v" 1301 1320 && ok "more than 1 300 enterprises visited in 2017 ($v)" || bad "visited enterprises $v"
v=$(fig visited_households)
between "$v" 50001 60000 && ok "more than 50 000 households visited in 2017 ($v)" || bad "visited households $v"
equal "$(q "SELECT count(*) FROM household")" "$v" "every household visited"
equal "$(q "SELECT count(DISTINCT community) FROM household")" 38 "in the zone's 38 villages and communities"
equal "$(q "SELECT count(*) FROM visit WHERE (unit_id IS NULL) = (household_id IS NULL)")" 0 \
	"every visit is to exactly one enterprise or household"
equal "$(q "SELECT count(*) FROM visit v JOIN unit u ON u.id = v.unit_id WHERE u.kind <> 'enterprise'")" 0 \
	"the units visited are enterprises"
equal "$(q "SELECT count(*) FROM visit WHERE date NOT BETWEEN '2017-01-01' AND '2017-12-31' OR date IN (SELECT date FROM holiday) OR strftime('%w', date) IN ('0', '6')")" 0 \
	"visits fall on the working days of 2017"
n=$(q "SELECT count(*) FROM (SELECT household_id FROM visit WHERE household_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1)")
[ "$n" -gt 0 ] && ok "some households visited twice ($n)" || bad "no household visited twice"
equal "$(q "SELECT count(DISTINCT team) FROM visit")" 8 "by eight teams"

raised=$(fig cases_raised)
between "$raised" 2000 2500 && ok "about 2 000 problems raised ($raised)" || bad "cases raised $raised"
v=$(fig cases_resolved)
between "$v" 1900 "$raised" && ok "most resolved ($v)" || bad "cases resolved $v"
v=$(fig case_resolution_rate)
between "$v" 95 99 && ok "resolution rate $v%" || bad "resolution rate $v%"
v=$(fig case_on_time_rate)
between "$v" 80 95 && ok "on-time rate $v%" || bad "on-time rate $v%"
n=$(q "SELECT count(*) FROM kase WHERE unit_id IS NOT NULL AND channel = 'visit'")
between "$n" 1100 1300 && ok "about 1 200 from enterprise visits ($n)" || bad "$n from enterprise visits"
n=$(q "SELECT count(*) FROM kase WHERE household_id IS NOT NULL AND channel = 'visit'")
between "$n" 700 900 && ok "about 800 from household visits ($n)" || bad "$n from household visits"
n=$(q "SELECT count(DISTINCT channel) FROM kase WHERE channel IN ('hotline', 'letter')")
equal "$n" 2 "some by hotline and letter"
equal "$(q "SELECT count(*) FROM kase k JOIN visit v ON v.id = k.visit_id WHERE v.date <> k.raised OR coalesce(v.unit_id, 0) <> coalesce(k.unit_id, 0) OR coalesce(v.household_id, 0) <> coalesce(k.household_id, 0)")" 0 \
	"problems raised on a visit: on its day, by whom was visited"
equal "$(q "SELECT count(DISTINCT category) FROM kase")" 9 "in every category"

# the leadership's own 51 problems, all resolved
lead="SELECT * FROM kase WHERE category = 'leadership'"
equal "$(q "SELECT count(*) FROM ($lead)")" 51 "the leadership listed 51 problems of its own"
equal "$(q "SELECT count(*) FROM ($lead) WHERE channel = 'meeting' AND raised_by = '党工委班子'")" 51 \
	"raised at a meeting by 党工委班子"
equal "$(q "SELECT count(*) FROM ($lead) WHERE resolved IS NOT NULL AND status IN ('resolved', 'confirmed')")" 51 \
	"all 51 resolved"

# the steps
equal "$(q "SELECT count(*) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE e.date <= k.raised OR e.date <= coalesce((SELECT max(p.date) FROM case_event p WHERE p.case_id = e.case_id AND p.id < e.id), '')")" 0 \
	"case dates never go backwards: every step strictly after the one before"
equal "$(q "SELECT count(*) FROM case_event WHERE date > '2017-12-31'")" 0 "no step after 2017"
equal "$(q "SELECT count(*) FROM kase WHERE deadline IN (SELECT date FROM holiday) OR strftime('%w', deadline) IN ('0', '6')")" 0 \
	"deadlines skip weekends and holidays"
equal "$(q "SELECT count(*) FROM holiday WHERE date BETWEEN '2017-10-02' AND '2017-10-06'")" 5 "国庆 and 中秋 are holidays"
n=$(q "SELECT count(*) FROM kase k WHERE (SELECT min(date) FROM case_event e WHERE e.case_id = k.id AND e.action = 'assign') > (SELECT date(k.raised, '+4 days'))")
n2=$(q "SELECT count(*) FROM kase k WHERE EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = k.id AND e.action = 'assign')")
awk -v a="$n" -v b="$n2" 'BEGIN { exit !(a * 10 < b) }' && ok "most assigned within days ($n of $n2 took more than 4)" || bad "$n of $n2 assigned late"
for a in transfer reopen merge close progress; do
	n=$(q "SELECT count(*) FROM case_event WHERE action = '$a'")
	[ "$n" -gt 0 ] && ok "some cases: $a ($n)" || bad "no $a step"
done
n=$(q "SELECT count(*) FROM kase k WHERE status IN ('resolved', 'confirmed') AND EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = k.id AND e.action = 'reopen')")
[ "$n" -gt 0 ] && ok "reopened cases resolved again ($n)" || bad "no reopened case resolved again"
equal "$(q "SELECT count(*) FROM kase WHERE status = 'merged' AND merged_into IS NULL")" 0 "merged cases name the case they duplicate"
n=$(q "SELECT count(*) FROM kase WHERE status IN ('registered', 'assigned', 'accepted', 'in_progress')")
between "$n" 1 100 && ok "a few still open at the end of 2017 ($n)" || bad "$n open"
n=$(q "SELECT count(*) FROM kase WHERE status IN ('registered', 'assigned', 'accepted', 'in_progress') AND deadline < '2017-12-29'")
[ "$n" -gt 0 ] && ok "some of them overdue ($n)" || bad "none overdue"
n=$(q "SELECT count(*) FROM kase WHERE resolved > deadline")
[ "$n" -gt 0 ] && ok "some resolved late ($n)" || bad "none resolved late"
hi=$(q "SELECT count(*) FROM kase WHERE rating >= 4"); all=$(q "SELECT count(*) FROM kase WHERE rating IS NOT NULL")
awk -v a="$hi" -v b="$all" 'BEGIN { exit !(a >= b * 0.85) }' && ok "ratings mostly 4 or 5 ($hi of $all)" || bad "ratings: $hi of $all 4 or 5"
n=$(q "SELECT count(*) FROM kase WHERE rating <= 3")
[ "$n" -gt 0 ] && ok "some 3 or lower ($n)" || bad "no rating of 3 or lower"
equal "$(q "SELECT count(*) FROM case_event WHERE action = 'resolve' AND coalesce(note, '') = ''")" 0 "every resolve says what was done"

if $KFQ --db demo.db case stats --period 2017 --by dept > stats.txt 2>&1; then
	has stats.txt "国土分局" "case stats by department shows 国土分局"
	has stats.txt "合计" "and a total"
else
	ok "case stats not available yet (skipped)"
fi

