#ifndef TEST_KERN_SUITES_H
#define TEST_KERN_SUITES_H

#include <check.h>

Suite *kern_suite(void);

#endif
