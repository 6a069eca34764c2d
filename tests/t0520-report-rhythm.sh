#!/bin/sh
# pt-report at the rhythm bureaus keep: ISO weeks (一周一快报), the period
# just ended by default, an empty period in one sentence, visits worded from
# the office's level, the daily list, and a ranking (月考评) a unit accepts.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary

# row DATE [LEVEL [PERSONS]]: one visit.
row() {
	echo "$1,visit,来访人,,,${3:-1},青山区,劳动社保,${2:-city},,,,,,"
}

# Weeks: 2026-W48 is Monday 23 November to Sunday 29 November; 2020 has a
# week 53, which holds 3 January 2021; 2025 has none.
test_expect_success 'a ledger around ISO weeks' '
	{
		echo "$H" &&
		row 2026-11-22 && row 2026-11-23 && row 2026-11-29 && row 2026-11-30 &&
		row 2026-11-16 && row 2025-11-24 && row 2025-11-30 && row 2025-12-01 &&
		row 2020-12-28 && row 2021-01-03 && row 2021-01-04
	} >wk.csv &&
	pt-intake -q -d wk.db --as-of 2026-12-31 wk.csv >/dev/null &&
	test "$(sqlite3 wk.db "SELECT count(*) FROM cases")" = 11
'

test_expect_success 'pt-stats --period 2026-W48: Monday to Sunday, labelled so' '
	pt-stats -d wk.db --as-of 2026-12-31 --period 2026-W48 >s.csv &&
	test "$(csv_col s.csv period)" = 2026-W48 &&
	test "$(csv_col s.csv batches)" = 2
'

test_expect_success 'a week year ends where its weeks do: 2020-W53 holds 2021-01-03' '
	pt-stats -d wk.db --as-of 2026-12-31 --period 2020-W53 >s.csv &&
	test "$(csv_col s.csv batches)" = 2 &&
	pt-stats -d wk.db --as-of 2026-12-31 --period 2021-W01 >s.csv &&
	test "$(csv_col s.csv batches)" = 1
'

test_expect_success 'a week is compared with the same ISO week a year before and the week before' '
	pt-stats -d wk.db --as-of 2026-12-31 --period 2026-W48 --compare yoy >s.csv &&
	test "$(csv_col s.csv batches_before)" = 2 &&
	pt-stats -d wk.db --as-of 2026-12-31 --period 2026-W48 --compare prev >s.csv &&
	test "$(csv_col s.csv batches_before)" = 2 &&
	pt-stats -d wk.db --as-of 2026-12-31 --period 2026-W47 >s.csv &&
	test "$(csv_col s.csv batches)" = 2
'

test_expect_success 'a week that does not exist is a bad period (exit 64)' '
	for p in 2025-W53 2026-W00 2026-W54 2026-W1; do
		pt-stats -d wk.db --period $p >out 2>err
		test $? = 64 && grep -q "bad period" err || { echo "$p"; exit 1; }
	done
'

test_expect_success 'pt-report --kind weekly: 周报 of the last complete ISO week' '
	pt-report -d wk.db --as-of 2026-12-01 --kind weekly >w.txt &&
	test "$(head -n 1 w.txt)" = "全市信访工作周报（2026年第48周（11月23日至11月29日））" &&
	grep -q "^    2026年第48周（11月23日至11月29日），全市共受理群众来信来访2批次" w.txt &&
	grep -q "^责任单位“三率”排名（周考评）" w.txt &&
	pt-report -d wk.db --as-of 2026-11-29 --kind weekly --lang en >w.txt &&
	test "$(head -n 1 w.txt)" = "Petition work weekly bulletin, week 47 of 2026 (16 to 22 November) (the city)" &&
	pt-report -d wk.db --as-of 2026-12-01 --period 2020-W53 --lang en >w.txt &&
	grep -q "^    In week 53 of 2020 (28 December 2020 to 3 January 2021), the city received 2 petitions" w.txt
