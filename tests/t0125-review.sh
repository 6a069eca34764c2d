#!/bin/sh
# Defects a review found: numbers quoted whole on stderr, rejects of a
# second input under the first one's header, a refused later input
# ending pt-intake without its summary.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary

test_expect_success 'a ledger with one case' '
	cat >one.csv <<-EOF2 &&
	$H
	2026-03-02,visit,好行,,,1,昆都仑区,劳动社保,,,,,,,ok
	EOF2
	pt-intake -q -d l.db --as-of 2026-11-23 one.csv >out.csv
'

test_expect_code 65 'pt-update: numbers quoted from its input are masked on stderr' '
	cat >ev.csv <<-\EOF2 &&
	case_id,event,date,days,rating,resolved
	430522197001013888,accept,2026-03-03,,,
	2026-000001,accept,13812341234,,,
	2026-000001,extend,2026-03-03,138 1234 1234,,
	2026-000001,rate,2026-03-03,,+86 138 1234 1234,
	2026-000001,rate,2026-03-03,,,１３８１２３４１２３４
	2026-000001,accept,2026-13-01,,,
	EOF2
	pt-update -q -d l.db --rejects rj.csv ev.csv >out 2>err
'

test_expect_success 'pt-update: the messages, masked' '
	cat >expect <<-\EOF2 &&
	pt-update: ev.csv:2: bad case_id '\''430***********3888'\''
	pt-update: ev.csv:3: case 2026-000001: bad date '\''138****1234'\'' in column date
	pt-update: ev.csv:4: case 2026-000001: bad days '\''138******1234'\''
	pt-update: ev.csv:5: case 2026-000001: unknown rating '\''+86**********1234'\'' (satisfied, basic, unsatisfied)
	pt-update: ev.csv:6: case 2026-000001: bad resolved '\''１３８****１２３４'\'' (yes or no)
	pt-update: ev.csv:7: case 2026-000001: bad date '\''2026-13-01'\'' in column date
	EOF2
	test_cmp expect err
'

test_expect_success 'pt-update: the rejects keep the rows whole' '
	grep -c 430522197001013888 rj.csv >n &&
	echo 1 >expect &&
	test_cmp expect n &&
	grep -q "^ev.csv,3,.*,2026-000001,accept,13812341234,,,\$" rj.csv
'

test_expect_code 65 'pt-assign: a bad case_id quoted from its input is masked' '
	printf "case_id,unit\n430522197001013888,x\n138-1234-1234,x\n" >as.csv &&
	pt-assign -q -d l.db as.csv >out 2>err
'

test_expect_success 'pt-assign: the messages, masked' '
	cat >expect <<-\EOF2 &&
	pt-assign: as.csv:2: bad case_id '\''430***********3888'\''
	pt-assign: as.csv:3: bad case_id '\''138******1234'\''
	EOF2
	test_cmp expect err
'

test_expect_success 'a calendar: a bad date, kind or column quoted from it is masked' '
	printf "date,kind\n13812341234,holiday\n" >c1.csv &&
	printf "date,kind\n2026-01-01,138-1234-1234\n" >c2.csv &&
	printf "date,kind,430522197001013888\n" >c3.csv &&
	for c in c1 c2 c3
	do
		{ pt-update -q -d l.db --calendar $c.csv 2>>cal.err; echo $? >>rcs; } || exit 1
	done &&
	printf "65\n65\n65\n" >expect &&
	test_cmp expect rcs &&
	cat >expect <<-\EOF2 &&
	pt-update: c1.csv:2: bad date '\''138****1234'\'' in column date
	pt-update: c2.csv:2: unknown kind '\''138******1234'\'' (holiday, workday)
	pt-update: c3.csv:1: unknown column '\''430***********3888'\''
	EOF2
	test_cmp expect cal.err
'

