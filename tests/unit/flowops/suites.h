#ifndef TEST_FLOWOPS_SUITES_H
#define TEST_FLOWOPS_SUITES_H

#include <check.h>

Suite *pool_claim_suite(void);
Suite *pool_ctl_suite(void);
Suite *flows_rec_suite(void);
Suite *flows_rehome_suite(void);
Suite *flows_state_suite(void);
Suite *flows_ctl_suite(void);
Suite *quasarctl_flowops_suite(void);
Suite *egress_walk_suite(void);

#endif
