#!/bin/sh
# Errors every tool meets the same way: output that cannot be written (a
# full disk, a file-size limit), options that cannot work together, bad
# calendar files, and messages that suggest only what the tool has.
. "$(dirname "$0")/lib.sh"

TOOLS="pt-intake pt-assign pt-update pt-overdue pt-stats pt-report"

# --- 1. --help and --version on a full disk ---------------------------------

test_expect_success 'every tool: --help to a full disk exits 74 with a message' '
	for t in $TOOLS; do
		{ $t --help >/dev/full 2>err; rc=$?; } &&
		test $rc = 74 || { echo "$t --help: exit $rc"; exit 1; }
		echo "$t: write error on standard output: No space left on device" >expect &&
		test_cmp expect err || exit 1
	done
'

test_expect_success 'every tool: -h and --version to a full disk exit 74 with a message' '
	for t in $TOOLS; do
		for o in -h --version; do
			{ $t $o >/dev/full 2>err; rc=$?; } &&
			test $rc = 74 || { echo "$t $o: exit $rc"; exit 1; }
			grep -q "^$t: write error on standard output" err || exit 1
		done
	done
'

test_expect_success 'every tool: --help and --version to a pipe still exit 0' '
	for t in $TOOLS; do
		$t --help | grep -q "^usage: $t" &&
		$t --version | grep -q "^$t [0-9]" || { echo $t; exit 1; }
	done
'

test_done
