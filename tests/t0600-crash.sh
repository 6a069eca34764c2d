#!/bin/sh
# Crash safety: pt-intake and pt-update killed (SIGKILL) in the middle of a
# large input leave a sound ledger that holds whole commits only, and running
# the same input again completes it with nothing twice (SPEC §8).
. "$(dirname "$0")/lib.sh"

AS=2030-12-31
# 150,000 rows: three intake batches of 50,000 (REG_BATCH in
# lib/register.h); rows 1-75,000 received in 2025, the rest in 2026, ext_id
# XF<year><seq>.
ROWS=150000

# wait_lines FILE N: wait (at most 120 s) until FILE has N lines.
wait_lines() {
	i=0
	while [ "$(wc -l <"$1")" -lt "$2" ]; do
		i=$((i + 1))
		[ $i -le 1200 ] || { echo "$1: fewer than $2 lines" >&2; return 1; }
		sleep 0.1
	done
}

# wait_file FILE: wait (at most 180 s) until FILE is there, not empty.
wait_file() {
	i=0
	until [ -s "$1" ]; do
		i=$((i + 1))
		[ $i -le 1800 ] || { echo "$1: never written" >&2; return 1; }
		sleep 0.1
	done
}

# wait_sql DB QUERY: wait (at most 120 s) until QUERY prints 1.
wait_sql() {
	i=0
	while [ "$(sqlite3 -cmd ".timeout 5000" "$1" "$2" 2>/dev/null)" != 1 ]; do
		i=$((i + 1))
		[ $i -le 1200 ] || { echo "$1: never $2" >&2; return 1; }
		sleep 0.1
	done
}

# has_lines FILE N: FILE has N lines.
has_lines() {
	test "$(wc -l <"$1")" = "$2"
}

# complete_lines FILE: the lines of FILE that end in a newline.
complete_lines() {
	head -n "$(wc -l <"$1")" "$1"
}

# The ledger built in one run is for comparing, later: it builds meanwhile.
# (The & backgrounds only the intake: an & ending an AND-list would put
# the generator in the background too, and the next test would read a
# half-written file.)
test_expect_success 'setup: 150,000 rows, and a ledger built from them in one run' '
	gen-petitions -n $ROWS -s 7 >all.csv &&
	test "$(wc -l <all.csv)" = 150001 &&
	test "$(sed -n 75001p all.csv | cut -d, -f12)" = XF2025075000 || exit 1
	{
		pt-intake -q -d clean.db --as-of $AS all.csv >/dev/null 2>clean.err
		echo $? >clean.rc
	} </dev/null >/dev/null 2>&1 &
'

# The input comes through a FIFO.  pt-intake reads a batch into its spool
# holding no lock, then writes it in one transaction (while it reads the
# next) and prints it.  It is stopped (SIGSTOP) at a moment it holds the
# write lock with just the first two batches printed, that is while it
# writes the third (the last 50,000 rows, at the end of the input), and
# killed there.
test_expect_success 'pt-intake killed (SIGKILL) in the middle of writing its last batch' '
	mkfifo intake.fifo &&
	exec 3<>intake.fifo &&
	{ pt-intake -d crash.db --as-of $AS <intake.fifo >crash.out 2>crash.err 3>&- & } &&
	pid=$! &&
	{
		{ cat all.csv >&3 & } &&
		exec 3>&- &&
		stop_holding_lock $pid crash.db has_lines crash.out 100001
	}
	ok=$? &&
	kill -KILL $pid &&
	kill -CONT $pid &&
	{ wait $pid; st=$?; } &&
	exec 3>&- &&
	test $ok = 0 && test $st = 137
'

test_expect_success 'after the kill the ledger passes PRAGMA integrity_check' '
	test "$(sqlite3 crash.db "PRAGMA integrity_check")" = ok
'

test_expect_success 'the ledger holds the first two batches, whole, and none of the third' '
	sqlite3 crash.db "SELECT count(*), count(DISTINCT ext_id), min(ext_id), max(ext_id)
		FROM cases" >got &&
	echo "100000|100000|XF2025000001|XF2026025000" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 crash.db "SELECT count(*) FROM case_tags
		WHERE case_ref NOT IN (SELECT id FROM cases)")" = 0 &&
	test "$(sqlite3 crash.db "SELECT count(*) FROM runs")" = 1
'

test_expect_success 'every case printed before the kill is in the ledger' '
	complete_lines crash.out | sed 1d | cut -d, -f1 >printed &&
	test "$(wc -l <printed)" = 100000 &&
	sqlite3 crash.db "SELECT case_id FROM cases ORDER BY id" >held &&
	test_cmp printed held
'

test_expect_success 'running the same input again adds exactly the rest' '
	pt-intake -d crash.db --as-of $AS all.csv >rerun.out 2>rerun.err &&
	grep -q "^pt-intake: 50000 added, 0 rejected, 100000 already in the ledger$" rerun.err &&
	sqlite3 crash.db "SELECT count(*), count(DISTINCT ext_id) FROM cases" >got &&
	echo "150000|150000" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 crash.db "PRAGMA integrity_check")" = ok
'

test_expect_success 'the two runs printed every case once' '
	{ cat printed && sed 1d rerun.out | cut -d, -f1; } >both &&
	test "$(wc -l <both)" = 150000 &&
	test "$(sort -u both | wc -l)" = 150000
'

test_expect_success 'kinds (first, repeat, referred) match the uninterrupted run' '
	wait_file clean.rc &&
	test "$(cat clean.rc)" = 0 &&
	test "$(sqlite3 clean.db "SELECT count(*) FROM cases")" = $ROWS &&
	sqlite3 clean.db "SELECT kind, count(*) FROM cases GROUP BY kind" >expect &&
	sqlite3 crash.db "SELECT kind, count(*) FROM cases GROUP BY kind" >got &&
	test_cmp expect got &&
	test "$(wc -l <got)" = 3
