#!/bin/sh
# pt-intake --history: past cases registered with their lifecycle, each
# step the event it is with its own date, checked as pt-update checks it;
# a refused step refuses the whole row; a re-run adds nothing.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,region,category,accepted,unit,leader,procedure,concluded,resolved,replied,rated,rating,bureau_rating,closed
# Two years of September: 2025 (five cases, one of them still open, one
# concluded late, one on time) and 2026 (two cases, one concluded).
cat >hist.csv <<EOF2
$H
2025-08-20,visit,王建国,昆都仑区,劳动社保,2025-08-22,区人社局,周区长,normal,2025-09-10,yes,2025-09-12,2025-09-15,satisfied,basic,
2025-08-25,letter,李秀英,青山区,城乡建设,2025-08-26,区住建局,,,2025-09-20,no,2025-09-22,2025-09-25,unsatisfied,,
2025-07-01,online,赵敏,九原区,土地征用,2025-07-03,区自然资源局,,,2025-09-25,yes,2025-09-26,2025-09-28,basic,satisfied,
2025-07-08,letter,陈静,石拐区,医疗卫生,2025-07-10,区卫健委,,,2025-09-05,yes,2025-09-06,,,,
2025-09-05,phone,刘洋,固阳县,农村农业,2025-09-06,县农牧局,,,,,,,,,
2026-08-20,visit,孙丽,白云区,教育,2026-08-21,区教育局,,,2026-09-10,yes,2026-09-11,2026-09-12,satisfied,,
2026-09-02,sms,周强,达茂旗,环境保护,2026-09-03,旗环保局,,,,,,,,,
2025-09-08,letter,吴刚,东河区,企业改制,2025-09-10,区国资局,,,2025-09-08,yes,,,,,
EOF2

# field NAME: column NAME of the one data row of pt-stats' output in stats.csv.
field() {
	awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i }
		NR == 2 { print $c }' stats.csv
}

test_expect_code 65 'a row whose concluded precedes its acceptance is refused whole, with line and reason' '
	pt-intake --history -d l.db --by mover --as-of 2026-09-30 --rejects rj.csv hist.csv >out 2>err
'

test_expect_success 'the refusal names the file, the line, the column and the rule' '
	cat >expect <<-EOF2 &&
	pt-intake: hist.csv:9: concluded: conclude dated 2025-09-08, before the case'"'"'s last event (2025-09-10)
	pt-intake: 7 added, 1 rejected, 0 already in the ledger
	EOF2
	test_cmp expect err &&
	test "$(sed -n 2p rj.csv | cut -d, -f1-3)" = "hist.csv,9,\"concluded: conclude dated 2025-09-08" &&
	test "$(sqlite3 l.db "SELECT count(*) FROM cases WHERE name = '"'"'吴刚'"'"'")" = 0 &&
	test "$(sqlite3 l.db "SELECT count(*) FROM cases")" = 7
'

test_expect_success 'each step is its event, with its own date, by pt-intake and --by' '
	sqlite3 -nullvalue - l.db "SELECT event, date, tool, by, unit, leader, resolved,
		rating, bureau_rating FROM event_view WHERE case_id = '"'"'2025-000001'"'"'
		ORDER BY id" >got &&
	cat >expect <<-EOF2 &&
	register|2025-08-20|pt-intake|mover|-|-|-|-|-
	accept|2025-08-22|pt-intake|mover|区人社局|周区长|-|-|-
	conclude|2025-09-10|pt-intake|mover|-|-|1|-|-
	reply|2025-09-12|pt-intake|mover|-|-|-|-|-
	rate|2025-09-15|pt-intake|mover|-|-|-|satisfied|basic
	EOF2
	test_cmp expect got
'

test_expect_success 'the case is where its history left it, and printed so' '
	test "$(sqlite3 l.db "SELECT stage, accepted, conclude_due, concluded, replied, rating,
		bureau_rating FROM cases WHERE name = '"'"'王建国'"'"'")" = \
		"concluded|2025-08-22|2025-10-21|2025-09-10|2025-09-12|satisfied|basic" &&
	grep -q "^2025-000001,.*,王建国,.*,concluded,2025-10-12,$" out &&
	grep -q "^2026-000002,.*,周强,.*,in_progress,2026-11-02,$" out
