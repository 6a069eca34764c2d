#!/bin/sh
# The Regulations on Petition Work (信访工作条例, 2022) as pt-assign and
# pt-update count them: the date of each acceptance, routing without
# acceptance, transfers (Art. 22-23), extensions (Art. 34), and deadlines
# that land on a day off.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >cases.csv <<EOF2
$H
2026-11-02,visit,王建国,,,1,昆都仑区,劳动社保,city,,,,no,,
2026-11-02,letter,李秀英,,,1,青山区,城乡建设,city,,,,no,,
2026-11-02,visit,张伟,,,1,青山区,企业改制,city,,,,no,,
2026-11-02,letter,刘洋,,,1,东河区,城乡建设,city,,,,no,,
2026-11-02,visit,陈静,,,1,东河区,城乡建设,city,,,,no,,
EOF2
CAL=$TESTDATA/calendar-cn.csv

# q DB SQL: the query's rows, NULL as "-".
q() {
	sqlite3 -nullvalue - "$1" "$2"
}

# Acceptance on 2026-11-03: + 27 to 11-30, + 31 to 12-31, + 2 = 2027-01-02;
# on 2026-11-06: 2027-01-05; on the as-of date 2026-11-10: 2027-01-09.
test_expect_success 'Art. 22: pt-assign dates each acceptance by the date column, else --date, else the as-of date' '
	pt-intake -q -d a.db --as-of 2026-11-10 cases.csv >/dev/null &&
	printf "case_id,date\n2026-000001,2026-11-03\n2026-000002,\n" >s.csv &&
	pt-assign -q -d a.db --unit 人社局 --date 2026-11-06 --as-of 2026-11-10 s.csv >out.csv &&
	printf "case_id,日期\n2026-000003,\n" >s3.csv &&
	pt-assign -q -d a.db --unit 人社局 --as-of 2026-11-10 s3.csv >>out.csv &&
	q a.db "SELECT case_id, accepted, due FROM case_view WHERE accepted IS NOT NULL ORDER BY id" >out &&
	printf "%s\n" "2026-000001|2026-11-03|2027-01-02" "2026-000002|2026-11-06|2027-01-05" \
		"2026-000003|2026-11-10|2027-01-09" >expect &&
	test_cmp expect out &&
	q a.db "SELECT case_id, date FROM event_view WHERE event = '\''accept'\'' ORDER BY id" >out &&
	printf "%s\n" "2026-000001|2026-11-03" "2026-000002|2026-11-06" "2026-000003|2026-11-10" >expect &&
	test_cmp expect out
'

test_expect_success 'Art. 22: a bad date in the date column refuses that row, with its line; the others are accepted' '
	printf "case_id,date\n2026-000004,2026-13-01\n2026-000005,2026-11-04\n" >bad.csv &&
	pt-assign -q -d a.db --unit 住建局 --as-of 2026-11-10 bad.csv >out 2>err; test $? = 65 &&
	grep -q "^pt-assign: bad.csv:2: case 2026-000004: bad date .2026-13-01. in column date$" err &&
	q a.db "SELECT case_id, stage, unit, accepted FROM case_view WHERE id > 202600000003 ORDER BY id" >out &&
	printf "%s\n" "2026-000004|registered|-|-" "2026-000005|in_progress|住建局|2026-11-04" >expect &&
	test_cmp expect out &&
	printf "case_id,date\n2026-000004,2026-11-12\n" >late.csv &&
	pt-assign -q -d a.db --unit 住建局 --as-of 2026-11-10 late.csv >out 2>err; test $? = 65 &&
	grep -q "late.csv:2: case 2026-000004: accept dated 2026-11-12, after the as-of date" err
'

# 2026-11-20 + 60 days: + 10 to 11-30, + 31 to 12-31, + 19 = 2027-01-19.
test_expect_success 'Art. 22: routed with --no-accept on 12-01, the case still takes the acceptance of 11-20' '
	pt-intake -q -d b.db --as-of 2026-12-01 cases.csv >/dev/null &&
	printf "case_id\n2026-000001\n" >one.csv &&
	pt-assign -q -d b.db --unit 人社局 --leader 王局长 --no-accept --as-of 2026-12-01 one.csv >/dev/null &&
	q b.db "SELECT stage, unit, accepted, decided, last_event FROM case_view WHERE case_id = '\''2026-000001'\''" >out &&
	echo "registered|人社局|-|-|2026-11-02" >expect && test_cmp expect out &&
	printf "case_id,event,date,days\n2026-000001,accept,2026-11-20,\n2026-000001,extend,2026-11-25,30\n" >ev.csv &&
	pt-update -q -d b.db --as-of 2026-12-01 ev.csv >/dev/null &&
	q b.db "SELECT stage, unit, leader, accepted, decided, due, last_event FROM case_view WHERE case_id = '\''2026-000001'\''" >out &&
	echo "in_progress|人社局|王局长|2026-11-20|2026-11-20|2027-02-18|2026-11-25" >expect && test_cmp expect out &&
	q b.db "SELECT event, date, tool FROM event_view WHERE case_id = '\''2026-000001'\'' AND event <> '\''register'\'' ORDER BY id" >out &&
	printf "%s\n" "assign|2026-12-01|pt-assign" "accept|2026-11-20|pt-update" "extend|2026-11-25|pt-update" >expect &&
	test_cmp expect out &&
	pt-assign -q -d b.db --unit 住建局 --date 2026-11-22 --as-of 2026-12-01 one.csv >out 2>err; test $? = 65 &&
	grep -q "one.csv:2: case 2026-000001: transfer dated 2026-11-22, before the case.s last event (2026-11-25)" err
