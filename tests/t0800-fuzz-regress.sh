#!/bin/sh
# fuzz targets: every seed and every input a fuzzer once broke pt with replays cleanly.
#
# Each target of tests/fuzz/ is linked with a plain main() (tests/fuzz/replay.c)
# instead of libFuzzer, by the normal compiler under ASan and UBSan, and run on
# tests/fuzz/corpus/T/* and tests/fuzz/regress/T/*: a sanitizer report, a leak
# or a broken invariant (abort) fails the test.
. "$(dirname "$0")/lib.sh"

FUZZ=$ROOT/tests/fuzz
TARGETS="fuzz-csvin fuzz-date fuzz-rules fuzz-events"
LIBSRC="util csvin date colmap tabin record idcard ledger calendar lifecycle route matters vscan"
CC=${CC:-cc}
FLAGS="-I$ROOT/lib -D_GNU_SOURCE -std=gnu11 -O2 -g -Wall -Wextra -Werror
	-Wmissing-prototypes -Wstrict-prototypes -Wwrite-strings -Wvla -Wformat-security
	-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
LIBS="-lsqlite3 -lcsv -lz -lm"
unset UBSAN_OPTIONS
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export ASAN_OPTIONS

# inputs T: the seed and regression files of target T, one per line.
inputs() {
	find "$FUZZ/corpus/$1" "$FUZZ/regress/$1" -type f ! -name '.*' 2>/dev/null | sort
}

test_expect_success 'the lib/ sources a fuzz target needs build under ASan+UBSan' '
	for f in $LIBSRC; do
		$CC $FLAGS -c -o $f.o "$ROOT/lib/$f.c" || exit 1
	done
'

for t in $TARGETS; do
	test_expect_success "$t builds with replay.c instead of libFuzzer" "
		\$CC \$FLAGS -o $t \"\$FUZZ/replay.c\" \"\$FUZZ/$t.c\" *.o \$LIBS
	"
	test_expect_success "$t has seed inputs" "
		test -n \"\$(inputs $t)\"
	"
	test_expect_success "$t replays its seeds and regressions with no report" "
		inputs $t >list &&
		{ tr '\n' '\0' <list | xargs -0 ./$t 2>log || {
			grep '^replay: ' log | tail -n 1 >&2	# the input that failed
			grep -v '^replay: ' log | head -n 15 >&2
			false
		}; } &&
		test \"\$(grep -c '^replay: ' log)\" = \"\$(wc -l <list)\" &&
		test_no_match -E 'ERROR|runtime error|invariant failed' log
	"
done

test_done
