# dom0/flows*: QoS flows end to end (admission -> routelet -> HTB class ->
# vif -> ILM entry), docs/flows.md.  flows_plane.c is the real data plane
# (dp + egress_htb); the unit test gives a recording fake plane and a
# pool over a recording fake backend.
FLOWS_SRCS := $(sort $(wildcard dom0/flows*.c))
FLOWS_PLANE_SRCS := dom0/flows_plane.c
$(BUILD)/dom0/libflows.a: $(call objs,$(filter-out $(FLOWS_PLANE_SRCS), \
	$(FLOWS_SRCS)))
$(BUILD)/dom0/libflows_plane.a: $(call objs,$(FLOWS_PLANE_SRCS))
$(call objs,$(FLOWS_PLANE_SRCS)): CPPFLAGS += $(EGRESS_NL_CFLAGS)

ifneq ($(wildcard tests/unit/flows/main.c),)
UNIT_TESTS += $(BUILD)/tests/unit/test_flows
$(BUILD)/tests/unit/test_flows: \
	$(call objs,$(wildcard tests/unit/flows/*.c)) \
	$(BUILD)/dom0/libflows.a $(BUILD)/dom0/libpool.a \
	$(BUILD)/routelet/libroutelet.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_flows: LDLIBS += $(call pkg,--libs,libevent) \
	-lpthread -lm
endif