test_expect_code 65 'pt-intake: a column name quoted in a reason is masked on stderr' '
	printf "%s,138-1234-1234\n2026-03-02,visit,好行,,,1,昆都仑区,劳动社保,,,,,,,ok,\377\n" "$H" >ign.csv &&
	pt-intake -q -d l.db --as-of 2026-11-23 --ignore-unknown ign.csv >out 2>err
'

test_expect_success 'pt-intake: the message, masked' '
	test_no_match 1234-1234 err &&
	grep -q "column 138\*\*\*\*\*\*1234" err
'

H2=channel,received,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary

test_expect_code 65 'pt-intake: rejects from inputs with their columns in other orders' '
	cat >fa.csv <<-EOF2 &&
	$H
	2026-03-02,visit,甲,,,1,昆都仑区,劳动社保,,,,,,,ok
	2026-13-01,visit,坏甲,,,1,昆都仑区,劳动社保,,,,,,,
	EOF2
	cat >fb.csv <<-EOF2 &&
	$H2
	pigeon,2026-03-02,坏乙,,,1,昆都仑区,劳动社保,,,,,,,
	EOF2
	cat >fc.csv <<-EOF2 &&
	$H2
	visit,2026-13-02,坏丙,,,1,昆都仑区,劳动社保,,,,,,,
	EOF2
	pt-intake -q -d l.db --as-of 2026-11-23 --rejects rj2.csv fa.csv fb.csv fc.csv fa.csv >out 2>err
'

test_expect_success 'each block of the rejects has its own input header' '
	cat >expect <<-EOF2 &&
	file,line,reason,$H
	fa.csv,3,bad date '\''2026-13-01'\'' in column received,2026-13-01,visit,坏甲,,,1,昆都仑区,劳动社保,,,,,,,
	file,line,reason,$H2
	fb.csv,2,"unknown channel '\''pigeon'\'' (letter, visit, online, phone, sms, fax, video)",pigeon,2026-03-02,坏乙,,,1,昆都仑区,劳动社保,,,,,,,
	fc.csv,2,bad date '\''2026-13-02'\'' in column received,visit,2026-13-02,坏丙,,,1,昆都仑区,劳动社保,,,,,,,
	file,line,reason,$H
	fa.csv,3,bad date '\''2026-13-01'\'' in column received,2026-13-01,visit,坏甲,,,1,昆都仑区,劳动社保,,,,,,,
	EOF2
	test_cmp expect rj2.csv
'

test_expect_code 65 'pt-update: rejects from inputs with their columns in other orders' '
	printf "case_id,event,date\n2026-000001,frobnicate,2026-03-03\n" >ea.csv &&
	printf "event,case_id,date\nfrobnicate,2026-000001,2026-03-04\n" >eb.csv &&
	pt-update -q -d l.db --rejects rj3.csv ea.csv eb.csv >out 2>err
'

test_expect_success 'pt-update: each block of the rejects has its own input header' '
	cat >expect <<-\EOF2 &&
	file,line,reason,case_id,event,date
	ea.csv,2,case 2026-000001: unknown event '\''frobnicate'\'',2026-000001,frobnicate,2026-03-03
	file,line,reason,event,case_id,date
	eb.csv,2,case 2026-000001: unknown event '\''frobnicate'\'',frobnicate,2026-000001,2026-03-04
	EOF2
	test_cmp expect rj3.csv
'

