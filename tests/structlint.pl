#!/usr/bin/perl
# structlint.pl MODE [ARG] FILE...: the structural rules of pt's C sources,
# one per mode; prints one "FILE:LINE: what" per problem and exits 1 when
# there is any (0 when none, 2 on a usage error).  Comments and string and
# character literals are blanked first (newlines kept), so that neither a
# word in a comment nor SQL text counts as code.
#
#   sqlite FILE...     any use of SQLite's API: an identifier sqlite3 or
#                      sqlite3_* (a call, a type such as sqlite3_stmt);
#                      #include lines are not looked at.
#   funcs MAX FILE...  every function whose body is over MAX lines.  A
#                      function is a definition in style(9): its name at
#                      column 0 followed by "(", the line above it its
#                      type (not blank, not a comment, not ending in ";"),
#                      its body from the next line that is "{" at column 0
#                      to the next "}" at column 0; the length counts both
#                      braces.  Tables (static const x[] = { ... }) are
#                      not functions and are never counted.
#   contracts FILE...  every function declared in a header (a top-level
#                      declaration "type name(...);", or an inline
#                      definition) must carry its contract: a comment that
#                      ends on the line right above the declaration, or,
#                      for a run of declarations (and #define lines) with
#                      no blank or other line between them, a comment right
#                      above the run that names the function.
use strict;
use warnings;

my $STR = qr/"(?:[^"\\\n]|\\.)*"/;
my $CHR = qr/'(?:[^'\\\n]|\\.)*'/;

sub slurp {
	my ($file) = @_;
	open my $fh, '<', $file or die "structlint: $file: $!\n";
	local $/;
	my $src = <$fh>;
	close $fh;
	return $src;
}

# blank: comments and literals become spaces, newlines kept.
sub blank {
	my ($src) = @_;
	$src =~ s{(/\*.*?\*/|//[^\n]*)|($STR|$CHR)}{
		defined $1 ? ($1 =~ s/[^\n]/ /gr) : ($2 =~ /^"/ ? q("") : q(' '))
	}gse;
	return $src;
}

my $bad = 0;
sub report { print "$_[0]\n"; $bad = 1 }

sub lint_sqlite {
	for my $file (@_) {
		my @lines = split /\n/, blank(slurp($file)), -1;
		for my $i (0 .. $#lines) {
			next if $lines[$i] =~ /^\s*#\s*include\b/;
			report("$file:" . ($i + 1) . ": names $1")
				while $lines[$i] =~ /\b(sqlite3\w*)/g;
		}
	}
}

sub lint_funcs {
	my ($max, @files) = @_;
	for my $file (@files) {
		my @lines = split /\n/, blank(slurp($file)), -1;
		for (my $i = 1; $i <= $#lines; $i++) {
			next unless $lines[$i] =~ /^([A-Za-z_]\w*)\(/;
			my $name = $1;
			next unless $lines[$i - 1] =~ /^[A-Za-z_]/ && $lines[$i - 1] !~ /;\s*$/;
			my $open = $i;
			$open++ while $open <= $#lines && $lines[$open] !~ /^\{/ &&
				$lines[$open] !~ /;\s*$/;
			next if $open > $#lines || $lines[$open] !~ /^\{/;	# a prototype
			my $close = $open + 1;
			$close++ while $close <= $#lines && $lines[$close] !~ /^\}/;
			last if $close > $#lines;
			my $len = $close - $open + 1;
			report("$file:" . ($i + 1) . ": $name is $len lines (at most $max)")
				if $len > $max;
			$i = $close;
		}
	}
}

sub lint_contracts {
	for my $file (@_) {
		my $orig = slurp($file);
		my @orig = split /\n/, $orig, -1;
		my @code = split /\n/, blank($orig), -1;
		# the kind of each line: b blank, c comment only, p preprocessor,
		# d part of a function's declaration, o other code
		my @kind = map {
			$code[$_] =~ /\S/ ? ($code[$_] =~ /^\s*#/ ? 'p' : 'o') :
			$orig[$_] =~ /\S/ ? 'c' : 'b'
		} 0 .. $#code;
		# preprocessor continuation lines
		for my $i (1 .. $#code) {
			$kind[$i] = 'p' if $kind[$i - 1] eq 'p' && $code[$i - 1] =~ /\\$/;
		}
		# top-level statements: from a line at depth 0 to the ";" or the
		# "}" that brings the depth back to 0
		my @decls;	# [first line, name]
		my ($depth, $start, $text) = (0, undef, '');
		for my $i (0 .. $#code) {
			next if $kind[$i] eq 'p' || $kind[$i] eq 'b' && !defined $start;
			next if $kind[$i] eq 'c' && !defined $start;
			$start //= $i;
			$text .= " $code[$i]";
			$depth += () = $code[$i] =~ /[{(]/g;
			$depth -= () = $code[$i] =~ /[})]/g;
			next if $depth > 0;
			next unless $code[$i] =~ /[;}]\s*$/;
			my ($head) = $text =~ /^([^(]*)\(/;
			if (defined $head && $head !~ /[{=]/ && $head !~ /\btypedef\b/ &&
			    $head =~ /\b([A-Za-z_]\w*)\s*$/) {
				push @decls, [$start, $1];
				$kind[$_] = 'd' for $start .. $i;
			}
			($start, $text) = (undef, '');
		}
		for my $d (@decls) {
			my ($l, $name) = @$d;
			my $j = $l - 1;
			next if $j >= 0 && $kind[$j] eq 'c' && $orig[$j] =~ /\*\/\s*$/;
			$j-- while $j >= 0 && ($kind[$j] eq 'd' || $kind[$j] eq 'p');
			if ($j >= 0 && $kind[$j] eq 'c' && $orig[$j] =~ /\*\/\s*$/) {
				my $k = $j;
				$k-- while $k > 0 && $kind[$k - 1] eq 'c';
				my $comment = join "\n", @orig[$k .. $j];
				next if $comment =~ /\b\Q$name\E\b/;
			}
			report("$file:" . ($l + 1) . ": $name has no contract comment");
		}
	}
}

my $mode = shift @ARGV // '';
if ($mode eq 'sqlite') {
	lint_sqlite(@ARGV);
} elsif ($mode eq 'funcs' && @ARGV && $ARGV[0] =~ /^\d+$/) {
	lint_funcs(@ARGV);
} elsif ($mode eq 'contracts') {
	lint_contracts(@ARGV);
} else {
	print STDERR "usage: structlint.pl sqlite|funcs MAX|contracts FILE...\n";
	exit 2;
}
exit $bad;
