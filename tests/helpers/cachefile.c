/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cachefile: a file with known cached ranges, for the page cache tests.
 *
 *	cachefile [OPTIONS] FILE PAGES
 *
 * Writes PAGES pages to FILE, fsyncs it and drops that file alone from the
 * cache (POSIX_FADV_DONTNEED), then, in the order given:
 *	-r A-B	reads pages [A, B) back (pread)
 *	-d A-B	writes pages [A, B) again, without fsync: dirty
 *	-m	maps the file and touches its resident pages (mincore)
 *	-l A-B	with -m, mlocks pages [A, B) (read them first)
 *	-u	unlinks FILE (the descriptor stays open)
 *	-M	a memfd named FILE instead of a file (no fsync, no drop)
 * and prints "resident N" (mincore's count), "map START END" with -m,
 * "pid PID" and "ready", then holds everything until stdin closes.
 * Test program only: never installed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static long psz;
static int fd = -1;
static size_t npages;
static char *map;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void range(const char *s, size_t *a, size_t *b)
{
	if (sscanf(s, "%zu-%zu", a, b) != 2 || *a > *b || *b > npages) {
		fprintf(stderr, "cachefile: bad range '%s'\n", s);
		exit(2);
	}
}

static void make(const char *name, int memfd)
{
	char *buf = malloc((size_t)psz);
	size_t i;

	fd = memfd ? memfd_create(name, 0) :
		     open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || !buf)
		die(name);
	for (i = 0; i < npages; i++) {
		memset(buf, (int)(i & 0xff) | 1, (size_t)psz);
		if (pwrite(fd, buf, (size_t)psz, (off_t)i * psz) != psz)
			die("write");
	}
	free(buf);
	if (memfd)
		return;
	if (fsync(fd))
		die("fsync");
	/* this file alone; then no readahead: the reads give exact ranges */
	if (posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) ||
	    posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM))
		die("fadvise");
}

static void io(int write, size_t a, size_t b)
{
	char *buf = malloc((size_t)psz);
	size_t i;

	for (i = a; i < b; i++) {
		ssize_t n = write ? pwrite(fd, memset(buf, 0x5a, (size_t)psz),
					   (size_t)psz, (off_t)i * psz) :
				    pread(fd, buf, (size_t)psz, (off_t)i * psz);
		if (n != psz)
			die(write ? "pwrite" : "pread");
	}
	free(buf);
}

static size_t resident(void)
{
	size_t len = npages * (size_t)psz, i, n = 0;
	unsigned char *vec = malloc(npages + 1);
	void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED || !vec || mincore(p, len, vec))
		die("mincore");
	for (i = 0; i < npages; i++)
		n += vec[i] & 1;
	munmap(p, len);
	free(vec);
	return n;
}

static void do_map(void)
{
	size_t len = npages * (size_t)psz, i;
	unsigned char *vec = malloc(npages + 1);

	map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED || !vec || mincore(map, len, vec))
		die("mmap");
	for (i = 0; i < npages; i++)
		if (vec[i] & 1)
			(void)*(volatile char *)(map + i * (size_t)psz);
	free(vec);
}

int main(int argc, char **argv)
{
	const char *ops = "r:d:ml:uM";
	size_t a, b;
	int c, memfd = 0;
	char line[64];

	psz = sysconf(_SC_PAGESIZE);
	/* first pass: the file and -M; the second does the rest in order */
	while ((c = getopt(argc, argv, ops)) != -1)
		if (c == 'M')
			memfd = 1;
		else if (c == '?')
			return 2;
	if (optind + 2 != argc)
		return 2;
	npages = strtoul(argv[optind + 1], NULL, 10);
	make(argv[optind], memfd);
	optind = 1;
	while ((c = getopt(argc, argv, ops)) != -1) {
		if (c == 'r' || c == 'd' || c == 'l')
			range(optarg, &a, &b);
		if (c == 'r' || c == 'd')
			io(c == 'd', a, b);
		else if (c == 'm')
			do_map();
		else if (c == 'l' && (!map || mlock(map + a * (size_t)psz,
						    (b - a) * (size_t)psz)))
			die("mlock");
		else if (c == 'u' && unlink(argv[argc - 2]))
			die("unlink");
	}
	printf("resident %zu\n", resident());
	if (map)
		printf("map %lx %lx\n", (unsigned long)map,
		       (unsigned long)(map + npages * (size_t)psz));
	printf("pid %d\nready\n", (int)getpid());
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin))
		;
	return 0;
}
