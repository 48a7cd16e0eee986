# dom0/flowops.mk: around the QoS flows (docs/flows.md): the control
# commands of the pool and the flows, re-homing, the state directory.
FLOWOPS_JSON_LIBS = $(or $(call pkg,--libs,jansson),-ljansson)
FLOWOPS_EVENT_LIBS = $(or $(call pkg,--libs,libevent),-levent)


UNIT_TESTS += $(BUILD)/tests/unit/test_flowops
$(BUILD)/tests/unit/test_flowops: \
	$(call objs,$(wildcard tests/unit/flowops/*.c) tests/unit/pool/fake.c) \
	$(BUILD)/dom0/libpool.a $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_flowops: LDLIBS += $(FLOWOPS_EVENT_LIBS) \
	$(FLOWOPS_JSON_LIBS) -lpthread
