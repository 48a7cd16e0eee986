#ifndef TEST_HOST_SUITES_H
#define TEST_HOST_SUITES_H

#include <check.h>

Suite *link_suite(void);
Suite *ipv4_suite(void);
Suite *dissect_suite(void);
Suite *print_text_suite(void);
Suite *print_json_suite(void);

#endif
