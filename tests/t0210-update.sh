#!/bin/sh
# pt-update: the whole life of a case, every refusal, re-runs, --by, --rejects, TSV.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >cases.csv <<EOF2
$H
2026-03-02,visit,王建国,,,1,昆都仑区,劳动社保,city,,,,no,,反映社保断缴
2026-03-03,letter,李秀英,,,1,青山区,城乡建设,city,,,,no,,道路失修
2026-03-04,visit,张伟,,,1,东河区,企业改制,city,,,,no,,改制安置
2026-03-05,online,赵敏,,,1,九原区,土地征用,city,,,,no,,征地补偿
2026-03-06,phone,刘洋,,,1,固阳县,农村农业,city,,,,no,,
2026-03-07,letter,陈静,,,1,石拐区,医疗卫生,city,,,,no,,
2026-03-08,visit,孙丽,,,1,白云区,教育,city,,,,no,,
2026-03-09,sms,周强,,,1,达茂旗,环境保护,city,,,,no,,
EOF2
HEAD=case_id,event,date,stage,due,unit,leader
SUMMARY1="pt-update: 1 applied, 0 refused, 0 already in the ledger"

# col DB CASE COLUMNS: those columns of one case from case_view ("-" for NULL).
col() {
	sqlite3 -nullvalue - "$1" "SELECT $3 FROM case_view WHERE case_id = '$2'"
}

# nev DB CASE: how many events the case has, its registration included.
nev() {
	sqlite3 "$1" "SELECT count(*) FROM event_view WHERE case_id = '$2'"
}

# snap: every case of r.db with its stage, due and number of events.
snap() {
	sqlite3 -nullvalue - r.db "SELECT c.case_id, c.stage, c.due,
		(SELECT count(*) FROM event_view e WHERE e.case_id = c.case_id)
		FROM case_view c ORDER BY c.id"
}

# update1 FILE: pt-update on l.db, one row applied; prints its output row.
update1() {
	pt-update -d l.db --as-of 2026-12-31 "$1" >out 2>err &&
	echo "$SUMMARY1" >expect && test_cmp expect err &&
	test "$(head -n 1 out)" = "$HEAD" && test "$(wc -l <out)" = 2 &&
	tail -n 1 out
}

# expect_refused FILE REASON: pt-update refuses FILE's one row (line 2) for
# REASON, exits 65, prints only the header, and r.db is as it was after set-up.
expect_refused() {
	{ pt-update -d r.db --as-of 2026-06-30 "$1" >out 2>err; test $? = 65; } &&
	printf "%s\n" "pt-update: $1:2: $2" \
		"pt-update: 0 applied, 1 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	echo "$HEAD" >expect && test_cmp expect out &&
	snap >after && test_cmp snap.expect after
}

# --- a whole life: case 2026-000001, received 2026-03-02 -------------------

test_expect_success 'set-up: pt-intake registers the cases' '
	pt-intake -q -d l.db --as-of 2026-12-31 cases.csv >/dev/null &&
	test "$(col l.db 2026-000001 "stage, due")" = "registered|2026-03-17"
'

test_expect_success 'accept: in progress, due 60 days after acceptance, unit and leader set' '
	# 2026-03-05 + 60 days: +26 to 03-31, +30 to 04-30, +4 = 2026-05-04
	printf "case_id,event,date,unit,leader\n2026-000001,accept,2026-03-05,昆都仑区人民政府,周区长\n" >accept.csv &&
	test "$(update1 accept.csv)" = "2026-000001,accept,2026-03-05,in_progress,2026-05-04,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, due, accepted, unit, leader")" = \
		"in_progress|2026-05-04|2026-03-05|昆都仑区人民政府|周区长"
'

test_expect_success 'extend: the due date moves on by the days given' '
	# 2026-05-04 + 20 days = 2026-05-24
	printf "case_id,event,date,days\n2026-000001,extend,2026-04-20,20\n" >extend.csv &&
	test "$(update1 extend.csv)" = "2026-000001,extend,2026-04-20,in_progress,2026-05-24,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, due, extended")" = "in_progress|2026-05-24|20" &&
	test "$(sqlite3 l.db "SELECT days FROM event_view WHERE case_id = '\''2026-000001'\'' AND event = '\''extend'\''")" = 20
