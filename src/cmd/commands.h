/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_COMMANDS_H
#define VMS_COMMANDS_H

#include <argp.h>

#include "show/columns.h"

/* Each command is a file of its own: cmd-NAME.c. */
int cmd_maps(int argc, char **argv);
extern const struct argp cmd_maps_argp;
extern const struct vms_coltable vma_columns;
int cmd_pages(int argc, char **argv);
extern const struct argp cmd_pages_argp;
int cmd_resolve(int argc, char **argv);
extern const struct argp cmd_resolve_argp;
int cmd_pfn(int argc, char **argv);
extern const struct argp cmd_pfn_argp;
extern const struct vms_coltable page_columns;

int cmd_top(int argc, char **argv);
extern const struct argp cmd_top_argp;
extern const struct vms_coltable proc_columns;

int cmd_flags(int argc, char **argv);
extern const struct argp cmd_flags_argp;
extern const struct vms_coltable frame_columns;

int cmd_share(int argc, char **argv);
extern const struct argp cmd_share_argp;
extern const struct vms_coltable share_columns;

int cmd_elf(int argc, char **argv);
extern const struct argp cmd_elf_argp;
extern const struct vms_coltable elf_columns;

int cmd_export(int argc, char **argv);
extern const struct argp cmd_export_argp;
int cmd_cache(int argc, char **argv);
extern const struct argp cmd_cache_argp;
extern const struct vms_coltable cache_columns;
int cmd_snapshot(int argc, char **argv);
extern const struct argp cmd_snapshot_argp;

int cmd_diff(int argc, char **argv);
extern const struct argp cmd_diff_argp;
extern const struct vms_coltable diff_columns;

#endif
