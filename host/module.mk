# host/: quasar-rsvp, the end host's tool, and the pieces later commands
# reuse (capture and link/IP layer, command table).

HOST_UNIT_OBJS := $(call objs,host/link.c host/ipv4.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_host
$(BUILD)/tests/unit/test_host: $(call objs,$(wildcard tests/unit/host/*.c)) \
	$(HOST_UNIT_OBJS) $(BUILD)/lib/libqlib.a
