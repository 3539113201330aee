// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maps and smaps reader: a file's records one at a time, from a
 * stream (a --maps-file, bounded memory whatever its size) or from a
 * process's file, read ahead (readahead.h), one record at a time or
 * whole. Lines are cut from chunks (64 KiB of a stream, or the read-ahead
 * buffers themselves) with memchr, but for the common smaps line, taken
 * where it is (smaps_take_kb_lines); a line parses as maps.c says.
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
	char *line;		/* the line: in chunk, or in lbuf */
	char *lbuf;		/* a line read across chunks */
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
	bool owns_f;		/* f is closed with the reader */
	/* Or a process's file, read ahead: chunk is its buffer, lent. */
	struct readahead *ra;
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
	if (r->ra)
		readahead_free(r->ra);
	else
		free(r->chunk);
	free(r->lbuf);
	free(r->fname);
	free(r->error);
	if (r->owns_f)
		fclose(r->f);
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

/* A read that failed: -1, the reader's error says so. */
static int chunk_error(struct maps_reader *r)
{
	r->io_err = errno ? errno : EIO;
	free(r->error);
	xasprintf(&r->error, "%s: read error: %s", r->fname,
		  strerror(r->io_err));
	return -1;
}

/*
 * The next bytes of the file into chunk (a process's file: the read-ahead
 * buffer itself, no copy): 1, 0 at the end, -1 on error.
 */
static int chunk_fill(struct maps_reader *r)
{
	r->cpos = 0;
	if (r->ra) {
		ssize_t n = readahead_next(r->ra, &r->chunk);

		r->clen = n > 0 ? (size_t)n : 0;
		return n > 0 ? 1 : n == 0 ? 0 : chunk_error(r);
	}
	if (!r->chunk)
		r->chunk = xmalloc(MAPS_CHUNK);
	r->clen = 0;
	/* The end is the end (stdio's own rule): no read after it. */
	if (feof(r->f))
		return 0;
	r->clen = fread(r->chunk, 1, MAPS_CHUNK, r->f);
	if (r->clen)
		return 1;
	if (!ferror(r->f))
		return 0;
	return chunk_error(r);
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
	r->lbuf = xrealloc(r->lbuf, r->cap);
	return 0;
}

/* The line of n bytes at r->line, its newline (if any: nl) consumed. */
static int line_done(struct maps_reader *r, size_t n, bool nl)
{
	strip_cr(r, &n, nl ? '\n' : EOF);
	r->line[n] = '\0';
	r->len = (ssize_t)n;
	r->lineno++;
	return 1;
}

/*
 * The next line, without its newline: 1, 0 at the end, -1 on an error.
 * Lines are cut with memchr from chunks of the file (a character at a
 * time through stdio cost as much as the kernel's own generation of
 * smaps). A line within the chunk is used where it is, its newline
 * overwritten by the NUL; one across chunks is gathered in lbuf.
 */
static int reader_getline(struct maps_reader *r)
{
	bool nl = false;
	size_t n = 0;

	if (r->len >= 0)
		return 1;
	errno = 0;
	if (r->cpos < r->clen) {
		char *p = r->chunk + r->cpos;
		char *end = memchr(p, '\n', r->clen - r->cpos);

		/* Shorter than MAPS_LINE_MAX: a chunk is. */
		if (end) {
			r->line = p;
			n = (size_t)(end - p);
			r->cpos += n + 1;
			return line_done(r, n, true);
		}
	}
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
		memcpy(r->lbuf + n, p, take);
		n += take;
		r->cpos += take + nl;
	}
	if (!nl && !n)
		return 0;
	if (!r->lbuf)
		r->lbuf = xmalloc(r->cap = 256);
	r->line = r->lbuf;
	return line_done(r, n, nl);
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

/*
 * Most lines are "Key:   N kB" of a known key, taken straight from the
 * chunk (smaps_take_kb_lines) as the line reader and smaps_parse_field()
 * would take them: such a line has no CR, and is no header (each key has
 * a letter that is no hex digit before its colon, where a header has a
 * '-'). True when the next lines were such.
 */
