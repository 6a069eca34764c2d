#!/bin/sh
# pt-stats: every figure of a period, by group, compared, from ledgers or a
# case stream.  Each expected value is worked out by hand in the comment
# beside it, from the fixtures below; none is copied from the tool.
. "$(dirname "$0")/lib.sh"

AS=2026-11-23
H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary

# figs FILE COL...: for each data row of the CSV FILE, "col=value" for each
# COL, one a line (no quoted commas in the cells looked at).
figs() {
	_f=$1
	shift
	awk -F, -v cols="$*" '
		NR == 1 { n = split(cols, want, " "); for (i = 1; i <= NF; i++) idx[$i] = i; next }
		{ for (j = 1; j <= n; j++)
			print want[j] "=" ((want[j] in idx) ? $(idx[want[j]]) : "NO-SUCH-COLUMN") }' "$_f"
}

# want LINE...: append the expected lines to ./expect.
want() {
	printf "%s\n" "$@" >>expect
}

# --- m.db: the received figures -------------------------------------------
# Every petitioner is told apart by name and phone; none has an ID number.
cat >m.csv <<EOF
$H
2025-09-10,visit,老一,,13800000001,20,D区,农村农业,city,,,,,,p1
2025-09-11,visit,老二,,13800000002,2,D区,农村农业,city,,,,,,p2
2025-09-12,letter,老三,,13800000003,3,D区,涉军,city,,,,,,p3
2025-09-13,phone,老四,,13800000004,1,D区,涉军,city,,,,,,p4
2025-10-31,online,秋二,,13700000006,1,E区,交通,city,,,,,,q6
2025-11-01,online,秋一,,13700000000,1,E区,交通,city,,,,,,q0
2025-12-15,sms,冬一,,13700000001,1,E区,医疗,city,,,,,,q1
2025-12-31,visit,冬二,,13700000002,7,E区,医疗,city,,,,,,q2
2026-01-01,visit,冬二,,13700000002,7,E区,医疗,city,,,,,,q3
2026-01-20,letter,冬三,,13700000003,1,E区,教育,city,,,,,,q4
2026-02-28,letter,冬四,,13700000007,2,E区,交通,city,,,,,,q7
2026-03-31,phone,春一,,13700000005,1,F区,环保,city,,,,,,q5
2026-08-31,visit,郑八,,13900000008,3,A区,劳动社保,city,,,,,,e0
2026-09-01,visit,张一,,13900000001,1,A区,劳动社保,city,,,,,积案,m1
2026-09-02,visit,张一,,13900000001,1,A区,劳动社保,city,,,,,,m2
2026-09-03,visit,李二,,13900000002,6,B区,城乡建设,city,,,,,积案;重点,m3
2026-09-04,visit,王三,,13900000003,5,C区,企业改制,city,,,,,,m4
2026-09-05,visit,赵四,,13900000004,4,C区,企业改制,city,,,,,,m5
2026-09-06,letter,孙五,,13900000005,12,B区,城乡建设,city,,,,,重点,m6
2026-09-07,letter,周六,,13900000006,1,A区,土地征用,city,,,,,,m7
2026-09-08,online,吴七,,13900000007,1,A区,土地征用,city,central,,,,,m8
2026-09-30 23:30,letter,钱九,,13900000009,2,A区,土地征用,city,,,,,,m9
2026-10-01 00:00,visit,郑十,,13900000010,1,A区,劳动社保,city,,,,,,e1
EOF
# Case ids, in the order of the file: p1..p4, q6, q0, q1, q2 are
# 2025-000001..8; q3, q4, q7, q5, e0, m1..m9, e1 are 2026-000001..15.
# Kinds: m2 repeats m1 (张一, same phone, A区 劳动社保), q3 repeats q2,
# m8 is referred (central); every other case is first.  Collective visits:
# p1 (20), q2 (7), q3 (7), m3 (6), m4 (5); m5 (4) is not.  Joint letters
# (persons > 1): p3 (3), q7 (2), m6 (12), m9 (2).

test_expect_success 'build m.db: intake, then q1 and q2 accepted in January' '
	pt-intake -q -d m.db --as-of $AS m.csv >new.csv &&
	printf "case_id\n2025-000007\n" |
		pt-assign -q -d m.db --unit 综合科 --date 2026-01-02 --as-of $AS >/dev/null &&
	printf "case_id\n2025-000008\n" |
		pt-assign -q -d m.db --unit 综合科 --date 2026-01-05 --as-of $AS >/dev/null &&
	test "$(sqlite3 m.db "SELECT count(*) FROM cases")" = 23
'

test_expect_success 'a plain month: batches, persons, kinds and shares, collective, joint' '
	pt-stats -d m.db --period 2026-09 --as-of $AS >out.csv &&
	: >expect &&
	want period=2026-09 &&
	want batches=9 &&		# m1..m9: e0 (08-31) and e1 (10-01 00:00) are out, m9 (09-30 23:30) in
	want persons=33 &&		# 1+1+6+5+4+12+1+1+2
	want first=7 &&			# m1 m3 m4 m5 m6 m7 m9
	want first_share=77.8 &&	# 7/9 = 77.78%
	want repeat=1 &&		# m2
	want repeat_share=11.1 &&	# 1/9 = 11.11%
	want referred=1 &&		# m8
	want referred_share=11.1 &&	# 1/9
	want collective=2 &&		# m3 (6), m4 (5); m5 (4) is not
	want collective_persons=11 &&	# 6+5
	want joint_letters=2 &&		# m6 (12), m9 (2); m7 (1) is not
	want joint_signers=14 &&	# 12+2
	figs out.csv period batches persons first first_share repeat repeat_share \
		referred referred_share collective collective_persons joint_letters \
		joint_signers >got &&
	test_cmp expect got
'

