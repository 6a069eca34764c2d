#!/bin/sh
# bench/month-ledger.sh: build DB, a ledger of ROWS generated cases over
# YEARS years ending 2026, each case given a life by the tools themselves,
# so that what is open at any time is the last months' cases, whatever the
# ledger's age (a bureau concludes its old cases):
#   pt-intake   gen-petitions -n ROWS -s 11 -y FIRST -Y YEARS, with the
#               tag 积案 kept on the cases of 2026 only (the batch of the
#               year: the same batch whatever the ledger's age)
#   pt-assign   every case routed to one of 30 units and accepted 1-10 days
#               after it came (one in 50: 20-39 days, late)
#   pt-update   concluded and replied to 5-54 days after acceptance (one in
#               10: 70-149 days, late), resolved two times in three, rated
#               four in five (the bureau's rating too); one in 400 of 2026
#               tagged 积案; one in 200 asked for review 20 days after the
#               reply and answered 30 days later
# Events dated after 2026-12-31 are left out: the last months' cases stay
# open.  Used by bench/month.sh; alone:
#
#   sh bench/month-ledger.sh DB ROWS YEARS      (MONTH_BIN: the build, default bin)
set -e
db=$1 rows=$2 years=$3
bin=${MONTH_BIN:-bin}	# the writers: another build's, to compare builds
asof=2026-12-31
first=$((2027 - years))
# temporary files go beside DB: DB.in.csv, DB.assign.csv, DB.events.csv
rm -f "$db" "$db-wal" "$db-shm"
# 积案 only on the cases of the last year: a batch is one list handed down
"$bin"/gen-petitions -n "$rows" -s 11 -y "$first" -Y "$years" |
	sed '/^20[0-9][0-9]-/{/^2026-/!{s/,积案,/,,/;s/,积案;/,/;s/;积案,/,/}}' >"$db.in.csv"
"$bin"/pt-intake -q -d "$db" --as-of $asof "$db.in.csv" >/dev/null
rm -f "$db.in.csv"
sqlite3 -csv -header "$db" "
	WITH a AS (SELECT id, case_id, date(received, '+' || CASE WHEN id % 50 = 0
			THEN id % 20 + 20 ELSE id % 10 + 1 END || ' days') AS date FROM cases)
	SELECT case_id, 'u' || (id % 30) AS unit, 'leader' || (id % 7) AS leader, date
	FROM a WHERE date <= '$asof' ORDER BY id" >"$db.assign.csv"
"$bin"/pt-assign -q -d "$db" --as-of $asof "$db.assign.csv" >/dev/null
rm -f "$db.assign.csv"
sqlite3 -csv -header "$db" "
	WITH c AS (SELECT id, case_id, date(accepted, '+' || CASE WHEN id % 10 = 0
			THEN id % 80 + 70 ELSE id % 50 + 5 END || ' days') AS d
		   FROM cases WHERE accepted IS NOT NULL)
	SELECT case_id, event, date, resolved, rating, bureau_rating, tags, outcome FROM (
	  SELECT id, 0 AS k, case_id, 'tag' AS event, d AS date, NULL AS resolved, NULL AS rating,
	         NULL AS bureau_rating, '积案' AS tags, NULL AS outcome FROM c
	  WHERE id % 400 = 3 AND id >= 2026 * 100000000
	  UNION ALL
	  SELECT id, 1, case_id, 'conclude', d, CASE WHEN id % 3 THEN 'yes' ELSE 'no' END,
	         NULL, NULL, NULL, NULL FROM c
	  UNION ALL
	  SELECT id, 2, case_id, 'reply', d, NULL, NULL, NULL, NULL, NULL FROM c
	  UNION ALL
	  SELECT id, 3, case_id, 'rate', d,  NULL,
	         CASE id % 4 WHEN 1 THEN 'unsatisfied' WHEN 2 THEN 'basic' ELSE 'satisfied' END,
	         CASE id % 3 WHEN 1 THEN 'basic' ELSE 'satisfied' END, NULL, NULL
	  FROM c WHERE id % 5 != 0
	  UNION ALL
	  SELECT id, 4, case_id, 'review', date(d, '+20 days'), NULL, NULL, NULL, NULL, NULL
	  FROM c WHERE id % 200 = 7
	  UNION ALL
	  SELECT id, 5, case_id, 'review_done', date(d, '+50 days'), NULL, NULL, NULL, NULL,
	         'upheld' FROM c WHERE id % 200 = 7)
	WHERE date <= '$asof' ORDER BY id, k" >"$db.events.csv"
"$bin"/pt-update -q -d "$db" --as-of $asof "$db.events.csv" >/dev/null
rm -f "$db.events.csv"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
