# bench/dataplane: the traffic tools of the data-plane benchmark
# (bench/dataplane.sh), from testbed/gen/: bench-gen sends labelled or
# IPv4 frames with sendmmsg on AF_PACKET, bench-sink counts what arrives
# with a TPACKET_V3 ring, or with -b a tc program (testbed/gen/sink.bpf.c,
# built with clang for the BPF target into a libbpf skeleton).  libgen.a
# holds the frame, send and receive parts that a fuller generator can grow
# from.
GEN_A := $(BUILD)/testbed/gen/libgen.a
$(GEN_A): $(call objs,testbed/gen/frame.c testbed/gen/tx.c testbed/gen/rx.c)

GEN_SINK_BPF_O := $(BUILD)/testbed/gen/sink.bpf.o
.SECONDARY: $(GEN_SINK_BPF_O)
$(GEN_SINK_BPF_O): testbed/gen/sink.bpf.c testbed/gen/sink_bpf_types.h
	@mkdir -p $(@D)
	clang -O2 -g -target bpf -Wall -Werror -I. \
		-I/usr/include/$(shell uname -m)-linux-gnu -c $< -o $@
$(BUILD)/testbed/gen/sink.skel.h: $(GEN_SINK_BPF_O)
	bpftool gen skeleton $< name sink_bpf > $@.tmp && mv $@.tmp $@
$(BUILD)/testbed/gen/rx_bpf.o: $(BUILD)/testbed/gen/sink.skel.h

BENCHES += $(BIN)/bench-gen $(BIN)/bench-sink
$(BIN)/bench-gen: $(call objs,testbed/gen/gen_main.c) $(GEN_A) \
	$(BUILD)/lib/libqlib.a
$(BIN)/bench-sink: $(call objs,testbed/gen/sink_main.c testbed/gen/rx_bpf.c) \
	$(GEN_A) $(BUILD)/lib/libqlib.a
$(BIN)/bench-sink: LDLIBS += $(call pkg,--libs,libbpf) -lelf -lz
