// SPDX-License-Identifier: GPL-2.0-or-later
/* vmascope maps: the VMAs of processes, or of a maps/smaps file. */
#include "config.h"

#include <err.h>
#include <inttypes.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/closeout.h"
#include "lib/util.h"
#include "read/caps.h"
#include "read/kpage.h"
#include "read/maps.h"
#include "read/proc.h"
#include "read/procfs.h"
#include "read/skips.h"
#include "walk/pagewalk.h"
#include "walk/procfilter.h"
#include "walk/procscan.h"
#include "show/interval.h"
#include "show/picture.h"
#include "show/totals.h"
#include "show/vmacols.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/filteropts.h"
#include "cmd/intervalopts.h"
#include "cmd/maps.h"
#include "cmd/opts.h"
#include "cmd/pictureopts.h"

enum {
	OPT_ALL = 0x200,
	OPT_MAPS_FILE,
	OPT_FORMAT,
	OPT_TOTAL,
	OPT_STRICT,
};

static const struct argp_option maps_options[] = {
	{ "all", OPT_ALL, NULL, 0, "every process", 0 },
	{ "maps-file", OPT_MAPS_FILE, "FILE", 0,
	  "read a maps or smaps file (- for stdin) instead of processes", 0 },
	{ "format", OPT_FORMAT, "FMT", 0,
	  "table (default) or maps: the kernel's own maps lines", 0 },
	{ "total", OPT_TOTAL, NULL, 0, "add a line with the sums", 0 },
	{ "strict", OPT_STRICT, NULL, 0,
	  "a bad line of --maps-file is an error, not a warning", 0 },
	{ 0 }
};

static error_t maps_parse(int key, char *arg, struct argp_state *state)
{
	struct maps_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		procfilter_child_init(state, &ctl->filter);
		pic_opts_child_init(state, 2, &ctl->pic);
		state->child_inputs[3] = &ctl->iv;
		break;
	case OPT_TOTAL:
		ctl->total = true;
		break;
	case OPT_ALL:
		ctl->all = true;
		break;
	case OPT_MAPS_FILE:
		ctl->maps_file = arg;
		break;
	case OPT_STRICT:
		ctl->strict = true;
		break;
	case OPT_FORMAT:
		if (!strcmp(arg, "maps"))
			ctl->format_maps = true;
		else if (strcmp(arg, "table"))
			argp_error(state, "unknown format: '%s'", arg);
		break;
	case ARGP_KEY_ARG:
		vms_arg_pid(state, arg, &ctl->pids, &ctl->npids);
		break;
	case ARGP_KEY_END:
		if (ctl->opts.list_columns)
			break;
		if (ctl->maps_file && (ctl->npids || ctl->all))
			argp_error(state, "--maps-file goes without PIDs and --all");
		if (ctl->all && ctl->npids)
			argp_error(state, "--all goes without PIDs");
		if (!ctl->maps_file && !ctl->all && !ctl->npids)
			argp_error(state, "no PID given (or --all, --maps-file)");
		if (ctl->maps_file && procfilter_active(&ctl->filter))
			argp_error(state, "--comm, --user and --cgroup choose "
				   "processes: not with --maps-file");
		if (ctl->format_maps && ctl->total)
			argp_error(state, "--total goes with --format table");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/*
 * The common options, the process filters, the picture options,
 * --interval.
 */
static const struct argp_child maps_children[] = {
	{ &vms_common_argp, 0, NULL, 0 },
	{ &procfilter_argp, 0, NULL, 0 },
	{ &pic_argp, 0, NULL, 0 },
	{ &vms_interval_argp, 0, NULL, 0 },
	{ 0 }
};

const struct argp cmd_maps_argp = {
	.options = maps_options,
	.parser = maps_parse,
	.args_doc = "[PID...]",
	.doc = "Show the VMAs (vm_area_struct records) of processes, "
	       "or of a maps or smaps file.",
	.children = maps_children,
	.help_filter = vms_help_filter,
};

/*
 * A VMA's change since the last sample, keyed by PID and start: the
 * values are those its RSS, PSS, USS and SWAP cells show.
 */
static void add_delta(struct maps_ctl *ctl, struct vma_row *row)
{
	static const int base[4] = { VC_RSS, VC_PSS, VC_USS, VC_SWAP };
	uint64_t v[4];
	char key[64];
	int k, n;

	if (!ctl->iv.seconds)
		return;
	for (k = 0; k < 4; k++) {
		struct vms_cell c = { 0 };

		vma_fill(row, base[k], &c);
		v[k] = c.null ? DELTA_UNKNOWN : c.num;
	}
	n = snprintf(key, sizeof(key), "%d %" PRIx64, (int)row->pid,
		     row->v->start);
	deltas_put(&ctl->deltas, key, (size_t)n, v, 4, row->delta,
		   &row->delta_known);
}

void maps_emit(struct maps_ctl *ctl, struct vma_list *l, pid_t pid,
	       const char *comm, enum maps_layout layout)
{
	size_t i;

	if (ctl->format_maps) {
		for (i = 0; i < l->n; i++) {
			maps_write_line(stdout, &l->v[i], layout);
			closeout_check();
		}
		return;
	}
	vma_list_sort(l);
	for (i = 0; i < l->n; i++) {
		struct vma_row row = { &l->v[i], pid, comm, { 0 }, false };

		add_delta(ctl, &row);
		out_row(ctl->out, &row, vma_fill);
		totals_add(&ctl->tot, &row, vma_fill);
	}
}

/* What a worker found for one process. */
struct maps_result {
	struct vms_proc pr;		/* its VMAs, comm, a damaged file */
	int rc;
	bool pagemap_denied;
};

/*
 * Fill the page counters of the VMAs. A tree without a pagemap leaves
 * them unavailable ("-"); 0, or -errno when the process is gone (or a
 * read failed) and must be skipped.
 */
static int walk_pages(struct maps_ctl *ctl, unsigned int worker,
		      struct maps_result *r)
{
	struct vms_proc *pr = &r->pr;
	int rc = proc_read(pr, PROC_PAGEMAP);

	if (rc == -ENOENT && !procfs_is_live(&ctl->proc)) {
		proc_forget_error(pr);
		return 0;
	}
	if (rc == -EACCES || rc == -EPERM) {
		proc_forget_error(pr);
		r->pagemap_denied = true;
		return 0;
	}
	if (rc)
		return rc;
	rc = (ctl->page_flags ? pagewalk_vmas : pagewalk_vmas_counts)
		(&pr->pm, pr->pm.pfn_visible ?
			  procscan_kpage(&ctl->scan, worker) : NULL, &pr->vmas);
	proc_close_pagemap(pr);
	return rc;
}

/*
 * smaps asked for but missing beside the process's maps (a copied tree
 * without it): named, not called a process that is gone.
 */
static void smaps_missing(struct maps_ctl *ctl, pid_t pid,
			  struct maps_result *r)
{
	xasprintf(&r->pr.err, "%s/%d/smaps: %s", ctl->proc.root, (int)pid,
		  strerror(ENOENT));
}

/* Whether pid has a maps file where smaps was missing. */
static bool has_maps(const struct maps_ctl *ctl, pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "%d/maps", (int)pid);
	return !faccessat(ctl->proc.dirfd, path, F_OK, 0);
}

