#ifndef TEST_TESTBED_SUITES_H
#define TEST_TESTBED_SUITES_H

#include <check.h>

Suite *topo_suite(void);
Suite *run_suite(void);

#endif
