#!/bin/sh
# A catalogue of hostile inputs across the tools.  Each one ends in a known
# exit status and a clear message, never a crash, never personal data on
# stderr; for pt-intake and pt-update every record read is counted exactly
# once: added + rejected + already = records read, the ledger holds the
# added, the rejects file the rejected.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary

# rows FROM TO: good intake rows (no header), each a different petitioner.
rows() {
	awk -v a="$1" -v b="$2" 'BEGIN { for (i = a; i <= b; i++)
		printf "2026-03-%02d,visit,王%05d,,139%08d,1,昆都仑区,劳动社保,,,,,,,第%d件\n",
			i % 28 + 1, i, i, i }'
}

# file_of FROM TO LINE...: a header, good rows FROM..TO, then each LINE.
file_of() {
	_a=$1 _b=$2
	shift 2
	echo "$H" && rows "$_a" "$_b" && for _l in "$@"; do printf '%s\n' "$_l"; done
}

# no_personal_data FILE: no ID number or mobile number stands unmasked in FILE.
no_personal_data() {
	if grep -Eq '[0-9]{17}[0-9Xx]|1[3-9][0-9]{9}' "$1"; then
		echo "personal data in $1:" >&2 && cat "$1" >&2 && return 1
	fi
}

# counted TOOL VERB WANT: the summary line of TOOL in err, as "a r k", is
# WANT ("-" when any counts will do); prints the three counts.
counted() {
	_s=$(sed -n "s/^$1: \([0-9]*\) $2, \([0-9]*\) [a-z]*, \([0-9]*\) already in the ledger\$/\1 \2 \3/p" err)
	[ -n "$_s" ] || { echo "no summary line from $1" >&2; cat err >&2; return 1; }
	[ "$3" = - ] || [ "$_s" = "$3" ] || { echo "counts '$_s', expected '$3'" >&2; return 1; }
	echo "$_s"
}

# intake CODE ROWS COUNTS ERE [ARG...]: pt-intake in.csv into a new ledger
# h.db exits CODE, with stderr matching ERE (case-insensitive) and free of
# personal data.  ROWS is the number of records in in.csv: the summary's
# added + rejected + already make it, cases and rejects hold what it says;
# COUNTS is the expected "added rejected already" (or -).  ROWS "-" means the
# file is refused before its first record: no ledger is left behind.
intake() {
	_code=$1 _rows=$2 _want=$3 _re=$4
	shift 4
	rm -f h.db h.db-wal h.db-shm rj.csv
	pt-intake -d h.db --as-of 2026-11-23 --rejects rj.csv "$@" in.csv >out.csv 2>err
	_rc=$?
	[ "$_rc" = "$_code" ] || { echo "exit $_rc, expected $_code" >&2; cat err >&2; return 1; }
	grep -Eiq -- "$_re" err || { echo "stderr does not match /$_re/:" >&2; cat err >&2; return 1; }
	no_personal_data err || return 1
	if [ "$_rows" = - ]; then
		[ ! -e h.db ] && [ ! -e h.db-wal ] && [ ! -e h.db-shm ] ||
			{ echo "a refused file left a ledger" >&2; return 1; }
		return 0
	fi
	_c=$(counted pt-intake added "$_want") || return 1
	set -- $_c
	[ $(($1 + $2 + $3)) = "$_rows" ] || { echo "$1 + $2 + $3 is not $_rows records" >&2; return 1; }
	_n=$(sqlite3 h.db "SELECT count(*) FROM cases") || return 1
	[ "$_n" = "$1" ] || { echo "ledger holds $_n cases, summary says $1" >&2; return 1; }
	_j=0
	[ ! -s rj.csv ] || _j=$(grep -c "^in\.csv,[0-9][0-9]*," rj.csv)
	[ "$_j" = "$2" ] || { echo "rejects hold $_j rows, summary says $2" >&2; return 1; }
}

# --- CSV structure ------------------------------------------------------

test_expect_success 'a stray quote in a name costs that row only, and says its line' '
	file_of 1 10 "2026-03-01,visit,\"王\"某,,,1,昆都仑区,劳动社保,,,,,,,x" >in.csv &&
	rows 11 3000 >>in.csv &&
	intake 65 3001 "3000 1 0" "in\\.csv:12: "
'

