#ifndef TEST_NETNS_SUITES_H
#define TEST_NETNS_SUITES_H

#include <check.h>

Suite *cgroup_suite(void);
Suite *rl_ctl_suite(void);

#endif
