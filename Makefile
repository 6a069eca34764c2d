# pt — petition-case toolkit.  `make` builds bin/, `make check` runs every test.
.POSIX:
.SUFFIXES:

PREFIX   = /usr/local
MANPREFIX = $(PREFIX)/share/man
CC       = cc
CFLAGS   = -std=gnu11 -O2 -g
WARN     = -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
           -Wwrite-strings -Wvla -Wformat-security
CPPFLAGS = -Ilib -D_GNU_SOURCE
LDLIBS   = -lsqlite3 -lcsv -lz -lm
SANITIZE =
BUILD    = build
BIN      = bin

TOOLS = pt-intake pt-assign pt-update pt-overdue pt-stats pt-report
LIBOBJ = util.o msg.o csvin.o csvout.o date.o idcard.o ledger.o record.o rejects.o cli.o matters.o calendar.o lifecycle.o colmap.o tabin.o figures.o render.o narrative.o
UNITS  = t-date t-idcard t-csvin t-calendar

SANFLAGS = $(SANITIZE:%=-fsanitize=%) $(SANITIZE:%=-fno-omit-frame-pointer)
ALLCFLAGS = $(CFLAGS) $(WARN) $(SANFLAGS)

all: $(TOOLS:%=$(BIN)/%) $(BIN)/gen-petitions

deps:
	@scripts/install-deps

$(BUILD)/%.o: lib/%.c lib/*.h | deps
	@mkdir -p $(BUILD)
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) -c -o $@ $<

$(BUILD)/libpt.a: $(LIBOBJ:%=$(BUILD)/%)
	rm -f $@ && ar rcs $@ $(LIBOBJ:%=$(BUILD)/%)

$(BIN)/%: cmd/%.c $(BUILD)/libpt.a lib/*.h
	@mkdir -p $(BIN)
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) -o $@ $< $(BUILD)/libpt.a $(LDLIBS) $(SANFLAGS)

$(BIN)/gen-petitions: scripts/gen-petitions.c | deps
	@mkdir -p $(BIN)
	$(CC) $(ALLCFLAGS) -o $@ scripts/gen-petitions.c $(SANFLAGS)

$(BUILD)/%: tests/%.c $(BUILD)/libpt.a lib/*.h
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) -o $@ $< $(BUILD)/libpt.a $(LDLIBS) $(SANFLAGS)

units: $(UNITS:%=$(BUILD)/%)

# The whole suite, once on the normal build and once under ASan+UBSan.
check: all units
	PT_BIN=$(CURDIR)/$(BIN) PT_UNITS=$(CURDIR)/$(BUILD) prove tests/t*.sh
	$(MAKE) --no-print-directory BUILD=build-san BIN=build-san/bin \
		SANITIZE=address,undefined CFLAGS='-std=gnu11 -O1 -g' check-one

check-one: all units
	PT_BIN=$(CURDIR)/$(BIN) PT_UNITS=$(CURDIR)/$(BUILD) \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 prove tests/t*.sh

demo: all
	sh scripts/demo

bench: all
	sh bench/intake.sh

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5
	cp $(TOOLS:%=$(BIN)/%) $(DESTDIR)$(PREFIX)/bin/
	cp man/*.1 $(DESTDIR)$(MANPREFIX)/man1/
	cp man/*.5 $(DESTDIR)$(MANPREFIX)/man5/

clean:
	rm -rf build build-san bin demo-out

.PHONY: all deps units check check-one demo bench install clean
.PRECIOUS: $(BUILD)/%.o
