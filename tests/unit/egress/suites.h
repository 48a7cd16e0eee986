#ifndef TEST_EGRESS_SUITES_H
#define TEST_EGRESS_SUITES_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>

Suite *egress_htb_suite(void);
Suite *egress_speed_suite(void);
Suite *dp_u32_suite(void);
Suite *nl_util_suite(void);

/* netns.c: the private namespace every test runs in. */
int netns_enter(void);
void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint32_t ifindex_of(const char *ifname);

#endif
