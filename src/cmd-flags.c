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

#include "caps.h"
#include "cli.h"
#include "commands.h"
#include "keytab.h"
#include "kpage.h"
#include "kpf.h"
#include "output.h"
#include "procfs.h"
#include "util.h"

enum {
	OPT_FLAGS = 0x400,
	OPT_BY,
	OPT_LIST,
};

enum {
	FC_PFN,
	FC_FLAGS,
	FC_RAWFLAGS,
	FC_PAGES,
	FC_SIZE,
	FC_NCOLS
};

static const struct vms_column frame_cols[FC_NCOLS] = {
	[FC_PFN] = { "PFN", 8, SCOLS_FL_RIGHT, COL_HEX,
		     "first frame of the run (--list)" },
	[FC_FLAGS] = { "FLAGS", 0.5, SCOLS_FL_TRUNC, COL_STR,
		       "page flags, by name" },
	[FC_RAWFLAGS] = { "RAWFLAGS", 16, SCOLS_FL_RIGHT, COL_HEX,
			  "page flags, as the kernel's bits (hex)" },
	[FC_PAGES] = { "PAGES", 8, SCOLS_FL_RIGHT, COL_NUM,
		       "number of frames" },
	[FC_SIZE] = { "SIZE", 6, SCOLS_FL_RIGHT, COL_SIZE,
		      "frames times the page size" },
};

static const int frame_defaults[] = {
	FC_PAGES, FC_SIZE, FC_RAWFLAGS, FC_FLAGS,
};

static const int run_defaults[] = {
	FC_PFN, FC_PAGES, FC_RAWFLAGS, FC_FLAGS,
};

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
	struct flag_expr expr;
	bool list;

	struct procfs proc;
	struct kpage kp;
	struct colsel sel;
	struct vms_out *out;
	struct keytab tab;
	size_t page_size;
	uint64_t total;			/* frames read */
};

/* A row: a run of frames or a flag set. */
struct frame_row {
	uint64_t pfn, flags, pages;
	size_t page_size;
};

