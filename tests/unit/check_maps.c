// SPDX-License-Identifier: GPL-2.0-or-later
/* The maps/smaps parser: every line form, malformed input, round trip. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/maps.h"
#include "suites.h"
#include "lib/util.h"

static struct vma parse_ok(const char *line)
{
	struct vma v;
	const char *why = NULL;
	int rc = maps_parse_header(line, strlen(line), &v, &why);

	ck_assert_msg(rc == 0, "'%s': %s", line, why);
	return v;
}

static const char *parse_bad(const char *line, size_t len)
{
	struct vma v;
	const char *why = NULL;

	ck_assert_msg(maps_parse_header(line, len, &v, &why) == -1,
		      "accepted '%.*s'", (int)len, line);
	ck_assert_ptr_nonnull(why);
	return why;
}

static void assert_name(const struct vma *v, const char *name)
{
	ck_assert_uint_eq(v->namelen, strlen(name));
	ck_assert(!memcmp(v->name, name, v->namelen));
}

START_TEST(test_fields)
{
	struct vma v = parse_ok("7f2c4e5a1000-7f2c4e5a3000 r-xs 0001a000 "
				"fd:01 1837261                    "
				"/usr/lib/x86_64-linux-gnu/libc.so.6");

	ck_assert_uint_eq(v.start, 0x7f2c4e5a1000ULL);
	ck_assert_uint_eq(v.end, 0x7f2c4e5a3000ULL);
	ck_assert_uint_eq(v.perms, VMA_READ | VMA_EXEC | VMA_SHARED);
	ck_assert_uint_eq(v.offset, 0x1a000);
	ck_assert_uint_eq(v.major, 0xfd);
	ck_assert_uint_eq(v.minor, 1);
	ck_assert_uint_eq(v.inode, 1837261);
	assert_name(&v, "/usr/lib/x86_64-linux-gnu/libc.so.6");
	ck_assert(!v.deleted);
	ck_assert_int_eq(v.kind, VMA_KIND_FILE);
}
END_TEST

START_TEST(test_widths)
{
	struct vma v = parse_ok("00400000-0040b000 r-xp 00000000 08:01 1 /x");

	ck_assert_uint_eq(v.start, 0x400000);
	v = parse_ok("ffffffffff600000-ffffffffff601000 --xp 00000000 "
		     "00:00 0                  [vsyscall]");
	ck_assert_uint_eq(v.end, 0xffffffffff601000ULL);
	ck_assert_int_eq(v.kind, VMA_KIND_VSYSCALL);
	v = parse_ok("d9200000-100000000 rw-p 00000000 00:00 0 ");
	ck_assert_uint_eq(v.end, 0x100000000ULL);
	ck_assert_ptr_null(v.name);
	ck_assert_int_eq(v.kind, VMA_KIND_ANON);
	/* 57-bit addresses with 5-level paging. */
	v = parse_ok("1fffffffffff000-1fffffffffff1000 rw-p 00000000 "
		     "00:00 0");
	ck_assert_uint_eq(v.start, 0x1fffffffffff000ULL);
	/* Three-digit major and minor, an inode beyond 32 bits. */
	v = parse_ok("1000-2000 r--p 00000000 103:1ff 18446744073709551615 "
		     "/dev/x");
	ck_assert_uint_eq(v.major, 0x103);
	ck_assert_uint_eq(v.minor, 0x1ff);
	ck_assert_uint_eq(v.inode, UINT64_MAX);
}
END_TEST

