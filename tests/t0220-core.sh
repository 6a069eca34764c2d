#!/bin/sh
# The case core's ledger: events keep their procedure and run, open follows
# the stage, the closed sets are enforced, and an older ledger still reads.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >cases.csv <<EOF2
$H
2026-03-02,visit,王建国,,,1,昆都仑区,劳动社保,city,,,,no,,反映社保断缴
2026-03-03,letter,李秀英,,,1,青山区,城乡建设,city,,,,no,,道路失修
2026-03-04,visit,张伟,,,1,东河区,企业改制,city,,,,no,,改制安置
EOF2

q() {
	sqlite3 -nullvalue - l.db "$1"
}

test_expect_success 'setup: three cases, the first accepted under the simplified procedure' '
	pt-intake -q -d l.db --as-of 2026-03-10 cases.csv >/dev/null &&
	printf "case_id\n2026-000001\n" >one.csv &&
	pt-assign -q -d l.db --unit 人社局 --procedure simplified --date 2026-03-05 \
		--as-of 2026-03-10 --by 王科长 one.csv >/dev/null
'

test_expect_success 'the accept event keeps the procedure it set' '
	q "SELECT event, procedure FROM event_view WHERE case_id = '\''2026-000001'\'' ORDER BY id" >out &&
	printf "register|-\naccept|simplified\n" >expect &&
	test_cmp expect out
'

test_expect_success 'pt-assign writes one runs row and every event of the run names it' '
	q "SELECT tool, by, input FROM runs WHERE tool = '\''pt-assign'\''" >out &&
	echo "pt-assign|王科长|one.csv" >expect && test_cmp expect out &&
	q "SELECT count(*) FROM events e JOIN runs r ON r.id = e.run
	   WHERE r.tool = e.tool AND e.tool = '\''pt-assign'\''" >out &&
	echo 1 >expect && test_cmp expect out
'

test_expect_success 'pt-update: one runs row for the run, on every event it records' '
	cat >ev.csv <<-EOF2 &&
	case_id,event,date,unit,procedure
	2026-000002,accept,2026-03-06,住建局,normal
	2026-000003,reject,2026-03-06,,
	2026-000001,terminate,2026-03-07,,
	EOF2
	pt-update -q -d l.db --as-of 2026-03-10 --by 李 ev.csv >/dev/null &&
	q "SELECT count(*), max(input), max(by) FROM runs WHERE tool = '\''pt-update'\''" >out &&
	echo "1|ev.csv|李" >expect && test_cmp expect out &&
	q "SELECT count(*), count(DISTINCT run) FROM events WHERE tool = '\''pt-update'\''" >out &&
	echo "3|1" >expect && test_cmp expect out &&
	q "SELECT count(*) FROM events WHERE run IS NULL" >out &&
	echo 0 >expect && test_cmp expect out
'

test_expect_success 'open is derived from the stage, and cannot be written' '
	q "SELECT case_id, stage, open FROM case_view ORDER BY id" >out &&
	printf "2026-000001|closed|0\n2026-000002|in_progress|1\n2026-000003|closed|0\n" >expect &&
	test_cmp expect out &&
	! sqlite3 l.db "UPDATE cases SET open = 1 WHERE id = 202600000001" 2>err &&
	grep -q "open" err
'

test_expect_success 'a stage, procedure, closed_how or rating outside its set is refused' '
	! sqlite3 l.db "UPDATE cases SET stage = '\''done'\''" 2>err &&
	grep -q "CHECK constraint failed: stage = .registered." err &&
	! sqlite3 l.db "UPDATE cases SET procedure = '\''fast'\''" 2>/dev/null &&
	! sqlite3 l.db "UPDATE cases SET closed_how = '\''lost'\''" 2>/dev/null &&
	! sqlite3 l.db "UPDATE cases SET rating = '\''good'\''" 2>/dev/null &&
	q "SELECT count(*) FROM cases WHERE stage = '\''done'\'' OR procedure = '\''fast'\''" >out &&
	echo 0 >expect && test_cmp expect out
'

test_expect_success 'an event outside the set is refused' '
	! sqlite3 l.db "INSERT INTO events (case_ref, event, date, tool)
		VALUES (202600000001, '\''lose'\'', '\''2026-03-08'\'', '\''x'\'')" 2>err &&
	grep -q "CHECK constraint failed: event = .accept." err &&
	! sqlite3 l.db "INSERT INTO events (case_ref, event, date, tool, procedure)
		VALUES (202600000001, '\''recalc'\'', '\''2026-03-08'\'', '\''x'\'', '\''fast'\'')" 2>/dev/null
'

# testdata/ledger-v3.sql: the dump of the ledger pt-intake made of cases.csv
# when the schema had 3 migrations.
test_expect_success 'a ledger of the previous schema: the readers read it as it is' '
	sqlite3 old.db <"$TESTDATA/ledger-v3.sql" &&
	sqlite3 old.db "PRAGMA user_version" >old-version &&
	test "$(cat old-version)" -lt "$(sqlite3 l.db "PRAGMA user_version")" &&
	pt-stats -d old.db --as-of 2026-03-10 >stats.out &&
	grep -q "3" stats.out &&
	pt-overdue -d old.db --all --as-of 2026-03-10 >overdue.out &&
	sqlite3 old.db "PRAGMA user_version" >out &&
	test_cmp old-version out &&
	test "$(wc -l <overdue.out)" = 4
'

test_expect_success 'a writer migrates it: open derived, its cases and events kept' '
	printf "case_id,event,date,unit\n2026-000001,accept,2026-03-05,人社局\n" >ev2.csv &&
	pt-update -q -d old.db --as-of 2026-03-10 ev2.csv >/dev/null &&
	test "$(sqlite3 old.db "PRAGMA user_version")" -gt "$(cat old-version)" &&
	sqlite3 -nullvalue - old.db "SELECT case_id, stage, open FROM case_view ORDER BY id" >out &&
	printf "2026-000001|in_progress|1\n2026-000002|registered|1\n2026-000003|registered|1\n" >expect &&
	test_cmp expect out &&
	pt-overdue -d old.db --all --as-of 2026-03-10 >overdue2.out &&
	test "$(wc -l <overdue2.out)" = 4
'

test_done
