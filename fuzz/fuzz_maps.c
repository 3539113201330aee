// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maps/smaps parser: every line through maps_is_header,
 * maps_parse_header and smaps_parse_field; the whole input through the
 * streaming reader. A header that parses must come back the same after
 * maps_write_line (the --format maps round trip).
 *
 * fuzz-seeds: tests/golden/corpus
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "lib/util.h"
#include "read/maps.h"

static bool same_header(const struct vma *a, const struct vma *b)
{
	return a->start == b->start && a->end == b->end &&
	       a->offset == b->offset && a->inode == b->inode &&
	       a->major == b->major && a->minor == b->minor &&
	       a->perms == b->perms && a->deleted == b->deleted &&
	       a->namelen == b->namelen && !a->name == !b->name &&
	       (!a->namelen || !memcmp(a->name, b->name, a->namelen));
}

/* Write v, parse the line back and compare. */
static void round_trip(const struct vma *v, enum maps_layout layout)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct vma back;
	const char *why;

	FUZZ_CHECK(f);
	FUZZ_CHECK(maps_write_line(f, v, layout) == 0);
	FUZZ_CHECK(fclose(f) == 0);
	FUZZ_CHECK(len > 0 && buf[len - 1] == '\n');
	FUZZ_CHECK(maps_is_header(buf, len - 1));
	FUZZ_CHECK(maps_parse_header(buf, len - 1, &back, &why) == 0);
	FUZZ_CHECK(same_header(v, &back));
	free(buf);
}

static void one_line(const char *line, size_t len, struct smaps_data *s)
{
	struct vma v;
	const char *why = NULL;
	int i;

	(void)maps_is_header(line, len);
	if (maps_parse_header(line, len, &v, &why) == 0) {
		FUZZ_CHECK(v.end > v.start);
		FUZZ_CHECK(!v.name || (v.name >= line &&
				       v.name + v.namelen <= line + len));
		round_trip(&v, MAPS_LAYOUT_64);
		round_trip(&v, MAPS_LAYOUT_32);
		FUZZ_CHECK(v.kind == vma_classify(&v));
	} else {
		FUZZ_CHECK(why && *why);
	}
	why = NULL;
	if (smaps_parse_field(line, len, s, &why))
		FUZZ_CHECK(why && *why);
	for (i = 0; i < SMAPS_NKEYS; i++)
		if (smaps_has(s, i))
			FUZZ_CHECK(smaps_bytes(s, i) / 1024 == s->kb[i]);
}

static void each_line(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct smaps_data s = { 0 };

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		/* A copy of just the line: reads past it are caught. */
		char *line = xmemdup(p, n);

		one_line(line, n, &s);
		free(line);
		p += n + 1;
	}
	free(s.vmflags);
}

static void stream(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "r");
	struct vma_list l = { 0 };
	struct maps_reader *r;
	struct vma v;
	size_t i;
	int rc;

	if (!f)
		return;		/* size 0 on old C libraries */
	r = maps_reader_new(f, "fuzz");
	while ((rc = maps_reader_next(r, &v)) > 0) {
		FUZZ_CHECK(v.end > v.start);
		round_trip(&v, maps_reader_layout(r));
		*vma_list_add(&l) = v;
	}
	if (rc < 0)
		FUZZ_CHECK(!strncmp(maps_reader_error(r), "fuzz:", 5));
	(void)maps_reader_is_smaps(r);
	maps_reader_free(r);
	fclose(f);

	vma_list_sort(&l);
	for (i = 0; i < l.n; i++) {
		FUZZ_CHECK(!i || l.v[i - 1].start <= l.v[i].start);
		(void)vma_kind_name(l.v[i].kind);
		(void)vma_list_find(&l, l.v[i].start);
		(void)vma_list_find(&l, l.v[i].end);
	}
	vma_list_free(&l);
}

FUZZ_TARGET(maps)
{
	each_line(data, size);
	stream(data, size);
	return 0;
}
