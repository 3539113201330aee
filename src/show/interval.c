// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --interval: samples taken at a fixed rate (absolute deadlines, so a
 * slow sample does not push the next ones back), written where they go:
 * a terminal is redrawn in place (intervalterm.c), a pipe gets each
 * sample whole with its TIME, -J one compact JSON document per line.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/util.h"
#include "show/interval.h"
#include "show/intervalterm.h"

void vms_interval_columns(const struct vms_interval *iv,
			  const struct vms_opts *o, struct colsel *sel,
			  const int *ids, size_t n)
{
	size_t i;

	if (!iv->seconds || o->columns || o->output_all)
		return;
	for (i = 0; i < n; i++)
		if (!colsel_has(sel, ids[i]))
			colsel_add(sel, ids[i]);
}

static volatile sig_atomic_t stop, resized;
/* The time of the sample being written: the TIME column's text. */
static char sample_now[32];

void vms_interval_prepare(const struct vms_interval *iv, struct vms_opts *o)
{
	if (iv->seconds && !(isatty(STDOUT_FILENO) &&
			     o->mode == VMS_MODE_TABLE))
		o->sample_time = sample_now;
}

static void on_signal(int sig)
{
	if (sig == SIGWINCH)
		resized = 1;
	else
		stop = 1;
}

/* No SA_RESTART: a signal ends the wait for the next sample at once. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
}

static void stamp(struct vms_sample *s)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(s->time, sizeof(s->time), "%Y-%m-%dT%H:%M:%S", &tm);
	memcpy(sample_now, s->time, sizeof(sample_now));
}

static void advance(struct timespec *next, double seconds)
{
	next->tv_sec += (time_t)seconds;
	next->tv_nsec += (long)((seconds - (double)(long)seconds) * 1e9);
	if (next->tv_nsec >= 1000000000L) {
		next->tv_sec++;
		next->tv_nsec -= 1000000000L;
	}
}

/* Sleep until next: 0 there, 1 the terminal was resized first, -1 stop. */
static int sleep_until(const struct timespec *next)
{
	for (;;) {
		if (stop)
			return -1;
		if (resized) {
			resized = 0;
			return 1;
		}
		if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, next,
				    NULL) != EINTR)
			return 0;
	}
}

/* A sample written into memory: for the terminal and for NDJSON. */
static int capture(struct vms_opts *o, vms_sample_fn fn, void *arg,
		   const struct vms_sample *s, char **buf, size_t *len)
{
	FILE *real = stdout, *mem = open_memstream(buf, len);
	int rc;

	if (!mem)
		return VMS_EXIT_FAILURE;
	stdout = mem;
	rc = fn(arg, s);
	fclose(mem);
	stdout = real;
	return rc;
}

/*
 * libsmartcols writes JSON over several lines: a newline and the indent
 * after it are never inside a string (a string's newline is \n), so
 * dropping them leaves the same document on one line.
 */
static void write_compact(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] != '\n') {
			putchar(buf[i]);
			continue;
		}
		while (i + 1 < len && buf[i + 1] == ' ')
			i++;
	}
	putchar('\n');
}

struct run {
	const struct vms_interval *iv;
	struct vms_opts *o;
	vms_sample_fn fn;
	void *arg;
	bool tty;
	char *last;		/* the terminal's last sample, for a resize */
	size_t lastlen;
	char head[128];
};

static int sample(struct run *r, const struct vms_sample *s)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (!r->tty && r->o->mode != VMS_MODE_JSON) {
		rc = r->fn(r->arg, s);
		fflush(stdout);
		return rc;
	}
	rc = capture(r->o, r->fn, r->arg, s, &buf, &len);
	if (r->tty) {
		snprintf(r->head, sizeof(r->head), "%s  every %gs  sample %lu",
			 s->time, r->iv->seconds, s->n + 1);
		free(r->last);
		r->last = buf;
		r->lastlen = len;
		term_draw(r->head, buf, len);
		return rc;
	}
	write_compact(buf, len);
	free(buf);
	fflush(stdout);
	return rc;
}

int vms_interval_run(const struct vms_interval *iv, struct vms_opts *o,
		     vms_sample_fn fn, void *arg)
{
	struct run r = { iv, o, fn, arg, false, NULL, 0, "" };
	struct vms_sample s = { 0, "" };
	struct timespec next;
	int rc;

	if (!iv->seconds)
		return fn(arg, &s);
	r.tty = isatty(STDOUT_FILENO) && o->mode == VMS_MODE_TABLE &&
		!term_open();
	/* Each sample whole, with its time; on a terminal the header says. */
	o->sample_time = r.tty ? NULL : sample_now;
	catch_signals();
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (;;) {
		int w;

		stamp(&s);
		rc = sample(&r, &s);
		if (rc || stop || ferror(stdout) ||
		    (iv->count && s.n + 1 >= iv->count))
			break;
		s.n++;
		advance(&next, iv->seconds);
		while ((w = sleep_until(&next)) == 1)
			if (r.tty)
				term_draw(r.head, r.last, r.lastlen);
		if (w < 0)
			break;
	}
	if (r.tty)
		term_close();
	free(r.last);
	return rc;
}
