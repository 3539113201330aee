// SPDX-License-Identifier: GPL-2.0-or-later
/* vmascope share: who shares which frames, by image, process or pair. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/caps.h"
#include "read/elfimage.h"
#include "read/procfs.h"
#include "read/skips.h"
#include "walk/procfilter.h"
#include "walk/procscan.h"
#include "walk/share.h"
#include "show/interval.h"
#include "show/sharecols.h"
#include "show/totals.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/filteropts.h"
#include "cmd/intervalopts.h"
#include "cmd/opts.h"

enum {
	OPT_BY = 0x500,
	OPT_MATRIX,
	OPT_TOTAL,
	OPT_TREE,
	OPT_PERMS,
};

enum share_view { BY_IMAGE, BY_PROCESS, MATRIX };

struct share_ctl {
	struct vms_opts opts;
	struct vms_interval iv;
	struct deltas deltas;
	pid_t *pids;
	size_t npids;
	enum share_view view;
	bool total;
	bool tree;
	bool has_perms;
	struct share_perms perms;
	struct procfilter filter;
	struct totals tot;

	struct procfs proc;
	struct kpage kp;
	bool kp_tried;			/* opened at the first sample with frames */
	struct share sh;
	struct colsel sel;
	struct skips skips;
	int status;
};

static const struct argp_option share_options[] = {
	{ "by", OPT_BY, "image|process", 0,
	  "one row per mapped image (default), or per process", 0 },
	{ "matrix", OPT_MATRIX, NULL, 0,
	  "bytes shared between each pair of processes", 0 },
	{ "total", OPT_TOTAL, NULL, 0, "add a line with the sums", 0 },
	{ "tree", OPT_TREE, NULL, 0,
	  "under each image, a row per process that maps it (--by image)", 0 },
	{ "perms", OPT_PERMS, "PERMS", 0,
	  "only mappings with these permissions: letters of rwxsp that "
	  "must all be there, or a whole maps field such as r-xp", 0 },
	{ 0 }
};

