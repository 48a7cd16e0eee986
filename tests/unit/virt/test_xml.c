/*
 * dom0/pool_virt_xml.c: the domain XML of each kind, as golden strings;
 * hostile names and paths escaped or refused; a short buffer refused.
 */
#include <errno.h>
#include <string.h>

#include "dom0/pool_virt_local.h"
#include "suites.h"

static const struct virt_xml_args lxc = {
	.kind = VIRT_LXC, .name = "quasar-rl-3", .ifname = "rl3",
	.mem_kib = 131072, .routelet = "/usr/bin/quasar-routelet",
	.sock = "/run/quasar/quasar-rl-3.sock",
	.log = "/run/quasar/quasar-rl-3.log", .run_dir = "/run/quasar",
};

static const char lxc_golden[] =
	"<domain type='lxc'>\n"
	"  <name>quasar-rl-3</name>\n"
	"  <memory unit='KiB'>131072</memory>\n"
	"  <currentMemory unit='KiB'>131072</currentMemory>\n"
	"  <vcpu>1</vcpu>\n"
	"  <os>\n"
	"    <type>exe</type>\n"
	"    <init>/bin/sh</init>\n"
	"    <initarg>-c</initarg>\n"
	"    <initarg>while :; do &quot;$0&quot; -d -i eth0 -s &quot;$1&quot; "
	"2&gt;&gt;&quot;$2&quot;; sleep 0.1; done</initarg>\n"
	"    <initarg>/usr/bin/quasar-routelet</initarg>\n"
	"    <initarg>/run/quasar/quasar-rl-3.sock</initarg>\n"
	"    <initarg>/run/quasar/quasar-rl-3.log</initarg>\n"
	"  </os>\n"
	"  <on_poweroff>destroy</on_poweroff>\n"
	"  <on_reboot>destroy</on_reboot>\n"
	"  <on_crash>destroy</on_crash>\n"
	"  <devices>\n"
	"    <filesystem type='mount' accessmode='passthrough'>\n"
	"      <source dir='/run/quasar'/>\n"
	"      <target dir='/run/quasar'/>\n"
	"    </filesystem>\n"
	"    <interface type='ethernet'>\n"
	"      <target dev='rl3'/>\n"
	"      <guest dev='eth0'/>\n"
	"      <link state='up'/>\n"
	"    </interface>\n"
	"    <console type='pty'/>\n"
	"  </devices>\n"
	"</domain>\n";

START_TEST(test_lxc_golden)
{
	char buf[4096];
	int n;

	n = virt_xml_domain(&lxc, buf, sizeof(buf));
	ck_assert_int_eq(n, (int)strlen(lxc_golden));
	ck_assert_str_eq(buf, lxc_golden);
}
END_TEST

START_TEST(test_xen_golden)
{
	const struct virt_xml_args a = {
		.kind = VIRT_XEN, .name = "quasar-rl-9", .ifname = "rl9",
		.mem_kib = 98304, .kernel = "/quasar/images/routelet-vmlinux",
		.initrd = "/quasar/images/routelet.cpio.gz",
		.cmdline = "console=hvc0 quiet", .vif_script = "vif-quasar",
	};
	static const char golden[] =
		"<domain type='xen'>\n"
		"  <name>quasar-rl-9</name>\n"
		"  <memory unit='KiB'>98304</memory>\n"
		"  <currentMemory unit='KiB'>98304</currentMemory>\n"
		"  <vcpu>1</vcpu>\n"
		"  <os>\n"
		"    <type arch='x86_64' machine='xenpv'>linux</type>\n"
		"    <kernel>/quasar/images/routelet-vmlinux</kernel>\n"
		"    <initrd>/quasar/images/routelet.cpio.gz</initrd>\n"
		"    <cmdline>console=hvc0 quiet</cmdline>\n"
		"  </os>\n"
		"  <on_poweroff>destroy</on_poweroff>\n"
		"  <on_reboot>destroy</on_reboot>\n"
		"  <on_crash>destroy</on_crash>\n"
		"  <devices>\n"
		"    <interface type='ethernet'>\n"
		"      <script path='vif-quasar'/>\n"
		"      <target dev='rl9'/>\n"
		"    </interface>\n"
		"    <console type='pty'>\n"
		"      <target type='xen' port='0'/>\n"
		"    </console>\n"
		"  </devices>\n"
		"</domain>\n";
	char buf[4096];

	ck_assert_int_eq(virt_xml_domain(&a, buf, sizeof(buf)),
	    (int)strlen(golden));
	ck_assert_str_eq(buf, golden);
}
END_TEST

