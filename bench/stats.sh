#!/bin/sh
# bench/stats.sh: pt-stats against its baselines, side by side.
#  1. ledger: a month by channel with 同比 (--compare yoy) on a ROWS-case
#     ledger, against the same figures written by hand in SQL and run by
#     sqlite3 on the same ledger;
#  2. stream: the case stream of ROWS rows grouped by channel (batches and
#     persons), against datamash doing the same grouping.
#
#   sh bench/stats.sh [ROWS]      (default: 1000000)
PT_EXTRA_DEPS="time datamash"
export PT_EXTRA_DEPS
. "$(dirname "$0")/preamble.sh"
rows=${1:-1000000}
db="$out/stats.db"
cases="$out/stats-cases.csv"

if [ ! -f "$db" ] || [ "$(sqlite3 "$db" 'SELECT count(*) FROM cases')" != "$rows" ]; then
	rm -f "$db" "$db-wal" "$db-shm"
	bin/gen-petitions -n "$rows" -s 3 -y 2025 -Y 2 |
		bin/pt-intake -q -d "$db" --as-of 2026-12-31 >"$cases"
	# a life for most cases, in bulk: accepted after 1-20 days, concluded
	# after 10-70, most rated
	sqlite3 "$db" "
		UPDATE cases SET decided = date(received, '+' || (id % 20 + 1) || ' days'),
		       accepted = date(received, '+' || (id % 20 + 1) || ' days'),
		       stage = 'in_progress', unit = 'u' || (id % 30)
		WHERE id % 50 != 0;
		UPDATE cases SET conclude_due = date(accepted, '+60 days'), due = date(accepted, '+60 days')
		WHERE accepted IS NOT NULL;
		UPDATE cases SET concluded = date(accepted, '+' || (id % 61 + 10) || ' days'),
		       stage = 'concluded', open = 0, resolved = (id % 3 != 0),
		       rating = CASE id % 5 WHEN 0 THEN NULL WHEN 1 THEN 'unsatisfied'
		                WHEN 2 THEN 'basic' ELSE 'satisfied' END
		WHERE accepted IS NOT NULL AND id % 10 != 0
		  AND date(accepted, '+' || (id % 61 + 10) || ' days') <= '2026-12-31';"
fi

# The same figures by hand: a month by channel, and the same month a year before.
cat >"$out/stats.sql" <<'EOS'
.mode csv
WITH p(f, t, e) AS (VALUES ('2026-09-01', '2026-10-01', '2026-10-01'),
                           ('2025-09-01', '2025-10-01', '2025-10-01'))
SELECT p.f, c.channel, count(*), sum(persons), sum(kind = 'first'), sum(kind = 'repeat'),
       sum(kind = 'referred'), sum(collective), sum(CASE WHEN collective THEN persons END),
       sum(channel = 'letter' AND persons > 1),
       sum(CASE WHEN channel = 'letter' AND persons > 1 THEN persons END),
       count(DISTINCT CASE WHEN 1 + (SELECT count(*) FROM cases x
             WHERE x.first_case = coalesce(c.first_case, c.id) AND x.received < p.e) >= 3
             THEN coalesce(c.first_case, c.id) END)
FROM p JOIN cases c ON c.received >= p.f AND c.received < p.t GROUP BY 1, 2;
WITH p(f, t) AS (VALUES ('2026-08-17', '2026-09-16'), ('2025-08-17', '2025-09-16'))
SELECT p.f, channel, count(*), sum(decided IS NOT NULL AND decided <= date(received, '+15 days'))
FROM p JOIN cases c ON c.received >= p.f AND c.received < p.t GROUP BY 1, 2;
WITH p(f, t) AS (VALUES ('2026-09-01', '2026-10-01'), ('2025-09-01', '2025-10-01'))
SELECT p.f, channel, count(*) FROM p JOIN cases c ON c.decided >= p.f AND c.decided < p.t GROUP BY 1, 2;
WITH p(f, t) AS (VALUES ('2026-09-01', '2026-10-01'), ('2025-09-01', '2025-10-01'))
SELECT p.f, channel, count(*), sum(concluded IS NOT NULL AND concluded <= conclude_due)
FROM p JOIN cases c ON c.conclude_due >= p.f AND c.conclude_due < p.t GROUP BY 1, 2;
WITH p(f, t) AS (VALUES ('2026-09-01', '2026-10-01'), ('2025-09-01', '2025-10-01'))
SELECT p.f, channel, count(*), sum(rating IS NOT NULL), sum(rating IN ('satisfied', 'basic')),
       sum(EXISTS (SELECT 1 FROM case_tags g WHERE g.case_ref = c.id AND g.tag = '积案')),
       sum(resolved = 1 AND EXISTS (SELECT 1 FROM case_tags g WHERE g.case_ref = c.id AND g.tag = '积案'))
FROM p JOIN cases c ON c.concluded >= p.f AND c.concluded < p.t GROUP BY 1, 2;
WITH p(e, e1) AS (VALUES ('2026-09-30', '2026-10-01'), ('2025-09-30', '2025-10-01'))
SELECT p.e, channel,
       sum((CASE WHEN decided IS NULL OR decided >= p.e1 THEN date(received, '+15 days') ELSE conclude_due END) < p.e),
       sum((CASE WHEN decided IS NULL OR decided >= p.e1 THEN date(received, '+15 days') ELSE conclude_due END)
           BETWEEN p.e AND date(p.e, '+5 days'))
FROM p JOIN cases c ON c.id IN (SELECT id FROM cases WHERE open = 1
                                UNION ALL SELECT id FROM cases WHERE concluded >= p.e1
                                UNION ALL SELECT id FROM cases WHERE closed >= p.e1)
 AND c.received < p.e1 AND (c.concluded IS NULL OR c.concluded >= p.e1)
 AND (c.closed IS NULL OR c.closed >= p.e1)
GROUP BY 1, 2;
EOS

runs=5
measure() {	# seconds for $runs runs of the command
	/usr/bin/time -f "%e" -o "$out/time" sh -c '
		i=0; while [ $i -lt '$runs' ]; do "$@" >/dev/null 2>&1 || exit 1; i=$((i + 1)); done
	' sh "$@"
	cat "$out/time"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "$rows cases; $runs runs each"
printf "%-44s %8s %8s %7s\n" "what" "pt s" "base s" ratio
a=$(measure bin/pt-stats -d "$db" --period 2026-09 --by channel --compare yoy --as-of 2026-12-31)
b=$(measure sqlite3 "$db" ".read $out/stats.sql")
printf "%-44s %8s %8s %7s\n" "month by channel, yoy (vs hand SQL)" "$a" "$b" "$(ratio "$a" "$b")"
a=$(measure bin/pt-stats --by channel "$cases")
b=$(measure sh -c "datamash -t, -H -s -g 3 count 3 sum 7 <'$cases'")
printf "%-44s %8s %8s %7s\n" "stream by channel (vs datamash -s)" "$a" "$b" "$(ratio "$a" "$b")"
