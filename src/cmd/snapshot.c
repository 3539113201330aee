// SPDX-License-Identifier: GPL-2.0-or-later
/* vmascope snapshot: processes and frames into one compressed archive. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/caps.h"
#include "read/skips.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/opts.h"
#include "cmd/snapshot-capture.h"

enum {
	OPT_ALL = 0x900,
	OPT_FRAMES,
};

struct snap_ctl {
	struct vms_opts opts;
	pid_t *pids;
	size_t npids;
	bool all;
	enum snap_frames frames;
	const char *file;

	struct procfs proc;
	struct skips skips;
	int status;
};

static const struct argp_option snap_options[] = {
	{ "all", OPT_ALL, NULL, 0, "every process (the default)", 0 },
	{ "frames", OPT_FRAMES, "mapped|all|none", 0,
	  "frames to keep: mapped (by the processes; default), all, none", 0 },
	{ "file", 'f', "FILE", 0, "the snapshot to write", 0 },
	{ 0 }
};

/* The output options have nothing to act on here. */
static void check_opts(struct argp_state *state, const struct snap_ctl *ctl)
{
	const struct vms_opts *o = &ctl->opts;

	if (o->columns || o->output_all || o->list_columns || o->noheadings ||
	    o->bytes || o->sort || o->mode != VMS_MODE_TABLE)
		argp_error(state, "snapshot writes a file, not a table: "
			   "the output options do not apply");
	if (!ctl->file)
		argp_error(state, "no snapshot file: -f FILE");
	if (ctl->all && ctl->npids)
		argp_error(state, "PIDs and --all are mutually exclusive");
}

static error_t snap_parse(int key, char *arg, struct argp_state *state)
{
	struct snap_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		break;
	case OPT_ALL:
		ctl->all = true;
		break;
	case OPT_FRAMES:
		if (snap_frames_parse(arg, &ctl->frames))
			argp_error(state, "--frames: unknown value: '%s' "
				   "(mapped, all or none)", arg);
		break;
	case 'f':
		if (!*arg)
			argp_error(state, "-f: empty file name");
		ctl->file = arg;
		break;
	case ARGP_KEY_ARG:
		vms_arg_pid(state, arg, &ctl->pids, &ctl->npids);
		break;
	case ARGP_KEY_END:
		check_opts(state, ctl);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_snapshot_argp = {
	.options = snap_options,
	.parser = snap_parse,
	.args_doc = "[PID...]",
	.doc = "Write the memory state of processes and of the machine to "
	       "FILE, a pax tar archive compressed with zstd, for any command "
	       "to read later with --proc-root FILE, here or on another "
	       "machine of the same architecture and page size. Each process "
	       "is read back to back; what changed meanwhile is noted in it. "
	       "The file appears under its name only once it is complete.",
	.children = vms_common_children,
	.help_filter = vms_help_filter,
};

static int put_manifest(struct snap_ctl *ctl, struct snap_writer *w)
{
	struct utsname u;
	char *buf;
	int n, rc;

	if (uname(&u))
		memset(&u, 0, sizeof(u));
	n = xasprintf(&buf, SNAP_MAGIC " %d\nversion %s\nkernel %s %s\n"
		      "machine %s\npage-size %ld\nframes %s\ntime %lld\n",
		      SNAP_FORMAT, PACKAGE_VERSION, u.release, u.version,
		      u.machine, sysconf(_SC_PAGESIZE),
		      snap_frames_name(ctl->frames), (long long)time(NULL));
	rc = snapw_file(w, "manifest", buf, (size_t)n);
	free(buf);
	return rc;
}

static int capture(struct snap_ctl *ctl, struct snap_capture *c)
{
	pid_t *all = NULL, *pids = ctl->pids, self = getpid();
	size_t n = ctl->npids, i;
	int rc = 0;

	if (!n && procfs_pids(&ctl->proc, &all, &n)) {
		warn("%s", ctl->proc.root);
		return -1;
	}
	if (all)
		pids = all;
	for (i = 0; i < n && rc >= 0; i++) {
		if (all && pids[i] == self)
			continue;
		rc = snapcap_pid(c, pids[i]);
		if (rc > 0 && skips_pid(&ctl->skips, pids[i], rc, NULL, !all))
			ctl->status = VMS_EXIT_FAILURE;
	}
	free(all);
	skips_report(&ctl->skips);
	return rc < 0 ? -1 : snapcap_machine(c);
}

static int run(struct snap_ctl *ctl)
{
	struct snap_capture c;
	struct snap_writer *w;
	struct timespec t0, t1;
	struct stat st;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	w = snapw_open(ctl->file);
	if (!w)
		return VMS_EXIT_FAILURE;
	snapcap_init(&c, w, &ctl->proc, ctl->frames);
	rc = put_manifest(ctl, w);
	if (!rc)
		rc = capture(ctl, &c);
	rc = rc ? (snapw_abort(w), -1) : snapw_commit(w);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!rc && ctl->opts.verbose && !stat(ctl->file, &st))
		warnx("%s: %lu processes, %zu frames, %lld bytes in %.2f s",
		      ctl->file, c.nprocs, c.npfns, (long long)st.st_size,
		      (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	snapcap_free(&c);
	return rc ? VMS_EXIT_FAILURE : ctl->status;
}

int cmd_snapshot(int argc, char **argv)
{
	struct snap_ctl ctl = { .proc = { .dirfd = -1 } };
	int rc;

	vms_argp_parse(&cmd_snapshot_argp, argc, argv, &ctl);
	if (vms_open_proc(&ctl.opts, &ctl.proc))
		return VMS_EXIT_FAILURE;
	ctl.skips = (struct skips){ &ctl.proc, ctl.opts.verbose, 0 };
	if (procfs_is_live(&ctl.proc))
		caps_setup(NEED_SYS_PTRACE | NEED_SYS_ADMIN | NEED_DAC_READ,
			   "PFNs, the frames (kpage*) and other users' "
			   "processes");
	rc = run(&ctl);
	procfs_close(&ctl.proc);
	free(ctl.pids);
	return rc;
}
