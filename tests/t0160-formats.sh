#!/bin/sh
# --format xlsx (a workbook analysts open as it is) and --format jsonl
# (typed JSON that loads), on every tool that prints a table.
. "$(dirname "$0")/lib.sh"

AS=2026-10-30
OV=2026-11-19	# 14 days after cases 2 and 3 were due
ID=430522199412053886
ID_M=430522********3886
H=received,channel,name,id_number,phone,persons,region,category,ext_id,law_related,summary
cat >in.csv <<EOF2
$H
2026-09-01 10:30,visit,张三,$ID,13812341234,6,东河区,城乡建设,,yes,很长的摘要内容在这里
2026-09-02,letter,Li,,,1,青山区,劳动社保,12345678901234567890,no,
2026-09-05,visit,张三,$ID,,1,东河区,城乡建设,,no,again
EOF2

# xl.pl X.xlsx REF...: for each cell REF of the first sheet, one line
# "REF TYPE VALUE FORMAT": TYPE s (a string) or n (a number), FORMAT the
# number format of the cell's style (General when none); "REF -" for a
# blank cell.
cat >xl.pl <<'EOF_PERL'
use strict;
use warnings;
my $x = shift;
my $sheet = `unzip -p '$x' xl/worksheets/sheet1.xml`;
my $styles = `unzip -p '$x' xl/styles.xml`;
my %code = (0 => "General");
$code{$1} = $2 while $styles =~ /<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g;
my ($xfs) = $styles =~ m{<cellXfs[^>]*>(.*?)</cellXfs>}s;
my @fmt = map { /numFmtId="(\d+)"/ ? $1 : 0 } ($xfs =~ /<xf [^>]*>/g);
for my $ref (@ARGV) {
	if ($sheet !~ m{<c r="$ref"((?: [a-z]+="[^"]*")*)>(.*?)</c>}) {
		print "$ref -\n";
		next;
	}
	my ($attr, $body) = ($1, $2);
	my $s = $attr =~ /s="(\d+)"/ ? $1 : 0;
	my $type = $attr =~ /t="(?:inlineStr|s|str)"/ ? "s" : "n";
	my ($v) = $body =~ m{<(?:v|t)[^>]*>([^<]*)<};
	print "$ref $type $v $code{$fmt[$s]}\n";
}
EOF_PERL

xl() {
	perl "$TRASH/xl.pl" "$@"
}

test_expect_success 'pt-intake --format xlsx: a workbook of one sheet on stdout' '
	pt-intake -q -d l.db --as-of $AS --unmask --format xlsx in.csv >in.xlsx &&
	unzip -Z1 in.xlsx >parts &&
	grep -qx "xl/worksheets/sheet1.xml" parts &&
	test "$(grep -c "^xl/worksheets/sheet" parts)" = 1 &&
	unzip -tq in.xlsx
'

test_expect_success 'xlsx: ID numbers, phones and case ids are text, never numbers' '
	xl in.xlsx A2 E2 F2 L3 >got &&
	cat >expect <<-EOF &&
	A2 s 2026-000001 @
	E2 s $ID @
	F2 s 13812341234 @
	L3 s 12345678901234567890 @
	EOF
	test_cmp expect got &&
	! unzip -p in.xlsx xl/worksheets/sheet1.xml | grep -q "<v>[0-9.]*E+"
'

test_expect_success 'xlsx: counts are numbers, dates are dates, a date-time a date-time' '
	xl in.xlsx G2 B2 B3 S3 >got &&
	cat >expect <<-\EOF &&
	G2 n 6 General
	B2 n 46266.4375 yyyy-mm-dd hh:mm:ss
	B3 n 46267 yyyy-mm-dd
	S3 n 46282 yyyy-mm-dd
	EOF
	test_cmp expect got
'

test_expect_success 'xlsx: an empty cell is blank; the header row is bold text' '
	xl in.xlsx T3 K2 A1 >got &&
	printf "T3 -\nK2 -\nA1 s case_id General\n" >expect &&
	test_cmp expect got &&
	unzip -p in.xlsx xl/styles.xml | grep -q "<b/>"
'

test_expect_success 'xlsx: the header row is frozen' '
	unzip -p in.xlsx xl/worksheets/sheet1.xml >sheet.xml &&
	grep -q "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>" sheet.xml
'

test_expect_success 'xlsx: columns sized to their content, a CJK character counting twice' '
	# summary (T): ten CJK characters are 20 wide, with 2 of padding;
	# name (D): Li and 张三 are 4 at most: the narrowest, 6
	grep -o "<col min=\"20\" max=\"20\" width=\"[0-9.]*\"" sheet.xml >got &&
	grep -o "<col min=\"4\" max=\"4\" width=\"[0-9.]*\"" sheet.xml >>got &&
	cat >expect <<-\EOF &&
	<col min="20" max="20" width="22.7109375"
	<col min="4" max="4" width="6.7109375"
	EOF
	test_cmp expect got &&
	test "$(grep -o "<col " sheet.xml | wc -l)" = 20
'

test_expect_success 'xlsx: without --unmask, ID numbers and phones are masked as in CSV' '
	rm -f m.db &&
	pt-intake -q -d m.db --as-of $AS --format xlsx in.csv >m.xlsx &&
	xl m.xlsx E2 F2 >got &&
	printf "E2 s %s @\nF2 s 138****1234 @\n" "$ID_M" >expect &&
	test_cmp expect got &&
	! unzip -p m.xlsx xl/worksheets/sheet1.xml | grep -q "$ID"
'

test_expect_success 'pt-assign --format xlsx: case ids text, due a date' '
	pt-assign -q -d l.db --as-of $AS --pending --unit 住建局 --date 2026-09-06 \
		--format xlsx >as.xlsx &&
	xl as.xlsx A1 D1 A2 D2 >got &&
	cat >expect <<-\EOF &&
	A1 s case_id General
	D1 s due General
	A2 s 2026-000001 @
	D2 n 46331 yyyy-mm-dd
	EOF
	test_cmp expect got
'

test_expect_success 'pt-update --format xlsx: the event date a date' '
	printf "case_id,event,date,resolved\n2026-000001,conclude,2026-09-20,yes\n" >ev.csv &&
	pt-update -q -d l.db --as-of $AS --format xlsx ev.csv >up.xlsx &&
	xl up.xlsx A2 B2 C2 >got &&
	cat >expect <<-\EOF &&
	A2 s 2026-000001 @
	B2 s conclude General
	C2 n 46285 yyyy-mm-dd
	EOF
	test_cmp expect got
'

test_expect_success 'pt-overdue --format xlsx: days_left a number, negative when late' '
	{ pt-overdue -q -d l.db --as-of $OV --format xlsx >ov.xlsx; test $? = 1; } &&
	xl ov.xlsx A1 E1 A2 E2 >got &&
	cat >expect <<-\EOF &&
	A1 s case_id General
	E1 s days_left General
	A2 s 2026-000002 @
	E2 n -14 General
	EOF
	test_cmp expect got
'

test_expect_success 'pt-overdue --summary --format xlsx: one workbook, counts as numbers' '
	{ pt-overdue -q -d l.db --as-of $OV --summary --format xlsx >sum.xlsx; test $? = 1; } &&
	unzip -tq sum.xlsx &&
	test "$(head -c 2 sum.xlsx)" = PK &&
	test "$(grep -c "PK$(printf "\005\006")" sum.xlsx)" = 1 &&
	xl sum.xlsx A1 A2 B2 >got &&
	printf "A1 s unit General\nA2 s 住建局 General\nB2 n 2 General\n" >expect &&
	test_cmp expect got
'

test_expect_success 'pt-overdue --format xlsx with no case: the header alone' '
	pt-overdue -q -d l.db --as-of 2026-09-06 --color yellow --format xlsx >none.xlsx &&
	xl none.xlsx A1 A2 >got &&
	printf "A1 s case_id General\nA2 -\n" >expect &&
	test_cmp expect got
'

test_expect_success 'pt-stats --format xlsx: rates are the fraction, shown as 0.0%' '
	pt-stats -d l.db --as-of $AS --period 2026-09 --format xlsx >st.xlsx &&
	xl st.xlsx A2 B2 D2 E2 F2 >got &&
	cat >expect <<-\EOF &&
	A2 s 2026-09 General
	B2 n 3 General
	D2 n 2 General
	E2 n 0.667 0.0%
	F2 n 1 General
	EOF
	test_cmp expect got &&
	pt-stats -d l.db --as-of $AS --period 2026-09 >st.csv &&
	test "$(csv_col st.csv first_share)" = 66.7
'

test_expect_success 'pt-stats --compare --format xlsx: a change from nothing before is a blank cell' '
	pt-stats -d l.db --as-of $AS --period 2026-09 --compare prev --format xlsx >cmp.xlsx &&
	xl cmp.xlsx D1 D2 >got &&
	printf "D1 s batches_change_pct General\nD2 -\n" >expect &&
	test_cmp expect got
'

test_expect_success 'xlsx: no temporary file is left behind' '
	mkdir -p tmp &&
	TMPDIR=$TRASH/tmp pt-stats -d l.db --as-of $AS --period 2026-09 --format xlsx >t.xlsx &&
	unzip -tq t.xlsx &&
	test -z "$(ls -A tmp)"
'

test_expect_code 74 'xlsx: a temporary directory that cannot be written is a write error' '
	TMPDIR=$TRASH/no-such-dir pt-stats -d l.db --as-of $AS --period 2026-09 \
		--format xlsx >t2.xlsx 2>err
'

test_expect_success 'and it says so, printing nothing' '
	grep -q "^pt-stats: write error: No such file or directory$" err &&
	test ! -s t2.xlsx
'

test_expect_code 74 'xlsx: a full disk is a write error' '
	pt-stats -d l.db --as-of $AS --period 2026-09 --format xlsx >/dev/full 2>err
'

test_expect_success 'xlsx: a cell over 32767 characters is a write error, never cut' '
	{ printf "received,channel,name,region,category,summary\n2026-09-01,letter,A,东河区,城乡建设," &&
	  head -c 33000 /dev/zero | tr "\\0" x && echo; } >long.csv &&
	{ pt-intake -q -d long.db --as-of $AS --format xlsx long.csv >long.xlsx 2>err; test $? = 74; } &&
	grep -q "^pt-intake: write error on standard output: Value too large" err &&
	test ! -s long.xlsx &&
	# 12000 CJK characters are 36000 bytes: within what a cell holds
	{ printf "received,channel,name,region,category,summary\n2026-09-01,letter,A,东河区,城乡建设," &&
	  i=0 && while test $i -lt 1200; do printf 很很很很很很很很很很 || exit 1; i=$((i + 1)); done &&
	  echo; } >cjk.csv &&
	pt-intake -q -d cjk.db --as-of $AS --format xlsx cjk.csv >cjk.xlsx &&
	test "$(unzip -p cjk.xlsx xl/worksheets/sheet1.xml | grep -o 很 | wc -l)" = 12000
'

test_expect_success 'xlsx: a reader that closes the pipe ends the tool quietly' '
	# 3000 cases: a workbook larger than a pipe holds
	"$PT_BIN/gen-petitions" -n 3000 -s 5 >many.csv &&
	pt-intake -q -d big.db --as-of 2030-01-01 many.csv >/dev/null &&
	{ pt-overdue -d big.db --as-of 2030-01-01 --all --format xlsx 2>err; echo $? >rc; } |
		head -c 2 >first &&
	test "$(cat first)" = PK &&
	test "$(cat rc)" = 1 &&
	test ! -s err
'

# on_tty CMD: run CMD with standard output on a terminal (script(1)),
# its output, messages and exit status in tty.out and tty.rc.
on_tty() {
	script -qec "$1; echo \$? >$TRASH/tty.rc" /dev/null >tty.out 2>&1 </dev/null
}

if command -v script >/dev/null 2>&1; then
	test_expect_success 'xlsx: no workbook bytes are written to a terminal' '
		on_tty "pt-overdue -d $TRASH/l.db --as-of $AS --format xlsx" &&
		test "$(cat tty.rc)" != 0 &&
		test "$(cat tty.rc)" != 1 &&
		! grep -q "unknown format" tty.out &&
		! grep -q "PK" tty.out
	'
	# needs the tools' option loop to call cli_output_check (exit 64)
	test_expect_success 'xlsx: a terminal is refused with a clear message, exit 64' '
		on_tty "pt-overdue -d $TRASH/l.db --as-of $AS --format xlsx" &&
		test "$(cat tty.rc)" = 64 &&
		grep -q "refusing to write an Excel workbook to a terminal" tty.out
	'
fi

test_expect_success 'an unknown format is refused (64), naming xlsx among the formats' '
	{ pt-overdue -d l.db --format xls >out 2>err; test $? = 64; } &&
	grep -q "unknown format .xls. (csv, tsv, jsonl, xlsx)" err
'

# ---------------------------------------------------------------------------
# JSON Lines: every line loads; counts and rates are numbers, flags
# booleans, an empty cell null (never ""), ids and dates strings.

cat >check.py <<'EOF_PY'
import json, sys
ids = {"case_id", "first_case", "ext_id", "id_number", "phone"}
dates = {"received", "due", "date"}
flags = {"law_related", "collective"}
counts = set(sys.argv[1].split(",")) if len(sys.argv) > 1 and sys.argv[1] else set()
bad = 0
for n, line in enumerate(sys.stdin, 1):
    row = json.loads(line)
    for k, v in row.items():
        want = None
        if v == "":
            want = "null for an empty cell"
        elif v is None:
            continue
        elif k in counts:
            want = None if isinstance(v, int) and not isinstance(v, bool) else "an integer"
        elif k in ids or k in dates:
            want = None if isinstance(v, str) else "a string"
        elif k in flags:
            want = None if isinstance(v, bool) else "true or false"
        elif k.endswith(("_rate", "_share", "_change_pct", "_rate_before", "_share_before")):
            want = None if isinstance(v, (int, float)) and not isinstance(v, bool) else "a number"
        if want:
            print("line %d: %s is %r, not %s" % (n, k, v, want))
            bad = 1
sys.exit(bad)
EOF_PY

if command -v python3 >/dev/null 2>&1; then
	jsonl_ok() {
		python3 "$TRASH/check.py" "$1" <"$2"
	}
	test_expect_success 'pt-intake --format jsonl: loads, typed' '
		rm -f j.db &&
		pt-intake -q -d j.db --as-of $AS --format jsonl in.csv >in.jsonl &&
		test "$(wc -l <in.jsonl)" = 3 &&
		jsonl_ok persons in.jsonl &&
		grep -q "\"persons\":6,.*\"law_related\":true,.*\"collective\":true," in.jsonl &&
		grep -q "\"case_id\":\"2026-000002\",.*\"law_related\":false,.*\"summary\":null}" in.jsonl &&
		grep -q "\"ext_id\":\"12345678901234567890\"" in.jsonl
	'
	test_expect_success 'pt-assign --format jsonl: loads, typed' '
		pt-assign -q -d j.db --as-of $AS --pending --unit 住建局 --date 2026-09-06 \
			--format jsonl >as.jsonl &&
		test "$(wc -l <as.jsonl)" = 3 &&
		jsonl_ok "" as.jsonl &&
		grep -q "\"leader\":null,.*\"law_related\":true}" as.jsonl
	'
	test_expect_success 'pt-update --format jsonl: loads, typed' '
		pt-update -q -d j.db --as-of $AS --format jsonl ev.csv >up.jsonl &&
		jsonl_ok "" up.jsonl &&
		grep -q "\"leader\":null}" up.jsonl
	'
	test_expect_success 'pt-overdue and pt-stats --format jsonl: load, typed, no ""' '
		{ pt-overdue -q -d j.db --as-of $OV --all --format jsonl >ov.jsonl; test $? = 1; } &&
		jsonl_ok days_left,uncovered ov.jsonl &&
		grep -q "\"days_left\":-14," ov.jsonl &&
		{ pt-overdue -q -d j.db --as-of $OV --summary --all --format jsonl >sum.jsonl; test $? = 1; } &&
		jsonl_ok red,yellow,blue,green,total sum.jsonl &&
		grep -q "^{\"unit\":\"住建局\",\"red\":2,\"yellow\":0,\"blue\":0,\"green\":1,\"total\":3}$" sum.jsonl &&
		pt-stats -d j.db --as-of $AS --period 2026-09 --by channel --total --compare yoy \
			--format jsonl >st.jsonl &&
		test "$(wc -l <st.jsonl)" = 3 &&
		jsonl_ok batches,persons,collective,accepted,due,concluded,rated,resolved,batches_before st.jsonl &&
		grep -q "\"batches_change_pct\":null," st.jsonl &&
		! grep -q "\"\"" st.jsonl
	'
fi

test_done
