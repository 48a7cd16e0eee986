# lib/: logging, byte cursor and writer, MPLS and IPv4 helpers, raw RSVP
# I/O (rsvp_sock), the control socket's framing (ctl_proto; links jansson).
LIB_A := $(BUILD)/lib/libqlib.a
$(LIB_A): $(call objs,$(wildcard lib/*.c))

UNIT_TESTS += $(BUILD)/tests/unit/test_lib
$(BUILD)/tests/unit/test_lib: $(call objs,$(wildcard tests/unit/lib/*.c)) $(LIB_A)

UNIT_TESTS += $(BUILD)/tests/unit/test_rsvp_sock
$(BUILD)/tests/unit/test_rsvp_sock: \
	$(call objs,$(wildcard tests/unit/rsvp_sock/*.c)) $(LIB_A)
