// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The manifest of a snapshot: "KEY VALUE" lines after a first line that
 * names the format and its version. Keys a reader does not know are
 * ignored (a later vmascope may add some without a new format); a newer
 * format version is refused.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/snapshot.h"

static const char *const frames_names[] = {
	[SNAP_FRAMES_MAPPED] = "mapped",
	[SNAP_FRAMES_ALL] = "all",
	[SNAP_FRAMES_NONE] = "none",
};

const char *snap_frames_name(enum snap_frames f)
{
	return frames_names[f];
}

int snap_frames_parse(const char *s, enum snap_frames *f)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(frames_names); i++)
		if (!strcmp(s, frames_names[i])) {
			*f = (enum snap_frames)i;
			return 0;
		}
	return -1;
}

static void copy_value(char *dst, size_t cap, const char *v, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

/* One "KEY VALUE" line; unknown keys are left alone. */
static int parse_line(const char *key, size_t klen, const char *v, size_t n,
		      struct snap_manifest *m)
{
	uint64_t u;
	char tmp[32];

#define KEY(k) (klen == sizeof(k) - 1 && !memcmp(key, k, klen))
	if (KEY("version"))
		copy_value(m->version, sizeof(m->version), v, n);
	else if (KEY("kernel"))
		copy_value(m->kernel, sizeof(m->kernel), v, n);
	else if (KEY("machine"))
		copy_value(m->machine, sizeof(m->machine), v, n);
	else if (KEY("page-size"))
		return parse_dec_u64(v, n, &m->page_size) ? -1 : 0;
	else if (KEY("time")) {
		if (parse_dec_u64(v, n, &u) || u > INT64_MAX)
			return -1;
		m->time = (int64_t)u;
	} else if (KEY("frames")) {
		copy_value(tmp, sizeof(tmp), v, n);
		return snap_frames_parse(tmp, &m->frames);
	}
#undef KEY
	return 0;
}

int snap_manifest_parse(const char *text, size_t len,
			struct snap_manifest *m, const char **why)
{
	const char *p = text, *end = text + len;
	size_t mlen = strlen(SNAP_MAGIC);
	uint64_t fmt;

	memset(m, 0, sizeof(*m));
	m->frames = SNAP_FRAMES_NONE;
	*why = "not a vmascope snapshot (bad manifest)";
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *sp = memchr(p, ' ', n);

		if (!sp)
			return -1;
		if (p == text) {
			if ((size_t)(sp - p) != mlen || memcmp(p, SNAP_MAGIC, mlen) ||
			    parse_dec_u64(sp + 1, (size_t)(p + n - sp - 1), &fmt))
				return -1;
			m->format = fmt > 1000000 ? 1000000 : (unsigned int)fmt;
		} else if (parse_line(p, (size_t)(sp - p), sp + 1,
				      (size_t)(p + n - sp - 1), m)) {
			return -1;
		}
		p += n + 1;
	}
	if (!m->format || !m->page_size || !m->machine[0])
		return -1;
	*why = NULL;
	return 0;
}

int snap_manifest_of(const struct procfs *p, struct snap_manifest *m)
{
	int fd = procfs_openat(p, 0, "../manifest");
	char buf[8192];
	const char *why;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0)
		return -1;
	return snap_manifest_parse(buf, (size_t)n, m, &why);
}

int snap_need_all_frames(const struct procfs *p, const char *cmd)
{
	struct snap_manifest m;

	if (snap_manifest_of(p, &m) || m.frames == SNAP_FRAMES_ALL)
		return 0;
	warnx("a snapshot taken with --frames %s: %s needs all the frames of "
	      "the machine (snapshot --frames all)", snap_frames_name(m.frames),
	      cmd);
	return -1;
}
