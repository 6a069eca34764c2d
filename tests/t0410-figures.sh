#!/bin/sh
# pt-stats and pt-report: the figures bureaus print beyond the basic ones:
# a batch's progress (化解率), sources, receptions (领导接访), the bureau's
# own rating, reviews and rechecks, the later groupings, the filters, and
# the disputes (矛盾纠纷) kept apart.  Each expected value is worked out by
# hand in the comment beside it, from the fixtures below.
. "$(dirname "$0")/lib.sh"

AS=2026-12-31
H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary

# cases N FIRST NAME TAGS [REGION]: N visits from day FIRST of 2026-08 (one a
# day, wrapping within the month), told apart by name NAME1, NAME2 ...
cases() {
	_i=0
	while [ $_i -lt "$1" ]; do
		_i=$((_i + 1))
		_d=$(( ($2 + _i - 2) % 28 + 1 ))
		printf "2026-08-%02d,visit,%s%d,,,1,%s,城建,city,,,,,%s,\n" "$_d" "$3" "$_i" "${5:-R区}" "$4"
	done
}

# events EVENT DATE FROM TO [EXTRA]: EVENT on DATE for cases FROM..TO of 2026.
events() {
	_i=$3
	while [ $_i -le "$4" ]; do
		printf "2026-%06d,%s,%s%s\n" "$_i" "$1" "$2" "${5-}"
		_i=$((_i + 1))
	done
}

# sq DB SQL: run SQL on the ledger DB.
sq() {
	sqlite3 "$1" "$2"
}

# --- b.db: two batches ----------------------------------------------------
# 联席会议: 3 cases, received 08-01..03 (before the period), 2 concluded
# resolved in September, 1 still open: "交办3件，化解2件，1件正在化解中，
# 化解率为66.7%".  Cases 4..67 are 64 cases tagged 省交办, received
# 08-04..; 38 of them concluded resolved, 6 concluded not resolved, 20
# open: "64件…已化解稳定38件，化解率59.4%".  Case 68, 联席会议 too, is
# received on 2026-10-05, after September: no part of September's batch.
test_expect_success 'build b.db: two batches, assigned and partly concluded' '
	{ echo "$H" && cases 3 1 联 联席会议 && cases 64 4 省 省交办 &&
	  echo "2026-10-05,visit,晚一,,,1,R区,城建,city,,,,,联席会议,"; } >b.csv &&
	pt-intake -q -d b.db --as-of $AS b.csv >/dev/null &&
	sq b.db "SELECT case_id FROM cases WHERE received < '\''2026-09'\''" |
		{ echo case_id && cat; } >ids.csv &&
	pt-assign -q -d b.db --unit 甲局 --date 2026-08-30 --as-of $AS <ids.csv >/dev/null &&
	{ echo "case_id,event,date,resolved" &&
	  events conclude 2026-09-10 1 2 ,yes &&
	  events conclude 2026-09-11 4 41 ,yes &&
	  events conclude 2026-09-12 42 47 ,no &&
	  events conclude 2026-10-10 3 3 ,yes; } >b-ev.csv &&
	pt-update -q -d b.db --as-of $AS b-ev.csv >/dev/null &&
	test "$(sq b.db "SELECT count(*) FROM cases WHERE concluded IS NOT NULL")" = 47
'

test_expect_success 'batch progress: received by the period end, resolved and open at it (66.7)' '
	pt-stats -d b.db --period 2026-09 --resolution-tag 联席会议 --as-of $AS >out.csv &&
	# cases 1..3 received in August count; 68 (October) does not; case 3 is
	# concluded only on 10-10: still being resolved at the end of September
	echo "resolution_cases=3 resolved=2 resolving=1 resolution_rate=66.7" >expect &&
	csv_cols out.csv resolution_cases resolved resolving resolution_rate >got &&
	test_cmp expect got
'

test_expect_success 'batch progress: 64 cases, 38 resolved: 59.4, the default tag too' '
	pt-stats -d b.db --period 2026-09 --resolution-tag 省交办 --as-of $AS >out.csv &&
	# 38 / 64 = 59.375; 6 concluded unresolved are neither resolved nor open
	echo "resolution_cases=64 resolved=38 resolving=20 resolution_rate=59.4" >expect &&
	csv_cols out.csv resolution_cases resolved resolving resolution_rate >got &&
	test_cmp expect got &&
	pt-stats -d b.db --period 2026-09 --as-of $AS >out.csv &&
	echo "resolution_cases=0 resolved=0 resolving=0 resolution_rate=" >expect &&
	csv_cols out.csv resolution_cases resolved resolving resolution_rate >got &&
	test_cmp expect got
'

test_expect_success 'batch progress at the end of October: case 68 joins, case 3 is resolved' '
	pt-stats -d b.db --period 2026-10 --resolution-tag 联席会议 --as-of $AS >out.csv &&
	echo "resolution_cases=4 resolved=3 resolving=1 resolution_rate=75.0" >expect &&
	csv_cols out.csv resolution_cases resolved resolving resolution_rate >got &&
	test_cmp expect got
'

