# Partner Center — build, run and test.  See README.md.
#   make            build the programs (build/rel)
#   make run        install missing packages, build, start the local stack with demo data
#   make stop       stop what `make run` started
#   make check      unit, HTTP and browser tests plus lint; ends with "N passed, N failed"
#   make bench      benchmarks (not part of check)
#   make screens    screenshots of the busiest pages for the README (docs/screens/)
#   make routes     docs/routes.txt and the nginx map and site from every program's --routes
#   make install    the release build installed (PREFIX, SYSCONFDIR, DESTDIR)

CC       ?= cc
CS_INC   := -I/usr/include/ClearSilver
PKGS     := libmariadb libxml-2.0 libcrypto jansson libcurl libqrencode
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_COMMON := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -Ilib -Iworker $(CS_INC) $(PKG_CFLAGS)
LIBS     := -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz -largon2 $(PKG_LIBS) -lxlsxwriter

MODE     ?= rel
ifeq ($(MODE),asan)
  CFLAGS := $(CFLAGS_COMMON) -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
  LDFLAGS := -fsanitize=address,undefined
else ifeq ($(MODE),fuzz)
  # the fuzz harnesses (tests/fuzz/) and the code they reach: clang, libFuzzer's coverage, ASan,
  # UBSan (clang warns of the adjacent string literals that build our SQL: they are meant)
  CC := clang
  CFLAGS := $(CFLAGS_COMMON) -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
            -fno-sanitize-recover=undefined -Wno-string-concatenation
  LDFLAGS := -fsanitize=fuzzer,address,undefined
else
  CFLAGS := $(CFLAGS_COMMON) -O2
  LDFLAGS :=
endif
B := build/$(MODE)

LIB_SRC  := $(wildcard lib/*/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
# a program is cgi-bin/NAME.c plus any cgi-bin/NAME_*.c of its pages
CGI_MAIN := $(filter-out $(wildcard cgi-bin/*_*.c),$(wildcard cgi-bin/*.c))
CGI_BIN  := $(CGI_MAIN:cgi-bin/%.c=$(B)/cgi-bin/pc-%)
# worker/jobs/pc-worker.c and worker/cli/pcadm.c are the two mains; the rest is shared by both
WORKER_MAIN := worker/jobs/pc-worker.c worker/cli/pcadm.c
WORKER_BIN := $(B)/worker/pc-worker $(B)/worker/pcadm
WORKER_OBJ := $(patsubst %.c,$(B)/%.o,$(filter-out $(WORKER_MAIN),$(wildcard worker/*/*.c)))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
BENCH_BIN := $(B)/tests/bench/pc-constant
# one libFuzzer harness per parser of outside input: tests/fuzz/fuzz_NAME.c -> build/fuzz/fuzz_NAME
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
# the worker code the harnesses reach besides the library (the usage and bandwidth CSV parser)
FUZZ_WORKER_OBJ := $(B)/worker/usage/usage_parse.o

.PHONY: all build run stop check unit lint bench clean deps fuzz layers circles routes install screens
.SECONDARY:
all: build
build: $(B)/libpc.a $(CGI_BIN) $(WORKER_BIN)

# each object depends on the headers it includes (-MMD: build/MODE/**/*.d)
$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS) -MMD -MP -c $< -o $@
-include $(shell find $(B) -name '*.d' 2>/dev/null)

# the release (VERSION) is compiled into one object, rebuilt when it changes
PC_VERSION := $(shell cat VERSION 2>/dev/null || echo unknown)
$(B)/lib/base/version.o: VERSION
$(B)/lib/base/version.o: CFLAGS += -DPC_VERSION='"$(PC_VERSION)"'

$(B)/libpc.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	ar rcs $@ $^

# the page objects of program $(1) (a function: a literal % here would be taken for the stem)
page_objs = $(patsubst %.c,$(B)/%.o,$(wildcard cgi-bin/$(1)_*.c))
.SECONDEXPANSION:
$(B)/cgi-bin/pc-%: $(B)/cgi-bin/%.o $$(call page_objs,$$*) $(B)/libpc.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"; $(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(B)/libpc.a $(LIBS)

