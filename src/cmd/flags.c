// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmascope flags: the mem_map walk. Every PFN of the machine, read from
 * /proc/kpageflags in one sequential pass, summed per distinct flag set,
 * or listed as runs of frames that match an expression.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <libsmartcols.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/keytab.h"
#include "lib/parallel.h"
#include "lib/util.h"
#include "read/caps.h"
#include "read/cgroup.h"
#include "read/kpage.h"
#include "read/kpf.h"
#include "read/node.h"
#include "read/procfs.h"
#include "read/snapshot.h"
#include "walk/framesum.h"
#include "show/interval.h"
#include "show/output.h"
#include "show/picture.h"
#include "show/totals.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/intervalopts.h"
#include "cmd/opts.h"
#include "cmd/pictureopts.h"

enum {
	OPT_FLAGS = 0x400,
	OPT_BY,
	OPT_LIST,
	OPT_TOTAL,
};

enum {
	FC_PFN,
	FC_FLAGS,
	FC_RAWFLAGS,
	FC_CGROUP,
	FC_NODE,
	FC_PAGES,
	FC_SIZE,
	FC_DPAGES,		/* changes since the last sample (--interval) */
	FC_DSIZE,
	FC_NCOLS
};

/* What --by sums frames by (BY_FLAGS_NODE: frames_sum(), for export). */
enum flags_by { BY_FLAGS, BY_CGROUP, BY_NODE, BY_FLAGS_NODE };

static const struct vms_column frame_cols[FC_NCOLS] = {
	[FC_PFN] = { "PFN", 8, SCOLS_FL_RIGHT, COL_HEX,
		     "first frame of the run (--list)" },
	[FC_FLAGS] = { "FLAGS", 0.5, SCOLS_FL_TRUNC, COL_STR,
		       "page flags, by name" },
	[FC_RAWFLAGS] = { "RAWFLAGS", 16, SCOLS_FL_RIGHT, COL_HEX,
			  "page flags, as the kernel's bits (hex)" },
	[FC_CGROUP] = { "CGROUP", 0.5, SCOLS_FL_TRUNC, COL_STR,
			"memory cgroup the frames are charged to (--by cgroup)" },
	[FC_NODE] = { "NODE", 4, SCOLS_FL_RIGHT, COL_NUM,
		      "NUMA node of the frames (--by node)" },
	[FC_PAGES] = { "PAGES", 8, SCOLS_FL_RIGHT, COL_COUNT,
		       "number of frames" },
	[FC_SIZE] = { "SIZE", 6, SCOLS_FL_RIGHT, COL_SIZE,
		      "frames times the page size" },
	[FC_DPAGES] = { "+PAGES", 7, SCOLS_FL_RIGHT, COL_DCOUNT,
			"change of PAGES since the previous sample (--interval)" },
	[FC_DSIZE] = { "+SIZE", 6, SCOLS_FL_RIGHT, COL_DELTA,
		       "change of SIZE since the previous sample" },
};

static const int frame_defaults[] = {
	FC_PAGES, FC_SIZE, FC_RAWFLAGS, FC_FLAGS,
};

static const int run_defaults[] = {
	FC_PFN, FC_PAGES, FC_RAWFLAGS, FC_FLAGS,
};

static const int cgroup_defaults[] = { FC_PAGES, FC_SIZE, FC_CGROUP };
static const int node_defaults[] = { FC_NODE, FC_PAGES, FC_SIZE };

const struct vms_coltable frame_columns = {
	.name = "frames",
	.cols = frame_cols,
	.ncols = FC_NCOLS,
	.defaults = frame_defaults,
	.ndefaults = ARRAY_SIZE(frame_defaults),
};

static const struct vms_coltable run_columns = {
	.name = "runs",
	.cols = frame_cols,
	.ncols = FC_NCOLS,
	.defaults = run_defaults,
	.ndefaults = ARRAY_SIZE(run_defaults),
};

/* Entries per read: 512 KiB a pread keeps the syscall cost negligible. */
#define CHUNK 65536

