#!/bin/sh
# A tool that only reads never writes: pt-overdue, pt-stats and pt-report
# open the ledger read-only, never create, migrate or switch it to WAL,
# leave no -wal or -shm behind, and refuse a file that is not a pt ledger
# (exit 65), leaving it byte for byte.  Writers refuse such a file too.
. "$(dirname "$0")/lib.sh"

AS=2030-12-31
APP_ID=1347701831	# PRAGMA application_id of a pt ledger ("PTLG")

# readers FILE: run each reader on FILE; "tool rc" per line into rcs, stderr into err.
readers() {
	: >rcs && : >err &&
	{ pt-overdue -d "$1" --as-of $AS --all >/dev/null 2>>err; echo "overdue $?" >>rcs; } &&
	{ pt-stats -d "$1" --period 2025 --as-of $AS >/dev/null 2>>err; echo "stats $?" >>rcs; } &&
	{ pt-report -d "$1" --kind annual --period 2025 --as-of $AS >/dev/null 2>>err
	  echo "report $?" >>rcs; }
}

# all_rc N: every reader exited N.
all_rc() {
	printf "overdue %s\nstats %s\nreport %s\n" "$1" "$1" "$1" >rcs.expect &&
	test_cmp rcs.expect rcs
}

# untouched FILE: FILE is as its copy FILE.orig, with no -wal or -shm beside it.
untouched() {
	cmp "$1" "$1.orig" && test ! -e "$1-wal" && test ! -e "$1-shm"
}

# as_nobody CMD...: CMD as user nobody, without root's right to ignore permissions.
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
}

test_expect_success 'setup: a ledger, two SQLite files of another application, a text file' '
	gen-petitions -n 300 -s 5 >p.csv &&
	pt-intake -q -d l.db --as-of $AS p.csv >/dev/null &&
	test ! -e l.db-wal &&
	sqlite3 other.db "CREATE TABLE t (x); INSERT INTO t VALUES (1);" &&
	sqlite3 otherwal.db "PRAGMA journal_mode = WAL; CREATE TABLE t (x);
		INSERT INTO t VALUES (1);" >/dev/null &&
	test ! -e otherwal.db-wal &&
	sqlite3 appid.db "PRAGMA application_id = 42; CREATE TABLE cases (x);
		CREATE TABLE events (x); CREATE TABLE runs (x); PRAGMA user_version = 2;" &&
	echo "a text file, long enough to be looked at by SQLite at all, not a database" >text.db &&
	for f in other.db otherwal.db appid.db text.db; do cp "$f" "$f.orig" || exit 1; done
'

test_expect_success 'a new ledger says it is one: application_id, schema version 12' '
	test "$(sqlite3 l.db "PRAGMA application_id")" = $APP_ID &&
	test "$(sqlite3 l.db "PRAGMA user_version")" = 12
'

for f in other.db otherwal.db appid.db text.db; do
	test_expect_success "readers refuse $f, not a pt ledger (65), and leave it as it was" "
		readers $f && all_rc 65 &&
		test \$(grep -c '^pt-[a-z]*: $f: not a pt ledger' err) = 3 &&
		untouched $f
	"
done

test_expect_success 'writers refuse a SQLite file that is not a pt ledger (65), leave it as it was' '
	for f in other.db otherwal.db appid.db text.db; do
		{ pt-intake -q -d $f --as-of $AS p.csv >/dev/null 2>err
		  test $? = 65; } &&
		grep -q "^pt-intake: $f: not a pt ledger" err &&
		{ echo case_id,event,date | pt-update -d $f >/dev/null 2>err; test $? = 65; } &&
		grep -q "^pt-update: $f: not a pt ledger" err &&
		{ pt-assign -d $f --pending --unit U >/dev/null 2>err; test $? = 65; } &&
		grep -q "^pt-assign: $f: not a pt ledger" err &&
		untouched $f || exit 1
	done
'

test_expect_success 'a writer creates a ledger in an empty file; a reader refuses one (65)' '
	: >empty.db && cp empty.db empty.db.orig &&
	readers empty.db && all_rc 65 && grep -q "empty.db: not a pt ledger" err &&
	untouched empty.db &&
	pt-intake -q -d empty.db --as-of $AS p.csv >/dev/null &&
	test "$(sqlite3 empty.db "PRAGMA application_id")" = $APP_ID