'

test_expect_success 'conclude: concluded, resolved yes, no office deadline left' '
	printf "case_id,event,date,resolved\n2026-000001,conclude,2026-05-10,yes\n" >conclude.csv &&
	test "$(update1 conclude.csv)" = "2026-000001,conclude,2026-05-10,concluded,,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, due, concluded, resolved")" = "concluded|-|2026-05-10|1"
'

test_expect_success 'reply: the review window runs to reply + 30 days' '
	# 2026-05-12 + 30 days: +19 to 05-31, +11 = 2026-06-11
	printf "case_id,event,date\n2026-000001,reply,2026-05-12\n" >reply.csv &&
	test "$(update1 reply.csv)" = "2026-000001,reply,2026-05-12,concluded,2026-06-11,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, due, replied")" = "concluded|2026-06-11|2026-05-12"
'

test_expect_success 'rate: 满意 is recorded as satisfied' '
	printf "case_id,event,date,rating\n2026-000001,rate,2026-05-15,满意\n" >rate.csv &&
	test "$(update1 rate.csv)" = "2026-000001,rate,2026-05-15,concluded,2026-06-11,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, rating")" = "concluded|satisfied" &&
	test "$(sqlite3 l.db "SELECT rating FROM event_view WHERE case_id = '\''2026-000001'\'' AND event = '\''rate'\''")" = satisfied
'

test_expect_success 'review on the 30th day after the reply: in review, opinion due in 30 days' '
	# 2026-05-12 + 30 = 2026-06-11, the last day of the window;
	# opinion by 2026-06-11 + 30: +19 to 06-30, +11 = 2026-07-11
	printf "case_id,event,date\n2026-000001,review,2026-06-11\n" >review.csv &&
	test "$(update1 review.csv)" = "2026-000001,review,2026-06-11,in_review,2026-07-11,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, stage_start, due")" = "in_review|2026-06-11|2026-07-11"
'

test_expect_success 'review_done: reviewed, re-review may be asked until opinion + 30' '
	# 2026-07-01 + 30 = 2026-07-31
	printf "case_id,event,date\n2026-000001,review_done,2026-07-01\n" >review_done.csv &&
	test "$(update1 review_done.csv)" = "2026-000001,review_done,2026-07-01,reviewed,2026-07-31,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, due")" = "reviewed|2026-07-31"
'

test_expect_success 'recheck on the 30th day after the review opinion: in recheck, due in 30 days' '
	# 2026-07-01 + 30 = 2026-07-31, the last day; opinion by 07-31 + 30 = 2026-08-30
	printf "case_id,event,date\n2026-000001,recheck,2026-07-31\n" >recheck.csv &&
	test "$(update1 recheck.csv)" = "2026-000001,recheck,2026-07-31,in_recheck,2026-08-30,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, due")" = "in_recheck|2026-08-30"
'

test_expect_success 'recheck_done closes the case as rechecked' '
	printf "case_id,event,date\n2026-000001,recheck_done,2026-08-20\n" >recheck_done.csv &&
	test "$(update1 recheck_done.csv)" = "2026-000001,recheck_done,2026-08-20,closed,,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, due, closed, closed_how, open")" = "closed|-|2026-08-20|rechecked|0"
'

test_expect_success 'reopen: in progress again, a fresh 60 days, the old outcome cleared' '
	# 2026-09-01 + 60 days: +29 to 09-30, +31 = 2026-10-31
	printf "case_id,event,date\n2026-000001,reopen,2026-09-01\n" >reopen.csv &&
	test "$(update1 reopen.csv)" = "2026-000001,reopen,2026-09-01,in_progress,2026-10-31,昆都仑区人民政府,周区长" &&
	test "$(col l.db 2026-000001 "stage, due, accepted, extended, concluded, resolved, replied, rating, closed, closed_how, open")" = \
		"in_progress|2026-10-31|2026-09-01|0|-|-|-|-|-|-|1"