# the bill PDF (cgi-bin/finance_bills_pdf.c) needs libhpdf, the claim attachments' ZIP check
# (cgi-bin/finance_remit_file.c) libminizip, only in pc-finance
$(B)/cgi-bin/pc-finance: LIBS += -lhpdf -lminizip

$(B)/worker/pc-worker: $(B)/worker/jobs/pc-worker.o $(WORKER_OBJ) $(B)/libpc.a
	@echo "  LD $@"; $(CC) $(LDFLAGS) -o $@ $< $(WORKER_OBJ) $(B)/libpc.a $(LIBS)
$(B)/worker/pcadm: $(B)/worker/cli/pcadm.o $(WORKER_OBJ) $(B)/libpc.a
	@echo "  LD $@"; $(CC) $(LDFLAGS) -o $@ $< $(WORKER_OBJ) $(B)/libpc.a $(LIBS)

$(B)/tests/test_%: tests/unit/test_%.c $(B)/libpc.a $(WORKER_OBJ)
	@mkdir -p $(dir $@)deps
	@echo "  LD $@"; $(CC) $(CFLAGS) -MMD -MP -MF $(dir $@)deps/$(notdir $@).d $(shell pkg-config --cflags cmocka) -o $@ $< $(WORKER_OBJ) $(B)/libpc.a $(LIBS) $(LDFLAGS) $(shell pkg-config --libs cmocka)

$(B)/fuzz_%: tests/fuzz/fuzz_%.c $(B)/libpc.a $(FUZZ_WORKER_OBJ)
	@mkdir -p $(B)/deps
	@echo "  LD $@"; $(CC) $(CFLAGS) -Itests/fuzz -MMD -MP -MF $(B)/deps/fuzz_$*.d -o $@ $< $(FUZZ_WORKER_OBJ) $(B)/libpc.a $(LIBS) $(LDFLAGS)

$(B)/tests/bench/pc-constant: tests/bench/constant.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< -lfcgi $(LDFLAGS)

deps:
	@scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory build MODE=rel
	@scripts/stack.sh start --build build/rel --var var --port $${PORT:-8080} --demo

stop:
	@scripts/stack.sh stop --var var

# make install [PREFIX=/usr/local] [SYSCONFDIR=/etc] [DESTDIR=]: the release build in an FHS
# layout (scripts/install.sh says where each part goes; README "Deploying")
PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
install:
	@$(MAKE) --no-print-directory build MODE=rel
	@scripts/install.sh build/rel "$(DESTDIR)" "$(PREFIX)" "$(SYSCONFDIR)"

unit: 
	@$(MAKE) --no-print-directory MODE=asan build $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

check:
	@$(MAKE) --no-print-directory MODE=asan build $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
	@$(MAKE) --no-print-directory MODE=fuzz $(FUZZ_BIN)
	@scripts/check.sh

# the folders of lib/ and the includes between them (tests/lint/layers.test.mjs keeps them downward)
layers:
	@node tests/lib/layers.mjs

# the circles among the files of cgi-bin/ (none: tests/lint/circles.test.mjs)
circles:
	@node tests/lib/circles.mjs
# every URL with its guard, handler, templates, language files and SQL (docs/routes.txt), the URL
# prefix → program map (conf/nginx/routes.txt) and the locations of the shipped nginx site
# (conf/nginx/partner-center.conf), all from what the programs print with --routes
# (scripts/routes.mjs); make lint fails when they are stale
routes: build
	@node scripts/routes.mjs $(B)

lint:
	@node --test tests/lint/
	@scripts/lint_c.sh

# libFuzzer on every parser of outside input: each harness of tests/fuzz/ for FUZZ_SECONDS
# (default 300) from its seeds (tests/fuzz/corpus_NAME/); what a run finds stays in build/fuzz/
fuzz:
	@$(MAKE) --no-print-directory MODE=fuzz $(FUZZ_BIN)
	@scripts/fuzz.sh --seconds $${FUZZ_SECONDS:-300}

bench:
	@$(MAKE) --no-print-directory MODE=rel build build/rel/tests/bench/pc-constant
	@scripts/bench.sh

# screenshots of the busiest pages at desktop and phone width (scripts/screens.mjs; not part of check)
screens:
	@$(MAKE) --no-print-directory MODE=asan build
	@node scripts/screens.mjs

clean:
	rm -rf build
