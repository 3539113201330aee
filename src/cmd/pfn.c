// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmascope pfn: physical frames like pfn_to_page: whether each is System
 * RAM, its flags, map count, cgroup, node and zone; streamed, so ranges
 * of any size run in bounded memory. --who: instead, every (process,
 * address) that maps one of the frames.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/caps.h"
#include "read/frames.h"
#include "read/maps.h"
#include "read/pagemap.h"
#include "read/pfnread.h"
#include "read/skips.h"
#include "show/pagerun.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "cmd/physargs.h"

enum {
	OPT_WHO = 0x200,
};

/* Frames read per kpage_read_range call. */
#define PFN_CHUNK 4096

struct pfn_span {
	uint64_t start, end;		/* inclusive */
};

struct pfn_ctl {
	struct vms_opts opts;
	struct pfn_span *spans;
	size_t nspans;
	bool who;
	pid_t *pids;			/* --who PID... */
	size_t npids;

	struct procfs proc;
	struct vms_coltable table;
	struct colsel sel;
	struct page_run run;
	struct vms_out *out;
	struct skips skips;
	bool hidden;			/* --who met PFNs hidden: stop */
	int status;
};

static const int pfn_defaults[] = {
	PC_PFN, PC_PHYS, PC_RAM, PC_NODE, PC_ZONE, PC_COUNT, PC_RAWFLAGS,
	PC_CGROUP, PC_FLAGS,
};

static const int who_defaults[] = {
	PC_PID, PC_COMMAND, PC_ADDR, PC_PFN,
};

static const struct argp_option pfn_options[] = {
	{ "who", OPT_WHO, NULL, 0,
	  "list every (process, address) that maps the frames instead: of "
	  "all processes, or of the PIDs that follow", 0 },
	{ 0 }
};

static void add_span(struct pfn_ctl *ctl, struct argp_state *state,
		     const char *arg)
{
	struct pfn_span s;
	int rc = parse_pfn_range(arg, &s.start, &s.end);

	if (rc == -ERANGE)
		argp_error(state, "PFN out of range: '%s'", arg);
	else if (rc)
		argp_error(state, "invalid PFN: '%s'", arg);
	ctl->spans = xreallocarray(ctl->spans, ctl->nspans + 1,
				   sizeof(*ctl->spans));
	ctl->spans[ctl->nspans++] = s;
}

