# kfq: one plain Makefile. `make` builds ./kfq; `make check` runs every test
# on the release build; `make check-sanitizers` builds with AddressSanitizer
# and UndefinedBehaviorSanitizer and runs every test again on that build (CI
# runs both: .ci/run); `make demo` builds the demo zone; `make bench`, `make
# fuzz` and `make torture` as documented.

CC      ?= cc
PKGS     = sqlite3 libpq xlsxwriter libzip expat libsodium jansson libmicrohttpd gmp
# the PDF renderer's libraries: linked only into kfq-pdf.so (below)
PDF_PKGS = pangocairo cairo-pdf fontconfig
WARN     = -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes -Wvla \
           -Wshadow -Wpointer-arith -Wformat=2
STD      = -std=c11 -D_GNU_SOURCE
PKGCFLAGS := $(shell pkg-config --cflags $(PKGS) $(PDF_PKGS) 2>/dev/null)
# libpq, libmicrohttpd, libzip and libxlsxwriter are not linked: kfq loads
# each when it first needs it (src/store/pg_lib.c, src/web/mhd_lib.c,
# src/base/zip_lib.c, src/report/xlsxw_lib.c), not at every start
LAZY_PKGS = libpq libmicrohttpd libzip xlsxwriter
PKGLIBS   := $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) 2>/dev/null)
PDF_LIBS  := $(shell pkg-config --libs $(PDF_PKGS) 2>/dev/null)
# base/banned.h before every file: the unsafe string functions do not compile.
CFLAGS_BASE = $(STD) $(WARN) -Isrc -include base/banned.h $(PKGCFLAGS)
LIBS     = $(PKGLIBS) -lm -lpthread -ldl

# How many jobs the build and the tests run at once: one per core.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
export JOBS

REL_FLAGS = -O2 -g
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

LIB_SRC  := $(sort $(shell find src -name '*.c' ! -path 'src/cli/*' ! -path 'src/web/*' ! -name tmpl_pdf.c)) \
            build/gen/msg_zh.c
