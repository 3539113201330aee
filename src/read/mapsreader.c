// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maps and smaps reader: a file's records one at a time, from a
 * stream (a --maps-file, bounded memory whatever its size) or whole for a
 * process. Lines are cut from 64 KiB chunks with memchr; a line parses
 * as maps.c says.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "read/maps.h"
#include "read/readahead.h"

struct maps_reader {
	FILE *f;
	char *fname;
	char *chunk;		/* bytes read from f, lines cut by memchr */
	size_t cpos, clen;
	char *line;		/* the line cut from chunk */
	size_t cap;
	ssize_t len;		/* bytes of a line read but not used, or -1 */
	unsigned long lineno;
	bool crlf;		/* the first line ended in CR LF */
	struct vma cur;
	bool have_cur;
	bool smaps;
	enum maps_layout layout;
	char *error;
	int io_err;		/* errno of a failed read, 0 otherwise */
	bool lenient;		/* bad lines are warnings, and skipped */
	unsigned long nbad;	/* lines skipped */
	unsigned long nrec;	/* records returned */
};

struct maps_reader *maps_reader_new(FILE *f, const char *fname)
{
	struct maps_reader *r = xcalloc(1, sizeof(*r));

	r->f = f;
	r->fname = xstrdup(fname);
	r->len = -1;
	return r;
}

void maps_reader_free(struct maps_reader *r)
{
	if (!r)
		return;
	if (r->have_cur)
		vma_clear(&r->cur);
	free(r->chunk);
	free(r->line);
	free(r->fname);
	free(r->error);
	free(r);
}

const char *maps_reader_error(const struct maps_reader *r)
{
	return r->error ? r->error : "no error";
}

int maps_reader_is_smaps(const struct maps_reader *r)
{
	return r->smaps;
}

enum maps_layout maps_reader_layout(const struct maps_reader *r)
{
	return r->layout;
}

static int reader_fail(struct maps_reader *r, const char *why)
{
	free(r->error);
	xasprintf(&r->error, "%s:%lu: %s", r->fname, r->lineno, why);
	return -1;
}

/*
 * The kernel pads the prefix to 72 columns on 64-bit and 48 on 32-bit,
 * then writes one space: a name at column 73 or 49 tells which.
 */
static void learn_layout(struct maps_reader *r, const struct vma *v)
{
	size_t col, prefix;

	if (r->layout != MAPS_LAYOUT_UNKNOWN || !v->name)
		return;
	col = (size_t)(v->name - r->line);
	prefix = (size_t)snprintf(NULL, 0, "%08" PRIx64 "-%08" PRIx64
				  " rwxp %08" PRIx64 " %02x:%02x %" PRIu64 " ",
				  v->start, v->end, v->offset, v->major,
				  v->minor, v->inode);
	if (prefix <= 48 && col == 49)
		r->layout = MAPS_LAYOUT_32;
	else if (prefix <= 72 && col == 73)
		r->layout = MAPS_LAYOUT_64;
}

/* Parse the header in r->line into r->cur, copying the name out. */
static int reader_header(struct maps_reader *r, size_t len)
{
	const char *why;
	struct vma *v = &r->cur;

	if (maps_parse_header(r->line, len, v, &why))
		return reader_fail(r, why);
	learn_layout(r, v);
	if (v->name)
		v->name = xmemdup(v->name, v->namelen);
	r->have_cur = true;
	return 0;
}

/*
 * No line the kernel writes comes near this: a PATH_MAX name with every
 * byte escaped is 16K. The cap keeps a file like /dev/zero (one endless
 * line) from taking all memory.
 */
#define MAPS_LINE_MAX (256 * 1024)

/*
 * A file with CRLF line endings (copied through another system): its
 * first line ends in CR LF, and then the CR before every LF is no data.
 * The kernel writes LF only, so a name of a real file that ends in CR
 * keeps it, unless it is on the first line.
 */
static void strip_cr(struct maps_reader *r, size_t *n, int ch)
{
	bool cr = ch == '\n' && *n && r->line[*n - 1] == '\r';

	if (!r->lineno)
		r->crlf = cr;
	if (cr && r->crlf)
		(*n)--;
}

#define MAPS_CHUNK (64 * 1024)

/* The next bytes of the file into chunk: 1, 0 at the end, -1 on error. */
static int chunk_fill(struct maps_reader *r)
{
	if (!r->chunk)
		r->chunk = xmalloc(MAPS_CHUNK);
	r->cpos = 0;
	r->clen = 0;
	/* The end is the end (stdio's own rule): no read after it. */
	if (feof(r->f))
		return 0;
	r->clen = fread(r->chunk, 1, MAPS_CHUNK, r->f);
	if (r->clen)
		return 1;
	if (!ferror(r->f))
		return 0;
	r->io_err = errno ? errno : EIO;
	free(r->error);
	xasprintf(&r->error, "%s: read error: %s", r->fname,
		  strerror(r->io_err));
	return -1;
}

/* Room in line for n bytes and a NUL: 0, or -1 past MAPS_LINE_MAX. */
static int line_room(struct maps_reader *r, size_t n)
{
	if (n + 1 <= r->cap)
		return 0;
	if (n + 1 > MAPS_LINE_MAX)
		return -1;
	while (r->cap < n + 1)
		r->cap = r->cap ? r->cap * 2 : 256;
	r->line = xrealloc(r->line, r->cap);
	return 0;
}

/*
 * The next line into r->line, without its newline: 1, 0 at the end, -1
 * on an error. Lines are cut with memchr from chunks of the file: a
 * character at a time through stdio cost as much as the kernel's own
 * generation of smaps.
 */