test_expect_success 'the columns come in order: period, each count and then its rate' '
	head -n 1 out.csv >got &&
	echo "period,batches,persons,first,first_share,repeat,repeat_share,referred,referred_share,collective,collective_persons,joint_letters,joint_signers,accepted,accept_due,timely_accepted,timely_accept_rate,due,on_time,on_time_rate,concluded,rated,participation_rate,satisfied,satisfaction_rate,resolution_cases,resolved,resolution_rate,red,yellow,frequent,frequent_cases,resolving,reception_sessions,reception_leaders,reception_batches,reception_persons,bureau_rated,bureau_satisfied,bureau_satisfaction_rate,reviews,reviews_answered,rechecks,rechecks_answered,upheld,revoked,changed" >expect &&
	test_cmp expect got
'

test_expect_success 'a period with no cases: one row of zeros, every rate empty' '
	pt-stats -d m.db --period 2025-06 --as-of $AS >out.csv &&
	# Nothing is received, decided, due or concluded in 2025-06, and no
	# case was open on 2025-06-30 (the first arrives on 2025-09-10).
	tail -n +2 out.csv >got &&
	echo "2025-06,0,0,0,,0,,0,,0,0,0,0,0,0,0,,0,0,,0,0,,0,,0,0,,0,0,0,0,0,0,0,0,0,0,0,,0,0,0,0,0,0,0" >expect &&
	test_cmp expect got
'

test_expect_success 'the default period is the month of the as-of date' '
	pt-stats -d m.db --as-of 2026-09-30 >out.csv &&
	: >expect &&
	want period=2026-09 &&		# the as-of month
	want batches=9 &&		# m1..m9, as above
	figs out.csv period batches >got &&
	test_cmp expect got
'

test_expect_success '--compare yoy: X_before and X_change_pct, rates with X_before' '
	pt-stats -d m.db --period 2026-09 --compare yoy --as-of $AS >out.csv &&
	head -n 1 out.csv | cut -d, -f1-13 >got &&
	echo "period,batches,batches_before,batches_change_pct,persons,persons_before,persons_change_pct,first,first_before,first_change_pct,first_share,first_share_before,repeat" >expect &&
	test_cmp expect got &&
	: >expect &&
	want batches=9 batches_before=4 &&	# 2025-09: p1..p4
	want batches_change_pct=125.0 &&	# (9-4)/4
	want persons=33 persons_before=26 &&	# 20+2+3+1
	want persons_change_pct=26.9 &&	# 7/26 = 26.92%
	want first=7 first_before=4 &&	# p1..p4 are all first
	want first_change_pct=75.0 &&	# 3/4
	want first_share=77.8 first_share_before=100.0 &&	# 7/9; 4/4
	want repeat=1 repeat_before=0 &&
	want repeat_change_pct= &&	# empty: the earlier value is 0
	want repeat_share_before=0.0 &&	# 0/4
	want referred_change_pct= &&	# 1 against 0: empty
	want collective=2 collective_before=1 &&	# p1
	want collective_change_pct=100.0 &&	# (2-1)/1
	want collective_persons=11 collective_persons_before=20 &&
	want collective_persons_change_pct=-45.0 &&	# a fall: (11-20)/20
	want joint_signers=14 joint_signers_before=3 &&	# p3
	want joint_signers_change_pct=366.7 &&	# 11/3 = 366.67%
	figs out.csv batches batches_before batches_change_pct persons persons_before \
		persons_change_pct first first_before first_change_pct first_share \
		first_share_before repeat repeat_before repeat_change_pct \
		repeat_share_before referred_change_pct collective collective_before \
		collective_change_pct collective_persons collective_persons_before \
		collective_persons_change_pct joint_signers joint_signers_before \
		joint_signers_change_pct >got &&
	test_cmp expect got
'

test_expect_success '--compare prev across a year boundary: 2026-01 against 2025-12' '
	pt-stats -d m.db --period 2026-01 --compare prev --as-of $AS >out.csv &&
	: >expect &&
	want period=2026-01 &&
	want batches=2 batches_before=2 &&	# q3 q4; q1 q2
	want batches_change_pct=0.0 &&
	want persons=8 persons_before=8 &&	# 7+1; 1+7
	want first=1 first_before=2 &&	# q4; q1 q2 (q3 repeats q2)
	want first_change_pct=-50.0 &&	# (1-2)/2
	want repeat=1 repeat_before=0 repeat_change_pct= &&
	want collective=1 collective_before=1 &&	# q3; q2
	want collective_change_pct=0.0 &&
	figs out.csv period batches batches_before batches_change_pct persons \
		persons_before first first_before first_change_pct repeat repeat_before \
		repeat_change_pct collective collective_before collective_change_pct >got &&
	test_cmp expect got
'

test_expect_success 'a quarter: 2026-Q1' '
	pt-stats -d m.db --period 2026-Q1 --as-of $AS >out.csv &&
	: >expect &&
	want period=2026-Q1 &&
	want batches=4 &&		# q3 (01-01) q4 q7 q5 (03-31)
	want persons=11 &&		# 7+1+2+1
	want joint_letters=1 joint_signers=2 &&	# q7; q4 has one signer
	figs out.csv period batches persons joint_letters joint_signers >got &&
	test_cmp expect got
'

test_expect_success 'a range of months across a year: 2025-11..2026-02, and its prev' '
	pt-stats -d m.db --period 2025-11..2026-02 --compare prev --as-of $AS >out.csv &&
	: >expect &&
	want period=2025-11..2026-02 &&
	want batches=6 &&		# q0 q1 q2 q3 q4 q7; q6 (10-31) and q5 (03-31) out
	want persons=19 &&		# 1+1+7+7+1+2
	want batches_before=5 &&	# 2025-07..2025-10: p1..p4, q6
	want batches_change_pct=20.0 &&	# (6-5)/5
	figs out.csv period batches persons batches_before batches_change_pct >got &&
	test_cmp expect got
