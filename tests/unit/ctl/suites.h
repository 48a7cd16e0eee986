#ifndef TEST_CTL_SUITES_H
#define TEST_CTL_SUITES_H

#include <check.h>

Suite *ctl_proto_suite(void);
Suite *ctl_suite(void);
Suite *ctl_cmd_suite(void);
Suite *quasarctl_cmds_suite(void);
Suite *quasarctl_print_suite(void);

#endif