test_expect_success 'the rejected row is in the rejects file as it was written' '
	grep "^in\\.csv,12," rj.csv >line12 &&
	grep -qF "\"2026-03-01,visit,\"\"王\"\"某,,,1,昆都仑区,劳动社保,,,,,,,x\"" line12
'

test_expect_success 'a stray quote in the last field of the last row' '
	file_of 1 5 "2026-03-01,visit,李某,,,1,昆都仑区,劳动社保,,,,,,,\"已转\"交办" >in.csv &&
	intake 65 6 "5 1 0" "in\\.csv:7: "
'

test_expect_success 'a quote opened and never closed, mid-file, costs one row' '
	file_of 1 3 "2026-03-01,visit,\"赵某,,,1,昆都仑区,劳动社保,,,,,,,x" >in.csv &&
	rows 4 50 >>in.csv &&
	intake 65 51 "50 1 0" "in\\.csv:5: "
'

test_expect_success 'a quote never closed on the last line costs that line' '
	file_of 1 4 "2026-03-01,visit,钱某,,,1,昆都仑区,劳动社保,,,,,,,\"未完" >in.csv &&
	intake 65 5 "4 1 0" "in\\.csv:6: "
'

test_expect_success 'a quote inside an unquoted field is refused, not swallowed' '
	file_of 1 2 "2026-03-01,visit,孙\"某,,,1,昆都仑区,劳动社保,,,,,,,x" >in.csv &&
	rows 3 9 >>in.csv &&
	intake 65 10 "9 1 0" "in\\.csv:4: "
'

test_expect_success 'a quoted field holding a newline is one record; later lines keep their numbers' '
	file_of 1 2 "2026-03-01,visit,周某,,,1,昆都仑区,劳动社保,,,,,,,\"第一行" "第二行\"" \
		"2026-13-01,visit,吴某,,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 4 "3 1 0" "in\\.csv:6: bad date"
'

test_expect_success 'CR-only line ends: each row has its own line number' '
	file_of 1 3 "2026-13-01,visit,郑某,,,1,昆都仑区,劳动社保,,,,,,," | tr "\\n" "\\r" >in.csv &&
	intake 65 4 "3 1 0" "in\\.csv:5: bad date"
'

test_expect_success 'CRLF line ends' '
	file_of 1 3 "2026-13-01,visit,冯某,,,1,昆都仑区,劳动社保,,,,,,," | sed "s/\$/\\r/" >in.csv &&
	intake 65 4 "3 1 0" "in\\.csv:5: bad date"
'

test_expect_success 'LF and CRLF mixed' '
	{ echo "$H" && rows 1 2 | sed "s/\$/\\r/" && rows 3 4; } >in.csv &&
	intake 0 4 "4 0 0" "4 added"
'

test_expect_success 'a BOM and CRLF, as Excel saves CSV UTF-8' '
	{ printf "\\357\\273\\277" && file_of 1 5 | sed "s/\$/\\r/"; } >in.csv &&
	intake 0 5 "5 0 0" "5 added"
'

test_expect_success 'blank lines between records are not records' '
	{ echo "$H" && rows 1 2 && echo && echo && rows 3 4; } >in.csv &&
	intake 0 4 "4 0 0" "4 added"
'

test_expect_success 'a row shorter than the header is rejected with the count' '
	file_of 1 2 "2026-03-01,visit,短行" >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: 3 fields where the header has 15"
'

test_expect_success 'a row longer than the header is rejected' '
	file_of 1 2 "$(rows 3 3),extra,more" >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: 17 fields where the header has 15"
'

test_expect_success 'a row of 100,000 empty fields is one rejected row' '
	file_of 1 2 >in.csv &&
	awk "BEGIN { for (i = 0; i < 100000; i++) printf \",\"; print \"\" }" >>in.csv &&
	rows 3 4 >>in.csv &&
	intake 65 5 "4 1 0" "in\\.csv:4: "
'

test_expect_success 'a field over 1 MiB is rejected; the rows after it are read' '
	file_of 1 2 >in.csv &&
	{ printf "2026-03-01,visit,长,,,1,昆都仑区,劳动社保,,,,,,," &&
	  head -c 1200000 /dev/zero | tr "\\0" x && echo; } >>in.csv &&
	rows 3 5 >>in.csv &&
	intake 65 6 "5 1 0" "in\\.csv:4: .*(long|1 MiB)"
'

