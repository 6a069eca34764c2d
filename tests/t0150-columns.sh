#!/bin/sh
# Columns a bureau's spreadsheets use: --columns, --map, the common
# spellings, and rows' errors naming the column as the header does; the
# progress line of a long run on a terminal.
. "$(dirname "$0")/lib.sh"

test_expect_success 'pt-intake --columns lists every column: aliases, required, values' '
	pt-intake --columns >cols.csv 2>err &&
	test ! -s err &&
	test ! -e ledger.db &&
	head -n 1 cols.csv >got &&
	echo "file,column,aliases,required,values" >expect &&
	test_cmp expect got &&
	grep "^input,received,.*,yes," cols.csv | grep -q 来访日期 &&
	grep "^input,phone," cols.csv | grep -q "手机号 手机 联系方式,no," &&
	grep "^input,channel,信访形式 来源渠道,yes," cols.csv >ch &&
	grep -q "fax 传真; video 视频 视频接访" ch &&
	grep -q "visit 来访 访 上访;" ch &&
	grep -q "online 网上 网上信访 网信 微信 APP;" ch &&
	grep -q "^input,level,信访层级,no,county 到县" cols.csv &&
	grep -q "^input,law_related,涉法涉诉,no,yes 是" cols.csv &&
	grep -q "^input,source,来源,no,$" cols.csv &&
	grep -q "^input,receiver,接待领导,no,$" cols.csv &&
	grep -q "^input,row,序号,no," cols.csv
'

test_expect_success 'pt-intake --columns -t prints TSV; --help points to --columns and the man page' '
	pt-intake --columns -t >cols.tsv &&
	head -n 1 cols.tsv >got &&
	printf "file\tcolumn\taliases\trequired\tvalues\n" >expect &&
	test_cmp expect got &&
	test "$(wc -l <cols.tsv)" = "$(wc -l <cols.csv)" &&
	pt-intake --help >help &&
	grep -q -- "--columns" help &&
	grep -q "pt-intake(1)" help
'

test_expect_success 'pt-update --columns and pt-assign --columns list their inputs' '
	pt-update --columns >u.csv &&
	grep "^input,event,事件,yes," u.csv | grep -q "accept 受理; reject 不予受理; transfer 转办" &&
	grep "^input,event,事件,yes," u.csv | grep -q "review 复查 申请复查;" &&
	grep "^input,event," u.csv | test_no_match recalc &&
	grep -q "^input,rating,评价,no,satisfied 满意" u.csv &&
	grep -q "^input,resolved,化解,no,yes 是" u.csv &&
	grep -q "^input,channel,信访形式 来源渠道,no,letter" u.csv &&
	pt-assign --columns >a.csv &&
	grep -q "^input,case_id,编号,yes," a.csv &&
	grep -q "^rules,unit,责任单位,yes,$" a.csv &&
	grep -q "^rules,channel,信访形式,no,letter" a.csv &&
	test ! -e ledger.db
'

test_expect_success 'pt-update --columns gives the values of bureau_rating and outcome' '
	pt-update --columns >u.csv &&
	grep -q "^input,bureau_rating,信访部门评价,no,satisfied 满意; basic 基本满意; unsatisfied 不满意$" u.csv &&
	grep -q "^input,outcome,[^,]*,no,upheld 维持; revoked 撤销; changed 变更$" u.csv
'

test_expect_success 'pt-intake --columns --history lists the history columns too, with their values' '
	pt-intake --columns >plain.csv &&
	! grep -q "^input,concluded," plain.csv &&
	pt-intake --columns --history >h.csv &&
	head -n "$(wc -l <plain.csv)" h.csv >got &&
	test_cmp plain.csv got &&
	for c in accepted unit leader procedure concluded resolved replied rated rating bureau_rating closed; do
		grep -q "^input,$c," h.csv || exit 1
	done &&
	grep -q "^input,concluded,办结日期,no,a date" h.csv &&
	grep -q "^input,resolved,是否化解,no,yes 是" h.csv &&
	grep -q "^input,rating,满意度,no,satisfied 满意" h.csv &&
	grep -q "^input,procedure,办理方式,no,normal" h.csv
'

test_expect_success 'the common spellings are aliases; 序号 is a known column, never read' '
	printf "%s\n" "序号,日期,信访形式,姓名,手机号,所属地区,问题类别,内容" \
		"1,2026-05-06,上访,周平,13912341234,青山区,城乡建设,道路" >sp.csv &&
	printf "%s\n" "来信日期,信访形式,姓名,手机,属地,问题类别,信访内容,联系方式" \
		"2026-05-07,来信,吴刚,13912340000,青山区,城乡建设,路灯,x" >sp2.csv &&
	pt-intake -q -d sp.db --as-of 2026-11-23 sp.csv >sp-out.csv &&
	sqlite3 sp.db "SELECT received, channel, phone, region, summary FROM cases" >got &&
	echo "2026-05-06|visit|13912341234|青山区|道路" >expect &&
	test_cmp expect got &&
	{ pt-intake -d sp.db --as-of 2026-11-23 sp2.csv 2>err; test $? = 65; } &&
	grep -q "^pt-intake: sp2.csv:1: column .phone. appears twice$" err
