#!/bin/sh
# Offices working together, by files or pipes: the city refers a case down
# to the county (交办: pt-show --referral, read by the county's pt-intake),
# the county handles it and reports back (报结: pt-show --report-back, read
# by the city's pt-update), and nothing is applied twice.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >in.csv <<EOF2
$H
2026-03-02,visit,王建国,150202196807311007,13951627384,1,固阳县,劳动社保,city,,,,no,积案,工资拖欠三个月
2026-03-03,letter,李秀英,,13862951111,1,青山区,城乡建设,city,,,,no,,物业乱收费
EOF2

test_expect_success 'the city registers two cases and assigns one to the county office' '
	pt-intake -q -d city.db --as-of 2026-03-03 in.csv >/dev/null &&
	printf "case_id,unit\n2026-000001,固阳县信访局\n2026-000002,青山区信访局\n" |
		pt-assign -q -d city.db --date 2026-03-05 --as-of 2026-03-05 >assigned.csv &&
	test "$(wc -l <assigned.csv)" = 3
'

test_expect_success '--referral: the county office'\''s cases as intake rows: referred_by, due, ext_id naming the level' '
	awk -F, "NR == 1 || \$2 == \"固阳县信访局\"" assigned.csv |
		pt-show -d city.db --referral --unmask >referral.csv 2>err &&
	cat >expect <<-EOF &&
	$H
	2026-03-02,visit,王建国,150202196807311007,13951627384,1,固阳县,劳动社保,city,city,2026-05-04,city:2026-000001,no,积案,工资拖欠三个月
	EOF
	test_cmp expect referral.csv &&
	echo "pt-show: 1 referred, 0 not found" >expect &&
	test_cmp expect err
'

test_expect_success '--referred-by names the level, in English or Chinese' '
	pt-show -q -d city.db --referral --unmask --referred-by 省 2026-000002 >out &&
	test "$(csv_col out referred_by)" = province &&
	pt-show -q -d city.db --referral --unmask --referred-by central 2026-000002 >out &&
	test "$(csv_col out referred_by)" = central &&
	{ pt-show -d city.db --referral --unmask --referred-by county 2026-000002 >out 2>err; test $? = 64; } &&
	grep -q "bad --referred-by .county." err
'

test_expect_code 64 '--referral hands ID numbers and phones over: it wants --unmask' '
	pt-show -d city.db --referral 2026-000001 >out 2>err
'

test_expect_success '... and says so, printing nothing' '
	test ! -s out &&
	grep -q "give --unmask" err
'

test_expect_success 'the county'\''s pt-intake reads the referral as it is: a referred case, due and ext_id kept' '
	pt-intake -q -d county.db --as-of 2026-03-06 referral.csv >/dev/null &&
	sqlite3 county.db "SELECT case_id, kind, referred_by, ref_due, ext_id, conclude_due IS NULL FROM case_view" >got &&
	echo "2026-000001|referred|city|2026-05-04|city:2026-000001|1" >expect &&
	test_cmp expect got &&
	pt-intake -d county.db --as-of 2026-03-06 referral.csv >/dev/null 2>err &&
	echo "pt-intake: 0 added, 0 rejected, 1 already in the ledger" >expect &&
	test_cmp expect err
'

cat >county-ev.csv <<\EOF2
case_id,event,date,note,days,resolved,rating,tags
2026-000001,tag,2026-03-09,,,,,重点
2026-000001,extend,2026-04-01,需核实工资台账,10,,,
2026-000001,conclude,2026-04-10,已补发工资,,yes,,
2026-000001,reply,2026-04-12,书面答复,,,,
2026-000001,rate,2026-04-20,,,,满意,
EOF2

test_expect_success 'the county assigns, extends, concludes, replies and rates it' '
	pt-assign -q -d county.db --pending --unit 固阳县人社局 --date 2026-03-08 --as-of 2026-03-08 >/dev/null &&
	pt-update -q -d county.db --as-of 2026-04-30 --by 县信访局 county-ev.csv >/dev/null &&
	test "$(sqlite3 county.db "SELECT stage, rating FROM cases")" = "concluded|satisfied"
'

test_expect_success '--report-back: the events the city records, with the city'\''s case id; no register, accept, tag' '
	pt-show -d county.db --report-back >back.csv 2>err &&
	cat >expect <<-\EOF &&
	case_id,event,date,note,days,rating,bureau_rating,resolved,unit,by
	2026-000001,extend,2026-04-01,需核实工资台账,10,,,,,县信访局
	2026-000001,conclude,2026-04-10,已补发工资,,,,yes,,县信访局
	2026-000001,reply,2026-04-12,书面答复,,,,,,县信访局
	2026-000001,rate,2026-04-20,,,satisfied,,,,县信访局
	EOF
	test_cmp expect back.csv &&
	echo "pt-show: 4 to report back" >expect &&
	test_cmp expect err