/*
 * The VMAs, from smaps when it answers a column; a copied tree without
 * smaps gives maps, and its counters come from a walk of the pages (where
 * it has a pagemap) instead. Returns whether to walk.
 */
static bool read_vmas(struct maps_ctl *ctl, pid_t pid, struct maps_result *r)
{
	r->rc = proc_open(&r->pr, &ctl->proc, pid,
			  ctl->smaps ? PROC_SMAPS : PROC_MAPS);
	if (r->rc != -ENOENT || !ctl->smaps || !has_maps(ctl, pid))
		return ctl->pages;
	if (ctl->smaps_needed) {
		smaps_missing(ctl, pid, r);
		return false;
	}
	proc_forget_error(&r->pr);
	r->rc = proc_read(&r->pr, PROC_MAPS);
	return ctl->counters;
}

static void read_one(struct maps_ctl *ctl, pid_t pid, unsigned int worker,
		     struct maps_result *r)
{
	bool walk = read_vmas(ctl, pid, r);

	/* No VMA at all: a kernel thread or a zombie, as a walk would say. */
	if (!r->rc && !r->pr.vmas.n && procfs_no_mm(&ctl->proc, pid))
		r->rc = -ESRCH;
	if (!r->rc && walk)
		r->rc = walk_pages(ctl, worker, r);
	if (!r->rc && ctl->comm)
		proc_read(&r->pr, PROC_COMM);
}

