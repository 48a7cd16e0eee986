# demux/: the dom0 data plane behind dp.h.  The BPF programs in demux/bpf/
# are built with clang for the BPF target and turned into libbpf skeletons
# ($(BUILD)/demux/<prog>.skel.h) that dp_bpf.c includes.

DEMUX_BPF_PROGS := linecard vif ftn
DEMUX_SKELS := $(patsubst %,$(BUILD)/demux/%.skel.h,$(DEMUX_BPF_PROGS))
# Keep the BPF objects: make would delete them as intermediates.
.SECONDARY: $(patsubst %,$(BUILD)/demux/%.bpf.o,$(DEMUX_BPF_PROGS))
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
$(BUILD)/demux/libdemux.a: $(call objs,$(DEMUX_SRCS))

# The u32 backend lives in demux/egress.mk's libdp_nl.a: whoever links
# libdemux.a links that too, with these libraries (deferred: pkg-config
# runs after scripts/deps.sh).
DEMUX_NL_A := $(BUILD)/demux/libdp_nl.a
DEMUX_LDLIBS = $(call pkg,--libs,libbpf) -lelf -lz \
	$(call pkg,--libs,libnl-route-3.0)

# bench_dp: per-frame cost of each program (BPF_PROG_TEST_RUN).
BENCHES += $(BUILD)/demux/bench_dp
$(BUILD)/demux/bench_dp.o: $(DEMUX_SKELS)
$(BUILD)/demux/bench_dp: LDLIBS += $(DEMUX_LDLIBS)
$(BUILD)/demux/bench_dp: $(call objs,demux/bench_dp.c) \
	$(BUILD)/demux/libdemux.a $(DEMUX_NL_A) $(BUILD)/lib/libqlib.a
	$(link)

UNIT_TESTS += $(BUILD)/tests/unit/test_demux
$(BUILD)/tests/unit/test_demux: $(call objs,$(wildcard tests/unit/demux/*.c)) \
	$(BUILD)/demux/libdemux.a $(DEMUX_NL_A) $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_demux: LDLIBS += $(DEMUX_LDLIBS)
