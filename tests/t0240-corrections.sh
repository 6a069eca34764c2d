#!/bin/sh
# pt-update's corrections: tag, untag, void (撤销), amend (更正).
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >cases.csv <<EOF2
$H
2026-03-02,visit,王建国,,,1,昆都仑区,劳动社保,city,,,,no,专项,反映社保断缴
2026-03-03,letter,李秀英,,,1,青山区,城乡建设,city,,,,no,,道路失修
EOF2

# up FILE: pt-update on l.db, as of the end of 2026; its summary in err.
up() {
	pt-update -d l.db --as-of 2026-12-31 "$1" >out 2>err
}

test_expect_success 'set-up: pt-intake registers two cases (Art. 22)' '
	pt-intake -q -d l.db --as-of 2026-12-31 cases.csv >/dev/null &&
	test "$(sqlite3 l.db "SELECT count(*) FROM cases")" = 2
'

cat >tag.csv <<EOF2
case_id,event,date,tags
2026-000001,tag,2026-03-04,积案;专项
2026-000002,tag,2026-03-04,积案
EOF2

test_expect_success 'tag adds labels to case_tags, keeping only what it added (Art. 22 registration record)' '
	up tag.csv &&
	echo "pt-update: 2 applied, 0 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	sqlite3 l.db "SELECT tag, case_ref FROM case_tags ORDER BY case_ref, tag" >got &&
	printf "%s\n" "专项|202600000001" "积案|202600000001" "积案|202600000002" >expect &&
	test_cmp expect got &&
	sqlite3 l.db "SELECT case_id, tags FROM case_view ORDER BY id" >got &&
	printf "%s\n" "2026-000001|专项;积案" "2026-000002|积案" >expect &&
	test_cmp expect got &&
	sqlite3 l.db "SELECT case_id, tags, correction FROM event_view WHERE event = '\''tag'\'' ORDER BY id" >got &&
	printf "%s\n" "2026-000001|积案|tags added: 积案" "2026-000002|积案|tags added: 积案" >expect &&
	test_cmp expect got
'

test_expect_success 'a re-run of the same tag rows adds nothing twice' '
	up tag.csv &&
	echo "pt-update: 0 applied, 0 refused, 2 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 l.db "SELECT count(*) FROM events")" = 2 &&
	test "$(sqlite3 l.db "SELECT count(*) FROM case_tags")" = 3
'

test_expect_success 'the figures count a tag added by pt-update (pt-stats --by tag)' '
	pt-stats -d l.db --as-of 2026-12-31 --by tag >stats &&
	grep -c ",积案," stats >n &&
	echo 1 >expect && test_cmp expect n
'

cat >untag.csv <<EOF2
case_id,event,date,tags,note
2026-000001,untag,2026-03-05,专项,误标
2026-000002,untag,2026-03-05,专项,
EOF2

test_expect_code 65 'untag removes a label; one the case does not have is refused' '
	up untag.csv
'

test_expect_success 'after untag: the label is gone, the refusal says why' '
	grep "untag.csv:3: case 2026-000002: the case has no tag 专项" err &&
	test "$(sqlite3 l.db "SELECT tags FROM case_view WHERE case_id = '\''2026-000001'\''")" = 积案 &&
	test "$(sqlite3 l.db "SELECT count(*) FROM case_tags WHERE tag = '\''专项'\''")" = 0 &&
	test "$(sqlite3 l.db "SELECT correction FROM event_view WHERE event = '\''untag'\''")" = "tags removed: 专项"
'

test_expect_success 'tag applies on a closed case too, and needs tags' '
	printf "%s\n" case_id,event,date,note 2026-000002,reject,2026-03-06,不属于信访事项 >rej.csv &&
	up rej.csv &&
	printf "%s\n" case_id,event,date,tags 2026-000002,tag,2026-03-07,专项 >t2.csv &&
	up t2.csv &&
	test "$(sqlite3 l.db "SELECT tags FROM case_view WHERE case_id = '\''2026-000002'\''")" = "积案;专项" &&
	printf "%s\n" case_id,event,date 2026-000002,tag,2026-03-07 >t3.csv &&
	{ up t3.csv; test $? = 65; } &&
	grep "case 2026-000002: tag needs tags" err
