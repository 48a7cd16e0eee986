#ifndef TEST_TESTBED_SUITES_H
#define TEST_TESTBED_SUITES_H

#include <check.h>

Suite *topo_suite(void);
Suite *run_suite(void);
Suite *payload_suite(void);
Suite *hist_suite(void);
Suite *flow_suite(void);
Suite *pace_suite(void);
Suite *labelfile_suite(void);
Suite *report_suite(void);

#endif