'

# od DB DATE CASE: the case's colour, stage and due in pt-overdue --all on DATE.
od() {
	pt-overdue -q -d "$1" --all --as-of "$2" >od.csv; test $? -le 1 &&
	awk -F, -v c="$3" '$1 == c { print $2 "|" $3 "|" $4 }' od.csv
}

# Received 2026-11-02 (day 0), the office's deadline is 11-17 (day 15).
# Transferred on 11-04 (day 2): the receiving unit decides by 11-04 + 15
# = 11-19 (day 17); red from 11-20 (day 18), not from 11-18 (day 16).
test_expect_success 'Art. 22-23: a case transferred on day 2 is not red on day 16; red on day 18, after the unit'\''s own 15 days' '
	pt-intake -q -d c.db --as-of 2026-11-04 cases.csv >/dev/null &&
	printf "case_id,event,date,unit\n2026-000001,transfer,2026-11-04,青山区人民政府\n" >tr.csv &&
	pt-update -q -d c.db --as-of 2026-11-04 tr.csv >out.csv &&
	csv_col out.csv due >out && echo 2026-11-19 >expect && test_cmp expect out &&
	od c.db 2026-11-18 2026-000001 >out && echo "yellow|registered|2026-11-19" >expect &&
	test_cmp expect out &&
	od c.db 2026-11-19 2026-000001 >out && echo "yellow|registered|2026-11-19" >expect &&
	test_cmp expect out &&
	od c.db 2026-11-20 2026-000001 >out && echo "red|registered|2026-11-19" >expect &&
	test_cmp expect out &&
	od c.db 2026-11-18 2026-000002 >out && echo "red|registered|2026-11-17" >expect &&
	test_cmp expect out
'

test_expect_success 'Art. 22: a transfer within the 15 days is a timely decision: pt-stats timely_accepted counts it' '
	q c.db "SELECT decided FROM case_view WHERE case_id = '\''2026-000001'\''" >out &&
	echo 2026-11-04 >expect && test_cmp expect out &&
	pt-stats -q -d c.db --period 2026-11 --as-of 2026-11-30 >st.csv &&
	csv_col st.csv accept_due >out && echo 5 >expect && test_cmp expect out &&
	csv_col st.csv timely_accepted >out && echo 1 >expect && test_cmp expect out
'

test_expect_success 'Art. 23: the receiving unit accepts on day 16; the decision stays the transfer'\''s, and a late transfer is no timely one' '
	printf "case_id,event,date,unit\n2026-000001,accept,2026-11-18,\n2026-000002,transfer,2026-11-18,东河区人民政府\n" >ev.csv &&
	pt-update -q -d c.db --as-of 2026-11-18 ev.csv >/dev/null &&
	q c.db "SELECT case_id, stage, unit, accepted, decided, due FROM case_view WHERE id <= 202600000002 ORDER BY id" >out &&
	printf "%s\n" "2026-000001|in_progress|青山区人民政府|2026-11-18|2026-11-04|2027-01-17" \
		"2026-000002|registered|东河区人民政府|-|2026-11-18|2026-12-03" >expect &&
	test_cmp expect out &&
	pt-stats -q -d c.db --period 2026-11 --as-of 2026-11-30 >st.csv &&
	csv_col st.csv timely_accepted >out && echo 1 >expect && test_cmp expect out
'

# Accepted 2026-11-02: due 2027-01-01.  An extension on the due day still
# runs within the deadline; the day after, the deadline has passed.
test_expect_success 'Art. 34: an extension dated after the deadline is refused, and the case stays red' '
	pt-intake -q -d d.db --as-of 2026-11-02 cases.csv >/dev/null &&
	printf "case_id,date\n2026-000001,2026-11-02\n2026-000002,2026-11-02\n" >s.csv &&
	pt-assign -q -d d.db --unit 人社局 --as-of 2026-11-02 s.csv >/dev/null &&
	printf "case_id,event,date,days\n2026-000001,extend,2027-01-02,30\n2026-000002,extend,2027-01-01,30\n" >ev.csv &&
	pt-update -q -d d.db --as-of 2027-01-05 ev.csv >out 2>err; test $? = 65 &&
	echo "pt-update: ev.csv:2: case 2026-000001: extension dated 2027-01-02 after the deadline (2027-01-01): an extension is made while the deadline runs" >expect &&
	test_cmp expect err &&
	q d.db "SELECT case_id, extended, due FROM case_view WHERE id <= 202600000002 ORDER BY id" >out &&
	printf "%s\n" "2026-000001|0|2027-01-01" "2026-000002|30|2027-01-31" >expect && test_cmp expect out &&
	od d.db 2027-01-05 2026-000001 >out && echo "red|in_progress|2027-01-01" >expect && test_cmp expect out &&
	od d.db 2027-01-05 2026-000002 >out && echo "blue|in_progress|2027-01-31" >expect && test_cmp expect out
