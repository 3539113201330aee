/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * leaker: a process that grows on demand, for the diff tests. It reserves
 * one anonymous region, prints "region START END" and "ready", then for
 * each line N on stdin writes N more pages of it and prints "ok". It ends
 * when stdin closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGES 4096

int main(void)
{
	size_t psz = (size_t)sysconf(_SC_PAGESIZE), used = 0, i, n;
	char line[64], *region;

	region = mmap(NULL, PAGES * psz, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (region == MAP_FAILED)
		return 1;
	/* Page by page: no (multi-size) THP rounding the growth up. */
	madvise(region, PAGES * psz, MADV_NOHUGEPAGE);
	printf("region %lx %lx\nready\n", (unsigned long)region,
	       (unsigned long)(region + PAGES * psz));
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin)) {
		n = strtoul(line, NULL, 10);
		for (i = 0; i < n && used < PAGES; i++, used++)
			region[used * psz] = 1;
		printf("ok\n");
		fflush(stdout);
	}
	return 0;
}
