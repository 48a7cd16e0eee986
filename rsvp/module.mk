# rsvp/: the RSVP and RSVP-TE wire codec (bytes in, structs out).
RSVP_A := $(BUILD)/rsvp/librsvp.a
$(RSVP_A): $(call objs,$(wildcard rsvp/*.c))
