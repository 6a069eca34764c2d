#!/bin/sh
# pt-show: one case with its whole life, every case of a petitioner, read
# from the ledger only, with ID numbers and phones masked unless --unmask.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >in.csv <<EOF2
$H
2026-03-02,visit,王建国,150202196807311007,13951627384,1,昆都仑区,劳动社保,city,,,,no,积案,工资拖欠三个月 电话13951627384
2026-03-09,letter,王建国,150202196807311007,13951627384,1,昆都仑区,劳动社保,city,,,,no,,再次反映
2026-03-10,phone,李秀英,11010519491231002X,0472-5123456,1,青山区,城乡建设,city,,,,no,,物业
2026-03-11,visit,王建国,,13951627384,1,东河区,城乡建设,city,,,,no,,另一事项
EOF2
cat >ev.csv <<\EOF2
case_id,event,date,note,days,resolved,rating,tags
2026-000001,tag,2026-03-05,,,,,重点
2026-000001,extend,2026-03-20,材料多,20,,,
2026-000001,conclude,2026-04-10,已补发,,yes,,
2026-000001,void,2026-04-11,结论有误,,,,
2026-000001,conclude,2026-04-12,已补发全部,,yes,,
2026-000001,reply,2026-04-13,,,,,
2026-000001,rate,2026-04-20,,,,基本满意,
EOF2

test_expect_success 'the fixture: four cases, one with a whole life' '
	pt-intake -q -d l.db --as-of 2026-03-11 in.csv >/dev/null &&
	printf "case_id,unit,leader\n2026-000001,市人社局,张局长\n" |
		pt-assign -q -d l.db --date 2026-03-04 --as-of 2026-03-04 >/dev/null &&
	pt-update -q -d l.db --as-of 2026-04-30 ev.csv >/dev/null &&
	md5sum l.db >before.md5
'

test_expect_success 'a case on a terminal: its registered columns, then its events aligned, in order' '
	pt-show -d l.db 2026-000001 >out 2>err &&
	cat >expect <<-\EOF &&
	case 2026-000001
	  received 登记日期           2026-03-02
	  channel 信访形式            visit
	  name 姓名                   王建国
	  id_number 身份证号          150202********1007
	  phone 电话                  139****7384
	  persons 人数                1
	  region 问题属地             昆都仑区
	  category 问题类别           劳动社保
	  level 信访层级              city
	  law_related 涉法涉诉        no
	  tags 标签                   积案;重点
	  summary 内容摘要            工资拖欠三个月 电话139****7384
	  kind 类型                   first
	  collective 集体访           no
	  dispute 矛盾纠纷            no
	  stage 阶段                  concluded
	  stage_start 阶段开始        2026-04-12
	  due 期限                    2026-05-13
	  unit 责任单位               市人社局
	  leader 包案领导             张局长
	  procedure 程序              normal
	  accepted 受理               2026-03-04
	  extended 延期天数           20
	  concluded 办结              2026-04-12
	  resolved 化解               yes
	  replied 答复                2026-04-13
	  rating 评价                 basic
	  conclude_due 办结期限       2026-05-23
	  last_event 最近事件         2026-04-20

	date        event     unit      leader  days  rating  resolved  note        correction                          by      tool
	2026-03-02  register                                                                                            tester  pt-intake
	2026-03-04  accept    市人社局  张局长                                                                          tester  pt-assign
	2026-03-05  tag                                                             tags added: 重点                    tester  pt-update
	2026-03-20  extend                      20                      材料多                                          tester  pt-update
	2026-04-10  conclude                                  yes       已补发      (voided by the void of 2026-04-11)  tester  pt-update
	2026-04-11  void                                                结论有误    voids conclude of 2026-04-10        tester  pt-update
	2026-04-12  conclude                                  yes       已补发全部                                      tester  pt-update
	2026-04-13  reply                                                                                               tester  pt-update
	2026-04-20  rate                              basic                                                             tester  pt-update
	EOF
	test_cmp expect out &&
	echo "pt-show: 1 shown, 0 not found" >expect &&
	test_cmp expect err
'

