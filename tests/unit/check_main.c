// SPDX-License-Identifier: GPL-2.0-or-later
/* The one Check runner: every module's suite. */
#include "config.h"

#include <stdlib.h>

#include "suites.h"

int main(void)
{
	Suite *(*const suites[])(void) = {
		util_suite,
		dl_suite,
		readahead_suite,
		maps_suite,
		columns_suite,
		kpf_suite,
		kpage_suite,
		pagemap_suite,
		pagewalk_suite,
		hugeproof_suite,
		pagecols_suite,
		cgroup_suite,
		node_suite,
		elf_suite,
		physargs_suite,
		procid_suite,
		picture_suite,
		cache_suite,
		env_suite,
		frameclass_suite,
		proc_suite,
		escape_suite,
		outsort_suite,
	};
	SRunner *sr = srunner_create(NULL);
	size_t i;
	int failed;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