test_expect_success 'batch progress --compare prev and --by month: each at its own end' '
	pt-stats -d b.db --period 2026-10 --resolution-tag 联席会议 --compare prev --as-of $AS >out.csv &&
	echo "resolution_cases=4 resolution_cases_before=3 resolution_cases_change_pct=33.3 resolved_before=2 resolving_before=1 resolution_rate_before=66.7" >expect &&
	csv_cols out.csv resolution_cases resolution_cases_before resolution_cases_change_pct \
		resolved_before resolving_before resolution_rate_before >got &&
	test_cmp expect got &&
	pt-stats -d b.db --from 2026-09-01 --to 2026-10-31 --by month --resolution-tag 联席会议 \
		--as-of $AS >out.csv &&
	printf "%s\n" "month=2026-09 resolution_cases=3 resolved=2" \
		"month=2026-10 resolution_cases=4 resolved=3" >expect &&
	csv_cols out.csv month resolution_cases resolved >got &&
	test_cmp expect got
'

test_expect_success 'the batch sentence: 交办3件，已化解2件，1件正在化解中，化解率66.7%' '
	set -- -d b.db --from 2026-08-01 --to 2026-09-30 --as-of $AS --format text &&
	pt-report "$@" >rep.txt &&
	! grep -q "交办[0-9]" rep.txt &&
	sq b.db "UPDATE case_tags SET tag = '\''积案'\'' WHERE tag = '\''联席会议'\''" &&
	pt-report "$@" >rep.txt &&
	grep -q "交办3件，已化解2件，1件正在化解中，化解率66.7%。" rep.txt &&
	pt-report "$@" --lang en >rep.txt &&
	grep -q "Of the 3 cases handed over, 2 have been resolved and 1 is being resolved (66.7%)" rep.txt
'

# --- s.db: sources, receptions, the bureau's rating, reviews ----------------
# 463 cases from 省委巡视组 (cases 1..463), received 2026-08, accepted
# 08-30 (due 10-29), all concluded 09-20, on time; all rated, 389 满意 or
# 基本满意 (389 / 463 = 84.02%).  Cases 464..473 come from 联席会议 and are
# never concluded.
test_expect_success 'build s.db: 463 cases handed over by the inspection team' '
	{ echo "$H" && cases 463 1 巡 "" && cases 10 1 联 ""; } >s.csv &&
	pt-intake -q -d s.db --as-of $AS s.csv >/dev/null &&
	sq s.db "UPDATE cases SET source = CASE WHEN id % 100000000 <= 463 THEN '\''省委巡视组'\''
		ELSE '\''联席会议'\'' END" &&
	sq s.db "SELECT case_id FROM cases" | { echo case_id && cat; } >ids.csv &&
	pt-assign -q -d s.db --unit 乙局 --date 2026-08-30 --as-of $AS <ids.csv >/dev/null &&
	{ echo "case_id,event,date,resolved,rating" &&
	  events conclude 2026-09-20 1 463 ,yes, &&
	  events reply 2026-09-21 1 463 ,, &&
	  events rate 2026-09-22 1 389 ,,满意 &&
	  events rate 2026-09-22 390 463 ,,不满意; } >s-ev.csv &&
	pt-update -q -d s.db --as-of $AS s-ev.csv >/dev/null &&
	test "$(sq s.db "SELECT count(*) FROM cases WHERE rating IS NOT NULL")" = 463
'

test_expect_success '--by source: 463 cases, all on time, 84.0 satisfied' '
	pt-stats -d s.db --from 2026-08-01 --to 2026-12-31 --by source --as-of $AS >out.csv &&
	printf "%s\n" "source=省委巡视组 batches=463 on_time_rate=100.0 satisfaction_rate=84.0" \
		"source=联席会议 batches=10 on_time_rate=0.0 satisfaction_rate=" >expect &&
	csv_cols out.csv source batches on_time_rate satisfaction_rate >got &&
	test_cmp expect got
'

# Receptions: case n is received on 08-n (case 29 on 08-01 again).
# 局长甲 received cases 1 and 29 on 08-01 and case 2 on 08-02; 局长乙 case
# 3 (5 persons) on 08-03.  Sessions: (甲, 08-01), (甲, 08-02), (乙, 08-03)
# = 3; leaders 2; batches 4; persons 1+1+1+5 = 8.
test_expect_success 'receptions: sessions are (receiver, day), leaders, batches, persons' '
	sq s.db "UPDATE cases SET receiver = '\''局长甲'\'' WHERE id % 100000000 IN (1, 2, 29);
		UPDATE cases SET receiver = '\''局长乙'\'', persons = 5 WHERE id % 100000000 = 3" &&
	test "$(sq s.db "SELECT substr(received, 1, 10) FROM cases WHERE id % 100000000 = 29")" = 2026-08-01 &&
	pt-stats -d s.db --period 2026-08 --as-of $AS >out.csv &&
	echo "reception_sessions=3 reception_leaders=2 reception_batches=4 reception_persons=8" >expect &&
	csv_cols out.csv reception_sessions reception_leaders reception_batches reception_persons >got &&
	test_cmp expect got &&
	pt-stats -d s.db --period 2026-08 --by receiver --as-of $AS >out.csv &&
	printf "%s\n" "receiver= reception_batches=0 batches=469" \
		"receiver=局长乙 reception_batches=1 batches=1" \
		"receiver=局长甲 reception_batches=3 batches=3" >expect &&
	csv_cols out.csv receiver reception_batches batches >got &&
	test_cmp expect got
'

