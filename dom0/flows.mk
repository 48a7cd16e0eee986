# dom0/flows*: QoS flows end to end (admission -> routelet -> HTB class ->
# vif -> ILM entry), docs/flows.md.  flows_plane.c is the real data plane
# (dp + egress_htb); the unit test gives a recording fake plane and a
# pool over a recording fake backend.
# libflows_quasard.a: what only quasard links (the real plane on dp and
# egress_htb, the backend bring-up with pool_netns and calibrate).
FLOWS_SRCS := $(sort $(wildcard dom0/flows*.c))
FLOWS_QUASARD_SRCS := dom0/flows_plane.c dom0/flows_backend.c
$(BUILD)/dom0/libflows.a: $(call objs,$(filter-out $(FLOWS_QUASARD_SRCS), \
	$(FLOWS_SRCS)))
$(BUILD)/dom0/libflows_quasard.a: $(call objs,$(FLOWS_QUASARD_SRCS))
$(call objs,$(FLOWS_QUASARD_SRCS)): CPPFLAGS += $(EGRESS_NL_CFLAGS)

# quasard (its rule is in dom0/module.mk) links the flows: archives in
# LDLIBS so they come after the engine's and link in this order.
FLOWS_QUASARD_LIBS := $(BUILD)/dom0/libflows_quasard.a \
	$(BUILD)/dom0/libflows.a $(BUILD)/dom0/libpool_ctl.a \
	$(BUILD)/dom0/libctl.a $(BUILD)/dom0/libpool_netns.a \
	$(BUILD)/dom0/libpool.a $(BUILD)/dom0/libcalibrate.a \
	$(BUILD)/dom0/libnetns.a $(BUILD)/demux/libdemux.a \
	$(BUILD)/demux/libdp_nl.a $(BUILD)/routelet/libroutelet.a \
	$(BUILD)/flowspec/libflowspec.a $(BUILD)/lib/libqlib.a
$(BIN)/quasard: $(FLOWS_QUASARD_LIBS)
$(BIN)/quasard: LDLIBS += $(FLOWS_QUASARD_LIBS)

# The Xen backend (libxl) always; the libvirt one where libvirt's headers
# are (as dom0/virt.mk builds it), flows_backend.c told by
# QUASAR_HAVE_VIRT.  libpool_virt.a uses libpool_xen.a's xenstore channel,
# both use the routelet's config and lib/: those again after them.
ifneq ($(shell pkg-config --exists libvirt && echo yes),)
$(call objs,dom0/flows_backend.c): CPPFLAGS += -DQUASAR_HAVE_VIRT
$(BIN)/quasard: $(BUILD)/dom0/libpool_virt.a
$(BIN)/quasard: LDLIBS += $(BUILD)/dom0/libpool_virt.a \
	$(call pkg,--libs,libvirt)
endif
$(BIN)/quasard: $(BUILD)/dom0/libpool_xen.a
$(BIN)/quasard: LDLIBS += $(BUILD)/dom0/libpool_xen.a \
	$(BUILD)/dom0/libnetns.a $(BUILD)/routelet/libroutelet.a \
	$(BUILD)/lib/libqlib.a \
	$(call pkg,--libs,xenlight xenstore xentoollog) -lpthread -lm \
	$(call pkg,--libs,jansson libevent)

ifneq ($(wildcard tests/unit/flows/main.c),)
UNIT_TESTS += $(BUILD)/tests/unit/test_flows
$(BUILD)/tests/unit/test_flows: \
	$(call objs,$(wildcard tests/unit/flows/*.c) tests/unit/pool/fake.c) \
	$(BUILD)/dom0/libflows.a $(BUILD)/dom0/libpool.a \
	$(BUILD)/routelet/libroutelet.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_flows: LDLIBS += $(call pkg,--libs,libevent) \
	-lpthread -lm
endif
