#ifndef TEST_API_SUITES_H
#define TEST_API_SUITES_H

#include <check.h>

Suite *api_timer_suite(void);
Suite *api_host_suite(void);
Suite *api_sender_suite(void);
Suite *api_receiver_suite(void);
Suite *api_text_suite(void);
Suite *api_sock_suite(void);
Suite *api_cli_suite(void);

#endif
