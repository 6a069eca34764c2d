#!/bin/sh
# The ledger's own errors: a write that fails says why (not only
# "disk I/O error").
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

test_done
