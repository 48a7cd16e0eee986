# host/: the host RSVP-TE API (host/rsvp_api.h) behind quasar-rsvp's send
# and recv commands (host/module.mk links them), its tests and benchmark.
API_EVENT_LIBS = $(or $(call pkg,--libs,libevent),-levent)

$(BUILD)/host/librsvpapi.a: $(call objs,host/api_host.c host/api_timer.c \
	host/api_sender.c host/api_receiver.c host/api_sock.c host/api_text.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_api
API_JSON_LIBS = $(or $(call pkg,--libs,jansson),-ljansson)
$(BUILD)/tests/unit/test_api: $(call objs,$(wildcard tests/unit/api/*.c) \
	host/api_cli.c host/cmd.c) \
	$(BUILD)/host/librsvpapi.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_api: LDLIBS += $(API_EVENT_LIBS) $(API_JSON_LIBS) -lm

# bench_api: timers, refreshes and Path answers for N sessions.
BENCHES += $(BUILD)/host/bench_api
$(BUILD)/host/bench_api: LDLIBS += $(API_EVENT_LIBS) -lm
$(BUILD)/host/bench_api: $(call objs,host/api_bench.c) \
	$(BUILD)/host/librsvpapi.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
	$(link)
