# host/: the host RSVP-TE API (host/rsvp_api.h) and the quasar-rsvp
# commands built on it (send, recv).  host/module.mk has the rest of
# quasar-rsvp; this file adds to its prerequisites.  It is read before
# host/module.mk (sorted), so these come first on the link line and the
# codec archives that host/module.mk names follow them.
API_EVENT_LIBS = $(or $(call pkg,--libs,libevent),-levent)

$(BUILD)/host/librsvpapi.a: $(call objs,host/api_host.c host/api_timer.c \
	host/api_sender.c host/api_receiver.c host/api_sock.c host/api_text.c)

$(BIN)/quasar-rsvp: $(call objs,host/cmd_send.c host/cmd_recv.c \
	host/api_cli.c) $(BUILD)/host/librsvpapi.a $(BUILD)/lib/librsvp_sock.a
$(BIN)/quasar-rsvp: LDLIBS += $(API_EVENT_LIBS)

ifneq ($(wildcard tests/unit/api/main.c),)
UNIT_TESTS += $(BUILD)/tests/unit/test_api
endif
$(BUILD)/tests/unit/test_api: $(call objs,$(wildcard tests/unit/api/*.c)) \
	$(BUILD)/host/librsvpapi.a $(BUILD)/lib/librsvp_sock.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_api: LDLIBS += $(API_EVENT_LIBS) -lm
