# bench/codec: decode and encode rates of rsvp/ (bench/codec.sh runs it).
CODEC_BENCH := $(BUILD)/bench/codec
BENCHES += $(CODEC_BENCH)
$(CODEC_BENCH): LDLIBS += -lm
$(CODEC_BENCH): $(call objs,bench/codec.c tests/tools/vectors.c) \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
	$(link)
