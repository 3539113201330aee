// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The libelf model of one image: PT_LOAD segments, allocated sections,
 * build-id. libelf parses; every offset and size it hands back is still
 * checked against the file's size here before anything relies on it.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/elf-dl.h"
#include "read/elfimage.h"

/* [off, off + size) lies inside a file of fsize bytes. */
static bool in_file(uint64_t off, uint64_t size, uint64_t fsize)
{
	return off <= fsize && size <= fsize - off;
}

/* The first reason wins: one warning per image. */
static void corrupt(struct elf_image *img, const char *why)
{
	img->status = ELFIMG_CORRUPT;
	if (!img->why)
		img->why = xstrdup(why);
}

static bool is_elf_magic(int fd)
{
	unsigned char m[SELFMAG];

	return pread(fd, m, SELFMAG, 0) == SELFMAG &&
	       !memcmp(m, ELFMAG, SELFMAG);
}

static bool big_endian(Elf *elf)
{
	const char *id = elf_getident(elf, NULL);

	return id && id[EI_DATA] == ELFDATA2MSB;
}

/* Build-id of the note area [off, off + size) of the file, if any. */
static void note_area(Elf *elf, struct elf_image *img, uint64_t off,
		      uint64_t size, uint64_t align)
{
	Elf_Data *d;

	if (img->build_id[0] || !size)
		return;
	if (!in_file(off, size, img->file_size)) {
		corrupt(img, "a note lies outside the file");
		return;
	}
	d = elf_getdata_rawchunk(elf, (int64_t)off, size, ELF_T_BYTE);
	if (d && d->d_buf)
		elf_note_build_id(d->d_buf, d->d_size, align, big_endian(elf),
				  img->build_id, sizeof(img->build_id));
}

/*
 * Room for element n of an array that holds n: the array doubles when n
 * reaches a power of two, so an image with 60,000 sections costs 17
 * reallocations, not 60,000.
 */
static void *grow(void *p, size_t n, size_t size)
{
	if (n & (n - 1))
		return p;
	return xreallocarray(p, n ? 2 * n : 1, size);
}

static bool load_ok(const GElf_Phdr *ph, uint64_t fsize)
{
	if (!in_file(ph->p_offset, ph->p_filesz, fsize))
		return false;
	if (ph->p_filesz > ph->p_memsz || ph->p_memsz > UINT64_MAX - ph->p_vaddr)
		return false;
	return !ph->p_align || !(ph->p_align & (ph->p_align - 1));
}

static void add_load(struct elf_image *img, const GElf_Phdr *ph)
{
	struct elf_seg *s;

	img->segs = grow(img->segs, img->nsegs, sizeof(*s));
	s = &img->segs[img->nsegs++];
	s->offset = ph->p_offset;
	s->vaddr = ph->p_vaddr;
	s->filesz = ph->p_filesz;
	s->memsz = ph->p_memsz;
	s->align = ph->p_align;
	s->flags = ph->p_flags;
}