'

test_expect_success 'readers read a ledger and leave it byte for byte, no -wal or -shm' '
	cp l.db r.db && cp l.db r.db.orig &&
	readers r.db && printf "overdue 1\nstats 0\nreport 0\n" >rcs.expect &&
	test_cmp rcs.expect rcs && untouched r.db
'

test_expect_success 'a reader does not switch a rollback-journal ledger to WAL' '
	cp l.db d.db && sqlite3 d.db "PRAGMA journal_mode = DELETE" >/dev/null &&
	cp d.db d.db.orig &&
	readers d.db && test_cmp rcs.expect rcs &&
	cmp d.db d.db.orig &&
	test "$(sqlite3 d.db "PRAGMA journal_mode")" = delete
'

# A ledger written before migration 3: schema version 2, no application_id
# (testdata/ledger-v3.sql is a ledger of schema version 3; migration 3 only
# set the application_id).
test_expect_success 'readers read a version-2 ledger as it is, without migrating it' '
	sqlite3 v2.db <"$TESTDATA/ledger-v3.sql" &&
	sqlite3 v2.db "PRAGMA application_id = 0; PRAGMA user_version = 2" &&
	cp v2.db v2.db.orig &&
	readers v2.db && test_cmp rcs.expect rcs && untouched v2.db &&
	test "$(sqlite3 v2.db "PRAGMA user_version")" = 2
'

test_expect_success 'a writer migrates a version-2 ledger: application_id, version 12' '
	echo case_id,event,date | pt-update -q -d v2.db >/dev/null &&
	test "$(sqlite3 v2.db "PRAGMA user_version")" = 12 &&
	test "$(sqlite3 v2.db "PRAGMA application_id")" = $APP_ID
'

test_expect_success 'migration 6 keeps every case, adds fax and video, keeps disputes out of petition_cases' '
	sqlite3 v2.db "SELECT count(*) FROM cases" >n.before &&
	sqlite3 v2.db "UPDATE cases SET channel = '"'fax'"' WHERE id = (SELECT min(id) FROM cases);
		UPDATE cases SET dispute = 1 WHERE id = (SELECT max(id) FROM cases)" &&
	! sqlite3 v2.db "UPDATE cases SET channel = '"'telex'"'" 2>err &&
	grep "CHECK constraint failed" err &&
	! sqlite3 v2.db "UPDATE cases SET bureau_rating = '"'good'"'" 2>err &&
	grep "CHECK constraint failed" err &&
	test "$(sqlite3 v2.db "SELECT count(*) + 1 FROM petition_cases")" = "$(cat n.before)" &&
	test "$(sqlite3 v2.db "PRAGMA integrity_check")" = ok
'