test_expect_success '--format csv: one row per event, with the case_id, every column' '
	pt-show -q -d l.db --format csv 2026-000001 2026-000003 >out &&
	cat >expect <<-\EOF &&
	case_id,date,event,unit,leader,days,rating,bureau_rating,outcome,resolved,note,correction,by,tool
	2026-000001,2026-03-02,register,,,,,,,,,,tester,pt-intake
	2026-000001,2026-03-04,accept,市人社局,张局长,,,,,,,,tester,pt-assign
	2026-000001,2026-03-05,tag,,,,,,,,,tags added: 重点,tester,pt-update
	2026-000001,2026-03-20,extend,,,20,,,,,材料多,,tester,pt-update
	2026-000001,2026-04-10,conclude,,,,,,,yes,已补发,(voided by the void of 2026-04-11),tester,pt-update
	2026-000001,2026-04-11,void,,,,,,,,结论有误,voids conclude of 2026-04-10,tester,pt-update
	2026-000001,2026-04-12,conclude,,,,,,,yes,已补发全部,,tester,pt-update
	2026-000001,2026-04-13,reply,,,,,,,,,,tester,pt-update
	2026-000001,2026-04-20,rate,,,,basic,,,,,,tester,pt-update
	2026-000003,2026-03-10,register,,,,,,,,,,tester,pt-intake
	EOF
	test_cmp expect out
'

test_expect_success '-t and --format jsonl: the same rows, days a number' '
	pt-show -q -d l.db -t 2026-000003 >out &&
	printf "case_id,date,event,unit,leader,days,rating,bureau_rating,outcome,resolved,note,correction,by,tool\n2026-000003,2026-03-10,register,,,,,,,,,,tester,pt-intake\n" |
		tr , "\t" >expect &&
	test_cmp expect out &&
	pt-show -q -d l.db --format jsonl 2026-000001 >out &&
	test "$(wc -l <out)" = 9 &&
	grep -q "^{\"case_id\":\"2026-000001\",\"date\":\"2026-03-20\",\"event\":\"extend\",\"unit\":null,\"leader\":null,\"days\":20," out
'

test_expect_success 'case ids from a case stream on standard input: pt-overdue | pt-show' '
	pt-overdue -q -d l.db --as-of 2026-03-30 --color red >od.csv; test $? = 1 &&
	test "$(csv_col od.csv case_id | tr "\n" " ")" = "2026-000002 2026-000003 2026-000004 " &&
	pt-show -q -d l.db --format csv <od.csv >out &&
	csv_col out case_id | uniq >got &&
	printf "%s\n" 2026-000002 2026-000003 2026-000004 >expect &&
	test_cmp expect got &&
	pt-show -q -d l.db <od.csv >out &&
	test "$(grep -c "^case 2026-00000[234]\$" out)" = 3
'

test_expect_code 65 'an unknown case id: said, the others shown, exit 65' '
	pt-show -d l.db --format csv 2026-000003 2026-000999 2026-000004 >out 2>err
'

test_expect_success '... its message names it; both other cases are printed' '
	test "$(csv_col out case_id | tr "\n" " ")" = "2026-000003 2026-000004 " &&
	printf "%s\n" "pt-show: case 2026-000999: no such case in the ledger" \
		"pt-show: 2 shown, 1 not found" >expect &&
	test_cmp expect err
'

test_expect_code 65 'a bad case id on standard input: its line, masked, exit 65' '
	printf "case_id\n2026-000003\n13951627384\n" | pt-show -d l.db >out 2>err &&
	test_no_match 13951627384 err
'

test_expect_success '... the case before it shown, the message at its line' '
	grep -q "^case 2026-000003\$" out &&
	grep -qx "pt-show: <stdin>:3: bad case_id .139\*\*\*\*7384." err
'

