// SPDX-License-Identifier: GPL-2.0-or-later
/* The VMA record: kinds, permissions, lists. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/vma.h"

static const char *const kind_names[VMA_NKINDS] = {
	[VMA_KIND_ANON] = "anon",
	[VMA_KIND_HEAP] = "heap",
	[VMA_KIND_STACK] = "stack",
	[VMA_KIND_FILE] = "file",
	[VMA_KIND_SHM] = "shm",
	[VMA_KIND_SHARED_ANON] = "shared-anon",
	[VMA_KIND_MEMFD] = "memfd",
	[VMA_KIND_HUGETLB] = "hugetlb",
	[VMA_KIND_VDSO] = "vdso",
	[VMA_KIND_VVAR] = "vvar",
	[VMA_KIND_VSYSCALL] = "vsyscall",
	[VMA_KIND_ANON_NAMED] = "anon-named",
	[VMA_KIND_ANON_SHMEM] = "anon-shmem",
	[VMA_KIND_SPECIAL] = "special",
	[VMA_KIND_ROLLUP] = "rollup",
};

const char *vma_kind_name(enum vma_kind kind)
{
	return kind < VMA_NKINDS ? kind_names[kind] : "?";
}

static bool name_is(const struct vma *v, const char *s)
{
	size_t n = strlen(s);

	return v->namelen == n && !memcmp(v->name, s, n);
}

static bool name_starts(const struct vma *v, const char *s)
{
	size_t n = strlen(s);

	return v->namelen >= n && !memcmp(v->name, s, n);
}

/* Pseudo names in brackets, from fs/proc/task_mmu.c and the arch code. */
static const struct {
	const char *name;
	bool prefix;
	enum vma_kind kind;
} pseudo_names[] = {
	{ "[heap]", false, VMA_KIND_HEAP },
	{ "[stack]", false, VMA_KIND_STACK },
	{ "[stack:", true, VMA_KIND_STACK },
	{ "[vdso]", false, VMA_KIND_VDSO },
	{ "[vvar]", false, VMA_KIND_VVAR },
	{ "[vvar_vclock]", false, VMA_KIND_VVAR },
	{ "[vsyscall]", false, VMA_KIND_VSYSCALL },
	{ "[anon:", true, VMA_KIND_ANON_NAMED },
	{ "[anon_shmem:", true, VMA_KIND_ANON_SHMEM },
	{ "[rollup]", false, VMA_KIND_ROLLUP },
};

static enum vma_kind classify_pseudo(const struct vma *v)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pseudo_names); i++) {
		if (pseudo_names[i].prefix ? name_starts(v, pseudo_names[i].name)
					   : name_is(v, pseudo_names[i].name))
			return pseudo_names[i].kind;
	}
	return VMA_KIND_SPECIAL;
}

/* /SYSV followed by eight hex digits: how SysV shm segments are named. */
static bool is_sysv_name(const struct vma *v)
{
	size_t i;

	if (v->namelen != 13 || !name_starts(v, "/SYSV"))
		return false;
	for (i = 5; i < 13; i++)
		if (!strchr("0123456789abcdef", v->name[i]))
			return false;
	return true;
}

enum vma_kind vma_classify(const struct vma *v)
{
	if (v->smaps.vmflags && smaps_has_vmflag(&v->smaps, "ht"))
		return VMA_KIND_HUGETLB;
	if (!v->namelen)
		return VMA_KIND_ANON;
	if (v->name[0] == '[')
		return classify_pseudo(v);
	if (v->deleted) {
		if (name_is(v, "/dev/zero") && (v->perms & VMA_SHARED))
			return VMA_KIND_SHARED_ANON;
		if (name_is(v, "/anon_hugepage"))
			return VMA_KIND_HUGETLB;
		if (is_sysv_name(v))
			return VMA_KIND_SHM;
	}
	if (name_starts(v, "/memfd:"))
		return VMA_KIND_MEMFD;
	return VMA_KIND_FILE;
}

void vma_perms_str(unsigned int perms, char buf[5])
{
	buf[0] = perms & VMA_READ ? 'r' : '-';
	buf[1] = perms & VMA_WRITE ? 'w' : '-';
	buf[2] = perms & VMA_EXEC ? 'x' : '-';
	buf[3] = perms & VMA_SHARED ? 's' : 'p';
	buf[4] = '\0';
}

void vma_clear(struct vma *v)
{
	free(v->name);
	free(v->smaps.vmflags);
	memset(v, 0, sizeof(*v));
}

struct vma *vma_list_add(struct vma_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

static int cmp_start(const void *a, const void *b)
{
	const struct vma *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

void vma_list_sort(struct vma_list *l)
{
	size_t i;

	/* The kernel lists VMAs in address order: sorted already, mostly. */
	for (i = 1; i < l->n; i++)
		if (cmp_start(&l->v[i - 1], &l->v[i]) > 0)
			break;
	if (i < l->n)
		qsort(l->v, l->n, sizeof(*l->v), cmp_start);
}

void vma_list_free(struct vma_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		vma_clear(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct vma *vma_list_find(const struct vma_list *l, uint64_t addr)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		struct vma *v = &l->v[mid];

		if (addr < v->start)
			hi = mid;
		else if (addr >= v->end)
			lo = mid + 1;
		else
			return v;
	}
	return NULL;
}

_Static_assert(sizeof(struct vma_pages) == 16 * sizeof(uint64_t) + 8,
	       "vma_pages_add must add every counter of vma_pages");
void vma_pages_add(struct vma_pages *to, const struct vma_pages *p,
		   uint64_t n)
{
	sat_inc(&to->rss, sat_mul(n, p->rss));
	sat_inc(&to->uss, sat_mul(n, p->uss));
	sat_inc(&to->swap, sat_mul(n, p->swap));
	sat_inc(&to->anon, sat_mul(n, p->anon));
	sat_inc(&to->file, sat_mul(n, p->file));
	sat_inc(&to->thp, sat_mul(n, p->thp));
	sat_inc(&to->hugetlb, sat_mul(n, p->hugetlb));
	sat_inc(&to->dirty, sat_mul(n, p->dirty));
	sat_inc(&to->ksm, sat_mul(n, p->ksm));
	sat_inc(&to->zero, sat_mul(n, p->zero));
	sat_inc(&to->referenced, sat_mul(n, p->referenced));
	sat_inc(&to->active, sat_mul(n, p->active));
	sat_inc(&to->pss_fp, sat_mul(n, p->pss_fp));
	sat_inc(&to->locked_fp, sat_mul(n, p->locked_fp));
	sat_inc(&to->pss_anon_fp, sat_mul(n, p->pss_anon_fp));
	sat_inc(&to->pss_shmem_fp, sat_mul(n, p->pss_shmem_fp));
}
