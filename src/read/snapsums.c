// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A snapshot's end record: the CRC-32 of every entry, listed in the order
 * they were written, and the CRC-32 of that list. Each entry's CRC is
 * computed as it is extracted (snapread.c) and compared here, so bytes
 * changed inside an entry are named even where the archive around them is
 * intact.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/archive-dl.h"
#include "lib/crc.h"
#include "lib/util.h"
#include "read/snapextract.h"

/* The end record's list can be no longer than this. */
#define END_MAX ((la_int64_t)256 << 20)

/* Exactly 8 lower-case hexadecimal digits at p. */
static int parse_crc(const char *p, uint32_t *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < 8; i++) {
		const char *d = strchr("0123456789abcdef", p[i]);

		if (!p[i] || !d)
			return -1;
		*v = *v << 4 | (uint32_t)(d - "0123456789abcdef");
	}
	return 0;
}

/* "sum CRC", the last line, is the CRC-32 of the lines before it. */
static int check_end_sum(const char *buf, size_t len, size_t *body)
{
	const char *last;
	uint32_t want;

	/* "sum " and 8 digits and the newline */
	if (len < 13 || buf[len - 1] != '\n')
		return -1;
	last = buf + len - 13;
	if ((last > buf && last[-1] != '\n') || strncmp(last, "sum ", 4) ||
	    parse_crc(last + 4, &want))
		return -1;
	*body = (size_t)(last - buf);
	return crc_data(0, buf, *body) == want ? 0 : -1;
}

/* Line i of the list: "CRC NAME", for the entry extracted i-th. */
static int check_sum_line(struct extract *x, const struct entry_sum *s,
			  const char **p, const char *end)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t n = strlen(s->name);
	char buf[512];
	uint32_t want;

	if (!nl || nl - *p != (ptrdiff_t)(9 + n) || parse_crc(*p, &want) ||
	    (*p)[8] != ' ' || memcmp(*p + 9, s->name, n))
		return snapx_bad(x, "corrupt snapshot: the end record does not "
			   "match the entries read");
	*p = nl + 1;
	if (want != s->crc)
		return snapx_bad(x, "corrupt snapshot: entry '%s' does not match its "
			   "checksum (CRC-32 %08" PRIx32 ", the end record says "
			   "%08" PRIx32 ")", snapx_shown(s->name, buf, sizeof(buf)),
			   s->crc, want);
	return 0;
}

/*
 * "entries N", then each entry's "CRC NAME" in order, then "sum CRC" of
 * the lines before it (see snapshot.h).
 */
static int check_end_text(struct extract *x, const char *buf, size_t len)
{
	const char *p = buf, *end;
	char want[64];
	size_t body, i, n;

	if (check_end_sum(buf, len, &body))
		return snapx_bad(x, "corrupt snapshot: the end record does not match "
			   "its own checksum");
	end = buf + body;
	n = (size_t)snprintf(want, sizeof(want), "entries %lu\n", x->entries);
	if (body < n || memcmp(p, want, n) || x->nsums != x->entries)
		return snapx_bad(x, "corrupt snapshot: the end record does not "
			   "match the entries read");
	p += n;
	for (i = 0; i < x->nsums; i++)
		if (check_sum_line(x, &x->sums[i], &p, end))
			return -1;
	if (p != end)
		return snapx_bad(x, "corrupt snapshot: the end record does not "
			   "match the entries read");
	return 0;
}

int snapx_check_end(struct extract *x, struct archive_entry *e)
{
	la_int64_t size = archive_entry_size(e);
	char *buf;
	size_t got = 0;
	int rc;

	if (archive_entry_filetype(e) != AE_IFREG || size <= 0 ||
	    size > END_MAX)
		return snapx_bad(x, "corrupt snapshot: bad end record");
	buf = xmalloc((size_t)size);
	while (got < (size_t)size) {
		la_ssize_t n = archive_read_data(x->a, buf + got,
						 (size_t)size - got);

		if (n <= 0) {
			free(buf);
			return snapx_corrupt(x);
		}
		got += (size_t)n;
	}
	rc = check_end_text(x, buf, got);
	free(buf);
	if (!rc)
		x->end = true;
	return rc;
}

/* The entry just extracted, as the end record must list it. */
void snapx_note_sum(struct extract *x, const char *name)
{
	if (x->nsums == x->capsums) {
		x->capsums = x->capsums ? 2 * x->capsums : 256;
		x->sums = xreallocarray(x->sums, x->capsums, sizeof(*x->sums));
	}
	x->sums[x->nsums].name = xstrdup(name);
	x->sums[x->nsums++].crc = x->crc;
}

void snapx_free_sums(struct extract *x)
{
	size_t i;

	for (i = 0; i < x->nsums; i++)
		free(x->sums[i].name);
	free(x->sums);
}
