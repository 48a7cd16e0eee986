# bench/dataplane: the traffic tools of the data-plane benchmark
# (bench/dataplane.sh), from testbed/gen/: bench-gen sends labelled or
# IPv4 frames with sendmmsg on AF_PACKET, bench-sink counts what arrives
# with a TPACKET_V3 ring.  libgen.a holds the frame, send and receive
# parts that a fuller generator can grow from.
GEN_A := $(BUILD)/testbed/gen/libgen.a
$(GEN_A): $(call objs,testbed/gen/frame.c testbed/gen/tx.c testbed/gen/rx.c)

BENCHES += $(BIN)/bench-gen $(BIN)/bench-sink
$(BIN)/bench-gen: $(call objs,testbed/gen/gen_main.c) $(GEN_A) \
	$(BUILD)/lib/libqlib.a
$(BIN)/bench-sink: $(call objs,testbed/gen/sink_main.c) $(GEN_A) \
	$(BUILD)/lib/libqlib.a
