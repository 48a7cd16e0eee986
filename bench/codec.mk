# bench/codec: decode and encode rates of rsvp/ (bench/codec.sh runs it).
# The top Makefile has no generic rule for bench/ programs, hence the recipe.
CODEC_BENCH := $(BUILD)/bench/codec
BENCHES += $(CODEC_BENCH)
$(CODEC_BENCH): $(call objs,bench/codec.c tests/tools/vectors.c) \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/flowspec/libflowspec.a \
	$(BUILD)/lib/libqlib.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o %.a,$^) -lm