/* Messages and rows of one process, in order, on the main thread. */
static void report_one(struct maps_ctl *ctl, pid_t pid, struct maps_result *r)
{
	if (r->pagemap_denied && (!ctl->all || ctl->opts.verbose))
		warnx("PID %d: pagemap: permission denied; page columns "
		      "unavailable", (int)pid);
	if (r->rc == -EIO) {
		/* Malformed: named, even in a scan of all processes. */
		warnx("%s", r->pr.err);
		if (ctl->all)
			ctl->skips.n++;
		else
			ctl->status = VMS_EXIT_FAILURE;
	} else if (r->rc && r->pr.err && r->rc != -ESRCH &&
		   (!ctl->all || ctl->opts.verbose)) {
		/* A read that failed, named with its file; ESRCH: gone. */
		warnx("%s", r->pr.err);
		if (!ctl->all)
			ctl->status = VMS_EXIT_FAILURE;
	} else if (r->rc) {
		/* Explicit targets are errors when they fail; --all skips. */
		if (skips_pid(&ctl->skips, pid, -r->rc, NULL, !ctl->all))
			ctl->status = VMS_EXIT_FAILURE;
	} else {
		maps_emit(ctl, &r->pr.vmas, pid, r->pr.comm,
			  sizeof(long) == 8 ? MAPS_LAYOUT_64 : MAPS_LAYOUT_32);
	}
	proc_close(&r->pr);
}

struct maps_scan {
	struct maps_ctl *ctl;
	struct maps_result *res;
};

static void scan_one(void *arg, size_t i, unsigned int worker)
{
	struct maps_scan *sc = arg;

	read_one(sc->ctl, sc->ctl->scan.pids[i], worker, &sc->res[i]);
}

/*
 * The PIDs given, or with --all every process: read on all cores, then
 * shown in order.
 */
static void show_pids(struct maps_ctl *ctl)
{
	struct procscan *ps = &ctl->scan;
	struct maps_scan sc = { ctl, NULL };
	size_t i;

	if (procscan_list(ps, &ctl->proc, ctl->pids, ctl->all ? 0 : ctl->npids,
			  &ctl->filter, 0)) {
		ctl->status = VMS_EXIT_FAILURE;
		procscan_free(ps);
		return;
	}
	if (ps->n == 1 && maps_stream_ok(ctl) &&
	    maps_stream_one(ctl, ps->pids[0])) {
		procscan_free(ps);
		return;
	}
	procscan_frames(ps, &ctl->kpage, ctl->kpage_tried ? 0 :
			KPAGE_FLAGS | KPAGE_COUNT);
	sc.res = xcalloc(ps->n + 1, sizeof(*sc.res));
	procscan_run(ps, scan_one, &sc);
	ctl->kpage_tried = ctl->kpage_tried || !ps->kp_open;
	for (i = 0; i < ps->n; i++) {
		/* A closed pipe (SIGPIPE ignored): stop, close_stdout() tells. */
		if (ferror(stdout)) {
			proc_close(&sc.res[i].pr);
			continue;
		}
		report_one(ctl, ps->pids[i], &sc.res[i]);
	}
	free(sc.res);
	procscan_free(ps);
	if (ctl->all)
		skips_report(&ctl->skips);
}

/*
 * Keep the capabilities reading needs: other users' processes, and PFNs
 * when page columns are shown from the live /proc.
 */
static void maps_caps(struct maps_ctl *ctl)
{
	unsigned int need = 0;

	/*
	 * A --maps-file may be another process's /proc/PID/maps (or a
	 * root-only copy): reading it takes the same as reading the process.
	 */
	need |= NEED_SYS_PTRACE | NEED_DAC_READ;
	if (ctl->pages && procfs_is_live(&ctl->proc))
		need |= NEED_SYS_ADMIN;
	caps_setup(need, "page flags and map counts, so the walked columns "
		   "THP, ZERO, ACTIVE, PSS_ANON, PSS_FILE, PSS_SHMEM");
}

const struct vms_coltable *maps_table(const struct maps_ctl *ctl)
{
	return ctl->maps_file && !ctl->fsmaps ? &vma_file_columns :
						&vma_columns;
}