'

test_expect_success 'the ledger keeps every event of the life, in order, by pt-update' '
	sqlite3 -nullvalue - l.db "SELECT event, date, tool, by FROM event_view
		WHERE case_id = '\''2026-000001'\'' ORDER BY id" >got &&
	cat >expect <<-EOF2 &&
	register|2026-03-02|pt-intake|tester
	accept|2026-03-05|pt-update|tester
	extend|2026-04-20|pt-update|tester
	conclude|2026-05-10|pt-update|tester
	reply|2026-05-12|pt-update|tester
	rate|2026-05-15|pt-update|tester
	review|2026-06-11|pt-update|tester
	review_done|2026-07-01|pt-update|tester
	recheck|2026-07-31|pt-update|tester
	recheck_done|2026-08-20|pt-update|tester
	reopen|2026-09-01|pt-update|tester
	EOF2
	test_cmp expect got
'

# --- refusals: each exits 65, names file:line and the case, changes nothing -

test_expect_success 'set-up: cases in every stage the refusals need' '
	pt-intake -q -d r.db --as-of 2026-06-30 cases.csv >/dev/null &&
	cat >setup.csv <<-EOF2 &&
	case_id,event,date,days,resolved
	2026-000002,accept,2026-03-10,,
	2026-000002,extend,2026-03-20,10,
	2026-000003,accept,2026-03-10,,
	2026-000004,accept,2026-03-10,,
	2026-000004,conclude,2026-04-01,,no
	2026-000005,accept,2026-03-10,,
	2026-000005,conclude,2026-04-01,,yes
	2026-000005,reply,2026-04-02,,
	2026-000006,accept,2026-03-10,,
	2026-000006,conclude,2026-04-01,,yes
	2026-000006,reply,2026-04-02,,
	2026-000006,review,2026-04-10,,
	2026-000006,review_done,2026-04-20,,
	2026-000007,accept,2026-03-10,,
	2026-000007,terminate,2026-04-01,,
	EOF2
	pt-update -q -d r.db --as-of 2026-06-30 setup.csv >/dev/null &&
	# 1 registered: 03-02 + 15 = 03-17.  2 accepted 03-10 + 60 = 05-09,
	# extended 10 = 05-19.  3 in progress, 05-09.  4 concluded, not replied.
	# 5 replied 04-02, review window to 05-02.  6 reviewed 04-20, re-review
	# window to 05-20.  7 terminated.  8 registered: 03-09 + 15 = 03-24.
	cat >snap.expect <<-EOF2 &&
	2026-000001|registered|2026-03-17|1
	2026-000002|in_progress|2026-05-19|3
	2026-000003|in_progress|2026-05-09|2
	2026-000004|concluded|-|3
	2026-000005|concluded|2026-05-02|4
	2026-000006|reviewed|2026-05-20|6
	2026-000007|closed|-|3
	2026-000008|registered|2026-03-24|1
	EOF2
	snap >got && test_cmp snap.expect got
'

test_expect_success 'refused: conclude before accept' '
	printf "case_id,event,date,resolved\n2026-000001,conclude,2026-03-12,yes\n" >e.csv &&
	expect_refused e.csv "case 2026-000001: conclude does not fit stage registered"
'

test_expect_success 'refused: a second extension' '
	printf "case_id,event,date,days\n2026-000002,extend,2026-04-01,5\n" >e.csv &&
	expect_refused e.csv "case 2026-000002: the case was extended already (10 days); one extension only"
'

test_expect_success 'refused: an extension of more than 30 days' '
	printf "case_id,event,date,days\n2026-000003,extend,2026-04-01,31\n" >e.csv &&
	expect_refused e.csv "case 2026-000003: an extension takes days from 1 to 30"
'

test_expect_success 'refused: extend without days' '
	printf "case_id,event,date,days\n2026-000003,extend,2026-04-01,\n" >e.csv &&
	expect_refused e.csv "case 2026-000003: extend needs days"
'

test_expect_success 'refused: rate before the reply' '
	printf "case_id,event,date,rating\n2026-000004,rate,2026-04-05,满意\n" >e.csv &&
	expect_refused e.csv "case 2026-000004: rate before the reply"
