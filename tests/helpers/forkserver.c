// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A forked server for the grouping tests: a parent and -w workers of one
 * executable, like a pre-forking web or database server. The parent
 * writes -c KiB before it forks (copy-on-write pages the workers share),
 * maps -s KiB of shared memory (shmem) all of them touch, and each process
 * writes -a KiB of its own. Prints "worker PID" per worker, then "ready";
 * all of them exit when standard input closes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

static void *region(size_t kib, int flags)
{
	void *p = mmap(NULL, kib * 1024, PROT_READ | PROT_WRITE,
		       MAP_ANONYMOUS | flags, -1, 0);

	if (p == MAP_FAILED) {
		perror("forkserver: mmap");
		exit(1);
	}
	return p;
}

static void touch(char *p, size_t kib, int c)
{
	memset(p, c, kib * 1024);
}

/* Until standard input closes. */
static void wait_stdin(void)
{
	char buf[64];

	while (read(0, buf, sizeof(buf)) > 0 || errno == EINTR)
		errno = 0;
}

int main(int argc, char **argv)
{
	size_t workers = 3, own = 512, cow = 1024, shared = 256, i;
	int ready[2], opt;
	char *cowp, *shp, c;

	while ((opt = getopt(argc, argv, "w:a:c:s:")) != -1) {
		size_t v = strtoul(optarg, NULL, 0);

		if (opt == 'w')
			workers = v;
		else if (opt == 'a')
			own = v;
		else if (opt == 'c')
			cow = v;
		else if (opt == 's')
			shared = v;
		else
			return 2;
	}
	cowp = region(cow, MAP_PRIVATE);
	touch(cowp, cow, 1);
	shp = region(shared, MAP_SHARED);
	touch(shp, shared, 2);
	if (pipe(ready))
		return 1;
	for (i = 0; i < workers; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (!pid) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(ready[0]);
			touch(region(own, MAP_PRIVATE), own, 3);
			touch(shp, shared, 4);
			if (write(ready[1], "x", 1) != 1)
				_exit(1);
			wait_stdin();
			_exit(0);
		}
		printf("worker %d\n", (int)pid);
	}
	close(ready[1]);
	touch(region(own, MAP_PRIVATE), own, 5);
	for (i = 0; i < workers; i++)
		if (read(ready[0], &c, 1) != 1)
			return 1;
	printf("ready\n");
	fflush(stdout);
	wait_stdin();
	while (wait(NULL) > 0)
		;
	return 0;
}
