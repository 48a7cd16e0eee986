# demux/ (egress part): HTB egress classes and the tc u32 + mirred data
# plane, both on libnl-3.  Archive: libdp_nl.a, linked into quasard with
# demux's own archive.
EGRESS_SRCS := demux/nl_util.c demux/egress_htb.c demux/egress_speed.c \
	demux/dp_u32.c demux/veth_peer.c
EGRESS_NL_CFLAGS = $(call pkg,--cflags,libnl-route-3.0)
EGRESS_NL_LIBS = $(call pkg,--libs,libnl-route-3.0)

$(BUILD)/demux/libdp_nl.a: $(call objs,$(EGRESS_SRCS))
$(call objs,$(EGRESS_SRCS)): CPPFLAGS += $(EGRESS_NL_CFLAGS)

UNIT_TESTS += $(BUILD)/tests/unit/test_egress
EGRESS_TEST_SRCS := $(wildcard tests/unit/egress/*.c)
$(call objs,$(EGRESS_TEST_SRCS)): CPPFLAGS += $(EGRESS_NL_CFLAGS)
$(BUILD)/tests/unit/test_egress: $(call objs,$(EGRESS_TEST_SRCS)) \
	$(BUILD)/demux/libdp_nl.a $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_egress: LDLIBS += $(EGRESS_NL_LIBS)

# quasar-egress: the egress classes and the data plane (demux's dp.c with
# either backend) driven from a command line or a script.
BINS += $(BIN)/quasar-egress
$(BUILD)/demux/egress_tool.o: CPPFLAGS += $(EGRESS_NL_CFLAGS)
$(BIN)/quasar-egress: $(BUILD)/demux/egress_tool.o $(BUILD)/demux/libdemux.a \
	$(BUILD)/demux/libdp_nl.a $(BUILD)/lib/libqlib.a
$(BIN)/quasar-egress: LDLIBS += $(call pkg,--libs,libbpf) -lelf -lz \
	$(EGRESS_NL_LIBS)
MANPAGES += docs/man/quasar-egress.8
