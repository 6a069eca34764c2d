#!/bin/sh
# Errors every tool meets the same way: output that cannot be written (a
# full disk, a file-size limit), options that cannot work together, bad
# calendar files, and messages that suggest only what the tool has.
. "$(dirname "$0")/lib.sh"

TOOLS="pt-intake pt-assign pt-update pt-overdue pt-stats pt-report"

# --- 1. --help and --version on a full disk ---------------------------------

test_expect_success 'every tool: --help to a full disk exits 74 with a message' '
	for t in $TOOLS; do
		{ $t --help >/dev/full 2>err; rc=$?; } &&
		test $rc = 74 || { echo "$t --help: exit $rc"; exit 1; }
		echo "$t: write error on standard output: No space left on device" >expect &&
		test_cmp expect err || exit 1
	done
'

test_expect_success 'every tool: -h and --version to a full disk exit 74 with a message' '
	for t in $TOOLS; do
		for o in -h --version; do
			{ $t $o >/dev/full 2>err; rc=$?; } &&
			test $rc = 74 || { echo "$t $o: exit $rc"; exit 1; }
			grep -q "^$t: write error on standard output" err || exit 1
		done
	done
'

test_expect_success 'every tool: --help and --version to a pipe still exit 0' '
	for t in $TOOLS; do
		$t --help | grep -q "^usage: $t" &&
		$t --version | grep -q "^$t [0-9]" || { echo $t; exit 1; }
	done
'

# --- 2. a file-size limit (ulimit -f, in 512-byte blocks in sh) -------------
# Ignored, SIGXFSZ turns into a write failing with EFBIG: exit 74 with a
# message, never a death by signal (exit 153).

test_expect_success 'set-up: a ledger of 2000 cases, and 2000 more rows to add' '
	gen-petitions -n 2000 -s 1 >a.csv && gen-petitions -n 2000 -s 2 --no-ext-id >b.csv &&
	pt-intake -q -d l.db --as-of 2026-12-31 a.csv >/dev/null &&
	test "$(sqlite3 l.db "SELECT count(*) FROM cases")" = 2000
'

# The limits leave room for the ledger's 32 KiB -shm file, which even a
# reader maps.
test_expect_code 74 'pt-overdue: standard output past the file-size limit exits 74' '
	(ulimit -f 100 && pt-overdue -d l.db --as-of 2026-12-31 --all >o.csv 2>err)
'

test_expect_success 'pt-overdue: ... saying why, after writing up to the limit' '
	echo "pt-overdue: write error: File too large" >expect && test_cmp expect err &&
	test -s o.csv
'

test_expect_code 74 'pt-stats: standard output past the file-size limit exits 74' '
	(ulimit -f 80 && pt-stats -d l.db --as-of 2026-12-31 --period 2026 --by region,category,channel,level >s.csv 2>err)
'

test_expect_success 'pt-stats: ... with a message' '
	echo "pt-stats: write error: File too large" >expect && test_cmp expect err
'

test_expect_code 74 'pt-intake: the ledger growing past the file-size limit exits 74' '
	(ulimit -f 200 && pt-intake -q -d l.db --as-of 2026-12-31 b.csv >new.csv 2>err)
'

test_expect_success 'pt-intake: ... with a message; the ledger is consistent and holds no half batch' '
	grep -q "^pt-intake: .*File too large" err &&
	test "$(sqlite3 l.db "PRAGMA integrity_check")" = ok &&
	test "$(sqlite3 l.db "SELECT count(*) FROM cases")" = 2000 &&
	test "$(wc -l <new.csv)" -le 1
'

test_expect_success 'pt-intake: without the limit the same input is then added whole' '
	pt-intake -q -d l.db --as-of 2026-12-31 b.csv >new.csv &&
	test "$(sqlite3 l.db "SELECT count(*) FROM cases")" = 4000 &&
	test "$(sqlite3 l.db "PRAGMA integrity_check")" = ok
'

test_expect_code 74 'pt-assign --pending: the ledger growing past the file-size limit exits 74' '
	(ulimit -f 100 && pt-assign -q -d l.db --as-of 2026-12-31 --pending --unit 市信访局 >as.csv 2>err)
'

test_expect_success 'pt-assign: ... with a message; the ledger is consistent' '
	grep -q "^pt-assign: l.db: " err &&
	test "$(sqlite3 l.db "PRAGMA integrity_check")" = ok
'

# --- 3. pt-assign with nothing to route by, or a unit too long --------------