# the front ends: the command line and the web server (kfq serve)
CLI_SRC  := $(sort $(wildcard src/cli/*.c src/web/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
HDRS     := $(shell find src -name '*.h')

# The browser pages (web/) and Apache ECharts (from npm, package-lock.json),
# built into kfq by scripts/embed: the files as data, and their table.
WEB_FILES := $(shell find web -type f ! -name '.*' 2>/dev/null)
ECHARTS   := node_modules/echarts/dist/echarts.min.js
ASSET_OBJ  = build/$(1)/gen/assets.o build/$(1)/gen/assets_data.o

REL_LIB_OBJ := $(LIB_SRC:%.c=build/rel/%.o)
REL_CLI_OBJ := $(CLI_SRC:%.c=build/rel/%.o) $(call ASSET_OBJ,rel)
SAN_LIB_OBJ := $(LIB_SRC:%.c=build/san/%.o)
SAN_CLI_OBJ := $(CLI_SRC:%.c=build/san/%.o) $(call ASSET_OBJ,san)
REL_TESTS   := $(TEST_SRC:tests/unit/%.c=build/rel/tests/%)
SAN_TESTS   := $(TEST_SRC:tests/unit/%.c=build/san/tests/%)

.PHONY: all deps check check-sanitizers check-build banned-probe unit cli-tests pg-tests demo bench bench-assess bench-ledger bench-pg bench-web bench-quality fuzz torture clean

all: kfq kfq-pdf.so

deps:
	@scripts/deps

# Each object's header dependencies, written by the compiler (-MMD) beside it.
DEPFLAGS = -MMD -MP

build/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(DEPFLAGS) $(REL_FLAGS) -c $< -o $@

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(DEPFLAGS) $(SAN_FLAGS) -c $< -o $@

# The messages in Chinese: po/zh_CN.po (GNU gettext's format, the one file
# translators edit) made the C table of base/msg.h by scripts/po2c.
build/gen/msg_zh.c: po/zh_CN.po scripts/po2c
	@mkdir -p build/gen
	sh scripts/po2c po/zh_CN.po > $@.tmp && mv $@.tmp $@

# The demo's ledgers are built into it as they are (.incbin, src/demo/demo_ledgers.c).
LEDGER_FILES := $(sort $(wildcard docs/examples/ledgers/*))
build/rel/src/demo/demo_ledgers.o build/san/src/demo/demo_ledgers.o: $(LEDGER_FILES)

$(ECHARTS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/gen/assets.c: scripts/embed $(WEB_FILES) $(ECHARTS)
	@mkdir -p build/gen
	sh scripts/embed build/gen/assets.S build/gen/assets.c

build/gen/assets.S: build/gen/assets.c

build/%/gen/assets.o: build/gen/assets.c src/web/assets.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) -O1 -c $< -o $@

# the files' bytes, taken by .incbin: rebuilt whenever one of them changes
build/%/gen/assets_data.o: build/gen/assets.S $(WEB_FILES) $(ECHARTS)
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@

build/rel/libkfq.a: $(REL_LIB_OBJ)
	@rm -f $@; ar rcs $@ $^

build/san/libkfq.a: $(SAN_LIB_OBJ)
	@rm -f $@; ar rcs $@ $^

# The PDF renderer (src/report/tmpl_pdf.c) is a shared object of its own,
# kfq-pdf.so beside the program, loaded only when a PDF is written
# (src/report/tmpl_pdf_load.c): pango, cairo and the forty libraries they
# bring are not mapped at every start of kfq (a third of the start's time).
# The kfq functions it calls are exported by the program: PDF_SYMS, the
# symbols the renderer leaves undefined (-u makes the link keep each one).
PDF_SYMS = build/pdf.syms
$(PDF_SYMS): build/rel/pdf/tmpl_pdf.o build/rel/libkfq.a
	nm -g --defined-only build/rel/libkfq.a | awk 'NF == 3 { print $$3 }' | sort -u > $@.lib
	{ echo '{'; nm -u $< | awk '{ print $$NF }' | sort -u | comm -12 - $@.lib | sed 's/.*/  &;/'; \
	  echo '};'; } > $@
PDF_EXPORT = -Wl,--dynamic-list=$(PDF_SYMS) $(shell sed -n 's/^  \(.*\);$$/-Wl,-u,\1/p' $(PDF_SYMS) 2>/dev/null)

build/rel/pdf/tmpl_pdf.o: src/report/tmpl_pdf.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(REL_FLAGS) -fPIC -MMD -MP -c $< -o $@
build/san/pdf/tmpl_pdf.o: src/report/tmpl_pdf.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(SAN_FLAGS) -fPIC -MMD -MP -c $< -o $@
kfq-pdf.so: build/rel/pdf/tmpl_pdf.o
	$(CC) $(REL_FLAGS) -shared -o $@ $< $(PDF_LIBS)
build/san/kfq-pdf.so: build/san/pdf/tmpl_pdf.o
	$(CC) $(SAN_FLAGS) -shared -o $@ $< $(PDF_LIBS)

kfq: $(REL_CLI_OBJ) build/rel/libkfq.a $(PDF_SYMS) | kfq-pdf.so
	$(CC) $(REL_FLAGS) $(PDF_EXPORT) -o $@ $(REL_CLI_OBJ) build/rel/libkfq.a $(LIBS)

# The sanitizer build is linked as a fixed-address executable (-no-pie):
# the command-line tests start it some thousands of times, and relocating a
# 12 MB position-independent binary with the sanitizers' metadata cost a
# fifth of each start (2 800 page faults against 2 070, 78 ms against 66).
build/san/kfq: $(SAN_CLI_OBJ) build/san/libkfq.a $(PDF_SYMS) | build/san/kfq-pdf.so
	$(CC) $(SAN_FLAGS) -no-pie $(PDF_EXPORT) -o $@ $(SAN_CLI_OBJ) build/san/libkfq.a $(LIBS)

# The unit suites link libpq (tests/unit/testdb.c) and libxlsxwriter (the
# workbooks test_table writes) themselves.
TEST_LIBS = -lpq -lxlsxwriter -lzip -lcmocka

# The unit suites and the fuzz corpora's replays, of each build: FLAGS_rel
# (make check) or FLAGS_san (make check-sanitizers).
FLAGS_rel = $(REL_FLAGS)
FLAGS_san = $(SAN_FLAGS)

# Each fuzz harness (fuzz/fuzz_NAME.c) as a plain program without libFuzzer
# (fuzz/replay.c): with no arguments it replays fuzz/corpus/NAME, each input
# a test of the unit phase.
FUZZ_NAMES  := $(patsubst fuzz/fuzz_%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
REL_REPLAYS := $(FUZZ_NAMES:%=build/rel/fuzz/replay_%)
SAN_REPLAYS := $(FUZZ_NAMES:%=build/san/fuzz/replay_%)
REPLAY_LIBS_csv = -lcsv
REPLAY_LIBS_xlsx = -lzip

# TEST_RULES B: the rules of build B's suites, replays and demo database.
define TEST_RULES
build/$(1)/tests/testdb.o: tests/unit/testdb.c
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_BASE) $$(DEPFLAGS) $$(FLAGS_$(1)) -Itests/unit -c $$< -o $$@

# The option tables' tests link the command line's parser (not in libkfq).
build/$(1)/tests/test_opt: tests/unit/test_opt.c build/$(1)/src/cli/opt.o build/$(1)/libkfq.a
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_BASE) $$(DEPFLAGS) -MF $$@.d $$(FLAGS_$(1)) -Itests/unit -o $$@ $$< \
		build/$(1)/src/cli/opt.o build/$(1)/libkfq.a $$(LIBS) $$(TEST_LIBS)

