// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmascope resolve: virt_to_page for addresses of a process. Each address
 * is shown as a block of "COLUMN value" lines (or, with -J -r -P, as a
 * row of the page columns); --dump adds the page's bytes, read through
 * /proc/PID/mem.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/escape.h"
#include "lib/util.h"
#include "read/caps.h"
#include "read/maps.h"
#include "read/pagemap.h"
#include "read/proc.h"
#include "show/hexdump.h"
#include "show/pagerun.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "cmd/physargs.h"

enum {
	OPT_DUMP = 0x200,
};

struct resolve_ctl {
	struct vms_opts opts;
	pid_t pid;
	uint64_t *addrs;
	size_t naddrs;
	bool dump;

	struct procfs proc;
	struct vms_coltable table;
	struct colsel sel;
	struct vms_proc pr;		/* VMAs, pagemap */
	struct page_run run;
	struct vms_out *out;		/* NULL: key/value blocks */
	int status;
};

static const int resolve_defaults[] = {
	PC_ADDR, PC_VMA, PC_INDEX, PC_PAGEMAP, PC_PRESENT, PC_SWAPPED,
	PC_SWAPTYPE, PC_SWAPOFF, PC_EXCLUSIVE, PC_SOFTDIRTY, PC_UFFDWP,
	PC_GUARD, PC_FILE, PC_PFN, PC_PHYS, PC_FLAGS, PC_RAWFLAGS, PC_COUNT,
	PC_CGROUP, PC_NODE, PC_ZONE,
};

static const struct argp_option resolve_options[] = {
	{ "dump", OPT_DUMP, NULL, 0,
	  "print the bytes of each page (hexdump -C style), read through "
	  "/proc/PID/mem", 0 },
	{ 0 }
};

static void add_arg(struct resolve_ctl *ctl, struct argp_state *state,
		    char *arg)
{
	uint64_t addr;

	if (!state->arg_num) {
		if (parse_pid(arg, &ctl->pid))
			argp_error(state, "invalid PID: '%s'", arg);
		return;
	}
	if (parse_addr(arg, &addr))
		argp_error(state, "invalid address: '%s'", arg);
	ctl->addrs = xreallocarray(ctl->addrs, ctl->naddrs + 1,
				   sizeof(*ctl->addrs));
	ctl->addrs[ctl->naddrs++] = addr;
}

