# lib/rsvp_sock: raw RSVP I/O shared by quasard and the host API.
$(BUILD)/lib/librsvp_sock.a: $(call objs,lib/rsvp_sock.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_rsvp_sock
$(BUILD)/tests/unit/test_rsvp_sock: \
	$(call objs,$(wildcard tests/unit/rsvp_sock/*.c)) \
	$(BUILD)/lib/librsvp_sock.a $(BUILD)/lib/libqlib.a
