#!/bin/sh
# pt-intake: registering petitions, the kinds of case, re-runs, formats.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >basic.csv <<EOF2
$H
2026-03-02,visit,王建国,150202196807311007,13912341234,1,昆都仑区,劳动社保,city,,,,no,,反映社保断缴
2026-03-05 09:30,letter,李秀英,,,12,青山区,城乡建设,county,,,,no,积案;重点,联名反映道路失修
2026-03-09,visit,王建国,150202196807311007,13912341234,1,昆都仑区,劳动社保,city,,,,no,,再次反映社保断缴
2026-03-10,visit,张伟,150221194310033398,,30,东河区,企业改制,province,,,,no,,集体反映改制安置
2026-03-11,online,赵敏,,13800001111,1,九原区,土地征用,national,central,2026-04-01,ZY-1,no,,中央交办
EOF2

test_expect_success 'registers every row and prints the new cases' '
	pt-intake -d l.db --as-of 2026-11-23 basic.csv >out.csv 2>err &&
	test "$(wc -l <out.csv)" = 6 &&
	grep -q "^pt-intake: 5 added, 0 rejected, 0 already in the ledger$" err &&
	csv_col out.csv case_id >ids &&
	printf "2026-000001\n2026-000002\n2026-000003\n2026-000004\n2026-000005\n" >expect &&
	test_cmp expect ids
'

test_expect_success 'kind: first, repeat (linked to its first case), referred' '
	csv_col out.csv kind >kinds &&
	printf "first\nfirst\nrepeat\nfirst\nreferred\n" >expect &&
	test_cmp expect kinds &&
	test "$(sqlite3 l.db "SELECT first_case FROM case_view WHERE case_id = '\''2026-000003'\''")" = 2026-000001
'

test_expect_success 'repeats across runs: by ID number, else by name and phone' '
	printf "%s\n" "$H" "2026-04-01,visit,孙丽,150202196807311007,13700000000,1,青山区,教育,,,,,,," >r1.csv &&
	printf "%s\n" "$H" \
		"2026-04-02,phone,孙丽,,13700000000,1,青山区,教育,,,,,,,no ID: same name and phone" \
		"2026-04-03,visit,孙丽,150221194310033398,13700000000,1,青山区,教育,,,,,,,another ID" \
		"2026-04-04,letter,孙丽,150202196807311007,,1,青山区,教育,,province,,,,,referred" \
		"2026-04-05,visit,孙丽,150202196807311007,,1,青山区,医疗卫生,,,,,,,other matter" >r2.csv &&
	pt-intake -q -d r.db --as-of 2026-11-23 r1.csv >/dev/null &&
	pt-intake -q -d r.db --as-of 2026-11-23 r2.csv >/dev/null &&
	sqlite3 r.db "SELECT case_id, kind, ifnull(first_case, \"-\") FROM case_view ORDER BY id" >got &&
	printf "%s\n" "2026-000001|first|-" "2026-000002|repeat|2026-000001" \
		"2026-000003|first|-" "2026-000004|referred|2026-000001" "2026-000005|first|-" >expect &&
	test_cmp expect got
'

test_expect_success 'collective visits are persons >= 5 on a visit, not joint letters' '
	csv_col out.csv collective >coll &&
	printf "no\nno\nno\nyes\nno\n" >expect &&
	test_cmp expect coll
'

test_expect_success 'the acceptance deadline is 15 days after receipt' '
	csv_col out.csv due >due &&
	printf "2026-03-17\n2026-03-20\n2026-03-24\n2026-03-25\n2026-03-26\n" >expect &&
	test_cmp expect due
'

test_expect_success 'ID numbers and phones are masked unless --unmask' '
	grep -q "150202\*\*\*\*\*\*\*\*1007" out.csv &&
	grep -q "139\*\*\*\*1234" out.csv &&
	! grep -q 150202196807311007 out.csv &&
	pt-intake -q -d u.db --as-of 2026-11-23 --unmask basic.csv >full.csv &&
	grep -q 150202196807311007 full.csv
'

