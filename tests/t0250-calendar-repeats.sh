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

test_done