'

test_expect_success 'refused: review asked on the 31st day after the reply' '
	# replied 2026-04-02; the window ends 04-02 + 30 = 05-02; 05-03 is day 31
	printf "case_id,event,date\n2026-000005,review,2026-05-03\n" >e.csv &&
	expect_refused e.csv "case 2026-000005: review asked 31 days after the reply; the window is 30 days"
'

test_expect_success 'refused: re-review asked on the 31st day after the review opinion' '
	# opinion 2026-04-20; the window ends 04-20 + 30 = 05-20; 05-21 is day 31
	printf "case_id,event,date\n2026-000006,recheck,2026-05-21\n" >e.csv &&
	expect_refused e.csv "case 2026-000006: re-review asked 31 days after the review; the window is 30 days"
'

test_expect_success 'refused: an event dated before the case'\''s previous event' '
	printf "case_id,event,date,resolved\n2026-000003,conclude,2026-03-09,yes\n" >e.csv &&
	expect_refused e.csv "case 2026-000003: conclude dated 2026-03-09, before the case'\''s last event (2026-03-10)"
'

test_expect_success 'refused: an event dated before the case was received' '
	printf "case_id,event,date\n2026-000008,accept,2026-03-08\n" >e.csv &&
	expect_refused e.csv "case 2026-000008: accept dated 2026-03-08, before the case'\''s last event (2026-03-09)"
'

test_expect_success 'refused: an event dated after --as-of' '
	printf "case_id,event,date,resolved\n2026-000003,conclude,2026-07-01,yes\n" >e.csv &&
	expect_refused e.csv "case 2026-000003: conclude dated 2026-07-01, after the as-of date"
'

test_expect_success 'refused: an unknown event' '
	printf "case_id,event,date\n2026-000003,approve,2026-04-01\n" >e.csv &&
	expect_refused e.csv "case 2026-000003: unknown event '\''approve'\''"
'

test_expect_success 'refused: an unknown case' '
	printf "case_id,event,date\n2026-000099,accept,2026-04-01\n" >e.csv &&
	expect_refused e.csv "case 2026-000099: no such case in the ledger"
'

test_expect_success 'refused: a date that does not exist' '
	printf "case_id,event,date,resolved\n2026-000003,conclude,2026-02-30,yes\n" >e.csv &&
	expect_refused e.csv "case 2026-000003: bad date '\''2026-02-30'\'' in column date"
'

test_expect_success 'refused: conclude without resolved' '
	printf "case_id,event,date,resolved\n2026-000003,conclude,2026-04-01,\n" >e.csv &&
	expect_refused e.csv "case 2026-000003: conclude needs resolved (yes or no)"
'

test_expect_success 'refused: every event on a closed case but reopen, which applies' '
	cat >closed.csv <<-EOF2 &&
	case_id,event,date,days,resolved,rating,unit
	2026-000007,accept,2026-04-05,,,,
	2026-000007,reject,2026-04-05,,,,
	2026-000007,transfer,2026-04-05,,,,市住建局
	2026-000007,extend,2026-04-05,5,,,
	2026-000007,conclude,2026-04-05,,yes,,
	2026-000007,reply,2026-04-05,,,,
	2026-000007,rate,2026-04-05,,,满意,
	2026-000007,review,2026-04-05,,,,
	2026-000007,terminate,2026-04-05,,,,
	EOF2
	{ pt-update -d r.db --as-of 2026-06-30 closed.csv >out 2>err; test $? = 65; } &&
	printf "pt-update: closed.csv:%s: case 2026-000007: the case is closed; only reopen applies\n" \
		2 3 4 5 6 7 8 9 10 >expect &&
	echo "pt-update: 0 applied, 9 refused, 0 already in the ledger" >>expect &&
	test_cmp expect err &&
	echo "$HEAD" >expect && test_cmp expect out &&
	snap >after && test_cmp snap.expect after &&
	# reopen: accepted again 2026-04-05, due 04-05 + 60: +25 to 04-30, +31 to 05-31, +4 = 06-04
	printf "case_id,event,date\n2026-000007,reopen,2026-04-05\n" >e.csv &&
	pt-update -d r.db --as-of 2026-06-30 e.csv >out 2>err &&
	printf "%s\n" "$HEAD" "2026-000007,reopen,2026-04-05,in_progress,2026-06-04,," >expect &&
	test_cmp expect out &&
	test "$(col r.db 2026-000007 "stage, due, closed_how")" = "in_progress|2026-06-04|-" &&
	test "$(nev r.db 2026-000007)" = 4
