#ifndef TEST_FLOWS_SUITES_H
#define TEST_FLOWS_SUITES_H

#include <check.h>

Suite *flows_suite(void);

#endif
