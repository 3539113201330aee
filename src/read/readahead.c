// SPDX-License-Identifier: GPL-2.0-or-later
/* A file read one buffer ahead by a thread (see readahead.h). */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/readahead.h"

#define RA_BUFS 4
#define RA_SIZE (256 * 1024)

struct ra_buf {
	char data[RA_SIZE];
	size_t len;
};

/*
 * The reader fills bufs[head % RA_BUFS] while fewer than RA_BUFS are
 * full; the parser takes bufs[tail % RA_BUFS]. A buffer of length 0 is
 * the end (err: 0, or the errno of the failed read).
 */
struct readahead {
	int fd;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t filled, emptied;
	struct ra_buf bufs[RA_BUFS];
	unsigned long head, tail;
	int err;
	bool done, stop;
	bool started;			/* the reader thread runs */
	bool in_place;			/* bufs[0] was filled in place */
	bool eof;			/* ... and the file ended there */
	bool lent;			/* bufs[tail] is lent to the caller */
};

/* One read, again when a signal interrupted it. */
static ssize_t read_once(int fd, char *out, size_t len)
{
	ssize_t n;

	do
		n = read(fd, out, len);
	while (n < 0 && errno == EINTR);
	return n;
}

/*
 * Fill b: procfs hands out about a page per read, so reads are repeated
 * until the buffer is nearly full (a hand-over per page would cost more
 * in wake-ups than the overlap saves). 0 at the end or on an error;
 * *ended when a read said the file ends.
 */
static size_t fill(struct readahead *ra, struct ra_buf *b, bool *ended)
{
	size_t len = 0;
	ssize_t n;

	*ended = false;
	while (sizeof(b->data) - len >= 4096) {
		n = read_once(ra->fd, b->data + len, sizeof(b->data) - len);
		if (n < 0 && !len)
			ra->err = errno;	/* the bytes before it first */
		*ended = n == 0;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	return len;
}

static void *reader(void *arg)
{
	struct readahead *ra = arg;
	bool end = false, ended;

	while (!end) {
		struct ra_buf *b;

		pthread_mutex_lock(&ra->lock);
		while (ra->head - ra->tail == RA_BUFS && !ra->stop)
			pthread_cond_wait(&ra->emptied, &ra->lock);
		if (ra->stop) {
			pthread_mutex_unlock(&ra->lock);
			break;
		}
		b = &ra->bufs[ra->head % RA_BUFS];
		pthread_mutex_unlock(&ra->lock);
		/* Only this thread touches a buffer between head and the
		 * parser's tail + RA_BUFS. */
		b->len = fill(ra, b, &ended);
		end = b->len == 0;
		pthread_mutex_lock(&ra->lock);
		ra->head++;
		pthread_cond_signal(&ra->filled);
		pthread_mutex_unlock(&ra->lock);
	}
	return NULL;
}

/* The end: 0, or -1 with errno of the read that failed. */
static ssize_t end_of(struct readahead *ra)
{
	ra->done = true;
	if (ra->err) {
		errno = ra->err;
		return -1;
	}
	return 0;
}

/* bufs[0] filled in place: no thread (yet). */
static ssize_t in_place(struct readahead *ra, char **p)
{
	struct ra_buf *b = &ra->bufs[0];

	/* An error after some bytes: the next read meets it again. */
	b->len = fill(ra, b, &ra->eof);
	if (!b->len)
		return end_of(ra);
	*p = b->data;
	return (ssize_t)b->len;
}

/*
 * The first buffer, filled in place: a file that ends in it (most smaps
 * files are a few KiB) is read without a thread. Else that buffer is the
 * first of the ring, lent to the caller, and the thread starts on the
 * next at once, while the caller parses this one. Without a thread, the
 * rest is read in place too.
 */
static ssize_t first_in_place(struct readahead *ra, char **p)
{
	ssize_t n = in_place(ra, p);

	ra->in_place = true;
	if (n <= 0 || ra->eof)
		return n;
	/* No thread yet: nothing to lock. */
	ra->head = 1;
	ra->lent = true;
	ra->started = !pthread_create(&ra->thread, NULL, reader, ra);
	if (!ra->started) {
		ra->head = 0;
		ra->lent = false;
	}
	return n;
}

/* Give bufs[tail] back to the reader thread. */
static void give_back(struct readahead *ra)
{
	if (!ra->lent)
		return;
	ra->lent = false;
	pthread_mutex_lock(&ra->lock);
	ra->tail++;
	pthread_cond_signal(&ra->emptied);
	pthread_mutex_unlock(&ra->lock);
}

ssize_t readahead_next(struct readahead *ra, char **p)
{
	struct ra_buf *b;

	if (ra->done)
		return 0;
	if (!ra->in_place)
		return first_in_place(ra, p);
	if (!ra->started)
		return ra->eof ? end_of(ra) : in_place(ra, p);
	give_back(ra);
	pthread_mutex_lock(&ra->lock);
	while (ra->head == ra->tail)
		pthread_cond_wait(&ra->filled, &ra->lock);
	pthread_mutex_unlock(&ra->lock);
	b = &ra->bufs[ra->tail % RA_BUFS];
	if (!b->len)
		return end_of(ra);
	ra->lent = true;
	*p = b->data;
	return (ssize_t)b->len;
}

void readahead_free(struct readahead *ra)
{
	if (!ra)
		return;
	if (ra->started) {
		pthread_mutex_lock(&ra->lock);
		ra->stop = true;
		pthread_cond_signal(&ra->emptied);
		pthread_mutex_unlock(&ra->lock);
		pthread_join(ra->thread, NULL);
	}
	close(ra->fd);
	pthread_cond_destroy(&ra->filled);
	pthread_cond_destroy(&ra->emptied);
	pthread_mutex_destroy(&ra->lock);
	free(ra);
}

struct readahead *readahead_new(int fd)
{
	struct readahead *ra = xcalloc(1, sizeof(*ra));

	ra->fd = fd;
	pthread_mutex_init(&ra->lock, NULL);
	pthread_cond_init(&ra->filled, NULL);
	pthread_cond_init(&ra->emptied, NULL);
	return ra;
}
