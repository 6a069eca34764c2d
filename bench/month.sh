#!/bin/sh
# bench/month.sh: a month's figures cost what the month holds.  Two ledgers
# with the same daily volume, one four times the other's age (by default 1M
# cases over 2025-2026 and 4M over 2019-2026, built by bench/month-ledger.sh:
# intake, routing and lives written by the tools), and on each, side by
# side, RUNS runs (median):
#
#   floor     sqlite3 counting 2026-09 and 2025-09 by channel from the
#             cases table (the least any figure of the month can cost)
#   FAMILY    each family of figures alone, 2026-09 and its year before by
#             channel (build/bench-families)
#   stats     pt-stats --period 2026-09 --by channel --compare yoy
#   report    pt-report --kind monthly --period 2026-09 --format html
#   overdue   pt-overdue (red and yellow; the ledgers hold the same open cases)
#
# Then each row's ratio: the larger ledger over the smaller (target: 1.2 at
# most), and over the floor on the larger.  Peak RSS of every reader, and
# of pt-intake, pt-assign and pt-update writing into a copy of the larger.
#
#   sh bench/month.sh [RUNS]              (3 runs; MONTH_REUSE=1 keeps the ledgers)
#
# MONTH_SMALL / MONTH_LARGE: "ROWS YEARS" of each ledger (default
# "1000000 2" and "4000000 8").  Ledgers stay in bench/out/ (about 0.9 GB
# per million cases).
PT_EXTRA_DEPS=time
export PT_EXTRA_DEPS
. "$(dirname "$0")/preamble.sh"
make -s build/bench-families
runs=${1:-3}
asof=2026-12-31
small=${MONTH_SMALL:-1000000 2}
large=${MONTH_LARGE:-4000000 8}
export TZ=Asia/Shanghai LC_ALL=C.UTF-8 USER=bench

# ledger NAME "ROWS YEARS": build bench/out/month-NAME.db unless kept
ledger() {
	db=$out/month-$1.db
	set -- $2
	if [ "${MONTH_REUSE:-0}" = 1 ] && [ -f "$db" ] &&
	   [ "$(sqlite3 "$db" 'SELECT count(*) FROM cases')" = "$1" ]; then
		return
	fi
	echo "bench/month.sh: building $db ($1 cases over $2 years)" >&2
	sh bench/month-ledger.sh "$db" "$1" "$2"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# secs COMMAND...: the median elapsed seconds of RUNS runs (stdout dropped;
# pt-overdue's 1, red cases, is not a failure)
secs() {
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s.%N)
		rc=0
		"$@" >/dev/null 2>"$out/month-err" || rc=$?
		[ $rc = 0 ] || [ $rc = 1 ] || { echo "bench/month.sh: $* exited $rc" >&2; cat "$out/month-err" >&2; exit 1; }
		e=$(date +%s.%N)
		echo "$s $e" | awk '{ printf "%.3f\n", $2 - $1 }'
		i=$((i + 1))
	done | median
}

# rss COMMAND...: peak RSS in MB of one run
rss() {
	rc=0
	/usr/bin/time -f %M -o "$out/month-rss" "$@" >/dev/null 2>"$out/month-err" || rc=$?
	[ $rc = 0 ] || [ $rc = 1 ] || [ $rc = 65 ] || { echo "bench/month.sh: $* exited $rc" >&2; cat "$out/month-err" >&2; exit 1; }
	tail -n 1 "$out/month-rss" | awk '{ printf "%.1f\n", $1 / 1024 }'
}

floor_sql="SELECT channel, count(*) FROM cases WHERE received >= '2026-09-01' AND received < '2026-10-01' GROUP BY 1;
SELECT channel, count(*) FROM cases WHERE received >= '2025-09-01' AND received < '2025-10-01' GROUP BY 1;"

