# bench/setup_latency: bench-setup, the driver of bench/setup_latency.sh
# (QoS flow setup, Resv to the first frame through the routelet, over the
# real data plane, HTB and a pool of netns routelets; docs/flowops.md).
BENCH_SETUP_LIBS := $(BUILD)/dom0/libflows_quasard.a \
	$(BUILD)/dom0/libflows.a $(BUILD)/dom0/libpool_netns.a \
	$(BUILD)/dom0/libpool.a $(BUILD)/dom0/libnetns.a \
	$(BUILD)/demux/libdemux.a $(BUILD)/demux/libdp_nl.a \
	$(BUILD)/routelet/libroutelet.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/testbed/gen/libgen.a $(BUILD)/lib/libqlib.a
BENCHES += $(BIN)/bench-setup
$(BIN)/bench-setup: $(call objs,bench/setup_latency.c) $(BENCH_SETUP_LIBS)
$(BIN)/bench-setup: LDLIBS += $(BENCH_SETUP_LIBS) $(call pkg,--libs,libbpf) \
	-lelf -lz $(EGRESS_NL_LIBS) $(call pkg,--libs,libnl-3.0 libevent) \
	-lpthread -lm
