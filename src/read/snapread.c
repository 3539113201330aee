// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --proc-root FILE: a snapshot is extracted into a private temporary tree
 * and read there through the same procfs handle as /proc or a copied
 * tree. Reading through the archive instead would need a second
 * implementation of every open, pread and readdir the commands do (and a
 * tar stream cannot be read at random offsets); extraction keeps one code
 * path, costs the disk space of the populated data only (sparse pagemaps
 * and kpage files come back as holes), and is what makes a snapshot's
 * output the same as the live one's.
 *
 * The archive is untrusted input: only regular files and directories are
 * created, by names checked to stay inside the tree; links, devices and
 * FIFOs are refused (the exe link is kept in the archive only). The whole
 * file is read before any command looks at it: a truncated or corrupt
 * archive, a newer format, another page size or machine is an error that
 * says so, never half a snapshot. Each entry's CRC-32 is computed as it is
 * extracted and compared with the end record's list: bytes changed inside
 * an entry are named, even where the archive around them is intact.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "lib/archive-dl.h"
#include "lib/crc.h"
#include "lib/escape.h"
#include "lib/util.h"
#include "read/snapclean.h"
#include "read/snapextract.h"
#include "read/snapshot.h"

#define VMS_XSTR(x) #x
#define VMS_STR(x) VMS_XSTR(x)

bool snapshot_is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