'

test_expect_success 'without --period: the period just ended for --kind (2026-12-01)' '
	for k in "daily 2026年12月1日" "monthly 2026年11月" "quarterly 2026年第三季度" "annual 2025年"; do
		pt-report -d wk.db --as-of 2026-12-01 --kind ${k% *} >d.txt &&
		head -n 1 d.txt | grep -qF "（${k#* }）" || { head -n 1 d.txt; exit 1; }
	done
'

test_expect_success 'a --from/--to range is captioned by its dates, not as a month' '
	pt-report -d wk.db --as-of 2026-12-31 --from 2026-11-01 --to 2026-11-30 >r.txt &&
	test "$(head -n 1 r.txt)" = "全市信访工作情况（2026年11月1日至2026年11月30日）" &&
	grep -q "^责任单位“三率”排名（考评）" r.txt &&
	pt-report -d wk.db --as-of 2026-12-31 --from 2026-11-01 --to 2026-11-30 --lang en >r.txt &&
	test "$(head -n 1 r.txt)" = "Petition work report, 1 November 2026 to 30 November 2026 (the city)"
'

test_expect_success 'a one-day --from/--to range is captioned by its date too, whatever --kind says' '
	pt-report -d wk.db --as-of 2026-12-31 --from 2026-11-23 --to 2026-11-23 >r.txt &&
	test "$(head -n 1 r.txt)" = "全市信访工作情况（2026年11月23日）" &&
	pt-report -d wk.db --as-of 2026-12-31 --kind weekly --from 2026-11-23 --to 2026-11-23 --lang en >r.txt &&
	test "$(head -n 1 r.txt)" = "Petition work report, 23 November 2026 (the city)"
'

# A ledger whose one case was received and rejected in September: October
# and November have nothing received, nothing due and nothing open.
test_expect_success 'an empty period is one sentence, not a page of zeros' '
	{ echo "$H" && row 2026-09-05; } >e.csv &&
	pt-intake -q -d e.db --as-of 2026-09-05 e.csv >/dev/null &&
	printf "case_id,event,date\n2026-000001,reject,2026-09-06\n" |
		pt-update -q -d e.db --as-of 2026-09-06 >/dev/null &&
	pt-report -d e.db --as-of 2026-12-01 >e.txt &&
	printf "%s\n" "全市信访工作月报（2026年11月）" "" "    2026年11月未收到信访事项。" "" >expect &&
	test_cmp expect e.txt &&
	pt-report -d e.db --as-of 2026-12-01 --lang en --format md >e.md &&
	printf "%s\n" "# Petition work monthly bulletin, November 2026 (the city)" "" \
		"In November 2026, no petitions were received." "" >expect &&
	test_cmp expect e.md &&
	pt-report -d e.db --as-of 2026-12-01 --period 2026-09 >e.txt &&
	grep -q "^二、分类统计" e.txt
'

test_expect_success 'a filtered bulletin of a district with nothing is one sentence too' '
	{ echo "$H" && row 2026-09-04; } >o.csv &&
	pt-intake -q -d o.db --as-of 2026-09-04 o.csv >/dev/null &&
	pt-report -d o.db --as-of 2026-12-01 --region 东河区 >e.txt &&
	printf "%s\n" "全市信访工作月报（2026年11月）" "" "    2026年11月未收到信访事项。" "" >expect &&
	test_cmp expect e.txt &&
	pt-report -d o.db --as-of 2026-12-01 --region 青山区 >e.txt &&
	grep -q "^二、分类统计" e.txt
'

