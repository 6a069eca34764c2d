#!/bin/sh
# pt-intake: what used to be lost or leaked: a reused ext_id, invisible
# characters, impossible birth dates, personal data in messages, a ledger
# made for a file refused, a truncated gzip file without its summary.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
BOM=$(printf "\357\273\277")
ZWSP=$(printf "\342\200\213")
ZWNJ=$(printf "\342\200\214")
ZWJ=$(printf "\342\200\215")
WJ=$(printf "\342\201\240")
IDSP=$(printf "\343\200\200")
NBSP=$(printf "\302\240")

# --- an ext_id is one petition ----------------------------------------------

test_expect_success 'set-up: one case with ext_id E1' '
	printf "%s\n" "$H" "2026-03-02,visit,王五,,,1,昆都仑区,劳动社保,,,,E1,,,第一件" >e1.csv &&
	pt-intake -q -d x.db --as-of 2026-11-23 e1.csv >/dev/null
'

test_expect_success 'the same ext_id with the same values is a re-run: already, exit 0' '
	pt-intake -d x.db --as-of 2026-11-23 e1.csv >out 2>err &&
	echo "pt-intake: 0 added, 0 rejected, 1 already in the ledger" >expect &&
	test_cmp expect err
'

test_expect_success 'the same ext_id with other values is a conflict: rejected, exit 65' '
	printf "%s\n" "$H" "2026-03-09,letter,赵六,,,1,青山区,城乡建设,,,,E1,,,另一件" >e2.csv &&
	{ pt-intake -d x.db --as-of 2026-11-23 --rejects e2-rj.csv e2.csv >out 2>err; test $? = 65; } &&
	printf "%s\n" "pt-intake: e2.csv:2: ext_id E1 is case 2026-000001, registered with other values" \
		"pt-intake: 0 added, 1 rejected, 0 already in the ledger" >expect &&
	test_cmp expect err &&
	test "$(wc -l <out)" = 1 &&
	grep -q "^e2.csv,2,\"\\{0,1\\}ext_id E1 is case 2026-000001, registered with other values\"\\{0,1\\},2026-03-09,letter,赵六," e2-rj.csv &&
	test "$(sqlite3 x.db "SELECT count(*) FROM cases")" = 1 &&
	test "$(sqlite3 x.db "SELECT name FROM cases")" = 王五
'

test_expect_success 'within one input: an ext_id twice with other values, past a present row' '
	printf "%s\n" "$H" "2026-03-02,visit,王五,,,1,昆都仑区,劳动社保,,,,E1,,,第一件" \
		"2026-03-10,visit,孙七,,,1,东河区,教育,,,,,,,无编号" \
		"2026-03-11,visit,周八,,,1,东河区,教育,,,,E5,,,E5 之一" \
		"2026-03-12,letter,吴九,,,1,九原区,教育,,,,E5,,,E5 之二" \
		"2026-03-11,visit,周八,,,1,东河区,教育,,,,E5,,,E5 之一" >e3.csv &&
	{ pt-intake -d x.db --as-of 2026-11-23 --rejects e3-rj.csv e3.csv >out 2>err; test $? = 65; } &&
	printf "%s\n" "pt-intake: e3.csv:5: ext_id E5 is case 2026-000003, registered with other values" \
		"pt-intake: 2 added, 1 rejected, 2 already in the ledger" >expect &&
	test_cmp expect err &&
	csv_col out case_id >ids && printf "%s\n" 2026-000002 2026-000003 >expect && test_cmp expect ids &&
	test "$(sqlite3 x.db "SELECT summary FROM cases WHERE ext_id = '\''E5'\''")" = "E5 之一" &&
	test "$(wc -l <e3-rj.csv)" = 2 &&
	tail -n 1 e3-rj.csv >rj &&
	grep -q ",2026-03-12,letter,吴九,,,1,九原区,教育,,,,E5,,,E5 之二\$" rj
'

test_expect_success 'two ext_ids with the same values are two cases' '
	printf "%s\n" "$H" "2026-04-01,letter,郑十,,,1,青山区,教育,,,,F1,,,同一封信" \
		"2026-04-01,letter,郑十,,,1,青山区,教育,,,,F2,,,同一封信" \
		"2026-04-01,letter,郑十,,,1,青山区,教育,,,,,,,同一封信" >f.csv &&
	pt-intake -d x.db --as-of 2026-11-23 f.csv >/dev/null 2>err &&
	grep -q "^pt-intake: 3 added, 0 rejected, 0 already in the ledger$" err &&
	pt-intake -d x.db --as-of 2026-11-23 f.csv >/dev/null 2>err &&
	grep -q "^pt-intake: 0 added, 0 rejected, 3 already in the ledger$" err
