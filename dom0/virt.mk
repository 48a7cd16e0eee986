# dom0/ virt pool backend (docs/pool-virt.md): routelets as libvirt
# domains (LXC containers, Xen PV guests; the test driver for unit tests).
# Built only where libvirt's headers are (libvirt-dev).  The Xen guests'
# xenstore channel is the Xen backend's (xen_chan_* in libpool_xen.a).
ifneq ($(shell pkg-config --exists libvirt && echo yes),)

VIRT_LIBS = $(call pkg,--libs,libvirt) $(call pkg,--libs,libevent) \
	-lxenstore -lpthread

$(BUILD)/dom0/libpool_virt.a: $(call objs,dom0/pool_virt.c \
	dom0/pool_virt_live.c dom0/pool_virt_event.c dom0/pool_virt_xml.c \
	dom0/pool_virt_sched.c dom0/pool_virt_err.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_virt
$(BUILD)/tests/unit/test_virt: $(call objs,$(wildcard tests/unit/virt/*.c)) \
	$(BUILD)/dom0/libpool_virt.a $(BUILD)/dom0/libpool_xen.a \
	$(BUILD)/dom0/libnetns.a \
	$(BUILD)/routelet/libroutelet.a $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_virt: LDLIBS += $(VIRT_LIBS)

# The backend's ops one line at a time, for tests/integration/pool_virt_lxc.sh.
POOL_VIRT_DRIVE := $(BUILD)/tests/tools/pool-virt-drive
all: $(POOL_VIRT_DRIVE)
$(POOL_VIRT_DRIVE): $(call objs,tests/tools/pool_virt_drive.c \
	tests/tools/drive_core.c) \
	$(BUILD)/dom0/libpool_virt.a $(BUILD)/dom0/libpool_xen.a \
	$(BUILD)/dom0/libnetns.a \
	$(BUILD)/routelet/libroutelet.a $(BUILD)/lib/libqlib.a
	$(link)
$(POOL_VIRT_DRIVE): LDLIBS += $(VIRT_LIBS)

endif
