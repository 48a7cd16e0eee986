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

# quasard: the daemon that wires them all.
BINS += $(BIN)/quasard
MANPAGES += docs/man/quasard.8 docs/man/quasard.conf.5
$(BIN)/quasard: $(call objs,dom0/quasard.c) \
	$(BUILD)/dom0/libengine.a $(BUILD)/dom0/libhello.a \
	$(BUILD)/dom0/libctl.a $(BUILD)/dom0/libkern.a \
	$(BUILD)/dom0/libconf.a $(BUILD)/dom0/liblabels.a \
	$(BUILD)/demux/libdemux.a $(BUILD)/demux/libdp_nl.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
$(BIN)/quasard: LDLIBS += $(call pkg,--libs,libbpf) -lelf -lz \
	$(DOM0_KERN_LIBS) $(call pkg,--libs,libevent jansson)
