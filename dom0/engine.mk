# dom0/engine*: the RSVP-TE engine of quasard (dom0/engine.h).
ENGINE_SRCS := $(sort $(wildcard dom0/engine*.c dom0/session*.c dom0/psb*.c \
	dom0/rsb*.c dom0/ero.c dom0/rro.c dom0/lsp_dp.c))
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