'

# --- void (撤销) -------------------------------------------------------------

cat >acc.csv <<EOF2
case_id,event,date,unit,days
2026-000001,accept,2026-03-06,市人社局,
2026-000001,extend,2026-03-20,,30
EOF2
cat >void1.csv <<EOF2
case_id,event,date,note
2026-000001,void,2026-03-21,延期录错
EOF2

test_expect_success 'void undoes the latest event in force: the extension is gone (Art. 34), the event stays marked' '
	up acc.csv &&
	sqlite3 l.db "SELECT stage, due, extended FROM case_view WHERE case_id = '\''2026-000001'\''" >before &&
	up void1.csv &&
	sqlite3 l.db "SELECT stage, due, extended FROM case_view WHERE case_id = '\''2026-000001'\''" >got &&
	echo "in_progress|2026-05-05|0" >expect && test_cmp expect got &&
	! test_cmp before got &&
	sqlite3 l.db "SELECT event, correction FROM event_view WHERE case_id = '\''2026-000001'\'' AND event IN ('\''extend'\'', '\''void'\'') ORDER BY id" >got &&
	printf "%s\n" "extend|(voided by the void of 2026-03-21)" "void|voids extend of 2026-03-20" >expect &&
	test_cmp expect got
'

test_expect_success 'a re-run of the void row voids nothing more' '
	up void1.csv &&
	echo "pt-update: 0 applied, 0 refused, 1 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 l.db "SELECT stage FROM cases WHERE id = 202600000001")" = in_progress
'

test_expect_success 'a second void undoes the acceptance: the case is registered again, due received + 15 days (Art. 22)' '
	printf "%s\n" case_id,event,date 2026-000001,void,2026-03-22 >void2.csv &&
	up void2.csv &&
	sqlite3 -nullvalue - l.db "SELECT stage, due, unit, accepted FROM case_view WHERE case_id = '\''2026-000001'\''" >got &&
	echo "registered|2026-03-17|-|-" >expect && test_cmp expect got &&
	test "$(sqlite3 l.db "SELECT count(*) FROM events WHERE voided_by IS NOT NULL")" = 2
'

test_expect_success 'void skips the untag in force first, then the tags: a tag comes back, then goes' '
	printf "%s\n" case_id,event,date,note 2026-000001,void,2026-03-23,a >v3.csv &&
	up v3.csv &&
	test "$(sqlite3 l.db "SELECT tags FROM case_view WHERE case_id = '\''2026-000001'\''")" = "积案;专项" &&
	printf "%s\n" case_id,event,date,note 2026-000001,void,2026-03-23,b >v4.csv &&
	up v4.csv &&
	test "$(sqlite3 l.db "SELECT tags FROM case_view WHERE case_id = '\''2026-000001'\''")" = "专项" &&
	test "$(sqlite3 l.db "SELECT group_concat(tag) FROM case_tags WHERE case_ref = 202600000001")" = "专项"
'

test_expect_success 'a void of the registration is refused and changes nothing' '
	printf "%s\n" case_id,event,date 2026-000001,void,2026-03-24 >v5.csv &&
	sqlite3 l.db "SELECT * FROM cases; SELECT count(*) FROM events" >before &&
	{ up v5.csv; test $? = 65; } &&
	grep "case 2026-000001: nothing to void: its latest event in force is its registration" err &&
	sqlite3 l.db "SELECT * FROM cases; SELECT count(*) FROM events" >after &&
	test_cmp before after
'

test_expect_success 'a void reopens a rejected case: the rejection undone (Art. 22)' '
	printf "%s\n" case_id,event,date,note 2026-000002,void,2026-03-08,a 2026-000002,void,2026-03-08,b >v6.csv &&
	up v6.csv &&
	sqlite3 -nullvalue - l.db "SELECT stage, due, closed, tags FROM case_view WHERE case_id = '\''2026-000002'\''" >got &&
	echo "registered|2026-03-18|-|积案" >expect && test_cmp expect got
