#!/bin/sh
# pt-assign: routing by rules and by hand, acceptance and its deadlines,
# transfers, --pending, --no-accept, refusals, and the calendar moving deadlines.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >in.csv <<EOF2
$H
2026-09-01,visit,王建国,,,1,昆都仑区,劳动社保,city,,,,no,,
2026-09-02,letter,李秀英,,,1,青山区,农民工工资,city,,,,no,,
2026-09-03,visit,张伟,,,1,青山区,涉法涉诉,city,,,,yes,,
2026-09-03,letter,刘洋,,,1,青山区,城乡建设,city,,,,no,,
2026-09-04,visit,陈静,,,1,青山区,城乡建设,city,,,,no,,
2026-09-04,online,赵敏,,,1,九原区,土地征用,national,central,2026-10-15,,no,,
2026-09-05,phone,孙丽,,,1,达茂旗,教育,city,,,,no,,
2026-09-05,letter,周强,,,1,昆都仑区,劳动社保,city,province,2026-12-31,,no,,
EOF2

# Chinese values (是, 来信, 进京) and both kinds of "anything" (* and empty).
cat >rules.csv <<EOF2
region,category,channel,level,law_related,unit,leader,procedure
*,*,*,*,是,市委政法委,赵书记,
,农民工工资,,,,市人社局,钱副市长,simplified
*,*,*,进京,*,市信访局,李局长,
青山区,*,来信,*,*,青山区信访局,,
青山区,*,*,*,*,青山区人民政府,吴区长,
昆都仑区,,,,,昆都仑区人民政府,周区长,
EOF2
CAL=$TESTDATA/calendar-cn.csv
HEAD=case_id,unit,leader,due,stage,procedure

# col DB CASE COLUMNS: those columns of one case from case_view ("-" for NULL).
col() {
	sqlite3 -nullvalue - "$1" "SELECT $3 FROM case_view WHERE case_id = '$2'"
}

# events DB CASE: the case's events after its registration, one a line.
events() {
	sqlite3 -nullvalue - "$1" "SELECT event, date, tool, unit, leader FROM event_view
		WHERE case_id = '$2' AND event <> 'register' ORDER BY id"
}

# nev DB CASE: how many events the case has, its registration included.
nev() {
	sqlite3 "$1" "SELECT count(*) FROM event_view WHERE case_id = '$2'"
}

# stream CASE...: a case stream of those case ids.
stream() {
	echo case_id && printf "%s\n" "$@"
}

# Acceptance on 2026-09-10 (a Thursday):
#   normal: 09-10 + 60 days: +20 to 09-30, +31 to 10-31, +9 = 2026-11-09.
#   simplified, 10 working days over calendar-cn.csv: 09-11 Fri (1),
#   09-14..18 Mon-Fri (2-6), 09-20 Sun, a make-up working day (7),
#   09-21..23 (8-10) = 2026-09-23 (09-25..27 are the Mid-Autumn holiday).
#   case 6 is referred with due 2026-10-15, earlier than 11-09: it wins.
#   case 8 is referred with due 2026-12-31, later than 11-09: 11-09 stands.
test_expect_success 'rules route each case by the first matching row and accept it on --date' '
	pt-intake -q -d a.db --as-of 2026-09-30 in.csv >cases.csv &&
	{ pt-assign -d a.db --as-of 2026-09-30 --date 2026-09-10 --calendar "$CAL" \
		--rules rules.csv cases.csv >out.csv 2>err; test $? = 65; } &&
	cut -d, -f 1-6 out.csv >got &&
	cat >expect <<-EOF2 &&
	$HEAD
	2026-000001,昆都仑区人民政府,周区长,2026-11-09,in_progress,normal
	2026-000002,市人社局,钱副市长,2026-09-23,in_progress,simplified
	2026-000003,市委政法委,赵书记,2026-11-09,in_progress,normal
	2026-000004,青山区信访局,,2026-11-09,in_progress,normal
	2026-000005,青山区人民政府,吴区长,2026-11-09,in_progress,normal
	2026-000006,市信访局,李局长,2026-10-15,in_progress,normal
	2026-000008,昆都仑区人民政府,周区长,2026-11-09,in_progress,normal
	EOF2
	test_cmp expect got