static const struct {
	const char *name;
	unsigned int perms;
	enum vma_kind kind;
	bool deleted;
	const char *bare;
} kinds[] = {
	{ "[heap]", 0, VMA_KIND_HEAP, false, NULL },
	{ "[stack]", 0, VMA_KIND_STACK, false, NULL },
	{ "[stack:1234]", 0, VMA_KIND_STACK, false, NULL },
	{ "[vdso]", 0, VMA_KIND_VDSO, false, NULL },
	{ "[vvar]", 0, VMA_KIND_VVAR, false, NULL },
	{ "[vvar_vclock]", 0, VMA_KIND_VVAR, false, NULL },
	{ "[vsyscall]", 0, VMA_KIND_VSYSCALL, false, NULL },
	{ "[vectors]", 0, VMA_KIND_SPECIAL, false, NULL },
	{ "[sigpage]", 0, VMA_KIND_SPECIAL, false, NULL },
	{ "[uprobes]", 0, VMA_KIND_SPECIAL, false, NULL },
	{ "[anon:dalvik-main space]", 0, VMA_KIND_ANON_NAMED, false, NULL },
	{ "[anon_shmem:ring]", VMA_SHARED, VMA_KIND_ANON_SHMEM, false, NULL },
	{ "/SYSV000000ea (deleted)", VMA_SHARED, VMA_KIND_SHM, true,
	  "/SYSV000000ea" },
	{ "/memfd:JITCode:QtQml (deleted)", VMA_SHARED, VMA_KIND_MEMFD, true,
	  "/memfd:JITCode:QtQml" },
	{ "/memfd:wayland", VMA_SHARED, VMA_KIND_MEMFD, false, NULL },
	{ "/anon_hugepage (deleted)", VMA_SHARED, VMA_KIND_HUGETLB, true,
	  "/anon_hugepage" },
	{ "/dev/zero (deleted)", VMA_SHARED, VMA_KIND_SHARED_ANON, true,
	  "/dev/zero" },
	{ "/tmp/a file with spaces", 0, VMA_KIND_FILE, false, NULL },
	{ "/tmp/new\\012line (deleted)", 0, VMA_KIND_FILE, true,
	  "/tmp/new\\012line" },
	{ "/usr/lib/libfoo.so (deleted)", 0, VMA_KIND_FILE, true,
	  "/usr/lib/libfoo.so" },
	{ "[rollup]", 0, VMA_KIND_ROLLUP, false, NULL },
};

START_TEST(test_kinds)
{
	char line[256];
	struct vma v;

	snprintf(line, sizeof(line), "10000-20000 rw-%c 00000000 00:05 77 "
		 "                         %s",
		 kinds[_i].perms & VMA_SHARED ? 's' : 'p', kinds[_i].name);
	v = parse_ok(line);
	ck_assert_msg(v.kind == kinds[_i].kind, "%s: kind %s", kinds[_i].name,
		      vma_kind_name(v.kind));
	ck_assert_int_eq(v.deleted, kinds[_i].deleted);
	assert_name(&v, kinds[_i].bare ? kinds[_i].bare : kinds[_i].name);
}
END_TEST

static const struct {
	const char *line;
	const char *why;
} bad_lines[] = {
	{ "", "bad start address" },
	{ "7f00", "bad start address" },
	{ "7f00-", "bad end address" },
	{ "7f00-8f00", "bad end address" },
	{ "7f00-8f00 ", "bad permissions" },
	{ "7f00-8f00 r-", "bad permissions" },
	{ "7f00-8f00 r- 00000000 08:01 1", "bad permissions" },
	{ "7f00-8f00 rwxq 0 08:01 1", "bad permissions" },
	{ "7f00-8f00 rwxp", "bad permissions" },
	{ "7f00-8f00 rwxp ", "bad offset" },
	{ "7f00-8f00 rwxp 0zz 08:01 1", "bad offset" },
	{ "7f00-8f00 rwxp 0 08.01 1", "bad device" },
	{ "7f00-8f00 rwxp 0 08:01", "bad device" },
	{ "7f00-8f00 rwxp 0 08:01 ", "missing inode" },
	{ "7f00-8f00 rwxp 0 08:01 12a /x", "bad inode" },
	{ "7f00-8f00 rwxp 0 08:01 -1", "bad inode" },
	{ "7f00-8f00 rwxp 0 08:01 99999999999999999999", "bad inode" },
	{ "8f00-7f00 rwxp 0 08:01 1", "end address not above start address" },
	{ "7f00-7f00 rwxp 0 08:01 1", "end address not above start address" },
	{ "10000000000000000-2 rwxp 0 08:01 1", "number too large" },
	{ "1-20000000000000000 rwxp 0 08:01 1", "number too large" },
	{ "1-2 rwxp 1ffffffffffffffff 08:01 1", "number too large" },
	{ "1-2 rwxp 0 100000000:01 1", "device number too large" },
	{ "g000-8f00 rwxp 0 08:01 1", "bad start address" },
	{ " 7f00-8f00 rwxp 0 08:01 1", "bad start address" },
};