# 舞钢, a county-level city: 854 visits by 3078 people to itself (670 by
# 1446 individual, 184 by 1632 collective) and 14 by 37 to 平顶山.
test_expect_success 'a county-level ledger of visits' '
	{
		echo "$H" &&
		awk -v OFS=, "BEGIN {
			for (i = 0; i < 868; i++) {
				p = i < 388 ? 3 : i < 670 ? 1 : i < 830 ? 9 : i < 854 ? 8 : i < 863 ? 3 : 2
				print \"2026-06-\" sprintf(\"%02d\", i % 28 + 1), \"visit\", \"来访人\" i, \"\", \"\", p,
					\"尹集镇\", \"劳动社保\", i < 854 ? \"county\" : \"city\", \"\", \"\", \"\", \"\", \"\", \"\"
			} }"
	} >wg.csv &&
	pt-intake -q -d wg.db --as-of 2026-07-01 wg.csv >/dev/null &&
	test "$(sqlite3 wg.db "SELECT count(*), sum(persons), sum(collective) FROM cases")" = "868|3115|184"
'

test_expect_success '--org-level county: 来市上访 with 个访 and 集访, 到平顶山市 above' '
	pt-report -d wg.db --as-of 2026-07-01 --period 2026-06 --org-level county --org 舞钢市 \
		--org-above 平顶山市 >wg.txt &&
	grep -qF "；赴省上访0起0人；到平顶山市上访14起37人；来市上访854起3078人，其中个访670起1446人，集访184起1632人。" wg.txt &&
	test_no_match -q "到县上访" wg.txt &&
	pt-report -d wg.db --as-of 2026-07-01 --period 2026-06 --org-level county >wg.txt &&
	test "$(head -n 1 wg.txt)" = "全县信访工作月报（2026年6月）" &&
	grep -qF "；到市上访14起37人；来县上访854起3078人，其中个访670起1446人，集访184起1632人。" wg.txt &&
	pt-report -d wg.db --as-of 2026-07-01 --period 2026-06 --org-level county --lang en >wg.txt &&
	grep -qF "; to the city: 14 by 37 people; to the county: 854 by 3078 people, 670 of them individual (1446 people) and 184 collective (1632 people)." wg.txt
'

test_expect_success '--org-level province: 来省上访 with the split, the levels below when they have visits' '
	pt-report -d wg.db --as-of 2026-07-01 --period 2026-06 --org-level province >wg.txt &&
	grep -qF "同比起数、人数均持平；来省上访0起0人，其中个访0起0人，集访0起0人；到市上访14起37人；到县上访854起3078人。" wg.txt &&
	pt-report -d wg.db --as-of 2026-07-01 --period 2026-06 >wg.txt &&
	grep -qF "；赴省上访0起0人；来市上访14起37人，其中个访14起37人，集访0起0人；到县上访854起3078人。" wg.txt
'

test_expect_success 'a bad --org-level exits 64, naming the levels' '
	{ pt-report -d wg.db --org-level town >out 2>err; test $? = 64; } &&
	grep -q "^pt-report: unknown level .town. (county, city, province)" err && test ! -s out
'

# The ranking: 丙局 has all three rates (0.0%, 100.0%, 100.0%: 66.7), 甲局
# and 乙局 timely acceptance alone (100.0% each), 丁局 none in March but
# the only rate of February.
test_expect_success 'a ledger of units and their rates' '
	{
		echo "$H" &&
		echo "2026-01-05,letter,丙一,,,1,青山区,劳动社保,city,,,,,," &&
		echo "2026-02-02,letter,丁一,,,1,青山区,劳动社保,city,,,,,," &&
		echo "2026-03-02,letter,甲一,,,1,青山区,劳动社保,city,,,,,," &&
		echo "2026-03-02,visit,乙一,,,2,东河区,城乡建设,county,,,,,," &&
		echo "2026-03-02,letter,丙二,,,1,青山区,劳动社保,city,,,,,,"
	} >r.csv &&
	pt-intake -q -d r.db --as-of 2026-03-02 r.csv >/dev/null &&
	for a in "1 丙局 2026-01-06" "2 丁局 2026-02-03" "3 甲局 2026-03-03" "4 乙局 2026-03-03" \
		"5 丙局 2026-03-20"; do
		set -- $a &&
		printf "case_id\n2026-00000$1\n" |
			pt-assign -q -d r.db --as-of 2026-04-10 --unit $2 --leader ${2%局}局长 --date $3 >/dev/null ||
			exit 1
	done &&
	printf "%s\n" case_id,event,date,rating,resolved 2026-000001,conclude,2026-03-01,,yes \
		2026-000001,reply,2026-03-01,, 2026-000001,rate,2026-03-02,satisfied, |
		pt-update -q -d r.db --as-of 2026-04-10 >/dev/null
