#!/bin/sh
# pt-overdue: four-colour supervision (四色督办) at its boundaries, the
# deadline of every stage, order, --summary, filters, exit status, formats,
# and the case stream other tools read.  Every expected due date and
# days_left is worked out by hand in the comments from the fixtures below.
. "$(dirname "$0")/lib.sh"

# "Today" for every colour below, unless a test says otherwise: a Friday.
T=2026-11-20

# ov ARGS...: pt-overdue on l.db as of $T.
ov() {
	pt-overdue -d l.db --as-of $T "$@"
}

# brief: case_id,color,stage,due,days_left of a pt-overdue CSV, without the header.
brief() {
	sed 1d | cut -d, -f1-5
}

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
# Cases 2026-000001 to 2026-000016, in this order.  pt-intake sets each one's
# acceptance deadline, received + 15 days (in the comment at the end of the line).
cat >cases.csv <<EOF2
$H
2026-11-05,visit,王一,,13912341234,1,青山区,劳动社保,city,,,,no,,c1 (11-20)
2026-11-10,letter,王二,,,1,青山区,劳动社保,city,,,,no,,c2 (11-25)
2026-11-11,online,王三,,,1,昆都仑区,城乡建设,city,,,,no,,c3 (11-26)
2026-11-04,phone,王四,,,1,东河区,劳动社保,city,,,,no,,c4 (11-19)
2026-09-01,visit,王五,,,1,昆都仑区,城乡建设,city,,,,no,,c5 (09-16)
2026-08-20,letter,王六,,,1,青山区,劳动社保,city,,,,no,,c6 (09-04)
2026-09-20,online,王七,,,1,昆都仑区,城乡建设,city,,,,no,,c7 (10-05)
2026-09-25,letter,王八,,,1,九原区,劳动社保,city,province,2026-11-21,,no,,c8 (10-10)
2026-09-25,letter,王九,,,1,九原区,土地征用,city,central,2026-12-31,,no,,c9 (10-10)
2026-08-01,visit,赵十,,,1,东河区,劳动社保,city,,,,no,,c10 (08-16)
2026-06-01,visit,赵十一,,,1,东河区,劳动社保,city,,,,no,,c11 (06-16)
2026-10-01,visit,赵十二,,,1,白云区,土地征用,city,,,,no,,c12 (10-16)
2026-07-01,visit,赵十三,,,1,白云区,土地征用,city,,,,no,,c13 (07-16)
2026-10-05,visit,赵十四,,,1,白云区,土地征用,city,,,,no,,c14 (10-20)
2026-11-15,visit,赵十五,,,1,白云区,其他,city,,,,no,,c15 (11-30)
2026-09-05,visit,赵十六,,,1,昆都仑区,城乡建设,city,,,,no,,c16 (09-20)
EOF2

# What happens to them next (cases 1-4 are routed by pt-assign without
# being accepted, case 7 is accepted by pt-assign; see the set-up tests).
cat >events.csv <<EOF2
case_id,event,date,days,resolved,unit,leader
2026-000005,accept,2026-09-23,,,住建局,张局长
2026-000006,accept,2026-09-01,,,人社局,
2026-000006,extend,2026-10-20,30,,,
2026-000008,accept,2026-10-01,,,人社局,
2026-000009,accept,2026-10-02,,,自然资源局,
2026-000010,accept,2026-08-03,,,人社局,
2026-000010,conclude,2026-10-01,,yes,,
2026-000010,reply,2026-10-10,,,,
2026-000010,review,2026-10-25,,,,
2026-000011,accept,2026-06-02,,,人社局,
2026-000011,conclude,2026-07-01,,no,,
2026-000011,reply,2026-07-05,,,,
2026-000011,review,2026-08-01,,,,
2026-000011,review_done,2026-10-01,,,,
2026-000011,recheck,2026-10-19,,,,
2026-000012,accept,2026-10-02,,,自然资源局,
2026-000012,conclude,2026-11-10,,yes,,
2026-000012,reply,2026-11-12,,,,
2026-000013,accept,2026-07-02,,,自然资源局,
2026-000013,conclude,2026-08-01,,yes,,
2026-000013,reply,2026-08-03,,,,
2026-000013,review,2026-08-20,,,,
2026-000013,review_done,2026-11-02,,,,
2026-000014,accept,2026-10-06,,,自然资源局,
2026-000014,terminate,2026-11-01,,,,
2026-000015,reject,2026-11-16,,,,
2026-000016,accept,2026-09-10,,,住建局,李局长
EOF2