'

test_expect_success 'a case no rule matches stays registered, is named on stderr, exit 65' '
	cat >expect <<-EOF2 &&
	pt-assign: cases.csv:8: case 2026-000007: no rule matches (region 达茂旗, category 教育, channel phone, level city)
	pt-assign: 7 assigned, 1 unmatched, 0 refused, 0 unchanged
	EOF2
	test_cmp expect err &&
	test_no_match -q "^2026-000007," out.csv &&
	test "$(col a.db 2026-000007 "stage, unit, due")" = "registered|-|2026-09-20" &&
	test "$(nev a.db 2026-000007)" = 1
'

test_expect_success 'a law_related=yes rule sends 涉法涉诉 to the politics-and-law committee before the region rules' '
	test "$(grep "^2026-000003," out.csv | cut -d, -f 2,10,12)" = "市委政法委,涉法涉诉,yes" &&
	test "$(col a.db 2026-000003 "unit, leader, law_related")" = "市委政法委|赵书记|1"
'

test_expect_success 'the ledger holds the acceptance: stage, dates, unit, and an accept event by pt-assign' '
	test "$(col a.db 2026-000002 "stage, accepted, due, unit, leader, procedure")" = \
		"in_progress|2026-09-10|2026-09-23|市人社局|钱副市长|simplified" &&
	test "$(col a.db 2026-000006 "ref_due, due")" = "2026-10-15|2026-10-15" &&
	test "$(col a.db 2026-000008 "ref_due, due")" = "2026-12-31|2026-11-09" &&
	test "$(events a.db 2026-000004)" = "accept|2026-09-10|pt-assign|青山区信访局|-" &&
	test "$(sqlite3 a.db "SELECT by FROM event_view WHERE case_id = '\''2026-000001'\'' AND event = '\''accept'\''")" = tester
'

test_expect_success 're-assigning an in-progress case to another unit is a transfer; the accept event stays' '
	stream 2026-000001 >s1.csv &&
	pt-assign -d a.db --as-of 2026-09-30 --date 2026-09-15 --unit 市住建局 --leader 孙副市长 s1.csv >out 2>err &&
	printf "%s\n" "$HEAD" "2026-000001,市住建局,孙副市长,2026-11-09,in_progress,normal" >expect &&
	cut -d, -f 1-6 out >got && test_cmp expect got &&
	echo "pt-assign: 1 assigned, 0 unmatched, 0 refused, 0 unchanged" >expect && test_cmp expect err &&
	printf "%s\n" "accept|2026-09-10|pt-assign|昆都仑区人民政府|周区长" \
		"transfer|2026-09-15|pt-assign|市住建局|孙副市长" >expect &&
	events a.db 2026-000001 >got && test_cmp expect got &&
	test "$(col a.db 2026-000001 "stage, accepted, due, unit")" = "in_progress|2026-09-10|2026-11-09|市住建局"
'

test_expect_success 'the same unit and leader again changes nothing' '
	pt-assign -d a.db --as-of 2026-09-30 --date 2026-09-16 --unit 市住建局 --leader 孙副市长 s1.csv >out 2>err &&
	echo "$HEAD,received,channel,region,category,level,law_related" >expect && test_cmp expect out &&
	echo "pt-assign: 0 assigned, 0 unmatched, 0 refused, 1 unchanged" >expect && test_cmp expect err &&
	test "$(nev a.db 2026-000001)" = 3
'

