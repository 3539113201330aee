// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/PID/maps and smaps: parsing into VMA records and writing them back
 * in the kernel's own layout (fs/proc/task_mmu.c, show_vma_header_prefix).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "read/maps.h"
#include "read/readahead.h"

static const char deleted_suffix[] = " (deleted)";

/* Bytes of the line not yet consumed. */
struct cursor {
	const char *p, *end;
};

static size_t span(const struct cursor *c, const char *accept_end)
{
	const char *q = c->p;

	while (q < c->end && !strchr(accept_end, *q))
		q++;
	return (size_t)(q - c->p);
}

/* A hex field ended by sep (or the line's end when sep is 0). */
static int take_hex(struct cursor *c, char sep, uint64_t *out,
		    const char *what_bad, const char **why)
{
	char stop[3] = { sep ? sep : ' ', ' ', '\0' };
	size_t n = span(c, stop);
	int rc = parse_hex_u64(c->p, n, out);

	if (rc) {
		*why = rc == -ERANGE ? "number too large" : what_bad;
		return -1;
	}
	c->p += n;
	if (sep) {
		if (c->p >= c->end || *c->p != sep) {
			*why = what_bad;
			return -1;
		}
		c->p++;
	}
	return 0;
}

static int take_perms(struct cursor *c, unsigned int *perms, const char **why)
{
	static const char yes[] = "rwxs", no[] = "---p";
	static const unsigned int bit[] = {
		VMA_READ, VMA_WRITE, VMA_EXEC, VMA_SHARED
	};
	int i;

	*perms = 0;
	if (c->end - c->p < 5 || c->p[4] != ' ') {
		*why = "bad permissions";
		return -1;
	}
	for (i = 0; i < 4; i++) {
		if (c->p[i] == yes[i])
			*perms |= bit[i];
		else if (c->p[i] != no[i]) {
			*why = "bad permissions";
			return -1;
		}
	}
	c->p += 5;
	return 0;
}

static int take_device(struct cursor *c, struct vma *v, const char **why)
{
	uint64_t major, minor;

	if (take_hex(c, ':', &major, "bad device", why) ||
	    take_hex(c, ' ', &minor, "bad device", why))
		return -1;
	if (major > UINT32_MAX || minor > UINT32_MAX) {
		*why = "device number too large";
		return -1;
	}
	v->major = (uint32_t)major;
	v->minor = (uint32_t)minor;
	return 0;
}

static void take_name(struct cursor *c, struct vma *v)
{
	size_t n, sl = sizeof(deleted_suffix) - 1;

	while (c->p < c->end && *c->p == ' ')
		c->p++;
	n = (size_t)(c->end - c->p);
	v->name = (char *)c->p;
	v->namelen = n;
	if (n > sl && !memcmp(c->p + n - sl, deleted_suffix, sl)) {
		v->deleted = true;
		v->namelen = n - sl;
	}
	c->p = c->end;
}

int maps_is_header(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && i < 17 && isxdigit((unsigned char)line[i]))
		i++;
	return i > 0 && i < len && line[i] == '-';
}

int maps_parse_header(const char *line, size_t len, struct vma *v,
		      const char **why)
{
	struct cursor c = { line, line + len };
	uint64_t inode;
	size_t n;

	memset(v, 0, sizeof(*v));
	v->smaps.thp_eligible = -1;
	v->smaps.pkey = -1;
	if (memchr(line, '\0', len)) {
		*why = "NUL byte in line";
		return -1;
	}
	if (take_hex(&c, '-', &v->start, "bad start address", why) ||
	    take_hex(&c, ' ', &v->end, "bad end address", why) ||
	    take_perms(&c, &v->perms, why) ||
	    take_hex(&c, ' ', &v->offset, "bad offset", why) ||
	    take_device(&c, v, why))
		return -1;
	n = span(&c, " ");
	if (!n) {
		*why = "missing inode";
		return -1;
	}
	if (parse_dec_u64(c.p, n, &inode)) {
		*why = "bad inode";
		return -1;
	}
	v->inode = inode;
	c.p += n;
	if (v->end <= v->start) {
		*why = "end address not above start address";
		return -1;
	}
	if (c.p < c.end)
		take_name(&c, v);
	if (!v->namelen)
		v->name = NULL;
	v->kind = vma_classify(v);
	return 0;
}

static int take_kb(const char *p, size_t n, uint64_t *out)
{
	uint64_t v;

	while (n && p[n - 1] == ' ')
		n--;
	if (n < 3 || memcmp(p + n - 3, " kB", 3))
		return -1;
	n -= 3;
	while (n && p[n - 1] == ' ')
		n--;
	/* smaps_bytes() multiplies by 1024: no value may wrap there. */
	if (parse_dec_u64(p, n, &v) || v > UINT64_MAX / 1024)
		return -1;
	*out = v;
	return 0;
}

