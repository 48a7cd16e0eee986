# QuaSAR: a Xen-virtualised per-flow MPLS router.
#
#   make            build everything under build/ (programs in build/bin/)
#   make check      install dependencies, build, run every test
#   make demo       install dependencies, build, run the demo
#   make bench      build and run the benchmarks
#   make fuzz       build the libFuzzer targets (clang, ASan+UBSan)
#   make install    install binaries and man pages under $(PREFIX)
#
#   SAN=1           build with AddressSanitizer and UBSan (in build/san/)
#   WERROR=1        warnings are errors (the default when CI is set)
#
# Each folder adds its own rules in its module.mk; this file holds what
# they share.

PREFIX ?= /usr/local
SAN ?= 0
WERROR ?= $(if $(CI),1,0)

ifeq ($(SAN),1)
BUILD ?= build/san
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
else
BUILD ?= build
SAN_FLAGS :=
endif
BIN := $(BUILD)/bin

WARN := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wpointer-arith \
	-Wcast-qual -Wsign-compare
ifeq ($(WERROR),1)
WARN += -Werror
endif

CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 $(WARN) $(SAN_FLAGS)
CPPFLAGS += -I. -I$(BUILD) -D_GNU_SOURCE
LDFLAGS += $(SAN_FLAGS)

# Deferred, so that pkg-config runs after scripts/deps.sh has installed
# what it asks about.
pkg = $(shell pkg-config $(1) $(2) 2>/dev/null)
CHECK_LIBS = $(call pkg,--libs,check)

# objs(sources): the object files for a list of C sources.
objs = $(patsubst %.c,$(BUILD)/%.o,$(1))

BINS :=
UNIT_TESTS :=
MANPAGES :=
FUZZERS :=
BENCHES :=

.PHONY: all check check-run unit integration demo bench fuzz install \
	clean deps
all:

# Module files name other modules' archives by path ($(BUILD)/rsvp/librsvp.a),
# never by a variable another module.mk defines, so their order is free.
include lib/module.mk
include $(filter-out lib/module.mk,$(sort $(wildcard */*.mk))) \
	$(sort $(wildcard tests/*/*.mk))

all: $(BINS) $(UNIT_TESTS) $(BENCHES)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# Archives and programs: each module.mk names the prerequisites (objects
# and archives, most dependent first) and, per target, LDLIBS.  Programs
# outside $(BIN) (test tools, benchmarks) use $(link) as their recipe.
link = @mkdir -p $(@D) && echo "  LINK $@" && \
	$(CC) $(LDFLAGS) -o $@ $(filter %.o %.a,$^) $(LDLIBS)

$(BUILD)/%.a:
	@mkdir -p $(@D)
	$(AR) rcs $@ $(filter %.o,$^)

$(BIN)/%:
	$(link)

$(BUILD)/tests/unit/test_%: LDLIBS += $(CHECK_LIBS)
$(BUILD)/tests/unit/test_%:
	$(link)

deps:
	@scripts/deps.sh

check: deps
	@$(MAKE) --no-print-directory check-run

# The Xen test boots the guest images, whose routelet is the static build
# (absent under SAN=1: sanitizer runtimes do not link statically).
check-run: all $(FUZZERS) $(if $(filter 1,$(SAN)),,images)
	@BUILD=$(BUILD) SAN=$(SAN) tests/run.sh

bench: all $(BENCHES)
	@BUILD=$(BUILD) bench/run.sh

unit: all
	@BUILD=$(BUILD) tests/run.sh unit

demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) scripts/demo.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	for m in $(MANPAGES); do \
		d=$(DESTDIR)$(PREFIX)/share/man/man$${m##*.}; \
		install -d $$d && install -m 0644 $$m $$d/ || exit 1; \
	done

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