'

test_expect_success 'applied and refused rows in one file: the good ones apply; summary counts both' '
	# 3: concluded 04-15, replied 04-16: review window to 04-16 + 30 = 05-16.
	# 8: accepted 03-12 + 60: +19 to 03-31, +30 to 04-30, +11 = 05-11.
	cat >mixed.csv <<-EOF2 &&
	case_id,event,date,days,resolved
	2026-000003,conclude,2026-04-15,,yes
	2026-000003,extend,2026-04-16,,
	2026-000003,reply,2026-04-16,,
	2026-000008,accept,2026-03-08,,
	2026-000008,accept,2026-03-12,,
	EOF2
	{ pt-update -d r.db --as-of 2026-06-30 mixed.csv >out 2>err; test $? = 65; } &&
	cat >expect <<-EOF2 &&
	pt-update: mixed.csv:3: case 2026-000003: extend needs days
	pt-update: mixed.csv:5: case 2026-000008: accept dated 2026-03-08, before the case'\''s last event (2026-03-09)
	pt-update: 3 applied, 2 refused, 0 already in the ledger
	EOF2
	test_cmp expect err &&
	cat >expect <<-EOF2 &&
	$HEAD
	2026-000003,conclude,2026-04-15,concluded,,,
	2026-000003,reply,2026-04-16,concluded,2026-05-16,,
	2026-000008,accept,2026-03-12,in_progress,2026-05-11,,
	EOF2
	test_cmp expect out &&
	test "$(col r.db 2026-000003 "stage, due, resolved")" = "concluded|2026-05-16|1" &&
	test "$(col r.db 2026-000008 "stage, due")" = "in_progress|2026-05-11" &&
	test "$(nev r.db 2026-000003)" = 4 && test "$(nev r.db 2026-000008)" = 2
'

test_expect_success 'the same mixed file again: applied rows are already in the ledger, bad ones refused again' '
	{ pt-update -d r.db --as-of 2026-06-30 mixed.csv >out 2>err; test $? = 65; } &&
	test "$(tail -n 1 err)" = "pt-update: 0 applied, 2 refused, 3 already in the ledger" &&
	echo "$HEAD" >expect && test_cmp expect out &&
	test "$(nev r.db 2026-000003)" = 4 && test "$(nev r.db 2026-000008)" = 2
'

# --- re-runs, --by, -t, --rejects --------------------------------------------

test_expect_success 'an events file for a whole decision applies in one run' '
	pt-intake -q -d w.db --as-of 2026-12-31 cases.csv >/dev/null &&
	# accepted 03-05 + 60 = 05-04 (as above); replied 03-21 + 30: +10 to 03-31, +20 = 04-20
	cat >life.csv <<-EOF2 &&
	case_id,event,date,resolved,rating
	2026-000002,accept,2026-03-05,,
	2026-000002,conclude,2026-03-20,yes,
	2026-000002,reply,2026-03-21,,
	2026-000002,rate,2026-03-25,,基本满意
	EOF2
	pt-update -d w.db --as-of 2026-12-31 life.csv >out 2>err &&
	cat >expect <<-EOF2 &&
	$HEAD
	2026-000002,accept,2026-03-05,in_progress,2026-05-04,,
	2026-000002,conclude,2026-03-20,concluded,,,
	2026-000002,reply,2026-03-21,concluded,2026-04-20,,
	2026-000002,rate,2026-03-25,concluded,2026-04-20,,
	EOF2
	test_cmp expect out &&
	echo "pt-update: 4 applied, 0 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(col w.db 2026-000002 "stage, due, rating")" = "concluded|2026-04-20|basic" &&
	test "$(nev w.db 2026-000002)" = 5
