// SPDX-License-Identifier: GPL-2.0-or-later
/* The textfile of node_exporter: read back, and replaced atomically. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "show/textfile.h"

#define PREV_MAX (64UL << 20)

/* Read up to len bytes (a short read is the end of the file). */
static ssize_t read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (!n)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

void textfile_read_prev(const char *path, struct textfile_prev *p)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	ssize_t n;

	memset(p, 0, sizeof(*p));
	if (fd < 0) {
		if (errno != ENOENT)
			warn("%s: previous file not read", path);
		return;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    (unsigned long)st.st_size > PREV_MAX) {
		warnx("%s: previous file not read: not a regular file of at "
		      "most 64 MiB", path);
		close(fd);
		return;
	}
	p->text = xmalloc((size_t)st.st_size + 1);
	n = read_all(fd, p->text, (size_t)st.st_size);
	close(fd);
	if (n < 0) {
		warn("%s: previous file not read", path);
		textfile_prev_free(p);
		return;
	}
	p->len = (size_t)n;
	p->text[p->len] = '\0';
}

void textfile_prev_free(struct textfile_prev *p)
{
	free(p->text);
	memset(p, 0, sizeof(*p));
}

/* The next line of the text from *at: its start and length, or NULL. */
static const char *next_line(const struct textfile_prev *p, size_t *at,
			     size_t *len)
{
	const char *s, *nl;

	if (!p->text || *at >= p->len)
		return NULL;
	s = p->text + *at;
	nl = memchr(s, '\n', p->len - *at);
	*len = nl ? (size_t)(nl - s) : p->len - *at;
	*at += *len + (nl ? 1 : 0);
	return s;
}

static bool starts(const char *s, size_t len, const char *with)
{
	size_t n = strlen(with);

	return len >= n && !memcmp(s, with, n);
}

uint64_t textfile_prev_value(const struct textfile_prev *p, const char *name,
			     const char *label, const char *value)
{
	char *want, *end;
	const char *s;
	size_t at = 0, len, n;
	uint64_t v = 0;

	n = (size_t)xasprintf(&want, "%s{%s=\"%s\"} ", name, label, value);
	while ((s = next_line(p, &at, &len))) {
		char num[32];

		if (!starts(s, len, want) || len - n >= sizeof(num))
			continue;
		memcpy(num, s + n, len - n);
		num[len - n] = '\0';
		errno = 0;
		v = strtoull(num, &end, 10);
		if (errno || end == num || *end)
			v = 0;
		break;
	}
	free(want);
	return v;
}

/* The metric name a line is about: its sample, or its # HELP / # TYPE. */
static bool line_has_prefix(const char *s, size_t len, const char *prefix)
{
	if (starts(s, len, "# HELP "))
		return starts(s + 7, len - 7, prefix);
	if (starts(s, len, "# TYPE "))
		return starts(s + 7, len - 7, prefix);
	return starts(s, len, prefix);
}

size_t textfile_copy_prefix(const struct textfile_prev *p, const char *prefix,
			    FILE *out)
{
	const char *s;
	size_t at = 0, len, n = 0;

	while ((s = next_line(p, &at, &len))) {
		if (!line_has_prefix(s, len, prefix))
			continue;
		fwrite(s, 1, len, out);
		fputc('\n', out);
		n++;
	}
	return n;
}

/* The new file's contents, durable before it takes the old one's place. */
static int fill_tmp(int fd, const char *buf, size_t len)
{
	if (fchmod(fd, 0644) || write_all(fd, buf, len) || fsync(fd))
		return -1;
	return 0;
}

/* After the rename: the directory entry itself made durable. */
static void sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

int textfile_commit(const char *path, const char *buf, size_t len)
{
	char *tmp;
	int fd, rc = -1;

	/* Not ending in .prom: the collector never reads it. */
	xasprintf(&tmp, "%s.tmp.XXXXXX", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		warn("%s", tmp);
		free(tmp);
		return -1;
	}
	if (fill_tmp(fd, buf, len) | close(fd))
		warn("%s", tmp);
	else if (rename(tmp, path))
		warn("%s: cannot replace it", path);
	else
		rc = 0;
	if (rc)
		unlink(tmp);
	else
		sync_dir(path);
	free(tmp);
	return rc;
}
