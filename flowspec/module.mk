# flowspec/: IntServ SENDER_TSPEC, FLOWSPEC and ADSPEC codec, tc units.
FLOWSPEC_A := $(BUILD)/flowspec/libflowspec.a
$(FLOWSPEC_A): $(call objs,$(wildcard flowspec/*.c))
