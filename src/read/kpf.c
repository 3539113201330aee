// SPDX-License-Identifier: GPL-2.0-or-later
/* Page flag names: one table for printing, --flags parsing and help. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/util.h"
#include "read/kpf.h"
#include "read/pagemap.h"

#define BIT(b) FLAG_KPF, KPF(b), KPF(b)
/* Set when `when` is set, and `unless` is clear. */
#define BIT_UNLESS(b, unless) FLAG_KPF, KPF(b) | KPF(unless), KPF(b)
#define BOTH(a, b) FLAG_KPF, KPF(a) | KPF(b), KPF(a) | KPF(b)
#define PMBIT(m) FLAG_PM, m, m

const struct flag_name flag_names[] = {
	{ "locked", BIT(LOCKED), "page is locked for I/O" },
	{ "error", BIT(ERROR), "I/O error on the page" },
	{ "referenced", BIT(REFERENCED), "referenced since last LRU scan" },
	{ "uptodate", BIT(UPTODATE), "contents are valid" },
	{ "dirty", BIT(DIRTY), "must be written back" },
	{ "lru", BIT(LRU), "on an LRU list" },
	{ "active", BIT_UNLESS(ACTIVE, SLAB), "on the active LRU list" },
	{ "slab", BIT(SLAB), "slab allocator page" },
	{ "writeback", BIT(WRITEBACK), "being written back" },
	{ "reclaim", BOTH(RECLAIM, WRITEBACK),
	  "to be reclaimed after writeback" },
	{ "readahead", BIT_UNLESS(RECLAIM, WRITEBACK),
	  "brought in by readahead (RECLAIM without WRITEBACK)" },
	{ "buddy", BIT(BUDDY), "free, in the buddy allocator" },
	{ "mmap", BIT(MMAP), "mapped into a process" },
	{ "anon", BIT(ANON), "anonymous memory" },
	{ "swapcache", BIT(SWAPCACHE), "in the swap cache" },
	{ "swapbacked", BIT(SWAPBACKED), "backed by swap or RAM" },
	{ "compound_head", BIT(COMPOUND_HEAD), "first page of a folio" },
	{ "compound_tail", BIT(COMPOUND_TAIL), "later page of a folio" },
	{ "huge", BIT(HUGE), "hugetlbfs page" },
	{ "unevictable", BIT(UNEVICTABLE), "on the unevictable list" },
	{ "hwpoison", BIT(HWPOISON), "hardware error" },
	{ "nopage", BIT(NOPAGE), "no struct page for the PFN" },
	{ "ksm", BIT(KSM), "merged by KSM" },
	{ "thp", BIT(THP), "in a transparent huge page (any large folio)" },
	{ "offline", BIT(OFFLINE), "logically offline" },
	{ "zero_page", BIT(ZERO_PAGE), "the shared zero page" },
	{ "idle", BIT(IDLE), "not accessed since marked idle" },
	{ "pgtable", BIT(PGTABLE), "page table page" },
	{ "reserved", BIT(RESERVED), "reserved (kernel-internal)" },
	{ "mlocked", BIT(MLOCKED), "mlocked (kernel-internal)" },
	{ "owner_2", BIT_UNLESS(OWNER_2, ANON), "owner flag 2 (kernel-internal)" },
	{ "anon_exclusive", BOTH(ANON, OWNER_2),
	  "anonymous and exclusive to one process (ANON with OWNER_2)" },
	{ "private", BIT(PRIVATE), "has private data (kernel-internal)" },
	{ "private_2", BIT(PRIVATE_2), "private flag 2 (kernel-internal)" },
	{ "owner_private", BIT(OWNER_PRIVATE),
	  "owner's private flag (kernel-internal)" },
	{ "arch", BIT(ARCH), "architecture flag (kernel-internal)" },
	{ "uncached", BIT(UNCACHED), "uncached (kernel-internal)" },
	{ "softdirty", BIT(SOFTDIRTY), "soft-dirty in struct page" },
	{ "arch_2", BIT(ARCH_2), "architecture flag 2 (kernel-internal)" },
	{ "arch_3", BIT(ARCH_3), "architecture flag 3 (kernel-internal)" },
	{ "present", PMBIT(PM_PRESENT), "pagemap: page present in RAM" },
	{ "swapped", PMBIT(PM_SWAPPED), "pagemap: page swapped out" },
	{ "file", PMBIT(PM_FILE), "pagemap: file page or shared anonymous" },
	{ "exclusive", PMBIT(PM_EXCLUSIVE), "pagemap: exclusively mapped" },
	{ "soft-dirty", PMBIT(PM_SOFT_DIRTY), "pagemap: soft-dirty PTE" },
	{ "uffd-wp", PMBIT(PM_UFFD_WP), "pagemap: userfaultfd write-protected" },
	{ "guard", PMBIT(PM_GUARD), "pagemap: guard region" },
};

