// SPDX-License-Identifier: GPL-2.0-or-later
/* vmascope maps: the VMAs of processes, or of a maps/smaps file. */
#include "config.h"

#include <err.h>
#include <inttypes.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/closeout.h"
#include "lib/parallel.h"
#include "lib/util.h"
#include "read/caps.h"
#include "read/kpage.h"
#include "read/maps.h"
#include "read/procfs.h"
#include "read/skips.h"
#include "walk/pagewalk.h"
#include "walk/procfilter.h"
#include "show/interval.h"
#include "show/picture.h"
#include "show/totals.h"
#include "show/vmacols.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/filteropts.h"
#include "cmd/intervalopts.h"
#include "cmd/opts.h"
#include "cmd/pictureopts.h"

enum {
	OPT_ALL = 0x200,
	OPT_MAPS_FILE,
	OPT_FORMAT,
	OPT_TOTAL,
	OPT_STRICT,
};

struct maps_ctl {
	struct vms_opts opts;
	struct vms_interval iv;
	struct deltas deltas;
	pid_t *pids;
	size_t npids;
	bool all;
	const char *maps_file;
	bool format_maps;		/* --format maps */
	bool total;
	struct procfilter filter;
	struct totals tot;
	bool strict;			/* --strict: bad lines are errors */
	FILE *ffile;			/* --maps-file ... */
	struct maps_reader *freader;	/* ... its reader ... */
	struct vma_list flist;		/* ... the records read ahead ... */
	bool fsmaps;			/* ... and whether it is smaps */

