// SPDX-License-Identifier: GPL-2.0-or-later
/* vmascope top: RSS, PSS, USS and SWAP per process, largest PSS first. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "cli.h"
#include "commands.h"
#include "interval.h"
#include "pagewalk.h"
#include "parallel.h"
#include "proccols.h"
#include "procfs.h"
#include "skips.h"
#include "prom.h"
#include "util.h"

enum {
	OPT_TOTAL = 0x300,
	OPT_FORMAT,
};

struct top_ctl {
	struct vms_opts opts;
	struct vms_interval iv;
	struct deltas deltas;
	pid_t *pids;
	size_t npids;
	bool total;
	bool prometheus;		/* --format prometheus */

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
	{ 0 }
};

static error_t top_parse(int key, char *arg, struct argp_state *state)
{
	struct top_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_interval_child_init(state, &ctl->opts, &ctl->iv);
		break;
	case OPT_TOTAL:
		ctl->total = true;
		break;
	case ARGP_KEY_END:
		if (ctl->total && ctl->prometheus)
			argp_error(state, "--total goes with --format table: "
				   "Prometheus sums the samples itself");
		if (ctl->iv.seconds && ctl->prometheus)
			argp_error(state, "--interval goes with --format table: "
				   "Prometheus scrapes at its own interval");
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

const struct argp cmd_top_argp = {
	.options = top_options,
	.parser = top_parse,
	.args_doc = "[PID...]",
	.doc = "Show the memory of processes: RSS, PSS, USS, SWAP; all "
	       "processes by default, largest PSS first. Kernel threads are "
	       "left out. The kernel's own sums (smaps_rollup) are read, "
	       "unless a column needs the pages walked (THP, KSM, ZERO).",
	.children = vms_interval_children,
	.help_filter = vms_help_filter,
};

/* Explicit targets that fail are errors; in a scan of all, skipped. */
static void target_failed(struct top_ctl *ctl, pid_t pid, int err,
			  const char *msg, bool explicit)
{
	const char *why = NULL;

	/* Malformed is named with its file; a failed read (ESRCH) is a
	 * process that went away while it was read. */
	if (err == EIO && msg) {
		if (explicit || ctl->opts.verbose)
			warnx("%s", msg);
		why = "malformed smaps_rollup";
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
	const pid_t *pids;
	struct top_result *res;
	struct kpage *kp;		/* one per worker */
};

static void scan_one(void *arg, size_t i, unsigned int worker)
{
	struct top_scan *sc = arg;
	struct top_result *r = &sc->res[i];

	r->rc = sc->ctl->walk ?
		procmem_read_walk(&sc->ctl->proc, sc->pids[i], &sc->kp[worker],
				  &r->m, &r->msg) :
		procmem_read_rollup(&sc->ctl->proc, sc->pids[i], &r->m,
				    &r->msg);
}

/* In PID order, whichever worker read which process. */
static void collect(struct top_ctl *ctl, const pid_t *pids, size_t n,
		    struct top_result *res)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct top_result *r = &res[i];

		if (r->rc == 1)
			continue;	/* no memory: a kernel thread */
		if (r->rc < 0) {
			target_failed(ctl, pids[i], -r->rc, r->msg,
				      ctl->npids > 0);
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
	unsigned int nw = parallel_workers(), k;
	struct top_scan sc = { .ctl = ctl, .pids = ctl->pids };
	size_t n = ctl->npids;
	pid_t *all = NULL;

	if (!n && procfs_pids(&ctl->proc, &all, &n)) {
		warn("%s", ctl->proc.root);
		return VMS_EXIT_FAILURE;
	}
	if (all)
		sc.pids = all;
	sc.res = xcalloc(n, sizeof(*sc.res));
	sc.kp = xcalloc(nw, sizeof(*sc.kp));
	for (k = 0; k < nw; k++)
		kpage_borrow(&sc.kp[k], &ctl->kp);
	parallel_for(n, scan_one, &sc);
	collect(ctl, sc.pids, n, sc.res);
	for (k = 0; k < nw; k++)
		kpage_close(&sc.kp[k]);
	free(sc.kp);
	free(sc.res);
	free(all);
	skips_report(&ctl->skips);
	return VMS_EXIT_OK;
}

static int show_table(struct top_ctl *ctl)
{
	struct vms_out *out;
	struct proc_mem total = { .pid = 0 };
	size_t i;

	out = out_new_sorted(&ctl->opts, &proc_columns, &ctl->sel, false,
			     ctl->opts.sort ? ctl->opts.sort : "PSS");
	if (!out)
		return VMS_EXIT_USAGE;
	for (i = 0; i < ctl->nrows; i++) {
		out_row(out, &ctl->rows[i], proc_fill);
		procmem_add(&total, &ctl->rows[i]);
	}
	if (ctl->total) {
		out_sort(out);
		snprintf(total.comm, sizeof(total.comm), "total");
		out_row(out, &total, proc_fill);
	}
	return out_finish(out) ? VMS_EXIT_FAILURE : VMS_EXIT_OK;
}

static int show_prometheus(struct top_ctl *ctl)
{
	const void **rows = xcalloc(ctl->nrows, sizeof(*rows));
	size_t i;
	int rc;

	for (i = 0; i < ctl->nrows; i++)
		rows[i] = &ctl->rows[i];
	rc = prom_write(stdout, "vmascope_process", &proc_columns, &ctl->sel,
			rows, ctl->nrows, proc_fill);
	free(rows);
	return rc ? VMS_EXIT_FAILURE : VMS_EXIT_OK;
}

/* smaps_rollup has no page-level counters: those walk the pages. */
static bool needs_walk(const struct top_ctl *ctl)
{
	size_t i;
	int id;

	for (i = 0; i < ctl->sel.n; i++)
		if (proc_col_walks(ctl->sel.ids[i]))
			return true;
	if (!ctl->opts.sort)
		return false;
	id = coltable_lookup(&proc_columns, ctl->opts.sort,
			     strlen(ctl->opts.sort));
	return id >= 0 && proc_col_walks(id);
}

/* Each row's change since the last sample: by PID and command name. */
static void add_deltas(struct top_ctl *ctl)
{
	size_t i;

	for (i = 0; i < ctl->nrows; i++) {
		struct proc_mem *m = &ctl->rows[i];
		uint64_t v[4] = { m->rss, pss_bytes(m->pss_fp), m->uss,
				  m->swap };
		char key[96];
		int n = snprintf(key, sizeof(key), "%d %s", (int)m->pid,
				 m->comm);

		deltas_put(&ctl->deltas, key, (size_t)n, v, 4, m->delta,
			   &m->delta_known);
	}
	deltas_next(&ctl->deltas);
}

/* One sample: scan, then the table. */
static int top_sample(void *arg, const struct vms_sample *s)
{
	struct top_ctl *ctl = arg;
	int rc;

	ctl->nrows = 0;
	rc = scan(ctl);
	if (rc)
		return rc;
	add_deltas(ctl);
	return ctl->prometheus ? show_prometheus(ctl) : show_table(ctl);
}

int cmd_top(int argc, char **argv)
{
	struct top_ctl ctl = { .proc = { .dirfd = -1 } };
	int rc;

	vms_argp_parse(&cmd_top_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns) {
		free(ctl.pids);
		return out_list_columns(&ctl.opts, &proc_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	}
	if (colsel_from_opts(&proc_columns, &ctl.opts, &ctl.sel))
		return VMS_EXIT_USAGE;
	vms_interval_columns(&ctl.iv, &ctl.opts, &ctl.sel,
			     (const int[]){ PC_DRSS, PC_DPSS }, 2);
	if (vms_open_proc(&ctl.opts, &ctl.proc))
		return VMS_EXIT_FAILURE;
	ctl.skips = (struct skips){ &ctl.proc, ctl.opts.verbose, 0 };
	ctl.walk = needs_walk(&ctl);
	/* smaps_rollup of other users' processes needs ptrace read access. */
	if (procfs_is_live(&ctl.proc))
		caps_setup(NEED_SYS_PTRACE | (ctl.walk ? NEED_SYS_ADMIN |
					      NEED_DAC_READ : 0),
			   ctl.walk ? "map counts and page flags, so PSS, USS, "
				      "SHARED, ANON, FILE, THP, KSM and ZERO" :
				      "other users' processes");
	if (ctl.walk)
		kpage_open(&ctl.kp, &ctl.proc, KPAGE_FLAGS | KPAGE_COUNT);
	rc = vms_interval_run(&ctl.iv, &ctl.opts, top_sample, &ctl);
	kpage_close(&ctl.kp);
	deltas_free(&ctl.deltas);
	procfs_close(&ctl.proc);
	colsel_free(&ctl.sel);
	free(ctl.rows);
	free(ctl.pids);
	return rc ? rc : ctl.status;
}