# --- set-up -----------------------------------------------------------------

test_expect_success 'set-up: pt-intake registers the 16 cases' '
	pt-intake -q -d l.db --as-of $T cases.csv >new.csv &&
	test "$(sqlite3 l.db "SELECT count(*) FROM cases WHERE stage = '\''registered'\''")" = 16
'

test_expect_success 'set-up: pt-assign routes cases 1-4 without accepting them' '
	printf "%s\n" case_id,unit 2026-000001,人社局 2026-000002,人社局 \
		2026-000003,住建局 2026-000004,人社局 >route.csv &&
	pt-assign -q -d l.db --as-of $T --date 2026-11-16 --no-accept route.csv >/dev/null &&
	sqlite3 l.db "SELECT case_id, stage, due, unit FROM case_view WHERE id % 1000000 <= 4" >got &&
	printf "%s\n" "2026-000001|registered|2026-11-20|人社局" "2026-000002|registered|2026-11-25|人社局" \
		"2026-000003|registered|2026-11-26|住建局" "2026-000004|registered|2026-11-19|人社局" >expect &&
	test_cmp expect got
'

test_expect_success 'set-up: pt-assign accepts case 7 (simplified) before any calendar is loaded' '
	# Accepted Thursday 2026-09-24; 10 working days, no calendar yet, so only
	# weekends and the fixed-date holidays (10-01..03) are days off:
	# Fri 09-25 (1), Mon 09-28 .. Wed 09-30 (2-4), Mon 10-05 .. Fri 10-09
	# (5-9), Mon 10-12 (10).
	printf "case_id\n2026-000007\n" |
	pt-assign -q -d l.db --as-of $T --date 2026-09-24 --unit 住建局 --leader 张局长 \
		--procedure simplified >out &&
	test "$(sed -n 2p out | cut -d, -f1-6)" = "2026-000007,住建局,张局长,2026-10-12,in_progress,simplified"
'