test_expect_success 'the bureau rating: rated, satisfied (basic too), its rate beside the unit one' '
	sq s.db "UPDATE cases SET bureau_rating = CASE WHEN id % 100000000 <= 400 THEN '\''satisfied'\''
		WHEN id % 100000000 <= 460 THEN '\''basic'\'' ELSE '\''unsatisfied'\'' END
		WHERE id % 100000000 <= 463" &&
	pt-stats -d s.db --period 2026-09 --as-of $AS >out.csv &&
	# 463 rated, 460 satisfied or basic: 99.35%
	echo "bureau_rated=463 bureau_satisfied=460 bureau_satisfaction_rate=99.4 satisfaction_rate=84.0" >expect &&
	csv_cols out.csv bureau_rated bureau_satisfied bureau_satisfaction_rate satisfaction_rate >got &&
	test_cmp expect got
'

# Reviews: cases 1..4 ask a review on 10-01; 1..3 are answered on 10-20
# (1 upheld, 2 revoked, 3 changed); case 1 asks a recheck on 10-25, answered
# (upheld) on 11-10.  Case 5 asks a review on 10-02 that is then voided.
test_expect_success 'build the reviews of s.db' '
	{ echo "case_id,event,date" &&
	  events review 2026-10-01 1 5 &&
	  events review_done 2026-10-20 1 3 &&
	  events recheck 2026-10-25 1 1 &&
	  events recheck_done 2026-11-10 1 1; } >r-ev.csv &&
	pt-update -q -d s.db --as-of $AS r-ev.csv >/dev/null &&
	sq s.db "UPDATE events SET outcome = CASE case_ref % 100000000 WHEN 1 THEN '\''upheld'\''
		WHEN 2 THEN '\''revoked'\'' ELSE '\''changed'\'' END
		WHERE event IN ('\''review_done'\'', '\''recheck_done'\'');
		UPDATE events SET voided_by = (SELECT min(id) FROM events)
		WHERE event = '\''review'\'' AND case_ref % 100000000 = 5" &&
	test "$(sq s.db "SELECT count(*) FROM events WHERE outcome IS NOT NULL")" = 4
'

test_expect_success 'reviews and rechecks, asked and answered, with outcomes; voided never count' '
	pt-stats -d s.db --period 2026-10 --as-of $AS >out.csv &&
	echo "reviews=4 reviews_answered=3 rechecks=1 rechecks_answered=0 upheld=1 revoked=1 changed=1" >expect &&
	csv_cols out.csv reviews reviews_answered rechecks rechecks_answered upheld revoked changed >got &&
	test_cmp expect got &&
	pt-stats -d s.db --period 2026-11 --as-of $AS >out.csv &&
	echo "reviews=0 reviews_answered=0 rechecks=0 rechecks_answered=1 upheld=1 revoked=0 changed=0" >expect &&
	csv_cols out.csv reviews reviews_answered rechecks rechecks_answered upheld revoked changed >got &&
	test_cmp expect got
'

# The review figures' statement, as lib/figures.c writes it (REVIEW_EVENTS,
# its string literals joined, the period's bounds put in), reads a
# period's reviews through the partial index events_reviews.
cat >"$TRASH/review-sql.pl" <<'PL'
local $/; my $c = <>;
$c =~ /^#define REVIEW_EVENTS \\\n((?:.*\\\n)*.*\n)/m or die "no REVIEW_EVENTS\n";
my $sql = join '', $1 =~ /"((?:[^"\\]|\\.)*)"/g;
$sql =~ s/\?1/'2026-01-01'/g; $sql =~ s/\?2/'2026-02-01'/g;
print $sql;
PL
test_expect_success 'the review figures read the period through the index events_reviews' '
	perl "$TRASH/review-sql.pl" "$ROOT/lib/figures.c" >rev.sql &&
	grep -q "FROM events e JOIN petition_cases" rev.sql &&
	sqlite3 s.db "EXPLAIN QUERY PLAN SELECT count(*) FROM $(cat rev.sql) c" >plan &&
	grep "USING INDEX events_reviews" plan
'

test_expect_success 'the new figures --compare yoy and --total' '
	pt-stats -d s.db --period 2026-10 --compare yoy --by unit --total --as-of $AS >out.csv &&
	printf "%s\n" "unit=乙局 reviews=4 reviews_before=0 reviews_change_pct=" \
		"unit=total reviews=4 reviews_before=0 reviews_change_pct=" >expect &&
	csv_cols out.csv unit reviews reviews_before reviews_change_pct >got &&
	test_cmp expect got &&
	pt-stats -d s.db --period 2026-09 --compare prev --as-of $AS >out.csv &&
	echo "bureau_rated=463 bureau_rated_before=0 bureau_satisfaction_rate_before= reception_batches=0 reception_batches_before=4 reception_batches_change_pct=-100.0" >expect &&
	csv_cols out.csv bureau_rated bureau_rated_before bureau_satisfaction_rate_before \
		reception_batches reception_batches_before reception_batches_change_pct >got &&
	test_cmp expect got
'