static int take_int(const char *p, size_t n, int *out)
{
	uint64_t v;

	while (n && p[n - 1] == ' ')
		n--;
	if (parse_dec_u64(p, n, &v) || v > INT32_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

int smaps_parse_field(const char *line, size_t len, struct smaps_data *s,
		      const char **why)
{
	const char *colon = memchr(line, ':', len), *val;
	size_t klen, vlen, i;
	int key;

	if (!colon || colon == line) {
		*why = "not a maps line nor an smaps field";
		return -1;
	}
	klen = (size_t)(colon - line);
	for (i = 0; i < klen; i++) {
		char ch = line[i];

		if (!(ch == '_' || (ch >= 'a' && ch <= 'z') ||
		      (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) {
			*why = "not a maps line nor an smaps field";
			return -1;
		}
	}
	val = colon + 1;
	vlen = len - klen - 1;
	while (vlen && *val == ' ') {
		val++;
		vlen--;
	}
	key = smaps_key_lookup(line, klen);
	if (key >= 0) {
		if (take_kb(val, vlen, &s->kb[key])) {
			*why = "bad kB value";
			return -1;
		}
		s->present |= 1ULL << key;
	} else if (klen == 7 && !memcmp(line, "VmFlags", 7)) {
		while (vlen && val[vlen - 1] == ' ')
			vlen--;
		if (memchr(val, '\0', vlen)) {
			*why = "NUL byte in line";
			return -1;
		}
		free(s->vmflags);
		s->vmflags = xmemdup(val, vlen);
	} else if (klen == 11 && !memcmp(line, "THPeligible", 11)) {
		if (take_int(val, vlen, &s->thp_eligible)) {
			*why = "bad THPeligible value";
			return -1;
		}
	} else if (klen == 13 && !memcmp(line, "ProtectionKey", 13)) {
		if (take_int(val, vlen, &s->pkey)) {
			*why = "bad ProtectionKey value";
			return -1;
		}
	}
	/* Other keys: newer kernels add fields; they are not errors. */
	return 0;
}

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
 * a thread of their own while this one parses (readahead.h); in a scan of
 * all processes the cores are already busy with one process each.
 */
static FILE *open_pid_file(const struct procfs *p, pid_t pid,
			   const char *file)
{
	int fd;

	if (parallel_in_worker())
		return procfs_fopen(p, "%d/%s", (int)pid, file);
	fd = procfs_openat(p, 0, "%d/%s", (int)pid, file);
	return fd < 0 ? NULL : readahead_fdopen(fd);
}

int maps_read_pid(const struct procfs *p, pid_t pid, const char *file,
		  struct vma_list *l, char **err)
{
	FILE *f = open_pid_file(p, pid, file);
	char *fname, *buf;
	int rc;

	*err = NULL;
	if (!f && errno == EMEDIUMTYPE) {
		xasprintf(err, "%s/%d/%s: not a regular file", p->root,
			  (int)pid, file);
		return -EMEDIUMTYPE;
	}
	if (!f)
		return -errno;
	/* procfs says st_blksize 1024: stdio would read a process of
	 * 20,000 VMAs' smaps in 14,000 reads; the kernel fills 64 KiB as
	 * readily. */
	buf = xmalloc(MAPS_READ_BUF);
	setvbuf(f, buf, _IOFBF, MAPS_READ_BUF);
	xasprintf(&fname, "%s/%d/%s", p->root, (int)pid, file);
	rc = maps_read_all(f, fname, l, NULL, err);
	free(fname);
	fclose(f);
	free(buf);
	if (!rc)
		vma_list_sort(l);
	return rc;
}

int maps_write_line(FILE *out, const struct vma *v, enum maps_layout layout)
{
	char perms[5];
	int n, width = layout == MAPS_LAYOUT_32 ? 48 : 72;

	vma_perms_str(v->perms, perms);
	n = fprintf(out, "%08" PRIx64 "-%08" PRIx64 " %s %08" PRIx64
		    " %02x:%02x %" PRIu64 " ", v->start, v->end, perms,
		    v->offset, v->major, v->minor, v->inode);
	if (n < 0)
		return -1;
	if (v->name) {
		if (n < width)
			fprintf(out, "%*s", width - n, "");
		fputc(' ', out);
		fwrite(v->name, 1, v->namelen, out);
		if (v->deleted)
			fputs(deleted_suffix, out);
	}
	return fputc('\n', out) == EOF ? -1 : 0;
}
