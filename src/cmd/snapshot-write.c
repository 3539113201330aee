// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writing a snapshot: a pax tar archive through libarchive's zstd filter,
 * into a temporary file beside the final name, renamed only once the
 * archive is complete and synced. A full disk or any other error unlinks
 * the temporary file: nothing partial ever carries the final name.
 *
 * Each entry's CRC-32 (of its whole content, holes as zeros; of its target
 * for a link; 0 for a directory) is noted as it is written, and the end
 * record lists them in the order of the entries (read/snapshot.h).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/archive-dl.h"
#include "lib/crc.h"
#include "lib/util.h"
#include "read/snapshot.h"

/*
 * libarchive's pax writer takes a sparse file's whole length through
 * archive_write_data() and skips the bytes of its holes unread; holes are
 * handed over from a reserved, never touched zero mapping, so a 256 GiB
 * pagemap costs a few thousand calls and no memory.
 */
#define HOLE_CHUNK ((size_t)64 << 20)

struct snap_writer {
	struct archive *a;
	char *path, *tmp;
	int fd;
	unsigned long entries;
	const void *zero;
	bool failed;
	FILE *sums;		/* "CRC NAME" of each entry, for the end */
	char *sumbuf;
	size_t sumlen;
	uint32_t crc;		/* of the entry being written */
};

/* libarchive's message, and the system's reason when it has one. */
static void fail(struct snap_writer *w, const char *what)
{
	const char *msg = archive_error_string(w->a);
	int e = archive_errno(w->a);

	if (!w->failed)
		warnx("%s: %s%s%s%s%s", w->path, what ? what : "",
		      what ? ": " : "", msg ? msg : strerror(errno),
		      msg && e > 0 ? ": " : "",
		      msg && e > 0 ? strerror(e) : "");
	w->failed = true;
}

struct snap_writer *snapw_open(const char *path)
{
	struct snap_writer *w;
	char *dup, *base;

	if (vms_archive_open() || crc_open())
		return NULL;
	w = xcalloc(1, sizeof(*w));
	dup = xstrdup(path);
	base = xstrdup(path);
	w->path = xstrdup(path);
	xasprintf(&w->tmp, "%s/.%s.XXXXXX", dirname(dup), basename(base));
	free(dup);
	free(base);
	w->fd = mkostemp(w->tmp, O_CLOEXEC);
	if (w->fd < 0) {
		warn("%s", w->path);
		free(w->tmp);
		free(w->path);
		free(w);
		return NULL;
	}
	w->sums = open_memstream(&w->sumbuf, &w->sumlen);
	if (!w->sums)
		err(VMS_EXIT_FAILURE, "open_memstream");
	w->a = archive_write_new();
	if (archive_write_set_format_pax(w->a) ||
	    archive_write_add_filter_zstd(w->a) ||
	    archive_write_set_bytes_in_last_block(w->a, 1) ||
	    archive_write_open_fd(w->a, w->fd)) {
		fail(w, NULL);
		snapw_abort(w);
		return NULL;
	}
	return w;
}

static struct archive_entry *entry(const char *name, unsigned int type,
				   unsigned int perm, uint64_t size)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, perm);
	archive_entry_set_size(e, (la_int64_t)size);
	return e;
}

static int put_header(struct snap_writer *w, struct archive_entry *e)
{
	int rc = archive_write_header(w->a, e);

	archive_entry_free(e);
	if (rc < ARCHIVE_WARN) {
		fail(w, NULL);
		return -1;
	}
	w->entries++;
	w->crc = 0;
	return 0;
}

/* The entry is written: its CRC into the list of the end record. */
static int put_sum(struct snap_writer *w, const char *name)
{
	fprintf(w->sums, "%08" PRIx32 " %s\n", w->crc, name);
	return 0;
}

static int put_data(struct snap_writer *w, const void *buf, size_t len)
{
	w->crc = crc_data(w->crc, buf, len);
	while (len) {
		la_ssize_t n = archive_write_data(w->a, buf, len);

		if (n <= 0) {
			fail(w, NULL);
			return -1;
		}
		buf = (const char *)buf + n;
		len -= (size_t)n;
	}
	return 0;
}

int snapw_file(struct snap_writer *w, const char *name, const void *buf,
	       size_t len)
{
	if (w->failed ||
	    put_header(w, entry(name, AE_IFREG, 0444, len)) ||
	    put_data(w, buf, len))
		return -1;
	return put_sum(w, name);
}

int snapw_dir(struct snap_writer *w, const char *name)
{
	if (w->failed || put_header(w, entry(name, AE_IFDIR, 0555, 0)))
		return -1;
	return put_sum(w, name);
}