static error_t share_parse(int key, char *arg, struct argp_state *state)
{
	struct share_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		procfilter_child_init(state, &ctl->filter);
		state->child_inputs[2] = &ctl->iv;
		break;
	case OPT_TOTAL:
		ctl->total = true;
		break;
	case OPT_TREE:
		ctl->tree = true;
		break;
	case OPT_PERMS:
		if (share_perms_parse(arg, &ctl->perms))
			argp_error(state, "--perms: '%s': letters of rwxsp "
				   "(not both s and p), or a maps field such "
				   "as r-xp", arg);
		ctl->has_perms = true;
		break;
	case ARGP_KEY_END:
		if (ctl->tree && ctl->view != BY_IMAGE)
			argp_error(state, "--tree goes with --by image");
		break;
	case OPT_BY:
		if (ctl->view == MATRIX)
			argp_error(state, "--by and --matrix are mutually exclusive");
		if (!strcmp(arg, "image"))
			ctl->view = BY_IMAGE;
		else if (!strcmp(arg, "process"))
			ctl->view = BY_PROCESS;
		else
			argp_error(state, "unknown --by: '%s'", arg);
		break;
	case OPT_MATRIX:
		if (ctl->view == BY_PROCESS)
			argp_error(state, "--by and --matrix are mutually exclusive");
		ctl->view = MATRIX;
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
static const struct argp_child share_children[] = {
	{ &vms_common_argp, 0, NULL, 0 },
	{ &procfilter_argp, 0, NULL, 0 },
	{ &vms_interval_argp, 0, NULL, 0 },
	{ 0 }
};

const struct argp cmd_share_argp = {
	.options = share_options,
	.parser = share_parse,
	.args_doc = "[PID...]",
	.doc = "Show who shares which frames: per mapped image (as librank), "
	       "per process, or per pair of processes. All processes by "
	       "default; each frame's flags and count are read once.",
	.children = share_children,
	.help_filter = vms_help_filter,
};

struct share_work {
	struct share_ctl *ctl;
	struct procscan ps;
	struct share_scan *scans;
};

static void scan_one(void *arg, size_t i, unsigned int worker)
{
	struct share_work *w = arg;

	(void)worker;
	share_scan_process(&w->ctl->sh, &w->ctl->proc, w->ps.pids[i],
			   &w->scans[i]);
}

/*
 * One process's scan: added to the sums, or said. An explicit target is
 * an error; a scan of all skips it (counted, named with -v).
 */
static void take_scan(struct share_ctl *ctl, struct share_scan *sc,
		      pid_t pid, bool all, size_t *nopm)
{
	const char *msg = sc->err;

	if (sc->no_pagemap) {
		/* A copied tree without page tables: said, not "gone". */
		(*nopm)++;
		if (!all) {
			warnx("%s/%d/pagemap: %s", ctl->proc.root, (int)pid,
			      strerror(ENOENT));
			ctl->status = VMS_EXIT_FAILURE;
		}
	} else if (sc->rc) {
		/* A damaged file is named with its line; a gone process not. */
		if (sc->rc == -ESRCH || sc->rc == -ENOENT)
			msg = NULL;
		if (msg && (!all || ctl->opts.verbose))
			warnx("%s", msg);
		if (msg && !all)
			ctl->status = VMS_EXIT_FAILURE;
		else if (skips_pid(&ctl->skips, pid, -sc->rc, NULL, !all))
			ctl->status = VMS_EXIT_FAILURE;
	} else {
		share_add_scan(&ctl->sh, sc);
	}
}

static int scan(struct share_ctl *ctl)
{
	struct share_work w = { .ctl = ctl };
	size_t i, nopm = 0;
	bool all;

	if (procscan_list(&w.ps, &ctl->proc, ctl->pids, ctl->npids,
			  &ctl->filter, PROCSCAN_NOT_SELF)) {
		procscan_free(&w.ps);
		return VMS_EXIT_FAILURE;
	}
	all = w.ps.all;
	w.scans = xcalloc(w.ps.n + 1, sizeof(*w.scans));
	procscan_run(&w.ps, scan_one, &w);
	for (i = 0; i < w.ps.n; i++) {
		take_scan(ctl, &w.scans[i], w.ps.pids[i], all, &nopm);
		share_scan_free(&w.scans[i]);
	}
	free(w.scans);
	procscan_free(&w.ps);
	skips_report(&ctl->skips);
	if (nopm && all && !ctl->sh.nprocs) {
		warnx("%s: no process has a pagemap here: share reads the "
		      "page tables (PID/pagemap), which the tree lacks",
		      ctl->proc.root);
		return VMS_EXIT_FAILURE;
	}
	return VMS_EXIT_OK;
}

/*
 * A row's change since the last sample: rows are keyed by image
 * and kind, by PID and command, or by the pair; the values are those its
 * RSS, PSS, USS and SHARED cells show.
 */
static void add_delta(struct share_ctl *ctl, struct share_row *r)
{
	static const int base[4] = { SC_RSS, SC_PSS, SC_USS, SC_SHARED };
	uint64_t v[4];
	char *key;
	int k, n;

	if (!ctl->iv.seconds)
		return;
	for (k = 0; k < 4; k++) {
		struct vms_cell c = { 0 };

		share_fill(r, base[k], &c);
		v[k] = c.null ? DELTA_UNKNOWN : c.num;
	}
	n = xasprintf(&key, "%s\n%s\n%d\n%s\n%d",
		      r->image ? r->image : "", r->kind ? r->kind : "",
		      (int)r->pid, r->comm ? r->comm : "", (int)r->peer);
	deltas_put(&ctl->deltas, key, (size_t)n, v, 4, r->delta,
		   &r->delta_known);
	free(key);
}

static void image_row(const struct share_ctl *ctl,
		      const struct share_image *im, struct share_row *r)
{
	*r = (struct share_row){
		.image = im->name, .kind = vma_kind_name(im->kind),
		.buildid = im->buildid,
		.procs = im->procs, .has_procs = true,
		.pages = &im->pages, .frames = ctl->sh.frames,
		.vss = im->vss, .has_vss = true,
	};
}

/* --tree: a process's part of an image, below the image's row. */
static void emit_owner(struct share_ctl *ctl, struct vms_out *out,
		       void *parent, const struct share_owner *o)
{
	const struct share_proc *p = &ctl->sh.procs[o->proc];
	const struct share_image *im = &ctl->sh.images[o->image];
	char label[96];
	struct share_row r = {
		.image = label, .kind = vma_kind_name(im->kind),
		.pid = p->pid, .user = p->user, .comm = p->comm,
		.pages = &o->pages, .frames = ctl->sh.frames,
		.vss = o->vss, .has_vss = true,
	};

	snprintf(label, sizeof(label), "[%d] %s", (int)p->pid, p->comm);
	add_delta(ctl, &r);
	out_row_under(out, parent, &r, share_fill);
}

/* The owners of each image, image by image (a counting sort). */
static size_t *owners_by_image(const struct share *sh, size_t **start)
{
	size_t *at = xcalloc(sh->nimages + 1, sizeof(*at));
	size_t *order = xcalloc(sh->nowners + 1, sizeof(*order));
	size_t i;

	for (i = 0; i < sh->nowners; i++)
		at[sh->owners[i].image + 1]++;
	for (i = 0; i < sh->nimages; i++)
		at[i + 1] += at[i];
	*start = xcalloc(sh->nimages + 1, sizeof(**start));
	memcpy(*start, at, (sh->nimages + 1) * sizeof(*at));
	for (i = 0; i < sh->nowners; i++)
		order[at[sh->owners[i].image]++] = i;
	free(at);
	return order;
}

static void emit_images(struct share_ctl *ctl, struct vms_out *out)
{
	size_t i, j, *start = NULL, *order = NULL;

	if (ctl->tree)
		order = owners_by_image(&ctl->sh, &start);
	for (i = 0; i < ctl->sh.nimages; i++) {
		const struct share_image *im = &ctl->sh.images[i];
		struct share_row r;
		void *line;

		if (!im->procs)
			continue;
		image_row(ctl, im, &r);
		add_delta(ctl, &r);
		totals_add(&ctl->tot, &r, share_fill);
		if (!ctl->tree) {
			out_row(out, &r, share_fill);
			continue;
		}
		line = out_row_line(out, &r, share_fill);
		for (j = start[i]; j < start[i + 1]; j++)
			if (!ctl->sh.procs[ctl->sh.owners[order[j]].proc].gone)
				emit_owner(ctl, out, line,
					   &ctl->sh.owners[order[j]]);
	}
	free(start);
	free(order);
}

static void emit_procs(struct share_ctl *ctl, struct vms_out *out)
{
	size_t i;

	for (i = 0; i < ctl->sh.nprocs; i++) {
		const struct share_proc *p = &ctl->sh.procs[i];
		struct share_row r;

		if (p->gone)	/* ended between the two passes */
			continue;
		r = (struct share_row){
			.pid = p->pid, .user = p->user, .comm = p->comm,
			.peers = p->peers, .has_peers = true,
			.pages = &p->pages, .frames = ctl->sh.frames,
			.vss = p->vss, .has_vss = true,
		};

		add_delta(ctl, &r);
		out_row(out, &r, share_fill);
		totals_add(&ctl->tot, &r, share_fill);
	}
}

static void emit_pairs(struct share_ctl *ctl, struct vms_out *out)
{
	size_t n, i;
	struct keycount *kc = keytab_sorted(&ctl->sh.pairs, &n);

	for (i = 0; i < n; i++) {
		uint64_t key = kc[i].key - 1;
		const struct share_proc *a = &ctl->sh.procs[key >> 32];
		const struct share_proc *b = &ctl->sh.procs[key & UINT32_MAX];
		struct share_row r = {
			.pid = a->pid, .comm = a->comm, .user = a->user,
			.peer = b->pid, .peer_comm = b->comm,
			.shared = kc[i].pages * ctl->sh.page_size,
			.frames = ctl->sh.frames,
		};

		add_delta(ctl, &r);
		out_row(out, &r, share_fill);
		totals_add(&ctl->tot, &r, share_fill);
	}
}

static int show(struct share_ctl *ctl)
{
	static const char *const sort[] = {
		[BY_IMAGE] = "PSS", [BY_PROCESS] = "PSS", [MATRIX] = "SHARED",
	};
	struct vms_out *out;

	out = out_new_sorted(&ctl->opts, &share_columns, &ctl->sel, false,
			     ctl->opts.sort ? ctl->opts.sort : sort[ctl->view]);
	if (!out)
		return VMS_EXIT_USAGE;
	totals_init(&ctl->tot, &share_columns, &ctl->sel,
		    ctl->view == BY_IMAGE ? SC_IMAGE : SC_COMMAND);
	if (ctl->tree)
		out_set_tree(out, SC_IMAGE);	/* shown: setup() checked */
	if (ctl->view == BY_IMAGE)
		emit_images(ctl, out);
	else if (ctl->view == BY_PROCESS)
		emit_procs(ctl, out);
	else
		emit_pairs(ctl, out);
	if (ctl->iv.seconds)
		deltas_next(&ctl->deltas);
	/* A process maps many images: PROCS counts each process once. */
	totals_set(&ctl->tot, SC_PROCS, ctl->sh.nprocs);
	if (ctl->total)
		totals_emit(&ctl->tot, out);
	if (ctl->status)
		out_fail(out);
	totals_free(&ctl->tot);
	return out_finish(out) ? VMS_EXIT_FAILURE : VMS_EXIT_OK;
}

/* The columns: -o, or the defaults of the view. */
static int select_columns(struct share_ctl *ctl)
{
	static const struct {
		const int *ids;
		const size_t *n;
	} defaults[] = {
		[BY_IMAGE] = { share_image_defaults, &share_image_ndefaults },
		[BY_PROCESS] = { share_process_defaults,
				 &share_process_ndefaults },
		[MATRIX] = { share_matrix_defaults, &share_matrix_ndefaults },
	};
	struct vms_coltable t = share_columns;

	t.defaults = defaults[ctl->view].ids;
	t.ndefaults = *defaults[ctl->view].n;
	if (colsel_from_opts(&t, &ctl->opts, &ctl->sel))
		return -1;
	vms_interval_columns(&ctl->iv, &ctl->opts, &ctl->sel,
			     ctl->view == MATRIX ? (const int[]){ SC_DSHARED } :
			     (const int[]){ SC_DRSS, SC_DPSS },
			     ctl->view == MATRIX ? 1 : 2);
	return 0;
}

static int setup(struct share_ctl *ctl)
{
	if (select_columns(ctl))
		return VMS_EXIT_USAGE;
	if (ctl->tree && !colsel_has(&ctl->sel, SC_IMAGE)) {
		warnx("--tree: the IMAGE column draws the tree: show it");
		return VMS_EXIT_USAGE;
	}
	/* BUILDID (images of one build-id are one) reads the ELF files. */
	if (ctl->view == BY_IMAGE &&
	    colsel_reads_any(&share_columns, &ctl->sel, ctl->opts.sort,
			     SRC_ELF) && vms_elf_open("BUILDID"))
		return VMS_EXIT_FAILURE;
	if (vms_open_proc(&ctl->opts, &ctl->proc))
		return VMS_EXIT_FAILURE;
	ctl->skips = (struct skips){ &ctl->proc, ctl->opts.verbose, 0 };
	if (procfs_is_live(&ctl->proc))
		caps_setup(NEED_SYS_ADMIN | NEED_SYS_PTRACE | NEED_DAC_READ,
			   "map counts and page flags, so PSS, USS, SHARED, "
			   "PEERS and --matrix");
	return VMS_EXIT_OK;
}

static void share_start(struct share_ctl *ctl)
{
	share_init(&ctl->sh, (size_t)sysconf(_SC_PAGESIZE), &ctl->proc);
	ctl->sh.want_pairs = ctl->view == MATRIX;
	ctl->sh.want_peers = ctl->view == BY_PROCESS;
	ctl->sh.want_tree = ctl->tree;
	ctl->sh.perms = ctl->has_perms ? &ctl->perms : NULL;
	ctl->sh.want_buildid = ctl->view == BY_IMAGE &&
			       colsel_reads_any(&share_columns, &ctl->sel,
						ctl->opts.sort, SRC_ELF);
}

/* One sample: scan, look the frames up, write the table. */
static int share_sample(void *arg, const struct vms_sample *s)
{
	struct share_ctl *ctl = arg;
	int rc;

	share_start(ctl);
	rc = scan(ctl);
	if (!rc) {
		/* Without PFNs, or pages, there is no frame to look up. */
		if (ctl->sh.frames && ctl->sh.nmaps && !ctl->kp_tried) {
			kpage_open(&ctl->kp, &ctl->proc,
				   KPAGE_FLAGS | KPAGE_COUNT);
			ctl->kp_tried = true;
		}
		if (share_resolve(&ctl->sh, &ctl->kp, &ctl->proc)) {
			warnx("reading frames failed");
			rc = VMS_EXIT_FAILURE;
		}
	}
	/* Pairs are frames both map: without frames there is nothing to say. */
	if (!rc && ctl->view == MATRIX && !ctl->sh.frames) {
		warnx("--matrix needs the frames of the processes (PFNs and "
		      "/proc/kpagecount): not readable here");
		rc = VMS_EXIT_FAILURE;
	}
	if (!rc)
		rc = show(ctl);
	share_free(&ctl->sh);
	return rc ? rc : ctl->status;
}

int cmd_share(int argc, char **argv)
{
	struct share_ctl ctl = { .proc = { .dirfd = -1 } };
	int rc;

	vms_argp_parse(&cmd_share_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns) {
		free(ctl.pids);
		return out_list_columns(&ctl.opts, &share_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	}
	rc = setup(&ctl);
	if (!rc)
		rc = vms_interval_run(&ctl.iv, &ctl.opts, share_sample, &ctl);
	kpage_close(&ctl.kp);
	deltas_free(&ctl.deltas);
	procfs_close(&ctl.proc);
	colsel_free(&ctl.sel);
	procfilter_free(&ctl.filter);
	free(ctl.pids);
	return rc ? rc : ctl.status;
}