test_expect_success 'a closed case is refused and left as it was' '
	printf "case_id,event,date\n2026-000007,reject,2026-09-12\n" >rej.csv &&
	pt-update -q -d a.db --as-of 2026-09-30 rej.csv >/dev/null &&
	stream 2026-000007 >s7.csv &&
	{ pt-assign -d a.db --as-of 2026-09-30 --date 2026-09-15 --unit 市教育局 s7.csv >out 2>err; test $? = 65; } &&
	cat >expect <<-EOF2 &&
	pt-assign: s7.csv:2: case 2026-000007: the case is closed; only registered or in-progress cases are assigned
	pt-assign: 0 assigned, 0 unmatched, 1 refused, 0 unchanged
	EOF2
	test_cmp expect err &&
	test "$(wc -l <out)" = 1 &&
	test "$(col a.db 2026-000007 "stage, unit, closed_how")" = "closed|-|rejected" &&
	test "$(nev a.db 2026-000007)" = 2
'

test_expect_success 'unit, leader and procedure columns in the stream win over the rules' '
	pt-intake -q -d b.db --as-of 2026-09-30 in.csv >/dev/null &&
	cat >s.csv <<-EOF2 &&
	case_id,unit,leader,procedure
	2026-000001,东河区人民政府,郑区长,
	2026-000002,,,normal
	2026-000003,,孙副市长,
	2026-000007,市教育局,,simplified
	EOF2
	pt-assign -d b.db --as-of 2026-09-30 --date 2026-09-10 --calendar "$CAL" \
		--rules rules.csv s.csv >out 2>err &&
	cat >expect <<-EOF2 &&
	$HEAD
	2026-000001,东河区人民政府,郑区长,2026-11-09,in_progress,normal
	2026-000002,市人社局,钱副市长,2026-11-09,in_progress,normal
	2026-000003,市委政法委,孙副市长,2026-11-09,in_progress,normal
	2026-000007,市教育局,,2026-09-23,in_progress,simplified
	EOF2
	cut -d, -f 1-6 out >got && test_cmp expect got &&
	echo "pt-assign: 4 assigned, 0 unmatched, 0 refused, 0 unchanged" >expect && test_cmp expect err &&
	test "$(col b.db 2026-000007 "unit, procedure, due")" = "市教育局|simplified|2026-09-23"
'

test_expect_success '--unit and --leader route every case of the stream' '
	pt-intake -q -d c.db --as-of 2026-09-30 in.csv >/dev/null &&
	stream 2026-000005 2026-000007 >s.csv &&
	pt-assign -d c.db --as-of 2026-09-30 --date 2026-09-10 --unit 市信访局 --leader 李局长 s.csv >out 2>err &&
	printf "%s\n" "$HEAD" "2026-000005,市信访局,李局长,2026-11-09,in_progress,normal" \
		"2026-000007,市信访局,李局长,2026-11-09,in_progress,normal" >expect &&
	cut -d, -f 1-6 out >got && test_cmp expect got &&
	echo "pt-assign: 2 assigned, 0 unmatched, 0 refused, 0 unchanged" >expect && test_cmp expect err &&
	test "$(col c.db 2026-000001 "stage, unit")" = "registered|-"
'

test_expect_success 'acceptance defaults to the as-of date' '
	# 2026-09-12 + 60: +18 to 09-30, +31 to 10-31, +11 = 2026-11-11
	stream 2026-000001 >s.csv &&
	pt-assign -q -d c.db --as-of 2026-09-12 --unit 市信访局 s.csv >out &&
	test "$(sed -n 2p out | cut -d, -f 1-6)" = "2026-000001,市信访局,,2026-11-11,in_progress,normal" &&
	test "$(col c.db 2026-000001 "accepted")" = 2026-09-12
'

# 10 working days from 2026-09-30 (Wed) over calendar-cn.csv: 10-01..07 are
# the National Day holiday; 10-08 Thu (1), 10-09 Fri (2), 10-10 Sat, a make-up
# working day (3), 10-12..16 Mon-Fri (4-8), 10-19 Mon (9), 10-20 Tue (10).
test_expect_success 'simplified across National Day: 10 working days counted over the calendar' '
	pt-intake -q -d d.db --as-of 2026-09-30 in.csv >/dev/null &&
	stream 2026-000001 >s.csv &&
	pt-assign -d d.db --as-of 2026-09-30 --date 2026-09-30 --calendar "$CAL" \
		--unit 市人社局 --procedure simplified s.csv >out 2>err &&
	printf "%s\n" "$HEAD" "2026-000001,市人社局,,2026-10-20,in_progress,simplified" >expect &&
	cut -d, -f 1-6 out >got && test_cmp expect got &&
	test "$(col d.db 2026-000001 "due, procedure")" = "2026-10-20|simplified"
