#ifndef TEST_XEN_SUITES_H
#define TEST_XEN_SUITES_H

#include <check.h>

Suite *caps_suite(void);
Suite *dom_suite(void);
Suite *chan_suite(void);
Suite *names_suite(void);

#endif
