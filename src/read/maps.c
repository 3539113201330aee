// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/PID/maps and smaps lines: parsed into VMA records (mapsreader.c
 * reads the files) and written back in the kernel's own layout
 * (fs/proc/task_mmu.c, show_vma_header_prefix).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/maps.h"

static const char deleted_suffix[] = " (deleted)";

/* Bytes of the line not yet consumed. */
struct cursor {
	const char *p, *end;
};

/* Bytes up to a or b (or a NUL, as strchr would stop at). */
static size_t span(const struct cursor *c, char a, char b)
{
	const char *q = c->p;

	while (q < c->end && *q != a && *q != b && *q)
		q++;
	return (size_t)(q - c->p);
}

/* Each hex digit's value + 1; 0 for every other byte. */
static const unsigned char hex_value1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15,
	['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14,
	['E'] = 15, ['F'] = 16,
};

/*
 * A hex field ended by sep (or the line's end when sep is 0): its bytes
 * up to sep or a space (or a NUL), parsed as parse_hex_u64() would in the
 * same pass (a header per VMA: 20,000 of them in a big smaps). No hex
 * digit is a separator, so a digit is taken before the ends are looked
 * for.
 */
static int take_hex(struct cursor *c, char sep, uint64_t *out,
		    const char *what_bad, const char **why)
{
	char stop = sep ? sep : ' ';
	const char *q = c->p;
	bool overflow = false;
	uint64_t v = 0;

	for (; q < c->end; q++) {
		unsigned int d = hex_value1[(unsigned char)*q];

		if (d) {
			overflow |= v >> 60 != 0;
			v = v << 4 | (d - 1);
			continue;
		}
		if (*q == stop || *q == ' ' || !*q)
			break;
		*why = what_bad;
		return -1;
	}
	if (q == c->p || overflow) {
		*why = q == c->p ? what_bad : "number too large";
		return -1;
	}
	*out = v;
	c->p = q;
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

	while (i < len && i < 17 && hex_value1[(unsigned char)line[i]])
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
	n = span(&c, ' ', ' ');
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
	const char *colon, *val;
	size_t klen, vlen, i;
	int key;

	if (smaps_parse_kb_fast(line, len, s))
		return 0;
	colon = memchr(line, ':', len);
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
	/* The keys of other values first: none is in the table of kB keys. */
	if (klen == 7 && !memcmp(line, "VmFlags", 7)) {
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
	} else if ((key = smaps_key_lookup(line, klen)) >= 0) {
		if (take_kb(val, vlen, &s->kb[key])) {
			*why = "bad kB value";
			return -1;
		}
		s->present |= 1ULL << key;
	}
	/* Other keys: newer kernels add fields; they are not errors. */
	return 0;
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