build/$(1)/tests/%: tests/unit/%.c build/$(1)/tests/testdb.o build/$(1)/libkfq.a
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_BASE) $$(DEPFLAGS) -MF $$@.d $$(FLAGS_$(1)) -Itests/unit -o $$@ $$< \
		build/$(1)/tests/testdb.o build/$(1)/libkfq.a $$(LIBS) $$(TEST_LIBS)

REPLAY_OBJS_web_$(1) = $$(filter build/$(1)/src/web/%,$$($(2)_CLI_OBJ)) $$(call ASSET_OBJ,$(1))
build/$(1)/fuzz/replay_web: $$(REPLAY_OBJS_web_$(1))

.SECONDARY: $$(FUZZ_NAMES:%=build/$(1)/fuzz/fuzz_%.o) build/$(1)/fuzz/replay.o
build/$(1)/fuzz/replay_%: build/$(1)/fuzz/fuzz_%.o build/$(1)/fuzz/replay.o build/$(1)/libkfq.a
	$$(CC) $$(FLAGS_$(1)) -o $$@ $$< build/$(1)/fuzz/replay.o $$(REPLAY_OBJS_$$*_$(1)) \
		build/$(1)/libkfq.a $$(LIBS) $$(REPLAY_LIBS_$$*)

# The demo database the command-line tests share (they copy it), built
# once by this build with a fixed clock; its temporary files go to a folder
# of their own, which must be empty afterwards (t0060).
build/$(1)/demo.db: $$(KFQ_$(1))
	@rm -rf $$@ $$@-wal $$@-shm build/$(1)/demo.tmp; mkdir -p build/$(1)/demo.tmp
	@TMPDIR=$$(CURDIR)/build/$(1)/demo.tmp KFQ_NOW=2018-01-31T00:00:00Z ./$$(KFQ_$(1)) --db $$@ demo \
		> build/$(1)/demo.out 2>&1 || { cat build/$(1)/demo.out; rm -f $$@; exit 1; }
endef
KFQ_rel = kfq
KFQ_san = build/san/kfq
$(eval $(call TEST_RULES,rel,REL))
$(eval $(call TEST_RULES,san,SAN))

# B, the build the test targets below run: rel (make check) or san (make
# check-sanitizers).
B ?= rel
TESTS_rel = $(REL_TESTS) $(REL_REPLAYS)
TESTS_san = $(SAN_TESTS) $(SAN_REPLAYS)

# Each suite's cmocka output, then one line: "unit tests: N passed, N failed"
# (the suites and the fuzz corpora's replays run JOBS at a time:
# tests/unit/run.sh).
unit: $(TESTS_$(B))
	@sh tests/unit/run.sh $(TESTS_$(B))

export KFQ_DEMO_DB = $(CURDIR)/build/$(B)/demo.db
export KFQ_DEMO_TMP = $(CURDIR)/build/$(B)/demo.tmp

# The command-line scripts, every one on build B. KFQ_REL names the release
# build for the few steps a script runs on it whatever the build (a memory
# limit, a comparison of two builds' demos: tests/cli/run.sh).
cli-tests: $(KFQ_$(B)) build/$(B)/demo.db kfq
	@KFQ=$(CURDIR)/$(KFQ_$(B)) KFQ_REL=$(CURDIR)/kfq sh tests/cli/run.sh