'

test_expect_success '--from and --to: any range of days' '
	pt-stats -d m.db --from 2025-12-31 --to 2026-01-01 --as-of $AS >out.csv &&
	: >expect &&
	want period=2025-12-31..2026-01-01 &&
	want batches=2 persons=14 &&	# q2 and q3, 7 each
	figs out.csv period batches persons >got &&
	test_cmp expect got
'

test_expect_success '--by month: each figure in the month of its own date' '
	pt-stats -d m.db --period 2025-11..2026-02 --by month --as-of $AS >out.csv &&
	# received: q0 11-01; q1 12-15, q2 12-31; q3 01-01, q4 01-20; q7 02-28
	# acceptance deadline (received + 15): q6 11-15, q0 11-16, q1 12-30,
	#   q2 01-15, q3 01-16, q4 02-04 (q7 03-15 is out)
	# decided: q1 on 2026-01-02 (late), q2 on 2026-01-05 (in time)
	: >expect &&
	want "month=2025-11 batches=1 accepted=0 accept_due=2 timely_accepted=0" &&	# q0; q6 q0
	want "month=2025-12 batches=2 accepted=0 accept_due=1 timely_accepted=0" &&	# q1 q2; q1, decided in January
	want "month=2026-01 batches=2 accepted=2 accept_due=2 timely_accepted=1" &&	# q3 q4; q1 q2; q2 q3; q2
	want "month=2026-02 batches=1 accepted=0 accept_due=1 timely_accepted=0" &&	# q7; q4
	csv_cols out.csv month batches accepted accept_due timely_accepted >got &&
	test_cmp expect got
'

test_expect_success '--by month with --compare yoy lines up each month with its own' '
	pt-stats -d m.db --period 2026-09 --by month --compare yoy --as-of $AS >out.csv &&
	: >expect &&
	want "month=2026-09 batches=9 batches_before=4" &&	# m1..m9; p1..p4 (2025-09)
	csv_cols out.csv month batches batches_before >got &&
	test_cmp expect got
'

# Weeks and the months of a range of days, against the period before: w1
# 2025-09-16 (2025-W38); w2 w3 w6 2026-09-15, 16 and 15 (2026-W38); w4 2026-08-20,
# w5 w6 2026-09-10 and 15 (in the 30 days before 2026-09-16..2026-10-15:
# August's and September's days, beside September's and October's); w3,
# w7 w8 w9 2026-10-01, 02 and 15 in the range.  2026-08's weeks are 5
# weeks before 2026-09's: w4 (2026-W34) beside 2026-W39.
test_expect_success '--by week and --by month over days line up with the period before' '
	printf "%s\n" "$H" "2025-09-16,letter,w1,,,1,R区,城建,city,,,,,," \
		"2026-09-15,letter,w2,,,1,R区,城建,city,,,,,," "2026-09-16,letter,w3,,,1,R区,城建,city,,,,,," \
		"2026-08-20,letter,w4,,,1,R区,城建,city,,,,,," "2026-09-10,letter,w5,,,1,R区,城建,city,,,,,," \
		"2026-09-15 18:00,letter,w6,,,1,R区,城建,city,,,,,," "2026-10-01,letter,w7,,,1,R区,城建,city,,,,,," \
		"2026-10-02,letter,w8,,,1,R区,城建,city,,,,,," "2026-10-15,letter,w9,,,1,R区,城建,city,,,,,," >wk.csv &&
	pt-intake -q -d wk.db --as-of $AS wk.csv >/dev/null &&
	pt-stats -d wk.db --period 2026-W38 --by week --compare yoy --as-of $AS >out.csv &&
	: >expect &&
	want "week=2026-W38 batches=3 batches_before=1" &&	# w2 w3 w6; w1
	csv_cols out.csv week batches batches_before >got &&
	test_cmp expect got &&
	pt-stats -d wk.db --from 2026-09-16 --to 2026-10-15 --by month --compare prev --as-of $AS >out.csv &&
	: >expect &&
	want "month=2026-09 batches=1 batches_before=1" &&	# w3; w4
	want "month=2026-10 batches=3 batches_before=3" &&	# w7 w8 w9; w2 w5 w6
	csv_cols out.csv month batches batches_before >got &&
	test_cmp expect got &&
	pt-stats -d wk.db --period 2026-09 --by week --compare prev --as-of $AS >out.csv &&
	csv_cols out.csv week batches batches_before >got &&
	grep -x "week=2026-W39 batches=0 batches_before=1" got &&	# w4 (2026-W34)
	grep -x "week=2026-W38 batches=3 batches_before=0" got	# w2 w3 w6
'

test_expect_success '--by channel --total: empty groups have empty rates, total counted once' '
	pt-stats -d m.db --period 2026-09 --by channel --total --as-of $AS >out.csv &&
	# phone and sms have no case received in 2026-09, but p4, q5 and q1,
	# all received before and still open on 09-30, make them groups (red).
	: >expect &&
	want "channel=letter batches=3 persons=15 first=3 first_share=100.0 collective=0 joint_letters=2 joint_signers=14" &&	# m6 m7 m9: 12+1+2
	want "channel=online batches=1 persons=1 first=0 first_share=0.0 collective=0 joint_letters=0 joint_signers=0" &&	# m8, referred
	want "channel=phone batches=0 persons=0 first=0 first_share= collective=0 joint_letters=0 joint_signers=0" &&	# 0/0: empty
	want "channel=sms batches=0 persons=0 first=0 first_share= collective=0 joint_letters=0 joint_signers=0" &&
	want "channel=visit batches=5 persons=17 first=4 first_share=80.0 collective=2 joint_letters=0 joint_signers=0" &&	# m1..m5: 1+1+6+5+4; m2 repeats; m3 m4
	want "channel=total batches=9 persons=33 first=7 first_share=77.8 collective=2 joint_letters=2 joint_signers=14" &&	# as without --by
	csv_cols out.csv channel batches persons first first_share collective joint_letters \
		joint_signers >got &&
	test_cmp expect got