test_expect_success 'the ledger holds full values, tags and the register event' '
	test "$(sqlite3 l.db "SELECT id_number FROM case_view WHERE case_id = \"2026-000001\"")" = 150202196807311007 &&
	test "$(sqlite3 l.db "SELECT group_concat(tag, \"+\") FROM (SELECT tag FROM case_tags ORDER BY tag)")" = "积案+重点" &&
	test "$(sqlite3 l.db "SELECT event || \" \" || date || \" \" || tool || \" \" || by FROM event_view WHERE case_id = \"2026-000002\"")" = "register 2026-03-05 pt-intake tester"
'

test_expect_success 'a new ledger is created with mode 0600' '
	test "$(stat -c %a l.db)" = 600
'

test_expect_success 'running the same input again adds nothing' '
	pt-intake -d l.db --as-of 2026-11-23 basic.csv >again.csv 2>err &&
	grep -q "0 added, 0 rejected, 5 already in the ledger" err &&
	test "$(wc -l <again.csv)" = 1 &&
	test "$(sqlite3 l.db "SELECT count(*) FROM cases")" = 5
'

test_expect_success 'a changed row without ext_id is new; one with a known ext_id is a conflict' '
	sed "s/再次反映社保断缴/第三次反映/; s/中央交办/中央交办（更正）/" basic.csv >changed.csv &&
	{ pt-intake -d l.db --as-of 2026-11-23 changed.csv >/dev/null 2>err; test $? = 65; } &&
	grep -q "changed.csv:6: ext_id ZY-1 is case 2026-000005, registered with other values" err &&
	grep -q "1 added, 1 rejected, 3 already" err
'

test_expect_success 'rows in the ledger, or twice in one input, are skipped; repeats link past them; an ext_id twice with other values is rejected' '
	printf "%s\n" "$H" \
		"2026-05-01,visit,周平,150202196807311007,,1,东河区,环境保护,,,,E1,,,first of its matter" >p1.csv &&
	printf "%s\n" "$H" \
		"2026-05-01,visit,周平,150202196807311007,,1,东河区,环境保护,,,,E1,,,first of its matter" \
		"2026-05-03,visit,周平,150202196807311007,,1,东河区,环境保护,,,,E2,,,again" \
		"2026-05-04,letter,吴刚,150221194310033398,,1,东河区,环境保护,,,,,,,no ext_id" \
		"2026-05-04,letter,吴刚,150221194310033398,,1,东河区,环境保护,,,,,,,no ext_id" \
		"2026-05-05,letter,吴刚,150221194310033398,,1,东河区,环境保护,,,,E2,,,E2 twice" \
		"2026-05-06,letter,吴刚,150221194310033398,,1,东河区,环境保护,,,,,,,again" >p2.csv &&
	pt-intake -q -d p.db --as-of 2026-11-23 p1.csv >/dev/null &&
	{ pt-intake -d p.db --as-of 2026-11-23 p2.csv >p2.out 2>err; test $? = 65; } &&
	grep -q "^pt-intake: p2.csv:6: ext_id E2 is case 2026-000002, registered with other values$" err &&
	grep -q "^pt-intake: 3 added, 1 rejected, 2 already in the ledger$" err &&
	csv_col p2.out case_id >printed &&
	printf "%s\n" 2026-000002 2026-000003 2026-000004 >expect &&
	test_cmp expect printed &&
	sqlite3 p.db "SELECT case_id, kind, ifnull(first_case, \"-\"), ifnull(ext_id, \"-\")
		FROM case_view ORDER BY id" >got &&
	printf "%s\n" "2026-000001|first|-|E1" "2026-000002|repeat|2026-000001|E2" \
		"2026-000003|first|-|-" "2026-000004|repeat|2026-000003|-" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 p.db "SELECT count(*) FROM matters_recent")" = 2 &&
	test "$(sqlite3 p.db "SELECT count(*) FROM matters")" = 0
'

test_expect_success 'every reference pt-intake writes holds (PRAGMA foreign_key_check)' '
	for db in l.db r.db p.db; do
		test "$(sqlite3 $db "PRAGMA foreign_key_check")" = "" &&
		test "$(sqlite3 $db "SELECT count(*) FROM cases WHERE first_case IS NOT NULL")" -gt 0 ||
		exit 1
	done
'

test_expect_success 'the batch waits in an unlinked file in TMPDIR, gone after the run' '
	mkdir tmp &&
	TMPDIR=$PWD/tmp pt-intake -q -d t.db --as-of 2026-11-23 basic.csv >/dev/null &&
	test "$(sqlite3 t.db "SELECT count(*) FROM cases")" = 5 &&
	test -z "$(ls -A tmp)"