# snapshot DB: every case's stage and unit, and the number of events.
snapshot() {
	sqlite3 -nullvalue - "$1" "SELECT group_concat(stage || ':' || ifnull(unit, '-'), ' ')
		FROM (SELECT stage, unit FROM cases ORDER BY id);
		SELECT count(*) FROM events"
}

test_expect_success 'set-up: a small ledger of 3 registered cases' '
	gen-petitions -n 3 -s 5 -y 2026 -Y 1 >c.csv &&
	pt-intake -q -d c.db --as-of 2026-12-31 c.csv >cases.csv &&
	snapshot c.db >c.before
'

test_expect_code 64 'pt-assign --pending with neither --rules nor --unit is a usage error' '
	pt-assign -d c.db --as-of 2026-12-31 --pending >out 2>err
'

test_expect_success '... saying so, with the usage, and no case touched' '
	test "$(head -n 1 err)" = "pt-assign: --pending needs --rules or --unit" &&
	sed -n 2p err | grep -q "^usage: pt-assign" && test ! -s out &&
	snapshot c.db >after && test_cmp c.before after
'

test_expect_code 64 'pt-assign: a case stream with no unit column, and neither --rules nor --unit, is a usage error' '
	cut -d, -f1 cases.csv | pt-assign -d c.db --as-of 2026-12-31 >out 2>err
'

test_expect_success '... saying so, with the usage, and no case touched' '
	test "$(head -n 1 err)" = "pt-assign: <stdin>: no unit column, and neither --rules nor --unit" &&
	sed -n 2p err | grep -q "^usage: pt-assign" && test ! -s out &&
	snapshot c.db >after && test_cmp c.before after
'

test_expect_success 'a case stream with a unit column needs neither option' '
	{ echo case_id,unit && sed -n 2p cases.csv | cut -d, -f1 | sed "s/$/,市信访局/"; } >u.csv &&
	pt-assign -d c.db --as-of 2026-12-31 --date 2026-12-31 u.csv >out 2>err &&
	test "$(tail -n 1 err)" = "pt-assign: 1 assigned, 0 unmatched, 0 refused, 0 unchanged" &&
	snapshot c.db >c.before
'

# rep N S: S N times
rep() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}
long=$(rep 10000 局)
test_expect_code 64 'pt-assign: a --unit of 10000 characters is one usage error' '
	pt-assign -d c.db --as-of 2026-12-31 --unit "$long" cases.csv >out 2>err
'

test_expect_success '... before any case is touched: one message and the usage' '
	test "$(head -n 1 err)" = "pt-assign: --unit is longer than 255 bytes" &&
	test "$(grep -c "^pt-assign:" err)" = 1 &&
	sed -n 2p err | grep -q "^usage: pt-assign" && test ! -s out &&
	snapshot c.db >after && test_cmp c.before after
'

test_expect_code 64 'pt-assign: an over-long --leader likewise' '
	pt-assign -d c.db --as-of 2026-12-31 --pending --unit 市信访局 --leader "$long" >out 2>err &&
	test "$(head -n 1 err)" = "pt-assign: --leader is longer than 255 bytes"
'

test_expect_success 'a --unit of 255 bytes is taken' '
	u85=$(rep 85 局) &&
	test "$(printf %s "$u85" | wc -c)" = 255 &&
	pt-assign -q -d c.db --as-of 2026-12-31 --pending --unit "$u85" >out &&
	test "$(sqlite3 c.db "SELECT count(*) FROM cases WHERE unit = '\''$u85'\''")" = 2
'

# --- 4. a suggestion never names an option the tool lacks -------------------

test_expect_code 65 'pt-assign: a rules file with an unknown column is refused' '
	printf "region,colour,unit\n*,red,市信访局\n" >rules.csv &&
	pt-assign -d c.db --as-of 2026-12-31 --rules rules.csv cases.csv >out 2>err
'

test_expect_success '... without suggesting --ignore-unknown, which pt-assign lacks' '
	echo "pt-assign: rules.csv:1: unknown column '\''colour'\''" >expect && test_cmp expect err &&
	! pt-assign --help | grep -q -- --ignore-unknown
'

