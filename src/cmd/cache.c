// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmascope cache: the page cache by file, directory tree, process and
 * memory cgroup. It never changes what it measures: files are opened
 * read-only, nothing is read that is not cached already, no hint is given.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/parallel.h"
#include "lib/util.h"
#include "read/caps.h"
#include "walk/cacheby.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/opts.h"

enum {
	OPT_XDEV = 0x300,
	OPT_PID,
	OPT_ALL,
	OPT_TOP,
	OPT_FRAMES,
	OPT_BY,
	OPT_TOTAL,
};

static const struct argp_option cache_options[] = {
	{ "recursive", 'R', NULL, 0, "walk the directories among the PATHs",
	  0 },
	{ "one-file-system", OPT_XDEV, NULL, 0,
	  "with -R, stay on the file system of each PATH", 0 },
	{ "pid", OPT_PID, "PID", 0, "the files these processes map or hold "
	  "open (comma list; repeatable)", 0 },
	{ "all", OPT_ALL, NULL, 0, "the files that any process maps or holds "
	  "open", 0 },
	{ "top", OPT_TOP, "N", 0, "only the N largest (by -s, else CACHED), "
	  "in bounded memory", 0 },
	{ "frames", OPT_FRAMES, NULL, 0, "the flags, memory cgroup and node "
	  "of the cached pages' frames (page-types -f)", 0 },
	{ "by", OPT_BY, "file|dir|cgroup|fs", 0, "file (default), dir, cgroup (implies "
	  "--frames) or fs", 0 },
	{ "total", OPT_TOTAL, NULL, 0, "add a line with the sums", 0 },
	{ 0 }
};

static const char *const by_names[] = {
	[CACHE_BY_FILE] = "file",
	[CACHE_BY_DIR] = "dir",
	[CACHE_BY_CGROUP] = "cgroup",
	[CACHE_BY_FS] = "fs",
};

