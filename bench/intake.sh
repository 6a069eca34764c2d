#!/bin/sh
# bench/intake.sh: pt-intake against `sqlite3 .import` of the same file, side
# by side.  The baseline imports into a plain table with a unique ext_id and
# indexes on received and id_number.  Prints seconds, the ratio, peak RSS.
#
#   sh bench/intake.sh [ROWS ...]      (default: 100000 1000000)
PT_EXTRA_DEPS=time
export PT_EXTRA_DEPS
. "$(dirname "$0")/preamble.sh"
sizes=${*:-100000 1000000}

measure() {	# label command...: prints "seconds maxrss_kb"
	/usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>"$out/stderr" ||
		{ cat "$out/stderr" >&2; exit 1; }
	cat "$out/time"
}

printf "%-10s %12s %12s %8s %14s %14s\n" rows "pt-intake s" "import s" ratio "pt RSS MB" "import RSS MB"
for n in $sizes; do
	csv="$out/intake-$n.csv"
	[ -f "$csv" ] || bin/gen-petitions -n "$n" -s 1 >"$csv"
	rm -f "$out/pt.db" "$out/pt.db-wal" "$out/pt.db-shm" "$out/base.db"
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
	printf "%-10s %12s %12s %8s %14s %14s\n" "$n" "$pt_s" "$b_s" \
		"$(awk -v a="$pt_s" -v b="$b_s" 'BEGIN { printf "%.2f", a / b }')" \
		"$(awk -v k="$pt_kb" 'BEGIN { printf "%.1f", k / 1024 }')" \
		"$(awk -v k="$b_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
done