static int reader_getline(struct maps_reader *r)
{
	bool nl = false;
	size_t n = 0;

	if (r->len >= 0)
		return 1;
	errno = 0;
	while (!nl) {
		const char *p, *end;
		size_t take;
		int rc;

		if (r->cpos == r->clen && (rc = chunk_fill(r)) <= 0) {
			if (rc < 0)
				return -1;
			break;
		}
		p = r->chunk + r->cpos;
		end = memchr(p, '\n', r->clen - r->cpos);
		nl = end != NULL;
		take = nl ? (size_t)(end - p) : r->clen - r->cpos;
		if (line_room(r, n + take)) {
			r->lineno++;
			return reader_fail(r, "line too long");
		}
		memcpy(r->line + n, p, take);
		n += take;
		r->cpos += take + nl;
	}
	if (!nl && !n)
		return 0;
	strip_cr(r, &n, nl ? '\n' : EOF);
	if (!r->line)
		r->line = xmalloc(r->cap = 256);
	r->line[n] = '\0';
	r->len = (ssize_t)n;
	r->lineno++;
	return 1;
}

void maps_reader_set_lenient(struct maps_reader *r, bool on)
{
	r->lenient = on;
}

unsigned long maps_reader_skipped(const struct maps_reader *r)
{
	return r->nbad;
}

unsigned long maps_reader_records(const struct maps_reader *r)
{
	return r->nrec;
}

/*
 * A line that failed (r->error says where and why): with a lenient
 * reader, a warning, and the line is skipped (0); else -1.
 */
static int reader_bad_line(struct maps_reader *r)
{
	if (!r->lenient)
		return -1;
	fprintf(stderr, "%s: %s; line skipped\n",
		program_invocation_short_name, r->error);
	free(r->error);
	r->error = NULL;
	r->nbad++;
	return 0;
}

int maps_reader_next(struct maps_reader *r, struct vma *out)
{
	for (;;) {
		const char *why;
		size_t len;
		int rc = reader_getline(r);

		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		len = (size_t)r->len;
		if (maps_is_header(r->line, len)) {
			if (r->have_cur)
				break;	/* keep the line for the next call */
			r->len = -1;
			if (reader_header(r, len)) {
				memset(&r->cur, 0, sizeof(r->cur));
				if (reader_bad_line(r))
					return -1;
			}
			continue;
		}
		r->len = -1;
		if (!r->have_cur) {
			reader_fail(r, "not a maps line");
			if (reader_bad_line(r))
				return -1;
			continue;
		}
		if (smaps_parse_field(r->line, len, &r->cur.smaps, &why)) {
			reader_fail(r, why);
			if (reader_bad_line(r))
				return -1;
			continue;
		}
		r->smaps = true;
	}
	if (!r->have_cur)
		return 0;
	r->cur.kind = vma_classify(&r->cur);
	*out = r->cur;
	memset(&r->cur, 0, sizeof(r->cur));
	r->have_cur = false;
	r->nrec++;
	return 1;
}

int maps_read_all(FILE *f, const char *fname, struct vma_list *l,
		  enum maps_layout *layout, char **err)
{
	struct maps_reader *r = maps_reader_new(f, fname);
	struct vma v;
	int rc;

	while ((rc = maps_reader_next(r, &v)) > 0)
		*vma_list_add(l) = v;
	if (rc < 0 && err)
		*err = xstrdup(maps_reader_error(r));
	else if (rc < 0)
		fprintf(stderr, "%s: %s\n", program_invocation_short_name,
			maps_reader_error(r));
	if (layout)
		*layout = maps_reader_layout(r);
	if (rc < 0)
		rc = r->io_err ? -r->io_err : -EIO;
	maps_reader_free(r);
	return rc;
}

#define MAPS_READ_BUF (64 * 1024)

/*
 * The maps or smaps of pid. One process at a time, its reads run ahead on
 * a thread of their own while this one parses (readahead.h), through a
 * 64 KiB stdio buffer (procfs says st_blksize 1024: stdio would read a
 * process of 20,000 VMAs' smaps in 14,000 reads; the kernel fills 64 KiB
 * as readily). In a scan of all processes the cores are already busy
 * with one process each, and most files are small: read unbuffered,
 * straight into the reader's 64 KiB chunks (*buf stays NULL).
 */
static FILE *open_pid_file(const struct procfs *p, pid_t pid,
			   const char *file, char **buf)
{
	FILE *f;
	int fd;

	*buf = NULL;
	if (parallel_in_worker()) {
		f = procfs_fopen(p, "%d/%s", (int)pid, file);
		if (f)
			setvbuf(f, NULL, _IONBF, 0);
		return f;
	}
	fd = procfs_openat(p, 0, "%d/%s", (int)pid, file);
	f = fd < 0 ? NULL : readahead_fdopen(fd);
	if (f) {
		*buf = xmalloc(MAPS_READ_BUF);
		setvbuf(f, *buf, _IOFBF, MAPS_READ_BUF);
	}
	return f;
}

int maps_read_pid(const struct procfs *p, pid_t pid, const char *file,
		  struct vma_list *l, char **err)
{
	char *fname, *buf;
	FILE *f = open_pid_file(p, pid, file, &buf);
	int rc;

	*err = NULL;
	if (!f && errno == EMEDIUMTYPE) {
		xasprintf(err, "%s/%d/%s: not a regular file", p->root,
			  (int)pid, file);
		return -EMEDIUMTYPE;
	}
	if (!f)
		return -errno;
	xasprintf(&fname, "%s/%d/%s", p->root, (int)pid, file);
	rc = maps_read_all(f, fname, l, NULL, err);
	free(fname);
	fclose(f);
	free(buf);
	if (!rc)
		vma_list_sort(l);
	return rc;
}