'

test_expect_success 'pt-stats --compare yoy has its _before figures from the history' '
	pt-stats -d l.db --period 2026-09 --compare yoy --as-of 2026-09-30 >stats.csv &&
	test "$(field concluded)" = 1 && test "$(field concluded_before)" = 4 &&
	test "$(field due_before)" = 2 && test "$(field on_time_before)" = 1 &&
	test "$(field rated_before)" = 3 && test "$(field satisfied_before)" = 2
'

test_expect_code 65 'a re-run adds nothing' '
	pt-intake -q --history -d l.db --by mover --as-of 2026-09-30 hist.csv >out 2>err
'

test_expect_success 'the re-run said so, and the events are as they were' '
	cat >expect <<-EOF2 &&
	pt-intake: hist.csv:9: concluded: conclude dated 2025-09-08, before the case'"'"'s last event (2025-09-10)
	EOF2
	test_cmp expect err &&
	test "$(sqlite3 l.db "SELECT count(*) FROM events")" = 21 &&
	{ pt-intake --history -d l.db --as-of 2026-09-30 hist.csv >out 2>err; test $? = 65; } &&
	test "$(tail -n 1 err)" = "pt-intake: 0 added, 1 rejected, 7 already in the ledger" &&
	test "$(sqlite3 l.db "SELECT count(*) FROM events")" = 21
'

test_expect_success 'the Chinese headers; closed: rejected when never accepted, else terminated' '
	cat >zh.csv <<-EOF2 &&
	登记日期,信访形式,姓名,问题属地,问题类别,受理日期,责任单位,包案领导,办理方式,办结日期,是否化解,答复日期,评价日期,满意度,信访部门评价,终结日期
	2025-03-02,来信,郑华,昆都仑区,城乡建设,,,,,,,,,,,2025-03-10
	2025-03-03,来访,冯军,青山区,劳动社保,2025-03-04,区人社局,,simplified,,,,,,,2025-03-20
	EOF2
	pt-intake -q --history -d z.db --as-of 2026-09-30 zh.csv >/dev/null &&
	sqlite3 z.db "SELECT name, stage, closed, closed_how, procedure FROM cases ORDER BY id" >got &&
	printf "%s\n" "郑华|closed|2025-03-10|rejected|normal" \
		"冯军|closed|2025-03-20|terminated|simplified" >expect &&
	test_cmp expect got
'

test_expect_code 65 'refused: a step after --as-of, a rating without its date, a bad date' '
	cat >bad.csv <<-EOF2 &&
	$H
	2026-09-01,letter,郑华,昆都仑区,城乡建设,2026-10-02,区住建局,,,,,,,,,
	2026-09-01,letter,冯军,青山区,劳动社保,2026-09-02,区人社局,,,,,,,satisfied,,
	2026-09-01,letter,褚明,青山区,劳动社保,2026-13-02,区人社局,,,,,,,,,
	2026-09-01,letter,卫东,青山区,劳动社保,,区人社局,,,,,,,,,
	EOF2
	pt-intake --history -d b.db --as-of 2026-09-30 bad.csv >out 2>err
'

test_expect_success 'each refusal said, none of the rows registered' '
	cat >expect <<-EOF2 &&
	pt-intake: bad.csv:2: accepted: accept dated 2026-10-02, after the as-of date
	pt-intake: bad.csv:3: rating: given without rated
	pt-intake: bad.csv:4: accepted: bad date '"'"'2026-13-02'"'"'
	pt-intake: bad.csv:5: unit: given without accepted
	pt-intake: 0 added, 4 rejected, 0 already in the ledger
	EOF2
	test_cmp expect err &&
	test "$(sqlite3 b.db "SELECT count(*) FROM cases")" = 0
'

test_expect_code 65 'the Chinese headers: a refusal names the column as the header does' '
	cat >zhbad.csv <<-EOF2 &&
	登记日期,信访形式,姓名,问题属地,问题类别,受理日期,责任单位,办结日期,是否化解,满意度
	2025-09-08,来信,吴刚,东河区,企业改制,2025-09-10,区国资局,2025-09-08,是,
	2025-09-08,来信,吴刚,东河区,企业改制,,区国资局,,,
	2025-09-08,来信,吴刚,东河区,企业改制,2025-09-10,区国资局,2025-09-12,也许,
	2025-09-08,来信,吴刚,东河区,企业改制,2025-13-10,,,,满意
	EOF2
	pt-intake --history -d zb.db --as-of 2026-09-30 zhbad.csv >out 2>err
