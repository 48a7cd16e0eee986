# routelet/: quasar-routelet, the single-flow forwarder inside a routelet.
ROUTELET_A := $(BUILD)/routelet/libroutelet.a
ROUTELET_CORE := forward policer config counters proto chan_sock chan_xs \
	meminfo
$(ROUTELET_A): $(call objs,$(patsubst %,routelet/%.c,$(ROUTELET_CORE)))

ROUTELET_BIN_OBJS := $(call objs,routelet/main.c routelet/ring.c \
	routelet/xs_ops_xen.c)

BINS += $(BIN)/quasar-routelet
$(BIN)/quasar-routelet: $(ROUTELET_BIN_OBJS) $(ROUTELET_A) $(BUILD)/lib/libqlib.a
$(BIN)/quasar-routelet: LDLIBS += -lxenstore

# The guest image's copy: static, so the initramfs needs no libraries.
# Sanitizer runtimes do not link statically, so SAN builds leave it out.
ifneq ($(SAN),1)
BINS += $(BIN)/quasar-routelet-static
$(BIN)/quasar-routelet-static: $(ROUTELET_BIN_OBJS) $(ROUTELET_A) \
	$(BUILD)/lib/libqlib.a
$(BIN)/quasar-routelet-static: LDLIBS += -static -l:libxenstore.a \
	-l:libxentoolcore.a -lpthread
endif

MANPAGES += docs/man/quasar-routelet.8

UNIT_TESTS += $(BUILD)/tests/unit/test_routelet
$(BUILD)/tests/unit/test_routelet: \
	$(call objs,$(wildcard tests/unit/routelet/*.c)) $(ROUTELET_A) \
	$(BUILD)/lib/libqlib.a

# bench-routelet: the element's cost per frame, without I/O.
BENCHES += $(BIN)/bench-routelet
$(BIN)/bench-routelet: $(call objs,routelet/bench_forward.c) $(ROUTELET_A) \
	$(BUILD)/lib/libqlib.a
