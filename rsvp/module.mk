# rsvp/: the RSVP and RSVP-TE wire codec (bytes in, structs out).
RSVP_A := $(BUILD)/rsvp/librsvp.a
$(RSVP_A): $(call objs,$(wildcard rsvp/*.c))

UNIT_TESTS += $(BUILD)/tests/unit/test_rsvp
$(BUILD)/tests/unit/test_rsvp: $(call objs,$(wildcard tests/unit/rsvp/*.c)) \
	$(RSVP_A) $(BUILD)/lib/libqlib.a