static error_t resolve_parse(int key, char *arg, struct argp_state *state)
{
	struct resolve_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		break;
	case OPT_DUMP:
		ctl->dump = true;
		break;
	case ARGP_KEY_ARG:
		add_arg(ctl, state, arg);
		break;
	case ARGP_KEY_END:
		if (ctl->opts.list_columns)
			break;
		if (!ctl->naddrs)
			argp_error(state, "no %s given", ctl->pid ? "ADDR" : "PID");
		if (ctl->dump && ctl->opts.mode != VMS_MODE_TABLE)
			argp_error(state, "--dump goes with the default "
				   "layout only (not -J, -r, -P)");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_resolve_argp = {
	.options = resolve_options,
	.parser = resolve_parse,
	.args_doc = "PID ADDR...",
	.doc = "Resolve virtual addresses of a process like virt_to_page: "
	       "the VMA, the page index in its file, the pagemap entry, the "
	       "PFN and physical address, and the struct page view (flags, "
	       "count, cgroup, node). ADDR is hex, with or without 0x.\v"
	       "Exit status: 0 all resolved, 1 an address in no VMA or a "
	       "read error, 64 usage error.",
	.children = vms_common_children,
	.help_filter = vms_help_filter,
};

/* One block of "COLUMN value" lines. */
static void print_block(struct resolve_ctl *ctl, const struct page_row *row)
{
	size_t i, w = 0;

	for (i = 0; i < ctl->sel.n; i++) {
		size_t n = strlen(page_columns.cols[ctl->sel.ids[i]].name);

		w = n > w ? n : w;
	}
	for (i = 0; i < ctl->sel.n; i++) {
		const struct vms_column *col = &page_columns.cols[ctl->sel.ids[i]];
		struct vms_cell c = { 0 };
		char buf[32];
		const char *s;

		page_fill(row, ctl->sel.ids[i], &c);
		s = out_cell_text(&ctl->opts, col, &c, buf, sizeof(buf));
		printf("%-*s  ", (int)w, col->name);
		if (s) {
			fputs(s, stdout);
		} else {
			char *esc = esc_dup(ESC_TEXT, c.str, c.len);

			fputs(esc, stdout);
			free(esc);
		}
		putchar('\n');
	}
}

static void warn_addr(struct resolve_ctl *ctl, uint64_t addr, const char *what,
		      int err)
{
	if (err)
		warnx("PID %d: address %" PRIx64 ": %s: %s", (int)ctl->pid,
		      addr, what, strerror(err));
	else
		warnx("PID %d: address %" PRIx64 ": %s", (int)ctl->pid, addr,
		      what);
	ctl->status = VMS_EXIT_FAILURE;
}

static void dump_page(struct resolve_ctl *ctl, uint64_t addr)
{
	size_t ps = ctl->run.ctx.page_size;
	uint64_t start = addr - addr % ps;
	unsigned char *buf = xmalloc(ps);
	int fd = procfs_openat(&ctl->proc, 0, "%d/mem", (int)ctl->pid);
	ssize_t n = fd < 0 ? -1 : pread(fd, buf, ps, (off_t)start);

	if (n < 0 && (errno == EACCES || errno == EPERM))
		warn_addr(ctl, addr, "cannot read memory (needs ptrace "
			  "access)", errno);
	else if (n < 0)
		warn_addr(ctl, addr, "cannot read memory", errno);
	else if (n == 0)
		warn_addr(ctl, addr, "cannot read memory: nothing read", 0);
	else
		hexdump(stdout, buf, (size_t)n, start);
	if (fd >= 0)
		close(fd);
	free(buf);
}

/* The page_rec of one address: its pagemap entry and its frame. */
static int lookup(struct resolve_ctl *ctl, uint64_t addr, struct page_rec *rec)
{
	size_t ps = ctl->run.ctx.page_size;
	uint64_t start = addr - addr % ps, pfn;
	struct page_row row = { rec, &ctl->run.ctx, false, 0, NULL };
	int rc;

	memset(rec, 0, sizeof(*rec));
	rec->addr = addr;
	rec->v = vma_list_find(&ctl->pr.vmas, addr);
	if (!rec->v)
		return 0;
	rc = pagemap_read(&ctl->pr.pm, start, start + ps, &rec->pm);
	if (rc)
		return rc;
	if (page_row_pfn(&row, &pfn) && ctl->run.kp.avail) {
		rc = kpage_lookup(&ctl->run.kp, &pfn, 1, &rec->ki);
		rec->has_kpage = !rc;
	}
	return 0;
}

static void resolve_one(struct resolve_ctl *ctl, uint64_t addr, bool first)
{
	struct page_rec rec;
	struct page_row row = { &rec, &ctl->run.ctx, false, 0, NULL };
	int rc = lookup(ctl, addr, &rec);

	if (rc) {
		warn_addr(ctl, addr, "cannot read pagemap", -rc);
		return;
	}
	if (!rec.v)
		warn_addr(ctl, addr, "not mapped", 0);
	if (ctl->out) {
		out_row(ctl->out, &row, page_fill);
		return;
	}
	if (!first)
		putchar('\n');
	print_block(ctl, &row);
	if (ctl->dump && rec.v)
		dump_page(ctl, addr);
}

static void target_failed(struct resolve_ctl *ctl, int err)
{
	warnx("PID %d: %s", (int)ctl->pid, pid_strerror(err));
	ctl->status = VMS_EXIT_FAILURE;
}

/* The VMAs and the pagemap of the process. */
static int read_vmas(struct resolve_ctl *ctl)
{
	int rc = proc_open(&ctl->pr, &ctl->proc, ctl->pid,
			   PROC_MAPS | PROC_PAGEMAP);

	if (rc == -EIO && ctl->pr.err) {
		warnx("%s", ctl->pr.err);
		ctl->status = VMS_EXIT_FAILURE;
		return -1;
	}
	if (rc) {
		target_failed(ctl, -rc);
		return -1;
	}
	return 0;
}

static int resolve_setup(struct resolve_ctl *ctl)
{
	ctl->table = page_columns_with(resolve_defaults,
				       ARRAY_SIZE(resolve_defaults));
	ctl->table.name = "resolve";
	if (colsel_from_opts(&ctl->table, &ctl->opts, &ctl->sel))
		return VMS_EXIT_USAGE;
	if (vms_open_proc(&ctl->opts, &ctl->proc))
		return VMS_EXIT_FAILURE;
	if (ctl->opts.mode != VMS_MODE_TABLE) {
		ctl->out = out_new(&ctl->opts, &ctl->table, &ctl->sel, false);
		if (!ctl->out)
			return VMS_EXIT_USAGE;
	}
	return VMS_EXIT_OK;
}

int cmd_resolve(int argc, char **argv)
{
	struct resolve_ctl ctl = { .proc = { .dirfd = -1 } };
	size_t i;

	vms_argp_parse(&cmd_resolve_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns) {
		free(ctl.addrs);
		return out_list_columns(&ctl.opts, &page_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	}
	ctl.status = resolve_setup(&ctl);
	if (!ctl.status && procfs_is_live(&ctl.proc))
		caps_setup(NEED_SYS_ADMIN | NEED_SYS_PTRACE | NEED_DAC_READ,
			   "PFN, PHYS, FLAGS, RAWFLAGS, COUNT, CGROUP, NODE "
			   "and --dump of other users' processes");
	if (!ctl.status && !read_vmas(&ctl)) {
		page_run_open(&ctl.run, &ctl.proc, &ctl.sel, ctl.opts.sort);
		ctl.run.ctx.pfn_visible = ctl.pr.pm.pfn_visible;
		for (i = 0; i < ctl.naddrs; i++)
			resolve_one(&ctl, ctl.addrs[i], !i);
		page_run_close(&ctl.run);
	}
	if (ctl.out && out_finish(ctl.out))
		ctl.status = VMS_EXIT_FAILURE;
	proc_close(&ctl.pr);
	procfs_close(&ctl.proc);
	colsel_free(&ctl.sel);
	free(ctl.addrs);
	return ctl.status;
}
