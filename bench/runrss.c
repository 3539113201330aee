/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * runrss: run a command (its output to /dev/null) and print its wall time,
 * its user and system CPU time in seconds and its peak RSS in KiB
 * (ru_maxrss of the child and its waited-for descendants):
 * "WALL KIB USER SYS".
 * Exit status: the command's, or 127 when it could not be run.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double tv(struct timeval t)
{
	return (double)t.tv_sec + t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, fd;
	pid_t pid;

	if (argc < 2) {
		fputs("usage: runrss COMMAND [ARG...]\n", stderr);
		return 64;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0)
		return 127;
	if (pid == 0) {
		fd = open("/dev/null", O_WRONLY);
		if (fd >= 0)
			dup2(fd, 1);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return 127;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.6f %ld %.6f %.6f\n", (double)(t1.tv_sec - t0.tv_sec) +
	       (t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss,
	       tv(ru.ru_utime), tv(ru.ru_stime));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