START_TEST(test_malformed)
{
	const char *why = parse_bad(bad_lines[_i].line,
				    strlen(bad_lines[_i].line));

	ck_assert_msg(!strcmp(why, bad_lines[_i].why), "'%s': got '%s'",
		      bad_lines[_i].line, why);
}
END_TEST

START_TEST(test_binary_garbage)
{
	char line[64] = "1000-2000 rw-p 00000000 00:00 0 /a";
	unsigned int seed = 1;
	int i, j;

	line[33] = '\0';	/* a NUL inside the name */
	ck_assert_str_eq(parse_bad(line, 35), "NUL byte in line");
	for (i = 0; i < 2000; i++) {
		size_t len = (size_t)(rand_r(&seed) % sizeof(line));
		struct vma v;
		const char *why;

		for (j = 0; j < (int)len; j++)
			line[j] = (char)rand_r(&seed);
		/* Must not crash or read past len: ASan checks that. */
		if (maps_parse_header(line, len, &v, &why) == 0)
			ck_assert(v.end > v.start);
	}
}
END_TEST

START_TEST(test_overlong)
{
	size_t n = 1 << 20;
	char *line = xmalloc(n + 64);
	int k = sprintf(line, "1000-2000 r--p 00000000 08:01 5 /");
	struct vma v;
	const char *why;

	memset(line + k, 'a', n);
	ck_assert_int_eq(maps_parse_header(line, (size_t)k + n, &v, &why), 0);
	ck_assert_uint_eq(v.namelen, n + 1);
	free(line);
}
END_TEST

static char *write_line(const struct vma *v, enum maps_layout layout)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_int_eq(maps_write_line(f, v, layout), 0);
	fclose(f);
	return buf;
}

START_TEST(test_write_layouts)
{
	const char *l64 = "7f2c4e5a1000-7f2c4e5a3000 r--p 00000000 fd:01 "
			  "1837261                    /usr/lib/libc.so.6\n";
	const char *l32 = "b6f00000-b6f20000 r-xp 00000000 b3:03 1234       "
			  "/lib/libc.so.6\n";
	const char *anon = "7ffd1000-7ffd2000 rw-p 00000000 00:00 0 \n";
	const char *del = "00001000-00002000 rw-s 00000000 00:01 9"
			  "                                  /dev/zero (deleted)\n";
	struct vma v;
	char *out;

	v = parse_ok("7f2c4e5a1000-7f2c4e5a3000 r--p 00000000 fd:01 1837261 "
		     "/usr/lib/libc.so.6");
	out = write_line(&v, MAPS_LAYOUT_64);
	ck_assert_str_eq(out, l64);
	free(out);
	v = parse_ok("b6f00000-b6f20000 r-xp 00000000 b3:03 1234 "
		     "/lib/libc.so.6");
	out = write_line(&v, MAPS_LAYOUT_32);
	ck_assert_str_eq(out, l32);
	free(out);
	v = parse_ok("7ffd1000-7ffd2000 rw-p 00000000 00:00 0");
	out = write_line(&v, MAPS_LAYOUT_64);
	ck_assert_str_eq(out, anon);
	free(out);
	v = parse_ok("1000-2000 rw-s 0 00:01 9 /dev/zero (deleted)");
	out = write_line(&v, MAPS_LAYOUT_64);
	ck_assert_str_eq(out, del);
	free(out);
}
END_TEST