test_expect_success 'the sentences: receptions, the two ratings, reviews, in zh and en' '
	set -- -d s.db --from 2026-08-01 --to 2026-10-31 --as-of $AS --format text &&
	pt-report "$@" >rep.txt &&
	grep -q "开展3次领导接待日活动，2名领导参与接待群众4批8人次。" rep.txt &&
	grep -q "信访部门满意率为99.4%，责任单位满意率为84.0%。" rep.txt &&
	grep -q "受理复查申请4件，办结3件；受理复核申请1件，办结0件；维持原处理意见1件、撤销1件、变更1件。" rep.txt &&
	pt-report "$@" --lang en >rep.txt &&
	grep -q "Leaders held 3 reception sessions (2 leaders), receiving 4 visits of 8 people." rep.txt &&
	grep -q "Satisfaction with the petition bureau 99.4%, with the units handling the cases 84.0%." rep.txt &&
	grep -q "Reviews asked 4, answered 3; rechecks asked 1, answered 0; the decision upheld 1, revoked 1, changed 1." rep.txt &&
	pt-report -d s.db --from 2026-08-01 --to 2026-08-31 --as-of $AS --format text >rep.txt &&
	! grep -q "复查" rep.txt &&
	sq s.db "UPDATE events SET date = '\''2026-08-30'\'' WHERE event = '\''recheck'\''" &&
	pt-report -d s.db --from 2026-08-01 --to 2026-08-31 --as-of $AS --format text >rep.txt &&
	grep -q "开展3次领导接待日活动，2名领导参与接待群众4批8人次。受理复核申请1件，办结0件。" rep.txt &&
	pt-report -d s.db --from 2026-08-01 --to 2026-08-31 --as-of $AS --format text --lang en >rep.txt &&
	grep -q "receiving 4 visits of 8 people. Rechecks asked 1, answered 0." rep.txt &&
	sq s.db "UPDATE events SET date = '\''2026-10-25'\'' WHERE event = '\''recheck'\''"
'

test_expect_success 'a sentence only when its figures are there' '
	pt-report -d s.db --period 2026-08 --as-of $AS --format text >rep.txt &&
	grep -q "领导接待日" rep.txt &&
	! grep -q "信访部门满意率" rep.txt && ! grep -q "复查" rep.txt && ! grep -q "交办[0-9]" rep.txt &&
	pt-report -d b.db --period 2026-10 --as-of $AS --format text >rep.txt &&
	! grep -q "领导接待日" rep.txt
'

# --- the groupings ----------------------------------------------------------
test_expect_success '--by week: ISO weeks, across a year end' '
	{ echo "$H" &&
	  echo "2026-12-27,visit,周一,,,1,R区,城建,city,,,,,," &&
	  echo "2026-12-28,visit,周二,,,1,R区,城建,city,,,,,," &&
	  echo "2027-01-03 10:00,visit,周三,,,1,R区,城建,city,,,,,," &&
	  echo "2027-01-04,visit,周四,,,1,R区,城建,city,,,,,,"; } >w.csv &&
	pt-intake -q -d w.db --as-of 2027-01-31 w.csv >/dev/null &&
	pt-stats -d w.db --from 2026-12-20 --to 2027-01-10 --by week --as-of 2027-01-31 >out.csv &&
	# 12-27 is a Sunday (2026-W52); 12-28 .. 01-03 are 2026-W53 (2026 has 53
	# weeks: it starts on a Thursday); 01-04 is a Monday, 2027-W01
	printf "%s\n" "week=2026-W52 batches=1" "week=2026-W53 batches=2" "week=2027-W01 batches=1" >expect &&
	csv_cols out.csv week batches >got &&
	test_cmp expect got &&
	{ pt-overdue -d w.db --all --as-of 2027-01-31 >stream.csv; test $? -le 1; } &&
	pt-stats --by week - <stream.csv >out.csv &&
	csv_cols out.csv week batches >got &&
	test_cmp expect got
'

test_expect_success '--by referred_by, law_related, procedure, stage' '
	{ echo "$H" &&
	  echo "2026-09-01,visit,交一,,,1,R区,城建,city,central,,,yes,," &&
	  echo "2026-09-02,visit,交二,,,1,R区,城建,city,province,,,no,," &&
	  echo "2026-09-03,visit,交三,,,1,R区,城建,city,,,,yes,,"; } >g.csv &&
	pt-intake -q -d g.db --as-of $AS g.csv >/dev/null &&
	pt-stats -d g.db --period 2026-09 --by referred_by,law_related --as-of $AS >out.csv &&
	printf "%s\n" "referred_by= law_related=yes batches=1" "referred_by=central law_related=yes batches=1" \
		"referred_by=province law_related=no batches=1" >expect &&
	csv_cols out.csv referred_by law_related batches >got &&
	test_cmp expect got &&
	printf "case_id\n2026-000001\n" | pt-assign -q -d g.db --unit 甲局 --date 2026-09-05 --as-of $AS >/dev/null &&
	pt-stats -d g.db --period 2026-09 --by stage,procedure --as-of $AS >out.csv &&
	printf "%s\n" "stage=in_progress procedure=normal batches=1" \
		"stage=registered procedure=normal batches=2" >expect &&
	csv_cols out.csv stage procedure batches >got &&
	test_cmp expect got
'

test_expect_success '--by ledger: one row per ledger, named by its file name; fax and video grouped' '
	mkdir -p city &&
	cp g.db city/东区.db && cp w.db city/西区.db &&
	sq city/东区.db "UPDATE cases SET channel = '\''fax'\'' WHERE id % 100000000 = 1;
		UPDATE cases SET channel = '\''video'\'' WHERE id % 100000000 = 2" &&
	pt-stats -d city/东区.db -d city/西区.db --from 2026-09-01 --to 2027-01-31 --by ledger \
		--as-of 2027-01-31 --total >out.csv &&
	printf "%s\n" "ledger=东区 batches=3" "ledger=西区 batches=4" "ledger=total batches=7" >expect &&
	csv_cols out.csv ledger batches >got &&
	test_cmp expect got &&
	pt-stats -d city/东区.db --period 2026-09 --by channel --as-of $AS >out.csv &&
	printf "%s\n" "channel=fax batches=1" "channel=video batches=1" "channel=visit batches=1" >expect &&
	csv_cols out.csv channel batches >got &&
	test_cmp expect got
