#!/bin/sh
# bench/outputs.sh: every tool's output on a generated ledger, into one
# folder, so that two builds can be compared byte for byte (a refactor must
# change nothing a user sees):
#
#   sh bench/outputs.sh BIN OUTDIR [ROWS]     (ROWS default 100000)
#   sh bench/outputs.sh old/bin a && sh bench/outputs.sh bin b && diff -r a b
#
# It runs the whole pipeline with BIN's tools: pt-intake of ROWS generated
# petitions over two years, pt-assign by testdata/rules.csv month by month
# (the rest --pending to one unit), pt-update with conclusions, replies,
# ratings and reviews made from the ledger, then pt-overdue, pt-stats and
# pt-report in their formats, and dumps the ledger's cases and events
# (without the run timestamps).  The folder holds only what the tools print
# and what the ledger holds.
set -e
[ $# -ge 2 ] || { echo "usage: sh bench/outputs.sh BIN OUTDIR [ROWS]" >&2; exit 64; }
bin=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
rows=${3:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$out"	# messages name files as given: relative names, the same in every folder
out=.
asof=2026-12-31
db=ledger.db
rm -f "$db" "$db-wal" "$db-shm"
export PT_DB="$db" TZ=Asia/Shanghai LC_ALL=C.UTF-8 USER=bench
PATH="$bin:$PATH"

ok() { rc=$?; [ $rc -le 1 ] || [ $rc = 65 ]; }	# red cases (1) and refused rows (65) are expected

gen=$bin/gen-petitions
[ -x "$gen" ] || gen=$root/bin/gen-petitions
"$gen" -n "$rows" -s 7 -y 2025 -Y 2 >in.csv
pt-intake --as-of $asof --rejects "$out/rejects.csv" "$out/in.csv" >"$out/intake.csv" 2>"$out/intake.err" || ok
pt-update -q --calendar "$root/testdata/calendar-cn.csv" --as-of $asof </dev/null >/dev/null 2>&1 || true
for m in $(sqlite3 "$db" "SELECT DISTINCT substr(received, 1, 7) FROM cases ORDER BY 1"); do
	sqlite3 -csv -header "$db" "SELECT case_id FROM case_view WHERE received LIKE '$m%' AND id % 11 != 0" |
		pt-assign --as-of $asof --rules "$root/testdata/rules.csv" \
			--date "$(date -d "$m-01 +1 month -1 day" +%F)" >>"$out/assign.csv" 2>>"$out/assign.err" || ok
done
pt-assign --as-of $asof --pending --unit 市信访局 --leader 李局长 --date $asof \
	>"$out/pending.csv" 2>"$out/pending.err" || ok
sqlite3 -csv -header "$db" "
	SELECT case_id, 'conclude' AS event, date(accepted, '+' || (id % 50 + 5) || ' days') AS date,
	       CASE WHEN id % 7 = 0 THEN 'no' ELSE 'yes' END AS resolved
	FROM case_view WHERE stage = 'in_progress' AND id % 5 != 0
	  AND date(accepted, '+' || (id % 50 + 5) || ' days') <= '$asof'" >"$out/ev1.csv"
pt-update --as-of $asof "$out/ev1.csv" >"$out/update1.csv" 2>"$out/update1.err" || ok
sqlite3 -csv -header "$db" "
	SELECT case_id, 'reply' AS event, concluded AS date, '' AS rating FROM case_view
	WHERE stage = 'concluded' AND id % 13 != 0
	UNION ALL
	SELECT case_id, 'rate', concluded, CASE id % 9 WHEN 0 THEN '不满意' WHEN 3 THEN '基本满意' ELSE '满意' END
	FROM case_view WHERE stage = 'concluded' AND id % 4 != 0 AND id % 13 != 0
	UNION ALL
	SELECT case_id, 'review', date(concluded, '+3 days'), '' FROM case_view
	WHERE stage = 'concluded' AND id % 17 = 0 AND date(concluded, '+3 days') <= '$asof'
	UNION ALL
	SELECT case_id, 'extend', date(accepted, '+20 days'), '' FROM case_view
	WHERE stage = 'in_progress' AND id % 19 = 0 AND date(accepted, '+20 days') <= '$asof'" |
	sed 's/^\(.*\),extend,\(.*\),$/\1,extend,\2,/' >"$out/ev2.csv"
awk -F, 'NR == 1 { print $0 ",days"; next } $2 == "extend" { print $0 ",20"; next } { print $0 "," }' \
	"$out/ev2.csv" >"$out/ev2d.csv"
pt-update --as-of $asof "$out/ev2d.csv" >"$out/update2.csv" 2>"$out/update2.err" || ok

for c in "" "--all" "--summary" "--summary --all" "--color red --format jsonl" "-t --unit 市人社局"; do
	f=$(echo "overdue $c" | tr -c 'a-z0-9\n' _)
	pt-overdue --as-of $asof $c >"$out/$f" 2>&1 || ok
	pt-overdue --as-of 2026-06-30 $c >"$out/$f-june" 2>&1 || ok
done
for p in 2026-09 2026-Q3 2026-H1 2026 2025-12..2026-02; do
	for by in "" "--by channel" "--by unit --total" "--by kind,level --compare yoy" \
		  "--by region --compare prev" "--by category,tag --total --compare yoy" "--by month"; do
		f=$(echo "stats $p $by" | tr -c 'a-zA-Z0-9\n' _)
		pt-stats --as-of $asof --period $p $by >"$out/$f" 2>&1 || ok
	done
done
pt-overdue --as-of $asof --all | pt-stats --by unit --total >"$out/stats-stream" 2>&1 || ok
for k in "daily --period 2026-12-30" "monthly --period 2026-09" "quarterly --period 2026-Q3" \
	 "annual --period 2026" "monthly --period 2026-11"; do
	for f in text md html; do
		for lang in zh en; do
			n=$(echo "report $k $f $lang" | tr -c 'a-zA-Z0-9\n' _)
			pt-report --as-of $asof --kind $k --format $f --lang $lang --org 全市 >"$out/$n" 2>&1 || ok
		done
	done
done
sqlite3 -csv "$db" "SELECT * FROM case_view ORDER BY id" >"$out/cases.dump"
sqlite3 -csv "$db" "SELECT case_id, event, date, tool, by, note, days, rating, resolved, unit, leader
	FROM event_view ORDER BY case_id, id" >"$out/events.dump"
sqlite3 -csv "$db" "SELECT * FROM case_tags ORDER BY 1, 2" >"$out/tags.dump"
sqlite3 -csv "$db" "SELECT * FROM matters ORDER BY 1" >"$out/matters.dump"
rm -f "$db" "$db-wal" "$db-shm"
echo "bench/outputs.sh: $(ls | wc -l) files in $PWD" >&2
