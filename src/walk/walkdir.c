// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The directories of an fts(3) walk, opened once each so that the files
 * below are looked up by one name each, and the type of each entry as
 * the directory tells it (d_type), so that a file is known to be regular
 * before it is opened without a stat(2) of its own (see walkdir.h).
 *
 * Why the directory descriptor is as safe as a lookup by the whole path:
 * it is opened O_DIRECTORY (the kernel refuses anything else before any
 * open routine of it runs: no FIFO or device is ever opened here), below
 * the roots O_NOFOLLOW, and it is kept only when it is the very directory
 * that fts stat'ed and read (same device and inode): a directory renamed
 * or replaced by a symbolic link after fts read it is refused, where a
 * whole-path lookup would have followed the new one. The names looked
 * up below it are the ones fts read there.
 *
 * Why d_type comes from a read of our own: glibc's fts reads d_type but
 * does not hand it out (with FTS_NOSTAT, fts_statp is not even there),
 * and a stat per file costs as much as the open itself. The directory is
 * read once more, just after fts read it, through our descriptor; fts
 * hands its entries out in the order the directory gives them, so the
 * lookup of a name is a step forward in our list. A name not found there
 * (the directory changed between the two reads), or DT_UNKNOWN (a file
 * system that does not fill it), is looked at with fstatat as before.
 *
 * References are taken and dropped by the walking thread only; the
 * workers only use the descriptor while a reference is held for them.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "walk/walkdir.h"

/* How far ahead of the last name found a name is looked for. */
#define LOOKAHEAD 64

struct walkdir {
	int fd;				/* or -errno */
	const char *why;
	unsigned int refs;
	struct walkdir *prev, *next;

	/* the entries as read: offset of the name, d_type */
	char *names;
	size_t namelen, namecap;
	struct { uint32_t off; unsigned char type; } *ents;
	size_t n, cap, cur;		/* cur: after the last name found */
};

static void add_entry(struct walkdir *wd, const char *name, unsigned char t)
{
	size_t len = strlen(name) + 1;

	if (wd->namelen + len > UINT32_MAX)
		return;
	if (wd->namelen + len > wd->namecap) {
		wd->namecap = 2 * (wd->namelen + len);
		wd->names = xrealloc(wd->names, wd->namecap);
	}
	if (wd->n == wd->cap) {
		wd->cap = wd->cap ? 2 * wd->cap : 64;
		wd->ents = xreallocarray(wd->ents, wd->cap, sizeof(*wd->ents));
	}
	memcpy(wd->names + wd->namelen, name, len);
	wd->ents[wd->n].off = (uint32_t)wd->namelen;
	wd->ents[wd->n++].type = t;
	wd->namelen += len;
}

/* The types of the entries; none known (all DT_UNKNOWN) on an error. */
static void read_types(struct walkdir *wd)
{
	int fd = fcntl(wd->fd, F_DUPFD_CLOEXEC, 0);
	struct dirent *d;
	DIR *dir;

	dir = fd < 0 ? NULL : fdopendir(fd);
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((d = readdir(dir)))
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
			add_entry(wd, d->d_name, d->d_type);
	closedir(dir);
}

/*
 * The directory d of the file e. fts keeps one path buffer for all its
 * entries: d's path is the start of e's, d->fts_pathlen bytes long.
 */
static int open_dir(const FTSENT *e, const FTSENT *d, const char **why)
{
	/* a root was named by the user: fts followed it (FTS_COMFOLLOW) */
	int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC |
		    (d->fts_level > FTS_ROOTLEVEL ? O_NOFOLLOW : 0);
	char *path = xmemdup(e->fts_path, d->fts_pathlen + 1);
	struct stat st;
	int fd;

	path[d->fts_pathlen] = '\0';
	fd = open(path, flags);
	free(path);
	if (fd < 0 && errno != ENOTDIR && errno != ELOOP)
		return -errno;
	if (fd >= 0 && !fstat(fd, &st) && st.st_dev == d->fts_dev &&
	    st.st_ino == d->fts_ino)
		return fd;
	if (fd >= 0)
		close(fd);
	*why = "its directory was replaced during the walk";
	return -ESTALE;
}

struct walkdir *walkdir_of(struct walkdirs *ws, FTSENT *e)
{
	FTSENT *d = e->fts_parent;
	struct walkdir *wd = d->fts_pointer;

	if (!wd) {
		wd = xcalloc(1, sizeof(*wd));
		wd->fd = open_dir(e, d, &wd->why);
		if (wd->fd >= 0) {
			ws->nopen++;
			read_types(wd);
		}
		wd->refs = 1;		/* fts's, until FTS_DP */
		wd->next = ws->head;
		if (ws->head)
			ws->head->prev = wd;
		ws->head = wd;
		d->fts_pointer = wd;
	}
	wd->refs++;
	return wd;
}

int walkdir_fd(const struct walkdir *wd, const char **why)
{
	*why = wd->why;
	return wd->fd;
}

unsigned char walkdir_type(struct walkdir *wd, const char *name)
{
	size_t i, end = wd->n - wd->cur > LOOKAHEAD ? wd->cur + LOOKAHEAD :
			wd->n;

	for (i = wd->cur; i < end; i++)
		if (!strcmp(wd->names + wd->ents[i].off, name)) {
			wd->cur = i + 1;
			return wd->ents[i].type;
		}
	return DT_UNKNOWN;
}

static void wd_free(struct walkdirs *ws, struct walkdir *wd)
{
	if (wd->fd >= 0) {
		close(wd->fd);
		ws->nopen--;
	}
	free(wd->names);
	free(wd->ents);
	free(wd);
}

void walkdir_put(struct walkdirs *ws, struct walkdir *wd)
{
	if (--wd->refs)
		return;
	if (wd->prev)
		wd->prev->next = wd->next;
	else
		ws->head = wd->next;
	if (wd->next)
		wd->next->prev = wd->prev;
	wd_free(ws, wd);
}

void walkdir_leave(struct walkdirs *ws, FTSENT *d)
{
	if (d->fts_pointer)
		walkdir_put(ws, d->fts_pointer);
	d->fts_pointer = NULL;
}

void walkdirs_end(struct walkdirs *ws)
{
	struct walkdir *wd, *next;

	for (wd = ws->head; wd; wd = next) {
		next = wd->next;
		wd_free(ws, wd);
	}
	ws->head = NULL;
}
