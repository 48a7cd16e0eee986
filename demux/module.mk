# demux/: the dom0 data plane behind dp.h.  The BPF programs in demux/bpf/
# are built with clang for the BPF target and turned into libbpf skeletons
# ($(BUILD)/demux/<prog>.skel.h) that dp_bpf.c includes.  dp_u32.c, the
# libnl-3 tc u32 backend, joins the archive once it exists.

DEMUX_BPF_PROGS := linecard vif ftn
DEMUX_SKELS := $(patsubst %,$(BUILD)/demux/%.skel.h,$(DEMUX_BPF_PROGS))
DEMUX_BPF_CFLAGS := -O2 -g -target bpf -Wall -Werror -I. \
	-I/usr/include/$(shell uname -m)-linux-gnu

$(BUILD)/demux/%.bpf.o: demux/bpf/%.bpf.c demux/dp_bpf_types.h \
		demux/bpf/maps.bpf.h demux/bpf/l2.bpf.h lib/mpls.h
	@mkdir -p $(@D)
	clang $(DEMUX_BPF_CFLAGS) -c $< -o $@

$(BUILD)/demux/%.skel.h: $(BUILD)/demux/%.bpf.o
	bpftool gen skeleton $< name dpskel_$* > $@.tmp && mv $@.tmp $@

$(BUILD)/demux/dp_bpf.o: $(DEMUX_SKELS)
$(call objs,$(wildcard tests/unit/demux/*.c)): $(DEMUX_SKELS)

DEMUX_SRCS := demux/dp.c demux/dp_bpf.c demux/dp_bpf_map.c demux/dp_bpf_tc.c \
	demux/dp_bpf_pin.c
# Deferred: pkg-config runs after scripts/deps.sh.
DEMUX_LDLIBS = $(call pkg,--libs,libbpf) -lelf -lz $(DEMUX_U32_LDLIBS)
DEMUX_U32_LDLIBS =
ifneq ($(wildcard demux/dp_u32.c),)
DEMUX_SRCS += demux/dp_u32.c demux/nl_util.c
DEMUX_U32_LDLIBS = $(call pkg,--libs,libnl-route-3.0)
$(BUILD)/demux/dp.o: CPPFLAGS += -DDP_HAVE_U32
$(BUILD)/demux/dp_u32.o $(BUILD)/demux/nl_util.o: CPPFLAGS += \
	$(call pkg,--cflags,libnl-route-3.0)
endif

$(BUILD)/demux/libdemux.a: $(call objs,$(DEMUX_SRCS))

UNIT_TESTS += $(BUILD)/tests/unit/test_demux
$(BUILD)/tests/unit/test_demux: $(call objs,$(wildcard tests/unit/demux/*.c)) \
	$(BUILD)/demux/libdemux.a $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_demux: LDLIBS += $(DEMUX_LDLIBS)