test_expect_success 'a row made only of commas is rejected' '
	file_of 1 2 ",,,,,,,,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: "
'

test_expect_success 'TSV with a quoted tab inside a field' '
	{ echo "$H" | tr , "\\t" &&
	  printf "2026-03-01\\tvisit\\t\"王\\t五\"\\t\\t\\t1\\t昆都仑区\\t劳动社保\\t\\t\\t\\t\\t\\t\\tx\\n"; } >in.csv &&
	intake 0 1 "1 0 0" "1 added"
'

# --- encodings --------------------------------------------------------------

test_expect_success 'an invalid UTF-8 byte late in the file costs that row' '
	file_of 1 2000 >in.csv &&
	printf "2026-03-01,visit,\\377\\376,,,1,昆都仑区,劳动社保,,,,,,,x\\n" >>in.csv &&
	rows 2001 2003 >>in.csv &&
	intake 65 2004 "2003 1 0" "in\\.csv:2002: .*UTF-8"
'

test_expect_success 'an overlong UTF-8 encoding is not valid UTF-8' '
	file_of 1 2000 "2026-03-01,visit,$(printf "\\300\\200"),,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 2001 "2000 1 0" "in\\.csv:2002: .*UTF-8"
'

test_expect_success 'a UTF-16 surrogate written as UTF-8 is not valid UTF-8' '
	file_of 1 2000 "2026-03-01,visit,$(printf "\\355\\240\\200"),,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 2001 "2000 1 0" "in\\.csv:2002: .*UTF-8"
'

test_expect_success 'a NUL byte in a field costs that row' '
	file_of 1 3 >in.csv &&
	printf "2026-03-01,visit,王\\000五,,,1,昆都仑区,劳动社保,,,,,,,x\\n" >>in.csv &&
	rows 4 5 >>in.csv &&
	intake 65 6 "5 1 0" "in\\.csv:5: .*NUL"
'

test_expect_success 'four-byte UTF-8 (an emoji in a summary) is text like any other' '
	file_of 1 1 "2026-03-01,visit,王某,,,1,昆都仑区,劳动社保,,,,,,,$(printf "\\360\\237\\230\\200")" >in.csv &&
	intake 0 2 "2 0 0" "2 added"
'

test_expect_success 'GB18030 without -E: refused whole, one message naming -E GB18030' '
	file_of 1 20 | iconv -f UTF-8 -t GB18030 >in.csv &&
	intake 65 - - "-E GB18030" &&
	test "$(grep -c . err)" -le 2
'

test_expect_success 'GB18030 with -E GB18030 is read' '
	intake 0 20 "20 0 0" "20 added" -E GB18030
'

test_expect_success 'UTF-8 read with -E GB18030 is refused, never stored as mojibake' '
	file_of 1 20 >in.csv &&
	intake 65 - - "UTF-8" -E GB18030
'

test_expect_success 'UTF-16LE with BOM (Excel "Unicode text") is read without -E' '
	{ printf "\\377\\376" && file_of 1 6 | tr , "\\t" | iconv -f UTF-8 -t UTF-16LE; } >in.csv &&
	intake 0 6 "6 0 0" "6 added"
'

test_expect_success 'UTF-16BE with BOM is read without -E' '
	{ printf "\\376\\377" && file_of 1 6 | tr , "\\t" | iconv -f UTF-8 -t UTF-16BE; } >in.csv &&
	intake 0 6 "6 0 0" "6 added"
'

test_expect_success 'a zip file (an .xlsx) is refused naming a converter' '
	printf "PK\\003\\004\\024\\000\\000\\000\\010\\000rest of a workbook" >in.csv &&
	intake 65 - - "xlsx2csv"
'

test_expect_success 'an unknown encoding name is a usage error' '
	file_of 1 2 >in.csv && rm -f h.db h.db-wal h.db-shm &&
	{ pt-intake -d h.db -E NO-SUCH-CODE in.csv >out 2>err; test $? = 64; } &&
	grep -q "NO-SUCH-CODE" err && test ! -e h.db
'

# --- gzip -------------------------------------------------------------------

test_expect_success 'gzip input is read by its magic bytes, whatever its name' '
	file_of 1 30 | gzip >in.csv &&
	intake 0 30 "30 0 0" "30 added"
'

