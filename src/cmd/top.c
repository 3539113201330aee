// SPDX-License-Identifier: GPL-2.0-or-later
/* vmascope top: RSS, PSS, USS and SWAP per process, largest PSS first. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "read/caps.h"
#include "read/procfs.h"
#include "read/skips.h"
#include "walk/groupframes.h"
#include "walk/pagewalk.h"
#include "walk/procfilter.h"
#include "walk/procgroup.h"
#include "walk/procscan.h"
#include "show/interval.h"
#include "show/proccols.h"
#include "show/prom.h"
#include "show/totals.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/filteropts.h"
#include "cmd/intervalopts.h"
#include "cmd/opts.h"

enum {
	OPT_TOTAL = 0x300,
	OPT_FORMAT,
	OPT_BY,
	OPT_FRAMES,
};

struct top_ctl {
	struct vms_opts opts;
	struct vms_interval iv;
	struct deltas deltas;
	pid_t *pids;
	size_t npids;
	bool total;
	bool prometheus;		/* --format prometheus */
	struct procfilter filter;
	enum procgroup_by by;
	bool frames;			/* --frames: USS from the frames */
	unsigned int idwhat;		/* PROCID_*: identity to read */

	struct procfs proc;
	struct kpage kp;
	bool walk;			/* a column needs the pages walked */
	struct colsel sel;
	struct proc_mem *rows;
	size_t nrows;
	struct skips skips;
	int status;
};

static const struct argp_option top_options[] = {
	{ "total", OPT_TOTAL, NULL, 0, "add a line with the sums", 0 },
	{ "format", OPT_FORMAT, "FMT", 0,
	  "table (default) or prometheus: node_exporter textfile format", 0 },
	{ "by", OPT_BY, "process|program|user|cgroup|unit", 0,
	  "one row per process (default), or per group of processes with "
	  "the sums: the same executable, user, cgroup or systemd unit", 0 },
	{ "frames", OPT_FRAMES, NULL, 0,
	  "USS from the frames: the memory only the row's processes map "
	  "(a group's own memory)", 0 },
	{ 0 }
};