'

test_expect_success 'a case registered without its fingerprint is compared by its values' '
	pt-intake -q -d old.db --as-of 2026-11-23 e1.csv >/dev/null &&
	sqlite3 old.db "UPDATE cases SET fingerprint = NULL" &&
	pt-intake -d old.db --as-of 2026-11-23 e1.csv >/dev/null 2>err &&
	grep -q "0 added, 0 rejected, 1 already" err &&
	{ pt-intake -d old.db --as-of 2026-11-23 e2.csv >/dev/null 2>err; test $? = 65; } &&
	grep -q "^pt-intake: e2.csv:2: ext_id E1 is case 2026-000001, registered with other values$" err
'

# --- invisible characters ---------------------------------------------------

test_expect_success 'invisible and blank characters around a value are not data' '
	printf "%s\n" "$H" \
		"2026-05-01,visit,王五,,13912341234,1,昆都仑区,劳动社保,,,,,,,a" \
		"2026-05-02,visit,${BOM}王五,,13912341234,1,昆都仑区,劳动社保,,,,,,,b" \
		"2026-05-03,visit,王五${ZWSP},,13912341234${ZWNJ},1,昆都仑区,劳动社保,,,,,,,c" \
		"2026-05-04,visit,${IDSP}王五${NBSP},,${WJ}13912341234,1,${ZWJ}昆都仑区,劳动社保${BOM},,,,,,,d" \
		"${BOM}2026-05-05,${ZWSP}visit${NBSP},王五,,13912341234,1,昆都仑区,劳动社保,${NBSP}city,,,,,${ZWSP}积案${ZWSP};${BOM}重点,e" >inv.csv &&
	pt-intake -q -d inv.db --as-of 2026-11-23 inv.csv >/dev/null &&
	test "$(sqlite3 inv.db "SELECT count(DISTINCT name || phone || region || category) FROM cases")" = 1 &&
	test "$(sqlite3 inv.db "SELECT group_concat(kind) FROM (SELECT kind FROM cases ORDER BY id)")" = first,repeat,repeat,repeat,repeat &&
	test "$(sqlite3 inv.db "SELECT tags FROM cases WHERE summary = '\''e'\''")" = "积案;重点" &&
	test "$(sqlite3 inv.db "SELECT count(*) FROM cases WHERE name = '\''王五'\''")" = 5
'

test_expect_success 'invisible and blank characters around a header name' '
	printf "%s\n" "${ZWSP}received,channel${BOM},${NBSP}name,region${IDSP},${WJ}category" \
		"2026-05-01,visit,王五,昆都仑区,劳动社保" >invh.csv &&
	pt-intake -q -d invh.db --as-of 2026-11-23 invh.csv >/dev/null &&
	test "$(sqlite3 invh.db "SELECT name FROM cases")" = 王五
'

test_expect_success 'a tool reading a table through the column map trims them too' '
	printf "case_id\n${ZWSP}2026-000001${BOM}\n" >stream.csv &&
	pt-assign -d inv.db --as-of 2026-11-23 --date 2026-05-02 --unit 市人社局 stream.csv >out 2>err &&
	test "$(sqlite3 inv.db "SELECT unit FROM cases WHERE id % 100000000 = 1")" = 市人社局
'

# --- birth dates ------------------------------------------------------------

test_expect_success 'an ID number born after the received date is refused' '
	printf "%s\n" "$H" \
		"2026-03-02,visit,甲,150202202603031239,,1,r,c,,,,,,,born the next day" \
		"2026-03-02,visit,乙,150202202603021233,,1,r,c,,,,,,,born that day" \
		"2026-03-02,visit,丙,150202198002301230,,1,r,c,,,,,,,Feb 30" >birth.csv &&
	{ pt-intake -d birth.db --as-of 2026-11-23 birth.csv >/dev/null 2>err; test $? = 65; } &&
	printf "%s\n" "pt-intake: birth.csv:2: ID number'\''s birth date is after the received date: '\''150202********1239'\'' in column id_number" \
		"pt-intake: birth.csv:4: ID number has an impossible birth date: '\''150202********1230'\'' in column id_number" \
		"pt-intake: 1 added, 2 rejected, 0 already in the ledger" >expect &&
	test_cmp expect err
'

