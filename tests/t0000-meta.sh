#!/bin/sh
# Every tool: -h, --version, a bad flag, and a usage that matches its man page.
. "$(dirname "$0")/lib.sh"

# synopsis_of MANPAGE: the SYNOPSIS section as rendered, whitespace collapsed.
synopsis_of() {
	groff -mdoc -Tutf8 -P-c -P-b -P-u "$1" 2>/dev/null |
	sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' | tr -s ' \n' '  ' |
	sed 's/^ *//; s/ *$//'
}

# usage_of TOOL: the usage lines of --help, without "usage:", collapsed.
usage_of() {
	"$1" --help | sed -n '1,/^$/p' | sed 's/^usage: //' | tr -s ' \n' '  ' |
	sed 's/^ *//; s/ *$//'
}

for tool in "$PT_BIN"/pt-*; do
	t=$(basename "$tool")
	test_expect_success "$t -h prints the usage to stdout and exits 0" "
		$t -h >out 2>err && grep -q '^usage: $t' out && test ! -s err
	"
	test_expect_success "$t --version exits 0" "
		$t --version >out && grep -q '^$t [0-9]' out
	"
	test_expect_code 64 "$t with a bad flag exits 64" "
		$t --no-such-flag >out 2>err
	"
	test_expect_success "$t with a bad flag prints the usage to stderr only" "
		grep -q '^usage: $t' err && test ! -s out
	"
	test_expect_success "$t has a man page whose SYNOPSIS is its usage" "
		test -f '$ROOT/man/$t.1' &&
		synopsis_of '$ROOT/man/$t.1' >syn && usage_of $t >use &&
		test_cmp use syn
	"
	test_expect_success "every long option of $t is in its man page" "
		$t --help | grep -o -- '--[a-z][a-z-]*' | sort -u >opts &&
		while read o; do
			grep -q -- \"^\\.Fl \${o#-}\" '$ROOT/man/$t.1' ||
			grep -q -- \"Fl \${o#-}\" '$ROOT/man/$t.1' || { echo missing \$o; exit 1; }
		done <opts
	"
done

test_expect_success 'pt-ledger(5) exists and renders' '
	groff -mdoc -Tutf8 -ww -z "$ROOT/man/pt-ledger.5" 2>err && test ! -s err
'

test_expect_success 'lib/ never prints or exits (but util.c x-wrappers and msg.c)' '
	cd "$ROOT/lib" &&
	! grep -nE "(^|[^a-z_])(printf|puts|perror|exit) *\\(|fprintf *\\(stderr" *.c |
		grep -v "^util.c:\\|^msg.c:\\|printf(.%d"
'

test_done