test_expect_success 'truncated gzip: the file is named, the summary still printed' '
	file_of 1 3000 | gzip >full.gz &&
	head -c $(($(wc -c <full.gz) / 2)) full.gz >in.csv &&
	rm -f h.db* &&
	{ pt-intake -d h.db --as-of 2026-11-23 in.csv >out.csv 2>err; rc=$?; } &&
	test $rc = 65 -o $rc = 74 &&
	grep -q "^pt-intake: in\\.csv:[1-9][0-9]*: .*gzip" err &&
	! grep -q "<fd:" err &&
	counted pt-intake added - >c &&
	test "$(sqlite3 h.db "SELECT count(*) FROM cases")" = "$(cut -d" " -f1 c)"
'

test_expect_success 'gzip magic followed by garbage is a clear error' '
	printf "\\037\\213\\010\\000garbage garbage garbage" >in.csv &&
	rm -f h.db* &&
	{ pt-intake -d h.db --as-of 2026-11-23 in.csv >out.csv 2>err; rc=$?; } &&
	test $rc = 65 -o $rc = 74 &&
	grep -q "^pt-intake: in\\.csv" err && ! grep -q "<fd:" err
'

# --- the header ---------------------------------------------------------------

test_expect_success 'an empty file is refused and leaves no ledger' '
	: >in.csv &&
	intake 65 - - "empty"
'

test_expect_success 'a file holding only a BOM is empty too' '
	printf "\\357\\273\\277" >in.csv &&
	intake 65 - - "empty"
'

test_expect_success 'a header alone adds nothing and succeeds' '
	echo "$H" >in.csv &&
	intake 0 0 "0 0 0" "0 added"
'

test_expect_success 'an unknown column is refused before any row, naming it' '
	{ echo "$H,colour" && rows 1 2 | sed "s/\$/,red/"; } >in.csv &&
	intake 65 - - "unknown column .colour."
'

test_expect_success 'a missing required column is refused, naming it' '
	echo "received,channel,name,region" >in.csv &&
	intake 65 - - "required column .category."
'

test_expect_success 'a column named twice is refused' '
	echo "received,channel,name,region,category,name" >in.csv &&
	intake 65 - - "twice"
'

test_expect_success 'a header with a BOM, blanks and a zero-width space still maps' '
	{ printf "\\357\\273\\277 received ,channel,\\342\\200\\213name,region,category\\n" &&
	  echo "2026-03-01,visit,王某,昆都仑区,劳动社保"; } >in.csv &&
	intake 0 1 "1 0 0" "1 added"
'

# --- fields -------------------------------------------------------------------

test_expect_success 'a month 13 is a bad date' '
	file_of 1 2 "2026-13-01,visit,坏,,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: bad date .2026-13-01. in column received"
'

test_expect_success '30 February is a bad date' '
	file_of 1 2 "2026-02-30,visit,坏,,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: bad date"
'

test_expect_success 'a received date after the as-of date is refused' '
	file_of 1 2 "2027-01-01,visit,坏,,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: .*after the as-of date"
'

test_expect_success 'a wrong check digit is refused, and the number masked on stderr' '
	file_of 1 2 "2026-03-01,visit,坏,150202196807311008,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: .*check digit" &&
	grep -q 150202196807311008 rj.csv
'

test_expect_success 'an ID number born after the received date is refused' '
	file_of 1 2 "2026-03-01,visit,坏,150202203001014372,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: .*birth"
'

test_expect_success 'an ID number of 17 characters is refused, masked' '
	file_of 1 2 "2026-03-01,visit,坏,15020219680731100,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: .*id_number" &&
	! grep -q 15020219680731100 err
'

test_expect_success 'a bad phone is refused, and not printed whole' '
	file_of 1 2 "2026-03-01,visit,坏,,1391234567x,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: .*phone" &&
	! grep -q 1391234567 err
'

for p in 0 -3 abc 1e9 4294967296000; do
	test_expect_success "persons '$p' is refused" "
		file_of 1 2 '2026-03-01,visit,坏,,,$p,昆都仑区,劳动社保,,,,,,,' >in.csv &&
		intake 65 3 '2 1 0' 'in\\.csv:4: .*persons'
	"
done

test_expect_success 'an unknown channel is refused' '
	file_of 1 2 "2026-03-01,pigeon,坏,,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: unknown channel .pigeon."
'

test_expect_success 'an unknown level is refused' '
	file_of 1 2 "2026-03-01,visit,坏,,,1,昆都仑区,劳动社保,moon,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: unknown level .moon."