test_expect_success 'a calendar with an unknown column: no --ignore-unknown hint from pt-assign or pt-update' '
	printf "date,kind,name\n2026-10-01,holiday,国庆节\n" >named.csv &&
	{ pt-assign -d c.db --as-of 2026-12-31 --unit 市信访局 --calendar named.csv cases.csv \
		>out 2>err; test $? = 65; } &&
	echo "pt-assign: named.csv:1: unknown column '\''name'\''" >expect && test_cmp expect err &&
	{ pt-update -d c.db --as-of 2026-12-31 --calendar named.csv >out 2>err; test $? = 65; } &&
	echo "pt-update: named.csv:1: unknown column '\''name'\''" >expect && test_cmp expect err
'

test_expect_success 'pt-update, which has --ignore-unknown, still suggests it for an events file' '
	printf "case_id,event,date,colour\n" >ev.csv &&
	{ pt-update -d c.db --as-of 2026-12-31 ev.csv >out 2>err; test $? = 65; } &&
	grep -q "unknown column .colour. (--ignore-unknown skips it)$" err
'

# --- 5. calendar files: a weekday worked, a day listed twice -----------------

cal_count() {
	sqlite3 c.db "SELECT count(*) FROM calendar"
}

test_expect_success 'set-up: the ledger holds the shipped calendar' '
	pt-update -q -d c.db --as-of 2026-12-31 --calendar "$TESTDATA/calendar-cn.csv" &&
	cal_count >cal.before && test "$(cat cal.before)" -gt 0 &&
	snapshot c.db >c.before
'

test_expect_code 65 'pt-assign --calendar: a Thursday marked workday is refused' '
	printf "date,kind\n2026-10-01,holiday\n2026-10-08,workday\n" >thu.csv &&
	pt-assign -d c.db --as-of 2026-12-31 --unit 市信访局 --calendar thu.csv cases.csv >out 2>err
'

test_expect_success '... naming file, line and day; no case touched, the calendar as it was' '
	echo "pt-assign: thu.csv:3: workday 2026-10-08 is a Thursday: a make-up working day is a Saturday or Sunday" >expect &&
	test_cmp expect err &&
	snapshot c.db >after && test_cmp c.before after &&
	cal_count >got && test_cmp cal.before got
'

test_expect_code 65 'pt-assign --calendar: the same date twice is refused' '
	printf "date,kind\n2026-10-01,holiday\n2026-10-02,holiday\n2026年10月1日,holiday\n" >twice.csv &&
	pt-assign -d c.db --as-of 2026-12-31 --unit 市信访局 --calendar twice.csv cases.csv >out 2>err
'

test_expect_success '... naming file, both lines, and the date' '
	echo "pt-assign: twice.csv:4: 2026-10-01 is listed twice (also on line 2)" >expect &&
	test_cmp expect err &&
	cal_count >got && test_cmp cal.before got
'

test_expect_code 65 'pt-update --calendar: a day both holiday and workday is refused' '
	printf "date,kind\n2026-10-10,workday\n2026-10-10,holiday\n" >both.csv &&
	pt-update -d c.db --as-of 2026-12-31 --calendar both.csv >out 2>err &&
	echo "pt-update: both.csv:3: 2026-10-10 is listed twice (also on line 2)" >expect &&
	test_cmp expect err
'

test_expect_success 'a weekend day marked holiday, as the notices list them, is loaded' '
	printf "date,kind\n2026-10-01,holiday\n2026-10-03,holiday\n2026-10-04,holiday\n2026-10-10,workday\n" >ok.csv &&
	pt-update -d c.db --as-of 2026-12-31 --calendar ok.csv >out 2>err &&
	test "$(sqlite3 c.db "SELECT count(*) FROM calendar WHERE date LIKE '\''2026-%'\''")" = 4 &&
	grep -q "calendar ok.csv: 3 holidays, 1 make-up working days" err
'

# --- 6. --from after --to ---------------------------------------------------
# lib/date.c's period_from_to says so; pt-stats and pt-report call it.

test_expect_code 64 'pt-stats --from after --to is a usage error' '
	pt-stats -d c.db --as-of 2026-12-31 --from 2026-09-30 --to 2026-09-01 >out 2>err
'

test_expect_success 'pt-stats --from after --to says so' '
	test "$(head -n 1 err)" = "pt-stats: --from 2026-09-30 is after --to 2026-09-01" &&
	sed -n 2p err | grep -q "^usage: pt-stats"
'

test_expect_code 64 'pt-report --from after --to is a usage error' '
	pt-report -d c.db --as-of 2026-12-31 --from 2026-09-30 --to 2026-09-01 >out 2>err
'

test_expect_success 'pt-report --from after --to says so' '
	test "$(head -n 1 err)" = "pt-report: --from 2026-09-30 is after --to 2026-09-01"
