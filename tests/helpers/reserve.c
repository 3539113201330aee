/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * reserve: what ASan and other runtimes do: reserve GIB GiB with
 * PROT_NONE, then make 16 MiB in its middle writable and write it. Prints
 *	reserve START END	(the whole reservation)
 *	written START END
 *	ready
 * then waits until stdin closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t gib = argc > 1 ? strtoul(argv[1], NULL, 10) : 1024;
	size_t len = gib << 30, mid = 16UL << 20;
	char buf[64], *p, *w;

	p = mmap(NULL, len, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	w = p + len / 2;
	if (mprotect(w, mid, PROT_READ | PROT_WRITE)) {
		perror("mprotect");
		return 1;
	}
	memset(w, 0x5a, mid);
	printf("reserve %lx %lx\nwritten %lx %lx\nready\n", (unsigned long)p,
	       (unsigned long)(p + len), (unsigned long)w,
	       (unsigned long)(w + mid));
	fflush(stdout);
	while (read(0, buf, sizeof(buf)) > 0)
		;
	return 0;
}
