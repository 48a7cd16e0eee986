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

UNIT_TESTS += $(BUILD)/tests/unit/test_testbed
$(BUILD)/tests/unit/test_testbed: \
	$(call objs,$(wildcard tests/unit/testbed/*.c)) $(TOPO_A) \
	$(BUILD)/flowspec/libflowspec.a $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_testbed: LDLIBS += $(call pkg,--libs,jansson)
