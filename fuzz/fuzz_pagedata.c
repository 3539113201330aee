// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pagemap and kpage* decoders fed from fuzzed files: the input becomes
 * a tiny --proc-root tree (1/maps fixed, 1/pagemap, kpageflags, kpagecount,
 * kpagecgroup from the input, any of them cut short at any byte), which
 * goes through pagewalk_vmas (per-VMA counters), pagewalk_pages with every
 * page column filled (src/show/pagecols.c), and kpage_read_range / kpage_lookup
 * as pfn uses them.
 *
 * Input: byte 0 options (bit 0 PAGEMAP_SCAN path, bits 1-3 which kpage
 * files exist, bit 4 PFNs folded into the files' range), bytes 1 and 2
 * the lengths of pagemap and of each kpage file in bytes, then the
 * pagemap bytes, then the kpage files' bytes one after the other.
 *
 * Properties: no crash, no read past a buffer; per VMA RSS, USS, PSS,
 * SWAP within the VMA's size, USS <= RSS, PSS <= RSS, frame counters only
 * when frames were read; page records in address order inside their VMA;
 * a row shows a PFN only for a present page with a visible, non-zero PFN.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "lib/util.h"
#include "read/kpage.h"
#include "read/maps.h"
#include "read/pagemap.h"
#include "read/procfs.h"
#include "walk/pagewalk.h"
#include "show/pagecols.h"

/* Pages 16-63 are mapped; pagemap entries start at page 0. */
static const char maps_text[] =
	"10000-20000 rw-p 00000000 00:00 0 \n"
	"20000-28000 r-xp 00001000 08:01 1234                       /usr/lib/x.so\n"
	"28000-2c000 rw-s 00000000 00:01 77                         /dev/zero (deleted)\n"
	"2c000-30000 rw-p 00000000 00:0f 88                         /anon_hugepage (deleted)\n"
	"30000-40000 rw-p 00000000 00:00 0                          [stack]\n"
	"ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n";

static char root[64];

static void cleanup(void)
{
	static const char *const files[] = {
		"1/maps", "1/pagemap", "1/comm", "kpageflags", "kpagecount",
		"kpagecgroup", "1",
	};
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", root, files[i]);
		(void)remove(path);
	}
	(void)rmdir(root);
}

static void setup(void)
{
	char path[128];
	int fd;

	if (root[0])
		return;
	/* In memory where there is a tmpfs: every input rewrites the tree. */
	snprintf(root, sizeof(root), "%s/vms-fuzz-pagedata.XXXXXX",
		 access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm");
	FUZZ_CHECK(mkdtemp(root));
	atexit(cleanup);
	snprintf(path, sizeof(path), "%s/1", root);
	FUZZ_CHECK(!mkdir(path, 0700));
	snprintf(path, sizeof(path), "%s/1/maps", root);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK(fd >= 0);
	FUZZ_CHECK(write(fd, maps_text, sizeof(maps_text) - 1) ==
		   (ssize_t)sizeof(maps_text) - 1);
	close(fd);
}

static void put(const char *name, const uint8_t *d, size_t n, bool exists)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	(void)remove(path);
	if (!exists)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK(fd >= 0);
	FUZZ_CHECK(!n || write(fd, d, n) == (ssize_t)n);
	close(fd);
}

struct walk_check {
	const struct page_ctx *ctx;
	uint64_t last;
	size_t rows;
};

static int each_page(void *arg, const struct page_rec *recs, size_t n)
{
	struct walk_check *wc = arg;
	size_t i;
	int col;

	for (i = 0; i < n; i++) {
		const struct page_rec *r = &recs[i];
		struct page_row row = { r, wc->ctx, false, 1, "fuzz" };
		uint64_t pfn;

		FUZZ_CHECK(r->v && r->addr >= r->v->start &&
			   r->addr < r->v->end);
		FUZZ_CHECK(!wc->rows || r->addr > wc->last);
		FUZZ_CHECK(pm_populated(r->pm));
		wc->last = r->addr;
		wc->rows++;
		if (page_row_pfn(&row, &pfn))
			FUZZ_CHECK((r->pm & PM_PRESENT) && pfn &&
				   wc->ctx->pfn_visible);
		if (r->has_kpage)
			FUZZ_CHECK(wc->ctx->pfn_visible && pm_pfn(r->pm));
		for (col = 0; col < PC_NCOLS; col++) {
			struct vms_cell c;

			memset(&c, 0, sizeof(c));
			page_fill(&row, col, &c);
			if (!c.null && c.str)
				FUZZ_CHECK(c.len < (1U << 20));
		}
		/* A frame-only row (pfn) of the same page. */
		row.frame_only = true;
		for (col = 0; col < PC_NCOLS; col++) {
			struct vms_cell c;

			memset(&c, 0, sizeof(c));
			page_fill(&row, col, &c);
		}
	}
	return 0;
}