int snapx_bad(const struct extract *x, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", program_invocation_short_name, x->file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/*
 * An entry name as messages show it: chosen by whoever made the file, so
 * control bytes and invalid UTF-8 are written as \xHH.
 */
const char *snapx_shown(const char *name, char *buf, size_t len)
{
	char *esc = esc_dup(ESC_TEXT, name, strlen(name));
	size_t n = esc_fit(esc, len);

	memcpy(buf, esc, n);
	buf[n] = '\0';
	free(esc);
	return buf;
}

int snapx_corrupt(const struct extract *x)
{
	return snapx_bad(x, "corrupt or truncated snapshot: %s",
		   archive_error_string(x->a) ? archive_error_string(x->a) :
		   "read error");
}

/* Relative, no "." or ".." or empty component, under a known top. */
static bool name_ok(const char *name)
{
	static const char *const tops[] = { "proc/", "sys/" };
	static const char *const files[] = { "cgroups", "changes" };
	const char *p;
	size_t i;
	bool top = false;

	for (i = 0; i < ARRAY_SIZE(files); i++)
		if (!strcmp(name, files[i]))
			return true;
	for (i = 0; i < ARRAY_SIZE(tops); i++)
		top |= !strncmp(name, tops[i], strlen(tops[i]));
	if (!top || strlen(name) >= 4096)
		return false;
	for (p = name; *p; p++) {
		size_t n = strcspn(p, "/");

		if (!n || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n;
		if (!*p)
			break;
	}
	return true;
}

/* The directory that holds name, created as needed: an fd, or -1. */
static int parent_dir(const struct extract *x, const char *name,
		      const char **base, bool make_last)
{
	char part[4096];
	const char *p = name;
	int fd = dup(x->root);

	while (fd >= 0) {
		size_t n = strcspn(p, "/");
		int sub;

		if (!p[n] && !make_last) {
			*base = p;
			return fd;
		}
		memcpy(part, p, n);
		part[n] = '\0';
		if (mkdirat(fd, part, 0700) && errno != EEXIST) {
			close(fd);
			return -1;
		}
		sub = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			     O_CLOEXEC);
		close(fd);
		fd = sub;
		if (!p[n] || !p[n + 1]) {
			*base = NULL;
			return fd;
		}
		p += n + 1;
	}
	return -1;
}

/*
 * The entry's data into fd, and its CRC-32 into x->crc: the holes of a
 * sparse entry count as the zeros they read as.
 */
static int copy_data(struct extract *x, int fd, uint64_t size)
{
	const void *buf;
	size_t len;
	la_int64_t off;
	uint64_t pos = 0;
	int r;

	x->crc = 0;
	while ((r = archive_read_data_block(x->a, &buf, &len, &off)) ==
	       ARCHIVE_OK) {
		if (off < 0 || (uint64_t)off > size || len > size - (uint64_t)off)
			return snapx_bad(x, "entry data beyond its size");
		if ((uint64_t)off < pos)
			return snapx_bad(x, "entry data out of order");
		x->crc = crc_data(crc_zeros(x->crc, (uint64_t)off - pos), buf,
				  len);
		pos = (uint64_t)off + len;
		while (len) {
			ssize_t n = pwrite(fd, buf, len, off);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return snapx_bad(x, "extracting: %s", strerror(errno));
			buf = (const char *)buf + n;
			len -= (size_t)n;
			off += n;
		}
	}
	if (r != ARCHIVE_EOF)
		return snapx_corrupt(x);
	x->crc = crc_zeros(x->crc, size - pos);
	if (ftruncate(fd, (off_t)size))
		return snapx_bad(x, "extracting: %s", strerror(errno));
	return 0;
}

/*
 * A new regular file for entry name in the private tree, never a link
 * followed nor an entry twice: its fd, or -1 once said (bad()).
 */
static int create_entry(struct extract *x, const char *name)
{
	const char *base;
	int dir = parent_dir(x, name, &base, false), fd;
	char buf[512];

	if (dir < 0) {
		snapx_bad(x, "cannot extract '%s'", snapx_shown(name, buf, sizeof(buf)));
		return -1;
	}
	fd = openat(dir, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0400);
	close(dir);
	if (fd < 0)
		snapx_bad(x, errno == EEXIST ? "entry '%s' appears twice" :
		    "cannot extract '%s'", snapx_shown(name, buf, sizeof(buf)));
	return fd;
}

static int put_file(struct extract *x, struct archive_entry *e,
		    const char *name)
{
	la_int64_t size = archive_entry_size(e);
	char buf[512];
	int fd, rc;

	if (size < 0)
		return snapx_bad(x, "cannot extract '%s'",
			   snapx_shown(name, buf, sizeof(buf)));
	fd = create_entry(x, name);
	if (fd < 0)
		return -1;
	rc = copy_data(x, fd, (uint64_t)size);
	close(fd);
	return rc;
}

/*
 * The exe link, proc/PID/exe, is never created as a link: its text is
 * written to a regular file of that name, which procid reads for EXE.
 */
static int put_exe(struct extract *x, struct archive_entry *e,
		   const char *name)
{
	const char *target = archive_entry_symlink(e);
	size_t len = target ? strlen(target) : 0;
	char buf[512];
	int fd;
	bool ok;

	if (!len || len >= PATH_MAX)
		return snapx_bad(x, "corrupt snapshot: link '%s'",
			   snapx_shown(name, buf, sizeof(buf)));
	fd = create_entry(x, name);
	if (fd < 0)
		return -1;
	ok = write(fd, target, len) == (ssize_t)len;
	close(fd);
	x->crc = crc_data(0, target, len);
	return ok ? 0 : snapx_bad(x, "extracting: %s", strerror(errno));
}

static bool is_exe_link(const char *name)
{
	size_t n;

	if (strncmp(name, "proc/", 5))
		return false;
	n = strspn(name + 5, "0123456789");
	return n && !strcmp(name + 5 + n, "/exe");
}

static int check_manifest(struct extract *x, const char *text, size_t len)
{
	struct utsname u;
	const char *why;
	char n[32];

	if (snap_manifest_parse(text, len, &x->m, &why))
		return snapx_bad(x, "%s", why);
	if (x->m.format > SNAP_FORMAT) {
		snprintf(n, sizeof(n), "%u", x->m.format);
		return snapx_bad(x, "snapshot format %s is newer than this vmascope "
			   "reads (format " VMS_STR(SNAP_FORMAT) "): use a newer "
			   "vmascope", n);
	}
	if (x->m.format < SNAP_FORMAT) {
		snprintf(n, sizeof(n), "%u", x->m.format);
		return snapx_bad(x, "snapshot format %s holds no checksums of its "
			   "contents, and this vmascope reads only format "
			   VMS_STR(SNAP_FORMAT) ", which does: take the "
			   "snapshot again", n);
	}
	if (x->m.page_size != (uint64_t)sysconf(_SC_PAGESIZE)) {
		snprintf(n, sizeof(n), "%" PRIu64, x->m.page_size);
		return snapx_bad(x, "taken on a machine with %s-byte pages: this one "
			   "has other page sizes", n);
	}
	if (uname(&u) || strcmp(u.machine, x->m.machine))
		return snapx_bad(x, "taken on a %s machine: this one is another "
			   "architecture", x->m.machine);
	return 0;
}

static int put_manifest(struct extract *x, struct archive_entry *e)
{
	char buf[8192];
	la_ssize_t n;
	int fd;

	if (archive_entry_filetype(e) != AE_IFREG ||
	    archive_entry_size(e) <= 0 ||
	    archive_entry_size(e) >= (la_int64_t)sizeof(buf))
		return snapx_bad(x, "not a vmascope snapshot (bad manifest)");
	n = archive_read_data(x->a, buf, sizeof(buf));
	if (n < 0)
		return snapx_corrupt(x);
	if (n != archive_entry_size(e) || check_manifest(x, buf, (size_t)n))
		return n != archive_entry_size(e) ? snapx_corrupt(x) : -1;
	x->crc = crc_data(0, buf, (size_t)n);
	fd = openat(x->root, "manifest", O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0400);
	if (fd < 0 || write(fd, buf, (size_t)n) != n) {
		if (fd >= 0)
			close(fd);
		return snapx_bad(x, "extracting: %s", strerror(errno));
	}
	close(fd);
	return 0;
}

/* An entry of the tree, by its type. */
static int put_typed(struct extract *x, struct archive_entry *e,
		     const char *path)
{
	char buf[512];
	const char *base;
	int fd;

	switch (archive_entry_filetype(e)) {
	case AE_IFREG:
		return put_file(x, e, path);
	case AE_IFDIR:
		fd = parent_dir(x, path, &base, true);
		if (fd < 0)
			return snapx_bad(x, "cannot extract '%s'",
				   snapx_shown(path, buf, sizeof(buf)));
		close(fd);
		return 0;
	case AE_IFLNK:
		if (is_exe_link(path))
			return put_exe(x, e, path);
		/* fall through */
	default:
		return snapx_bad(x, "entry '%s' is not a regular file or directory",
			   snapx_shown(path, buf, sizeof(buf)));
	}
}

static int put_entry(struct extract *x, struct archive_entry *e)
{
	const char *name = archive_entry_pathname(e);
	char path[4096], buf[512];
	size_t n;
	int rc;

	if (!name)
		return snapx_bad(x, "entry without a name");
	n = strlen(name);
	if (n >= sizeof(path))
		return snapx_bad(x, "entry name too long");
	memcpy(path, name, n + 1);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	if (x->end)
		return snapx_bad(x, "corrupt snapshot: entry '%s' after the end "
			   "record", snapx_shown(path, buf, sizeof(buf)));
	x->crc = 0;
	if (!x->entries) {
		rc = strcmp(path, "manifest") ?
		     snapx_bad(x, "not a vmascope snapshot (no manifest first)") :
		     put_manifest(x, e);
	} else if (!strcmp(path, "end")) {
		return snapx_check_end(x, e);
	} else if (!name_ok(path)) {
		return snapx_bad(x, "unexpected entry '%s'",
			   snapx_shown(path, buf, sizeof(buf)));
	} else if (archive_entry_hardlink(e)) {
		return snapx_bad(x, "unexpected link '%s'",
			   snapx_shown(path, buf, sizeof(buf)));
	} else {
		rc = put_typed(x, e, path);
	}
	if (!rc)
		snapx_note_sum(x, path);
	return rc;
}

static int read_all(struct extract *x)
{
	struct archive_entry *e;
	int r;

	while ((r = archive_read_next_header(x->a, &e)) == ARCHIVE_OK ||
	       r == ARCHIVE_WARN) {
		if (put_entry(x, e))
			return -1;
		if (!x->end)
			x->entries++;
	}
	if (r != ARCHIVE_EOF)
		return snapx_corrupt(x);
	if (!x->entries)
		return snapx_bad(x, "not a vmascope snapshot (empty)");
	if (!x->end)
		return snapx_bad(x, "truncated snapshot: no end record");
	return 0;
}

/* -v: the processes that moved while they were captured. */
static void say_changes(const char *file, const char *dir)
{
	char *path, *line = NULL, buf[512];
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	xasprintf(&path, "%s/changes", dir);
	f = fopen(path, "re");
	free(path);
	if (!f)
		return;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		warnx("%s: %s", file, snapx_shown(line, buf, sizeof(buf)));
	}
	free(line);
	fclose(f);
}