# The unit suites and t0200 on a throwaway PostgreSQL server (tests/pg.sh).
pg-tests: $(KFQ_$(B)) build/$(B)/demo.db $(TESTS_$(B)) kfq
	@KFQ=$(CURDIR)/$(KFQ_$(B)) KFQ_REL=$(CURDIR)/kfq sh tests/pg.sh $(filter build/$(B)/tests/%,$(TESTS_$(B)))

# base/banned.h stops each banned function: every probe must fail to compile.
banned-probe:
	@$(CC) $(CFLAGS_BASE) -DPROBE=0 -Wno-error -fsyntax-only tests/banned_probe.c \
		|| { echo "tests/banned_probe.c does not compile even without a banned call"; exit 1; }
	@for p in 1 2 3 4 5; do \
		if $(CC) $(CFLAGS_BASE) -DPROBE=$$p -Wno-error -fsyntax-only tests/banned_probe.c 2>/dev/null; then \
			echo "base/banned.h lets probe $$p of tests/banned_probe.c compile"; exit 1; fi; \
	done; echo "banned functions: 5 of 5 refused by the compiler"

# make check: every test on the release build; make check-sanitizers: every
# test again on the sanitizer build (a memory error or undefined behaviour
# stops it), some three times the CPU. Both also install Chromium and the
# CJK fonts for the browser tests; both print the same summary.
check:
	@$(MAKE) --no-print-directory check-build B=rel

check-sanitizers:
	@$(MAKE) --no-print-directory check-build B=san

check-build:
	@scripts/deps --check
	@$(MAKE) --no-print-directory banned-probe
	@s=$$(date +%s); $(MAKE) --no-print-directory -j$(JOBS) kfq $(KFQ_$(B)) $(TESTS_$(B)) build/$(B)/demo.db; \
		r=$$?; echo $$(($$(date +%s) - s)) > build/build.sec; times > build/build.times; exit $$r
	@rm -f build/pg.log; \
	( s=$$(date +%s); $(MAKE) --no-print-directory pg-tests B=$(B) > build/pg.run 2>&1; \
	  times > build/pg.times; \
	  echo $$(($$(date +%s) - s)) > build/pg.sec; mv build/pg.run build/pg.log ) & \
	s=$$(date +%s); ( $(MAKE) --no-print-directory unit B=$(B) 2>&1; times > build/unit.times ) | tee build/unit.log; \
	echo $$(($$(date +%s) - s)) > build/unit.sec; \
	s=$$(date +%s); ( $(MAKE) --no-print-directory cli-tests B=$(B) 2>&1; times > build/cli.times ) | tee build/cli.log; \
	echo $$(($$(date +%s) - s)) > build/cli.sec; \
	wait; cat build/pg.log; \
	u=$$(tail -1 build/unit.log | sed -n 's/unit tests: \([0-9]*\) passed, \([0-9]*\) failed$$/\1 \2/p'); \
	c=$$(tail -1 build/cli.log | sed -n 's/command-line tests: \([0-9]*\) passed, \([0-9]*\) failed$$/\1 \2/p'); \
	p=$$(tail -1 build/pg.log | sed -n 's/PostgreSQL tests: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p'); \
	set -- $${u:-0 1} $${c:-0 1} $${p:-0 1}; \
	echo "all tests: $$(($$1 + $$3 + $$5)) passed, $$(($$2 + $$4 + $$6)) failed" \
		"(SQLite $$(($$1 + $$3)), PostgreSQL $$5)"; \
	echo "seconds: build $$(cat build/build.sec), unit $$(cat build/unit.sec)," \
		"command line $$(cat build/cli.sec), PostgreSQL $$(cat build/pg.sec) (beside the other two)"; \
	echo "CPU seconds: build $$($(CPUSEC) build/build.times), unit $$($(CPUSEC) build/unit.times)," \
		"command line $$($(CPUSEC) build/cli.times), PostgreSQL $$($(CPUSEC) build/pg.times)" \
		"and its server $$(sed -n 's/^PostgreSQL server CPU: \([0-9]*\) s$$/\1/p' build/pg.log)"; \
	[ $$(($$2 + $$4 + $$6)) = 0 ]

# The CPU seconds (user and system) of what a shell waited for: the second
# line of its times ("0m12.34s 0m5.67s"). The machine is shared: make
# check's wall seconds depend on the others' load, its CPU seconds much less.
CPUSEC = awk 'NR == 2 { gsub(/[ms]/, " "); printf "%.0f", $$1 * 60 + $$2 + $$3 * 60 + $$4 }'

