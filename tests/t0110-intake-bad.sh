#!/bin/sh
# pt-intake on bad input: every row ends in the ledger or the rejects.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >bad.csv <<EOF2
$H
2026-03-02,visit,好行,,,1,昆都仑区,劳动社保,,,,,,,ok
2026-13-01,visit,坏日期,,,1,昆都仑区,劳动社保,,,,,,,
2026-03-02,pigeon,坏渠道,,,1,昆都仑区,劳动社保,,,,,,,
2026-03-02,visit,坏身份证,150202196807311008,,1,昆都仑区,劳动社保,,,,,,,
2026-03-02,visit,负人数,,,-3,昆都仑区,劳动社保,,,,,,,
2026-03-02,visit,,,,1,昆都仑区,劳动社保,,,,,,,
2026-03-02,visit,坏层级,,,1,昆都仑区,劳动社保,moon,,,,,,
2026-03-02,visit,短行,,,1
2026-03-02,visit,坏电话,,call-me,1,昆都仑区,劳动社保,,,,,,,
2026-02-30,visit,无此日,,,1,昆都仑区,劳动社保,,,,,,,
2026-03-02,visit,期限早于登记,,,1,昆都仑区,劳动社保,,,2026-01-01,,,,
2026-03-02,letter,好行二,,,1,昆都仑区,劳动社保,,,,,,,ok
EOF2

test_expect_code 65 'bad rows are rejected, good ones kept, exit 65' '
	pt-intake -q -d l.db --as-of 2026-11-23 --rejects rj.csv bad.csv >out.csv 2>err
'

test_expect_success 'each rejected row is named by file, line and reason' '
	cat >expect <<-\EOF2 &&
	pt-intake: bad.csv:3: bad date '\''2026-13-01'\'' in column received
	pt-intake: bad.csv:4: unknown channel '\''pigeon'\'' (letter, visit, online, phone, sms, fax, video)
	pt-intake: bad.csv:5: ID number check digit is wrong: '\''150202********1008'\'' in column id_number
	pt-intake: bad.csv:6: bad count '\''-3'\'' in column persons (a whole number, 1 or more)
	pt-intake: bad.csv:7: empty column name
	pt-intake: bad.csv:8: unknown level '\''moon'\'' (county, city, province, national)
	pt-intake: bad.csv:9: 6 fields where the header has 15
	pt-intake: bad.csv:10: bad phone number '\''*****me'\'' in column phone
	pt-intake: bad.csv:11: bad date '\''2026-02-30'\'' in column received
	pt-intake: bad.csv:12: due date '\''2026-01-01'\'' is before the received date
	EOF2
	test_cmp expect err
'

test_expect_success 'the rejects file holds the original rows with line and reason' '
	test "$(head -n 1 rj.csv)" = "file,line,reason,$H" &&
	test "$(wc -l <rj.csv)" = 11 &&
	grep -q "^bad.csv,9,6 fields where the header has 15,2026-03-02,visit,短行,,,1\$" rj.csv &&
	grep -q "^bad.csv,5,.*,150202196807311008," rj.csv
'

test_expect_success 'a rejected row is kept as read, blanks and all' '
	printf "received,channel,name,region,category\n2026-01-01,  pigeon  ,a,r,c\n" >sp.csv &&
	{ pt-intake -q -d sp.db --as-of 2026-11-23 --rejects sp-rj.csv sp.csv >/dev/null 2>&1; test $? = 65; } &&
	test "$(tail -n 1 sp-rj.csv)" = "sp.csv,2,\"unknown channel '\''pigeon'\'' (letter, visit, online, phone, sms, fax, video)\",2026-01-01,  pigeon  ,a,r,c"
'

test_expect_success 'a missing second input stops before anything is registered' '
	{ pt-intake -d two.db bad.csv no-such.csv 2>err; test $? = 66; } &&
	grep -q "^pt-intake: no-such.csv: No such file or directory" err &&
	test ! -e two.db
'

test_expect_success '--rejects naming an input is refused before it is truncated' '
	cp bad.csv same.csv &&
	{ pt-intake -d same.db --rejects same.csv same.csv 2>err; test $? = 64; } &&
	cmp bad.csv same.csv
'

test_expect_success 'a ledger that cannot be created exits 73' '
	{ pt-intake -d no/such/dir/l.db bad.csv 2>err; test $? = 73; } &&
	grep -q "no/such/dir/l.db: cannot create" err
'

test_expect_success 'added + rejected + already present = rows read' '
	test "$(sqlite3 l.db "SELECT count(*) FROM cases")" = 2 &&
	test "$(($(wc -l <rj.csv) - 1 + $(wc -l <out.csv) - 1))" = 12
'

test_expect_success 'a generated file with every 7th row bad balances exactly' '
	"$PT_BIN/gen-petitions" -n 700 -s 9 --bad-every 7 >g.csv &&
	{ pt-intake -d g.db --as-of 2030-01-01 --rejects g-rj.csv g.csv >g-out.csv 2>g-err; test $? = 65; } &&
	grep -q "^pt-intake: 600 added, 100 rejected, 0 already in the ledger$" g-err &&
	test "$(wc -l <g-rj.csv)" = 101 &&
	grep -q "^pt-intake: 80 more rejected rows in g-rj.csv$" g-err &&
	{ pt-intake -d g.db --as-of 2030-01-01 g.csv >/dev/null 2>g-err2; test $? = 65; } &&
	grep -q "0 added, 100 rejected, 600 already in the ledger" g-err2
'

test_expect_code 65 'an empty file is bad input' '
	: >empty.csv && pt-intake -d e.db empty.csv 2>err && false