static error_t top_parse(int key, char *arg, struct argp_state *state)
{
	struct top_ctl *ctl = state->input;
	int by;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		procfilter_child_init(state, &ctl->filter);
		state->child_inputs[2] = &ctl->iv;
		break;
	case OPT_TOTAL:
		ctl->total = true;
		break;
	case OPT_FRAMES:
		ctl->frames = true;
		break;
	case OPT_BY:
		by = procgroup_lookup(arg);
		if (by < 0)
			argp_error(state, "unknown --by: '%s'", arg);
		ctl->by = (enum procgroup_by)by;
		break;
	case ARGP_KEY_END:
		if (ctl->total && ctl->prometheus)
			argp_error(state, "--total goes with --format table: "
				   "Prometheus sums the samples itself");
		if (ctl->iv.seconds && ctl->prometheus)
			argp_error(state, "--interval goes with --format table: "
				   "Prometheus scrapes at its own interval");
		if ((ctl->opts.sort || ctl->opts.reverse) && ctl->prometheus)
			argp_error(state, "--sort and --reverse go with "
				   "--format table: Prometheus samples have "
				   "no order");
		break;
	case OPT_FORMAT:
		if (!strcmp(arg, "prometheus"))
			ctl->prometheus = true;
		else if (strcmp(arg, "table"))
			argp_error(state, "unknown format: '%s'", arg);
		break;
	case ARGP_KEY_ARG:
		vms_arg_pid(state, arg, &ctl->pids, &ctl->npids);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The common options, the filters (child 1), --interval (child 2). */
static const struct argp_child top_children[] = {
	{ &vms_common_argp, 0, NULL, 0 },
	{ &procfilter_argp, 0, NULL, 0 },
	{ &vms_interval_argp, 0, NULL, 0 },
	{ 0 }
};

const struct argp cmd_top_argp = {
	.options = top_options,
	.parser = top_parse,
	.args_doc = "[PID...]",
	.doc = "Show the memory of processes: RSS, PSS, USS, SWAP; all "
	       "processes by default, largest PSS first. Kernel threads are "
	       "left out. The kernel's own sums (smaps_rollup) are read, "
	       "unless a column needs the pages walked (THP, KSM, ZERO).",
	.children = top_children,
	.help_filter = vms_help_filter,
};

/* Explicit targets that fail are errors; in a scan of all, skipped. */
static void target_failed(struct top_ctl *ctl, pid_t pid, int err,
			  const char *msg, bool explicit)
{
	const char *why = NULL;

	/*
	 * A damaged file is named with its line; a failed read (ESRCH) or
	 * a file gone (ENOENT) is a process that went away while it was
	 * read: skipped as gone, whatever the reader said.
	 */
	if (msg && err != ESRCH && err != ENOENT) {
		if (explicit || ctl->opts.verbose)
			warnx("%s", msg);
		if (explicit) {
			ctl->status = VMS_EXIT_FAILURE;
			return;
		}
		why = "damaged file";
	}
	if (skips_pid(&ctl->skips, pid, err, why, explicit))
		ctl->status = VMS_EXIT_FAILURE;
}

/* What a worker found for one process. */
struct top_result {
	struct proc_mem m;
	char *msg;
	int rc;
};

struct top_scan {
	struct top_ctl *ctl;
	struct procscan ps;
	struct top_result *res;
};

static void scan_one(void *arg, size_t i, unsigned int worker)
{
	struct top_scan *sc = arg;
	struct top_result *r = &sc->res[i];
	pid_t pid = sc->ps.pids[i];

	r->rc = sc->ctl->walk ?
		procmem_read_walk(&sc->ctl->proc, pid,
				  procscan_kpage(&sc->ps, worker), &r->m,
				  &r->msg) :
		procmem_read_rollup(&sc->ctl->proc, pid, &r->m, &r->msg);
	if (!r->rc)
		procmem_read_id(&sc->ctl->proc, sc->ctl->idwhat, &r->m);
}

/* In PID order, whichever worker read which process. */
static void collect(struct top_ctl *ctl, const pid_t *pids, size_t n,
		    struct top_result *res, bool all)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct top_result *r = &res[i];

		/* No memory (a kernel thread): an error only when named. */
		if (r->rc == 1 && ctl->npids > 0)
			target_failed(ctl, pids[i], ESRCH, NULL, true);
		if (r->rc == 1)
			continue;
		if (r->rc < 0) {
			target_failed(ctl, pids[i], -r->rc, r->msg, !all);
		} else {
			ctl->rows = xreallocarray(ctl->rows, ctl->nrows + 1,
						  sizeof(*ctl->rows));
			ctl->rows[ctl->nrows++] = r->m;
		}
		free(r->msg);
	}
}

static int scan(struct top_ctl *ctl)
{
	struct top_scan sc = { .ctl = ctl };

	if (procscan_list(&sc.ps, &ctl->proc, ctl->pids, ctl->npids,
			  &ctl->filter, 0)) {
		procscan_free(&sc.ps);
		return VMS_EXIT_FAILURE;
	}
	procscan_frames(&sc.ps, &ctl->kp, 0);
	sc.res = xcalloc(sc.ps.n + 1, sizeof(*sc.res));
	procscan_run(&sc.ps, scan_one, &sc);
	collect(ctl, sc.ps.pids, sc.ps.n, sc.res, sc.ps.all);
	free(sc.res);
	procscan_free(&sc.ps);
	skips_report(&ctl->skips);
	return VMS_EXIT_OK;
}

