// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ELF images a process maps: its file VMAs grouped by device and
 * inode, each file opened the way that cannot be fooled by a rename or a
 * replacement (map_files), or else by path with the identity checked.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "lib/util.h"
#include "walk/elfmap.h"

/* Longest note area read back from memory for the build-id check. */
#define NOTE_MAX (64 * 1024)

const char *elfmap_status_name(enum elfmap_status s)
{
	static const char *const names[] = {
		[ELFMAP_OK] = "ok",
		[ELFMAP_DELETED] = "deleted",
		[ELFMAP_REPLACED] = "replaced",
		[ELFMAP_UNREADABLE] = "unreadable",
		[ELFMAP_CORRUPT] = "corrupt",
	};

	return names[s];
}

static bool is_image_vma(const struct vma *v)
{
	return v->kind == VMA_KIND_FILE && v->inode && v->namelen;
}

static struct elfmap *find_map(struct elfmap_list *ml, const struct vma *v)
{
	size_t i;

	for (i = 0; i < ml->n; i++)
		if (ml->m[i].inode == v->inode && ml->m[i].major == v->major &&
		    ml->m[i].minor == v->minor)
			return &ml->m[i];
	return NULL;
}

void elfmap_group(const struct vma_list *l, struct elfmap_list *ml)
{
	size_t i;

	memset(ml, 0, sizeof(*ml));
	for (i = 0; i < l->n; i++) {
		const struct vma *v = &l->v[i];
		struct elfmap *m;

		if (!is_image_vma(v))
			continue;
		m = find_map(ml, v);
		if (!m) {
			ml->m = xreallocarray(ml->m, ml->n + 1, sizeof(*m));
			m = &ml->m[ml->n++];
			memset(m, 0, sizeof(*m));
			m->major = v->major;
			m->minor = v->minor;
			m->inode = v->inode;
			m->path = xmemdup(v->name, v->namelen + 1);
			m->path[v->namelen] = '\0';
			m->deleted = v->deleted;
		}
		m->vmas = xreallocarray(m->vmas, m->nvmas + 1,
					sizeof(*m->vmas));
		m->vmas[m->nvmas++] = v;
	}
}

void elfmap_list_free(struct elfmap_list *ml)
{
	size_t i;

	for (i = 0; i < ml->n; i++) {
		struct elfmap *m = &ml->m[i];

		elfres_free(&m->res);
		elfimage_free(&m->img);
		free(m->path);
		free(m->vmas);
		free(m->ranges);
	}
	free(ml->m);
	memset(ml, 0, sizeof(*ml));
}

/* ---- opening the file ---- */

static bool same_file(const struct elfmap *m, const struct stat *st)
{
	return st->st_ino == m->inode && major(st->st_dev) == m->major &&
	       minor(st->st_dev) == m->minor;
}

/*
 * Only regular files are read: a mapped device must not be opened for
 * reading (side effects), a FIFO must not block us.
 */
static int open_regular(const struct procfs *p, const char *path,
			struct stat *st)
{
	int fd = procfs_open_regular(p, "%s", path);