'

test_expect_success 'a due date before the received date is refused' '
	file_of 1 2 "2026-03-05,visit,坏,,,1,昆都仑区,劳动社保,,,2026-03-01,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: due date"
'

test_expect_success 'law_related other than yes or no is refused' '
	file_of 1 2 "2026-03-01,visit,坏,,,1,昆都仑区,劳动社保,,,,,maybe,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: .*law_related"
'

test_expect_success 'an empty required field is refused' '
	file_of 1 2 "2026-03-01,visit,,,,1,昆都仑区,劳动社保,,,,,,," >in.csv &&
	intake 65 3 "2 1 0" "in\\.csv:4: .*name"
'

test_expect_success 'a zero-width space before a name does not make a new petitioner' '
	{ echo "$H" &&
	  echo "2026-03-01,visit,王五,,13912345678,1,昆都仑区,劳动社保,,,,,,,x" &&
	  printf "2026-03-09,visit,\\342\\200\\213王五,,13912345678,1,昆都仑区,劳动社保,,,,,,,y\\n"; } >in.csv &&
	intake 0 2 "2 0 0" "2 added" &&
	test "$(sqlite3 h.db "SELECT count(DISTINCT name) FROM cases")" = 1 &&
	test "$(sqlite3 h.db "SELECT kind FROM case_view ORDER BY id DESC LIMIT 1")" = repeat
'

test_expect_success 'a BOM at the start of a field is not stored' '
	{ echo "$H" &&
	  printf "2026-03-01,visit,\\357\\273\\277王六,,,1,昆都仑区,劳动社保,,,,,,,x\\n"; } >in.csv &&
	intake 0 1 "1 0 0" "1 added" &&
	test "$(sqlite3 h.db "SELECT name FROM cases")" = 王六
'

test_expect_success 'ideographic spaces around a field are trimmed' '
	{ echo "$H" && echo "2026-03-01,visit,　王七　,,,1,　昆都仑区,劳动社保,,,,,,,x"; } >in.csv &&
	intake 0 1 "1 0 0" "1 added" &&
	test "$(sqlite3 h.db "SELECT name || \"|\" || region FROM cases")" = "王七|昆都仑区"
'

# --- ext_id and re-runs -------------------------------------------------------

test_expect_success 'running the same file twice adds nothing the second time' '
	file_of 1 40 >in.csv &&
	intake 0 40 "40 0 0" "40 added" &&
	pt-intake -d h.db --as-of 2026-11-23 in.csv >out.csv 2>err &&
	counted pt-intake added "0 0 40" >/dev/null
'

test_expect_success 'the same ext_id with other values is a conflict, rejected' '
	{ echo "$H" &&
	  echo "2026-03-01,visit,王八,,,1,昆都仑区,劳动社保,,,,EX-1,,,x"; } >first.csv &&
	pt-intake -q -d h2.db --as-of 2026-11-23 first.csv >/dev/null &&
	{ echo "$H" &&
	  echo "2026-03-02,letter,李九,,,1,青山区,城乡建设,,,,EX-1,,,other" &&
	  echo "2026-03-01,visit,王八,,,1,昆都仑区,劳动社保,,,,EX-1,,,x"; } >in.csv &&
	{ pt-intake -d h2.db --as-of 2026-11-23 --rejects rj.csv in.csv >out.csv 2>err; test $? = 65; } &&
	grep -q "in\\.csv:2: ext_id EX-1 is case 2026-000001, registered with other values" err &&
	counted pt-intake added "0 1 1" >/dev/null &&
	test "$(sqlite3 h2.db "SELECT count(*) FROM cases")" = 1
'

test_expect_success 'one ext_id twice in one file with other values: the second is rejected' '
	{ echo "$H" &&
	  echo "2026-03-01,visit,王八,,,1,昆都仑区,劳动社保,,,,EX-2,,,x" &&
	  echo "2026-03-02,visit,李九,,,1,青山区,城乡建设,,,,EX-2,,,y"; } >in.csv &&
	intake 65 2 "1 1 0" "in\\.csv:3: ext_id EX-2 is case"
'

# --- files and the ledger -------------------------------------------------------

test_expect_code 66 'a missing input file exits 66' '
	pt-intake -d h3.db no-such.csv 2>err
'

