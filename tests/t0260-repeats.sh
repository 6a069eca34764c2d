#!/bin/sh
# Repeat petitions: the same petitioner on the same matter, by ID number,
# else by name and phone, also when only one of the two cases carries the
# ID number.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category
ID=150202196807311007
ID2=150221194310033398

# kinds DB: each case's id, kind and first case.
kinds() {
	sqlite3 -nullvalue - "$1" "SELECT case_id, kind, first_case FROM case_view ORDER BY id"
}

test_expect_success 'with the ID number, after the same name and phone without it: a repeat' '
	printf "%s\n" "$H" "2026-03-01,visit,王五,,13912345678,1,昆都仑区,劳动社保" >a.csv &&
	printf "%s\n" "$H" "2026-04-01,visit,王五,$ID,13912345678,1,昆都仑区,劳动社保" \
		"2026-05-01,letter,王五,$ID,,1,昆都仑区,劳动社保" >b.csv &&
	pt-intake -q -d l.db --as-of 2026-11-23 a.csv >/dev/null &&
	pt-intake -q -d l.db --as-of 2026-11-23 b.csv >/dev/null &&
	kinds l.db >out &&
	printf "%s\n" "2026-000001|first|-" "2026-000002|repeat|2026-000001" \
		"2026-000003|repeat|2026-000001" >expect &&
	test_cmp expect out
'

test_expect_success '... and so in one input, and for a later run by the ID number alone' '
	printf "%s\n" "$H" "2026-03-01,visit,王五,,13912345678,1,昆都仑区,劳动社保" \
		"2026-04-01,visit,王五,$ID,13912345678,1,昆都仑区,劳动社保" >c.csv &&
	printf "%s\n" "$H" "2026-06-01,online,王五,$ID,,1,昆都仑区,劳动社保" >d.csv &&
	pt-intake -q -d m.db --as-of 2026-11-23 c.csv >/dev/null &&
	pt-intake -q -d m.db --as-of 2026-11-23 d.csv >/dev/null &&
	kinds m.db >out &&
	printf "%s\n" "2026-000001|first|-" "2026-000002|repeat|2026-000001" \
		"2026-000003|repeat|2026-000001" >expect &&
	test_cmp expect out
'

test_expect_success 'two ID numbers on one name and phone are two petitioners' '
	printf "%s\n" "$H" "2026-03-01,visit,王五,$ID2,13912345678,1,昆都仑区,劳动社保" \
		"2026-04-01,visit,王五,$ID,13912345678,1,昆都仑区,劳动社保" >e.csv &&
	pt-intake -q -d n.db --as-of 2026-11-23 e.csv >/dev/null &&
	kinds n.db >out &&
	printf "%s\n" "2026-000001|first|-" "2026-000002|first|-" >expect &&
	test_cmp expect out
'

test_expect_success 'another matter (category) is no repeat' '
	printf "%s\n" "$H" "2026-03-01,visit,王五,,13912345678,1,昆都仑区,劳动社保" \
		"2026-04-01,visit,王五,$ID,13912345678,1,昆都仑区,城乡建设" >f.csv &&
	pt-intake -q -d o.db --as-of 2026-11-23 f.csv >/dev/null &&
	kinds o.db >out &&
	printf "%s\n" "2026-000001|first|-" "2026-000002|first|-" >expect &&
	test_cmp expect out
'

test_done
