#ifndef TEST_CONF_SUITES_H
#define TEST_CONF_SUITES_H

#include <check.h>

Suite *conf_suite(void);

#endif