static const struct argp_option flags_options[] = {
	{ "flags", OPT_FLAGS, "EXPR", 0,
	  "only frames whose flags match: comma list ANDed, ~ negates; "
	  "repeat to OR", 0 },
	{ "by", OPT_BY, "flags", 0, "sum pages per distinct flag set", 0 },
	{ "list", OPT_LIST, NULL, 0,
	  "stream the runs of matching frames (start, length, flags)", 0 },
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
		break;
	case OPT_FLAGS:
		add_expr(state, ctl, arg);
		break;
	case OPT_BY:
		if (strcmp(arg, "flags"))
			argp_error(state, "unknown --by: '%s'", arg);
		break;
	case OPT_LIST:
		ctl->list = true;
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument: '%s'", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static char *flags_help(int key, const char *text, void *input)
{
	if (key == ARGP_KEY_HELP_EXTRA)
		return coltable_help(&frame_columns);
	return (char *)text;
}

static const struct argp_child flags_children[] = {
	{ &vms_common_argp, 0, NULL, 0 },
	{ 0 }
};

const struct argp cmd_flags_argp = {
	.options = flags_options,
	.parser = flags_parse,
	.doc = "Walk every frame of the machine (the kernel's mem_map) through "
	       "/proc/kpageflags: pages and bytes per distinct flag set, or the "
	       "runs of frames that match --flags.",
	.children = flags_children,
	.help_filter = flags_help,
};

static void frame_fill(const void *row, int col, struct vms_cell *c)
{
	const struct frame_row *r = row;

	switch (col) {
	case FC_PFN:
		c->num = r->pfn;
		break;
	case FC_FLAGS:
		cell_str(c, kpf_format(r->flags, c->buf, sizeof(c->buf)));
		break;
	case FC_RAWFLAGS:
		c->num = r->flags;
		break;
	case FC_PAGES:
		c->num = r->pages;
		break;
	case FC_SIZE:
		c->num = r->pages * r->page_size;
		break;
	}
}

/* A run of frames with equal flags ends: count or list it. */
static void flush_run(struct flags_ctl *ctl, uint64_t pfn, uint64_t flags,
		      uint64_t pages)
{
	struct frame_row row = { pfn, flags, pages, ctl->page_size };

	if (!pages || !flag_expr_match(&ctl->expr, flags, 0))
		return;
	if (ctl->list)
		out_row(ctl->out, &row, frame_fill);
	else
		keytab_add(&ctl->tab, flags, pages);
}

static int walk(struct flags_ctl *ctl)
{
	uint64_t *buf = xmalloc(CHUNK * sizeof(*buf));
	uint64_t pfn = 0, run_pfn = 0, run_flags = 0;
	int rc = 0;

	for (;;) {
		ssize_t n = kpage_read_file(&ctl->kp, 0, pfn, CHUNK, buf), i;

		if (n < 0) {
			warnx("%s/kpageflags: %s", ctl->proc.root,
			      strerror((int)-n));
			rc = -1;
			break;
		}
		for (i = 0; i < n; i++) {
			if (buf[i] == run_flags)
				continue;
			flush_run(ctl, run_pfn, run_flags,
				  pfn + (uint64_t)i - run_pfn);
			run_pfn = pfn + (uint64_t)i;
			run_flags = buf[i];
		}
		pfn += (uint64_t)n;
		if (n < CHUNK)
			break;
	}
	flush_run(ctl, run_pfn, run_flags, pfn - run_pfn);
	ctl->total = pfn;
	free(buf);
	return rc;
}

static void emit_sums(struct flags_ctl *ctl)
{
	size_t n, i;
	struct keycount *kc = keytab_sorted(&ctl->tab, &n);

	for (i = 0; i < n; i++) {
		struct frame_row row = { 0, kc[i].key, kc[i].pages,
					 ctl->page_size };

		out_row(ctl->out, &row, frame_fill);
	}
}

static int flags_setup(struct flags_ctl *ctl)
{
	const struct vms_coltable *t = ctl->list ? &run_columns :
				       &frame_columns;

	if (colsel_from_opts(t, &ctl->opts, &ctl->sel))
		return VMS_EXIT_USAGE;
	ctl->out = out_new(&ctl->opts, t, &ctl->sel, ctl->list);
	if (!ctl->out)
		return VMS_EXIT_USAGE;
	if (procfs_open(&ctl->proc, ctl->opts.proc_root)) {
		warn("%s", ctl->opts.proc_root ? ctl->opts.proc_root : "/proc");
		return VMS_EXIT_FAILURE;
	}
	/* kpage* are root's files (0400): nothing else is needed. */
	caps_setup(procfs_is_live(&ctl->proc) ? NEED_DAC_READ : 0, "");
	kpage_open(&ctl->kp, &ctl->proc, KPAGE_FLAGS);
	if (!(ctl->kp.avail & KPAGE_FLAGS))
		return VMS_EXIT_FAILURE;
	ctl->page_size = (size_t)sysconf(_SC_PAGESIZE);
	return VMS_EXIT_OK;
}

int cmd_flags(int argc, char **argv)
{
	struct flags_ctl ctl = { .proc = { .dirfd = -1 } };
	int rc;

	vms_argp_parse(&cmd_flags_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns)
		return out_list_columns(&ctl.opts, &frame_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	rc = flags_setup(&ctl);
	if (!rc && walk(&ctl))
		rc = VMS_EXIT_FAILURE;
	if (!rc && !ctl.list)
		emit_sums(&ctl);
	if (ctl.out && out_finish(ctl.out) && !rc)
		rc = VMS_EXIT_FAILURE;
	if (!rc && ctl.opts.verbose)
		warnx("%llu frames read", (unsigned long long)ctl.total);
	kpage_close(&ctl.kp);
	procfs_close(&ctl.proc);
	keytab_free(&ctl.tab);
	flag_expr_free(&ctl.expr);
	colsel_free(&ctl.sel);
	return rc;
}
