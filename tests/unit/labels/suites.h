#ifndef TEST_LABELS_SUITES_H
#define TEST_LABELS_SUITES_H

#include <check.h>

Suite *labels_suite(void);

#endif