int snapw_link(struct snap_writer *w, const char *name, const char *target)
{
	struct archive_entry *e = entry(name, AE_IFLNK, 0777, 0);

	if (w->failed) {
		archive_entry_free(e);
		return -1;
	}
	archive_entry_set_symlink(e, target);
	if (put_header(w, e))
		return -1;
	w->crc = crc_data(0, target, strlen(target));
	return put_sum(w, name);
}

static int put_hole(struct snap_writer *w, uint64_t len)
{
	if (!w->zero) {
		w->zero = mmap(NULL, HOLE_CHUNK, PROT_READ, MAP_PRIVATE |
			       MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (w->zero == MAP_FAILED) {
			w->zero = NULL;
			fail(w, "mmap");
			return -1;
		}
	}
	w->crc = crc_zeros(w->crc, len);
	while (len) {
		size_t n = len > HOLE_CHUNK ? HOLE_CHUNK : (size_t)len;
		la_ssize_t r = archive_write_data(w->a, w->zero, n);

		if (r < 0) {
			fail(w, NULL);
			return -1;
		}
		len -= n;
	}
	return 0;
}

int snapw_sparse(struct snap_writer *w, const char *name, uint64_t size,
		 const struct snap_run *runs, size_t nruns, const void *data)
{
	struct archive_entry *e = entry(name, AE_IFREG, 0444, size);
	const char *p = data;
	uint64_t pos = 0;
	size_t i;

	for (i = 0; i < nruns; i++)
		archive_entry_sparse_add_entry(e, (la_int64_t)runs[i].off,
					       (la_int64_t)runs[i].len);
	if (w->failed || put_header(w, e))
		return -1;
	for (i = 0; i < nruns; i++) {
		if (put_hole(w, runs[i].off - pos) ||
		    put_data(w, p, runs[i].len))
			return -1;
		p += runs[i].len;
		pos = runs[i].off + runs[i].len;
	}
	if (put_hole(w, size - pos))
		return -1;
	return put_sum(w, name);
}

int snapw_stream(struct snap_writer *w, const char *name, int fd,
		 uint64_t size)
{
	static char buf[1 << 20];
	uint64_t pos = 0;

	if (w->failed || put_header(w, entry(name, AE_IFREG, 0444, size)))
		return -1;
	while (pos < size) {
		size_t want = size - pos > sizeof(buf) ? sizeof(buf) :
			      (size_t)(size - pos);
		ssize_t n = pread(fd, buf, want, (off_t)pos);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {	/* memory went away: the rest reads 0 */
			memset(buf, 0, want);
			n = (ssize_t)want;
		}
		if (put_data(w, buf, (size_t)n))
			return -1;
		pos += (uint64_t)n;
	}
	return put_sum(w, name);
}

static void writer_free(struct snap_writer *w)
{
	if (w->zero)
		munmap((void *)w->zero, HOLE_CHUNK);
	archive_write_free(w->a);
	if (w->sums)
		fclose(w->sums);
	free(w->sumbuf);
	if (w->fd >= 0)
		close(w->fd);
	free(w->tmp);
	free(w->path);
	free(w);
}

void snapw_abort(struct snap_writer *w)
{
	if (w->a)
		archive_write_fail(w->a);
	unlink(w->tmp);
	writer_free(w);
}

/*
 * The end record: "entries N", each entry's "CRC NAME" in order, and
 * "sum CRC" of the lines before it.
 */
static int put_end(struct snap_writer *w)
{
	char *end = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&end, &len);
	int rc;

	if (!f || fflush(w->sums) || ferror(w->sums))
		err(VMS_EXIT_FAILURE, "open_memstream");
	fprintf(f, "entries %lu\n", w->entries);
	fwrite(w->sumbuf, 1, w->sumlen, f);
	fflush(f);
	fprintf(f, "sum %08" PRIx32 "\n", crc_data(0, end, len));
	if (fclose(f))
		err(VMS_EXIT_FAILURE, "open_memstream");
	rc = snapw_file(w, "end", end, len);
	free(end);
	return rc;
}

int snapw_commit(struct snap_writer *w)
{
	if (put_end(w))
		goto out;
	if (archive_write_close(w->a) != ARCHIVE_OK) {
		fail(w, NULL);
		goto out;
	}
	if (fsync(w->fd) || close(w->fd)) {
		w->fd = -1;
		warn("%s", w->path);
		goto out;
	}
	w->fd = -1;
	if (rename(w->tmp, w->path)) {
		warn("%s", w->path);
		goto out;
	}
	writer_free(w);
	return 0;
out:
	snapw_abort(w);
	return -1;
}
