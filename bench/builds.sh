#!/bin/sh
# bench/builds.sh: two builds of pt side by side on the same work, each
# tool's time as new / old (the baseline is the old build): a refactor must
# not make any tool slower.
#
#   sh bench/builds.sh OLD_BIN NEW_BIN [ROWS] [RUNS]   (100000 rows, 3 runs)
#
# Each build runs the same pipeline into a ledger of its own: pt-intake of
# ROWS generated petitions (2025-2026), pt-assign --pending by
# testdata/rules.csv, pt-update with a conclusion for most cases; then the
# readers on that ledger: pt-overdue, pt-overdue --summary, pt-stats
# --period 2026-09 --by channel --compare yoy, pt-report monthly HTML.
# Every step runs RUNS times, the two builds alternating (old, new, old,
# ...) so that the machine's load falls on both alike; the median of each
# is printed, and the ratio.  The writers start from a fresh ledger each
# run.  Timing is a measurement here, never a test.
set -e
[ $# -ge 2 ] || { echo "usage: sh bench/builds.sh OLD_BIN NEW_BIN [ROWS] [RUNS]" >&2; exit 64; }
old=$(cd "$1" && pwd)
new=$(cd "$2" && pwd)
rows=${3:-100000}
runs=${4:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out/builds
mkdir -p "$out"
cd "$out"
export TZ=Asia/Shanghai LC_ALL=C.UTF-8 USER=bench
asof=2026-12-31
gen=$new/gen-petitions
[ -x "$gen" ] || gen=$root/bin/gen-petitions
"$gen" -n "$rows" -s 7 -y 2025 -Y 2 >in.csv

# secs COMMAND...: the elapsed seconds of COMMAND (stdout dropped); exits
# 0, 1 (red cases) and 65 (refused rows) are what the pipeline expects.
secs() {
	s=$(date +%s.%N)
	rc=0
	"$@" >/dev/null 2>>err.log || rc=$?
	[ $rc = 0 ] || [ $rc = 1 ] || [ $rc = 65 ] || { echo "bench/builds.sh: $* exited $rc" >&2; exit 1; }
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.3f\n", $2 - $1 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# pipeline BIN DB: the writers' steps into a new DB; prints three times.
pipeline() {
	rm -f "$2" "$2-wal" "$2-shm"
	t1=$(secs "$1/pt-intake" -q -d "$2" --as-of $asof in.csv)
	t2=$(secs "$1/pt-assign" -q -d "$2" --as-of $asof --pending --rules "$root/testdata/rules.csv" --date 2026-01-31)
	sqlite3 -csv -header "$2" "SELECT case_id, 'conclude' AS event, '2026-03-01' AS date, 'yes' AS resolved
		FROM case_view WHERE stage = 'in_progress' AND id % 5 != 0" >ev-$(basename "$2").csv
	t3=$(secs "$1/pt-update" -q -d "$2" --as-of $asof ev-$(basename "$2").csv)
	echo "$t1 $t2 $t3"
}

: >times
i=0
while [ $i -lt "$runs" ]; do
	echo "old $(pipeline "$old" old.db)" >>times
	echo "new $(pipeline "$new" new.db)" >>times
	i=$((i + 1))
done
# the readers, on the ledger their own build wrote
for step in "overdue:pt-overdue --as-of $asof" "summary:pt-overdue --as-of $asof --summary" \
	    "stats:pt-stats --as-of $asof --period 2026-09 --by channel --compare yoy" \
	    "report:pt-report --as-of $asof --kind monthly --period 2026-09 --format html"; do
	name=${step%%:*} cmd=${step#*:}
	i=0
	while [ $i -lt "$runs" ]; do
		echo "old-$name $(secs "$old/${cmd%% *}" -d old.db ${cmd#* })" >>times
		echo "new-$name $(secs "$new/${cmd%% *}" -d new.db ${cmd#* })" >>times
		i=$((i + 1))
	done
done

printf "%-10s %10s %10s %8s   (%s rows, median of %s runs)\n" step "old s" "new s" new/old "$rows" "$runs"
col=2
for name in intake assign update; do
	o=$(awk -v c=$col '$1 == "old" { print $c }' times | median)
	n=$(awk -v c=$col '$1 == "new" { print $c }' times | median)
	printf "%-10s %10s %10s %8s\n" $name "$o" "$n" "$(echo "$n $o" | awk '{ printf "%.2f", $1 / $2 }')"
	col=$((col + 1))
done
for name in overdue summary stats report; do
	o=$(awk -v k="old-$name" '$1 == k { print $2 }' times | median)
	n=$(awk -v k="new-$name" '$1 == k { print $2 }' times | median)
	printf "%-10s %10s %10s %8s\n" $name "$o" "$n" "$(echo "$n $o" | awk '{ printf "%.2f", $1 / $2 }')"
done