'

# rates: the ranking's rows, blanks squeezed.
rates() {
	sed -n "/^责任单位“三率”排名/,/^\$/p; /^The three rates/,/^\$/p" "$1" | sed -n "3,\$p" |
		sed "s/^ *//; s/  */ /g; /^\$/d"
}

test_expect_success 'all three rates rank above one; ties are 并列, beside the rank before' '
	pt-report -d r.db --as-of 2026-04-10 --period 2026-03 >r.txt &&
	rates r.txt >got &&
	printf "%s\n" "1 丙局 0.0% 100.0% 100.0% 66.7 -" "并列第2 乙局 100.0% - - 100.0 -" \
		"并列第2 甲局 100.0% - - 100.0 -" "- 丁局 - - - - 1" >expect &&
	test_cmp expect got &&
	grep -q "排名  *责任单位  *及时受理率  *按期办结率  *满意率  *综合  *上期排名" r.txt &&
	pt-report -d r.db --as-of 2026-04-10 --period 2026-03 --lang en >r.txt &&
	rates r.txt | sed -n 2p | grep -qx "=2 乙局 100.0% - - 100.0 -"
'

test_expect_success 'a rate with nothing due is empty, never 0.0%' '
	rates r.txt >got &&
	grep "甲局" got >row &&
	test_no_match -q " 0\.0%" row &&
	test "$(tr " " "\n" <row | grep -cx -- -)" = 3
'

test_expect_success '--weights weighs the three rates (a weight of 0 leaves a rate out)' '
	pt-report -d r.db --as-of 2026-04-10 --period 2026-03 --weights 2,1,1 >r.txt &&
	rates r.txt | grep -qx "1 丙局 0.0% 100.0% 100.0% 50.0 -" &&
	pt-report -d r.db --as-of 2026-04-10 --period 2026-03 --weights 0,1,1 >r.txt &&
	rates r.txt | grep -qx "1 丙局 0.0% 100.0% 100.0% 100.0 -" &&
	rates r.txt | grep -qx "\- 甲局 100.0% - - - -"
'

test_expect_success 'the score is rounded as every figure is: 6.25 is 6.3 (half away from zero)' '
	pt-report -d r.db --as-of 2026-04-10 --period 2026-03 --weights 15,1,0 >r.txt &&
	rates r.txt | grep -qx "1 丙局 0.0% 100.0% 100.0% 6.3 -"
'

test_expect_success 'a bad --weights exits 64' '
	for w in 1,1 1,1,1,1 a,1,1 -1,1,1 0,0,0 1,,1; do
		pt-report -d r.db --weights $w >out 2>err
		test $? = 64 && grep -q "bad --weights" err && test ! -s out || { echo "$w"; exit 1; }
	done
'

test_expect_success 'the ranking names the kind of period' '
	for k in "2026-Q1 季度考评" "2026 年度考评" "2026-W10 周考评" "2026-H1 半年考评"; do
		pt-report -d r.db --as-of 2026-12-31 --period ${k% *} >r.txt &&
		grep -q "^责任单位“三率”排名（${k#* }）" r.txt || { echo "$k"; exit 1; }
	done
'