'

test_expect_success 'the empty file message names the file' '
	grep -q "^pt-intake: empty.csv: empty input, no header$" err
'

test_expect_success 'a header alone adds nothing and succeeds' '
	echo "$H" >hdr.csv &&
	pt-intake -d e.db hdr.csv >out 2>err &&
	grep -q "0 added, 0 rejected, 0 already" err
'

test_expect_success 'an unknown column is an error unless --ignore-unknown' '
	printf "%s,colour\n2026-03-02,visit,甲,,,1,r,c,,,,,,,,red\n" "$H" >unk.csv &&
	{ pt-intake -d u.db --as-of 2026-11-23 unk.csv 2>err; test $? = 65; } &&
	grep -q "^pt-intake: unk.csv:1: unknown column .colour. (--ignore-unknown skips it)$" err &&
	test ! -e u.db &&
	pt-intake -q -d u.db --as-of 2026-11-23 --ignore-unknown unk.csv >/dev/null &&
	test "$(sqlite3 u.db "SELECT count(*) FROM cases")" = 1
'

test_expect_success 'a duplicate or missing required column is an error' '
	printf "received,channel,name,region,category,姓名\n" >dup.csv &&
	{ pt-intake -d d.db dup.csv 2>err; test $? = 65; } &&
	grep -q "dup.csv:1: column .name. appears twice" err &&
	printf "received,channel,name,region\n" >miss.csv &&
	{ pt-intake -d d.db miss.csv 2>err; test $? = 65; } &&
	grep -q "miss.csv:1: required column .category. (问题类别) is missing" err
'

test_expect_success 'every problem of a header is said at once, one line each, then one exit 65' '
	printf "received,姓名,colour,name,shade,category,备注\n2026-03-02,甲,red,甲,x,c,y\n" >all.csv &&
	{ pt-intake -d all.db --as-of 2026-11-23 all.csv >out 2>err; echo $? >rc; } &&
	echo 65 >expect &&
	test_cmp expect rc &&
	cat >expect <<-\EOF2 &&
	pt-intake: all.csv:1: column '\''name'\'' appears twice
	pt-intake: all.csv:1: unknown column '\''colour'\'' (--ignore-unknown skips it)
	pt-intake: all.csv:1: unknown column '\''shade'\'' (--ignore-unknown skips it)
	pt-intake: all.csv:1: unknown column '\''备注'\'' (--ignore-unknown skips it)
	pt-intake: all.csv:1: required column '\''channel'\'' (信访形式) is missing
	pt-intake: all.csv:1: required column '\''region'\'' (问题属地) is missing
	EOF2
	test_cmp expect err &&
	test ! -e all.db
'

test_expect_success 'with --ignore-unknown the header problems left are still all said' '
	{ pt-intake -d all.db --ignore-unknown all.csv >out 2>err; test $? = 65; } &&
	test "$(wc -l <err)" = 3 &&
	grep -c "is missing$" err >n &&
	echo 2 >expect &&
	test_cmp expect n
'

test_expect_success 'an unclosed quote rejects its line; the lines after it are read' '
	printf "%s\n2026-03-02,visit,a,,,1,r,c,,,,,,,ok\n2026-03-02,visit,\"b,,,1,r,c,,,,,,,x\n2026-03-03,visit,c,,,1,r,c,,,,,,,y\n" "$H" >uq.csv &&
	{ pt-intake -d uq.db --as-of 2026-11-23 uq.csv 2>err; test $? = 65; } &&
	grep -q "^pt-intake: uq.csv:3: quoted field never closed in column name" err &&
	grep -q "2 added, 1 rejected" err
'

test_expect_success 'a NUL byte rejects its row' '
	printf "%s\n2026-03-02,visit,a\000b,,,1,r,c,,,,,,,\n2026-03-02,visit,ok,,,1,r,c,,,,,,,\n" "$H" >nul.csv &&
	{ pt-intake -d nul.db --as-of 2026-11-23 --rejects nrj.csv nul.csv 2>err; test $? = 65; } &&
	grep -q "nul.csv:2: NUL byte in column name" err &&
	grep -q "a\\\\x00b" nrj.csv &&
	test "$(sqlite3 nul.db "SELECT name FROM cases")" = ok
'

test_expect_success 'a 10 MB field is rejected with its line; later rows are kept' '
	{
		echo "$H" &&
		printf "2026-03-02,visit,a,,,1,r,c,,,,,,," &&
		head -c 10485760 /dev/zero | tr "\\000" x &&
		printf "\n2026-03-03,visit,b,,,1,r,c,,,,,,,fine\n"
	} >big.csv &&
	{ pt-intake -d big.db --as-of 2026-11-23 big.csv >/dev/null 2>err; test $? = 65; } &&
	grep -q "big.csv:2: field longer than 1 MiB in column summary" err &&
	test "$(sqlite3 big.db "SELECT name FROM cases")" = b
'

test_expect_success 'a received date after --as-of is refused' '
	printf "%s\n2026-12-02,visit,a,,,1,r,c,,,,,,,\n" "$H" >fut.csv &&
	{ pt-intake -d fut.db --as-of 2026-11-23 fut.csv 2>err; test $? = 65; } &&
	grep -q "fut.csv:2: date .2026-12-02. in column received is after the as-of date" err
'

test_expect_success 'a file that is not a ledger is refused' '
	echo "not sqlite" >notdb &&
	{ pt-intake -d notdb bad.csv 2>err; test $? = 65; } &&
	grep -q "^pt-intake: notdb: not a pt ledger" err
'

test_done
