#!/bin/sh
# The whole life of one case, as a bureau lives it: registered under the
# wrong category, amended (更正), tagged 积案, transferred (Art. 22, 23),
# accepted and extended (Art. 34), concluded, its conclusion voided (撤销)
# and concluded again; its stage and due in pt-overdue after each step,
# its figures in pt-stats at the end.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >case.csv <<EOF2
$H
2026-03-02,letter,王建国,,13900000001,1,昆都仑区,城乡建设,city,,,,no,,工资拖欠三个月
EOF2

# up ROW: one pt-update row (header case_id,event,date,$2) on l.db.
up() {
	printf "%s\n" "case_id,event,date,$2" "2026-000001,$1" >row.csv &&
	pt-update -q -d l.db --as-of 2026-06-30 row.csv >/dev/null
}

# seen DATE: the case as pt-overdue --all shows it that day: stage,due,category.
seen() {
	pt-overdue -q --all -d l.db --as-of "$1" >od &&
	grep "^2026-000001," od | cut -d, -f3,4,9
}

test_expect_success 'registered under the wrong category: due received + 15 days (Art. 22)' '
	pt-intake -q -d l.db --as-of 2026-03-02 case.csv >/dev/null &&
	seen 2026-03-03 >got &&
	echo "registered,2026-03-17,城乡建设" >expect &&
	test_cmp expect got
'

test_expect_success 'amended to its right category: the same deadline, the new category (Art. 22)' '
	up amend,2026-03-03,劳动社保 category &&
	seen 2026-03-03 >got &&
	echo "registered,2026-03-17,劳动社保" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 l.db "SELECT correction FROM event_view WHERE event = '\''amend'\''")" = "amended: category: 城乡建设 -> 劳动社保"
'

test_expect_success 'tagged 积案: stage and deadline unchanged (Art. 22)' '
	up tag,2026-03-04,积案 tags &&
	seen 2026-03-04 >got &&
	echo "registered,2026-03-17,劳动社保" >expect &&
	test_cmp expect got
'

test_expect_success 'transferred on day 3 (Art. 22): the receiving unit has its own 15 days from its receipt (Art. 23)' '
	up transfer,2026-03-05,市人社局 unit &&
	seen 2026-03-06 >got &&
	echo "registered,2026-03-20,劳动社保" >expect &&
	test_cmp expect got
'

test_expect_success 'accepted by the unit within its 15 days (Art. 23): 60 days to conclude (Art. 34)' '
	up accept,2026-03-10,市人社局 unit &&
	seen 2026-03-11 >got &&
	echo "in_progress,2026-05-09,劳动社保" >expect &&
	test_cmp expect got
'

test_expect_success 'extended by 30 days while its deadline runs (Art. 34)' '
	up extend,2026-05-01,30 days &&
	seen 2026-05-02 >got &&
	echo "in_progress,2026-06-08,劳动社保" >expect &&
	test_cmp expect got
'

test_expect_success 'concluded, not resolved, within the extended deadline (Art. 34)' '
	up conclude,2026-05-20,no resolved &&
	seen 2026-05-21 >got &&
	echo "concluded,,劳动社保" >expect &&
	test_cmp expect got
'

test_expect_success 'the conclusion voided: in progress again, the extended deadline back (Art. 34)' '
	up void,2026-05-21,结论录错 note &&
	seen 2026-05-22 >got &&
	echo "in_progress,2026-06-08,劳动社保" >expect &&
	test_cmp expect got
'

test_expect_success 'concluded again, resolved, within the extended deadline (Art. 34)' '
	up conclude,2026-05-25,yes resolved &&
	seen 2026-05-26 >got &&
	echo "concluded,,劳动社保" >expect &&
	test_cmp expect got
'

# The figures of 2026-03-01..2026-06-30, by hand:
#   accept_due 1: received 03-02 + 15 days = 03-17, in the period;
#   timely_accepted 1: its decision is the transfer of 03-05 (day 3), on
#     or before 03-17 (Art. 22);
#   due 1: accepted 03-10 + 60 days = 05-09, extended by 30 = 06-08
#     (Art. 34), in the period; on_time 1: concluded 05-25 <= 06-08 (the
#     voided conclusion of 05-20 no longer counts);
#   concluded 1; resolution_cases 1 (tagged 积案, concluded in the
#     period), resolved 1 (the conclusion in force says yes; the voided
#     one said no);
#   all of it under 劳动社保, the category after the amend, none under 城乡建设.
test_expect_success 'its figures by hand: in time (Art. 22, 23), on time (Art. 34), resolved 积案, under the amended category' '
	pt-stats -d l.db --as-of 2026-06-30 --from 2026-03-01 --to 2026-06-30 --by category >stats &&
	head -n 1 stats | tr , "\n" >cols &&
	for c in category batches accept_due timely_accepted due on_time concluded resolution_cases resolved; do
		grep -qx "$c" cols || exit 1
	done &&
	awk -F, "NR == 1 { for (i = 1; i <= NF; i++) col[\$i] = i; next }
		{ print \$col[\"category\"], \$col[\"batches\"], \$col[\"accept_due\"],
		  \$col[\"timely_accepted\"], \$col[\"due\"], \$col[\"on_time\"],
		  \$col[\"concluded\"], \$col[\"resolution_cases\"], \$col[\"resolved\"] }" stats >got &&
	echo "劳动社保 1 1 1 1 1 1 1 1" >expect &&
	test_cmp expect got
'

test_done