'

# --- filters ----------------------------------------------------------------
# f.db: 2 cases of 甲区 (one tagged 重点), 3 of 乙区, 1 of 丙区, in 2026-08.
test_expect_success 'build f.db' '
	{ echo "$H" && cases 2 1 甲 "" 甲区 && cases 3 3 乙 "" 乙区 && cases 1 6 丙 "" 丙区; } >f.csv &&
	pt-intake -q -d f.db --as-of $AS f.csv >/dev/null &&
	sq f.db "UPDATE cases SET tags = '\''重点'\'' WHERE id % 100000000 = 2;
		INSERT INTO case_tags SELECT '\''重点'\'', id FROM cases WHERE id % 100000000 = 2" &&
	sq f.db "SELECT case_id FROM cases WHERE region = '\''乙区'\''" | { echo case_id && cat; } |
		pt-assign -q -d f.db --unit 乙局 --date 2026-08-20 --as-of $AS >/dev/null
'

test_expect_success 'filters: --region (repeated: any), --unit, --category, --tag (all must hold)' '
	pt-stats -d f.db --period 2026-08 --region 甲区 --as-of $AS >out.csv &&
	echo "batches=2" >expect && csv_cols out.csv batches >got && test_cmp expect got &&
	pt-stats -d f.db --period 2026-08 --region 甲区 --region 丙区 --as-of $AS >out.csv &&
	echo "batches=3" >expect && csv_cols out.csv batches >got && test_cmp expect got &&
	pt-stats -d f.db --period 2026-08 --unit 乙局 --as-of $AS >out.csv &&
	echo "batches=3" >expect && csv_cols out.csv batches >got && test_cmp expect got &&
	pt-stats -d f.db --period 2026-08 --tag 重点 --as-of $AS >out.csv &&
	echo "batches=1" >expect && csv_cols out.csv batches >got && test_cmp expect got &&
	pt-stats -d f.db --period 2026-08 --tag 重点 --region 乙区 --as-of $AS >out.csv &&
	echo "batches=0" >expect && csv_cols out.csv batches >got && test_cmp expect got &&
	pt-stats -d f.db --period 2026-08 --category 城建 --by region --as-of $AS >out.csv &&
	printf "%s\n" "region=丙区 batches=1" "region=乙区 batches=3" "region=甲区 batches=2" >expect &&
	csv_cols out.csv region batches >got && test_cmp expect got
'

test_expect_success 'filters on a case stream: on its columns' '
	{ pt-overdue -d f.db --all --as-of $AS >stream.csv; test $? -le 1; } &&
	pt-stats --region 乙区 - <stream.csv >out.csv &&
	echo "batches=3" >expect && csv_cols out.csv batches >got && test_cmp expect got &&
	{ pt-stats --tag 重点 - <stream.csv >out.csv 2>err; test $? = 65; } &&
	echo "pt-stats: <stdin>:1: a filter on tags needs a tags column" >expect &&
	test_cmp expect err &&
	printf "%s\n" received,region,tags 2026-08-01,甲区,重点 2026-08-02,甲区, 2026-08-03,乙区,"a;重点" >t.csv &&
	pt-stats --tag 重点 t.csv >out.csv &&
	echo "batches=2" >expect && csv_cols out.csv batches >got && test_cmp expect got &&
	pt-stats --unit 乙局 --region 甲区 - <stream.csv >out.csv &&
	echo "batches=0" >expect && csv_cols out.csv batches >got && test_cmp expect got
'

test_expect_success 'filters on pt-report: a district bulletin counts only its own cases' '
	pt-report -d f.db --period 2026-08 --as-of $AS --format text >all.txt &&
	grep -q "6批" all.txt &&
	pt-report -d f.db --period 2026-08 --as-of $AS --format text --region 乙区 >rep.txt &&
	grep -q "3批" rep.txt && ! grep -q "6批" rep.txt && ! grep -q 甲区 rep.txt &&
	pt-report -d f.db --period 2026-08 --as-of $AS --format text --tag 重点 --unit 乙局 >rep.txt &&
	printf "%s\n" "全市信访工作月报（2026年8月）" "" "    2026年8月未收到信访事项。" "" >expect &&
	test_cmp expect rep.txt
'

test_expect_success 'filters on pt-report: its lists too (the red cases, the new cases)' '
	# on 08-25, 甲区 cases 1 and 2 (accept by 08-16, 08-17) and 丙区 case 6
	# (08-21) are red; 乙区 cases were accepted on 08-20
	pt-report -d f.db --kind daily --period 2026-08-25 --as-of 2026-08-25 --format text >all.txt &&
	grep -q "2026-000006" all.txt && grep -q "2026-000001" all.txt &&
	pt-report -d f.db --kind daily --period 2026-08-25 --as-of 2026-08-25 --format text \
		--region 甲区 >rep.txt &&
	grep -q "2026-000001" rep.txt && grep -q "2026-000002" rep.txt &&
	! grep -q "2026-000006" rep.txt &&
	pt-report -d f.db --kind daily --period 2026-08-02 --as-of 2026-08-25 --format text \
		--region 乙区 >rep.txt &&
	! grep -q "2026-000002" rep.txt &&
	pt-report -d f.db --kind daily --period 2026-08-02 --as-of 2026-08-25 --format text >rep.txt &&
	grep -q "2026-000002" rep.txt