# Migrations 9 and 10 change indexes only: the figures read through them are the
# same before and after, and a version-8 ledger is read as it is.
test_expect_success 'migrations 9 and 10: the day received and dispute in the figures indexes, the cases concluded late; figures unchanged' '
	gen-petitions -n 400 -s 5 >m9.csv &&
	pt-intake -q -d m9.db --as-of 2026-12-31 m9.csv >/dev/null &&
	sqlite3 -csv -header m9.db "SELECT case_id, '"'u'"' || (id % 4) AS unit,
		date(received, '"'+3 days'"') AS date FROM case_view" >as.csv &&
	pt-assign -q -d m9.db --as-of 2027-06-30 as.csv >/dev/null &&
	sqlite3 -csv -header m9.db "SELECT case_id, '"'conclude'"' AS event,
		date(received, '"'+'"' || (id % 90 + 5) || '"' days'"') AS date,
		'"'yes'"' AS resolved FROM case_view WHERE id % 3 != 0" >ev.csv &&
	pt-update -q -d m9.db --as-of 2027-06-30 ev.csv >/dev/null &&
	figs() { pt-stats -d m9.db --period 2026-08 --by channel --compare yoy --as-of 2026-12-31 &&
		pt-stats -d m9.db --period 2026-08 --by tag --as-of 2026-12-31; } &&
	figs >figs.9 &&
	test "$(sqlite3 m9.db "SELECT count(*) FROM cases WHERE concluded IS NOT NULL")" -gt 0 &&
	sqlite3 m9.db "DROP INDEX cases_concluded; DROP INDEX cases_closed; DROP INDEX cases_decided;
		DROP INDEX cases_conclude_due; DROP INDEX cases_first_case; DROP INDEX cases_fingerprint;
		DROP INDEX cases_received; CREATE INDEX cases_received ON cases(received);
		DROP INDEX case_tags_case; DROP TABLE matters_recent; DROP INDEX cases_concluded_late; DROP INDEX cases_closed_late;
		CREATE INDEX cases_concluded ON cases(concluded, dispute) WHERE concluded IS NOT NULL;
		CREATE INDEX cases_closed ON cases(closed, dispute) WHERE closed IS NOT NULL;
		CREATE INDEX cases_decided ON cases(decided) WHERE decided IS NOT NULL;
		CREATE INDEX cases_conclude_due ON cases(conclude_due) WHERE conclude_due IS NOT NULL;
		CREATE INDEX cases_first_case ON cases(first_case) WHERE first_case IS NOT NULL;
		CREATE UNIQUE INDEX cases_fingerprint ON cases(fingerprint) WHERE fingerprint IS NOT NULL;
		PRAGMA user_version = 8" &&
	figs >figs.8 && test_cmp figs.9 figs.8 &&
	echo case_id,event,date | pt-update -q -d m9.db >/dev/null &&
	test "$(sqlite3 m9.db "PRAGMA user_version")" = 12 &&
	sqlite3 m9.db "SELECT sql FROM sqlite_schema WHERE type = '"'index'"'" >idx &&
	grep "cases_concluded ON cases(concluded, dispute, received)" idx &&
	grep "cases_closed ON cases(closed, dispute, received)" idx &&
	grep "cases_received ON cases(received, dispute)" idx &&
	grep "cases_decided ON cases(decided, dispute)" idx &&
	grep "cases_conclude_due ON cases(conclude_due, dispute)" idx &&
	grep "cases_first_case ON cases(first_case, dispute, received)" idx &&
	grep "WHERE fingerprint IS NOT NULL AND ext_id IS NULL" idx &&
	grep "case_tags_case ON case_tags(case_ref, tag)" idx &&
	grep "cases_concluded_late ON cases(concluded, dispute, received)" idx &&
	grep "cases_closed_late ON cases(closed, dispute, received)" idx &&
	figs >figs.9b && test_cmp figs.9 figs.9b &&
	test "$(sqlite3 m9.db "PRAGMA integrity_check")" = ok
'

test_expect_success 'readers refuse a version-1 ledger (65), name the writer that migrates it' '
	cp l.db v1.db && sqlite3 v1.db "PRAGMA application_id = 0; PRAGMA user_version = 1" &&
	cp v1.db v1.db.orig &&
	readers v1.db && all_rc 65 &&
	test $(grep -c "v1.db: ledger schema version 1 is older than this pt reads (2);.*pt-update -d v1.db" err) = 3 &&
	untouched v1.db
'

test_expect_success 'pt-stats over several ledgers stays read-only on each' '
	cp l.db s1.db && cp l.db s1.db.orig &&
	pt-intake -q -d s2.db --as-of $AS p.csv >/dev/null &&
	cp s2.db s2.db.orig &&
	pt-stats -d s1.db -d s2.db --period 2025 --as-of $AS >two.csv &&
	pt-stats -d s1.db --period 2025 --as-of $AS >one.csv &&
	test_cmp one.csv two.csv &&
	untouched s1.db && untouched s2.db
'

test_expect_success 'pt-stats refuses a non-ledger among several, by its name (65)' '
	{ pt-stats -d s1.db -d other.db --period 2025 --as-of $AS >out 2>err; test $? = 65; } &&
	grep -q "^pt-stats: other.db: not a pt ledger" err && test ! -s out &&
	{ pt-stats -d otherwal.db -d s1.db --period 2025 --as-of $AS >out 2>err; test $? = 65; } &&
	grep -q "^pt-stats: otherwal.db: not a pt ledger" err &&
	untouched other.db && untouched otherwal.db && untouched s1.db