test_expect_success '--petitioner ID: its cases and those without an ID under its name and phone, newest first' '
	pt-show -d l.db --petitioner 150202196807311007 >out 2>err &&
	cat >expect <<-\EOF &&
	case_id      received    channel  region    category  kind    stage       unit      due         summary                         first_case   name    id_number           phone
	2026-000004  2026-03-11  visit    东河区    城乡建设  first   registered            2026-03-26  另一事项                                     王建国                      139****7384
	2026-000002  2026-03-09  letter   昆都仑区  劳动社保  repeat  registered            2026-03-24  再次反映                        2026-000001  王建国  150202********1007  139****7384
	2026-000001  2026-03-02  visit    昆都仑区  劳动社保  first   concluded   市人社局  2026-05-13  工资拖欠三个月 电话139****7384               王建国  150202********1007  139****7384
	EOF
	test_cmp expect out &&
	echo "pt-show: 3 found" >expect &&
	test_cmp expect err
'

test_expect_success '... not a case with another ID number, nor one without under another phone' '
	printf "%s\n" "received,channel,name,id_number,phone,region,category" \
		"2026-03-02,visit,王五,150202196807311007,13900000001,昆都仑区,劳动社保" \
		"2026-03-03,visit,王五,150221194310033398,13900000001,昆都仑区,劳动社保" \
		"2026-03-04,visit,王五,,13900000001,东河区,城乡建设" \
		"2026-03-05,visit,王五,,13900000002,东河区,城乡建设" >p.csv &&
	pt-intake -q -d p.db --as-of 2026-03-05 p.csv >/dev/null &&
	pt-show -q -d p.db --petitioner 150202196807311007 --format csv >out &&
	test "$(csv_col out case_id | tr "\n" " ")" = "2026-000003 2026-000001 "
'

test_expect_success '--petitioner PHONE: by phone, also the case registered without an ID number' '
	pt-show -q -d l.db --petitioner 13951627384 --format csv >out &&
	cat >expect <<-\EOF &&
	case_id,received,channel,region,category,kind,stage,unit,due,summary,first_case,name,id_number,phone
	2026-000004,2026-03-11,visit,东河区,城乡建设,first,registered,,2026-03-26,另一事项,,王建国,,139****7384
	2026-000002,2026-03-09,letter,昆都仑区,劳动社保,repeat,registered,,2026-03-24,再次反映,2026-000001,王建国,150202********1007,139****7384
	2026-000001,2026-03-02,visit,昆都仑区,劳动社保,first,concluded,市人社局,2026-05-13,工资拖欠三个月 电话139****7384,,王建国,150202********1007,139****7384
	EOF
	test_cmp expect out
'

test_expect_success '--petitioner NAME, and an ID with a lower-case x, and a phone with a dash' '
	pt-show -q -d l.db --petitioner 王建国 --format csv >out &&
	test "$(csv_col out case_id | tr "\n" " ")" = "2026-000004 2026-000002 2026-000001 " &&
	pt-show -q -d l.db --petitioner 11010519491231002x --format csv >out &&
	test "$(csv_col out case_id)" = 2026-000003 &&
	pt-show -q -d l.db --petitioner 0472-5123456 --format csv >out &&
	test "$(csv_col out case_id)" = 2026-000003 &&
	pt-show -d l.db --petitioner 无此人 >out 2>err &&
	test ! -s out &&
	echo "pt-show: 0 found" >expect &&
	test_cmp expect err
'

test_expect_success 'an ID number with a wrong check digit is looked up as a name, not as an ID' '
	pt-show -q -d l.db --petitioner 150202196807311008 --format csv >out &&
	test "$(wc -l <out)" = 1
'

test_expect_success 'masked everywhere unless --unmask: ID numbers, phones, numbers in the summary' '
	for f in "" "--format csv" "--format jsonl" "-t"; do
		pt-show -d l.db $f 2026-000001 2026-000003 >out 2>err &&
		pt-show -d l.db $f --petitioner 王建国 >>out 2>>err &&
		test_no_match -e 150202196807311007 -e 13951627384 -e 11010519491231002X \
			-e 0472-5123456 out err || exit 1
	done &&
	pt-show -q -d l.db --unmask --format csv --petitioner 150202196807311007 >out &&
	grep -q ",工资拖欠三个月 电话13951627384,,王建国,150202196807311007,13951627384\$" out &&
	pt-show -q -d l.db --unmask 2026-000003 >out &&
	grep -qx "  id_number 身份证号          11010519491231002X" out &&
	grep -qx "  phone 电话                  0472-5123456" out
