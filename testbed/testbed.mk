# testbed/: topology files and their builder (quasar-testbed), and the
# traffic tools quasar-gen and quasar-sink (testbed/traffic/).
TOPO_A := $(BUILD)/testbed/libtopo.a
$(TOPO_A): $(call objs,testbed/topo_parse.c testbed/topo_print.c \
	testbed/run.c testbed/run_json.c)

BINS += $(BIN)/quasar-testbed
$(BIN)/quasar-testbed: $(call objs,testbed/quasar_testbed.c testbed/build.c \
	testbed/proc.c) $(TOPO_A) $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
$(BIN)/quasar-testbed: LDLIBS += $(call pkg,--libs,jansson)
MANPAGES += docs/man/quasar-testbed.8

# The traffic tools: test payload, latency histogram, per-flow accounting,
# schedule, label follower and report, over testbed/gen's frame builder
# and receive ring (libgen.a, also used by bench-gen and bench-sink).
TRAFFIC_A := $(BUILD)/testbed/traffic/libtraffic.a
$(TRAFFIC_A): $(call objs,testbed/traffic/payload.c testbed/traffic/hist.c \
	testbed/traffic/flow.c testbed/traffic/pace.c \
	testbed/traffic/labelfile.c testbed/traffic/report.c)
TRAFFIC_LIBS := $(TRAFFIC_A) $(BUILD)/testbed/gen/libgen.a \
	$(BUILD)/flowspec/libflowspec.a $(BUILD)/lib/libqlib.a

BINS += $(BIN)/quasar-gen $(BIN)/quasar-sink
$(BIN)/quasar-gen: $(BUILD)/testbed/traffic/quasar_gen.o $(TRAFFIC_LIBS)
$(BIN)/quasar-sink: $(BUILD)/testbed/traffic/quasar_sink.o $(TRAFFIC_LIBS)
$(BIN)/quasar-gen $(BIN)/quasar-sink: \
	LDLIBS += $(call pkg,--libs,jansson) -lm
MANPAGES += docs/man/quasar-gen.8 docs/man/quasar-sink.8

# One Check binary, one suite per source file it tests.
UNIT_TESTS += $(BUILD)/tests/unit/test_testbed
$(BUILD)/tests/unit/test_testbed: \
	$(call objs,$(wildcard tests/unit/testbed/*.c)) $(TOPO_A) \
	$(TRAFFIC_LIBS)
$(BUILD)/tests/unit/test_testbed: LDLIBS += $(call pkg,--libs,jansson) -lm