'

test_expect_code 64 'a filter given too many times is a usage error' '
	set -- && i=0 &&
	while [ $i -lt 17 ]; do set -- "$@" --region "r$i" && i=$((i + 1)) || exit 1; done &&
	pt-stats -d f.db "$@" >out 2>err
'

# --- disputes ---------------------------------------------------------------
# d.db: 250 disputes (cases 1..250, received 2026-08) of which 249 are
# resolved by 09-30; 2 petitions (251, 252).  249 / 250 = 99.6%.
test_expect_success 'build d.db: disputes registered, then marked as such' '
	{ echo "$H" && cases 250 1 纠 "" && cases 2 1 访 积案; } >d.csv &&
	pt-intake -q -d d.db --as-of $AS d.csv >/dev/null &&
	sq d.db "SELECT case_id FROM cases" | { echo case_id && cat; } |
		pt-assign -q -d d.db --unit 调解办 --date 2026-08-30 --as-of $AS >/dev/null &&
	{ echo "case_id,event,date,resolved" && events conclude 2026-09-15 1 249 ,yes &&
	  events conclude 2026-09-15 251 251 ,yes; } >d-ev.csv &&
	pt-update -q -d d.db --as-of $AS d-ev.csv >/dev/null &&
	sq d.db "UPDATE cases SET dispute = 1 WHERE id % 100000000 <= 250;
		INSERT INTO case_tags SELECT '\''积案'\'', id FROM cases WHERE id % 100000000 <= 3;
		UPDATE cases SET receiver = '\''局长'\'', bureau_rating = '\''satisfied'\''" &&
	test "$(sq d.db "SELECT count(*) FROM petition_cases")" = 2
'

test_expect_success 'disputes are never counted in a petition figure' '
	pt-stats -d d.db --from 2026-08-01 --to 2026-09-30 --resolution-tag 积案 --as-of $AS >out.csv &&
	echo "batches=2 concluded=1 resolution_cases=2 resolved=1 reception_batches=2 bureau_rated=1 red=0" >expect &&
	csv_cols out.csv batches concluded resolution_cases resolved reception_batches bureau_rated red >got &&
	test_cmp expect got &&
	pt-stats -d d.db --period 2026-08 --by unit --as-of $AS >out.csv &&
	echo "unit=调解办 batches=2" >expect && csv_cols out.csv unit batches >got && test_cmp expect got &&
	pt-report -d d.db --as-of $AS --format text --kind daily --period 2026-08-01 >rep.txt &&
	! grep -q 纠 rep.txt && grep -q 访1 rep.txt
'

test_expect_success 'pt-stats --disputes: found, resolved, resolution_rate (99.6)' '
	pt-stats -d d.db --from 2026-08-01 --to 2026-09-30 --disputes --as-of $AS >out.csv &&
	echo "period,found,resolved,resolution_rate" >expect &&
	head -n 1 out.csv >got && test_cmp expect got &&
	echo "found=250 resolved=249 resolution_rate=99.6" >expect &&
	csv_cols out.csv found resolved resolution_rate >got && test_cmp expect got &&
	pt-stats -d d.db --period 2026-09 --disputes --compare prev --by unit --total --as-of $AS >out.csv &&
	# August (prev): 250 found, none resolved by its end
	printf "%s\n" "unit=调解办 found=0 found_before=250 resolved_before=0" \
		"unit=total found=0 found_before=250 resolved_before=0" >expect &&
	csv_cols out.csv unit found found_before resolved_before >got && test_cmp expect got
'

# The same dispute in two ledgers (one ext_id) is counted once; a dispute
# is not skipped because a petition of an earlier ledger has its ext_id.
# da.db: dispute X, petition Y; db.db: dispute X; dc.db: dispute Y.
test_expect_success 'disputes across ledgers: counted once by ext_id, apart from petitions' '
	for l in "da X Y" "db X" "dc Y"; do
		set -- $l &&
		{
			echo "$H" &&
			echo "2026-08-03,visit,纠一,,,1,R区,城建,city,,,$2,,," &&
			{ test -z "${3-}" || echo "2026-08-04,visit,访一,,,1,R区,城建,city,,,$3,,,"; }
		} >$1.csv &&
		pt-intake -q -d $1.db --as-of $AS $1.csv >/dev/null &&
		sq $1.db "UPDATE cases SET dispute = 1 WHERE ext_id = '\''$2'\''" || exit 1
	done &&
	pt-stats -d da.db -d db.db --period 2026-08 --disputes --as-of $AS >out.csv &&
	echo "found=1" >expect && csv_cols out.csv found >got && test_cmp expect got &&
	pt-stats -d da.db -d dc.db --period 2026-08 --disputes --as-of $AS >out.csv &&
	echo "found=2" >expect && csv_cols out.csv found >got && test_cmp expect got &&
	pt-stats -d da.db -d dc.db --period 2026-08 --as-of $AS >out.csv &&
	echo "batches=1" >expect && csv_cols out.csv batches >got && test_cmp expect got
'

test_expect_success 'JSON Lines: a group value is a string, law_related and total alike' '
	pt-stats -d d.db --period 2026-08 --by law_related --total --format jsonl --as-of $AS >out.jsonl &&
	test "$(wc -l <out.jsonl)" = 2 &&
	grep -q "^{\"period\":\"2026-08\",\"law_related\":\"no\",\"batches\":2," out.jsonl &&
	grep -q "^{\"period\":\"2026-08\",\"law_related\":\"total\",\"batches\":2," out.jsonl
