#!/bin/sh
# The holiday calendar as years (a file replaces only the years it lists),
# working-day deadlines in a year no calendar covers, the calendar installed
# by make install found by default, and repeat petitions matched by ID
# number or by name and phone when only one of the two cases has the ID.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
CAL=$TESTDATA/calendar-cn.csv

# year DB YEAR: that year's days in the ledger's calendar, "date kind" a line.
year() {
	sqlite3 -separator " " "$1" "SELECT date, kind FROM calendar
		WHERE date LIKE '$2-%' ORDER BY date"
}

# --- 1. a calendar file replaces the years it covers, no others -------------

cat >cal2027.csv <<EOF2
date,kind
2027-01-01,holiday
2027-02-06,holiday
2027-02-07,holiday
2027-02-08,holiday
2027-02-20,workday
EOF2

test_expect_success 'set-up: a ledger with the shipped calendar (2024-2026)' '
	printf "%s\n" "$H" "2026-09-01,visit,王建国,,,1,昆都仑区,劳动社保,city,,,,no,," >in.csv &&
	pt-intake -q -d y.db --as-of 2026-09-01 in.csv >/dev/null &&
	pt-update -q -d y.db --as-of 2026-09-01 --calendar "$CAL" &&
	grep "^2026-" "$CAL" | tr , " " >y2026 &&
	year y.db 2026 >got && test_cmp y2026 got
'

test_expect_success 'Art. 34 working days: a 2027-only file keeps 2024-2026 and adds 2027' '
	pt-update -q -d y.db --as-of 2026-09-01 --calendar cal2027.csv &&
	year y.db 2026 >got && test_cmp y2026 got &&
	grep "^2025-" "$CAL" | tr , " " >y2025 &&
	year y.db 2025 >got && test_cmp y2025 got &&
	tail -n +2 cal2027.csv | tr , " " >y2027 &&
	year y.db 2027 >got && test_cmp y2027 got
'

test_expect_success '... and a file for 2026 again replaces 2026 only, 2027 stays' '
	printf "date,kind\n2026-10-01,holiday\n" >one2026.csv &&
	pt-update -q -d y.db --as-of 2026-09-01 --calendar one2026.csv &&
	test "$(year y.db 2026)" = "2026-10-01 holiday" &&
	year y.db 2027 >got && test_cmp y2027 got &&
	year y.db 2025 >got && test_cmp y2025 got
'

# --- 2. a working-day deadline in a year the calendar does not cover -------
# Simplified procedure (Art. 34 and the simplified procedure's 10 working
# days) accepted Mon 2026-12-28 over the shipped calendar (2024-2026):
# 12-29..31 (1-3), 2027-01-01 off (元旦, a fixed date), 01-04..08 (4-8),
# 01-11 (9), 01-12 (10) = 2027-01-12; the lunar holidays of 2027 unknown.

test_expect_success 'set-up: two cases, the shipped calendar' '
	printf "%s\n" "$H" "2026-12-20,visit,王建国,,,1,昆都仑区,劳动社保,city,,,,no,," \
		"2026-09-01,visit,李秀英,,,1,青山区,农民工工资,city,,,,no,," >in.csv &&
	pt-intake -q -d u.db --as-of 2026-12-28 in.csv >/dev/null &&
	pt-update -q -d u.db --as-of 2026-12-28 --calendar "$CAL"
'

test_expect_success 'Art. 34 simplified: 10 working days into 2027 warn, naming 2027, and skip 2027-01-01' '
	printf "case_id\n2026-000001\n" >s1.csv &&
	pt-assign -d u.db --as-of 2026-12-28 --date 2026-12-28 --unit 市人社局 \
		--procedure simplified s1.csv >out 2>err &&
	echo "pt-assign: the calendar does not cover 2027: deadlines in it assume no holidays but the fixed-date ones" >expect &&
	grep "cover" err >got && test_cmp expect got &&
	test "$(sed -n 2p out | cut -d, -f1,4)" = "2026-000001,2027-01-12"
'