'

# --- amend (更正) -------------------------------------------------------------

cat >am.csv <<EOF2
$H
2026-04-01,visit,张三,,13800000001,1,昆都仑区,劳动社保,city,,,,no,,欠薪
2026-04-05,visit,张三,,13800000001,1,昆都仑区,城乡建设,city,,,,no,,欠薪
2026-04-10,letter,李四,,,1,青山区,环境保护,city,,,,no,,噪声
EOF2

# upa FILE: pt-update on a.db, as of the end of 2026.
upa() {
	pt-update -d a.db --as-of 2026-12-31 "$1" >out 2>err
}

test_expect_success 'amend set-up: three cases, the second first on its own (wrong) category (Art. 22)' '
	pt-intake -q -d a.db --as-of 2026-12-31 am.csv >/dev/null &&
	sqlite3 -nullvalue - a.db "SELECT case_id, kind, first_case, collective, due FROM case_view ORDER BY id" >got &&
	printf "%s\n" "2026-000001|first|-|0|2026-04-16" "2026-000002|first|-|0|2026-04-20" \
		"2026-000003|first|-|0|2026-04-25" >expect &&
	test_cmp expect got
'

cat >am1.csv <<EOF2
case_id,event,date,category,persons,note
2026-000002,amend,2026-04-06,劳动社保,12,类别人数录错
EOF2

test_expect_success 'amend of a matter column and persons: a repeat of the earlier case, a collective visit, its changes kept' '
	upa am1.csv &&
	echo "pt-update: 1 applied, 0 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	sqlite3 -nullvalue - a.db "SELECT category, persons, kind, first_case, collective, stage, due FROM cases WHERE id = 202600000002" >got &&
	echo "劳动社保|12|repeat|202600000001|1|registered|2026-04-20" >expect &&
	test_cmp expect got &&
	sqlite3 a.db "SELECT changes, correction FROM event_view WHERE event = '\''amend'\''" >got &&
	echo "persons: 1 -> 12; category: 城乡建设 -> 劳动社保|amended: persons: 1 -> 12; category: 城乡建设 -> 劳动社保" >expect &&
	test_cmp expect got &&
	sqlite3 a.db "SELECT was FROM events WHERE event = '\''amend'\''" >got &&
	printf "persons\t1\ncategory\t城乡建设\n\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a re-run of the amend row changes nothing more; amending back is applied' '
	upa am1.csv &&
	echo "pt-update: 0 applied, 0 refused, 1 already in the ledger" >expect &&
	test_cmp expect err &&
	printf "%s\n" case_id,event,date,persons 2026-000002,amend,2026-04-07,3 >am2.csv &&
	upa am2.csv &&
	test "$(sqlite3 a.db "SELECT persons || collective FROM cases WHERE id = 202600000002")" = 30 &&
	test "$(sqlite3 a.db "SELECT count(*) FROM events WHERE event = '\''amend'\''")" = 2
'

test_expect_success 'amend of received on a registered case: the deadline to accept is received + 15 days again (Art. 22)' '
	printf "%s\n" case_id,event,date,received 2026-000003,amend,2026-04-11,2026-04-08 >am3.csv &&
	upa am3.csv &&
	sqlite3 a.db "SELECT received, stage_start, due FROM cases WHERE id = 202600000003" >got &&
	echo "2026-04-08|2026-04-08|2026-04-23" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 a.db "SELECT changes FROM events WHERE case_ref = 202600000003")" = "received: 2026-04-10 -> 2026-04-08" &&
	{ pt-overdue -d a.db --as-of 2026-04-24 >od; test $? = 1; } &&
	grep "^2026-000003," od | grep -q 2026-04-23
'