'

test_expect_success '--since and --referred-by choose what to report' '
	pt-show -q -d county.db --report-back --since 2026-04-11 >out &&
	test "$(csv_col out event | tr "\n" " ")" = "reply rate " &&
	pt-show -q -d county.db --report-back --since 2026年4月20日 >out &&
	test "$(csv_col out event)" = rate &&
	pt-show -q -d county.db --report-back --referred-by province >out &&
	test "$(wc -l <out)" = 1 &&
	pt-show -q -d county.db --report-back --referred-by city --format jsonl >out &&
	test "$(wc -l <out)" = 4 &&
	pt-show -q -d city.db --report-back >out &&
	echo "case_id,event,date,note,days,rating,bureau_rating,resolved,unit,by" >expect &&
	test_cmp expect out
'

test_expect_success 'the city applies the report: its case concluded with the county'\''s dates' '
	pt-update -d city.db --as-of 2026-04-30 back.csv >/dev/null 2>err &&
	echo "pt-update: 4 applied, 0 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	sqlite3 city.db "SELECT stage, unit, extended, concluded, resolved, replied, rating FROM cases WHERE id = 202600000001" >got &&
	echo "concluded|固阳县信访局|10|2026-04-10|1|2026-04-12|satisfied" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 city.db "SELECT group_concat(by) FROM events WHERE case_ref = 202600000001 AND event <> '\''accept'\''")" = "县信访局,县信访局,县信访局,县信访局"
'

test_expect_success 'the report applied again adds nothing: every row already there' '
	sqlite3 city.db "SELECT count(*) FROM events" >n.before &&
	pt-update -d city.db --as-of 2026-04-30 back.csv >out 2>err &&
	echo "pt-update: 0 applied, 0 refused, 4 already in the ledger" >expect &&
	test_cmp expect err &&
	sqlite3 city.db "SELECT count(*) FROM events" >n.after &&
	test_cmp n.before n.after
'

test_expect_success 'a void goes up too: the county voids its rating and rates again, the city follows' '
	printf "%s\n" "case_id,event,date,rating" "2026-000001,void,2026-04-21," "2026-000001,rate,2026-04-22,基本满意" |
		pt-update -q -d county.db --as-of 2026-04-30 --by 县信访局 >/dev/null &&
	pt-show -q -d county.db --report-back --since 2026-04-20 >back2.csv &&
	cat >expect <<-\EOF &&
	case_id,event,date,note,days,rating,bureau_rating,resolved,unit,by
	2026-000001,rate,2026-04-20,,,satisfied,,,,县信访局
	2026-000001,void,2026-04-21,,,,,,,县信访局
	2026-000001,rate,2026-04-22,,,basic,,,,县信访局
	EOF
	test_cmp expect back2.csv &&
	pt-update -d city.db --as-of 2026-04-30 back2.csv >/dev/null 2>err &&
	echo "pt-update: 2 applied, 0 refused, 1 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 city.db "SELECT rating FROM cases WHERE id = 202600000001")" = basic &&
	pt-update -d city.db --as-of 2026-04-30 back2.csv >/dev/null 2>err &&
	echo "pt-update: 0 applied, 0 refused, 3 already in the ledger" >expect &&
	test_cmp expect err
'

test_expect_success 'a bureau_rating goes up too: alone, and beside the petitioner'\''s rating' '
	printf "%s\n" "case_id,event,date,rating,bureau_rating" "2026-000001,void,2026-04-23,," \
		"2026-000001,rate,2026-04-23,,不满意" "2026-000001,void,2026-04-24,," \
		"2026-000001,rate,2026-04-24,满意,基本满意" |
		pt-update -q -d county.db --as-of 2026-04-30 --by 县信访局 >/dev/null &&
	pt-show -q -d county.db --report-back --since 2026-04-23 >back3.csv &&
	csv_col back3.csv bureau_rating >got &&
	printf "%s\n" "" unsatisfied "" basic >expect &&
	test_cmp expect got &&
	pt-update -d city.db --as-of 2026-04-30 back3.csv >/dev/null 2>err &&
	echo "pt-update: 4 applied, 0 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 city.db "SELECT rating, bureau_rating FROM cases WHERE id = 202600000001")" = "satisfied|basic"
'