'

test_expect_code 73 'a TMPDIR that cannot take the batch: exit 73, naming it, no ledger made' '
	TMPDIR=$PWD/no-such-dir pt-intake -q -d nt.db --as-of 2026-11-23 basic.csv 2>err ;
	rc=$? &&
	grep -q "^pt-intake: .*/no-such-dir: cannot make a temporary file: No such file or directory$" err &&
	test ! -e nt.db &&
	exit $rc
'

test_expect_success 'Chinese column names and values are accepted' '
	cat >zh.csv <<-EOF2 &&
	登记日期,信访形式,姓名,问题属地,问题类别,信访层级,人数,涉法涉诉,交办来源
	2026年3月1日,来访,刘洋,石拐区,涉法涉诉,进京,2,是,
	2026/03/02,来信,陈静,固阳县,农村农业,赴省,1,否,省
	EOF2
	pt-intake -q -d zh.db --as-of 2026-11-23 zh.csv >out &&
	sqlite3 zh.db "SELECT received, channel, level, law_related, referred_by, kind FROM cases ORDER BY id" >got &&
	printf "2026-03-01|visit|national|1||first\n2026-03-02|letter|province|0|province|referred\n" >expect &&
	test_cmp expect got
'

test_expect_success 'TSV is told apart from the header; -t prints TSV' '
	tr , "\t" <basic.csv >basic.tsv &&
	pt-intake -q -t -d tsv.db --as-of 2026-11-23 basic.tsv >out.tsv &&
	test "$(head -n 1 out.tsv | cut -f 1,2)" = "$(printf "case_id\treceived")" &&
	test "$(sqlite3 tsv.db "SELECT count(*) FROM cases")" = 5
'

test_expect_success 'a BOM and CRLF line ends are read as plain CSV' '
	{ printf "\357\273\277" && sed "s/\$/\r/" basic.csv; } >bom.csv &&
	pt-intake -q -d bom.db --as-of 2026-11-23 bom.csv >/dev/null &&
	test "$(sqlite3 bom.db "SELECT summary FROM case_view WHERE case_id = \"2026-000001\"")" = 反映社保断缴
'

test_expect_success 'gzip input is read by its magic bytes, from a file and from stdin' '
	gzip -c basic.csv >basic.dat &&
	pt-intake -q -d gz.db --as-of 2026-11-23 basic.dat >/dev/null &&
	test "$(sqlite3 gz.db "SELECT count(*) FROM cases")" = 5 &&
	gzip -c basic.csv | pt-intake -q -d gz2.db --as-of 2026-11-23 >/dev/null &&
	test "$(sqlite3 gz2.db "SELECT count(*) FROM cases")" = 5
'

test_expect_success 'a truncated gzip file is an error that names the file' '
	head -c 300 basic.dat >cut.gz &&
	{ pt-intake -q -d cut.db --as-of 2026-11-23 cut.gz >/dev/null 2>err; test $? = 65; } &&
	grep -q "^pt-intake: cut.gz:[0-9]*: corrupt gzip data" err
'

test_expect_success 'GB18030 input is converted with -E' '
	iconv -f UTF-8 -t GB18030 basic.csv >gb.csv &&
	pt-intake -q -d gb.db -E GB18030 --as-of 2026-11-23 gb.csv >/dev/null &&
	test "$(sqlite3 gb.db "SELECT name FROM case_view WHERE case_id = \"2026-000002\"")" = 李秀英
'

test_expect_success 'GB18030 input read as UTF-8 is caught, never stored' '
	{ pt-intake -q -d bad8.db --as-of 2026-11-23 --rejects rj.csv gb.csv >/dev/null 2>err; test $? = 65; } &&
	grep -q "^pt-intake: gb.csv:1: not valid UTF-8, but valid GB18030 .*: read it with -E GB18030$" err &&
	test "$(wc -l <err)" = 1 &&
	test ! -e bad8.db
'

