#ifndef TEST_RSVP_SUITES_H
#define TEST_RSVP_SUITES_H

#include <check.h>

Suite *packet_suite(void);
Suite *unknown_suite(void);
Suite *validate_suite(void);
Suite *path_suite(void);
Suite *resv_suite(void);
Suite *err_suite(void);
Suite *tear_suite(void);
Suite *conf_suite(void);
Suite *hello_suite(void);
Suite *obj_session_suite(void);
Suite *obj_filter_suite(void);
Suite *obj_hop_suite(void);
Suite *obj_error_suite(void);
Suite *obj_style_suite(void);
Suite *obj_integrity_suite(void);
Suite *obj_label_suite(void);
Suite *obj_route_suite(void);
Suite *obj_session_attr_suite(void);
Suite *obj_hello_suite(void);
Suite *obj_opaque_suite(void);
Suite *obj_table_suite(void);
Suite *names_suite(void);
Suite *vectors_suite(void);

#endif