test_expect_success 'amend refuses a bad value as intake does, naming its column, and changes nothing' '
	printf "%s\n" case_id,event,date,received,channel 2026-000003,amend,2026-04-12,X,visit \
		2026-000003,amend,2026-04-12,,pigeon 2026-000003,amend,2026-04-12,, >am4.csv &&
	sqlite3 a.db "SELECT * FROM cases; SELECT count(*) FROM events" >before &&
	{ upa am4.csv; test $? = 65; } &&
	grep "am4.csv:2: case 2026-000003: bad date '\''X'\'' in column received" err &&
	grep "am4.csv:3: case 2026-000003: unknown channel '\''pigeon'\''" err &&
	grep "am4.csv:4: case 2026-000003: amend needs a column to change" err &&
	sqlite3 a.db "SELECT * FROM cases; SELECT count(*) FROM events" >after &&
	test_cmp before after
'

test_expect_success 'amend of referred_by makes the case referred; its void makes it first again, referred_by empty (Art. 22)' '
	printf "%s\n" case_id,event,date,referred_by 2026-000003,amend,2026-04-13,省 >am5.csv &&
	upa am5.csv &&
	test "$(sqlite3 a.db "SELECT kind || referred_by FROM cases WHERE id = 202600000003")" = referredprovince &&
	printf "%s\n" case_id,event,date 2026-000003,void,2026-04-14 >am6.csv &&
	upa am6.csv &&
	echo "pt-update: 1 applied, 0 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 -nullvalue - a.db "SELECT kind, referred_by FROM cases WHERE id = 202600000003")" = "first|-"
'

test_expect_success 'amend of source and receiver (来源, 接待领导), as intake reads them; its void empties them again' '
	printf "%s\n" case_id,event,date,来源,接待领导 "2026-000003,amend,2026-04-15, 12345 ,王局长" >am9.csv &&
	upa am9.csv &&
	echo "pt-update: 1 applied, 0 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 a.db "SELECT source || \"/\" || receiver FROM cases WHERE id = 202600000003")" = 12345/王局长 &&
	sqlite3 a.db "SELECT changes FROM event_view WHERE event = '\''amend'\'' AND case_id = '\''2026-000003'\'' AND date = '\''2026-04-15'\''" >got &&
	echo "source:  -> 12345; receiver:  -> 王局长" >expect &&
	test_cmp expect got &&
	pt-stats -d a.db --as-of 2026-12-31 --period 2026 --by source --format tsv >st &&
	grep -q "^2026	12345	1	" st &&
	printf "%s\n" case_id,event,date 2026-000003,void,2026-04-16 >am9v.csv &&
	upa am9v.csv &&
	test "$(sqlite3 -nullvalue - a.db "SELECT source, receiver FROM cases WHERE id = 202600000003")" = "-|-"
'

test_expect_success 'amend with - empties referred_by: the case is first again; a required column cannot be emptied' '
	printf "%s\n" case_id,event,date,referred_by 2026-000003,amend,2026-04-17,省 >am10.csv &&
	upa am10.csv &&
	test "$(sqlite3 a.db "SELECT kind || referred_by FROM cases WHERE id = 202600000003")" = referredprovince &&
	printf "%s\n" case_id,event,date,referred_by,name 2026-000003,amend,2026-04-18,-, \
		2026-000003,amend,2026-04-18,,- >am11.csv &&
	{ upa am11.csv; test $? = 65; } &&
	grep -q "am11.csv:3: case 2026-000003: name cannot be emptied" err &&
	test "$(sqlite3 -nullvalue - a.db "SELECT kind, referred_by FROM cases WHERE id = 202600000003")" = "first|-" &&
	sqlite3 a.db "SELECT changes FROM events WHERE case_ref = 202600000003 AND date = '\''2026-04-18'\''" >got &&
	echo "referred_by: province -> " >expect &&
	test_cmp expect got
'

test_expect_success 'the void of an amend puts a registered - back as it was, not emptied' '
	printf "%s\n" "$H" "2026-05-01,visit,-,,,1,昆都仑区,劳动社保,city,,,,no,,-" >dash.csv &&
	pt-intake -q -d dash.db --as-of 2026-12-31 dash.csv >/dev/null &&
	printf "%s\n" case_id,event,date,name,summary 2026-000001,amend,2026-05-02,张三,欠薪 >d1.csv &&
	pt-update -q -d dash.db --as-of 2026-12-31 d1.csv >/dev/null &&
	printf "%s\n" case_id,event,date 2026-000001,void,2026-05-03 >d2.csv &&
	pt-update -q -d dash.db --as-of 2026-12-31 d2.csv >/dev/null &&
	test "$(sqlite3 -nullvalue NULL dash.db "SELECT name || summary FROM cases")" = "--"
