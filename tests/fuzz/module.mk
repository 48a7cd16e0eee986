# tests/fuzz/: libFuzzer targets, one per decoder (tests/fuzz/fuzz_*.c).
# They are built by clang with ASan and UBSan against clang-built copies of
# the lib/, rsvp/, flowspec/, routelet/ (forwarding element, config,
# framing), dom0/ config and testbed/ topology sources in $(BUILD)/fuzz/, never against
# the gcc objects; the copies go into one archive, so that each fuzzer
# links only the objects it uses.  "make fuzz" builds them; tests/fuzz/run-fuzzers.sh runs
# each for a bounded time inside "make check".
FUZZ_CC ?= clang
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -g -O1 -std=gnu11 $(filter-out -Werror,$(WARN)) \
	-I. -D_GNU_SOURCE

FUZZ_SRCS := $(wildcard lib/*.c rsvp/*.c flowspec/*.c) \
	$(patsubst %,routelet/%.c,config policer forward proto counters) \
	dom0/conf.c dom0/labels.c testbed/topo_parse.c testbed/topo_print.c
FUZZ_OBJS := $(patsubst %.c,$(BUILD)/fuzz/%.o,$(FUZZ_SRCS))
FUZZ_A := $(BUILD)/fuzz/libfuzzdeps.a
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,\
	$(wildcard tests/fuzz/fuzz_*.c))

FUZZERS += $(FUZZ_TARGETS)

$(FUZZ_OBJS): $(BUILD)/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) \
		-MMD -MP -c $< -o $@

$(FUZZ_A): $(FUZZ_OBJS)

$(FUZZ_TARGETS): $(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_A)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -MMD -MP \
		-MF $@.d -o $@ $< $(FUZZ_A) -lm

fuzz: $(FUZZ_TARGETS)
