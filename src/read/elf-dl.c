// SPDX-License-Identifier: GPL-2.0-or-later
/* libelf.so.1, opened when an ELF file is to be read (lib/dl.h). */
#include "config.h"

#define VMS_DL_NO_NAMES
#include "lib/util.h"
#include "read/elf-dl.h"
#include "read/elfimage.h"

VMS_ELF_SYMS(VMS_DL_DEFINE)

static const struct vms_dl_sym elf_syms[] = {
	VMS_ELF_SYMS(VMS_DL_ROW)
};

int vms_elf_open(const char *what)
{
	static void *handle;

	return vms_dl_open(&handle, "libelf.so.1", elf_syms,
			   ARRAY_SIZE(elf_syms), what);
}
