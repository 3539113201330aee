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
#define RA_SIZE (64 * 1024)

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
};

static size_t fill(struct readahead *ra, struct ra_buf *b)
{
	ssize_t n;

	do
		n = read(ra->fd, b->data, sizeof(b->data));
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		ra->err = errno;
		return 0;
	}
	return (size_t)n;
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

static ssize_t ra_read(void *cookie, char *out, size_t len)
{
	struct readahead *ra = cookie;
	struct ra_buf *b;
	size_t n;

	if (ra->done)
		return 0;
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

	pthread_mutex_lock(&ra->lock);
	ra->stop = true;
	pthread_cond_signal(&ra->emptied);
	pthread_mutex_unlock(&ra->lock);
	pthread_join(ra->thread, NULL);
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
	if (pthread_create(&ra->thread, NULL, reader, ra)) {
		close(fd);
		free(ra);
		return NULL;
	}
	f = fopencookie(ra, "r", io);
	if (!f)
		ra_close(ra);
	return f;
}