'

test_expect_success 're-running the same events file adds nothing' '
	pt-update -d w.db --as-of 2026-12-31 life.csv >out 2>err &&
	echo "pt-update: 0 applied, 0 refused, 4 already in the ledger" >expect &&
	test_cmp expect err &&
	echo "$HEAD" >expect && test_cmp expect out &&
	test "$(col w.db 2026-000002 "stage, due, rating")" = "concluded|2026-04-20|basic" &&
	test "$(nev w.db 2026-000002)" = 5
'

test_expect_success '--by is recorded on the events; a by column wins; $USER by default' '
	cat >by.csv <<-EOF2 &&
	case_id,event,date,days,by
	2026-000003,accept,2026-03-06,,
	2026-000003,extend,2026-03-20,15,王五
	EOF2
	pt-update -q -d w.db --as-of 2026-12-31 --by 李四 by.csv >out &&
	test "$(wc -l <out)" = 3 &&
	sqlite3 w.db "SELECT event, tool, by FROM event_view
		WHERE case_id IN ('\''2026-000002'\'', '\''2026-000003'\'') AND event IN ('\''accept'\'', '\''extend'\'')
		ORDER BY id" >got &&
	printf "%s\n" "accept|pt-update|tester" "accept|pt-update|李四" "extend|pt-update|王五" >expect &&
	test_cmp expect got
'

test_expect_success '-t prints the applied events as TSV' '
	# 2026-03-06 + 60: +25 to 03-31, +30 to 04-30, +5 = 2026-05-05
	printf "case_id,event,date,unit\n2026-000004,accept,2026-03-06,市住建局\n" >tsv.csv &&
	pt-update -t -d w.db --as-of 2026-12-31 tsv.csv >out 2>err &&
	printf "case_id\tevent\tdate\tstage\tdue\tunit\tleader\n2026-000004\taccept\t2026-03-06\tin_progress\t2026-05-05\t市住建局\t\n" >expect &&
	test_cmp expect out &&
	echo "$SUMMARY1" >expect && test_cmp expect err
'

# --- the two ratings, and the review outcomes ------------------------------

# bev CASE EVENT COLUMNS: those columns of the case's EVENT events ("-": NULL).
bev() {
	sqlite3 -nullvalue - b.db "SELECT $3 FROM event_view WHERE case_id = '$1'
		AND event = '$2' ORDER BY id"
}

test_expect_success 'set-up: two cases replied to, one reviewed' '
	pt-intake -q -d b.db --as-of 2026-12-31 cases.csv >/dev/null &&
	cat >b-setup.csv <<-EOF2 &&
	case_id,event,date,resolved
	2026-000001,accept,2026-03-10,
	2026-000001,conclude,2026-04-01,yes
	2026-000001,reply,2026-04-02,
	2026-000002,accept,2026-03-10,
	2026-000002,conclude,2026-04-01,yes
	2026-000002,reply,2026-04-02,
	2026-000002,review,2026-04-10,
	EOF2
	pt-update -q -d b.db --as-of 2026-12-31 b-setup.csv >/dev/null &&
	test "$(col b.db 2026-000002 stage)" = in_review
'

test_expect_success 'rate: the bureau_rating alone (信访部门评价) leaves the unit rating open' '
	printf "case_id,event,date,信访部门评价\n2026-000001,rate,2026-04-05,基本满意\n" >br.csv &&
	pt-update -q -d b.db --as-of 2026-12-31 br.csv >out &&
	test "$(col b.db 2026-000001 "rating, bureau_rating")" = "-|basic" &&
	test "$(bev 2026-000001 rate "rating, bureau_rating")" = "-|basic"
'

test_expect_success 'rate: a re-run of the same rating adds nothing' '
	pt-update -d b.db --as-of 2026-12-31 br.csv >out 2>err &&
	test "$(cat err)" = "pt-update: 0 applied, 0 refused, 1 already in the ledger" &&
	test "$(bev 2026-000001 rate count\(\*\))" = 1