/* COMMAND says "total" when shown; else the first text column. */
static int show_table(struct top_ctl *ctl)
{
	struct vms_out *out;
	struct totals tot;
	size_t i;

	out = out_new_sorted(&ctl->opts, &proc_columns, &ctl->sel, false,
			     ctl->opts.sort ? ctl->opts.sort : "PSS");
	if (!out)
		return VMS_EXIT_USAGE;
	totals_init(&tot, &proc_columns, &ctl->sel, PR_COMMAND);
	for (i = 0; i < ctl->nrows; i++) {
		out_row(out, &ctl->rows[i], proc_fill);
		totals_add(&tot, &ctl->rows[i], proc_fill);
	}
	if (ctl->total)
		totals_emit(&tot, out);
	if (ctl->status)
		out_fail(out);
	totals_free(&tot);
	return out_finish(out) ? VMS_EXIT_FAILURE : VMS_EXIT_OK;
}

static void free_rows(struct proc_mem *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		procmem_free(&rows[i]);
	free(rows);
}

/*
 * --frames: each row's USS becomes the frames only its processes map,
 * uss[g] for the group g of each process (a process is a group of one).
 */
static int frames_uss(struct top_ctl *ctl, uint64_t **uss)
{
	uint32_t *group_of = xcalloc(ctl->nrows + 1, sizeof(*group_of));
	pid_t *pids = xcalloc(ctl->nrows + 1, sizeof(*pids));
	size_t n = ctl->nrows, ng = n, i;
	int rc;

	for (i = 0; i < n; i++) {
		pids[i] = ctl->rows[i].pid;
		group_of[i] = (uint32_t)i;
	}
	if (ctl->by != GROUP_PROCESS)
		ng = procgroup_index(ctl->by, ctl->rows, n, group_of);
	*uss = xcalloc(ng + 1, sizeof(**uss));
	rc = groupframes_uss(&ctl->proc, &ctl->kp, pids, group_of, n, ng,
			     *uss);
	if (rc)
		warnx("--frames: %s", rc == -EPERM ?
		      "PFNs are hidden (needs CAP_SYS_ADMIN)" :
		      "reading the frames failed");
	free(group_of);
	free(pids);
	return rc ? VMS_EXIT_FAILURE : VMS_EXIT_OK;
}

/* --by: the rows become one per group; --frames: their USS the frames'. */
static int group_rows(struct top_ctl *ctl)
{
	uint64_t *uss = NULL;
	struct proc_mem *g;
	size_t n, i;

	if (ctl->frames && frames_uss(ctl, &uss))
		return VMS_EXIT_FAILURE;
	if (ctl->by != GROUP_PROCESS) {
		n = procgroup_rows(ctl->by, ctl->rows, ctl->nrows, &g);
		free_rows(ctl->rows, ctl->nrows);
		ctl->rows = g;
		ctl->nrows = n;
	}
	for (i = 0; uss && i < ctl->nrows; i++)
		ctl->rows[i].uss = uss[i];
	free(uss);
	return VMS_EXIT_OK;
}

static int show_prometheus(struct top_ctl *ctl)
{
	const void **rows = xcalloc(ctl->nrows + 1, sizeof(*rows));
	char prefix[32];
	size_t i;
	int rc;

	for (i = 0; i < ctl->nrows; i++)
		rows[i] = &ctl->rows[i];
	/* vmascope_process_pss_bytes; grouped, vmascope_user_pss_bytes */
	snprintf(prefix, sizeof(prefix), "vmascope_%s",
		 procgroup_names[ctl->by]);
	rc = prom_write(stdout, prefix, &proc_columns, &ctl->sel, rows,
			ctl->nrows, proc_fill);
	free(rows);
	return rc ? VMS_EXIT_FAILURE : VMS_EXIT_OK;
}

/* Without -o, a grouping shows its key and PROCS with the sizes. */
static int select_columns(struct top_ctl *ctl)
{
	struct vms_coltable t = proc_columns;

	t.defaults = proc_group_columns(ctl->by, &t.ndefaults);
	return colsel_from_opts(&t, &ctl->opts, &ctl->sel);
}

/* The identity to read: for the columns, the sort and the grouping. */
static unsigned int id_needs(const struct top_ctl *ctl)
{
	return procgroup_id_needs(ctl->by) |
	       proc_reads_id(colsel_reads(&proc_columns, &ctl->sel,
					  ctl->opts.sort));
}