'

test_expect_success '--by tag: untagged cases in no group; total counts a case once' '
	pt-stats -d m.db --period 2026-09 --by tag --total --as-of $AS >out.csv &&
	: >expect &&
	want "tag=积案 batches=2 persons=7 collective=1" &&	# m1 (1), m3 (6)
	want "tag=重点 batches=2 persons=18 collective=1" &&	# m3 (6), m6 (12)
	want "tag=total batches=9 persons=33 collective=2" &&	# every case once, m3 too
	csv_cols out.csv tag batches persons collective >got &&
	test_cmp expect got
'

test_expect_success '--format jsonl: counts and rates as bare numbers' '
	pt-stats -d m.db --period 2026-09 --format jsonl --as-of $AS >out.jsonl &&
	test "$(wc -l <out.jsonl)" = 1 &&
	grep -q "^{\"period\":\"2026-09\",\"batches\":9,\"persons\":33,\"first\":7,\"first_share\":77.8," out.jsonl &&
	# due: no conclusion deadline falls in 2026-09 (q1 and q2 are due in March)
	grep -q ",\"due\":0,\"on_time\":0,\"on_time_rate\":null," out.jsonl
'

test_expect_success 'with --compare, a group seen only the year before is there' '
	printf "%s\n" "$H" "2025-09-05,phone,旧一,,13500000001,1,X区,Y类,city,,,,,," \
		"2026-09-05,visit,新一,,13500000002,1,X区,Y类,city,,,,,," >yb.csv &&
	pt-intake -q -d yb.db --as-of $AS yb.csv >/dev/null &&
	printf "case_id,event,date\n2025-000001,reject,2025-09-06\n" |
		pt-update -q -d yb.db --as-of $AS >/dev/null &&
	pt-stats -d yb.db --period 2026-09 --by channel --compare yoy --as-of $AS >out.csv &&
	csv_cols out.csv channel batches batches_before batches_change_pct >got &&
	# the visit row: 1 against none, so no change is given
	grep -x "channel=visit batches=1 batches_before=0 batches_change_pct=" got
'

# A group with cases the year before and none now (the phone row: 1 case in
# 2025-09, rejected then, none in 2026-09) shows 0 against 1, -100.0.
test_expect_success 'with --compare, a group gone since the year before shows -100.0' '
	grep -x "channel=phone batches=0 batches_before=1 batches_change_pct=-100.0" got
'

# --- r.db: acceptance, conclusion, rating, resolution, colours -----------
# All in 2026, one person each, told apart by name (no phone: never repeats).
cat >r.csv <<EOF
$H
2026-07-01,visit,o1,,,1,R区,城建,city,,,,,积案,
2026-07-01,visit,o2,,,1,R区,城建,city,,,,,,
2026-07-02,visit,o3,,,1,R区,城建,city,,,,,,
2026-07-20,visit,c1,,,1,R区,城建,city,,,,,,
2026-08-01,visit,s1,,,1,R区,城建,city,,,,,积案,
2026-08-01,visit,s2,,,1,R区,城建,city,,,,,积案,
2026-08-02,visit,s3,,,1,R区,城建,city,,,,,重点,
2026-08-02,visit,s4,,,1,R区,城建,city,,,,,,
2026-08-20,visit,t1,,,1,R区,城建,city,,,,,,
2026-08-21,visit,t2,,,1,R区,城建,city,,,,,,
2026-09-01,visit,t3,,,1,R区,城建,city,,,,,,
2026-09-02,visit,t4,,,1,R区,城建,city,,,,,,
2026-09-10,visit,d1,,,1,R区,城建,city,,,,,,
2026-09-14,visit,y3,,,1,R区,城建,city,,,,,,
2026-09-15,visit,y2,,,1,R区,城建,city,,,,,,
2026-09-18,visit,y1,,,1,R区,城建,city,,,,,,
2026-09-20,visit,t5,,,1,R区,城建,city,,,,,,
EOF
# ids 2026-000001..17 in this order.  Deadlines: accept by received + 15;
# conclude by accepted + 60.
#   甲局  t1 rec 08-20 accepted 09-04 (day 15, its deadline): in time; due 11-03
#         t2 rec 08-21 accepted 09-06 (day 16, deadline 09-05): late; due 11-05
#         t3 rec 09-01 routed 09-05, rejected 09-10 (deadline 09-16): in time
#         t4 rec 09-02 routed 09-05, never decided (deadline 09-17)
#         t5 rec 09-20 accepted 09-25 (deadline 10-05, October); due 11-24
#   乙局  o1 accepted 07-05, due 09-03, concluded 09-03: on time; 积案, not resolved
#         o2 accepted 07-06, due 09-04, concluded 09-05: a day late
#         o3 accepted 07-10, due 09-08, not concluded
#   丙局  s1..s4 accepted 08-03, due 10-02; concluded 09-10, 09-11, 09-12, 09-15
#         s1 积案 resolved, 满意; s2 积案 not resolved, 基本满意;
#         s3 重点 resolved, 不满意; s4 not resolved, not rated
#   丁局  c1 accepted 07-25, due 09-23, concluded 10-10 (late)
#         d1 rec 09-10 (accept by 09-25), accepted 10-02; due 12-01
#         y3 rec 09-14, y2 09-15, y1 09-18: routed 09-18, never decided
#         (accept by 09-29, 09-30, 10-03)
cat >r-events.csv <<EOF
case_id,event,date,unit,resolved,rating
2026-000001,accept,2026-07-05,乙局,,
2026-000002,accept,2026-07-06,乙局,,
2026-000003,accept,2026-07-10,乙局,,
2026-000004,accept,2026-07-25,丁局,,
2026-000005,accept,2026-08-03,丙局,,
2026-000006,accept,2026-08-03,丙局,,
2026-000007,accept,2026-08-03,丙局,,
2026-000008,accept,2026-08-03,丙局,,
2026-000001,conclude,2026-09-03,,no,
2026-000002,conclude,2026-09-05,,no,
2026-000005,conclude,2026-09-10,,yes,
2026-000005,reply,2026-09-11,,,
2026-000005,rate,2026-09-12,,,满意
2026-000006,conclude,2026-09-11,,no,
2026-000006,reply,2026-09-12,,,
2026-000006,rate,2026-09-13,,,基本满意
2026-000007,conclude,2026-09-12,,yes,
2026-000007,reply,2026-09-13,,,
2026-000007,rate,2026-09-14,,,不满意
2026-000008,conclude,2026-09-15,,no,
2026-000011,reject,2026-09-10,,,
2026-000004,conclude,2026-10-10,,yes,
2026-000013,accept,2026-10-02,丁局,,
EOF

