#!/bin/sh
# bench/overdue.sh: pt-overdue's cost follows the open cases, not the ledger.
# Runs pt-overdue on a big ledger (ROWS cases, OPEN of them open) and on a
# small ledger holding only those same open cases, side by side, and prints
# the times and their ratio (target: at most 1.5).
#
#   sh bench/overdue.sh [ROWS [OPEN]]        (default: 1000000 10000)
PT_EXTRA_DEPS=time
export PT_EXTRA_DEPS
. "$(dirname "$0")/preamble.sh"
rows=${1:-1000000}
open=${2:-10000}
big="$out/overdue-big.db"
small="$out/overdue-small.db"
asof=2027-06-30

if [ ! -f "$big" ] || [ "$(sqlite3 "$big" 'SELECT count(*) FROM cases')" != "$rows" ]; then
	rm -f "$big" "$big-wal" "$big-shm" "$small" "$small-wal" "$small-shm"
	bin/gen-petitions -n "$rows" -s 2 | bin/pt-intake -q -d "$big" --as-of $asof >/dev/null
	# keep every (rows/open)-th case open, in progress; conclude the rest
	sqlite3 "$big" "
		UPDATE cases SET stage = 'concluded', open = 0, due = NULL, unit = 'u' || (id % 40),
		       accepted = substr(received, 1, 10), concluded = substr(received, 1, 10)
		WHERE id % ($rows / $open) != 0;
		UPDATE cases SET stage = 'in_progress', unit = 'u' || (id % 40),
		       accepted = substr(received, 1, 10),
		       due = date(received, '+60 days')
		WHERE id % ($rows / $open) = 0;"
fi
rm -f "$small" "$small-wal" "$small-shm"
head -n 1 testdata/sample-intake.csv | bin/pt-intake -q -d "$small" >/dev/null
cols=$(sqlite3 "$big" "SELECT group_concat(name) FROM pragma_table_xinfo('cases') WHERE hidden = 0")
sqlite3 "$small" "ATTACH '$big' AS big;
	INSERT INTO cases ($cols) SELECT $cols FROM big.cases WHERE open = 1;"

runs=20
measure() {	# prints seconds for $runs runs of pt-overdue "$@"
	/usr/bin/time -f "%e" -o "$out/time" sh -c '
		i=0; while [ $i -lt '$runs' ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
	' sh "$@" || true
	cat "$out/time"
}
echo "ledgers: $(sqlite3 "$big" 'SELECT count(*) FROM cases') cases, $(sqlite3 "$big" 'SELECT count(*) FROM cases WHERE open = 1') open;" \
	"$(sqlite3 "$small" 'SELECT count(*) FROM cases') cases, all open; $runs runs each"
printf "%-28s %10s %10s %7s\n" "pt-overdue" "big s" "small s" ratio
for args in "" "--color red,yellow,blue" "--summary"; do
	b=$(measure bin/pt-overdue -d "$big" --as-of $asof $args)
	s=$(measure bin/pt-overdue -d "$small" --as-of $asof $args)
	printf "%-28s %10s %10s %7s\n" "${args:-(red and yellow)}" "$b" "$s" \
		"$(awk -v a="$b" -v b="$s" 'BEGIN { printf "%.2f", a / b }')"
done
