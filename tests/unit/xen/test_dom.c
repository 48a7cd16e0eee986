#include <stdlib.h>
#include <string.h>

#include "dom0/pool_xen_local.h"
#include "suites.h"

static const struct pool_xen_conf conf = {
	.kernel = "/quasar/images/routelet-vmlinux",
	.ramdisk = "/quasar/images/routelet.cpio.gz",
	.cmdline = "console=hvc0 quiet",
	.name_prefix = "quasar-rl-",
	.vif_script = "vif-quasar",
	.memory_mb = 96,
};

/* libxl's own JSON of the config (it needs no hypervisor). */
static char *
config_json(const struct pool_xen_conf *c, uint32_t poolid)
{
	libxl_domain_config dc;
	char *json;

	libxl_domain_config_init(&dc);
	ck_assert_int_eq(xen_dom_config(c, "quasar-rl-3", poolid, &dc), 0);
	json = libxl_domain_config_to_json(NULL, &dc);
	libxl_domain_config_dispose(&dc);
	ck_assert_ptr_nonnull(json);
	return json;
}

static void
has(const char *json, const char *what)
{
	ck_assert_msg(strstr(json, what) != NULL, "no %s in %s", what, json);
}

START_TEST(pv_routelet)
{
	char *json = config_json(&conf, 0);

	has(json, "\"type\": \"pv\"");
	has(json, "\"name\": \"quasar-rl-3\"");
	has(json, "\"max_vcpus\": 1");
	has(json, "\"max_memkb\": 98304");
	has(json, "\"target_memkb\": 98304");
	has(json, "\"kernel\": \"/quasar/images/routelet-vmlinux\"");
	has(json, "\"ramdisk\": \"/quasar/images/routelet.cpio.gz\"");
	has(json, "\"cmdline\": \"console=hvc0 quiet\"");
	/* one vif, devid 0 (vif<domid>.0), the link-up-only script */
	has(json, "\"nics\": [");
	has(json, "\"devid\": 0");
	has(json, "\"script\": \"vif-quasar\"");
	ck_assert_ptr_null(strstr(json, "\"bridge\""));
	/* Pool-0 is libxl's default: not written */
	ck_assert_ptr_null(strstr(json, "\"poolid\""));
	free(json);
}
END_TEST

/* libxl's JSON leaves out defaults: the shutdown actions are read here. */
START_TEST(destroyed_on_any_shutdown)
{
	libxl_domain_config dc;

	libxl_domain_config_init(&dc);
	ck_assert_int_eq(xen_dom_config(&conf, "quasar-rl-3", 0, &dc), 0);
	ck_assert_int_eq(dc.on_poweroff, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	ck_assert_int_eq(dc.on_reboot, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	ck_assert_int_eq(dc.on_watchdog, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	ck_assert_int_eq(dc.on_crash, LIBXL_ACTION_ON_SHUTDOWN_DESTROY);
	libxl_domain_config_dispose(&dc);
}
END_TEST

START_TEST(in_cpupool)
{
	char *json = config_json(&conf, 3);

	has(json, "\"poolid\": 3");
	free(json);
}
END_TEST

START_TEST(no_ramdisk_no_script)
{
	struct pool_xen_conf c = conf;
	char *json;

	c.ramdisk = "";
	c.vif_script = "";
	c.memory_mb = 128;
	json = config_json(&c, 0);
	ck_assert_ptr_null(strstr(json, "\"ramdisk\""));
	ck_assert_ptr_null(strstr(json, "\"script\""));
	has(json, "\"max_memkb\": 131072");
	free(json);
}
END_TEST

Suite *
dom_suite(void)
{
	Suite *s = suite_create("dom");
	TCase *tc = tcase_create("config");

	tcase_add_test(tc, pv_routelet);
	tcase_add_test(tc, destroyed_on_any_shutdown);
	tcase_add_test(tc, in_cpupool);
	tcase_add_test(tc, no_ramdisk_no_script);
	suite_add_tcase(s, tc);
	return s;
}
