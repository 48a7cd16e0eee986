#ifndef TEST_ENGINE_SUITES_H
#define TEST_ENGINE_SUITES_H

#include <check.h>

Suite *engine_suite(void);
Suite *engine_timer_suite(void);
Suite *session_suite(void);
Suite *psb_suite(void);
Suite *rsb_suite(void);
Suite *rsb_conf_suite(void);
Suite *ero_suite(void);
Suite *rro_suite(void);
Suite *lsp_dp_suite(void);
Suite *engine_show_suite(void);
Suite *engine_flow_suite(void);

#endif