test_expect_success 'build r.db: pt-assign and pt-update on explicit dates' '
	pt-intake -q -d r.db --as-of $AS r.csv >/dev/null &&
	ids() { printf "case_id\n" && printf "%s\n" "$@"; } &&
	ids 2026-000009 | pt-assign -q -d r.db --unit 甲局 --date 2026-09-04 --as-of $AS >/dev/null &&
	ids 2026-000010 | pt-assign -q -d r.db --unit 甲局 --date 2026-09-06 --as-of $AS >/dev/null &&
	ids 2026-000017 | pt-assign -q -d r.db --unit 甲局 --date 2026-09-25 --as-of $AS >/dev/null &&
	ids 2026-000011 2026-000012 |
		pt-assign -q -d r.db --unit 甲局 --no-accept --date 2026-09-05 --as-of $AS >/dev/null &&
	ids 2026-000014 2026-000015 2026-000016 |
		pt-assign -q -d r.db --unit 丁局 --no-accept --date 2026-09-18 --as-of $AS >/dev/null &&
	pt-update -q -d r.db --as-of $AS r-events.csv >/dev/null &&
	test "$(sqlite3 r.db "SELECT count(*) FROM cases WHERE unit IS NULL")" = 0 &&
	test "$(sqlite3 r.db "SELECT decided FROM cases WHERE id % 100000000 = 10")" = 2026-09-06
'

test_expect_success 'timely acceptance: decided on day 15 is in time, on day 16 is not' '
	pt-stats -d r.db --period 2026-09 --as-of $AS >out.csv &&
	: >expect &&
	want accepted=4 &&		# decided in 2026-09: t1, t2, t3 (rejected), t5
	want accept_due=7 &&		# deadline in 2026-09: t1 t2 t3 t4 d1 y3 y2 (y1, t5 in Oct)
	want timely_accepted=2 &&	# t1 (day 15), t3 (day 9); t2 is day 16, d1 day 22
	want timely_accept_rate=28.6 &&	# 2/7 = 28.57%
	figs out.csv accepted accept_due timely_accepted timely_accept_rate >got &&
	test_cmp expect got
'

test_expect_success 'on time: concluded on the due date is on time, a day late is not' '
	: >expect &&
	want due=4 &&			# conclusion deadline in 2026-09: o1 o2 o3 c1
	want on_time=1 &&		# o1 (09-03 on 09-03); o2 09-05 > 09-04, o3 open, c1 10-10
	want on_time_rate=25.0 &&	# 1/4
	figs out.csv due on_time on_time_rate >got &&
	test_cmp expect got
'

test_expect_success 'participation and satisfaction: 满意 and 基本满意 satisfy, 不满意 not' '
	: >expect &&
	want concluded=6 &&		# in 2026-09: o1 o2 s1 s2 s3 s4 (c1 in October)
	want rated=3 &&			# s1 s2 s3
	want participation_rate=50.0 &&	# 3/6
	want satisfied=2 &&		# s1 满意, s2 基本满意
	want satisfaction_rate=66.7 &&	# 2/3
	figs out.csv concluded rated participation_rate satisfied satisfaction_rate >got &&
	test_cmp expect got
'

test_expect_success 'resolution over the 积案 cases concluded in the period' '
	: >expect &&
	want resolution_cases=3 &&	# o1 s1 s2 (s3 is 重点)
	want resolved=1 &&		# s1; s3 is resolved but not 积案
	want resolution_rate=33.3 &&	# 1/3
	figs out.csv resolution_cases resolved resolution_rate >got &&
	test_cmp expect got &&
	pt-stats -d r.db --period 2026-09 --resolution-tag 重点 --as-of $AS >out2.csv &&
	: >expect &&
	want resolution_cases=1 resolved=1 resolution_rate=100.0 &&	# s3
	figs out2.csv resolution_cases resolved resolution_rate >got &&
	test_cmp expect got
'

test_expect_success 'red and yellow at the end of the period, from the dates kept' '
	# open on 09-30: t4 (accept by 09-17) red; o3 (due 09-08) red;
	# y3 (09-29) red; c1 (due 09-23, concluded only on 10-10) red;
	# d1 (undecided until 10-02, accept by 09-25) red;
	# y2 (due 09-30, the day itself) and y1 (10-03, within 5 days) yellow.
	# t1 (11-03), t2 (11-05), t5 (accept by 10-05) are neither.
	: >expect &&
	want red=5 yellow=2 batches=7 &&	# batches: t3 t4 d1 y3 y2 y1 t5
	figs out.csv red yellow batches >got &&
	test_cmp expect got
'