test_expect_success 'the daily list: each new case with its level, unit, lead official, deadline' '
	pt-report -d r.db --as-of 2026-04-10 --kind daily --period 2026-03-02 >d.txt &&
	sed -n "/^新登记信访事项/,/^\$/p" d.txt | sed "s/  */ /g" >got &&
	printf "%s\n" "新登记信访事项" " 编号 信访形式 人数 问题属地 问题类别 类型 层级 责任单位 包案领导 化解时限" \
		" 2026-000003 来信 1 青山区 劳动社保 初信初访 到市 甲局 甲局长 2026-05-02" \
		" 2026-000004 来访 2 东河区 城乡建设 初信初访 到县 乙局 乙局长 2026-05-02" \
		" 2026-000005 来信 1 青山区 劳动社保 初信初访 到市 丙局 丙局长 2026-05-19" "" >expect &&
	test_cmp expect got &&
	pt-report -d r.db --as-of 2026-04-10 --kind daily --period 2026-03-02 --lang en >d.txt &&
	grep -q "^  case  *channel  *people  *region  *category  *kind  *level  *unit  *lead official  *deadline" d.txt
'

# Fax 传真 and video 视频接访 are channels too: named in the breakdown only
# when there are some, so a report without them reads as it did.
test_expect_success 'faxes and video visits: the breakdown adds up, the table and chart name them' '
	{
		echo "$H" &&
		echo "2026-09-03,传真,甲,,,1,青山区,劳动社保,city,,,,,," &&
		echo "2026-09-03,视频接访,乙,,,1,青山区,劳动社保,city,,,,,," &&
		echo "2026-09-04,visit,丙,,,1,青山区,劳动社保,city,,,,,,"
	} >fv.csv &&
	pt-intake -q -d fv.db --as-of 2026-10-31 fv.csv >/dev/null &&
	pt-report -d fv.db --as-of 2026-10-31 --period 2026-09 >f.txt &&
	grep -q "其中，来信0件次，来访1批次、1人次，网上信访0件次，来电0件次，短信0件次，传真1件次，视频接访1件次。" f.txt &&
	pt-report -d fv.db --as-of 2026-10-31 --period 2026-09 --lang en >f.txt &&
	grep -q "They came as 0 letters, 1 visit by 1 person, 0 online petitions, 0 phone calls, 0 text messages, 1 fax and 1 video visit\." f.txt &&
	grep -q "^ *faxes " f.txt && grep -q "^ *video visits " f.txt &&
	pt-report -d fv.db --as-of 2026-10-31 --period 2026-09 --format html >f.html &&
	grep -q "传真" f.html && grep -q "视频接访" f.html
'

test_expect_success 'without faxes or video visits the breakdown ends with text messages' '
	pt-report -d wk.db --as-of 2026-12-01 --kind weekly >w.txt &&
	grep -q "其中，来信0件次，来访2批次、2人次，网上信访0件次，来电0件次，短信0件次。" w.txt &&
	! grep -q "传真\|视频" w.txt &&
	pt-report -d wk.db --as-of 2026-12-01 --kind weekly --lang en >w.txt &&
	grep -q "0 phone calls and 0 text messages\." w.txt &&
	pt-report -d wk.db --as-of 2026-12-01 --kind weekly --format html >w.html &&
	! grep -q "传真\|视频" w.html
'

test_expect_success 'a week across a year end writes the year on both ends' '
	pt-report -d wk.db --as-of 2026-12-31 --period 2025-W01 >w.txt &&
	grep -q "^    2025年第1周（2024年12月30日至2025年1月5日），" w.txt &&
	pt-report -d wk.db --as-of 2026-12-31 --period 2020-W53 --lang en >w.txt &&
	grep -q "week 53 of 2020 (28 December 2020 to 3 January 2021)" w.txt &&
	pt-report -d wk.db --as-of 2026-12-31 --period 2026-W48 --lang en >w.txt &&
	grep -q "week 48 of 2026 (23 to 29 November)" w.txt
'

test_done