test_expect_success 'Art. 34 simplified within a covered year: no warning' '
	printf "case_id\n2026-000002\n" >s2.csv &&
	pt-assign -d u.db --as-of 2026-12-28 --date 2026-09-10 --unit 市人社局 \
		--procedure simplified s2.csv >out 2>err &&
	test_no_match -q cover err
'

test_expect_success 'pt-overdue: column uncovered names 2027 for the case counted over it, empty else' '
	{ pt-overdue -q -d u.db --as-of 2026-12-28 --all >out; test $? -le 1; } &&
	head -n 1 out | tr , "\n" | tail -n 1 >got && echo uncovered >expect && test_cmp expect got &&
	test "$(grep "^2026-000001," out | awk -F, "{print \$NF}")" = 2027 &&
	test "$(grep "^2026-000002," out | awk -F, "{print \$NF}")" = ""
'

test_expect_success '... loading 2027 clears the mark, and no warning once covered' '
	pt-update -q -d u.db --as-of 2026-12-28 --calendar cal2027.csv 2>err &&
	test_no_match -q cover err &&
	{ pt-overdue -q -d u.db --as-of 2026-12-28 --all >out; test $? -le 1; } &&
	test "$(grep "^2026-000001," out | awk -F, "{print \$4 \",\" \$NF}")" = "2027-01-12,"
'

# --- 3. the calendar make install puts in $(PREFIX)/share/pt ---------------
# The tools look in the directory compiled in (-DPT_DATADIR from the
# Makefile); $PT_DATADIR, when set, replaces it, which the tests use.

test_expect_success 'set-up: an installed calendar in a data directory of our own' '
	mkdir share && cp "$CAL" share/calendar-cn.csv &&
	printf "%s\n" "$H" "2026-09-01,visit,王建国,,,1,昆都仑区,劳动社保,city,,,,no,," >in.csv &&
	pt-intake -q -d d.db --as-of 2026-09-30 in.csv >/dev/null &&
	pt-intake -q -d e.db --as-of 2026-09-30 in.csv >/dev/null &&
	test "$(sqlite3 d.db "SELECT count(*) FROM calendar")" = 0
'

test_expect_success 'a ledger with no calendar loads the installed one on its first run' '
	printf "case_id\n2026-000001\n" >s1.csv &&
	PT_DATADIR=$PWD/share pt-assign -d d.db --as-of 2026-09-30 --date 2026-09-30 \
		--unit 市人社局 --procedure simplified s1.csv >out 2>err &&
	test_no_match -q cover err &&
	tail -n +2 "$CAL" | tr , " " >all &&
	sqlite3 -separator " " d.db "SELECT date, kind FROM calendar ORDER BY date" >got &&
	test_cmp all got &&
	test "$(sed -n 2p out | cut -d, -f4)" = 2026-10-20
'

test_expect_success '... and never again once the ledger has a calendar' '
	printf "date,kind\n2026-10-12,holiday\n" >share/calendar-cn.csv &&
	printf "case_id,event,date\n" >ev0.csv &&
	PT_DATADIR=$PWD/share pt-update -d d.db --as-of 2026-10-01 ev0.csv >out 2>err &&
	sqlite3 -separator " " d.db "SELECT date, kind FROM calendar ORDER BY date" >got &&
	test_cmp all got
'

test_expect_success '--calendar wins over the installed calendar' '
	PT_DATADIR=$PWD/share pt-update -q -d e.db --as-of 2026-10-01 --calendar cal2027.csv &&
	sqlite3 -separator " " e.db "SELECT date, kind FROM calendar ORDER BY date" >got &&
	test_cmp y2027 got
'

test_expect_success 'a wrong installed calendar is named in the error (65)' '
	printf "date,kind\n2026-10-12,hol\n" >share/calendar-cn.csv &&
	pt-intake -q -d e2.db --as-of 2026-09-30 in.csv >/dev/null &&
	{ PT_DATADIR=$PWD/share pt-update -d e2.db --as-of 2026-10-01 ev0.csv >out 2>err; test $? = 65; } &&
	grep -q "^pt-update: $PWD/share/calendar-cn.csv:2: unknown kind" err
'

test_done