static void parse_pids(struct argp_state *state, struct cache_ctl *ctl,
		       char *arg)
{
	char *save = NULL, *tok;

	for (tok = strtok_r(arg, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		vms_arg_pid(state, tok, &ctl->pids, &ctl->npids);
	if (!ctl->npids)
		argp_error(state, "invalid PID: '%s'", arg);
}

static void parse_by(struct argp_state *state, struct cache_ctl *ctl,
		     const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(by_names); i++)
		if (!strcmp(arg, by_names[i])) {
			ctl->by = (enum cache_by)i;
			return;
		}
	argp_error(state, "unknown group: '%s' (file, dir, cgroup or fs)",
		   arg);
}

/* --pid 1 2 3: the words after --pid are PIDs too, not PATHs. */
static void pids_from_paths(struct argp_state *state, struct cache_ctl *ctl)
{
	pid_t pid;
	size_t i;

	for (i = 0; i < ctl->npaths; i++)
		if (parse_pid(ctl->paths[i], &pid))
			return;		/* a PATH: the error below names it */
	for (i = 0; i < ctl->npaths; i++)
		vms_arg_pid(state, ctl->paths[i], &ctl->pids, &ctl->npids);
	ctl->npaths = 0;
	ctl->paths[0] = NULL;
}

static void parse_end(struct argp_state *state, struct cache_ctl *ctl)
{
	bool procs;

	if (ctl->npids && ctl->npaths)
		pids_from_paths(state, ctl);
	procs = ctl->all || ctl->npids;

	if (ctl->all && ctl->npids)
		argp_error(state, "--pid and --all are mutually exclusive");
	if (procs && ctl->npaths)
		argp_error(state, "PATH and --pid/--all are mutually "
			   "exclusive");
	if (!procs && !ctl->npaths && !ctl->opts.list_columns)
		argp_error(state, "no PATH, --pid or --all given");
	if ((ctl->recursive || ctl->xdev) && procs)
		argp_error(state, "-R and --one-file-system walk PATHs: not "
			   "with --pid/--all");
	if (ctl->by == CACHE_BY_CGROUP)
		ctl->frames = true;
}

static error_t cache_parse(int key, char *arg, struct argp_state *state)
{
	struct cache_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		break;
	case 'R':
		ctl->recursive = true;
		break;
	case OPT_XDEV:
		ctl->xdev = true;
		break;
	case OPT_PID:
		parse_pids(state, ctl, arg);
		break;
	case OPT_ALL:
		ctl->all = true;
		break;
	case OPT_TOP:
		if (parse_user_u64(arg, &ctl->top) || !ctl->top ||
		    ctl->top > (1U << 30))
			argp_error(state, "invalid --top: '%s'", arg);
		break;
	case OPT_FRAMES:
		ctl->frames = true;
		break;
	case OPT_BY:
		parse_by(state, ctl, arg);
		break;
	case OPT_TOTAL:
		ctl->total = true;
		break;
	case ARGP_KEY_ARG:
		ctl->paths = xreallocarray(ctl->paths, ctl->npaths + 2,
					   sizeof(*ctl->paths));
		ctl->paths[ctl->npaths++] = arg;
		ctl->paths[ctl->npaths] = NULL;
		break;
	case ARGP_KEY_END:
		parse_end(state, ctl);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_cache_argp = {
	.options = cache_options,
	.parser = cache_parse,
	.args_doc = "[PATH...]",
	.doc = "Show the page cache of files: of the PATHs (-R: of the trees "
	       "below them), or of the files processes map or hold open "
	       "(--pid, --all), largest CACHED first. The counts come from "
	       "cachestat(2), or mincore(2) where the kernel lacks it. Files "
	       "are opened read-only and nothing is read that is not cached "
	       "already.",
	.children = vms_common_children,
	.help_filter = vms_help_filter,
};

/* The table whose defaults fit the mode. */
static const struct vms_coltable *mode_table(const struct cache_ctl *ctl)
{
	bool procs = ctl->all || ctl->npids;

	if (ctl->frames)
		return procs ? &cache_frame_pid_columns : &cache_frame_columns;
	return procs ? &cache_pid_columns : &cache_columns;
}

/* --frames: our own pagemap, the kpage files, nodes and cgroups. */
void cache_frames_setup(struct cache_ctl *ctl)
{
	unsigned int nw = parallel_workers(), k;
	char *sysroot = sysfs_root_for(NULL);
	int rc;

	if (procfs_open(&ctl->self, "/proc")) {
		warn("/proc");
		return;
	}
	kpage_open(&ctl->kp, &ctl->self,
		   KPAGE_FLAGS | KPAGE_COUNT | KPAGE_CGROUP);
	nodemap_init(&ctl->nodes, &ctl->self, sysroot,
		     (size_t)sysconf(_SC_PAGESIZE));
	/* loaded now, read-only in the workers */
	nodemap_node(&ctl->nodes, 0);
	cgmap_init(&ctl->cg, &ctl->self, sysroot);
	free(sysroot);
	ctl->fx = xcalloc(nw, sizeof(*ctl->fx));
	for (k = 0; k < nw; k++) {
		rc = cache_fctx_init(&ctl->fx[k], &ctl->self, &ctl->kp,
				     &ctl->nodes);
		if (rc) {
			warnx("/proc/self/pagemap: %s: no --frames",
			      strerror(-rc));
			while (k--)
				cache_fctx_free(&ctl->fx[k]);
			free(ctl->fx);
			ctl->fx = NULL;
			return;
		}
	}
}

void cache_frames_teardown(struct cache_ctl *ctl)
{
	unsigned int nw = parallel_workers(), k;

	if (!ctl->frames)
		return;
	for (k = 0; ctl->fx && k < nw; k++)
		cache_fctx_free(&ctl->fx[k]);
	free(ctl->fx);
	kpage_close(&ctl->kp);
	nodemap_free(&ctl->nodes);
	cgmap_free(&ctl->cg);
	procfs_close(&ctl->self);
}

/* --top over groups (dir, fs): the N largest, the rest freed. */
static struct cache_ctl *rank_ctl;

static int cmp_rank(const void *a, const void *b)
{
	uint64_t x = cache_key(a, rank_ctl->rankcol);
	uint64_t y = cache_key(b, rank_ctl->rankcol);

	return x < y ? 1 : x > y ? -1 : 0;
}

static void top_groups(struct cache_ctl *ctl, struct cache_rows *rows,
		       uint64_t top)
{
	size_t i;

	if (!top || rows->kind != ROWS_GROUPS || rows->n <= top)
		return;
	rank_ctl = ctl;
	qsort(rows->r, rows->n, sizeof(*rows->r), cmp_rank);
	for (i = (size_t)top; i < rows->n; i++)
		cache_file_free(&rows->r[i]);
	rows->n = (size_t)top;
}

static int show(struct cache_ctl *ctl, uint64_t group_top)
{
	const char *sort = ctl->opts.sort;
	struct cache_rows rows;
	struct cache_file total;
	struct vms_out *out;
	size_t i;
	int rc;

	if (!sort && ctl->by != CACHE_BY_CGROUP)
		sort = "CACHED";	/* --by cgroup: by cgroup path */
	out = out_new_sorted(&ctl->opts, mode_table(ctl), &ctl->sel, false,
			     sort);
	if (!out)
		return VMS_EXIT_USAGE;
	cache_group(ctl, &rows);
	top_groups(ctl, &rows, group_top);
	for (i = 0; i < rows.n; i++)
		out_row(out, &rows.r[i], cache_fill);
	if (ctl->total) {
		out_sort(out);
		cache_total(ctl, &rows, &total);
		out_row(out, &total, cache_fill);
		cache_file_free(&total);
	}
	if (ctl->status)
		out_fail(out);
	rc = out_finish(out) ? VMS_EXIT_FAILURE : VMS_EXIT_OK;
	cache_rows_free(&rows);
	return rc;
}

/* VMASCOPE_CACHE=auto|cachestat|mincore forces the method (tests). */
static int method_env(void)
{
	const char *s = getenv("VMASCOPE_CACHE");
	enum cache_method m;

	if (!s || !*s)
		return 0;
	if (cache_method_parse(s, &m)) {
		warnx("VMASCOPE_CACHE: unknown value: '%s' (auto, cachestat "
		      "or mincore)", s);
		return -1;
	}
	cache_set_method(m);
	return 0;
}

static int setup(struct cache_ctl *ctl)
{
	const struct vms_coltable *t = mode_table(ctl);
	bool procs = ctl->all || ctl->npids;
	unsigned int need = NEED_DAC_READ | NEED_FOWNER, held;

	if (method_env())
		return VMS_EXIT_USAGE;
	if (colsel_from_opts(t, &ctl->opts, &ctl->sel))
		return VMS_EXIT_USAGE;
	ctl->rankcol = CC_CACHED;
	if (ctl->opts.sort) {
		ctl->rankcol = coltable_lookup(t, ctl->opts.sort,
					       strlen(ctl->opts.sort));
		if (ctl->rankcol < 0) {
			warnx("unknown column: '%s' (see --list-columns)",
			      ctl->opts.sort);
			return VMS_EXIT_USAGE;
		}
	}
	ctl->want_fs = colsel_has(&ctl->sel, CC_FS) || ctl->by == CACHE_BY_FS;
	ctl->keep_empty = ctl->opts.verbose || ctl->opts.output_all;
	if (vms_open_proc(&ctl->opts, &ctl->proc))
		return VMS_EXIT_FAILURE;
	ctl->skips = (struct skips){ &ctl->proc, ctl->opts.verbose, 0 };
	ctl->live = procfs_is_live(&ctl->proc);
	/* map_files of live processes needs CAP_SYS_ADMIN; a tree's not. */
	if (procs)
		need |= NEED_SYS_PTRACE | (ctl->live ? NEED_SYS_ADMIN : 0);
	if (ctl->frames)
		need |= NEED_SYS_ADMIN;
	held = caps_setup(need, "--frames (ACTIVE REFERENCED MAPPED UNEVICTABLE "
		   "CGROUP NODE) and the mapped files of --pid/--all");
	cache_set_fowner(held & NEED_FOWNER);
	if (ctl->frames)
		cache_frames_setup(ctl);
	return 0;
}

int cmd_cache(int argc, char **argv)
{
	struct cache_ctl ctl = { .proc = { .dirfd = -1 },
				 .self = { .dirfd = -1 } };
	uint64_t group_top;
	size_t i;
	int rc;

	vms_argp_parse(&cmd_cache_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns) {
		free(ctl.paths);
		free(ctl.pids);
		return out_list_columns(&ctl.opts, &cache_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	}
	rc = setup(&ctl);
	/* groups are ranked once they are summed */
	group_top = ctl.by == CACHE_BY_DIR || ctl.by == CACHE_BY_FS ?
		    ctl.top : 0;
	if (group_top)
		ctl.top = 0;
	if (!rc) {
		if (ctl.all || ctl.npids)
			rc = cache_walk_pids(&ctl);
		else
			cache_walk_paths(&ctl);
		if (cache_fell_back())
			warnx("no cachestat(2) in this kernel: CACHED from "
			      "mincore(2); DIRTY, WRITEBACK, EVICTED and "
			      "RECENT unknown");
		if (ctl.nskipped && ctl.opts.verbose)
			warnx("%lu files skipped", ctl.nskipped);
	}
	if (!rc)
		rc = show(&ctl, group_top);
	for (i = 0; i < ctl.nrows; i++)
		cache_file_free(&ctl.rows[i]);
	free(ctl.rows);
	cache_frames_teardown(&ctl);
	procfs_close(&ctl.proc);
	colsel_free(&ctl.sel);
	free(ctl.paths);
	free(ctl.pids);
	return rc ? rc : ctl.status;
}