START_TEST(test_test_golden)
{
	const struct virt_xml_args a = {
		.kind = VIRT_TEST, .name = "t-rl-0", .ifname = "tr0",
		.mem_kib = 65536,
	};
	static const char golden[] =
		"<domain type='test'>\n"
		"  <name>t-rl-0</name>\n"
		"  <memory unit='KiB'>65536</memory>\n"
		"  <currentMemory unit='KiB'>65536</currentMemory>\n"
		"  <vcpu>1</vcpu>\n"
		"  <os>\n"
		"    <type>hvm</type>\n"
		"  </os>\n"
		"  <on_poweroff>destroy</on_poweroff>\n"
		"  <on_reboot>destroy</on_reboot>\n"
		"  <on_crash>destroy</on_crash>\n"
		"  <devices>\n"
		"    <interface type='ethernet'>\n"
		"      <target dev='tr0'/>\n"
		"    </interface>\n"
		"  </devices>\n"
		"</domain>\n";
	char buf[1024];

	ck_assert_int_eq(virt_xml_domain(&a, buf, sizeof(buf)),
	    (int)strlen(golden));
	ck_assert_str_eq(buf, golden);
}
END_TEST

/* Markup in a name or path is escaped: it cannot open an element. */
START_TEST(test_hostile_escaped)
{
	struct virt_xml_args a = lxc;
	char buf[4096];

	a.name = "rl</name><devices>&'\"";
	a.run_dir = "/tmp/x'/><filesystem";
	ck_assert_int_gt(virt_xml_domain(&a, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "<name>rl&lt;/name&gt;&lt;devices"
	    "&gt;&amp;&apos;&quot;</name>\n"));
	ck_assert_ptr_nonnull(strstr(buf, "<source dir='/tmp/x&apos;/&gt;"
	    "&lt;filesystem'/>"));
	ck_assert_ptr_null(strstr(buf, "<devices>&"));
}
END_TEST

/* XML 1.0 cannot carry control characters: nothing is generated. */
START_TEST(test_control_refused)
{
	struct virt_xml_args a = lxc;
	const char *bad[] = { "rl\n3", "rl\x01", "rl\x7f", "\t" };
	char buf[4096];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		a.name = bad[i];
		memset(buf, 'x', sizeof(buf));
		ck_assert_int_eq(virt_xml_domain(&a, buf, sizeof(buf)),
		    -EINVAL);
		ck_assert_str_eq(buf, "");
	}
	a = lxc;
	a.sock = "/run/q\r.sock";
	ck_assert_int_eq(virt_xml_domain(&a, buf, sizeof(buf)), -EINVAL);
}
END_TEST

/* Too small by one byte, or nothing at all: -ENOSPC, an empty string. */
START_TEST(test_short_buffer)
{
	char buf[4096];

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(virt_xml_domain(&lxc, buf, strlen(lxc_golden)),
	    -ENOSPC);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(virt_xml_domain(&lxc, buf, 0), -ENOSPC);
	ck_assert_int_eq(virt_xml_domain(&lxc, buf, strlen(lxc_golden) + 1),
	    (int)strlen(lxc_golden));
}
END_TEST

Suite *
virt_xml_suite(void)
{
	Suite *s = suite_create("virt_xml");
	TCase *tc = tcase_create("xml");

	tcase_add_test(tc, test_lxc_golden);
	tcase_add_test(tc, test_xen_golden);
	tcase_add_test(tc, test_test_golden);
	tcase_add_test(tc, test_hostile_escaped);
	tcase_add_test(tc, test_control_refused);
	tcase_add_test(tc, test_short_buffer);
	suite_add_tcase(s, tc);
	return s;
}
