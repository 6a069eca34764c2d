#!/bin/sh
# bench/scale.sh: how every tool's cost grows with the ledger.  For each
# size it builds a ledger of ROWS cases over three years (2024-2026), gives
# most of them a life in bulk SQL (as bench/stats.sh does: accepted after
# 1-20 days, in units u0-u29, concluded 10-70 days later, most rated; one in
# 50 stays registered, one in 10 in progress), then times, each once:
#
#   intake    gen-petitions -n ROWS -Y 3 | pt-intake
#   stats     pt-stats --period 2026-09 --by channel --compare yoy
#   overdue   pt-overdue (the red and yellow cases, as of 2026-12-31)
#   summary   pt-overdue --summary
#   report    pt-report --kind monthly --period 2026-09 --format html
#
# each under /usr/bin/time -f '%e %M', and prints one row per size: seconds,
# intake rows/s, the ledger's size after intake, and every tool's peak RSS.
# Then, for each pair of sizes, each tool's cost per row at the larger size
# over its cost at the smaller: 1.00 is linear; above 1.25 is flagged.
#
#   sh bench/scale.sh [ROWS ...]         (default: 1000000 10000000)
#
# SCALE_REUSE=1 keeps a ledger already built for a size (its intake column
# then shows "-").  Ledgers stay in bench/out/scale-ROWS.db (about 0.7 GB
# per million cases).
PT_EXTRA_DEPS=time
export PT_EXTRA_DEPS
. "$(dirname "$0")/preamble.sh"
sizes=${*:-1000000 10000000}
asof=2026-12-31

# measure NAME command...: run it, stdout to /dev/null; sets NAME_s and
# NAME_mb (peak RSS).  pt-overdue's exit 1 (red cases) is not a failure.
measure() {
	name=$1; shift
	rc=0
	/usr/bin/time -f "%e %M" -o "$out/scale-time" "$@" >/dev/null 2>"$out/scale-stderr" || rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
		echo "bench/scale.sh: $* exited $rc" >&2
		cat "$out/scale-stderr" >&2
		exit 1
	fi
	set -- $(tail -n 1 "$out/scale-time")
	eval "${name}_s=\$1 ${name}_mb=\$(awk -v k=\"\$2\" 'BEGIN { printf \"%.1f\", k / 1024 }')"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }

results="$out/scale-results"
: >"$results"
for n in $sizes; do
	db="$out/scale-$n.db"
	if [ "${SCALE_REUSE:-0}" = 1 ] && [ -f "$db" ] &&
	   [ "$(sqlite3 "$db" 'SELECT count(*) FROM cases')" = "$n" ]; then
		intake_s=- intake_mb=- size=$(stat -c %s "$db")
	else
		rm -f "$db" "$db-wal" "$db-shm"
		echo "bench/scale.sh: $n cases: intake" >&2
		# the generator runs beside pt-intake; pt-intake's time is the pipe's
		rm -f "$out/scale-fifo-$n"; mkfifo "$out/scale-fifo-$n"
		bin/gen-petitions -n "$n" -s 4 -y 2024 -Y 3 >"$out/scale-fifo-$n" &
		measure intake bin/pt-intake -q -d "$db" --as-of $asof "$out/scale-fifo-$n"
		wait
		rm -f "$out/scale-fifo-$n"
		size=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
		echo "bench/scale.sh: $n cases: a life for most of them" >&2
		t0=$(date +%s)
		sqlite3 "$db" "
			UPDATE cases SET decided = date(received, '+' || (id % 20 + 1) || ' days'),
			       accepted = date(received, '+' || (id % 20 + 1) || ' days'),
			       stage = 'in_progress', unit = 'u' || (id % 30),
			       conclude_due = date(received, '+' || (id % 20 + 61) || ' days'),
			       due = date(received, '+' || (id % 20 + 61) || ' days')
			WHERE id % 50 != 0;
			UPDATE cases SET concluded = date(accepted, '+' || (id % 61 + 10) || ' days'),
			       stage = 'concluded', open = 0, resolved = (id % 3 != 0),
			       rating = CASE id % 5 WHEN 0 THEN NULL WHEN 1 THEN 'unsatisfied'
			                WHEN 2 THEN 'basic' ELSE 'satisfied' END
			WHERE accepted IS NOT NULL AND id % 10 != 0
			  AND date(accepted, '+' || (id % 61 + 10) || ' days') <= '$asof';
			PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
		echo "bench/scale.sh: $n cases: life in $(( $(date +%s) - t0 )) s" >&2
	fi
	echo "bench/scale.sh: $n cases: stats, overdue, report" >&2
	measure stats bin/pt-stats -d "$db" --period 2026-09 --by channel --compare yoy --as-of $asof
	measure overdue bin/pt-overdue -d "$db" --as-of $asof
	measure summary bin/pt-overdue -d "$db" --summary --as-of $asof
	measure report bin/pt-report -d "$db" --kind monthly --period 2026-09 --format html --as-of $asof
	echo "$n $intake_s $size $stats_s $overdue_s $summary_s $report_s" \
		"$intake_mb $stats_mb $overdue_mb $summary_mb $report_mb" >>"$results"
done

echo
printf "%-9s %9s %8s %9s %8s %9s %9s %8s   %s\n" rows "intake s" "rows/s" "ledger MB" \
	"stats s" "overdue s" "summary s" "report s" \
	"peak RSS MB: intake stats overdue summary report"
while read -r n is size ss os ms rs im sm om mm rm; do
	rate=-
	[ "$is" = - ] || rate=$(awk -v n="$n" -v s="$is" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
	printf "%-9s %9s %8s %9s %8s %9s %9s %8s   %6s %5s %7s %7s %6s\n" "$n" "$is" "$rate" \
		"$(mb "$size")" "$ss" "$os" "$ms" "$rs" "$im" "$sm" "$om" "$mm" "$rm"
done <"$results"

# Growth per row between consecutive sizes: (t2 / n2) / (t1 / n1).
[ "$(wc -l <"$results")" -ge 2 ] || exit 0
echo
echo "cost per row at the larger size over the smaller (1.00: linear; * above 1.25)"
awk '
	function g(a, b) {
		if (a == "-" || b == "-" || a + 0 == 0) return "     -"
		r = (b / n2) / (a / n1)
		return sprintf("%5.2f%s", r, r > 1.25 ? "*" : " ")
	}
	NR > 1 {
		n2 = $1
		printf "%-9s -> %-9s intake %s  ledger %s  stats %s  overdue %s  summary %s  report %s\n",
			n1, n2, g(p[2], $2), g(p[3], $3), g(p[4], $4), g(p[5], $5), g(p[6], $6), g(p[7], $7)
	}
	{ n1 = $1; for (i = 1; i <= NF; i++) p[i] = $i }
' "$results"