const size_t flag_nnames = ARRAY_SIZE(flag_names);

static bool name_holds(const struct flag_name *fn, uint64_t kpf, uint64_t pm)
{
	uint64_t w = fn->word == FLAG_KPF ? kpf : pm;

	return (w & fn->mask) == fn->value;
}

char *kpf_format(uint64_t flags, char *buf, size_t len)
{
	size_t i, used = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	/* Once per frame in a pfn stream: no printf, no strlen of misses. */
	for (i = 0; i < flag_nnames; i++) {
		const struct flag_name *fn = &flag_names[i];
		size_t n;

		if (fn->word != FLAG_KPF || !name_holds(fn, flags, 0))
			continue;
		n = strlen(fn->name);
		if (used + (used ? 1 : 0) + n >= len)
			break;
		if (used)
			buf[used++] = ',';
		memcpy(buf + used, fn->name, n);
		used += n;
		buf[used] = '\0';
	}
	return buf;
}

static const struct flag_name *flag_lookup(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < flag_nnames; i++)
		if (strlen(flag_names[i].name) == len &&
		    !strncasecmp(flag_names[i].name, s, len))
			return &flag_names[i];
	return NULL;
}

static char *unknown_flag(const char *s, size_t len)
{
	char *msg = NULL;
	size_t n = 0, i;
	FILE *f = open_memstream(&msg, &n);

	if (!f)
		return NULL;
	if (len)
		fprintf(f, "unknown flag: '%.*s'; valid flags:", (int)len, s);
	else
		fputs("empty flag name; valid flags:", f);
	for (i = 0; i < flag_nnames; i++)
		fprintf(f, "%s%s", i ? ", " : " ", flag_names[i].name);
	fclose(f);
	return msg;
}

int flag_expr_add(struct flag_expr *e, const char *list, char **err)
{
	struct flag_term t = { 0 };
	const char *p = list;

	for (;;) {
		size_t n = strcspn(p, ",");
		bool neg = n && *p == '~';
		const struct flag_name *fn = flag_lookup(p + neg, n - neg);

		if (!fn) {
			*err = unknown_flag(p + neg, n - neg);
			free(t.atoms);
			return -1;
		}
		t.atoms = xreallocarray(t.atoms, t.n + 1, sizeof(*t.atoms));
		t.atoms[t.n++] = (struct flag_atom){ fn, neg };
		if (!p[n])
			break;
		p += n + 1;
	}
	e->terms = xreallocarray(e->terms, e->n + 1, sizeof(*e->terms));
	e->terms[e->n++] = t;
	return 0;
}

static bool term_holds(const struct flag_term *t, uint64_t kpf, uint64_t pm)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (name_holds(t->atoms[i].fn, kpf, pm) == t->atoms[i].negate)
			return false;
	return true;
}

bool flag_expr_match(const struct flag_expr *e, uint64_t kpf, uint64_t pm)
{
	size_t i;

	if (!e->n)
		return true;
	for (i = 0; i < e->n; i++)
		if (term_holds(&e->terms[i], kpf, pm))
			return true;
	return false;
}

static bool term_needs_kpf(const struct flag_term *t)
{
	size_t j;

	for (j = 0; j < t->n; j++)
		if (t->atoms[j].fn->word == FLAG_KPF)
			return true;
	return false;
}

bool flag_expr_match_page(const struct flag_expr *e, const uint64_t *kpf,
			  uint64_t pm)
{
	size_t i;

	if (!e->n)
		return true;
	for (i = 0; i < e->n; i++) {
		if (!kpf && term_needs_kpf(&e->terms[i]))
			continue;
		if (term_holds(&e->terms[i], kpf ? *kpf : 0, pm))
			return true;
	}
	return false;
}

bool flag_expr_needs_kpf(const struct flag_expr *e)
{
	size_t i, j;

	for (i = 0; i < e->n; i++)
		for (j = 0; j < e->terms[i].n; j++)
			if (e->terms[i].atoms[j].fn->word == FLAG_KPF)
				return true;
	return false;
}

void flag_expr_free(struct flag_expr *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->terms[i].atoms);
	free(e->terms);
	e->terms = NULL;
	e->n = 0;
}
