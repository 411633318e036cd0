# qsreport - one plain Makefile.
#
#   make run      install what is missing, build, package the samples into out/
#   make check    the same set-up, then every test (with -Werror)
#   make clean | install | uninstall [PREFIX=/usr/local DESTDIR=] | golden | bench
#
# Objects go in build/ with -MMD -MP dependencies; flags come from pkg-config,
# asked once per run, and a library it does not find is named before anything
# is compiled.  Output is quiet by default; V=1 shows the commands.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/qsreport
MANDIR    ?= $(PREFIX)/share/man
VERSION   := 0.1.0

CC        ?= cc
# pkg-config name = Debian package (tools/deps.sh installs them)
PKG_DEBIAN := libxml-2.0=libxml2-dev xlsxwriter=libxlsxwriter-dev fontconfig=libfontconfig-dev \
              freetype2=libfreetype-dev harfbuzz=libharfbuzz-dev harfbuzz-subset=libharfbuzz-dev \
              libcrypto=libssl-dev libzip=libzip-dev libdeflate=libdeflate-dev \
              libutf8proc=libutf8proc-dev cmocka=libcmocka-dev zlib=zlib1g-dev
PKGS      := libxml-2.0 xlsxwriter fontconfig freetype2 harfbuzz harfbuzz-subset libcrypto libzip libdeflate libutf8proc
# zlib: the unit tests read compressed streams back with it, as PDF viewers do
TEST_PKGS := cmocka zlib
# libharu ships no pkg-config file on Debian
HPDF_LIBS := -lhpdf
WARN      := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wshadow -Wformat=2
CFLAGS    ?= -O2 -g
QS_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) -Isrc -Ibuild/gen \
             -DQS_VERSION='"$(VERSION)"' -DQS_DATADIR='"$(DATADIR)"'

Q  := $(if $(V),,@)
B  := build

# the district (区) of the seed document, and an invented county (县)
SAMPLES := samples/yongqiao-2022 samples/shilixian-2023
XSDS   := templates/indicators.xsd templates/plan.xsd templates/evidence.xsd

LIB_SRCS := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJS := $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRCS)) $(B)/obj/xsd_data.o
MAIN_OBJ := $(B)/obj/main.o
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRCS))

.PHONY: all deps run check check-asan check-valgrind fuzz test-bins clean install uninstall golden bench
.DELETE_ON_ERROR:

# Goals that only recurse, install packages or remove files need no library.
NO_LIB_GOALS := deps run check check-asan check-valgrind fuzz po clean uninstall
BUILDING := $(or $(filter-out $(NO_LIB_GOALS),$(MAKECMDGOALS)),$(if $(MAKECMDGOALS),,all))

