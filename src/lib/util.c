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
	size_to_human_n(bytes, buf, len);
	return buf;
}

/*
 * The longest text: whole is below 1024 but in the largest unit (E),
 * where it is below 16, so four digits, a decimal and the unit.
 */
#define HUMAN_MAX 7

size_t size_to_human_n(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "BKMGTPE";
	unsigned int exp = 0;
	uint64_t whole = bytes, frac = 0;
	char tmp[2 * NUMFMT_MAX], *o;
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
	/* Into buf when it has room for any (a table: a few per row). */
	o = len > HUMAN_MAX ? buf : tmp;
	/* By hand, not snprintf: a table has a few of these per row. */
	n = fmt_dec(o, whole);
	if (frac) {
		o[n++] = '.';
		o[n++] = (char)('0' + frac);
	}
	o[n++] = units[exp];
	if (!len)
		return 0;
	if (n >= len)	/* cut as snprintf would */
		n = len - 1;
	if (o != buf)
		memcpy(buf, tmp, n);
	buf[n] = '\0';
	return n;
}