'

test_expect_success 'rate: the bureau rated already, refused' '
	printf "case_id,event,date,bureau_rating\n2026-000001,rate,2026-04-06,satisfied\n" >e.csv &&
	{ pt-update -d b.db --as-of 2026-12-31 e.csv >out 2>err; test $? = 65; } &&
	grep -q "^pt-update: e.csv:2: case 2026-000001: the case was rated by the bureau already (basic)$" err &&
	test "$(col b.db 2026-000001 bureau_rating)" = basic
'

test_expect_success 'rate: the unit rating (rating) still taken after the bureau'"'"'s' '
	printf "case_id,event,date,rating\n2026-000001,rate,2026-04-06,不满意\n" >e.csv &&
	pt-update -q -d b.db --as-of 2026-12-31 e.csv >out &&
	test "$(col b.db 2026-000001 "rating, bureau_rating")" = "unsatisfied|basic"
'

test_expect_success 'void undoes the latest rating only' '
	printf "case_id,event,date\n2026-000001,void,2026-04-07\n" >e.csv &&
	pt-update -q -d b.db --as-of 2026-12-31 e.csv >out &&
	test "$(col b.db 2026-000001 "rating, bureau_rating")" = "-|basic" &&
	printf "case_id,event,date\n2026-000001,void,2026-04-08\n" >e.csv &&
	pt-update -q -d b.db --as-of 2026-12-31 e.csv >out &&
	test "$(col b.db 2026-000001 "rating, bureau_rating")" = "-|-"
'

test_expect_success 'rate: both ratings in one row' '
	printf "case_id,event,date,rating,bureau_rating\n2026-000001,rate,2026-04-09,满意,不满意\n" >e.csv &&
	pt-update -q -d b.db --as-of 2026-12-31 e.csv >out &&
	test "$(col b.db 2026-000001 "rating, bureau_rating")" = "satisfied|unsatisfied" &&
	test "$(bev 2026-000001 rate "rating, bureau_rating" | tail -n 1)" = "satisfied|unsatisfied"
'

test_expect_success 'refused: rate with neither rating, and an unknown bureau_rating' '
	cat >e.csv <<-EOF2 &&
	case_id,event,date,rating,bureau_rating
	2026-000001,rate,2026-04-09,,
	2026-000001,rate,2026-04-09,,good
	EOF2
	{ pt-update -d b.db --as-of 2026-12-31 e.csv >out 2>err; test $? = 65; } &&
	cat >expect <<-EOF2 &&
	pt-update: e.csv:2: case 2026-000001: rate needs a rating or a bureau_rating (satisfied, basic, unsatisfied)
	pt-update: e.csv:3: case 2026-000001: unknown bureau_rating '"'"'good'"'"' (satisfied, basic, unsatisfied)
	pt-update: 0 applied, 2 refused, 0 already in the ledger
	EOF2
	test_cmp expect err
'

test_expect_success 'review_done and recheck_done keep their outcome (维持 撤销 变更)' '
	cat >e.csv <<-EOF2 &&
	case_id,event,date,outcome
	2026-000002,review_done,2026-04-20,撤销
	2026-000002,recheck,2026-04-25,
	2026-000002,recheck_done,2026-05-10,changed
	EOF2
	pt-update -q -d b.db --as-of 2026-12-31 e.csv >out &&
	test "$(bev 2026-000002 review_done outcome)" = revoked &&
	test "$(bev 2026-000002 recheck outcome)" = - &&
	test "$(bev 2026-000002 recheck_done outcome)" = changed &&
	test "$(col b.db 2026-000002 stage)" = closed
'

test_expect_success 'refused: an unknown outcome, and an outcome on another event' '
	cat >e.csv <<-EOF2 &&
	case_id,event,date,resolved,outcome
	2026-000003,conclude,2026-04-09,yes,upheld
	2026-000003,review_done,2026-04-09,,kept
	EOF2
	{ pt-update -d b.db --as-of 2026-12-31 e.csv >out 2>err; test $? = 65; } &&
	cat >expect <<-EOF2 &&
	pt-update: e.csv:2: case 2026-000003: an outcome is given with review_done or recheck_done only
	pt-update: e.csv:3: case 2026-000003: unknown outcome '"'"'kept'"'"' (upheld, revoked, changed)
	pt-update: 0 applied, 2 refused, 0 already in the ledger
	EOF2
	test_cmp expect err &&
	test "$(col b.db 2026-000003 stage)" = registered