'

test_expect_success 'amend of the referring due on a case in progress: its deadline is that due when earlier (Art. 34)' '
	printf "%s\n" case_id,event,date,unit 2026-000001,accept,2026-04-02,市人社局 >am7.csv &&
	upa am7.csv &&
	test "$(sqlite3 a.db "SELECT due FROM cases WHERE id = 202600000001")" = 2026-06-01 &&
	printf "%s\n" case_id,event,date,due 2026-000001,amend,2026-04-03,2026-05-10 >am8.csv &&
	upa am8.csv &&
	sqlite3 a.db "SELECT stage, due, ref_due FROM cases WHERE id = 202600000001" >got &&
	echo "in_progress|2026-05-10|2026-05-10" >expect &&
	test_cmp expect got
'

cat >vcases.csv <<EOF2
$H
2026-04-01,visit,张三,,13800000001,1,昆都仑区,劳动社保,city,,,,no,,欠薪
2026-04-05,visit,张三,,13800000001,1,昆都仑区,城乡建设,city,,,,no,,欠薪
EOF2

# upv FILE: pt-update on v.db, as of the end of 2026.
upv() {
	pt-update -d v.db --as-of 2026-12-31 "$1" >out 2>err
}

# vstate: case 2026-000002's intake and what follows from it, into got.
vstate() {
	sqlite3 -nullvalue - v.db "SELECT category, persons, collective, kind, first_case, stage, due FROM cases WHERE id = 202600000002" >got
}

test_expect_success 'void of an amend of category and persons: the case as before it, the amend marked voided (Art. 22)' '
	pt-intake -q -d v.db --as-of 2026-12-31 vcases.csv >/dev/null &&
	printf "%s\n" case_id,event,date,unit 2026-000002,accept,2026-04-06,市住建局 >v1.csv &&
	upv v1.csv &&
	vstate && mv got before &&
	echo "城乡建设|1|0|first|-|in_progress|2026-06-05" >expect &&
	test_cmp expect before &&
	printf "%s\n" case_id,event,date,category,persons 2026-000002,amend,2026-04-07,劳动社保,12 >v2.csv &&
	upv v2.csv &&
	vstate &&
	echo "劳动社保|12|1|repeat|202600000001|in_progress|2026-06-05" >expect &&
	test_cmp expect got &&
	printf "%s\n" case_id,event,date 2026-000002,void,2026-04-08 >v3.csv &&
	upv v3.csv &&
	echo "pt-update: 1 applied, 0 refused, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	vstate &&
	test_cmp before got &&
	test "$(sqlite3 v.db "SELECT count(*) FROM events WHERE event = '\''amend'\''")" = 1 &&
	test "$(sqlite3 v.db "SELECT a.voided_by = v.id FROM events a, events v WHERE a.event = '\''amend'\'' AND v.event = '\''void'\''")" = 1 &&
	sqlite3 v.db "SELECT event, correction FROM event_view WHERE case_id = '\''2026-000002'\'' AND event IN ('\''amend'\'', '\''void'\'') ORDER BY id" >got &&
	printf "%s\n" "amend|amended: persons: 1 -> 12; category: 城乡建设 -> 劳动社保 (voided by the void of 2026-04-08)" \
		"void|voids amend of 2026-04-07" >expect &&
	test_cmp expect got
'

test_expect_success 'a re-run of that void adds nothing; a second void undoes the accept before the amend (Art. 22)' '
	upv v3.csv &&
	echo "pt-update: 0 applied, 0 refused, 1 already in the ledger" >expect &&
	test_cmp expect err &&
	printf "%s\n" case_id,event,date,note 2026-000002,void,2026-04-09,again >v4.csv &&
	upv v4.csv &&
	vstate &&
	echo "城乡建设|1|0|first|-|registered|2026-04-20" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 v.db "SELECT count(*) FROM events WHERE event = '\''accept'\'' AND voided_by IS NOT NULL")" = 1