static error_t pfn_parse(int key, char *arg, struct argp_state *state)
{
	struct pfn_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		break;
	case OPT_WHO:
		ctl->who = true;
		break;
	case ARGP_KEY_ARG:
		if (!ctl->who) {
			add_span(ctl, state, arg);
			break;
		}
		vms_arg_pid(state, arg, &ctl->pids, &ctl->npids);
		break;
	case ARGP_KEY_END:
		if (!ctl->opts.list_columns && !ctl->nspans)
			argp_error(state, "no PFN given");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_pfn_argp = {
	.options = pfn_options,
	.parser = pfn_parse,
	.args_doc = "PFN[-PFN]... [--who [PID...]]",
	.doc = "Show physical frames like pfn_to_page: System RAM or not, "
	       "flags, map count, memory cgroup, node and zone. PFN is "
	       "decimal, or hex with 0x; START-END is inclusive. With --who, "
	       "list instead who maps the frames (PIDs after --who limit the "
	       "scan).\v"
	       "Exit status: 0 success, 1 a read error, 64 usage error.",
	.children = vms_common_children,
	.help_filter = vms_help_filter,
};

/* ---- frames ---- */

static int show_span(struct pfn_ctl *ctl, const struct pfn_span *s)
{
	struct pfn_reader *rd = pfnread_start(&ctl->run.kp, s->start, s->end,
					      PFN_CHUNK);
	const struct pfn_chunk *c;
	int rc = 0;

	while ((c = pfnread_next(rd))->n) {
		size_t i;

		if (c->got < 0) {
			warnx("PFN %" PRIu64 ": %s", c->pfn,
			      strerror((int)-c->got));
			rc = -1;
			break;
		}
		for (i = 0; i < c->n; i++) {
			struct page_rec rec = {
				.pm = c->pfn + i, .ki = c->info[i],
				.has_kpage = i < (size_t)c->got,
			};
			struct page_row row = { &rec, &ctl->run.ctx, true, 0,
						NULL };

			out_row(ctl->out, &row, page_fill);
		}
	}
	pfnread_stop(rd);
	return rc;
}

/* ---- who maps them ---- */

/* The spans sorted and merged, for binary search. */
static int cmp_span(const void *a, const void *b)
{
	uint64_t x = ((const struct pfn_span *)a)->start;
	uint64_t y = ((const struct pfn_span *)b)->start;

	return (x > y) - (x < y);
}

static void merge_spans(struct pfn_ctl *ctl)
{
	size_t i, n = 0;

	qsort(ctl->spans, ctl->nspans, sizeof(*ctl->spans), cmp_span);
	for (i = 0; i < ctl->nspans; i++) {
		if (n && ctl->spans[i].start <= ctl->spans[n - 1].end + 1) {
			if (ctl->spans[i].end > ctl->spans[n - 1].end)
				ctl->spans[n - 1].end = ctl->spans[i].end;
			continue;
		}
		ctl->spans[n++] = ctl->spans[i];
	}
	ctl->nspans = n;
}

static bool wanted(const struct pfn_ctl *ctl, uint64_t pfn)
{
	size_t lo = 0, hi = ctl->nspans;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pfn < ctl->spans[mid].start)
			hi = mid;
		else if (pfn > ctl->spans[mid].end)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

struct who_walk {
	struct pfn_ctl *ctl;
	const struct vma *v;
	pid_t pid;
	const char *comm;
	size_t page_size;
};

static void who_row(struct who_walk *w, uint64_t addr, uint64_t e)
{
	struct pfn_ctl *ctl = w->ctl;
	struct page_rec rec = { .addr = addr, .pm = e, .v = w->v };
	struct page_row row = { &rec, &ctl->run.ctx, false, w->pid, w->comm };
	uint64_t pfn = pm_pfn(e);

	if (ctl->run.kp.avail)
		rec.has_kpage = !kpage_lookup(&ctl->run.kp, &pfn, 1, &rec.ki);
	out_row(ctl->out, &row, page_fill);
}

static int who_batch(void *arg, uint64_t addr, const uint64_t *ents, size_t n)
{
	struct who_walk *w = arg;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!(ents[i] & PM_PRESENT))
			continue;
		/* The kernel writes PFN 0 for openers without CAP_SYS_ADMIN. */
		if (!pm_pfn(ents[i])) {
			w->ctl->hidden = true;
			return 1;
		}
		if (wanted(w->ctl, pm_pfn(ents[i])))
			who_row(w, addr + i * w->page_size, ents[i]);
	}
	return 0;
}

/* 0, or -errno when the process could not be scanned. */
static int who_pid(struct pfn_ctl *ctl, pid_t pid)
{
	struct vma_list l = { 0 };
	struct who_walk w = { ctl, NULL, pid, NULL, ctl->run.ctx.page_size };
	struct pagemap pm;
	char comm[64], *err;
	size_t i;
	int rc = maps_read_pid(&ctl->proc, pid, "maps", &l, &err);

	free(err);
	/* Kernel threads have no address space: nothing to scan. */
	if (!rc && !l.n) {
		vma_list_free(&l);
		return 0;
	}
	if (!rc)
		rc = pagemap_open(&pm, &ctl->proc, pid);
	if (!rc && !pm.pfn_visible) {
		ctl->hidden = true;
		pagemap_close(&pm);
	}
	if (rc || ctl->hidden) {
		vma_list_free(&l);
		return rc;
	}
	procfs_comm(&ctl->proc, pid, comm, sizeof(comm));
	w.comm = comm;
	for (i = 0; i < l.n && !rc && !ctl->hidden; i++) {
		if (l.v[i].kind == VMA_KIND_VSYSCALL)
			continue;
		w.v = &l.v[i];
		rc = pagemap_walk(&pm, l.v[i].start, l.v[i].end, who_batch, &w);
		if (rc > 0)
			rc = 0;
	}
	pagemap_close(&pm);
	vma_list_free(&l);
	return rc;
}