/* smaps_rollup has no page-level counters: those walk the pages. */
static bool needs_walk(const struct top_ctl *ctl)
{
	return colsel_reads(&proc_columns, &ctl->sel, ctl->opts.sort) &
	       SRC_PAGEMAP;
}

/*
 * Each row's change since the last sample: a process by PID and command
 * name, a group (--by) by its grouping key.
 */
static void add_deltas(struct top_ctl *ctl)
{
	size_t i;

	for (i = 0; i < ctl->nrows; i++) {
		struct proc_mem *m = &ctl->rows[i];
		uint64_t v[4] = { m->rss, pss_bytes(m->pss_fp), m->uss,
				  m->swap };
		char *key;

		if (ctl->by == GROUP_PROCESS)
			xasprintf(&key, "%d %s", (int)m->pid, m->comm);
		else
			key = procgroup_key(ctl->by, m);
		deltas_put(&ctl->deltas, key, strlen(key), v, 4, m->delta,
			   &m->delta_known);
		free(key);
	}
	deltas_next(&ctl->deltas);
}

/* One sample: scan, group, then the table. */
static int top_sample(void *arg, const struct vms_sample *s)
{
	struct top_ctl *ctl = arg;
	int rc;

	(void)s;
	free_rows(ctl->rows, ctl->nrows);
	ctl->rows = NULL;
	ctl->nrows = 0;
	rc = scan(ctl);
	if (!rc)
		rc = group_rows(ctl);
	if (rc)
		return rc;
	add_deltas(ctl);
	return ctl->prometheus ? show_prometheus(ctl) : show_table(ctl);
}

int cmd_top(int argc, char **argv)
{
	struct top_ctl ctl = { .proc = { .dirfd = -1 } };
	bool frames;
	int rc;

	vms_argp_parse(&cmd_top_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns) {
		free(ctl.pids);
		return out_list_columns(&ctl.opts, &proc_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	}
	if (select_columns(&ctl)) {
		procfilter_free(&ctl.filter);
		free(ctl.pids);
		return VMS_EXIT_USAGE;
	}
	vms_interval_columns(&ctl.iv, &ctl.opts, &ctl.sel,
			     (const int[]){ PR_DRSS, PR_DPSS }, 2);
	ctl.idwhat = id_needs(&ctl);
	if (vms_open_proc(&ctl.opts, &ctl.proc)) {
		rc = VMS_EXIT_FAILURE;
		goto out;
	}
	ctl.skips = (struct skips){ &ctl.proc, ctl.opts.verbose, 0 };
	ctl.walk = needs_walk(&ctl);
	frames = ctl.walk || ctl.frames;
	/* smaps_rollup of other users' processes needs ptrace read access. */
	if (procfs_is_live(&ctl.proc))
		caps_setup(NEED_SYS_PTRACE | (frames ? NEED_SYS_ADMIN |
					      NEED_DAC_READ : 0),
			   frames ? "page flags and map counts, so the walked "
				    "columns THP, KSM and ZERO, and --frames" :
				    "other users' processes");
	if (frames)
		kpage_open(&ctl.kp, &ctl.proc, KPAGE_FLAGS | KPAGE_COUNT);
	if (ctl.frames && (ctl.kp.avail & (KPAGE_FLAGS | KPAGE_COUNT)) !=
			  (KPAGE_FLAGS | KPAGE_COUNT))
		rc = VMS_EXIT_FAILURE;	/* kpage_open said which file */
	else
		rc = vms_interval_run(&ctl.iv, &ctl.opts, top_sample, &ctl);
out:
	kpage_close(&ctl.kp);
	deltas_free(&ctl.deltas);
	procfs_close(&ctl.proc);
	colsel_free(&ctl.sel);
	procfilter_free(&ctl.filter);
	free_rows(ctl.rows, ctl.nrows);
	free(ctl.pids);
	return rc ? rc : ctl.status;
}
