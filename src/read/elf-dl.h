/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ELF_DL_H
#define VMS_ELF_DL_H

#include <gelf.h>
#include <libelf.h>

#include "lib/dl.h"

/* The libelf.so.1 functions vmascope calls, opened by vms_elf_open()
 * (read/elfimage.h, lib/dl.h): only `elf` and share's BUILDID read ELF
 * files. Included by the reader alone: libelf.h declares names (elf_fill)
 * vmascope uses for its own. */
#define VMS_ELF_SYMS(X) \
	X(elf_begin) \
	X(elf_end) \
	X(elf_errmsg) \
	X(elf_errno) \
	X(elf_getdata_rawchunk) \
	X(elf_getident) \
	X(elf_getphdrnum) \
	X(elf_getshdrstrndx) \
	X(elf_kind) \
	X(elf_nextscn) \
	X(elf_strptr) \
	X(elf_version) \
	X(gelf_getehdr) \
	X(gelf_getphdr) \
	X(gelf_getshdr)

VMS_ELF_SYMS(VMS_DL_DECLARE)

#ifndef VMS_DL_NO_NAMES
#define elf_begin vms_dl_elf_begin
#define elf_end vms_dl_elf_end
#define elf_errmsg vms_dl_elf_errmsg
#define elf_errno vms_dl_elf_errno
#define elf_getdata_rawchunk vms_dl_elf_getdata_rawchunk
#define elf_getident vms_dl_elf_getident
#define elf_getphdrnum vms_dl_elf_getphdrnum
#define elf_getshdrstrndx vms_dl_elf_getshdrstrndx
#define elf_kind vms_dl_elf_kind
#define elf_nextscn vms_dl_elf_nextscn
#define elf_strptr vms_dl_elf_strptr
#define elf_version vms_dl_elf_version
#define gelf_getehdr vms_dl_gelf_getehdr
#define gelf_getphdr vms_dl_gelf_getphdr
#define gelf_getshdr vms_dl_gelf_getshdr
#endif

#endif