static void who_scan(struct pfn_ctl *ctl)
{
	pid_t *pids = ctl->pids;
	size_t n = ctl->npids, i;

	merge_spans(ctl);
	if (!n && procfs_pids(&ctl->proc, &pids, &n)) {
		warn("%s", ctl->proc.root);
		ctl->status = VMS_EXIT_FAILURE;
		return;
	}
	for (i = 0; i < n && !ctl->hidden; i++) {
		int rc = who_pid(ctl, pids[i]);

		if (!rc)
			continue;
		/* A PID given after --who that cannot be read is an error. */
		if (pids == ctl->pids) {
			if (skips_pid(&ctl->skips, pids[i], -rc, NULL, true))
				ctl->status = VMS_EXIT_FAILURE;
			continue;
		}
		ctl->skips.n++;
		if (ctl->opts.verbose > 1)
			warnx("PID %d: skipped: %s", (int)pids[i],
			      strerror(-rc));
	}
	if (pids != ctl->pids)
		free(pids);
	if (ctl->hidden) {
		frames_hidden_say();
		warnx("--who cannot match frames");
		ctl->status = VMS_EXIT_FAILURE;
	}
	skips_report(&ctl->skips);
}

static int pfn_setup(struct pfn_ctl *ctl)
{
	ctl->table = ctl->who ?
		page_columns_with(who_defaults, ARRAY_SIZE(who_defaults)) :
		page_columns_with(pfn_defaults, ARRAY_SIZE(pfn_defaults));
	ctl->table.name = ctl->who ? "who" : "frames";
	if (colsel_from_opts(&ctl->table, &ctl->opts, &ctl->sel))
		return VMS_EXIT_USAGE;
	if (vms_open_proc(&ctl->opts, &ctl->proc))
		return VMS_EXIT_FAILURE;
	ctl->skips = (struct skips){ &ctl->proc, ctl->opts.verbose, 0 };
	/*
	 * The kpage files need read access only (each says so when it is
	 * refused); the addresses of /proc/iomem and the PFNs of pagemap
	 * CAP_SYS_ADMIN.
	 */
	if (procfs_is_live(&ctl->proc))
		caps_setup(NEED_SYS_ADMIN | NEED_DAC_READ |
			   (ctl->who ? NEED_SYS_PTRACE : 0), "RAM and --who");
	page_run_open(&ctl->run, &ctl->proc, &ctl->sel, NULL);
	ctl->out = out_new(&ctl->opts, &ctl->table, &ctl->sel, true);
	return ctl->out ? VMS_EXIT_OK : VMS_EXIT_USAGE;
}

int cmd_pfn(int argc, char **argv)
{
	struct pfn_ctl ctl = { .proc = { .dirfd = -1 } };
	size_t i;

	vms_argp_parse_flags(&cmd_pfn_argp, argc, argv, ARGP_IN_ORDER, &ctl);
	if (ctl.opts.list_columns) {
		free(ctl.spans);
		free(ctl.pids);
		return out_list_columns(&ctl.opts, &page_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	}
	ctl.status = pfn_setup(&ctl);
	if (!ctl.status && ctl.who)
		who_scan(&ctl);
	else if (!ctl.status)
		for (i = 0; i < ctl.nspans; i++)
			if (show_span(&ctl, &ctl.spans[i]))
				ctl.status = VMS_EXIT_FAILURE;
	if (ctl.out && out_finish(ctl.out))
		ctl.status = VMS_EXIT_FAILURE;
	if (ctl.proc.dirfd >= 0)
		page_run_close(&ctl.run);
	procfs_close(&ctl.proc);
	colsel_free(&ctl.sel);
	free(ctl.spans);
	free(ctl.pids);
	return ctl.status;
}