'

test_expect_success 'a row error names the column as the header named it' '
	printf "%s\n" "日期,信访形式,姓名,手机号,属地,问题类别" \
		"2026-05-06,来访,周平,call-me,青山区,城乡建设" \
		"2026-13-06,来访,周平,,青山区,城乡建设" >bad.csv &&
	{ pt-intake -d bad.db --as-of 2026-11-23 bad.csv >/dev/null 2>err; test $? = 65; } &&
	grep -q "^pt-intake: bad.csv:2: bad phone number .*. in column 手机号$" err &&
	grep -q "^pt-intake: bad.csv:3: bad date .2026-13-06. in column 日期$" err
'

test_expect_success '--map reads a bureau header name as a column, repeatable' '
	printf "%s\n" "收件时间,形式,来访人,手机号码,属地,问题类别" \
		"2026-05-06,来访,周平,13912341234,青山区,城乡建设" >own.csv &&
	{ pt-intake -d own.db --as-of 2026-11-23 own.csv 2>err; test $? = 65; } &&
	grep -q "unknown column .收件时间." err &&
	pt-intake -q -d own.db --as-of 2026-11-23 --map 收件时间=received \
		--map 形式=信访形式 --map 来访人=name --map 手机号码=phone own.csv >own-out.csv &&
	sqlite3 own.db "SELECT received, channel, name, phone FROM cases" >got &&
	echo "2026-05-06|visit|周平|13912341234" >expect &&
	test_cmp expect got
'

test_expect_success '--map to a column pt-intake does not have: a usage error naming it, nothing registered' '
	{ pt-intake -d m.db --map 手机号码=mobile own.csv >/dev/null 2>err; test $? = 64; } &&
	grep -q "^pt-intake: --map .手机号码=mobile.: not NAME=COLUMN" err &&
	grep -q "^usage: pt-intake" err &&
	test ! -e m.db
'

if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
test_expect_success 'pt-intake(1) gives the unknown-channel message as the tool does, every channel named' '
	printf "received,channel,name,region,category\n2026-03-02,carrier-pigeon,A,B,C\n" >pigeon.csv &&
	{ pt-intake -d pigeon.db --as-of 2026-03-03 pigeon.csv >/dev/null 2>err; test $? = 65; } &&
	sed -n "s/.*\(unknown channel .*)\).*/\1/p" err | sed "s/carrier-pigeon/X/" >msg &&
	test -s msg &&
	grep -F -q "$(cat msg)" "$ROOT/man/pt-intake.1"
'

test_expect_success 'pt-intake(1) says what JSON Lines gives: numbers, booleans, strings, null' '
	printf "received,channel,name,region,category,law_related\n2026-03-02,letter,A,B,C,yes\n" >j.csv &&
	pt-intake -q -d j.db --disputes --as-of 2026-03-03 --format jsonl j.csv >j.jsonl &&
	grep -q "\"law_related\":true," j.jsonl &&
	grep -q "\"collective\":false," j.jsonl &&
	grep -q "\"dispute\":true}" j.jsonl &&
	grep -q "\"id_number\":null," j.jsonl &&
	! grep -q "every other value a string" "$ROOT/man/pt-intake.1" &&
	grep -A12 "^JSON Lines has one object per case" "$ROOT/man/pt-intake.1" >para &&
	grep -q "^.Ql true$" para && grep -q "^.Ql false" para
'

test_expect_success 'a progress line on a terminal, written over and cleared; none on a file or with -q' '
	"$PT_BIN/gen-petitions" -n 100500 -s 5 >big.csv &&
	script -qec "pt-intake -d big.db --as-of 2030-01-01 big.csv >big-out.csv" /dev/null >tty &&
	grep -a -q "pt-intake: [0-9]* rows read, [0-9]* rows/s, [0-9]* added, 0 rejected" tty &&
	tr "\r" "\n" <tty | grep -a "pt-intake: 100500 added, 0 rejected, 0 already in the ledger" >last &&
	test -s last &&
	script -qec "pt-intake -q -d big.db --as-of 2030-01-01 big.csv >/dev/null" /dev/null >tty-q &&
	! grep -a -q "rows read" tty-q &&
	pt-intake -d big2.db --as-of 2030-01-01 big.csv >/dev/null 2>err &&
	echo "pt-intake: 100500 added, 0 rejected, 0 already in the ledger" >expect &&
	test_cmp expect err
'
else
test_expect_success 'no progress line when standard error is not a terminal (no script(1) here)' '
	"$PT_BIN/gen-petitions" -n 2000 -s 3 >g.csv &&
	pt-intake -d g.db --as-of 2030-01-01 g.csv >/dev/null 2>err &&
	echo "pt-intake: 2000 added, 0 rejected, 0 already in the ledger" >expect &&
	test_cmp expect err
'
fi

test_done