'

test_expect_success 'every case matches the uninterrupted run: id, kind, first case, due' '
	q="SELECT case_id, ext_id, kind, first_case, collective, stage, due
		FROM case_view ORDER BY id" &&
	sqlite3 clean.db "$q" >expect &&
	sqlite3 crash.db "$q" >got &&
	test_cmp expect got
'

test_expect_success 'setup: an accept event for every case, 3 days after receipt' '
	{
		echo case_id,event,date &&
		sqlite3 -csv crash.db "SELECT case_id, '\''accept'\'',
			date(substr(received, 1, 10), '\''+3 days'\'') FROM cases ORDER BY id"
	} >accept.csv &&
	test "$(wc -l <accept.csv)" = 150001 &&
	test "$(sed -n 2p accept.csv)" = 2025-000001,accept,2025-01-04
'

# pt-update commits every 10,000 events and before any read that could
# block, so its write transaction is open only while it works.  It is
# stopped (SIGSTOP) at once and let run 2 ms at a time until it has
# committed a batch and is caught holding the write lock; then killed.  (A
# fast pt-update used to finish before a free-running one was caught.)
# It is caught once the first batch's events are printed too (the test of
# what it printed needs some).
# On a loaded machine it may spend its windows outside the lock (in the
# checkpoint after a commit, waiting on the disk) and finish uncaught:
# then the ledger as it was before is put back and it runs again, five
# times at most.
# kill_in_transaction: 0 when pt-update was killed holding the lock (the
# events it had committed in the file committed), 2 when it ended uncaught.
kill_in_transaction() {
	pt-update -d crash.db --as-of $AS accept.csv >upd.out 2>upd.err &
	pid=$!
	kill -STOP $pid || return 1
	n=0
	until c=$(sqlite3 crash.db "SELECT count(*) FROM events" 2>/dev/null) &&
	      test "${c:-0}" -gt 0 && test "$c" -lt $ROWS &&
	      test "$(complete_lines upd.out | wc -l)" -gt 1 && lock_held crash.db; do
		if ! { kill -CONT $pid && sleep 0.002 && kill -STOP $pid; }; then
			wait $pid
			echo "pt-update ended before it was caught (${c:-?} committed)" >&2
			return 2
		fi
		n=$((n + 1))
		test $n -lt 30000 || return 1
	done
	echo "$c" >committed &&
	kill -KILL $pid &&
	kill -CONT $pid
	wait $pid
	test $? = 137
}

test_expect_success 'pt-update killed (SIGKILL) with its write transaction open' '
	sqlite3 crash.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	cp crash.db crash.before &&
	try=1 &&
	until kill_in_transaction; do
		test $? = 2 && test $try -lt 5 || exit 1
		try=$((try + 1)) &&
		rm -f crash.db-wal crash.db-shm &&
		cp crash.before crash.db || exit 1
	done &&
	test "$(cat committed)" -gt 0 && test "$(cat committed)" -lt $ROWS
'

test_expect_success 'after the kill the ledger passes PRAGMA integrity_check' '
	test "$(sqlite3 crash.db "PRAGMA integrity_check")" = ok
'

test_expect_success 'the events committed before the kill are kept, the open ones are not' '
	test "$(sqlite3 crash.db "SELECT count(*) FROM events")" = "$(cat committed)"
'

test_expect_success 'whole commits: a case is in progress exactly when it has its accept event' '
	test "$(sqlite3 crash.db "SELECT count(*) FROM cases
		WHERE (stage = '\''in_progress'\'') <>
		      (id IN (SELECT case_ref FROM events WHERE event = '\''accept'\''))")" = 0 &&
	test "$(sqlite3 crash.db "SELECT count(*) FROM cases
		WHERE (accepted IS NOT NULL) <> (stage = '\''in_progress'\'')")" = 0
'

test_expect_success 'the events applied are the first ones of the input, none skipped' '
	test "$(sqlite3 crash.db "SELECT count(*) FROM cases WHERE stage = '\''registered'\''
		AND id < (SELECT max(case_ref) FROM events)")" = 0
'

# pt-update holds a batch's output in memory (out_hold in lib/csvout.c)
# and writes it after the commit: nothing printed is missing from the ledger.
test_expect_success 'every event printed before the kill is in the ledger' '
	complete_lines upd.out | sed 1d | cut -d, -f1 | sort >printed &&
	test "$(wc -l <printed)" -gt 0 &&
	sqlite3 crash.db "SELECT case_id FROM cases WHERE stage = '\''in_progress'\''" |
		sort >held &&
	comm -23 printed held >not-held &&
	echo "$(wc -l <printed) printed, $(wc -l <held) in the ledger, $(wc -l <not-held) printed but not in it" >&2 &&
	test "$(wc -l <not-held)" = 0
'

test_expect_success 'running the same events again applies exactly the rest' '
	pt-update -d crash.db --as-of $AS accept.csv >/dev/null 2>rerun.err &&
	c=$(cat committed) &&
	grep -q "^pt-update: $((ROWS - c)) applied, 0 refused, $c already in the ledger$" rerun.err &&
	sqlite3 crash.db "SELECT count(*), count(DISTINCT case_ref) FROM events
		WHERE event = '\''accept'\''" >got &&
	echo "150000|150000" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 crash.db "SELECT count(*) FROM cases WHERE stage = '\''in_progress'\''")" = 150000 &&
	test "$(sqlite3 crash.db "PRAGMA integrity_check")" = ok
'

test_done