ledger small "$small"
ledger large "$large"
for l in small large; do
	db=$out/month-$l.db
	# a ledger from an older build is migrated first (a writer with no rows)
	echo case_id,event,date | bin/pt-update -q -d "$db" --as-of $asof >/dev/null
	echo "floor $(secs sqlite3 "$db" "$floor_sql")" >"$out/month-$l.times"
	# the families: the median of RUNS, each run a fresh open
	build/bench-families "$db" 2026-09 $asof "$runs" >>"$out/month-$l.times"
	echo "stats $(secs bin/pt-stats -d "$db" --period 2026-09 --by channel --compare yoy --as-of $asof)" >>"$out/month-$l.times"
	echo "report $(secs bin/pt-report -d "$db" --kind monthly --period 2026-09 --format html --as-of $asof)" >>"$out/month-$l.times"
	echo "overdue $(secs bin/pt-overdue -d "$db" --as-of $asof)" >>"$out/month-$l.times"
done

printf "%-10s %9s %9s %8s %9s   (median of %s runs; seconds)\n" what small large ratio "x floor" "$runs"
fl=$(awk '$1 == "floor" { print $2 }' "$out/month-large.times")
while read -r name s; do
	b=$(awk -v k="$name" '$1 == k { print $2 }' "$out/month-large.times")
	printf "%-10s %9s %9s %8s %9s\n" "$name" "$s" "$b" \
		"$(awk -v a="$s" -v b="$b" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')" \
		"$(awk -v f="$fl" -v b="$b" 'BEGIN { if (f > 0) printf "%.1f", b / f; else print "-" }')"
done <"$out/month-small.times"

# peak RSS: the readers on the larger ledger, the writers on a copy of it
db=$out/month-large.db
cp "$db" "$out/month-copy.db"
bin/gen-petitions -n 100000 -s 12 -y 2026 -Y 1 | sed 's/,XF2026/,XG2026/' >"$out/month-more.csv"
sqlite3 -csv -header "$out/month-copy.db" "SELECT case_id, 'u1' AS unit FROM cases
	WHERE stage = 'registered' LIMIT 1000" >"$out/month-assign.csv"
sqlite3 -csv -header "$out/month-copy.db" "SELECT case_id, 'conclude' AS event, '2026-12-31' AS date
	FROM cases WHERE stage = 'in_progress' LIMIT 10000" >"$out/month-events.csv"
echo
echo "peak RSS MB on $(sqlite3 "$db" 'SELECT count(*) FROM cases') cases"
printf "  %-10s %6s\n" pt-stats "$(rss bin/pt-stats -d "$db" --period 2026-09 --by channel --compare yoy --as-of $asof)"
printf "  %-10s %6s\n" pt-stats-y "$(rss bin/pt-stats -d "$db" --period 2026 --by unit,leader --compare yoy --as-of $asof)"
printf "  %-10s %6s\n" pt-report "$(rss bin/pt-report -d "$db" --kind monthly --period 2026-09 --format html --as-of $asof)"
printf "  %-10s %6s\n" pt-report-y "$(rss bin/pt-report -d "$db" --kind annual --period 2026 --format html --as-of $asof)"
printf "  %-10s %6s\n" pt-overdue "$(rss bin/pt-overdue -d "$db" --as-of $asof --color red,yellow,blue)"
printf "  %-10s %6s\n" pt-show "$(rss bin/pt-show -d "$db" 2026-000001)"
printf "  %-10s %6s\n" pt-intake "$(rss bin/pt-intake -q -d "$out/month-copy.db" --as-of $asof "$out/month-more.csv")"
printf "  %-10s %6s\n" pt-assign "$(rss bin/pt-assign -q -d "$out/month-copy.db" --as-of $asof "$out/month-assign.csv")"
printf "  %-10s %6s\n" pt-update "$(rss bin/pt-update -q -d "$out/month-copy.db" --as-of $asof "$out/month-events.csv")"
rm -f "$out/month-copy.db" "$out/month-copy.db-wal" "$out/month-copy.db-shm" "$out/month-more.csv" \
	"$out/month-assign.csv" "$out/month-events.csv"
