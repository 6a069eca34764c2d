#!/bin/sh
# pt-report at the rhythm bureaus keep: ISO weeks (一周一快报), the period
# just ended by default, an empty period in one sentence, visits worded from
# the office's level, the daily list, and a ranking (月考评) a unit accepts.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary

# row DATE [LEVEL [PERSONS]]: one visit.
row() {
	echo "$1,visit,来访人,,,${3:-1},青山区,劳动社保,${2:-city},,,,,,"
}

# Weeks: 2026-W48 is Monday 23 November to Sunday 29 November; 2020 has a
# week 53, which holds 3 January 2021; 2025 has none.
test_expect_success 'a ledger around ISO weeks' '
	{
		echo "$H" &&
		row 2026-11-22 && row 2026-11-23 && row 2026-11-29 && row 2026-11-30 &&
		row 2026-11-16 && row 2025-11-24 && row 2025-11-30 && row 2025-12-01 &&
		row 2020-12-28 && row 2021-01-03 && row 2021-01-04
	} >wk.csv &&
	pt-intake -q -d wk.db --as-of 2026-12-31 wk.csv >/dev/null &&
	test "$(sqlite3 wk.db "SELECT count(*) FROM cases")" = 11
'

test_expect_success 'pt-stats --period 2026-W48: Monday to Sunday, labelled so' '
	pt-stats -d wk.db --as-of 2026-12-31 --period 2026-W48 >s.csv &&
	test "$(csv_col s.csv period)" = 2026-W48 &&
	test "$(csv_col s.csv batches)" = 2
'

test_expect_success 'a week year ends where its weeks do: 2020-W53 holds 2021-01-03' '
	pt-stats -d wk.db --as-of 2026-12-31 --period 2020-W53 >s.csv &&
	test "$(csv_col s.csv batches)" = 2 &&
	pt-stats -d wk.db --as-of 2026-12-31 --period 2021-W01 >s.csv &&
	test "$(csv_col s.csv batches)" = 1
'

test_expect_success 'a week is compared with the same ISO week a year before and the week before' '
	pt-stats -d wk.db --as-of 2026-12-31 --period 2026-W48 --compare yoy >s.csv &&
	test "$(csv_col s.csv batches_before)" = 2 &&
	pt-stats -d wk.db --as-of 2026-12-31 --period 2026-W48 --compare prev >s.csv &&
	test "$(csv_col s.csv batches_before)" = 2 &&
	pt-stats -d wk.db --as-of 2026-12-31 --period 2026-W47 >s.csv &&
	test "$(csv_col s.csv batches)" = 2
'

test_expect_success 'a week that does not exist is a bad period (exit 64)' '
	for p in 2025-W53 2026-W00 2026-W54 2026-W1; do
		pt-stats -d wk.db --period $p >out 2>err
		test $? = 64 && grep -q "bad period" err || { echo "$p"; exit 1; }
	done
'

test_done
