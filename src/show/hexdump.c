// SPDX-License-Identifier: GPL-2.0-or-later
/* Bytes as hexdump -C shows them. */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "show/hexdump.h"

static void line(FILE *f, const unsigned char *p, size_t n, uint64_t addr)
{
	size_t i;

	fprintf(f, "%016" PRIx64 " ", addr);
	for (i = 0; i < 16; i++) {
		if (i == 8)
			fputc(' ', f);
		if (i < n)
			fprintf(f, " %02x", p[i]);
		else
			fputs("   ", f);
	}
	fputs("  |", f);
	for (i = 0; i < n; i++)
		fputc(p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '.', f);
	fputs("|\n", f);
}

void hexdump(FILE *f, const unsigned char *buf, size_t n, uint64_t addr)
{
	bool squeezed = false;
	size_t off;

	for (off = 0; off < n; off += 16) {
		size_t len = n - off < 16 ? n - off : 16;

		if (off && len == 16 && !memcmp(buf + off, buf + off - 16, 16)) {
			if (!squeezed)
				fputs("*\n", f);
			squeezed = true;
			continue;
		}
		squeezed = false;
		line(f, buf + off, len, addr + off);
	}
	fprintf(f, "%016" PRIx64 "\n", addr + n);
}
