#!/bin/sh
# The ledger's own errors and leftovers: a write that fails says why (not
# only "disk I/O error"), and a reader tidies the empty -wal and -shm that
# a killed reader left, but never a -wal that holds anything.
. "$(dirname "$0")/lib.sh"

AS=2026-12-31

test_expect_success 'set-up: a ledger of 2000 cases' '
	gen-petitions -n 2000 -s 1 >a.csv &&
	pt-intake -q -d l.db --as-of $AS a.csv >/dev/null &&
	test ! -e l.db-wal && test ! -e l.db-shm && cp l.db l.orig
'

test_expect_code 74 'pt-assign: a commit past the file-size limit exits 74' '
	(ulimit -f 100 && pt-assign -q -d l.db --as-of $AS --pending --unit 市信访局 >as.csv 2>err)
'

test_expect_success 'pt-assign: ... saying why: disk I/O error: File too large' '
	echo "pt-assign: l.db: disk I/O error: File too large" >expect &&
	test_cmp expect err
'

# leftovers DB: an empty -wal and a -shm beside DB, as a reader killed
# while it read leaves them.
leftovers() {
	cp l.orig "$1" && : >"$1-wal" && head -c 32768 /dev/zero >"$1-shm"
}

test_expect_success 'a reader removes the empty -wal and the -shm a killed reader left' '
	leftovers k.db &&
	{ pt-overdue -d k.db --as-of $AS >/dev/null; test $? -le 1; } &&
	test ! -e k.db-wal && test ! -e k.db-shm && cmp k.db l.orig
'

test_expect_success 'so do pt-stats and pt-report' '
	leftovers s.db && pt-stats -d s.db --period 2026 --as-of $AS >/dev/null &&
	test ! -e s.db-wal && test ! -e s.db-shm &&
	leftovers r.db && pt-report -d r.db --period 2026-06 --as-of $AS >/dev/null &&
	test ! -e r.db-wal && test ! -e r.db-shm && cmp r.db l.orig
'

test_expect_success 'a reader leaves a -wal that holds anything, and its -shm' '
	leftovers w.db && printf "not empty" >w.db-wal &&
	{ pt-overdue -d w.db --as-of $AS >/dev/null; test $? -le 1; } &&
	test "$(cat w.db-wal)" = "not empty" && test -e w.db-shm
'

test_expect_success 'a reader leaves the -wal and -shm of a ledger open in a writer' '
	leftovers o.db &&
	{ { echo "BEGIN; SELECT count(*) FROM cases;" && sleep 3 && echo "COMMIT;"; } |
	  sqlite3 o.db >/dev/null & } &&
	sleep 1 &&
	{ pt-overdue -d o.db --as-of $AS >/dev/null; test $? -le 1; } &&
	test -e o.db-wal && test -e o.db-shm &&
	wait
'

test_done