	if (fd >= 0 && fstat(fd, st)) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * map_files is the mapped file itself, whatever became of its name; the
 * path is trusted only when it still names the mapped inode.
 */
static int open_image(struct elfmap *m, const struct procfs *p, pid_t pid)
{
	const struct vma *v = m->vmas[0];
	struct stat st;
	char *path;
	int fd;

	xasprintf(&path, "%d/map_files/%" PRIx64 "-%" PRIx64, (int)pid,
		  v->start, v->end);
	fd = open_regular(p, path, &st);
	free(path);
	if (fd >= 0) {
		m->status = m->deleted ? ELFMAP_DELETED : ELFMAP_OK;
		return fd;
	}
	if (m->deleted || m->path[0] != '/') {
		m->status = m->deleted ? ELFMAP_DELETED : ELFMAP_UNREADABLE;
		return -1;
	}
	xasprintf(&path, "%d/root%s", (int)pid, m->path);
	fd = open_regular(p, path, &st);
	free(path);
	if (fd < 0) {
		m->status = ELFMAP_UNREADABLE;
		return -1;
	}
	if (!same_file(m, &st)) {
		m->status = ELFMAP_REPLACED;
		close(fd);
		return -1;
	}
	m->status = ELFMAP_OK;
	return fd;
}

/* ---- what is walked ---- */

static void add_range(struct elfmap *m, const struct vma *v, uint64_t start,
		      uint64_t end, bool file)
{
	struct elfmap_range *r;

	if (end <= start)
		return;
	m->ranges = xreallocarray(m->ranges, m->nranges + 1, sizeof(*r));
	r = &m->ranges[m->nranges++];
	r->v = v;
	r->start = start;
	r->end = end;
	r->file = file;
	m->size += end - start;
}

/*
 * The zero-filled end of a segment past the file's last page is plain
 * anonymous memory after the image's VMAs (the kernel may have merged it
 * with a following anonymous mapping: only the segment's part counts).
 */
static void add_tail(struct elfmap *m, const struct elf_seg *s,
		     const struct vma_list *l, uint64_t psz)
{
	uint64_t lo = m->res.bias + (s->vaddr & ~(psz - 1));
	uint64_t hi = m->res.bias + ((s->vaddr + s->memsz + psz - 1) &
				     ~(psz - 1));
	const struct vma *v;

	if (s->memsz <= s->filesz || hi <= lo)
		return;
	v = vma_list_find(l, hi - 1);
	if (!v || v->kind != VMA_KIND_ANON || v->inode || v->namelen)
		return;
	add_range(m, v, v->start > lo ? v->start : lo,
		  v->end < hi ? v->end : hi, false);
}

static void set_ranges(struct elfmap *m, const struct vma_list *l,
		       uint64_t psz)
{
	size_t i;

	for (i = 0; i < m->nvmas; i++)
		add_range(m, m->vmas[i], m->vmas[i]->start, m->vmas[i]->end,
			  true);
	if (!m->res.has_bias)
		return;
	for (i = 0; i < m->img.nsegs; i++)
		add_tail(m, &m->img.segs[i], l, psz);
}

/* ---- the mapped copy's build-id ---- */

static bool mem_build_id(const struct elfmap *m, const struct procfs *p,
			 pid_t pid, char *hex, size_t len)
{
	const struct elf_image *img = &m->img;
	unsigned char *buf;
	ssize_t n;
	int fd, id = 0;

	if (!img->note_in_seg || !m->res.has_bias || !img->note_size ||
	    img->note_size > NOTE_MAX)
		return false;
	fd = procfs_openat(p, 0, "%d/mem", (int)pid);
	if (fd < 0)
		return false;
	buf = xmalloc(img->note_size);
	n = pread(fd, buf, img->note_size,
		  (off_t)(m->res.bias + img->note_vaddr));
	if (n == (ssize_t)img->note_size)
		id = elf_note_build_id(buf, (size_t)n, img->note_align,
				       false, hex, len);
	free(buf);
	close(fd);
	return id > 0;
}

static void check_mapped_copy(struct elfmap *m, const struct procfs *p,
			      pid_t pid)
{
	char hex[2 * ELF_BUILD_ID_MAX + 1];
	uint64_t psz = m->res.page_size;

	if (!mem_build_id(m, p, pid, hex, sizeof(hex)) ||
	    !strcmp(hex, m->img.build_id))
		return;
	/* Same inode, other bytes: rewritten in place since mapped. */
	m->status = ELFMAP_REPLACED;
	m->read = false;
	elfimage_free(&m->img);
	elfres_free(&m->res);
	elfres_init(&m->res, &m->img, psz);
}

static void read_image(struct elfmap *m, int fd, pid_t pid)
{
	int rc = elfimage_read(fd, &m->img);

	if (rc) {
		warnx("PID %d: '%s': %s", (int)pid, m->path, strerror(-rc));
		m->status = ELFMAP_UNREADABLE;
		return;
	}
	m->read = true;
	if (m->img.status == ELFIMG_CORRUPT) {
		warnx("PID %d: '%s': corrupt ELF file: %s", (int)pid, m->path,
		      m->img.why);
		m->status = ELFMAP_CORRUPT;
	}
}

void elfmap_load(struct elfmap *m, const struct procfs *p, pid_t pid,
		 const struct vma_list *l, uint64_t page_size)
{
	int fd = open_image(m, p, pid);

	if (fd >= 0) {
		read_image(m, fd, pid);
		close(fd);
	}
	elfres_init(&m->res, &m->img, page_size);
	if (m->read && m->img.status != ELFIMG_NOT_ELF) {
		elfres_set_bias(&m->res, m->vmas, m->nvmas);
		check_mapped_copy(m, p, pid);
	}
	set_ranges(m, l, page_size);
}
