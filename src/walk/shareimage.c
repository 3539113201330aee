// SPDX-License-Identifier: GPL-2.0-or-later
/* share's images: build-ids read once per file, images found by key. */
#include "config.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/elfimage.h"
#include "walk/shareimage.h"

/*
 * The build-id of the file a VMA maps, read through map_files (the mapped
 * file itself, deleted or in another mount namespace). Each file is read
 * once per run: the answers are kept by device and inode. Linear search:
 * a few hundred files, and only when BUILDID is asked for.
 */
const char *share_file_buildid(struct share *s, const struct procfs *p,
			       pid_t pid, const struct share_vma *v)
{
	char hex[2 * ELF_BUILD_ID_MAX + 1] = "";
	struct share_fileid *id;
	const char *found = NULL;
	size_t i;
	int fd;

	pthread_mutex_lock(&s->ids_lock);
	for (i = 0; i < s->nids && !found; i++)
		if (s->ids[i].inode == v->inode && s->ids[i].major == v->major &&
		    s->ids[i].minor == v->minor)
			found = s->ids[i].hex;
	pthread_mutex_unlock(&s->ids_lock);
	if (found)
		return *found ? found : NULL;
	fd = procfs_open_regular(p, "%d/map_files/%" PRIx64 "-%" PRIx64,
				 (int)pid, v->start, v->end);
	if (fd >= 0 && elf_build_id(fd, hex, sizeof(hex)) < 0)
		hex[0] = '\0';
	if (fd >= 0)
		close(fd);
	pthread_mutex_lock(&s->ids_lock);
	if (s->nids == s->capids) {
		s->capids = s->capids ? s->capids * 2 : 64;
		s->ids = xreallocarray(s->ids, s->capids, sizeof(*s->ids));
	}
	id = &s->ids[s->nids++];
	*id = (struct share_fileid){ v->major, v->minor, v->inode,
				     xstrdup(hex) };
	found = id->hex;
	pthread_mutex_unlock(&s->ids_lock);
	return *found ? found : NULL;
}

static uint64_t hash_str(const char *str)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *str; str++)
		h = (h ^ (unsigned char)*str) * 0x100000001b3ULL;
	return h;
}

static void index_put(uint32_t *index, size_t cap, const char *key,
		      uint32_t id)
{
	size_t i = hash_str(key) & (cap - 1);

	while (index[i])
		i = (i + 1) & (cap - 1);
	index[i] = id + 1;
}

static void index_grow(struct share *s)
{
	size_t cap = s->capindex ? s->capindex * 2 : 1024, i;

	free(s->index);
	s->index = xcalloc(cap, sizeof(*s->index));
	s->capindex = cap;
	for (i = 0; i < s->nimages; i++)
		index_put(s->index, cap, s->images[i].key, (uint32_t)i);
}

/*
 * An image is a file (by build-id when asked and known: the same library
 * in two containers is one image; else device and inode) or a kind of
 * anonymous memory.
 */
static char *image_key(const struct share_vma *v, const char *buildid)
{
	char *key;

	if (buildid)
		xasprintf(&key, "build-id %s", buildid);
	else if (v->inode)
		xasprintf(&key, "%x:%x:%llu", v->major, v->minor,
			  (unsigned long long)v->inode);
	else if (v->name)
		key = xmemdup(v->name, v->namelen);
	else
		key = xstrdup("[anon]");
	return key;
}

uint32_t share_image_of(struct share *s, const struct share_vma *v,
			const char *buildid)
{
	char *key = image_key(v, buildid);
	struct share_image *im;
	size_t i;

	if ((s->nimages + 1) * 2 > s->capindex)
		index_grow(s);
	for (i = hash_str(key) & (s->capindex - 1); s->index[i];
	     i = (i + 1) & (s->capindex - 1)) {
		if (!strcmp(s->images[s->index[i] - 1].key, key)) {
			free(key);
			return s->index[i] - 1;
		}
	}
	if (s->nimages == s->capimages) {
		s->capimages = s->capimages ? s->capimages * 2 : 256;
		s->images = xreallocarray(s->images, s->capimages,
					  sizeof(*s->images));
	}
	im = &s->images[s->nimages];
	memset(im, 0, sizeof(*im));
	im->key = key;
	im->name = v->name ? xmemdup(v->name, v->namelen) : xstrdup("[anon]");
	im->buildid = buildid;
	im->kind = v->kind;
	s->index[i] = (uint32_t)s->nimages + 1;
	return (uint32_t)s->nimages++;
}
