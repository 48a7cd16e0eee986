#ifndef TEST_ROUTELET_SUITES_H
#define TEST_ROUTELET_SUITES_H

#include <check.h>

#include "routelet/config.h"

Suite *policer_suite(void);
Suite *forward_suite(void);
Suite *config_suite(void);
Suite *counters_suite(void);
Suite *proto_suite(void);
Suite *chan_sock_suite(void);
Suite *chan_xs_suite(void);
Suite *meminfo_suite(void);

/* A valid config: flow 7, label 1000 -> 2000, r 1000 B/s, b 3000 B. */
void test_config(struct rl_config *cfg);

#endif
