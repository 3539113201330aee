/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_DL_H
#define VMS_DL_H

#include <stddef.h>

/*
 * Libraries only some commands need (cairo for pictures, libarchive for
 * snapshots) are opened when one of them runs, not at every start: with
 * them linked, the dynamic loader mapped and relocated 39 libraries before
 * main(), and `vmascope -V` cost three times `pmap -V`. A user of such a
 * library includes its *-dl.h header, which declares one pointer per
 * function it calls (typed by the library's own prototype) and names the
 * function after the pointer; vms_dl_open() fills the pointers. A call
 * missing from the list does not link (the library is not linked).
 */
struct vms_dl_sym {
	const char *name;
	void **addr;
};

/* Declares vms_dl_NAME, a pointer of NAME's type. */
#define VMS_DL_DECLARE(name) extern __typeof__(name) *vms_dl_##name;
/* Defines it, and a table row resolving it. */
#define VMS_DL_DEFINE(name) __typeof__(name) *vms_dl_##name;
#define VMS_DL_ROW(name) { #name, (void **)&vms_dl_##name },

/*
 * Opens soname (once; later calls return the first result) and resolves
 * every row of syms: 0, or -1 after a message naming the library, the
 * missing symbol and what needed it (what: "--png", "a snapshot").
 */
int vms_dl_open(void **handle, const char *soname,
		const struct vms_dl_sym *syms, size_t n, const char *what);

#endif
