#ifndef TEST_LIB_SUITES_H
#define TEST_LIB_SUITES_H

#include <check.h>

Suite *cursor_suite(void);
Suite *writer_suite(void);
Suite *mpls_suite(void);
Suite *inet_suite(void);
Suite *log_suite(void);

#endif
