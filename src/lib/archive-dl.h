/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ARCHIVE_DL_H
#define VMS_ARCHIVE_DL_H

#include <archive.h>
#include <archive_entry.h>

#include "lib/dl.h"

/* The libarchive.so.13 functions vmascope calls, opened by vms_archive_open()
 * (lib/dl.h). */
#define VMS_ARCHIVE_SYMS(X) \
	X(archive_entry_filetype) \
	X(archive_entry_free) \
	X(archive_entry_hardlink) \
	X(archive_entry_new) \
	X(archive_entry_pathname) \
	X(archive_entry_set_filetype) \
	X(archive_entry_set_pathname) \
	X(archive_entry_set_perm) \
	X(archive_entry_set_size) \
	X(archive_entry_set_symlink) \
	X(archive_entry_size) \
	X(archive_entry_sparse_add_entry) \
	X(archive_entry_symlink) \
	X(archive_errno) \
	X(archive_error_string) \
	X(archive_read_data) \
	X(archive_read_data_block) \
	X(archive_read_free) \
	X(archive_read_new) \
	X(archive_read_next_header) \
	X(archive_read_open_filename) \
	X(archive_read_support_filter_xz) \
	X(archive_read_support_filter_zstd) \
	X(archive_read_support_format_tar) \
	X(archive_write_add_filter_zstd) \
	X(archive_write_close) \
	X(archive_write_data) \
	X(archive_write_fail) \
	X(archive_write_free) \
	X(archive_write_header) \
	X(archive_write_new) \
	X(archive_write_open_fd) \
	X(archive_write_set_bytes_in_last_block) \
	X(archive_write_set_format_pax)

VMS_ARCHIVE_SYMS(VMS_DL_DECLARE)

/* 0, or -1 said on stderr: a snapshot cannot be made or read without
 * libarchive.so.13. */
int vms_archive_open(void);

#ifndef VMS_DL_NO_NAMES
#define archive_entry_filetype vms_dl_archive_entry_filetype
#define archive_entry_free vms_dl_archive_entry_free
#define archive_entry_hardlink vms_dl_archive_entry_hardlink
#define archive_entry_new vms_dl_archive_entry_new
#define archive_entry_pathname vms_dl_archive_entry_pathname
#define archive_entry_set_filetype vms_dl_archive_entry_set_filetype
#define archive_entry_set_pathname vms_dl_archive_entry_set_pathname
#define archive_entry_set_perm vms_dl_archive_entry_set_perm
#define archive_entry_set_size vms_dl_archive_entry_set_size
#define archive_entry_set_symlink vms_dl_archive_entry_set_symlink
#define archive_entry_size vms_dl_archive_entry_size
#define archive_entry_sparse_add_entry vms_dl_archive_entry_sparse_add_entry
#define archive_entry_symlink vms_dl_archive_entry_symlink
#define archive_errno vms_dl_archive_errno
#define archive_error_string vms_dl_archive_error_string
#define archive_read_data vms_dl_archive_read_data
#define archive_read_data_block vms_dl_archive_read_data_block
#define archive_read_free vms_dl_archive_read_free
#define archive_read_new vms_dl_archive_read_new
#define archive_read_next_header vms_dl_archive_read_next_header
#define archive_read_open_filename vms_dl_archive_read_open_filename
#define archive_read_support_filter_xz vms_dl_archive_read_support_filter_xz
#define archive_read_support_filter_zstd vms_dl_archive_read_support_filter_zstd
#define archive_read_support_format_tar vms_dl_archive_read_support_format_tar
#define archive_write_add_filter_zstd vms_dl_archive_write_add_filter_zstd
#define archive_write_close vms_dl_archive_write_close
#define archive_write_data vms_dl_archive_write_data
#define archive_write_fail vms_dl_archive_write_fail
#define archive_write_free vms_dl_archive_write_free
#define archive_write_header vms_dl_archive_write_header
#define archive_write_new vms_dl_archive_write_new
#define archive_write_open_fd vms_dl_archive_write_open_fd
#define archive_write_set_bytes_in_last_block vms_dl_archive_write_set_bytes_in_last_block
#define archive_write_set_format_pax vms_dl_archive_write_set_format_pax
#endif

#endif