# --- no personal data on stderr -----------------------------------------------

test_expect_success 'ID numbers and phones in messages are masked; the rejects keep them' '
	printf "%s\n" "$H" \
		"2026-03-02,visit,甲,150202196807311008,,1,r,c,,,,,,,bad check digit" \
		"2026-03-02,visit,乙,15020219680731100,,1,r,c,,,,,,,17 characters" \
		"2026-03-02,visit,丙,,1391234123x,1,r,c,,,,,,,bad phone" \
		"2026-03-02,13912341234,丁,,,1,r,c,,,,,,,phone as channel" \
		"2026-03-02,visit,戊,,,13912341234,r,c,,,,,,,phone as persons" >pd.csv &&
	{ pt-intake -d pd.db --as-of 2026-11-23 --rejects pd-rj.csv pd.csv >/dev/null 2>err; test $? = 65; } &&
	! grep -q "150202196807311008\|15020219680731100\|1391234123\|13912341234" err &&
	! grep -q "甲\|乙\|丙\|丁\|戊" err &&
	grep -q "^pt-intake: pd.csv:2: ID number check digit is wrong: .150202\*\*\*\*\*\*\*\*1008. in column id_number$" err &&
	grep -q "^pt-intake: pd.csv:3: ID number is not 18 characters: .150\*\*\*\*\*\*\*\*\*\*\*\*00. in column id_number$" err &&
	grep -q "^pt-intake: pd.csv:4: bad phone number .139\*\*\*\*123x. in column phone$" err &&
	grep -q "^pt-intake: pd.csv:5: unknown channel .139\*\*\*\*1234." err &&
	grep -q "^pt-intake: pd.csv:6: bad count .139\*\*\*\*1234. in column persons" err &&
	grep -q ",150202196807311008," pd-rj.csv &&
	grep -q ",1391234123x," pd-rj.csv
'

test_expect_success 'a file without its header does not echo its first row' '
	printf "%s\n" "2026-03-02,visit,王五,150202196807311007,13912341234,1,r,c,,,,,,," >nohdr.csv &&
	{ pt-intake -d nohdr.db nohdr.csv >/dev/null 2>err; test $? = 65; } &&
	! grep -q "王五\|150202196807311007\|13912341234" err &&
	grep -q "^pt-intake: nohdr.csv:1: no known column in the header" err
'

# --- a file refused before its first row makes no ledger ---------------------

test_expect_success 'a bad header, an unknown column or an empty file creates no ledger' '
	printf "received,channel,name,region\n2026-03-02,visit,a,r\n" >badhdr.csv &&
	{ pt-intake -d new.db badhdr.csv 2>err; test $? = 65; } &&
	grep -q "^pt-intake: badhdr.csv:1: required column .category. (问题类别) is missing$" err &&
	test ! -e new.db && test ! -e new.db-wal && test ! -e new.db-shm &&
	printf "%s,colour\n" "$H" >unk.csv &&
	{ pt-intake -d new.db unk.csv 2>err; test $? = 65; } &&
	test ! -e new.db && test ! -e new.db-wal &&
	: >empty.csv &&
	{ pt-intake -d new.db empty.csv 2>err; test $? = 65; } &&
	test ! -e new.db && test ! -e new.db-wal &&
	printf "\037\213\010\000\000\000\000\000\000\003" >cut0.gz &&
	{ pt-intake -d new.db cut0.gz 2>err; test $? = 65; } &&
	grep -q "^pt-intake: cut0.gz:1: " err &&
	test ! -e new.db && test ! -e new.db-wal
'

# --- a truncated gzip file ---------------------------------------------------

test_expect_success 'a truncated gzip file: what was read is committed and summed up' '
	"$PT_BIN/gen-petitions" -n 2000 -s 3 >many.csv &&
	gzip -c many.csv >many.gz &&
	head -c $(($(wc -c <many.gz) / 2)) many.gz >cut.gz &&
	{ pt-intake -d cut.db --as-of 2030-01-01 cut.gz >out 2>err; test $? = 65; } &&
	grep -q "^pt-intake: cut.gz:[0-9][0-9]*: corrupt gzip data" err &&
	n=$(sqlite3 cut.db "SELECT count(*) FROM cases") &&
	test "$n" -gt 0 && test "$n" -lt 2000 &&
	test "$(tail -n 1 err)" = "pt-intake: $n added, 0 rejected, 0 already in the ledger" &&
	test "$(($(wc -l <out) - 1))" = "$n"
'

test_done
