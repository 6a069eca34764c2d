#!/bin/sh
# bench/intake.sh: pt-intake against `sqlite3 .import` of the same file, side
# by side.  The baseline imports into a plain table with a unique ext_id and
# indexes on received and id_number.  Prints seconds, the ratio, peak RSS.
# Beside them, the floor: sqlite3 copying the ledger pt-intake made, table by
# table in its order, into an empty ledger of the same schema, pages, cache
# and journal: what SQLite alone writes for those cases, with nothing read,
# checked or classified and no statement run per row.
#
#   sh bench/intake.sh [ROWS ...]      (default: 100000 1000000)
PT_EXTRA_DEPS=time
export PT_EXTRA_DEPS
. "$(dirname "$0")/preamble.sh"
sizes=${*:-100000 1000000}

measure() {	# command...: prints "seconds maxrss_kb"
	sync	# what the run before wrote is on disk, not written back during this one
	/usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>"$out/stderr" ||
		{ cat "$out/stderr" >&2; exit 1; }
	cat "$out/time"
}

printf "%-8s %12s %9s %6s %8s %6s %10s %14s\n" rows "pt-intake s" "import s" ratio \
	"floor s" ratio "pt RSS MB" "import RSS MB"
for n in $sizes; do
	csv="$out/intake-$n.csv"
	[ -f "$csv" ] || bin/gen-petitions -n "$n" -s 1 >"$csv"
	rm -f "$out/pt.db" "$out/pt.db-wal" "$out/pt.db-shm" "$out/base.db" \
		"$out/floor.db" "$out/floor.db-wal" "$out/floor.db-shm"
	cat >"$out/base.sql" <<-EOS
	CREATE TABLE t(received,channel,name,id_number,phone,persons,region,category,
	  level,referred_by,due,ext_id UNIQUE,law_related,tags,summary);
	CREATE INDEX t_received ON t(received);
	CREATE INDEX t_id_number ON t(id_number);
	.mode csv
	.import --skip 1 $csv t
	EOS
	set -- $(measure bin/pt-intake -q -d "$out/pt.db" --as-of 2030-12-31 "$csv")
	pt_s=$1 pt_kb=$2
	set -- $(measure sqlite3 "$out/base.db" ".read $out/base.sql")
	b_s=$1 b_kb=$2
	head -n 1 "$csv" | bin/pt-intake -q -d "$out/floor.db" >/dev/null
	cat >"$out/floor.sql" <<-EOS
	.bail on
	PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; PRAGMA foreign_keys = OFF;
	ATTACH '$out/pt.db' AS pt;
	BEGIN;
	DELETE FROM runs;
	INSERT INTO runs SELECT * FROM pt.runs;
	INSERT INTO matters SELECT * FROM pt.matters;
	INSERT INTO cases ($(sqlite3 "$out/pt.db" "SELECT group_concat(name) FROM pragma_table_xinfo('cases') WHERE hidden = 0"))
	  SELECT $(sqlite3 "$out/pt.db" "SELECT group_concat(name) FROM pragma_table_xinfo('cases') WHERE hidden = 0") FROM pt.cases ORDER BY id;
	INSERT INTO case_tags SELECT * FROM pt.case_tags ORDER BY case_ref;
	COMMIT;
	EOS
	set -- $(measure sqlite3 "$out/floor.db" ".read $out/floor.sql")
	f_s=$1
	test "$(sqlite3 "$out/floor.db" "SELECT count(*) FROM cases")" = \
		"$(sqlite3 "$out/pt.db" "SELECT count(*) FROM cases")"
	printf "%-8s %12s %9s %6s %8s %6s %10s %14s\n" "$n" "$pt_s" "$b_s" \
		"$(awk -v a="$pt_s" -v b="$b_s" 'BEGIN { printf "%.2f", a / b }')" \
		"$f_s" "$(awk -v a="$f_s" -v b="$b_s" 'BEGIN { printf "%.2f", a / b }')" \
		"$(awk -v k="$pt_kb" 'BEGIN { printf "%.1f", k / 1024 }')" \
		"$(awk -v k="$b_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
done
