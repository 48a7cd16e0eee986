# dom0/: quasard's own pieces (kern's part): the label allocator, the
# config file, the kernel view on libnl-3, and the daemon's main.
DOM0_KERN_LIBS = $(call pkg,--libs,libnl-route-3.0 libnl-3.0)
DOM0_KERN_CFLAGS = $(call pkg,--cflags,libnl-route-3.0 libnl-3.0)

$(BUILD)/dom0/liblabels.a: $(call objs,dom0/labels.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_labels
$(BUILD)/tests/unit/test_labels: \
	$(call objs,$(wildcard tests/unit/labels/*.c)) \
	$(BUILD)/dom0/liblabels.a

$(BUILD)/dom0/libconf.a: $(call objs,dom0/conf.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_conf
$(BUILD)/tests/unit/test_conf: $(call objs,$(wildcard tests/unit/conf/*.c)) \
	$(BUILD)/dom0/libconf.a $(BUILD)/dom0/liblabels.a \
	$(BUILD)/flowspec/libflowspec.a $(BUILD)/lib/libqlib.a

$(BUILD)/dom0/kern.o: CPPFLAGS += $(DOM0_KERN_CFLAGS)
$(BUILD)/dom0/libkern.a: $(call objs,dom0/kern.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_kern
$(BUILD)/tests/unit/test_kern: $(call objs,$(wildcard tests/unit/kern/*.c)) \
	$(BUILD)/dom0/libkern.a $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_kern: LDLIBS += $(DOM0_KERN_LIBS) \
	$(call pkg,--libs,libevent)

# quasard: linked once the engine and Hello it wires have landed.
QUASARD_PARTS := dom0/engine.c dom0/hello.c dom0/ctl.c
ifeq ($(words $(wildcard $(QUASARD_PARTS))),$(words $(QUASARD_PARTS)))
BINS += $(BIN)/quasard
MANPAGES += docs/man/quasard.8 docs/man/quasard.conf.5
$(BIN)/quasard: $(call objs,dom0/quasard.c) \
	$(BUILD)/dom0/libengine.a $(BUILD)/dom0/libhello.a \
	$(BUILD)/dom0/libctl.a $(BUILD)/dom0/libkern.a \
	$(BUILD)/dom0/libconf.a $(BUILD)/dom0/liblabels.a \
	$(BUILD)/demux/libdemux.a $(BUILD)/demux/libdp_nl.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/librsvp_sock.a $(BUILD)/lib/libqlib.a
$(BIN)/quasard: LDLIBS += $(call pkg,--libs,libbpf) -lelf -lz \
	$(DOM0_KERN_LIBS) $(call pkg,--libs,libevent jansson)
endif

# fuzz_conf: libFuzzer target over the config parser (round trip through
# the printer), built by clang with ASan and UBSan from its own copies of
# the sources; tests/fuzz/run-fuzzers.sh runs every $(BUILD)/fuzz/fuzz_*.
CONF_FUZZ_CC ?= clang
CONF_FUZZ_FLAGS := -g -O1 -std=gnu11 $(WARN) -I. -D_GNU_SOURCE \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined
CONF_FUZZ_SRCS := dom0/conf.c dom0/labels.c flowspec/units.c
CONF_FUZZ_OBJS := $(patsubst %.c,$(BUILD)/fuzz-conf/%.o,$(CONF_FUZZ_SRCS))
FUZZERS += $(BUILD)/fuzz/fuzz_conf
fuzz: $(BUILD)/fuzz/fuzz_conf

$(CONF_FUZZ_OBJS): $(BUILD)/fuzz-conf/%.o: %.c
	@mkdir -p $(@D)
	$(CONF_FUZZ_CC) $(CONF_FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
		-c $< -o $@

$(BUILD)/fuzz/fuzz_conf: dom0/conf_fuzz.c $(CONF_FUZZ_OBJS)
	@mkdir -p $(@D)
	$(CONF_FUZZ_CC) $(CONF_FUZZ_FLAGS) -fsanitize=fuzzer -MMD -MP \
		-MF $@.d -o $@ $< $(CONF_FUZZ_OBJS) -lm
