# host/: the host RSVP-TE API (host/rsvp_api.h) and the quasar-rsvp
# commands built on it (send, recv).  host/module.mk has the rest of
# quasar-rsvp; this file adds to its prerequisites.  It is read before
# host/module.mk (sorted), so these come first on the link line and the
# codec archives that host/module.mk names follow them.
API_EVENT_LIBS = $(or $(call pkg,--libs,libevent),-levent)

$(BUILD)/host/librsvpapi.a: $(call objs,host/api_host.c host/api_timer.c \
	host/api_sender.c host/api_receiver.c host/api_sock.c host/api_text.c)

# send --push drives demux's FTN element: libdemux.a and libbpf; dp.o
# offers the u32 backend when demux/dp_u32.c exists (demux/module.mk),
# and then needs libdp_nl.a and libnl-route-3 too.
API_DEMUX_A := $(BUILD)/demux/libdemux.a \
	$(if $(wildcard demux/dp_u32.c),$(BUILD)/demux/libdp_nl.a)
API_DEMUX_LIBS = $(call pkg,--libs,libbpf) -lelf -lz \
	$(if $(wildcard demux/dp_u32.c),$(call pkg,--libs,libnl-route-3.0))

$(BIN)/quasar-rsvp: $(call objs,host/cmd_send.c host/cmd_recv.c \
	host/api_cli.c host/api_push.c) $(BUILD)/host/librsvpapi.a \
	$(BUILD)/lib/librsvp_sock.a $(API_DEMUX_A)
$(BIN)/quasar-rsvp: LDLIBS += $(API_EVENT_LIBS) $(API_DEMUX_LIBS)

ifneq ($(wildcard tests/unit/api/main.c),)
UNIT_TESTS += $(BUILD)/tests/unit/test_api
endif
API_JSON_LIBS = $(or $(call pkg,--libs,jansson),-ljansson)
$(BUILD)/tests/unit/test_api: $(call objs,$(wildcard tests/unit/api/*.c) \
	host/api_cli.c) \
	$(BUILD)/host/librsvpapi.a $(BUILD)/lib/librsvp_sock.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_api: LDLIBS += $(API_EVENT_LIBS) $(API_JSON_LIBS) -lm

# bench_api: timers, refreshes and Path answers for N sessions.
BENCHES += $(BUILD)/host/bench_api
$(BUILD)/host/bench_api: $(call objs,host/api_bench.c) \
	$(BUILD)/host/librsvpapi.a $(BUILD)/lib/librsvp_sock.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o %.a,$^) $(API_EVENT_LIBS) -lm
