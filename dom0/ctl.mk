# dom0/ctl.mk: the control socket server (libctl.a), quasarctl, Hello
# (libhello.a) and their tests.  quasard links $(BUILD)/dom0/libctl.a and
# $(BUILD)/dom0/libhello.a with -levent -ljansson.
CTL_JSON_LIBS = $(or $(call pkg,--libs,jansson),-ljansson)
CTL_EVENT_LIBS = $(or $(call pkg,--libs,libevent),-levent)

$(BUILD)/dom0/libctl.a: $(call objs,dom0/ctl.c dom0/ctl_cmd.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_ctl
$(BUILD)/tests/unit/test_ctl: $(call objs,tests/unit/ctl/main.c \
	tests/unit/ctl/test_ctl_proto.c tests/unit/ctl/test_ctl.c \
	tests/unit/ctl/test_ctl_cmd.c tests/unit/ctl/test_quasarctl_cmds.c \
	tests/unit/ctl/test_quasarctl_print.c \
	dom0/quasarctl_cmds.c dom0/quasarctl_print.c) \
	$(BUILD)/dom0/libctl.a $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_ctl: LDLIBS += $(CTL_EVENT_LIBS) $(CTL_JSON_LIBS)

$(BUILD)/dom0/libhello.a: $(call objs,dom0/hello.c dom0/hello_ctl.c)

UNIT_TESTS += $(BUILD)/tests/unit/test_hello
$(BUILD)/tests/unit/test_hello: $(call objs,tests/unit/hello/main.c \
	tests/unit/hello/test_hello.c tests/unit/hello/test_hello_ctl.c \
	tests/unit/hello/fake.c) \
	$(BUILD)/dom0/libhello.a $(BUILD)/dom0/libctl.a \
	$(BUILD)/rsvp/librsvp.a $(BUILD)/lib/libqlib.a
$(BUILD)/tests/unit/test_hello: LDLIBS += $(CTL_EVENT_LIBS) $(CTL_JSON_LIBS)

# quasarctl, the command line client.
QUASARCTL_OBJS := $(call objs,dom0/quasarctl.c dom0/quasarctl_cmds.c \
	dom0/quasarctl_print.c)
BINS += $(BIN)/quasarctl
$(BIN)/quasarctl: $(QUASARCTL_OBJS) $(BUILD)/lib/libqlib.a
$(BIN)/quasarctl: LDLIBS += $(CTL_JSON_LIBS)

# A control socket with canned replies, for tests/integration/ctl_cli.sh.
CTL_FAKE := $(BUILD)/tests/tools/ctl-fake-quasard
all: $(CTL_FAKE)
$(CTL_FAKE): $(call objs,tests/unit/ctl/fake_quasard.c) \
	$(BUILD)/dom0/libctl.a $(BUILD)/lib/libqlib.a
	$(link)
$(CTL_FAKE): LDLIBS += $(CTL_EVENT_LIBS) $(CTL_JSON_LIBS)
MANPAGES += docs/man/quasarctl.8
