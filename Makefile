# pt — petition-case toolkit.  `make` builds bin/, `make check` runs every test.
# GNU make (pattern rules, substitution references).  Plain `make` only
# compiles; `make check`, `make demo` and `make deps` install what is missing
# first (scripts/install-deps).
.SUFFIXES:

PREFIX   = /usr/local
MANPREFIX = $(PREFIX)/share/man
CC       = cc
CFLAGS   = -std=gnu11 -O2 -g
WARN     = -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
           -Wwrite-strings -Wvla -Wformat-security
# PT_DATADIR: where the tools look for the holiday calendar that make
# install puts there (rebuild after changing PREFIX: make clean all).
# PT_LOCALEDIR: where make install puts the message catalogues; a tool in
# $(BIN) reads those of $(BUILD)/locale instead (lib/msg.c).
CPPFLAGS = -Ilib -D_GNU_SOURCE -DPT_DATADIR='"$(PTSHARE)"' \
           -DPT_LOCALEDIR='"$(LOCALEDIR)"' -DPT_BUILD_BINDIR='"$(abspath $(BIN))"' \
           -DPT_BUILD_LOCALEDIR='"$(abspath $(BUILD))/locale"'
LDLIBS   = -lsqlite3 -lcsv -lxlsxwriter -lz -lm -pthread
SANITIZE =
BUILD    = build
BIN      = bin

TOOLS = pt-intake pt-assign pt-update pt-overdue pt-stats pt-report pt-show
LIBOBJ = util.o msg.o csvin.o csvout.o date.o idcard.o ledger.o record.o rejects.o cli.o matters.o vscan.o checkpoint.o register.o \
         calendar.o lifecycle.o history.o route.o colmap.o tabin.o figures.o figsrc.o figout.o render.o \
         narrative.o bulletin.o overdue.o xlsxout.o show.o sentences.o
UNITS  = t-date t-idcard t-csvin t-calendar
# The languages of po/ (po/LANG.po), built to $(BUILD)/locale/LANG/LC_MESSAGES/pt.mo.
LINGUAS = zh_CN
MOFILES = $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/pt.mo)

SANFLAGS = $(SANITIZE:%=-fsanitize=%) $(SANITIZE:%=-fno-omit-frame-pointer)
ALLCFLAGS = $(CFLAGS) $(WARN) $(SANFLAGS)

all: $(TOOLS:%=$(BIN)/%) $(BIN)/gen-petitions $(MOFILES)

deps:
	@scripts/install-deps