test_expect_success 'bytes that are not GB18030 reject their row only' '
	{ head -n 2 gb.csv && printf "2026-03-03,visit,\\201\\060,,,1,a,b,,,,,,,\n" && tail -n 3 gb.csv; } >gbbad.csv &&
	{ pt-intake -q -d gbbad.db -E GB18030 --as-of 2026-11-23 gbbad.csv >/dev/null 2>err; test $? = 65; } &&
	grep -q "gbbad.csv:3: bytes not valid in the input encoding in column name" err &&
	test "$(sqlite3 gbbad.db "SELECT count(*) FROM cases")" = 4
'

test_expect_success 'an unknown encoding is a usage error' '
	{ pt-intake -d x.db -E NO-SUCH-CODE basic.csv 2>err; test $? = 64; } &&
	grep -q "unknown encoding" err
'

test_expect_success 'standard input when no file or "-" is named' '
	pt-intake -q -d in.db --as-of 2026-11-23 - <basic.csv >/dev/null &&
	test "$(sqlite3 in.db "SELECT count(*) FROM cases")" = 5
'

test_expect_success 'JSON Lines output' '
	pt-intake -q --format jsonl -d js.db --as-of 2026-11-23 basic.csv >out.jsonl &&
	test "$(wc -l <out.jsonl)" = 5 &&
	grep -q "^{\"case_id\":\"2026-000004\",.*\"persons\":30,.*\"kind\":\"first\"" out.jsonl &&
	grep -q "\"referred_by\":null" out.jsonl
'

test_expect_success '--excel neutralises formulas, --bom starts with a BOM' '
	printf "%s\n2026-03-02,visit,=cmd|x,,,1,@A1,+1,,,,,,,-2+3\n" "$H" >f.csv &&
	pt-intake -q --excel --bom -d xl.db --as-of 2026-11-23 f.csv >xl.csv &&
	head -c 3 xl.csv | od -An -tx1 | grep -q "ef bb bf" &&
	grep -q ",'\''=cmd|x," xl.csv &&
	grep -q ",'\''@A1,'\''+1," xl.csv &&
	grep -q ",'\''-2+3\$" xl.csv
'

test_expect_success 'a quoted field may hold commas, quotes and newlines' '
	printf "%s\n2026-03-02,visit,a,,,1,r,c,,,,,,,\"line one,\n\"\"two\"\"\"\n2026-03-03,visit,b,,,x,r,c,,,,,,,s\n" "$H" >q.csv &&
	{ pt-intake -q -d q.db --as-of 2026-11-23 q.csv >/dev/null 2>err; test $? = 65; } &&
	grep -q "^pt-intake: q.csv:4: bad count .x. in column persons" err &&
	test "$(sqlite3 q.db "SELECT summary FROM cases")" = "$(printf "line one,\n\"two\"")"
'

test_expect_success 'reading a missing file exits 66' '
	{ pt-intake -d m.db no-such.csv 2>err; test $? = 66; } &&
	grep -q "^pt-intake: no-such.csv: No such file or directory" err
'

test_expect_success 'a closed pipe ends the output quietly and registers everything' '
	"$PT_BIN/gen-petitions" -n 3000 -s 5 >many.csv &&
	{ pt-intake -d pipe.db --as-of 2030-01-01 many.csv 2>err; echo $? >rc; } |
		head -n 2 >/dev/null &&
	test "$(cat rc)" = 0 &&
	echo "pt-intake: 3000 added, 0 rejected, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(sqlite3 pipe.db "SELECT count(*) FROM cases")" = 3000
'

test_expect_code 74 'a full disk on standard output is an error (exit 74)' '
	pt-intake -q -d full.db --as-of 2026-11-23 basic.csv >/dev/full
'

test_expect_success 'source and receiver are stored, and printed at the end only when the header has them' '
	printf "%s\n" "received,channel,name,region,category,source,receiver" \
		"2026-05-06,visit,周平,青山区,城乡建设,巡视组,李局长" \
		"2026-05-07,letter,吴刚,青山区,城乡建设,12345," >src.csv &&
	pt-intake -q -d src.db --as-of 2026-11-23 src.csv >src-out.csv &&
	head -n 1 src-out.csv | grep -q ",due,summary,source,receiver$" &&
	csv_col src-out.csv source >got &&
	printf "巡视组\n12345\n" >expect &&
	test_cmp expect got &&
	sqlite3 src.db "SELECT source, ifnull(receiver, \"-\") FROM cases ORDER BY id" >got &&
	printf "巡视组|李局长\n12345|-\n" >expect &&
	test_cmp expect got &&
	head -n 1 out.csv >got &&
	echo "case_id,received,channel,name,id_number,phone,persons,region,category,level,referred_by,ext_id,law_related,tags,kind,first_case,collective,stage,due,summary" >expect &&
	test_cmp expect got