demo: deps
	@$(MAKE) --no-print-directory -j$(JOBS) kfq
	@rm -f demo.db demo.db-wal demo.db-shm
	./kfq --db demo.db demo
	./kfq --db demo.db bulletin --period 2017 --unit danyang
	./kfq --db demo.db project stats --period 2017 --unit danyang
	./kfq --db demo.db lead stats --period 2017 --unit danyang
	./kfq --db demo.db index contributions --period 2017-12
	./kfq --db demo.db assess show docs/examples/schemes/jiangsu-zones-2017.scheme --period 2017
	./kfq --db demo.db assess classes docs/examples/schemes/danyang-per-mu-2017.scheme --period 2017
	./kfq --db demo.db report render docs/examples/reports/annual-review-2017.tmpl --period 2017 \
		--format html --output demo-review.html 2>/dev/null
	./kfq --db demo.db report render docs/examples/reports/annual-review-2017.tmpl --period 2017 \
		--format pdf --output demo-review.pdf 2>/dev/null
	./kfq --db demo.db report render docs/examples/reports/annual-review-2017.tmpl --period 2017 \
		--format docx --output demo-review.docx 2>/dev/null
	@echo "the 2017 year-in-review, regenerated from the records: open demo-review.html in a browser, demo-review.pdf, or demo-review.docx in Word or WPS"
	@sh scripts/demo-accounts demo.db
	@echo "the pages: ./kfq --db demo.db serve, then a browser at http://127.0.0.1:8080/ (README, \"The pages\")"

# bench/run.sh: kfq beside the sqlite3 tool and DuckDB on the same files
# (docs/benchmarks.md). DuckDB (npm @duckdb/node-api) is the bench's own:
# installed into bench/duckdb/ with npm ci on first use, not by scripts/deps;
# BENCH_DUCKDB=0 leaves it out, and without node or npm its columns show "–".
bench: deps
	@$(MAKE) --no-print-directory kfq
	sh bench/index.sh
	sh bench/run.sh
	sh bench/assess.sh
	sh bench/ledger.sh

# the validation rules on a province's month (docs/benchmarks.md, "Validation")
bench-quality: deps kfq
	sh bench/quality.sh

bench-assess: deps
	@$(MAKE) --no-print-directory kfq
	sh bench/assess.sh

# A ledger of a million rows beside the core's data import (docs/benchmarks.md, "Ledgers").
bench-ledger: deps
	@$(MAKE) --no-print-directory kfq
	sh bench/ledger.sh

# kfq on a PostgreSQL server of its own (docs/benchmarks.md, "PostgreSQL").
bench-pg: deps
	@$(MAKE) --no-print-directory kfq
	sh bench/pg.sh

bench-web: deps
	@$(MAKE) --no-print-directory kfq
	sh bench/web.sh

# kill -9, a full disk and two writers at once, N kill trials (and N/10 of
# each of the others) on the release build (tests/torture/torture.sh,
# docs/reliability.md); make check runs a small count (t0045-torture).
N ?= 100
torture: kfq
	@sh tests/torture/torture.sh $(N)

FUZZ_TARGETS := $(patsubst fuzz/fuzz_%.c,build/fuzz/fuzz_%,$(wildcard fuzz/fuzz_*.c))
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer,address,undefined

build/fuzz/fuzz_%: fuzz/fuzz_%.c $(LIB_SRC) $(HDRS)
	@mkdir -p $(dir $@)
	clang $(STD) -Isrc -include base/banned.h $(PKGCFLAGS) $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(LIBS) -lcsv -lzip

# the web harness links the web front end as well
WEB_SRC := $(sort $(wildcard src/web/*.c))
build/fuzz/fuzz_web: fuzz/fuzz_web.c $(LIB_SRC) $(WEB_SRC) $(HDRS) build/gen/assets.c
	@mkdir -p $(dir $@)
	clang $(STD) -Isrc -include base/banned.h $(PKGCFLAGS) $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(WEB_SRC) \
		build/gen/assets.c build/gen/assets.S $(LIBS)

fuzz:
	@scripts/deps --fuzz
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS)
	@echo "built: $(FUZZ_TARGETS)"; echo "run one: build/fuzz/fuzz_period -max_total_time=60 fuzz/corpus/period"
	@echo "(make check replays each corpus without libFuzzer: build/rel/fuzz/replay_NAME; make check-sanitizers build/san/fuzz/replay_NAME)"

clean:
	rm -rf build kfq kfq-pdf.so

-include $(shell find build -name '*.d' 2>/dev/null)
