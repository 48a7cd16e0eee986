/*
 * dom0/pool_virt_err.c: libvirt's error numbers as -errno, and the last
 * error of a real failed call (the test driver) read and cleared.
 */
#include <errno.h>

#include "dom0/pool_virt_local.h"
#include "suites.h"

static void
quiet(void *arg, virErrorPtr e)
{
	(void)arg;
	(void)e;
}

static void
init_libvirt(void)
{
	ck_assert_int_eq(virInitialize(), 0);
	virSetErrorFunc(NULL, quiet);
}

START_TEST(test_mapping)
{
	ck_assert_int_eq(virt_err_errno(VIR_ERR_OK, 0), 0);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_NO_DOMAIN, 0), -ENOENT);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_DOM_EXIST, 0), -EEXIST);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_NO_SUPPORT, 0), -ENOTSUP);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_XML_ERROR, 0), -EINVAL);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_OPERATION_INVALID, 0), -ESRCH);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_ACCESS_DENIED, 0), -EACCES);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_OPERATION_TIMEOUT, 0),
	    -ETIMEDOUT);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_SYSTEM_ERROR, ENOSPC), -ENOSPC);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_SYSTEM_ERROR, 0), -EIO);
	ck_assert_int_eq(virt_err_errno(VIR_ERR_INTERNAL_ERROR, 0), -EIO);
}
END_TEST

/* A lookup of a domain that is not there: -ENOENT, and the error goes. */
START_TEST(test_last_error)
{
	virConnectPtr c = virConnectOpen("test:///default");

	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_null(virDomainLookupByName(c, "no-such-domain"));
	ck_assert_int_eq(virt_err("lookup", VIR_ERR_NO_DOMAIN), -ENOENT);
	ck_assert_ptr_null(virGetLastError());
	/* a failure that set no error still fails */
	ck_assert_int_eq(virt_err("nothing", -1), -EIO);
	virConnectClose(c);
}
END_TEST

Suite *
virt_err_suite(void)
{
	Suite *s = suite_create("virt_err");
	TCase *tc = tcase_create("err");

	tcase_add_unchecked_fixture(tc, init_libvirt, NULL);
	tcase_add_test(tc, test_mapping);
	tcase_add_test(tc, test_last_error);
	suite_add_tcase(s, tc);
	return s;
}
