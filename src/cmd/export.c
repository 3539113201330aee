// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmascope export: metrics for Prometheus, in the text exposition format,
 * for node_exporter's textfile collector. One row of the family table
 * per metric family (or group read together), each with its collector;
 * the self-metrics (errors, run times) are written last.
 */
#include "config.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/util.h"
#include "read/caps.h"
#include "show/output.h"
#include "show/proccols.h"
#include "show/prom.h"
#include "show/textfile.h"
#include "cmd/cli.h"
#include "cmd/commands.h"
#include "cmd/export.h"
#include "cmd/opts.h"

enum {
	OPT_TOP = 0x900,
	OPT_TEXTFILE,
};

/* The families, in output order. Add one row per new family. */
static const struct export_family families[] = {
	{ "process", "vmascope_process_", export_processes },
	{ "program", "vmascope_program_", export_programs },
	{ "user", "vmascope_user_", export_users },
	{ "cgroup", "vmascope_cgroup_", export_cgroups },
	{ "unit", "vmascope_unit_", export_units },
	{ "frames", "vmascope_frames_", export_frames },
	{ "cache_file", "vmascope_cache_file_", export_cache_files },
	{ "cache_cgroup", "vmascope_cache_cgroup_", export_cache_cgroups },
	{ "cache_deleted", "vmascope_cache_deleted_", export_cache_deleted },
};

#define SELF "vmascope_export_"

struct export_ctl {
	struct vms_opts opts;
	uint64_t top;
	const char *textfile;
	struct procfs proc;
	struct colsel sel;
	int sort;
	struct export_scan scan;
	struct export_cache *cache;
	struct textfile_prev prev;
	int ok[ARRAY_SIZE(families)];
	double secs[ARRAY_SIZE(families)];
};

static const struct argp_option export_options[] = {
	{ "top", OPT_TOP, "N", 0,
	  "processes: the N largest by PSS (or -s COL), one series each, "
	  "and one pid=\"other\" with the rest (default 10); page cache: "
	  "the N largest files, and file=\"other\"", 0 },
	{ "textfile", OPT_TEXTFILE, "FILE", 0,
	  "replace FILE atomically (node_exporter's textfile collector "
	  "reads DIR/*.prom) instead of writing to standard output", 0 },
	{ 0 }
};

static void check_opts(struct argp_state *state, const struct vms_opts *o)
{
	if (o->noheadings || o->bytes || o->mode != VMS_MODE_TABLE)
		argp_error(state, "export writes the Prometheus text format: "
			   "-J, -r, -P, -n and -b do not apply");
}

static error_t export_parse(int key, char *arg, struct argp_state *state)
{
	struct export_ctl *ctl = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		vms_opts_child_init(state, &ctl->opts);
		break;
	case OPT_TOP:
		if (parse_user_u64(arg, &ctl->top) || ctl->top > 100000)
			argp_error(state, "--top: not a number from 0 to "
				   "100000: '%s'", arg);
		break;
	case OPT_TEXTFILE:
		if (!*arg)
			argp_error(state, "--textfile: empty path");
		ctl->textfile = arg;
		break;
	case ARGP_KEY_END:
		check_opts(state, &ctl->opts);
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument: '%s'", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp cmd_export_argp = {
	.options = export_options,
	.parser = export_parse,
	.doc = "Write metrics for Prometheus in the text exposition format: "
	       "the largest processes by PSS and the rest as one series, "
	       "the processes per program, user, cgroup and unit (as top "
	       "--by), every frame of the machine by node and class and by "
	       "flag, the page cache of the files processes map or hold "
	       "open (the largest, per memory cgroup, of deleted files), "
	       "and the export's own errors and run time. With --textfile, "
	       "for node_exporter's textfile collector: the file is replaced "
	       "atomically, and a family that fails keeps its samples of the "
	       "previous file while its error counter goes up.",
	.children = vms_common_children,
	.help_filter = vms_help_filter,
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One family into out: its fresh samples, or the previous file's. */
static void collect(struct export_ctl *ctl, size_t i, FILE *out)
{
	const struct export_ctx x = { &ctl->opts, &ctl->proc,
				      (size_t)ctl->top, &ctl->sel, ctl->sort,
				      &ctl->scan, ctl->cache };
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	double t0 = now();

	if (!mem)
		err(VMS_EXIT_FAILURE, "open_memstream");
	ctl->ok[i] = !families[i].collect(&x, mem);
	if (fclose(mem))
		ctl->ok[i] = 0;
	ctl->secs[i] = now() - t0;
	if (ctl->ok[i])
		fwrite(buf, 1, len, out);
	else
		textfile_copy_prefix(&ctl->prev, families[i].prefix, out);
	free(buf);
}

/* The export's own metrics: per family, errors (kept across runs by
 * reading them back from the previous file), success, run time. */
static void write_self(struct export_ctl *ctl, FILE *out, double secs)
{
	struct prom_label l = { "family", NULL }, v = { "version",
							PACKAGE_VERSION };
	size_t i;

	prom_header(out, SELF "errors_total", "counter",
		    "Runs of vmascope export in which a family could not be "
		    "collected (its samples are then the previous run's)");
	for (i = 0; i < ARRAY_SIZE(families); i++) {
		l.value = families[i].name;
		prom_sample(out, SELF "errors_total", &l, 1,
			    textfile_prev_value(&ctl->prev, SELF "errors_total",
						"family", l.value) +
			    !ctl->ok[i]);
	}
	prom_header(out, SELF "success", "gauge",
		    "1 when the last run collected the family, 0 when it "
		    "failed");
	for (i = 0; i < ARRAY_SIZE(families); i++) {
		l.value = families[i].name;
		prom_sample(out, SELF "success", &l, 1, (uint64_t)ctl->ok[i]);
	}
	prom_header(out, SELF "collector_duration_seconds", "gauge",
		    "Time the last run took to collect the family");
	for (i = 0; i < ARRAY_SIZE(families); i++) {
		l.value = families[i].name;
		prom_sample_f(out, SELF "collector_duration_seconds", &l, 1,
			      ctl->secs[i]);
	}
	prom_header(out, SELF "duration_seconds", "gauge",
		    "Time the last run of vmascope export took, all families");
	prom_sample_f(out, SELF "duration_seconds", NULL, 0, secs);
	prom_header(out, SELF "build_info", "gauge",
		    "The version of vmascope that wrote these metrics");
	prom_sample(out, SELF "build_info", &v, 1, 1);
}

static int run(struct export_ctl *ctl)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);
	double t0 = now();
	int rc = VMS_EXIT_OK;

	if (!out)
		err(VMS_EXIT_FAILURE, "open_memstream");
	for (i = 0; i < ARRAY_SIZE(families); i++) {
		collect(ctl, i, out);
		if (!ctl->ok[i])
			rc = VMS_EXIT_FAILURE;
	}
	write_self(ctl, out, now() - t0);
	if (fclose(out))
		err(VMS_EXIT_FAILURE, "open_memstream");
	if (ctl->textfile) {
		if (textfile_commit(ctl->textfile, buf, len))
			rc = VMS_EXIT_FAILURE;
	} else {
		fwrite(buf, 1, len, stdout);
	}
	free(buf);
	return rc;
}