'

test_expect_success '--no-accept routes only: registered, unit set, an assign event' '
	pt-intake -q -d f.db --as-of 2026-09-30 in.csv >/dev/null &&
	stream 2026-000001 2026-000002 >s.csv &&
	pt-assign -d f.db --as-of 2026-09-10 --no-accept --rules rules.csv s.csv >out 2>err &&
	# the acceptance deadlines stand: 09-01 + 15 = 09-16, 09-02 + 15 = 09-17
	cat >expect <<-EOF2 &&
	$HEAD
	2026-000001,昆都仑区人民政府,周区长,2026-09-16,registered,normal
	2026-000002,市人社局,钱副市长,2026-09-17,registered,simplified
	EOF2
	cut -d, -f 1-6 out >got && test_cmp expect got &&
	echo "pt-assign: 2 assigned, 0 unmatched, 0 refused, 0 unchanged" >expect && test_cmp expect err &&
	test "$(col f.db 2026-000001 "stage, unit, accepted, due")" = "registered|昆都仑区人民政府|-|2026-09-16" &&
	test "$(events f.db 2026-000001)" = "assign|2026-09-10|pt-assign|昆都仑区人民政府|周区长"
'

test_expect_success '--pending takes only the registered cases that have no unit' '
	{ pt-assign -d f.db --as-of 2026-09-10 --pending --rules rules.csv >out 2>err; test $? = 65; } &&
	cut -d, -f 1,2 out >got &&
	printf "%s\n" case_id,unit 2026-000003,市委政法委 2026-000004,青山区信访局 \
		2026-000005,青山区人民政府 2026-000006,市信访局 2026-000008,昆都仑区人民政府 >expect &&
	test_cmp expect got &&
	cat >expect <<-EOF2 &&
	pt-assign: case 2026-000007: no rule matches (region 达茂旗, category 教育, channel phone, level city)
	pt-assign: 5 assigned, 1 unmatched, 0 refused, 0 unchanged
	EOF2
	test_cmp expect err &&
	test "$(col f.db 2026-000001 "stage")" = registered &&
	test "$(nev f.db 2026-000001)" = 2
'

test_expect_success '--pending again finds only the unmatched case' '
	{ pt-assign -d f.db --as-of 2026-09-10 --pending --rules rules.csv >out 2>err; test $? = 65; } &&
	test "$(wc -l <out)" = 1 &&
	test "$(tail -n 1 err)" = "pt-assign: 0 assigned, 1 unmatched, 0 refused, 0 unchanged"
'

