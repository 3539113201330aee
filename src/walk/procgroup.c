// SPDX-License-Identifier: GPL-2.0-or-later
/* Grouping processes: program, user, cgroup, unit; the sums of a group. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "walk/procgroup.h"

const char *const procgroup_names[GROUP_NBY] = {
	[GROUP_PROCESS] = "process",
	[GROUP_PROGRAM] = "program",
	[GROUP_USER] = "user",
	[GROUP_CGROUP] = "cgroup",
	[GROUP_UNIT] = "unit",
};

int procgroup_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < GROUP_NBY; i++)
		if (!strcmp(procgroup_names[i], name))
			return (int)i;
	return -1;
}

unsigned int procgroup_id_needs(enum procgroup_by by)
{
	switch (by) {
	case GROUP_PROGRAM:
		return PROCID_EXE;
	case GROUP_CGROUP:
	case GROUP_UNIT:
		return PROCID_CGROUP;
	default:
		return 0;
	}
}

char *procgroup_key(enum procgroup_by by, const struct proc_mem *m)
{
	const char *unit;
	size_t len;
	char *key;

	switch (by) {
	case GROUP_PROGRAM:
		/* Without a readable executable: the command name, which
		 * the \1 keeps apart from any path. */
		if (m->id.exe)
			return xstrdup(m->id.exe);
		xasprintf(&key, "\1%s", m->comm);
		return key;
	case GROUP_USER:
		xasprintf(&key, "%u", (unsigned int)m->uid);
		return key;
	case GROUP_CGROUP:
		return xstrdup(m->id.cgroup ? m->id.cgroup : "");
	case GROUP_UNIT:
		unit = m->id.cgroup ? procid_unit(m->id.cgroup, &len) : NULL;
		return unit ? xmemdup(unit, len) : xstrdup("");
	default:
		xasprintf(&key, "%d", (int)m->pid);
		return key;
	}
}

static char *dup_or_null(const char *s, size_t len)
{
	return s ? xmemdup(s, len) : NULL;
}

void procgroup_start(struct proc_mem *g, const struct proc_mem *m)
{
	memset(g, 0, sizeof(*g));
	g->uid = m->uid;
	memcpy(g->user, m->user, sizeof(g->user));
	memcpy(g->comm, m->comm, sizeof(g->comm));
	g->id.argslen = m->id.argslen;
	g->id.args = dup_or_null(m->id.args, m->id.argslen);
	g->id.cgroup = m->id.cgroup ? xstrdup(m->id.cgroup) : NULL;
	g->id.exe = m->id.exe ? xstrdup(m->id.exe) : NULL;
}

static bool differ(const char *a, const char *b)
{
	return (!a != !b) || (a && strcmp(a, b));
}

void procgroup_add(struct proc_mem *g, const struct proc_mem *m)
{
	if (g->uid != m->uid)
		g->mixed |= PM_MIXED_USER;
	if (strcmp(g->comm, m->comm))
		g->mixed |= PM_MIXED_COMM;
	if (differ(g->id.args, m->id.args))
		g->mixed |= PM_MIXED_ARGS;
	if (differ(g->id.cgroup, m->id.cgroup))
		g->mixed |= PM_MIXED_CGROUP;
	if (differ(g->id.exe, m->id.exe))
		g->mixed |= PM_MIXED_EXE;
	procmem_add(g, m);
}

struct keyed {
	char *key;
	size_t i;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int r = strcmp(x->key, y->key);

	return r ? r : (x->i > y->i) - (x->i < y->i);
}

size_t procgroup_index(enum procgroup_by by, const struct proc_mem *rows,
		       size_t n, uint32_t *group_of)
{
	struct keyed *k = xcalloc(n + 1, sizeof(*k));
	size_t i, ng = 0;

	for (i = 0; i < n; i++)
		k[i] = (struct keyed){ procgroup_key(by, &rows[i]), i };
	qsort(k, n, sizeof(*k), cmp_keyed);
	for (i = 0; i < n; i++) {
		if (!i || strcmp(k[i].key, k[i - 1].key))
			ng++;
		group_of[k[i].i] = (uint32_t)(ng - 1);
	}
	for (i = 0; i < n; i++)
		free(k[i].key);
	free(k);
	return ng;
}

size_t procgroup_rows(enum procgroup_by by, const struct proc_mem *rows,
		      size_t n, struct proc_mem **out)
{
	uint32_t *group_of = xcalloc(n + 1, sizeof(*group_of));
	size_t ng = procgroup_index(by, rows, n, group_of), i;
	struct proc_mem *g = xcalloc(ng + 1, sizeof(*g));
	bool *started = xcalloc(ng + 1, sizeof(*started));

	/* Rows in their order: a group's identity is its first process's. */
	for (i = 0; i < n; i++) {
		if (!started[group_of[i]]) {
			procgroup_start(&g[group_of[i]], &rows[i]);
			started[group_of[i]] = true;
		}
		procgroup_add(&g[group_of[i]], &rows[i]);
	}
	free(started);
	free(group_of);
	*out = g;
	return ng;
}