test_expect_success 'later inputs refused: a bad header, an empty file, a truncated gzip' '
	cat >ok.csv <<-EOF2 &&
	$H
	2026-03-05,visit,丁,,,1,昆都仑区,劳动社保,,,,,,,ok
	2026-13-05,visit,坏丁,,,1,昆都仑区,劳动社保,,,,,,,
	EOF2
	printf "received,channel,nosuch\n2026-03-05,visit,x\n" >badhdr.csv &&
	: >empty.csv &&
	{ cat ok.csv ok.csv ok.csv | gzip -c >whole.gz; } &&
	head -c 40 whole.gz >trunc.gz &&
	for bad in badhdr.csv empty.csv trunc.gz
	do
		rm -f s.db rj4.csv &&
		{ pt-intake -d s.db --as-of 2026-11-23 --rejects rj4.csv ok.csv $bad >out 2>err.$bad; echo $? >rc.$bad; } &&
		echo 65 >expect &&
		test_cmp expect rc.$bad &&
		tail -n 1 err.$bad >last &&
		echo "pt-intake: 1 added, 1 rejected, 0 already in the ledger" >expect &&
		test_cmp expect last &&
		grep -c "^ok.csv,3," rj4.csv >n &&
		echo 1 >expect &&
		test_cmp expect n &&
		test "$(sqlite3 s.db "SELECT count(*) FROM cases")" = 1 || exit 1
	done &&
	grep -q "^pt-intake: badhdr.csv:1: " err.badhdr.csv &&
	grep -q "^pt-intake: empty.csv: empty input, no header" err.empty.csv &&
	grep -q "^pt-intake: trunc.gz:" err.trunc.gz
'

test_expect_success 'a refused first input: its one message, no ledger, the rejects empty' '
	{ pt-intake -d f.db --rejects rj5.csv badhdr.csv ok.csv >out 2>err; echo $? >rc; } &&
	echo 65 >expect &&
	test_cmp expect rc &&
	test ! -e f.db &&
	test -e rj5.csv &&
	test ! -s rj5.csv &&
	cat >expect <<-\EOF &&
	pt-intake: badhdr.csv:1: unknown column '\''nosuch'\'' (--ignore-unknown skips it)
	pt-intake: badhdr.csv:1: required column '\''name'\'' (姓名) is missing
	pt-intake: badhdr.csv:1: required column '\''region'\'' (问题属地) is missing
	pt-intake: badhdr.csv:1: required column '\''category'\'' (问题类别) is missing
	EOF
	test_cmp expect err
'

test_expect_success 'a rejects file that cannot be written is said after a refused later input' '
	test -w /dev/full &&
	{ pt-intake -d g.db --as-of 2026-11-23 --rejects /dev/full ok.csv badhdr.csv >out 2>err; echo $? >rc; } &&
	echo 74 >expect &&
	test_cmp expect rc &&
	grep -q "^pt-intake: /dev/full: write error" err
'

test_expect_success 'a pipe whose header is refused leaves no ledger, as a file does' '
	{ cat badhdr.csv | pt-intake -d pipe.db >out 2>err; echo $? >rc; } &&
	echo 65 >expect &&
	test_cmp expect rc &&
	test ! -e pipe.db
'

test_expect_success 'a pipe: the ledger is created once its header is there, before its end' '
	mkfifo h.fifo &&
	{ pt-intake -q -d h.db --as-of 2026-11-23 <h.fifo >h.out 2>h.err & } &&
	exec 3>h.fifo &&
	printf "%s\n" "$H" >&3 &&
	i=0 && while [ $i -lt 300 ] && ! [ -e h.db ]; do
		sleep 0.1 && i=$((i + 1)) || exit 1; done &&
	test -e h.db &&
	printf "%s\n" "2026-03-06,visit,戊,,,1,昆都仑区,劳动社保,,,,,,,ok" >&3 &&
	exec 3>&- && { wait $!; test $? = 0; } &&
	test "$(sqlite3 h.db "SELECT count(*) FROM cases")" = 1
'

test_expect_success 'pt-assign: a value or column quoted from its rules file is masked' '
	printf "region,unit,13812341234\n*,x,\n" >r1.csv &&
	printf "level,unit\n138-1234-1234,x\n" >r2.csv &&
	for r in r1 r2
	do
		{ pt-assign -q -d l.db --rules $r.csv </dev/null >/dev/null 2>>rules.err; echo $? >>rrc; } || exit 1
	done &&
	printf "65\n65\n" >expect &&
	test_cmp expect rrc &&
	test_no_match -e 13812341234 -e 1234-1234 rules.err &&
	test "$(grep -c "138\*" rules.err)" = 2
'

test_done
