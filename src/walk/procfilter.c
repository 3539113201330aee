// SPDX-License-Identifier: GPL-2.0-or-later
/* --comm, --user, --cgroup: one filter for every command over processes. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/parallel.h"
#include "lib/runopts.h"
#include "lib/util.h"
#include "read/procid.h"
#include "walk/procfilter.h"

bool procfilter_active(const struct procfilter *f)
{
	return f->nres || f->nuids || f->ncgroups;
}

static bool match_user(const struct procfilter *f, const struct procfs *p,
		       pid_t pid)
{
	uid_t uid = 0;
	size_t i;

	if (procfs_uid(p, pid, &uid))
		return false;
	for (i = 0; i < f->nuids; i++)
		if (f->uids[i] == uid)
			return true;
	return false;
}

static bool match_cgroup(const struct procfilter *f, const char *cg)
{
	size_t i;

	for (i = 0; cg && i < f->ncgroups; i++)
		if (procid_cgroup_below(cg, f->cgroups[i]))
			return true;
	return false;
}

static bool match_comm(const struct procfilter *f, const char *comm,
		       const char *args)
{
	size_t i;

	for (i = 0; i < f->nres; i++)
		if (!regexec(&f->res[i], comm, 0, NULL, 0) ||
		    (args && !regexec(&f->res[i], args, 0, NULL, 0)))
			return true;
	return false;
}

bool procfilter_match(const struct procfilter *f, const struct procfs *p,
		      pid_t pid)
{
	struct procid id;
	char comm[64];
	bool ok = true;

	/* As pgrep: vmascope's own command line holds the REGEX. */
	if (f->nres && pid == getpid() && procfs_is_live(p))
		return false;
	if (f->nuids && !match_user(f, p, pid))
		return false;
	procid_read(p, pid, (f->nres ? PROCID_ARGS : 0) |
		    (f->ncgroups ? PROCID_CGROUP : 0), &id);
	if (f->ncgroups)
		ok = match_cgroup(f, id.cgroup);
	if (ok && f->nres) {
		procfs_comm(p, pid, comm, sizeof(comm));
		ok = match_comm(f, comm, id.args);
	}
	procid_free(&id);
	return ok;
}

struct filter_work {
	const struct procfilter *f;
	const struct procfs *p;
	const pid_t *pids;
	bool *keep;
};

static void match_one(void *arg, size_t i, unsigned int worker)
{
	struct filter_work *w = arg;

	(void)worker;
	w->keep[i] = procfilter_match(w->f, w->p, w->pids[i]);
}

void procfilter_pids(const struct procfilter *f, const struct procfs *p,
		     pid_t *pids, size_t *n)
{
	struct filter_work w = { f, p, pids, NULL };
	size_t i, k = 0;

	if (!procfilter_active(f) || !*n)
		return;
	w.keep = xcalloc(*n, sizeof(*w.keep));
	parallel_for(*n, match_one, &w);
	for (i = 0; i < *n; i++)
		if (w.keep[i])
			pids[k++] = pids[i];
	*n = k;
	free(w.keep);
}

pid_t *procfilter_select(const struct procfilter *f, const struct procfs *p,
			 const pid_t *pids, size_t *n)
{
	pid_t *sel = xreallocarray(NULL, *n ? *n : 1, sizeof(*sel));

	if (*n)
		memcpy(sel, pids, *n * sizeof(*sel));
	procfilter_pids(f, p, sel, n);
	return sel;
}

void procfilter_free(struct procfilter *f)
{
	size_t i;

	for (i = 0; i < f->nres; i++)
		regfree(&f->res[i]);
	free(f->res);
	free(f->uids);
	free(f->cgroups);
	memset(f, 0, sizeof(*f));
}