/* Returns an exit status: usage errors are 64, a missing root 1. */
static int maps_setup(struct maps_ctl *ctl)
{
	const struct vms_coltable *t = maps_table(ctl);

	if (colsel_from_opts(t, &ctl->opts, &ctl->sel))
		return VMS_EXIT_USAGE;
	/* Several processes: say which one each row is of. */
	if ((ctl->all || ctl->npids > 1) && !ctl->opts.columns &&
	    !ctl->opts.output_all) {
		colsel_free(&ctl->sel);
		colsel_add(&ctl->sel, VC_PID);
		colsel_add(&ctl->sel, VC_COMMAND);
		ctl->sel.ids = xreallocarray(ctl->sel.ids,
					     ctl->sel.n + t->ndefaults,
					     sizeof(int));
		memcpy(ctl->sel.ids + ctl->sel.n, t->defaults,
		       t->ndefaults * sizeof(int));
		ctl->sel.n += t->ndefaults;
	}
	vms_interval_columns(&ctl->iv, &ctl->opts, &ctl->sel,
			     (const int[]){ VC_DRSS, VC_DPSS }, 2);
	/*
	 * smaps' own sums answer every counter but THP, ZERO and ACTIVE
	 * (as pmap -X): the pages are walked only for those. The changes
	 * (+RSS ...) are of smaps' counters.
	 */
	ctl->smaps_needed = vma_cols_need_smaps(&ctl->sel, ctl->opts.sort);
	ctl->counters = !ctl->maps_file && !ctl->format_maps &&
			vma_cols_any_counter(&ctl->sel, ctl->opts.sort);
	ctl->smaps = ctl->smaps_needed || ctl->counters;
	ctl->pages = ctl->counters &&
		     vma_cols_need_pages(&ctl->sel, ctl->opts.sort);
	ctl->page_flags = vma_cols_need_flags(&ctl->sel, ctl->opts.sort);
	ctl->comm = colsel_reads(t, &ctl->sel, ctl->opts.sort) & SRC_COMM;
	if (!ctl->maps_file &&
	    vms_open_proc(&ctl->opts, &ctl->proc))
		return VMS_EXIT_FAILURE;
	ctl->skips = (struct skips){ &ctl->proc, ctl->opts.verbose, 0 };
	maps_caps(ctl);
	return VMS_EXIT_OK;
}

/* One sample: a table of every VMA asked for. */
static int maps_sample(void *arg, const struct vms_sample *s)
{
	struct maps_ctl *ctl = arg;

	(void)s;
	if (!ctl->format_maps) {
		ctl->out = out_new(&ctl->opts, maps_table(ctl), &ctl->sel,
				   false);
		if (!ctl->out)
			return VMS_EXIT_USAGE;
		totals_init(&ctl->tot, maps_table(ctl), &ctl->sel, VC_NAME);
	}
	if (ctl->maps_file)
		maps_file_show(ctl);
	else
		show_pids(ctl);
	if (ctl->out && ctl->total)
		totals_emit(&ctl->tot, ctl->out);
	if (ctl->out && ctl->status)
		out_fail(ctl->out);
	if (ctl->out && out_finish(ctl->out))
		ctl->status = VMS_EXIT_FAILURE;
	ctl->out = NULL;
	totals_free(&ctl->tot);
	if (ctl->iv.seconds)
		deltas_next(&ctl->deltas);
	return ctl->status;
}

int cmd_maps(int argc, char **argv)
{
	struct maps_ctl ctl = { .proc = { .dirfd = -1 } };

	vms_argp_parse(&cmd_maps_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns) {
		ctl.status = out_list_columns(&ctl.opts, &vma_columns) ?
			     VMS_EXIT_FAILURE : VMS_EXIT_OK;
		goto out;
	}
	if (ctl.iv.seconds && (ctl.maps_file || pic_wanted(&ctl.pic))) {
		warnx("--interval samples processes: it goes without "
		      "--maps-file and a picture");
		ctl.status = VMS_EXIT_USAGE;
		goto out;
	}
	if (pic_wanted(&ctl.pic)) {
		if (ctl.format_maps || ctl.total) {
			warnx("a picture goes without --format and --total");
			ctl.status = VMS_EXIT_USAGE;
		} else if (pic_check_opts(&ctl.opts)) {
			ctl.status = VMS_EXIT_USAGE;
		} else {
			ctl.status = pic_maps(&ctl.pic, &ctl.opts, ctl.pids,
					      ctl.npids, ctl.all, ctl.maps_file);
		}
		goto out;
	}
	if (ctl.maps_file && maps_file_open(&ctl)) {
		ctl.status = VMS_EXIT_FAILURE;
		goto out;
	}
	ctl.status = maps_setup(&ctl);
	if (ctl.status)
		goto out;
	ctl.status = vms_interval_run(&ctl.iv, &ctl.opts, maps_sample, &ctl);
out:
	deltas_free(&ctl.deltas);
	kpage_close(&ctl.kpage);
	procfs_close(&ctl.proc);
	colsel_free(&ctl.sel);
	totals_free(&ctl.tot);
	procfilter_free(&ctl.filter);
	vma_list_free(&ctl.flist);
	if (ctl.freader)
		maps_reader_free(ctl.freader);
	if (ctl.ffile && ctl.ffile != stdin)
		fclose(ctl.ffile);
	free(ctl.pids);
	return ctl.status;
}