	struct procfs proc;
	struct colsel sel;
	bool smaps;			/* read smaps rather than maps */
	bool smaps_needed;		/* a column only smaps has */
	bool pages;			/* walk the pages: THP, ZERO, ACTIVE */
	bool counters;			/* any counter: walk where no smaps */
	struct kpage kpage;
	pthread_mutex_t kp_lock;
	struct kpage *wkp;		/* one per worker, borrowing kpage */
	bool *wkp_ready;		/* opened at the first visible PFN */
	bool kpage_tried;
	bool page_flags;		/* a column needs every page's flags */
	struct vms_out *out;
	struct skips skips;
	int status;
	struct pic_opts pic;		/* --picture, --png, --svg */
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

static void emit(struct maps_ctl *ctl, struct vma_list *l, pid_t pid,
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

/*
 * kpageflags and kpagecount, opened once, and only when a process shows
 * PFNs; each worker reads them with a borrowed kpage of its own.
 */
static struct kpage *kpage_get(struct maps_ctl *ctl, unsigned int worker)
{
	pthread_mutex_lock(&ctl->kp_lock);
	if (!ctl->kpage_tried) {
		kpage_open(&ctl->kpage, &ctl->proc, KPAGE_FLAGS | KPAGE_COUNT);
		ctl->kpage_tried = true;
	}
	if (!ctl->wkp_ready[worker]) {
		kpage_borrow(&ctl->wkp[worker], &ctl->kpage);
		ctl->wkp_ready[worker] = true;
	}
	pthread_mutex_unlock(&ctl->kp_lock);
	return &ctl->wkp[worker];
}

/* What a worker found for one process. */
struct maps_result {
	struct vma_list l;
	char comm[64];
	char *err;
	int rc;
	bool pagemap_denied;
};

/*
 * Fill the page counters of r->l. A tree without a pagemap leaves them
 * unavailable ("-"); 0, or -errno when the process is gone (or a read
 * failed) and must be skipped.
 */
static int walk_pages(struct maps_ctl *ctl, pid_t pid, unsigned int worker,
		      struct maps_result *r)
{
	struct pagemap pm;
	int rc = pagemap_open(&pm, &ctl->proc, pid);

	if (rc == -ENOENT && !procfs_is_live(&ctl->proc))
		return 0;
	if (rc == -EACCES || rc == -EPERM) {
		r->pagemap_denied = true;
		return 0;
	}
	if (rc)
		return rc;
	rc = (ctl->page_flags ? pagewalk_vmas : pagewalk_vmas_counts)
		(&pm, pm.pfn_visible ? kpage_get(ctl, worker) : NULL, &r->l);
	pagemap_close(&pm);
	return rc;
}

/*
 * smaps asked for but missing beside the process's maps (a copied tree
 * without it): named, not called a process that is gone.
 */
static void smaps_missing(struct maps_ctl *ctl, pid_t pid,
			  struct maps_result *r)
{
	xasprintf(&r->err, "%s/%d/smaps: %s", ctl->proc.root, (int)pid,
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
	r->rc = maps_read_pid(&ctl->proc, pid, ctl->smaps ? "smaps" : "maps",
			      &r->l, &r->err);
	if (r->rc != -ENOENT || !ctl->smaps || !has_maps(ctl, pid))
		return ctl->pages;
	if (ctl->smaps_needed) {
		smaps_missing(ctl, pid, r);
		return false;
	}
	free(r->err);
	r->err = NULL;
	vma_list_free(&r->l);
	r->rc = maps_read_pid(&ctl->proc, pid, "maps", &r->l, &r->err);
	return ctl->counters;
}

static void read_one(struct maps_ctl *ctl, pid_t pid, unsigned int worker,
		     struct maps_result *r)
{
	bool walk = read_vmas(ctl, pid, r);

	/* No VMA at all: a kernel thread or a zombie, as a walk would say. */
	if (!r->rc && !r->l.n && procfs_no_mm(&ctl->proc, pid))
		r->rc = -ESRCH;
	if (!r->rc && walk)
		r->rc = walk_pages(ctl, pid, worker, r);
	if (!r->rc)
		procfs_comm(&ctl->proc, pid, r->comm, sizeof(r->comm));
}

/* Messages and rows of one process, in order, on the main thread. */
static void report_one(struct maps_ctl *ctl, pid_t pid, struct maps_result *r)
{
	if (r->pagemap_denied && (!ctl->all || ctl->opts.verbose))
		warnx("PID %d: pagemap: permission denied; page columns "
		      "unavailable", (int)pid);
	if (r->rc == -EIO) {
		/* Malformed: named, even in a scan of all processes. */
		warnx("%s", r->err);
		if (ctl->all)
			ctl->skips.n++;
		else
			ctl->status = VMS_EXIT_FAILURE;
	} else if (r->rc && r->err && r->rc != -ESRCH &&
		   (!ctl->all || ctl->opts.verbose)) {
		/* A read that failed, named with its file; ESRCH: gone. */
		warnx("%s", r->err);
		if (!ctl->all)
			ctl->status = VMS_EXIT_FAILURE;
	} else if (r->rc) {
		/* Explicit targets are errors when they fail; --all skips. */
		if (skips_pid(&ctl->skips, pid, -r->rc, NULL, !ctl->all))
			ctl->status = VMS_EXIT_FAILURE;
	} else {
		emit(ctl, &r->l, pid, r->comm,
		     sizeof(long) == 8 ? MAPS_LAYOUT_64 : MAPS_LAYOUT_32);
	}
	free(r->err);
	vma_list_free(&r->l);
}

struct maps_scan {
	struct maps_ctl *ctl;
	const pid_t *pids;
	struct maps_result *res;
};

static void scan_one(void *arg, size_t i, unsigned int worker)
{
	struct maps_scan *sc = arg;

	read_one(sc->ctl, sc->pids[i], worker, &sc->res[i]);
}

/* Processes are read on all cores, then shown in the order given. */
static void show_pids(struct maps_ctl *ctl, const pid_t *pids, size_t n)
{
	unsigned int nw = parallel_workers(), k;
	struct maps_scan sc = { ctl, pids, xcalloc(n, sizeof(*sc.res)) };
	size_t i;

	ctl->wkp = xcalloc(nw, sizeof(*ctl->wkp));
	ctl->wkp_ready = xcalloc(nw, sizeof(*ctl->wkp_ready));
	parallel_for(n, scan_one, &sc);
	for (i = 0; i < n; i++) {
		/* A closed pipe (SIGPIPE ignored): stop, close_stdout() tells. */
		if (ferror(stdout)) {
			free(sc.res[i].err);
			vma_list_free(&sc.res[i].l);
			continue;
		}
		report_one(ctl, pids[i], &sc.res[i]);
	}
	for (k = 0; k < nw; k++)
		kpage_close(&ctl->wkp[k]);
	free(ctl->wkp);
	free(ctl->wkp_ready);
	free(sc.res);
}

static const struct vms_coltable *maps_table(const struct maps_ctl *ctl);

/* Rows a --maps-file table holds (sorted, aligned); past it, streamed. */
#define FILE_TABLE_ROWS 16384

/*
 * --maps-file, opened before the columns are chosen: its first record
 * tells whether it is smaps (which has the counters, and gets the
 * defaults of a process). The rest is read as it is shown. 0 or -1.
 */
static int read_file(struct maps_ctl *ctl)
{
	bool std = !strcmp(ctl->maps_file, "-");
	FILE *f = std ? stdin : fopen(ctl->maps_file, "re");
	int rc;

	if (!f) {
		warn("%s", ctl->maps_file);
		return -1;
	}
	ctl->ffile = f;
	ctl->freader = maps_reader_new(f, std ? "<stdin>" : ctl->maps_file);
	maps_reader_set_lenient(ctl->freader, !ctl->strict);
	rc = maps_reader_next(ctl->freader, vma_list_add(&ctl->flist));
	if (rc <= 0)
		ctl->flist.n--;	/* the slot the end or the error left */
	if (rc < 0) {
		warnx("%s", maps_reader_error(ctl->freader));
		return -1;
	}
	ctl->fsmaps = maps_reader_is_smaps(ctl->freader);
	return 0;
}

/* --format maps: each record written back as it is read. */
static int copy_records(struct maps_ctl *ctl, struct maps_reader *r)
{
	struct vma v;
	int rc;

	emit(ctl, &ctl->flist, 0, NULL, maps_reader_layout(r));
	vma_list_free(&ctl->flist);
	while ((rc = maps_reader_next(r, &v)) > 0) {
		maps_write_line(stdout, &v, maps_reader_layout(r));
		vma_clear(&v);
		closeout_check();
	}
	return rc;
}

/* One row of a streamed --maps-file table, counted in the totals. */
static void stream_row(struct maps_ctl *ctl, struct vma *v)
{
	struct vma_row row = { v, 0, NULL, { 0 }, false };

	out_row(ctl->out, &row, vma_fill);
	totals_add(&ctl->tot, &row, vma_fill);
}

/*
 * More rows than a table holds, without -s: written in the order of the
 * file, widths from the rows held so far, in bounded memory.
 */
static int stream_records(struct maps_ctl *ctl, struct maps_reader *r,
			  struct vma_list *l)
{
	struct vma v;
	size_t i;
	int rc;

	out_abandon(ctl->out);
	ctl->out = out_new_long_table(&ctl->opts, maps_table(ctl), &ctl->sel);
	for (i = 0; i < l->n; i++) {
		struct vma_row row = { &l->v[i], 0, NULL, { 0 }, false };

		out_widen(ctl->out, &row, vma_fill);
	}
	for (i = 0; i < l->n; i++)
		stream_row(ctl, &l->v[i]);
	vma_list_free(l);
	while ((rc = maps_reader_next(r, &v)) > 0) {
		stream_row(ctl, &v);
		vma_clear(&v);
	}
	return rc;
}

/* A table: all of a short file, or any file with -s. */
static int read_records(struct maps_ctl *ctl, struct maps_reader *r)
{
	struct vma_list *l = &ctl->flist;
	int rc;

	while ((rc = maps_reader_next(r, vma_list_add(l))) > 0)
		if (l->n >= FILE_TABLE_ROWS && !ctl->opts.sort)
			return stream_records(ctl, r, l);
	l->n--;		/* the slot the end or the error left unused */
	if (!rc)
		emit(ctl, l, 0, NULL, maps_reader_layout(r));
	return rc;
}

/* Bad lines skipped by a lenient reader: counted; only bad lines fail. */
static int file_summary(struct maps_ctl *ctl, struct maps_reader *r)
{
	unsigned long bad = maps_reader_skipped(r);

	if (!bad)
		return 0;
	warnx("%s: %lu bad lines skipped%s", ctl->maps_file, bad,
	      maps_reader_records(r) ? "" : ", no VMA read");
	return maps_reader_records(r) ? 0 : -1;
}

static void show_file(struct maps_ctl *ctl)
{
	struct maps_reader *r = ctl->freader;
	int rc;

	rc = ctl->format_maps ? copy_records(ctl, r) : read_records(ctl, r);
	if (rc < 0)
		warnx("%s", maps_reader_error(r));
	if (rc < 0 || file_summary(ctl, r))
		ctl->status = VMS_EXIT_FAILURE;
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

static const struct vms_coltable *maps_table(const struct maps_ctl *ctl)
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
			(vma_cols_any_counter(&ctl->sel, ctl->opts.sort) ||
			 vma_cols_need_deltas(&ctl->sel, ctl->opts.sort));
	ctl->smaps = ctl->smaps_needed || ctl->counters;
	ctl->pages = ctl->counters &&
		     vma_cols_need_pages(&ctl->sel, ctl->opts.sort);
	ctl->page_flags = vma_cols_need_flags(&ctl->sel, ctl->opts.sort);
	if (!ctl->maps_file &&
	    vms_open_proc(&ctl->opts, &ctl->proc))
		return VMS_EXIT_FAILURE;
	ctl->skips = (struct skips){ &ctl->proc, ctl->opts.verbose, 0 };
	maps_caps(ctl);
	return VMS_EXIT_OK;
}

static void show_all(struct maps_ctl *ctl)
{
	pid_t *pids;
	size_t n;

	if (procfs_pids(&ctl->proc, &pids, &n)) {
		warn("%s", ctl->proc.root);
		ctl->status = VMS_EXIT_FAILURE;
		return;
	}
	procfilter_pids(&ctl->filter, &ctl->proc, pids, &n);
	show_pids(ctl, pids, n);
	free(pids);
	skips_report(&ctl->skips);
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
		show_file(ctl);
	else if (ctl->all)
		show_all(ctl);
	else {
		procfilter_pids(&ctl->filter, &ctl->proc, ctl->pids,
				&ctl->npids);
		show_pids(ctl, ctl->pids, ctl->npids);
	}
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
	struct maps_ctl ctl = { .proc = { .dirfd = -1 },
				.kp_lock = PTHREAD_MUTEX_INITIALIZER };

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
	if (ctl.maps_file && read_file(&ctl)) {
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
