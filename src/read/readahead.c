// SPDX-License-Identifier: GPL-2.0-or-later
/* A stream read one buffer ahead by a thread (see readahead.h). */
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
/*
 * Bytes read in place before the thread starts: most smaps files are a
 * few KiB, where starting a thread costs more than the overlap saves.
 */
#define RA_SYNC (256 * 1024)

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
	size_t off;			/* read from bufs[tail] so far */
	int err;
	bool done, stop;
	bool started;			/* the reader thread runs */
	size_t sync;			/* bytes read in place so far */
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
 * in wake-ups than the overlap saves). 0 at the end or on an error.
 */
static size_t fill(struct readahead *ra, struct ra_buf *b)
{
	size_t len = 0;
	ssize_t n;

	while (sizeof(b->data) - len >= 4096) {
		n = read_once(ra->fd, b->data + len, sizeof(b->data) - len);
		if (n < 0 && !len)
			ra->err = errno;	/* the bytes before it first */
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	return len;
}

static void *reader(void *arg)
{
	struct readahead *ra = arg;
	bool end = false;

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
		b->len = fill(ra, b);
		end = b->len == 0;
		pthread_mutex_lock(&ra->lock);
		ra->head++;
		pthread_cond_signal(&ra->filled);
		pthread_mutex_unlock(&ra->lock);
	}
	return NULL;
}

/* A read in place, while the file may yet turn out small. */
static ssize_t read_in_place(struct readahead *ra, char *out, size_t len)
{
	ssize_t n = read_once(ra->fd, out, len);

	if (n > 0)
		ra->sync += (size_t)n;
	else
		ra->done = true;
	return n;
}

static ssize_t ra_read(void *cookie, char *out, size_t len)
{
	struct readahead *ra = cookie;
	struct ra_buf *b;
	size_t n;

	if (ra->done)
		return 0;
	if (!ra->started && ra->sync < RA_SYNC)
		return read_in_place(ra, out, len);
	/* Without a thread, the rest is read in place too. */
	if (!ra->started &&
	    !(ra->started = !pthread_create(&ra->thread, NULL, reader, ra)))
		return read_in_place(ra, out, len);
	pthread_mutex_lock(&ra->lock);
	while (ra->head == ra->tail)
		pthread_cond_wait(&ra->filled, &ra->lock);
	pthread_mutex_unlock(&ra->lock);
	b = &ra->bufs[ra->tail % RA_BUFS];
	if (!b->len) {
		ra->done = true;
		if (ra->err) {
			errno = ra->err;
			return -1;
		}
		return 0;
	}
	n = b->len - ra->off < len ? b->len - ra->off : len;
	memcpy(out, b->data + ra->off, n);
	ra->off += n;
	if (ra->off == b->len) {
		ra->off = 0;
		pthread_mutex_lock(&ra->lock);
		ra->tail++;
		pthread_cond_signal(&ra->emptied);
		pthread_mutex_unlock(&ra->lock);
	}
	return (ssize_t)n;
}

static int ra_close(void *cookie)
{
	struct readahead *ra = cookie;

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
	return 0;
}

FILE *readahead_fdopen(int fd)
{
	static const cookie_io_functions_t io = {
		.read = ra_read,
		.close = ra_close,
	};
	struct readahead *ra = xcalloc(1, sizeof(*ra));
	FILE *f;

	ra->fd = fd;
	pthread_mutex_init(&ra->lock, NULL);
	pthread_cond_init(&ra->filled, NULL);
	pthread_cond_init(&ra->emptied, NULL);
	f = fopencookie(ra, "r", io);
	if (!f)
		ra_close(ra);
	return f;
}
