#ifndef TEST_FLOWSPEC_SUITES_H
#define TEST_FLOWSPEC_SUITES_H

#include <check.h>

Suite *wire_suite(void);
Suite *err_suite(void);
Suite *tspec_suite(void);
Suite *sender_tspec_suite(void);
Suite *flowspec_suite(void);
Suite *adspec_suite(void);
Suite *units_suite(void);

#endif