'

# --- amend onto another matter: its old matter keys re-filed --------------

ID=110101199003070011
cat >m1.csv <<EOF2
$H
2026-03-02,letter,王五,$ID,13900000009,1,昆都仑区,城乡建设,city,,,,no,,
EOF2

test_expect_success 'set-up: a first case, amended onto another matter' '
	pt-intake -q -d m.db --as-of 2026-12-31 m1.csv >/dev/null &&
	printf "case_id,event,date,category\n2026-000001,amend,2026-03-05,劳动社保\n" >mv.csv &&
	pt-update -q -d m.db --as-of 2026-12-31 mv.csv >/dev/null &&
	test "$(sqlite3 m.db "SELECT category, kind FROM cases WHERE id = 202600000001")" = "劳动社保|first"
'

test_expect_success 'a later case on the old matter is a first, not its repeat' '
	sed "s/2026-03-02/2026-04-01/" m1.csv >m2.csv &&
	pt-intake -q -d m.db --as-of 2026-12-31 m2.csv >/dev/null &&
	test "$(sqlite3 -nullvalue - m.db "SELECT kind, first_case FROM case_view WHERE id = 202600000002")" = "first|-"
'

test_expect_success 'a later case on the new matter is its repeat' '
	sed "s/2026-03-02/2026-04-02/; s/城乡建设/劳动社保/" m1.csv >m3.csv &&
	pt-intake -q -d m.db --as-of 2026-12-31 m3.csv >/dev/null &&
	test "$(sqlite3 m.db "SELECT kind, first_case FROM case_view WHERE id = 202600000003")" = "repeat|2026-000001"
'

test_expect_success 'with a repeat left on the old matter, the old keys go to it' '
	sed "s/2026-03-02/2026-03-03/" m1.csv >n2.csv &&
	pt-intake -q -d n.db --as-of 2026-12-31 m1.csv >/dev/null &&
	pt-intake -q -d n.db --as-of 2026-12-31 n2.csv >/dev/null &&
	pt-update -q -d n.db --as-of 2026-12-31 mv.csv >/dev/null &&
	sed "s/2026-03-02/2026-04-01/" m1.csv >n3.csv &&
	pt-intake -q -d n.db --as-of 2026-12-31 n3.csv >/dev/null &&
	test "$(sqlite3 m.db "SELECT kind, first_case FROM case_view WHERE id = 202600000002")" = "first|" &&
	test "$(sqlite3 n.db "SELECT kind, first_case FROM case_view WHERE id = 202600000003")" = "repeat|2026-000002"
'

# Bulk intake moves keys from matters_recent into matters: the same there.
merge_keys() {
	sqlite3 "$1" "INSERT INTO matters SELECT * FROM matters_recent; DELETE FROM matters_recent"
}

test_expect_success 'with the keys in matters, not matters_recent: dropped there, or re-filed there' '
	pt-intake -q -d mm.db --as-of 2026-12-31 m1.csv >/dev/null &&
	merge_keys mm.db &&
	pt-update -q -d mm.db --as-of 2026-12-31 mv.csv >/dev/null &&
	test "$(sqlite3 mm.db "SELECT count(*) FROM matters")" = 0 &&
	pt-intake -q -d mm.db --as-of 2026-12-31 m2.csv >/dev/null &&
	test "$(sqlite3 -nullvalue - mm.db "SELECT kind, first_case FROM case_view WHERE id = 202600000002")" = "first|-" &&
	pt-intake -q -d mn.db --as-of 2026-12-31 m1.csv >/dev/null &&
	pt-intake -q -d mn.db --as-of 2026-12-31 n2.csv >/dev/null &&
	merge_keys mn.db &&
	pt-update -q -d mn.db --as-of 2026-12-31 mv.csv >/dev/null &&
	test "$(sqlite3 mn.db "SELECT group_concat(DISTINCT first_case) FROM matters")" = 202600000002 &&
	test "$(sqlite3 mn.db "SELECT group_concat(DISTINCT first_case) FROM matters_recent")" = 202600000001 &&
	pt-intake -q -d mn.db --as-of 2026-12-31 n3.csv >/dev/null &&
	test "$(sqlite3 mn.db "SELECT kind, first_case FROM case_view WHERE id = 202600000003")" = "repeat|2026-000002" &&
	sed "s/2026-03-02/2026-04-02/; s/城乡建设/劳动社保/" m1.csv >n4.csv &&
	pt-intake -q -d mn.db --as-of 2026-12-31 n4.csv >/dev/null &&
	test "$(sqlite3 mn.db "SELECT kind, first_case FROM case_view WHERE id = 202600000004")" = "repeat|2026-000001"