'

test_expect_code 64 'pt-stats --disputes refuses a case stream' '
	pt-stats --disputes - <stream.csv >out 2>err
'

# A ledger from before migration 6, read as it is: its cases are all
# petitions; what migration 6 added cannot be counted (empty cells).
test_expect_success 'a ledger of schema 3, read as it is: petitions counted, the later figures empty' '
	sqlite3 v3.db <"$TESTDATA/ledger-v3.sql" &&
	cp v3.db v3.orig &&
	pt-stats -d v3.db --period 2026-03 --by source --as-of $AS >out.csv &&
	echo "source= batches=3 resolution_cases=0 bureau_rated=0 reception_batches= reviews=" >expect &&
	csv_cols out.csv source batches resolution_cases bureau_rated reception_batches reviews >got &&
	test_cmp expect got &&
	pt-stats -d v3.db --period 2026-03 --disputes --as-of $AS >out.csv &&
	echo "found= resolved= resolution_rate=" >expect &&
	csv_cols out.csv found resolved resolution_rate >got && test_cmp expect got &&
	pt-stats -d v3.db -d s.db --period 2026-08 --by ledger --as-of $AS >out.csv &&
	# v3 has cases open at the end of August: a row, with no reception counted
	printf "%s\n" "ledger=s batches=473 reception_batches=4" "ledger=v3 batches=0 reception_batches=0" >expect &&
	csv_cols out.csv ledger batches reception_batches >got && test_cmp expect got &&
	cmp v3.db v3.orig
'

# Red and yellow at a past period's end (2026-09-30; warning days 5, the
# last yellow day 10-05), each deadline a day either side of the bounds:
#   not yet decided: accept by received + 15 days
#     A 09-15 -> 09-30 yellow;  B 09-14 10:00 -> 09-29 red;
#     H1 09-16 -> 10-01 yellow; H2 09-21 -> 10-06 neither
#   transferred, not accepted: by the transfer + 15 days
#     C 09-14 -> 09-29 red;  D 09-15 -> 09-30 yellow;
#     E 09-20 -> 10-05 yellow;  F 09-21 -> 10-06 neither
#   accepted: by conclude_due (accepted + 60 days), concluded after the end
#     G1 07-31 -> 09-29 red;  G2 08-01 -> 09-30 yellow
#   concluded by the end: I, not open then; came after it: J, not counted
# red 3 (B C G1), yellow 5 (A H1 D E G2).
test_expect_success 'red and yellow at a past end: each kind of deadline, either side of its bounds' '
	printf "%s\n" "$H" "2026-09-15,letter,甲,,,1,K区,城建,city,,,A,,," \
		"2026-09-14 10:00,letter,乙,,,1,K区,城建,city,,,B,,," \
		"2026-09-01,letter,丙,,,1,K区,城建,city,,,C,,," \
		"2026-09-01,letter,丁,,,1,K区,城建,city,,,D,,," \
		"2026-08-01,letter,戊,,,1,K区,城建,city,,,E,,," \
		"2026-08-01,letter,己,,,1,K区,城建,city,,,F,,," \
		"2026-07-20,letter,庚,,,1,K区,城建,city,,,G1,,," \
		"2026-07-20,letter,辛,,,1,K区,城建,city,,,G2,,," \
		"2026-09-16,letter,壬,,,1,K区,城建,city,,,H1,,," \
		"2026-09-21,letter,癸,,,1,K区,城建,city,,,H2,,," \
		"2026-07-20,letter,子,,,1,K区,城建,city,,,I,,," \
		"2026-10-01,letter,丑,,,1,K区,城建,city,,,J,,," >pe.csv &&
	pt-intake -q -d pe.db --as-of 2026-11-30 pe.csv >/dev/null &&
	printf "%s\n" "case_id,event,date,unit,resolved" \
		"2026-000003,transfer,2026-09-14,u2," "2026-000004,transfer,2026-09-15,u2," \
		"2026-000005,transfer,2026-09-20,u2," "2026-000006,transfer,2026-09-21,u2," \
		"2026-000007,accept,2026-07-31,u1," "2026-000008,accept,2026-08-01,u1," \
		"2026-000011,accept,2026-07-25,u1," "2026-000011,conclude,2026-09-20,,yes" \
		"2026-000007,conclude,2026-10-10,,yes" "2026-000008,conclude,2026-10-10,,yes" >pe-ev.csv &&
	pt-update -q -d pe.db --as-of 2026-11-30 pe-ev.csv >/dev/null &&
	pt-stats -d pe.db --period 2026-09 --as-of 2026-11-30 >pe.out &&
	echo "red=3 yellow=5" >expect &&
	csv_cols pe.out red yellow >got &&
	test_cmp expect got
'

