/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hostile: a process whose names an attacker chose. It maps a file, made
 * in DIR, whose name holds terminal escape sequences (ESC ] 0 ; ... BEL,
 * ESC [ 2 J), a newline and a byte that is not UTF-8, reads its page, and
 * sets its own name (PR_SET_NAME) to the same kind of bytes. Prints
 *	file START END
 *	ready
 * then waits until stdin closes.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define NAME "evil\033]0;pwned\007\033[2J\nline\xff\xc2\x9b" "31m"
#define COMM "c\033[2J\n\033]0;x\007"

int main(int argc, char **argv)
{
	char path[4096], buf[64];
	long psz = sysconf(_SC_PAGESIZE);
	volatile char *p;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: hostile DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/%s", argv[1], NAME);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	memset(buf, 'x', sizeof(buf));
	if (fd < 0 || pwrite(fd, buf, sizeof(buf), 0) != sizeof(buf) ||
	    ftruncate(fd, psz)) {
		perror(path);
		return 1;
	}
	p = mmap(NULL, (size_t)psz, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	(void)p[0];
	prctl(PR_SET_NAME, (unsigned long)COMM, 0, 0, 0);
	printf("file %lx %lx\nready\n", (unsigned long)p,
	       (unsigned long)p + (unsigned long)psz);
	fflush(stdout);
	while (read(0, buf, sizeof(buf)) > 0)
		;
	return 0;
}