'

test_expect_success 'channels fax and video, 上访 a visit, 微信 and APP online' '
	printf "%s\n" "received,channel,name,region,category" \
		"2026-05-06,fax,甲,青山区,城乡建设" "2026-05-06,传真,乙,青山区,城乡建设" \
		"2026-05-06,视频接访,丙,青山区,城乡建设" "2026-05-06,video,丁,青山区,城乡建设" \
		"2026-05-06,上访,戊,青山区,城乡建设" "2026-05-06,微信,己,青山区,城乡建设" \
		"2026-05-06,APP,庚,青山区,城乡建设" >ch.csv &&
	pt-intake -q -d ch.db --as-of 2026-11-23 ch.csv >ch-out.csv &&
	csv_col ch-out.csv channel >got &&
	printf "fax\nfax\nvideo\nvideo\nvisit\nonline\nonline\n" >expect &&
	test_cmp expect got
'

test_expect_success '--disputes stores dispute = 1 and marks the output' '
	printf "%s\n" "$H" "2026-06-01,visit,钱多,150202196807311007,,1,青山区,邻里纠纷,,,,,,,宅基地" >d1.csv &&
	pt-intake -q -d d.db --as-of 2026-11-23 --disputes d1.csv >d-out.csv &&
	head -n 1 d-out.csv | grep -q ",summary,dispute$" &&
	test "$(csv_col d-out.csv dispute)" = yes &&
	test "$(csv_col d-out.csv kind)" = first &&
	test "$(sqlite3 d.db "SELECT dispute FROM cases")" = 1
'

test_expect_success 'a petition of the same person and matter is not a repeat of a dispute' '
	pt-intake -q -d d.db --as-of 2026-11-23 d1.csv >p-out.csv &&
	test "$(csv_col p-out.csv kind)" = first &&
	test "$(csv_col p-out.csv first_case)" = "" &&
	sqlite3 d.db "SELECT case_id, dispute, kind FROM case_view ORDER BY id" >got &&
	printf "2026-000001|1|first\n2026-000002|0|first\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a later dispute of the same person and matter repeats the dispute, not the petition' '
	printf "%s\n" "$H" "2026-06-09,visit,钱多,150202196807311007,,1,青山区,邻里纠纷,,,,,,,又来" >d2.csv &&
	pt-intake -q -d d.db --as-of 2026-11-23 --disputes d2.csv >d2-out.csv &&
	test "$(csv_col d2-out.csv kind)" = repeat &&
	test "$(csv_col d2-out.csv first_case)" = 2026-000001 &&
	pt-intake -q -d d.db --as-of 2026-11-23 d2.csv >p2-out.csv &&
	test "$(csv_col p2-out.csv first_case)" = 2026-000002
'

# Batches of 50,000 rows: each is written by a thread of its own while the
# next is read.  110,000 rows with, in the second batch, a conflict whose
# ext_id is a case of the first and a row that repeats one of the second's;
# the same input with --history is written a batch at a time, in turn.
test_expect_success 'three batches written while the next is read: as if written in turn' '
	gen-petitions -n 110000 -s 9 >all.csv &&
	k=$(awk "NR > 1000 && !/\"/ { print NR; exit }" all.csv) &&
	ext=$(sed -n "${k}p" all.csv | cut -d, -f12) &&
	{
		sed -n 1,60001p all.csv &&
		sed -n "${k}p" all.csv | sed "s/,[^,]*\$/,改过的诉求/" &&
		sed -n 50002p all.csv &&
		sed -n "60002,\$p" all.csv
	} >three.csv &&
	{ pt-intake -d three.db --as-of 2030-12-31 three.csv >three.out 2>three.err; test $? = 65; } &&
	{ pt-intake -d turn.db --history --as-of 2030-12-31 three.csv >turn.out 2>turn.err; test $? = 65; } &&
	held=$(sqlite3 three.db "SELECT case_id FROM cases WHERE ext_id = '\''$ext'\''") &&
	test -n "$held" && test "$held" != 2025-000001 &&
	grep -q "^pt-intake: three.csv:60002: ext_id .* is case $held, registered with other values$" three.err &&
	grep -q "^pt-intake: 110000 added, 1 rejected, 1 already in the ledger$" three.err &&
	test_cmp turn.err three.err &&
	test_cmp turn.out three.out &&
	test "$(wc -l <three.out)" = 110001 &&
	q="SELECT id, ext_id, kind, first_case, due, run FROM cases ORDER BY id" &&
	sqlite3 three.db "$q" >three.rows && sqlite3 turn.db "$q" >turn.rows &&
	test_cmp turn.rows three.rows &&
	q="SELECT 1, * FROM matters UNION ALL SELECT 2, * FROM matters_recent ORDER BY 1, 2" &&
	sqlite3 three.db "$q" >three.m && sqlite3 turn.db "$q" >turn.m &&
	test_cmp turn.m three.m &&
	# repeats in later batches of cases in the first (2025-000001 ... 2025-050000)
	test "$(sqlite3 three.db "SELECT count(*) FROM cases WHERE kind = '\''repeat'\''
		AND first_case <= 2025 * 100000000 + 50000 AND id > 2025 * 100000000 + 50000")" -gt 100