START_TEST(test_smaps_fields)
{
	struct smaps_data s = { .thp_eligible = -1, .pkey = -1 };
	const char *why;

	ck_assert_int_eq(smaps_parse_field("Rss:                 132 kB", 27,
					   &s, &why), 0);
	ck_assert(smaps_has(&s, SMAPS_RSS));
	ck_assert_uint_eq(smaps_bytes(&s, SMAPS_RSS), 132 * 1024);
	ck_assert_int_eq(smaps_parse_field("THPeligible:    1", 17, &s, &why),
			 0);
	ck_assert_int_eq(s.thp_eligible, 1);
	ck_assert_int_eq(smaps_parse_field("ProtectionKey:         0", 24, &s,
					   &why), 0);
	ck_assert_int_eq(s.pkey, 0);
	ck_assert_int_eq(smaps_parse_field("VmFlags: rd wr mr mw me ac sd ",
					   30, &s, &why), 0);
	ck_assert_str_eq(s.vmflags, "rd wr mr mw me ac sd");
	ck_assert(smaps_has_vmflag(&s, "ac"));
	ck_assert(!smaps_has_vmflag(&s, "a"));
	/* Keys of newer (or other) kernels are tolerated. */
	ck_assert_int_eq(smaps_parse_field("Name:  [anon:x]", 15, &s, &why), 0);
	ck_assert_int_eq(smaps_parse_field("FutureKey:  7 kB", 16, &s, &why),
			 0);
	ck_assert_int_eq(smaps_parse_field("Rss: 12", 7, &s, &why), -1);
	ck_assert_str_eq(why, "bad kB value");
	ck_assert_int_eq(smaps_parse_field("Rss: -1 kB", 10, &s, &why), -1);
	ck_assert_int_eq(smaps_parse_field("no colon", 8, &s, &why), -1);
	ck_assert_int_eq(smaps_parse_field(": 1 kB", 6, &s, &why), -1);
	ck_assert_int_eq(smaps_parse_field("Bad Key: 1", 10, &s, &why), -1);
	free(s.vmflags);
}
END_TEST

/* A kB value whose bytes do not fit in 64 bits would wrap in smaps_bytes. */
START_TEST(test_smaps_kb_overflow)
{
	struct smaps_data s = { 0 };
	const char *why = NULL;
	static const char ok[] = "Rss: 18014398509481983 kB";
	static const char bad[] = "Rss: 18014398509481984 kB";

	ck_assert_int_eq(smaps_parse_field(ok, strlen(ok), &s, &why), 0);
	ck_assert_uint_eq(smaps_bytes(&s, SMAPS_RSS), UINT64_MAX - 1023);
	ck_assert_int_eq(smaps_parse_field(bad, strlen(bad), &s, &why), -1);
	ck_assert_str_eq(why, "bad kB value");
	/* The refused value is not left behind (found by fuzz_maps). */
	ck_assert_uint_eq(s.kb[SMAPS_RSS], 18014398509481983ULL);
}
END_TEST

static int read_text(const char *text, struct vma_list *l, char **err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct maps_reader *r = maps_reader_new(f, "t.maps");
	struct vma v;
	int rc;

	while ((rc = maps_reader_next(r, &v)) > 0)
		*vma_list_add(l) = v;
	*err = rc < 0 ? xstrdup(maps_reader_error(r)) : NULL;
	maps_reader_free(r);
	fclose(f);
	return rc;
}

