# flowspec/: the resource model and admission control (resource.c and
# admission.c are in libflowspec.a through module.mk's wildcard).
UNIT_TESTS += $(BUILD)/tests/unit/test_admission
$(BUILD)/tests/unit/test_admission: \
	$(call objs,$(wildcard tests/unit/admission/*.c)) \
	$(BUILD)/flowspec/libflowspec.a $(BUILD)/lib/libqlib.a