# The libraries, asked of pkg-config once (:=), and checked before anything is
# compiled: a missing one is named with its Debian package, not left to
# surface as compile errors.
ifneq ($(BUILDING),)
ifeq ($(shell command -v pkg-config),)
$(error pkg-config is missing (Debian: pkg-config); `make deps` or `sh tools/deps.sh` installs it and every library)
endif
debian_of = $(or $(patsubst $(1)=%,%,$(filter $(1)=%,$(PKG_DEBIAN))),$(1))
PKG_MISSING := $(shell for p in $(PKGS); do pkg-config --exists $$p || echo $$p; done)
ifneq ($(PKG_MISSING),)
$(error missing libraries: $(foreach p,$(PKG_MISSING),$(p) (Debian: $(call debian_of,$(p)))); `make deps` or `sh tools/deps.sh` installs them)
endif
ifneq ($(shell printf '\043include <hpdf.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 && echo ok),ok)
$(error missing library: libharu, <hpdf.h> (Debian: libhpdf-dev); `make deps` or `sh tools/deps.sh` installs it)
endif
ifeq ($(shell command -v msgfmt),)
$(error msgfmt is missing, for the message catalogues (Debian: gettext); `make deps` or `sh tools/deps.sh` installs it)
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) $(HPDF_LIBS) -lm
ifneq ($(filter test-bins $(B)/tests/%,$(MAKECMDGOALS)),)
TEST_MISSING := $(shell for p in $(TEST_PKGS); do pkg-config --exists $$p || echo $$p; done)
ifneq ($(TEST_MISSING),)
$(error missing libraries for the unit tests: $(foreach p,$(TEST_MISSING),$(p) (Debian: $(call debian_of,$(p)))); `make deps` or `sh tools/deps.sh` installs them)
endif
endif
TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
endif

# Objects depend on build/flags, rewritten whenever the flags change (so that
# `make check` rebuilds with -Werror).  run and check only recurse: skip there.
FLAGS_TEXT := $(CC) $(CFLAGS) $(QS_CFLAGS) $(LDFLAGS)
ifneq ($(BUILDING),)
$(shell mkdir -p $(B))
ifneq ($(file < $(B)/flags),$(FLAGS_TEXT))
$(file > $(B)/flags,$(FLAGS_TEXT))
endif
endif

all: $(B)/qsreport

deps:
	$(Q)sh tools/deps.sh

$(B)/qsreport: $(MAIN_OBJ) $(LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/obj/%.o: src/%.c $(B)/flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(QS_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj/xsd_data.o: $(B)/gen/xsd_data.c $(B)/flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -std=c11 $(WARN) $(WERROR) -c -o $@ $<

$(B)/gen/xsd_data.c: $(XSDS) tools/embed.sh
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)sh tools/embed.sh $@ indicators templates/indicators.xsd plan templates/plan.xsd \
	    evidence templates/evidence.xsd

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(QS_CFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) -Itests/unit -o $@ $< \
	    $(LIB_OBJS) $(PKG_LIBS) $(TEST_LIBS)

# The main job on the shipped samples: their annual submission packages, in out/.
run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(B)/qsreport package $(SAMPLES) -o out

# Every test, warnings as errors.  Rebuilds from scratch when the flags change.
check: deps
	$(Q)$(MAKE) --no-print-directory WERROR=-Werror all test-bins
	$(Q)sh tests/run-all.sh

test-bins: $(UNIT_BINS)

# The whole suite on an AddressSanitizer + UndefinedBehaviorSanitizer build.
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
check-asan: deps
	$(Q)$(MAKE) --no-print-directory B=build-asan WERROR=-Werror CFLAGS="-O1 -g $(SAN)" \
	    LDFLAGS="$(SAN)" all test-bins
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp BUILD=build-asan sh tests/run-all.sh

# The end-to-end tests with every qsreport run under valgrind memcheck:
# any error or leak fails the run.
check-valgrind: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)QSREPORT_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	    --suppressions=$(CURDIR)/tests/valgrind.supp" sh tests/valgrind.sh

# libFuzzer targets (clang, ASan, UBSan) for the three loaders, the typed readers, validation
# and the line breaker; each runs FUZZ_SECONDS (default 60).
fuzz: deps
	$(Q)QS_PKGS="$(PKGS)" sh tests/fuzz/run.sh

# Speed, memory and sizes, reported and never asserted.
bench: all
	$(Q)sh tests/bench.sh

# Reviewed goldens are refreshed only here, never by make check.
golden: all
	$(Q)sh tests/golden.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/fonts \
	    $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/qsreport $(DESTDIR)$(BINDIR)/qsreport
	install -m 644 templates/*.xml templates/*.xsd $(DESTDIR)$(DATADIR)/templates/
	install -m 644 fonts/fontmap.conf $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 src/qsreport.1 $(DESTDIR)$(MANDIR)/man1/qsreport.1

# Removes what install wrote, and its folders when they are left empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/qsreport $(DESTDIR)$(MANDIR)/man1/qsreport.1
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/templates/,$(notdir $(wildcard templates/*.xml templates/*.xsd)))
	rm -f $(DESTDIR)$(DATADIR)/fonts/fontmap.conf
	rm -f $(foreach l,$(PO_LANGS),$(DESTDIR)$(LOCALEDIR)/$(l)/LC_MESSAGES/qsreport.mo)
	rmdir $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR) 2>/dev/null || true

clean:
	rm -rf build build-asan build-fuzz

# the message catalogues: po/zh_CN.po -> $(B)/locale, `make po`, installed by install
include po/i18n.mk

-include $(wildcard $(B)/obj/*.d)