'

test_expect_success 'a reader: the ledger is left byte for byte, a missing one is not created (69)' '
	md5sum l.db >after.md5 &&
	test_cmp before.md5 after.md5 &&
	{ pt-show -d none.db 2026-000001 >out 2>err; test $? = 69; } &&
	test ! -e none.db &&
	echo "pt-show: none.db: no ledger" >expect &&
	test_cmp expect err
'

test_expect_success 'usage errors exit 64: an operand with --petitioner, two modes, --since alone' '
	for args in "--petitioner 王建国 2026-000001" "--petitioner 王建国 --report-back" \
		"--since 2026-01-01 2026-000001" "--referred-by city 2026-000001" \
		"--report-back 2026-000001" "--format xml 2026-000001" "--since x --report-back" \
		"--as-of 2026-03-01 2026-000001"; do
		{ pt-show -d l.db $args >out 2>err; test $? = 64; } &&
		grep -q "^usage: pt-show" err && test ! -s out || exit 1
	done
'

test_expect_success 'text: a value'\''s line ends and escape characters come out as spaces, CSV keeps them' '
	esc=$(printf "\033") &&
	printf "%s\n" "received,channel,name,region,category,summary" \
		"2026-03-02,visit,张三,昆都仑区,劳动社保,\"第一行" "第二行 $esc[31m红\"" >e.csv &&
	pt-intake -q -d e.db --as-of 2026-03-02 e.csv >/dev/null &&
	pt-show -q -d e.db 2026-000001 >out &&
	grep -qx "  summary 内容摘要            第一行 第二行  \[31m红" out &&
	test_no_match "$esc" out &&
	pt-show -q -d e.db --petitioner 张三 >out &&
	test "$(wc -l <out)" = 2 && test_no_match "$esc" out &&
	pt-show -q -d e.db --petitioner 张三 --format csv >out &&
	test "$(wc -l <out)" = 3 && grep -q "$esc" out
'

test_expect_success 'a case stream without a case_id column: exit 65, said, no -wal or -shm left' '
	ls l.db* >files.before &&
	{ printf "unit\n市人社局\n" | pt-show -d l.db >out 2>err; test $? = 65; } &&
	echo "pt-show: <stdin>:1: required column '\''case_id'\'' (编号) is missing" >expect &&
	test_cmp expect err &&
	ls l.db* >files.after &&
	test_cmp files.before files.after
'

test_expect_code 74 'a write that fails (a full disk) exits 74, in text as in CSV' '
	{ pt-show -d l.db --format csv 2026-000001 >/dev/full 2>err.csv; test $? = 74; } &&
	grep -qx "pt-show: write error: No space left on device" err.csv &&
	pt-show -d l.db 2026-000001 2026-000002 >/dev/full 2>err
'

test_expect_success '... saying why; a reader that closes the pipe early ends it quietly (exit 0)' '
	grep -qx "pt-show: write error: No space left on device" err &&
	{ echo case_id && for i in $(seq 3000); do echo 2026-000001 || exit 1; done; } >many.csv &&
	for f in "" "--format csv"; do
		{ pt-show -d l.db $f <many.csv 2>err; echo $? >rc; } | head -n 2 >out &&
		test "$(cat rc)" = 0 && test ! -s err && test "$(wc -l <out)" = 2 || exit 1
	done
'

test_expect_success 'bash completion: the options of every synopsis, --format and --referred-by values once' '
	sh "$ROOT/scripts/pt-completion" "$PT_BIN/pt-show" >c.bash &&
	bash -n c.bash &&
	test "$(grep -c "^	--format)" c.bash)" = 1 &&
	grep -q "^	--format) _pt_complete_words \"\$cur\" text csv tsv jsonl xlsx;" c.bash &&
	grep -q "^	--referred-by) _pt_complete_words \"\$cur\" central province city;" c.bash &&
	grep -q "^	-\*) .* --petitioner --quiet --referral --referred-by --report-back --since " c.bash
'

test_done
