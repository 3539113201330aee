/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * manyvmas N: N small VMAs side by side for the read-ahead of pagemap
 * (src/read/pagemap.c): pages of 1 to 3 VMA-sized runs, alternately written
 * read-write and read-only never touched, with a hole every 7th run.
 * Prints "ready" and waits until stdin closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 4000, psz = sysconf(_SC_PAGESIZE);
	size_t len = (size_t)(3 * n) * (size_t)psz, off = 0;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char c;

	if (p == MAP_FAILED || n < 1)
		return 1;
	for (long i = 0; i < n; i++) {
		size_t run = (size_t)(i % 3 + 1) * (size_t)psz;

		if (i % 7 == 6)
			munmap(p + off, run);
		else if (i % 2)
			mprotect(p + off, run, PROT_READ);
		else
			for (size_t k = 0; k < run; k += (size_t)psz)
				p[off + k] = 1;
		off += run;
	}
	printf("ready\n");
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	return 0;
}