'

# --- amend of a dispute: its keys stay a dispute's -------------------------

test_expect_success 'a dispute amended onto another matter: a petition there is a first, not its repeat' '
	sed "s/城乡建设/劳动社保/" m1.csv >d1.csv &&
	pt-intake -q -d d.db --disputes --as-of 2026-12-31 d1.csv >/dev/null &&
	printf "case_id,event,date,category\n2026-000001,amend,2026-03-05,城乡建设\n" >dv.csv &&
	pt-update -q -d d.db --as-of 2026-12-31 dv.csv >/dev/null &&
	sed "s/2026-03-02/2026-04-01/" m1.csv >d2.csv &&
	pt-intake -q -d d.db --as-of 2026-12-31 d2.csv >/dev/null &&
	test "$(sqlite3 -nullvalue - d.db "SELECT kind, first_case FROM case_view WHERE id = 202600000002")" = "first|-"
'

test_expect_success '... a later dispute on the new matter is its repeat, one on the old a first' '
	sed "s/2026-03-02/2026-04-02/" m1.csv >d3.csv &&
	pt-intake -q -d d.db --disputes --as-of 2026-12-31 d3.csv >/dev/null &&
	test "$(sqlite3 -nullvalue - d.db "SELECT kind, first_case FROM case_view WHERE id = 202600000003")" = "repeat|2026-000001" &&
	sed "s/2026-03-02/2026-04-03/" d1.csv >d4.csv &&
	pt-intake -q -d d.db --disputes --as-of 2026-12-31 d4.csv >/dev/null &&
	test "$(sqlite3 -nullvalue - d.db "SELECT kind, first_case FROM case_view WHERE id = 202600000004")" = "first|-"
'

test_expect_success '... and with a dispute left on the old matter, the old keys go to it' '
	sed "s/2026-03-02/2026-03-03/" d1.csv >e2.csv &&
	pt-intake -q -d e.db --disputes --as-of 2026-12-31 d1.csv >/dev/null &&
	pt-intake -q -d e.db --disputes --as-of 2026-12-31 e2.csv >/dev/null &&
	pt-update -q -d e.db --as-of 2026-12-31 dv.csv >/dev/null &&
	sed "s/2026-03-02/2026-04-03/" d1.csv >e3.csv &&
	pt-intake -q -d e.db --disputes --as-of 2026-12-31 e3.csv >/dev/null &&
	test "$(sqlite3 e.db "SELECT kind, first_case FROM case_view WHERE id = 202600000003")" = "repeat|2026-000002"
'

# An amend's columns are intake's, with intake's aliases (one list, in record.h).
test_expect_success 'amend reads the intake aliases a bureau header has: 属地, 手机号' '
	printf "received,channel,name,region,category\n2026-09-01,visit,张三,青山区,劳动社保\n" |
		pt-intake -q -d al.db --as-of 2026-12-01 >/dev/null &&
	printf "case_id,event,date,属地,手机号\n2026-000001,amend,2026-09-02,东河区,13912345678\n" |
		pt-update -q -d al.db --as-of 2026-12-01 >/dev/null &&
	test "$(sqlite3 al.db "SELECT region || \"|\" || phone FROM cases")" = "东河区|13912345678"
'

test_done
