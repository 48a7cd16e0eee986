# dom0/ Xen pool backend (docs/pool-xen.md): routelet domains made with
# libxl, configured through xenstore, watched with @releaseDomain.
XEN_LIBS = $(call pkg,--libs,xenlight xenstore xentoollog libevent)

$(BUILD)/dom0/libpool_xen.a: $(call objs,dom0/pool_xen.c dom0/pool_xen_dom.c \
	dom0/pool_xen_caps.c dom0/pool_xen_chan.c dom0/pool_xen_xs.c \
	dom0/pool_xen_watch.c)

# What runs without a hypervisor: the domain config (as libxl's JSON),
# the caps arithmetic and the xenstore channel against a fake store and
# the routelet's own side of it (routelet/chan_xs.c).
UNIT_TESTS += $(BUILD)/tests/unit/test_xen
$(BUILD)/tests/unit/test_xen: $(call objs,$(wildcard tests/unit/xen/*.c)) \
	$(BUILD)/dom0/libpool_xen.a $(BUILD)/routelet/libroutelet.a \
	$(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_xen: LDLIBS += $(XEN_LIBS)

# The backend's ops one line at a time, run inside dom0 by
# tests/xen/checks/50-pool-xen.sh: in $(BIN) so that the dom0 image
# (images/dom0.sh copies $(BIN)) has it, but not in BINS: not installed.
all: $(BIN)/pool-xen-drive
$(BIN)/pool-xen-drive: $(call objs,tests/tools/pool_xen_drive.c \
	tests/tools/drive_core.c) \
	$(BUILD)/dom0/libpool_xen.a $(BUILD)/routelet/libroutelet.a \
	$(BUILD)/lib/libqlib.a
$(BIN)/pool-xen-drive: LDLIBS += $(XEN_LIBS)

# The real pool (worker thread, state machine) over the backend, run in
# dom0 by tests/xen/checks/52-pool-xen-pool.sh; in $(BIN), not installed.
all: $(BIN)/pool-xen-pool
$(BIN)/pool-xen-pool: $(call objs,tests/tools/pool_xen_pool.c) \
	$(BUILD)/dom0/libpool.a $(BUILD)/dom0/libpool_xen.a \
	$(BUILD)/routelet/libroutelet.a $(BUILD)/lib/libqlib.a
$(BIN)/pool-xen-pool: LDLIBS += $(XEN_LIBS) -lpthread