$(BUILD)/%.o: lib/%.c lib/*.h
	@mkdir -p $(BUILD)
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) -c -o $@ $<

$(BUILD)/libpt.a: $(LIBOBJ:%=$(BUILD)/%)
	rm -f $@ && ar rcs $@ $(LIBOBJ:%=$(BUILD)/%)

$(BIN)/%: cmd/%.c $(BUILD)/libpt.a lib/*.h
	@mkdir -p $(BIN)
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) -o $@ $< $(BUILD)/libpt.a $(LDLIBS) $(SANFLAGS)

# msgfmt -c: a translation whose printf directives differ is an error.
$(BUILD)/locale/%/LC_MESSAGES/pt.mo: po/%.po
	@mkdir -p $(@D)
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: make deps installs gettext" >&2; exit 1; }
	msgfmt -c -o $@ $<

$(BIN)/gen-petitions: scripts/gen-petitions.c
	@mkdir -p $(BIN)
	$(CC) $(ALLCFLAGS) -o $@ scripts/gen-petitions.c $(SANFLAGS)

$(BUILD)/%: tests/%.c $(BUILD)/libpt.a lib/*.h
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) -o $@ $< $(BUILD)/libpt.a $(LDLIBS) $(SANFLAGS)

units: $(UNITS:%=$(BUILD)/%)

# bench/families.c: each family of figures timed alone (bench/month.sh);
# built by the checks too, so that it keeps compiling.
$(BUILD)/bench-families: bench/families.c $(BUILD)/libpt.a lib/*.h
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) -o $@ $< $(BUILD)/libpt.a $(LDLIBS) $(SANFLAGS)

# The whole suite, once on the normal build and once under ASan+UBSan.
check: deps
	$(MAKE) --no-print-directory all units
	PT_BIN=$(CURDIR)/$(BIN) PT_UNITS=$(CURDIR)/$(BUILD) prove tests/t*.sh
	$(MAKE) --no-print-directory BUILD=build-san BIN=build-san/bin \
		SANITIZE=address,undefined CFLAGS='-std=gnu11 -O1 -g' check-one

check-one: all units $(BUILD)/bench-families
	PT_BIN=$(CURDIR)/$(BIN) PT_UNITS=$(CURDIR)/$(BUILD) \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 prove tests/t*.sh

demo: deps
	$(MAKE) --no-print-directory all
	sh scripts/demo

bench: all
	sh bench/intake.sh

# Every tool under valgrind (memcheck) over the CLI tests; see the script.
valgrind:
	@PT_EXTRA_DEPS=valgrind scripts/install-deps
	sh scripts/valgrind-suite

# A month's figures on a ledger and on one four times its age with the
# same daily volume, family by family, beside sqlite3 counting the month.
bench-month: all $(BUILD)/bench-families
	sh bench/month.sh

# 1M and 10M-case ledgers: intake rate, size, each tool's time and RSS.
bench-scale: all
	sh bench/scale.sh

# Fuzzing: libFuzzer targets in tests/fuzz/, built with clang against the
# lib/ sources, each run for FUZZ_SECONDS; corpus and crashes in fuzz-out/.
# `FUZZ_SECONDS=10 make fuzz` (or `make fuzz FUZZ_SECONDS=10`) runs shorter.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = fuzz-csvin fuzz-date fuzz-rules fuzz-events
FUZZ_LIBOBJ = util.o csvin.o date.o colmap.o tabin.o record.o idcard.o ledger.o \
              calendar.o lifecycle.o route.o matters.o vscan.o
FUZZ_CC  = clang
FUZZ_OUT = fuzz-out
FUZZ_CFLAGS = -std=gnu11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined

fuzz: $(FUZZ_TARGETS:%=$(FUZZ_OUT)/bin/%)
	FUZZ_OUT=$(FUZZ_OUT) FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run $(FUZZ_TARGETS)

fuzz-deps:
	@PT_EXTRA_DEPS="clang libclang-rt-14-dev" scripts/install-deps

$(FUZZ_OUT)/obj/%.o: lib/%.c lib/*.h | fuzz-deps
	@mkdir -p $(FUZZ_OUT)/obj
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<

$(FUZZ_OUT)/libpt.a: $(FUZZ_LIBOBJ:%=$(FUZZ_OUT)/obj/%)
	rm -f $@ && ar rcs $@ $(FUZZ_LIBOBJ:%=$(FUZZ_OUT)/obj/%)

$(FUZZ_OUT)/bin/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_OUT)/libpt.a lib/*.h
	@mkdir -p $(FUZZ_OUT)/bin
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< \
		$(FUZZ_OUT)/libpt.a $(LDLIBS)

# make install [PREFIX=/usr/local] [DESTDIR=...]: the tools, the man pages
# (man1, man5, man7), the bash completion made from each tool's --help (one
# file under each tool's name, as bash-completion looks them up), and the
# holiday calendar as $(PREFIX)/share/pt/calendar-cn.csv, and the message
# catalogues as $(LOCALEDIR)/LANG/LC_MESSAGES/pt.mo.
COMPDIR  = $(PREFIX)/share/bash-completion/completions
PTSHARE  = $(PREFIX)/share/pt
LOCALEDIR = $(PREFIX)/share/locale

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
		$(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man7 \
		$(DESTDIR)$(COMPDIR) $(DESTDIR)$(PTSHARE)
	cp $(TOOLS:%=$(BIN)/%) $(DESTDIR)$(PREFIX)/bin/
	cp man/*.1 $(DESTDIR)$(MANPREFIX)/man1/
	cp man/*.5 $(DESTDIR)$(MANPREFIX)/man5/
	cp man/*.7 $(DESTDIR)$(MANPREFIX)/man7/
	LC_ALL=C sh scripts/pt-completion $(TOOLS:%=$(BIN)/%) >$(BUILD)/pt.bash-completion
	for t in $(TOOLS); do cp $(BUILD)/pt.bash-completion $(DESTDIR)$(COMPDIR)/$$t || exit 1; done
	cp testdata/calendar-cn.csv $(DESTDIR)$(PTSHARE)/calendar-cn.csv
	for l in $(LINGUAS); do \
		mkdir -p $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		cp $(BUILD)/locale/$$l/LC_MESSAGES/pt.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/pt.mo || \
		exit 1; done

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(PREFIX)/bin/%) $(TOOLS:%=$(DESTDIR)$(COMPDIR)/%)
	cd man && for m in *.1 *.5 *.7; do \
		rm -f $(DESTDIR)$(MANPREFIX)/man$${m##*.}/$$m || exit 1; done
	rm -f $(DESTDIR)$(PTSHARE)/calendar-cn.csv
	rm -f $(LINGUAS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/pt.mo)
	-rmdir $(DESTDIR)$(PTSHARE)

clean:
	rm -rf build build-san bin demo-out

.PHONY: all deps units check check-one demo bench bench-month bench-scale valgrind install uninstall clean fuzz fuzz-deps
.PRECIOUS: $(BUILD)/%.o $(FUZZ_OUT)/obj/%.o
