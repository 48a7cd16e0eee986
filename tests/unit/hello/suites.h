#ifndef TEST_HELLO_SUITES_H
#define TEST_HELLO_SUITES_H

#include <check.h>

Suite *hello_suite(void);
Suite *hello_ctl_suite(void);

#endif
