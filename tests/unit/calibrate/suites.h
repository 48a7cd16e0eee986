#ifndef TEST_CALIBRATE_SUITES_H
#define TEST_CALIBRATE_SUITES_H

#include <check.h>

Suite *calibrate_result_suite(void);
Suite *calibrate_file_suite(void);
Suite *calibrate_run_suite(void);

#endif