START_TEST(test_reader_errors)
{
	struct vma_list l = { 0 };
	char *err;

	ck_assert_int_eq(read_text("1000-2000 r--p 0 00:00 0\n"
				   "2000-3000 r--p 0 00.00 0\n", &l, &err), -1);
	ck_assert_str_eq(err, "t.maps:2: bad device");
	ck_assert_uint_eq(l.n, 1);
	free(err);
	vma_list_free(&l);
	ck_assert_int_eq(read_text("Rss: 4 kB\n", &l, &err), -1);
	ck_assert_str_eq(err, "t.maps:1: not a maps line");
	free(err);
	ck_assert_int_eq(read_text("1000-2000 r--p 0 00:00 0\n\n", &l, &err),
			 -1);
	ck_assert_str_eq(err, "t.maps:2: not a maps line nor an smaps field");
	free(err);
	vma_list_free(&l);
}
END_TEST

/*
 * An endless line (--maps-file /dev/zero) took memory until none was
 * left: lines past the cap are an error at their line number. A long
 * name below the cap still reads, and a last line without '\n' counts.
 */
START_TEST(test_reader_long_line)
{
	static const char head[] = "1000-2000 r--p 0 00:00 0\n"
				   "2000-3000 r--p 0 00:00 0 /";
	size_t big = 1024 * 1024, ok = 32 * 1024;
	char *text = xmalloc(sizeof(head) + big + 1);
	struct vma_list l = { 0 };
	char *err;

	memcpy(text, head, sizeof(head) - 1);
	memset(text + sizeof(head) - 1, 'a', big);
	text[sizeof(head) - 1 + big] = '\0';
	ck_assert_int_eq(read_text(text, &l, &err), -1);
	ck_assert_str_eq(err, "t.maps:2: line too long");
	free(err);
	vma_list_free(&l);

	text[sizeof(head) - 1 + ok] = '\0';
	ck_assert_int_eq(read_text(text, &l, &err), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_uint_eq(l.v[1].namelen, ok + 1);
	vma_list_free(&l);
	free(text);
}
END_TEST

START_TEST(test_reader_smaps)
{
	struct vma_list l = { 0 };
	char *err;

	ck_assert_int_eq(read_text(
		"1000-3000 rw-p 00000000 00:00 0 \n"
		"Size:                  8 kB\n"
		"Rss:                   4 kB\n"
		"Locked:                4 kB\n"
		"THPeligible:    0\n"
		"VmFlags: rd wr mr mw me ac lo \n"
		"3000-4000 r--s 00000000 00:0f 3 /anon_hugepage (deleted)\n"
		"VmFlags: rd sh mr mw me ms ht \n", &l, &err), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_uint_eq(smaps_bytes(&l.v[0].smaps, SMAPS_LOCKED), 4096);
	ck_assert_int_eq(l.v[0].smaps.thp_eligible, 0);
	ck_assert_int_eq(l.v[1].kind, VMA_KIND_HUGETLB);
	vma_list_free(&l);
}
END_TEST

/* Size then Rss, twice: Rss is then the key expected after Size. */
static void expect_rss_next(struct smaps_data *s)
{
	const char *why;

	ck_assert_int_eq(smaps_parse_field("Size: 8 kB", 10, s, &why), 0);
	ck_assert_int_eq(smaps_parse_field("Rss: 4 kB", 9, s, &why), 0);
	ck_assert_int_eq(smaps_parse_field("Size: 8 kB", 10, s, &why), 0);
	s->kb[SMAPS_RSS] = 777;
}

/* The fast path takes the lines it should, as the general parse would. */
START_TEST(test_smaps_kb_fast)
{
	static const struct {
		const char *text;
		size_t taken;		/* 0: left to the general parse */
		uint64_t kb;
	} cases[] = {
		{ "Rss:                  12 kB\n", 28, 12 },
		{ "Rss:12 kB\nPss: 1 kB\n", 10, 12 },
		{ "Rss:    9999999999999999 kB\n", 28, 9999999999999999ULL },
		{ "Rss: 12345678901234567 kB\n", 0, 0 },
		{ "Rss:                  12 kB", 0, 0 },	/* no newline */
		{ "Rss:                  12 kB \n", 0, 0 },
		{ "Rss:                  12 kB\r\n", 0, 0 },
		{ "Rss:                     kB\n", 0, 0 },
		{ "Rss:                  1x kB\n", 0, 0 },
		{ "Rss:                  12 KB\n", 0, 0 },
		{ "Rssx:                 12 kB\n", 0, 0 },
		/* not the key expected */
		{ "Pss:                  12 kB\n", 0, 0 },
		{ "Rss ", 0, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct smaps_data s = { 0 };
		const char *t = cases[i].text;
		unsigned long lines = 0;
		size_t n;

		expect_rss_next(&s);
		s.present = 0;
		n = smaps_take_kb_lines(t, strlen(t), &s, &lines);
		ck_assert_msg(n == cases[i].taken, "'%s': took %zu", t, n);
		ck_assert_uint_eq(lines, n != 0);
		ck_assert_uint_eq(s.kb[SMAPS_RSS], n ? cases[i].kb : 777);
		ck_assert(smaps_has(&s, SMAPS_RSS) == (n != 0));
	}
}
END_TEST

/* A run of expected lines is taken in one call, up to the first other. */
START_TEST(test_smaps_kb_run)
{
	static const char run[] = "Rss:   5 kB\nSize:   9 kB\nRss:   6 kB\n"
				  "Size: 1 kB \nRss: 1 kB\n";
	struct smaps_data s = { 0 };
	unsigned long lines = 0;

	expect_rss_next(&s);
	ck_assert_uint_eq(smaps_take_kb_lines(run, strlen(run), &s, &lines),
			  12 + 13 + 12);
	ck_assert_uint_eq(lines, 3);
	ck_assert_uint_eq(s.kb[SMAPS_RSS], 6);
	ck_assert_uint_eq(s.kb[SMAPS_SIZE], 9);
}
END_TEST

/* A line the fast path leaves is the general parse's, with its verdict. */
START_TEST(test_smaps_kb_fast_fallback)
{
	struct smaps_data s = { 0 };
	const char *why;
	static const char long_value[] = "Rss: 12345678901234567 kB";
	static const char spaced[] = "Rss:   12   kB  ";

	expect_rss_next(&s);
	ck_assert_int_eq(smaps_parse_kb_fast(long_value, strlen(long_value),
					     &s), 0);
	ck_assert_int_eq(smaps_parse_field(long_value, strlen(long_value),
					   &s, &why), 0);
	ck_assert_uint_eq(s.kb[SMAPS_RSS], 12345678901234567ULL);
	expect_rss_next(&s);
	ck_assert_int_eq(smaps_parse_kb_fast(spaced, strlen(spaced), &s), 0);
	ck_assert_int_eq(smaps_parse_field(spaced, strlen(spaced), &s, &why),
			 0);
	ck_assert_uint_eq(s.kb[SMAPS_RSS], 12);
	expect_rss_next(&s);
	ck_assert_int_eq(smaps_parse_kb_fast("Rss: 5 kB", 9, &s), 1);
	ck_assert_uint_eq(s.kb[SMAPS_RSS], 5);
}
END_TEST

/* THPeligible and VmFlags lines: taken as the general parse reads them. */
START_TEST(test_smaps_flag_lines)
{
	static const struct {
		const char *text;
		size_t len;
		size_t taken;		/* 0: left to the general parse */
		int thp;		/* -1: not a THPeligible line */
		const char *flags;	/* NULL: not a VmFlags line taken */
	} cases[] = {
		{ "THPeligible:    1\n", 18, 18, 1, NULL },
		{ "THPeligible:0\nVmFlags: rd\n", 26, 14, 0, NULL },
		{ "THPeligible:    1 \n", 19, 0, -1, NULL },
		{ "THPeligible:    \n", 17, 0, -1, NULL },
		{ "THPeligible: 1234567890\n", 24, 0, -1, NULL },
		{ "THPeligible: 7370955169\n", 24, 0, -1, NULL },
		{ "THPeligible: 99999999999999999999\n", 34, 0, -1, NULL },
		{ "THPeligible:    1", 17, 0, -1, NULL },
		{ "VmFlags: rd wr mr mw me ac sd \n", 31, 31, -1,
		  "rd wr mr mw me ac sd" },
		{ "VmFlags:\n", 9, 9, -1, "" },
		{ "VmFlags:    \n", 13, 13, -1, "" },
		{ "VmFlags: rd wr\r\n", 16, 0, -1, NULL },
		{ "VmFlags: rd\0wr\n", 15, 0, -1, NULL },
		{ "VmFlags: rd wr", 14, 0, -1, NULL },
		{ "VmFlagz: rd wr\n", 15, 0, -1, NULL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct smaps_data s = { .thp_eligible = -1, .pkey = -1 };
		size_t n = smaps_take_flag_line(cases[i].text, cases[i].len,
						&s);

		ck_assert_msg(n == cases[i].taken, "case %zu: took %zu", i, n);
		ck_assert_int_eq(s.thp_eligible, cases[i].thp);
		if (cases[i].flags)
			ck_assert_str_eq(s.vmflags, cases[i].flags);
		else
			ck_assert_ptr_null(s.vmflags);
		free(s.vmflags);
	}
}
END_TEST

/* What the flag lines leave, the general parse says (as before). */
START_TEST(test_smaps_flag_lines_general)
{
	struct smaps_data s = { .thp_eligible = -1, .pkey = -1 };
	const char *why;

	ck_assert_int_eq(smaps_parse_field("THPeligible:    1 ", 18, &s, &why),
			 0);
	ck_assert_int_eq(s.thp_eligible, 1);
	ck_assert_int_eq(smaps_parse_field("THPeligible: 1234567890", 23, &s,
					   &why), 0);
	ck_assert_int_eq(s.thp_eligible, 1234567890);
	ck_assert_int_eq(smaps_parse_field("THPeligible: 2147483648", 23, &s,
					   &why), -1);
	ck_assert_int_eq(smaps_parse_field("VmFlags: rd\0wr", 14, &s, &why),
			 -1);
	ck_assert_str_eq(why, "NUL byte in line");
	ck_assert_int_eq(smaps_parse_field("VmFlags: rd wr\r", 15, &s, &why),
			 0);
	ck_assert_str_eq(s.vmflags, "rd wr\r");
	free(s.vmflags);
}
END_TEST

/*
 * Many records, over many of the reader's chunks, in the kernel's layout
 * and in others (a squeezed line, an unknown key, CR LF endings): every
 * value where it belongs.
 */
static char *many_records(size_t n, bool crlf)
{
	const char *nl = crlf ? "\r\n" : "\n";
	size_t cap = n * 600 + 1, len = 0, i;
	char *text = xmalloc(cap);

	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(text + len, cap - len,
			"%zx000-%zx000 rw-p 00000000 00:00 0 %s"
			"Size:                  4 kB%s"
			"KernelPageSize:        4 kB%s"
			"Rss:             %7zu kB%s"
			"Pss:%zu kB%s"
			"Future_Key:            1 kB%s"
			"Swap:                  %zu kB%s"
			"Locked:                0 kB%s"
			"THPeligible:    0%s"
			"VmFlags: rd wr mr mw me ac %s",
			2 * i + 16, 2 * i + 17, nl, nl, nl, i, nl, i / 2, nl,
			nl, i % 3, nl, nl, nl, nl);
	}
	return text;
}

START_TEST(test_reader_many)
{
	static const bool endings[] = { false, true };
	size_t e, i, n = 5000;

	for (e = 0; e < ARRAY_SIZE(endings); e++) {
		char *text = many_records(n, endings[e]), *err;
		struct vma_list l = { 0 };

		ck_assert_int_eq(read_text(text, &l, &err), 0);
		ck_assert_uint_eq(l.n, n);
		for (i = 0; i < n; i++) {
			const struct smaps_data *s = &l.v[i].smaps;

			ck_assert_uint_eq(l.v[i].start, (2 * i + 16) << 12);
			ck_assert_uint_eq(s->kb[SMAPS_SIZE], 4);
			ck_assert_uint_eq(s->kb[SMAPS_RSS], i);
			ck_assert_uint_eq(s->kb[SMAPS_PSS], i / 2);
			ck_assert_uint_eq(s->kb[SMAPS_SWAP], i % 3);
			ck_assert(smaps_has(s, SMAPS_LOCKED));
			ck_assert(!smaps_has(s, SMAPS_ANONYMOUS));
			ck_assert_str_eq(s->vmflags, "rd wr mr mw me ac");
		}
		vma_list_free(&l);
		free(text);
	}
}
END_TEST

/* Every corpus file parses whole, but the one made of bad lines. */
START_TEST(test_corpus)
{
	DIR *d = opendir(CORPUS_DIR);
	struct dirent *e;
	unsigned int files = 0, kinds_seen = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d))) {
		struct vma_list l = { 0 };
		char path[512];
		FILE *f;
		size_t i;
		int rc;

		if (e->d_name[0] == '.' || strstr(e->d_name, ".md"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", CORPUS_DIR, e->d_name);
		f = fopen(path, "r");
		ck_assert_ptr_nonnull(f);
		rc = maps_read_all(f, path, &l, NULL, NULL);
		fclose(f);
		if (!strncmp(e->d_name, "malformed", 9))
			ck_assert_int_eq(rc, -EIO);
		else
			ck_assert_msg(rc == 0, "%s", e->d_name);
		for (i = 0; i < l.n; i++)
			kinds_seen |= 1U << l.v[i].kind;
		vma_list_free(&l);
		files++;
	}
	closedir(d);
	ck_assert_uint_ge(files, 22);
	/* The corpus holds every kind but [anon_shmem:] and [vvar_vclock]. */
	ck_assert(kinds_seen & 1U << VMA_KIND_SHM);
	ck_assert(kinds_seen & 1U << VMA_KIND_MEMFD);
	ck_assert(kinds_seen & 1U << VMA_KIND_HUGETLB);
	ck_assert(kinds_seen & 1U << VMA_KIND_SHARED_ANON);
	ck_assert(kinds_seen & 1U << VMA_KIND_ANON_NAMED);
	ck_assert(kinds_seen & 1U << VMA_KIND_ROLLUP);
	ck_assert(kinds_seen & 1U << VMA_KIND_SPECIAL);
}
END_TEST

Suite *maps_suite(void)
{
	Suite *s = suite_create("maps");
	TCase *tc = tcase_create("header");

	tcase_add_test(tc, test_fields);
	tcase_add_test(tc, test_widths);
	tcase_add_loop_test(tc, test_kinds, 0, ARRAY_SIZE(kinds));
	suite_add_tcase(s, tc);
	tc = tcase_create("malformed");
	tcase_add_loop_test(tc, test_malformed, 0, ARRAY_SIZE(bad_lines));
	tcase_add_test(tc, test_binary_garbage);
	tcase_add_test(tc, test_overlong);
	suite_add_tcase(s, tc);
	tc = tcase_create("write");
	tcase_add_test(tc, test_write_layouts);
	suite_add_tcase(s, tc);
	tc = tcase_create("smaps");
	tcase_add_test(tc, test_smaps_fields);
	tcase_add_test(tc, test_smaps_kb_overflow);
	tcase_add_test(tc, test_reader_errors);
	tcase_add_test(tc, test_reader_long_line);
	tcase_add_test(tc, test_reader_smaps);
	tcase_add_test(tc, test_smaps_kb_fast);
	tcase_add_test(tc, test_smaps_kb_run);
	tcase_add_test(tc, test_smaps_flag_lines);
	tcase_add_test(tc, test_smaps_flag_lines_general);
	tcase_add_test(tc, test_smaps_kb_fast_fallback);
	tcase_add_test(tc, test_reader_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("corpus");
	tcase_add_test(tc, test_corpus);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