'

# Deadlines on a day off stay where the calendar days put them, with the
# holiday calendar loaded: received 2026-09-16, the 15th day is 2026-10-01
# (National Day); received 2026-11-07, it is Sunday 2026-11-22; accepted
# 2026-08-03, the 60th day is 2026-10-02 (National Day), not the next
# working day 2026-10-08.
cat >hol.csv <<EOF2
$H
2026-08-03,visit,王建国,,,1,昆都仑区,劳动社保,city,,,,no,,
2026-09-16,letter,李秀英,,,1,青山区,城乡建设,city,,,,no,,
2026-11-07,visit,张伟,,,1,青山区,企业改制,city,,,,no,,
EOF2
test_expect_success 'Art. 22, 34: a 15- or 60-day deadline on a holiday or a Sunday is that day; red the day after' '
	pt-intake -q -d e.db --as-of 2026-11-07 hol.csv >/dev/null &&
	printf "case_id,date\n2026-000001,2026-08-03\n" >s.csv &&
	pt-assign -q -d e.db --calendar "$CAL" --unit 人社局 --as-of 2026-11-07 s.csv >out.csv &&
	csv_col out.csv due >out && echo 2026-10-02 >expect && test_cmp expect out &&
	q e.db "SELECT kind FROM calendar WHERE date IN ('\''2026-10-01'\'', '\''2026-10-02'\'')" >out &&
	printf "holiday\nholiday\n" >expect && test_cmp expect out &&
	q e.db "SELECT case_id, due FROM case_view ORDER BY id" >out &&
	printf "%s\n" "2026-000001|2026-10-02" "2026-000002|2026-10-01" "2026-000003|2026-11-22" >expect &&
	test_cmp expect out &&
	od e.db 2026-10-01 2026-000002 >out && echo "yellow|registered|2026-10-01" >expect &&
	test_cmp expect out &&
	od e.db 2026-10-02 2026-000002 >out && echo "red|registered|2026-10-01" >expect &&
	test_cmp expect out &&
	od e.db 2026-10-02 2026-000001 >out && echo "yellow|in_progress|2026-10-02" >expect &&
	test_cmp expect out &&
	od e.db 2026-10-03 2026-000001 >out && echo "red|in_progress|2026-10-02" >expect &&
	test_cmp expect out &&
	od e.db 2026-11-22 2026-000003 >out && echo "yellow|registered|2026-11-22" >expect &&
	test_cmp expect out &&
	od e.db 2026-11-23 2026-000003 >out && echo "red|registered|2026-11-22" >expect &&
	test_cmp expect out
'

test_expect_success 'Art. 23: the receiving unit'\''s 15 days after a transfer end on a holiday as counted' '
	printf "case_id,event,date,unit\n2026-000002,transfer,2026-09-20,青山区人民政府\n" >tr.csv &&
	pt-update -q -d e.db --as-of 2026-11-07 tr.csv >out.csv &&
	csv_col out.csv due >out && echo 2026-10-05 >expect && test_cmp expect out &&
	od e.db 2026-10-05 2026-000002 >out && echo "yellow|registered|2026-10-05" >expect &&
	test_cmp expect out &&
	od e.db 2026-10-06 2026-000002 >out && echo "red|registered|2026-10-05" >expect &&
	test_cmp expect out
'

test_expect_success 'Art. 22-23: pt-stats colours a transferred case by the unit'\''s 15 days, as pt-overdue does' '
	printf "received,channel,name,region,category\n2026-11-02,visit,甲,昆都仑区,劳动社保\n" >st.csv &&
	pt-intake -q -d st.db --as-of 2026-11-02 st.csv >/dev/null &&
	printf "case_id,event,date,unit\n2026-000001,transfer,2026-11-04,某单位\n" >st-tr.csv &&
	pt-update -q -d st.db --as-of 2026-11-04 st-tr.csv >/dev/null &&
	pt-stats -d st.db --as-of 2026-11-18 --period 2026-11 >s18.csv &&
	test "$(csv_col s18.csv red),$(csv_col s18.csv yellow)" = "0,1" &&
	pt-stats -d st.db --as-of 2026-11-21 --period 2026-11 >s21.csv &&
	test "$(csv_col s21.csv red),$(csv_col s21.csv yellow)" = "1,0"
'

test_done