'

# --- a ledger its reader may read but not write (as nobody, not root) ---------

if [ "$(id -u)" = 0 ] && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null
then
	chmod 711 "$TRASH"	# nobody may pass through, not list

	test_expect_success 'setup: read-only directories, a ledger in WAL mode in each' '
		mkdir ro ro2 rw && cp l.db ro/l.db && cp l.db ro2/l.db && cp l.db ro2/m.db &&
		chmod 444 ro/l.db ro2/l.db ro2/m.db && chmod 555 ro ro2 &&
		cp l.db rw/l.db && chown 65534 rw rw/l.db && chmod 600 rw/l.db &&
		cp l.db secret.db && chmod 600 secret.db &&
		pt-overdue -d l.db --as-of $AS --all >expect.csv 2>/dev/null; test $? = 1
	'

	test_expect_success 'a WAL ledger in a directory its reader cannot write is read' '
		{ as_nobody pt-overdue -d ro/l.db --as-of $AS --all >got.csv 2>err; test $? = 1; } &&
		test_cmp expect.csv got.csv &&
		as_nobody pt-stats -d ro/l.db --period 2025 --as-of $AS >got.csv &&
		pt-stats -d l.db --period 2025 --as-of $AS >expect2.csv &&
		test_cmp expect2.csv got.csv &&
		as_nobody pt-report -d ro/l.db --kind annual --period 2025 --as-of $AS >/dev/null &&
		cmp ro/l.db l.db && test ! -e ro/l.db-wal && test ! -e ro/l.db-shm
	'

	test_expect_success 'pt-stats reads several ledgers in a directory it cannot write' '
		as_nobody pt-stats -d ro2/l.db -d ro2/m.db --period 2025 --as-of $AS >got.csv &&
		test_cmp expect2.csv got.csv &&
		test ! -e ro2/l.db-wal && test ! -e ro2/m.db-wal
	'

	test_expect_success 'a reader leaves no -wal or -shm beside a ledger it owns' '
		as_nobody pt-stats -d rw/l.db --period 2025 --as-of $AS >got.csv &&
		test_cmp expect2.csv got.csv &&
		test ! -e rw/l.db-wal && test ! -e rw/l.db-shm && cmp rw/l.db l.db
	'

	test_expect_success 'a ledger its reader may not read: permission denied (74), no I/O error' '
		for t in "pt-overdue --as-of $AS" "pt-stats --period 2025" "pt-report --period 2025"; do
			{ as_nobody $t -d secret.db >out 2>err; test $? = 74; } &&
			grep -q "secret.db: Permission denied" err &&
			! grep -qi "disk I/O" err && test ! -s out || exit 1
		done
	'
else
	echo "# SKIP not root, or setpriv cannot drop to nobody: permission tests skipped"
fi

# --- a damaged ledger: an error and its exit status, never figures and 0 ---------

test_expect_success 'setup: a ledger of 20,000 cases, truncated and overwritten copies' '
	gen-petitions -n 20000 -s 3 >g.csv &&
	pt-intake -q -d g.db --as-of $AS g.csv >/dev/null &&
	cp g.db half.db && truncate -s $(($(wc -c <g.db) / 2)) half.db &&
	cp g.db hole.db &&
	dd if=/dev/zero of=hole.db bs=32768 seek=100 count=3 conv=notrunc 2>/dev/null
'

for f in half.db hole.db; do
	test_expect_success "readers on $f exit 65 or 74 with a message, never 0" "
		for t in 'pt-overdue --all --as-of $AS' 'pt-stats --period 2025 --by region' \
			'pt-report --kind annual --period 2025' 'pt-report --kind daily --period 2025-03-03'; do
			{ \$t -d $f >out 2>err; rc=\$?; } &&
			case \$rc in 65|74) ;; *) echo \"\$t: exit \$rc\" >&2; exit 1 ;; esac &&
			grep -q '$f: ' err || exit 1
		done
	"
done

test_done