static bool reader_kb_lines(struct maps_reader *r)
{
	size_t n;

	if (!r->have_cur || r->len >= 0 || r->cpos == r->clen)
		return false;
	n = smaps_take_kb_lines(r->chunk + r->cpos, r->clen - r->cpos,
				&r->cur.smaps, &r->lineno);
	/* Then THPeligible or VmFlags (neither starts with a hex digit). */
	if (!n) {
		n = smaps_take_flag_line(r->chunk + r->cpos,
					 r->clen - r->cpos, &r->cur.smaps);
		r->lineno += n != 0;
	}
	if (!n)
		return false;
	r->cpos += n;
	r->smaps = true;
	return true;
}

int maps_reader_next(struct maps_reader *r, struct vma *out)
{
	for (;;) {
		const char *why;
		size_t len;
		int rc;

		if (reader_kb_lines(r))
			continue;
		rc = reader_getline(r);

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

/* -errno of a reader that failed: of the read, or -EIO for a bad line. */
static int reader_status(const struct maps_reader *r)
{
	return r->io_err ? -r->io_err : -EIO;
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
		rc = reader_status(r);
	maps_reader_free(r);
	return rc;
}

/*
 * The maps or smaps of pid. One process at a time, its reads run ahead on
 * a thread of their own while this one parses (readahead.h); in a scan of
 * all processes the cores are already busy with one process each, and
 * most files are small: read unbuffered, each fread straight into the
 * reader's 64 KiB chunk (a stdio buffer would cost a heap grow and shrink
 * per process, and procfs' st_blksize of 1024 would cut a big smaps into
 * a read per KiB). So is smaps_rollup, one record, always: the read-ahead
 * ring (1 MiB) would be mapped and unmapped for its few hundred bytes.
 */
static struct maps_reader *open_pid_reader(const struct procfs *p, pid_t pid,
					   const char *file, const char *fname)
{
	struct maps_reader *r;
	FILE *f;
	int fd;

	if (!parallel_in_worker() && strcmp(file, "smaps_rollup")) {
		fd = procfs_openat(p, 0, "%d/%s", (int)pid, file);
		if (fd < 0)
			return NULL;
		r = maps_reader_new(NULL, fname);
		r->ra = readahead_new(fd);
		return r;
	}
	f = procfs_fopen(p, "%d/%s", (int)pid, file);
	if (!f)
		return NULL;
	setvbuf(f, NULL, _IONBF, 0);
	r = maps_reader_new(f, fname);
	r->owns_f = true;
	return r;
}

struct maps_reader *maps_reader_open_pid(const struct procfs *p, pid_t pid,
					 const char *file, int *rc,
					 char **err)
{
	struct maps_reader *r;
	char *fname;

	*err = NULL;
	*rc = 0;
	xasprintf(&fname, "%s/%d/%s", p->root, (int)pid, file);
	r = open_pid_reader(p, pid, file, fname);
	if (!r && errno == EMEDIUMTYPE) {
		xasprintf(err, "%s: not a regular file", fname);
		*rc = -EMEDIUMTYPE;
	} else if (!r) {
		*rc = -errno;
	}
	free(fname);
	return r;
}

int maps_reader_fail_status(struct maps_reader *r, char **err)
{
	*err = xstrdup(maps_reader_error(r));
	return reader_status(r);
}

int maps_read_pid(const struct procfs *p, pid_t pid, const char *file,
		  struct vma_list *l, char **err)
{
	struct maps_reader *r;
	struct vma v;
	int rc;

	r = maps_reader_open_pid(p, pid, file, &rc, err);
	if (!r)
		return rc;
	while ((rc = maps_reader_next(r, &v)) > 0)
		*vma_list_add(l) = v;
	if (rc < 0)
		rc = maps_reader_fail_status(r, err);
	maps_reader_free(r);
	if (!rc)
		vma_list_sort(l);
	return rc;
}