test_expect_success 'the exchange never writes to the ledger it reads' '
	md5sum county.db city.db >before.md5 &&
	pt-show -q -d county.db --report-back >/dev/null &&
	pt-show -q -d city.db --referral --unmask 2026-000001 >/dev/null &&
	md5sum county.db city.db >after.md5 &&
	test_cmp before.md5 after.md5
'

# --- two upper offices, each numbering from 2026-000001, refer to one county

test_expect_success 'the city and the province each refer their 2026-000001 to one county: both registered' '
	sed -n "1p; 3p" in.csv >prov-in.csv &&
	pt-intake -q -d prov.db --as-of 2026-03-03 prov-in.csv >/dev/null &&
	pt-show -q -d prov.db --referral --unmask --referred-by province 2026-000001 >prov-ref.csv &&
	test "$(csv_col prov-ref.csv ext_id)" = province:2026-000001 &&
	pt-show -q -d city.db --referral --unmask 2026-000001 >city-ref.csv &&
	pt-intake -q -d two.db --as-of 2026-03-06 city-ref.csv >/dev/null &&
	pt-intake -d two.db --as-of 2026-03-06 prov-ref.csv >/dev/null 2>err &&
	echo "pt-intake: 1 added, 0 rejected, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	sqlite3 two.db "SELECT case_id, referred_by, ext_id FROM cases ORDER BY id" >got &&
	printf "%s\n" "2026-000001|city|city:2026-000001" "2026-000002|province|province:2026-000001" >expect &&
	test_cmp expect got
'

test_expect_success '... the report back to each names its own case id and reaches the right case' '
	pt-assign -q -d two.db --pending --unit 县住建局 --date 2026-03-08 --as-of 2026-03-08 >/dev/null &&
	pt-assign -q -d prov.db --pending --unit 青山区信访局 --date 2026-03-05 --as-of 2026-03-05 >/dev/null &&
	printf "%s\n" "case_id,event,date,note,resolved" "2026-000001,conclude,2026-03-20,县答复市,yes" \
		"2026-000002,conclude,2026-03-21,县答复省,yes" |
		pt-update -q -d two.db --as-of 2026-03-31 --by 县信访局 >/dev/null &&
	pt-show -q -d two.db --report-back --referred-by city >to-city.csv &&
	pt-show -q -d two.db --report-back --referred-by province >to-prov.csv &&
	test "$(csv_col to-city.csv case_id),$(csv_col to-city.csv note)" = "2026-000001,县答复市" &&
	test "$(csv_col to-prov.csv case_id),$(csv_col to-prov.csv note)" = "2026-000001,县答复省" &&
	pt-update -q -d prov.db --as-of 2026-03-31 to-prov.csv >/dev/null &&
	test "$(sqlite3 prov.db "SELECT concluded, summary FROM cases WHERE id = 202600000001")" = "2026-03-21|物业乱收费" &&
	pt-show -q -d two.db --report-back >all.csv &&
	test "$(csv_col all.csv case_id | tr "\n" " ")" = "2026-000001 2026-000001 "
'

test_expect_success 'an ext_id without a level (a referral made before) is reported as it is, by its referred_by' '
	sqlite3 two.db "UPDATE cases SET ext_id = '\''2026-000009'\'' WHERE id = 202600000002" &&
	pt-show -q -d two.db --report-back --referred-by province >out &&
	test "$(csv_col out case_id)" = 2026-000009 &&
	pt-show -q -d two.db --report-back --referred-by city >out &&
	test "$(csv_col out case_id)" = 2026-000001
'

test_expect_success 'a dispute is not referred as a petition: refused, exit 65, the other cases printed' '
	sed -n "1p; 2p" in.csv | sed "s/2026-03-02/2026-03-04/" >disp.csv &&
	pt-intake -q -d city.db --disputes --as-of 2026-03-04 disp.csv >/dev/null &&
	did=$(sqlite3 city.db "SELECT case_id FROM cases WHERE dispute = 1") &&
	{ pt-show -d city.db --referral --unmask 2026-000002 "$did" >out 2>err; test $? = 65; } &&
	test "$(csv_col out ext_id)" = city:2026-000002 &&
	grep -q "case $did is a dispute: refer disputes .*pt-intake --disputes" err &&
	grep -q "^pt-show: 1 referred, 0 not found, 1 refused as disputes" err
'

test_expect_success '--referral and --report-back print no text; --since and an operand fit --report-back not' '
	for args in "--referral --unmask --format text 2026-000001" "--report-back --format text" \
		"--report-back 2026-000001" "--referral --unmask --since 2026-04-01 2026-000001"; do
		{ pt-show -d city.db $args >out 2>err; test $? = 64; } &&
		grep -q "^usage: pt-show" err || exit 1
	done
'

test_done
