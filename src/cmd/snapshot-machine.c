// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a snapshot holds of the machine: meminfo, zoneinfo and friends,
 * the node map (which memory block is on which node), the memory cgroup
 * tree as an inode index (kpagecgroup gives inodes, and a copied tree's
 * directories have inodes of their own), and the frames: those the
 * captured pagemaps point to, or all of them.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/cgroup.h"
#include "read/kpage.h"
#include "read/node.h"
#include "cmd/snapshot-capture.h"

static const char *const machine_files[] = {
	"meminfo", "zoneinfo", "iomem", "version", "vmstat",
};

static const char *const kpage_names[3] = {
	"proc/kpageflags", "proc/kpagecount", "proc/kpagecgroup",
};

static int put_machine_files(struct snap_capture *c)
{
	char name[64], *buf;
	size_t i, len;
	int rc = 0;

	for (i = 0; i < ARRAY_SIZE(machine_files); i++) {
		if (snap_slurp(c->proc, &buf, &len, "%s", machine_files[i]))
			continue;
		snprintf(name, sizeof(name), "proc/%s", machine_files[i]);
		rc |= snapw_file(c->w, name, buf, len);
		free(buf);
	}
	return rc;
}

/* sys/devices/system/node/nodeN/memoryM: the names are the map. */
static int put_node(struct snap_capture *c, const char *sysroot,
		    const char *node)
{
	char path[4096], name[640];
	struct dirent *e;
	int rc = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/devices/system/node/%s", sysroot,
		 node);
	d = opendir(path);
	if (!d)
		return 0;
	snprintf(name, sizeof(name), "sys/devices/system/node/%s", node);
	rc |= snapw_dir(c->w, name);
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "memory", 6) &&
		    strspn(e->d_name + 6, "0123456789") ==
		    strlen(e->d_name + 6) && e->d_name[6]) {
			snprintf(name, sizeof(name),
				 "sys/devices/system/node/%s/%s", node,
				 e->d_name);
			rc |= snapw_dir(c->w, name);
		}
	closedir(d);
	return rc;
}

static int put_nodes(struct snap_capture *c, const char *sysroot)
{
	char path[4096];
	struct dirent *e;
	int rc = 0;
	DIR *d;
	FILE *f;

	snprintf(path, sizeof(path), "%s/devices/system/memory/block_size_bytes",
		 sysroot);
	f = fopen(path, "re");
	if (f) {
		char line[64];

		if (fgets(line, sizeof(line), f))
			rc |= snapw_file(c->w, "sys/devices/system/memory/"
					 "block_size_bytes", line, strlen(line));
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/devices/system/node", sysroot);
	d = opendir(path);
	if (!d)
		return rc;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "node", 4) && e->d_name[4] &&
		    strspn(e->d_name + 4, "0123456789") ==
		    strlen(e->d_name + 4))
			rc |= put_node(c, sysroot, e->d_name);
	closedir(d);
	return rc;
}

/* "INO\tPATH\0" per memory cgroup: paths may hold any byte but NUL. */
static int put_cgroups(struct snap_capture *c, const char *sysroot)
{
	struct cgmap m;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;
	int rc;

	cgmap_init(&m, c->proc, sysroot);
	cgmap_path(&m, 0);	/* builds the index */
	f = open_memstream(&buf, &len);
	if (!f)
		return -1;
	for (i = 0; i < m.n; i++) {
		fprintf(f, "%" PRIu64 "\t%s", m.ents[i].ino, m.ents[i].path);
		fputc('\0', f);
	}
	fclose(f);
	rc = m.n ? snapw_file(c->w, "cgroups", buf, len) : 0;
	free(buf);
	cgmap_free(&m);
	return rc;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Sorted, distinct PFNs as runs of 8-byte entries. */
static size_t pfn_runs(struct snap_capture *c, struct snap_run **runs)
{
	size_t i, j = 0, n = 0;

	if (c->npfns)
		qsort(c->pfns, c->npfns, sizeof(*c->pfns), cmp_u64);
	for (i = 0; i < c->npfns; i++)
		if (!j || c->pfns[j - 1] != c->pfns[i])
			c->pfns[j++] = c->pfns[i];
	c->npfns = j;
	*runs = xcalloc(j ? j : 1, sizeof(**runs));
	for (i = 0; i < j; i++) {
		if (n && (*runs)[n - 1].off + (*runs)[n - 1].len ==
		    c->pfns[i] * 8) {
			(*runs)[n - 1].len += 8;
			continue;
		}
		(*runs)[n++] = (struct snap_run){ c->pfns[i] * 8, 8 };
	}
	return n;
}

static int put_mapped(struct snap_capture *c, struct kpage *k, int file,
		      const struct snap_run *runs, size_t nruns)
{
	uint64_t *data = xcalloc(c->npfns ? c->npfns : 1, sizeof(*data));
	size_t i, at = 0;
	int rc;

	for (i = 0; i < nruns; i++) {
		size_t n = (size_t)(runs[i].len / 8);

		if (kpage_read_file(k, file, runs[i].off / 8, n, data + at) < 0)
			memset(data + at, 0, n * 8);
		at += n;
	}
	rc = snapw_sparse(c->w, kpage_names[file], nruns ?
			  runs[nruns - 1].off + runs[nruns - 1].len : 0,
			  runs, nruns, data);
	free(data);
	return rc;
}

static int put_frames(struct snap_capture *c)
{
	struct snap_run *runs = NULL;
	size_t nruns = 0;
	struct kpage k;
	int file, rc = 0;

	if (c->frames == SNAP_FRAMES_NONE)
		return 0;
	kpage_open(&k, c->proc, KPAGE_FLAGS | KPAGE_COUNT | KPAGE_CGROUP);
	if (c->frames == SNAP_FRAMES_MAPPED)
		nruns = pfn_runs(c, &runs);
	for (file = 0; file < 3 && !rc; file++) {
		ssize_t end;

		if (!(k.avail & (1U << file)))
			continue;
		if (c->frames == SNAP_FRAMES_MAPPED) {
			rc = put_mapped(c, &k, file, runs, nruns);
			continue;
		}
		end = kpage_file_end(&k, file);
		if (end > 0)
			rc = snapw_stream(c->w, kpage_names[file], k.fd[file],
					  (uint64_t)end * 8);
	}
	free(runs);
	kpage_close(&k);
	return rc;
}

int snapcap_machine(struct snap_capture *c)
{
	char *sysroot = sysfs_root_for(procfs_is_live(c->proc) ? NULL :
				       c->proc->root);
	int rc = put_machine_files(c);

	if (sysroot) {
		rc |= put_nodes(c, sysroot);
		rc |= put_cgroups(c, sysroot);
	}
	free(sysroot);
	rc |= put_frames(c);
	fflush(c->changes);
	if (c->changes_len)
		rc |= snapw_file(c->w, "changes", c->changes_buf,
				 c->changes_len);
	return rc ? -1 : 0;
}
