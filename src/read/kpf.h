/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_KPF_H
#define VMS_KPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Page flags: the KPF_* bits of /proc/kpageflags (0-26 exported, 32-42
 * kernel-internal) and the bits of a pagemap entry, under one set of
 * names: one table drives printing, parsing, help and completions.
 */
enum kpf_bit {
	KPF_LOCKED_ = 0, KPF_ERROR_ = 1, KPF_REFERENCED_ = 2,
	KPF_UPTODATE_ = 3, KPF_DIRTY_ = 4, KPF_LRU_ = 5, KPF_ACTIVE_ = 6,
	KPF_SLAB_ = 7, KPF_WRITEBACK_ = 8, KPF_RECLAIM_ = 9, KPF_BUDDY_ = 10,
	KPF_MMAP_ = 11, KPF_ANON_ = 12, KPF_SWAPCACHE_ = 13,
	KPF_SWAPBACKED_ = 14, KPF_COMPOUND_HEAD_ = 15,
	KPF_COMPOUND_TAIL_ = 16, KPF_HUGE_ = 17, KPF_UNEVICTABLE_ = 18,
	KPF_HWPOISON_ = 19, KPF_NOPAGE_ = 20, KPF_KSM_ = 21, KPF_THP_ = 22,
	KPF_OFFLINE_ = 23, KPF_ZERO_PAGE_ = 24, KPF_IDLE_ = 25,
	KPF_PGTABLE_ = 26,
	KPF_RESERVED_ = 32, KPF_MLOCKED_ = 33, KPF_OWNER_2_ = 34,
	KPF_PRIVATE_ = 35, KPF_PRIVATE_2_ = 36, KPF_OWNER_PRIVATE_ = 37,
	KPF_ARCH_ = 38, KPF_UNCACHED_ = 39, KPF_SOFTDIRTY_ = 40,
	KPF_ARCH_2_ = 41, KPF_ARCH_3_ = 42,
};

#define KPF(bit) (1ULL << KPF_##bit##_)

/* Which word a flag name tests. */
enum flag_word {
	FLAG_KPF,	/* /proc/kpageflags */
	FLAG_PM,	/* the pagemap entry */
};

/*
 * A name holds when (word & mask) == value: plain bits have value == mask;
 * overloaded meanings add conditions ("readahead" is RECLAIM without
 * WRITEBACK, "reclaim" then means RECLAIM with it).
 */
struct flag_name {
	const char *name;	/* lower case: "lru", "soft-dirty" */
	enum flag_word word;
	uint64_t mask, value;
	const char *help;
};

extern const struct flag_name flag_names[];
extern const size_t flag_nnames;

/*
 * The names of the kpageflags bits that hold for flags, comma separated.
 * Returns buf; a list that does not fit is cut at a name, never overflows.
 */
char *kpf_format(uint64_t flags, char *buf, size_t len);

/* --flags: comma lists ANDed, ~name negated, lists repeated are ORed. */
struct flag_atom {
	const struct flag_name *fn;
	bool negate;
};

struct flag_term {
	struct flag_atom *atoms;
	size_t n;
};

struct flag_expr {
	struct flag_term *terms;
	size_t n;
};

/*
 * Add one --flags list to e. On an unknown or empty name returns -1 with
 * *err a malloc'ed message naming it and listing the valid names.
 */
int flag_expr_add(struct flag_expr *e, const char *list, char **err);
/* True when e is empty or any of its lists holds. */
bool flag_expr_match(const struct flag_expr *e, uint64_t kpf, uint64_t pm);
/*
 * As flag_expr_match, for a page whose frame flags may be unknown (kpf
 * NULL: swapped, PFNs hidden): a list that tests them does not hold.
 */
bool flag_expr_match_page(const struct flag_expr *e, const uint64_t *kpf,
			  uint64_t pm);
/* Whether e tests any kpageflags bit (so frames must be looked up). */
bool flag_expr_needs_kpf(const struct flag_expr *e);
void flag_expr_free(struct flag_expr *e);

#endif
