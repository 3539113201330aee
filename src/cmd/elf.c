// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmascope elf: the ELF images a process maps, and how much of each of
 * their segments and sections is resident, shared or privately copied.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/caps.h"
#include "read/elfimage.h"
#include "read/kpage.h"
#include "read/maps.h"
#include "read/pagemap.h"
#include "read/proc.h"
#include "read/procfs.h"
#include "walk/elfmap.h"
#include "walk/pagewalk.h"
#include "show/elfcols.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/opts.h"

enum {
	OPT_IMAGE = 0x200,
};

struct elf_ctl {
	struct vms_opts opts;
	pid_t pid;
	bool have_pid;
	const char *image;		/* --image */

	struct procfs proc;
	struct colsel sel;
	struct vms_proc pr;		/* the process: VMAs, pagemap */
	struct elfmap_list maps;
	bool walked, frames;
	uint64_t page_size;
};

static const struct argp_option elf_options[] = {
	{ "image", OPT_IMAGE, "PATH", 0, "only the image mapped from PATH", 0 },
	{ 0 }
};

static error_t elf_parse(int key, char *arg, struct argp_state *state)
{
	struct elf_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		break;
	case OPT_IMAGE:
		ctl->image = arg;
		break;
	case ARGP_KEY_ARG:
		if (ctl->have_pid)
			argp_error(state, "one PID only");
		if (parse_pid(arg, &ctl->pid))
			argp_error(state, "invalid PID: '%s'", arg);
		ctl->have_pid = true;
		break;
	case ARGP_KEY_END:
		if (!ctl->opts.list_columns && !ctl->have_pid)
			argp_error(state, "no PID given");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_elf_argp = {
	.options = elf_options,
	.parser = elf_parse,
	.args_doc = "PID",
	.doc = "Show the ELF images a process maps: build-id, segments and "
	       "sections, and how much of each is resident (RSS, PSS, USS), "
	       "shared, or privately copied (COW)."
	       "\vExit status: 0 success, 1 the process or the image could "
	       "not be read, 64 usage error.",
	.children = vms_common_children,
	.help_filter = vms_help_filter,
};

/* ---- which images ---- */

static bool image_wanted(const struct elf_ctl *ctl, const struct elfmap *m,
			 const struct stat *want)
{
	if (!ctl->image)
		return true;
	if (!strcmp(ctl->image, m->path))
		return true;
	return want && want->st_ino == m->inode &&
	       major(want->st_dev) == m->major &&
	       minor(want->st_dev) == m->minor;
}

/* --image: keep only the images that are that file (by path or inode). */
static int select_images(struct elf_ctl *ctl)
{
	struct elfmap_list *ml = &ctl->maps;
	struct stat st;
	bool have = ctl->image && !stat(ctl->image, &st);
	size_t i, n = 0;

	for (i = 0; i < ml->n; i++) {
		if (image_wanted(ctl, &ml->m[i], have ? &st : NULL)) {
			ml->m[n++] = ml->m[i];
			continue;
		}
		free(ml->m[i].path);
		free(ml->m[i].vmas);
	}
	ml->n = n;
	if (ctl->image && !n) {
		warnx("PID %d: '%s': no such image mapped", (int)ctl->pid,
		      ctl->image);
		return -1;
	}
	return 0;
}

/* ---- residency ---- */

struct walk_arg {
	struct elfres *res;
	bool file;
};

static int walk_fn(void *arg, const struct page_rec *recs, size_t n)
{
	struct walk_arg *w = arg;
	size_t i;

	for (i = 0; i < n; i++)
		elfres_add(w->res, &recs[i], w->file);
	return 0;
}

static int walk_image(struct elf_ctl *ctl, struct pagemap *pm,
		      struct kpage *k, struct elfmap *m)
{
	size_t i;
	int rc;

	for (i = 0; i < m->nranges; i++) {
		const struct elfmap_range *r = &m->ranges[i];
		struct walk_arg w = { &m->res, r->file };

		rc = pagewalk_pages(pm, k, &ctl->pr.vmas, r->start, r->end,
				    walk_fn, &w);
		if (rc)
			return rc;
	}
	return 0;
}

static void walk(struct elf_ctl *ctl)
{
	struct pagemap *pm = &ctl->pr.pm;
	struct kpage k = { .fd = { -1, -1, -1 } };
	size_t i;
	int rc;

	rc = proc_read(&ctl->pr, PROC_PAGEMAP);
	if (rc) {
		warnx("PID %d: pagemap: %s: residency unavailable",
		      (int)ctl->pid, strerror(-rc));
		return;
	}
	if (pm->pfn_visible)
		kpage_open(&k, &ctl->proc, KPAGE_FLAGS | KPAGE_COUNT);
	ctl->frames = pm->pfn_visible &&
		      (k.avail & (KPAGE_FLAGS | KPAGE_COUNT)) ==
			      (KPAGE_FLAGS | KPAGE_COUNT);
	for (i = 0, rc = 0; i < ctl->maps.n && !rc; i++)
		rc = walk_image(ctl, pm, ctl->frames ? &k : NULL,
				&ctl->maps.m[i]);
	if (rc)
		warnx("PID %d: %s", (int)ctl->pid, pid_strerror(-rc));
	else
		ctl->walked = true;
	if (pm->pfn_visible)
		kpage_close(&k);
}

/* ---- output ---- */

static void emit(struct elf_ctl *ctl, struct vms_out *out,
		 const struct elfmap *m)
{
	struct elf_row r = { m, ER_IMAGE, 0, ctl->walked, ctl->frames };
	bool parts = m->read && m->img.status != ELFIMG_NOT_ELF;

	out_row(out, &r, elf_fill);
	if (!parts)
		return;
	r.kind = ER_SEGMENT;
	for (r.idx = 0; r.idx < m->img.nsegs; r.idx++)
		out_row(out, &r, elf_fill);
	r.kind = ER_SECTION;
	for (r.idx = 0; r.idx < m->img.nsects; r.idx++)
		out_row(out, &r, elf_fill);
	r.kind = ER_GAPS;
	out_row(out, &r, elf_fill);
}

static int show(struct elf_ctl *ctl)
{
	struct vms_out *out;
	size_t i;

	out = out_new(&ctl->opts, &elf_columns, &ctl->sel, false);
	if (!out)
		return VMS_EXIT_USAGE;
	for (i = 0; i < ctl->maps.n; i++)
		emit(ctl, out, &ctl->maps.m[i]);
	return out_finish(out) ? VMS_EXIT_FAILURE : VMS_EXIT_OK;
}

static int read_maps(struct elf_ctl *ctl)
{
	int rc = proc_open(&ctl->pr, &ctl->proc, ctl->pid, PROC_MAPS);

	if (rc == -EIO)
		warnx("%s", ctl->pr.err);
	else if (rc)
		warnx("PID %d: %s", (int)ctl->pid, pid_strerror(-rc));
	return rc;
}

static int run(struct elf_ctl *ctl)
{
	size_t i;

	if (read_maps(ctl))
		return VMS_EXIT_FAILURE;
	elfmap_group(&ctl->pr.vmas, &ctl->maps);
	if (select_images(ctl))
		return VMS_EXIT_FAILURE;
	for (i = 0; i < ctl->maps.n; i++)
		elfmap_load(&ctl->maps.m[i], &ctl->proc, ctl->pid,
			    &ctl->pr.vmas, ctl->page_size);
	walk(ctl);
	return show(ctl);
}

int cmd_elf(int argc, char **argv)
{
	struct elf_ctl ctl = { .proc = { .dirfd = -1 } };
	int status;

	vms_argp_parse(&cmd_elf_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns)
		return out_list_columns(&ctl.opts, &elf_columns) ?
			       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	if (colsel_from_opts(&elf_columns, &ctl.opts, &ctl.sel))
		return VMS_EXIT_USAGE;
	/* Every row is read from an ELF file. */
	if (vms_elf_open("elf")) {
		colsel_free(&ctl.sel);
		return VMS_EXIT_FAILURE;
	}
	if (!ctl.opts.proc_root)
		caps_setup(NEED_SYS_ADMIN | NEED_SYS_PTRACE | NEED_DAC_READ,
			   "PSS, USS, SHARED");
	if (vms_open_proc(&ctl.opts, &ctl.proc)) {
		colsel_free(&ctl.sel);
		return VMS_EXIT_FAILURE;
	}
	ctl.page_size = (uint64_t)sysconf(_SC_PAGESIZE);
	status = run(&ctl);
	elfmap_list_free(&ctl.maps);
	proc_close(&ctl.pr);
	colsel_free(&ctl.sel);
	procfs_close(&ctl.proc);
	return status;
}
