// SPDX-License-Identifier: GPL-2.0-or-later
/* The note parser and the page placement of elfres, on made-up images. */
#include "config.h"

#include <check.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/elfimage.h"
#include "read/kpf.h"
#include "walk/elfres.h"
#include "suites.h"

static size_t put_note(unsigned char *p, uint32_t type, const char *name,
		       const unsigned char *desc, uint32_t descsz)
{
	uint32_t namesz = (uint32_t)strlen(name) + 1;
	size_t at = 12;

	memcpy(p, &namesz, 4);
	memcpy(p + 4, &descsz, 4);
	memcpy(p + 8, &type, 4);
	memcpy(p + at, name, namesz);
	at += (namesz + 3) & ~3U;
	memcpy(p + at, desc, descsz);
	return at + ((descsz + 3) & ~3U);
}

START_TEST(note_found_after_other)
{
	unsigned char buf[256] = { 0 }, id[4] = { 0xde, 0xad, 0xbe, 0xef };
	char hex[2 * ELF_BUILD_ID_MAX + 1];
	size_t n;

	n = put_note(buf, NT_GNU_ABI_TAG, "GNU", id, 4);
	n += put_note(buf + n, NT_GNU_BUILD_ID, "GNU", id, 4);
	ck_assert_int_eq(elf_note_build_id(buf, n, 4, false, hex, sizeof(hex)),
			 4);
	ck_assert_str_eq(hex, "deadbeef");
}
END_TEST

START_TEST(note_hostile_lengths)
{
	unsigned char buf[64] = { 0 }, id[4] = { 1, 2, 3, 4 };
	char hex[2 * ELF_BUILD_ID_MAX + 1];
	uint32_t big = 0xfffffff0;
	size_t n = put_note(buf, NT_GNU_BUILD_ID, "GNU", id, 4);

	/* Truncated, absurd descsz, absurd namesz: none, no overread. */
	ck_assert_int_eq(elf_note_build_id(buf, n - 1, 4, false, hex, 99), 0);
	memcpy(buf + 4, &big, 4);
	ck_assert_int_eq(elf_note_build_id(buf, n, 4, false, hex, 99), 0);
	memcpy(buf, &big, 4);
	ck_assert_int_eq(elf_note_build_id(buf, n, 4, false, hex, 99), 0);
	ck_assert_int_eq(elf_note_build_id(buf, 5, 4, false, hex, 99), 0);
}
END_TEST

/* A data segment: file bytes 0x2000-0x2800 at 0x3000, memsz 0x2000. */
static struct elf_seg seg = { 0x2000, 0x3000, 0x800, 0x2000, 0x1000, PF_R | PF_W };
static struct elf_sect sects[] = {
	{ (char *)".data", 0x2000, 0x3000, 0x400, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE },
	{ (char *)".got", 0x2400, 0x3400, 0x100, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE },
	{ (char *)".tbss", 0x2800, 0x3800, 0x100, SHT_NOBITS, SHF_ALLOC | SHF_TLS },
	{ (char *)".bss", 0x2800, 0x3800, 0x1800, SHT_NOBITS, SHF_ALLOC | SHF_WRITE },
};

START_TEST(split_by_bytes)
{
	struct elf_image img = { .segs = &seg, .nsegs = 1, .sects = sects,
				 .nsects = 4 };
	struct vma file = { .start = 0x10003000, .end = 0x10004000,
			    .offset = 0x2000 };
	struct vma anon = { .start = 0x10004000, .end = 0x10005000 };
	const struct vma *vs[] = { &file };
	struct page_rec r = { .pm = PM_PRESENT | 1, .has_kpage = true,
			      .ki = { KPF(ANON), 2, 0 } };
	struct elfres res;
	uint64_t sum = 0;
	size_t i;

	elfres_init(&res, &img, 0x1000);
	ck_assert(elfres_set_bias(&res, vs, 1));
	ck_assert_uint_eq(res.bias, 0x10000000);
	r.addr = file.start;
	r.v = &file;
	elfres_add(&res, &r, true);
	r.addr = anon.start;
	r.v = &anon;
	r.ki.flags = KPF(ANON);
	elfres_add(&res, &r, false);
	ck_assert_uint_eq(res.total.rss, 0x2000);
	ck_assert_uint_eq(res.sect[0].rss, 0x400);
	ck_assert_uint_eq(res.sect[1].rss, 0x100);
	ck_assert_uint_eq(res.sect[2].rss, 0);	/* .tbss takes no room */
	ck_assert_uint_eq(res.sect[3].rss, 0x1800);
	ck_assert_uint_eq(res.gaps.rss, 0x300);
	/* COW: the file page only; the .bss page was anonymous anyway. */
	ck_assert_uint_eq(res.sect[0].cow, 0x400);
	ck_assert_uint_eq(res.sect[3].cow, 0x800);
	for (i = 0; i < 4; i++)
		sum += res.sect[i].rss;
	ck_assert_uint_eq(sum + res.gaps.rss, res.total.rss);
	ck_assert_uint_eq(pss_bytes(res.total.pss_fp), 0x1000);
	ck_assert_uint_eq(res.total.uss, 0);
	elfres_free(&res);
}
END_TEST

/*
 * An image with 60,000 allocated sections (SHT_NOBITS: no data in the
 * file) is read whole, in time: the array of sections doubles as it grows
 * (one element at a time took 70 s under ASan).
 */
START_TEST(many_sections)
{
	enum { N = 60000 };
	size_t nsh = N + 2, i;
	size_t size = sizeof(Elf64_Ehdr) + nsh * sizeof(Elf64_Shdr) + 16;
	unsigned char *buf = calloc(1, size);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	Elf64_Shdr *sh = (Elf64_Shdr *)(buf + sizeof(*eh));
	char path[] = "/tmp/vmascope-elf.XXXXXX";
	struct elf_image img;
	int fd = mkstemp(path);

	ck_assert_ptr_nonnull(buf);
	ck_assert_int_ge(fd, 0);
	unlink(path);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_DYN;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_ehsize = sizeof(*eh);
	eh->e_shoff = sizeof(*eh);
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = (uint16_t)nsh;
	eh->e_shstrndx = (uint16_t)(nsh - 1);
	for (i = 1; i <= N; i++) {
		sh[i].sh_type = SHT_NOBITS;
		sh[i].sh_flags = SHF_ALLOC;
		sh[i].sh_addr = (N - i) * 16;	/* sorted by address later */
		sh[i].sh_size = 16;
	}
	sh[nsh - 1].sh_type = SHT_STRTAB;
	sh[nsh - 1].sh_offset = size - 16;
	sh[nsh - 1].sh_size = 16;
	ck_assert(write(fd, buf, size) == (ssize_t)size);
	ck_assert_int_eq(elfimage_read(fd, &img), 0);
	ck_assert_uint_eq(img.nsects, N);
	for (i = 1; i < img.nsects; i++)
		ck_assert_uint_lt(img.sects[i - 1].addr, img.sects[i].addr);
	elfimage_free(&img);
	close(fd);
	free(buf);
}
END_TEST

Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("notes");

	tcase_add_test(tc, note_found_after_other);
	tcase_add_test(tc, note_hostile_lengths);
	suite_add_tcase(s, tc);
	tc = tcase_create("placement");
	tcase_add_test(tc, split_by_bytes);
	suite_add_tcase(s, tc);
	tc = tcase_create("image");
	tcase_add_test(tc, many_sections);
	suite_add_tcase(s, tc);
	return s;
}