'

test_expect_success '... each reason: 办结日期, 责任单位 without 受理日期, 是否化解, 受理日期' '
	cat >expect <<-EOF2 &&
	pt-intake: zhbad.csv:2: 办结日期: conclude dated 2025-09-08, before the case'"'"'s last event (2025-09-10)
	pt-intake: zhbad.csv:3: 责任单位: given without 受理日期
	pt-intake: zhbad.csv:4: 是否化解: bad resolved '"'"'也许'"'"' (yes or no)
	pt-intake: zhbad.csv:5: 受理日期: bad date '"'"'2025-13-10'"'"'
	pt-intake: 0 added, 4 rejected, 0 already in the ledger
	EOF2
	test_cmp expect err
'

# A run stopped after a batch's cases were committed, before their steps
# were (Ctrl-C while it recorded them), leaves cases without a lifecycle:
# registered the same way, without --history, here.  Its re-run records
# their steps; a case with an event of its own keeps it and gets none.
test_expect_success 'a re-run records the steps of cases registered without them, once' '
	sed -n "1,7p" hist.csv >part.csv &&
	pt-intake -q -d s.db --as-of 2026-09-30 --ignore-unknown part.csv >/dev/null &&
	printf "%s\n" case_id,event,date,tags 2025-000002,tag,2025-09-01,积案 >tag.csv &&
	pt-update -q -d s.db --as-of 2026-09-30 tag.csv >/dev/null &&
	pt-intake --history -d s.db --by mover --as-of 2026-09-30 part.csv >out 2>err &&
	cat >expect <<-EOF2 &&
	pt-intake: 5 already in the ledger without their steps: steps recorded
	pt-intake: 0 added, 0 rejected, 6 already in the ledger
	EOF2
	test_cmp expect err &&
	test "$(wc -l <out)" = 1 &&
	steps="SELECT c.name, e.event, e.date, e.by, e.unit FROM event_view e
		JOIN case_view c USING (case_id) WHERE c.name NOT IN ('\''李秀英'\'', '\''周强'\'')
		AND e.event <> '\''register'\'' ORDER BY e.case_id, e.id" &&
	sqlite3 l.db "$steps" >want &&
	sqlite3 s.db "$steps" >got &&
	test "$(wc -l <got)" = 16 &&
	test_cmp want got &&
	test "$(sqlite3 s.db "SELECT stage || count(e.id) FROM cases c LEFT JOIN events e ON e.case_ref = c.id WHERE name = '\''李秀英'\''")" = registered1 &&
	pt-intake --history -d s.db --as-of 2026-09-30 part.csv >out 2>err &&
	echo "pt-intake: 0 added, 0 rejected, 6 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 s.db "SELECT count(*) FROM events")" = 17
'

test_expect_success 'a batch of one row: its steps recorded (the queue emptied after they are read)' '
	sed -n "1p;2p" hist.csv >one.csv &&
	pt-intake -q --history -d one.db --as-of 2026-09-30 one.csv >/dev/null &&
	test "$(sqlite3 one.db "SELECT group_concat(event) FROM (SELECT event FROM events ORDER BY id)")" = accept,conclude,reply,rate
'

test_expect_success 'a row twice in one file, the second with steps: the case the run adds does not take them' '
	{ sed -n 1p hist.csv && echo "2025-08-20,visit,王建国,昆都仑区,劳动社保,,,,,,,,,,," && sed -n 2p hist.csv; } >twice.csv &&
	pt-intake --history -d tw.db --as-of 2026-09-30 twice.csv >out 2>err &&
	echo "pt-intake: 1 added, 0 rejected, 1 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 tw.db "SELECT count(*) FROM events")" = 0 &&
	test "$(csv_col out stage)" = registered
'

test_expect_code 65 'without --history the lifecycle columns are unknown' '
	pt-intake -d u.db --as-of 2026-09-30 hist.csv >out 2>err &&
	grep -q "unknown column '"'"'accepted'"'"'" err
'

test_done
