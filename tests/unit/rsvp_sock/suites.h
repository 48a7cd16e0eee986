#ifndef TEST_RSVP_SOCK_SUITES_H
#define TEST_RSVP_SOCK_SUITES_H

#include <check.h>

Suite *rsvp_sock_suite(void);

#endif
