/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SMARTCOLS_DL_H
#define VMS_SMARTCOLS_DL_H

#include <libsmartcols.h>

#include "lib/dl.h"

/*
 * The libsmartcols.so.1 functions the output layer calls, opened by
 * vms_smartcols_open() (lib/dl.h) when a table needs libsmartcols: JSON
 * and pairs, a terminal, a tree, a sample's TIME column, a cell the plain
 * ASCII path cannot print, VMASCOPE_OUTPUT=libsmartcols. A table of plain
 * cells to a file or a pipe, sorted or not, empty or not (top, maps,
 * every table a script reads) never loads it.
 */
#define VMS_SMARTCOLS_SYMS(X) \
	X(scols_cell_get_userdata) \
	X(scols_cell_set_userdata) \
	X(scols_cmpstr_cells) \
	X(scols_column_get_flags) \
	X(scols_column_set_cmpfunc) \
	X(scols_column_set_flags) \
	X(scols_column_set_json_type) \
	X(scols_free_iter) \
	X(scols_line_get_cell) \
	X(scols_line_refer_data) \
	X(scols_line_set_data) \
	X(scols_new_iter) \
	X(scols_new_table) \
	X(scols_print_table) \
	X(scols_sort_table) \
	X(scols_table_enable_export) \
	X(scols_table_enable_json) \
	X(scols_table_enable_noheadings) \
	X(scols_table_enable_raw) \
	X(scols_table_get_column) \
	X(scols_table_new_column) \
	X(scols_table_new_line) \
	X(scols_table_next_line) \
	X(scols_table_remove_line) \
	X(scols_table_set_name) \
	X(scols_unref_table)

VMS_SMARTCOLS_SYMS(VMS_DL_DECLARE)

/* 0, or -1 said on stderr (what named as what needed it). */
int vms_smartcols_open(const char *what);

#ifndef VMS_DL_NO_NAMES
#define scols_cell_get_userdata vms_dl_scols_cell_get_userdata
#define scols_cell_set_userdata vms_dl_scols_cell_set_userdata
#define scols_cmpstr_cells vms_dl_scols_cmpstr_cells
#define scols_column_get_flags vms_dl_scols_column_get_flags
#define scols_column_set_cmpfunc vms_dl_scols_column_set_cmpfunc
#define scols_column_set_flags vms_dl_scols_column_set_flags
#define scols_column_set_json_type vms_dl_scols_column_set_json_type
#define scols_free_iter vms_dl_scols_free_iter
#define scols_line_get_cell vms_dl_scols_line_get_cell
#define scols_line_refer_data vms_dl_scols_line_refer_data
#define scols_line_set_data vms_dl_scols_line_set_data
#define scols_new_iter vms_dl_scols_new_iter
#define scols_new_table vms_dl_scols_new_table
#define scols_print_table vms_dl_scols_print_table
#define scols_sort_table vms_dl_scols_sort_table
#define scols_table_enable_export vms_dl_scols_table_enable_export
#define scols_table_enable_json vms_dl_scols_table_enable_json
#define scols_table_enable_noheadings vms_dl_scols_table_enable_noheadings
#define scols_table_enable_raw vms_dl_scols_table_enable_raw
#define scols_table_get_column vms_dl_scols_table_get_column
#define scols_table_new_column vms_dl_scols_table_new_column
#define scols_table_new_line vms_dl_scols_table_new_line
#define scols_table_next_line vms_dl_scols_table_next_line
#define scols_table_remove_line vms_dl_scols_table_remove_line
#define scols_table_set_name vms_dl_scols_table_set_name
#define scols_unref_table vms_dl_scols_unref_table
#endif

#endif