test_expect_success 'a directory as input is refused with its name' '
	{ pt-intake -d h3.db . >out 2>err; rc=$?; test $rc = 66 -o $rc = 74 -o $rc = 65; } &&
	grep -q "^pt-intake: \\.: " err
'

sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);" && cp other.db other.orig

for t in "pt-overdue --as-of 2026-11-23" "pt-stats --period 2026-09" "pt-report --period 2026-09"; do
	test_expect_success "${t%% *} on another application's SQLite file: 65, file untouched" "
		{ $t -d other.db >out 2>err; test \$? = 65; } &&
		grep -q 'not a pt ledger' err &&
		cmp other.db other.orig && test ! -e other.db-wal && test ! -e other.db-shm
	"
	test_expect_success "${t%% *} on a text file: 65" "
		echo hello >text.db && cp text.db text.orig &&
		{ $t -d text.db >out 2>err; test \$? = 65; } &&
		cmp text.db text.orig
	"
	test_expect_success "${t%% *} on a missing ledger: 69, nothing created" "
		{ $t -d none.db >out 2>err; test \$? = 69; } && test ! -e none.db
	"
done

test_expect_success 'a writer does not migrate another application'\''s SQLite file' '
	file_of 1 2 >in.csv &&
	{ pt-intake -d other.db in.csv >out 2>err; test $? = 65; } &&
	grep -q "not a pt ledger" err && cmp other.db other.orig
'

# --- pt-update ------------------------------------------------------------------

test_expect_success 'set-up: a ledger of three accepted cases' '
	file_of 1 3 >in.csv &&
	pt-intake -q -d u.db --as-of 2026-11-23 in.csv >/dev/null &&
	pt-assign -q -d u.db --as-of 2026-11-23 --pending --unit 市人社局 --date 2026-03-29 >/dev/null
'

# update CODE EVENTS COUNTS ERE: pt-update events.csv on a copy of u.db
# exits CODE with stderr matching ERE; applied + refused + already is EVENTS.
update() {
	cp u.db v.db && rm -f v.db-wal v.db-shm
	pt-update -d v.db --as-of 2026-11-23 --rejects urj.csv events.csv >out.csv 2>err
	_rc=$?
	[ "$_rc" = "$1" ] || { echo "exit $_rc, expected $1" >&2; cat err >&2; return 1; }
	grep -Eiq -- "$4" err || { echo "stderr does not match /$4/:" >&2; cat err >&2; return 1; }
	no_personal_data err || return 1
	_c=$(counted pt-update applied "$3") || return 1
	set -- $_c "$2"
	[ $(($1 + $2 + $3)) = "$4" ] || { echo "$1 + $2 + $3 is not $4 events" >&2; return 1; }
}

E=case_id,event,date,days,resolved,rating,note

test_expect_success 'a stray quote in a note costs that event only' '
	{ echo "$E" &&
	  echo "2026-000001,conclude,2026-04-01,,yes,,\"已转\"交办" &&
	  echo "2026-000002,conclude,2026-04-01,,yes,," &&
	  echo "2026-000003,conclude,2026-04-01,,yes,,"; } >events.csv &&
	update 65 3 "2 1 0" "events\\.csv:2: "
'

test_expect_success 'an unknown event is refused with its name' '
	{ echo "$E" && echo "2026-000001,explode,2026-04-01,,,,"; } >events.csv &&
	update 65 1 "0 1 0" "events\\.csv:2: .*explode"
'

test_expect_success 'a case that is not in the ledger is refused' '
	{ echo "$E" && echo "2026-999999,conclude,2026-04-01,,yes,,"; } >events.csv &&
	update 65 1 "0 1 0" "events\\.csv:2: .*2026-999999"
'

test_expect_success 'a case id of the wrong shape is refused' '
	{ echo "$E" && echo "case-one,conclude,2026-04-01,,yes,,"; } >events.csv &&
	update 65 1 "0 1 0" "events\\.csv:2: "
'

test_expect_success 'an event dated before the case'\''s last event is refused' '
	{ echo "$E" && echo "2026-000001,conclude,2026-03-20,,yes,,"; } >events.csv &&
	update 65 1 "0 1 0" "events\\.csv:2: .*before"
'

test_expect_success 'an event dated after the as-of date is refused' '
	{ echo "$E" && echo "2026-000001,conclude,2026-12-20,,yes,,"; } >events.csv &&
	update 65 1 "0 1 0" "events\\.csv:2: .*as-of"