/* -o and -s: process columns the kernel sums (export reads no pages). */
static int select_columns(struct export_ctl *ctl)
{
	const char *sort = ctl->opts.sort ? ctl->opts.sort : "PSS";
	size_t i;

	if (colsel_from_opts(&proc_columns, &ctl->opts, &ctl->sel))
		return -1;
	/* Two processes of one name are two series: PID tells them apart. */
	if (!colsel_has(&ctl->sel, PC_PID))
		colsel_add(&ctl->sel, PC_PID);
	ctl->sort = coltable_lookup(&proc_columns, sort, strlen(sort));
	if (ctl->sort < 0 ||
	    proc_columns.cols[ctl->sort].type != COL_SIZE) {
		warnx("-s: not a size column of the processes: '%s'", sort);
		return -1;
	}
	for (i = 0; i < ctl->sel.n; i++)
		if (proc_col_walks(ctl->sel.ids[i]))
			break;
	if (i == ctl->sel.n && !proc_col_walks(ctl->sort))
		return 0;
	warnx("export reads the kernel's sums (smaps_rollup): THP, KSM and "
	      "ZERO need the pages walked (vmascope top)");
	return -1;
}

int cmd_export(int argc, char **argv)
{
	struct export_ctl ctl = { .top = 10, .proc = { .dirfd = -1 } };
	int rc;

	vms_argp_parse(&cmd_export_argp, argc, argv, &ctl);
	if (ctl.opts.list_columns)
		return out_list_columns(&ctl.opts, &proc_columns) ?
		       VMS_EXIT_FAILURE : VMS_EXIT_OK;
	if (select_columns(&ctl)) {
		colsel_free(&ctl.sel);
		return VMS_EXIT_USAGE;
	}
	if (vms_open_proc(&ctl.opts, &ctl.proc)) {
		colsel_free(&ctl.sel);
		return VMS_EXIT_FAILURE;
	}
	/* smaps_rollup of other users' processes needs ptrace read access;
	 * kpageflags (0400 root) is read as its owner, or with DAC_READ. */
	if (procfs_is_live(&ctl.proc))
		caps_setup(NEED_SYS_PTRACE | NEED_DAC_READ | NEED_SYS_ADMIN |
			   NEED_FOWNER, "other users' processes, the page "
			   "cache families (mapped files, cgroups)");
	ctl.cache = export_cache_new();
	if (ctl.textfile)
		textfile_read_prev(ctl.textfile, &ctl.prev);
	rc = run(&ctl);
	textfile_prev_free(&ctl.prev);
	export_scan_free(&ctl.scan);
	export_cache_free(ctl.cache);
	procfs_close(&ctl.proc);
	colsel_free(&ctl.sel);
	return rc;
}
