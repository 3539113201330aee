// SPDX-License-Identifier: GPL-2.0-or-later
/* The command table and the top level: vmascope COMMAND [OPTIONS]. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/closeout.h"
#include "lib/util.h"
#include "read/pagemap.h"
#include "cmd/cli.h"
#include "cmd/commands.h"

const char *argp_program_version = PACKAGE_NAME " " PACKAGE_VERSION;

const struct vms_command vms_commands[] = {
	{ "maps", cmd_maps, "VMAs of processes or of a maps/smaps file",
	  &cmd_maps_argp, &vma_columns },
	{ "pages", cmd_pages, "present and swapped pages of a process, "
	  "with their frames (streamed)", &cmd_pages_argp, &page_columns },
	{ "resolve", cmd_resolve, "virtual address to VMA, pagemap entry, "
	  "frame and struct page (virt_to_page)", &cmd_resolve_argp,
	  &page_columns },
	{ "pfn", cmd_pfn, "physical frames: flags, count, cgroup, node, and "
	  "who maps them (pfn_to_page)", &cmd_pfn_argp, &page_columns },
	{ "top", cmd_top, "memory per process: RSS, PSS, USS, SWAP",
	  &cmd_top_argp, &proc_columns },
	{ "share", cmd_share, "who shares which frames: by image, process, pair",
	  &cmd_share_argp, &share_columns },
	{ "flags", cmd_flags, "all frames of the machine by flag set",
	  &cmd_flags_argp, &frame_columns },
	{ "elf", cmd_elf, "ELF images: segments and sections, resident and COW",
	  &cmd_elf_argp, &elf_columns },
	{ "snapshot", cmd_snapshot, "processes and frames into one compressed "
	  "archive, for --proc-root FILE", &cmd_snapshot_argp, NULL },
	{ "diff", cmd_diff, "what changed between two snapshots, or since one "
	  "(- for now)", &cmd_diff_argp, &diff_columns },
	{ "export", cmd_export, "metrics for Prometheus (node_exporter "
	  "textfile collector)", &cmd_export_argp, &proc_columns },
	{ "cache", cmd_cache, "page cache by file, directory tree, process "
	  "and memory cgroup", &cmd_cache_argp, &cache_columns },
};

const size_t vms_ncommands = ARRAY_SIZE(vms_commands);

const struct vms_command *vms_command_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < vms_ncommands; i++)
		if (!strcmp(vms_commands[i].name, name))
			return &vms_commands[i];
	return NULL;
}

/* The columns of the command being parsed, for its --help. */
static const struct vms_coltable *help_columns;

char *vms_help_filter(int key, const char *text, void *input)
{
	if (key == ARGP_KEY_HELP_EXTRA && help_columns)
		return coltable_help(help_columns);
	return (char *)text;
}

void vms_argp_parse_flags(const struct argp *argp, int argc, char **argv,
			  unsigned int flags, void *input)
{
	char *name;
	size_t i;

	for (i = 0; i < vms_ncommands; i++)
		if (vms_commands[i].argp == argp)
			help_columns = vms_commands[i].columns;

	/* argp names the program by argv[0]: "vmascope maps: ..." */
	xasprintf(&name, "%s %s", program_invocation_short_name, argv[0]);
	argv[0] = name;
	argp_parse(argp, argc, argv, ARGP_NO_HELP | flags, NULL, input);
}

void vms_argp_parse(const struct argp *argp, int argc, char **argv,
		    void *input)
{
	vms_argp_parse_flags(argp, argc, argv, 0, input);
}

void vms_init(void)
{
	closeout_init();
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "Usage: %s COMMAND [OPTION...]\n"
		"Show what stands behind a process's address space: VMAs, "
		"pages and physical frames.\n\nCommands:\n",
		program_invocation_short_name);
	for (i = 0; i < vms_ncommands; i++)
		fprintf(out, "  %-10s %s\n", vms_commands[i].name,
			vms_commands[i].summary);
	fprintf(out, "\nOptions:\n"
		"  -h, --help     give this help list\n"
		"  -V, --version  print program version\n"
		"\n'%s COMMAND --help' lists a command's options and columns.\n",
		program_invocation_short_name);
}

/*
 * VMASCOPE_PAGEMAP=auto|plain|scan forces how pagemap is read (benchmarks,
 * and a way around a kernel's PAGEMAP_SCAN bug); read once, at start.
 */
static int pagemap_env(void)
{
	const char *s = getenv("VMASCOPE_PAGEMAP");
	enum pagemap_mode mode;

	if (!s || !*s)
		return 0;
	if (pagemap_mode_parse(s, &mode)) {
		warnx("VMASCOPE_PAGEMAP: unknown value: '%s' "
		      "(auto, plain or scan)", s);
		return -1;
	}
	pagemap_set_mode(mode);
	return 0;
}

int vms_main(int argc, char **argv)
{
	const struct vms_command *cmd;

	vms_init();
	if (pagemap_env())
		return VMS_EXIT_USAGE;
	if (argc < 2) {
		usage(stderr);
		return VMS_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return VMS_EXIT_OK;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("%s\n", argp_program_version);
		return VMS_EXIT_OK;
	}
	cmd = vms_command_lookup(argv[1]);
	if (!cmd) {
		warnx("unknown command: '%s' (see --help)", argv[1]);
		return VMS_EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