struct flags_ctl {
	struct vms_opts opts;
	struct vms_interval iv;
	struct deltas deltas;
	struct flag_expr expr;
	bool list;
	enum flags_by by;
	struct cgmap cg;
	struct nodemap nodes;
	char *sysroot;

	struct procfs proc;
	struct kpage kp;
	struct colsel sel;
	struct vms_out *out;
	struct keytab tab;
	size_t page_size;
	uint64_t total;			/* frames read */
	bool want_total;		/* --total */
	struct totals tot;
	struct pic_opts pic;		/* --picture, --png, --svg */
};

/* A row: a run of frames, a flag set, a cgroup or a node. */
struct frame_row {
	uint64_t pfn, flags, pages;
	size_t page_size;
	const char *cgroup;
	int node;			/* -1: unknown or not asked */
	bool flagset;			/* a run or flag set: FLAGS apply */
	bool run;			/* --list: PFN applies */
	char buf[48];
	int64_t dpages;			/* +PAGES (--interval) */
	bool delta_known;
};

static const struct argp_option flags_options[] = {
	{ "flags", OPT_FLAGS, "EXPR", 0,
	  "only frames whose flags match: comma list ANDed, ~ negates; "
	  "repeat to OR", 0 },
	{ "by", OPT_BY, "flags|cgroup|node", 0,
	  "sum pages per distinct flag set (default), memory cgroup or NUMA "
	  "node", 0 },
	{ "list", OPT_LIST, NULL, 0,
	  "stream the runs of matching frames (start, length, flags)", 0 },
	{ "total", OPT_TOTAL, NULL, 0, "add a line with the sums", 0 },
	{ 0 }
};

static void add_expr(struct argp_state *state, struct flags_ctl *ctl,
		     const char *arg)
{
	char *err = NULL;
	size_t i;

	if (flag_expr_add(&ctl->expr, arg, &err))
		argp_error(state, "%s", err);
	/* Frames have no pagemap entry: those names cannot hold here. */
	for (i = 0; i < ctl->expr.terms[ctl->expr.n - 1].n; i++) {
		const struct flag_name *fn =
			ctl->expr.terms[ctl->expr.n - 1].atoms[i].fn;

		if (fn->word != FLAG_KPF)
			argp_error(state, "'%s' is a pagemap flag: it tells of "
				   "a mapping, not of a frame", fn->name);
	}
}