'

test_expect_success 'an extension of 31 days is refused' '
	{ echo "$E" && echo "2026-000001,extend,2026-04-01,31,,,"; } >events.csv &&
	update 65 1 "0 1 0" "events\\.csv:2: .*30"
'

test_expect_success 'an unknown rating is refused' '
	{ echo "$E" && echo "2026-000001,conclude,2026-04-01,,yes,," &&
	  echo "2026-000001,reply,2026-04-02,,,," &&
	  echo "2026-000001,rate,2026-04-03,,,很好,"; } >events.csv &&
	update 65 3 "2 1 0" "events\\.csv:4: .*很好"
'

test_expect_success 'truncated gzip events: named with a real line, never line 0' '
	{ echo "$E" && i=0 && while [ $i -lt 3000 ]; do
		echo "2026-000001,reopen,2026-04-01,,,,n$i" && i=$((i + 1)) || exit 1; done; } | gzip >full.gz &&
	head -c $(($(wc -c <full.gz) / 2)) full.gz >events.csv &&
	cp u.db v.db &&
	{ pt-update -d v.db --as-of 2026-11-23 events.csv >out.csv 2>err; rc=$?; } &&
	test $rc = 65 -o $rc = 74 &&
	grep -q "^pt-update: events\\.csv:[1-9][0-9]*: .*gzip" err &&
	! grep -q ":0:" err && ! grep -q "<fd:" err
'

# --- pt-assign and calendars ------------------------------------------------------

test_expect_code 64 'pt-assign with neither --rules nor --unit is a usage error' '
	pt-assign -d u.db --pending >out 2>err
'

test_expect_success 'an over-long --unit is one usage error' '
	cp u.db w.db &&
	u=$(head -c 20000 /dev/zero | tr "\\0" x) &&
	{ pt-assign -d w.db --pending --unit "$u" >out 2>err; test $? = 64; } &&
	test "$(grep -c "unit" err)" -le 2
'

test_expect_success 'a rules file with a stray quote: that rule is refused with its line' '
	printf "%s\\n" "region,category,channel,level,law_related,unit,leader,procedure" \
		"*,\"劳动\"社保,*,*,*,市人社局,钱,," >rules.csv &&
	cp u.db w.db &&
	{ pt-assign -d w.db --pending --rules rules.csv >out 2>err; test $? != 0; } &&
	grep -q "rules\\.csv:2: " err
'

test_expect_success 'a calendar marking a weekday as a workday is refused with its line' '
	printf "date,kind\\n2026-01-01,holiday\\n2026-03-04,workday\\n" >cal.csv &&
	cp u.db w.db &&
	{ pt-assign -d w.db --pending --unit 某单位 --calendar cal.csv >out 2>err; test $? = 65; } &&
	grep -q "cal\\.csv:3: " err
'

test_expect_success 'a calendar naming a date twice is refused with its line' '
	printf "date,kind\\n2026-01-01,holiday\\n2026-01-01,holiday\\n" >cal.csv &&
	cp u.db w.db &&
	{ pt-assign -d w.db --pending --unit 某单位 --calendar cal.csv >out 2>err; test $? = 65; } &&
	grep -q "cal\\.csv:3: " err
'

# --- periods ----------------------------------------------------------------------

test_expect_code 64 '--from after --to is a usage error' '
	pt-stats -d u.db --from 2026-09-30 --to 2026-09-01 >out 2>err
'

test_expect_success '--from after --to says so' '
	grep -q "after" err
'

test_expect_code 64 'a period of month 13 is a usage error' '
	pt-stats -d u.db --period 2026-13 >out 2>err
'

test_expect_success 'readers left the ledger as it was' '
	cp u.db x.db && rm -f x.db-wal x.db-shm && cp x.db x.orig &&
	pt-stats -d x.db --period 2026-03 >/dev/null &&
	{ pt-overdue -d x.db --as-of 2026-11-23 >/dev/null; test $? -le 1; } &&
	cmp x.db x.orig && test ! -e x.db-wal
'

for t in pt-intake pt-assign pt-update pt-overdue pt-stats pt-report; do
	test_expect_code 74 "$t --help to a full disk exits 74" "
		$t --help >/dev/full 2>err
	"
done

test_done