'

test_expect_success '--rejects holds the refused rows with file, line and reason' '
	cat >rj-in.csv <<-EOF2 &&
	case_id,event,date,days
	2026-000005,extend,2026-03-10,
	2026-000005,accept,2026-03-10,
	2026-000005,extend,2026-03-12,45
	2026-000005,conclude,2026-03-01,
	EOF2
	{ pt-update -d w.db --as-of 2026-12-31 --rejects rj.csv rj-in.csv >out 2>err; test $? = 65; } &&
	test "$(tail -n 1 err)" = "pt-update: 1 applied, 3 refused, 0 already in the ledger" &&
	cat >expect <<-EOF2 &&
	file,line,reason,case_id,event,date,days
	rj-in.csv,2,case 2026-000005: extend needs days,2026-000005,extend,2026-03-10,
	rj-in.csv,4,case 2026-000005: an extension takes days from 1 to 30,2026-000005,extend,2026-03-12,45
	rj-in.csv,5,"case 2026-000005: conclude dated 2026-03-01, before the case'\''s last event (2026-03-10)",2026-000005,conclude,2026-03-01,
	EOF2
	test_cmp expect rj.csv &&
	test "$(col w.db 2026-000005 "stage, extended")" = "in_progress|0" &&
	test "$(nev w.db 2026-000005)" = 2
'

test_expect_success 'a missing ledger exits 69 and is not created' '
	printf "case_id,event,date\n2026-000001,accept,2026-03-05\n" >e.csv &&
	{ pt-update -d none.db --as-of 2026-12-31 e.csv >out 2>err; test $? = 69; } &&
	grep -q "^pt-update: none.db: no ledger" err &&
	test ! -e none.db
'

test_expect_success 'the events by their Chinese names, as a unit'\''s sheet writes them: recorded by the English' '
	pt-intake -q -d zh.db --as-of 2026-12-31 cases.csv >/dev/null &&
	cat >zh.csv <<-\EOF2 &&
	编号,事件,日期,责任单位,化解,评价,标签
	2026-000001,受理,2026-03-04,市人社局,,,
	2026-000001,办结,2026-03-20,,是,,
	2026-000001,答复,2026-03-21,,,,
	2026-000001,评价,2026-03-25,,,满意,
	2026-000002,不予受理,2026-03-05,,,,
	2026-000003,标记,2026-03-06,,,,积案
	2026-000003,撤销,2026-03-07,,,,
	2026-000005,申请复查,2026-03-08,,,,
	2026-000004,飞鸽,2026-03-07,,,,
	EOF2
	{ pt-update -d zh.db --as-of 2026-12-31 zh.csv >out 2>err; test $? = 65; } &&
	grep -q "zh.csv:9: case 2026-000005: review does not fit stage registered" err &&
	grep -q "zh.csv:10: case 2026-000004: unknown event .飞鸽." err &&
	tail -n 1 err >got && echo "pt-update: 7 applied, 2 refused, 0 already in the ledger" >expect &&
	test_cmp expect got &&
	sqlite3 zh.db "SELECT event FROM events ORDER BY id" >got &&
	printf "%s\n" accept conclude reply rate reject tag void >expect &&
	test_cmp expect got &&
	test "$(col zh.db 2026-000001 "stage || rating")" = concludedsatisfied &&
	test "$(col zh.db 2026-000002 "stage || closed_how")" = closedrejected &&
	{ pt-update -d zh.db --as-of 2026-12-31 zh.csv >out 2>err; test $? = 65; } &&
	tail -n 1 err >got && echo "pt-update: 0 applied, 2 refused, 7 already in the ledger" >expect &&
	test_cmp expect got
'

test_done