const char *snapshot_extract(const char *file, int verbose)
{
	struct extract x = { .file = file };
	char *dir, *proc;
	int rc;

	if (vms_archive_open() || crc_open())
		return NULL;
	dir = snapclean_mkdtemp();
	if (!dir)
		return NULL;
	x.root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	x.a = archive_read_new();
	archive_read_support_format_tar(x.a);
	archive_read_support_filter_zstd(x.a);
	archive_read_support_filter_xz(x.a);
	if (x.root < 0)
		rc = snapx_bad(&x, "%s", strerror(errno));
	else if (access(file, R_OK))
		rc = snapx_bad(&x, "%s", strerror(errno));
	else if (archive_read_open_filename(x.a, file, 1 << 16))
		rc = archive_errno(x.a) == EILSEQ ? /* unrecognized format */
		     snapx_bad(&x, "Not a directory, nor a vmascope snapshot: %s",
			 archive_error_string(x.a)) : snapx_corrupt(&x);
	else
		rc = read_all(&x);
	archive_read_free(x.a);
	snapx_free_sums(&x);
	if (x.root >= 0)
		close(x.root);
	if (!rc && verbose)
		say_changes(file, dir);
	xasprintf(&proc, "%s/proc", dir);
	free(dir);
	if (!rc && mkdir(proc, 0700) && errno != EEXIST)
		rc = snapx_bad(&x, "%s: %s", proc, strerror(errno));
	if (rc) {
		free(proc);
		return NULL;
	}
	return snapclean_keep(proc);
}
