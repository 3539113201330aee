// SPDX-License-Identifier: GPL-2.0-or-later
/* Standard output at exit, and a closed pipe (closeout.h). */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/closeout.h"
#include "lib/util.h"

/*
 * The reader of the pipe on stdout has gone: the kernel reports POLLERR
 * on the write end then (errno may have been overwritten since EPIPE).
 */
static bool reader_gone(void)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

static void close_stdout(void)
{
	bool failed = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;

	if (failed && (e == EPIPE || reader_gone()))
		_exit(VMS_EXIT_OK);
	if (!failed && fclose(stdout) == 0)
		return;
	if (errno == EPIPE)
		_exit(VMS_EXIT_OK);
	warn("write error");
	_exit(VMS_EXIT_FAILURE);
}

void closeout_init(void)
{
	signal(SIGPIPE, SIG_IGN);
	atexit(close_stdout);
}

void closeout_check(void)
{
	if (ferror(stdout))
		exit(VMS_EXIT_FAILURE);	/* close_stdout() tells which */
}