test_expect_success 'red and yellow at the as-of date when it is earlier, and --warn-days' '
	pt-stats -d r.db --period 2026-09 --as-of 2026-09-20 >out2.csv &&
	# on 09-20: t4 (09-17) and o3 (09-08) red; c1 (due 09-23) and d1
	# (accept by 09-25) within 5 days: yellow; y3 09-29, y2 09-30, y1 10-03,
	# t5 (received that day, accept by 10-05) are not near.
	: >expect &&
	want red=2 yellow=2 &&
	figs out2.csv red yellow >got &&
	test_cmp expect got &&
	pt-stats -d r.db --period 2026-09 --warn-days 0 --as-of $AS >out3.csv &&
	: >expect &&
	want red=5 yellow=1 &&		# yellow: only y2, due on 09-30 itself
	figs out3.csv red yellow >got &&
	test_cmp expect got
'

test_expect_success 'the three rates by unit, empty where the denominator is 0' '
	pt-stats -d r.db --period 2026-09 --by unit --as-of $AS >out.csv &&
	csv_cols out.csv unit accept_due timely_accepted timely_accept_rate due on_time \
		on_time_rate concluded rated participation_rate satisfied satisfaction_rate \
		red yellow >got &&
	: >expect &&
	# 丁局: accept by 09-25 (d1), 09-29 (y3), 09-30 (y2), none in time;
	# c1 due 09-23, late; nothing concluded; red y3 c1 d1, yellow y1 y2
	want "unit=丁局 accept_due=3 timely_accepted=0 timely_accept_rate=0.0 due=1 on_time=0 on_time_rate=0.0 concluded=0 rated=0 participation_rate= satisfied=0 satisfaction_rate= red=3 yellow=2" &&
	# 丙局: accepted in August (deadlines out), due 10-02; s1..s4 concluded,
	# s1 s2 s3 rated, s1 s2 satisfied
	want "unit=丙局 accept_due=0 timely_accepted=0 timely_accept_rate= due=0 on_time=0 on_time_rate= concluded=4 rated=3 participation_rate=75.0 satisfied=2 satisfaction_rate=66.7 red=0 yellow=0" &&
	# 乙局: o1 o2 o3 due, o1 on time (1/3); o1 o2 concluded, none rated; o3 red
	want "unit=乙局 accept_due=0 timely_accepted=0 timely_accept_rate= due=3 on_time=1 on_time_rate=33.3 concluded=2 rated=0 participation_rate=0.0 satisfied=0 satisfaction_rate= red=1 yellow=0" &&
	# 甲局: t1 t2 t3 t4 due to be decided, t1 t3 in time (2/4); t4 red
	want "unit=甲局 accept_due=4 timely_accepted=2 timely_accept_rate=50.0 due=0 on_time=0 on_time_rate= concluded=0 rated=0 participation_rate= satisfied=0 satisfaction_rate= red=1 yellow=0" &&
	test_cmp expect got
'

# --- f.db: frequent petitioners (重信重访) --------------------------------
cat >f.csv <<EOF
$H
2026-08-05,visit,钱多,,13600000001,1,G区,拆迁,city,,,,,,f1
2026-09-01,visit,孙少,,13600000002,1,G区,拆迁,city,,,,,,g1
2026-09-02,visit,孙少,,13600000002,1,G区,拆迁,city,,,,,,g2
2026-09-03,visit,钱多,,13600000001,1,G区,拆迁,city,,,,,,f2
2026-09-05,visit,钱多,,13600000001,1,G区,医疗,city,,,,,,h1
2026-09-20,letter,钱多,,13600000001,1,G区,拆迁,city,,,,,,f3
2026-10-08,visit,钱多,,13600000001,1,G区,拆迁,city,,,,,,f4
EOF

test_expect_success 'frequent: matters with 3 or more cases so far, and their cases' '
	pt-intake -q -d f.db --as-of $AS f.csv >/dev/null &&
	pt-stats -d f.db --period 2026-09 --as-of $AS >out.csv &&
	: >expect &&
	want batches=5 &&		# g1 g2 f2 h1 f3
	want frequent=1 &&		# 钱多 on G区 拆迁: f1 f2 f3 by 09-30; 孙少 has 2; h1 is another matter
	want frequent_cases=2 &&	# f2 f3 (f1 was received in August)
	figs out.csv batches frequent frequent_cases >got &&
	test_cmp expect got
'

test_expect_success 'frequent counts the cases so far: at the end of each period' '
	pt-stats -d f.db --period 2026-08 --as-of $AS >out.csv &&
	pt-stats -d f.db --period 2026-10 --as-of $AS >out2.csv &&
	pt-stats -d f.db --period 2026 --as-of $AS >out3.csv &&
	: >expect &&
	want "frequent=0 frequent_cases=0" &&	# 2026-08: f1 is the only case by 08-31
	want "frequent=1 frequent_cases=1" &&	# 2026-10: f4 is the fourth
	want "frequent=1 frequent_cases=4" &&	# 2026: f1..f4
	{ csv_cols out.csv frequent frequent_cases && csv_cols out2.csv frequent frequent_cases &&
	  csv_cols out3.csv frequent frequent_cases; } >got &&
	test_cmp expect got
'

# --- the case-stream mode ------------------------------------------------
test_expect_success 'a stream: pt-intake output counts what its columns give' '
	pt-stats --period 2026-09 --as-of $AS new.csv >out.csv &&
	: >expect &&
	want "batches=9 persons=33 first=7 repeat=1 referred=1" &&	# as from m.db
	want "collective=2 collective_persons=11 joint_letters=2 joint_signers=14" &&	# from collective
	want "accepted= due= concluded= red= yellow= frequent=" &&	# no such columns: empty
	want "timely_accept_rate= on_time_rate= satisfaction_rate=" &&
	{ csv_cols out.csv batches persons first repeat referred &&
	  csv_cols out.csv collective collective_persons joint_letters joint_signers &&
	  csv_cols out.csv accepted due concluded red yellow frequent &&
	  csv_cols out.csv timely_accept_rate on_time_rate satisfaction_rate; } >got &&
	test_cmp expect got
'