'

# 260,000 rows: the first five batches file 350,000-odd keys in
# matters_recent, which then joins matters (it holds 300,000 keys or more,
# and matters none); the sixth files its own in matters_recent.  A later
# run finds a petitioner in either.
test_expect_success 'matters filed before and after matters_recent joined matters are found' '
	gen-petitions -n 260000 -s 11 >big.csv &&
	pt-intake -q -d big.db --as-of 2030-12-31 big.csv >/dev/null &&
	test "$(sqlite3 big.db "SELECT count(*) FROM matters")" -gt 300000 &&
	test "$(sqlite3 big.db "SELECT count(*) FROM matters_recent")" -gt 1000 &&
	test "$(sqlite3 big.db "SELECT count(*) FROM matters JOIN matters_recent USING (key)")" = 0 &&
	sqlite3 -csv -header big.db "SELECT '\''2030-12-30 09:00'\'' AS received, channel, name,
		id_number, phone, persons, region, category, level, ext_id AS summary,
		'\''R'\'' || id AS ext_id FROM cases WHERE id IN
		(SELECT id FROM cases WHERE id_number IS NOT NULL ORDER BY received, id LIMIT 20)
		OR id IN (SELECT id FROM cases WHERE id_number IS NOT NULL
		ORDER BY received DESC, id DESC LIMIT 20)" >again.csv &&
	test "$(wc -l <again.csv)" = 41 &&
	pt-intake -q -d big.db --as-of 2030-12-31 again.csv >again.out &&
	test "$(csv_col again.out kind | sort | uniq -c | tr -s " ")" = " 40 repeat" &&
	test "$(sqlite3 big.db "SELECT count(*) FROM cases n JOIN cases o
		ON n.ext_id = '\''R'\'' || o.id WHERE n.first_case = coalesce(o.first_case, o.id)")" = 40
'

# wait_cases DB N: wait (at most 60 s) until DB holds N cases.
wait_cases() {
	i=0
	while [ "$(sqlite3 "$1" "SELECT count(*) FROM cases" 2>/dev/null)" != "$2" ]; do
		i=$((i + 1))
		[ $i -le 600 ] || { echo "$1: never $2 cases" >&2; return 1; }
		sleep 0.1
	done
}

# A bulk intake's checkpoints run on a thread of their own while it writes
# on: the ledger file itself (read without its WAL, immutable=1) holds the
# batches committed so far while the input is still coming.
test_expect_success 'the ledger file holds the committed batches while the intake runs' '
	mkfifo ck.fifo &&
	exec 3<>ck.fifo &&
	{ pt-intake -q -d ck.db --as-of 2030-12-31 <ck.fifo >ck.out 2>ck.err 3>&- & } &&
	pid=$! &&
	head -n 100001 all.csv >&3 &&
	wait_cases "file:ck.db?immutable=1" 100000 &&
	test -f ck.db-wal &&
	sed -n "100002,\$p" all.csv >&3 &&
	exec 3>&- &&
	wait $pid &&
	test "$(sqlite3 ck.db "SELECT count(*) FROM cases")" = 110000 &&
	! test -f ck.db-wal
'

test_done