FUZZ_TARGET(pagedata)
{
	static const char *const kfiles[3] = {
		"kpageflags", "kpagecount", "kpagecgroup",
	};
	struct procfs p;
	struct pagemap pm;
	struct kpage k;
	struct vma_list l = { 0 };
	struct page_ctx ctx = { 0 };
	struct walk_check wc = { 0 };
	uint8_t opt, *pmbuf;
	size_t pmlen, klen, off, i;
	char *err = NULL;
	int rc;

	if (size < 3)
		return 0;
	setup();
	opt = data[0];
	pmlen = (size_t)data[1] * 4;	/* up to 128 entries, any cut */
	klen = data[2];
	data += 3;
	size -= 3;
	if (pmlen > size)
		pmlen = size;
	/* Pages 0-15 hold nothing: the fuzzed entries begin at page 16. */
	pmbuf = xcalloc(1, 16 * 8 + pmlen);
	memcpy(pmbuf + 16 * 8, data, pmlen);
	if (opt & 0x10)
		for (i = 16; i + 1 <= (16 * 8 + pmlen) / 8; i++) {
			uint64_t e;

			memcpy(&e, pmbuf + i * 8, 8);
			e &= ~PM_PFN_MASK | 0x3f;
			memcpy(pmbuf + i * 8, &e, 8);
		}
	put("1/pagemap", pmbuf, 16 * 8 + pmlen, true);
	free(pmbuf);
	off = pmlen;
	for (i = 0; i < 3; i++) {
		size_t n = size - off < klen ? size - off : klen;

		put(kfiles[i], data + off, n, opt & (2U << i));
		off += n;
	}

	pagemap_set_mode(opt & 1 ? PAGEMAP_SCAN_ONLY : PAGEMAP_PLAIN);
	FUZZ_CHECK(!procfs_open(&p, root));
	rc = maps_read_pid(&p, 1, "maps", &l, &err);
	FUZZ_CHECK(rc == 0 && l.n == 6);
	vma_list_sort(&l);

	/* Per-VMA counters, as maps and top compute them. */
	FUZZ_CHECK(!pagemap_open(&pm, &p, 1));
	kpage_open(&k, &p, KPAGE_FLAGS | KPAGE_COUNT | KPAGE_CGROUP);
	rc = pagewalk_vmas(&pm, pm.pfn_visible ? &k : NULL, &l);
	FUZZ_CHECK(rc == 0 || rc == -ESRCH || rc == -EIO || rc == -ENODATA);
	for (i = 0; !rc && i < l.n; i++) {
		const struct vma *v = &l.v[i];
		const struct vma_pages *pg = &v->pages;
		uint64_t sz = v->end - v->start;

		if (!v->has_pages)
			continue;
		FUZZ_CHECK(pg->rss <= sz && pg->swap <= sz);
		FUZZ_CHECK(pg->uss <= pg->rss);
		FUZZ_CHECK(pss_bytes(pg->pss_fp) <= pg->rss);
		FUZZ_CHECK(pg->anon + pg->file == pg->rss || !pg->frames);
		FUZZ_CHECK(pg->zero + pg->hugetlb + pg->rss <= sz);
		/* A gate VMA has no pages of the process: all 0, known. */
		if ((!(k.avail & KPAGE_FLAGS) || !(k.avail & KPAGE_COUNT)) &&
		    v->kind != VMA_KIND_VSYSCALL)
			FUZZ_CHECK(!pg->frames);
		if (v->kind == VMA_KIND_VSYSCALL)
			FUZZ_CHECK(!pg->rss && !pg->swap && !pg->pss_fp);
	}
	pagemap_close(&pm);

	/* Page records and every page column, as pages and resolve do. */
	FUZZ_CHECK(!pagemap_open(&pm, &p, 1));
	ctx.page_size = pm.page_size;
	ctx.kavail = k.avail;
	ctx.pfn_visible = pm.pfn_visible;
	wc.ctx = &ctx;
	rc = pagewalk_pages(&pm, pm.pfn_visible ? &k : NULL, &l, 0,
			    UINT64_MAX, each_page, &wc);
	FUZZ_CHECK(rc == 0 || rc == -ESRCH || rc == -EIO || rc == -ENODATA);
	pagemap_close(&pm);

	/* Frames by range and by lookup, as pfn does. */
	{
		struct kpage_info ki[80];
		uint64_t pfns[8] = { 0, 3, 3, 70, 1, 2, 1ULL << 54, 5 };
		ssize_t got = kpage_read_range(&k, 0, 80, ki);

		FUZZ_CHECK(got >= -EIO && got <= 80);
		rc = kpage_lookup(&k, pfns, 8, ki);
		FUZZ_CHECK(rc == 0 || rc == -EIO || rc == -EOVERFLOW);
		if (!rc)
			FUZZ_CHECK(!memcmp(&ki[1], &ki[2], sizeof(ki[1])));
		got = kpage_read_range(&k, PM_PFN_MASK - 2, 80, ki);
		FUZZ_CHECK(got <= 80);
	}

	kpage_close(&k);
	vma_list_free(&l);
	procfs_close(&p);
	return 0;
}
