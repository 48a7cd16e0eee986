#ifndef TEST_DEMUX_SUITES_H
#define TEST_DEMUX_SUITES_H

#include <check.h>

Suite *linecard_suite(void);
Suite *vif_suite(void);
Suite *ftn_suite(void);
Suite *dp_suite(void);
Suite *dp_bpf_suite(void);
Suite *lsp_suite(void);

#endif
