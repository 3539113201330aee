// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Corrupt copies of an ELF64 file for the elf tests:
 *   elfcorrupt IN OUT truncate|shoff|shsize|magic
 * truncate: the first half only; shoff: e_shoff far past the end;
 * shsize: the first allocated PROGBITS section claims 2^60 bytes;
 * magic: no ELF magic.
 */
#include <elf.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		err(1, "%s", path);
	buf = malloc((size_t)len);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len)
		err(1, "%s", path);
	fclose(f);
	*n = (size_t)len;
	return buf;
}

static void huge_section(unsigned char *buf, size_t n)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	size_t i;

	for (i = 0; i < eh->e_shnum; i++) {
		size_t at = eh->e_shoff + i * sizeof(Elf64_Shdr);
		Elf64_Shdr sh;

		if (at + sizeof(sh) > n)
			break;
		memcpy(&sh, buf + at, sizeof(sh));
		if (sh.sh_type == SHT_PROGBITS && (sh.sh_flags & SHF_ALLOC)) {
			sh.sh_size = 1ULL << 60;
			memcpy(buf + at, &sh, sizeof(sh));
			return;
		}
	}
	errx(1, "no allocated PROGBITS section");
}

int main(int argc, char **argv)
{
	unsigned char *buf;
	size_t n;
	FILE *out;

	if (argc != 4)
		errx(64, "usage: elfcorrupt IN OUT truncate|shoff|shsize|magic");
	buf = slurp(argv[1], &n);
	if (n < sizeof(Elf64_Ehdr) || memcmp(buf, ELFMAG, SELFMAG) ||
	    buf[EI_CLASS] != ELFCLASS64)
		errx(77, "%s: not an ELF64 file", argv[1]);
	if (!strcmp(argv[3], "truncate"))
		n /= 2;
	else if (!strcmp(argv[3], "shoff"))
		((Elf64_Ehdr *)buf)->e_shoff = 0x7fffffff0000ULL;
	else if (!strcmp(argv[3], "shsize"))
		huge_section(buf, n);
	else if (!strcmp(argv[3], "magic"))
		buf[1] = 'X';
	else
		errx(64, "unknown corruption: '%s'", argv[3]);
	out = fopen(argv[2], "wb");
	if (!out || fwrite(buf, 1, n, out) != n || fclose(out))
		err(1, "%s", argv[2]);
	free(buf);
	return 0;
}
