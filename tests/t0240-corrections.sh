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

test_done
