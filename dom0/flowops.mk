# dom0/flowops.mk: around the QoS flows (docs/flowops.md): the control
# commands of the pool and the flows, re-homing, the state directory.
# quasard links $(BUILD)/dom0/libpool_ctl.a (jansson).
FLOWOPS_JSON_LIBS = $(or $(call pkg,--libs,jansson),-ljansson)
FLOWOPS_EVENT_LIBS = $(or $(call pkg,--libs,libevent),-levent)

$(BUILD)/dom0/libpool_ctl.a: $(call objs,dom0/pool_ctl.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_flowops
$(BUILD)/tests/unit/test_flowops: \
	$(call objs,$(wildcard tests/unit/flowops/*.c) tests/unit/pool/fake.c \
	dom0/quasarctl_cmds.c dom0/quasarctl_print.c) \
	$(BUILD)/dom0/libflows.a \
	$(BUILD)/dom0/libpool_ctl.a $(BUILD)/dom0/libpool.a \
	$(BUILD)/routelet/libroutelet.a $(BUILD)/demux/libdp_nl.a \
	$(BUILD)/dom0/libctl.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_flowops: LDLIBS += $(FLOWOPS_EVENT_LIBS) \
	$(FLOWOPS_JSON_LIBS) $(EGRESS_NL_LIBS) $(call pkg,--libs,libnl-3.0) \
	-lpthread -lm
