# dom0/calibrate: the routelet's per-packet cost measured on this machine
# (quasard --calibrate, docs/calibrate.md): the run (namespaces, the
# routelet over its socket channel, a sender), the arithmetic and the
# calibration file.  Links rl_ctl (libnetns.a) and the routelet's config
# formatter and framing (libroutelet.a).
CALIBRATE_A := $(BUILD)/dom0/libcalibrate.a
$(CALIBRATE_A): $(call objs,dom0/calibrate.c dom0/calibrate_result.c)
CALIBRATE_LIBS := $(CALIBRATE_A) $(BUILD)/dom0/libnetns.a \
	$(BUILD)/routelet/libroutelet.a $(BUILD)/lib/libqlib.a

UNIT_TESTS += $(BUILD)/tests/unit/test_calibrate
$(BUILD)/tests/unit/test_calibrate: \
	$(call objs,$(wildcard tests/unit/calibrate/*.c)) $(CALIBRATE_LIBS)
$(BUILD)/tests/unit/test_calibrate: LDLIBS += -lm

# calibrate_run and the file, from the command line, for
# tests/integration/calibrate.sh (until quasard --calibrate calls them).
CALIBRATE_DRIVE := $(BUILD)/tests/tools/calibrate-drive
all: $(CALIBRATE_DRIVE)
$(CALIBRATE_DRIVE): $(call objs,tests/tools/calibrate_drive.c) \
	$(CALIBRATE_LIBS)
	$(link)
$(CALIBRATE_DRIVE): LDLIBS += -lm