test_expect_success 'a stream: --by tag splits the tags column; untagged in no group' '
	pt-stats --period 2026-09 --by tag --as-of $AS new.csv >out.csv &&
	: >expect &&
	want "tag=积案 batches=2 persons=7" &&	# m1 m3
	want "tag=重点 batches=2 persons=18" &&	# m3 m6
	csv_cols out.csv tag batches persons >got &&
	test_cmp expect got
'

test_expect_success 'a stream without --period counts every row, labelled all' '
	pt-stats --as-of $AS new.csv >out.csv &&
	: >expect &&
	want "period=all batches=23" &&	# every case of m.csv
	csv_cols out.csv period batches >got &&
	test_cmp expect got
'

test_expect_success 'a stream: --by month keys a date in any spelling as YYYY-MM' '
	printf "case_id,received,channel\n%s\n%s\n%s\n%s\n" \
		"2026-000001,2026/9/3,visit" "2026-000002,2026年9月4日,letter" \
		"2026-000003,2026.09.05 08:00,phone" "2026-000004,2026-10-01,phone" |
		pt-stats --by month - >out.csv &&
	cut -d, -f2,3 out.csv >got &&
	printf "month,batches\n2026-09,3\n2026-10,1\n" >expect &&
	test_cmp expect got
'

cat >ov.csv <<EOF
$H
2026-08-15,phone,v5,,,1,V区,城建,city,,,,,,
2026-09-01,visit,v1,,,1,V区,城建,city,,,,,,
2026-09-10,letter,v3,,,1,V区,城建,city,,,,,,
2026-09-11,online,v4,,,1,V区,城建,city,,,,,,
2026-09-20,visit,v2,,,8,V区,城建,city,,,,,,
EOF
# As of 2026-10-01 (yellow: due by 10-06): v5 (accept by 08-30) and v1
# (09-16) red, v2 (10-05) yellow, v3 accepted 09-12 (due 11-11) blue, v4
# concluded 09-25 green.

test_expect_success 'a stream piped from pt-overdue --all' '
	pt-intake -q -d ov.db --as-of 2026-10-01 ov.csv >/dev/null &&
	printf "case_id\n2026-000003\n2026-000004\n" |
		pt-assign -q -d ov.db --unit U --date 2026-09-12 --as-of 2026-10-01 >/dev/null &&
	printf "case_id,event,date,resolved\n2026-000004,conclude,2026-09-25,yes\n" |
		pt-update -q -d ov.db --as-of 2026-10-01 >/dev/null &&
	{ pt-overdue -q -d ov.db --all --as-of 2026-10-01; echo $? >rc; } |
		pt-stats --as-of 2026-10-01 - >out.csv &&
	test "$(cat rc)" = 1 &&	# v5 and v1 are red
	: >expect &&
	want "period=all batches=5" &&	# every row of the stream
	want "persons=" &&		# no persons column: not counted, left empty
	want "first=5 collective=" &&	# from kind; collective visits need persons
	want "red=2 yellow=1" &&	# v5 v1; v2
	want "accepted= concluded= frequent=" &&
	{ csv_cols out.csv period batches && csv_cols out.csv persons && csv_cols out.csv first collective &&
	  csv_cols out.csv red yellow && csv_cols out.csv accepted concluded frequent; } >got &&
	test_cmp expect got
'

test_expect_success 'a stream from pt-overdue with --period counts rows received in it' '
	{ pt-overdue -q -d ov.db --all --as-of 2026-10-01 >ov-all.csv; test $? = 1; } &&
	pt-stats --period 2026-09 --as-of 2026-10-01 ov-all.csv >out.csv &&
	: >expect &&
	want "period=2026-09 batches=4 red=1 yellow=1" &&	# v1 v3 v4 v2; v1; v2
	csv_cols out.csv period batches red yellow >got &&
	test_cmp expect got
'

# --total (and --compare) count a stream in the same single read: standard
# input cannot be read twice.
test_expect_success 'a piped stream with --by channel --total' '
	pt-stats --by channel --total --as-of 2026-10-01 - <ov-all.csv >out.csv &&
	: >expect &&
	want "channel=letter batches=1" "channel=online batches=1" "channel=phone batches=1" &&
	want "channel=visit batches=2" "channel=total batches=5" &&	# v3; v4; v5; v1 v2
	csv_cols out.csv channel batches >got &&
	test_cmp expect got
'

test_expect_code 65 'a stream row that cannot be counted is skipped: exit 65' '
	printf "received,channel,persons\n2026-09-01,visit,2\n2026-09-02,visit,many\n2026-09-03,letter,3\n" >bad.csv &&
	pt-stats --period 2026-09 --as-of $AS bad.csv >out.csv 2>err
'

test_expect_success 'the skipped row is named; the others are counted' '
	grep -q "^pt-stats: bad.csv:3: bad persons .many.; row skipped" err &&
	: >expect &&
	want "batches=2 persons=5 joint_letters=1" &&	# 2 + 3; the letter of 3
	csv_cols out.csv batches persons joint_letters >got &&
	test_cmp expect got
'

# --- several ledgers ------------------------------------------------------
# Hundreds of groups: each is found again by its keys (the groups' hash
# grows past its first 64 slots); SQL over the same ledger says how many
# cases each group has.
test_expect_success 'by region, category and channel: every group once, with its own count' '
	"$PT_BIN/gen-petitions" -n 3000 -s 9 -y 2026 -Y 1 >g.csv &&
	pt-intake -q -d g.db --as-of 2026-12-31 g.csv >/dev/null &&
	pt-stats -d g.db --period 2026 --by region,category,channel --as-of 2026-12-31 >g.out &&
	awk -F, "NR > 1 { print \$2 \",\" \$3 \",\" \$4 \",\" \$5 }" g.out | sort >got &&
	sqlite3 -separator , g.db "SELECT region, category, channel, count(*) FROM cases
		WHERE received >= '"'2026-01-01'"' GROUP BY 1, 2, 3" | sort >expect &&
	test $(wc -l <expect) -gt 200 &&
	test_cmp expect got