# Open at the end of September (E1 = 10-01; the cases that came before 08-02,
# 60 days earlier, are found as open now, closed since, or concluded late
# since).  1: came 08-01, accepted 08-05 (conclude by 10-04), concluded 10-01,
# 61 days after: yellow.  2: the same from 08-02 (60 days): yellow.  3: came
# 05-01, accepted 05-05 (by 07-04), concluded 10-20: red.  4: came 05-01,
# still registered: red.  5: came 05-01, rejected 10-02: red.  6 and 8: came
# 05-01, concluded 09-29 and 09-30; 7: came 09-10, concluded 09-20: none.
# Concluded more than 60 days after they came: 1, 3, 6 and 8.
test_expect_success 'red and yellow at a past end: the cases that came long before it' '
	printf "%s\n" "$H" "2026-08-01,letter,甲,,,1,K区,城建,city,,,L1,,," \
		"2026-08-02,letter,乙,,,1,K区,城建,city,,,L2,,," \
		"2026-05-01,letter,丙,,,1,K区,城建,city,,,L3,,," \
		"2026-05-01,letter,丁,,,1,K区,城建,city,,,L4,,," \
		"2026-05-01,letter,戊,,,1,K区,城建,city,,,L5,,," \
		"2026-05-01,letter,己,,,1,K区,城建,city,,,L6,,," \
		"2026-09-10,letter,庚,,,1,K区,城建,city,,,L7,,," \
		"2026-05-01,letter,辛,,,1,K区,城建,city,,,L8,,," >pl.csv &&
	pt-intake -q -d pl.db --as-of 2026-11-30 pl.csv >/dev/null &&
	printf "%s\n" "case_id,event,date,unit,resolved" \
		"2026-000001,accept,2026-08-05,u1," "2026-000002,accept,2026-08-05,u1," \
		"2026-000003,accept,2026-05-05,u1," "2026-000006,accept,2026-05-05,u1," \
		"2026-000007,accept,2026-09-12,u1," "2026-000008,accept,2026-05-05,u1," \
		"2026-000001,conclude,2026-10-01,,yes" "2026-000002,conclude,2026-10-01,,yes" \
		"2026-000003,conclude,2026-10-20,,yes" "2026-000005,reject,2026-10-02,," \
		"2026-000006,conclude,2026-09-29,,yes" "2026-000007,conclude,2026-09-20,,yes" \
		"2026-000008,conclude,2026-09-30,,yes" >pl-ev.csv &&
	pt-update -q -d pl.db --as-of 2026-11-30 pl-ev.csv >/dev/null &&
	echo "red=3 yellow=2" >expect &&
	pt-stats -d pl.db --period 2026-09 --as-of 2026-11-30 >pl.out &&
	csv_cols pl.out red yellow >got && test_cmp expect got &&
	test "$(sq pl.db "SELECT group_concat(id % 10) FROM (SELECT id FROM cases
		INDEXED BY cases_concluded_late WHERE concluded IS NOT NULL
		AND concluded > date(received, '"'+60 days'"') ORDER BY id)")" = 1,3,6,8 &&
	test "$(sq pl.db "SELECT group_concat(id % 10) FROM (SELECT id FROM cases
		INDEXED BY cases_closed_late WHERE closed IS NOT NULL
		AND closed > date(received, '"'+60 days'"') ORDER BY id)")" = 5 &&
	sq pl.db "DROP INDEX cases_concluded_late; DROP INDEX cases_closed_late" &&
	pt-stats -d pl.db --period 2026-09 --as-of 2026-11-30 >pl.out &&
	csv_cols pl.out red yellow >got && test_cmp expect got
'

cat >"$TRASH/late-sql.pl" <<'PL'
my $m = shift; local $/; my $c = <>;
$c =~ /^#define $m (".*")\n/m or die "no $m\n";
print join '', $1 =~ /"((?:[^"\\]|\\.)*)"/g;
PL
test_expect_success 'the cases concluded or closed late since a past end are read from their indexes' '
	perl "$TRASH/late-sql.pl" LEDGER_LATE_WHERE "$ROOT/lib/ledger.h" >late.sql &&
	grep -q "concluded > date(received" late.sql &&
	sq s.db "EXPLAIN QUERY PLAN SELECT id FROM petition_cases WHERE $(cat late.sql)
		AND concluded >= '"'2026-10-01'"' AND received < '"'2026-08-02'"'" >plan &&
	grep "USING COVERING INDEX cases_concluded_late" plan &&
	perl "$TRASH/late-sql.pl" LEDGER_CLOSED_LATE_WHERE "$ROOT/lib/ledger.h" >late.sql &&
	grep -q "closed > date(received" late.sql &&
	sq s.db "EXPLAIN QUERY PLAN SELECT id FROM petition_cases WHERE $(cat late.sql)
		AND closed >= '"'2026-10-01'"' AND received < '"'2026-08-02'"'" >plan &&
	grep "USING COVERING INDEX cases_closed_late" plan
'

# Every statement of the figures reads petitions through petition_cases; a
# line that reads the table cases itself says on it which rows it takes:
# the disputes (dispute = 1), or, on a ledger from before disputes were
# kept, all (0 AS dispute).  Planted: a FROM cases without either is caught.
# cases_lint FILE...: each line naming the table cases after FROM or JOIN
# without one of them.
cases_lint() {
	grep -nE "(FROM|JOIN)[[:space:]]+([a-z]+\.)?cases\b" "$@" | grep -v -e "dispute = 1" -e "0 AS dispute"
}

test_expect_success 'no figure or bulletin statement reads the table cases but for the disputes' '
	{ cases_lint "$ROOT/lib/figures.c" "$ROOT/lib/figsrc.c" "$ROOT/lib/bulletin.c" "$ROOT/lib/sentences.c" "$ROOT/lib/narrative.c"; test $? = 1; } &&
	grep -q "FROM cases WHERE dispute = 1" "$ROOT/lib/figures.c" &&
	sed "s/FROM petition_cases cc WHERE/FROM cases cc WHERE/" "$ROOT/lib/figures.c" >planted.c &&
	cases_lint planted.c >out &&
	test "$(wc -l <out)" = 1
'

test_done
