// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmascope pages: one row per present or swapped page of a process, in
 * address order, streamed: memory stays bounded whatever the process's
 * size, and -J writes one JSON document as it goes.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/caps.h"
#include "read/kpf.h"
#include "read/maps.h"
#include "read/proc.h"
#include "walk/pagewalk.h"
#include "show/pagerun.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "cmd/physargs.h"

enum {
	OPT_RANGE = 0x200,
	OPT_FLAGS,
};

struct pages_ctl {
	struct vms_opts opts;
	pid_t pid;
	bool have_pid;
	uint64_t start, end;		/* --range, page aligned */
	struct flag_expr flags;		/* --flags */

	struct procfs proc;
	struct colsel sel;
	struct vms_proc pr;		/* VMAs, pagemap, comm */
	struct page_run run;
	struct vms_out *out;
	int status;
};

static const struct argp_option pages_options[] = {
	{ "range", OPT_RANGE, "START-END", 0,
	  "only the pages of [START, END) (hex addresses, 0x optional)", 0 },
	{ "flags", OPT_FLAGS, "EXPR", 0,
	  "only pages whose flags match: comma list ANDed, ~name negates; "
	  "repeated, the lists are ORed", 0 },
	{ 0 }
};

/* START-END in hex, widened to whole pages. */
static int parse_range(const char *s, uint64_t *start, uint64_t *end)
{
	uint64_t psz = (uint64_t)sysconf(_SC_PAGESIZE);
	const char *dash = strchr(s, '-');
	char *lo;
	int rc;

	if (!dash)
		return -EINVAL;
	lo = xmemdup(s, (size_t)(dash - s));
	rc = parse_addr(lo, start) || parse_addr(dash + 1, end) ? -EINVAL : 0;
	free(lo);
	if (rc || *start >= *end || *end > UINT64_MAX - psz)
		return -EINVAL;
	*start &= ~(psz - 1);
	*end = (*end + psz - 1) & ~(psz - 1);
	return 0;
}

