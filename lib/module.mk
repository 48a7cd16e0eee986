# lib/: logging, byte cursor and writer, MPLS and IPv4 helpers.
LIB_A := $(BUILD)/lib/libqlib.a
$(LIB_A): $(call objs,$(wildcard lib/*.c))

UNIT_TESTS += $(BUILD)/tests/unit/test_lib
$(BUILD)/tests/unit/test_lib: $(call objs,$(wildcard tests/unit/lib/*.c)) $(LIB_A)
