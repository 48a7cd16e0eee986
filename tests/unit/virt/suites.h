#ifndef TEST_VIRT_SUITES_H
#define TEST_VIRT_SUITES_H

#include <check.h>

Suite *virt_xml_suite(void);
Suite *virt_sched_suite(void);
Suite *virt_err_suite(void);
Suite *pool_virt_suite(void);

#endif