test_expect_success 'set-up: pt-update moves the cases into every stage' '
	pt-update -d l.db --as-of $T events.csv >/dev/null 2>err &&
	echo "pt-update: 27 applied, 0 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	sqlite3 l.db "SELECT group_concat(stage, \" \") FROM (SELECT stage FROM cases ORDER BY id)" >got &&
	echo "registered registered registered registered in_progress in_progress in_progress in_progress in_progress in_review in_recheck concluded reviewed closed closed in_progress" >expect &&
	test_cmp expect got
'

test_expect_success 'set-up: pt-update --calendar loads the holidays; case 7 moves to 10-15' '
	# Over testdata/calendar-cn.csv: 09-25..27 and 10-01..07 are holidays and
	# Saturday 10-10 is a make-up working day, so from Thu 09-24: Mon 09-28,
	# Tue 09-29, Wed 09-30 (1-3), Thu 10-08, Fri 10-09, Sat 10-10 (4-6),
	# Mon 10-12 .. Thu 10-15 (7-10).
	printf "case_id,event,date\n" >none.csv &&
	pt-update -d l.db --as-of $T --calendar "$TESTDATA/calendar-cn.csv" none.csv >/dev/null 2>err &&
	grep -q "1 deadlines moved" err &&
	test "$(sqlite3 l.db "SELECT due FROM case_view WHERE case_id = '\''2026-000007'\''")" = 2026-10-15
'

# --- the colours at their boundaries -------------------------------------------

test_expect_success 'the default lists red and yellow, most overdue first, and exits 1' '
	# as of 2026-11-20:
	#   7  simplified, due 10-15: 16 days to 10-31 + 20        -> red    -36
	#   16 accepted 09-10 + 60 = 11-09                          -> red    -11
	#   11 recheck asked 10-19 + 30 = 11-18                     -> red     -2
	#   4  received 11-04 + 15 = 11-19, due yesterday          -> red     -1
	#   1  received 11-05 + 15 = 11-20, due today              -> yellow   0
	#   8  referred due 11-21, before 10-01 + 60 = 11-30       -> yellow   1
	#   5  accepted 09-23 + 60: +7 to 09-30, +31, +22 = 11-22   -> yellow   2
	#   10 review asked 10-25 + 30 = 11-24                      -> yellow   4
	#   2  received 11-10 + 15 = 11-25, in 5 days              -> yellow   5
	{ ov >out 2>err; test $? = 1; } &&
	echo case_id,color,stage,due,days_left,unit,leader,region,category,received,channel,name,phone,kind,procedure,uncovered >expect &&
	head -n 1 out >got && test_cmp expect got &&
	printf "%s\n" \
		2026-000007,red,in_progress,2026-10-15,-36 \
		2026-000016,red,in_progress,2026-11-09,-11 \
		2026-000011,red,in_recheck,2026-11-18,-2 \
		2026-000004,red,registered,2026-11-19,-1 \
		2026-000001,yellow,registered,2026-11-20,0 \
		2026-000008,yellow,in_progress,2026-11-21,1 \
		2026-000005,yellow,in_progress,2026-11-22,2 \
		2026-000010,yellow,in_review,2026-11-24,4 \
		2026-000002,yellow,registered,2026-11-25,5 >expect &&
	brief <out >got && test_cmp expect got &&
	echo "pt-overdue: 4 red, 5 yellow, 0 blue, 0 green as of 2026-11-20" >expect &&
	test_cmp expect err
'

test_expect_success 'the other columns: unit, leader, region, category, received, ..., procedure' '
	grep "^2026-000007," out >got &&
	echo "2026-000007,red,in_progress,2026-10-15,-36,住建局,张局长,昆都仑区,城乡建设,2026-09-20,online,王七,,first,simplified," >expect &&
	test_cmp expect got &&
	grep -q "^2026-000008,.*,2026-09-25,letter,王八,,referred,normal,\$" out
'

test_expect_success 'registered: due today yellow (0), in 5 days yellow, in 6 days blue, yesterday red (-1)' '
	{ ov --all >ov.out 2>/dev/null; test $? = 1; } &&
	brief <ov.out | grep -E "^2026-00000[1-4]," | sort >got &&
	printf "%s\n" \
		2026-000001,yellow,registered,2026-11-20,0 \
		2026-000002,yellow,registered,2026-11-25,5 \
		2026-000003,blue,registered,2026-11-26,6 \
		2026-000004,red,registered,2026-11-19,-1 >expect &&
	test_cmp expect got
'

test_expect_success '--all adds blue and green: every case, the closed part last' '
	#   3  received 11-11 + 15 = 11-26                          -> blue     6
	#   6  accepted 09-01 + 60 = 10-31, extended 30 = 11-30     -> blue    10
	#   9  accepted 10-02 + 60 = 12-01, before the referred 12-31 -> blue  11
	#   green, with no days_left, in order of due (none first):
	#   14 terminated, 15 rejected: closed, no due
	#   13 reviewed 11-02: re-review may be asked until 12-02
	#   12 replied 11-12: review may be asked until 12-12
	{ ov --all >all 2>err; test $? = 1; } &&
	printf "%s\n" \
		2026-000007,red,in_progress,2026-10-15,-36 \
		2026-000016,red,in_progress,2026-11-09,-11 \
		2026-000011,red,in_recheck,2026-11-18,-2 \
		2026-000004,red,registered,2026-11-19,-1 \
		2026-000001,yellow,registered,2026-11-20,0 \
		2026-000008,yellow,in_progress,2026-11-21,1 \
		2026-000005,yellow,in_progress,2026-11-22,2 \
		2026-000010,yellow,in_review,2026-11-24,4 \
		2026-000002,yellow,registered,2026-11-25,5 \
		2026-000003,blue,registered,2026-11-26,6 \
		2026-000006,blue,in_progress,2026-11-30,10 \
		2026-000009,blue,in_progress,2026-12-01,11 \
		2026-000014,green,closed,, \
		2026-000015,green,closed,, \
		2026-000013,green,reviewed,2026-12-02, \
		2026-000012,green,concluded,2026-12-12, >expect &&
	brief <all >got && test_cmp expect got &&
	echo "pt-overdue: 4 red, 5 yellow, 3 blue, 4 green as of 2026-11-20" >expect &&
	test_cmp expect err
'

test_expect_success '--warn-days 0: only a case due today is yellow' '
	# 1 (due today) stays yellow; 8 (due tomorrow) turns blue.
	{ ov --warn-days 0 >out 2>/dev/null; test $? = 1; } &&
	brief <out | grep -v ",red," >got &&
	echo 2026-000001,yellow,registered,2026-11-20,0 >expect &&
	test_cmp expect got &&
	{ ov --warn-days 0 --all >out 2>/dev/null; test $? = 1; } &&
	brief <out | grep -q "^2026-000008,blue,in_progress,2026-11-21,1\$"
'

test_expect_success '--warn-days 10: due in 10 days is yellow, in 11 days blue' '
	{ ov --warn-days 10 --all >out 2>/dev/null; test $? = 1; } &&
	brief <out | grep -E "^2026-00000(3|6|9)," >got &&
	printf "%s\n" \
		2026-000003,yellow,registered,2026-11-26,6 \
		2026-000006,yellow,in_progress,2026-11-30,10 \
		2026-000009,blue,in_progress,2026-12-01,11 >expect &&
	test_cmp expect got
'

test_expect_success 'bad --warn-days values are usage errors' '
	{ ov --warn-days 366 >out 2>err; test $? = 64; } &&
	grep -q "^usage: pt-overdue" err && test ! -s out &&
	{ ov --warn-days -1 >out 2>err; test $? = 64; } &&
	{ ov --warn-days five >out 2>err; test $? = 64; }
'

# --- the deadline of each stage ---------------------------------------------

test_expect_success 'registered: received + 15 days' '
	test "$(grep "^2026-000004," all | cut -d, -f3,4)" = registered,2026-11-19
'

test_expect_success 'in progress: accepted + 60 days' '
	test "$(grep "^2026-000016," all | cut -d, -f3,4)" = in_progress,2026-11-09 &&
	test "$(grep "^2026-000005," all | cut -d, -f3,4)" = in_progress,2026-11-22
'

test_expect_success 'extended: accepted + 60 + the days of the extension' '
	# 10-31 without the extension (red -20); 10-31 + 30 = 11-30 with it
	test "$(grep "^2026-000006," all | cut -d, -f2-5)" = blue,in_progress,2026-11-30,10
'

test_expect_success 'simplified: 10 working days over the ledger calendar' '
	test "$(grep "^2026-000007," all | cut -d, -f3,4,15)" = in_progress,2026-10-15,simplified
'

test_expect_success 'simplified: as of the due date yellow (0), the day after red (-1)' '
	# 张局长 leads cases 5 (due 11-22, 38 days off on 10-15) and 7 only.
	{ pt-overdue -d l.db --as-of 2026-10-15 --leader 张局长 >out 2>/dev/null; test $? = 0; } &&
	echo 2026-000007,yellow,in_progress,2026-10-15,0 >expect &&
	brief <out >got && test_cmp expect got &&
	{ pt-overdue -d l.db --as-of 2026-10-16 --leader 张局长 >out 2>/dev/null; test $? = 1; } &&
	echo 2026-000007,red,in_progress,2026-10-15,-1 >expect &&
	brief <out >got && test_cmp expect got
'

test_expect_success 'referred: the intake due wins when earlier than 60 days, not when later' '
	# 8: 10-01 + 60 = 11-30, referred due 11-21: 11-21
	# 9: 10-02 + 60 = 12-01, referred due 12-31: 12-01
	test "$(grep "^2026-000008," all | cut -d, -f3,4,14)" = in_progress,2026-11-21,referred &&
	test "$(grep "^2026-000009," all | cut -d, -f3,4,14)" = in_progress,2026-12-01,referred
'

test_expect_success 'in review: review asked + 30 days' '
	test "$(grep "^2026-000010," all | cut -d, -f3,4)" = in_review,2026-11-24
'

test_expect_success 'in recheck: re-review asked + 30 days' '
	test "$(grep "^2026-000011," all | cut -d, -f3,4)" = in_recheck,2026-11-18
'

test_expect_success 'concluded, reviewed and closed are green only with --all or --color green' '
	{ ov >ov.out 2>/dev/null; test $? = 1; } &&
	grep -q ",red," ov.out &&
	test_no_match -q ",green," ov.out &&
	{ ov --color green >out 2>err; test $? = 1; } &&
	brief <out | cut -d, -f1,2 >got &&
	printf "%s\n" 2026-000014,green 2026-000015,green 2026-000013,green 2026-000012,green >expect &&
	test_cmp expect got &&
	echo "pt-overdue: 0 red, 0 yellow, 0 blue, 4 green as of 2026-11-20" >expect &&
	test_cmp expect err
'

test_expect_success '--color picks colours; --colour and Chinese names are accepted' '
	{ ov --color blue >ov.out 2>/dev/null; test $? = 1; } &&
	brief <ov.out | cut -d, -f1 >got &&
	printf "%s\n" 2026-000003 2026-000006 2026-000009 >expect &&
	test_cmp expect got &&
	{ ov --colour red,blue >ov.out 2>/dev/null; test $? = 1; } &&
	brief <ov.out | cut -d, -f2 | uniq -c | awk "{print \$1, \$2}" >got &&
	printf "%s\n" "4 red" "3 blue" >expect &&
	test_cmp expect got &&
	{ ov --color 黄,绿 >ov.out 2>/dev/null; test $? = 1; } &&
	brief <ov.out | cut -d, -f2 | sort | uniq -c | awk "{print \$1, \$2}" >got &&
	printf "%s\n" "4 green" "5 yellow" >expect &&
	test_cmp expect got
'

test_expect_code 64 'a bad --color is a usage error' '
	ov --color purple >out 2>err
'

test_expect_success 'a bad --color names the list and prints the usage, nothing on stdout' '
	grep -q "^pt-overdue: bad colour list .purple." err &&
	grep -q "^usage: pt-overdue" err && test ! -s out
'

# --- --summary and the filters ------------------------------------------------

test_expect_success '--summary: red and yellow by unit, most red first, then most yellow' '
	# 人社局: red 11, 4; yellow 1, 8, 10, 2.  住建局: red 7, 16; yellow 5.
	{ ov --summary >out 2>err; test $? = 1; } &&
	printf "%s\n" unit,red,yellow,total 人社局,2,4,6 住建局,2,1,3 >expect &&
	test_cmp expect out &&
	echo "pt-overdue: 4 red, 5 yellow, 0 blue, 0 green as of 2026-11-20" >expect &&
	test_cmp expect err
'

test_expect_success '--summary --all: every colour; ties in red and yellow by name' '
	# 人社局 blue 6; 住建局 blue 3; 自然资源局 blue 9, green 12, 13, 14;
	# case 15 (rejected before routing) has no unit: the empty name sorts first.
	{ ov --summary --all >out 2>/dev/null; test $? = 1; } &&
	printf "%s\n" unit,red,yellow,blue,green,total 人社局,2,4,1,0,7 住建局,2,1,1,0,4 \
		,0,0,0,1,1 自然资源局,0,0,1,3,4 >expect &&
	test_cmp expect out
'

test_expect_success '--summary --color green: only the colours listed, in their columns' '
	{ ov --summary --color green >out 2>/dev/null; test $? = 1; } &&
	printf "%s\n" unit,green,total ,1,1 自然资源局,3,3 >expect &&
	test_cmp expect out
'

test_expect_success '--unit keeps the cases of one unit' '
	{ ov --unit 人社局 >out 2>/dev/null; test $? = 1; } &&
	brief <out | cut -d, -f1 >got &&
	printf "%s\n" 2026-000011 2026-000004 2026-000001 2026-000008 2026-000010 2026-000002 >expect &&
	test_cmp expect got
'

test_expect_success '--leader keeps the cases of one lead official' '
	{ ov --leader 张局长 >out 2>/dev/null; test $? = 1; } &&
	brief <out | cut -d, -f1,2 >got &&
	printf "%s\n" 2026-000007,red 2026-000005,yellow >expect &&
	test_cmp expect got
'

test_expect_success '--region keeps one region; with filters together all must hold' '
	{ ov --region 东河区 >out 2>/dev/null; test $? = 1; } &&
	brief <out | cut -d, -f1,2 >got &&
	printf "%s\n" 2026-000011,red 2026-000004,red 2026-000010,yellow >expect &&
	test_cmp expect got &&
	ov --region 东河区 --unit 住建局 >out 2>/dev/null &&
	test "$(wc -l <out)" = 1
'

# --- exit status ------------------------------------------------------------------

test_expect_code 0 'exit 0 when the cases the filters select have no red (九原区: 8 yellow)' '
	ov --region 九原区 >out 2>/dev/null &&
	test "$(brief <out)" = 2026-000008,yellow,in_progress,2026-11-21,1
'

test_expect_code 0 'exit 0 as of a day before every due date (the earliest is 10-15)' '
	pt-overdue -d l.db --as-of 2026-10-14 >/dev/null 2>&1
'

test_expect_success 'exit 1 with --color yellow when a red case exists, though none is listed' '
	{ ov --color yellow >out 2>/dev/null; test $? = 1; } &&
	grep -q ",yellow," out &&
	test_no_match -q ",red," out
'

test_expect_code 1 'exit 1 with --summary --color blue when a red case exists' '
	ov --summary --color blue >/dev/null 2>&1
'

test_expect_code 0 'exit 0 with --unit 自然资源局 --all: blue and green only' '
	ov --unit 自然资源局 --all >/dev/null 2>&1
'

test_expect_code 69 'no ledger: exit 69' '
	pt-overdue -d missing.db --as-of $T >out 2>err
'

test_expect_success 'no ledger: the message names it, no file is created, nothing printed' '
	echo "pt-overdue: missing.db: no ledger" >expect && test_cmp expect err &&
	test ! -s out &&
	test ! -e missing.db && test ! -e missing.db-wal && test ! -e missing.db-shm
'

test_expect_success 'no -d and no PT_DB: ./ledger.db is read, and never created' '
	mkdir empty && cd empty &&
	{ pt-overdue >out 2>err; test $? = 69; } &&
	grep -q "ledger.db: no ledger" err &&
	test ! -e ledger.db
'

test_expect_success 'PT_DB names the ledger when -d is not given' '
	{ PT_DB=l.db pt-overdue --as-of $T >out 2>/dev/null; test $? = 1; } &&
	test "$(wc -l <out)" = 10
'

test_expect_code 64 'an operand is a usage error' '
	ov extra >/dev/null 2>&1
'

test_expect_code 64 'a bad --as-of is a usage error' '
	pt-overdue -d l.db --as-of 2026-13-01 >/dev/null 2>&1
'

test_expect_code 65 'a file that is not a ledger is bad data (65), not a missing ledger' '
	echo "not a database, but long enough to be looked at by SQLite at all" >g.db &&
	{ pt-overdue -d g.db --as-of $T >out 2>err; rc=$?; } &&
	grep -q "^pt-overdue: g.db: not a pt ledger" err && test ! -s out &&
	exit $rc
'

# --- output formats ---------------------------------------------------------------

test_expect_success 'phones are masked unless --unmask' '
	{ ov >out 2>/dev/null; test $? = 1; } &&
	grep -q "^2026-000001,.*,王一,139\*\*\*\*1234,first,normal,\$" out &&
	test_no_match -q 13912341234 out &&
	{ ov --unmask >out 2>/dev/null; test $? = 1; } &&
	grep -q "^2026-000001,.*,王一,13912341234,first,normal,\$" out
'

test_expect_success 'JSON Lines: one object per case, days_left a number (null when green)' '
	{ ov --format jsonl --all >out.jsonl 2>/dev/null; test $? = 1; } &&
	test "$(wc -l <out.jsonl)" = 16 &&
	head -n 1 out.jsonl | grep -q "^{\"case_id\":\"2026-000007\",\"color\":\"red\",\"stage\":\"in_progress\",\"due\":\"2026-10-15\",\"days_left\":-36,\"unit\":\"住建局\"" &&
	grep -q "\"case_id\":\"2026-000001\",.*\"days_left\":0," out.jsonl &&
	grep -q "\"case_id\":\"2026-000012\",.*\"days_left\":null," out.jsonl &&
	{ ov --format jsonl --summary >ov.out 2>/dev/null; test $? = 1; } &&
	head -n 1 ov.out >got &&
	echo "{\"unit\":\"人社局\",\"red\":2,\"yellow\":4,\"total\":6}" >expect &&
	test_cmp expect got
'

test_expect_success '-t prints TSV; --excel leaves negative days_left a number' '
	{ ov -t >out.tsv 2>/dev/null; test $? = 1; } &&
	test "$(sed -n 2p out.tsv | cut -f 1,2,5)" = "$(printf "2026-000007\tred\t-36")" &&
	{ ov --excel >out 2>/dev/null; test $? = 1; } &&
	grep -q "^2026-000007,red,in_progress,2026-10-15,-36," out
'

test_expect_success '-q: no summary line' '
	ov -q >out 2>err; test $? = 1 && test ! -s err
'

test_expect_success 'pt-overdue | head -n 1 exits quietly' '
	"$PT_BIN/gen-petitions" -n 3000 -s 5 >many.csv &&
	pt-intake -q -d big.db --as-of 2030-01-01 many.csv >/dev/null &&
	{ pt-overdue -d big.db --as-of 2030-01-01 2>err; echo $? >rc; } | head -n 1 >first &&
	test ! -s err &&
	test "$(cat rc)" = 1 &&
	test "$(cut -d, -f1,2 first)" = case_id,color
'

test_expect_code 74 'a full disk on standard output is an error (exit 74), reds or not' '
	ov -q >/dev/full
'

# --- the case stream, read by other tools -------------------------------------

test_expect_success 'pt-stats aggregates the stream: red and yellow by unit' '
	{ ov -q 2>/dev/null; echo $? >rc; } | pt-stats --as-of $T --period 2026 --by unit --total - >st.csv &&
	test "$(cat rc)" = 1 &&
	awk -F, "NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i; next }
		{ print \$c[\"unit\"], \$c[\"red\"], \$c[\"yellow\"] }" st.csv >got &&
	printf "%s\n" "人社局 2 4" "住建局 2 1" "total 4 5" >expect &&
	test_cmp expect got
'

# pt-overdue's stream carries the unit each case has now: pt-assign takes a
# unit column as an instruction only when it names another unit, so --unit
# re-routes the stream.
test_expect_success 'pt-overdue --color red --unit X | pt-assign --unit Y re-routes the red cases' '
	sqlite3 l.db ".backup r1.db" &&
	{ pt-overdue -d r1.db --as-of $T -q --color red --unit 住建局; echo $? >rc; } |
	pt-assign -d r1.db --as-of $T --unit 督查室 >out 2>err &&
	test "$(cat rc)" = 1 &&
	grep -q "^pt-assign: 2 assigned" err &&
	sqlite3 r1.db "SELECT case_id, event, date, unit FROM event_view WHERE event = '\''transfer'\'' ORDER BY case_id" >got &&
	printf "%s\n" "2026-000007|transfer|2026-11-20|督查室" "2026-000016|transfer|2026-11-20|督查室" >expect &&
	test_cmp expect got
'

test_expect_success 'the red stream cut to case_id, into pt-assign --unit, transfers the red cases' '
	sqlite3 l.db ".backup r2.db" &&
	{ pt-overdue -d r2.db --as-of $T -q --color red --unit 住建局; echo $? >rc; } | cut -d, -f1 |
	pt-assign -d r2.db --as-of $T --unit 督查室 >out 2>err &&
	test "$(cat rc)" = 1 &&
	echo "pt-assign: 2 assigned, 0 unmatched, 0 refused, 0 unchanged" >expect &&
	test_cmp expect err &&
	sqlite3 r2.db "SELECT case_id, event, date, unit FROM event_view WHERE event = '\''transfer'\'' ORDER BY case_id" >got &&
	printf "%s\n" "2026-000007|transfer|2026-11-20|督查室" "2026-000016|transfer|2026-11-20|督查室" >expect &&
	test_cmp expect got &&
	{ pt-overdue -d r2.db --as-of $T -q --unit 督查室 >out; test $? = 1; } &&
	brief <out | cut -d, -f1,2 >got &&
	printf "%s\n" 2026-000007,red 2026-000016,red >expect &&
	test_cmp expect got &&
	pt-overdue -d r2.db --as-of $T -q --unit 住建局 >out &&
	test "$(brief <out | cut -d, -f1,2)" = 2026-000005,yellow
'

# A dispute (矛盾纠纷) is not a petition: listed only with --disputes, so
# that `pt-overdue --all | pt-stats -` counts petitions alone.
test_expect_success 'disputes are listed only with --disputes, and summed apart' '
	cp l.db dv.db &&
	sqlite3 dv.db "UPDATE cases SET dispute = 1 WHERE case_id = '\''2026-000011'\''" &&
	{ pt-overdue -d dv.db --as-of $T -q --all >out; test $? = 1; } &&
	! grep -q "^2026-000011," out &&
	test "$(brief <out | wc -l)" = 15 &&
	{ pt-overdue -d dv.db --as-of $T -q --disputes >out; test $? = 1; } &&
	brief <out | cut -d, -f1,2 >got &&
	echo 2026-000011,red >expect && test_cmp expect got &&
	{ pt-overdue -d dv.db --as-of $T --summary >out 2>err; test $? = 1; } &&
	printf "%s\n" unit,red,yellow,total 住建局,2,1,3 人社局,1,4,5 >expect &&
	test_cmp expect out &&
	echo "pt-overdue: 3 red, 5 yellow, 0 blue, 0 green as of 2026-11-20" >expect &&
	test_cmp expect err &&
	{ pt-overdue -d dv.db --as-of $T -q --summary --disputes >out; test $? = 1; } &&
	printf "%s\n" unit,red,yellow,total 人社局,1,0,1 >expect &&
	test_cmp expect out
'

test_expect_success 'a ledger from before disputes: its cases are petitions, --disputes lists none' '
	sqlite3 v3.db <"$TESTDATA/ledger-v3.sql" &&
	{ pt-overdue -d v3.db --as-of $T -q --all >all.csv; test $? -le 1; } &&
	test "$(wc -l <all.csv)" -gt 1 &&
	{ pt-overdue -d v3.db --as-of $T -q --all --disputes >out; test $? = 0; } &&
	test "$(wc -l <out)" = 1
'

test_done
