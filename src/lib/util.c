// SPDX-License-Identifier: GPL-2.0-or-later
/* Allocation that cannot fail, number parsing, size and UTF-8 helpers. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/numfmt.h"
#include "lib/util.h"

static void oom(void)
{
	errx(VMS_EXIT_FAILURE, "out of memory");
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	p = reallocarray(p, n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

char *xmemdup(const void *p, size_t n)
{
	char *s = xmalloc(n + 1);

	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

int xasprintf(char **strp, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(strp, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	return n;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int parse_hex_u64(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	bool overflow = false;
	size_t i;

	if (!len)
		return -EINVAL;
	/* A non-digit after an overflow is still -EINVAL: not a number. */
	for (i = 0; i < len; i++) {
		int d = hexval(s[i]);

		if (d < 0)
			return -EINVAL;
		if (v >> 60)
			overflow = true;
		v = v << 4 | (uint64_t)d;
	}
	if (overflow)
		return -ERANGE;
	*out = v;
	return 0;
}

int parse_dec_u64(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	bool overflow = false;
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		unsigned int d = (unsigned char)s[i] - '0';

		if (d > 9)
			return -EINVAL;
		if (v > (UINT64_MAX - d) / 10)
			overflow = true;
		v = v * 10 + d;
	}
	if (overflow)
		return -ERANGE;
	*out = v;
	return 0;
}

int parse_user_u64(const char *s, uint64_t *out)
{
	size_t len = strlen(s);

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_hex_u64(s + 2, len - 2, out);
	return parse_dec_u64(s, len, out);
}

char *size_to_human(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "BKMGTPE";
	unsigned int exp = 0;
	uint64_t whole = bytes, frac = 0;
	char tmp[2 * NUMFMT_MAX];
	size_t n;

	while (whole >= 1024 && exp < sizeof(units) - 2) {
		whole >>= 10;
		exp++;
	}
	if (exp) {
		/* One decimal, rounded, from the remainder below the unit. */
		frac = bytes - (whole << (10 * exp));
		frac = (frac * 10 + (1ULL << (10 * exp - 1))) >> (10 * exp);
		if (frac >= 10) {
			whole++;
			frac = 0;
		}
	}
	/* By hand, not snprintf: a table has a few of these per row. */
	n = fmt_dec(tmp, whole);
	if (frac) {
		tmp[n++] = '.';
		tmp[n++] = (char)('0' + frac);
	}
	tmp[n++] = units[exp];
	if (len) {
		if (n >= len)	/* cut as snprintf would */
			n = len - 1;
		memcpy(buf, tmp, n);
		buf[n] = '\0';
	}
	return buf;
}

/* Length of the valid UTF-8 sequence at s, or 0 when there is none. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return s[0] ? 1 : 0;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_seq(p + i, len - i);

		if (!n)
			return false;
		i += n;
	}
	return true;
}

/* C0 and C1 control characters and DEL, as one UTF-8 sequence of n bytes. */
static bool is_control(const unsigned char *p, size_t n, bool c0)
{
	if (n == 1)
		return c0 && (p[0] < 0x20 || p[0] == 0x7f);
	return n == 2 && p[0] == 0xc2 && p[1] < 0xa0;
}

char *name_escape(const char *s, size_t len, const char *special, bool c0)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(len * 4 + 1), *o = out;
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_seq(p + i, len - i), k;

		/* "\\x" itself is escaped, or it would read as an escape. */
		if (n && !is_control(p + i, n, c0) &&
		    !(n == 1 && strchr(special, p[i])) &&
		    !(p[i] == '\\' && i + 1 < len && p[i + 1] == 'x')) {
			memcpy(o, p + i, n);
			o += n;
			i += n;
			continue;
		}
		/* A control character is escaped whole, as libsmartcols does. */
		for (k = 0; k < (n ? n : 1); k++)
			o += sprintf(o, "\\x%02x", p[i + k]);
		i += n ? n : 1;
	}
	*o = '\0';
	return out;
}

char *utf8_escape(const char *s, size_t len)
{
	return name_escape(s, len, "", false);
}
