# dom0/pool: the routelet pool (state machine, worker thread, sizing) over
# a backend ops table; its unit test drives a recording fake backend.
$(BUILD)/dom0/libpool.a: $(call objs,dom0/pool.c dom0/pool_fsm.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_pool
$(BUILD)/tests/unit/test_pool: $(call objs,$(wildcard tests/unit/pool/*.c)) \
	$(BUILD)/dom0/libpool.a $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_pool: LDLIBS += $(call pkg,--libs,libevent) -lpthread
