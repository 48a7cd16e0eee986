#ifndef TEST_ADMISSION_SUITES_H
#define TEST_ADMISSION_SUITES_H

#include <check.h>

Suite *resource_suite(void);
Suite *admission_suite(void);

#endif