'

test_expect_success 'several ledgers add up; the same ledger twice counts once' '
	printf "%s\n" "$H" "2026-09-01,visit,城一,,,6,K区,城建,city,,,,,," \
		"2026-09-02,letter,城二,,,3,K区,城建,city,,,,,," >c1.csv &&
	printf "%s\n" "$H" "2026-09-03,visit,城三,,,1,L区,城建,city,,,,,," \
		"2026-09-04,visit,城四,,,5,L区,城建,city,,,,,," \
		"2026-09-05,phone,城五,,,1,L区,城建,city,,,,,," >c2.csv &&
	pt-intake -q -d c1.db --as-of $AS c1.csv >/dev/null &&
	pt-intake -q -d c2.db --as-of $AS c2.csv >/dev/null &&
	pt-stats -d c1.db -d c2.db --period 2026-09 --as-of $AS >out.csv &&
	: >expect &&
	want "batches=5 persons=16" &&	# 2 + 3 cases; 6+3 + 1+5+1
	want "collective=2 collective_persons=11" &&	# 城一 (6), 城四 (5)
	want "joint_letters=1 joint_signers=3" &&	# 城二
	{ csv_cols out.csv batches persons && csv_cols out.csv collective collective_persons &&
	  csv_cols out.csv joint_letters joint_signers; } >got &&
	test_cmp expect got &&
	pt-stats -d c1.db -d ./c1.db --period 2026-09 --as-of $AS >out2.csv 2>err &&
	grep -q "^pt-stats: ./c1.db: named twice; counted once" err &&
	: >expect &&
	want "batches=2 persons=9" &&	# c1.db alone
	csv_cols out2.csv batches persons >got &&
	test_cmp expect got
'

# XF9 went from the city (c3) to a county (c4), which registered it again
# as referred: the province counts it once, in the first ledger named.
test_expect_success 'several ledgers count a case they share (same ext_id) once' '
	printf "%s\n" "$H" "2026-09-06,visit,城六,,,2,K区,城建,city,,,XF9,,," \
		"2026-09-07,letter,城七,,,1,K区,城建,city,,,XF7,,," >c3.csv &&
	printf "%s\n" "$H" "2026-09-08,visit,城六,,,2,L区,城建,county,city,,XF9,,," \
		"2026-09-09,visit,城八,,,4,L区,城建,county,,,,,," \
		"2026-09-10,phone,城九,,,1,L区,城建,county,,,XF8,,," >c4.csv &&
	pt-intake -q -d c3.db --as-of $AS c3.csv >/dev/null &&
	pt-intake -q -d c4.db --as-of $AS c4.csv >/dev/null &&
	pt-stats -d c3.db -d c4.db --period 2026-09 --by region --total --as-of $AS >out.csv &&
	: >expect &&
	want "region=K区 batches=2 persons=3 referred=0" &&	# XF9 (2), XF7 (1)
	want "region=L区 batches=2 persons=5 referred=0" &&	# 城八 (4), XF8 (1); not XF9
	want "region=total batches=4 persons=8 referred=0" &&
	csv_cols out.csv region batches persons referred >got &&
	test_cmp expect got &&
	pt-stats -d c4.db -d c3.db --period 2026-09 --by region --total --as-of $AS >out.csv &&
	: >expect &&
	want "region=K区 batches=1 persons=1 referred=0" &&	# XF7 only
	want "region=L区 batches=3 persons=7 referred=1" &&	# XF9 counted here, referred
	want "region=total batches=4 persons=8 referred=1" &&
	csv_cols out.csv region batches persons referred >got &&
	test_cmp expect got &&
	test -z "$(ls "${TMPDIR:-/tmp}" | grep "^pt-stats\." | while read f; do
		test "${TMPDIR:-/tmp}/$f" -ot c4.db || echo "$f"; done)"
'

test_expect_success 'a missing ledger exits 69 and is not created' '
	{ pt-stats -d nope.db --period 2026-09 >out 2>err; test $? = 69; } &&
	grep -q "^pt-stats: nope.db: no ledger" err &&
	test ! -e nope.db &&
	{ pt-stats -d c1.db -d nope.db --period 2026-09 >out 2>err; test $? = 69; } &&
	{ pt-stats --period 2026-09 >out 2>err; test $? = 69; } &&
	test ! -e ledger.db
'

# A file that is not a ledger is bad data (65), not a missing ledger (69).
test_expect_code 65 'a file that is not a ledger exits 65' '
	echo "not a database" >junk.db &&
	pt-stats -d junk.db --period 2026-09 --as-of $AS >out 2>err
'

test_expect_success '--excel leaves a negative change a number' '
	pt-stats -d m.db --period 2026-09 --compare yoy --excel --as-of $AS >out.csv &&
	: >expect &&
	want collective_persons_change_pct=-45.0 &&	# (11-20)/20, as above
	figs out.csv collective_persons_change_pct >got &&
	test_cmp expect got
'

test_expect_success 'bad usage exits 64' '
	for args in "--period 2026-13" "--period 2026-09..2026-01" "--from 2026-09-01" \
		"--period 2026-09 --from 2026-09-01 --to 2026-09-30" "--by colour" \
		"--compare mom" "--warn-days -1" "-d m.db new.csv"; do
		pt-stats $args >out 2>err; rc=$? &&
		{ test $rc = 64 || { echo "$args: exit $rc"; exit 1; }; } &&
		grep -q "^usage: pt-stats" err || { echo "$args: no usage"; exit 1; }
	done &&
	{ pt-stats -E NO-SUCH-CODE new.csv >out 2>err; test $? = 64; } &&
	grep -q "^pt-stats: unknown encoding .NO-SUCH-CODE." err
'

test_done
