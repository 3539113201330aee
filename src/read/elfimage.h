/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ELFIMAGE_H
#define VMS_ELFIMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * What vmascope needs of an ELF file, read with libelf from an open file:
 * its PT_LOAD segments, its allocated sections and its build-id. Every
 * offset and size is checked against the file before it is used: a
 * hostile file gives "corrupt", never a crash or a misread.
 */

/* Longest build-id kept (bytes); GNU uses 20 (sha1) or 16 (md5, uuid). */
#define ELF_BUILD_ID_MAX 64

enum elfimage_status {
	ELFIMG_OK,
	ELFIMG_NOT_ELF,		/* no ELF magic */
	ELFIMG_CORRUPT,		/* ELF, but parts could not be trusted */
};

struct elf_seg {
	uint64_t offset, vaddr, filesz, memsz, align;
	uint32_t flags;		/* PF_R | PF_W | PF_X */
};

struct elf_sect {
	char *name;
	uint64_t offset, addr, size;
	uint32_t type;		/* SHT_*: SHT_NOBITS has no bytes in the file */
	uint64_t flags;		/* SHF_* */
};

struct elf_image {
	enum elfimage_status status;
	char *why;		/* what was corrupt: the one warning */
	uint64_t file_size;
	char build_id[2 * ELF_BUILD_ID_MAX + 1];	/* hex, "" if none */
	/* The PT_NOTE the id came from, to read it again from memory. */
	uint64_t note_vaddr, note_size, note_align;
	bool note_in_seg;
	struct elf_seg *segs;	/* PT_LOAD only, in program header order */
	size_t nsegs;
	struct elf_sect *sects;	/* SHF_ALLOC only, by address */
	size_t nsects;
};

/*
 * Opens libelf (libelf.so.1, not linked; lib/dl.h): 0, or -1 said on
 * stderr, naming what (a command, a column) as what needed it. A command
 * that reads ELF files calls it first; elfimage_read() opens it too, and
 * returns -ELIBACC without it.
 */
int vms_elf_open(const char *what);

/*
 * Read the image in fd (not closed). Returns 0 with img->status set, or
 * -errno when the file cannot be read at all.
 */
int elfimage_read(int fd, struct elf_image *img);
void elfimage_free(struct elf_image *img);

/*
 * The GNU build-id of the ELF file in fd as lower-case hex into hex (len
 * bytes, 2 * ELF_BUILD_ID_MAX + 1 hold any). Returns the number of id
 * bytes, 0 when the file has none, or -1 when it is not a readable ELF
 * file. For `share --by image` and anyone else who needs just the id.
 */
int elf_build_id(int fd, char *hex, size_t len);

/*
 * The NT_GNU_BUILD_ID in the bytes of a note area (PT_NOTE or SHT_NOTE;
 * align 4 or 8, as the area's p_align says), as hex into hex. Returns the
 * id's length in bytes, or 0 when the area holds none (or is malformed).
 */
int elf_note_build_id(const void *notes, size_t size, size_t align,
		      bool big_endian, char *hex, size_t len);

#endif
