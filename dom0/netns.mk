# dom0/ netns pool backend: cgroups (v1 and v2), the controller side of
# the routelet socket channel (rl_ctl) and pool_netns (docs/pool-netns.md).
$(BUILD)/dom0/libnetns.a: $(call objs,dom0/cgroup.c dom0/rl_ctl.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_netns
$(BUILD)/tests/unit/test_netns: $(call objs,$(wildcard tests/unit/netns/*.c)) \
	$(BUILD)/dom0/libnetns.a $(BUILD)/routelet/libroutelet.a \
	$(BUILD)/lib/libqlib.a

# The backend itself (links libevent for the death watch).
$(BUILD)/dom0/libpool_netns.a: $(call objs,dom0/pool_netns.c) \
	$(BUILD)/dom0/libnetns.a

# The backend's ops one line at a time, for tests/integration/pool_netns.sh.
POOL_NETNS_DRIVE := $(BUILD)/tests/tools/pool-netns-drive
all: $(POOL_NETNS_DRIVE)
$(POOL_NETNS_DRIVE): $(call objs,tests/tools/pool_netns_drive.c \
	tests/tools/drive_core.c) \
	$(BUILD)/dom0/libpool_netns.a $(BUILD)/dom0/libnetns.a \
	$(BUILD)/routelet/libroutelet.a $(BUILD)/lib/libqlib.a
	$(link)
$(POOL_NETNS_DRIVE): LDLIBS += $(call pkg,--libs,libevent)