'

test_expect_success 'pt-report --from --to reports those days, as pt-stats counts them' '
	pt-report -d c.db --as-of 2026-12-31 --from 2026-01-01 --to 2026-06-30 >rep &&
	grep -q "2026年1月1日至2026年6月30日，全市共受理群众来信来访" rep &&
	n=$(pt-stats -d c.db --as-of 2026-12-31 --from 2026-01-01 --to 2026-06-30 | csv_col /dev/stdin batches) &&
	grep -q "来信来访${n}批次" rep
'

test_expect_code 64 'pt-report: --period with --from and --to is a usage error' '
	pt-report -d c.db --as-of 2026-12-31 --period 2026-09 --from 2026-01-01 --to 2026-06-30 >out 2>err
'

test_expect_success 'pt-stats --from before --to is taken' '
	pt-stats -d c.db --as-of 2026-12-31 --from 2026-01-01 --to 2026-12-31 >out &&
	test "$(wc -l <out)" = 2
'

# --- 7. a failed read of the ledger is not the end of the cases -------------

test_expect_success 'set-up: a ledger of 3000 registered cases whose first page of cases is zeroed' '
	gen-petitions -n 3000 -s 3 -y 2026 -Y 1 >p.csv &&
	pt-intake -q -d p.db --as-of 2026-12-31 p.csv >/dev/null &&
	sqlite3 p.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	ps=$(sqlite3 p.db "PRAGMA page_size") &&
	pg=$(sqlite3 p.db "SELECT pageno FROM dbstat WHERE name = '\''cases'\''
		AND pagetype = '\''leaf'\'' ORDER BY path LIMIT 1") &&
	test -n "$pg" &&
	dd if=/dev/zero of=p.db bs="$ps" seek=$((pg - 1)) count=1 conv=notrunc 2>/dev/null
'

test_expect_code 65 'pt-assign --pending: a ledger that cannot be read is an error, not "0 assigned"' '
	pt-assign -d p.db --as-of 2026-12-31 --pending --unit 市信访局 >out 2>err
'

test_expect_success '... saying what failed, and printing no case' '
	echo "pt-assign: p.db: database disk image is malformed" >expect && test_cmp expect err &&
	test ! -s out
'

# --- 8. never "line 0" -------------------------------------------------------

test_expect_success 'set-up: events, gzip-compressed, cut short inside the header and after it' '
	{ echo case_id,event,date && rep 2000 "2026-000001,note,2026-12-01
"; } >ev0.csv &&
	gzip -c ev0.csv >ev0.gz &&
	head -c 20 ev0.gz >cut-header.gz &&
	printf "case_id,event,date\n" | gzip -c >h.gz &&
	head -c $(($(wc -c <h.gz) - 4)) h.gz >cut-trailer.gz &&
	test "$(zcat cut-header.gz 2>/dev/null | wc -l)" = 0
'

test_expect_code 65 'pt-update: a gzip file cut short in its first line stops it (65)' '
	pt-update -d c.db --as-of 2026-12-31 cut-header.gz >out 2>err
'

test_expect_success '... naming the file and the line reading stopped on, never line 0' '
	grep -q "^pt-update: cut-header.gz:1: corrupt gzip data" err &&
	! grep -q ":0:" err
'

test_expect_code 65 'pt-update: a gzip file whose header is whole but whose end is missing stops it' '
	pt-update -d c.db --as-of 2026-12-31 cut-trailer.gz >out 2>err
'

test_expect_success '... at the line where reading stopped, not line 0' '
	grep -q "^pt-update: cut-trailer.gz:2: corrupt gzip data" err
'

test_expect_code 65 'pt-assign: a case stream cut short in its first line stops it (65)' '
	pt-assign -d c.db --as-of 2026-12-31 --unit 市信访局 cut-header.gz >out 2>err
'

test_expect_success '... naming the file and the line reading stopped on, never line 0' '
	grep -q "^pt-assign: cut-header.gz:1: corrupt gzip data" err &&
	! grep -q ":0:" err
'

test_expect_code 65 'pt-assign --calendar: a calendar cut short in its first line stops it (65)' '
	pt-assign -d c.db --as-of 2026-12-31 --unit 市信访局 --calendar cut-header.gz cases.csv >out 2>err
'

test_expect_success '... naming the file and the line reading stopped on, never line 0' '
	grep -q "^pt-assign: cut-header.gz:1: corrupt gzip data" err &&
	! grep -q ":0:" err
'

test_done