static error_t flags_parse(int key, char *arg, struct argp_state *state)
{
	struct flags_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		pic_opts_child_init(state, 1, &ctl->pic);
		state->child_inputs[2] = &ctl->iv;
		break;
	case OPT_FLAGS:
		add_expr(state, ctl, arg);
		break;
	case OPT_BY:
		if (!strcmp(arg, "flags"))
			ctl->by = BY_FLAGS;
		else if (!strcmp(arg, "cgroup"))
			ctl->by = BY_CGROUP;
		else if (!strcmp(arg, "node"))
			ctl->by = BY_NODE;
		else
			argp_error(state, "unknown --by: '%s'", arg);
		break;
	case ARGP_KEY_END:
		if (ctl->list && ctl->by != BY_FLAGS)
			argp_error(state, "--list goes with --by flags only");
		if (ctl->list && ctl->iv.seconds)
			argp_error(state, "--list streams the frames once: "
				   "--interval goes with the sums");
		break;
	case OPT_LIST:
		ctl->list = true;
		break;
	case OPT_TOTAL:
		ctl->want_total = true;
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument: '%s'", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The common options, the picture options (child 1), --interval. */
static const struct argp_child flags_children[] = {
	{ &vms_common_argp, 0, NULL, 0 },
	{ &pic_argp, 0, NULL, 0 },
	{ &vms_interval_argp, 0, NULL, 0 },
	{ 0 }
};

const struct argp cmd_flags_argp = {
	.options = flags_options,
	.parser = flags_parse,
	.doc = "Walk every frame of the machine (the kernel's mem_map) through "
	       "/proc/kpageflags: pages and bytes per distinct flag set, memory "
	       "cgroup (/proc/kpagecgroup) or NUMA node, or the runs of frames "
	       "that match --flags.",
	.children = flags_children,
	.help_filter = vms_help_filter,
};

static void frame_fill(const void *row, int col, struct vms_cell *c)
{
	const struct frame_row *r = row;

	switch (col) {
	case FC_PFN:
		c->null = !r->run;
		c->num = r->pfn;
		break;
	case FC_FLAGS:
		cell_str(c, r->flagset ? kpf_format(r->flags, c->buf,
						    sizeof(c->buf)) : NULL);
		break;
	case FC_RAWFLAGS:
		c->null = !r->flagset;
		c->num = r->flags;
		break;
	case FC_CGROUP:
		cell_str(c, r->cgroup);
		break;
	case FC_NODE:
		c->null = r->node < 0;
		c->num = (uint64_t)r->node;
		break;
	case FC_PAGES:
		c->num = r->pages;
		break;
	case FC_SIZE:
		c->num = r->pages * r->page_size;
		break;
	case FC_DPAGES:
	case FC_DSIZE:
		c->null = !r->delta_known;
		c->num = (uint64_t)r->dpages *
			 (col == FC_DSIZE ? r->page_size : 1);
		break;
	}
}

/* Where a pass over the frames is: the runs it sums, the node it is in. */
struct cursor {
	struct keytab *tab;		/* runs are summed here (not --list) */
	uint64_t *buf, *cgroups;	/* CHUNK entries each */
	uint64_t node_end;		/* nodes: the span of node_now ends */
	int node_now;
	uint64_t frames;		/* read */
	int err;			/* -errno of a failed read */
};

static void cursor_init(struct cursor *c, const struct flags_ctl *ctl,
			struct keytab *tab)
{
	memset(c, 0, sizeof(*c));
	c->tab = tab;
	c->buf = xmalloc(CHUNK * sizeof(*c->buf));
	if (ctl->by == BY_CGROUP)
		c->cgroups = xmalloc(CHUNK * sizeof(*c->cgroups));
}

static void cursor_free(struct cursor *c)
{
	free(c->buf);
	free(c->cgroups);
}

/* A run of frames with equal flags (and key) ends: count or list it. */
static void flush_run(struct flags_ctl *ctl, struct cursor *c, uint64_t pfn,
		      uint64_t flags, uint64_t key, uint64_t pages)
{
	struct frame_row row = { .pfn = pfn, .flags = flags, .pages = pages,
				 .page_size = ctl->page_size, .node = -1,
				 .flagset = true, .run = ctl->list };

	if (!pages || !flag_expr_match(&ctl->expr, flags, 0))
		return;
	if (ctl->list) {
		out_row(ctl->out, &row, frame_fill);
		totals_add(&ctl->tot, &row, frame_fill);
	} else if (ctl->by == BY_FLAGS_NODE) {
		keytab_add(c->tab, frames_key(flags, (int)key - 1), pages);
	} else {
		keytab_add(c->tab, ctl->by == BY_FLAGS ? flags : key, pages);
	}
}

/*
 * The second key of frame pfn: its memcg inode, or its node + 1 (0 when
 * unknown); 0 when summing by flags.
 */
static uint64_t frame_key(struct flags_ctl *ctl, struct cursor *c,
			  uint64_t pfn, size_t i)
{
	if (ctl->by == BY_CGROUP)
		return c->cgroups[i];
	if (ctl->by != BY_NODE && ctl->by != BY_FLAGS_NODE)
		return 0;
	if (pfn >= c->node_end)
		c->node_now = nodemap_node_until(&ctl->nodes, pfn,
						 &c->node_end);
	return (uint64_t)(c->node_now + 1);
}

/* Read up to CHUNK entries of kpageflags, and of kpagecgroup when asked. */
static ssize_t read_chunk(struct flags_ctl *ctl, struct cursor *c,
			  uint64_t pfn)
{
	ssize_t n = kpage_read_file(&ctl->kp, 0, pfn, CHUNK, c->buf), m;

	if (n <= 0 || ctl->by != BY_CGROUP)
		return n;
	m = kpage_read_file(&ctl->kp, 2, pfn, (size_t)n, c->cgroups);
	return m < 0 ? m : n;
}

/*
 * One chunk from pfn, summed (or listed) in runs of equal flags (and equal
 * cgroup or node): the table sees a lookup per run, not per frame. Runs
 * end with the chunk; *run is the one still open at its end (--list
 * carries it on to the next chunk). Returns the entries read.
 */
struct run {
	uint64_t pfn, flags, key;
};

static ssize_t walk_chunk(struct flags_ctl *ctl, struct cursor *c,
			  uint64_t pfn, struct run *run)
{
	ssize_t n = read_chunk(ctl, c, pfn), i;

	if (n < 0) {
		c->err = (int)-n;
		return n;
	}
	for (i = 0; i < n; i++) {
		uint64_t at = pfn + (uint64_t)i;
		uint64_t key = frame_key(ctl, c, at, (size_t)i);

		if (c->buf[i] == run->flags && key == run->key)
			continue;
		flush_run(ctl, c, run->pfn, run->flags, run->key,
			  at - run->pfn);
		*run = (struct run){ at, c->buf[i], key };
	}
	c->frames += (uint64_t)n;
	return n;
}

/* --list: one sequential pass, runs carried across chunks, in order. */
static int walk_list(struct flags_ctl *ctl)
{
	struct cursor c;
	struct run run = { 0 };
	uint64_t pfn = 0;
	ssize_t n;

	cursor_init(&c, ctl, &ctl->tab);
	do {
		n = walk_chunk(ctl, &c, pfn, &run);
		if (n > 0)
			pfn += (uint64_t)n;
	} while (n == CHUNK);
	if (n >= 0)
		flush_run(ctl, &c, run.pfn, run.flags, run.key,
			  pfn - run.pfn);
	ctl->total = c.frames;
	cursor_free(&c);
	return n < 0 ? (int)n : 0;
}

/* Sums: chunks on all cores, each worker with a table of its own. */
struct sum_job {
	struct flags_ctl *ctl;
	struct cursor *cur;		/* one per worker */
};

static void sum_chunk(void *arg, size_t i, unsigned int worker)
{
	struct sum_job *job = arg;
	struct cursor *c = &job->cur[worker];
	uint64_t pfn = (uint64_t)i * CHUNK;
	struct run run = { pfn, 0, 0 };
	ssize_t n;

	if (c->err)
		return;
	n = walk_chunk(job->ctl, c, pfn, &run);
	if (n > 0)
		flush_run(job->ctl, c, run.pfn, run.flags, run.key,
			  pfn + (uint64_t)n - run.pfn);
}

static int walk_sums(struct flags_ctl *ctl)
{
	unsigned int nw = parallel_workers(), w;
	struct sum_job job = { ctl, xcalloc(nw, sizeof(*job.cur)) };
	struct keytab *tabs = xcalloc(nw, sizeof(*tabs));
	ssize_t end = kpage_file_end(&ctl->kp, 0);
	int err = end < 0 ? (int)-end : 0;
	uint64_t unused;

	/* The node map loads on first use: here, not on the workers. */
	if (ctl->by == BY_NODE || ctl->by == BY_FLAGS_NODE)
		nodemap_node_until(&ctl->nodes, 0, &unused);
	for (w = 0; w < nw; w++)
		cursor_init(&job.cur[w], ctl, &tabs[w]);
	if (end > 0)
		parallel_for(((size_t)end + CHUNK - 1) / CHUNK, sum_chunk,
			     &job);
	for (w = 0; w < nw; w++) {
		struct cursor *c = &job.cur[w];
		struct keycount *kc;
		size_t n, i;

		if (c->err && !err)
			err = c->err;
		ctl->total += c->frames;
		kc = keytab_sorted(&tabs[w], &n);
		for (i = 0; i < n; i++)
			keytab_add(&ctl->tab, kc[i].key, kc[i].pages);
		keytab_free(&tabs[w]);
		cursor_free(c);
	}
	free(tabs);
	free(job.cur);
	return -err;
}

static int walk(struct flags_ctl *ctl)
{
	int rc = ctl->list ? walk_list(ctl) : walk_sums(ctl);

	if (rc)
		warnx("%s/%s: %s", ctl->proc.root, ctl->by == BY_CGROUP ?
		      "kpagecgroup" : "kpageflags", strerror(-rc));
	return rc;
}

/* The path of a memcg inode; "-" for frames charged to none. */
static const char *cgroup_name(struct flags_ctl *ctl, uint64_t ino,
			       char *buf, size_t len)
{
	const char *path;

	if (!ino)
		return NULL;
	path = cgmap_path(&ctl->cg, ino);
	if (path)
		return path;
	snprintf(buf, len, "inode %llu", (unsigned long long)ino);
	return buf;
}

static void emit_sums(struct flags_ctl *ctl)
{
	size_t n, i;
	struct keycount *kc = keytab_sorted(&ctl->tab, &n);

	for (i = 0; i < n; i++) {
		struct frame_row row = { .pages = kc[i].pages,
					 .page_size = ctl->page_size,
					 .node = -1,
					 .flagset = ctl->by == BY_FLAGS };

		if (ctl->by == BY_FLAGS)
			row.flags = kc[i].key;
		else if (ctl->by == BY_NODE)
			row.node = (int)kc[i].key - 1;
		else
			row.cgroup = cgroup_name(ctl, kc[i].key, row.buf,
						 sizeof(row.buf));
		if (ctl->iv.seconds)
			deltas_put(&ctl->deltas, &kc[i].key, sizeof(kc[i].key),
				   &row.pages, 1, &row.dpages,
				   &row.delta_known);
		out_row(ctl->out, &row, frame_fill);
		totals_add(&ctl->tot, &row, frame_fill);
	}
	if (ctl->iv.seconds)
		deltas_next(&ctl->deltas);
}

static int flags_setup(struct flags_ctl *ctl)
{
	struct vms_coltable t = ctl->list ? run_columns : frame_columns;

	if (ctl->by == BY_CGROUP) {
		t.defaults = cgroup_defaults;
		t.ndefaults = ARRAY_SIZE(cgroup_defaults);
	} else if (ctl->by == BY_NODE) {
		t.defaults = node_defaults;
		t.ndefaults = ARRAY_SIZE(node_defaults);
	}
	if (colsel_from_opts(&t, &ctl->opts, &ctl->sel))
		return VMS_EXIT_USAGE;
	vms_interval_columns(&ctl->iv, &ctl->opts, &ctl->sel,
			     (const int[]){ FC_DPAGES }, 1);
	vms_interval_prepare(&ctl->iv, &ctl->opts);
	ctl->out = out_new(&ctl->opts, ctl->list ? &run_columns :
			   &frame_columns, &ctl->sel, ctl->list);
	if (!ctl->out)
		return VMS_EXIT_USAGE;
	if (vms_open_proc(&ctl->opts, &ctl->proc) ||
	    snap_need_all_frames(&ctl->proc, "flags"))
		return VMS_EXIT_FAILURE;
	/* kpage* are 0400 root: what a non-root user with file caps needs. */
	if (procfs_is_live(&ctl->proc))
		caps_setup(NEED_DAC_READ, "the frames of /proc/kpageflags");
	kpage_open(&ctl->kp, &ctl->proc, KPAGE_FLAGS |
		   (ctl->by == BY_CGROUP ? KPAGE_CGROUP : 0));
	if (!(ctl->kp.avail & KPAGE_FLAGS))
		return VMS_EXIT_FAILURE;
	if (ctl->by == BY_CGROUP && !(ctl->kp.avail & KPAGE_CGROUP))
		return VMS_EXIT_FAILURE;
	ctl->sysroot = sysfs_root_for(ctl->opts.proc_root);
	if (ctl->by == BY_CGROUP)
		cgmap_init(&ctl->cg, &ctl->proc, ctl->sysroot);
	if (ctl->by == BY_NODE)
		nodemap_init(&ctl->nodes, &ctl->proc, ctl->sysroot,
			     (size_t)sysconf(_SC_PAGESIZE));
	ctl->page_size = (size_t)sysconf(_SC_PAGESIZE);
	return VMS_EXIT_OK;
}

/* One sample: every frame read, the sums written. */
static int flags_sample(void *arg, const struct vms_sample *s)
{
	struct flags_ctl *ctl = arg;
	int rc = VMS_EXIT_OK;

	(void)s;
	if (!ctl->out)
		ctl->out = out_new(&ctl->opts, ctl->list ? &run_columns :
				   &frame_columns, &ctl->sel, ctl->list);
	if (!ctl->out)
		return VMS_EXIT_USAGE;
	totals_init(&ctl->tot, ctl->list ? &run_columns : &frame_columns,
		    &ctl->sel, ctl->by == BY_CGROUP ? FC_CGROUP : FC_FLAGS);
	keytab_free(&ctl->tab);
	memset(&ctl->tab, 0, sizeof(ctl->tab));
	ctl->total = 0;
	if (walk(ctl))
		rc = VMS_EXIT_FAILURE;
	if (!rc && !ctl->list)
		emit_sums(ctl);
	if (!rc && ctl->want_total)
		totals_emit(&ctl->tot, ctl->out);
	if (rc)
		out_fail(ctl->out);
	if (out_finish(ctl->out) && !rc)
		rc = VMS_EXIT_FAILURE;
	ctl->out = NULL;
	totals_free(&ctl->tot);
	if (!rc && ctl->opts.verbose)
		warnx("%llu frames read", (unsigned long long)ctl->total);
	return rc;
}

int cmd_flags(int argc, char **argv)
{
	struct flags_ctl ctl = { .proc = { .dirfd = -1 } };
	int rc;

	vms_argp_parse(&cmd_flags_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns) {
		flag_expr_free(&ctl.expr);
		return out_list_columns(&ctl.opts, &frame_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	}
	if (pic_wanted(&ctl.pic)) {
		/* A picture is of every frame, by class. */
		rc = ctl.expr.n || ctl.by != BY_FLAGS || ctl.list ||
		     ctl.want_total || ctl.iv.seconds ?
		     (warnx("a picture goes without --flags, --by, --list, "
			    "--total and --interval"), VMS_EXIT_USAGE) :
		     pic_check_opts(&ctl.opts) ? VMS_EXIT_USAGE :
		     pic_flags(&ctl.pic, &ctl.opts);
		flag_expr_free(&ctl.expr);
		return rc;
	}
	rc = flags_setup(&ctl);
	if (!rc)
		rc = vms_interval_run(&ctl.iv, &ctl.opts, flags_sample, &ctl);
	if (ctl.out)
		out_finish(ctl.out);
	deltas_free(&ctl.deltas);
	kpage_close(&ctl.kp);
	if (ctl.by == BY_CGROUP)
		cgmap_free(&ctl.cg);
	if (ctl.by == BY_NODE)
		nodemap_free(&ctl.nodes);
	free(ctl.sysroot);
	procfs_close(&ctl.proc);
	keytab_free(&ctl.tab);
	flag_expr_free(&ctl.expr);
	colsel_free(&ctl.sel);
	totals_free(&ctl.tot);
	return rc;
}

/*
 * The engine of `flags --by node`, summed per flag set as well: for
 * export. Fills tab (keys of frames_key()); 0, or -1 once said on stderr.
 */
int frames_sum(const struct vms_opts *opts, struct procfs *proc,
	       struct keytab *tab, uint64_t *frames)
{
	struct flags_ctl ctl = { .opts = *opts, .by = BY_FLAGS_NODE };
	int rc = -1;

	ctl.proc = *proc;
	kpage_open(&ctl.kp, &ctl.proc, KPAGE_FLAGS);
	if (!(ctl.kp.avail & KPAGE_FLAGS)) {
		kpage_close(&ctl.kp);
		return -1;
	}
	ctl.sysroot = sysfs_root_for(opts->proc_root);
	ctl.page_size = (size_t)sysconf(_SC_PAGESIZE);
	nodemap_init(&ctl.nodes, &ctl.proc, ctl.sysroot, ctl.page_size);
	if (!walk(&ctl)) {
		*tab = ctl.tab;
		*frames = ctl.total;
		rc = 0;
	} else {
		keytab_free(&ctl.tab);
	}
	nodemap_free(&ctl.nodes);
	free(ctl.sysroot);
	kpage_close(&ctl.kp);
	return rc;
}
