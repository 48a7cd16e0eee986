# flowspec/: IntServ SENDER_TSPEC, FLOWSPEC and ADSPEC codec, tc units.
FLOWSPEC_A := $(BUILD)/flowspec/libflowspec.a
$(FLOWSPEC_A): $(call objs,$(wildcard flowspec/*.c))

UNIT_TESTS += $(BUILD)/tests/unit/test_flowspec
$(BUILD)/tests/unit/test_flowspec: \
	$(call objs,$(wildcard tests/unit/flowspec/*.c)) $(FLOWSPEC_A) \
	$(BUILD)/lib/libqlib.a
