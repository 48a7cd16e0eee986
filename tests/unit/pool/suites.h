#ifndef TEST_POOL_SUITES_H
#define TEST_POOL_SUITES_H

#include <check.h>

Suite *pool_suite(void);
Suite *pool_fsm_suite(void);

#endif
