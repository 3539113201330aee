// SPDX-License-Identifier: GPL-2.0-or-later
/* Decimal and hex numbers into a buffer, by hand (see numfmt.h). */
#include "config.h"

#include "lib/numfmt.h"

/* Two decimal digits at a time: half the divisions. */
static const char pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

size_t fmt_dec(char *buf, uint64_t v)
{
	char tmp[NUMFMT_MAX];
	size_t n = 0, i;

	while (v >= 100) {
		unsigned int r = (unsigned int)(v % 100);

		v /= 100;
		tmp[n++] = pairs[2 * r + 1];
		tmp[n++] = pairs[2 * r];
	}
	if (v >= 10) {
		tmp[n++] = pairs[2 * v + 1];
		tmp[n++] = pairs[2 * v];
	} else {
		tmp[n++] = (char)('0' + v);
	}
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

size_t fmt_hex(char *buf, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	size_t n = 1, i;
	uint64_t t = v;

	while (t >>= 4)
		n++;
	for (i = n; i > 0; i--, v >>= 4)
		buf[i - 1] = digits[v & 15];
	buf[n] = '\0';
	return n;
}