static void read_phdrs(Elf *elf, struct elf_image *img)
{
	size_t n, i;
	GElf_Phdr ph;

	if (elf_getphdrnum(elf, &n)) {
		corrupt(img, "bad program headers");
		return;
	}
	for (i = 0; i < n; i++) {
		if (!gelf_getphdr(elf, (int)i, &ph)) {
			corrupt(img, "bad program headers");
			return;
		}
		if (ph.p_type == PT_NOTE && !img->build_id[0]) {
			note_area(elf, img, ph.p_offset, ph.p_filesz,
				  ph.p_align);
			img->note_in_seg = img->build_id[0];
			img->note_vaddr = ph.p_vaddr;
			img->note_size = ph.p_filesz;
			img->note_align = ph.p_align;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if (!load_ok(&ph, img->file_size)) {
			corrupt(img, "a PT_LOAD segment lies outside the file");
			continue;
		}
		add_load(img, &ph);
	}
}

static bool sect_ok(const GElf_Shdr *sh, uint64_t fsize)
{
	if (sh->sh_size > UINT64_MAX - sh->sh_addr)
		return false;
	return sh->sh_type == SHT_NOBITS ||
	       in_file(sh->sh_offset, sh->sh_size, fsize);
}

static void add_sect(struct elf_image *img, const GElf_Shdr *sh,
		     const char *name)
{
	struct elf_sect *s;

	img->sects = grow(img->sects, img->nsects, sizeof(*s));
	s = &img->sects[img->nsects++];
	s->name = xstrdup(name);
	s->offset = sh->sh_offset;
	s->addr = sh->sh_addr;
	s->size = sh->sh_size;
	s->type = sh->sh_type;
	s->flags = sh->sh_flags;
}

static void drop_sects(struct elf_image *img)
{
	size_t i;

	for (i = 0; i < img->nsects; i++)
		free(img->sects[i].name);
	free(img->sects);
	img->sects = NULL;
	img->nsects = 0;
}

/* One bad section header and none of them is trusted. */
static int read_shdr(Elf *elf, Elf_Scn *scn, size_t strndx,
		     struct elf_image *img)
{
	GElf_Shdr sh;
	const char *name;

	if (!gelf_getshdr(scn, &sh))
		return -1;
	if (sh.sh_type == SHT_NOTE && (sh.sh_flags & SHF_ALLOC))
		note_area(elf, img, sh.sh_offset, sh.sh_size,
			  sh.sh_addralign);
	if (!(sh.sh_flags & SHF_ALLOC))
		return 0;
	if (!sect_ok(&sh, img->file_size))
		return -1;
	name = elf_strptr(elf, strndx, sh.sh_name);
	add_sect(img, &sh, name ? name : "?");
	return 0;
}

static void read_shdrs(Elf *elf, struct elf_image *img)
{
	Elf_Scn *scn = NULL;
	size_t strndx;

	if (elf_getshdrstrndx(elf, &strndx)) {
		corrupt(img, "bad section headers");
		return;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		if (read_shdr(elf, scn, strndx, img)) {
			corrupt(img, "a section lies outside the file");
			drop_sects(img);
			return;
		}
	}
	if (elf_errno())
		corrupt(img, "bad section headers");
}

static int by_addr(const void *a, const void *b)
{
	const struct elf_sect *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* libelf quietly finds no sections behind an e_shoff past the end. */
static bool tables_ok(const GElf_Ehdr *eh, uint64_t fsize)
{
	if (eh->e_phnum && !in_file(eh->e_phoff,
				    (uint64_t)eh->e_phnum * eh->e_phentsize,
				    fsize))
		return false;
	return !eh->e_shoff || in_file(eh->e_shoff, eh->e_shentsize, fsize);
}

static void read_elf(Elf *elf, struct elf_image *img)
{
	GElf_Ehdr eh;

	if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		corrupt(img, "bad ELF header");
		return;
	}
	(void)elf_errno();
	read_phdrs(elf, img);
	if (!tables_ok(&eh, img->file_size)) {
		corrupt(img, "header tables lie outside the file");
		return;
	}
	read_shdrs(elf, img);
	if (img->nsects)
		qsort(img->sects, img->nsects, sizeof(*img->sects), by_addr);
}

int elfimage_read(int fd, struct elf_image *img)
{
	struct stat st;
	Elf *elf;

	memset(img, 0, sizeof(*img));
	if (fstat(fd, &st))
		return -errno;
	img->file_size = (uint64_t)st.st_size;
	if (!is_elf_magic(fd)) {
		img->status = ELFIMG_NOT_ELF;
		return 0;
	}
	/* Said once, by the first to need it (a command opens it first). */
	if (vms_elf_open("reading an ELF file"))
		return -ELIBACC;
	elf_version(EV_CURRENT);
	/* Not READ_MMAP: a file truncated under us must not be SIGBUS. */
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf) {
		corrupt(img, elf_errmsg(-1));
		return 0;
	}
	read_elf(elf, img);
	elf_end(elf);
	return 0;
}

void elfimage_free(struct elf_image *img)
{
	drop_sects(img);
	free(img->segs);
	free(img->why);
	memset(img, 0, sizeof(*img));
}

int elf_build_id(int fd, char *hex, size_t len)
{
	struct elf_image img;
	int n = -1;

	if (elfimage_read(fd, &img) == 0 && img.status != ELFIMG_NOT_ELF &&
	    (img.status == ELFIMG_OK || img.build_id[0])) {
		n = (int)strlen(img.build_id) / 2;
		if (len < 2 * (size_t)n + 1)
			n = -1;
		else
			memcpy(hex, img.build_id, 2 * (size_t)n + 1);
	}
	elfimage_free(&img);
	return n;
}