static error_t pages_parse(int key, char *arg, struct argp_state *state)
{
	struct pages_ctl *ctl = state->input;
	char *msg = NULL;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		break;
	case OPT_RANGE:
		if (parse_range(arg, &ctl->start, &ctl->end))
			argp_error(state, "invalid range: '%s' "
				   "(START-END, hex addresses)", arg);
		break;
	case OPT_FLAGS:
		if (flag_expr_add(&ctl->flags, arg, &msg)) {
			argp_error(state, "%s", msg ? msg : "bad --flags");
			free(msg);
		}
		break;
	case ARGP_KEY_ARG:
		if (ctl->have_pid)
			argp_error(state, "one PID only: '%s'", arg);
		if (parse_pid(arg, &ctl->pid))
			argp_error(state, "invalid PID: '%s'", arg);
		ctl->have_pid = true;
		break;
	case ARGP_KEY_END:
		if (ctl->opts.list_columns)
			break;
		if (!ctl->have_pid)
			argp_error(state, "no PID given");
		if (ctl->opts.sort)
			argp_error(state, "--sort: pages are streamed in "
				   "address order");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_pages_argp = {
	.options = pages_options,
	.parser = pages_parse,
	.args_doc = "PID",
	.doc = "Show the pages of a process: one row per present or swapped "
	       "page, with its pagemap entry and frame, streamed.",
	.children = vms_common_children,
	.help_filter = vms_help_filter,
};

static void target_failed(struct pages_ctl *ctl, int err)
{
	warnx("PID %d: %s", (int)ctl->pid, pid_strerror(err));
	ctl->status = VMS_EXIT_FAILURE;
}

/* The VMAs, the pagemap and (when shown) the name of the process. */
static int open_process(struct pages_ctl *ctl)
{
	unsigned int parts = PROC_MAPS | PROC_PAGEMAP;
	int rc;

	if (colsel_reads(&page_columns, &ctl->sel, NULL) & SRC_COMM)
		parts |= PROC_COMM;
	rc = proc_open(&ctl->pr, &ctl->proc, ctl->pid, parts);
	if (rc == -EIO && ctl->pr.err) {
		warnx("%s", ctl->pr.err);
		ctl->status = VMS_EXIT_FAILURE;
	} else if (rc) {
		target_failed(ctl, -rc);
	}
	return rc ? -1 : 0;
}

/*
 * What to open for the frames: the selection's files, flags too when
 * --flags tests them; nothing when PFNs are hidden (nothing to look up,
 * and no second warning about files we would not use).
 */
static void open_frames(struct pages_ctl *ctl)
{
	struct colsel want = { 0 };
	size_t i;

	if (ctl->pr.pm.pfn_visible) {
		for (i = 0; i < ctl->sel.n; i++)
			colsel_add(&want, ctl->sel.ids[i]);
		if (flag_expr_needs_kpf(&ctl->flags))
			colsel_add(&want, PC_RAWFLAGS);
	}
	page_run_open(&ctl->run, &ctl->proc, &want, NULL);
	colsel_free(&want);
}

static int emit_pages(void *arg, const struct page_rec *recs, size_t n)
{
	struct pages_ctl *ctl = arg;
	struct page_row row = {
		.ctx = &ctl->run.ctx, .pid = ctl->pid, .comm = ctl->pr.comm,
	};
	size_t i;

	/* Hidden PFNs may show up only as the walk reads them. */
	ctl->run.ctx.pfn_visible = ctl->pr.pm.pfn_visible;
	for (i = 0; i < n; i++) {
		const struct page_rec *r = &recs[i];
		bool known = r->has_kpage && (ctl->run.ctx.kavail & KPAGE_FLAGS);

		if (!flag_expr_match_page(&ctl->flags,
					  known ? &r->ki.flags : NULL, r->pm))
			continue;
		row.rec = r;
		out_row(ctl->out, &row, page_fill);
	}
	/* A closed pipe: no use walking on. */
	return ferror(stdout) ? -EPIPE : 0;
}

static void show_pages(struct pages_ctl *ctl)
{
	struct kpage *k = ctl->run.kp.avail ? &ctl->run.kp : NULL;
	uint64_t end = ctl->end ? ctl->end : UINT64_MAX;
	int rc;

	ctl->out = out_new(&ctl->opts, &page_columns, &ctl->sel, true);
	if (!ctl->out) {
		ctl->status = VMS_EXIT_USAGE;
		return;
	}
	rc = pagewalk_pages(&ctl->pr.pm, k, &ctl->pr.vmas, ctl->start, end,
			    emit_pages, ctl);
	if (rc && rc != -EPIPE)
		target_failed(ctl, -rc);
	if (out_finish(ctl->out))
		ctl->status = VMS_EXIT_FAILURE;
}

static void run_pages(struct pages_ctl *ctl)
{
	bool live = procfs_is_live(&ctl->proc);
	unsigned int need = NEED_SYS_PTRACE | NEED_DAC_READ;

	if ((page_cols_need_pfn(&ctl->sel) ||
	     flag_expr_needs_kpf(&ctl->flags)) && live)
		need |= NEED_SYS_ADMIN;
	caps_setup(live ? need : 0, "PFN, PHYS, FLAGS, RAWFLAGS, COUNT, "
		   "CGROUP, NODE, ZONE, RAM, SWAPTYPE, SWAPOFF, and --flags on "
		   "page flags");
	if (open_process(ctl))
		return;
	open_frames(ctl);
	show_pages(ctl);
	page_run_close(&ctl->run);
}

int cmd_pages(int argc, char **argv)
{
	struct pages_ctl ctl = { .proc = { .dirfd = -1 } };

	vms_argp_parse(&cmd_pages_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns)
		ctl.status = out_list_columns(&ctl.opts, &page_columns) ?
			     VMS_EXIT_FAILURE : VMS_EXIT_OK;
	else if (colsel_from_opts(&page_columns, &ctl.opts, &ctl.sel))
		ctl.status = VMS_EXIT_USAGE;
	else if (vms_open_proc(&ctl.opts, &ctl.proc)) {
		ctl.status = VMS_EXIT_FAILURE;
	} else {
		run_pages(&ctl);
		procfs_close(&ctl.proc);
	}
	proc_close(&ctl.pr);
	flag_expr_free(&ctl.flags);
	colsel_free(&ctl.sel);
	return ctl.status;
}