# More pending cases than a page (1000): each assigned once; the first
# pending case is found among the open cases, not by a walk of every case
# by id, and the pages are read by id from it.
# The statement that finds the first pending case, as lib/lifecycle.c
# prepares it: its string literals joined, PENDING_WHERE put in.
cat >"$TRASH/pending-sql.pl" <<'PL'
local $/; my $c = <>;
$c =~ /^#define PENDING_WHERE (".*")\n/m or die "no PENDING_WHERE\n";
my $where = join '', $1 =~ /"((?:[^"\\]|\\.)*)"/g;
$c =~ /pending_first = ledger_prepare\(&s->l,((?:\s*(?:"(?:[^"\\]|\\.)*"|PENDING_WHERE))+)\)/
	or die "no pending_first\n";
print join '', map { $_ eq 'PENDING_WHERE' ? $where : substr($_, 1, -1) }
	$1 =~ /("(?:[^"\\]|\\.)*"|PENDING_WHERE)/g;
PL
test_expect_success '--pending pages through 2,500 cases, each assigned once, from the first pending one' '
	gen-petitions -n 2500 -s 7 -y 2026 -Y 1 >many.csv &&
	pt-intake -q -d m.db --as-of 2026-12-31 many.csv >/dev/null &&
	pt-assign -q -d m.db --as-of 2026-12-31 --pending --unit 市信访局 >out &&
	test "$(sed 1d out | cut -d, -f1 | sort -u | wc -l)" = 2500 &&
	test "$(sqlite3 m.db "SELECT count(*) FROM events WHERE event = '\''accept'\''")" = 2500 &&
	test "$(sqlite3 m.db "SELECT count(*) FROM cases WHERE unit IS NULL")" = 0 &&
	pt-assign -q -d m.db --as-of 2026-12-31 --pending --unit 市信访局 >out &&
	test "$(wc -l <out)" = 1 &&
	perl "$TRASH/pending-sql.pl" "$ROOT/lib/lifecycle.c" >pending.sql &&
	grep -q "^SELECT min(+id) FROM cases WHERE open = 1 AND stage = .registered." pending.sql &&
	sqlite3 m.db "EXPLAIN QUERY PLAN $(cat pending.sql)" >plan &&
	grep "USING INDEX cases_open" plan
'

test_expect_success 'pt-intake piped straight into pt-assign, on a new ledger' '
	sed 8d in.csv >in7.csv &&
	{ pt-intake -d p.db --as-of 2026-09-30 in7.csv 2>ierr; echo $? >irc; } |
		pt-assign -d p.db --as-of 2026-09-30 --date 2026-09-10 --calendar "$CAL" \
			--rules rules.csv >out 2>err &&
	test "$(cat irc)" = 0 &&
	echo "pt-intake: 7 added, 0 rejected, 0 already in the ledger" >expect && test_cmp expect ierr &&
	echo "pt-assign: 7 assigned, 0 unmatched, 0 refused, 0 unchanged" >expect && test_cmp expect err &&
	cut -d, -f 1,2,4,5 out >got &&
	cat >expect <<-EOF2 &&
	case_id,unit,due,stage
	2026-000001,昆都仑区人民政府,2026-11-09,in_progress
	2026-000002,市人社局,2026-09-23,in_progress
	2026-000003,市委政法委,2026-11-09,in_progress
	2026-000004,青山区信访局,2026-11-09,in_progress
	2026-000005,青山区人民政府,2026-11-09,in_progress
	2026-000006,市信访局,2026-10-15,in_progress
	2026-000007,昆都仑区人民政府,2026-11-09,in_progress
	EOF2
	test_cmp expect got &&
	test "$(sqlite3 p.db "SELECT count(*) FROM cases WHERE stage = '\''in_progress'\''")" = 7
'

test_expect_success 'a missing ledger exits 69 and is not created' '
	stream 2026-000001 >s.csv &&
	{ pt-assign -d none.db --unit 市信访局 s.csv >/dev/null 2>err; test $? = 69; } &&
	echo "pt-assign: none.db: no ledger (pt-intake creates one)" >expect && test_cmp expect err &&
	test ! -e none.db
'

test_expect_success 'a rules file with an unknown channel exits 65 naming file and line' '
	cat >bad-rules.csv <<-EOF2 &&
	region,category,channel,level,law_related,unit,leader,procedure
	青山区,*,来信,*,*,青山区信访局,,
	*,*,飞鸽,*,*,市信访局,,
	EOF2
	pt-intake -q -d g.db --as-of 2026-09-30 in.csv >/dev/null &&
	stream 2026-000004 >s.csv &&
	{ pt-assign -d g.db --as-of 2026-09-30 --rules bad-rules.csv s.csv >out 2>err; test $? = 65; } &&
	echo "pt-assign: bad-rules.csv:3: bad channel '\''飞鸽'\''" >expect && test_cmp expect err &&
	test ! -s out &&
	test "$(col g.db 2026-000004 "stage, unit")" = "registered|-" &&
	test "$(nev g.db 2026-000004)" = 1
'

# A calendar loaded later moves the due date of open simplified cases.
# Without a calendar only Saturdays, Sundays and the fixed-date holidays
# (10-01..03) are days off: 10 working days from 2026-09-30 are 10-05..09,
# 12..16 = 2026-10-16.
# A normal case accepted the same day is due 09-30 + 60 = 2026-11-29.
test_expect_success 'without a calendar, simplified counts weekends and 10-01..03 as days off' '
	pt-intake -q -d e.db --as-of 2026-09-30 in.csv >/dev/null &&
	printf "case_id,procedure\n2026-000001,simplified\n2026-000003,normal\n" >s.csv &&
	pt-assign -d e.db --as-of 2026-09-30 --date 2026-09-30 --unit 市人社局 s.csv >out 2>err &&
	printf "%s\n" "$HEAD" "2026-000001,市人社局,,2026-10-16,in_progress,simplified" \
		"2026-000003,市人社局,,2026-11-29,in_progress,normal" >expect &&
	cut -d, -f 1-6 out >got && test_cmp expect got
'

test_expect_success 'loading the calendar later moves the open simplified case (a recalc event)' '
	# with the National Day holiday: 2026-10-20, as worked out above
	pt-update -d e.db --as-of 2026-10-09 --calendar "$CAL" >out 2>err &&
	test ! -s out &&
	grep -q "^pt-update: calendar .*; 1 deadlines moved$" err &&
	test "$(col e.db 2026-000001 "due")" = 2026-10-20 &&
	test "$(col e.db 2026-000003 "due")" = 2026-11-29 &&
	test "$(sqlite3 e.db "SELECT event, date, tool, note FROM event_view WHERE case_id = '\''2026-000001'\'' AND event = '\''recalc'\''")" = \
		"recalc|2026-10-09|pt-update|calendar changed: due 2026-10-16 -> 2026-10-20" &&
	test "$(nev e.db 2026-000003)" = 2
'

test_expect_success 'loading the same calendar again moves nothing' '
	pt-update -d e.db --as-of 2026-10-09 --calendar "$CAL" >out 2>err &&
	test ! -s out &&
	grep -q "^pt-update: calendar .*; 0 deadlines moved$" err &&
	test "$(col e.db 2026-000001 "due")" = 2026-10-20 &&
	test "$(nev e.db 2026-000001)" = 3
'

test_expect_success 'a holiday added inside the span, loaded by pt-assign, moves it again' '
	# 2026-10-12 (Mon) a holiday too: 10-08 (1), 10-09 (2), 10-10 (3),
	# 10-13..16 (4-7), 10-19 (8), 10-20 (9), 10-21 (10) = 2026-10-21.
	# Case 2, accepted 10-09 (normal): +22 to 10-31, +30 to 11-30, +8 = 2026-12-08.
	{ cat "$CAL" && echo 2026-10-12,holiday; } >cal2.csv &&
	stream 2026-000002 >s.csv &&
	pt-assign -d e.db --as-of 2026-10-10 --date 2026-10-09 --calendar cal2.csv \
		--unit 市信访局 s.csv >out 2>err &&
	printf "%s\n" "$HEAD" "2026-000002,市信访局,,2026-12-08,in_progress,normal" >expect &&
	cut -d, -f 1-6 out >got && test_cmp expect got &&
	echo "pt-assign: 1 assigned, 0 unmatched, 0 refused, 0 unchanged" >expect && test_cmp expect err &&
	test "$(col e.db 2026-000001 "due")" = 2026-10-21 &&
	sqlite3 e.db "SELECT event, date, tool, note FROM event_view WHERE case_id = '\''2026-000001'\'' AND event <> '\''register'\'' ORDER BY id" >got &&
	cat >expect <<-EOF2 &&
	accept|2026-09-30|pt-assign|
	recalc|2026-10-09|pt-update|calendar changed: due 2026-10-16 -> 2026-10-20
	recalc|2026-10-10|pt-assign|calendar changed: due 2026-10-20 -> 2026-10-21
	EOF2
	test_cmp expect got
'

test_done
