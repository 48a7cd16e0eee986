# host/: quasar-rsvp, the end host's tool, and the pieces later commands
# reuse: capture and link/IP layer, dissector, text and JSON printers,
# command table.  Also the test vector writer in tests/tools/.
HOST_PCAP_LIBS = $(or $(shell pcap-config --libs 2>/dev/null),-lpcap)
HOST_JSON_LIBS = $(or $(call pkg,--libs,jansson),-ljansson)
HOST_CODEC_A := $(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a

HOST_OBJS := $(call objs,host/capture.c host/link.c host/ipv4.c \
	host/dissect.c host/print_text.c host/print_json.c host/cmd_dump.c \
	host/cmd_send.c host/cmd_recv.c host/api_cli.c host/api_push.c \
	host/cmd.c host/quasar-rsvp.c)

# send and recv run on the host API (host/api.mk, libevent); send --push
# drives demux's FTN element (libdemux.a, whose dp.c also offers the u32
# backend of libdp_nl.a).
BINS += $(BIN)/quasar-rsvp
MANPAGES += docs/man/quasar-rsvp.1
$(BIN)/quasar-rsvp: $(HOST_OBJS) $(BUILD)/host/librsvpapi.a \
	$(BUILD)/demux/libdemux.a $(BUILD)/demux/libdp_nl.a $(HOST_CODEC_A)
$(BIN)/quasar-rsvp: LDLIBS += $(HOST_PCAP_LIBS) $(HOST_JSON_LIBS) -lm \
	$(API_EVENT_LIBS) $(DEMUX_LDLIBS)

UNIT_TESTS += $(BUILD)/tests/unit/test_host
$(BUILD)/tests/unit/test_host: $(call objs,$(wildcard tests/unit/host/*.c)) \
	$(call objs,host/link.c host/ipv4.c host/dissect.c host/print_text.c \
	host/print_json.c tests/tools/vectors.c) $(HOST_CODEC_A)
$(BUILD)/tests/unit/test_host: LDLIBS += $(HOST_JSON_LIBS) -lm

# The test vector writer: built with everything, never installed.
HOST_VECTORS := $(BUILD)/tests/tools/rsvp-vectors
all: $(HOST_VECTORS)
$(HOST_VECTORS): LDLIBS += $(HOST_PCAP_LIBS) -lm
$(HOST_VECTORS): $(call objs,tests/tools/rsvp_vectors.c \
	tests/tools/vectors.c) $(HOST_CODEC_A)
	$(link)
