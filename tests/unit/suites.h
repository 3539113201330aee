/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_TEST_SUITES_H
#define VMS_TEST_SUITES_H

#include <check.h>

/* One Suite per module; check_main.c runs them all. */
Suite *util_suite(void);
Suite *maps_suite(void);
Suite *columns_suite(void);
Suite *kpf_suite(void);
Suite *kpage_suite(void);
Suite *pagemap_suite(void);
Suite *pagewalk_suite(void);
Suite *hugeproof_suite(void);
Suite *pagecols_suite(void);
Suite *cgroup_suite(void);
Suite *node_suite(void);
Suite *elf_suite(void);
Suite *physargs_suite(void);
Suite *procid_suite(void);
Suite *picture_suite(void);
Suite *cache_suite(void);
Suite *escape_suite(void);
Suite *outsort_suite(void);
Suite *dl_suite(void);
Suite *readahead_suite(void);
Suite *env_suite(void);
Suite *frameclass_suite(void);
Suite *proc_suite(void);

#endif
