#!/usr/bin/perl
# chainlint.pl: find broken && chains in a test body, without running it.
#
#   perl chainlint.pl <body
#
# Reads one test body (the text test_expect_success and kin hand to eval)
# on standard input.  Prints one line per problem, "line N: WHAT: TEXT",
# and exits 1 when there is any, 0 when there is none, 2 when the body
# cannot be parsed at all (an unterminated quote, here-doc or group).
#
# The body is tokenised as sh reads it: quotes ('...', "...", $(...),
# `...`, ${...}, backslashes), comments, here-documents (whose text is
# skipped), line continuations; then parsed: lists, && || and pipelines,
# { } and ( ) groups, if, while, until, for, case, function definitions.
# In every list (the body itself, a group's, a branch's, a loop's, a case
# arm's) each command must be joined to the next one by && or || (or by
# | in a pipeline): a command ended by a newline or ";" with another
# command after it in the same list loses its exit status.  Allowed:
#   - the next command reads $? (cmd; test $? = 65, cmd; rc=$?);
#   - the commands before an exit, return or false, when nothing but
#     echo and printf stands between ({ echo missing; exit 1; }), and
#     every command of a list that ends in false, exit N or return N with
#     N a number other than 0 ({ diagnose; show; false; }): the failure
#     path, where they only say what failed (in a group, a branch, a
#     loop: the body's own last "exit 65" excuses nothing);
#   - a command ending in "|| exit N" or "|| return N", or in "|| { ...;
#     exit N; }", which ends the body itself when it fails;
#   - assignments alone with no command substitution (rc=$?), which
#     cannot fail;
#   - a command put in the background with & (its status is wait's);
#   - a function definition, which cannot fail.
# A for, while or until loop's body must also say how a failure ends the
# loop (|| exit 1, || return 1, or a test of $?): a loop's status is that
# of its last iteration, so a failure in an earlier one is lost.
#
# git's test-lib runs each body once as "(exit 117) && BODY" and calls the
# chain broken unless the status is 117; that runs every command after
# the first break (a second pt-intake on the test's ledger, say) and sees
# nothing inside groups, loops or subshells, hence a parser here, in the
# manner of git's later t/chainlint.pl.
use strict;
use warnings;

local $/;
my $src = <STDIN>;
$src = '' unless defined $src;
my @srclines = split /\n/, $src, -1;

# ---------------------------------------------------------------------------
# Tokens: [type, text, line] with type 'w' (word), 'op' or 'nl'.

my @tok;
my @heredocs;	# pending here-docs: [delimiter, strip tabs]
my $line = 1;

sub fail_parse {
	print "line $line: cannot parse: $_[0]\n";
	exit 2;
}

