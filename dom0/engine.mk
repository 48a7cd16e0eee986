# dom0/engine*: the RSVP-TE engine of quasard (dom0/engine.h).
ENGINE_SRCS := $(sort $(filter-out dom0/engine_bench.c, \
	$(wildcard dom0/engine*.c dom0/session*.c dom0/psb*.c dom0/rsb*.c \
	dom0/ero.c dom0/rro.c dom0/lsp_dp.c)))
$(BUILD)/dom0/libengine.a: $(call objs,$(ENGINE_SRCS))

ifneq ($(wildcard tests/unit/engine/main.c),)
UNIT_TESTS += $(BUILD)/tests/unit/test_engine
$(BUILD)/tests/unit/test_engine: \
	$(call objs,$(wildcard tests/unit/engine/*.c)) \
	$(BUILD)/dom0/libengine.a $(BUILD)/dom0/liblabels.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_engine: LDLIBS += $(call pkg,--libs,libevent jansson)
endif

# bench_engine: LSP setups per second and refresh CPU per R, no sockets.
ifneq ($(wildcard dom0/engine_bench.c),)
BENCHES += $(BUILD)/dom0/bench_engine
$(BUILD)/dom0/bench_engine: $(call objs,dom0/engine_bench.c) \
	$(BUILD)/dom0/libengine.a $(BUILD)/dom0/liblabels.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
	$(link)
$(BUILD)/dom0/bench_engine: LDLIBS += $(call pkg,--libs,libevent jansson)
endif
