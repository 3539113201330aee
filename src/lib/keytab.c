// SPDX-License-Identifier: GPL-2.0-or-later
/* Page counts per key: a small open-addressing hash table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/keytab.h"
#include "lib/util.h"

static size_t slot_of(uint64_t key, size_t cap)
{
	/* A multiplicative hash spreads flag sets that differ in few bits. */
	return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 17) & (cap - 1);
}

static void put(struct keycount *slots, size_t cap, uint64_t key,
		uint64_t pages)
{
	size_t i = slot_of(key, cap);

	while (slots[i].key && slots[i].key != key)
		i = (i + 1) & (cap - 1);
	slots[i].key = key;
	slots[i].pages += pages;
}

static void grow(struct keytab *t)
{
	size_t cap = t->cap ? t->cap * 2 : 256, i;
	struct keycount *slots = xcalloc(cap, sizeof(*slots));

	for (i = 0; i < t->cap; i++)
		if (t->slots[i].key)
			put(slots, cap, t->slots[i].key, t->slots[i].pages);
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

void keytab_add(struct keytab *t, uint64_t key, uint64_t pages)
{
	size_t i;

	if (!key) {
		t->zero_pages += pages;
		return;
	}
	if ((t->n + 1) * 2 > t->cap)
		grow(t);
	i = slot_of(key, t->cap);
	while (t->slots[i].key && t->slots[i].key != key)
		i = (i + 1) & (t->cap - 1);
	if (!t->slots[i].key) {
		t->slots[i].key = key;
		t->n++;
	}
	t->slots[i].pages += pages;
}

static int cmp_key(const void *a, const void *b)
{
	const struct keycount *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

struct keycount *keytab_sorted(struct keytab *t, size_t *n)
{
	size_t i, k = 0;

	if (t->cap < t->n + 1)
		grow(t);
	/* Left compaction in place: k never passes i. */
	for (i = 0; i < t->cap; i++)
		if (t->slots[i].key)
			t->slots[k++] = t->slots[i];
	if (t->zero_pages)
		t->slots[k++] = (struct keycount){ 0, t->zero_pages };
	*n = k;
	qsort(t->slots, k, sizeof(*t->slots), cmp_key);
	return t->slots;
}

void keytab_free(struct keytab *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