# scan_balanced: from pos($src) just after an opening "$(" or "`", skip to
# the matching close, minding quotes and nesting.
sub skip_dollar_paren {
	my $depth = 1;
	while ($depth > 0) {
		if ($src =~ /\G\\(.)/sgc) { $line += ($1 eq "\n") }
		elsif ($src =~ /\G'([^']*)'/gc) { $line += ($1 =~ tr/\n//) }
		elsif ($src =~ /\G"/gc) { skip_dquote() }
		elsif ($src =~ /\G`/gc) { skip_backquote() }
		elsif ($src =~ /\G\$[#?\$!@*0-9-]/gc) { }
		elsif ($src =~ /\G\$\{/gc) { skip_brace() }
		elsif ($src =~ /\G\$\(/gc) { $depth++ }
		elsif ($src =~ /\G\(/gc) { $depth++ }
		elsif ($src =~ /\G\)/gc) { $depth-- }
		elsif ($src =~ /\G(?<=[\s;&|(])#[^\n]*/gc) { }
		elsif ($src =~ /\G([^\\'"`\$()#]+|[\$#])/gc) { $line += ($1 =~ tr/\n//) }
		else { fail_parse('unterminated $(') }
	}
}

sub skip_backquote {
	while (1) {
		if ($src =~ /\G\\(.)/sgc) { $line += ($1 eq "\n") }
		elsif ($src =~ /\G`/gc) { return }
		elsif ($src =~ /\G([^\\`]+)/gc) { $line += ($1 =~ tr/\n//) }
		else { fail_parse('unterminated `') }
	}
}

sub skip_dquote {
	while (1) {
		if ($src =~ /\G\\(.)/sgc) { $line += ($1 eq "\n") }
		elsif ($src =~ /\G"/gc) { return }
		elsif ($src =~ /\G\$\(/gc) { skip_dollar_paren() }
		elsif ($src =~ /\G\$\{/gc) { skip_brace() }
		elsif ($src =~ /\G`/gc) { skip_backquote() }
		elsif ($src =~ /\G([^\\"`\$]+|\$)/gc) { $line += ($1 =~ tr/\n//) }
		else { fail_parse('unterminated "') }
	}
}

sub skip_brace {
	while (1) {
		if ($src =~ /\G\\(.)/sgc) { $line += ($1 eq "\n") }
		elsif ($src =~ /\G\}/gc) { return }
		elsif ($src =~ /\G'([^']*)'/gc) { $line += ($1 =~ tr/\n//) }
		elsif ($src =~ /\G"/gc) { skip_dquote() }
		elsif ($src =~ /\G\$\(/gc) { skip_dollar_paren() }
		elsif ($src =~ /\G\$\{/gc) { skip_brace() }
		elsif ($src =~ /\G([^\\}'"\$]+|\$)/gc) { $line += ($1 =~ tr/\n//) }
		else { fail_parse('unterminated ${') }
	}
}

sub read_heredocs {	# at the start of the line after their operator
	while (my $h = shift @heredocs) {
		my ($delim, $strip) = @$h;
		while (1) {
			fail_parse("unterminated here-document <<$delim")
				if pos($src) >= length $src;
			$src =~ /\G([^\n]*)(\n|\z)/gc;
			my $l = $1;
			$line++;
			$l =~ s/^\t+// if $strip;
			last if $l eq $delim;
		}
	}
}

pos($src) = 0;
my $want_delim;	# the next word is a here-doc delimiter: [strip]
while (pos($src) < length $src) {
	my $start = $line;
	if ($src =~ /\G[ \t]+/gc) { next }
	if ($src =~ /\G\\\n/gc) { $line++; next }
	if ($src =~ /\G#[^\n]*/gc) { next }
	if ($src =~ /\G\n/gc) {
		push @tok, ['nl', "\n", $line];
		$line++;
		read_heredocs();
		next;
	}
	if ($src =~ /\G(&&|\|\||;;|<<-|<<|>>|>&|<&|>\||<>|[;&|()<>])/gc) {
		my $op = $1;
		push @tok, ['op', $op, $line];
		$want_delim = [$op eq '<<-'] if $op eq '<<' || $op eq '<<-';
		next;
	}
	# a word: everything up to a blank or an operator, quotes included
	my $w = '';
	my $wstart = pos $src;
	while (1) {
		if ($src =~ /\G\\\n/gc) { $line++ }
		elsif ($src =~ /\G\\./sgc) { }
		elsif ($src =~ /\G'([^']*)'/gc) { $line += ($1 =~ tr/\n//) }
		elsif ($src =~ /\G'/gc) { fail_parse("unterminated '") }
		elsif ($src =~ /\G"/gc) { skip_dquote() }
		elsif ($src =~ /\G`/gc) { skip_backquote() }
		elsif ($src =~ /\G\$\(/gc) { skip_dollar_paren() }
		elsif ($src =~ /\G\$\{/gc) { skip_brace() }
		elsif ($src =~ /\G[^\s;&|()<>\\'"`\$]+/gc) { }
		elsif ($src =~ /\G\$/gc) { }
		else { last }
	}
	$w = substr $src, $wstart, pos($src) - $wstart;
	last if $w eq '';	# cannot happen: every character is taken above
	if ($want_delim) {
		(my $d = $w) =~ s/["'\\]//g;
		push @heredocs, [$d, $want_delim->[0]];
		undef $want_delim;
	}
	push @tok, ['w', $w, $start];
}
fail_parse('unterminated here-document <<' . $heredocs[0][0]) if @heredocs;

# ---------------------------------------------------------------------------
# Parser.

my @problems;
my $i = 0;

sub peek { $i < @tok ? $tok[$i] : ['eof', '', $line] }
sub next_tok { $tok[$i++] }
sub is_op { my $t = peek(); $t->[0] eq 'op' && $t->[1] eq $_[0] }
sub is_word { my $t = peek(); $t->[0] eq 'w' && $t->[1] eq $_[0] }
sub skip_nl { $i++ while $i < @tok && $tok[$i][0] eq 'nl' }
sub expect_word {
	my ($w) = @_;
	my $t = peek();
	$line = $t->[2];
	fail_parse("expected '$w', found '" . ($t->[0] eq 'nl' ? '\n' : $t->[1]) . "'")
		unless is_word($w);
	next_tok();
}

sub problem {
	my ($l, $what) = @_;
	my $text = $l >= 1 && $l <= @srclines ? $srclines[$l - 1] : '';
	$text =~ s/^\s+|\s+$//g;
	my $p = "line $l: $what: $text";
	push @problems, [$l, $p] unless grep { $_->[1] eq $p } @problems;
}

my %reserved = map { $_ => 1 } qw(then else elif fi do done esac } in);

# is_failure ITEM: the item is false, exit N or return N, N a number not 0
sub is_failure {
	my ($it) = @_;
	return $it->{simple} && ($it->{first} eq 'false' ||
		$it->{first} =~ /^(?:exit|return)$/ && ($it->{arg} // '') =~ /^0*[1-9]\d*$/);
}

# parse_list(STOP...): commands up to a reserved word in STOP (in command
# position), a ")" or ";;" in STOP, or the end.  Checks the chain.
our $list_depth = -1;	# of the list being parsed: 0 for the body itself

sub parse_list {
	my %stop = map { $_ => 1 } @_;
	local $list_depth = $list_depth + 1;
	my @items;	# {first, dollar_q, end_line, sep}
	while (1) {
		skip_nl();
		my $t = peek();
		last if $t->[0] eq 'eof';
		last if $t->[0] eq 'op' && $stop{$t->[1]};
		last if $t->[0] eq 'w' && $stop{$t->[1]};
		if ($t->[0] eq 'w' && $reserved{$t->[1]}) {
			$line = $t->[2];
			fail_parse("unexpected '$t->[1]'");
		}
		if ($t->[0] eq 'op' && $t->[1] !~ /^[(!]$/ && $t->[1] !~ /^[<>]/) {
			$line = $t->[2];
			fail_parse("unexpected '$t->[1]'");
		}
		my $item = parse_and_or();
		my $s = peek();
		if ($s->[0] eq 'op' && ($s->[1] eq ';' || $s->[1] eq '&')) {
			$item->{sep} = $s->[1];
			$item->{sep_line} = $s->[2];
			next_tok();
		} elsif ($s->[0] eq 'nl') {
			$item->{sep} = "\n";
		} else {
			$item->{sep} = '';
		}
		push @items, $item;
	}
	# a list that ends in false, exit N or return N (N not 0) is a failure
	# path: what comes before it only says what failed
	my $fails = $list_depth > 0 && @items && is_failure($items[-1]);
	for my $k (0 .. $#items - 1) {
		my $it = $items[$k];
		next if $fails;
		next if $it->{sep} eq '&' || $it->{fundef} || $it->{ends_exit};
		next if $it->{assigns};
		my $next = $items[$k + 1];
		next if $next->{dollar_q};
		# the commands before exit/return/false with only messages between
		my $excused = 0;
		for my $j ($list_depth > 0 ? ($k + 1 .. $#items) : ()) {
			my $f = $items[$j]{first};
			if (is_failure($items[$j])) { $excused = 1; last }
			last unless $f =~ /^(?:echo|printf)$/ && $items[$j]{simple};
		}
		next if $excused;
		my $l = $it->{sep} eq ';' ? $it->{sep_line} : $it->{end_line};
		problem($l, 'broken && chain (the command is not joined to the next by &&)');
	}
	return \@items;
}

# parse_and_or: pipelines joined by && and ||.
sub parse_and_or {
	my $first = parse_pipeline();
	my $item = { %$first };
	$item->{ends_exit} = exits($first);
	while (is_op('&&') || is_op('||')) {
		my $op = next_tok()->[1];
		skip_nl();
		my $p = parse_pipeline();
		$item->{simple} = 0;
		$item->{fundef} = 0;
		$item->{end_line} = $p->{end_line};
		# "a || exit 1" and "a || { echo why; exit 1; }" end the body
		# when a fails; after && they would not
		$item->{ends_exit} = $op eq '||' && exits($p);
	}
	return $item;
}

# exits PIPELINE: the pipeline is exit or return, or a { } group that ends
# in one.
sub exits {
	my ($p) = @_;
	return ($p->{simple} && $p->{first} =~ /^(?:exit|return)$/) || $p->{group_exits};
}

sub parse_pipeline {
	my $bang = 0;
	if (is_word('!')) { next_tok(); $bang = 1 }
	my $c = parse_command();
	my $item = { %$c };
	$item->{simple} = $item->{group_exits} = 0 if $bang;
	while (is_op('|')) {
		next_tok();
		skip_nl();
		my $p = parse_command();
		$item->{simple} = $item->{group_exits} = 0;
		$item->{end_line} = $p->{end_line};
	}
	return $item;
}

sub redirections {	# after a compound command
	my $end = $tok[$i - 1][2];
	while (1) {
		my $t = peek();
		if ($t->[0] eq 'op' && $t->[1] =~ /^[<>]/) {
			next_tok();
			my $w = peek();
			fail_parse("redirection without a target") unless $w->[0] eq 'w';
			next_tok();
			$end = $w->[2];
		} elsif ($t->[0] eq 'w' && $t->[1] =~ /^\d+$/ && $i + 1 < @tok &&
			 $tok[$i + 1][0] eq 'op' && $tok[$i + 1][1] =~ /^[<>]/) {
			next_tok();
		} else {
			last;
		}
	}
	return $end;
}

# loop_body: the body of a loop, which must end a failed iteration
sub loop_body {
	my ($kw_line) = @_;
	my $from = $i;
	expect_word('do');
	parse_list('done');
	expect_word('done');
	my $has = 0;
	for my $t (@tok[$from .. $i - 1]) {
		$has = 1 if $t->[0] eq 'w' && ($t->[1] =~ /^(?:exit|return)$/ || $t->[1] =~ /\$\?/);
	}
	problem($kw_line, "loop without '|| exit 1' (a failure in an early iteration is lost)")
		unless $has;
}

sub parse_command {
	my $t = peek();
	my $start = $t->[2];
	if ($t->[0] eq 'op' && $t->[1] eq '(') {
		next_tok();
		parse_list(')');
		fail_parse("unterminated (") unless is_op(')');
		next_tok();
		return { first => '(', end_line => redirections(), simple => 0 };
	}
	if ($t->[0] ne 'w') {
		# a command made of redirections only, or an error
		if ($t->[0] eq 'op' && $t->[1] =~ /^[<>]/) { return simple_command() }
		$line = $t->[2];
		fail_parse("unexpected '" . ($t->[0] eq 'nl' ? '\n' : $t->[1]) . "'");
	}
	my $w = $t->[1];
	if ($w eq '{') {
		next_tok();
		my $items = parse_list('}');
		expect_word('}');
		return { first => '{', end_line => redirections(), simple => 0,
			 group_exits => @$items && exits($items->[-1]) };
	}
	if ($w eq 'if') {
		next_tok();
		parse_list('then');
		expect_word('then');
		parse_list('elif', 'else', 'fi');
		while (is_word('elif')) {
			next_tok();
			parse_list('then');
			expect_word('then');
			parse_list('elif', 'else', 'fi');
		}
		if (is_word('else')) {
			next_tok();
			parse_list('fi');
		}
		expect_word('fi');
		return { first => 'if', end_line => redirections(), simple => 0 };
	}
	if ($w eq 'while' || $w eq 'until') {
		next_tok();
		parse_list('do');
		loop_body($start);
		return { first => $w, end_line => redirections(), simple => 0 };
	}
	if ($w eq 'for') {
		next_tok();
		my $name = peek();
		fail_parse("for without a name") unless $name->[0] eq 'w';
		next_tok();
		skip_nl();
		if (is_word('in')) {
			next_tok();
			next_tok() while peek()->[0] eq 'w';
		}
		next_tok() if is_op(';');
		skip_nl();
		loop_body($start);
		return { first => 'for', end_line => redirections(), simple => 0 };
	}
	if ($w eq 'case') {
		next_tok();
		next_tok();	# the word
		skip_nl();
		expect_word('in');
		while (1) {
			skip_nl();
			last if is_word('esac');
			next_tok() if is_op('(');
			# patterns: words joined by |, up to )
			while (1) {
				my $p = peek();
				fail_parse("unterminated case pattern") if $p->[0] eq 'eof';
				next_tok();
				last if $p->[0] eq 'op' && $p->[1] eq ')';
			}
			parse_list(';;', 'esac');
			if (is_op(';;')) { next_tok() }
			else { last }
		}
		skip_nl();
		expect_word('esac');
		return { first => 'case', end_line => redirections(), simple => 0 };
	}
	# a function definition: NAME ( ) COMMAND
	if ($i + 2 < @tok && $tok[$i + 1][0] eq 'op' && $tok[$i + 1][1] eq '(' &&
	    $tok[$i + 2][0] eq 'op' && $tok[$i + 2][1] eq ')') {
		$i += 3;
		skip_nl();
		my $body = parse_command();
		return { first => $w, end_line => $body->{end_line}, simple => 0, fundef => 1 };
	}
	return simple_command();
}

sub simple_command {
	my ($first, $arg);
	my ($dq, $sub, $redir) = (0, 0, 0);
	my $end = peek()->[2];
	while (1) {
		my $t = peek();
		if ($t->[0] eq 'w') {
			# the command's name: its first word that is not an assignment
			if (defined $first) { $arg //= $t->[1] }
			elsif ($t->[1] !~ /^[A-Za-z_]\w*=/) { $first = $t->[1] }
			$dq = 1 if $t->[1] =~ /\$\?/;
			$sub = 1 if $t->[1] =~ /\$\((?!\()|`/;
			$end = $t->[2] + ($t->[1] =~ tr/\n//);
			next_tok();
		} elsif ($t->[0] eq 'op' && $t->[1] =~ /^[<>]/) {
			next_tok();
			$redir = 1;
			my $w = peek();
			fail_parse("redirection without a target") unless $w->[0] eq 'w';
			$end = $w->[2] + ($w->[1] =~ tr/\n//);
			next_tok();
		} else {
			last;
		}
	}
	# assignments alone, with no command substitution or redirection
	# (rc=$?, i=$((i + 1))), cannot fail
	my $assigns = !defined $first && !$sub && !$redir;
	return { first => $first // '', arg => $arg, dollar_q => $dq, end_line => $end, simple => 1,
		 assigns => $assigns };
}

my $items = parse_list();
if ($i < @tok) {
	my $t = peek();
	$line = $t->[2];
	fail_parse("unexpected '$t->[1]'");
}
print "$_->[1]\n" for sort { $a->[0] <=> $b->[0] } @problems;
exit(@problems ? 1 : 0);
