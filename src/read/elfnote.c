// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ELF notes, parsed from raw bytes with every length checked: the same
 * code reads the notes of a file and, for the mapped-copy check, of
 * process memory.
 */
#include "config.h"

#include <byteswap.h>
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "read/elfimage.h"

static uint32_t get32(const unsigned char *p, bool big_endian)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return big_endian ? v : bswap_32(v);
#else
	return big_endian ? bswap_32(v) : v;
#endif
}

static size_t pad(uint64_t n, size_t align)
{
	return (size_t)((n + align - 1) & ~(uint64_t)(align - 1));
}

static int to_hex(const unsigned char *id, size_t n, char *hex, size_t len)
{
	size_t i;

	if (!n || n > ELF_BUILD_ID_MAX || len < 2 * n + 1)
		return 0;
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", id[i]);
	return (int)n;
}

int elf_note_build_id(const void *notes, size_t size, size_t align,
		      bool big_endian, char *hex, size_t len)
{
	const unsigned char *p = notes;
	size_t at = 0;

	if (align != 8)
		align = 4;
	while (size - at >= 12) {
		uint32_t namesz = get32(p + at, big_endian);
		uint32_t descsz = get32(p + at + 4, big_endian);
		uint32_t type = get32(p + at + 8, big_endian);
		size_t name = at + 12;
		size_t desc, next;

		/* Lengths are 32-bit: the sums below cannot overflow. */
		if (pad(namesz, align) > size - name)
			return 0;
		desc = name + pad(namesz, align);
		if (pad(descsz, align) > size - desc)
			return 0;
		next = desc + pad(descsz, align);
		if (type == NT_GNU_BUILD_ID && namesz == sizeof(ELF_NOTE_GNU) &&
		    !memcmp(p + name, ELF_NOTE_GNU, sizeof(ELF_NOTE_GNU)))
			return to_hex(p + desc, descsz, hex, len);
		at = next;
	}
	return 0;
}
