# liangze — build, run and test with Debian 12's packages only.
#   make run     build, create a demo database on first run, open liangze
#   make check   build and run every test (also under ASan/UBSan)
# Missing Debian packages are installed when run as root; otherwise the exact
# apt-get line is printed.

CC       ?= cc
PKGS     := sqlite3 xlsxwriter libcrypto
CFLAGS   ?= -O2 -g
# snprintf into fixed buffers cuts long titles and messages on purpose.
WARN     := -Wall -Wextra -Wshadow -Wmissing-prototypes -Werror -Wno-format-truncation
CPPFLAGS := -std=c11 -D_GNU_SOURCE -Isrc -Ibuild -MMD -MP
LDLIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lxlsxwriter -lz -lcrypto)
UILIBS   := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)
DEBS     := build-essential pkg-config libsqlite3-dev sqlite3 libncurses-dev libxlsxwriter-dev zlib1g-dev libssl-dev \
            gettext libcmocka-dev python3 python3-openpyxl python3-xlsxwriter locales tmux x11-utils xfonts-encodings ncurses-term \
            clang valgrind
NPROC    := $(shell nproc 2>/dev/null || echo 2)
LOCALES  := zh_CN.UTF-8 zh_CN.GB18030 en_US.UTF-8

SRC      := $(sort $(wildcard src/*.c))
UI       := $(sort $(wildcard ui/*.c))
TESTSRC  := $(sort $(wildcard tests/test_*.c))
SCHEMA   := $(sort $(wildcard schema/*.sql))
LINGUAS  := $(shell cat po/LINGUAS 2>/dev/null)

# Two build trees: plain, and the sanitizer build the tests also run in.
B  := build
BA := build/asan
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

OBJ   := $(SRC:src/%.c=$(B)/src/%.o) $(B)/schema_sql.o
AOBJ  := $(SRC:src/%.c=$(BA)/src/%.o) $(BA)/schema_sql.o
TESTS := $(TESTSRC:tests/%.c=$(B)/tests/%)
ATESTS:= $(TESTSRC:tests/%.c=$(BA)/tests/%)
MO    := $(LINGUAS:%=$(B)/locale/%/LC_MESSAGES/liangze.mo)

LIANGZE_DB_DEFAULT = $(or $(LIANGZE_DB),$(or $(XDG_DATA_HOME),$(HOME)/.local/share)/liangze/liangze.db)

.PHONY: all deps run check test test-asan clean pot po-check stress bench fuzz install
all: liangze $(MO)

# --- Debian packages ---------------------------------------------------------
deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "liangze needs these Debian packages. Install them with:"; \
	    echo "  sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi
	@need=""; for l in $(LOCALES); do \
	  locale -a 2>/dev/null | grep -qix "$$(echo $$l | sed 's/UTF-8/utf8/;s/GB18030/gb18030/')" || need="$$need $$l"; \
	done; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Generating locales:$$need"; \
	    for l in $$need; do cs=$${l#*.}; grep -q "^$$l $$cs" /etc/locale.gen || echo "$$l $$cs" >> /etc/locale.gen; done; \
	    locale-gen >/dev/null; \
	  else \
	    echo "note: locales$$need are missing (tests that need them are skipped); as root: locale-gen"; \
	  fi; \
	fi

# --- build ---------------------------------------------------------------------
$(B)/schema_sql.c: tools/embed_sql.sh $(SCHEMA)
	@mkdir -p $(@D)
	sh tools/embed_sql.sh $(SCHEMA) > $@.tmp && mv $@.tmp $@

$(B)/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -c $< -o $@
$(B)/schema_sql.o: $(B)/schema_sql.c
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -c $< -o $@
$(B)/ui/%.o: ui/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DLOCALEDIR='"$(PREFIX)/share/locale"' $(CFLAGS) $(WARN) -c $< -o $@
$(B)/liblz.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^
liangze: $(UI:ui/%.c=$(B)/ui/%.o) $(B)/liblz.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) $(UILIBS)
$(B)/tests/%: tests/%.c $(B)/liblz.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $< $(B)/liblz.a $(LDLIBS) -lcmocka

$(BA)/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -O1 -g $(SAN) $(WARN) -c $< -o $@
$(BA)/schema_sql.o: $(B)/schema_sql.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -O1 -g $(SAN) $(WARN) -c $< -o $@
$(BA)/ui/%.o: ui/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -O1 -g $(SAN) $(WARN) -c $< -o $@
$(BA)/liblz.a: $(AOBJ)
	rm -f $@ && ar rcs $@ $^
$(BA)/liangze: $(UI:ui/%.c=$(BA)/ui/%.o) $(BA)/liblz.a
	$(CC) -O1 -g $(SAN) -o $@ $^ $(LDLIBS) $(UILIBS)
$(BA)/tests/%: tests/%.c $(BA)/liblz.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -O1 -g $(SAN) $(WARN) -o $@ $< $(BA)/liblz.a $(LDLIBS) -lcmocka

# libFuzzer over the importer (tests/fuzz): clang, its own build tree.
BF    := build/fuzz
FCC   := clang
FSAN  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FOBJ  := $(SRC:src/%.c=$(BF)/src/%.o) $(BF)/schema_sql.o
FWARN := $(filter-out -Wno-format-truncation,$(WARN))
$(BF)/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(FCC) $(CPPFLAGS) -O1 -g -fsanitize=fuzzer-no-link $(FSAN) $(FWARN) -c $< -o $@
$(BF)/schema_sql.o: $(B)/schema_sql.c
	@mkdir -p $(@D)
	$(FCC) $(CPPFLAGS) -O1 -g $(FSAN) $(FWARN) -c $< -o $@
$(BF)/fuzz_import: tests/fuzz/fuzz_import.c $(FOBJ)
	$(FCC) $(CPPFLAGS) -O1 -g -fsanitize=fuzzer $(FSAN) $(FWARN) -o $@ $^ $(LDLIBS)

# --- benchmarks and stress tests (bench/, see bench/README.md) -----------------
GENSRC := bench/gen.c bench/gen_rows.c bench/gen_kinds.c
$(B)/bench/gen: $(GENSRC) bench/gen.h bench/gen_priv.h $(B)/liblz.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Ibench $(CFLAGS) $(WARN) -o $@ $(GENSRC) $(B)/liblz.a $(LDLIBS)

# Issue 9's six benchmarks side by side with their references (bench/run.py
# writes bench/results.md); BENCH_ROWS scales the data down, BENCH_REPS sets
# the repetitions.
BENCH_ROWS ?= 1000000
BENCH_REPS ?= 3
BENCHBIN := $(B)/bench/gen $(B)/bench/search $(B)/bench/browse $(B)/bench/xlsx_floor
$(B)/bench/search: bench/search.c bench/bench_util.h bench/gen.h $(B)/bench/gen $(B)/liblz.a
	$(CC) $(CPPFLAGS) -Ibench $(CFLAGS) $(WARN) -o $@ bench/search.c bench/gen_rows.c bench/gen_kinds.c $(B)/liblz.a $(LDLIBS)
$(B)/bench/xlsx_floor: bench/xlsx_floor.c $(B)/liblz.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Ibench $(CFLAGS) $(WARN) -o $@ bench/xlsx_floor.c $(B)/liblz.a $(LDLIBS)
$(B)/bench/browse: bench/browse.c bench/bench_util.h $(filter-out $(B)/ui/main.o,$(UI:ui/%.c=$(B)/ui/%.o)) $(B)/liblz.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Ibench -Iui $(CFLAGS) $(WARN) -o $@ $(filter-out %.h $(B)/liblz.a,$^) $(B)/liblz.a $(LDLIBS) $(UILIBS)
bench: all $(BENCHBIN)
	/usr/bin/python3 bench/run.py --rows $(BENCH_ROWS) --reps $(BENCH_REPS) --out bench/results.md

# The long versions of the concurrency and crash tests (shortened in make check).
STRESS_ROWS ?= 1000000
STRESS_KILLS ?= 20
STRESS_SECONDS ?= 20
stress: all $(B)/bench/gen
	LIANGZE_BIN=$(CURDIR)/liangze LIANGZE_LOCALEDIR=$(CURDIR)/$(B)/locale /usr/bin/python3 tests/stress_sessions.py $(STRESS_SECONDS)
	LIANGZE_BIN=$(CURDIR)/liangze LIANGZE_LOCALEDIR=$(CURDIR)/$(B)/locale /usr/bin/python3 tests/stress_crash.py $(STRESS_ROWS) $(STRESS_KILLS)

# --- translations ----------------------------------------------------------------
PREFIX ?= /usr/local
$(B)/locale/%/LC_MESSAGES/liangze.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<
pot:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --add-comments=TRANSLATORS \
	  --package-name=liangze -o po/liangze.pot $(SRC) $(UI)
	for l in $(LINGUAS); do msgmerge -q --update --backup=none po/$$l.po po/liangze.pot; done
# Every msgid in the sources has a translation.
po-check:
	@tmp=$$(mktemp -d); \
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ -o $$tmp/now.pot $(SRC) $(UI) && \
	for l in $(LINGUAS); do \
	  msgmerge -q po/$$l.po $$tmp/now.pot -o $$tmp/$$l.po 2>/dev/null && \
	  left=$$(msgattrib --untranslated --no-obsolete $$tmp/$$l.po | grep -c '^msgid ' ); \
	  fuzzy=$$(msgattrib --only-fuzzy --no-obsolete $$tmp/$$l.po | grep -c '^msgid ' || true); \
	  if [ "$$left" -gt 1 ] || [ "$$fuzzy" -gt 0 ]; then \
	    echo "po/$$l.po: untranslated or fuzzy messages (run make pot, then translate):"; \
	    msgattrib --untranslated --no-obsolete $$tmp/$$l.po | grep '^msgid ' | tail -n +2 | head -20; \
	    msgattrib --only-fuzzy --no-obsolete $$tmp/$$l.po | grep '^msgid ' | tail -n +2 | head -20; \
	    rm -rf $$tmp; exit 1; fi; \
	done; rm -rf $$tmp; echo "po: all messages translated"

# --- shared-server install ---------------------------------------------------------
# liangze setgid to LIANGZE_GROUP; DBDIR (root:group, 2770) holds the one
# database only that group reaches. The installed binary is linked apart
# (build/inst) with these paths, so the build tree's ./liangze is untouched.
LIANGZE_GROUP ?= liangze
DBDIR ?= $(if $(filter /usr /usr/local,$(PREFIX)),/var/lib/liangze,$(PREFIX)/var/lib/liangze)
INST_DEFS = -DLOCALEDIR='"$(PREFIX)/share/locale"' -DLZ_DBDIR='"$(DBDIR)"'
install: all
	@mkdir -p $(B)/inst
	$(CC) $(CPPFLAGS) $(INST_DEFS) $(CFLAGS) $(WARN) -c ui/main.c -o $(B)/inst/main.o
	$(CC) $(CFLAGS) -o $(B)/inst/liangze $(B)/inst/main.o $(filter-out $(B)/ui/main.o,$(UI:ui/%.c=$(B)/ui/%.o)) \
	  $(B)/liblz.a $(LDLIBS) $(UILIBS)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(B)/inst/liangze $(DESTDIR)$(PREFIX)/bin/liangze
	for l in $(LINGUAS); do \
	  install -D -m 644 $(B)/locale/$$l/LC_MESSAGES/liangze.mo $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/liangze.mo; \
	done
	install -d -m 755 $(DESTDIR)$(dir $(DBDIR))
	@if [ "$$(id -u)" = 0 ]; then \
	  getent group $(LIANGZE_GROUP) >/dev/null || groupadd --system $(LIANGZE_GROUP) || exit 1; \
	  chgrp $(LIANGZE_GROUP) $(DESTDIR)$(PREFIX)/bin/liangze && chmod 2755 $(DESTDIR)$(PREFIX)/bin/liangze && \
	  install -d -o root -g $(LIANGZE_GROUP) -m 2770 $(DESTDIR)$(DBDIR) && chmod 2770 $(DESTDIR)$(DBDIR) || exit 1; \
	  echo "installed $(PREFIX)/bin/liangze setgid $(LIANGZE_GROUP); database folder $(DBDIR) (2770)"; \
	  echo "next, as root: $(PREFIX)/bin/liangze init, then liangze user add LOGIN --role staff --scope UNIT"; \
	else \
	  install -d -m 2770 $(DESTDIR)$(DBDIR); \
	  echo "note: not root, so liangze is not setgid and $(DBDIR) is not owned by group $(LIANGZE_GROUP);"; \
	  echo "      as root: chgrp $(LIANGZE_GROUP) BIN DIR; chmod 2755 BIN; chmod 2770 DIR (see README, Shared server)"; \
	fi

# --- run and test ----------------------------------------------------------------
run: deps all
	@if [ ! -f "$(LIANGZE_DB_DEFAULT)" ]; then ./liangze init --demo; fi
	@./liangze

test: all $(TESTS) $(BENCHBIN)
	LIANGZE_BIN=$(CURDIR)/liangze LIANGZE_LOCALEDIR=$(CURDIR)/$(B)/locale sh tests/run.sh $(B)/tests

test-asan: $(BA)/liangze $(ATESTS) $(MO) $(BENCHBIN)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	LIANGZE_BIN=$(CURDIR)/$(BA)/liangze LIANGZE_LOCALEDIR=$(CURDIR)/$(B)/locale sh tests/run.sh $(BA)/tests

check: deps
	@$(MAKE) -j$(NPROC) --no-print-directory all $(TESTS) $(BA)/liangze $(ATESTS) $(BF)/fuzz_import $(BENCHBIN)
	@$(MAKE) --no-print-directory po-check
	@LIANGZE_SUMMARY=$(CURDIR)/$(B)/summary; rm -f $$LIANGZE_SUMMARY $(BF).rc; export LIANGZE_SUMMARY; \
	{ $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60 FUZZ_TIMEOUT=60 >$(BF).log 2>&1; echo $$? >$(BF).rc; } & fuzz=$$!; \
	echo "== fuzzing the importer (60 s, beside the tests)"; \
	echo "== tests (plain build)"; $(MAKE) --no-print-directory test; r1=$$?; \
	echo "== tests (AddressSanitizer + UBSan build)"; $(MAKE) --no-print-directory test-asan; r2=$$?; \
	wait $$fuzz; r3=$$(cat $(BF).rc); \
	if [ $$r3 = 0 ]; then echo "ok   fuzz_import ($$(grep -o 'Done [0-9]* runs' $(BF).log))"; echo "1 0" >> $$LIANGZE_SUMMARY; \
	else echo "FAIL fuzz_import (see $(BF).log)"; tail -40 $(BF).log; echo "0 1" >> $$LIANGZE_SUMMARY; fi; \
	awk '{p+=$$1; f+=$$2} END {printf "\ntotal: %d passed, %d failed\n", p, f}' $$LIANGZE_SUMMARY; \
	test $$r1 = 0 && test $$r2 = 0 && test $$r3 = 0

# Fuzzing: the kept corpus (seeds, and every input that once crashed) is
# replayed first, then new inputs for FUZZ_SECONDS; found inputs collect in
# build/fuzz/corpus, a crash is left as build/fuzz/crash-* (copy it into
# tests/fuzz/corpus once fixed).
# FUZZ_TIMEOUT: seconds one input may take (it includes remaking the demo
# database every few hundred writes); make check runs the fuzzer beside the
# tests, on a loaded machine, so it allows more.
FUZZ_SECONDS ?= 600
FUZZ_TIMEOUT ?= 10
fuzz: $(BF)/fuzz_import
	@mkdir -p $(BF)/corpus
	$(BF)/fuzz_import -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=2048 -max_len=65536 \
	  -dict=tests/fuzz/import.dict -artifact_prefix=$(BF)/ $(BF)/corpus tests/fuzz/corpus

clean:
	rm -rf $(B) liangze

-include $(OBJ:.o=.d) $(AOBJ:.o=.d) $(TESTS:=.d) $(ATESTS:=.d) $(FOBJ:.o=.d) \
	$(UI:ui/%.c=$(B)/ui/%.d) $(UI:ui/%.c=$(BA)/ui/%.d)
